/**
 * Minibatch SGD / averaged block Kaczmarz (β = 0) on consistent systems: the corollary of Bollapragada,
 * Chen, Ward 2024 for β = 0 (its text is not available; the identity and the bound are derived below, [D]).
 *
 * Statement: with row-norm sampling, batch B (i.i.d. with replacement) and α_B = 1/(‖A‖²_F/B + (1 − 1/B)λ_max),
 *   E‖e_{k+1}‖² = E‖e_k‖² − 2α E[e_kᵀHe_k] + α²[(1/B)‖A‖²_F E[e_kᵀHe_k] + (1 − 1/B) E‖He_k‖²]   (exact), and
 *   E‖x_k − x*‖² ≤ (1 − α_B λ_min)^k ‖x₀ − x*‖².
 * Hypotheses: consistent system, full column rank, B ≥ 1. Parameters: κ ∈ [1, 1000], B = round(1024 f) with
 * f log-uniform on [1/1024, 1]; k ≤ 5000, or until the bound reaches its floor. Bounds as in strohmer-vershynin.ts (same tolerances).
 *
 * Derivation. g = W e, W = (1/B) Σ_t X_{j_t}, X_j = (‖A‖²_F/‖a_j‖²) a_j a_jᵀ, E[W] = H. With replacement,
 * E[WᵀW] = (1/B) E[X²] + (1 − 1/B) H² and, row-norm, E[X²] = Σ_j p_j (‖A‖²_F/‖a_j‖²)² ‖a_j‖² a_j a_jᵀ = ‖A‖²_F H.
 * So E‖e − αWe‖² = ‖e‖² − 2α eᵀHe + α²[(1/B)‖A‖²_F eᵀHe + (1 − 1/B)‖He‖²]: the identity. With ‖He‖² ≤ λ_max eᵀHe,
 * the bracket is ≤ (1/α_B) eᵀHe, so at α = α_B: E‖e_{k+1}‖² ≤ ‖e_k‖² − α_B e_kᵀHe_k ≤ (1 − α_B λ_min)‖e_k‖².
 * B = 1 gives Strohmer–Vershynin's 1 − 1/κ̄_D; B → ∞ gives gradient descent's 1 − 1/κ; the speed-up in B
 * saturates at the stable rank B ≈ ‖A‖²_F/λ_max.
 * False variants (different batch and step constructions, builder options):
 *  - linear speed-up, E‖e_k‖² ≤ (1 − B/κ̄_D)^k for 2 ≤ B ≤ κ̄_D/2: above the stable rank α_B ≈ 1/λ_max and the
 *    contraction is about 1 − 1/κ, much weaker than 1 − B/κ̄_D;
 *  - gradient descent's step 1/λ_max at batches up to a quarter of the stable rank: along the λ_min
 *    eigenvector (‖He‖² = λ_min eᵀHe), E‖e₁‖² = 1 − (2 − (1 − 1/B)/κ − srank/B)/κ > 1 − 1/κ when B < srank;
 *  - near miss: the rate 1 − α_Bλ_min raised to the power 1.02: at B = 1 (α₁ = 1/‖A‖²_F, Kaczmarz) and e₀ on
 *    the λ_min eigenvector the identity gives E‖e₁‖² = 1 − λ_min/‖A‖²_F = 1 − α₁λ_min exactly (the examples).
 */
import { atMost, defineClaim, fc, instanceParams, logUniform, withRate, type LeastSquares } from 'ratecheck';
import { minibatchStep, sgdSource, sgdTrial, type SgdParams } from './setup.ts';
import { lambdaMinStarts } from './strohmer-vershynin.ts';

const sgdParams = (k: [number, number] = [1, 1000]) =>
  fc.record({ base: instanceParams({ conditionNumber: k }), batchFraction: logUniform(1 / 1024, 1, 40) }).map(({ base, batchFraction }): SgdParams => ({ ...base, batchFraction }));

/** B = round(1024 f) with f log-uniform on [1/1024, 1]: B from 1 to 1024, shrinking toward B = 1. */
const anyBatch = (_p: LeastSquares, f: number) => Math.max(1, Math.round(1024 * f));

export const minibatchSgd = defineClaim<SgdParams>({
  id: 'kaczmarz.minibatch-sgd',
  statement: 'Minibatch SGD (β = 0, row-norm sampling, batch B, α_B = 1/(‖A‖²_F/B + (1 − 1/B)λ_max)): the exact one-step identity, and E‖e_k‖² ≤ (1 − α_B λ_min)^k ‖e₀‖²',
  source: sgdSource('identity and contraction derived in this file’s header (exact second moments with replacement); checked with the exact second-moment operator'),
  kind: 'bound-in-expectation',
  expected: 'holds',
  params: sgdParams(),
  maxIterations: 5000,
  instantiate: (p) =>
    sgdTrial(p, {
      batch: anyBatch,
      stepSize: minibatchStep,
      identity: true,
      contraction: (pr, _B, a) => ({ perStep: 1 - a * pr.lambdaMin, cite: 'E‖e_k‖² ≤ (1 − α_B λ_min)^k ‖e₀‖² (derived in this file’s header)' }),
    }),
});

/** B = 1 (batch fraction 1/1024) from the λ_min eigenvector: the first step is exactly 1 − α₁λ_min. */
const batch1Starts: SgdParams[] = lambdaMinStarts.map((p) => ({ ...p, batchFraction: 1 / 1024 }));

/** The rate 1 − α_Bλ_min raised to the power 1.02 in the contraction (the identity bounds are unchanged). */
export const sgdRateNearMiss = withRate(minibatchSgd, 'contraction', (q) => Math.pow(q, 1.02), {
  id: 'kaczmarz.minibatch-sgd-rate-2pct-faster',
  statement: 'FALSE variant (near miss): minibatch SGD with α_B satisfies E‖e_k‖² ≤ (1 − α_B λ_min)^{1.02k} ‖e₀‖² (the rate 2% faster in the exponent)',
  falseBecause: 'at B = 1 from e₀ on the λ_min eigenvector the one-step identity gives E‖e₁‖² = 1 − α₁λ_min exactly, above (1 − α₁λ_min)^{1.02}',
  metric: (_b, i) => i === 0,
  examples: batch1Starts,
});

/** Changes the batch (2 ≤ B ≤ κ̄_D/2) and claims the contraction 1 − B/κ̄_D; no identity check. */
export const linearSpeedup = defineClaim<SgdParams>({
  id: 'kaczmarz.minibatch-linear-speedup',
  statement: 'FALSE variant: minibatch SGD speeds up linearly in B for every batch below κ̄_D, E‖e_k‖² ≤ (1 − B/κ̄_D)^k ‖e₀‖² with α = α_B',
  source: sgdSource('the speed-up saturates at B ≈ ‖A‖²_F/λ_max, the stable rank (derived in this file’s header)'),
  kind: 'bound-in-expectation',
  expected: 'refuted',
  variantOf: 'kaczmarz.minibatch-sgd',
  falseBecause: 'above the stable rank α_B ≈ 1/λ_max and the contraction is about 1 − 1/κ, much weaker than 1 − B/κ̄_D',
  params: sgdParams([1.5, 1000]),
  maxIterations: 2000,
  instantiate: (p) =>
    sgdTrial(p, {
      // 2 ≤ B ≤ κ̄_D/2, so that the claimed factor lies in (0, 1)
      batch: (pr, f) => Math.max(2, Math.floor(2 + (pr.demmelConditionNumber / 2 - 2) * f)),
      stepSize: minibatchStep,
      identity: false,
      contraction: (pr, B) => ({ perStep: 1 - B / pr.demmelConditionNumber, cite: 'false: E‖e_k‖² ≤ (1 − B/κ̄_D)^k ‖e₀‖²' }),
      extraHypotheses: (pr, B) => [atMost('B ≤ κ̄_D/2', B, pr.demmelConditionNumber / 2)],
    }),
});

/** Changes the step to 1/λ_max and the batch (B ≤ stable rank/4) and claims 1 − 1/κ; no identity check. */
export const gdStepAnyBatch = defineClaim<SgdParams>({
  id: 'kaczmarz.minibatch-gd-step',
  statement: 'FALSE variant: minibatch SGD with gradient descent’s step 1/λ_max contracts like gradient descent, E‖e_k‖² ≤ (1 − 1/κ)^k ‖e₀‖², for batches up to a quarter of the stable rank',
  source: sgdSource('with α = 1/λ_max the variance term α²(1/B)‖A‖²_F e_kᵀHe_k is of the order of the descent term when B is below the stable rank (derived in this file’s header)'),
  kind: 'bound-in-expectation',
  expected: 'refuted',
  variantOf: 'kaczmarz.minibatch-sgd',
  falseBecause: 'the sampling variance (1/B)α²‖A‖²_F eᵀHe is not paid for by the step: along the λ_min eigenvector E‖e₁‖² = 1 − (2 − (1 − 1/B) /κ − srank/B)/κ, above 1 − 1/κ when B < stable rank',
  params: fc
    .record({ base: instanceParams({ conditionNumber: [1.5, 1000], d: [3, 6], spectrum: ['linear', 'bottom'] }), batchFraction: logUniform(1 / 64, 1, 24) })
    .map(({ base, batchFraction }): SgdParams => ({ ...base, batchFraction })),
  maxIterations: 2000,
  instantiate: (p) =>
    sgdTrial(p, {
      batch: (pr, f) => Math.max(1, Math.floor((pr.stableRank / 4) * f)),
      stepSize: (pr) => 1 / pr.lambdaMax,
      identity: false,
      contraction: (pr) => ({ perStep: 1 - 1 / pr.conditionNumber, cite: 'false: E‖e_k‖² ≤ (1 − 1/κ)^k ‖e₀‖² with α = 1/λ_max at any batch' }),
      extraHypotheses: (pr, B) => [atMost('B ≤ stable rank/4', B, Math.max(1, pr.stableRank / 4))],
    }),
});
