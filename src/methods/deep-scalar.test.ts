import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { balancedStart, balancedStepsToProduct, balancedStepsToProductMany, intPow, runDeepScalar, stepsToLoss, stepsToLossMany, stepsToProduct, type DeepScalarMetrics } from './deep-scalar.ts';
import { Rng } from '../random/rng.ts';

function trajectory(w0: Float64Array, eta: number, T: number, target = 1): DeepScalarMetrics[] {
  const out: DeepScalarMetrics[] = [];
  runDeepScalar(w0, { stepSize: eta, target }, (_t, m) => {
    out.push({ ...(m as DeepScalarMetrics) });
    return true;
  }, T);
  return out;
}

describe('deep scalar GD', () => {
  it('takes exactly the gradient step ∂F/∂wᵢ = f′(p)∏_{j≠i}w_j (two steps by hand)', () => {
    const eta = 0.1, y = 2;
    let w = [0.5, -1.5, 2];
    for (let t = 0; t < 2; t++) {
      const p = w[0] * w[1] * w[2];
      const fp = p - y;
      w = [w[0] - eta * fp * w[1] * w[2], w[1] - eta * fp * w[0] * w[2], w[2] - eta * fp * w[0] * w[1]];
    }
    const traj = trajectory(Float64Array.from([0.5, -1.5, 2]), eta, 2, y);
    expect(traj).toHaveLength(3);
    expect(traj[0].product).toBeCloseTo(-1.5, 15);
    expect(traj[0].loss).toBeCloseTo(0.5 * 3.5 * 3.5, 14);
    expect(traj[2].product).toBeCloseTo(w[0] * w[1] * w[2], 13);
  });

  it('handles a zero coordinate without dividing by it', () => {
    const traj = trajectory(Float64Array.from([0, 1, 1]), 0.5, 1);
    // ∂F/∂w₁ = f′(0)·1 = −1: w₁ = 0.5; the others have ∏_{j≠i} = 0 and stay at 1
    expect(traj[1].product).toBeCloseTo(0.5, 15);
  });

  it('does not modify its start and stops when observe returns false', () => {
    const w0 = Float64Array.from([0.3, 0.4]);
    let calls = 0;
    runDeepScalar(w0, { stepSize: 0.1 }, () => ++calls < 3, 100);
    expect(calls).toBe(3);
    expect(Array.from(w0)).toEqual([0.3, 0.4]);
  });

  it('stops at the first non-finite product (divergence)', () => {
    const traj = trajectory(Float64Array.from([10, 10, 10]), 10, 50);
    expect(traj.length).toBeLessThan(51);
    expect(Number.isFinite(traj[traj.length - 1].product)).toBe(false);
    expect(stepsToLoss(Float64Array.from([10, 10, 10]), { stepSize: 10 }, 0.01, 50)).toBe(Infinity);
    expect(stepsToProduct(Float64Array.from([10, 10, 10]), { stepSize: 10, target: 1e300 }, 1e305, 50)).toBe(Infinity);
  });

  it('counts the steps to a loss level and to a product level', () => {
    const w0 = Float64Array.from([0.9, 0.9]);
    const traj = trajectory(w0, 0.1, 200);
    const byLoss = traj.findIndex((m) => m.loss <= 1e-4);
    const byProduct = traj.findIndex((m) => m.product >= 0.95);
    expect(stepsToLoss(w0, { stepSize: 0.1 }, 1e-4, 200)).toBe(byLoss);
    expect(stepsToProduct(w0, { stepSize: 0.1 }, 0.95, 200)).toBe(byProduct);
    expect(stepsToLoss(w0, { stepSize: 0.1 }, 1e-4, 3)).toBe(Infinity);
    expect(stepsToProduct(w0, { stepSize: 0.1 }, 0.95, 2)).toBe(Infinity);
    expect(stepsToLoss(Float64Array.from([1, 1]), { stepSize: 0.1 }, 1e-4, 10)).toBe(0);
  });

  it('intPow is exact repeated squaring', () => {
    expect(intPow(3, 0)).toBe(1);
    expect(intPow(3, 5)).toBe(243);
    expect(intPow(-2, 7)).toBe(-128);
    expect(intPow(0.5, 10)).toBe(1 / 1024);
  });

  it('the balanced scalar recursion reproduces the k-dimensional GD (reduced = dense)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 30, max: 80 }).map((v) => v / 100),
        fc.integer({ min: 3, max: 14 }),
        fc.integer({ min: 1, max: 40 }).map((v) => v / 400),
        (a, k, eta) => {
          const reduced = balancedStepsToProduct(a, k, { stepSize: eta }, 0.5, 300_000);
          const dense = stepsToProduct(balancedStart(a, k), { stepSize: eta }, 0.5, 300_000);
          // the dense partial products round differently across i: allow one step of difference
          return Math.abs(reduced - dense) <= 1 || (reduced === Infinity && dense === Infinity);
        },
      ),
      { seed: 3, numRuns: 60 },
    );
  });

  it('the balanced recursion stops when the product is reached or at the cap', () => {
    expect(balancedStepsToProduct(0.9, 2, { stepSize: 0.1 }, 0.5, 10)).toBe(0);
    expect(balancedStepsToProduct(0.1, 20, { stepSize: 1e-3 }, 0.5, 100)).toBe(Infinity);
    expect(balancedStepsToProduct(2, 3, { stepSize: 50 }, 1e300, 100)).toBe(Infinity);
  });

  it('stepsToLossMany gives each start the count of its own stepsToLoss run (lockstep in groups of four)', () => {
    for (const k of [1, 3, 8, 13]) {
      // 0..9 starts: full groups, a ragged last group; one divergent start, one that never gets there
      const starts = Array.from({ length: 10 }, (_, s) => new Rng(s, `many:${k}`).fillGaussian(new Float64Array(k)));
      starts[3] = new Float64Array(k).fill(3); // η = 0.3 with w = 3: overflows
      starts[6] = new Float64Array(k); // all zero: the gradient vanishes, never reaches the loss
      const spec = { stepSize: 0.3 / k, target: 1 };
      for (const count of [0, 1, 4, 5, 10]) {
        const many = stepsToLossMany(starts.slice(0, count), spec, 0.01, 400);
        expect(many).toEqual(starts.slice(0, count).map((w0) => stepsToLoss(w0, spec, 0.01, 400)));
      }
    }
    expect(stepsToLossMany([Float64Array.of(0.1, 0.2)], { stepSize: 0.1 }, 0.01, 3)).toEqual([Infinity]);
    expect(() => stepsToLossMany([Float64Array.of(1), Float64Array.of(1, 2)], { stepSize: 0.1 }, 0.01, 3)).toThrow(RangeError);
    expect(() => stepsToLossMany([Float64Array.of(1)], { stepSize: 0.1 }, 0, 3)).toThrow(RangeError);
  });

  it('balancedStepsToProductMany gives each depth the count of balancedStepsToProduct', () => {
    const depths = [3, 4, 6, 9, 12, 20];
    for (const [a, eta] of [[0.5, 0.05], [0.7, 0.01], [0.3, 0.1]]) {
      for (const capOf of [(k: number) => 10 * k, () => 1e6]) {
        const caps = depths.map(capOf);
        const want = depths.map((k, j) => balancedStepsToProduct(a, k, { stepSize: eta }, 0.5, caps[j]));
        expect(balancedStepsToProductMany(a, depths, { stepSize: eta }, 0.5, caps)).toEqual(want);
      }
    }
    // overflow (non-finite product) and the product reached at t = 0
    expect(balancedStepsToProductMany(2, [3, 5], { stepSize: 50 }, 1e300, [100, 100])).toEqual([Infinity, Infinity]);
    expect(balancedStepsToProductMany(0.9, [2, 3], { stepSize: 0.1 }, 0.5, [10, 10])).toEqual([0, 0]);
    expect(balancedStepsToProductMany(0.5, [], { stepSize: 0.1 }, 0.5, [])).toEqual([]);
    expect(() => balancedStepsToProductMany(0.5, [3], { stepSize: 0.1 }, 0.5, [])).toThrow(RangeError);
    expect(() => balancedStepsToProductMany(NaN, [3], { stepSize: 0.1 }, 0.5, [1])).toThrow(RangeError);
  });

  it('rejects bad input with a RangeError', () => {
    expect(() => runDeepScalar(Float64Array.from([1]), { stepSize: 0 }, () => true, 1)).toThrow(RangeError);
    expect(() => runDeepScalar(new Float64Array(0), { stepSize: 0.1 }, () => true, 1)).toThrow(RangeError);
    expect(() => runDeepScalar(Float64Array.from([1]), { stepSize: 0.1, target: NaN }, () => true, 1)).toThrow(RangeError);
    expect(() => stepsToLoss(Float64Array.from([1]), { stepSize: 0.1 }, 0, 1)).toThrow(RangeError);
    expect(() => balancedStepsToProduct(NaN, 3, { stepSize: 0.1 }, 0.5, 1)).toThrow(RangeError);
    expect(() => balancedStart(0.5, 0)).toThrow(RangeError);
    expect(() => balancedStepsToProduct(0.5, 2.5, { stepSize: 0.1 }, 0.5, 1)).toThrow(RangeError);
  });
});
