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

/**
 * The most entries one matrix may hold (2^27, 1 GiB of doubles). Instance builders allocate through
 * zeros(), so parameters with an absurd size (a replay file or store entry saying d = 10^9) raise an
 * ordinary RangeError naming the shape instead of exhausting memory or aborting the process.
 */
export const MAX_ELEMENTS = 2 ** 27;

export function zeros(rows: number, cols: number): Mat {
  if (!(Number.isInteger(rows) && Number.isInteger(cols) && rows >= 0 && cols >= 0)) {
    throw new RangeError(`matrix dimensions must be non-negative integers, got ${rows}x${cols}`);
  }
  if (rows * cols > MAX_ELEMENTS) throw new RangeError(`a ${rows}x${cols} matrix is too large (${rows * cols} entries, at most 2^27)`);
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

/*
 * The three products run the same register-tiled micro-kernel: a 2 x 4 block of the output is kept in
 * eight local accumulators while the inner dimension is swept, so every loaded value feeds two or four
 * multiply-adds. The operands differ only in their strides: entry (i, p) of the left factor sits at
 * ai + i·aRow + p·aCol, entry (p, j) of the right factor at p·bRow + j·bCol.
 */
function tiledProduct(
  C: Float64Array,
  A: Float64Array,
  B: Float64Array,
  m: number,
  n: number,
  k: number,
  aRow: number,
  aCol: number,
  bRow: number,
  bCol: number,
): void {
  let i = 0;
  for (; i + 1 < m; i += 2) {
    const a0 = i * aRow, a1 = a0 + aRow;
    const c0 = i * n, c1 = c0 + n;
    let j = 0;
    for (; j + 3 < n; j += 4) {
      let s00 = 0, s01 = 0, s02 = 0, s03 = 0, s10 = 0, s11 = 0, s12 = 0, s13 = 0;
      const bj = j * bCol;
      for (let p = 0; p < k; p++) {
        const x0 = A[a0 + p * aCol], x1 = A[a1 + p * aCol];
        const b = p * bRow + bj;
        const y0 = B[b], y1 = B[b + bCol], y2 = B[b + 2 * bCol], y3 = B[b + 3 * bCol];
        s00 += x0 * y0; s01 += x0 * y1; s02 += x0 * y2; s03 += x0 * y3;
        s10 += x1 * y0; s11 += x1 * y1; s12 += x1 * y2; s13 += x1 * y3;
      }
      C[c0 + j] = s00; C[c0 + j + 1] = s01; C[c0 + j + 2] = s02; C[c0 + j + 3] = s03;
      C[c1 + j] = s10; C[c1 + j + 1] = s11; C[c1 + j + 2] = s12; C[c1 + j + 3] = s13;
    }
    for (; j < n; j++) {
      let s0 = 0, s1 = 0;
      const bj = j * bCol;
      for (let p = 0; p < k; p++) {
        const y = B[p * bRow + bj];
        s0 += A[a0 + p * aCol] * y;
        s1 += A[a1 + p * aCol] * y;
      }
      C[c0 + j] = s0;
      C[c1 + j] = s1;
    }
  }
  for (; i < m; i++) {
    const a0 = i * aRow, c0 = i * n;
    for (let j = 0; j < n; j++) {
      let s = 0;
      const bj = j * bCol;
      for (let p = 0; p < k; p++) s += A[a0 + p * aCol] * B[p * bRow + bj];
      C[c0 + j] = s;
    }
  }
}

/** out = a b  (a: m x k, b: k x n). */
export function gemm(out: Mat, a: Mat, b: Mat): Mat {
  const m = a.rows, k = a.cols, n = b.cols;
  if (b.rows !== k || out.rows !== m || out.cols !== n) shapeError('gemm', out, a, b);
  tiledProduct(out.data, a.data, b.data, m, n, k, k, 1, n, 1);
  return out;
}

/** out = a bᵀ  (a: m x k, b: n x k). */
export function gemmNT(out: Mat, a: Mat, b: Mat): Mat {
  const m = a.rows, k = a.cols, n = b.rows;
  if (b.cols !== k || out.rows !== m || out.cols !== n) shapeError('gemmNT', out, a, b);
  tiledProduct(out.data, a.data, b.data, m, n, k, k, 1, 1, k);
  return out;
}

/** out = aᵀ b  (a: k x m, b: k x n). */
export function gemmTN(out: Mat, a: Mat, b: Mat): Mat {
  const k = a.rows, m = a.cols, n = b.cols;
  if (b.rows !== k || out.rows !== m || out.cols !== n) shapeError('gemmTN', out, a, b);
  tiledProduct(out.data, a.data, b.data, m, n, k, 1, m, n, 1);
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
