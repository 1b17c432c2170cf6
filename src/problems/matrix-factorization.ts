/**
 * Matrix factorization f(X, Y) = ½‖XYᵀ − A‖²_F (Xu et al. 2024, problem (1)), its gradients, and the
 * exact reduced representation: when col(X₀) ⊆ col(A) = col(U) and col(Y₀) ⊆ row(A) = col(V), every
 * GD / AltGD / NAG iterate stays there (Lemma 1), X_t = U P_t, Y_t = V Q_t, and the iteration on (P, Q)
 * is the same method on the r x r problem with A replaced by diag(σ). Residual and distance norms are
 * equal (U, V have orthonormal columns).
 */
import { axpy, clone, frobNorm, gemm, gemmNT, gemmTN, zeros, type Mat } from '../linalg/dense.ts';
import { orthonormalBasis } from '../linalg/decomp.ts';

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
 * The coefficients C = QᵀX (k x d) of X (m x d) on a Q (m x k) with orthonormal columns, and
 * ‖X − QC‖_F, its distance to col(Q): the reduction's projection and its exactness check, sharing C;
 * and ‖X‖_F, the scale of that check, from the same pass.
 * k is small (a rank), so both passes keep a 2 x 4 block of results in registers and stream X, where
 * the general products tile for large inner dimensions.
 */
export function projectOnto(Q: Mat, X: Mat): { coef: Mat; off: number; norm: number } {
  const m = Q.rows, k = Q.cols, d = X.cols;
  if (X.rows !== m) throw new RangeError(`projectOnto: Q ${m}x${k} and X ${X.rows}x${d} need the same rows`);
  const coef = zeros(k, d);
  const C = coef.data, U = Q.data, A = X.data;
  const d4 = d - (d % 4);
  // C = QᵀX: rows c, c+1 of C and columns l..l+3 accumulated over all m rows of X
  for (let c = 0; c < k; c += 2) {
    const two = c + 1 < k; // the last row of an odd k pairs with itself, its copy discarded
    const c2 = two ? c + 1 : c;
    for (let l = 0; l < d4; l += 4) {
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0, t0 = 0, t1 = 0, t2 = 0, t3 = 0;
      for (let i = 0; i < m; i++) {
        const u = U[i * k + c], v = U[i * k + c2], x = i * d + l;
        const a0 = A[x], a1 = A[x + 1], a2 = A[x + 2], a3 = A[x + 3];
        s0 += u * a0; s1 += u * a1; s2 += u * a2; s3 += u * a3;
        t0 += v * a0; t1 += v * a1; t2 += v * a2; t3 += v * a3;
      }
      const b = c * d + l;
      C[b] = s0; C[b + 1] = s1; C[b + 2] = s2; C[b + 3] = s3;
      if (two) {
        C[b + d] = t0; C[b + d + 1] = t1; C[b + d + 2] = t2; C[b + d + 3] = t3;
      }
    }
  }
  for (let l = d4; l < d; l++) {
    for (let c = 0; c < k; c++) {
      let s0 = 0;
      for (let i = 0; i < m; i++) s0 += U[i * k + c] * A[i * d + l];
      C[c * d + l] = s0;
    }
  }
  // ‖X − QC‖²_F: rows i, i+1 and columns l..l+3 of X − QC in registers; ‖X‖²_F alongside
  let s = 0, xx = 0;
  for (let i = 0; i < m; i += 2) {
    const two = i + 1 < m;
    const x = i * d, y = two ? x + d : x, ub = i * k, vb = two ? ub + k : ub;
    for (let l = 0; l < d4; l += 4) {
      let s0 = A[x + l], s1 = A[x + l + 1], s2 = A[x + l + 2], s3 = A[x + l + 3];
      let t0 = A[y + l], t1 = A[y + l + 1], t2 = A[y + l + 2], t3 = A[y + l + 3];
      xx += s0 * s0 + s1 * s1 + s2 * s2 + s3 * s3;
      if (two) xx += t0 * t0 + t1 * t1 + t2 * t2 + t3 * t3;
      for (let c = 0; c < k; c++) {
        const u = U[ub + c], v = U[vb + c], b = c * d + l;
        const c0 = C[b], c1 = C[b + 1], c2 = C[b + 2], c3 = C[b + 3];
        s0 -= u * c0; s1 -= u * c1; s2 -= u * c2; s3 -= u * c3;
        t0 -= v * c0; t1 -= v * c1; t2 -= v * c2; t3 -= v * c3;
      }
      s += s0 * s0 + s1 * s1 + s2 * s2 + s3 * s3;
      if (two) s += t0 * t0 + t1 * t1 + t2 * t2 + t3 * t3;
    }
    for (let r = i; r < (two ? i + 2 : i + 1); r++) {
      for (let l = d4; l < d; l++) {
        let t = A[r * d + l];
        xx += t * t;
        for (let c = 0; c < k; c++) t -= U[r * k + c] * C[c * d + l];
        s += t * t;
      }
    }
  }
  return { coef, off: Math.sqrt(s), norm: Math.sqrt(xx) };
}

function isZero(a: Mat): boolean {
  const A = a.data;
  for (let i = 0; i < A.length; i++) if (A[i] !== 0) return false;
  return true;
}

/**
 * The reduced problem (diag(σ), UᵀX₀, VᵀY₀) when X₀, Y₀ lie in col(U), col(V) to REDUCTION_TOL
 * (relative); otherwise null. A must equal U diag(σ) Vᵀ. A zero Y₀ (initialization (2)) reduces to
 * zero without a pass over it. The runner then reduces the width further, to the rank of the core
 * (src/methods/factorization.ts).
 */
export function reduceFactorization(p: FactorizationProblem, U: Mat, sigma: readonly number[], V: Mat): FactorizationProblem | null {
  const r = sigma.length;
  const d = p.X0.cols;
  const inside = (x: Mat, q: Mat): Mat | null => {
    if (isZero(x)) return zeros(r, d);
    const { coef, off, norm } = projectOnto(q, x);
    return off <= REDUCTION_TOL * norm ? coef : null;
  };
  const X0 = inside(p.X0, U);
  const Y0 = X0 && inside(p.Y0, V);
  if (!X0 || !Y0) return null;
  const A = zeros(r, r);
  for (let i = 0; i < r; i++) A.data[i * r + i] = sigma[i];
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
