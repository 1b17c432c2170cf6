import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { claimSeed, iterationBudget, summarizeHorizons, verifyClaim } from './runner.ts';
import { checkInstance } from './instance.ts';
import { defineClaim } from '../claims/types.ts';
import { exact, raised, rarelyMet } from '../../properties/fixtures/toy-claims.ts';

const SEED = 20261122;

describe('verifyClaim', () => {
  it('a true claim holds, with its tightest instance (the exact bound is attained: ratio 1)', () => {
    const r = verifyClaim(exact, { runs: 30, seed: SEED });
    expect(r.verdict, `seed ${SEED}`).toBe('holds');
    // two thirds drawn (the example first), the rest searched within the same work
    expect(r.target!.generated).toBeGreaterThanOrEqual(20);
    expect(r.instances).toBe(r.target!.generated + r.target!.targeted);
    expect(r.hypothesesMet).toBe(r.instances);
    // q^t by repeated products vs Math.pow: equal up to a few ulps
    expect(Math.abs(r.maxRatio! - 1)).toBeLessThan(1e-12);
    expect(r.horizon!.stops.method! + (r.horizon!.stops.floor ?? 0)).toBe(r.hypothesesMet);
  });

  it('searches claims whose parameters are a single number (no record to change in place)', () => {
    const scalar = defineClaim<number>({
      id: 'toy.scalar',
      statement: 'x_t = 0.5 ≤ 1 - 1/(k + 1)',
      source: { paper: 'Toy', theorem: 't', url: 'u', confidence: 'D' },
      kind: 'bound-for-all-t',
      expected: 'holds',
      params: fc.integer({ min: 1, max: 1000 }),
      instantiate: (k) => ({
        hypotheses: [],
        derived: { k },
        bounds: [{ metric: 'x', relation: 'le', value: () => 1 - 1 / (k + 1), floor: 0, cite: 'c' }],
        run: (observe) => {
          for (let t = 0; t < 5; t++) if (!observe(t, { x: 0.5 })) return;
        },
      }),
    });
    const r = verifyClaim(scalar, { runs: 30, seed: SEED });
    expect(r.verdict, `seed ${SEED}: ${r.reason ?? ''}`).toBe('holds');
    expect(r.target!.targeted).toBeGreaterThan(0);
    // the tightest instance is k = 1 (ratio 0.5/0.5), at the low end of the range
    expect(r.target!.startRatio).toBeLessThan(1);
    expect(r.target!.bestRatio).toBe(1);
    expect(r.maxRatio).toBe(1);
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

  it('summarizes horizons: floor and budget counts, the decay of the bound, truncation', () => {
    const h = summarizeHorizons(
      [{ horizon: 10, decay: -3, budget: 20 }, { horizon: 20, decay: -0.5, budget: 20 }, { horizon: 20, budget: 20 }],
      { floor: 1, budget: 2 },
    )!;
    expect(h).toMatchObject({ min: 10, median: 20, max: 20, reachedFloor: 1, stoppedAtBudget: 2, stoppedOtherwise: 0, decay: { min: -3, median: -3, max: -0.5 }, truncated: true });
    expect(summarizeHorizons([{ horizon: 1, budget: 5 }], { floor: 1 })!.truncated).toBe(false);
    // an invariant (a bound that does not decay) at its budget is not truncated: it has no floor to reach
    expect(summarizeHorizons([{ horizon: 5, decay: 0, budget: 5 }], { budget: 1 })!.truncated).toBe(false);
    expect(summarizeHorizons([], {})).toBeNull();
  });

  it('a claim that holds with most instances at the budget is flagged truncated', () => {
    const r = verifyClaim(exact, { runs: 20, seed: SEED, maxIterations: 1 });
    expect(r.verdict).toBe('holds');
    expect(r.truncated).toBe(true);
    expect(r.horizon!.stoppedAtBudget).toBeGreaterThan(r.hypothesesMet / 2);
  });

  it('follows a declared rate past the claim budget, and records the instance budget for replays', () => {
    // x_t = 0.9^t against 0.9^t, made 1% too strong from t = 50: out of reach of the budget of 10
    const late = defineClaim<number>({
      id: 'test.late',
      statement: 'late',
      source: { paper: 'p', theorem: 't', url: 'u', confidence: 'D' },
      kind: 'bound-for-all-t',
      expected: 'refuted',
      params: fc.constant(0),
      maxIterations: 10,
      instantiate: () => ({
        hypotheses: [],
        derived: {},
        bounds: [{ metric: 'x', relation: 'le', value: (t) => 0.9 ** t * (t >= 50 ? 0.99 : 1), floor: 1e-3, cite: 'c', rate: 0.9 }],
        run: (observe, maxIterations) => {
          for (let t = 0; t <= maxIterations; t++) if (!observe(t, { x: 0.9 ** t })) return;
        },
      }),
    });
    const r = verifyClaim(late, { runs: 1, seed: SEED });
    expect(r.verdict).toBe('refuted');
    expect(r.counterexample!.violation.iteration).toBe(50);
    expect(r.counterexample!.maxIterations).toBeGreaterThan(50);
    expect(checkInstance(late, 0, { maxIterations: r.counterexample!.maxIterations }).firstViolation).toEqual(r.counterexample!.violation);
    // without rate budgets the budget of 10 never sees it
    expect(verifyClaim(late, { runs: 1, seed: SEED, rateBudgetCap: 1 }).verdict).toBe('holds');
  });
});
