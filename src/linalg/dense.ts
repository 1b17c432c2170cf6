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

/** out = a b  (a: m x k, b: k x n). Two output rows and two rows of b per pass (register tiling). */
export function gemm(out: Mat, a: Mat, b: Mat): Mat {
  const m = a.rows, k = a.cols, n = b.cols;
  if (b.rows !== k || out.rows !== m || out.cols !== n) shapeError('gemm', out, a, b);
  const A = a.data, B = b.data, C = out.data;
  C.fill(0, 0, m * n);
  let i = 0;
  for (; i + 1 < m; i += 2) {
    const c0 = i * n, c1 = c0 + n;
    const a0 = i * k, a1 = a0 + k;
    let p = 0;
    for (; p + 1 < k; p += 2) {
      const s00 = A[a0 + p], s01 = A[a0 + p + 1], s10 = A[a1 + p], s11 = A[a1 + p + 1];
      const b0 = p * n, b1 = b0 + n;
      for (let j = 0; j < n; j++) {
        const x = B[b0 + j], y = B[b1 + j];
        C[c0 + j] += s00 * x + s01 * y;
        C[c1 + j] += s10 * x + s11 * y;
      }
    }
    if (p < k) {
      const s0 = A[a0 + p], s1 = A[a1 + p];
      const b0 = p * n;
      for (let j = 0; j < n; j++) {
        const x = B[b0 + j];
        C[c0 + j] += s0 * x;
        C[c1 + j] += s1 * x;
      }
    }
  }
  if (i < m) {
    const c0 = i * n, a0 = i * k;
    for (let p = 0; p < k; p++) {
      const s0 = A[a0 + p];
      const b0 = p * n;
      for (let j = 0; j < n; j++) C[c0 + j] += s0 * B[b0 + j];
    }
  }
  return out;
}

/** out = a bᵀ  (a: m x k, b: n x k). Dot products in 2 x 2 blocks (register tiling). */
export function gemmNT(out: Mat, a: Mat, b: Mat): Mat {
  const m = a.rows, k = a.cols, n = b.rows;
  if (b.cols !== k || out.rows !== m || out.cols !== n) shapeError('gemmNT', out, a, b);
  const A = a.data, B = b.data, C = out.data;
  let i = 0;
  for (; i + 1 < m; i += 2) {
    const a0 = i * k, a1 = a0 + k;
    const c0 = i * n, c1 = c0 + n;
    let j = 0;
    for (; j + 1 < n; j += 2) {
      const b0 = j * k, b1 = b0 + k;
      let s00 = 0, s01 = 0, s10 = 0, s11 = 0;
      for (let p = 0; p < k; p++) {
        const x0 = A[a0 + p], x1 = A[a1 + p], y0 = B[b0 + p], y1 = B[b1 + p];
        s00 += x0 * y0;
        s01 += x0 * y1;
        s10 += x1 * y0;
        s11 += x1 * y1;
      }
      C[c0 + j] = s00;
      C[c0 + j + 1] = s01;
      C[c1 + j] = s10;
      C[c1 + j + 1] = s11;
    }
    if (j < n) {
      const b0 = j * k;
      let s0 = 0, s1 = 0;
      for (let p = 0; p < k; p++) {
        s0 += A[a0 + p] * B[b0 + p];
        s1 += A[a1 + p] * B[b0 + p];
      }
      C[c0 + j] = s0;
      C[c1 + j] = s1;
    }
  }
  if (i < m) {
    const a0 = i * k, c0 = i * n;
    for (let j = 0; j < n; j++) {
      const b0 = j * k;
      let s = 0;
      for (let p = 0; p < k; p++) s += A[a0 + p] * B[b0 + p];
      C[c0 + j] = s;
    }
  }
  return out;
}

/** out = aᵀ b  (a: k x m, b: k x n). Two rows of a and b per pass. */
export function gemmTN(out: Mat, a: Mat, b: Mat): Mat {
  const k = a.rows, m = a.cols, n = b.cols;
  if (b.rows !== k || out.rows !== m || out.cols !== n) shapeError('gemmTN', out, a, b);
  const A = a.data, B = b.data, C = out.data;
  C.fill(0, 0, m * n);
  let p = 0;
  for (; p + 1 < k; p += 2) {
    const ap0 = p * m, ap1 = ap0 + m;
    const bp0 = p * n, bp1 = bp0 + n;
    for (let i = 0; i < m; i++) {
      const s0 = A[ap0 + i], s1 = A[ap1 + i];
      const ci = i * n;
      for (let j = 0; j < n; j++) C[ci + j] += s0 * B[bp0 + j] + s1 * B[bp1 + j];
    }
  }
  if (p < k) {
    const ap = p * m, bp = p * n;
    for (let i = 0; i < m; i++) {
      const s = A[ap + i];
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
