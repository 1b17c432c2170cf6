import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  buildInstance,
  buildLeastSquares,
  eigenvalueProfile,
  eigenvector,
  instanceParams,
  kidambiInstance,
  leastSquaresFromSystem,
  rotateRows,
  spectrumError,
  startingError,
  toEigenbasis,
} from './least-squares.ts';
import { fromRows } from '../linalg/dense.ts';

describe('eigenvalue profiles', () => {
  it('run from λ_min to κ λ_min, ascending, with exact endpoints', () => {
    expect(Array.from(eigenvalueProfile('linear', 3, 5))).toEqual([1, 3, 5]);
    expect(Array.from(eigenvalueProfile('geometric', 3, 4, 2))).toEqual([2, 4, 8]);
    expect(Array.from(eigenvalueProfile('bottom', 3, 10))).toEqual([1, 10, 10]);
    expect(Array.from(eigenvalueProfile('top', 3, 10))).toEqual([1, 1, 10]);
    expect(Array.from(eigenvalueProfile('linear', 1, 1))).toEqual([1]);
  });

  it('rejects bad input with a RangeError', () => {
    expect(() => eigenvalueProfile('linear', 0, 2)).toThrow(RangeError);
    expect(() => eigenvalueProfile('linear', 2, 0.5)).toThrow(/condition number/);
    expect(() => eigenvalueProfile('linear', 2, NaN)).toThrow(RangeError);
    expect(() => eigenvalueProfile('linear', 2, 2, 0)).toThrow(/λ_min/);
    expect(() => eigenvalueProfile('nope' as never, 2, 2)).toThrow(/unknown spectrum/);
  });
});

describe('consistent systems with a prescribed spectrum', () => {
  it('AᵀA has exactly the prescribed eigenvalues and eigenvectors, b = Ax*, and the condition numbers follow', () => {
    const p = buildLeastSquares({ n: 30, d: 4, conditionNumber: 100, spectrum: 'geometric', rowNorms: 'spread', seed: 3 });
    expect(spectrumError(p)).toBeLessThan(1e-13);
    expect(p.lambdaMin).toBe(1);
    expect(p.lambdaMax).toBe(100);
    expect(p.conditionNumber).toBe(100);
    const trace = p.eigenvalues.reduce((s, v) => s + v, 0);
    expect(p.frobeniusSq).toBeCloseTo(trace, 10);
    expect(p.demmelConditionNumber).toBeCloseTo(trace, 10);
    expect(p.stableRank).toBeCloseTo(trace / 100, 12);
    for (let r = 0; r < p.n; r++) {
      let s = 0;
      for (let j = 0; j < p.d; j++) s += p.A.data[r * p.d + j] * p.xStar[j];
      expect(p.b[r]).toBeCloseTo(s, 14);
    }
    expect(p.eta).toBeGreaterThan(2); // spread rows: row-norm and uniform sampling differ
  });

  it("'uniform' row norms are all equal (η = 1) with the spectrum unchanged", () => {
    for (const [n, d, k] of [[5, 3, 4], [12, 12, 1e4], [40, 6, 1000]] as const) {
      const p = buildLeastSquares({ n, d, conditionNumber: k, spectrum: 'linear', rowNorms: 'uniform', seed: 2 });
      const max = Math.max(...p.rowNormsSq), min = Math.min(...p.rowNormsSq);
      expect(max / min).toBeLessThan(1 + 1e-10);
      expect(p.eta).toBeCloseTo(1, 9);
      expect(spectrumError(p)).toBeLessThan(1e-12);
    }
  });

  it('is bit-identical per seed and differs across seeds', () => {
    const params = { n: 8, d: 3, conditionNumber: 10, spectrum: 'linear' as const, rowNorms: 'uniform' as const, seed: 5 };
    const a = buildLeastSquares(params);
    expect(Array.from(buildLeastSquares(params).A.data)).toEqual(Array.from(a.A.data));
    expect(Array.from(buildLeastSquares({ ...params, seed: 6 }).A.data)).not.toEqual(Array.from(a.A.data));
  });

  it('rejects bad parameters', () => {
    const ok = { n: 4, d: 3, conditionNumber: 2, spectrum: 'linear' as const, rowNorms: 'uniform' as const, seed: 1 };
    expect(() => buildLeastSquares({ ...ok, n: 2 })).toThrow(/n must be an integer ≥ d/);
    expect(() => buildLeastSquares({ ...ok, d: 0 })).toThrow(RangeError);
    expect(() => buildLeastSquares({ ...ok, seed: 0.5 })).toThrow(/seed/);
    expect(() => buildLeastSquares({ ...ok, rowNorms: 'x' as never })).toThrow(/row-norm profile/);
    expect(() => buildLeastSquares({ ...ok, rowNorms: 'spread', rowNormSpread: 0.5 })).toThrow(/rowNormSpread/);
  });

  it('rotates rows and vectors into the eigenbasis', () => {
    const p = buildLeastSquares({ n: 6, d: 3, conditionNumber: 9, spectrum: 'geometric', rowNorms: 'spread', seed: 4 });
    const R = rotateRows(p);
    const v = eigenvector(p, 2);
    const vt = toEigenbasis(p, v);
    expect(vt[2]).toBeCloseTo(1, 14);
    expect(Math.abs(vt[0]) + Math.abs(vt[1])).toBeLessThan(1e-14);
    // ‖Ãe_k‖² = λ_k
    for (let k = 0; k < 3; k++) {
      let s = 0;
      for (let r = 0; r < 6; r++) s += R.data[r * 3 + k] ** 2;
      expect(s).toBeCloseTo(p.eigenvalues[k], 12);
    }
    expect(() => eigenvector(p, 3)).toThrow(RangeError);
  });
});

describe('given systems', () => {
  it('recovers x*, the spectrum and the eigenvectors of a consistent full-rank system', () => {
    const A = fromRows([[1, 0], [0, 2], [1, 1]]);
    const p = leastSquaresFromSystem(A, [1, 4, 3]); // x* = (1, 2)
    expect(p.xStar[0]).toBeCloseTo(1, 12);
    expect(p.xStar[1]).toBeCloseTo(2, 12);
    expect(p.eigenvalues[0]).toBeLessThan(p.eigenvalues[1]);
    expect(spectrumError(p)).toBeLessThan(1e-14);
  });

  it('rejects singular, inconsistent and malformed systems with one-line errors', () => {
    expect(() => leastSquaresFromSystem(fromRows([[1, 2], [2, 4], [3, 6]]), [1, 2, 3])).toThrow(/AᵀA is singular/);
    expect(() => leastSquaresFromSystem(fromRows([[1, 0]]), [1])).toThrow(/singular: 1 rows < 2 columns/);
    expect(() => leastSquaresFromSystem(fromRows([[1, 0], [0, 1], [1, 1]]), [1, 1, 3])).toThrow(/inconsistent system/);
    expect(() => leastSquaresFromSystem(fromRows([[1, 0], [0, 1]]), [1])).toThrow(/b has 1 entries/);
    expect(() => leastSquaresFromSystem(fromRows([[NaN, 0], [0, 1]]), [1, 1])).toThrow(/non-finite/);
    expect(() => leastSquaresFromSystem(fromRows([[1, 0], [0, 1]]), [1, Infinity])).toThrow(/non-finite/);
    expect(() => leastSquaresFromSystem(fromRows([[0, 0], [0, 0]]), [0, 0])).toThrow(/singular/);
  });
});

describe("Kidambi et al.'s instance", () => {
  it('has AᵀA = diag(σ₁², σ₂²), two groups of equal rows and b = Ax*', () => {
    const p = kidambiInstance(3, 16, 1, [0.5, -2]);
    expect(p.n).toBe(6);
    expect(Array.from(p.eigenvalues)).toEqual([1, 16]);
    expect(spectrumError(p)).toBeLessThan(1e-15);
    expect(p.conditionNumber).toBe(16);
    expect(p.demmelConditionNumber).toBeCloseTo(17, 12);
    expect(p.b[0]).toBeCloseTo(Math.sqrt(2 / 6) * 4 * 0.5, 14);
    expect(() => kidambiInstance(0, 4, 1)).toThrow(RangeError);
    expect(() => kidambiInstance(1, 1, 4)).toThrow(/σ₁² ≥ σ₂²/);
    expect(() => kidambiInstance(1, 4, 1, [1, 2, 3])).toThrow(/two-dimensional/);
  });
});

describe('instance parameters of the claims', () => {
  it('generate valid, buildable instances (both families) and JSON-serializable parameters', () => {
    fc.assert(
      fc.property(instanceParams({ families: ['generated', 'kidambi'], d: [2, 4], extraRows: [0, 6], conditionNumber: [1, 100] }), (p) => {
        const prob = buildInstance(p);
        expect(JSON.parse(JSON.stringify(p))).toEqual(p);
        expect(prob.n).toBeGreaterThanOrEqual(prob.d);
        expect(spectrumError(prob)).toBeLessThan(1e-11);
        const e0 = startingError(prob, p.start, p.seed);
        expect(Math.hypot(...e0)).toBeCloseTo(1, 12);
      }),
      { seed: 7, numRuns: 40 },
    );
  });

  it('start = 0 is the λ_min eigenvector; other starts mix in a seeded orthogonal direction', () => {
    const p = buildInstance({ family: 'generated', n: 6, d: 3, conditionNumber: 10, spectrum: 'linear', rowNorms: 'uniform', start: 0, seed: 1 });
    const v = eigenvector(p, 0);
    expect(Array.from(startingError(p, 0, 1))).toEqual(Array.from(v));
    const e = startingError(p, 8, 1);
    let dot = 0;
    for (let i = 0; i < 3; i++) dot += e[i] * v[i];
    expect(Math.abs(dot)).toBeLessThan(1e-14);
    expect(() => startingError(p, 9, 1)).toThrow(RangeError);
    expect(() => buildInstance({ family: 'kidambi', n: 3, d: 2, conditionNumber: 4, spectrum: 'linear', rowNorms: 'uniform', start: 0, seed: 1 })).toThrow(/even n/);
  });
});
