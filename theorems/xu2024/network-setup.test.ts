import { describe, expect, it } from 'vitest';
import { frobNorm, networkSetup, reduceNetwork, runLinearNetwork, SubspaceDistance, svd, type FactorizationMetrics, type FactorizationSpec, type LinearNetworkProblem, type Mat, type NetworkParams } from 'ratecheck';
import {
  ASSUMPTION1_COND_MAX,
  INIT_SCHEMES,
  networkConstants,
  networkInit,
  paperNetwork,
  paperNetworkLarge,
  paperScale,
  scaledProblem,
  theorem3Threshold,
} from './network-setup.ts';

const base: NetworkParams = { m: 9, n: 7, N: 11, rankD: 5, r: 3, condD: 6, profile: 'geometric', scaleD: 1, dataV: 'gaussian', labels: 'conditioned', condA: 2, d: 4, cMultiplier: 1, seed: 5 };

function trajectory(p: LinearNetworkProblem, spec: FactorizationSpec, T: number, subspaces?: { U: Mat; V: Mat }): FactorizationMetrics[] {
  const out: FactorizationMetrics[] = [];
  runLinearNetwork(p, spec, (_t, m) => {
    out.push({ ...(m as FactorizationMetrics) });
    return true;
  }, T, subspaces ? { subspaces } : {});
  return out;
}

describe('the initializations of Section 4', () => {
  it('the same parameters draw bit-identical initializations', () => {
    const a = networkSetup(base), b = networkSetup(JSON.parse(JSON.stringify(base)));
    expect(Array.from(networkInit(a, 'unbalanced').X0.data)).toEqual(Array.from(networkInit(b, 'unbalanced').X0.data));
  });

  it('rejects a bad width, seed or scale with a RangeError', () => {
    const su = networkSetup(base);
    expect(() => networkInit(su, 'unbalanced', 0)).toThrow(/width/);
    expect(() => networkInit(su, 'unbalanced', 3, 0.5)).toThrow(/seed/);
    expect(() => scaledProblem(su, networkInit(su, 'unbalanced'), 0)).toThrow(/scale c/);
  });
});

describe('initializations (12)-(14) and prior work', () => {
  const su = networkSetup(base);

  it('(12): X₀ = LΦ spans col(L) when d ≥ r, and its spectrum matches a direct SVD', () => {
    const init = networkInit(su, 'unbalanced');
    expect(init.rank).toBe(3);
    expect(new SubspaceDistance(init.colX0, 11).of(su.L)).toBeLessThan(1e-10 * su.normL);
    const direct = svd(init.X0).s;
    for (let i = 0; i < 3; i++) expect(init.s[i]).toBeCloseTo(direct[i], 10);
    expect(init.s.length).toBe(4);
    expect(frobNorm(init.Y0)).toBe(0);
  });

  it('(12) below rank: rank d < r, col(X₀) misses part of col(L)', () => {
    const init = networkInit(su, 'unbalanced', 2);
    expect(init.rank).toBe(2);
    expect(new SubspaceDistance(init.colX0, 11).of(su.L)).toBeGreaterThan(1e-3 * su.normL);
  });

  it('(13): every nonzero singular value is 1, also at d = r exactly', () => {
    for (const d of [3, 4, 7]) {
      const init = networkInit(su, 'orthonormal', d);
      const s = svd(init.X0).s;
      for (let i = 0; i < 3; i++) expect(s[i]).toBeCloseTo(1, 12);
      for (let i = 3; i < s.length; i++) expect(s[i]).toBeLessThan(1e-12);
      expect(new SubspaceDistance(init.colX0, d).of(init.X0)).toBeLessThan(1e-12);
    }
  });

  it('(14), Gaussian and orthogonal: the right shapes, scales and seeds', () => {
    const wide = networkInit(su, 'wide', 10);
    expect(wide.rank).toBe(9);
    expect(frobNorm(wide.Y0)).toBe(0);
    const g = networkInit(su, 'gaussian', 4);
    expect(frobNorm(g.Y0)).toBeGreaterThan(0);
    for (const d of [3, 12]) {
      const o = networkInit(su, 'orthogonal', d);
      const s = svd(o.X0).s;
      for (const v of s) expect(v).toBeCloseTo(1, 12);
      for (const v of svd(o.Y0).s) expect(v).toBeCloseTo(1, 12);
    }
    const other = networkInit(su, 'gaussian', 4, 77);
    expect(Array.from(other.X0.data)).not.toEqual(Array.from(g.X0.data));
    expect(INIT_SCHEMES).toHaveLength(5);
  });
});

describe('Theorem 3 constants and the reduced problem', () => {
  const su = networkSetup(base);

  it('the threshold meets μ̃p ≥ 4√2‖LDᵀ‖(1 + p) with equality', () => {
    const init = networkInit(su, 'unbalanced');
    const c = theorem3Threshold(su, init.s[0], init.s[2]);
    const q = networkConstants(su, init.s[0], init.s[2], c);
    expect((q.mut * q.p) / (4 * Math.SQRT2 * su.normLDt * (1 + q.p))).toBeCloseTo(1, 12);
    expect(q.stepSize).toBeCloseTo(1 / q.Lt, 15);
    expect(q.theta).toBeCloseTo(1 - Math.sqrt(q.mut / q.Lt) / 2, 15);
    expect(q.momentum).toBeGreaterThanOrEqual(0);
    expect(q.condX0).toBeCloseTo(init.s[0] / init.s[2], 12);
  });

  it('the reduced path agrees with the dense one for GD, AltGD and NAG, (12), (13) and (14)', () => {
    for (const scheme of ['unbalanced', 'orthonormal', 'wide'] as const) {
      const d = scheme === 'wide' ? 10 : 4;
      const init = networkInit(su, scheme, d);
      const k = scheme === 'wide' ? 9 : 3;
      const c = theorem3Threshold(su, init.s[0], init.s[k - 1]);
      const q = networkConstants(su, init.s[0], init.s[k - 1], c);
      const problem = scaledProblem(su, init, c);
      const Q = scheme === 'wide' ? null : su.UL;
      const reduced = reduceNetwork(su, problem, Q)!;
      expect(reduced).not.toBeNull();
      for (const spec of [{ method: 'nag', stepSize: q.stepSize, momentum: q.momentum }, { method: 'gd', stepSize: 2 / (q.Lt + q.mut) }, { method: 'altgd', stepSize: 2 / (q.Lt + q.mut) }] as FactorizationSpec[]) {
        const a = trajectory(problem, spec, 60), b = trajectory(reduced, spec, 60);
        for (let t = 0; t < a.length; t++) {
          expect(Math.abs(a[t].residualNorm - b[t].residualNorm)).toBeLessThan(1e-9 * a[t].residualNorm + 1e-13 * su.normL);
          expect(Math.abs(a[t].distY0 - b[t].distY0)).toBeLessThan(1e-9 * (a[t].distY0 + 1e-12));
        }
      }
    }
  });

  it('the dense path keeps col(X_t) ⊆ col(L) and col(Y_t) ⊆ col(D) (subspace metrics)', () => {
    const init = networkInit(su, 'unbalanced');
    const c = theorem3Threshold(su, init.s[0], init.s[2]);
    const q = networkConstants(su, init.s[0], init.s[2], c);
    const out = trajectory(scaledProblem(su, init, c), { method: 'nag', stepSize: q.stepSize, momentum: q.momentum }, 40, { U: init.colX0, V: su.UD });
    for (const m of out) {
      expect(m.offColX).toBeLessThan(1e-10 * m.normX);
      expect(m.offRowY).toBeLessThanOrEqual(1e-10 * m.normY);
    }
  });

  it('refuses a reduction that would not be exact, unless Y is projected', () => {
    const g = networkInit(su, 'gaussian', 4);
    const problem = scaledProblem(su, g, 1);
    expect(reduceNetwork(su, problem, su.UL)).toBeNull(); // X₀ not in col(L)
    expect(reduceNetwork(su, problem, null)).toBeNull(); // Y₀ not in col(D)
    const projected = reduceNetwork(su, problem, null, true)!;
    const spec: FactorizationSpec = { method: 'gd', stepSize: 1e-3 };
    const a = trajectory(problem, spec, 30), b = trajectory(projected, spec, 30);
    for (let t = 0; t < a.length; t++) expect(Math.abs(a[t].residualNorm - b[t].residualNorm)).toBeLessThan(1e-12 * su.normL);
  });

  it('refuses a reduction when L has rows outside row(D)', () => {
    const init = networkInit(su, 'unbalanced');
    const problem = scaledProblem(su, init, 1);
    expect(reduceNetwork({ ...su, interpolationError: 1e-6 }, problem, su.UL)).toBeNull();
  });
});

describe('the paper’s experiments as named instances', () => {
  it('Section 5 and Appendix E set-ups', () => {
    const small = networkSetup({ ...paperNetwork(5), m: 10, n: 8, N: 12 });
    expect(small.rankL).toBe(5);
    expect(paperNetwork(10)).toMatchObject({ m: 100, n: 80, N: 120, r: 5, rankD: 5, d: 10, dataV: 'gaussian', labels: 'gaussian' });
    expect(paperNetworkLarge(80)).toMatchObject({ m: 500, n: 400, N: 600, r: 5, d: 80 });
    expect(paperScale(4)).toBe(100);
    const su = networkSetup(paperNetwork(10));
    expect(su.rankL).toBe(5);
    expect(su.condAStar).toBeLessThan(ASSUMPTION1_COND_MAX);
  });
});
