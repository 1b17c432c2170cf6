/**
 * Minibatch SGD / randomized Kaczmarz with uniform sampling (p_j = 1/n) on consistent systems: the
 * uniform-sampling case of Bollapragada, Chen, Ward 2024 (β = 0; the reference implementation's
 * get_params returns η for it, the paper's text is not available; derived below, [D]).
 *
 * Statement: with p_j = 1/n, the unbiased estimator g = (n/B) Σ_t a_{j_t}(a_{j_t}ᵀx − b_{j_t}), batch B (i.i.d.
 * with replacement), η = n max_j ‖a_j‖²/‖A‖²_F and α_B^U = 1/(η‖A‖²_F/B + (1 − 1/B)λ_max),
 *   E‖e_{k+1}‖² = E‖e_k‖² − 2α E[e_kᵀHe_k] + α²[(1/B) E[e_kᵀMe_k] + (1 − 1/B) E‖He_k‖²],  M = n Σ_j ‖a_j‖² a_j a_jᵀ (exact),
 *   E‖x_k − x*‖² ≤ (1 − α_B^U λ_min)^k ‖x₀ − x*‖².
 * Hypotheses: consistent system, full column rank, B ≥ 1. Parameters: κ ∈ [1, 1000], row norms equal or
 * spread over a factor up to 1000, B = round(1024 f) with f log-uniform on [1/1024, 1]; k ≤ 5000, or until the bound reaches its floor.
 * Bounds and tolerances as in strohmer-vershynin.ts.
 *
 * Derivation. g = W e with W = (1/B) Σ_t X_{j_t}, X_j = n a_j a_jᵀ, E[W] = H; E[X²] = Σ_j (1/n)(n‖a_j‖²)(n a_j a_jᵀ)
 * = M, and with replacement E[WᵀW] = (1/B)M + (1 − 1/B)H²: the identity. M ≼ n max_j‖a_j‖² H = η‖A‖²_F H and
 * ‖He‖² ≤ λ_max eᵀHe bound the bracket by (1/α_B^U) eᵀHe, so E‖e_{k+1}‖² ≤ ‖e_k‖² − α_B^U e_kᵀHe_k ≤
 * (1 − α_B^U λ_min)‖e_k‖². The step factor: with equal row norms η = 1 and uniform sampling is row-norm
 * sampling (minibatch-sgd.ts); each unit of η costs a factor η in the variance term. Tight: equal row
 * norms, B = 1 and e₀ on the λ_min eigenvector give E‖e₁‖² = 1 − λ_min/‖A‖²_F = 1 − α₁^U λ_min exactly.
 * False variants: the rate raised to the power 1.02 (near miss, refuted on those tight starts); and
 * row-norm sampling's step α_B (η dropped) under uniform sampling with spread rows, where the variance
 * term (1/B)α² eᵀMe is not paid for.
 */
import { defineClaim, fc, instanceParams, logUniform, withRate, type LeastSquares } from 'ratecheck';
import { minibatchStep, sgdSource, sgdTrial, uniformStep, type SgdParams } from './setup.ts';

const uniformParams = (rowNorms: ('uniform' | 'spread')[] = ['uniform', 'spread']) =>
  fc
    .record({ base: instanceParams({ conditionNumber: [1, 1000], rowNorms }), batchFraction: logUniform(1 / 1024, 1, 40) })
    .map(({ base, batchFraction }): SgdParams => ({ ...base, batchFraction }));

const anyBatch = (_p: LeastSquares, f: number) => Math.max(1, Math.round(1024 * f));

/** Equal row norms, B = 1, e₀ on the λ_min eigenvector: the first step attains the bound. */
const tightStarts: SgdParams[] = ([[2, 10, 'linear'], [4, 100, 'geometric'], [3, 1000, 'top']] as const).map(([d, conditionNumber, spectrum], i) => ({
  family: 'generated', n: d + 4, d, conditionNumber, spectrum, rowNorms: 'uniform', rowNormSpread: 1, start: 0, seed: i + 1, batchFraction: 1 / 1024,
}));

export const uniformSampling = defineClaim<SgdParams>({
  id: 'kaczmarz.uniform-sampling',
  statement: 'Minibatch SGD with uniform sampling (β = 0, batch B, α_B^U = 1/(η‖A‖²_F/B + (1 − 1/B)λ_max), η = n max‖a_j‖²/‖A‖²_F): the exact one-step identity, and E‖e_k‖² ≤ (1 − α_B^U λ_min)^k ‖e₀‖²',
  source: sgdSource('uniform-sampling case, derived in this file’s header (η from get_params of the reference implementation); exact second moments through the operator'),
  kind: 'bound-in-expectation',
  expected: 'holds',
  params: uniformParams(),
  examples: tightStarts,
  maxIterations: 5000,
  instantiate: (p) =>
    sgdTrial(p, {
      batch: anyBatch,
      stepSize: uniformStep,
      identity: true,
      sampling: 'uniform',
      contraction: (pr, _B, a) => ({ perStep: 1 - a * pr.lambdaMin, cite: 'E‖e_k‖² ≤ (1 − α_B^U λ_min)^k ‖e₀‖², uniform sampling (derived in this file’s header)' }),
    }),
});

/** The rate 1 − α_B^U λ_min raised to the power 1.02 (the identity bounds are unchanged). */
export const uniformRateNearMiss = withRate(uniformSampling, 'contraction', (q) => Math.pow(q, 1.02), {
  id: 'kaczmarz.uniform-sampling-rate-2pct-faster',
  statement: 'FALSE variant (near miss): with uniform sampling and α_B^U, E‖e_k‖² ≤ (1 − α_B^U λ_min)^{1.02k} ‖e₀‖²',
  falseBecause: 'with equal row norms, B = 1 and e₀ on the λ_min eigenvector, E‖e₁‖² = 1 − α₁^U λ_min exactly, above (1 − α₁^U λ_min)^{1.02}',
  metric: (_b, i) => i === 0,
  examples: tightStarts,
});

/** Changes the step to row-norm sampling's α_B (η dropped) on spread rows; no identity check. */
export const uniformWithoutEta = defineClaim<SgdParams>({
  id: 'kaczmarz.uniform-sampling-without-eta',
  statement: 'FALSE variant: uniform sampling contracts like row-norm sampling, E‖e_k‖² ≤ (1 − α_B λ_min)^k with α_B = 1/(‖A‖²_F/B + (1 − 1/B)λ_max) (η dropped)',
  source: sgdSource('the variance term of uniform sampling is (1/B)α² eᵀMe with M up to η‖A‖²_F H (derived in this file’s header)'),
  kind: 'bound-in-expectation',
  expected: 'refuted',
  variantOf: 'kaczmarz.uniform-sampling',
  falseBecause: 'with spread row norms a long row drawn uniformly with weight n overshoots: E[eᵀMe] exceeds ‖A‖²_F eᵀHe along the directions of the long rows, and the step α_B pays only for the latter',
  params: uniformParams(['spread']),
  maxIterations: 2000,
  instantiate: (p) =>
    sgdTrial(p, {
      batch: (_pr, f) => Math.max(1, Math.round(16 * f)),
      stepSize: minibatchStep,
      identity: false,
      sampling: 'uniform',
      contraction: (pr, _B, a) => ({ perStep: 1 - a * pr.lambdaMin, cite: 'false: E‖e_k‖² ≤ (1 − α_B λ_min)^k under uniform sampling' }),
    }),
});
