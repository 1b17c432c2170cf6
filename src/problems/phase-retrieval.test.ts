import { describe, expect, it } from 'vitest';
import { Matrix } from 'ml-matrix';
import {
  localContraction,
  phaseRetrievalGradient,
  phaseRetrievalLoss,
  phaseRetrievalProblem,
  rank1Contraction,
  remainderConstants,
  runPhaseRetrievalGd,
  runRank1Gd,
  sampleSize,
  smallestWorkingSampleConstant,
  spectralInit,
  spectralMatrices,
  spectralMatrix,
  symmetricEigen,
  type SignalMetrics,
} from './phase-retrieval.ts';
import { Rng } from '../random/rng.ts';

function norm(v: Float64Array): number {
  let s = 0;
  for (const x of v) s += x * x;
  return Math.sqrt(s);
}

describe('phase retrieval problem', () => {
  it('is deterministic and nested in m', () => {
    const a = phaseRetrievalProblem(6, 40, 9);
    const b = phaseRetrievalProblem(6, 40, 9);
    const c = phaseRetrievalProblem(6, 25, 9);
    expect(Array.from(a.a)).toEqual(Array.from(b.a));
    expect(Array.from(c.a)).toEqual(Array.from(a.a.subarray(0, 25 * 6)));
    expect(Array.from(c.x)).toEqual(Array.from(a.x));
    for (let j = 0; j < 40; j++) {
      let s = 0;
      for (let i = 0; i < 6; i++) s += a.a[j * 6 + i] * a.x[i];
      expect(a.y[j]).toBeCloseTo(s * s, 12);
    }
    expect(a.normX2).toBeCloseTo(norm(a.x) ** 2, 12);
  });

  it('sample size is ⌈C n ln n⌉, at least n', () => {
    expect(sampleSize(64, 3)).toBe(Math.ceil(3 * 64 * Math.log(64)));
    expect(sampleSize(2, 0.1)).toBe(2);
    expect(sampleSize(1, 5)).toBe(Math.ceil(5 * Math.log(2)));
    expect(() => sampleSize(0, 3)).toThrow(RangeError);
    expect(() => sampleSize(10, 0)).toThrow(RangeError);
    expect(() => phaseRetrievalProblem(3, 0, 1)).toThrow(RangeError);
  });

  it('the gradient matches central finite differences of the loss', () => {
    const p = phaseRetrievalProblem(5, 30, 2);
    const z = new Rng(4, 'z').fillGaussian(new Float64Array(5));
    const g = phaseRetrievalGradient(p, z, new Float64Array(5), new Float64Array(30));
    const h = 1e-6;
    for (let i = 0; i < 5; i++) {
      const zp = Float64Array.from(z), zm = Float64Array.from(z);
      zp[i] += h;
      zm[i] -= h;
      const fd = (phaseRetrievalLoss(p, zp) - phaseRetrievalLoss(p, zm)) / (2 * h);
      expect(Math.abs(fd - g[i])).toBeLessThan(1e-6 * Math.max(1, Math.abs(g[i])));
    }
    expect(phaseRetrievalLoss(p, p.x)).toBe(0);
    const gx = phaseRetrievalGradient(p, p.x, new Float64Array(5), new Float64Array(30));
    expect(norm(gx)).toBeLessThan(1e-12 * p.normX2 ** 1.5);
  });

  it('the Hessian at x is 2Y (finite differences of the gradient)', () => {
    const p = phaseRetrievalProblem(4, 50, 5);
    const Y = spectralMatrix(p);
    const h = 1e-6;
    const work = new Float64Array(50);
    for (let i = 0; i < 4; i++) {
      const zp = Float64Array.from(p.x), zm = Float64Array.from(p.x);
      zp[i] += h;
      zm[i] -= h;
      const gp = phaseRetrievalGradient(p, zp, new Float64Array(4), work).slice();
      const gm = phaseRetrievalGradient(p, zm, new Float64Array(4), work).slice();
      for (let r = 0; r < 4; r++) expect((gp[r] - gm[r]) / (2 * h)).toBeCloseTo(2 * Y.get(r, i), 5);
    }
  });

  it('the remainder of the gradient expansion obeys ‖R(e)‖ ≤ K₁‖e‖² + K₂‖e‖³', () => {
    const p = phaseRetrievalProblem(6, 60, 8);
    const Y = spectralMatrix(p);
    const { K1, K2 } = remainderConstants(p);
    const rng = new Rng(1, 'e');
    for (const scale of [1e-3, 0.1, 1, 3]) {
      const e = rng.fillGaussian(new Float64Array(6));
      const ne = norm(e);
      for (let i = 0; i < 6; i++) e[i] *= scale / ne;
      const z = p.x.map((v, i) => v + e[i]);
      const g = phaseRetrievalGradient(p, z, new Float64Array(6), new Float64Array(60));
      const ye = Y.mmul(Matrix.columnVector(Array.from(e))).getColumn(0);
      const R = g.map((v, i) => v - 2 * ye[i]);
      expect(norm(R)).toBeLessThanOrEqual((K1 * scale * scale + K2 * scale ** 3) * (1 + 1e-9));
    }
  });

  it('the spectral initialization is √(λ₁(Y)/3) times the top eigenvector', () => {
    const p = phaseRetrievalProblem(8, 400, 3);
    const eig = symmetricEigen(spectralMatrix(p));
    const z0 = spectralInit(p, eig);
    expect(norm(z0) ** 2).toBeCloseTo(eig.values[7] / 3, 10);
    // E Y = ‖x‖²I + 2xxᵀ: λ₁ ≈ 3‖x‖², so ‖z₀‖ ≈ ‖x‖ and z₀ ≈ ±x
    const cos = Math.abs(z0.reduce((s, v, i) => s + v * p.x[i], 0)) / (norm(z0) * norm(p.x));
    expect(cos).toBeGreaterThan(0.9);
    expect(spectralInit(p)).toEqual(z0);
  });

  it('the symmetric eigendecomposition is sorted and checked', () => {
    const S = new Matrix([[2, 1], [1, 2]]);
    const eig = symmetricEigen(S);
    expect(eig.values[0]).toBeCloseTo(1, 14);
    expect(eig.values[1]).toBeCloseTo(3, 14);
    expect(localContraction(eig, 0.1)).toBeCloseTo(Math.max(Math.abs(1 - 0.2), Math.abs(1 - 0.6)), 14);
    expect(() => symmetricEigen(new Matrix([[0, 1], [-1, 0]]))).toThrow(/check failed/);
  });

  it('GD from the spectral initialization converges modulo sign and streams consistent distances', () => {
    const p = phaseRetrievalProblem(10, sampleSize(10, 6), 11);
    const eta = 0.4 / (Math.log(10) * p.normX2);
    const out: SignalMetrics[] = [];
    runPhaseRetrievalGd(p, spectralInit(p), eta, (_t, m) => {
      out.push({ ...(m as SignalMetrics) });
      return true;
    }, 600);
    expect(out).toHaveLength(601);
    expect(Number.isNaN(out[0].previousDistance)).toBe(true);
    expect(out[1].previousDistance).toBe(out[0].distance);
    expect(out[600].relativeDistance).toBeLessThan(1e-10);
    expect(out[600].distance).toBeLessThanOrEqual(out[600].euclideanDistance);
    expect(() => runPhaseRetrievalGd(p, new Float64Array(3), eta, () => true, 1)).toThrow(RangeError);
    expect(() => runPhaseRetrievalGd(p, p.x, 0, () => true, 1)).toThrow(RangeError);
  });

  it('GD stops when the iterates are no longer finite', () => {
    const p = phaseRetrievalProblem(4, 20, 1);
    let last = 0;
    runPhaseRetrievalGd(p, p.x.map((v) => 50 * v), 10, (t) => {
      last = t;
      return true;
    }, 1000);
    expect(last).toBeLessThan(1000);
  });

  it('the smallest working sample constant lies on the grid below C, or is Infinity', () => {
    const n = 16;
    const p = phaseRetrievalProblem(n, sampleSize(n, 6), 2);
    const eta = 0.4 / (Math.log(n) * p.normX2);
    const target = 1 - (eta * p.normX2) / 2;
    const c = smallestWorkingSampleConstant(p, 6, eta, target);
    expect(c).toBeLessThanOrEqual(6);
    expect(Number.isInteger(c / 0.25)).toBe(true);
    // at C itself the exact local rate meets the target
    expect(localContraction(symmetricEigen(spectralMatrix(p)), eta)).toBeLessThanOrEqual(target);
    expect(smallestWorkingSampleConstant(p, 6, eta, 0)).toBe(Infinity);
    expect(() => smallestWorkingSampleConstant(p, 6, eta, target, 0)).toThrow(RangeError);
    expect(() => spectralMatrix(p, 0)).toThrow(RangeError);
  });
});

describe('spectral matrices of nested designs', () => {
  it('one pass gives, at every row count, the sum of the first m′ rank-one terms in row order, symmetric', () => {
    const n = 7, m = 45;
    const p = phaseRetrievalProblem(n, m, 4);
    const counts = [1, 5, 5, 22, 45];
    const Ys = spectralMatrices(p, counts);
    counts.forEach((rows, c) => {
      for (let r = 0; r < n; r++) {
        for (let s2 = 0; s2 <= r; s2++) {
          let sum = 0;
          for (let j = 0; j < rows; j++) sum += p.y[j] * p.a[j * n + r] * p.a[j * n + s2];
          expect(Object.is(Ys[c].get(r, s2), sum / rows)).toBe(true);
          expect(Ys[c].get(s2, r)).toBe(Ys[c].get(r, s2));
        }
      }
      expect(spectralMatrix(p, rows).to1DArray()).toEqual(Ys[c].to1DArray());
    });
    expect(() => spectralMatrices(p, [5, 4])).toThrow(RangeError);
    expect(() => spectralMatrices(p, [46])).toThrow(RangeError);
  });

  it('the smallest working sample constant is the same with the full eigendecomposition passed in', () => {
    const n = 12;
    const p = phaseRetrievalProblem(n, sampleSize(n, 5), 8);
    const eig = symmetricEigen(spectralMatrix(p));
    for (const c1 of [0.1, 0.3, 0.5]) {
      const eta = c1 / (Math.log(n) * p.normX2);
      const target = 1 - (eta * p.normX2) / 2;
      expect(smallestWorkingSampleConstant(p, 5, eta, target, 0.25, eig)).toBe(smallestWorkingSampleConstant(p, 5, eta, target));
    }
  });
});

describe('rank-one factorization', () => {
  it('GD takes the step z − η(‖z‖²z − (xᵀz)x) and contracts near x at max(|1 − ηλ|, |1 − 2ηλ|)', () => {
    const x = Float64Array.from([1, 2, 2]); // λ = 9
    const eta = 1 / 18; // ηλ = 1/2: rates 1/2 (orthogonal) and 0 (along x)
    const z0 = Float64Array.from([1.001, 2, 2]);
    const out: SignalMetrics[] = [];
    runRank1Gd(x, z0, eta, (_t, m) => {
      out.push({ ...(m as SignalMetrics) });
      return true;
    }, 60);
    const zz = 1.001 ** 2 + 8, xz = 1.001 + 8;
    const z1 = [1.001 - eta * (zz * 1.001 - xz), 2 - eta * (zz * 2 - xz * 2), 2 - eta * (zz * 2 - xz * 2)];
    expect(out[1].euclideanDistance).toBeCloseTo(Math.hypot(z1[0] - 1, z1[1] - 2, z1[2] - 2), 14);
    expect(out[30].distance / out[29].distance).toBeCloseTo(rank1Contraction(9, eta), 3);
    expect(rank1Contraction(9, 2 / 27)).toBeCloseTo(1 / 3, 14);
    expect(() => runRank1Gd(x, new Float64Array(2), eta, () => true, 1)).toThrow(RangeError);
    expect(() => runRank1Gd(x, z0, -1, () => true, 1)).toThrow(RangeError);
  });

  it('measures the error modulo sign: −x is a solution', () => {
    const x = Float64Array.from([0, 1]);
    const out: SignalMetrics[] = [];
    runRank1Gd(x, Float64Array.from([0.01, -0.9]), 0.3, (_t, m) => {
      out.push({ ...(m as SignalMetrics) });
      return out.length < 200;
    }, 1000);
    const last = out[out.length - 1];
    expect(last.distance).toBeLessThan(1e-10);
    expect(last.euclideanDistance).toBeCloseTo(2, 9);
  });
});
