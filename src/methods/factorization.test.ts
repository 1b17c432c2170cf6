import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { methodSpec, reduceWidth, runFactorization, type FactorizationMetrics, type FactorizationRunOptions, type FactorizationSpec } from './factorization.ts';
import { gradient, reduceFactorization, type FactorizationProblem } from '../problems/matrix-factorization.ts';
import { gaussianMatrix, lowRankMatrix, spectrum } from '../problems/low-rank.ts';
import { networkSetup, reduceNetwork, runLinearNetwork, type LinearNetworkProblem, type NetworkParams } from '../problems/linear-network.ts';
import { axpy, clone, frobNorm, gemm, gemmNT, gemmTN, lincomb, zeros, type Mat } from '../linalg/dense.ts';

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

/**
 * Two runs of the same exact iteration differ only by rounding. A sum of w terms is computed with error
 * ≤ γ_w·(sum of their magnitudes), γ_w = wu/(1 − wu) (Higham, Accuracy and Stability, (3.4)–(3.13)): the
 * products XYᵀ, RY, RᵀX (w ≥ the inner length), the basis change X₀W, and the Frobenius norms of the
 * metrics (w ≥ the entries summed), so w is the largest of these counts. Each step rounds at that scale,
 * S_t = ‖A‖_F + ‖X_t‖_F‖Y_t‖_F + ‖X₀‖_F + ‖Y₀‖_F, and while the method contracts the differences
 * accumulate at most linearly: the metrics may differ by (t + 1)·γ_w·S_t.
 */
function agree(a: FactorizationMetrics[], b: FactorizationMetrics[], w: number, normA: number, norm0: number): string | null {
  if (a.length !== b.length) return `lengths ${a.length} and ${b.length}`;
  const u = Number.EPSILON / 2;
  const gamma = (w * u) / (1 - w * u);
  for (let t = 0; t < a.length; t++) {
    const S = normA + a[t].normX * a[t].normY + norm0;
    const tol = (t + 1) * gamma * S;
    for (const key of ['residualNorm', 'distX0', 'distY0', 'normX', 'normY', 'offColX', 'offRowY'] as const) {
      const x = a[t][key], y = b[t][key];
      if (Number.isNaN(x) && Number.isNaN(y)) continue;
      if (!(Math.abs(x - y) <= tol)) return `${key} at t = ${t}: ${x} vs ${y} (tolerance ${tol.toExponential(2)})`;
    }
  }
  return null;
}

describe('the width reduction', () => {
  const u = Number.EPSILON / 2;

  function orthonormalityError(W: Mat): number {
    const G = gemmTN(zeros(W.cols, W.cols), W, W);
    for (let i = 0; i < W.cols; i++) G.data[i * W.cols + i] -= 1;
    return frobNorm(G);
  }

  /** ‖M − (MW)Wᵀ‖_F: how far the rows of M are from col(W). */
  function offRows(M: Mat, W: Mat): number {
    const back = gemmNT(zeros(M.rows, M.cols), gemm(zeros(M.rows, W.cols), M, W), W);
    axpy(-1, M, back);
    return frobNorm(back);
  }

  it('spans the nonzero rows with an orthonormal W, dropping dependent ones, and declines when nothing shrinks', () => {
    const d = 9;
    const X0 = gaussianMatrix(1, 'X', 3, d, 1);
    const Y0 = zeros(4, d);
    // Y₀: a zero row, a copy of X₀'s first row, twice X₀'s second row minus its third, one new direction
    for (let l = 0; l < d; l++) {
      Y0.data[d + l] = X0.data[l];
      Y0.data[2 * d + l] = 2 * X0.data[d + l] - X0.data[2 * d + l];
    }
    Y0.data.set(gaussianMatrix(2, 'Y', 1, d, 1).data, 3 * d);
    const w = reduceWidth(X0, Y0)!;
    expect(w.W.rows).toBe(d);
    expect(w.W.cols).toBe(4); // rank of [X₀; Y₀]
    // Gram–Schmidt twice: orthonormal and spanning to a few ulps (Giraud et al.: O(d·u) per vector)
    expect(orthonormalityError(w.W)).toBeLessThanOrEqual(4 * d * u * w.W.cols);
    expect(offRows(X0, w.W)).toBeLessThanOrEqual(4 * d * u * w.W.cols * frobNorm(X0));
    expect(offRows(Y0, w.W)).toBeLessThanOrEqual(4 * d * u * w.W.cols * frobNorm(Y0));
    expect(frobNorm(w.X0)).toBeCloseTo(frobNorm(X0), 12);
    // d or more nonzero rows, or none: no reduction
    expect(reduceWidth(gaussianMatrix(3, 'X', 5, 4, 1), zeros(2, 4))).toBeNull();
    expect(reduceWidth(zeros(2, 4), zeros(3, 4))).toBeNull();
    expect(() => reduceWidth(zeros(2, 4), zeros(3, 5))).toThrow(/width/);
  });

  it('runs the r x d and the dense paths exactly at width rank[X₀; Y₀] (GD, AltGD, NAG)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 1000 }),
        fc.constantFrom('gd', 'altgd', 'nag'),
        fc.boolean(),
        fc.integer({ min: 1, max: 8 }).map((k) => k / 8),
        (r, extra, seed, method, withY0, h) => {
          const d = 2 * r + extra; // wider than the 2r rows of [P₀; Q₀]
          const m = r + 3, n = r + 2;
          const sigma = spectrum('geometric', r, 4);
          const { A, U, V } = lowRankMatrix(seed, m, n, sigma);
          const P0 = gaussianMatrix(seed, 'P', r, d, 1 / d);
          const Q0 = withY0 ? gaussianMatrix(seed, 'Q', r, d, 0.1 / d) : zeros(r, d);
          for (let i = 0; i < P0.data.length; i++) P0.data[i] *= 3;
          const dense: FactorizationProblem = { A, X0: gemm(zeros(m, d), U, P0), Y0: gemm(zeros(n, d), V, Q0) };
          const reduced = reduceFactorization(dense, U, sigma, V)!;
          // η = h/L with L bounding the Hessian's norm along the run (‖X₀‖²₂ ≤ ‖X₀‖²_F, plus σ₁ and slack)
          const L = 2 * (frobNorm(dense.X0) ** 2 + frobNorm(dense.Y0) ** 2 + sigma[0]);
          const spec: FactorizationSpec = { method, stepSize: h / L, momentum: method === 'nag' ? 0.5 : undefined };
          const T = 60;
          const subspaces = { U, V };
          const rk = trajectoryWith(reduced, spec, T, {});
          const rd = trajectoryWith(reduced, spec, T, { reduceWidth: false });
          const full = trajectoryWith(dense, spec, T, { subspaces, reduceWidth: false });
          const fullRk = trajectoryWith(dense, spec, T, { subspaces });
          const normA = frobNorm(A), norm0 = frobNorm(dense.X0) + frobNorm(dense.Y0);
          const wDense = Math.max(m * d, n * d, m * n); // the most entries summed in one step
          const strip = (ms: FactorizationMetrics[]) => ms.map((x) => ({ ...x, offColX: NaN, offRowY: NaN }));
          const errors = [
            agree(rk, rd, r * d, normA, norm0),
            agree(rk, strip(full), wDense, normA, norm0),
            agree(fullRk, full, wDense, normA, norm0), // m + n ≥ d: the dense path declines, bit for bit
          ].filter((e) => e !== null);
          if (errors.length) throw new Error(errors.join('; '));
          // the dense path's iterates stay in col(U), col(V) (Lemma 1), so the reduced one loses nothing
          expect(full[T].offColX).toBeLessThanOrEqual((T + 1) * Math.max(m, n, d) * u * (full[T].normX + 1));
        },
      ),
      { seed: 17, numRuns: 60 },
    );
  });

  it('reduces a dense problem wider than its rows (d > m + n) to width m + n, same metrics', () => {
    const sigma = spectrum('geometric', 2, 3);
    const { A, U, V } = lowRankMatrix(7, 4, 3, sigma);
    const d = 12;
    const p: FactorizationProblem = { A, X0: gaussianMatrix(7, 'X', 4, d, 1 / d), Y0: gaussianMatrix(7, 'Y', 3, d, 1 / d) };
    const spec: FactorizationSpec = { method: 'nag', stepSize: 0.05, momentum: 0.7 };
    const a = trajectoryWith(p, spec, 80, { subspaces: { U, V } });
    const b = trajectoryWith(p, spec, 80, { subspaces: { U, V }, reduceWidth: false });
    expect(agree(a, b, 4 * d, frobNorm(A), frobNorm(p.X0) + frobNorm(p.Y0))).toBeNull();
    expect(reduceWidth(p.X0, p.Y0)!.W.cols).toBe(7);
  });
});

describe('the width reduction on objective (10)', () => {
  it('runs the linear network reduced and dense at width rank[X₀; Y₀], same metrics', () => {
    const params: NetworkParams = { m: 6, n: 5, N: 9, rankD: 4, r: 2, condD: 5, profile: 'geometric', scaleD: 1, dataV: 'gaussian', labels: 'conditioned', condA: 2, d: 14, cMultiplier: 1, seed: 3 };
    const su = networkSetup(params);
    const d = params.d;
    const X0 = gemm(zeros(6, d), su.L, gaussianMatrix(3, 'Phi', 9, d, 4 / d));
    const problem: LinearNetworkProblem = { L: su.L, D: su.D, X0, Y0: gaussianMatrix(3, 'Y', 5, d, 0.01 / d) };
    const reduced = reduceNetwork(su, problem, su.UL, true)!;
    const spec: FactorizationSpec = { method: 'nag', stepSize: 1e-3, momentum: 0.9 };
    const run = (p: LinearNetworkProblem, options: FactorizationRunOptions) => {
      const out: FactorizationMetrics[] = [];
      runLinearNetwork(p, spec, (_t, m) => (out.push({ ...(m as FactorizationMetrics) }), true), 60, options);
      return out;
    };
    expect(reduceWidth(reduced.X0, reduced.Y0)!.W.cols).toBe(2 + 4); // rows of X₀ in col(L), of Y₀ in col(D)
    expect(reduceWidth(problem.X0, problem.Y0)!.W.cols).toBe(2 + 5); // X₀ = LΦ has rank 2: dependent rows dropped
    const norm0 = frobNorm(problem.X0) + frobNorm(problem.Y0);
    expect(agree(run(reduced, {}), run(reduced, { reduceWidth: false }), 9 * d, su.normL, norm0)).toBeNull(); // R is m x N
    expect(agree(run(problem, {}), run(problem, { reduceWidth: false }), 9 * d, su.normL, norm0)).toBeNull();
  });
});

function trajectoryWith(p: FactorizationProblem, spec: FactorizationSpec, T: number, options: FactorizationRunOptions): FactorizationMetrics[] {
  const out: FactorizationMetrics[] = [];
  runFactorization(p, spec, (_t, m) => {
    out.push({ ...(m as FactorizationMetrics) });
    return true;
  }, T, options);
  return out;
}
