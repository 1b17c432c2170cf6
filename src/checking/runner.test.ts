import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { claimSeed, iterationBudget, verifyClaim } from './runner.ts';
import { checkInstance } from './instance.ts';
import { defineClaim } from '../claims/types.ts';
import { exact, raised, rarelyMet } from '../../properties/fixtures/toy-claims.ts';

const SEED = 20261122;

describe('verifyClaim', () => {
  it('a true claim holds, with its tightest instance (the exact bound is attained: ratio 1)', () => {
    const r = verifyClaim(exact, { runs: 30, seed: SEED });
    expect(r.verdict, `seed ${SEED}`).toBe('holds');
    expect(r.instances).toBeGreaterThanOrEqual(30);
    expect(r.hypothesesMet).toBe(r.instances);
    // q^t by repeated products vs Math.pow: equal up to a few ulps
    expect(Math.abs(r.maxRatio! - 1)).toBeLessThan(1e-12);
    expect(r.horizon!.stops.method! + (r.horizon!.stops.floor ?? 0)).toBe(r.hypothesesMet);
  });

  it('a false claim is refuted and shrunk to a small counterexample that re-runs to the same violation', () => {
    const r = verifyClaim(raised, { runs: 30, seed: SEED });
    expect(r.verdict, `seed ${SEED}`).toBe('refuted');
    const cx = r.counterexample!;
    expect(cx.params).toEqual({ q: 0.95, horizon: 1 }); // shrinks to the shortest horizon and the shrink target of q
    expect(cx.violation.iteration).toBe(1);
    expect(checkInstance(raised, cx.params as never, { maxIterations: cx.maxIterations }).firstViolation).toEqual(cx.violation);
    // fast-check's seed and path replay it too
    const again = fc.check(fc.property(raised.params, (p) => checkInstance(raised, p, { maxIterations: 100 }).firstViolation === undefined), {
      seed: cx.seed,
      path: cx.path,
    });
    expect(again.failed).toBe(true);
  });

  it('a claim whose hypotheses are rarely met is vacuous, and says which hypothesis failed', () => {
    const r = verifyClaim(rarelyMet, { runs: 30, seed: SEED });
    expect(r.verdict).toBe('vacuous');
    expect(r.reason).toMatch(/q < 1/);
  });

  it('an exhausted time budget gives inconclusive, never holds', () => {
    const r = verifyClaim(exact, { runs: 30, seed: SEED, timeLimitMs: 0 });
    expect(r.verdict).toBe('inconclusive');
    expect(r.reason).toMatch(/time limit/);
  });

  it('is deterministic per (seed, claim id) and rejects bad run counts', () => {
    const a = verifyClaim(raised, { runs: 20, seed: 3 });
    const b = verifyClaim(raised, { runs: 20, seed: 3 });
    expect(b.counterexample).toEqual(a.counterexample);
    expect(claimSeed(3, 'a')).not.toBe(claimSeed(3, 'b'));
    expect(() => verifyClaim(exact, { runs: 0, seed: 1 })).toThrow(RangeError);
    expect(iterationBudget(exact, { iterationScale: 2 })).toBe(40_000);
    expect(iterationBudget(exact, { maxIterations: 7 })).toBe(7);
  });

  it('caps the instances of claims that declare maxRuns', () => {
    const r = verifyClaim({ ...exact, maxRuns: 7 }, { runs: 30, seed: SEED });
    expect(r.runs).toBe(7);
    expect(r.instances).toBeLessThanOrEqual(8); // 7 generated + the claim's example
  });

  it('turns an exception inside a claim into an error verdict, never a counterexample', () => {
    const broken = defineClaim<number>({
      ...exact,
      id: 'test.broken',
      params: fc.integer({ min: 0, max: 5 }),
      instantiate: () => {
        throw new Error('boom');
      },
    } as never);
    const r = verifyClaim(broken, { runs: 5, seed: 1 });
    expect(r.verdict).toBe('error');
    expect(r.counterexample).toBeUndefined();
    expect(r.error?.message).toBe('test.broken: boom');
    expect(r.error?.params).toEqual(exact.examples![0]); // the first instance tried
  });
});
