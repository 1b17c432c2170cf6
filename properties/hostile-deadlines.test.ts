/**
 * Deadlines that hold against hostile claims, through the command line: a run that loops without
 * observing, one that ignores observe's stop, one that allocates without bound; replay of a run with a
 * huge iteration budget; tighten on a looping claim; the worker cap, an empty shard, a closed stdout and
 * a claim file whose top-level await never settles. Each case has its own generous time limit, so a hang
 * fails the case rather than the run (no other timing is asserted).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { main } from '../src/cli/main.ts';
import { catalog } from '../theorems/index.ts';

const tmp = mkdtempSync(join(tmpdir(), 'ratecheck-deadlines-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const HANG_GUARD = 60_000;
const fixture = (name: string) => resolve('properties/fixtures/hostile', name);

async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '', err = '';
  const code = await main(['node', 'ratecheck', ...args], { io: { out: (s) => (out += s), err: (s) => (err += s) }, catalog });
  return { code, out, err };
}

interface Entry { id: string; verdict: string; reason?: string; error?: { message: string } }
const verdicts = (dir: string): Record<string, Entry> =>
  Object.fromEntries((JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')).claims as Entry[]).map((c) => [c.id, c]));

describe('verify: a run that does not stop is terminated at the deadline', () => {
  it(
    'with one worker: the looping claim is inconclusive (cut), the claim before it holds, the one queued behind it was not started',
    async () => {
      const out = join(tmp, 'w1');
      const r = await run('verify', fixture('loop.ts'), '--runs', '5', '--time-limit', '4', '--workers', '1', '--no-store', '--out', out);
      expect(r.code, r.err).toBe(1);
      const v = verdicts(out);
      expect(v['hostile.ok'].verdict).toBe('holds');
      expect(v['hostile.loop']).toMatchObject({ verdict: 'inconclusive', reason: 'cut: the run did not stop at the deadline; the worker was terminated' });
      expect(v['hostile.ignores-stop']).toMatchObject({ verdict: 'inconclusive', reason: expect.stringMatching(/before the claim was started/) });
    },
    HANG_GUARD,
  );

  it(
    'with two workers: both hostile claims are cut, the ordinary one holds',
    async () => {
      const out = join(tmp, 'w2');
      const r = await run('verify', fixture('loop.ts'), '--runs', '5', '--time-limit', '4', '--workers', '2', '--no-store', '--out', out);
      expect(r.code, r.err).toBe(1);
      const v = verdicts(out);
      expect(v['hostile.ok'].verdict).toBe('holds');
      for (const id of ['hostile.loop', 'hostile.ignores-stop']) expect(v[id], id).toMatchObject({ verdict: 'inconclusive', reason: expect.stringMatching(/^cut: /) });
      expect(readFileSync(join(out, 'report.md'), 'utf8')).toMatch(/hostile\.loop/);
    },
    HANG_GUARD,
  );

  it(
    'a claim that ignores the stop signal, alone: cut, not holds',
    async () => {
      const out = join(tmp, 'ig');
      const r = await run('verify', fixture('ignores-stop.ts'), '--runs', '5', '--time-limit', '2', '--workers', '1', '--no-store', '--out', out);
      expect(r.code, r.err).toBe(1);
      expect(verdicts(out)['hostile.ignores-stop-alone']).toMatchObject({ verdict: 'inconclusive', reason: expect.stringMatching(/^cut: /) });
    },
    HANG_GUARD,
  );

  it(
    'a claim that allocates without bound kills only its worker: error, and the other claim is verified',
    async () => {
      const saved = process.env.RATECHECK_WORKER_HEAP_MB;
      process.env.RATECHECK_WORKER_HEAP_MB = '256';
      try {
        for (const workers of ['1', '2']) {
          const out = join(tmp, `mem${workers}`);
          const r = await run('verify', fixture('memory.ts'), '--runs', '5', '--time-limit', '30', '--workers', workers, '--no-store', '--out', out);
          expect(r.code, r.err).toBe(1);
          const v = verdicts(out);
          expect(v['hostile.mem-ok'].verdict, `workers ${workers}`).toBe('holds');
          expect(v['hostile.memory-hog'], `workers ${workers}`).toMatchObject({ verdict: 'error', error: { message: expect.stringMatching(/ran out of memory/) } });
        }
      } finally {
        if (saved === undefined) delete process.env.RATECHECK_WORKER_HEAP_MB;
        else process.env.RATECHECK_WORKER_HEAP_MB = saved;
      }
    },
    HANG_GUARD,
  );
});

describe('replay and tighten are bounded', () => {
  const counterexample = (claimId: string, file: string, maxIterations: number) => {
    const path = join(tmp, `${claimId}.json`);
    writeFileSync(
      path,
      JSON.stringify({
        schemaVersion: 1,
        kind: 'ratecheck-counterexample',
        claimId,
        params: { q: 0.5, horizon: 3 },
        maxIterations,
        dense: false,
        violation: { iteration: 1, metric: 'x', relation: 'le', observed: 2, bound: 1, ratio: 2, cite: 'x' },
        fastCheck: { seed: 1, path: '0', numShrinks: 0 },
      }),
    );
    return ['replay', path, '--claims', fixture(file)];
  };

  it(
    'replay of a counterexample with maxIterations 1e15 ends at its time limit: not reproduced, exit 1',
    async () => {
      const r = await run(...counterexample('hostile.endless', 'long-run.ts', 1e15), '--time-limit', '2');
      expect(r.code, r.err).toBe(1);
      expect(r.out).toMatch(/hostile\.endless: not reproduced within the time limit \(2 s\): the run was cut at t = \d+ of 1000000000000000/);
    },
    HANG_GUARD,
  );

  it(
    'replay of a run that never observes is terminated: not reproduced, exit 1',
    async () => {
      const r = await run(...counterexample('hostile.loop', 'loop.ts', 100), '--time-limit', '1');
      expect(r.code, r.err).toBe(1);
      expect(r.out).toMatch(/hostile\.loop: not reproduced within the time limit: the run did not stop within 1 s; the worker was terminated/);
      expect((await run('replay', join(tmp, 'hostile.loop.json'), '--time-limit', '0'))).toMatchObject({ code: 2, err: expect.stringMatching(/--time-limit must be a positive number/) });
    },
    HANG_GUARD,
  );

  it(
    'tighten on a looping claim ends after its budget: nothing measured, exit 1, nothing written',
    async () => {
      const out = join(tmp, 'tl');
      const r = await run('tighten', fixture('loop.ts'), 'hostile.loop', '--budget', '1', '--out', out);
      expect(r.code).toBe(1);
      expect(r.err).toMatch(/ratecheck tighten: hostile\.loop: nothing to tighten: a run did not stop within the 1 s budget; the worker was terminated/);
      const endless = await run('tighten', fixture('long-run.ts'), 'hostile.endless', '--budget', '1', '--out', out);
      expect(endless.code).toBe(1);
      expect(endless.err).toMatch(/no run finished within the budget/);
      expect(existsSync(out)).toBe(false);
    },
    HANG_GUARD,
  );

  it(
    'tighten on a claim that loops on some instances keeps the best instance found before the cut',
    async () => {
      const out = join(tmp, 'ts');
      const r = await run('tighten', fixture('long-run.ts'), 'hostile.sometimes-loops', '--budget', '2', '--out', out, '--json');
      expect(r.code, r.err).toBe(0);
      const result = JSON.parse(r.out);
      expect(result).toMatchObject({ claimId: 'hostile.sometimes-loops', contraction: null, cut: expect.stringMatching(/the worker was terminated; the best instance found before/) });
      expect(result.ratio).toBeGreaterThan(0);
      expect(result.params.q).toBeLessThanOrEqual(0.9);
    },
    HANG_GUARD,
  );
});

describe('smaller ones', () => {
  it('--workers above the cores is capped, and says so', async () => {
    const cores = availableParallelism();
    const r = await run('verify', 'properties/fixtures/toy-claims.ts', '--runs', '3', '--workers', String(cores + 1), '--no-store', '--out', join(tmp, 'cap'));
    expect(r.code, r.err).toBe(0);
    expect(r.err).toContain(`--workers ${cores + 1}: capped at ${cores} core${cores === 1 ? '' : 's'}`);
  });

  it('an empty shard says so', async () => {
    const r = await run('verify', 'properties/fixtures/toy-claims.ts', '--shard', '4/4', '--no-store', '--out', join(tmp, 'shard'));
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/note: shard 4\/4 selects no claim \(3 claims in 4 shards\)/);
  });

  it('ratecheck list | head -1: no EPIPE stack trace', () => {
    const r = spawnSync('bash', ['-c', 'node bin/ratecheck.js list | head -1 >/dev/null'], { encoding: 'utf8', timeout: HANG_GUARD });
    expect(r.status).toBe(0);
    expect(r.stderr).not.toMatch(/EPIPE|Error/);
  });

  it("a claim file whose top-level await never settles: one line, exit 2 (not Node's silent 13)", () => {
    const r = spawnSync(process.execPath, ['bin/ratecheck.js', 'verify', fixture('never-settles.mjs'), '--no-store', '--out', join(tmp, 'tla')], { encoding: 'utf8', timeout: HANG_GUARD });
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n').filter((l) => !l.startsWith('ratecheck verify:'))).toEqual(["ratecheck: a claim file's top-level await never settled"]);
  });
});
