/**
 * Xu, Wang, Zhao, Ward, Tao (NeurIPS 2024), Theorem 3 (two-layer linear networks, deterministic given X₀).
 *
 * Statement: NAG on objective (10) f(X, Y) = ½‖L − XYᵀD‖²_F, in the extrapolated form of Lemma 7
 *   (Appendix D), X₋₁ = X₀, Y₋₁ = Y₀, converges linearly at the accelerated rate.
 * Hypotheses: Assumption 1 (L = AD, cond(A) = O(1), rank(L) = r); Y₀ = 0; col(X₀) ⊇ col(L); and
 *   μ̃p ≥ 4√2‖LDᵀ‖_F(1 + p), p = √μ̃/(144√L̃) (p as in the proof, Appendix D.1; the main text's formula is garbled).
 * Parameters: L̃ = σ₁²(X₀)λ_max(DDᵀ), μ̃ = σ_r²(X₀)λ_min(DDᵀ) (λ_min the smallest nonzero eigenvalue),
 *   η = 1/L̃, β = (√L̃ − √μ̃)/(√L̃ + √μ̃).
 * Bound: ‖R_t‖_F ≤ σ_r²(X₀)σ_min(D)/576 · (1 − √μ̃/(2√L̃))^t for every t, R_t = X_tY_tᵀD − L.
 *
 * Initializations (Section 4): (12) X₀ = cLΦ, (13) X₀ = c·Orth(LΦ), (14) X₀ = cΦ, Φ ∈ ℝ^{m×d}, d ≥ m,
 * where X₀ has rank m: σ_r is read as σ_m for (14) (our reading, confidence U). p does not depend on c and
 * μ̃ grows like c², so the inequality holds from a threshold on (network-setup.ts); c is a multiple of it.
 *
 * False variants (derived):
 * 1. Inequality on c dropped (c small): R₀ = −L, so ‖R₀‖_F = ‖L‖_F, while the prefactor σ_r²(X₀)σ_min(D)/576
 *    scales like c²; a small c violates the bound at t = 0.
 * 2. The matrix-factorization parameters η = 1/σ₁²(X₀), β from σ₁(X₀), σ_r(X₀) (Theorem 2's, the data factor
 *    left out): the top mode of the linearized map gets ησ₁²(X₀)λ_max(DDᵀ) = λ_max(DDᵀ); with λ_max(DDᵀ) ≥ 4
 *    (D scaled up) the step is outside NAG's stable range and the iterates blow up.
 * 3. Width d < r: rank(X_tY_tᵀD) ≤ d, so ‖R_t‖_F ≥ (Σ_{i>d} σ_i²(L))^{1/2} > 0 for all t (Eckart–Young),
 *    while the bound tends to 0.
 * 4. β = 0 (GD with η = 1/L̃) under (13): cond(X₀) = 1, so L̃/μ̃ = cond²(D) and GD contracts by about
 *    1 − 1/cond²(D) per step, slower than θ = 1 − 1/(2cond(D)) once cond(D) > 2 (Remark 3).
 * 5. The rate 1 − σ_r(X₀)/(2σ₁(X₀)) of X₀ alone (the data factor √(λ_min/λ_max) left out): under (13) that is
 *    1/2 per step, far faster than NAG's 1 − 1/cond(D) once cond(D) > 2.
 * 6. (14) at width r ≤ d < m: col(X₀) is a random d-dimensional subspace missing part of col(L).
 * 7. Near misses, one per initialization: θ replaced by 1 − √(μ̃/L̃), the double eigenvalue of NAG's
 *    linearized map (Lemma 7's form, as Lemma 4 for matrix factorization). On a mode with that double root
 *    the error is (1 + t√(μ̃/L̃))(1 − √(μ̃/L̃))^t: dropping the growth factor makes the bound 0.1% to 36% too
 *    small at t = 2 to 30 on 1% to 5% of the default instances (the examples are such instances).
 */
import fc from 'fast-check';
import { type Bound, type Claim, defineClaim, geometric, methodSpec, type NetworkParams, variant, withConstruction, withoutHypothesis, withRate } from 'ratecheck';
import { netTrial, networkParams, RESIDUAL_FLOOR, sigmaMinD, smallPaperNetwork, source, STRUCTURE, THEOREM3_CONDITION, WIDE, type NetContext, type NetRanges } from './network-trial.ts';

/** ‖R_t‖_F ≤ σ_k²(X₀) σ_min(D)/576 · θ^t with θ = 1 − √μ̃/(2√L̃) (θ replaceable for the false variants). */
export function theorem3Bounds(ctx: NetContext, theta: number = ctx.q.theta, label = 'θ = 1 − √μ̃/(2√L̃)'): Bound[] {
  const { c, init, k, su } = ctx;
  const sk = c * init.s[k - 1];
  return [
    {
      metric: 'residualNorm',
      relation: 'le',
      value: geometric((sk * sk * sigmaMinD(su)) / 576, theta),
      floor: RESIDUAL_FLOOR * su.normL,
      rate: theta,
      cite: `Theorem 3: ‖R_t‖_F ≤ σ_r²(X₀)σ_min(D)/576 · θ^t, ${label}`,
    },
  ];
}

const bounds = { bounds: (ctx: NetContext) => theorem3Bounds(ctx) };
/** μ̃ from σ_d(X₀), the smallest nonzero singular value (below-rank variants). */
const widthIndex = (p: NetworkParams): number => p.d;
/** D scaled so that λ_max(DDᵀ) ≥ 4: σ₁(Σ) from 10^(3/4) to 10 (for the step-size variant). */
const LARGE_D: NetRanges = { scaleD: [3, 4] };
const thm3Examples = [smallPaperNetwork(5), smallPaperNetwork(8)];

// ---------------------------------------------------------------------------------------------
// Initialization (12)

export const thm3Unbalanced = defineClaim<NetworkParams>({
  id: 'xu2024-nn.thm3-unbalanced',
  statement: 'NAG (η = 1/L̃, β = (√L̃−√μ̃)/(√L̃+√μ̃)) on ½‖L−XYᵀD‖²_F from X₀ = cLΦ (12), Y₀ = 0, with μ̃p ≥ 4√2‖LDᵀ‖_F(1+p): ‖R_t‖_F ≤ σ_r²(X₀)σ_min(D)/576 · (1 − √μ̃/(2√L̃))^t for all t',
  source: source('Theorem 3 (deterministic given X₀), initialization (12)', 'V~', 'bound [V]; p from the D.1 proof [V~]; Theorem 3 and Appendix D.1'),
  kind: 'bound-for-all-t',
  expected: 'holds',
  params: networkParams(),
  examples: thm3Examples,
  maxIterations: 6000,
  instantiate: (params, options) => netTrial(params, options, { scheme: 'unbalanced' }, bounds),
});

export const thm3NoHypothesis = withoutHypothesis(thm3Unbalanced, THEOREM3_CONDITION, {
  id: 'xu2024-nn.thm3-no-hypothesis',
  statement: 'FALSE variant: Theorem 3’s bound for any c > 0 (the inequality on c dropped), initialization (12)',
  source: { theorem: 'Theorem 3', confidence: 'D', note: 'Theorem 3 false variant 1, derived in this file’s header' },
  falseBecause: '‖R₀‖_F = ‖L‖_F while the prefactor σ_r²(X₀)σ_min(D)/576 scales like c²: a small c violates the bound at t = 0',
  params: networkParams({ cSteps: [-80, -1] }),
  maxIterations: 2000,
});

export const thm3FactorizationParameters = variant(
  // construction changed: NAG with Theorem 2's matrix-factorization parameters η = 1/σ₁²(X₀), β from σ₁(X₀), σ_r(X₀)
  withConstruction(thm3Unbalanced, (params, options) =>
    netTrial(params, options, { scheme: 'unbalanced', spec: ({ c, init, k }) => methodSpec('nag', (c * init.s[0]) ** 2, (c * init.s[k - 1]) ** 2) }, bounds),
  ),
  {
    id: 'xu2024-nn.thm3-mf-parameters',
    statement: 'FALSE variant: Theorem 3’s bound with the matrix-factorization parameters η = 1/σ₁²(X₀), β from σ₁(X₀), σ_r(X₀) only (the data factor λ(DDᵀ) left out), λ_max(DDᵀ) ≥ 4',
    source: { theorem: 'Theorem 3', confidence: 'D', note: 'Theorem 3 false variant 2, derived in this file’s header' },
    falseBecause: 'the top mode of the linearized map has η σ₁²(X₀) λ_max(DDᵀ) = λ_max(DDᵀ) ≥ 4, far outside NAG’s stable range: the iterates blow up',
    params: networkParams(LARGE_D),
    maxIterations: 2000,
  },
);

export const thm3WidthBelowRank = withoutHypothesis(
  // construction changed: μ̃ (and c) from σ_d(X₀) at width d < r
  withConstruction(thm3Unbalanced, (params, options) => netTrial(params, options, { scheme: 'unbalanced', index: widthIndex }, bounds)),
  STRUCTURE,
  {
    id: 'xu2024-nn.thm3-width-below-rank',
    statement: 'FALSE variant: Theorem 3’s bound at width d < r = rank(L), initialization (12), μ̃ from σ_d(X₀) (the smallest nonzero singular value)',
    source: { theorem: 'Theorem 3', confidence: 'D', note: 'Theorem 3 false variant 3 (Eckart–Young), derived in this file’s header' },
    falseBecause: 'rank(X_tY_tᵀD) ≤ d, so ‖R_t‖_F ≥ (Σ_{i>d} σ_i²(L))^{1/2} > 0 for all t while the bound tends to 0',
    params: networkParams({ r: [2, 4], d: (r) => fc.integer({ min: 1, max: r - 1 }) }),
    maxIterations: 6000,
  },
);

// ---------------------------------------------------------------------------------------------
// Initialization (13)

export const thm3Orthonormal = defineClaim<NetworkParams>({
  id: 'xu2024-nn.thm3-orthonormal',
  statement: 'NAG from X₀ = c·Orth(LΦ) (13), Y₀ = 0, d ≥ r (d = r included), with Theorem 3’s inequality: ‖R_t‖_F ≤ c²σ_min(D)/576 · (1 − √μ̃/(2√L̃))^t for all t (the inequality holds for every draw once c is large: Corollary 2’s probability one)',
  source: source('Theorem 3 with initialization (13) (Corollary 2)', 'V~', 'bound [V]; p from the D.1 proof [V~]; Theorem 3, initialization (13), Corollary 2'),
  kind: 'bound-for-all-t',
  expected: 'holds',
  params: networkParams(),
  examples: thm3Examples,
  maxIterations: 6000,
  instantiate: (params, options) => netTrial(params, options, { scheme: 'orthonormal' }, bounds),
});

export const thm3OrthonormalNoMomentum = variant(
  // construction changed: β = 0 (GD with Theorem 3's η = 1/L̃)
  withConstruction(thm3Orthonormal, (params, options) =>
    netTrial(params, options, { scheme: 'orthonormal', spec: ({ q }) => ({ method: 'nag', stepSize: q.stepSize, momentum: 0 }) }, bounds),
  ),
  {
    id: 'xu2024-nn.thm3-orthonormal-no-momentum',
    statement: 'FALSE variant: with β = 0 (GD with η = 1/L̃) Theorem 3’s accelerated bound still holds, initialization (13)',
    source: { theorem: 'Theorem 3, Remark 3', confidence: 'D', note: 'GD contracts by about 1 − μ̃/L̃ = 1 − 1/cond²(D) per step under (13), slower than θ = 1 − 1/(2cond(D))' },
    falseBecause: 'without momentum the residual contracts like 1 − 1/cond²(D), slower than θ = 1 − 1/(2 cond(D)) once cond(D) > 2',
    params: networkParams({ condD: [4, 30], cSteps: [0, 8] }),
    maxIterations: 6000,
  },
);

export const thm3OrthonormalRateWithoutData = variant(
  // bound changed: θ = 1 − σ_r(X₀)/(2σ₁(X₀)), the rate of X₀ alone
  withConstruction(thm3Orthonormal, (params, options) =>
    netTrial(params, options, { scheme: 'orthonormal' }, { bounds: (ctx) => theorem3Bounds(ctx, 1 - ctx.init.s[ctx.k - 1] / (2 * ctx.init.s[0]), 'θ = 1 − σ_r(X₀)/(2σ₁(X₀))') }),
  ),
  {
    id: 'xu2024-nn.thm3-orthonormal-rate-without-data',
    statement: 'FALSE variant: Theorem 3’s bound with the per-step factor 1 − σ_r(X₀)/(2σ₁(X₀)) of X₀ alone (the data condition number’s √(λ_min/λ_max) left out), initialization (13)',
    source: { theorem: 'Theorem 3', confidence: 'D', note: 'rate without the data factor, derived in this file’s header; under (13) that factor is 1/2' },
    falseBecause: 'NAG contracts near 1 − 1/cond(D) per step, so a factor 1/2 per step is far too fast once cond(D) > 2',
    params: networkParams({ condD: [4, 30] }),
    maxIterations: 2000,
  },
);

// ---------------------------------------------------------------------------------------------
// Initialization (14)

export const thm3Wide = defineClaim<NetworkParams>({
  id: 'xu2024-nn.thm3-wide',
  statement: 'NAG from X₀ = cΦ (14), Φ ∈ ℝ^{m×d}, d ≥ m, Y₀ = 0, with Theorem 3’s inequality and σ_r read as σ_m: ‖R_t‖_F ≤ σ_m²(X₀)σ_min(D)/576 · (1 − √μ̃/(2√L̃))^t for all t',
  source: source('Theorem 3 with initialization (14) (Corollary 3)', 'U', 'σ_r read as the m-th singular value for (14) [U]; Theorem 3, initialization (14)'),
  kind: 'bound-for-all-t',
  expected: 'holds',
  params: networkParams(WIDE),
  maxIterations: 6000,
  instantiate: (params, options) => netTrial(params, options, { scheme: 'wide' }, bounds),
});

export const thm3WideNoHypothesis = withoutHypothesis(thm3Wide, THEOREM3_CONDITION, {
  id: 'xu2024-nn.thm3-wide-no-hypothesis',
  statement: 'FALSE variant: Theorem 3’s bound under (14) for any c > 0 (the inequality on c dropped)',
  source: { theorem: 'Theorem 3', confidence: 'D', note: 'Theorem 3 false variant 1, derived in this file’s header' },
  falseBecause: '‖R₀‖_F = ‖L‖_F while the prefactor scales like c²',
  params: networkParams({ ...WIDE, cSteps: [-80, -1] }),
  maxIterations: 2000,
});

export const thm3WideBelowOutput = withoutHypothesis(
  // construction changed: μ̃ (and c) from σ_d(X₀) at width r ≤ d < m
  withConstruction(thm3Wide, (params, options) => netTrial(params, options, { scheme: 'wide', index: widthIndex }, bounds)),
  STRUCTURE,
  {
    id: 'xu2024-nn.thm3-wide-below-output',
    statement: 'FALSE variant: Theorem 3’s bound for X₀ = cΦ (14) at width r ≤ d < m (d ≥ m dropped; μ̃ from σ_d(X₀))',
    source: { theorem: 'Theorem 3, Corollary 3', confidence: 'D', note: 'col(X₀) is a random d-dimensional subspace that misses part of col(L) when d < m' },
    falseBecause: 'X stays within p√L̃-ish of X₀, so the part of L outside col(X₀) is fitted only as X rotates, far slower than θ^t',
    params: networkParams({ mExtra: [1, 4], d: (r, m) => fc.integer({ min: r, max: m - 1 }) }),
    maxIterations: 6000,
  },
);

// ---------------------------------------------------------------------------------------------
// Near misses (false variant 7)

/** Theorem 3's claim with θ replaced by 1 − √(μ̃/L̃) (the growth factor (1 + t√(μ̃/L̃)) dropped). */
function growthDropped(base: Claim<NetworkParams>, id: string, init: string, examples: NetworkParams[]): Claim<NetworkParams> {
  return withRate(base, 'theta', (_theta, d) => 1 - Math.sqrt(d.mut / d.Lt), {
    id,
    statement: `FALSE near-miss: Theorem 3’s bound under ${init} with (1 − √(μ̃/L̃))^t in place of (1 − √μ̃/(2√L̃))^t (the growth factor (1 + t√(μ̃/L̃)) of NAG’s double root dropped)`,
    source: { theorem: 'Theorem 3', confidence: 'D', note: 'Theorem 3 false variant 7, derived in this file’s header' },
    falseBecause: 'on a mode with the double root q = 1 − √(μ̃/L̃) the error is (1 + t√(μ̃/L̃))q^t: without that factor the bound is 0.1% to 36% too small at t = 2 to 30 on 1% to 5% of the instances',
    metric: 'residualNorm',
    examples,
  });
}

export const thm3UnbalancedNearMiss = growthDropped(thm3Unbalanced, 'xu2024-nn.thm3-unbalanced-growth-dropped', 'initialization (12)', [
  { m: 7, n: 2, N: 4, rankD: 2, r: 1, condD: 1.5619546732151577, profile: 'bottom', scaleD: 0.31622776601683794, dataV: 'gaussian', labels: 'conditioned', condA: 2.526801108055887, d: 1, cMultiplier: 1.542210825407941, seed: 2147483626 },
  { m: 3, n: 4, N: 5, rankD: 3, r: 1, condD: 2.7526359366558903, profile: 'top', scaleD: 0.5623413251903491, dataV: 'orthonormal', labels: 'conditioned', condA: 1.0528465026159506, d: 2, cMultiplier: 1.0905077326652577, seed: 1222923519 },
]);

export const thm3OrthonormalNearMiss = growthDropped(thm3Orthonormal, 'xu2024-nn.thm3-orthonormal-growth-dropped', 'initialization (13)', [
  { m: 8, n: 3, N: 9, rankD: 3, r: 2, condD: 1.5619546732151577, profile: 'top', scaleD: 0.31622776601683794, dataV: 'orthonormal', labels: 'conditioned', condA: 1.0349277670798647, d: 5, cMultiplier: 1.0905077326652577, seed: 15 },
  { m: 7, n: 6, N: 5, rankD: 3, r: 3, condD: 1.6936464741223403, profile: 'geometric', scaleD: 1.7782794100389228, dataV: 'orthonormal', labels: 'conditioned', condA: 1.0349277670798647, d: 3, cMultiplier: 1.2968395546510096, seed: 1843184993 },
]);

export const thm3WideNearMiss = growthDropped(thm3Wide, 'xu2024-nn.thm3-wide-growth-dropped', 'initialization (14)', [
  { m: 2, n: 1, N: 3, rankD: 1, r: 1, condD: 10.051205300705284, profile: 'geometric', scaleD: 3.1622776601683795, dataV: 'gaussian', labels: 'conditioned', condA: 1.1084857580706386, d: 5, cMultiplier: 1.0905077326652577, seed: 4 },
  { m: 4, n: 1, N: 5, rankD: 1, r: 1, condD: 13.894262059185014, profile: 'top', scaleD: 0.31622776601683794, dataV: 'gaussian', labels: 'conditioned', condA: 1.589591490935922, d: 7, cMultiplier: 1, seed: 1143297586 },
]);

export const theorem3Claims = [
  thm3Unbalanced,
  thm3NoHypothesis,
  thm3FactorizationParameters,
  thm3WidthBelowRank,
  thm3Orthonormal,
  thm3OrthonormalNoMomentum,
  thm3OrthonormalRateWithoutData,
  thm3Wide,
  thm3WideNoHypothesis,
  thm3WideBelowOutput,
  thm3UnbalancedNearMiss,
  thm3OrthonormalNearMiss,
  thm3WideNearMiss,
];
