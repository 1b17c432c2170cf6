/**
 * Xu, Wang, Zhao, Ward, Tao (NeurIPS 2024), Section 3, Theorems 1 and 2 at scale: the same claims on
 * m, n from 10³ to 10⁵.
 *
 * Statement and bound. Theorem 1's deterministic core (GD, η = 2/(L + μ), ‖R_t‖_F ≤ C₁‖A‖_F(1 − μ/L)^t,
 * mf-theorem1.ts) and Theorem 2's (NAG, η = 1/L, β = (√L − √μ)/(√L + √μ), ‖R_t‖_F ≤ μp/(4(1+p))θ^t,
 * mf-theorem2.ts), their false variants "the per-step factor cannot be beaten" and "momentum dropped", and
 * their near misses (the exponent 2.05t for Theorem 1, the growth factor (1 + t√(μ/L)) dropped for Theorem 2;
 * derived in mf-theorem1.ts and mf-theorem2.ts), with examples at m, n ≈ 10³ where cond(X₀) ≲ 2.4 makes
 * the difference show before the floor.
 * The paper stresses that the prefactors do not depend on m or n (remark after Theorem 1).
 *
 * Hypotheses and parameters. As in mf-theorem1.ts and mf-theorem2.ts, with m, n log-uniform in
 * [10³, 10⁵]; examples: Figure 4's size (m, n) = (1200, 1000) (Appendix E) and m = n = 10⁵.
 *
 * Derivation. A = UΣVᵀ is never formed: the set-up draws Φ row by row into ΣVᵀΦ (r × d), and by Lemma 1
 * (col(X_t) ⊆ col(A), and col(Y_t) ⊆ row(A) when Y₀ = 0, mf-lemma1.ts) the run on the reduced problem
 * (Σ, cΣVᵀΦ, 0) has the same residual and distances. Under --dense the instances with m·n > 2²⁰ fail the
 * dense-path hypothesis instead.
 */
import { defineClaim, type Claim } from 'ratecheck';
import { paperSetup, xuParams, type ParamRanges, type XuParams } from './mf-setup.ts';
import { thm1Core, thm1CoreNearMiss, thm1RateUnbeatable } from './mf-theorem1.ts';
import { thm2Core, thm2CoreNearMiss, thm2MomentumDropped } from './mf-theorem2.ts';

const AT_SCALE: ParamRanges = { mnLog: [1000, 100_000] };
/** Instances per claim at scale (a 10⁵ x 10⁵ set-up costs 0.3–0.6 s, mostly drawing Φ). */
const AT_SCALE_RUNS = 5;
const atScaleExamples: XuParams[] = [
  { ...paperSetup(80), m: 1200, n: 1000 }, // Figure 4's size
  { ...paperSetup(20), m: 100_000, n: 100_000 },
];
const atScaleNote = 'm, n log-uniform in [10³, 10⁵]; A is never formed (the reduced path); under --dense, instances with m·n > 2²⁰ fail the dense-path hypothesis';

/** The claim at scale: the same trial on m, n from 10³ to 10⁵ (a false variant stays a variant of the claim at scale). */
function atScale(claim: Claim<XuParams>, cSteps?: [number, number], examples?: XuParams[]): Claim<XuParams> {
  return defineClaim<XuParams>({
    ...claim,
    id: `${claim.id}-at-scale`,
    statement: `${claim.statement}, at m, n from 10³ to 10⁵`,
    source: { ...claim.source, note: `${claim.source.note ? `${claim.source.note}; ` : ''}${atScaleNote}` },
    params: xuParams({ ...AT_SCALE, cSteps }),
    examples: examples ?? (claim.expected === 'holds' ? atScaleExamples : claim.examples),
    ...(claim.variantOf ? { variantOf: `${claim.variantOf}-at-scale` } : {}),
    maxRuns: AT_SCALE_RUNS,
  });
}

export const thm1CoreAtScale = atScale(thm1Core);
export const thm1RateUnbeatableAtScale = atScale(thm1RateUnbeatable);
export const thm2CoreAtScale = atScale(thm2Core);
export const thm2MomentumDroppedAtScale = atScale(thm2MomentumDropped, [0, 8]);

/** m, n ≈ 10³ with r = 2, d = 8, κ = 1.7 (cond(X₀) from 1.65 to 2.38): first violations at t = 10 to 19. */
const nearMissAtScale = (m: number, n: number, seed: number): XuParams => ({ m, n, r: 2, d: 8, kappa: 1.7, profile: 'top', scale: 1, cMultiplier: Math.SQRT2, seed });
export const thm1CoreNearMissAtScale = atScale(thm1CoreNearMiss, undefined, [nearMissAtScale(1148, 1544, 4), nearMissAtScale(1222, 1566, 6)]);
export const thm2CoreNearMissAtScale = atScale(thm2CoreNearMiss, undefined, [nearMissAtScale(1037, 1511, 1), nearMissAtScale(1074, 1522, 2)]);
