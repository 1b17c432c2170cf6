import { afterEach, describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CUT_REASON, NOT_STARTED_REASON, WorkerFailure, placeholderResult, runLimited, verifyInPool, workerHeapMb } from './pool.ts';
import { verifyClaim } from './runner.ts';
import { exact, raised, rarelyMet } from '../../properties/fixtures/toy-claims.ts';
import type { WorkerTask } from './worker.ts';

const toyFile = resolve('properties/fixtures/toy-claims.ts');
const toyCatalog = resolve('properties/fixtures/toy-catalog.ts');
const hostile = (name: string) => resolve('properties/fixtures/hostile', name);
const SEED = 9;
const HANG_GUARD = 60_000;

describe('parallel verification', () => {
  it('gives the same results as the serial path, whatever the number of workers', async () => {
    const claims = [exact, raised, rarelyMet, exact];
    const tasks: WorkerTask[] = claims.map((c, index) => ({ index, claimId: c.id, claimFile: toyFile, options: { runs: 25, seed: SEED, maxIterations: 100 } }));
    const serial = claims.map((c) => verifyClaim(c, { runs: 25, seed: SEED, maxIterations: 100 }));
    const seen: string[] = [];
    for (const workers of [1, 2, 3]) {
      const parallel = await verifyInPool(tasks, workers, (t) => seen.push(t.claimId));
      const strip = (r: { timeMs: number }) => ({ ...r, timeMs: 0 });
      expect(parallel.map(strip), `workers ${workers}, seed ${SEED}`).toEqual(serial.map(strip));
    }
    expect(seen).toHaveLength(12);
    expect(await verifyInPool([], 2)).toEqual([]);
  });

  it('a claim that throws is an error verdict; an unknown id and an unsendable task are failures of the pool', async () => {
    const nan: WorkerTask = { index: 0, claimId: 'defect.nan-bound', claimFile: resolve('properties/fixtures/nan-bound.ts'), options: { runs: 3, seed: 1, maxIterations: 10 } };
    const [r] = await verifyInPool([nan], 2);
    expect(r.verdict).toBe('error');
    const unknown: WorkerTask = { index: 0, claimId: 'toy.none', claimFile: toyFile, options: { runs: 3, seed: 1, maxIterations: 10 } };
    await expect(verifyInPool([unknown], 1)).rejects.toThrow(/unknown claim id 'toy.none'/);
    // a task the pool cannot hand to a thread (a function does not survive structured cloning)
    const unsendable = { ...unknown, claimId: 'toy.exact', options: { ...unknown.options, extra: () => 1 } } as unknown as WorkerTask;
    await expect(verifyInPool([unsendable], 1)).rejects.toBeInstanceOf(WorkerFailure);
  });
});

describe('deadlines and dying workers', () => {
  const task = (index: number, claimId: string, file: string, deadline?: number): WorkerTask => ({
    index,
    claimId,
    expected: 'holds',
    claimFile: hostile(file),
    deadline,
    figure: true,
    options: { runs: 5, seed: SEED, maxIterations: 200 },
  });

  it(
    'terminates a run that does not stop at the deadline (inconclusive), and reports tasks never started',
    async () => {
      const deadline = Date.now() + 1500;
      const tasks = [task(0, 'hostile.ok', 'loop.ts', deadline), task(1, 'hostile.loop', 'loop.ts', deadline), task(2, 'hostile.ignores-stop', 'loop.ts', deadline)];
      const results = await verifyInPool(tasks, 1, undefined, { graceMs: 500 });
      expect(results.map((r) => r.verdict)).toEqual(['holds', 'inconclusive', 'inconclusive']);
      expect(results[1].reason).toBe(CUT_REASON);
      expect(results[2].reason).toBe(NOT_STARTED_REASON);
      expect(results[1]).toMatchObject({ id: 'hostile.loop', expected: 'holds', comparedIterations: 0, instances: 0 });
    },
    HANG_GUARD,
  );

  it(
    'a worker that dies gives its claim an error verdict, and the others go on',
    async () => {
      const tasks = [task(0, 'hostile.exits', 'exits.ts'), task(1, 'hostile.late-throw', 'exits.ts'), task(2, 'hostile.exits-ok', 'exits.ts')];
      const results = await verifyInPool(tasks, 1);
      expect(results[0]).toMatchObject({ verdict: 'error', reason: expect.stringMatching(/process\.exit\(3\)/) });
      expect(results[1]).toMatchObject({ verdict: 'error', reason: expect.stringMatching(/the worker died: thrown from a timer/) });
      expect(results[1].error?.message).toMatch(/^hostile\.late-throw: /);
      expect(results[2].verdict).toBe('holds');
    },
    HANG_GUARD,
  );

  describe('out of memory', () => {
    const saved = process.env.RATECHECK_WORKER_HEAP_MB;
    afterEach(() => {
      if (saved === undefined) delete process.env.RATECHECK_WORKER_HEAP_MB;
      else process.env.RATECHECK_WORKER_HEAP_MB = saved;
    });

    it(
      'a claim that allocates without bound kills only its worker (error), under the heap limit',
      async () => {
        process.env.RATECHECK_WORKER_HEAP_MB = '256';
        expect(workerHeapMb(2)).toBe(256);
        const results = await verifyInPool([task(0, 'hostile.memory-hog', 'memory.ts'), task(1, 'hostile.mem-ok', 'memory.ts')], 2);
        expect(results[0]).toMatchObject({ verdict: 'error', reason: expect.stringMatching(/ran out of memory \(heap limit 256 MB\)/) });
        expect(results[1].verdict).toBe('holds');
      },
      HANG_GUARD,
    );

    it('sizes the heap limit from the machine, between 512 MB and 4 GB', () => {
      delete process.env.RATECHECK_WORKER_HEAP_MB;
      for (const threads of [1, 2, 64, 100_000]) {
        expect(workerHeapMb(threads)).toBeGreaterThanOrEqual(512);
        expect(workerHeapMb(threads)).toBeLessThanOrEqual(4096);
      }
      expect(workerHeapMb(1)).toBeGreaterThanOrEqual(workerHeapMb(8));
    });
  });

  it('placeholder results carry the claim, its seed and the reason', () => {
    const r = placeholderResult(task(0, 'hostile.loop', 'loop.ts'), 'error', 'it died');
    expect(r).toMatchObject({ id: 'hostile.loop', verdict: 'error', reason: 'it died', error: { message: 'hostile.loop: it died' }, runs: 5, maxIterations: 200 });
    expect(placeholderResult({ ...task(0, 'x', 'loop.ts'), expected: undefined }, 'inconclusive', 'late').error).toBeUndefined();
  });

  it(
    'runLimited: a value, a cut at the limit, a worker that died',
    async () => {
      const at = { claimId: 'hostile.endless', claimFile: hostile('long-run.ts') };
      const cx = { claimId: 'hostile.loop', params: { q: 0.5, horizon: 3 }, maxIterations: 10, dense: false, violation: { iteration: 1, metric: 'x', relation: 'le', observed: 2, bound: 1, ratio: 2, cite: 'x' } };
      const done = await runLimited<{ ok: boolean }>('replay', { ...at, claimId: 'hostile.ok', claimFile: hostile('loop.ts'), cx: { ...cx, claimId: 'hostile.ok' } }, 30_000);
      expect(done).toMatchObject({ status: 'done', value: { ok: true } });
      expect(await runLimited('replay', { claimId: 'hostile.loop', claimFile: hostile('loop.ts'), cx }, 500)).toEqual({ status: 'cut' });
      process.env.RATECHECK_WORKER_HEAP_MB = '256';
      try {
        const died = await runLimited('replay', { claimId: 'hostile.memory-hog', claimFile: hostile('memory.ts'), cx: { ...cx, claimId: 'hostile.memory-hog' } }, 30_000);
        expect(died).toMatchObject({ status: 'died', message: expect.stringMatching(/ran out of memory/) });
      } finally {
        delete process.env.RATECHECK_WORKER_HEAP_MB;
      }
    },
    HANG_GUARD,
  );
});

describe('worker task handler (in-process)', () => {
  it('verifies a task, and turns failures into replies', async () => {
    const { handle } = await import('./worker.ts');
    const ok = await handle({ index: 3, claimId: 'toy.exact', claimFile: toyFile, profile: 'quick', deadline: Date.now() + 60_000, options: { runs: 5, seed: 1, maxIterations: 50 } });
    expect(ok).toMatchObject({ index: 3, ok: true });
    const fromCatalog = await handle({ index: 0, claimId: 'toy.raised-rate', catalogModule: pathToFileURL(toyCatalog).href, options: { runs: 3, seed: 1, maxIterations: 5 } });
    expect(fromCatalog.ok && fromCatalog.result.verdict).toBe('refuted');
    expect(await handle({ index: 1, claimId: 'nope', options: { runs: 1, seed: 1, maxIterations: 1 } })).toMatchObject({ ok: false, message: "unknown claim id 'nope'" });
    expect(await handle({ index: 1, claimId: 'nope', catalogModule: pathToFileURL(toyFile).href, options: { runs: 1, seed: 1, maxIterations: 1 } })).toMatchObject({ ok: false, message: expect.stringMatching(/exports no catalog/) });
    const defect = await handle({ index: 2, claimId: 'defect.nan-bound', claimFile: resolve('properties/fixtures/nan-bound.ts'), options: { runs: 1, seed: 1, maxIterations: 1 } });
    expect(defect).toMatchObject({ ok: true, result: { verdict: 'error' } });
  });

  it('draws the figure before the deadline and skips it after', async () => {
    const { handle } = await import('./worker.ts');
    const base = { index: 0, claimId: 'toy.exact', claimFile: toyFile, figure: true, options: { runs: 3, seed: 1, maxIterations: 50 } };
    const before = await handle({ ...base, deadline: Date.now() + 60_000 });
    expect(before.ok && before.figure).toBeTruthy();
    const after = await handle({ ...base, deadline: Date.now() - 1 });
    expect(after).toMatchObject({ ok: true, result: { verdict: 'inconclusive' } });
    expect(after.ok && after.figure).toBeUndefined();
  });

  it('replay and tighten handlers: outcomes and failures as data', async () => {
    const { replay, tighten } = await import('./worker.ts');
    const cx = { claimId: 'toy.raised-rate', params: { q: 0.95, horizon: 1 }, maxIterations: 100, dense: false, violation: { iteration: 1, metric: 'x', relation: 'le', observed: 0.95, bound: 0.475, ratio: 2, cite: 'x' } } as never;
    expect(await replay({ claimId: 'toy.raised-rate', claimFile: toyFile, cx })).toMatchObject({ ok: true, outcome: { claimId: 'toy.raised-rate' } });
    expect(await replay({ claimId: 'toy.none', claimFile: toyFile, cx })).toMatchObject({ ok: false, kind: 'usage' });
    expect(await replay({ claimId: 'toy.none', claimFile: resolve('nowhere.ts'), cx })).toMatchObject({ ok: false, kind: 'usage' });
    const messages: unknown[] = [];
    const port = { postMessage: (m: unknown) => messages.push(m) } as never;
    const t = await tighten({ claimId: 'toy.exact', claimFile: toyFile, options: { budgetMs: 200, seed: 1, maxEvaluations: 120 }, port });
    expect(t).toMatchObject({ ok: true, result: { claimId: 'toy.exact' } });
    expect(messages.some((m) => (m as { kind: string }).kind === 'best')).toBe(true);
    expect(await tighten({ claimId: 'toy.none', claimFile: toyFile, options: { budgetMs: 100, seed: 1 } })).toMatchObject({ ok: false, kind: 'usage' });
    expect(await tighten({ claimId: 'toy.rarely-met', claimFile: toyFile, options: { budgetMs: 100, seed: 1, maxEvaluations: 5, explore: 4 } })).toMatchObject({ ok: false, kind: 'range' });
    expect(await tighten({ claimId: 'hostile.endless', claimFile: hostile('long-run.ts'), options: { budgetMs: 1, seed: 1, explore: 3 } })).toMatchObject({ ok: false, kind: 'cut' });
  });
});
