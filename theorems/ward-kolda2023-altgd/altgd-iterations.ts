/**
 * Ward, Kolda (NeurIPS 2023), main theorem, as stated in the abstract of arXiv v2 (the theorem's number,
 * its step-size condition and its constants are not available; see ./setup.ts).
 *
 * Statement (v2). For A ∈ ℝ^{m×n} of rank r and m, n ≫ d ≥ r, alternating gradient descent with a fixed
 * step η from the unbalanced random initialization reaches ‖A − X_TY_Tᵀ‖²_F ≤ ε‖A‖²_F with high probability
 * after
 *
 *     T = C · d/(√d − √(r−1))² · (σ₁(A)/σ_r(A))² · log(1/ε)   iterations,
 *
 * and mild overparameterization makes C an absolute constant. v1 stated it for d > r with the factor d/(d − r)
 * in place of d/(√d − √(r−1))². Xu et al. (NeurIPS 2024) restate it as O(d²(d − r + 1)^{-2} κ² log 1/ε),
 * consistent since d/(√d − √(r−1))² ≤ 4d²/(d − r + 1)².
 *
 * Hypotheses: rank A = r ≤ d (checked: d ≥ r); the initialization and step of ./setup.ts ([U] reading).
 * Parameters: m = n = 30, r = 3, d = 12, κ = σ₁/σ_r log-uniform in [2, 100] (geometric spectrum), ε = 1e-8.
 * Bound: an O(·) statement with hidden constant C, so the claim measures T at each instance and tests the
 * κ-exponent 2 over the sweep; the smallest C that works on the instances seen is reported (complexity =
 * d/(√d − √(r−1))² κ² log(1/ε)).
 *
 * False variants:
 *   - the iteration count grows only like κ (claimed exponent 1): measured, T grows like κ^1.2 with the [U]
 *     initialization (no accelerated rate is claimed for AltGD);
 *   - the v1 reading at d = r: the factor d/(d − r) is infinite, "so AltGD does not converge". v2 covers
 *     d = r, where d/(√d − √(r−1))² = r(√r + √(r−1))² ≈ 4r² is finite: exact parameterization converges,
 *     only more slowly. The variant states a per-instance lower bound ‖R_t‖_F ≥ √ε‖A‖_F.
 */
import { defineClaim, fc, iterationsTo, logUniform, seedArb, variant, withTrial } from 'ratecheck';
import type { Trial, TrialOptions } from 'ratecheck';
import { altGdRun, dAtLeastR, overparameterization, source, WK_EPSILON, wkSetup, type WkParams } from './setup.ts';

const sweep = fc.record({
  m: fc.constant(30),
  n: fc.constant(30),
  r: fc.constant(3),
  d: fc.constant(12),
  kappa: logUniform(2, 100, 64),
  seed: seedArb(),
});

/** AltGD until ‖R_t‖²_F ≤ ε‖A‖²_F; the measure is the iteration count. */
function iterationsTrial(p: WkParams, options: TrialOptions): Trial {
  const s = wkSetup(p);
  return {
    hypotheses: [dAtLeastR(p)],
    derived: {
      kappa: p.kappa,
      stepSize: s.stepSize,
      complexity: overparameterization(p.d, p.r) * p.kappa ** 2 * Math.log(1 / WK_EPSILON),
    },
    bounds: [],
    ...iterationsTo(altGdRun(s, options), 'residualNorm', Math.sqrt(WK_EPSILON) * s.normA),
  };
}

export const iterationsKappa2 = defineClaim<WkParams>({
  id: 'ward-kolda2023.altgd-iterations-kappa2',
  statement: 'AltGD from the unbalanced initialization reaches ‖R_T‖²_F ≤ ε‖A‖²_F within T = C·d/(√d−√(r−1))²·κ²·log(1/ε) iterations (C absolute): T grows at most like κ² at fixed d, r',
  source: source('main theorem (v2 abstract)', 'U', 'statement [V] (v2 abstract), but the initialization scales and the step size it is run with are an unverified reading [U], (C, ν) = (4, 0.5), and the constants C, D, ν are not available; the smallest C that works is reported'),
  kind: 'asymptotic',
  expected: 'holds',
  params: sweep,
  maxIterations: 300_000,
  aggregate: { kind: 'exponent', response: 'iterations', driver: 'kappa', claimedExponent: 2, complexity: 'complexity' },
  instantiate: (p, o) => iterationsTrial(p, o),
});

/** Changed: the claimed κ-exponent, 1 in place of 2 (and no hidden constant to report). */
export const iterationsLinear = defineClaim<WkParams>({
  ...variant(iterationsKappa2, {
    id: 'ward-kolda2023.altgd-iterations-linear-kappa',
    statement: 'FALSE variant: AltGD’s iteration count grows only like κ',
    source: { theorem: 'main theorem', confidence: 'N', note: 'no accelerated rate is claimed for AltGD; the κ-exponent is measured' },
    falseBecause: 'measured: with the [U] initialization the iteration count grows like κ^1.2 (99% interval above 1), between the accelerated κ and the bound’s κ², which is loose here',
    params: sweep,
  }),
  aggregate: { kind: 'exponent', response: 'iterations', driver: 'kappa', claimedExponent: 1 },
});

/**
 * Changed: the instances (d = r, r ∈ [2, 4], m, n ≤ 30, κ ∈ [1.5, 10]) and the trial, a per-instance lower
 * bound ‖R_t‖_F ≥ √ε‖A‖_F on the same AltGD run instead of an iteration count (so no exponent study).
 */
export const exactParameterizationStalls = defineClaim<WkParams>({
  ...withTrial(
    iterationsKappa2,
    {
      id: 'ward-kolda2023.v1-exact-parameterization-stalls',
      statement: 'FALSE variant (v1 reading): at d = r the guarantee’s factor d/(d−r) is infinite, so AltGD does not reach ‖R_t‖²_F ≤ ε‖A‖²_F',
      source: { theorem: 'main theorem, v1 vs v2', note: 'v1 assumes d > r with factor d/(d−r); v2 allows d = r with factor d/(√d−√(r−1))² (v1 and v2 abstracts)' },
      kind: 'lower-bound',
      falseBecause: 'v2 covers d = r: exact parameterization converges, only more slowly',
      params: fc.integer({ min: 2, max: 4 }).chain((r) =>
        fc.record({ m: fc.integer({ min: r, max: 30 }), n: fc.integer({ min: r, max: 30 }), r: fc.constant(r), d: fc.constant(r), kappa: logUniform(1.5, 10, 32), seed: seedArb() }),
      ),
      maxIterations: 200_000,
    },
    (p, options) => {
      const s = wkSetup(p);
      const floorLevel = Math.sqrt(WK_EPSILON) * s.normA;
      return {
        hypotheses: [],
        derived: { kappa: p.kappa, stepSize: s.stepSize },
        bounds: [{ metric: 'residualNorm', relation: 'ge', value: () => floorLevel, floor: 0, cite: '‖R_t‖_F ≥ √ε‖A‖_F for all t (no convergence at d = r)' }],
        run: altGdRun(s, options),
      };
    },
  ),
  aggregate: undefined,
});
