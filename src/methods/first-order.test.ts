import { describe, expect, it } from 'vitest';
import {
  FLOOR_FACTOR,
  coordinateGuard,
  distSqGuard,
  gapGuard,
  gdRate,
  guardedBound,
  iterateNoise,
  nesterovMomentum,
  runGradientDescent,
  runNesterov,
  type FirstOrderMetrics,
} from './first-order.ts';
import { Quadratic, SoftplusRidge, huber1D } from '../problems/smooth-convex.ts';

function collect(run: (observe: (t: number, m: FirstOrderMetrics) => boolean) => void): FirstOrderMetrics[] {
  const out: FirstOrderMetrics[] = [];
  run((_t, m) => {
    out.push({ ...m });
    return true;
  });
  return out;
}

describe('runGradientDescent', () => {
  it('on a 1-D quadratic the error contracts by exactly 1 − γλ', () => {
    const q = new Quadratic({ eigenvalues: [2], xStar: Float64Array.of(0.5) });
    const gamma = 0.3;
    const m = collect((obs) => runGradientDescent(q, Float64Array.of(1.5), { stepSize: gamma }, (t, x) => obs(t, x as FirstOrderMetrics), 20));
    expect(m).toHaveLength(21);
    for (let t = 0; t <= 20; t++) {
      const e = Math.pow(1 - gamma * 2, t);
      expect(m[t].error0).toBeCloseTo(e, 14);
      expect(m[t].distSq).toBeCloseTo(e * e, 14);
      expect(m[t].gap).toBeCloseTo(e * e, 14);
      expect(m[t].gradNormSq).toBeCloseTo(4 * e * e, 13);
    }
  });

  it('reproduces the Drori–Teboulle Huber instance exactly', () => {
    const L = 2, R = 1, N = 30, h = 1;
    const f = huber1D(L, R / (2 * N * h + 1));
    let last = NaN;
    runGradientDescent(f, Float64Array.of(R), { stepSize: h / L }, (t, m) => {
      if (t === N) last = m.gap;
      return t < N;
    }, 1000);
    expect(last / ((L * R * R) / (4 * N * h + 2))).toBeCloseTo(1, 13);
  });

  it('stops when observe returns false and at the budget', () => {
    const q = new Quadratic({ eigenvalues: [1, 2] });
    let calls = 0;
    runGradientDescent(q, Float64Array.of(1, 1), { stepSize: 0.1 }, () => ++calls < 3, 100);
    expect(calls).toBe(3);
    calls = 0;
    runGradientDescent(q, Float64Array.of(1, 1), { stepSize: 0.1 }, () => (calls++, true), 5);
    expect(calls).toBe(6);
  });

  it('rejects bad input', () => {
    const q = new Quadratic({ eigenvalues: [1, 2] });
    expect(() => runGradientDescent(q, Float64Array.of(1), { stepSize: 0.1 }, () => true, 1)).toThrow(RangeError);
    expect(() => runGradientDescent(q, Float64Array.of(1, NaN), { stepSize: 0.1 }, () => true, 1)).toThrow(RangeError);
    expect(() => runGradientDescent(q, Float64Array.of(1, 1), { stepSize: 0 }, () => true, 1)).toThrow(RangeError);
  });
});

describe('runNesterov', () => {
  it('the μ-mode error is (1 + k/√κ)(1 − 1/√κ)^k e₀ (x₋₁ = x₀)', () => {
    const kappa = 100, L = 1, mu = L / kappa, q = Math.sqrt(mu / L);
    const p = new Quadratic({ eigenvalues: [mu, 0.5, L] });
    const m = collect((obs) => runNesterov(p, Float64Array.of(1, 0, 0), { stepSize: 1 / L, momentum: nesterovMomentum(mu, L) }, (t, x) => obs(t, x as FirstOrderMetrics), 300));
    for (let k = 0; k <= 300; k++) {
      const e = (1 + k * q) * Math.pow(1 - q, k);
      expect(Math.abs(m[k].error0 / e - 1)).toBeLessThan(1e-11);
    }
    expect(Number.isNaN(m[0].gradNormSq)).toBe(true);
  });

  it('with β = 0 it is gradient descent', () => {
    const p = new SoftplusRidge({ d: 3, n: 5, mu: 0.1, xStarNorm: 1, seed: 2 });
    const x0 = Float64Array.of(1, -1, 2);
    const a = collect((obs) => runNesterov(p, x0, { stepSize: 0.5, momentum: 0 }, (t, x) => obs(t, x as FirstOrderMetrics), 15));
    const b = collect((obs) => runGradientDescent(p, x0, { stepSize: 0.5 }, (t, x) => obs(t, x as FirstOrderMetrics), 15));
    for (let t = 0; t <= 15; t++) expect(a[t].distSq).toBe(b[t].distSq);
  });

  it('rejects a momentum outside [0, 1)', () => {
    const q = new Quadratic({ eigenvalues: [1] });
    expect(() => runNesterov(q, Float64Array.of(1), { stepSize: 1, momentum: 1 }, () => true, 1)).toThrow(RangeError);
    expect(() => runNesterov(q, Float64Array.of(1), { stepSize: 1, momentum: -0.1 }, () => true, 1)).toThrow(RangeError);
  });
});

describe('parameters', () => {
  it('nesterovMomentum and gdRate', () => {
    expect(nesterovMomentum(1, 100)).toBeCloseTo(9 / 11, 15);
    expect(nesterovMomentum(1, 1)).toBe(0);
    expect(() => nesterovMomentum(2, 1)).toThrow(RangeError);
    expect(gdRate(1, 0.01, 1)).toBeCloseTo(0.99, 15);
    expect(gdRate(1.9, 0.01, 1)).toBeCloseTo(0.981, 15);
    expect(gdRate(2 / 1.01, 0.01, 1)).toBeCloseTo(0.99 / 1.01, 14);
  });
});

describe('roundoff guards', () => {
  it('iterate noise is 4 eps ‖x*‖ times the amplification', () => {
    expect(iterateNoise(2, 10)).toBe(80 * Number.EPSILON);
    expect(iterateNoise(0, 10)).toBe(0);
    expect(() => iterateNoise(-1, 1)).toThrow(RangeError);
  });

  it('floors sit FLOOR_FACTOR above the allowance’s scale, or at the underflow fraction when δ = 0', () => {
    const rel = (a: number, b: number) => Math.abs(a / b - 1);
    const d = distSqGuard(1e-10, 1);
    expect(rel(d.floor, FLOOR_FACTOR * 1e-20)).toBeLessThan(1e-12);
    expect(rel(d.allowance(4), 2 * 2 * 1e-10 + 1e-20)).toBeLessThan(1e-12);
    const g = gapGuard(1e-10, 3, 1);
    expect(rel(g.floor, 2 * FLOOR_FACTOR * 3 * 1e-20)).toBeLessThan(1e-12);
    expect(rel(g.allowance(0), 3e-20)).toBeLessThan(1e-12);
    expect(rel(g.allowance(-1), 3e-20)).toBeLessThan(1e-12);
    const c = coordinateGuard(1e-10, -2);
    expect(rel(c.floor, Math.sqrt(FLOOR_FACTOR) * 1e-10)).toBeLessThan(1e-12);
    expect(c.allowance(5)).toBe(1e-10);
    expect(distSqGuard(0, 1).floor).toBe(1e-200);
  });

  it('guardedBound adds the allowance above the floor, subtracts it for lower bounds, and cites δ', () => {
    const guard = distSqGuard(1e-6, 1);
    const up = guardedBound('distSq', (t) => Math.pow(0.5, t), guard, 'c');
    expect(up.value(0, { distSq: 1 })).toBeCloseTo(1 + 2e-6 + 1e-12, 15);
    expect(up.value(60, { distSq: 1 })).toBe(Math.pow(0.5, 60)); // below the floor: the plain bound
    expect(up.floor).toBe(guard.floor);
    expect(up.cite).toContain('δ =');
    const lo = guardedBound('distSq', () => 1, guard, 'c', { relation: 'ge', rtol: 1e-3 });
    expect(lo.value(0, { distSq: 1 })).toBeLessThan(1);
    expect(lo.rtol).toBe(1e-3);
    expect(guardedBound('x', () => 1, distSqGuard(0, 1), 'plain').cite).toBe('plain');
  });
});
