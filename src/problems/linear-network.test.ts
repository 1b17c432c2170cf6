import { describe, expect, it } from 'vitest';
import {
  linearNetworkModel,
  networkGradient,
  networkObjective,
  networkResidual,
  networkSetup,
  reduceNetwork,
  runLinearNetwork,
  type LinearNetworkProblem,
  type NetworkParams,
  type NetworkSetup,
} from './linear-network.ts';
import { runFactorization, runResidualModel, factorizationModel, type FactorizationMetrics, type FactorizationSpec } from '../methods/factorization.ts';
import { axpy, clone, frobNorm, gemm, gemmNT, gemmTN, zeros, type Mat } from '../linalg/dense.ts';
import { SubspaceDistance, svd } from '../linalg/decomp.ts';
import { gaussianMatrix, lowRankMatrix, spectrum } from './low-rank.ts';

const base: NetworkParams = { m: 9, n: 7, N: 11, rankD: 5, r: 3, condD: 6, profile: 'geometric', scaleD: 1, dataV: 'gaussian', labels: 'conditioned', condA: 2, d: 4, cMultiplier: 1, seed: 5 };

function orthonormalityError(Q: Mat): number {
  const G = zeros(Q.cols, Q.cols);
  gemmTN(G, Q, Q);
  for (let i = 0; i < Q.cols; i++) G.data[i * Q.cols + i] -= 1;
  return frobNorm(G);
}

function trajectory(p: LinearNetworkProblem, spec: FactorizationSpec, T: number, subspaces?: { U: Mat; V: Mat }): FactorizationMetrics[] {
  const out: FactorizationMetrics[] = [];
  runLinearNetwork(p, spec, (_t, m) => {
    out.push({ ...(m as FactorizationMetrics) });
    return true;
  }, T, subspaces ? { subspaces } : {});
  return out;
}

describe('objective (10) and its gradients', () => {
  const su = networkSetup(base);
  const p: LinearNetworkProblem = { L: su.L, D: su.D, X0: gaussianMatrix(1, 'X', 9, 4, 1), Y0: gaussianMatrix(1, 'Y', 7, 4, 1) };

  it('the residual is XYᵀD − L and f = ½‖R‖²_F', () => {
    const XYt = zeros(9, 7);
    gemmNT(XYt, p.X0, p.Y0);
    const R = zeros(9, 11);
    gemm(R, XYt, p.D);
    axpy(-1, p.L, R);
    const ours = networkResidual(p, p.X0, p.Y0);
    for (let i = 0; i < R.data.length; i++) expect(ours.data[i]).toBeCloseTo(R.data[i], 12);
    expect(networkObjective(p, p.X0, p.Y0)).toBeCloseTo(0.5 * frobNorm(R) ** 2, 10);
  });

  it('the gradients match central finite differences', () => {
    const { gX, gY } = networkGradient(p, p.X0, p.Y0);
    const h = 1e-6;
    for (const [which, g] of [['X', gX], ['Y', gY]] as const) {
      for (const idx of [0, 5, 13, 20]) {
        const plus = { X: clone(p.X0), Y: clone(p.Y0) };
        const minus = { X: clone(p.X0), Y: clone(p.Y0) };
        plus[which].data[idx] += h;
        minus[which].data[idx] -= h;
        const fd = (networkObjective(p, plus.X, plus.Y) - networkObjective(p, minus.X, minus.Y)) / (2 * h);
        expect(Math.abs(fd - g.data[idx])).toBeLessThan(1e-5 * Math.max(1, Math.abs(g.data[idx])));
      }
    }
  });

  it('GD on the residual model takes exactly the gradient step', () => {
    const eta = 1e-3;
    const out: number[] = [];
    let X = clone(p.X0), Y = clone(p.Y0);
    for (let t = 0; t < 3; t++) {
      out.push(frobNorm(networkResidual(p, X, Y)));
      const { gX, gY } = networkGradient(p, X, Y);
      X = clone(X);
      Y = clone(Y);
      axpy(-eta, gX, X);
      axpy(-eta, gY, Y);
    }
    const ours = trajectory(p, { method: 'gd', stepSize: eta }, 2).map((m) => m.residualNorm);
    for (let t = 0; t < 3; t++) expect(ours[t]).toBeCloseTo(out[t], 10);
  });

  it('AltGD updates Y with the new X', () => {
    const eta = 1e-3;
    const X = clone(p.X0), Y = clone(p.Y0);
    axpy(-eta, networkGradient(p, X, Y).gX, X);
    axpy(-eta, networkGradient(p, X, Y).gY, Y);
    const ours = trajectory(p, { method: 'altgd', stepSize: eta }, 1);
    expect(ours[1].residualNorm).toBeCloseTo(frobNorm(networkResidual(p, X, Y)), 10);
  });

  it('NAG follows Lemma 7’s extrapolated form', () => {
    const eta = 1e-3, beta = 0.6;
    const z = (X: Mat, Y: Mat) => {
      const { gX, gY } = networkGradient(p, X, Y);
      const zX = clone(X), zY = clone(Y);
      axpy(-eta, gX, zX);
      axpy(-eta, gY, zY);
      return { zX, zY };
    };
    const z0 = z(p.X0, p.Y0);
    // X₁ = (1+β)z₀ − βz₋₁ with z₋₁ = z₀
    const X1 = z0.zX, Y1 = z0.zY;
    const z1 = z(X1, Y1);
    const X2 = clone(z1.zX), Y2 = clone(z1.zY);
    for (let i = 0; i < X2.data.length; i++) X2.data[i] = (1 + beta) * z1.zX.data[i] - beta * z0.zX.data[i];
    for (let i = 0; i < Y2.data.length; i++) Y2.data[i] = (1 + beta) * z1.zY.data[i] - beta * z0.zY.data[i];
    const ours = trajectory(p, { method: 'nag', stepSize: eta, momentum: beta }, 2);
    expect(ours[1].residualNorm).toBeCloseTo(frobNorm(networkResidual(p, X1, Y1)), 10);
    expect(ours[2].residualNorm).toBeCloseTo(frobNorm(networkResidual(p, X2, Y2)), 10);
  });

  it('rejects mismatched shapes', () => {
    expect(() => networkObjective(p, zeros(9, 4), zeros(6, 4))).toThrow(RangeError);
    expect(() => runLinearNetwork({ ...p, X0: zeros(8, 4) }, { method: 'gd', stepSize: 1 }, () => true, 1)).toThrow(RangeError);
    expect(() => linearNetworkModel(zeros(3, 4), zeros(2, 5))).toThrow(/same number of samples/);
    expect(() => runResidualModel(linearNetworkModel(p.L, p.D), zeros(9, 4), zeros(7, 3), { method: 'gd', stepSize: 1 }, () => true, 1)).toThrow(RangeError);
  });

  it('the generic loop with the matrix-factorization model is runFactorization', () => {
    const { A } = lowRankMatrix(3, 8, 6, spectrum('geometric', 2, 3));
    const mf = { A, X0: gaussianMatrix(3, 'X', 8, 3, 1 / 3), Y0: gaussianMatrix(3, 'Y', 6, 3, 0.1) };
    for (const spec of [{ method: 'gd', stepSize: 0.05 }, { method: 'altgd', stepSize: 0.05 }, { method: 'nag', stepSize: 0.05, momentum: 0.5 }] as FactorizationSpec[]) {
      const a: number[] = [], b: number[] = [];
      runFactorization(mf, spec, (_t, m) => (a.push(m.residualNorm), true), 20);
      runResidualModel(factorizationModel(A), mf.X0, mf.Y0, spec, (_t, m) => (b.push(m.residualNorm), true), 20);
      expect(b).toEqual(a);
    }
  });
});

describe('instances satisfying Assumption 1', () => {
  it('D has the prescribed thin SVD, orthonormal factors and rank', () => {
    for (const dataV of ['orthonormal', 'gaussian'] as const) {
      const su = networkSetup({ ...base, dataV });
      expect(orthonormalityError(su.UD)).toBeLessThan(1e-12);
      expect(orthonormalityError(su.VD)).toBeLessThan(1e-12);
      const rec = zeros(7, 11);
      const US = clone(su.UD);
      for (let i = 0; i < 7; i++) for (let j = 0; j < 5; j++) US.data[i * 5 + j] *= su.sD[j];
      gemmNT(rec, US, su.VD);
      axpy(-1, su.D, rec);
      expect(frobNorm(rec)).toBeLessThan(1e-12 * frobNorm(su.D));
      expect(su.sD.length).toBe(5);
      expect(su.lambdaMax).toBeCloseTo(svd(su.D).s[0] ** 2, 10);
      if (dataV === 'orthonormal') expect(Math.sqrt(su.lambdaMax / su.lambdaMin)).toBeCloseTo(6, 8);
    }
  });

  it('L = AD has rank r, lies in row(D), and the conditioned A has cond(A*) = condA', () => {
    const su = networkSetup(base);
    expect(su.rankL).toBe(3);
    expect(su.sL.length).toBe(3);
    expect(su.interpolationError).toBeLessThan(1e-13);
    expect(su.condAStar).toBeCloseTo(2, 8);
    expect(su.sAStar.length).toBe(3);
    expect(orthonormalityError(su.UL)).toBeLessThan(1e-12);
    expect(new SubspaceDistance(su.UL, 11).of(su.L)).toBeLessThan(1e-12 * su.normL);
    const LDt = zeros(9, 7);
    gemmNT(LDt, su.L, su.D);
    expect(su.normLDt).toBeCloseTo(frobNorm(LDt), 10);
  });

  it('Gaussian labels give rank(L) = min(m, n, rank D)', () => {
    const su = networkSetup({ m: 10, n: 8, N: 12, rankD: 5, r: 5, condD: 2, profile: 'geometric', scaleD: 1, dataV: 'gaussian', labels: 'gaussian', condA: 1, d: 5, cMultiplier: 1, seed: 1 });
    expect(su.rankL).toBe(5);
    expect(su.interpolationError).toBeLessThan(1e-13);
  });

  it('the same parameters rebuild bit-identical instances', () => {
    const a = networkSetup(base), b = networkSetup(JSON.parse(JSON.stringify(base)));
    expect(Array.from(a.L.data)).toEqual(Array.from(b.L.data));
    expect(Array.from(a.D.data)).toEqual(Array.from(b.D.data));
  });

  it('rejects parameters outside the construction with a RangeError', () => {
    expect(() => networkSetup({ ...base, rankD: 8 })).toThrow(/rank\(D\)/);
    expect(() => networkSetup({ ...base, r: 6 })).toThrow(/rank\(L\)/);
    expect(() => networkSetup({ ...base, condA: 0.5 })).toThrow(/condA/);
    expect(() => networkSetup({ ...base, m: 2.5 })).toThrow(/m must be/);
    expect(() => networkSetup({ ...base, cMultiplier: 0 })).toThrow(/cMultiplier/);
    expect(() => networkSetup({ ...base, seed: 1.5 })).toThrow(/seed/);
  });
});

/** X₀ = cLΦ (Φ Gaussian, so col(X₀) = col(L) when d ≥ r), Y₀ = 0, or a Gaussian Y₀ outside col(D). */
function startingPoint(su: NetworkSetup, d: number, c: number, gaussianY = false): LinearNetworkProblem {
  const X0 = zeros(su.L.rows, d);
  gemm(X0, su.L, gaussianMatrix(3, 'Phi', su.L.cols, d, c * c / d));
  const Y0 = gaussianY ? gaussianMatrix(4, 'Y', su.D.rows, d, 1 / d) : zeros(su.D.rows, d);
  return { L: su.L, D: su.D, X0, Y0 };
}

describe('the exact reduced problem', () => {
  const su = networkSetup(base);

  it('the reduced path agrees with the dense one for GD, AltGD and NAG, with Q = col(L) and Q = I', () => {
    const problem = startingPoint(su, 4, 30);
    for (const Q of [su.UL, null]) {
      const reduced = reduceNetwork(su, problem, Q)!;
      expect(reduced).not.toBeNull();
      for (const spec of [{ method: 'nag', stepSize: 1e-4, momentum: 0.9 }, { method: 'gd', stepSize: 1e-4 }, { method: 'altgd', stepSize: 1e-4 }] as FactorizationSpec[]) {
        const a = trajectory(problem, spec, 60), b = trajectory(reduced, spec, 60);
        for (let t = 0; t < a.length; t++) {
          expect(Math.abs(a[t].residualNorm - b[t].residualNorm)).toBeLessThan(1e-9 * a[t].residualNorm + 1e-13 * su.normL);
          expect(Math.abs(a[t].distY0 - b[t].distY0)).toBeLessThan(1e-9 * (a[t].distY0 + 1e-12));
        }
      }
    }
  });

  it('refuses a reduction that would not be exact, unless Y is projected', () => {
    const problem = { ...startingPoint(su, 4, 1, true), X0: gaussianMatrix(5, 'X', 9, 4, 1 / 4) };
    expect(reduceNetwork(su, problem, su.UL)).toBeNull(); // X₀ not in col(L)
    expect(reduceNetwork(su, problem, null)).toBeNull(); // Y₀ not in col(D)
    const projected = reduceNetwork(su, problem, null, true)!;
    const spec: FactorizationSpec = { method: 'gd', stepSize: 1e-3 };
    const a = trajectory(problem, spec, 30), b = trajectory(projected, spec, 30);
    for (let t = 0; t < a.length; t++) expect(Math.abs(a[t].residualNorm - b[t].residualNorm)).toBeLessThan(1e-12 * su.normL);
  });

  it('refuses a reduction when L has rows outside row(D)', () => {
    const problem = startingPoint(su, 4, 1);
    expect(reduceNetwork({ ...su, interpolationError: 1e-6 }, problem, su.UL)).toBeNull();
  });
});
