import { describe, expect, it } from 'vitest';
import { SecondMomentOperator, enumerateMoments, momentToOriginal } from './second-moment.ts';
import { bcwParameters, monteCarloMoments, polyakParameters, runHeavyBall, samplingProbabilities } from './heavy-ball.ts';
import { buildLeastSquares, kidambiInstance, type LeastSquares } from '../problems/least-squares.ts';
import { zeros } from '../linalg/dense.ts';

const tiny = buildLeastSquares({ n: 5, d: 3, conditionNumber: 4, spectrum: 'linear', rowNorms: 'spread', seed: 2 });
const small = buildLeastSquares({ n: 30, d: 4, conditionNumber: 10, spectrum: 'geometric', rowNorms: 'spread', seed: 5 });

function operator(p: LeastSquares, sampling: 'row-norm' | 'uniform' = 'row-norm') {
  const bp = bcwParameters(p.eigenvalues);
  return { bp, op: new SecondMomentOperator(p, { stepSize: bp.stepSize, momentum: bp.momentum, sampling }) };
}

describe('the second-moment operator', () => {
  it('Φ(Y) equals Σ_j p_j X_j Y X_j − HYH computed densely in the original coordinates', () => {
    for (const sampling of ['row-norm', 'uniform'] as const) {
      const { op } = operator(small, sampling);
      const d = small.d;
      const Y = zeros(d, d);
      for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) Y.data[i * d + j] = 1 / (1 + i + j) + (i === j ? 1 : 0);
      const out = op.noise(Y, zeros(d, d));
      // dense: V Y Vᵀ in original coordinates, E[XYX] by the sum over rows, then back
      const V = small.eigenvectors.data, A = small.A.data, p = samplingProbabilities(small, sampling);
      const Yo = new Float64Array(d * d);
      for (let a = 0; a < d; a++) for (let b = 0; b < d; b++) for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) Yo[a * d + b] += V[a * d + i] * Y.data[i * d + j] * V[b * d + j];
      const E = new Float64Array(d * d), H = new Float64Array(d * d);
      for (let r = 0; r < small.n; r++) {
        let q = 0;
        for (let a = 0; a < d; a++) for (let b = 0; b < d; b++) q += A[r * d + a] * Yo[a * d + b] * A[r * d + b];
        for (let a = 0; a < d; a++) for (let b = 0; b < d; b++) {
          E[a * d + b] += (q / p[r]) * A[r * d + a] * A[r * d + b];
          H[a * d + b] += A[r * d + a] * A[r * d + b];
        }
      }
      const HYH = new Float64Array(d * d);
      for (let a = 0; a < d; a++) for (let b = 0; b < d; b++) for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) HYH[a * d + b] += H[a * d + i] * Yo[i * d + j] * H[j * d + b];
      for (let i = 0; i < d; i++) {
        for (let j = 0; j < d; j++) {
          let v = 0;
          for (let a = 0; a < d; a++) for (let b = 0; b < d; b++) v += V[a * d + i] * (E[a * d + b] - HYH[a * d + b]) * V[b * d + j];
          expect(out.data[i * d + j]).toBeCloseTo(v, 8);
        }
      }
    }
  });

  it('equals brute-force enumeration of every batch of the real update (P3) and its mean is heavy ball (P2)', () => {
    for (const sampling of ['row-norm', 'uniform'] as const) {
      for (const B of [1, 2]) {
        const { bp, op } = operator(tiny, sampling);
        const e0 = Float64Array.from([1, -0.5, 0.3]);
        const S: ReturnType<typeof zeros>[] = [];
        let cur = op.initialMoment(e0);
        for (let k = 0; k <= 4; k++) {
          S.push(momentToOriginal(tiny, cur));
          const next = zeros(6, 6);
          op.apply(cur, next, B);
          cur = next;
        }
        const hb: number[] = [], means: number[] = [];
        const x0 = tiny.xStar.map((v, i) => v + e0[i]);
        runHeavyBall(tiny, bp, x0, (_k, m) => (hb.push(m.errorNorm), true), 4);
        op.meanSquareTrajectory(e0, B, (_k, m) => (means.push(m.meanErrorNorm), true), 4);
        enumerateMoments(tiny, { ...bp, batchSize: B, sampling }, e0, 4, (k, m) => {
          let diff = 0, scale = 0;
          for (let i = 0; i < 36; i++) {
            diff += (m.secondMoment.data[i] - S[k].data[i]) ** 2;
            scale += S[k].data[i] ** 2;
          }
          expect(Math.sqrt(diff / scale)).toBeLessThan(1e-13);
          expect(Math.hypot(...m.meanError)).toBeCloseTo(hb[k], 12);
          expect(means[k]).toBeCloseTo(hb[k], 12);
          return true;
        });
      }
    }
    expect(() => enumerateMoments(tiny, { stepSize: 0.1, momentum: 0, batchSize: 9, sampling: 'uniform' }, new Float64Array(3), 1, () => true)).toThrow(/too many/);
    expect(() => enumerateMoments(tiny, { stepSize: 0.1, momentum: 0, batchSize: 0, sampling: 'uniform' }, new Float64Array(3), 1, () => true)).toThrow(/positive integer/);
  });

  it('B = ∞ is the deterministic T S Tᵀ, and the mean-square trajectory streams exact traces', () => {
    const { bp, op } = operator(small);
    const e0 = Float64Array.from([1, 0, 0, 0]);
    const ms: number[] = [], hb: number[] = [];
    op.meanSquareTrajectory(e0, Infinity, (_k, m) => (ms.push(m.meanSquareError), true), 20);
    op.meanSquareTrajectory(e0, Infinity, (_k, m) => (hb.push(m.meanErrorNorm ** 2), true), 20);
    for (let k = 0; k <= 20; k++) expect(ms[k]).toBeCloseTo(hb[k], 12);
    let calls = 0;
    op.meanSquareTrajectory(e0, 1, () => ++calls < 2, 20);
    expect(calls).toBe(2);
    expect(() => op.meanSquareTrajectory(new Float64Array(2), 1, () => true, 1)).toThrow(/e₀ has 2 entries/);
    expect(() => op.apply(zeros(3, 3), zeros(3, 3), 1)).toThrow(/8x8/);
    expect(bp.momentum).toBeCloseTo(op.deterministicRadius, 12);
  });

  it('rejects bad batch sizes and parameters with RangeErrors', () => {
    const { op } = operator(small);
    for (const B of [0, -1, NaN, 0.5]) expect(() => op.radius(B)).toThrow(/batch size/);
    expect(() => new SecondMomentOperator(small, { stepSize: 0, momentum: 0, sampling: 'uniform' })).toThrow(/step size/);
    expect(() => new SecondMomentOperator(small, { stepSize: 1, momentum: 1, sampling: 'uniform' })).toThrow(/momentum/);
    expect(() => op.resolventWeights(op.deterministicRadius)).toThrow(/r > ρ\(T\)²/);
  });
});

describe('the mean-square spectral radius ρ_msq(B)', () => {
  it('the reduction agrees with direct power iteration on 𝓛_B', () => {
    const p = buildLeastSquares({ n: 60, d: 5, conditionNumber: 30, spectrum: 'linear', rowNorms: 'uniform', seed: 1 });
    const { op } = operator(p);
    for (const B of [1, 8, 64, 512]) {
      const direct = op.directRadius(B);
      expect(direct.converged).toBe(true);
      expect(op.radius(B)).toBeCloseTo(direct.radius, 9);
    }
    expect(op.radius(Infinity)).toBe(op.deterministicRadius);
    const slow = op.directRadius(1e9, 50);
    expect(slow.converged).toBe(false);
  });

  it('the resolvent weights equal the series Σ_k u_k(λ_i) u_k(λ_j) r^{−k−1}, u_k = (T_λ^k)₁₁', () => {
    const { bp, op } = operator(small);
    const r = bp.momentum * 1.3;
    const G = op.resolventWeights(r, new Float64Array(16));
    const c = op.c;
    const sr = Math.sqrt(r);
    for (const [i, j] of [[0, 0], [0, 3], [2, 1]]) {
      // v_k = u_k/r^{k/2} (u_k = (T_λ^k)₁₁) keeps the terms of Σ_k u_k(λ_i)u_k(λ_j) r^{−k−1} finite
      let vi0 = 1, vi1 = c[i] / sr, vj0 = 1, vj1 = c[j] / sr, s = 1 / r;
      for (let k = 1; k < 4000; k++) {
        s += (vi1 * vj1) / r;
        [vi0, vi1] = [vi1, (c[i] / sr) * vi1 - (bp.momentum / r) * vi0];
        [vj0, vj1] = [vj1, (c[j] / sr) * vj1 - (bp.momentum / r) * vj0];
      }
      expect(G[i * 4 + j]).toBeCloseTo(s, 8);
    }
  });

  it('the critical batch B(r) = ρ(K_r) is the exact threshold: ρ_msq(⌈B(r)⌉) ≤ r < ρ_msq(⌊B(r)⌋)', () => {
    const { bp, op } = operator(small);
    for (const r of [1, bp.momentum * 1.2]) {
      const Br = op.criticalBatch(r);
      expect(op.radius(Math.ceil(Br))).toBeLessThanOrEqual(r * (1 + 1e-10));
      if (Math.floor(Br) >= 1) expect(op.radius(Math.floor(Br))).toBeGreaterThan(r);
      expect(op.radius(Br)).toBeCloseTo(r, 10);
    }
  });

  it('handles reducible operators (Kidambi’s coordinate rows) through the Arnoldi fallback', () => {
    const k = kidambiInstance(2, 256, 1);
    const { op } = operator(k, 'uniform');
    const res = op.reducedRadius(op.deterministicRadius * 1.01);
    expect(res.converged).toBe(true);
    for (const B of [1, 4, 100]) {
      const direct = op.directRadius(B, 200_000, 1e-13);
      expect(op.radius(B)).toBeCloseTo(direct.radius, 7);
    }
    // Polyak parameters (double roots at the ends): still positive, still solvable
    const pp = polyakParameters(1, 256);
    const op2 = new SecondMomentOperator(k, { ...pp, sampling: 'uniform' });
    expect(op2.radius(1)).toBeGreaterThan(pp.momentum);
  });

  it('without sampling noise (one row, W = H) ρ_msq(B) = ρ(T)² for every B', () => {
    const p = buildLeastSquares({ n: 1, d: 1, conditionNumber: 1, spectrum: 'linear', rowNorms: 'uniform', seed: 1 });
    const { op } = operator(p);
    expect(op.radius(1)).toBe(op.deterministicRadius);
    expect(op.criticalBatch(op.deterministicRadius * 2)).toBe(0);
  });
});

describe('Monte Carlo of the real algorithm agrees with the exact moments (CLT band)', () => {
  it('E‖e_k‖² within 4.5 standard errors, k ≤ 12, 1500 trajectories', () => {
    const { bp, op } = operator(small);
    const B = 64; // ρ_msq(64) < 1: finite fourth moments, no heavy tails
    expect(op.radius(B)).toBeLessThan(1);
    const x0 = new Float64Array(small.d);
    const e0 = x0.map((v, i) => v - small.xStar[i]);
    const exact: number[] = [];
    op.meanSquareTrajectory(e0, B, (_k, m) => (exact.push(m.meanSquareError), true), 12);
    const runs = 1500, seed = 17;
    const mc = monteCarloMoments(small, { stepSize: bp.stepSize, momentum: bp.momentum, batchSize: B, sampling: 'row-norm' }, x0, seed, runs, 12);
    for (let k = 1; k <= 12; k++) {
      const se = Math.sqrt(mc.varianceSquareError[k] / runs);
      expect(Math.abs(mc.meanSquareError[k] - exact[k]), `seed ${seed}, k = ${k}`).toBeLessThan(4.5 * se);
    }
  });
});
