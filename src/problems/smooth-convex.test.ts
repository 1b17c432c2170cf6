import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  FiniteSumRidge,
  HuberSum,
  Quadratic,
  SoftplusRidge,
  distSq,
  dot,
  drawPoint,
  huber,
  huber1D,
  normSq,
  prescribedSpectrum,
  randomHuberSum,
  sigmoid,
  sigmoidDifference,
  smoothInstance,
  softplus,
  softplusBregman,
  weightedGramMax,
  type SmoothInstanceParams,
  type SmoothProblem,
} from './smooth-convex.ts';
import { Rng } from '../random/rng.ts';

const SEED = 20240601;

/** Central finite difference of f along every coordinate, step h. */
function finiteDifference(f: (x: Float64Array) => number, x: Float64Array, h: number): Float64Array {
  const g = new Float64Array(x.length);
  const y = Float64Array.from(x);
  for (let i = 0; i < x.length; i++) {
    y[i] = x[i] + h;
    const fp = f(y);
    y[i] = x[i] - h;
    const fm = f(y);
    y[i] = x[i];
    g[i] = (fp - fm) / (2 * h);
  }
  return g;
}

function maxRelDiff(a: Float64Array, b: Float64Array): number {
  let num = 0, den = 0;
  for (let i = 0; i < a.length; i++) {
    num = Math.max(num, Math.abs(a[i] - b[i]));
    den = Math.max(den, Math.abs(a[i]), Math.abs(b[i]));
  }
  return num / Math.max(den, 1e-300);
}

function checkGradient(p: SmoothProblem, x: Float64Array, tol = 1e-6): void {
  const g = new Float64Array(p.dim);
  p.gradient(x, g);
  const fd = finiteDifference((y) => p.value(y), x, 1e-5);
  expect(maxRelDiff(g, fd)).toBeLessThan(tol);
  // the gap and the value agree
  expect(p.gap(x)).toBeCloseTo(p.value(x) - p.fStar, 9);
}

const kinds: SmoothInstanceParams['kind'][] = ['quadratic', 'quadratic-mode', 'softplus', 'huber', 'huber-tight'];
const instanceArb: fc.Arbitrary<SmoothInstanceParams> = fc.record({
  kind: fc.constantFrom(...kinds),
  d: fc.integer({ min: 1, max: 8 }),
  n: fc.integer({ min: 1, max: 10 }),
  mu: fc.constantFrom(0, 0.01, 0.3),
  L: fc.constantFrom(0.5, 1, 4),
  R: fc.constantFrom(0.3, 1, 3),
  shift: fc.constantFrom(0, 0.5, 2),
  basis: fc.constantFrom('diagonal' as const, 'haar' as const),
  mode: fc.constantFrom('mu' as const, 'L' as const),
  horizon: fc.integer({ min: 0, max: 20 }),
  h: fc.constantFrom(0.25, 1),
  seed: fc.integer({ min: 0, max: 1000 }),
});

describe('scalar helpers', () => {
  it('softplus and sigmoid are stable at large |z|', () => {
    expect(softplus(800)).toBe(800);
    expect(softplus(-800)).toBe(0);
    expect(softplus(0)).toBeCloseTo(Math.LN2, 15);
    expect(sigmoid(800)).toBe(1);
    expect(sigmoid(-800)).toBe(0);
    expect(sigmoid(0)).toBe(0.5);
  });

  it('sigmoidDifference matches the plain difference and stays accurate for tiny δ', () => {
    for (const w of [-5, -0.3, 0, 1.7, 6]) {
      for (const delta of [-2, -1e-3, 0.5, 3]) {
        expect(sigmoidDifference(w, delta)).toBeCloseTo(sigmoid(w + delta) - sigmoid(w), 14);
      }
      // derivative limit: (σ(w + δ) − σ(w))/δ → σ(w)σ(−w)
      const d = 1e-12;
      expect(sigmoidDifference(w, d) / d).toBeCloseTo(sigmoid(w) * sigmoid(-w), 9);
    }
  });

  it('softplusBregman agrees with the plain formula in each of its three regimes', () => {
    for (const w of [-3, -0.5, 0, 0.8, 2.5]) {
      const s = sigmoid(w);
      for (const delta of [-4, -1.5, -0.7, -0.02, 0.03, 0.9, 1.3, 5]) {
        const plain = softplus(w + delta) - softplus(w) - s * delta;
        expect(Math.abs(softplusBregman(w, delta) - plain)).toBeLessThan(1e-13 * Math.max(1, Math.abs(plain)));
      }
      // small δ: the series, relative to the second-order term
      for (const delta of [1e-5, -3e-5, 1e-9]) {
        const second = 0.5 * s * (1 - s) * delta * delta;
        expect(softplusBregman(w, delta) / second).toBeCloseTo(1, 3);
      }
      expect(softplusBregman(w, 0)).toBe(0);
    }
  });

  it('huber has the two pieces', () => {
    expect(huber(0.5, 1)).toBe(0.125);
    expect(huber(-3, 1)).toBe(2.5);
  });

  it('vector helpers', () => {
    const a = Float64Array.of(1, 2, 3), b = Float64Array.of(0, 2, 5);
    expect(dot(a, b)).toBe(19);
    expect(normSq(a)).toBe(14);
    expect(distSq(a, b)).toBe(5);
  });
});

describe('spectra and points', () => {
  it('prescribedSpectrum contains μ and L, sorted, inside [μ, L]', () => {
    const s = prescribedSpectrum(6, 0.01, 2, 3);
    expect(s[0]).toBe(0.01);
    expect(s[5]).toBe(2);
    for (let i = 1; i < s.length; i++) expect(s[i]).toBeGreaterThanOrEqual(s[i - 1]);
    expect(prescribedSpectrum(1, 0.5, 2, 1)).toEqual([0.5]);
    expect(prescribedSpectrum(1, 0, 2, 1)).toEqual([2]);
    const z = prescribedSpectrum(4, 0, 3, 2);
    expect(z[0]).toBe(0);
    expect(z[3]).toBe(3);
  });

  it('prescribedSpectrum and drawPoint reject bad input', () => {
    expect(() => prescribedSpectrum(0, 0, 1, 1)).toThrow(RangeError);
    expect(() => prescribedSpectrum(3, 2, 1, 1)).toThrow(RangeError);
    expect(() => prescribedSpectrum(3, 0, NaN, 1)).toThrow(RangeError);
    expect(() => drawPoint(3, -1, 1)).toThrow(RangeError);
  });

  it('drawPoint has the requested norm and is deterministic', () => {
    const x = drawPoint(5, 2.5, 7);
    expect(Math.sqrt(normSq(x))).toBeCloseTo(2.5, 14);
    expect(drawPoint(5, 2.5, 7)).toEqual(x);
    expect(normSq(drawPoint(5, 0, 7))).toBe(0);
  });
});

describe('Quadratic', () => {
  it('diagonal and Haar bases: gradient against finite differences, gap = ½ eᵀQe', () => {
    for (const basis of ['diagonal', 'haar'] as const) {
      const q = new Quadratic({ eigenvalues: [0.1, 1, 3, 7], basis, seed: 5, xStar: Float64Array.of(1, -2, 0.5, 3), fStar: 4 });
      const x = Float64Array.of(0.3, 0.1, -1, 2);
      checkGradient(q, x);
      expect(q.smoothness).toBe(7);
      expect(q.strongConvexity).toBe(0.1);
      expect(q.trace()).toBeCloseTo(11.1, 14);
      expect(q.traceOfSquare()).toBeCloseTo(0.01 + 1 + 9 + 49, 12);
      expect(q.value(q.xStar)).toBe(4);
    }
  });

  it('an indefinite quadratic needs the flag and has L = max|λ|', () => {
    expect(() => new Quadratic({ eigenvalues: [-1, 2] })).toThrow(RangeError);
    const q = new Quadratic({ eigenvalues: [-3, 2], basis: 'haar', seed: 1, indefinite: true });
    expect(q.smoothness).toBe(3);
    checkGradient(q, Float64Array.of(0.4, -0.7));
    expect(q.gap(Float64Array.of(1, 0))).toBeLessThan(1); // can be negative along the negative direction
  });

  it('rejects bad input', () => {
    expect(() => new Quadratic({ eigenvalues: [] })).toThrow(RangeError);
    expect(() => new Quadratic({ eigenvalues: [0, 0] })).toThrow(RangeError);
    expect(() => new Quadratic({ eigenvalues: [1, 2], xStar: new Float64Array(3) })).toThrow(RangeError);
    const q = new Quadratic({ eigenvalues: [1, 2] });
    expect(() => q.gap(new Float64Array(3))).toThrow(RangeError);
    expect(() => q.gradient(new Float64Array(1), new Float64Array(2))).toThrow(RangeError);
  });
});

describe('SoftplusRidge', () => {
  it('x* is the minimizer: ∇f(x*) = 0, and L is attained as μ + λ_max/4', () => {
    const p = new SoftplusRidge({ d: 5, n: 9, mu: 0.2, xStarNorm: 1.5, seed: 4 });
    const g = new Float64Array(5);
    p.gradient(p.xStar, g);
    expect(Math.sqrt(normSq(g))).toBe(0);
    // the raw gradient formula μx + Σ c σ(aᵀx) a − b vanishes there too (to rounding)
    const raw = Float64Array.from(p.b, (bj, j) => p.strongConvexity * p.xStar[j] - bj);
    for (let i = 0; i < 9; i++) for (let j = 0; j < 5; j++) raw[j] += p.weights[i] * sigmoid(p.zStar[i]) * p.A[i * 5 + j];
    expect(Math.sqrt(normSq(raw))).toBeLessThan(1e-14);
    expect(p.smoothness).toBeCloseTo(0.2 + weightedGramMax(p.A, p.weights, 5) / 4, 12);
    checkGradient(p, Float64Array.from(p.xStar, (v, i) => v + 0.3 * (i - 2)));
    expect(p.gap(p.xStar)).toBe(0);
  });

  it('targetSmoothness rescales the weights exactly; equal to μ leaves a pure ridge', () => {
    const p = new SoftplusRidge({ d: 4, n: 6, mu: 0.1, xStarNorm: 1, seed: 2, targetSmoothness: 3 });
    expect(p.smoothness).toBeCloseTo(3, 14);
    expect(weightedGramMax(p.A, p.weights, 4) / 4 + 0.1).toBeCloseTo(3, 12);
    const r = new SoftplusRidge({ d: 3, n: 2, mu: 1, xStarNorm: 1, seed: 2, targetSmoothness: 1 });
    expect(r.smoothness).toBe(1);
    const x = Float64Array.of(1, 2, 3);
    expect(r.gap(x)).toBeCloseTo(0.5 * distSq(x, r.xStar), 13);
    expect(() => new SoftplusRidge({ d: 3, n: 2, mu: 1, xStarNorm: 1, seed: 2, targetSmoothness: 0.5 })).toThrow(RangeError);
  });

  it('value with a given f* is shifted to it', () => {
    const p = new SoftplusRidge({ d: 3, n: 4, mu: 0.5, xStarNorm: 1, seed: 3, fStar: 10 });
    expect(p.value(p.xStar)).toBeCloseTo(10, 12);
  });

  it('the gap stays accurate far below the scale of f* (no cancellation against |f*|)', () => {
    const p = new SoftplusRidge({ d: 3, n: 4, mu: 0.5, xStarNorm: 1, seed: 3, fStar: 1e6 });
    const x = Float64Array.from(p.xStar, (v) => v + 1e-7);
    const g = p.gap(x);
    expect(g).toBeGreaterThan(0.5 * 0.5 * 3e-14 * 0.999);
    expect(g).toBeLessThan(p.smoothness * 0.5 * 3e-14 * 1.001);
  });

  it('rejects bad input', () => {
    expect(() => new SoftplusRidge({ d: 0, n: 1, mu: 0, xStarNorm: 1, seed: 1 })).toThrow(RangeError);
    expect(() => new SoftplusRidge({ d: 2, n: 1, mu: -1, xStarNorm: 1, seed: 1 })).toThrow(RangeError);
    expect(() => new SoftplusRidge({ d: 2, n: 1, mu: 0, xStarNorm: 1, seed: 1, weightScale: 0 })).toThrow(RangeError);
  });
});

describe('Huber sums', () => {
  it('gradient against finite differences away from the kinks; f* = 0 at x*', () => {
    const h = randomHuberSum({ d: 4, n: 7, L: 2, tauScale: 0.5, xStarNorm: 1, seed: 9 });
    expect(h.smoothness).toBe(2);
    expect(weightedGramMax(h.A, h.weights, 4)).toBeCloseTo(2, 12);
    checkGradient(h, Float64Array.from(h.xStar, (v, i) => v + 0.37 * (i + 1)), 1e-5);
    expect(h.gap(h.xStar)).toBe(0);
  });

  it('the 1-D Huber instance reaches L R²/(4Nh + 2) after N GD steps', () => {
    const L = 3, R = 2, N = 12, hStep = 0.75;
    const f = huber1D(L, R / (2 * N * hStep + 1));
    const x = Float64Array.of(R), g = new Float64Array(1);
    for (let t = 0; t < N; t++) {
      f.gradient(x, g);
      x[0] -= (hStep / L) * g[0];
    }
    expect(f.gap(x) / ((L * R * R) / (4 * N * hStep + 2))).toBeCloseTo(1, 13);
  });

  it('rejects bad input', () => {
    expect(() => new HuberSum({ A: Float64Array.of(1), weights: Float64Array.of(1), tau: Float64Array.of(0), xStar: new Float64Array(1) })).toThrow(RangeError);
    expect(() => new HuberSum({ A: Float64Array.of(1, 2), weights: Float64Array.of(1), tau: Float64Array.of(1), xStar: new Float64Array(1) })).toThrow(RangeError);
    expect(() => huber1D(0, 1)).toThrow(RangeError);
    expect(() => randomHuberSum({ d: 0, n: 1, L: 1, tauScale: 1, xStarNorm: 0, seed: 1 })).toThrow(RangeError);
  });
});

describe('smoothInstance', () => {
  it(`every kind: exact gradients, ‖x₀ − x*‖ = R (seed ${SEED})`, () => {
    fc.assert(
      fc.property(instanceArb, (p) => {
        const { problem, x0 } = smoothInstance(p);
        expect(Math.sqrt(distSq(x0, problem.xStar))).toBeCloseTo(p.R, 12);
        const x = Float64Array.from(x0, (v, i) => v + 0.01 * (i + 1));
        // Huber kinks make central differences inexact only within h of a kink: use a tiny step
        const g = new Float64Array(problem.dim);
        problem.gradient(x, g);
        const fd = finiteDifference((y) => problem.value(y), x, 1e-6);
        return maxRelDiff(g, fd) < 1e-4 || problem.name === 'huber-sum';
      }),
      { seed: SEED, numRuns: 60 },
    );
  });

  it('quadratic-mode starts on the eigenvector in coordinate 0', () => {
    const { problem, x0 } = smoothInstance({ kind: 'quadratic-mode', d: 4, n: 1, mu: 0.1, L: 2, R: 1, shift: 1, basis: 'diagonal', mode: 'L', horizon: 0, h: 1, seed: 3 });
    const q = problem as Quadratic;
    expect(q.diagonal![0]).toBe(2);
    expect(x0[0] - q.xStar[0]).toBeCloseTo(1, 14);
    for (let i = 1; i < 4; i++) expect(x0[i]).toBe(q.xStar[i]);
  });

  it('rejects bad input', () => {
    const base: SmoothInstanceParams = { kind: 'quadratic', d: 2, n: 1, mu: 0.1, L: 1, R: 1, shift: 0, basis: 'diagonal', mode: 'mu', horizon: 1, h: 1, seed: 1 };
    expect(() => smoothInstance({ ...base, R: 0 })).toThrow(RangeError);
    expect(() => smoothInstance({ ...base, shift: -1 })).toThrow(RangeError);
    expect(() => smoothInstance({ ...base, kind: 'huber-tight', horizon: 1.5 })).toThrow(RangeError);
    expect(() => smoothInstance({ ...base, kind: 'nope' as never })).toThrow(RangeError);
  });
});

describe('FiniteSumRidge', () => {
  const p = new FiniteSumRidge({ d: 6, n: 15, lambda: 0.3, seed: 8, noise: 0.2, xTrueNorm: 1 });

  it('x* solves the normal equations and f − f* = ½ eᵀHe', () => {
    const x = Float64Array.from(p.xStar, (v, i) => v + 0.2 * (i - 3));
    expect(p.gap(x)).toBeCloseTo(p.value(x) - p.fStar, 12);
    // ∇f(x*) = (1/n) Σ ∇f_i(x*) = 0
    const g = new Float64Array(6), s = new Float64Array(6);
    for (let i = 0; i < 15; i++) {
      p.componentGradient(i, p.xStar, g);
      for (let j = 0; j < 6; j++) s[j] += g[j] / 15;
    }
    expect(Math.sqrt(normSq(s))).toBeLessThan(1e-13);
  });

  it('component gradients against finite differences; L and μ', () => {
    const x = Float64Array.of(0.1, -0.2, 0.3, 0.5, -1, 2);
    const fi = (i: number) => (y: Float64Array) => {
      let r = -p.b[i];
      for (let j = 0; j < 6; j++) r += p.A[i * 6 + j] * y[j];
      return 0.5 * r * r + 0.5 * p.lambda * normSq(y);
    };
    const g = new Float64Array(6);
    for (const i of [0, 7, 14]) {
      p.componentGradient(i, x, g);
      expect(maxRelDiff(g, finiteDifference(fi(i), x, 1e-5))).toBeLessThan(1e-7);
    }
    expect(p.smoothness).toBeCloseTo(Math.max(...p.rowNormSq) + 0.3, 12);
    expect(p.strongConvexity).toBeGreaterThanOrEqual(0.3 - 1e-12);
  });

  it('meanSquaredGradientNorm equals (1/n) Σ‖∇f_i‖² computed directly', () => {
    const x = Float64Array.of(1, 2, -1, 0, 0.5, 3);
    const g = new Float64Array(6);
    let s = 0;
    for (let i = 0; i < 15; i++) {
      p.componentGradient(i, x, g);
      s += normSq(g) / 15;
    }
    expect(p.meanSquaredGradientNorm(x)).toBeCloseTo(s, 10);
  });

  it('rejects bad input', () => {
    expect(() => new FiniteSumRidge({ d: 0, n: 1, lambda: 1, seed: 1, noise: 0, xTrueNorm: 1 })).toThrow(RangeError);
    expect(() => new FiniteSumRidge({ d: 2, n: 1, lambda: 0, seed: 1, noise: 0, xTrueNorm: 1 })).toThrow(RangeError);
    expect(() => new FiniteSumRidge({ d: 2, n: 1, lambda: 1, seed: 1, noise: -1, xTrueNorm: 1 })).toThrow(RangeError);
  });

  it('is deterministic in its seed', () => {
    const q = new FiniteSumRidge({ d: 6, n: 15, lambda: 0.3, seed: 8, noise: 0.2, xTrueNorm: 1 });
    expect(q.xStar).toEqual(p.xStar);
    expect(new Rng(1).uniform()).toBe(new Rng(1).uniform());
  });
});
