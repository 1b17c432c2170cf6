/**
 * Row-major Float64Array matrices and the in-place kernels of the hot loop. Nothing here allocates
 * except the constructors and the products' two packing buffers (one pair per thread, grown on demand);
 * callers preallocate outputs. Outputs must not alias inputs.
 */
import { stridedProduct } from './kernels.ts';

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
 * The three products differ only in their operands' strides: entry (i, p) of the left factor sits at
 * i·aRow + p·aCol, entry (p, j) of the right factor at p·bRow + j·bCol. Small products run the strided
 * register-tiled loops of kernels.ts; larger ones the cache-blocked path below, with the same 2 x 4
 * micro-kernel on packed copies. Every entry is summed the same way on both: s = 0, then
 * s += a_ip·b_pj for p = 0, 1, …, k − 1 in order (no fused multiply-add in JavaScript), so both give
 * the same bits.
 */
function product(C: Float64Array, A: Float64Array, B: Float64Array, m: number, n: number, k: number, aRow: number, aCol: number, bRow: number, bCol: number): void {
  if (m < PACKED_MIN_SIDE || n < PACKED_MIN_SIDE || k < PACKED_MIN_SIDE) stridedProduct(C, A, B, m, n, k, aRow, aCol, bRow, bCol);
  else packedProduct(C, A, B, m, n, k, aRow, aCol, bRow, bCol);
}

/**
 * The packed path from this size of every dimension on. Below it the copies cost more than they save:
 * with a narrow output (the methods' n x d gradients, d ≤ 40) or a small inner dimension the strided
 * loops measured 1.0–2.4x faster (every side ≥ 64: the packed path 1.1–5.8x faster, bench `kernels`).
 */
const PACKED_MIN_SIDE = 64;

/*
 * Cache blocking for larger products. The inner dimension is cut into blocks of KC (the sums of an
 * entry carry over from one block to the next in C, still in the order of p); per block, KC x NC of the
 * right factor is copied into panels of 4 columns (p-major, so the micro-kernel reads it with unit
 * stride and one panel stays in L1), and MC x KC of the left factor into panels of 2 rows, which stay in
 * L2 while every column panel sweeps them. The copies also turn gemmTN's and gemm's strided operands
 * into contiguous ones. Sizes: an A block of 96 x 256 doubles is 192 KiB, a B panel 8 KiB.
 */
const KC = 256, MC = 96, NC = 1024;
let packA = new Float64Array(0);
let packB = new Float64Array(0);

function packedProduct(C: Float64Array, A: Float64Array, B: Float64Array, m: number, n: number, k: number, aRow: number, aCol: number, bRow: number, bCol: number): void {
  const kcMax = Math.min(KC, k);
  const needA = (Math.min(MC, m) + 1) * kcMax, needB = (Math.min(NC, n) + 3) * kcMax;
  if (packA.length < needA) packA = new Float64Array(needA);
  if (packB.length < needB) packB = new Float64Array(needB);
  const Ap = packA, Bp = packB;
  for (let j0 = 0; j0 < n; j0 += NC) {
    const nc = Math.min(NC, n - j0);
    for (let p0 = 0; p0 < k; p0 += KC) {
      const kc = Math.min(KC, k - p0);
      const first = p0 === 0;
      packPanels(Bp, B, 4, nc, kc, bCol, bRow, p0 * bRow + j0 * bCol);
      for (let i0 = 0; i0 < m; i0 += MC) {
        const mc = Math.min(MC, m - i0);
        packPanels(Ap, A, 2, mc, kc, aRow, aCol, i0 * aRow + p0 * aCol);
        for (let jp = 0; jp < nc; jp += 4) {
          const cols = Math.min(4, nc - jp);
          for (let ip = 0; ip < mc; ip += 2) {
            const c0 = (i0 + ip) * n + j0 + jp;
            if (cols === 4 && ip + 1 < mc) kernel2x4(C, Ap, Bp, ip * kc, jp * kc, kc, c0, n, first);
            else edgeTile(C, Ap, Bp, ip * kc, jp * kc, kc, c0, n, first, Math.min(2, mc - ip), cols);
          }
        }
      }
    }
  }
}

/**
 * Copy `count` lanes (rows of A or columns of B) of kc entries into panels of `lanes` lanes:
 * dst[(l − l mod lanes)·kc + p·lanes + l mod lanes] = src[origin + l·laneStride + p·pStride]; the last
 * panel is padded with zeros (its padding is computed but never stored).
 */
function packPanels(dst: Float64Array, src: Float64Array, lanes: number, count: number, kc: number, laneStride: number, pStride: number, origin: number): void {
  const padded = Math.ceil(count / lanes) * lanes;
  for (let l = 0; l < padded; l++) {
    const base = (l - (l % lanes)) * kc + (l % lanes);
    if (l < count) {
      let at = origin + l * laneStride;
      for (let p = 0, d = base; p < kc; p++, d += lanes, at += pStride) dst[d] = src[at];
    } else {
      for (let p = 0, d = base; p < kc; p++, d += lanes) dst[d] = 0;
    }
  }
}

/** The 2 x 4 tile at C[c0], C[c0 + n] from a row panel and a column panel: C = (first ? 0 : C) + Σ_p, in order. */
function kernel2x4(C: Float64Array, Ap: Float64Array, Bp: Float64Array, ab: number, bb: number, kc: number, c0: number, n: number, first: boolean): void {
  const c1 = c0 + n;
  let s00 = 0, s01 = 0, s02 = 0, s03 = 0, s10 = 0, s11 = 0, s12 = 0, s13 = 0;
  if (!first) {
    s00 = C[c0]; s01 = C[c0 + 1]; s02 = C[c0 + 2]; s03 = C[c0 + 3];
    s10 = C[c1]; s11 = C[c1 + 1]; s12 = C[c1 + 2]; s13 = C[c1 + 3];
  }
  for (let p = 0, a = ab, b = bb; p < kc; p++, a += 2, b += 4) {
    const x0 = Ap[a], x1 = Ap[a + 1];
    const y0 = Bp[b], y1 = Bp[b + 1], y2 = Bp[b + 2], y3 = Bp[b + 3];
    s00 += x0 * y0; s01 += x0 * y1; s02 += x0 * y2; s03 += x0 * y3;
    s10 += x1 * y0; s11 += x1 * y1; s12 += x1 * y2; s13 += x1 * y3;
  }
  C[c0] = s00; C[c0 + 1] = s01; C[c0 + 2] = s02; C[c0 + 3] = s03;
  C[c1] = s10; C[c1 + 1] = s11; C[c1 + 2] = s12; C[c1 + 3] = s13;
}

/** A tile cut by the edge of C (rows < 2 or cols < 4), entry by entry over the same panels. */
function edgeTile(C: Float64Array, Ap: Float64Array, Bp: Float64Array, ab: number, bb: number, kc: number, c0: number, n: number, first: boolean, rows: number, cols: number): void {
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const at = c0 + r * n + c;
      let s = first ? 0 : C[at];
      for (let p = 0; p < kc; p++) s += Ap[ab + 2 * p + r] * Bp[bb + 4 * p + c];
      C[at] = s;
    }
  }
}

/** out = a b  (a: m x k, b: k x n). */
export function gemm(out: Mat, a: Mat, b: Mat): Mat {
  const m = a.rows, k = a.cols, n = b.cols;
  if (b.rows !== k || out.rows !== m || out.cols !== n) shapeError('gemm', out, a, b);
  product(out.data, a.data, b.data, m, n, k, k, 1, n, 1);
  return out;
}

/** out = a bᵀ  (a: m x k, b: n x k). */
export function gemmNT(out: Mat, a: Mat, b: Mat): Mat {
  const m = a.rows, k = a.cols, n = b.rows;
  if (b.cols !== k || out.rows !== m || out.cols !== n) shapeError('gemmNT', out, a, b);
  product(out.data, a.data, b.data, m, n, k, k, 1, 1, k);
  return out;
}

/** out = aᵀ b  (a: k x m, b: k x n). */
export function gemmTN(out: Mat, a: Mat, b: Mat): Mat {
  const k = a.rows, m = a.cols, n = b.cols;
  if (b.rows !== k || out.rows !== m || out.cols !== n) shapeError('gemmTN', out, a, b);
  product(out.data, a.data, b.data, m, n, k, 1, m, n, 1);
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
