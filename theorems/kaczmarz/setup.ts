/**
 * Randomized Kaczmarz (Strohmer–Vershynin 2009) and minibatch SGD / averaged block Kaczmarz on consistent
 * systems Ax* = b, checked in exact expectation through the second-moment operator (β = 0), never by
 * Monte Carlo. Shared set-up: citations, tolerances, and the trial builder of both claim files.
 *
 *   x_{k+1} = x_k − α (1/B) Σ_t (1/p_{j_t}) a_{j_t}(a_{j_t}ᵀx_k − b_{j_t}),  p_j = ‖a_j‖²/‖A‖²_F (row-norm),
 *
 * j_t i.i.d. with replacement. B = 1, α = 1/‖A‖²_F is randomized Kaczmarz, x ← x − a_j(a_jᵀx − b_j)/‖a_j‖²
 * (the step 1/p_j · 1/‖A‖²_F = 1/‖a_j‖²). H = AᵀA, κ = λ_max/λ_min, κ̄_D = ‖A‖²_F/λ_min (the squared Demmel
 * condition number), stable rank ‖A‖²_F/λ_max.
 */
import {
  atLeast, buildInstance, rotateRows, samplingProbabilities, SecondMomentOperator, startingError, zeros,
  type Bound, type Hypothesis, type InstanceParams, type LeastSquares, type Mat, type Sampling, type Source, type Trial,
} from 'ratecheck';

export const SV = 'T. Strohmer, R. Vershynin. A randomized Kaczmarz algorithm with exponential convergence. J. Fourier Anal. Appl. 15:262–278, 2009';
export const SV_URL = 'https://arxiv.org/abs/math/0702226';
export const BCW = 'R. Bollapragada, T. Chen, R. Ward. On the fast convergence of minibatch heavy ball momentum. IMA J. Numer. Anal. 45(3), 2024';
export const BCW_URL = 'https://arxiv.org/abs/2206.07553';

export const svSource = (note: string): Source => ({ paper: SV, theorem: 'Theorem 2', url: SV_URL, confidence: 'D', note });
export const sgdSource = (note: string): Source => ({ paper: BCW, theorem: 'minibatch SGD corollary (text not available)', url: BCW_URL, confidence: 'D', note });

/** Relative tolerance of the exact one-step identities (the operator against the closed form). */
export const IDENTITY_RTOL = 1e-9;
/**
 * Floor of E‖e_k‖² relative to ‖e₀‖² = 1. The exact recursion is homogeneous (no absolute rounding: its relative
 * error stays at a few eps per step), so no roundoff floor forces a stop; 1e-24, twenty-four decades of decay,
 * is where comparing stops. Instances whose rate is too slow to get there within their budget are reported as
 * stopped at the budget (the horizon statistics), not hidden by a shallower floor.
 */
export const MSQ_FLOOR = 1e-24;

export interface SgdParams extends InstanceParams {
  /** batch size as a fraction of its range, see each claim */
  batchFraction: number;
}

type Contraction = (problem: LeastSquares, B: number, stepSize: number) => { perStep: number; cite: string };

export interface SgdOptions {
  /** batch size from the instance and the fraction */
  batch: (problem: LeastSquares, fraction: number) => number;
  stepSize: (problem: LeastSquares, B: number) => number;
  contraction: Contraction;
  /** check the one-step identity as well */
  identity: boolean;
  extraHypotheses?: (problem: LeastSquares, B: number) => Hypothesis[];
  /** row-norm (default) or uniform sampling, each with its unbiased estimator (1/p_j) a_j(a_jᵀx − b_j) */
  sampling?: Sampling;
}

/** α_B = 1/(‖A‖²_F/B + (1 − 1/B)λ_max) (derived in minibatch-sgd.ts). */
export function minibatchStep(problem: LeastSquares, B: number): number {
  return 1 / (problem.frobeniusSq / B + (1 - 1 / B) * problem.lambdaMax);
}

/** α_B^U = 1/(η‖A‖²_F/B + (1 − 1/B)λ_max), η = n max_j ‖a_j‖²/‖A‖²_F: the step of uniform sampling (derived in uniform-sampling.ts). */
export function uniformStep(problem: LeastSquares, B: number): number {
  return 1 / ((problem.eta * problem.frobeniusSq) / B + (1 - 1 / B) * problem.lambdaMax);
}

/**
 * M̃ = Σ_j (‖a_j‖²/p_j) ã_j ã_jᵀ in the eigenbasis (ã_j = Vᵀa_j): E[X²] of the sampled X_j = (1/p_j)a_j a_jᵀ,
 * ‖A‖²_F·Λ under row-norm sampling, n Σ_j ‖a_j‖² ã_j ã_jᵀ under uniform sampling.
 */
function secondMomentOfX(problem: LeastSquares, sampling: Sampling): Mat {
  const d = problem.d, rows = rotateRows(problem), p = samplingProbabilities(problem, sampling);
  const M = zeros(d, d);
  for (let j = 0; j < problem.n; j++) {
    if (!(p[j] > 0)) continue;
    const w = problem.rowNormsSq[j] / p[j];
    for (let a = 0; a < d; a++) for (let b = 0; b < d; b++) M.data[a * d + b] += w * rows.data[j * d + a] * rows.data[j * d + b];
  }
  return M;
}

/**
 * E‖e_k‖², tr(ΛS₁₁), tr(Λ²S₁₁) and tr(M̃S₁₁) along the exact second-moment recursion (β = 0), S in the
 * eigenbasis, calling observe until it returns false.
 */
function traceTrajectory(op: SecondMomentOperator, M: Mat, e0: Float64Array, B: number, observe: (k: number, m: { meanSquareError: number; traceHS: number; traceHSH: number; traceMS: number }) => boolean, maxIterations: number): void {
  const d = op.d, w = 2 * d, lambda = op.lambda;
  let S = op.initialMoment(e0), next = zeros(w, w);
  const m = { meanSquareError: 0, traceHS: 0, traceHSH: 0, traceMS: 0 };
  for (let k = 0; ; k++) {
    let tr = 0, trH = 0, trHH = 0, trM = 0;
    for (let i = 0; i < d; i++) {
      const sii = S.data[i * w + i];
      tr += sii;
      trH += lambda[i] * sii;
      trHH += lambda[i] * lambda[i] * sii;
      for (let j = 0; j < d; j++) trM += M.data[i * d + j] * S.data[j * w + i];
    }
    Object.assign(m, { meanSquareError: tr, traceHS: trH, traceHSH: trHH, traceMS: trM });
    if (!observe(k, m) || k >= maxIterations) return;
    op.apply(S, next, B);
    [S, next] = [next, S];
  }
}

/**
 * The exact mean square E‖e_k‖² of minibatch SGD (second-moment operator with β = 0) against
 * (perStep)^k, and, with `identity`, against the one-step identity's prediction from the exact moments.
 */
export function sgdTrial(params: SgdParams, o: SgdOptions): Trial {
  const problem = buildInstance(params);
  const B = o.batch(problem, params.batchFraction);
  const alpha = o.stepSize(problem, B);
  const e0 = startingError(problem, params.start, params.seed);
  const sampling = o.sampling ?? 'row-norm';
  const op = new SecondMomentOperator(problem, { stepSize: alpha, momentum: 0, sampling });
  const { perStep, cite } = o.contraction(problem, B, alpha);
  const F = problem.frobeniusSq;
  const bounds: Bound[] = [
    { metric: 'meanSquareError', relation: 'le', value: (k) => Math.pow(perStep, k), floor: MSQ_FLOOR, cite, rate: perStep },
  ];
  if (o.identity) {
    const citeId =
      sampling === 'row-norm'
        ? `E‖e_{k+1}‖² = E‖e_k‖² − 2α E[eᵀHe] + α²[(1/B)‖A‖²_F E[eᵀHe] + (1 − 1/B)E‖He‖²] (derived in minibatch-sgd.ts; B = 1, α = 1/‖A‖²_F: Strohmer–Vershynin’s identity, strohmer-vershynin.ts)`
        : `E‖e_{k+1}‖² = E‖e_k‖² − 2α E[eᵀHe] + α²[(1/B) E[eᵀMe] + (1 − 1/B)E‖He‖²], M = n Σ_j ‖a_j‖² a_j a_jᵀ (derived in uniform-sampling.ts)`;
    bounds.push(
      { metric: 'meanSquareError', relation: 'le', value: (k, m) => (k === 0 ? Infinity : m.predicted), floor: 0, rtol: IDENTITY_RTOL, cite: citeId },
      { metric: 'meanSquareError', relation: 'ge', value: (k, m) => (k === 0 ? 0 : m.predicted), floor: 0, rtol: IDENTITY_RTOL, cite: citeId },
    );
  }
  return {
    hypotheses: [atLeast('batch size B ≥ 1', B, 1), ...(o.extraHypotheses ? o.extraHypotheses(problem, B) : [])],
    derived: {
      batchSize: B,
      stepSize: alpha,
      eta: problem.eta,
      contraction: perStep,
      demmelConditionNumber: problem.demmelConditionNumber,
      conditionNumber: problem.conditionNumber,
      stableRank: problem.stableRank,
    },
    bounds,
    run(observe, maxIterations) {
      const metrics = { meanSquareError: 1, predicted: NaN };
      let predicted = NaN;
      if (sampling === 'uniform') {
        const M = secondMomentOfX(problem, sampling);
        traceTrajectory(op, M, e0, B, (k, m) => {
          metrics.meanSquareError = m.meanSquareError;
          metrics.predicted = predicted;
          predicted = m.meanSquareError - 2 * alpha * m.traceHS + alpha * alpha * (m.traceMS / B + (1 - 1 / B) * m.traceHSH);
          return observe(k, metrics);
        }, maxIterations);
        return;
      }
      op.meanSquareTrajectory(e0, B, (k, m) => {
        metrics.meanSquareError = m.meanSquareError;
        metrics.predicted = predicted;
        // the identity's prediction for k + 1 from the exact moments at k
        predicted = m.meanSquareError - 2 * alpha * m.traceHS + alpha * alpha * ((F / B) * m.traceHS + (1 - 1 / B) * m.traceHSH);
        return observe(k, metrics);
      }, maxIterations);
    },
  };
}
