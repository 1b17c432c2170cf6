/**
 * Gradient descent on F_{μ,L}, μ > 0: distance to the solution (PEPit.jl's proximal-gradient example and
 * its test, the case of a zero second term).
 *
 * Statement. For every f ∈ F_{μ,L} with minimizer x* and every step γ ∈ (0, 2/L), gradient descent
 * x_{k+1} = x_k − γ∇f(x_k) satisfies, for every N,
 *
 *     ‖x_N − x*‖² ≤ ρ(γ)^{2N} ‖x₀ − x*‖²,   ρ(γ) = max(|1 − γμ|, |1 − γL|).
 *
 * Hypotheses: f μ-strongly convex, ∇f L-Lipschitz (0 < μ ≤ L); γ ∈ (0, 2/L). Parameters: κ = L/μ (L = 1
 * here), the step factor h = γL = k/32. Bound: ρ^{2N}‖x₀ − x*‖², the per-step factor
 * max((1 − μγ)², (1 − Lγ)²) of PEPit.jl's theoretical value.
 *
 * Tightness (derived here). On the 1-D quadratic λx²/2, λ ∈ {μ, L}, x_{k+1} − x* = (1 − γλ)(x_k − x*), so
 * ‖x_N − x*‖² = (1 − γλ)^{2N}‖x₀ − x*‖²: the quadratic of the λ attaining ρ (μ when |1 − γμ| ≥ |1 − γL|,
 * else L) gives equality at every N. Special cases: γ = 1/L gives ρ = 1 − 1/κ; γ = 2/(L + μ) gives the
 * optimum ρ = (κ − 1)/(κ + 1), attained by both modes. These instances are the claim's examples.
 *
 * Roundoff: compared only while the bound is above the floor of `distSqGuard`, the rounding of each step
 * amplified by at most 1/(1 − ρ).
 *
 * False variants (the same instances and guard; the trial is rebuilt with the claimed per-step factor,
 * except the near miss, a transform of the declared rate ρ²):
 *   - (1 − γμ)² for every γ ∈ (0, 2/L), i.e. the |1 − γL| term dropped: for γ > 2/(L + μ) the L-mode
 *     contracts only by |1 − γL| > 1 − γμ (the instances take those long steps);
 *   - any factor strictly below ρ², ρ²(1 − δ): the 1-D quadratic attaining equality refutes it;
 *   - near miss: the factor ρ² raised to the power 1.02, refuted at N = 1 on the same quadratics.
 */
import { defineClaim, withRate, withTrial } from 'ratecheck';
import { longStepRange, modeStructure, overDelta, RHO2, stronglyConvexExamples, stronglyConvexParams, stronglyConvexTrial, tightenedParams, type GdParams } from './setup.ts';

const DIST_CITE = '‖x_N − x*‖² ≤ ρ^{2N}‖x₀ − x*‖², ρ = max(|1 − γμ|, |1 − γL|) (PEPit.jl proximal-gradient example with zero second term)';

export const gdDistance = defineClaim<GdParams>({
  id: 'classical-gd.strongly-convex-distance',
  statement: 'GD with γ ∈ (0, 2/L) on F_{μ,L}: ‖x_N − x*‖² ≤ ρ^{2N}‖x₀ − x*‖², ρ = max(|1 − γμ|, |1 − γL|), with equality on the 1-D quadratics μx²/2, Lx²/2',
  source: { paper: 'PEPit.jl proximal-gradient example and test (theoretical value max((1 − μγ)², (1 − Lγ)²)^n)', theorem: 'GD on F_{μ,L}, distance to the solution', url: 'https://github.com/PerformanceEstimation/PEPit.jl', confidence: 'V', note: 'tight; equality on the 1-D quadratics is derived in this file’s header' },
  kind: 'bound-for-all-t',
  expected: 'holds',
  params: stronglyConvexParams(),
  search: modeStructure, // the search may propose the attaining eigen-mode (Tightness, above)
  examples: stronglyConvexExamples,
  maxIterations: 2000,
  instantiate: (p, options) => stronglyConvexTrial(p, options, { metric: 'distSq', factor: RHO2, cite: DIST_CITE }),
});

/** Changed: the per-step factor, (1 − γμ)² in place of ρ², on long steps γ > 2/(L + μ). */
export const gdDistanceDropL = withTrial(
  gdDistance,
  {
    id: 'classical-gd.strongly-convex-distance-drop-L-term',
    statement: 'FALSE variant: ‖x_N − x*‖² ≤ (1 − γμ)^{2N}‖x₀ − x*‖² for every γ ∈ (0, 2/L) (the |1 − γL| term dropped)',
    source: { note: 'false variant: the |1 − γL| term of ρ dropped, refuted by Lx²/2 for γ > 2/(L + μ) (this file’s header)' },
    falseBecause: 'for γ > 2/(L + μ) the L-mode contracts only by |1 − γL| > 1 − γμ (e.g. Lx²/2)',
    params: stronglyConvexParams({ hRange: longStepRange }),
  },
  (p, options) => stronglyConvexTrial(p, options, { metric: 'distSq', factor: (gamma, mu) => (1 - gamma * mu) ** 2, cite: 'claimed: (1 − γμ)^{2N}‖x₀ − x*‖²' }),
);

/** Changed: the per-step factor, ρ²(1 − δ) in place of ρ² (instances carry δ). */
export const gdDistanceTightened = withTrial(
  overDelta(gdDistance),
  {
    id: 'classical-gd.strongly-convex-distance-tightened',
    statement: 'FALSE variant: ‖x_N − x*‖² ≤ (ρ²(1 − δ))^N‖x₀ − x*‖² for some δ > 0 (a per-step factor below ρ²)',
    source: { note: 'false variant: a per-step factor below ρ², refuted by the 1-D quadratic attaining equality (this file’s header)' },
    falseBecause: 'the 1-D quadratic of the mode attaining ρ has ‖x_N − x*‖² = ρ^{2N}‖x₀ − x*‖² exactly',
    params: tightenedParams(),
  },
  (p, options) => stronglyConvexTrial(p, options, { metric: 'distSq', factor: (g, mu, L) => RHO2(g, mu, L) * (1 - p.delta), cite: 'claimed: (ρ²(1 − δ))^N‖x₀ − x*‖²' }),
);

/** The per-step factor ρ² raised to the power 1.02 (2% in the exponent); κ > 1 so that ρ > 0. */
export const gdDistanceRateNearMiss = withRate(gdDistance, 'factor', (f) => Math.pow(f, 1.02), {
  id: 'classical-gd.strongly-convex-distance-rate-2pct-faster',
  statement: 'FALSE variant (near miss): ‖x_N − x*‖² ≤ ρ^{2.04N}(…) for γ ∈ (0, 2/L), the per-step factor ρ² 2% faster in the exponent',
  falseBecause: 'the 1-D quadratic of the mode attaining ρ shrinks by exactly ρ² per step, above ρ^{2.04} from N = 1',
  params: stronglyConvexParams().filter((p) => p.mu < p.L),
  examples: stronglyConvexExamples,
});
