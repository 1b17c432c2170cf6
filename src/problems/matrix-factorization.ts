/**
 * Matrix factorization f(X, Y) = ½‖XYᵀ − A‖²_F (Xu et al. 2024, problem (1)), its gradients, and the
 * exact reduced representation: when col(X₀) ⊆ col(A) = col(U) and col(Y₀) ⊆ row(A) = col(V), every
 * GD / AltGD / NAG iterate stays there (Lemma 1), X_t = U P_t, Y_t = V Q_t, and the iteration on (P, Q)
 * is the same method on the r x r problem with A replaced by diag(σ). Residual and distance norms are
 * equal (U, V have orthonormal columns).
 */
import { axpy, clone, frobNorm, gemm, gemmNT, gemmTN, zeros, type Mat } from '../linalg/dense.ts';
import { SubspaceDistance, orthonormalBasis } from '../linalg/decomp.ts';

export interface FactorizationProblem {
  /** Target m x n. */
  A: Mat;
  /** Initial factors, m x d and n x d. */
  X0: Mat;
  Y0: Mat;
}

/** f(X, Y) = ½‖XYᵀ − A‖²_F. */
export function objective(p: FactorizationProblem, X: Mat, Y: Mat): number {
  const R = zeros(p.A.rows, p.A.cols);
  gemmNT(R, X, Y);
  axpy(-1, p.A, R);
  const r = frobNorm(R);
  return 0.5 * r * r;
}

/** ∇_X f = (XYᵀ − A) Y and ∇_Y f = (XYᵀ − A)ᵀ X. */
export function gradient(p: FactorizationProblem, X: Mat, Y: Mat): { gX: Mat; gY: Mat } {
  const R = zeros(p.A.rows, p.A.cols);
  gemmNT(R, X, Y);
  axpy(-1, p.A, R);
  const gX = zeros(X.rows, X.cols);
  const gY = zeros(Y.rows, Y.cols);
  gemm(gX, R, Y);
  gemmTN(gY, R, X);
  return { gX, gY };
}

const REDUCTION_TOL = 1e-12;

/**
 * The reduced problem (diag(σ), UᵀX₀, VᵀY₀) when X₀, Y₀ lie in col(U), col(V) to REDUCTION_TOL
 * (relative); otherwise null. A must equal U diag(σ) Vᵀ.
 */
export function reduceFactorization(p: FactorizationProblem, U: Mat, sigma: readonly number[], V: Mat): FactorizationProblem | null {
  const r = sigma.length;
  const d = p.X0.cols;
  const offX = new SubspaceDistance(U, d).of(p.X0);
  const offY = new SubspaceDistance(V, d).of(p.Y0);
  if (offX > REDUCTION_TOL * Math.max(frobNorm(p.X0), Number.MIN_VALUE) || offY > REDUCTION_TOL * Math.max(frobNorm(p.Y0), Number.MIN_VALUE)) {
    return null;
  }
  const A = zeros(r, r);
  for (let i = 0; i < r; i++) A.data[i * r + i] = sigma[i];
  const X0 = zeros(r, d);
  const Y0 = zeros(r, d);
  gemmTN(X0, U, p.X0);
  gemmTN(Y0, V, p.Y0);
  return { A, X0, Y0 };
}

export function cloneProblem(p: FactorizationProblem): FactorizationProblem {
  return { A: clone(p.A), X0: clone(p.X0), Y0: clone(p.Y0) };
}

/**
 * The exact reduction for any X₀, Y₀ (Remark 1's Y₀ = c₂Φ₂ ≠ 0, or X₀ = cΦ): the iterates of GD, AltGD
 * and NAG stay in span(U, X₀) × span(V, Y₀), because every update adds multiples of A Y ∈ col(U) and
 * Aᵀ X ∈ col(V). With orthonormal bases Q_x (m x k₁) and Q_y (n x k₂), k ≤ r + d, the method runs on
 * (Q_xᵀ A Q_y, Q_xᵀ X₀, Q_yᵀ Y₀), formed from A's factors, and ‖X_tY_tᵀ − A‖_F = ‖P_tQ_tᵀ − Q_xᵀAQ_y‖_F.
 * Distances ‖X_t − X₀‖_F, ‖Y_t − Y₀‖_F are preserved too.
 */
export interface SpanReduction {
  problem: FactorizationProblem;
  /** orthonormal bases of span(U, X₀) and span(V, Y₀) */
  Qx: Mat;
  Qy: Mat;
}

function joinColumns(a: Mat, b: Mat): Mat {
  const out = zeros(a.rows, a.cols + b.cols);
  for (let i = 0; i < a.rows; i++) {
    out.data.set(a.data.subarray(i * a.cols, (i + 1) * a.cols), i * out.cols);
    out.data.set(b.data.subarray(i * b.cols, (i + 1) * b.cols), i * out.cols + a.cols);
  }
  return out;
}

export function reduceToSpan(U: Mat, sigma: readonly number[], V: Mat, X0: Mat, Y0: Mat): SpanReduction {
  const Qx = orthonormalBasis(joinColumns(U, X0));
  const Qy = orthonormalBasis(joinColumns(V, Y0));
  const r = sigma.length;
  // Q_xᵀ A Q_y = (Q_xᵀU) diag(σ) (VᵀQ_y), never forming A
  const QxU = gemmTN(zeros(Qx.cols, r), Qx, U);
  for (let i = 0; i < QxU.rows; i++) for (let k = 0; k < r; k++) QxU.data[i * r + k] *= sigma[k];
  const QyV = gemmTN(zeros(Qy.cols, r), Qy, V);
  const A = gemmNT(zeros(Qx.cols, Qy.cols), QxU, QyV);
  return {
    problem: { A, X0: gemmTN(zeros(Qx.cols, X0.cols), Qx, X0), Y0: gemmTN(zeros(Qy.cols, Y0.cols), Qy, Y0) },
    Qx,
    Qy,
  };
}
