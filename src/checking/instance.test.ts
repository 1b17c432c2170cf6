import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkInstance, rateBudget, roundoffAllowance, withinBound, DEFAULT_RTOL, ROUNDOFF_UNITS } from './instance.ts';
import { ClaimDefect, defineClaim, type Bound, type Hypothesis } from '../claims/types.ts';

/** A claim whose run emits the given sequence of metric values, checked against the given bounds. */
function scripted(values: Record<string, number>[], bounds: Bound[], hypotheses: Hypothesis[] = []) {
  return defineClaim<number>({
    id: 'test.scripted',
    statement: 'scripted',
    source: { paper: 'p', theorem: 't', url: 'u', confidence: 'D' },
    kind: 'bound-for-all-t',
    expected: 'holds',
    params: fc.constant(0),
    instantiate: () => ({
      hypotheses,
      derived: { a: 1 },
      bounds,
      run: (observe, maxIterations) => {
        for (let t = 0; t < values.length && t <= maxIterations; t++) if (!observe(t, values[t])) return;
      },
    }),
  });
}

const le = (value: (t: number) => number, floor = 0, metric = 'x'): Bound => ({ metric, relation: 'le', value, floor, cite: 'c' });

describe('checkInstance', () => {
  it('finds the first violation of an upper bound, with its ratio', () => {
    const c = scripted([{ x: 1 }, { x: 0.6 }, { x: 0.3 }], [le((t) => Math.pow(0.5, t))]);
    const r = checkInstance(c, 0, { maxIterations: 10 });
    expect(r.firstViolation).toMatchObject({ iteration: 1, metric: 'x', observed: 0.6, bound: 0.5, relation: 'le' });
    expect(r.firstViolation!.ratio).toBeCloseTo(1.2, 14);
    expect(r.stop).toBe('violation');
  });

  it('checks lower bounds the other way round', () => {
    const ge: Bound = { metric: 'x', relation: 'ge', value: (t) => Math.pow(0.5, t), floor: 0, cite: 'c' };
    const r = checkInstance(scripted([{ x: 1 }, { x: 0.6 }, { x: 0.2 }], [ge]), 0, { maxIterations: 10 });
    expect(r.firstViolation).toMatchObject({ iteration: 2, observed: 0.2, bound: 0.25 });
    expect(r.firstViolation!.ratio).toBeCloseTo(1.25, 14);
  });

  it('stops at the roundoff floor of the primary bound and never compares below it', () => {
    // observed stalls at 1e-16 while the bound keeps shrinking: no violation below the floor
    const values = Array.from({ length: 80 }, (_, t) => ({ x: Math.max(Math.pow(0.5, t), 1e-16) }));
    const r = checkInstance(scripted(values, [le((t) => Math.pow(0.5, t), 1e-9)]), 0, { maxIterations: 1000 });
    expect(r.firstViolation).toBeUndefined();
    expect(r.stop).toBe('floor');
    expect(r.horizon).toBe(29); // 2^-29 ≈ 1.9e-9 is the last bound above 1e-9
    expect(r.maxRatio).toBe(1);
  });

  it('stops at the iteration budget, and when the method ends', () => {
    const values = Array.from({ length: 50 }, () => ({ x: 0 }));
    const budget = checkInstance(scripted(values, [le(() => 1)]), 0, { maxIterations: 5 });
    expect(budget.stop).toBe('budget');
    expect(budget.horizon).toBe(5);
    const ended = checkInstance(scripted(values.slice(0, 3), [le(() => 1)]), 0, { maxIterations: 100 });
    expect(ended.stop).toBe('method');
    expect(ended.horizon).toBe(2);
  });

  it('does not run the method when a hypothesis fails', () => {
    const r = checkInstance(scripted([{ x: 5 }], [le(() => 1)], [{ name: 'h', holds: false }]), 0, { maxIterations: 5 });
    expect(r.hypothesesMet).toBe(false);
    expect(r.firstViolation).toBeUndefined();
    expect(r.iterations).toBe(0);
  });

  it('treats a NaN observation (divergence) as a violation, a zero bound with zero observed as tight', () => {
    const nan = checkInstance(scripted([{ x: NaN }], [le(() => 1)]), 0, { maxIterations: 5 });
    expect(nan.firstViolation?.ratio).toBe(Infinity);
    const zero = checkInstance(scripted([{ x: 0 }, { x: 1 }], [le(() => 0)]), 0, { maxIterations: 5 });
    expect(zero.firstViolation).toMatchObject({ iteration: 1, ratio: Infinity });
    expect(zero.maxRatio).toBe(Infinity);
  });

  it('reports claim defects: NaN bounds, missing metrics, no bounds', () => {
    expect(() => checkInstance(scripted([{ x: 1 }], [le(() => NaN)]), 0, { maxIterations: 5 })).toThrow(ClaimDefect);
    expect(() => checkInstance(scripted([{ x: 1 }], [le(() => 1, 0, 'y')]), 0, { maxIterations: 5 })).toThrow(/no metric 'y'/);
    expect(() => checkInstance(scripted([{ x: 1 }], []), 0, { maxIterations: 5 })).toThrow(/at least one bound/);
  });

  it('gives a bound that declares its rate the budget to reach its floor, within the cap', () => {
    // x_t = 0.99^t against the bound 0.99^t with floor 1e-6: 1375 steps to the floor
    const values = Array.from({ length: 3000 }, (_, t) => ({ x: 0.99 ** t }));
    const rated = (cap: number) => checkInstance(scripted(values, [{ ...le((t) => 0.99 ** t, 1e-6), rate: 0.99 }]), 0, { maxIterations: 100, budgetCap: cap });
    const reached = rated(2000);
    expect(reached.stop).toBe('floor');
    expect(reached.horizon).toBe(1374);
    expect(reached.budget).toBe(Math.ceil(1375 * 1.1) + 10);
    expect(reached.decay).toBeCloseTo(Math.log10(0.99 ** 1374), 9);
    // a floor out of the cap's reach keeps the claim's budget
    const capped = rated(1000);
    expect(capped.stop).toBe('budget');
    expect(capped.budget).toBe(100);
    expect(capped.horizon).toBe(100);
    // no cap, or no declared rate: the claim's budget
    expect(checkInstance(scripted(values, [{ ...le((t) => 0.99 ** t, 1e-6), rate: 0.99 }]), 0, { maxIterations: 100 }).budget).toBe(100);
    expect(checkInstance(scripted(values, [le((t) => 0.99 ** t, 1e-6)]), 0, { maxIterations: 100, budgetCap: 5000 }).stop).toBe('budget');
  });

  it('derives a rate budget only from a usable rate and value', () => {
    expect(rateBudget(0.5, 1, 1e-3, 0, 5, 100)).toBe(Math.ceil(10 * 1.1) + 10);
    expect(rateBudget(0.5, 1, 1e-3, 0, 50, 100)).toBe(50); // never below the claim's budget
    expect(rateBudget(1, 1, 1e-3, 0, 5, 100)).toBe(5);
    expect(rateBudget(0.5, 1e-4, 1e-3, 0, 5, 100)).toBe(5);
    expect(rateBudget(0.5, 1, 0, 0, 5, 100)).toBe(5);
  });

  it('allows roundoff in proportion to the declared scale and the steps taken', () => {
    expect(roundoffAllowance({}, 10)).toBe(0);
    expect(roundoffAllowance({ scale: 2 }, 9)).toBe(ROUNDOFF_UNITS * Number.EPSILON * 2 * 10);
    expect(roundoffAllowance({ scale: 2, amplification: 3 }, 9)).toBe(ROUNDOFF_UNITS * Number.EPSILON * 2 * 3);
    expect(withinBound({ relation: 'le' }, 0, 1 + 2 * DEFAULT_RTOL, 1)).toBe(false);
    expect(withinBound({ relation: 'le', scale: 1e8 }, 0, 1 + 2 * DEFAULT_RTOL, 1)).toBe(true);
    expect(withinBound({ relation: 'ge', scale: 1e8 }, 0, 1 - 2 * DEFAULT_RTOL, 1)).toBe(true);
    expect(withinBound({ relation: 'ge' }, 0, 1 - 2 * DEFAULT_RTOL, 1)).toBe(false);
  });

  // GD with step 2/(L + μ) on diag(μ, L), started on both eigen-directions: ‖x_t − x*‖ = q^t‖x₀ − x*‖
  // exactly, q = (L − μ)/(L + μ). With ‖x*‖ = 1.4e7 the rounding of x_t − x* is far above rtol·bound.
  function exactGd(factor: number, scale?: number) {
    const mu = 1, L = 10, gamma = 2 / (L + mu), q = (L - mu) / (L + mu);
    const xs = [1e7, 1e7];
    const e0 = Math.SQRT2;
    return defineClaim<number>({
      id: 'test.gd-exact',
      statement: '‖x_t − x*‖ ≤ q^t‖x₀ − x*‖',
      source: { paper: 'p', theorem: 't', url: 'u', confidence: 'D' },
      kind: 'bound-for-all-t',
      expected: 'holds',
      params: fc.constant(0),
      instantiate: () => ({
        hypotheses: [],
        derived: {},
        bounds: [{ metric: 'dist', relation: 'le', value: (t) => factor * e0 * q ** t, floor: 1e-3, cite: 'c', rate: q, scale }],
        run: (observe, maxIterations) => {
          const x = [xs[0] + 1, xs[1] + 1];
          for (let t = 0; t <= maxIterations; t++) {
            if (!observe(t, { dist: Math.hypot(x[0] - xs[0], x[1] - xs[1]) })) return;
            x[0] -= gamma * mu * (x[0] - xs[0]);
            x[1] -= gamma * L * (x[1] - xs[1]);
          }
        },
      }),
    });
  }

  it('keeps an exactly tight bound on a difference of large quantities, and still refutes it 0.1% too strong', () => {
    const falseAlarm = checkInstance(exactGd(1), 0, { maxIterations: 200 });
    expect(falseAlarm.firstViolation?.ratio).toBeGreaterThan(1 + DEFAULT_RTOL); // rtol alone is below the roundoff
    const held = checkInstance(exactGd(1, Math.hypot(1e7, 1e7)), 0, { maxIterations: 200 });
    expect(held.firstViolation).toBeUndefined();
    expect(held.stop).toBe('floor');
    expect(held.maxRatio).toBeGreaterThan(1 - 1e-6);
    const tooStrong = checkInstance(exactGd(0.999, Math.hypot(1e7, 1e7)), 0, { maxIterations: 200 });
    expect(tooStrong.firstViolation?.iteration).toBe(0);
  });
});
