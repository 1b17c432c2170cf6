/**
 * Row-major Float64Array matrices and the in-place kernels of the hot loop. Nothing here allocates
 * except the constructors; callers preallocate outputs. Outputs must not alias inputs.
 */
export interface Mat {
  readonly rows: number;
  readonly cols: number;
  /** Row-major: entry (i, j) is data[i * cols + j]. */
  readonly data: Float64Array;
}

export function zeros(rows: number, cols: number): Mat {
  if (!(Number.isInteger(rows) && Number.isInteger(cols) && rows >= 0 && cols >= 0)) {
    throw new RangeError(`matrix dimensions must be non-negative integers, got ${rows}x${cols}`);
  }
  return { rows, cols, data: new Float64Array(rows * cols) };
}

export function fromRows(rows: readonly (readonly number[])[]): Mat {
  const r = rows.length;
  const c = r === 0 ? 0 : rows[0].length;
  const out = zeros(r, c);
  for (let i = 0; i < r; i++) {
    if (rows[i].length !== c) throw new RangeError('ragged rows');
    out.data.set(rows[i], i * c);
  }
  return out;
}

export function clone(a: Mat): Mat {
  return { rows: a.rows, cols: a.cols, data: a.data.slice() };
}

export function identity(n: number): Mat {
  const out = zeros(n, n);
  for (let i = 0; i < n; i++) out.data[i * n + i] = 1;
  return out;
}

export function transpose(a: Mat): Mat {
  const out = zeros(a.cols, a.rows);
  const { rows, cols, data } = a;
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) out.data[j * rows + i] = data[i * cols + j];
  return out;
}

function shapeError(op: string, ...ms: Mat[]): never {
  throw new RangeError(`${op}: incompatible shapes ${ms.map((m) => `${m.rows}x${m.cols}`).join(', ')}`);
}

/** out = a b  (a: m x k, b: k x n). */
export function gemm(out: Mat, a: Mat, b: Mat): Mat {
  const m = a.rows, k = a.cols, n = b.cols;
  if (b.rows !== k || out.rows !== m || out.cols !== n) shapeError('gemm', out, a, b);
  const A = a.data, B = b.data, C = out.data;
  C.fill(0, 0, m * n);
  for (let i = 0; i < m; i++) {
    const ci = i * n;
    const ai = i * k;
    let p = 0;
    // two rows of b per pass halves the passes over the output row
    for (; p + 1 < k; p += 2) {
      const s0 = A[ai + p], s1 = A[ai + p + 1];
      const b0 = p * n, b1 = b0 + n;
      for (let j = 0; j < n; j++) C[ci + j] += s0 * B[b0 + j] + s1 * B[b1 + j];
    }
    if (p < k) {
      const s0 = A[ai + p];
      const b0 = p * n;
      for (let j = 0; j < n; j++) C[ci + j] += s0 * B[b0 + j];
    }
  }
  return out;
}

/** out = a bᵀ  (a: m x k, b: n x k). */
export function gemmNT(out: Mat, a: Mat, b: Mat): Mat {
  const m = a.rows, k = a.cols, n = b.rows;
  if (b.cols !== k || out.rows !== m || out.cols !== n) shapeError('gemmNT', out, a, b);
  const A = a.data, B = b.data, C = out.data;
  for (let i = 0; i < m; i++) {
    const ai = i * k;
    const ci = i * n;
    let j = 0;
    for (; j + 1 < n; j += 2) {
      const b0 = j * k, b1 = b0 + k;
      let s0 = 0, s1 = 0;
      for (let p = 0; p < k; p++) {
        const x = A[ai + p];
        s0 += x * B[b0 + p];
        s1 += x * B[b1 + p];
      }
      C[ci + j] = s0;
      C[ci + j + 1] = s1;
    }
    if (j < n) {
      const b0 = j * k;
      let s0 = 0;
      for (let p = 0; p < k; p++) s0 += A[ai + p] * B[b0 + p];
      C[ci + j] = s0;
    }
  }
  return out;
}

/** out = aᵀ b  (a: k x m, b: k x n). */
export function gemmTN(out: Mat, a: Mat, b: Mat): Mat {
  const k = a.rows, m = a.cols, n = b.cols;
  if (b.rows !== k || out.rows !== m || out.cols !== n) shapeError('gemmTN', out, a, b);
  const A = a.data, B = b.data, C = out.data;
  C.fill(0, 0, m * n);
  for (let p = 0; p < k; p++) {
    const ap = p * m;
    const bp = p * n;
    for (let i = 0; i < m; i++) {
      const s = A[ap + i];
      if (s === 0) continue;
      const ci = i * n;
      for (let j = 0; j < n; j++) C[ci + j] += s * B[bp + j];
    }
  }
  return out;
}

/** y += alpha x (same length). */
export function axpy(alpha: number, x: Mat, y: Mat): Mat {
  const X = x.data, Y = y.data;
  if (X.length !== Y.length) shapeError('axpy', x, y);
  for (let i = 0; i < Y.length; i++) Y[i] += alpha * X[i];
  return y;
}

/** out = alpha a + beta b (out may alias a or b). */
export function lincomb(out: Mat, alpha: number, a: Mat, beta: number, b: Mat): Mat {
  const A = a.data, B = b.data, O = out.data;
  if (A.length !== B.length || O.length !== A.length) shapeError('lincomb', out, a, b);
  for (let i = 0; i < O.length; i++) O[i] = alpha * A[i] + beta * B[i];
  return out;
}

/** dst = src (same shape). */
export function copyInto(dst: Mat, src: Mat): Mat {
  if (dst.rows !== src.rows || dst.cols !== src.cols) shapeError('copyInto', dst, src);
  dst.data.set(src.data);
  return dst;
}

/** a *= alpha. */
export function scale(a: Mat, alpha: number): Mat {
  const A = a.data;
  for (let i = 0; i < A.length; i++) A[i] *= alpha;
  return a;
}

export function frobNorm(a: Mat): number {
  const A = a.data;
  let s = 0;
  for (let i = 0; i < A.length; i++) s += A[i] * A[i];
  return Math.sqrt(s);
}

/** ‖a − b‖_F without a temporary. */
export function frobDist(a: Mat, b: Mat): number {
  const A = a.data, B = b.data;
  if (A.length !== B.length) shapeError('frobDist', a, b);
  let s = 0;
  for (let i = 0; i < A.length; i++) {
    const t = A[i] - B[i];
    s += t * t;
  }
  return Math.sqrt(s);
}

/** Largest absolute entry of a − b. */
export function maxAbsDiff(a: Mat, b: Mat): number {
  const A = a.data, B = b.data;
  if (A.length !== B.length) shapeError('maxAbsDiff', a, b);
  let s = 0;
  for (let i = 0; i < A.length; i++) s = Math.max(s, Math.abs(A[i] - B[i]));
  return s;
}
