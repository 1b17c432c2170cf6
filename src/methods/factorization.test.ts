import { describe, expect, it } from 'vitest';
import { methodSpec, runFactorization, type FactorizationMetrics, type FactorizationSpec } from './factorization.ts';
import { gradient, reduceFactorization, type FactorizationProblem } from '../problems/matrix-factorization.ts';
import { gaussianMatrix, lowRankMatrix, spectrum } from '../problems/low-rank.ts';
import { axpy, clone, frobNorm, gemm, gemmNT, lincomb, zeros } from '../linalg/dense.ts';

function setup(seed = 1) {
  const sigma = spectrum('geometric', 3, 4);
  const { A, U, V } = lowRankMatrix(seed, 9, 7, sigma);
  const Phi = gaussianMatrix(seed, 'Phi', 7, 5, 1 / 5);
  const X0 = gemm(zeros(9, 5), A, Phi);
  for (let i = 0; i < X0.data.length; i++) X0.data[i] *= 3;
  return { problem: { A, X0, Y0: zeros(7, 5) } as FactorizationProblem, U, V, sigma };
}

function trajectory(p: FactorizationProblem, spec: FactorizationSpec, T: number, subspaces?: { U: typeof p.A; V: typeof p.A }): FactorizationMetrics[] {
  const out: FactorizationMetrics[] = [];
  runFactorization(p, spec, (_t, m) => {
    out.push({ ...(m as FactorizationMetrics) });
    return true;
  }, T, subspaces ? { subspaces } : {});
  return out;
}

describe('factorization methods', () => {
  it('builds the paper’s methods', () => {
    expect(methodSpec('gd', 4, 1)).toEqual({ method: 'gd', stepSize: 0.4 });
    expect(methodSpec('altgd', 4, 1)).toEqual({ method: 'altgd', stepSize: 0.4 });
    expect(methodSpec('gd-1/L', 4, 1)).toEqual({ method: 'gd', stepSize: 0.25 });
    expect(methodSpec('nag', 4, 1)).toEqual({ method: 'nag', stepSize: 0.25, momentum: 1 / 3 });
  });

  it('GD takes exactly the gradient step (two steps by hand)', () => {
    const { problem } = setup();
    const eta = 0.01;
    let X = clone(problem.X0), Y = clone(problem.Y0);
    for (let t = 0; t < 2; t++) {
      const { gX, gY } = gradient(problem, X, Y);
      X = axpy(-eta, gX, clone(X));
      Y = axpy(-eta, gY, clone(Y));
    }
    const R = gemmNT(zeros(9, 7), X, Y);
    axpy(-1, problem.A, R);
    const traj = trajectory(problem, { method: 'gd', stepSize: eta }, 2);
    expect(traj).toHaveLength(3);
    expect(traj[0].residualNorm).toBeCloseTo(frobNorm(problem.A), 13);
    expect(Math.abs(traj[2].residualNorm - frobNorm(R))).toBeLessThan(1e-13);
  });

  it('AltGD updates Y with the new X', () => {
    const { problem } = setup();
    const eta = 0.01;
    const { gX } = gradient(problem, problem.X0, problem.Y0);
    const X1 = axpy(-eta, gX, clone(problem.X0));
    const { gY } = gradient(problem, X1, problem.Y0);
    const Y1 = axpy(-eta, gY, clone(problem.Y0));
    const R = gemmNT(zeros(9, 7), X1, Y1);
    axpy(-1, problem.A, R);
    const traj = trajectory(problem, { method: 'altgd', stepSize: eta }, 1);
    expect(Math.abs(traj[1].residualNorm - frobNorm(R))).toBeLessThan(1e-13);
    expect(traj[1].distY0).toBeGreaterThan(0);
  });

  it('NAG follows update (4): X₁ = z₀, X₂ = (1+β)z₁ − βz₀, and β = 0 is GD', () => {
    const { problem } = setup();
    const eta = 0.01, beta = 0.5;
    const step = (X: typeof problem.X0, Y: typeof problem.Y0) => {
      const { gX, gY } = gradient(problem, X, Y);
      return { zX: axpy(-eta, gX, clone(X)), zY: axpy(-eta, gY, clone(Y)) };
    };
    const z0 = step(problem.X0, problem.Y0);
    const z1 = step(z0.zX, z0.zY);
    const X2 = lincomb(zeros(9, 5), 1 + beta, z1.zX, -beta, z0.zX);
    const Y2 = lincomb(zeros(7, 5), 1 + beta, z1.zY, -beta, z0.zY);
    const R = gemmNT(zeros(9, 7), X2, Y2);
    axpy(-1, problem.A, R);
    const nag = trajectory(problem, { method: 'nag', stepSize: eta, momentum: beta }, 2);
    expect(Math.abs(nag[2].residualNorm - frobNorm(R))).toBeLessThan(1e-13);
    const gd = trajectory(problem, { method: 'gd', stepSize: eta }, 20);
    const nag0 = trajectory(problem, { method: 'nag', stepSize: eta, momentum: 0 }, 20);
    expect(nag0.map((m) => m.residualNorm)).toEqual(gd.map((m) => m.residualNorm));
  });

  it('the reduced path reproduces the dense trajectory (1e-9 relative above the floor)', () => {
    const { problem, U, V, sigma } = setup(3);
    const reduced = reduceFactorization(problem, U, sigma, V)!;
    for (const spec of [
      { method: 'gd', stepSize: 0.05 },
      { method: 'altgd', stepSize: 0.05 },
      { method: 'nag', stepSize: 0.05, momentum: 0.6 },
    ] as FactorizationSpec[]) {
      const dense = trajectory(problem, spec, 60);
      const red = trajectory(reduced, spec, 60);
      const floor = 1e-9 * frobNorm(problem.A);
      // roundoff of the basis change itself: a few ulps of the problem's scale
      const absFloor = 1e-13 * (frobNorm(problem.A) + frobNorm(problem.X0));
      for (let t = 0; t < dense.length; t++) {
        if (dense[t].residualNorm < floor) break;
        for (const k of ['residualNorm', 'distX0', 'distY0'] as const) {
          expect(Math.abs(red[t][k] - dense[t][k])).toBeLessThanOrEqual(1e-9 * dense[t][k] + absFloor);
        }
      }
    }
  });

  it('is deterministic to the bit and stops when the observer says so', () => {
    const { problem, U, V } = setup(4);
    const a = trajectory(problem, { method: 'nag', stepSize: 0.05, momentum: 0.5 }, 30, { U, V });
    const b = trajectory(problem, { method: 'nag', stepSize: 0.05, momentum: 0.5 }, 30, { U, V });
    expect(b).toEqual(a);
    expect(a[30].offColX).toBeLessThan(1e-12 * a[30].normX);
    let calls = 0;
    runFactorization(problem, { method: 'gd', stepSize: 0.05 }, () => ++calls < 5, 100);
    expect(calls).toBe(5);
  });

  it('rejects bad step sizes, momenta and shapes', () => {
    const { problem } = setup();
    const noop = () => true;
    expect(() => runFactorization(problem, { method: 'gd', stepSize: 0 }, noop, 1)).toThrow(/step size/);
    expect(() => runFactorization(problem, { method: 'gd', stepSize: NaN }, noop, 1)).toThrow(/step size/);
    expect(() => runFactorization(problem, { method: 'nag', stepSize: 1, momentum: 1 }, noop, 1)).toThrow(/momentum/);
    expect(() => runFactorization({ ...problem, Y0: zeros(3, 5) }, { method: 'gd', stepSize: 1 }, noop, 1)).toThrow(/shapes/);
  });
});
