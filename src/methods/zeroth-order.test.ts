import { describe, expect, it } from 'vitest';
import {
  GaussianEstimator,
  Rsgf,
  estimatorSecondMoment,
  quadraticSecondMoment,
  runRsgf,
  smoothingShiftCubature,
  smoothingShiftMonteCarlo,
  type RsgfMetrics,
} from './zeroth-order.ts';
import { Quadratic, SoftplusRidge, normSq } from '../problems/smooth-convex.ts';
import { Rng } from '../random/rng.ts';

const q = new Quadratic({ eigenvalues: [0.5, 1, 2, 4], basis: 'haar', seed: 3, xStar: Float64Array.of(1, 0, -1, 2) });
const x = Float64Array.of(0.2, 0.4, -0.3, 1.5);
const g = new Float64Array(4);
q.gradient(x, g);

describe('GaussianEstimator on a quadratic', () => {
  const u = Float64Array.of(0.3, -1.2, 0.8, 0.1);
  const gu = g.reduce((s, v, i) => s + v * u[i], 0);
  let uAu = 0;
  for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) uAu += u[i] * q.Q[i * 4 + j] * u[j];

  it('forward: (⟨∇f, u⟩ + (ν/2)uᵀAu) u', () => {
    const out = new Float64Array(4);
    const nu = 0.01;
    const n = new GaussianEstimator(q, 'forward', nu).estimate(x, u, out);
    for (let i = 0; i < 4; i++) expect(out[i]).toBeCloseTo((gu + (nu / 2) * uAu) * u[i], 10);
    expect(n).toBeCloseTo(normSq(out), 14);
  });

  it('symmetric: ⟨∇f, u⟩u exactly (the curvature term cancels); directional: ⟨∇f, u⟩u', () => {
    const out = new Float64Array(4);
    new GaussianEstimator(q, 'symmetric', 0.3).estimate(x, u, out);
    for (let i = 0; i < 4; i++) expect(out[i]).toBeCloseTo(gu * u[i], 10);
    new GaussianEstimator(q, 'directional', 0).estimate(x, u, out);
    for (let i = 0; i < 4; i++) expect(out[i]).toBeCloseTo(gu * u[i], 13);
  });

  it('oracle noise ξ enters as ⟨ξ, u⟩u for every kind', () => {
    const xi = Float64Array.of(0.5, 0, -0.5, 1);
    const xu = xi.reduce((s, v, i) => s + v * u[i], 0);
    for (const kind of ['forward', 'symmetric', 'directional'] as const) {
      const a = new Float64Array(4), b = new Float64Array(4);
      const est = new GaussianEstimator(q, kind, 0.01);
      est.estimate(x, u, a);
      est.estimate(x, u, b, xi);
      for (let i = 0; i < 4; i++) expect(b[i] - a[i]).toBeCloseTo(xu * u[i], 9);
    }
  });

  it('rejects ν ≤ 0 for finite differences', () => {
    expect(() => new GaussianEstimator(q, 'forward', 0)).toThrow(RangeError);
    expect(() => new GaussianEstimator(q, 'symmetric', NaN)).toThrow(RangeError);
    expect(() => new GaussianEstimator(q, 'directional', 0)).not.toThrow();
  });
});

describe('expectations', () => {
  it('the Monte Carlo second moment agrees with the exact quadratic formula within 5 SE', () => {
    for (const kind of ['forward', 'symmetric', 'directional'] as const) {
      const nu = 0.2;
      const mc = estimatorSecondMoment(new GaussianEstimator(q, kind, nu), x, 20000, new Rng(11, kind));
      const exact = quadraticSecondMoment(kind, normSq(g), q.trace(), q.traceOfSquare(), 4, nu);
      expect(Math.abs(mc.mean - exact)).toBeLessThan(5 * mc.standardError);
    }
    expect(() => estimatorSecondMoment(new GaussianEstimator(q, 'forward', 0.1), x, 1, new Rng(1))).toThrow(RangeError);
  });

  it('the cubature is exact for f_ν − f on quadratics (ν² tr A/2) and for cubic polynomials', () => {
    const c = smoothingShiftCubature((y) => q.value(y), x, 0.7);
    expect(c.value).toBeCloseTo((0.49 * q.trace()) / 2, 13);
    expect(c.roundoff).toBeGreaterThan(0);
    // f(y) = y₀³ + y₀y₁: E over u of the shift = 3ν²y₀ (from the cubic) + 0
    const cubic = (y: Float64Array) => y[0] ** 3 + y[0] * y[1];
    const p = Float64Array.of(1.3, -0.4);
    expect(smoothingShiftCubature(cubic, p, 0.5).value).toBeCloseTo(3 * 0.25 * 1.3, 12);
    const custom = smoothingShiftCubature(cubic, p, 0.5, () => 1);
    expect(custom.roundoff).toBeGreaterThanOrEqual(2);
    expect(() => smoothingShiftCubature(cubic, p, 0)).toThrow(RangeError);
  });

  it('the Monte Carlo shift agrees with the exact one within 5 SE', () => {
    const mc = smoothingShiftMonteCarlo((y) => q.value(y), x, 0.3, 20000, new Rng(5));
    expect(Math.abs(mc.mean - (0.09 * q.trace()) / 2)).toBeLessThan(5 * mc.standardError);
    expect(() => smoothingShiftMonteCarlo((y) => q.value(y), x, 0.3, 1, new Rng(5))).toThrow(RangeError);
  });

  it('quadraticSecondMoment', () => {
    expect(quadraticSecondMoment('directional', 2, 10, 30, 5, 1)).toBe(14);
    expect(quadraticSecondMoment('symmetric', 2, 10, 30, 5, 1)).toBe(14);
    expect(quadraticSecondMoment('forward', 2, 10, 30, 5, 2)).toBe(14 + 1 * 9 * 160);
  });
});

describe('RSGF', () => {
  const p = new SoftplusRidge({ d: 5, n: 10, mu: 0.2, xStarNorm: 1, seed: 2, targetSmoothness: 1 });
  const x1 = Float64Array.from(p.xStar, (v, i) => v + (i % 2 ? 1 : -1));

  it('noise-free RSGF with a small ν decreases ‖∇f‖ on average and keeps the running sum', () => {
    const out: RsgfMetrics[] = [];
    runRsgf(p, x1, { nu: 1e-6, stepSize: 1 / (2 * 9), noise: 0, seed: 4 }, (_k, m) => {
      out.push({ ...(m as RsgfMetrics) });
      return true;
    }, 2000);
    expect(out).toHaveLength(2000);
    expect(out[1999].gap).toBeLessThan(1e-3 * out[0].gap);
    expect(out[0].averageGradNormSq).toBe(out[0].gradNormSq);
    const mean = out.reduce((s, m) => s + m.gradNormSq, 0) / out.length;
    expect(out[1999].averageGradNormSq).toBeCloseTo(mean, 10);
  });

  it('is deterministic in its seed, and noise changes the path', () => {
    const a = new Rsgf(p, x1, { nu: 1e-3, stepSize: 0.02, noise: 1, seed: 7 });
    const b = new Rsgf(p, x1, { nu: 1e-3, stepSize: 0.02, noise: 1, seed: 7 });
    const c = new Rsgf(p, x1, { nu: 1e-3, stepSize: 0.02, noise: 0, seed: 7, estimator: 'symmetric' });
    for (let k = 0; k < 50; k++) {
      a.step();
      b.step();
      c.step();
    }
    expect(a.x).toEqual(b.x);
    expect(a.x).not.toEqual(c.x);
    expect(a.k).toBe(51);
    let calls = 0;
    runRsgf(p, x1, { nu: 1e-3, stepSize: 0.02, noise: 0, seed: 7 }, () => ++calls < 3, 100);
    expect(calls).toBe(3);
  });

  it('rejects bad input', () => {
    expect(() => new Rsgf(p, new Float64Array(2), { nu: 1e-3, stepSize: 0.02, noise: 0, seed: 1 })).toThrow(RangeError);
    expect(() => new Rsgf(p, x1, { nu: 1e-3, stepSize: 0, noise: 0, seed: 1 })).toThrow(RangeError);
    expect(() => new Rsgf(p, x1, { nu: 1e-3, stepSize: 0.1, noise: -1, seed: 1 })).toThrow(RangeError);
  });
});
