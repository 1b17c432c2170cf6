import { describe, expect, it } from 'vitest';
import { gaussianMatrix, lowRankFactors, lowRankMatrix, sketchOfFactors, spectrum } from './low-rank.ts';
import { gemmTN, zeros } from '../linalg/dense.ts';
import { singularValues } from '../linalg/decomp.ts';

describe('spectra and low-rank matrices', () => {
  it('builds the three profiles from σ₁ = scale down to σ_r = scale/κ', () => {
    expect(spectrum('geometric', 3, 4, 2)).toEqual([2, 1, 0.5]);
    expect(spectrum('top', 3, 4)).toEqual([1, 0.25, 0.25]);
    expect(spectrum('bottom', 3, 4)).toEqual([1, 1, 0.25]);
    expect(spectrum('geometric', 1, 4, 3)).toEqual([3]);
  });

  it('rejects bad spectra', () => {
    expect(() => spectrum('geometric', 0, 2)).toThrow(RangeError);
    expect(() => spectrum('geometric', 2, 0.5)).toThrow(/condition number/);
    expect(() => spectrum('geometric', 2, NaN)).toThrow(RangeError);
    expect(() => spectrum('geometric', 2, 2, 0)).toThrow(/scale/);
    expect(() => lowRankMatrix(1, 2, 5, [1, 1, 1])).toThrow(/rank 3 exceeds/);
  });

  it('A = U diag(σ) Vᵀ has exactly the prescribed singular values, bit-identical per seed', () => {
    const sigma = spectrum('geometric', 4, 10);
    const { A } = lowRankMatrix(3, 9, 7, sigma);
    const s = singularValues(A);
    for (let i = 0; i < 4; i++) expect(s[i]).toBeCloseTo(sigma[i], 12);
    for (let i = 4; i < 7; i++) expect(s[i]).toBeLessThan(1e-13);
    expect(Array.from(lowRankMatrix(3, 9, 7, sigma).A.data)).toEqual(Array.from(A.data));
    expect(Array.from(lowRankMatrix(4, 9, 7, sigma).A.data)).not.toEqual(Array.from(A.data));
  });

  it('gaussianMatrix is seeded by seed and label', () => {
    const a = gaussianMatrix(1, 'Phi', 3, 2, 0.5);
    expect(Array.from(gaussianMatrix(1, 'Phi', 3, 2, 0.5).data)).toEqual(Array.from(a.data));
    expect(Array.from(gaussianMatrix(1, 'Phi2', 3, 2, 0.5).data)).not.toEqual(Array.from(a.data));
  });

  it('sketchOfFactors is ΣVᵀΦ for the same Φ as gaussianMatrix, drawn one row at a time (odd widths too)', () => {
    const sigma = spectrum('top', 3, 5, 2);
    const f = lowRankFactors(11, 8, 13, sigma);
    expect(Array.from(f.U.data)).toEqual(Array.from(lowRankMatrix(11, 8, 13, sigma).U.data));
    for (const d of [3, 4]) {
      const VtPhi = gemmTN(zeros(3, d), f.V, gaussianMatrix(5, 'Phi', 13, d, 1 / d));
      const core = sketchOfFactors(f, 5, 'Phi', d, 1 / d);
      for (let k = 0; k < 3; k++) for (let l = 0; l < d; l++) expect(Math.abs(core.data[k * d + l] - sigma[k] * VtPhi.data[k * d + l])).toBeLessThan(1e-14);
    }
  });
});
