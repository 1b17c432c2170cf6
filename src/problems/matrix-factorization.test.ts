import { describe, expect, it } from 'vitest';
import { gradient, objective, projectOnto, reduceFactorization, reduceToSpan, cloneProblem, type FactorizationProblem } from './matrix-factorization.ts';
import { gaussianMatrix, lowRankMatrix, spectrum } from './low-rank.ts';
import { clone, frobNorm, gemm, zeros } from '../linalg/dense.ts';

function instance(seed: number): { p: FactorizationProblem; U: ReturnType<typeof lowRankMatrix>['U']; V: ReturnType<typeof lowRankMatrix>['V']; sigma: number[] } {
  const sigma = spectrum('geometric', 3, 5);
  const { A, U, V } = lowRankMatrix(seed, 8, 6, sigma);
  const X0 = gaussianMatrix(seed, 'X', 8, 4, 1);
  const Y0 = gaussianMatrix(seed, 'Y', 6, 4, 1);
  return { p: { A, X0, Y0 }, U, V, sigma };
}

describe('matrix factorization objective', () => {
  it('gradients match central finite differences', () => {
    const { p } = instance(1);
    const { gX, gY } = gradient(p, p.X0, p.Y0);
    const h = 1e-6;
    for (const [M, g] of [[p.X0, gX], [p.Y0, gY]] as const) {
      for (const idx of [0, 5, M.data.length - 1]) {
        const plus = clone(M), minus = clone(M);
        plus.data[idx] += h;
        minus.data[idx] -= h;
        const fPlus = M === p.X0 ? objective(p, plus, p.Y0) : objective(p, p.X0, plus);
        const fMinus = M === p.X0 ? objective(p, minus, p.Y0) : objective(p, p.X0, minus);
        const fd = (fPlus - fMinus) / (2 * h);
        expect(Math.abs(fd - g.data[idx])).toBeLessThan(1e-6 * Math.max(1, Math.abs(fd)));
      }
    }
  });

  it('reduces exactly when X₀, Y₀ lie in col(A), row(A), and refuses otherwise', () => {
    const { p, U, V, sigma } = instance(2);
    expect(reduceFactorization(p, U, sigma, V)).toBeNull();
    const X0 = gemm(zeros(8, 4), U, gaussianMatrix(2, 'P', 3, 4, 1));
    const Y0 = gemm(zeros(6, 4), V, gaussianMatrix(2, 'Q', 3, 4, 1));
    const inside = { A: p.A, X0, Y0 };
    const red = reduceFactorization(inside, U, sigma, V)!;
    expect(red.A.rows).toBe(3);
    expect(objective(red, red.X0, red.Y0)).toBeCloseTo(objective(inside, X0, Y0), 12);
    const copy = cloneProblem(inside);
    expect(copy.X0.data).not.toBe(inside.X0.data);
    expect(Array.from(copy.X0.data)).toEqual(Array.from(inside.X0.data));
  });
});

describe('reduction to span(U, X₀) × span(V, Y₀)', () => {
  it('runs Remark 1’s Y₀ ≠ 0 exactly: same residuals and distances as the dense problem', async () => {
    const { runFactorization } = await import('../methods/factorization.ts');
    const { p, U, V, sigma } = instance(5);
    const X0 = gemm(zeros(8, 4), p.A, gaussianMatrix(5, 'Phi', 6, 4, 0.25));
    const dense = { A: p.A, X0, Y0: p.Y0 };
    const { problem, Qx, Qy } = reduceToSpan(U, sigma, V, X0, p.Y0);
    expect(Qx.cols).toBeLessThanOrEqual(3 + 4);
    expect(Qy.cols).toBeLessThanOrEqual(3 + 4);
    const collect = (q: FactorizationProblem, method: 'gd' | 'altgd' | 'nag') => {
      const out: number[][] = [];
      runFactorization(q, { method, stepSize: 0.02, momentum: method === 'nag' ? 0.5 : undefined }, (_t, m) => {
        out.push([m.residualNorm, m.distX0, m.distY0]);
        return true;
      }, 40);
      return out;
    };
    for (const method of ['gd', 'altgd', 'nag'] as const) {
      const a = collect(dense, method), b = collect(problem, method);
      const scale = frobNorm(p.A) + frobNorm(X0) + frobNorm(p.Y0);
      for (let t = 0; t < a.length; t++) for (let k = 0; k < 3; k++) expect(Math.abs(a[t][k] - b[t][k])).toBeLessThanOrEqual(1e-9 * a[t][k] + 1e-13 * scale);
    }
  });
});

describe('projection onto a thin orthonormal basis', () => {
  it('gives QᵀX and ‖X − QQᵀX‖_F as the general products do, for odd and even shapes', async () => {
    const { gemmTN } = await import('../linalg/dense.ts');
    const { SubspaceDistance, haarOrthonormal } = await import('../linalg/decomp.ts');
    const { Rng } = await import('../random/rng.ts');
    for (const [m, k, d] of [[9, 3, 7], [8, 2, 8], [5, 5, 1], [13, 4, 10]]) {
      const Q = haarOrthonormal(new Rng(m, 'Q'), m, k);
      const X = gaussianMatrix(d, 'X', m, d, 1);
      const { coef, off, norm } = projectOnto(Q, X);
      expect(norm).toBeCloseTo(frobNorm(X), 12);
      const ref = gemmTN(zeros(k, d), Q, X);
      // sums of m terms in another order: |difference| ≤ 2γ_m Σ|q||x| ≤ 2γ_m √m ‖X‖_F per entry
      const gamma = (m * Number.EPSILON) / 2 / (1 - (m * Number.EPSILON) / 2);
      for (let i = 0; i < ref.data.length; i++) expect(Math.abs(coef.data[i] - ref.data[i])).toBeLessThanOrEqual(2 * gamma * Math.sqrt(m) * frobNorm(X));
      const dist = new SubspaceDistance(Q, d).of(X);
      expect(Math.abs(off - dist)).toBeLessThanOrEqual(4 * gamma * Math.sqrt(m * d) * frobNorm(X));
      // X inside col(Q): the distance falls to roundoff
      const inside = gemm(zeros(m, d), Q, ref);
      expect(projectOnto(Q, inside).off).toBeLessThanOrEqual(4 * gamma * Math.sqrt(m * d) * frobNorm(inside));
    }
    expect(() => projectOnto(zeros(4, 2), zeros(3, 2))).toThrow(/same rows/);
  });

  it('reduces a zero Y₀ to zero without projecting it', () => {
    const { p, U, V, sigma } = instance(6);
    const X0 = gemm(zeros(8, 4), U, gaussianMatrix(6, 'P', 3, 4, 1));
    const red = reduceFactorization({ A: p.A, X0, Y0: zeros(6, 4) }, U, sigma, V)!;
    expect(Array.from(red.Y0.data).every((v) => v === 0)).toBe(true);
    expect(red.Y0.rows).toBe(3);
    expect(frobNorm(red.X0)).toBeCloseTo(frobNorm(X0), 12);
  });
});
