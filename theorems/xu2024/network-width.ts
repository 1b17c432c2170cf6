/**
 * Xu, Wang, Zhao, Ward, Tao (NeurIPS 2024), Section 4: the headline width claim.
 *
 * Statement (Section 4, discussion after Corollaries 1-3): the required width is Ω(r̄ + log 1/δ) with
 *   (12), Ω(m + log 1/δ) with (14), and just d ≥ r̄ = rank(L) with (13); it depends neither on the input
 *   rank nor on the condition number of D (unlike the prior results of Table 1).
 * Hypotheses: Assumption 1; initialization (13) X₀ = c·Orth(LΦ), Y₀ = 0, width d ≥ r̄ (d = r̄ included);
 *   c meeting Theorem 3's inequality μ̃p ≥ 4√2‖LDᵀ‖_F(1 + p).
 * Parameters: Theorem 3's η = 1/L̃, β = (√L̃ − √μ̃)/(√L̃ + √μ̃).
 * Bound (derived from Theorem 3): under (13) every nonzero singular value of X₀ is c, so cond(X₀) = 1,
 *   σ_r²(X₀) = c², L̃/μ̃ = λ_max(DDᵀ)/λ_min(DDᵀ) = cond²(D) and Theorem 3's bound reads
 *     ‖R_t‖_F ≤ c²σ_min(D)/576 · (1 − 1/(2cond(D)))^t,
 *   checked for rank(D) up to r + 8, D with and without full row rank, cond(Σ) up to 30.
 *
 * False variants (derived):
 * 1. d = r − 1: rank(X_tY_tᵀD) ≤ r − 1, so ‖R_t‖_F ≥ σ_r(L) > 0 for all t (Eckart–Young).
 * 2. "NAG cannot beat GD": the lower bound ‖R_t‖_F ≥ ‖R₀‖_F(1 − λ_min/λ_max)^t, R₀ = −L (Y₀ = 0), GD's
 *    per-step factor (Remark 3); NAG contracts near 1 − 1/cond(D) per step, faster.
 */
import fc from 'fast-check';
import { defineClaim, geometric, type NetworkParams, variant, withConstruction, withoutHypothesis } from 'ratecheck';
import { netTrial, networkParams, RESIDUAL_FLOOR, smallPaperNetwork, source, STRUCTURE, type NetContext, type NetRanges } from './network-trial.ts';
import { theorem3Bounds } from './network-theorem3.ts';

/** Width r exactly on half the draws; rank(D) up to r + 8, D with and without full row rank, cond(Σ) up to 30. */
const HEADLINE: NetRanges = { rankDExtra: [0, 8], nExtra: [0, 2], condD: [1.5, 30] };

const condDRate = (ctx: NetContext): number => 1 - 1 / (2 * Math.sqrt(ctx.su.lambdaMax / ctx.su.lambdaMin));

export const widthRank = defineClaim<NetworkParams>({
  id: 'xu2024-nn.width-rank',
  statement: 'At width d = rank(L) (and every d ≥ rank(L)) NAG with X₀ = c·Orth(LΦ) (13), Y₀ = 0 and c meeting Theorem 3’s inequality converges linearly at the accelerated rate: ‖R_t‖_F ≤ c²σ_min(D)/576 · (1 − 1/(2 cond(D)))^t, whatever rank(D) and cond(D)',
  source: source('Section 4 discussion (required width d ≥ r̄), Theorem 3, Corollary 2', 'V~', 'Section 4, discussion after Corollaries 1-3 (width Ω(r̄) or d ≥ r̄ with (13), no dependence on the input rank or condition number)'),
  kind: 'bound-for-all-t',
  expected: 'holds',
  params: networkParams(HEADLINE),
  examples: [smallPaperNetwork(5)],
  maxIterations: 6000,
  instantiate: (params, options) =>
    netTrial(params, options, { scheme: 'orthonormal' }, { bounds: (ctx) => theorem3Bounds(ctx, condDRate(ctx), 'θ = 1 − 1/(2cond(D)) (cond(X₀) = 1)') }),
});

export const widthRankMinusOne = withoutHypothesis(
  // construction changed: μ̃ (and c) from σ_d(X₀) at d = r − 1 (the bound's label drops "(cond(X₀) = 1)")
  withConstruction(widthRank, (params, options) =>
    netTrial(params, options, { scheme: 'orthonormal', index: (p) => p.d }, { bounds: (ctx) => theorem3Bounds(ctx, condDRate(ctx), 'θ = 1 − 1/(2cond(D))') }),
  ),
  STRUCTURE,
  {
    id: 'xu2024-nn.width-rank-minus-one',
    statement: 'FALSE variant: the headline at width d = rank(L) − 1 (μ̃ from σ_d(X₀))',
    source: { theorem: 'Section 4 discussion', confidence: 'D', note: 'Eckart–Young, derived in this file’s header' },
    falseBecause: 'rank(X_tY_tᵀD) ≤ r − 1, so ‖R_t‖_F ≥ σ_r(L) > 0 for all t while the bound tends to 0',
    params: networkParams({ ...HEADLINE, r: [2, 4], d: (r) => fc.constant(r - 1) }),
    maxIterations: 6000,
  },
);

export const widthRankNotAccelerated = variant(
  // bound changed: GD's per-step factor as a lower bound (kind 'lower-bound')
  withConstruction(widthRank, (params, options) =>
    netTrial(params, options, { scheme: 'orthonormal' }, {
      bounds: ({ su }) => [
        {
          metric: 'residualNorm',
          relation: 'ge',
          value: geometric(su.normL, 1 - su.lambdaMin / su.lambdaMax), // R₀ = −L since Y₀ = 0
          floor: RESIDUAL_FLOOR * su.normL,
          cite: 'false lower bound ‖R_t‖_F ≥ ‖R₀‖_F (1 − λ_min/λ_max)^t',
        },
      ],
    }),
  ),
  {
    id: 'xu2024-nn.width-rank-not-accelerated',
    statement: 'FALSE variant: at width rank(L), NAG cannot beat GD’s per-step factor: ‖R_t‖_F ≥ ‖L‖_F (1 − λ_min(DDᵀ)/λ_max(DDᵀ))^t',
    source: { theorem: 'Section 4 discussion, Remark 3', confidence: 'D', note: 'acceleration shape (Section 4 discussion, Remark 3): √κ for NAG against κ for GD' },
    kind: 'lower-bound',
    falseBecause: 'NAG contracts near 1 − 1/cond(D) per step, faster than 1 − 1/cond²(D)',
    params: networkParams({ ...HEADLINE, condD: [4, 30], d: (r) => fc.constant(r) }),
    maxIterations: 6000,
  },
);

export const widthClaims = [widthRank, widthRankMinusOne, widthRankNotAccelerated];
