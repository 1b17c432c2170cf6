/**
 * Stich–Cordonnier–Jaggi (sparsified SGD with memory) and the Gaussian-smoothing / RSGF claims with
 * pinned seeds: every verdict as expected, the tight sub-properties attaining their bounds, the loose
 * main bounds reported as loose, and the engine properties these claims rely on (exact rand_k
 * expectations, the memory's virtual iterate, unbiasedness of the smoothed estimator on quadratics).
 */
import { describe, expect, it } from 'vitest';
import { verdictTests } from './verdicts.ts';
import fc from 'fast-check';
import { paper as stich2018 } from '../theorems/stich2018-sparsified-sgd/index.ts';
import { minimalShift, paperLikeSetup, stichParams } from '../theorems/stich2018-sparsified-sgd/setup.ts';
import { theorem24Bound, thm24 } from '../theorems/stich2018-sparsified-sgd/theorem-2.4.ts';
import { lemma32 } from '../theorems/stich2018-sparsified-sgd/lemma-3.2.ts';
import { def21RandK, def21TopK } from '../theorems/stich2018-sparsified-sgd/definition-2.1.ts';
import { paper as gaussianSmoothing } from '../theorems/gaussian-smoothing/index.ts';
import { smoothingInstance, smoothingParams } from '../theorems/gaussian-smoothing/setup.ts';
import { nsValue } from '../theorems/gaussian-smoothing/ns-theorem-1.ts';
import { nsSecondMoment } from '../theorems/gaussian-smoothing/ns-theorem-4.ts';
import { rsgf, rsgfBound } from '../theorems/gaussian-smoothing/ghadimi-lan-theorem-3.2.ts';
import { checkInstance } from '../src/checking/instance.ts';
import type { Claim } from '../src/claims/types.ts';
import { randKExpectation, weightSum } from '../src/methods/sparsified-sgd.ts';
import { GaussianEstimator } from '../src/methods/zeroth-order.ts';
import { Rng } from '../src/random/rng.ts';

const SEED = 11;
const RUNS = 15;

verdictTests('further theorems (a): catalog verdicts', [...stich2018.claims, ...gaussianSmoothing.claims], { seed: SEED, runs: RUNS });

describe('tight sub-properties and loose main bounds', () => {
  it('Definition 2.1: top_k and rand_k attain (1 − k/d) on their examples', () => {
    for (const claim of [def21TopK, def21RandK] as Claim<any>[]) {
      for (const ex of claim.examples!) {
        const r = checkInstance(claim, ex, { maxIterations: 1 });
        expect(r.maxRatio, `${claim.id} ${JSON.stringify(ex)}`).toBeGreaterThanOrEqual(0.999);
        expect(r.firstViolation).toBeUndefined();
      }
    }
  });

  it('Nesterov–Spokoiny Theorem 1 is attained by f = (L/2)‖x‖² (ratio ≥ 0.999)', () => {
    const r = checkInstance(nsValue, nsValue.examples![0], { maxIterations: 1 });
    expect(r.maxRatio).toBeGreaterThanOrEqual(0.999);
  });

  it(`Theorem 2.4 and Lemma 3.2 hold with large slack on the authors’ scale (seed ${SEED})`, () => {
    for (const claim of [thm24, lemma32]) {
      for (const ex of [paperLikeSetup('top-k'), paperLikeSetup('rand-k')]) {
        const r = checkInstance(claim, ex, { maxIterations: 1500 });
        expect(r.firstViolation).toBeUndefined();
        expect(r.maxRatio).toBeLessThan(0.1);
      }
    }
    const t4 = checkInstance(nsSecondMoment, nsSecondMoment.examples![0], { maxIterations: 1 });
    expect(t4.maxRatio).toBeLessThan(0.5);
    const g = checkInstance(rsgf, rsgf.examples![0], { maxIterations: 1000 });
    expect(g.firstViolation).toBeUndefined();
    expect(g.maxRatio).toBeGreaterThan(0.01);
  });
});

describe('engine properties', () => {
  it(`rand_k's exact expectation equals (1 − k/d)‖x‖² for every x and k (seed ${SEED})`, () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 7 }).chain((d) => fc.tuple(fc.integer({ min: 1, max: d }), fc.array(fc.integer({ min: -100, max: 100 }), { minLength: d, maxLength: d }))), ([k, xs]) => {
        const x = Float64Array.from(xs);
        const d = x.length;
        const nx = xs.reduce((s, v) => s + v * v, 0);
        const r = randKExpectation(x, k, (out) => out.reduce((s, v, i) => s + (x[i] - v) ** 2, 0));
        expect(Math.abs(r.mean - (1 - k / d) * nx)).toBeLessThanOrEqual(1e-12 * Math.max(nx, 1));
      }),
      { seed: SEED, numRuns: 100 },
    );
  });

  it('S_T and the bound’s shape: the closed form equals the sum; the bound decreases like 1/T for large T', () => {
    for (const a of [1.5, 7, 210]) {
      let s = 0;
      for (let T = 1; T <= 300; T++) {
        s += (a + T - 1) ** 2;
        expect(Math.abs(weightSum(T, a) / s - 1)).toBeLessThan(1e-12);
      }
    }
    const shape = { L: 10, mu: 1, a: 70, alpha: 5, d: 20, k: 2, R0sq: 1 };
    const b1 = theorem24Bound(1e9, shape, 1), b2 = theorem24Bound(2e9, shape, 1); // the (d/k)²κ/T² term dominates until T ≈ 1e6
    expect(b1 / b2).toBeGreaterThan(1.9);
    expect(b1 / b2).toBeLessThan(2.1);
    expect(minimalShift(5, 20, 2)).toBeCloseTo(60 + (20 / 36 / (20 / 36 + 1)), 12);
  });

  it(`instances stay inside Theorem 2.4's hypotheses (seed ${SEED})`, () => {
    fc.assert(
      fc.property(stichParams(), (p) => {
        const r = checkInstance(thm24, p, { maxIterations: 2 });
        return r.hypothesesMet;
      }),
      { seed: SEED, numRuns: 30 },
    );
  });

  it(`the smoothed estimator is unbiased for ∇f on quadratics: mean within 5 SE per coordinate (seed ${SEED})`, () => {
    fc.assert(
      fc.property(smoothingParams({ kinds: ['quadratic'], d: [1, 6] }), (p) => {
        const inst = smoothingInstance(p);
        const est = new GaussianEstimator(inst.problem, 'forward', p.nu);
        const rng = new Rng(p.seed, 'unbiased');
        const d = p.d, M = 4000;
        const u = new Float64Array(d), out = new Float64Array(d), sum = new Float64Array(d), sumSq = new Float64Array(d);
        for (let s = 0; s < M; s++) {
          rng.fillGaussian(u);
          est.estimate(inst.x, u, out);
          for (let i = 0; i < d; i++) {
            sum[i] += out[i];
            sumSq[i] += out[i] * out[i];
          }
        }
        const g = new Float64Array(d);
        inst.problem.gradient(inst.x, g);
        for (let i = 0; i < d; i++) {
          const mean = sum[i] / M;
          const se = Math.sqrt(Math.max(sumSq[i] / M - mean * mean, 0) / (M - 1));
          expect(Math.abs(mean - g[i])).toBeLessThanOrEqual(5 * se + 1e-12);
        }
      }),
      { seed: SEED, numRuns: 15 },
    );
  });

  it('RSGF bound: with σ = 0 and ν → 0 it reduces to D_f²/Σ(γ − 2L(d + 4)γ²) up to the ν term', () => {
    const s = { L: 1, d: 10, gamma: 0.01, nu: 0, sigma: 0, Df2: 3 };
    expect(rsgfBound(100, s)).toBeCloseTo(3 / (100 * (0.01 - 2 * 14 * 1e-4)), 12);
    expect(rsgfBound(100, { ...s, sigma: 1 })).toBeGreaterThan(rsgfBound(100, s));
  });
});
