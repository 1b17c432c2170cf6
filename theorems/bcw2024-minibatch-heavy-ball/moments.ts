/**
 * Exact moments of minibatch heavy ball (the algorithm minibatch_HBM of Bollapragada, Chen, Ward 2024,
 * reference implementation; the paper's text of these facts is not available, all three are derived here).
 *
 * Statement: for i.i.d. batches with the unbiased (importance-weighted) estimator,
 *   P1  Σ_j p_j X_j = AᵀA,  X_j = (1/p_j) a_j a_jᵀ, for row-norm and uniform sampling;
 *   P2  E[x_k] equals the deterministic heavy-ball iterate (same α, β, x₀) for every B;
 *   P3  E[z_k z_kᵀ] = 𝓛_B^k(z₀z₀ᵀ), z_k = [e_k; e_{k−1}], e_k = x_k − x*, with
 *       𝓛_B(S) = TSTᵀ + (α²/B) P(E[X S₁₁ X] − H S₁₁ H)Pᵀ,  T = [[(1+β)I − αH, −βI], [I, 0]],  P = [I; 0].
 * Hypotheses: consistent system, i.i.d. sampling with replacement, n^B ≤ 200 (every batch enumerated).
 * Parameters: (α, β) = get_params(A, c = 2); B ∈ {1, 2, 3}; d ∈ {2, 3}; κ ∈ [1, 100]; k ≤ 6.
 * Bound: each identity to relative tolerance EXACT_RTOL = 1e-10.
 *
 * Derivation. With r = Ax − b = A(x − x*), g(x) = W(x − x*), W = (1/B) Σ_t X_{j_t}.
 *  P1: Σ_j p_j (1/p_j) a_j a_jᵀ = Σ_j a_j a_jᵀ = AᵀA, hence E[W] = H and E[g(x)] = ∇f(x).
 *  P2: z_{k+1} = M_k z_k with M_k = T − αP(W_k − H)Pᵀ; W_k is independent of z_k and E[W_k] = H (P1),
 *      so E[z_{k+1}] = T E[z_k]: the deterministic heavy-ball recursion.
 *  P3: E[M S Mᵀ] = TSTᵀ + α² P E[(W − H)S₁₁(W − H)] Pᵀ, and for i.i.d. draws with replacement
 *      E[(W − H) ⊗ (W − H)] = (1/B)(E[X ⊗ X] − H ⊗ H).
 * The false variants: the plain estimator n a_j(a_jᵀx − b_j) breaks P1 under row-norm sampling
 * (Σ_j p_j n a_j a_jᵀ ≠ AᵀA unless the row norms are equal); and E‖e_k‖² = ‖E e_k‖² + tr Cov(e_k) with
 * E e_k = e_k^HB (P2), so minibatch is strictly worse than full batch in mean square once the sampling
 * covariance is non-zero (already at k = 1).
 */
import {
  atMost, buildInstance, defineClaim, enumerateMoments, estimatorWeights, fc, HeavyBall, instanceParams, momentToOriginal,
  samplingProbabilities, SecondMomentOperator, startingError, withTrial, zeros, bcwParameters,
  type Bound, type Estimator, type InstanceParams, type Sampling, type Trial,
} from 'ratecheck';
import { bcwOperator, EXACT_RTOL, RMS_FLOOR, source } from './setup.ts';

export interface MomentParams extends InstanceParams {
  batchSize: number;
  sampling: Sampling;
}

const momentParams = (ranges: { rowNorms?: ('uniform' | 'spread')[]; sampling?: Sampling[] } = {}) =>
  fc
    .record({
      base: instanceParams({ d: [2, 3], extraRows: [0, 3], conditionNumber: [1, 100], rowNorms: ranges.rowNorms }),
      batchSize: fc.integer({ min: 1, max: 3 }),
      sampling: fc.constantFrom(...(ranges.sampling ?? (['row-norm', 'uniform'] as const))),
    })
    .map(({ base, batchSize, sampling }): MomentParams => ({ ...base, batchSize: Math.pow(base.n, batchSize) > 200 ? 1 : batchSize, sampling }));

const EXACT_STEPS = 6;

/** P1–P3 checked by enumerating every batch, with the given gradient estimator. */
function exactMomentsTrial(params: MomentParams, estimator: Estimator): Trial {
  const problem = buildInstance(params);
  const bp = bcwParameters(problem.eigenvalues);
  const e0 = startingError(problem, params.start, params.seed);
  const d = problem.d, W = 2 * d;
  // P1: Σ_j p_j w_j a_j a_jᵀ = AᵀA
  const p = samplingProbabilities(problem, params.sampling);
  const w = estimatorWeights(problem, params.sampling, estimator);
  const H = zeros(d, d), EX = zeros(d, d);
  for (let j = 0; j < problem.n; j++) {
    for (let a = 0; a < d; a++) {
      for (let b = 0; b < d; b++) {
        const v = problem.A.data[j * d + a] * problem.A.data[j * d + b];
        H.data[a * d + b] += v;
        EX.data[a * d + b] += p[j] * w[j] * v;
      }
    }
  }
  let unbiasedGap = 0, hNorm = 0;
  for (let i = 0; i < d * d; i++) {
    unbiasedGap += (EX.data[i] - H.data[i]) ** 2;
    hNorm += H.data[i] ** 2;
  }
  unbiasedGap = Math.sqrt(unbiasedGap);
  hNorm = Math.sqrt(hNorm);
  // deterministic heavy ball from x₀ = x* + e₀ (the real algorithm) and the exact operator
  const x0 = new Float64Array(d);
  for (let i = 0; i < d; i++) x0[i] = problem.xStar[i] + e0[i];
  const hb: Float64Array[] = [];
  const heavyBall = new HeavyBall(problem, bp, x0);
  for (let k = 0; k <= EXACT_STEPS; k++) {
    hb.push(heavyBall.iterate.map((v, i) => v - problem.xStar[i]));
    heavyBall.step();
  }
  const op = new SecondMomentOperator(problem, { stepSize: bp.stepSize, momentum: bp.momentum, sampling: params.sampling });
  const bounds: Bound[] = [
    { metric: 'meanGap', relation: 'le', value: (_k, m) => EXACT_RTOL * m.meanScale, floor: 0, cite: 'P2: E[x_k] equals the deterministic heavy-ball iterate for every B (derived in this file’s header, [D])' },
    { metric: 'momentGap', relation: 'le', value: (_k, m) => EXACT_RTOL * m.momentScale, floor: 0, cite: 'P3: E[z_k z_kᵀ] = 𝓛_B^k(z₀z₀ᵀ), 𝓛_B(S) = TSTᵀ + (α²/B)P(E[XS₁₁X] − HS₁₁H)Pᵀ (derived in this file’s header, [D])' },
    { metric: 'unbiasedGap', relation: 'le', value: () => EXACT_RTOL * hNorm, floor: 0, cite: 'P1: Σ_j p_j X_j = AᵀA for row-norm and uniform sampling (derived in this file’s header, [D])' },
  ];
  return {
    hypotheses: [atMost('n^B ≤ 200 batches per step (enumeration)', Math.pow(problem.n, params.batchSize), 200)],
    derived: { stepSize: bp.stepSize, momentum: bp.momentum, batchSize: params.batchSize, n: problem.n, d },
    bounds,
    run(observe, maxIterations) {
      let S = op.initialMoment(e0), next = zeros(W, W);
      const metrics = { meanGap: 0, meanScale: 1, momentGap: 0, momentScale: 1, unbiasedGap };
      enumerateMoments(problem, { ...bp, batchSize: params.batchSize, sampling: params.sampling, estimator }, e0, Math.min(EXACT_STEPS, maxIterations), (k, m) => {
        let g = 0, sc = 0;
        for (let i = 0; i < d; i++) {
          g += (m.meanError[i] - hb[k][i]) ** 2;
          sc += hb[k][i] ** 2;
        }
        metrics.meanGap = Math.sqrt(g);
        metrics.meanScale = Math.sqrt(sc) + 1e-300;
        const So = momentToOriginal(problem, S);
        let mg = 0, ms = 0;
        for (let i = 0; i < W * W; i++) {
          mg += (m.secondMoment.data[i] - So.data[i]) ** 2;
          ms += So.data[i] ** 2;
        }
        metrics.momentGap = Math.sqrt(mg);
        metrics.momentScale = Math.sqrt(ms);
        op.apply(S, next, params.batchSize);
        const t = S;
        S = next;
        next = t;
        return observe(k, metrics);
      });
    },
  };
}

export const exactMoments = defineClaim<MomentParams>({
  id: 'bcw2024.exact-moments',
  statement: 'Minibatch heavy ball (i.i.d. batches, unbiased estimator): Σp_jX_j = AᵀA (P1), E[x_k] equals the deterministic heavy-ball iterate (P2) and E[z_kz_kᵀ] equals the second-moment operator’s prediction (P3), by exact enumeration of every batch',
  source: source('algorithm minibatch_HBM and its moments', 'D', 'reference implementation minibatch_HBM (i.i.d. batches with replacement, weights 1/p_j); P1–P3 derived in this file’s header'),
  kind: 'exact-identity',
  expected: 'holds',
  params: momentParams(),
  // the identities are stated for k ≤ EXACT_STEPS: the enumeration ends there on its own, not at a budget
  maxIterations: EXACT_STEPS + 1,
  instantiate: (p) => exactMomentsTrial(p, 'importance'),
});

/** Changes the method: the estimator drops the 1/(n p_j) reweighting (builder argument 'plain'). */
export const plainEstimator = withTrial(exactMoments, {
  id: 'bcw2024.plain-estimator-unbiased',
  statement: 'FALSE variant: with row-norm sampling the plain estimator n·a_j(a_jᵀx − b_j) (no 1/(n p_j) reweighting) still gives E[x_k] = heavy-ball iterate',
  source: { theorem: 'algorithm minibatch_HBM', note: 'E[g] = ∇f needs the weights 1/p_j (P1, this file’s header); Σ_j p_j n a_ja_jᵀ ≠ AᵀA unless the row norms are equal' },
  falseBecause: 'Σ_j (‖a_j‖²/‖A‖²_F) n a_ja_jᵀ weighs long rows more: the mean drifts from heavy ball at k = 1 when the row norms differ',
  params: momentParams({ rowNorms: ['spread'], sampling: ['row-norm'] }),
}, (p) => exactMomentsTrial(p, 'plain'));

// Mean square against the mean (exact operator)

export interface BatchParams extends InstanceParams {
  batchSize: number;
}

const batchParams = (k: [number, number] = [1.5, 1000], batch: [number, number] = [0, 6]) =>
  fc
    .record({ base: instanceParams({ conditionNumber: k }), b: fc.integer({ min: batch[0], max: batch[1] }) })
    .map(({ base, b }): BatchParams => ({ ...base, batchSize: 2 ** b }));

/** A different trial from the base claim's: the exact mean-square trajectory against ‖E e_k‖² (other params). */
export const beatsFullBatch = defineClaim<BatchParams>({
  id: 'bcw2024.minibatch-beats-full-batch',
  statement: 'FALSE variant: minibatch heavy ball is at least as good as full-batch heavy ball in mean square, E‖x_k − x*‖² ≤ ‖x_k^HB − x*‖²',
  source: source('algorithm minibatch_HBM and its moments', 'D', 'E‖e_k‖² = ‖E e_k‖² + tr Cov(e_k) and E e_k = e_k^HB (P2), derived in this file’s header'),
  kind: 'bound-in-expectation',
  expected: 'refuted',
  variantOf: 'bcw2024.exact-moments',
  falseBecause: 'the sampling covariance is positive as soon as (X_j − H)e₀ ≠ 0 for some row: strict already at k = 1',
  params: batchParams(),
  maxIterations: 200,
  instantiate: (params) => {
    const { problem, bp, op } = bcwOperator(params);
    const e0 = startingError(problem, params.start, params.seed);
    return {
      hypotheses: [],
      derived: { stepSize: bp.stepSize, momentum: bp.momentum, batchSize: params.batchSize },
      bounds: [{ metric: 'meanSquareError', relation: 'le', value: (_k, m) => m.meanErrorNorm ** 2, floor: RMS_FLOOR ** 2, cite: 'false: E‖e_k‖² ≤ ‖E e_k‖² = ‖e_k^HB‖²' }],
      run: (observe, maxIterations) => op.meanSquareTrajectory(e0, params.batchSize, observe, maxIterations),
    };
  },
});
