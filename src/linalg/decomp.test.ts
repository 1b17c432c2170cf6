import { describe, expect, it } from 'vitest';
import { SubspaceDistance, haarOrthonormal, numericalRank, orthonormalBasis, qrOrthogonal, singularValues, solveLinear, spectralRadius, svd } from './decomp.ts';
import { fromRows, gemm, gemmTN, identity, maxAbsDiff, transpose, zeros, type Mat } from './dense.ts';
import { Rng } from '../random/rng.ts';

function random(seed: number, rows: number, cols: number): Mat {
  const m = zeros(rows, cols);
  new Rng(seed, 'decomp').fillGaussian(m.data);
  return m;
}

function reconstruct(U: Mat, s: number[], V: Mat): Mat {
  const us = zeros(U.rows, s.length);
  for (let i = 0; i < U.rows; i++) for (let j = 0; j < s.length; j++) us.data[i * s.length + j] = U.data[i * U.cols + j] * s[j];
  return gemm(zeros(U.rows, V.rows), us, transpose(V));
}

describe('svd', () => {
  for (const [rows, cols] of [[6, 3], [3, 6], [5, 5], [1, 4]] as const) {
    it(`reconstructs a ${rows}x${cols} matrix with orthonormal factors and sorted values`, () => {
      const a = random(rows * 10 + cols, rows, cols);
      const { U, s, V } = svd(a);
      const k = Math.min(rows, cols);
      expect(s).toHaveLength(k);
      for (let i = 1; i < k; i++) expect(s[i]).toBeLessThanOrEqual(s[i - 1]);
      expect(maxAbsDiff(reconstruct(U, s, V), a)).toBeLessThan(1e-12);
      expect(maxAbsDiff(gemmTN(zeros(k, k), U, U), identity(k))).toBeLessThan(1e-12);
      expect(maxAbsDiff(gemmTN(zeros(k, k), V, V), identity(k))).toBeLessThan(1e-12);
    });
  }

  it('finds a prescribed spectrum and the numerical rank', () => {
    const a = fromRows([[3, 0, 0], [0, 0, 0], [0, 0, 1e-3], [0, 0, 0]]);
    expect(singularValues(a)).toEqual([3, 1e-3, 0]);
    expect(numericalRank(singularValues(a), 4, 3)).toBe(2);
    expect(numericalRank([0, 0], 2, 2)).toBe(0);
    expect(numericalRank([], 0, 0)).toBe(0);
  });
});

describe('Haar factors and subspaces', () => {
  it('haarOrthonormal has orthonormal columns, is deterministic, and rejects bad sizes', () => {
    const q = haarOrthonormal(new Rng(1, 'h'), 7, 3);
    expect(maxAbsDiff(gemmTN(zeros(3, 3), q, q), identity(3))).toBeLessThan(1e-14);
    expect(Array.from(haarOrthonormal(new Rng(1, 'h'), 7, 3).data)).toEqual(Array.from(q.data));
    expect(() => haarOrthonormal(new Rng(1), 2, 3)).toThrow(RangeError);
    expect(() => haarOrthonormal(new Rng(1), 2, 0)).toThrow(RangeError);
  });

  it('Haar columns are unbiased in sign (the sign fix): mean of the (0,0) entry near 0', () => {
    const rng = new Rng(2, 'sign');
    let sum = 0;
    const n = 2000;
    for (let i = 0; i < n; i++) sum += haarOrthonormal(rng, 3, 1).data[0];
    // each entry of a uniform unit vector in R^3 has variance 1/3
    expect(Math.abs(sum / n)).toBeLessThan(5 * Math.sqrt(1 / 3 / n));
  });

  it('orthonormalBasis spans the column space; SubspaceDistance measures what is outside', () => {
    const q = haarOrthonormal(new Rng(4, 'q'), 6, 2);
    const coef = random(9, 2, 5);
    const inside = gemm(zeros(6, 5), q, coef);
    const basis = orthonormalBasis(inside);
    expect(basis.cols).toBe(2);
    const dist = new SubspaceDistance(basis, 5);
    expect(dist.of(inside)).toBeLessThan(1e-13);
    const e = zeros(6, 5);
    e.data[0] = 1;
    const outside = new SubspaceDistance(q, 5).of(e);
    // the distance of e₁ from span(q) is √(1 − ‖qᵀe₁‖²)
    const proj = q.data[0] ** 2 + q.data[1] ** 2;
    expect(outside).toBeCloseTo(Math.sqrt(1 - proj), 13);
  });
});

describe('qrOrthogonal and solveLinear', () => {
  it('Q has orthonormal columns spanning the columns of a; solveLinear inverts a·X = b', () => {
    const a = fromRows([[2, 1, 0], [1, 3, 1], [0, 1, 4], [1, 0, 1]]);
    const q = qrOrthogonal(a);
    expect([q.rows, q.cols]).toEqual([4, 3]);
    const qtq = gemmTN(zeros(3, 3), q, q);
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) expect(qtq.data[i * 3 + j]).toBeCloseTo(i === j ? 1 : 0, 12);
    const s = fromRows([[4, 1], [1, 3]]);
    const b = fromRows([[1, 2], [0, 1]]);
    const x = solveLinear(s, b);
    const back = gemm(zeros(2, 2), s, x);
    for (let i = 0; i < 4; i++) expect(back.data[i]).toBeCloseTo(b.data[i], 12);
    expect(() => solveLinear(a, b)).toThrow(/incompatible shapes/);
  });
});

describe('spectralRadius', () => {
  it('is the largest eigenvalue modulus, complex ones included', () => {
    expect(spectralRadius(fromRows([[0, -1], [1, 0]]))).toBeCloseTo(1, 14); // rotation: ±i
    expect(spectralRadius(fromRows([[2, 0], [0, -3]]))).toBe(3);
    expect(() => spectralRadius(fromRows([[1, 2]]))).toThrow(/square/);
  });
});
