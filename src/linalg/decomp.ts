/**
 * Decompositions for instance set-up and hypothesis checks, through ml-matrix. Every SVD is checked by
 * reconstruction (ml-matrix's wide-matrix SVD and singular-vector signs have known pitfalls), and wide
 * matrices are transposed before decomposing.
 */
import { EigenvalueDecomposition, Matrix, QrDecomposition, SingularValueDecomposition, solve } from 'ml-matrix';
import { gemm, transpose, zeros, frobNorm, gemmTN, type Mat } from './dense.ts';
import type { Rng } from '../random/rng.ts';

export function toMatrix(a: Mat): Matrix {
  return Matrix.from1DArray(a.rows, a.cols, a.data);
}

export function fromMatrix(m: Matrix): Mat {
  const out = zeros(m.rows, m.columns);
  for (let i = 0; i < m.rows; i++) {
    const row = m.getRow(i);
    out.data.set(row, i * m.columns);
  }
  return out;
}

export interface ThinSvd {
  /** rows x k, orthonormal columns. */
  U: Mat;
  /** k singular values, descending. */
  s: number[];
  /** cols x k, orthonormal columns. */
  V: Mat;
}

/** Relative reconstruction error allowed before an SVD is rejected. */
const SVD_CHECK = 1e-9;

/** Thin SVD a = U diag(s) Vᵀ with k = min(rows, cols), checked by reconstruction. */
export function svd(a: Mat): ThinSvd {
  if (a.rows < a.cols) {
    const t = svd(transpose(a));
    return { U: t.V, s: t.s, V: t.U };
  }
  const dec = new SingularValueDecomposition(toMatrix(a), { autoTranspose: false });
  const k = a.cols;
  const U = fromMatrix(dec.leftSingularVectors.subMatrix(0, a.rows - 1, 0, k - 1));
  const V = fromMatrix(dec.rightSingularVectors.subMatrix(0, a.cols - 1, 0, k - 1));
  const s = Array.from(dec.diagonal).slice(0, k);
  // reconstruction check: ‖U diag(s) Vᵀ − a‖_F ≤ SVD_CHECK ‖a‖_F
  const us = zeros(a.rows, k);
  for (let i = 0; i < a.rows; i++) for (let j = 0; j < k; j++) us.data[i * k + j] = U.data[i * k + j] * s[j];
  const rec = zeros(a.rows, a.cols);
  gemm(rec, us, transpose(V));
  let err = 0;
  for (let i = 0; i < rec.data.length; i++) err += (rec.data[i] - a.data[i]) ** 2;
  const scaleA = frobNorm(a);
  if (!(Math.sqrt(err) <= SVD_CHECK * Math.max(scaleA, Number.MIN_VALUE))) {
    throw new Error(`SVD reconstruction check failed: relative error ${Math.sqrt(err) / scaleA}`);
  }
  for (let i = 1; i < k; i++) {
    if (s[i] > s[i - 1]) throw new Error('SVD returned unsorted singular values');
  }
  return { U, s, V };
}

/** Singular values, descending (min(rows, cols) of them). */
export function singularValues(a: Mat): number[] {
  return svd(a).s;
}

/** Numerical rank: singular values above max(rows, cols) · eps · σ₁. */
export function numericalRank(s: readonly number[], rows: number, cols: number): number {
  if (s.length === 0 || s[0] === 0) return 0;
  const tol = Math.max(rows, cols) * Number.EPSILON * s[0];
  return s.filter((v) => v > tol).length;
}

/**
 * Haar-distributed m x k matrix with orthonormal columns (k ≤ m): the Q factor of a Gaussian matrix
 * with R_jj > 0 (which makes the distribution exactly Haar), by Gram–Schmidt with one full
 * reorthogonalization pass ("twice is enough"), O(mk²) on column arrays. ‖QᵀQ − I‖_F stays at a few
 * ulps for any m: ml-matrix's Householder QR took 0.3 s and left 3e-13 at m = 10⁵, k = 5.
 */
export function haarOrthonormal(rng: Rng, m: number, k: number): Mat {
  if (!(Number.isInteger(m) && Number.isInteger(k) && k >= 1 && k <= m)) {
    throw new RangeError(`haarOrthonormal needs 1 ≤ k ≤ m, got m=${m}, k=${k}`);
  }
  const g = zeros(m, k);
  rng.fillGaussian(g.data);
  const cols: Float64Array[] = [];
  for (let j = 0; j < k; j++) {
    const v = new Float64Array(m);
    for (let i = 0; i < m; i++) v[i] = g.data[i * k + j];
    let before = 0;
    for (let i = 0; i < m; i++) before += v[i] * v[i];
    for (let pass = 0; pass < 2; pass++) {
      for (const q of cols) {
        let dot = 0;
        for (let i = 0; i < m; i++) dot += q[i] * v[i];
        for (let i = 0; i < m; i++) v[i] -= dot * q[i];
      }
    }
    let norm = 0;
    for (let i = 0; i < m; i++) norm += v[i] * v[i];
    norm = Math.sqrt(norm);
    // a Gaussian matrix is rank deficient with probability 0; refuse rather than return a non-basis
    if (!(norm > 1e-8 * Math.sqrt(before))) throw new Error(`haarOrthonormal: the Gaussian draw is numerically rank deficient at column ${j}`);
    for (let i = 0; i < m; i++) v[i] /= norm;
    cols.push(v);
  }
  const out = zeros(m, k);
  for (let j = 0; j < k; j++) for (let i = 0; i < m; i++) out.data[i * k + j] = cols[j][i];
  return out;
}

/**
 * Matrix with orthonormal columns spanning col(a), from the SVD (columns with singular value above
 * the numerical-rank tolerance).
 */
export function orthonormalBasis(a: Mat): Mat {
  const { U, s } = svd(a);
  const rank = numericalRank(s, a.rows, a.cols);
  const out = zeros(a.rows, rank);
  for (let i = 0; i < a.rows; i++) for (let j = 0; j < rank; j++) out.data[i * rank + j] = U.data[i * U.cols + j];
  return out;
}

/**
 * ‖(I − QQᵀ) x‖_F for a Q with orthonormal columns, with preallocated buffers so it can run inside
 * an iteration loop without allocating.
 */
export class SubspaceDistance {
  private readonly coef: Mat;
  private readonly proj: Mat;

  constructor(
    private readonly q: Mat,
    cols: number,
  ) {
    this.coef = zeros(q.cols, cols);
    this.proj = zeros(q.rows, cols);
  }

  of(x: Mat): number {
    gemmTN(this.coef, this.q, x);
    gemm(this.proj, this.q, this.coef);
    const X = x.data, P = this.proj.data;
    let s = 0;
    for (let i = 0; i < X.length; i++) {
      const t = X[i] - P[i];
      s += t * t;
    }
    return Math.sqrt(s);
  }
}

export interface SymmetricEigen {
  /** ascending */
  values: number[];
  /** columns are unit eigenvectors, in the order of `values` */
  vectors: Matrix;
}

/** Symmetric EVD through ml-matrix, sorted ascending, checked by ‖SV − VΛ‖_F ≤ 1e-9‖S‖_F. */
export function symmetricEigen(S: Matrix): SymmetricEigen {
  const evd = new EigenvalueDecomposition(S, { assumeSymmetric: true });
  const raw = evd.realEigenvalues;
  const order = raw.map((_, i) => i).sort((i, j) => raw[i] - raw[j]);
  const n = S.rows;
  const vectors = new Matrix(n, n);
  order.forEach((src, dst) => {
    for (let i = 0; i < n; i++) vectors.set(i, dst, evd.eigenvectorMatrix.get(i, src));
  });
  const values = order.map((i) => raw[i]);
  const scale = Math.max(S.norm('frobenius'), Number.MIN_VALUE);
  const residual = S.mmul(vectors).sub(vectors.clone().mulRowVector(values)).norm('frobenius');
  if (!(residual <= 1e-9 * scale)) throw new Error(`symmetric eigendecomposition check failed: relative residual ${residual / scale}`);
  return { values, vectors };
}

/** The m×n orthogonal factor Q of the Householder QR a = QR (m ≥ n), through ml-matrix. */
export function qrOrthogonal(a: Mat): Mat {
  return fromMatrix(new QrDecomposition(toMatrix(a)).orthogonalMatrix);
}

/** The solution X of a·X = b for a square, nonsingular a (LU with partial pivoting, through ml-matrix). */
export function solveLinear(a: Mat, b: Mat): Mat {
  if (a.rows !== a.cols || b.rows !== a.rows) throw new RangeError(`solveLinear: incompatible shapes ${a.rows}x${a.cols}, ${b.rows}x${b.cols}`);
  return fromMatrix(solve(toMatrix(a), toMatrix(b)));
}

/** The spectral radius of a square (possibly nonsymmetric) matrix: max |eigenvalue|, through ml-matrix's eigensolver. */
export function spectralRadius(a: Mat): number {
  if (a.rows !== a.cols) throw new RangeError(`spectralRadius: a square matrix is needed, got ${a.rows}x${a.cols}`);
  const e = new EigenvalueDecomposition(toMatrix(a));
  let r = 0;
  for (let i = 0; i < a.rows; i++) r = Math.max(r, Math.hypot(e.realEigenvalues[i], e.imaginaryEigenvalues[i]));
  return r;
}
