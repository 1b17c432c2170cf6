/**
 * Loops shared by the dense products and the problems' hot loops; internal (not exported from the
 * package). Each sums in a fixed order, so callers get the bits of the plain loops they replace.
 */

/**
 * C = A B for strided operands: entry (i, p) of A at i·aRow + p·aCol, entry (p, j) of B at
 * p·bRow + j·bCol; C is m x n row-major. A 2 x 4 block of C is kept in eight local accumulators while
 * the inner dimension is swept, so every loaded value feeds two or four multiply-adds; each entry is
 * s = 0, then s += a_ip·b_pj for p = 0..k−1 in order. The products' kernel for small operands (and,
 * before cache blocking, for all of them: the benchmarks' baseline).
 */
export function stridedProduct(
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

/**
 * out[q] = Σ_j M[(i + q)·d + j] x[j] for q = 0..7 (eight rows of a row-major M with d columns): eight
 * independent sums advanced in one loop, each in the order of j, so the bits are those of eight separate
 * dot products while their additions overlap instead of waiting on one chain.
 */
export function rowDots8(M: Float64Array, i: number, d: number, x: Float64Array, out: Float64Array): void {
  const m0 = i * d;
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
  for (let j = 0, at = m0; j < d; j++, at++) {
    const xj = x[j];
    s0 += M[at] * xj;
    s1 += M[at + d] * xj;
    s2 += M[at + 2 * d] * xj;
    s3 += M[at + 3 * d] * xj;
    s4 += M[at + 4 * d] * xj;
    s5 += M[at + 5 * d] * xj;
    s6 += M[at + 6 * d] * xj;
    s7 += M[at + 7 * d] * xj;
  }
  out[0] = s0;
  out[1] = s1;
  out[2] = s2;
  out[3] = s3;
  out[4] = s4;
  out[5] = s5;
  out[6] = s6;
  out[7] = s7;
}

/** Σ_j M[i·d + j] x[j], in the order of j (the rows rowDots8 leaves over). */
export function rowDot(M: Float64Array, i: number, d: number, x: Float64Array): number {
  let s = 0;
  for (let j = 0, at = i * d; j < d; j++, at++) s += M[at] * x[j];
  return s;
}
