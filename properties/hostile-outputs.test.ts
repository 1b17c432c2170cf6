/**
 * Hostile inputs against the outputs (issue 13, items 6 and 9 to 13): reports written whole or not at
 * all (also under SIGTERM), locked against concurrent runs, output paths checked before anything runs,
 * sizes limited, replay never importing code named by a data file from outside the project, and every
 * text escaped in JUnit, Markdown and on the terminal. Each case has its own time limit, so a hang fails
 * the case rather than the run.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { main } from '../src/cli/main.ts';
import { catalog } from '../theorems/index.ts';
import { resolveTargets } from '../src/cli/load.ts';
import { verifyClaims } from '../src/checking/verify.ts';
import { CounterexampleStore, paramsSizeProblem } from '../src/checking/store.ts';
import { acquireLock, isStale, LockError } from '../src/checking/lock.ts';
import { lockFileOf, validateOutputs, OutputError } from '../src/reporting/write.ts';
import { junitXml } from '../src/reporting/junit.ts';
import { mergeReports } from '../src/reporting/merge.ts';
import { counterexampleFileName, markdownReport, replayCommand, shellQuote, toJson, numberFromJson, type Report } from '../src/reporting/report.ts';
import { zeros } from '../src/linalg/dense.ts';

const tmp = mkdtempSync(join(tmpdir(), 'ratecheck-hostile-outputs-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const fx = (name: string) => `properties/fixtures/hostile/${name}`;
const T = 60_000;

async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '', err = '';
  const code = await main(['node', 'ratecheck', ...args], { io: { out: (s) => (out += s), err: (s) => (err += s) }, catalog });
  return { code, out, err };
}

/** The output directory is one consistent report: every counterexample file referenced, none extra. */
function consistent(out: string): void {
  const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as Report;
  const referenced = report.claims.filter((c) => c.counterexample).map((c) => basename(c.counterexample!.file)).sort();
  const present = existsSync(join(out, 'counterexamples')) ? readdirSync(join(out, 'counterexamples')).sort() : [];
  expect(present).toEqual(referenced);
  expect(readFileSync(join(out, 'report.md'), 'utf8')).toContain(`${report.summary.asExpected} of ${report.summary.claims} claim${report.summary.claims === 1 ? '' : 's'} as expected`);
  expect(readFileSync(join(out, 'report.html'), 'utf8')).toContain('</html>');
}

/** No staging directory, temporary file or probe is left anywhere under dir. */
function noLeftovers(dir: string): void {
  const walk = (d: string): string[] => readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? [e.name, ...walk(join(d, e.name))] : [e.name]));
  expect(walk(dir).filter((n) => /staging|\.tmp-|ratecheck-probe|\.old$/.test(n))).toEqual([]);
}

describe('outputs whole or absent', () => {
  it('replaces the previous report whole: stale counterexample files go, foreign files stay', { timeout: T }, async () => {
    const out = join(tmp, 'swap', 'r');
    expect((await run('verify', fx('outputs-pair.ts'), '--runs', '20', '--no-store', '--out', out)).code).toBe(0);
    expect(readdirSync(join(out, 'counterexamples'))).toEqual(['user.pair-false.json']);
    writeFileSync(join(out, 'notes.txt'), 'mine');
    // the next run refutes nothing: its report must not sit beside the old counterexample file
    const r = await run('verify', fx('outputs-other.ts'), '--runs', '5', '--no-store', '--out', out);
    expect(r.code, r.err).toBe(0);
    consistent(out);
    expect(readdirSync(join(out, 'counterexamples'))).toEqual([]);
    expect(readFileSync(join(out, 'notes.txt'), 'utf8')).toBe('mine');
    noLeftovers(dirname(out));
  });

  it('SIGTERM while writing leaves the previous output or the complete new one, and no staging directory', { timeout: T }, async () => {
    const base = join(tmp, 'signal');
    mkdirSync(base, { recursive: true });
    const first = join(base, 'first');
    expect((await run('verify', fx('outputs-pair.ts'), '--runs', '20', '--no-store', '--out', first)).code).toBe(0);
    const script = join(base, 'child.mts');
    writeFileSync(
      script,
      `import { readFileSync } from 'node:fs';
import { writeReport } from ${JSON.stringify(resolve('src/reporting/write.ts'))};
const [out, reportFile, mode] = process.argv.slice(2);
const report = JSON.parse(readFileSync(reportFile, 'utf8'));
report.claims = report.claims.filter((c) => !c.counterexample);
report.createdAt = 'second';
if (mode === 'at-await') {
  const p = writeReport(out, report, { figures: true });
  process.kill(process.pid, 'SIGTERM');
  await p;
} else {
  // the signal arrives in the middle of the synchronous writing (when report.md reads the summary)
  const summary = report.summary;
  let sent = false;
  Object.defineProperty(report, 'summary', { enumerable: true, get() { if (!sent) { sent = true; process.kill(process.pid, 'SIGTERM'); } return summary; } });
  await writeReport(out, report, { figures: false });
}
setTimeout(() => {}, 2000);
`,
    );
    for (const mode of ['at-await', 'during-sync']) {
      const out = join(base, mode);
      rmSync(out, { recursive: true, force: true });
      expect((await run('verify', fx('outputs-pair.ts'), '--runs', '20', '--no-store', '--out', out)).code).toBe(0);
      const previous = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')).createdAt;
      const r = spawnSync(process.execPath, ['--import', 'tsx', script, out, join(first, 'report.json'), mode], { encoding: 'utf8', timeout: 30_000 });
      expect(r.status === 143 || r.signal === 'SIGTERM', `${mode}: ${r.status} ${r.signal} ${r.stderr}`).toBe(true);
      consistent(out);
      const createdAt = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')).createdAt;
      // during the synchronous writing the signal waits: the new report is complete
      if (mode === 'during-sync') expect(createdAt).toBe('second');
      else expect([previous, 'second']).toContain(createdAt);
      noLeftovers(base);
    }
  });

  it('a verify killed by SIGTERM at any moment leaves a consistent report directory', { timeout: 4 * T }, async () => {
    const base = join(tmp, 'kill');
    const out = join(base, 'r');
    expect((await run('verify', fx('outputs-pair.ts'), '--runs', '20', '--no-store', '--out', out, '--seed', '1')).code).toBe(0);
    for (const delay of [300, 800, 1200, 1600, 2200]) {
      const child = spawn(process.execPath, ['bin/ratecheck.js', 'verify', fx('outputs-pair.ts'), fx('outputs-other.ts'), '--runs', '30', '--no-store', '--out', out, '--seed', String(delay)], { stdio: 'ignore' });
      const exited = new Promise((r) => child.on('exit', r));
      await new Promise((r) => setTimeout(r, delay));
      child.kill('SIGTERM');
      await exited;
      consistent(out);
      noLeftovers(base);
    }
  });
});

describe('concurrent runs', () => {
  it('a second run on a locked report directory is refused with a clear message; a stale lock is taken over', { timeout: T }, async () => {
    const out = join(tmp, 'locked', 'r');
    mkdirSync(dirname(out), { recursive: true });
    const lock = acquireLock(lockFileOf(out), out);
    try {
      const r = await run('verify', fx('outputs-other.ts'), '--runs', '3', '--no-store', '--out', out);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(new RegExp(`another ratecheck run holds ${out.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
      expect(existsSync(out)).toBe(false);
      expect(() => acquireLock(lockFileOf(out), out)).toThrow(LockError);
    } finally {
      lock.release();
    }
    // a lock left by a process that no longer exists is stale
    writeFileSync(lockFileOf(out), JSON.stringify({ pid: 2 ** 22 + 12345, host: (await import('node:os')).hostname(), started: 'then', what: out }));
    expect(isStale(lockFileOf(out))).toBe(true);
    const r = await run('verify', fx('outputs-other.ts'), '--runs', '3', '--no-store', '--out', out);
    expect(r.code, r.err).toBe(0);
    expect(existsSync(lockFileOf(out))).toBe(false);
  });

  it('store updates of concurrent processes are not lost', { timeout: T }, async () => {
    const dir = join(tmp, 'store-race');
    const script = join(tmp, 'store-child.mts');
    writeFileSync(
      script,
      `import { CounterexampleStore } from ${JSON.stringify(resolve('src/checking/store.ts'))};
const [dir, who] = process.argv.slice(2);
const store = new CounterexampleStore(dir);
for (let i = 0; i < 25; i++) store.add('toy.race', { who: Number(who), i });
`,
    );
    const children = [0, 1, 2, 3].map((who) => spawn(process.execPath, ['--import', 'tsx', script, dir, String(who)], { stdio: 'inherit' }));
    const codes = await Promise.all(children.map((c) => new Promise((r) => c.on('exit', r))));
    expect(codes).toEqual([0, 0, 0, 0]);
    expect(new CounterexampleStore(dir).load('toy.race')).toHaveLength(100);
    expect(readdirSync(dir)).toEqual(['toy.race.json']);
    expect(existsSync(new CounterexampleStore(dir).lockFile)).toBe(false);
  });
});

describe('output paths checked before anything runs', () => {
  const file = join(tmp, 'a-file');
  writeFileSync(file, 'x');
  const cases: [string, string[], RegExp][] = [
    ['--out ""', ['--out', ''], /--out must not be empty/],
    ['--out a file', ['--out', file], /--out .* is not a directory/],
    ['--out under a file', ['--out', join(file, 'sub')], /is not a directory/],
    ['--out under /proc', ['--out', '/proc/nope/out'], /cannot write in \/proc/],
    ['--store a file', ['--store', file], /--store .* is not a directory/],
    ['--junit a directory', ['--junit', tmp], /--junit .* is not a regular file/],
    ['--junit ending in /', ['--junit', join(tmp, 'j') + '/'], /names a directory/],
    ['--junit /proc/nope/j.xml', ['--junit', '/proc/nope/j.xml'], /cannot write in \/proc/],
    ['--junit under a file', ['--junit', join(file, 'j.xml')], /is not a directory/],
  ];
  for (const [name, args, message] of cases) {
    it(`${name}: exit 2 at once, nothing written`, { timeout: 20_000 }, async () => {
      const cwd = process.cwd();
      const scratch = mkdtempSync(join(tmp, 'cwd-'));
      process.chdir(scratch);
      try {
        const started = Date.now();
        const r = await run('verify', resolve(cwd, fx('outputs-other.ts')), '--runs', '3', ...(args.includes('--store') ? [] : ['--no-store']), ...(args.includes('--out') ? [] : ['--out', join(scratch, 'o')]), ...args);
        expect(r.code).toBe(2);
        expect(r.err).toMatch(message);
        expect(r.err.trim().split('\n')).toHaveLength(1);
        expect(Date.now() - started).toBeLessThan(10_000);
        expect(readdirSync(scratch)).toEqual([]);
      } finally {
        process.chdir(cwd);
      }
    });
  }

  it('refuses a project folder as the report directory, and keeps other files of a report directory', { timeout: 20_000 }, async () => {
    const dir = mkdtempSync(join(tmp, 'project-'));
    writeFileSync(join(dir, 'package.json'), '{}');
    writeFileSync(join(dir, 'precious.txt'), 'keep');
    const r = await run('verify', fx('outputs-other.ts'), '--runs', '3', '--no-store', '--out', dir);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/is a project folder or holds the working directory/);
    expect(readdirSync(dir).sort()).toEqual(['package.json', 'precious.txt']);
    // a folder holding a CI step's log: the report goes in beside it
    const logs = mkdtempSync(join(tmp, 'logs-'));
    writeFileSync(join(logs, 'stdout'), 'log');
    const ok = await run('verify', fx('outputs-other.ts'), '--runs', '3', '--no-store', '--out', logs);
    expect(ok.err).not.toMatch(/report directory/);
    expect(readdirSync(logs)).toEqual(expect.arrayContaining(['stdout', 'report.json']));
    expect(readFileSync(join(logs, 'stdout'), 'utf8')).toBe('log');
    expect(() => validateOutputs({ out: '/' })).toThrow(OutputError);
    expect(() => validateOutputs({ out: join(tmp, 'x'), store: join(tmp, 'x') })).toThrow(/different directories/);
  });

  it('the library call checks its outputs too, and merge checks its own', { timeout: 20_000 }, async () => {
    const [{ claim }] = await resolveTargets([fx('outputs-other.ts')], undefined);
    await expect(verifyClaims([claim], { runs: 2, out: '' })).rejects.toThrow(/out must not be empty/);
    const r = await run('merge', join(tmp, 'nothing.json'), '--out', '');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--out must not be empty/);
  });
});

describe('files and sizes', () => {
  it('refuses non-regular and oversized claim and data files before reading them', { timeout: 20_000 }, async () => {
    const zero = await run('verify', '/dev/zero');
    expect(zero.code).toBe(2);
    expect(zero.err).toMatch(/\/dev\/zero is not a regular file/);
    const big = join(tmp, 'big.json');
    writeFileSync(big, '');
    truncateSync(big, 11 * 1024 * 1024);
    const replay = await run('replay', big);
    expect(replay.code).toBe(2);
    expect(replay.err).toMatch(/too large/);
    const bigTs = join(tmp, 'big.ts');
    writeFileSync(bigTs, '');
    truncateSync(bigTs, 11 * 1024 * 1024);
    expect((await run('verify', bigTs)).err).toMatch(/claim file .* is too large/);
    expect((await run('replay', '/dev/zero')).err).toMatch(/not a regular file/);
  });

  it('an absurd size in a replay file is an ordinary error (exit 2), never a crash', { timeout: 20_000 }, async () => {
    const cx = {
      schemaVersion: 1, kind: 'ratecheck-counterexample', claimId: 'classical-gd.drori-teboulle-long-step',
      params: { kind: 'quadratic-mode', d: 1_000_000_000, n: 1, mu: 0, L: 0.1, R: 0.1, shift: 0, basis: 'diagonal', mode: 'L', horizon: 1, h: 1.53125, seed: 26 },
      maxIterations: 400, dense: false,
      violation: { iteration: 1, metric: 'gap', relation: 'le', observed: 1, bound: 0.5, ratio: 2, cite: 'x' },
      fastCheck: { seed: 1, path: '0', numShrinks: 0 },
    };
    const file = join(tmp, 'huge-d.json');
    writeFileSync(file, JSON.stringify(cx));
    const r = await run('replay', file);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/params\.d = 1000000000 is out of range/);
    expect(paramsSizeProblem({ seed: 2 ** 31, d: 10, nested: [{ rows: 5 }] })).toBeNull();
    expect(paramsSizeProblem({ layers: [{ width: 1e9 }] })).toMatch(/params\.layers\[0\]\.width/);
    expect(() => zeros(100_000, 100_000)).toThrow(/100000x100000 matrix is too large/);
    expect(zeros(2, 3).data).toHaveLength(6);
  });

  it('a store entry with an absurd size is skipped with a warning naming its file', { timeout: 20_000 }, async () => {
    const dir = join(tmp, 'store-sizes');
    mkdirSync(dir, { recursive: true });
    const id = 'classical-gd.drori-teboulle-long-step';
    writeFileSync(join(dir, `${id}.json`), JSON.stringify({ schemaVersion: 1, claimId: id, instances: [{ kind: 'quadratic-mode', d: 1_000_000_000, n: 1, mu: 0, L: 0.1, R: 0.1, shift: 0, basis: 'diagonal', mode: 'L', horizon: 1, h: 1.53125, seed: 26 }] }));
    const r = await run('verify', id, '--runs', '3', '--store', dir, '--out', join(tmp, 'o-store-sizes'));
    expect(r.err).toMatch(new RegExp(`warning: ${id}: skipping a stored counterexample in .*${id}\\.json: params\\.d = 1000000000`));
    expect([0, 1]).toContain(r.code);
  });
});

describe('replay never imports code named by a data file from outside the project', () => {
  const outside = mkdtempSync(join(tmpdir(), 'ratecheck-evil-'));
  afterAll(() => rmSync(outside, { recursive: true, force: true }));
  const marker = join(outside, 'PWNED');
  writeFileSync(join(outside, 'evil.mjs'), `import { writeFileSync } from 'node:fs'; writeFileSync(${JSON.stringify(marker)}, 'x');\nexport {};\n`);
  const cx = (claimFile: string) => ({
    schemaVersion: 1, kind: 'ratecheck-counterexample', claimId: 'user.pair-false', claimFile,
    params: { q: 0.5, horizon: 3 }, maxIterations: 100, dense: false,
    violation: { iteration: 1, metric: 'x', relation: 'le', observed: 0.5, bound: 0.25, ratio: 2, cite: 'x_t = q^t' },
    fastCheck: { seed: 1, path: '0', numShrinks: 0 },
  });

  it('refuses a claim file outside the project, also through a symbolic link', { timeout: 20_000 }, async () => {
    const file = join(tmp, 'evil.json');
    writeFileSync(file, JSON.stringify(cx(join(outside, 'evil.mjs'))));
    const r = await run('replay', file);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/not inside the current project .*--claims FILE/);
    expect(existsSync(marker)).toBe(false);
    // a link inside the project that points outside it
    const link = resolve('properties/fixtures/hostile/.outputs-evil-link.mjs');
    rmSync(link, { force: true });
    symlinkSync(join(outside, 'evil.mjs'), link);
    try {
      writeFileSync(file, JSON.stringify(cx(link)));
      expect((await run('replay', file)).code).toBe(2);
      expect(existsSync(marker)).toBe(false);
    } finally {
      rmSync(link, { force: true });
    }
    writeFileSync(file, JSON.stringify(cx('/etc/passwd')));
    expect((await run('replay', file)).err).toMatch(/not inside the current project/);
  });

  it('loads a claim file inside the project, or the one named with --claims', { timeout: 20_000 }, async () => {
    const file = join(tmp, 'inside.json');
    writeFileSync(file, JSON.stringify(cx(resolve(fx('outputs-pair.ts')))));
    const inside = await run('replay', file);
    expect(inside.err).not.toMatch(/not inside/);
    expect(inside.out).toMatch(/^user\.pair-false: /);
    writeFileSync(file, JSON.stringify(cx(join(outside, 'evil.mjs'))));
    const named = await run('replay', file, '--claims', fx('outputs-pair.ts'));
    expect(named.err).not.toMatch(/not inside/);
    expect(named.out).toMatch(/^user\.pair-false: /);
    expect(existsSync(marker)).toBe(false);
  });
});

describe('escaping and ids', () => {
  it('restricts claim ids to [A-Za-z0-9._-] with one clear error; counterexample files are named by the id', { timeout: 20_000 }, async () => {
    const r = await run('verify', fx('outputs-collide.ts'), '--no-store', '--out', join(tmp, 'o-collide'));
    expect(r.code).toBe(2);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toMatch(/"user\/collide" may use only letters, digits/);
    expect(existsSync(join(tmp, 'o-collide'))).toBe(false);
    expect(counterexampleFileName('user_collide')).toBe('user_collide.json');
    expect(() => counterexampleFileName('user/collide')).toThrow(RangeError);
    expect(() => counterexampleFileName('..')).toThrow(RangeError);
  });

  it('error verdicts, compared iterations and hostile text in report.json, report.md, JUnit and the console', { timeout: T }, async () => {
    const out = join(tmp, 'o-mixed');
    const junit = join(tmp, 'mixed-junit.xml');
    const r = await run('verify', fx('outputs-mixed.ts'), '--runs', '20', '--no-store', '--out', out, '--junit', junit);
    expect(r.code, r.err).toBe(1);
    expect(r.out).toMatch(/claim\s+expected\s+verdict\s+instances\s+compared\s+measure\s+time/);
    expect(r.out).toMatch(/user\.mixed-throws\s+holds\s+error {2}✗/);
    expect(r.out).toMatch(/user\.mixed-throws: error: .*boom/);
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as Report;
    const thrown = report.claims.find((c) => c.id === 'user.mixed-throws')!;
    expect(thrown.verdict).toBe('error');
    expect(thrown.error?.message).toMatch(/boom/);
    expect(thrown.error?.stack).toMatch(/Error: boom/);
    expect(thrown.error?.params).toBeDefined();
    const ok = report.claims.find((c) => c.id === 'user.mixed-ok')!;
    expect(ok.comparedIterations).toBeGreaterThan(0);
    const md = readFileSync(join(out, 'report.md'), 'utf8');
    expect(md).toMatch(/## Errors/);
    expect(md.split('\n').filter((l) => l.startsWith('#'))).toEqual(['# ratecheck report', '## Counterexamples', '## Errors', '## Notes'].filter((h) => md.includes(h)));
    expect(md).not.toMatch(/```/);
    const xml = readFileSync(junit, 'utf8');
    expect(xml).toMatch(/<error message="[^"]*boom[^"]*" type="claim-error">/);
    // eslint-disable-next-line no-control-regex
    expect(xml).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
    expect(xml).not.toMatch(/<b>|\]\]>/);
    expect(xml).toMatch(/&lt;b&gt;x&lt;\/b&gt;/);
    expect(xml).toMatch(/errors="1"/);
  });

  it('JUnit, Markdown and merge escape a crafted shard report', { timeout: 20_000 }, () => {
    const entry = {
      id: 'a.b', statement: 's"/><evil/>\u0001', source: { paper: 'p', theorem: 't', url: 'u', confidence: 'V' }, kind: 'bound-for-all-t',
      expected: 'holds', verdict: 'holds', asExpected: true, instances: 1, hypothesesMet: 1, maxRatio: 'Infinity', horizon: null,
      hypothesisFailures: {}, seed: 1, runs: 1, maxIterations: 1, timeMs: 1, reason: 'x\n# heading `code` | cell',
    };
    const report = { schemaVersion: 1, tool: { name: 'ratecheck', version: '0' }, createdAt: 'now', options: { runs: 1, seed: 1, timeLimitSec: null, maxIterations: null, dense: false }, summary: { claims: 1, asExpected: 1, unexpected: [], byVerdict: {} }, claims: [entry] } as unknown as Report;
    const xml = junitXml(mergeReports([report]));
    expect(xml).not.toContain('<evil/>');
    expect(xml).not.toContain('\u0001');
    const md = markdownReport(report);
    expect(md.split('\n').filter((l) => l.startsWith('#'))).toEqual(['# ratecheck report', '## Notes']);
    expect(md).toContain('x # heading \\`code\\` \\| cell');
    expect(() => mergeReports([{ ...report, claims: [{ ...entry, verdict: 'holds"/><evil/>' }] } as unknown as Report])).toThrow(/malformed claim entry/);
    expect(() => mergeReports([{ ...report, claims: [{ ...entry, id: 'a\nb' }] } as unknown as Report])).toThrow(/malformed claim entry/);
  });

  it('replay commands are shell-quoted; non-finite numbers have one typed spelling', () => {
    expect(replayCommand('/tmp/a b/c.json')).toBe("ratecheck replay '/tmp/a b/c.json'");
    expect(shellQuote("it's")).toBe("'it'\\''s'");
    expect(shellQuote('/plain/path-1.json')).toBe('/plain/path-1.json');
    expect(JSON.parse(toJson({ a: Infinity, b: -Infinity, c: NaN }))).toEqual({ a: 'Infinity', b: '-Infinity', c: 'NaN' });
    expect(numberFromJson('-Infinity')).toBe(-Infinity);
  });

  it('a report directory with a space gives a quoted replay command', { timeout: T }, async () => {
    const out = join(tmp, 'with space');
    const r = await run('verify', fx('outputs-pair.ts'), '--runs', '20', '--no-store', '--out', out);
    expect(r.code).toBe(0);
    const quoted = `ratecheck replay '${join(out, 'counterexamples', 'user.pair-false.json')}'`;
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as Report;
    expect(report.claims.find((c) => c.id === 'user.pair-false')?.counterexample?.replay).toBe(quoted);
    expect(readFileSync(join(out, 'report.md'), 'utf8')).toContain(`\`${quoted}\``);
  });
});

describe('claim files given with ids', () => {
  it('ids select among the catalog and the files; a file none of whose claims is selected contributes all of them', { timeout: T }, async () => {
    const ids = (await resolveTargets([fx('outputs-other.ts'), fx('outputs-pair.ts'), 'classical-gd.drori-teboulle-huber'], catalog)).map((c) => c.claim.id);
    expect(ids.sort()).toEqual(['classical-gd.drori-teboulle-huber', 'user.other', 'user.pair-false', 'user.pair-ok']);
    const one = (await resolveTargets([fx('outputs-pair.ts'), 'user.pair-ok'], catalog)).map((c) => c.claim.id);
    expect(one).toEqual(['user.pair-ok']);
  });
});
