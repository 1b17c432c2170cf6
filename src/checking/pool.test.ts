import { describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { WorkerFailure, verifyInPool } from './pool.ts';
import { verifyClaim } from './runner.ts';
import { ClaimDefect } from '../claims/types.ts';
import { exact, raised, rarelyMet } from '../../properties/fixtures/toy-claims.ts';
import type { WorkerTask } from './worker.ts';

const toyFile = resolve('properties/fixtures/toy-claims.ts');
const toyCatalog = resolve('properties/fixtures/toy-catalog.ts');
const SEED = 9;

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

  it('reports a claim defect from a worker as a ClaimDefect, and an unknown id as a failure', async () => {
    const nan: WorkerTask = { index: 0, claimId: 'defect.nan-bound', claimFile: resolve('properties/fixtures/nan-bound.ts'), options: { runs: 3, seed: 1, maxIterations: 10 } };
    await expect(verifyInPool([nan], 2)).rejects.toBeInstanceOf(ClaimDefect);
    const unknown: WorkerTask = { index: 0, claimId: 'toy.none', claimFile: toyFile, options: { runs: 3, seed: 1, maxIterations: 10 } };
    await expect(verifyInPool([unknown], 1)).rejects.toThrow(/unknown claim id 'toy.none'/);
    // a task the pool cannot hand to a thread (a function does not survive structured cloning)
    const unsendable = { ...unknown, claimId: 'toy.exact', options: { ...unknown.options, extra: () => 1 } } as unknown as WorkerTask;
    await expect(verifyInPool([unsendable], 1)).rejects.toBeInstanceOf(WorkerFailure);
  });
});

describe('worker task handler (in-process)', () => {
  it('verifies a task, and turns failures into replies', async () => {
    const { handle } = await import('./worker.ts');
    const ok = await handle({ index: 3, claimId: 'toy.exact', claimFile: toyFile, profile: 'quick', deadline: Date.now() + 60_000, options: { runs: 5, seed: 1, maxIterations: 50 } });
    expect(ok).toMatchObject({ index: 3, ok: true });
    const fromCatalog = await handle({ index: 0, claimId: 'toy.raised-rate', catalogModule: pathToFileURL(toyCatalog).href, options: { runs: 3, seed: 1, maxIterations: 5 } });
    expect(fromCatalog.ok && fromCatalog.result.verdict).toBe('refuted');
    expect(await handle({ index: 1, claimId: 'nope', options: { runs: 1, seed: 1, maxIterations: 1 } })).toMatchObject({ ok: false, defect: false });
    expect(await handle({ index: 1, claimId: 'nope', catalogModule: pathToFileURL(toyFile).href, options: { runs: 1, seed: 1, maxIterations: 1 } })).toMatchObject({ ok: false, message: expect.stringMatching(/exports no catalog/) });
    const defect = await handle({ index: 2, claimId: 'defect.nan-bound', claimFile: resolve('properties/fixtures/nan-bound.ts'), options: { runs: 1, seed: 1, maxIterations: 1 } });
    expect(defect).toMatchObject({ ok: false, defect: true });
  });
});
