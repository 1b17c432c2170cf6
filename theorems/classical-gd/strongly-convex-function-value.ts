/**
 * Taylor, Hendrickx, Glineur (JOTA 2018): gradient descent on F_{μ,L}, μ > 0, function values. [U]: the
 * statement is the one recalled for this paper, its theorem number is not verified.
 *
 * Statement. For every f ∈ F_{μ,L} and every step γ ∈ (0, 2/L), gradient descent satisfies, for every N,
 *
 *     f(x_N) − f* ≤ ρ(γ)^{2N} (f(x₀) − f*),   ρ(γ) = max(|1 − γμ|, |1 − γL|),
 *
 * the per-step factor ρ² of the distance (see ./strongly-convex-distance.ts), now for function values.
 * Hypotheses: f μ-strongly convex, ∇f L-Lipschitz (0 < μ ≤ L); γ ∈ (0, 2/L). Parameters: κ = L/μ (L = 1),
 * h = γL = k/32. Bound: ρ^{2N}(f(x₀) − f*). Special case γ = 2/(L + μ): with f(x₀) − f* ≤ (L/2)‖x₀ − x*‖²
 * it gives f(x_N) − f* ≤ (L/2)((κ − 1)/(κ + 1))^{2N}‖x₀ − x*‖² (Nesterov 2004, Theorem 2.1.15).
 *
 * Tightness (derived here). On λx²/2, f(x_k) − f* = (λ/2)(x_k − x*)² shrinks by exactly (1 − γλ)² per step,
 * so the 1-D quadratic of the λ ∈ {μ, L} attaining ρ gives equality at every N (the claim's examples).
 * [N] 300 random softplus-ridge instances gave worst one-step ratios (f(x₁) − f*)/(ρ²(f(x₀) − f*)) of at most 0.999999.
 *
 * Roundoff: compared only while the bound is above the floor of `gapGuard` (amplification 1/(1 − ρ)).
 *
 * False variants (the same instances and guard; the trial is rebuilt with the claimed per-step factor,
 * except the near miss, a transform of the declared rate ρ²):
 *   - (1 − γμ)² for every γ ∈ (0, 2/L): for γ > 2/(L + μ) the L-mode's gap shrinks only by (1 − γL)²;
 *   - ρ²(1 − δ), δ > 0: the 1-D quadratic attaining equality refutes it;
 *   - near miss: the factor ρ² raised to the power 1.02, refuted at N = 1 on the same quadratics.
 */
import { defineClaim, withRate, withTrial } from 'ratecheck';
import { longStepRange, modeStructure, overDelta, RHO2, stronglyConvexExamples, stronglyConvexParams, stronglyConvexTrial, thgSource, tightenedParams, type GdParams } from './setup.ts';

const GAP_CITE = 'f(x_N) − f* ≤ ρ^{2N}(f(x₀) − f*) (Taylor–Hendrickx–Glineur 2018 [U])';

export const gdFunctionValue = defineClaim<GdParams>({
  id: 'classical-gd.strongly-convex-function-value',
  statement: 'GD with γ ∈ (0, 2/L) on F_{μ,L}: f(x_N) − f* ≤ ρ^{2N}(f(x₀) − f*), ρ = max(|1 − γμ|, |1 − γL|), with equality on the 1-D quadratics',
  source: thgSource('function-value rate of gradient descent (theorem number to verify)', 'U', 'the statement is unverified [U]; [N] 300 random softplus-ridge instances gave one-step ratios ≤ 0.999999'),
  kind: 'bound-for-all-t',
  expected: 'holds',
  params: stronglyConvexParams(),
  search: modeStructure, // the search may propose the attaining eigen-mode (Tightness, above)
  examples: stronglyConvexExamples,
  maxIterations: 2000,
  instantiate: (p, options) => stronglyConvexTrial(p, options, { metric: 'gap', factor: RHO2, cite: GAP_CITE }),
});

/** Changed: the per-step factor, (1 − γμ)² in place of ρ², on long steps γ > 2/(L + μ). */
export const gdFunctionValueDropL = withTrial(
  gdFunctionValue,
  {
    id: 'classical-gd.strongly-convex-function-value-drop-L-term',
    statement: 'FALSE variant: f(x_N) − f* ≤ (1 − γμ)^{2N}(f(x₀) − f*) for every γ ∈ (0, 2/L)',
    source: { note: 'false variant: the |1 − γL| term of ρ dropped, refuted by Lx²/2 for γ > 2/(L + μ) (this file’s header)' },
    falseBecause: 'for γ > 2/(L + μ) the L-mode’s gap shrinks only by (1 − γL)² > (1 − γμ)² per step',
    params: stronglyConvexParams({ hRange: longStepRange }),
  },
  (p, options) => stronglyConvexTrial(p, options, { metric: 'gap', factor: (gamma, mu) => (1 - gamma * mu) ** 2, cite: 'claimed: (1 − γμ)^{2N}(f(x₀) − f*)' }),
);

/** Changed: the per-step factor, ρ²(1 − δ) in place of ρ² (instances carry δ). */
export const gdFunctionValueTightened = withTrial(
  overDelta(gdFunctionValue),
  {
    id: 'classical-gd.strongly-convex-function-value-tightened',
    statement: 'FALSE variant: f(x_N) − f* ≤ (ρ²(1 − δ))^N(f(x₀) − f*) for some δ > 0',
    source: { note: 'false variant: a per-step factor below ρ², refuted by the 1-D quadratic attaining equality (this file’s header)' },
    falseBecause: 'the 1-D quadratic of the mode attaining ρ has f(x_N) − f* = ρ^{2N}(f(x₀) − f*) exactly',
    params: tightenedParams(),
  },
  (p, options) => stronglyConvexTrial(p, options, { metric: 'gap', factor: (g, mu, L) => RHO2(g, mu, L) * (1 - p.delta), cite: 'claimed: (ρ²(1 − δ))^N(f(x₀) − f*)' }),
);

/** The per-step factor ρ² raised to the power 1.02 (2% in the exponent); κ > 1 so that ρ > 0. */
export const gdFunctionValueRateNearMiss = withRate(gdFunctionValue, 'factor', (f) => Math.pow(f, 1.02), {
  id: 'classical-gd.strongly-convex-function-value-rate-2pct-faster',
  statement: 'FALSE variant (near miss): f(x_N) − f* ≤ ρ^{2.04N}(…) for γ ∈ (0, 2/L), the per-step factor ρ² 2% faster in the exponent',
  falseBecause: 'the 1-D quadratic of the mode attaining ρ shrinks by exactly ρ² per step, above ρ^{2.04} from N = 1',
  params: stronglyConvexParams().filter((p) => p.mu < p.L),
  examples: stronglyConvexExamples,
});
