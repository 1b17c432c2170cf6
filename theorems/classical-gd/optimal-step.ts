/**
 * Gradient descent with the optimal step γ = 2/(L + μ) on the reduced (two-eigenvalue) quadratic, where
 * its per-step factor is exact (Nesterov 2004, Theorem 2.1.15, the special case γ = 2/(L + μ) of
 * ./strongly-convex-distance.ts; the exactness is derived below, [D]).
 *
 * Statement. Let f(x) = ½(x − x*)ᵀQ(x − x*) with every eigenvalue of Q equal to μ or to L (0 < μ < L), in
 * any orthonormal basis. Gradient descent x_{t+1} = x_t − (2/(L + μ))∇f(x_t) satisfies, for every x₀ and t,
 *
 *     ‖x_t − x*‖ = ((L − μ)/(L + μ))^t ‖x₀ − x*‖   (= ((κ − 1)/(κ + 1))^t ‖x₀ − x*‖).
 *
 * Derivation. e_{t+1} = (I − γQ)e_t, and with γ = 2/(L + μ) the two eigenvalues of I − γQ are
 * 1 − 2μ/(L + μ) = q and 1 − 2L/(L + μ) = −q, q = (L − μ)/(L + μ): I − γQ = q·R with R a reflection
 * (orthogonal), so ‖e_{t+1}‖ = q‖e_t‖ exactly. This is where the bound ρ^t of the general class is attained
 * for every start, not only on one eigenvector.
 * Hypotheses: 0 < μ < L, spectrum ⊂ {μ, L}. Parameters: κ log-uniform on [1.01, 1e4] (L = 1), d ∈ [2, 8]
 * with m ∈ [1, d − 1] eigenvalues at μ, diagonal or Haar basis, R = ‖x₀ − x*‖, ‖x*‖/R up to 1e3.
 * Bounds: ‖x_t − x*‖ ≤ and ≥ q^t R, rate q. Tolerance (the engine's rule): relative 1e-9 for the formula,
 * plus an absolute allowance 4·eps·scale·min(t + 1, 1/(1 − q)) with scale = ‖x*‖ + R, the magnitude of the
 * stored iterate: each step rounds x_t (norm ≤ ‖x*‖ + R) and the step γ∇f (norm ≤ 2‖e_t‖), and the
 * iteration carries an injected error e by at most q per step (Σ_s q^s = 1/(1 − q)). Nothing is compared
 * once the bound is below 1e6 times the allowance's scale (OPTIMAL_FLOOR_FACTOR).
 *
 * False variants (near misses, transforms of the upper bound): the rate q raised to the power 1.001
 * (0.1% in the exponent) and the bound lowered by 0.1%; the quadratic attains q^t R at every t.
 */
import { atLeast, defineClaim, drawPoint, fc, logUniform, Quadratic, runGradientDescent, scaledBound, seedArb, withRate, type Bound, type Trial } from 'ratecheck';

export interface OptimalStepParams {
  kappa: number;
  d: number;
  /** eigenvalues at μ (the others at L) */
  m: number;
  R: number;
  /** ‖x*‖/R */
  shift: number;
  basis: 'diagonal' | 'haar';
  seed: number;
}

/** Nothing is compared once the allowance would exceed 1e-6 of the bound. */
const OPTIMAL_FLOOR_FACTOR = 1e6;

export function optimalStepTrial(p: OptimalStepParams): Trial {
  const L = 1, mu = 1 / p.kappa;
  const m = Math.min(Math.max(1, p.m), p.d - 1);
  const eigenvalues = Array.from({ length: p.d }, (_, i) => (i < m ? mu : L));
  const xStar = drawPoint(p.d, p.shift * p.R, p.seed, 'xstar');
  const problem = new Quadratic({ eigenvalues, basis: p.basis, seed: p.seed, xStar });
  const direction = drawPoint(p.d, 1, p.seed, 'direction');
  const x0 = Float64Array.from(xStar, (v, i) => v + p.R * direction[i]);
  const gamma = 2 / (L + mu);
  const q = (L - mu) / (L + mu);
  const scale = p.shift * p.R + p.R;
  const amplification = 1 / (1 - q);
  const floor = OPTIMAL_FLOOR_FACTOR * 4 * Number.EPSILON * scale * amplification;
  const cite = '‖x_t − x*‖ = ((L − μ)/(L + μ))^t ‖x₀ − x*‖ with γ = 2/(L + μ) on a spectrum ⊂ {μ, L} (I − γQ = q·reflection, derived in this file’s header)';
  const bound = (relation: 'le' | 'ge'): Bound => ({ metric: 'dist', relation, value: (t) => p.R * Math.pow(q, t), floor, cite, rate: q, scale, amplification });
  return {
    hypotheses: [atLeast('μ < L', L - mu, Number.MIN_VALUE), atLeast('1 ≤ m ≤ d − 1 eigenvalues at μ', p.d - 1 - m >= 0 && m >= 1 ? 1 : 0, 1)],
    derived: { L, mu, kappa: p.kappa, stepSize: gamma, rate: q, scale, amplification, floor },
    bounds: [bound('le'), bound('ge')],
    run: (observe, maxIterations) => {
      const metrics = { dist: 0 };
      runGradientDescent(problem, x0, { stepSize: gamma }, (t, mt) => {
        metrics.dist = Math.sqrt(mt.distSq);
        return observe(t, metrics);
      }, maxIterations);
    },
  };
}

export const optimalStepParams = (kappaMax = 1e4): fc.Arbitrary<OptimalStepParams> =>
  fc
    .record({
      kappa: logUniform(1.01, kappaMax, 64),
      d: fc.integer({ min: 2, max: 8 }),
      m: fc.integer({ min: 1, max: 7 }),
      R: logUniform(0.1, 10, 16),
      shift: fc.oneof(fc.constant(0), logUniform(0.01, 1e3, 16)),
      basis: fc.constantFrom('diagonal' as const, 'haar' as const),
      seed: seedArb(),
    })
    .map((p) => ({ ...p, m: Math.min(p.m, p.d - 1) }));

/** x* far from the origin and κ = 100, 1e4: the cases where the comparison needs the allowance. */
const optimalExamples: OptimalStepParams[] = [
  { kappa: 10, d: 2, m: 1, R: 1, shift: 0, basis: 'diagonal', seed: 1 },
  { kappa: 100, d: 4, m: 2, R: 1, shift: 100, basis: 'haar', seed: 2 },
  { kappa: 1e4, d: 3, m: 1, R: 2, shift: 1e3, basis: 'haar', seed: 3 },
];

export const gdOptimalStep = defineClaim<OptimalStepParams>({
  id: 'classical-gd.optimal-step-exact',
  statement: 'GD with γ = 2/(L + μ) on a quadratic whose eigenvalues are μ or L: ‖x_t − x*‖ = ((L − μ)/(L + μ))^t ‖x₀ − x*‖ exactly, for every x₀',
  source: { paper: 'Nesterov. Introductory Lectures on Convex Optimization. 2004', theorem: 'Theorem 2.1.15 (γ = 2/(L + μ)), exact on the two-eigenvalue quadratic', url: 'https://doi.org/10.1007/978-1-4419-8853-9', confidence: 'D', note: 'I − γQ = q·(a reflection), derived in this file’s header' },
  kind: 'exact-identity',
  expected: 'holds',
  params: optimalStepParams(),
  examples: optimalExamples,
  maxIterations: 5000,
  instantiate: (p) => optimalStepTrial(p),
});

/** The rate q raised to the power 1.001 in the upper bound. */
export const gdOptimalStepFaster = withRate(gdOptimalStep, 'rate', (q) => Math.pow(q, 1.001), {
  id: 'classical-gd.optimal-step-rate-0.1pct-faster',
  statement: 'FALSE variant (near miss): GD with γ = 2/(L + μ) satisfies ‖x_t − x*‖ ≤ q^{1.001t}‖x₀ − x*‖, q = (L − μ)/(L + μ)',
  falseBecause: 'on the two-eigenvalue quadratic ‖x_t − x*‖ = q^t‖x₀ − x*‖ exactly: the claim is short by q^{0.001t}, from t = 1',
  metric: (_b, i) => i === 0,
  examples: optimalExamples,
});

/** The upper bound lowered by 0.1%. */
export const gdOptimalStepLowered = scaledBound(gdOptimalStep, 0.999, {
  id: 'classical-gd.optimal-step-0.1pct-low',
  statement: 'FALSE variant (near miss): GD with γ = 2/(L + μ) satisfies ‖x_t − x*‖ ≤ 0.999·q^t‖x₀ − x*‖',
  falseBecause: 'the two-eigenvalue quadratic attains q^t‖x₀ − x*‖ at every t, 0.1% above the claim',
  metric: (_b, i) => i === 0,
  examples: optimalExamples,
});
