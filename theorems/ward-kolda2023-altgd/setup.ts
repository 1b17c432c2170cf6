/**
 * Ward, Kolda (NeurIPS 2023), "Convergence of alternating gradient descent for matrix factorization":
 * the shared set-up (source, constants, instances, the AltGD run).
 *
 * Problem (abstract): min f(X, Y) = ½‖XYᵀ − A‖²_F over X ∈ ℝ^{m×d}, Y ∈ ℝ^{n×d}, rank A = r ≤ d ≤ min(m, n).
 * Method: alternating gradient descent with a fixed step η, X first (Gauss–Seidel order; the order is the
 * standard reading, not quoted from the paper [U]):
 *
 *     X_{t+1} = X_t − η(X_tY_tᵀ − A)Y_t,   Y_{t+1} = Y_t − η(X_{t+1}Y_tᵀ − A)ᵀX_{t+1}.
 *
 * Only the abstract and the introduction are available: the step-size condition, the constants C, D, ν
 * and the exact initialization scales are NOT known. The initialization below is the [U] reading of a
 * third-party reimplementation (`ward_and_kolda_init`, only its constant pattern is trusted):
 *
 *     X₀ = AΦ/(√η C σ₁(A)),  Y₀ = √η D σ₁(A) Ψ,  Φ ~ N(0, 1/d) ∈ ℝ^{n×d},  Ψ ~ N(0, 1/n) ∈ ℝ^{n×d},
 *     η = 9/(4Cνσ₁(A)),  D = Cν/9,  (C, ν) = (4, 0.5).
 *
 * X₀ ∝ AΦ is confirmed by Xu et al. (NeurIPS 2024), who use the same X₀; so col(X₀) = col(A).
 */
import { atLeast, frobNorm, gaussianMatrix, gemm, lowRankMatrix, reduceToSpan, runFactorization, scale as scaleInPlace, spectrum, zeros } from 'ratecheck';
import type { FactorizationProblem, Source, Trial, TrialOptions } from 'ratecheck';

const PAPER = 'Ward, Kolda. Convergence of alternating gradient descent for matrix factorization. NeurIPS 2023';
const URL = 'https://arxiv.org/abs/2305.06927v2';

export function source(theorem: string, confidence: Source['confidence'], note: string): Source {
  return { paper: PAPER, theorem, url: URL, confidence, note };
}

/** Constants of the [U] initialization reading: (C, ν) = (4, 0.5), D = Cν/9, η = 9/(4Cνσ₁(A)). */
export const WK_CONSTANTS = { C: 4, nu: 0.5 } as const;
/** Squared accuracy target ‖R_T‖²_F ≤ ε‖A‖²_F (ε = 1e-8, i.e. 1e-4 relative in norm: far above the roundoff floor). */
export const WK_EPSILON = 1e-8;
export interface WkParams {
  m: number;
  n: number;
  r: number;
  d: number;
  kappa: number;
  seed: number;
}

export interface WkSetup {
  problem: FactorizationProblem;
  U: FactorizationProblem['A'];
  V: FactorizationProblem['A'];
  sigma: number[];
  stepSize: number;
  normA: number;
}

/**
 * A = U diag(σ) Vᵀ with a geometric spectrum σ₁ = 1 … σ_r = 1/κ, and the [U] initialization of the
 * header: X₀ = AΦ/(√η C σ₁(A)), Y₀ = √η D σ₁(A) Ψ (`yScale` multiplies Y₀).
 */
export function wkSetup(p: WkParams, yScale = 1): WkSetup {
  const sigma = spectrum('geometric', p.r, p.kappa, 1);
  const { A, U, V } = lowRankMatrix(p.seed, p.m, p.n, sigma);
  const { C, nu } = WK_CONSTANTS;
  const D = (C * nu) / 9;
  const sigma1 = sigma[0];
  const eta = 9 / (4 * C * nu * sigma1);
  const Phi = gaussianMatrix(p.seed, 'Phi', p.n, p.d, 1 / p.d);
  const X0 = scaleInPlace(gemm(zeros(p.m, p.d), A, Phi), 1 / (Math.sqrt(eta) * C * sigma1));
  const Y0 = scaleInPlace(gaussianMatrix(p.seed, 'Psi', p.n, p.d, 1 / p.n), Math.sqrt(eta) * D * sigma1 * yScale);
  return { problem: { A, X0, Y0 }, U, V, sigma, stepSize: eta, normA: frobNorm(A) };
}

/** The overparameterization factor d/(√d − √(r−1))² of the v2 statement. */
export function overparameterization(d: number, r: number): number {
  return d / (Math.sqrt(d) - Math.sqrt(r - 1)) ** 2;
}

/**
 * AltGD from the set-up: Y₀ ≠ 0 leaves row(A), so the run is on the exact reduction to span(U, X₀) x
 * span(V, Y₀) (each side r + d ≤ 2·min(m, n) wide), dense under --dense.
 */
export function altGdRun(s: WkSetup, options: TrialOptions): Trial['run'] {
  const problem = options.dense ? s.problem : reduceToSpan(s.U, s.sigma, s.V, s.problem.X0, s.problem.Y0).problem;
  return (observe, maxIterations) => runFactorization(problem, { method: 'altgd', stepSize: s.stepSize }, observe, maxIterations);
}

/** The hypothesis d ≥ r of the v2 statement. */
export const dAtLeastR = (p: WkParams) => atLeast('d ≥ r', p.d, p.r);
