/**
 * Fault injection on the built command (`npm test` builds dist/ first):
 * - a worker thread that dies in the middle of a claim costs that claim only, which is never `holds`;
 * - SIGTERM at many moments of a run, writing included, leaves the output folder either as the previous
 *   run left it or as the complete new report (every counterexample file it names exists), never a mix.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const bin = join(root, 'bin', 'ratecheck.js');
mkdirSync(join(root, '.ratecheck'), { recursive: true });
const tmp = mkdtempSync(join(root, '.ratecheck', 'faults-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const CLAIMS = `import fc from 'fast-check';
const source = { paper: 'p', theorem: 't', url: 'u', confidence: 'D' };
const claim = (id, run, bound = () => 1) => ({
  id, statement: 's', source, kind: 'bound-for-all-t', expected: 'holds', params: fc.integer({ min: 1, max: 9 }),
  instantiate: (k) => ({ hypotheses: [], derived: { k }, bounds: [{ metric: 'x', relation: 'le', value: bound, floor: 0, cite: 'c' }], run: (observe, T) => run(k, observe, T) }),
});
export const ok = claim('fault.ok', (k, observe) => { for (let t = 0; t < 50; t++) if (!observe(t, { x: 0.5 })) return; });
export const exits = claim('fault.worker-exits', (k, observe) => { observe(0, { x: 0.5 }); if (k > 3) process.exit(7); });
export const tooTight = { ...claim('fault.too-tight', (k, observe) => { for (let t = 0; t < 50; t++) if (!observe(t, { x: 0.5 })) return; }, () => 0.4), expected: 'refuted' };
`;
const claimFile = join(tmp, 'faults.mjs');
writeFileSync(claimFile, CLAIMS);

describe('fault injection', () => {
  it('a worker that dies mid-claim costs only that claim, which is not holds', () => {
    const out = join(tmp, 'dies');
    const r = spawnSync(process.execPath, [bin, 'verify', claimFile, '--workers', '2', '--runs', '30', '--no-store', '--out', out, '--time-limit', '60'], { encoding: 'utf8', timeout: 120_000 });
    expect(r.status, r.stderr).toBe(1);
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
    const verdicts = Object.fromEntries(report.claims.map((c: { id: string; verdict: string }) => [c.id, c.verdict]));
    expect(verdicts['fault.ok']).toBe('holds');
    expect(verdicts['fault.too-tight']).toBe('refuted');
    expect(['error', 'inconclusive']).toContain(verdicts['fault.worker-exits']);
  }, 150_000);

  it('SIGTERM at any moment leaves the previous report or the complete new one', async () => {
    const out = join(tmp, 'killed');
    const verify = (seed: number) => spawn(process.execPath, [bin, 'verify', claimFile, 'fault.ok', 'fault.too-tight', '--workers', '1', '--runs', '40', '--seed', String(seed), '--no-store', '--out', out], { stdio: 'ignore' });
    // a complete first report
    await new Promise((res) => verify(1).on('exit', res));
    const whole = () => {
      const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
      for (const c of report.claims) if (c.counterexample) expect(existsSync(resolve(root, c.counterexample.file)) || existsSync(c.counterexample.file), c.counterexample.file).toBe(true);
      expect(existsSync(join(out, 'report.md'))).toBe(true);
      expect(existsSync(join(out, 'report.html'))).toBe(true);
      return report.options.seed as number;
    };
    let previous = whole();
    expect(previous).toBe(1);
    for (let i = 0; i < 24; i++) {
      const seed = 100 + i;
      const child = verify(seed);
      const exited = new Promise((res) => child.on('exit', res));
      await new Promise((res) => setTimeout(res, 40 + i * 25));
      child.kill('SIGTERM');
      await exited;
      const now = whole();
      expect([previous, seed], `after a kill at ${40 + i * 25} ms`).toContain(now);
      previous = now;
      // no staging folder or temporary file is left beside the report
      expect(readdirSync(tmp).filter((f) => f.includes('.tmp') || f.includes('staging')), `after a kill at ${40 + i * 25} ms`).toEqual([]);
    }
  }, 300_000);
});
