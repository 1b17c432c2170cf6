import { describe, expect, it } from 'vitest';
import { Matrix } from 'ml-matrix';
import {
  axpy, clone, copyInto, frobDist, frobNorm, fromRows, gemm, gemmNT, gemmTN, identity, lincomb, maxAbsDiff, scale, transpose, zeros, type Mat,
} from './dense.ts';
import { fromMatrix, toMatrix } from './decomp.ts';
import { Rng } from '../random/rng.ts';

function random(rng: Rng, rows: number, cols: number): Mat {
  const m = zeros(rows, cols);
  rng.fillGaussian(m.data);
  return m;
}

function close(a: Mat, b: Mat, tol = 1e-12) {
  expect([a.rows, a.cols]).toEqual([b.rows, b.cols]);
  expect(maxAbsDiff(a, b)).toBeLessThanOrEqual(tol * Math.max(1, frobNorm(b)));
}

// odd and even sizes exercise the 2 x 2 tiles and their remainders
const shapes: [number, number, number][] = [[1, 1, 1], [2, 3, 4], [5, 7, 3], [8, 8, 8], [9, 2, 11], [13, 6, 1]];

describe('dense kernels against ml-matrix', () => {
  const rng = new Rng(5, 'kernels');
  for (const [m, k, n] of shapes) {
    it(`gemm, gemmNT, gemmTN at ${m}x${k}x${n}`, () => {
      const a = random(rng, m, k), b = random(rng, k, n), bt = transpose(b), at = transpose(a);
      const want = fromMatrix(toMatrix(a).mmul(toMatrix(b)));
      close(gemm(zeros(m, n), a, b), want);
      close(gemmNT(zeros(m, n), a, bt), want);
      close(gemmTN(zeros(m, n), at, b), want);
    });
  }

  it('overwrites the output rather than accumulating', () => {
    const a = fromRows([[1, 2], [3, 4]]);
    const out = fromRows([[9, 9], [9, 9]]);
    gemm(out, a, identity(2));
    expect(Array.from(out.data)).toEqual([1, 2, 3, 4]);
    gemmTN(out, identity(2), a);
    expect(Array.from(out.data)).toEqual([1, 2, 3, 4]);
  });

  it('rejects incompatible shapes', () => {
    expect(() => gemm(zeros(2, 2), zeros(2, 3), zeros(2, 2))).toThrow(/incompatible shapes 2x2, 2x3, 2x2/);
    expect(() => gemmNT(zeros(2, 2), zeros(2, 3), zeros(2, 2))).toThrow(RangeError);
    expect(() => gemmTN(zeros(2, 2), zeros(2, 3), zeros(3, 2))).toThrow(RangeError);
    expect(() => axpy(1, zeros(1, 2), zeros(2, 2))).toThrow(RangeError);
    expect(() => lincomb(zeros(1, 1), 1, zeros(1, 2), 1, zeros(1, 2))).toThrow(RangeError);
    expect(() => copyInto(zeros(1, 2), zeros(2, 1))).toThrow(RangeError);
    expect(() => frobDist(zeros(1, 2), zeros(1, 3))).toThrow(RangeError);
    expect(() => maxAbsDiff(zeros(1, 2), zeros(1, 3))).toThrow(RangeError);
    expect(() => zeros(-1, 2)).toThrow(RangeError);
    expect(() => fromRows([[1, 2], [3]])).toThrow(/ragged/);
  });
});

/** Entry (i, j) summed as the kernels promise: s = 0, then s += a_ip b_pj for p = 0..k−1 in order. */
function sequentialProduct(a: Mat, b: Mat): Mat {
  const out = zeros(a.rows, b.cols);
  for (let i = 0; i < a.rows; i++) {
    for (let j = 0; j < b.cols; j++) {
      let s = 0;
      for (let p = 0; p < a.cols; p++) s += a.data[i * a.cols + p] * b.data[p * b.cols + j];
      out.data[i * b.cols + j] = s;
    }
  }
  return out;
}

function sameBits(got: Mat, want: Mat): number {
  let diff = 0;
  for (let i = 0; i < want.data.length; i++) if (!Object.is(got.data[i], want.data[i])) diff++;
  return diff;
}

describe('dense kernels: the packed, cache-blocked path', () => {
  // from the packed path's threshold (every side ≥ 64) on: several row blocks (MC = 96), inner blocks
  // (KC = 256) and column blocks (NC = 1024), with ragged edges of every kind; and two strided shapes
  const big: [number, number, number][] = [[64, 64, 64], [97, 300, 65], [130, 513, 67], [65, 64, 1030], [7, 300, 9], [2, 2, 2048]];
  const rng = new Rng(11, 'packed-kernels');
  for (const [m, k, n] of big) {
    it(`every entry has the bits of the sequential sum at ${m}x${k}x${n}`, () => {
      const a = random(rng, m, k), b = random(rng, k, n);
      // signed zeros, infinities and NaN go through the same operations in the same order
      a.data[0] = -0;
      b.data[0] = -0;
      if (k > 2) a.data[1] = Infinity;
      if (b.data.length > 5) b.data[5] = NaN;
      const want = sequentialProduct(a, b);
      expect(sameBits(gemm(zeros(m, n), a, b), want)).toBe(0);
      expect(sameBits(gemmNT(zeros(m, n), a, transpose(b)), want)).toBe(0);
      expect(sameBits(gemmTN(zeros(m, n), transpose(a), b), want)).toBe(0);
    });
  }

  it('an empty inner dimension gives zeros', () => {
    const out = fromRows(Array.from({ length: 40 }, () => Array(200).fill(7)));
    gemm(out, zeros(40, 0), zeros(0, 200));
    expect(out.data.every((v) => Object.is(v, 0))).toBe(true);
  });
});

describe('vector operations', () => {
  it('axpy, lincomb, scale, norms, copies', () => {
    const x = fromRows([[1, 2], [3, 4]]);
    const y = fromRows([[1, 1], [1, 1]]);
    expect(Array.from(axpy(2, x, clone(y)).data)).toEqual([3, 5, 7, 9]);
    expect(Array.from(lincomb(zeros(2, 2), 2, x, -1, y).data)).toEqual([1, 3, 5, 7]);
    const z = clone(x);
    lincomb(z, 0.5, z, 0.5, z); // aliasing the output is allowed
    expect(Array.from(z.data)).toEqual([1, 2, 3, 4]);
    expect(Array.from(scale(clone(x), -1).data)).toEqual([-1, -2, -3, -4]);
    expect(frobNorm(x)).toBeCloseTo(Math.sqrt(30), 14);
    expect(frobDist(x, y)).toBeCloseTo(Math.sqrt(0 + 1 + 4 + 9), 14);
    expect(maxAbsDiff(x, y)).toBe(3);
    expect(Array.from(copyInto(zeros(2, 2), x).data)).toEqual([1, 2, 3, 4]);
    expect(transpose(fromRows([[1, 2, 3]])).rows).toBe(3);
    expect(fromRows([]).rows).toBe(0);
    expect(new Matrix(1, 1).rows).toBe(1);
  });
});

describe('size checks', () => {
  it('zeros refuses a matrix above 2^27 entries with an ordinary RangeError naming the shape', () => {
    expect(() => zeros(1_000_000_000, 1_000_000_000)).toThrow(/1000000000x1000000000 matrix is too large/);
    expect(() => zeros(2 ** 14, 2 ** 13 + 1)).toThrow(RangeError);
    expect(zeros(2 ** 13, 2 ** 14).data.length).toBe(2 ** 27);
  });
});
