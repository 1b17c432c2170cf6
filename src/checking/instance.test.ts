import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkInstance } from './instance.ts';
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
});
