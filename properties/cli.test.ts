import { afterAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../src/cli/main.ts';
import { catalog } from '../theorems/index.ts';

const tmp = mkdtempSync(join(tmpdir(), 'ratecheck-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '', err = '';
  // verify writes to a store in the temporary folder, never into the checkout
  const extra = args[0] === 'verify' && !args.includes('--store') && !args.includes('--no-store') ? ['--store', join(tmp, 'store')] : [];
  const code = await main(['node', 'ratecheck', ...args, ...extra], { io: { out: (s) => (out += s), err: (s) => (err += s) }, catalog });
  return { code, out, err };
}

const toy = 'properties/fixtures/toy-claims.ts';

describe('ratecheck CLI', () => {
  it('lists the catalog (text and JSON)', async () => {
    const text = await run('list');
    expect(text.code).toBe(0);
    expect(text.out).toMatch(/xu2024-mf\.thm1-core\s+holds/);
    const json = await run('list', '--json');
    expect(JSON.parse(json.out).some((c: { id: string }) => c.id === 'xu2024-mf.thm2-core')).toBe(true);
  });

  it("verifies a user's claim file: table, report.json, report.md, counterexample file; exit 0", async () => {
    const out = join(tmp, 'toy');
    const r = await run('verify', toy, '--runs', '20', '--seed', '5', '--out', out);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/claim\s+expected\s+verdict\s+instances\s+compared\s+measure\s+time/);
    expect(r.out).toMatch(/3 of 3 claims as expected/);
    expect(r.err).toMatch(/\[1\/3\] toy\.exact: holds/);
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
    expect(report.schemaVersion).toBe(1);
    const raised = report.claims.find((c: { id: string }) => c.id === 'toy.raised-rate');
    expect(raised).toMatchObject({ expected: 'refuted', verdict: 'refuted', asExpected: true });
    expect(raised.counterexample.params).toEqual({ q: 0.95, horizon: 1 });
    expect(existsSync(raised.counterexample.file)).toBe(true);
    expect(readFileSync(join(out, 'report.md'), 'utf8')).toMatch(/## Counterexamples/);

    // replay the saved counterexample, and every counterexample of the report
    const replay = await run('replay', raised.counterexample.file);
    expect(replay.code, replay.err).toBe(0);
    expect(replay.out).toMatch(/reproduced: at t = 1/);
    expect((await run('replay', join(out, 'report.json'))).code).toBe(0);
  });

  it('exits 1 when a verdict is not as expected', async () => {
    // a time limit too short to check anything makes every verdict inconclusive
    const r = await run('verify', 'toy.exact', toy, '--runs', '5', '--time-limit', '0.000001', '--out', join(tmp, 'short'));
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/NOT as expected/);
  });

  it('exits 2 with one line for bad usage and bad input, and writes nothing', async () => {
    const out = join(tmp, 'bad');
    const cases: [string[], RegExp][] = [
      [['verify', 'no-such-claim'], /unknown claim id 'no-such-claim'/],
      [['verify', '--runs', '-3'], /--runs must be a positive integer/],
      [['verify', '--runs', 'abc'], /--runs must be a positive integer/],
      [['verify', '--seed', '1.5'], /--seed must be an integer/],
      [['verify', '--time-limit', '0'], /--time-limit must be a positive number/],
      [['verify', 'properties/fixtures/throws.ts'], /cannot load claim file .*: this claim file is broken/],
      [['verify', 'properties/fixtures/not-a-claim.ts'], /not-a-claim: not a claim/],
      [['verify', 'missing/claims.ts'], /claim file not found/],
      [['bogus'], /unknown command/],
    ];
    for (const [args, message] of cases) {
      const r = await run(...args, '--out', out);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err, args.join(' ')).toMatch(message);
      expect(r.err.trim().split('\n').filter((l) => !l.startsWith('ratecheck verify:')).length, r.err).toBe(1);
    }
    expect(existsSync(join(out, 'report.json'))).toBe(false);
  });

  it('a claim that fails while it runs gets an error verdict in a written report, and exit 1', async () => {
    const out = join(tmp, 'nan');
    const r = await run('verify', 'properties/fixtures/nan-bound.ts', '--runs', '5', '--out', out);
    expect(r.code, r.err).toBe(1);
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
    expect(report.claims[0]).toMatchObject({ id: 'defect.nan-bound', verdict: 'error' });
    expect(report.claims[0].error.message).toMatch(/defect\.nan-bound: bound on x returned NaN/);
    expect(r.out).toMatch(/defect\.nan-bound/);
  });

  it('replay rejects malformed or foreign files with exit 2', async () => {
    const bad = join(tmp, 'bad.json');
    writeFileSync(bad, '{not json');
    expect((await run('replay', bad)).err).toMatch(/malformed JSON/);
    writeFileSync(bad, JSON.stringify({ hello: 1 }));
    const foreign = await run('replay', bad);
    expect(foreign.code).toBe(2);
    expect(foreign.err).toMatch(/not a ratecheck counterexample/);
    writeFileSync(bad, JSON.stringify({ kind: 'ratecheck-counterexample', claimId: 'nope', params: {}, maxIterations: 1, violation: { iteration: 0, metric: 'x' } }));
    expect((await run('replay', bad)).err).toMatch(/unknown claim id 'nope'/);
    writeFileSync(bad, JSON.stringify({ claims: [], options: {} }));
    expect((await run('replay', bad)).err).toMatch(/holds no counterexamples/);
    expect((await run('replay', join(tmp, 'absent.json'))).err).toMatch(/file not found/);
  });

  it('replay exits 1 when the saved violation no longer reproduces', async () => {
    const out = join(tmp, 'toy2');
    await run('verify', 'toy.raised-rate', toy, '--runs', '10', '--out', out);
    const file = join(out, 'counterexamples', 'toy.raised-rate.json');
    const cx = JSON.parse(readFileSync(file, 'utf8'));
    cx.violation.observed = 0.123;
    writeFileSync(file, JSON.stringify(cx));
    const r = await run('replay', file);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/a different violation/);
  });

  it('shards, merges, writes JUnit, and honours profiles', async () => {
    const a = join(tmp, 'shard1'), b = join(tmp, 'shard2');
    const r1 = await run('verify', toy, '--shard', '1/2', '--runs', '10', '--out', a, '--junit', join(a, 'junit.xml'));
    const r2 = await run('verify', toy, '--shard', '2/2', '--runs', '10', '--out', b);
    expect(r1.code + r2.code).toBe(0);
    const n1 = JSON.parse(readFileSync(join(a, 'report.json'), 'utf8')).claims.length;
    const n2 = JSON.parse(readFileSync(join(b, 'report.json'), 'utf8')).claims.length;
    expect(n1 + n2).toBe(3);
    expect(readFileSync(join(a, 'junit.xml'), 'utf8')).toMatch(/<testcase classname="toy" name="toy\.exact"/);
    const merged = await run('merge', join(a, 'report.json'), join(b, 'report.json'), '--out', join(tmp, 'merged'), '--junit', join(tmp, 'merged', 'j.xml'));
    expect(merged.code, merged.err).toBe(0);
    expect(merged.out).toMatch(/3 of 3 claims as expected \(merged from 2 reports\)/);
    expect((await run('merge', join(a, 'report.json'), join(a, 'report.json'))).err).toMatch(/appears in more than one report/);
    const quick = await run('verify', toy, '--profile', 'quick', '--out', join(tmp, 'quick'));
    expect(quick.err).toMatch(/profile quick, 20 runs each/);
    expect((await run('verify', '--shard', '3/2')).err).toMatch(/--shard must be i\/N/);
    expect((await run('verify', '--profile', 'huge')).err).toMatch(/--profile must be quick, default or thorough/);
  });

  it('--json: verify prints the report on stdout (the rest on stderr), replay the outcome of each counterexample; one claim is "1 claim"', async () => {
    const out = join(tmp, 'json');
    const v = await run('verify', 'toy.raised-rate', toy, '--runs', '10', '--out', out, '--json');
    expect(v.code, v.err).toBe(0);
    const report = JSON.parse(v.out);
    expect(report).toEqual(JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')));
    expect(report.summary).toMatchObject({ claims: 1, asExpected: 1 });
    expect(report.summary.wallTimeMs).toBeGreaterThanOrEqual(0);
    expect(v.err).toMatch(/ratecheck verify: 1 claim, /);
    expect(v.err).toMatch(/1 of 1 claim as expected/);
    const r = await run('replay', join(out, 'report.json'), '--json');
    expect(r.code, r.err).toBe(0);
    const outcomes = JSON.parse(r.out);
    expect(outcomes).toHaveLength(1);
    expect(outcomes[0]).toMatchObject({ claimId: 'toy.raised-rate', reproduced: true, params: { q: 0.95, horizon: 1 }, saved: { iteration: 1 }, replayed: { iteration: 1 } });
    expect(outcomes[0].message).toMatch(/^reproduced: at t = 1/);
    const merged = await run('merge', join(out, 'report.json'), '--out', join(tmp, 'json-merged'), '--no-figures');
    expect(merged.out).toMatch(/1 of 1 claim as expected \(merged from 1 report\)/);
    expect(readFileSync(join(tmp, 'json-merged', 'report.md'), 'utf8')).toMatch(/1 of 1 claim as expected/);
  });

  it('tighten reports the largest ratio, the contraction, and writes the tight instance', async () => {
    const file = await run('tighten', toy, '--budget', '0.3', '--out', join(tmp, 'tighten'));
    expect(file.code, file.err).toBe(2); // a file of three claims: tighten takes one
    expect(file.err).toMatch(/tighten takes one claim/);
    const r = await run('tighten', toy, 'toy.exact', '--budget', '0.3', '--out', join(tmp, 'tighten'));
    expect(r.code, r.err).toBe(0); // FILE id
    expect(r.out).toMatch(/^toy\.exact: /);
    const one = await run('tighten', 'xu2024-mf.thm2-core', '--budget', '1', '--out', join(tmp, 'tighten'));
    expect(one.code, one.err).toBe(0);
    expect(one.out).toMatch(/largest observed\/bound ratio: 0\.70\d+ at t = 0/);
    expect(existsSync(join(tmp, 'tighten', 'xu2024-mf.thm2-core.json'))).toBe(true);
    const json = await run('tighten', 'xu2024-mf.thm2-core', '--budget', '0.5', '--json', '--out', join(tmp, 'tighten'));
    expect(JSON.parse(json.out).claimId).toBe('xu2024-mf.thm2-core');
    expect((await run('tighten', 'xu2024-mf.gd-iterations-kappa2', '--budget', '0.2')).err).toMatch(/tighten works on per-instance bounds/);
  });

  it('audit-init prints the table and the paper-regime findings', async () => {
    const r = await run('audit-init', '--widths', '5', '--out', join(tmp, 'audit'));
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/c = 50√d \(paper, Figs 1-2\)/);
    expect(r.out).toMatch(/d = 5: the paper's c = 50√d = .* is OUTSIDE Theorem 1/);
    expect(r.out).toMatch(/Two-layer linear network \(Theorem 3\)/);
    const doc = JSON.parse(readFileSync(join(tmp, 'audit', 'audit-init.json'), 'utf8'));
    expect(doc['matrix-factorization'].rows.length).toBeGreaterThan(10);
    expect(doc['linear-network'].rows.length).toBeGreaterThan(10);
    const net = await run('audit-init', 'linear-network', '--widths', '20', '--json', '--out', join(tmp, 'audit2'));
    expect(JSON.parse(net.out)['matrix-factorization']).toBeUndefined();
    expect((await run('audit-init', 'nonsense')).err).toMatch(/unknown family 'nonsense'/);
    expect((await run('audit-init', '--widths', '3')).err).toMatch(/d must be at least 5/);
  });

  it('loads .ts, .mts, .cts, .js, .mjs and .cjs claim files as written, never a sibling', async () => {
    // inside the checkout, so that 'fast-check' resolves from the claim files
    mkdirSync(join(process.cwd(), '.ratecheck'), { recursive: true });
    const dir = mkdtempSync(join(process.cwd(), '.ratecheck', 'claims-'));
    try {
      const body = (id: string) => `{
  id: '${id}', statement: 'x_t = 1', source: { paper: 'p', theorem: 't', url: 'u', confidence: 'D' }, kind: 'bound-for-all-t', expected: 'holds',
  params: fc.integer({ min: 1, max: 3 }),
  instantiate: () => ({ hypotheses: [], derived: {}, bounds: [{ metric: 'x', relation: 'le', value: () => 1, floor: 0, cite: 'c' }], run: (observe) => { observe(0, { x: 1 }); } }),
}`;
      const esm = (id: string) => `import fc from 'fast-check';\nexport const c = ${body(id)};\n`;
      const cjs = (id: string) => `const fc = require('fast-check');\nmodule.exports = { claims: [${body(id)}] };\n`;
      const files: Record<string, string> = { 'a.ts': esm('ext.ts'), 'a.mts': esm('ext.mts'), 'a.cts': cjs('ext.cts'), 'a.mjs': esm('ext.mjs'), 'b.js': esm('ext.js'), 'a.cjs': cjs('ext.cjs') };
      writeFileSync(join(dir, 'package.json'), '{"type": "module"}');
      for (const [f, text] of Object.entries(files)) writeFileSync(join(dir, f), text);
      for (const f of Object.keys(files)) {
        const r = await run('list', join(dir, f));
        expect(r.code, `${f}: ${r.err}`).toBe(0);
        expect(r.out, f).toMatch(new RegExp(`^ext\\.${f.split('.')[1]}\\s+holds`));
      }
      // a syntax error names the file, line and column
      writeFileSync(join(dir, 'broken.ts'), 'export const c = {\n  id: ,\n};\n');
      const ts = await run('list', join(dir, 'broken.ts'));
      expect(ts.code).toBe(2);
      expect(ts.err).toMatch(/cannot load claim file .*broken\.ts: .*broken\.ts:2:\d+: ERROR/);
      writeFileSync(join(dir, 'broken.mjs'), 'export const c = {\n  id: ,\n};\n');
      const mjs = await run('list', join(dir, 'broken.mjs'));
      expect(mjs.code).toBe(2);
      expect(mjs.err).toMatch(/cannot load claim file .*broken\.mjs: .*broken\.mjs:2:\d+: Unexpected token/);
      const wrong = await run('list', join(dir, 'package.json'));
      expect(wrong.err).toMatch(/expected one of \.ts, \.mts, \.cts, \.js, \.mjs, \.cjs/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('list takes claim files and ids too', async () => {
    const r = await run('list', toy, 'toy.exact');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/^toy\.exact\s+holds/);
    expect(r.out).toMatch(/1 claim \(0 false variants\)/);
    expect((await run('list', toy)).out).toMatch(/3 claims \(1 false variant\)/);
  });

  it('prints help and version with exit 0', async () => {
    expect((await run('--version')).code).toBe(0);
    expect((await run('--help')).out).toMatch(/verify/);
  });
});
