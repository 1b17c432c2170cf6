/**
 * Yun, Sra, Jadbabaie (ICLR 2019), Lemma 3: the two dense factorizations the instance set-up needs
 * beyond the API's decompositions, on the API's row-major `Mat`:
 * - the orthogonal factor of a Householder QR, to split ℝᵖ into range(Aᵀ) ⊕ null(A);
 * - an LU solve with partial pivoting, for P = I − Aᵀ(AAᵀ)⁻¹A as the lemma writes it.
 * Both follow the JAMA algorithms operation by operation, as ml-matrix's QrDecomposition and
 * LuDecomposition (JAMA ports) run them, so the instances and every verdict are bit-identical to the
 * catalog's earlier runs.
 */
import { clone, zeros, type Mat } from 'ratecheck';

/** √(a² + b²) without overflow, JAMA's `hypot`. */
function hypotenuse(a: number, b: number): number {
  let r = 0;
  if (Math.abs(a) > Math.abs(b)) {
    r = b / a;
    return Math.abs(a) * Math.sqrt(1 + r * r);
  }
  if (b !== 0) {
    r = a / b;
    return Math.abs(b) * Math.sqrt(1 + r * r);
  }
  return 0;
}

/** The m×n orthogonal factor Q of the Householder QR G = QR (m ≥ n), JAMA's getQ. */
export function householderQ(g: Mat): Mat {
  const m = g.rows, n = g.cols;
  const qr = clone(g).data;
  for (let k = 0; k < n; k++) {
    let nrm = 0;
    for (let i = k; i < m; i++) nrm = hypotenuse(nrm, qr[i * n + k]);
    if (nrm !== 0) {
      if (qr[k * n + k] < 0) nrm = -nrm;
      for (let i = k; i < m; i++) qr[i * n + k] = qr[i * n + k] / nrm;
      qr[k * n + k] = qr[k * n + k] + 1;
      for (let j = k + 1; j < n; j++) {
        let s = 0;
        for (let i = k; i < m; i++) s += qr[i * n + k] * qr[i * n + j];
        s = -s / qr[k * n + k];
        for (let i = k; i < m; i++) qr[i * n + j] = qr[i * n + j] + s * qr[i * n + k];
      }
    }
  }
  const out = zeros(m, n);
  const x = out.data;
  for (let k = n - 1; k >= 0; k--) {
    for (let i = 0; i < m; i++) x[i * n + k] = 0;
    x[k * n + k] = 1;
    for (let j = k; j < n; j++) {
      if (qr[k * n + k] !== 0) {
        let s = 0;
        for (let i = k; i < m; i++) s += qr[i * n + k] * x[i * n + j];
        s = -s / qr[k * n + k];
        for (let i = k; i < m; i++) x[i * n + j] = x[i * n + j] + s * qr[i * n + k];
      }
    }
  }
  return out;
}

/** X = S⁻¹B for a square S, by LU with partial pivoting (JAMA's LUDecomposition.solve). */
export function luSolve(s: Mat, b: Mat): Mat {
  const n = s.rows;
  if (s.cols !== n || b.rows !== n) throw new RangeError(`luSolve: incompatible shapes ${s.rows}x${s.cols}, ${b.rows}x${b.cols}`);
  const lu = clone(s).data;
  const piv = new Float64Array(n);
  for (let i = 0; i < n; i++) piv[i] = i;
  const col = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < n; i++) col[i] = lu[i * n + j];
    for (let i = 0; i < n; i++) {
      const kmax = Math.min(i, j);
      let t = 0;
      for (let k = 0; k < kmax; k++) t += lu[i * n + k] * col[k];
      col[i] -= t;
      lu[i * n + j] = col[i];
    }
    let p = j;
    for (let i = j + 1; i < n; i++) if (Math.abs(col[i]) > Math.abs(col[p])) p = i;
    if (p !== j) {
      for (let k = 0; k < n; k++) {
        const t = lu[p * n + k];
        lu[p * n + k] = lu[j * n + k];
        lu[j * n + k] = t;
      }
      const v = piv[p];
      piv[p] = piv[j];
      piv[j] = v;
    }
    if (lu[j * n + j] !== 0) for (let i = j + 1; i < n; i++) lu[i * n + j] = lu[i * n + j] / lu[j * n + j];
  }
  for (let j = 0; j < n; j++) if (lu[j * n + j] === 0) throw new Error('luSolve: the matrix is singular');
  const c = b.cols;
  const out = zeros(n, c);
  const x = out.data;
  for (let i = 0; i < n; i++) x.set(b.data.subarray(piv[i] * c, (piv[i] + 1) * c), i * c);
  for (let k = 0; k < n; k++) {
    for (let i = k + 1; i < n; i++) for (let j = 0; j < c; j++) x[i * c + j] = x[i * c + j] - x[k * c + j] * lu[i * n + k];
  }
  for (let k = n - 1; k >= 0; k--) {
    for (let j = 0; j < c; j++) x[k * c + j] = x[k * c + j] / lu[k * n + k];
    for (let i = 0; i < k; i++) for (let j = 0; j < c; j++) x[i * c + j] = x[i * c + j] - x[k * c + j] * lu[i * n + k];
  }
  return out;
}
