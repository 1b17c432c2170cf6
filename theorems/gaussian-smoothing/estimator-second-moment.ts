/**
 * The second moment of the Gaussian-smoothing gradient estimators on quadratics: the exact companion of
 * Nesterov–Spokoiny Theorem 4 (and of eq. (25), E[⟨∇f(x), u⟩u] = ∇f(x)).
 *
 * Statement: for f = f* + ½(x − x*)ᵀA(x − x*), g = ∇f(x) = A(x − x*), u ~ N(0, I_d),
 *   forward    G_ν = [f(x + νu) − f(x)]/ν · u:        E‖G_ν‖² = (d + 2)‖g‖² + (ν²/4)(d + 4)((tr A)² + 2 tr A²);
 *   symmetric  G_ν = [f(x + νu) − f(x − νu)]/(2ν) · u: E‖G_ν‖² = (d + 2)‖g‖²;
 *   directional ⟨g, u⟩u:                               E‖⟨g, u⟩u‖² = (d + 2)‖g‖².
 * Hypotheses: A symmetric (any signs), ν > 0.
 * Parameters: d ≤ 12, ν ∈ [1e-3, 1], x at distance R from x*.
 *
 * Derivation (Isserlis' theorem). On a quadratic f(x ± νu) − f(x) = ±νgᵀu + (ν²/2)uᵀAu, so the forward
 * estimator is (gᵀu + (ν/2)uᵀAu)u and the symmetric one is exactly (gᵀu)u, the directional limit.
 * E[(gᵀu)²‖u‖²] = Σ_{i,j,k} g_i g_j E[u_i u_j u_k²] = (d + 2)‖g‖² (E u_i⁴ = 3, E u_i²u_k² = 1);
 * the cross term ν E[(gᵀu)(uᵀAu)‖u‖²] vanishes (odd in u); and, in A's eigenbasis (u is rotation
 * invariant), E[(uᵀAu)²‖u‖²] = Σ_{i,j} λ_iλ_j E[u_i²u_j²‖u‖²] = (d + 4)((tr A)² + 2 tr A²) (for A = I:
 * E‖u‖⁶ = d(d + 2)(d + 4)). A Monte Carlo check at d = 10 gave 12.004 against 12 for E‖⟨g, u⟩u‖²/‖g‖².
 *
 * Check: the Monte Carlo mean over 8000 directions within 5 standard errors (plus a roundoff allowance
 * that matters only at x = x*) of the exact value, from both sides.
 *
 * False variants (the target changed, the measurement kept):
 * - E‖⟨g, u⟩u‖² = d‖g‖²: the fourth moment E u_i⁴ = 3 adds 2‖g‖².
 * - the forward estimator's second moment is (d + 2)‖g‖² for every ν: at x = x*, g = 0 but
 *   G_ν = (ν/2)(uᵀAu)u ≠ 0, so E‖G_ν‖² = (ν²/4)(d + 4)((tr A)² + 2 tr A²) > 0.
 */
import fc from 'fast-check';
import { defineClaim, estimatorSecondMoment, GaussianEstimator, logUniform, normSq, quadraticSecondMoment, Rng, variant, type Bound, type Claim, type EstimatorKind, type Trial, type VariantInfo } from 'ratecheck';
import { DIRECTIONS, ns, smoothingInstance, smoothingParams, structural, Z, type EstimatorParams } from './setup.ts';

const estimatorParams = (o: Parameters<typeof smoothingParams>[0] & { estimators?: EstimatorKind[] } = {}): fc.Arbitrary<EstimatorParams> =>
  fc.tuple(smoothingParams({ kinds: ['quadratic'], ...o }), fc.constantFrom(...(o.estimators ?? ['forward' as const, 'symmetric' as const, 'directional' as const]))).map(([p, estimator]) => ({ ...p, estimator }));

/** The two-sided comparison of the Monte Carlo mean with `target` (± Z standard errors ± roundoff). */
function twoSided(target: number, roundoff: number, cite: string): Bound[] {
  return (['le', 'ge'] as const).map((relation) => ({
    metric: 'secondMoment',
    relation,
    value: (_t, m) => target + (relation === 'le' ? 1 : -1) * (Z * m.standardError + roundoff),
    // a lower bound at or below 0 says nothing about a non-negative quantity: not compared
    floor: relation === 'le' ? 0 : Number.MIN_VALUE,
    cite: `${cite} (± ${Z} standard errors over ${DIRECTIONS} directions, ± roundoff)`,
  }));
}

function secondMomentTrial(p: EstimatorParams): Trial {
  const inst = smoothingInstance(p);
  const q = inst.quadratic!;
  const est = new GaussianEstimator(q, p.estimator, p.nu);
  const mc = estimatorSecondMoment(est, inst.x, DIRECTIONS, new Rng(p.seed, 'second-moment'));
  const exact = quadraticSecondMoment(p.estimator, inst.gradNormSq, q.trace(), q.traceOfSquare(), p.d, p.nu);
  // rounding of one difference quotient: about 8 eps L (‖x‖ + ν‖u‖)‖u‖, ‖u‖ ≤ √d + 3 but for a
  // negligible fraction of the directions; it matters only where the exact value is 0 (x = x*)
  const sqrtD = Math.sqrt(p.d) + 3;
  const roundoff = (8 * Number.EPSILON * inst.L * (Math.sqrt(normSq(inst.x)) + p.nu * sqrtD) * sqrtD) ** 2;
  return {
    hypotheses: structural(inst),
    derived: { d: p.d, nu: p.nu, exact, target: exact, standardError: mc.standardError, gradNormSq: inst.gradNormSq, roundoff },
    bounds: twoSided(exact, roundoff, 'E‖G_ν‖² exact on quadratics [D]'),
    run: (observe) => {
      observe(0, { secondMoment: mc.mean, standardError: mc.standardError });
    },
  };
}

export const secondMomentExact = defineClaim<EstimatorParams>({
  id: 'gaussian-smoothing.estimator-second-moment',
  statement: 'On quadratics, E‖G_ν(x, u)‖² = (d + 2)‖∇f(x)‖² + (ν²/4)(d + 4)((tr A)² + 2 tr A²) for the forward estimator and (d + 2)‖∇f(x)‖² for the symmetric and directional ones (Monte Carlo mean within 5 SE)',
  source: ns('Theorem 4 (exact companion on quadratics)', 'D', 'Isserlis’ theorem (derived in this file’s header); Monte Carlo d = 10: 12.004 vs 12 for E‖⟨g, u⟩u‖²/‖g‖²'),
  kind: 'exact-identity',
  expected: 'holds',
  params: estimatorParams(),
  examples: [{ kind: 'quadratic', d: 10, kappa: 10, curvature: 'psd', nu: 0.1, R: 1, seed: 1, estimator: 'directional' }],
  maxIterations: 1,
  instantiate: (p) => secondMomentTrial(p),
});

/** The identity with another claimed value of E‖G_ν‖² (from ‖∇f(x)‖² and d), compared the same way. */
function withTarget(base: Claim<EstimatorParams>, target: (gradNormSq: number, d: number) => number, cite: string, info: VariantInfo<EstimatorParams>): Claim<EstimatorParams> {
  return variant(base, info, (trial, p) => {
    const t = target(trial.derived.gradNormSq, p.d);
    return { ...trial, derived: { ...trial.derived, target: t }, bounds: twoSided(t, trial.derived.roundoff, cite) };
  });
}

export const secondMomentD = withTarget(secondMomentExact, (g2, d) => d * g2, 'claimed: d‖∇f‖²', {
  id: 'gaussian-smoothing.estimator-second-moment-d',
  statement: 'FALSE variant: E‖⟨∇f(x), u⟩u‖² = d‖∇f(x)‖² (instead of d + 2)',
  source: ns('Theorem 4, eq. (25)', 'D', 'E‖⟨g, u⟩u‖² = (d + 2)‖g‖² by Isserlis’ theorem (derived in this file’s header)'),
  falseBecause: 'E⟨g, u⟩²‖u‖² = (d + 2)‖g‖² (the fourth moment E u_i⁴ = 3)',
  params: estimatorParams({ estimators: ['directional'], d: [1, 8], R: logUniform(0.1, 10, 12) }),
});

export const secondMomentNoSmoothingTerm = withTarget(secondMomentExact, (g2, d) => (d + 2) * g2, 'claimed: (d + 2)‖∇f‖²', {
  id: 'gaussian-smoothing.estimator-second-moment-no-nu-term',
  statement: 'FALSE variant: the forward estimator’s second moment is (d + 2)‖∇f(x)‖² for every ν > 0 (smoothing adds nothing)',
  source: ns('Theorem 4', 'D', 'the ν² term of the exact formula'),
  falseBecause: 'at x = x* the gradient vanishes but G_ν = (ν/2)(uᵀAu)u ≠ 0: E‖G_ν‖² = (ν²/4)(d + 4)((tr A)² + 2tr A²)',
  params: estimatorParams({ estimators: ['forward'], curvatures: ['psd', 'isotropic'], R: fc.constant(0) }),
});
