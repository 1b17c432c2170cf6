import { describe, expect, it } from 'vitest';
import { verifyClaim } from '../../checking/runner.ts';
import { claimSeed } from '../../checking/runner.ts';
import fc from 'fast-check';
import { defineClaim, type Claim } from '../../claims/types.ts';
import { entryFigure } from '../html.ts';
import { buildEntry } from '../report.ts';
import { sampleParams, traceInstance } from './claims.ts';
import { figureKeeper, keepTraces, sameParams, verifiedFigure } from './kept.ts';
import { lower, neverMet, tooFast, upper, type ScalarParams } from './test-claims.ts';

const options = { runs: 12, seed: 5, maxIterations: 100 };

describe('sameParams', () => {
  it('compares plain values structurally, leaves with Object.is', () => {
    expect(sameParams({ a: 1, b: [1, 2] }, { b: [1, 2], a: 1 })).toBe(true);
    expect(sameParams(Object.assign(Object.create(null), { a: 1 }), { a: 1 })).toBe(true);
    expect(sameParams({ a: 0 }, { a: -0 })).toBe(false);
    expect(sameParams({ a: NaN }, { a: NaN })).toBe(true);
    expect(sameParams({ a: 1 }, { a: 1, b: undefined })).toBe(false);
    expect(sameParams([1], { 0: 1 })).toBe(false);
    expect(sameParams(new Float64Array([1, 2]), new Float64Array([1, 2]))).toBe(true);
    expect(sameParams(new Float64Array([1, 2]), new Float64Array([1, 3]))).toBe(false);
    expect(sameParams(new Float64Array([1]), new Float64Array([1, 3]))).toBe(false);
    expect(sameParams(1, '1')).toBe(false);
    expect(sameParams(null, {})).toBe(false);
  });
});

describe('keepTraces', () => {
  for (const claim of [upper, lower]) {
    it(`keeps the traces a re-run would record (${claim.id}): tightest instance and samples`, () => {
      const samples = sampleParams(claim, claimSeed(options.seed, claim.id), 2);
      const keeper = keepTraces(claim, samples);
      const result = verifyClaim(keeper.claim, options);
      expect(result.verdict).toBe('holds');
      // the wrapped claim gives the same result as the claim itself
      const plain = verifyClaim(claim, options);
      expect({ ...result, timeMs: 0 }).toEqual({ ...plain, timeMs: 0 });
      const kept = keeper.kept(result);
      const rerun = traceInstance(claim, result.tightest!.params as ScalarParams, 'tightest', { maxIterations: options.maxIterations });
      expect({ ...kept.tightest, label: 'tightest' }).toEqual(rerun);
      kept.samples.forEach((s, i) => expect({ ...s, label: 'x' }).toEqual(traceInstance(claim, samples[i] as ScalarParams, 'x', { maxIterations: options.maxIterations })));
    });
  }

  it('keeps a sample whose hypotheses fail, as a re-run reports it', () => {
    const samples = sampleParams(neverMet, claimSeed(options.seed, neverMet.id), 1);
    const keeper = keepTraces(neverMet as Claim<ScalarParams>, samples);
    const result = verifyClaim(keeper.claim, options);
    // a vacuous claim keeps nothing: only a claim that holds is drawn from its kept traces
    expect(keeper.kept(result)).toEqual({ samples: [undefined] });
    const holding = { ...result, verdict: 'holds' as const };
    expect({ ...keeper.kept(holding).samples[0], label: 'x' }).toEqual(traceInstance(neverMet, samples[0] as ScalarParams, 'x', { maxIterations: options.maxIterations }));
  });

  it('keeps no tightest instance that does not match the result', () => {
    const keeper = keepTraces(upper, []);
    const result = verifyClaim(keeper.claim, options);
    expect(keeper.kept(result).tightest).toBeDefined();
    expect(keeper.kept({ ...result, tightest: { ...result.tightest!, ratio: result.tightest!.ratio / 2 } }).tightest).toBeUndefined();
    expect(keeper.kept({ ...result, tightest: { ...result.tightest!, params: { q: 0.123, horizon: 3 } } }).tightest).toBeUndefined();
  });

  it('records where each trajectory stopped: at the floor, the budget, or on its own', () => {
    const stops: string[] = [];
    for (const [p, maxIterations] of [[{ q: 0.3, horizon: 30 }, 100], [{ q: 0.5, horizon: 30 }, 10], [{ q: 0.5, horizon: 5 }, 100]] as const) {
      const keeper = keepTraces(upper, [p]);
      const claim = { ...keeper.claim, params: upper.params.filter(() => false), examples: [p] };
      const result = verifyClaim(claim as Claim<ScalarParams>, { runs: 1, seed: 1, maxIterations });
      const kept = keeper.kept({ ...result, verdict: 'holds' }).samples[0]!;
      expect(kept.stop).toBe(traceInstance(upper, p, 'x', { maxIterations }).stop);
      stops.push(kept.stop);
    }
    expect(stops).toEqual(['floor', 'budget', 'method']);
  });
});

describe('long trajectories', () => {
  it('keeps traces longer than the buffer it starts with', () => {
    const flat = defineClaim<{ c: number }>({
      id: 'scalar.flat',
      statement: 'x_t ≤ 3',
      source: upper.source,
      kind: 'bound-for-all-t',
      expected: 'holds',
      params: fc.record({ c: fc.constantFrom(1, 2) }),
      instantiate: (p) => ({
        hypotheses: [],
        derived: {},
        bounds: [{ metric: 'x', relation: 'le', value: () => 3, floor: 1e-12, cite: 'x ≤ 3' }],
        run: (observe, maxIterations) => {
          for (let t = 0; t <= maxIterations; t++) if (!observe(t, { x: p.c })) return;
        },
      }),
    });
    const keeper = keepTraces(flat, []);
    const result = verifyClaim(keeper.claim, { runs: 3, seed: 1, maxIterations: 3000 });
    const kept = keeper.kept(result).tightest!;
    expect(kept.t).toHaveLength(3001);
    expect({ ...kept, label: 'x' }).toEqual(traceInstance(flat, result.tightest!.params as { c: number }, 'x', { maxIterations: 3000 }));
  });
});

describe('figures drawn from kept traces', () => {
  it('are the figures a re-run draws; only claims expected to hold keep traces', () => {
    const keeper = figureKeeper(upper as Claim<unknown>, options.seed)!;
    const result = verifyClaim(keeper.claim, options);
    const entry = buildEntry(upper as Claim<unknown>, result, '');
    const o = { samples: 1, dense: false };
    expect(entryFigure(entry, upper as Claim<unknown>, { ...o, kept: keeper.kept(result) })).toEqual(entryFigure(entry, upper as Claim<unknown>, o));
    expect(figureKeeper(tooFast as Claim<unknown>, 1)).toBeUndefined();
    const drawn = verifiedFigure(upper as Claim<unknown>, result, { dense: false, keeper });
    expect(drawn?.svg).toMatch(/^<svg/);
    expect(drawn?.caption).toContain('Tightest instance');
    // none after the deadline, none for an expected refutation, none when drawing throws
    expect(verifiedFigure(upper as Claim<unknown>, result, { dense: false, keeper, deadline: Date.now() - 1 })).toBeUndefined();
    expect(verifiedFigure(tooFast as Claim<unknown>, verifyClaim(tooFast, options), { dense: false })).toBeUndefined();
    expect(verifiedFigure(upper as Claim<unknown>, result, { dense: false, guard: () => { throw new Error('no'); } })).toBeUndefined();
  });
});
