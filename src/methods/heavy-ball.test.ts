import { describe, expect, it } from 'vitest';
import {
  AliasSampler,
  bcwParameters,
  blockRadius,
  checkBatchSize,
  eigenvectorCondition,
  estimatorWeights,
  HeavyBall,
  MinibatchHeavyBall,
  minibatchUpdate,
  monteCarloMoments,
  polyakParameters,
  runHeavyBall,
  runKaczmarz,
  runMinibatchHeavyBall,
  runMinibatchSgd,
  samplingProbabilities,
} from './heavy-ball.ts';
import { buildLeastSquares, eigenvalueProfile, kidambiInstance } from '../problems/least-squares.ts';
import { Rng } from '../random/rng.ts';

const problem = buildLeastSquares({ n: 20, d: 3, conditionNumber: 10, spectrum: 'linear', rowNorms: 'spread', seed: 1 });
const zero = () => new Float64Array(problem.d);

describe('parameters', () => {
  it('Polyak’s optimal parameters put every λ in [μ, L] on the circle of radius √β*', () => {
    const p = polyakParameters(1, 100);
    expect(p.rate).toBeCloseTo(9 / 11, 15);
    expect(p.momentum).toBeCloseTo((9 / 11) ** 2, 15);
    expect(p.stepSize).toBeCloseTo(4 / 121, 15);
    for (const l of [1.5, 10, 50, 99]) expect(blockRadius(l, p.stepSize, p.momentum)).toBeCloseTo(p.rate, 12);
    expect(blockRadius(0.5, p.stepSize, p.momentum)).toBeGreaterThan(p.rate);
    expect(blockRadius(120, p.stepSize, p.momentum)).toBeGreaterThan(p.rate);
    expect(() => polyakParameters(0, 1)).toThrow(RangeError);
    expect(() => polyakParameters(2, 1)).toThrow(RangeError);
  });

  it('BCW’s get_params: the margin, κ_C of the reference table (linear spectra, c = 2) and the analytic bound', () => {
    const table: [number, number][] = [[10, 4.84], [100, 14.25], [1000, 44.75], [1e4, 141.4]];
    for (const [kappa, kc] of table) {
      const p = bcwParameters(eigenvalueProfile('linear', 100, kappa));
      expect(p.kappaC).toBeCloseTo(kc, kappa === 1e4 ? 0 : 1);
      expect(p.kappaCAtMin).toBe(p.kappaC); // attained at λ_min (numerically)
      expect(p.kappaCAnalytic).toBeGreaterThanOrEqual(p.kappaC);
      expect(p.ell).toBe(0.5);
      expect(p.L).toBe(kappa + 0.5);
      expect(p.rate ** 2).toBeCloseTo(p.momentum, 15);
      expect(p.effectiveConditionNumber).toBeCloseTo(2 * kappa + 1, 10);
    }
    expect(() => bcwParameters([])).toThrow(/empty/);
    expect(() => bcwParameters([1, 2], 1)).toThrow(/c must/);
    expect(() => bcwParameters([0, 1])).toThrow(/positive/);
  });

  it('cond(U_λ) is infinite at a double root and finite for distinct roots (real or complex)', () => {
    const p = polyakParameters(1, 100);
    expect(eigenvectorCondition(1, p.stepSize, p.momentum)).toBeGreaterThan(1e6);
    expect(eigenvectorCondition(50, p.stepSize, p.momentum)).toBeLessThan(10);
    expect(Number.isFinite(eigenvectorCondition(0.2, p.stepSize, p.momentum))).toBe(true); // real distinct roots
    expect(eigenvectorCondition(1, 1, 0)).toBe(Infinity); // T = [[0, 0], [1, 0]]
  });
});

describe('sampling', () => {
  it('row-norm and uniform probabilities, importance and plain weights', () => {
    const p = samplingProbabilities(problem, 'row-norm');
    expect(p.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 14);
    expect(p[0]).toBeCloseTo(problem.rowNormsSq[0] / problem.frobeniusSq, 15);
    expect(samplingProbabilities(problem, 'uniform')[3]).toBe(1 / 20);
    expect(estimatorWeights(problem, 'row-norm')[0]).toBeCloseTo(1 / p[0], 10);
    expect(estimatorWeights(problem, 'row-norm', 'plain')[0]).toBe(20);
    expect(() => samplingProbabilities(problem, 'x' as never)).toThrow(/unknown sampling/);
  });

  it('the alias sampler draws with the right frequencies and never draws zero-probability rows', () => {
    const probs = [0.5, 0, 0.3, 0.2];
    const s = new AliasSampler(probs);
    const rng = new Rng(3, 'alias');
    const counts = [0, 0, 0, 0];
    const N = 40_000;
    for (let i = 0; i < N; i++) counts[s.draw(rng)]++;
    expect(counts[1]).toBe(0);
    for (const i of [0, 2, 3]) expect(Math.abs(counts[i] / N - probs[i])).toBeLessThan(4 * Math.sqrt((probs[i] * (1 - probs[i])) / N));
    expect(() => new AliasSampler([])).toThrow(/empty/);
    expect(() => new AliasSampler([0, 0])).toThrow(/sum to zero/);
    expect(() => new AliasSampler([1, -1])).toThrow(/non-negative/);
  });

  it('batch sizes must be positive integers within the simulator’s limit', () => {
    expect(() => checkBatchSize(0)).toThrow(/positive integer/);
    expect(() => checkBatchSize(1.5)).toThrow(/positive integer/);
    expect(() => checkBatchSize(10, 5)).toThrow(/exceeds 5/);
    expect(() => new MinibatchHeavyBall(problem, { stepSize: 0.1, momentum: 0, batchSize: 2 ** 30, sampling: 'uniform' }, zero(), 1)).toThrow(/exceeds/);
  });
});

describe('methods', () => {
  const bp = bcwParameters(problem.eigenvalues);

  it('deterministic heavy ball converges at √β and streams error and residual', () => {
    const errs: number[] = [];
    runHeavyBall(problem, bp, zero(), (_k, m) => {
      errs.push(m.errorNorm);
      expect(m.residualNorm).toBeGreaterThanOrEqual(0);
      return true;
    }, 60);
    expect(errs.length).toBe(61);
    expect(errs[60] / errs[0]).toBeLessThan(Math.SQRT2 * bp.kappaC * bp.rate ** 60);
    // stopping early
    let calls = 0;
    runHeavyBall(problem, bp, zero(), () => ++calls < 3, 100);
    expect(calls).toBe(3);
    const hb = new HeavyBall(problem, bp, zero());
    hb.step();
    expect(hb.iteration).toBe(1);
    expect(() => runHeavyBall(problem, { stepSize: -1, momentum: 0 }, zero(), () => true, 1)).toThrow(/step size/);
    expect(() => runHeavyBall(problem, { stepSize: 1, momentum: 1 }, zero(), () => true, 1)).toThrow(/momentum/);
    expect(() => runHeavyBall(problem, bp, new Float64Array(2), () => true, 1)).toThrow(/x₀ has 2 entries/);
    expect(() => runHeavyBall(problem, bp, Float64Array.from([NaN, 0, 0]), () => true, 1)).toThrow(/non-finite/);
  });

  it('minibatch heavy ball is seeded: same seed, same trajectory; a huge batch follows heavy ball', () => {
    const spec = { stepSize: bp.stepSize, momentum: bp.momentum, batchSize: 4, sampling: 'row-norm' as const };
    const a: number[] = [], b: number[] = [], c: number[] = [];
    runMinibatchHeavyBall(problem, spec, zero(), 5, (_k, m) => (a.push(m.errorNorm), true), 20);
    runMinibatchHeavyBall(problem, spec, zero(), 5, (_k, m) => (b.push(m.errorNorm), true), 20);
    runMinibatchHeavyBall(problem, spec, zero(), 6, (_k, m) => (c.push(m.errorNorm), true), 20);
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
    const det: number[] = [], big: number[] = [];
    runHeavyBall(problem, bp, zero(), (_k, m) => (det.push(m.errorNorm), true), 10);
    runMinibatchHeavyBall(problem, { ...spec, batchSize: 200_000 }, zero(), 1, (_k, m) => (big.push(m.errorNorm), true), 10);
    for (let k = 0; k <= 10; k++) expect(Math.abs(big[k] - det[k])).toBeLessThan(0.05 * det[0]);
  });

  it('one update with the full index set and weights 1/(n p_j) is the gradient step', () => {
    const n = problem.n, d = problem.d;
    const idx = Int32Array.from({ length: n }, (_, j) => j);
    const w = samplingProbabilities(problem, 'uniform').map(() => 1); // (1/n)·n·a_j r_j summed over all rows
    const x = Float64Array.from([1, 2, 3]), xp = Float64Array.from([0, 1, 0]), out = new Float64Array(d);
    minibatchUpdate(problem, 0.01, 0.5, w, idx, n, problem.b, x, xp, out);
    const g = new Float64Array(d);
    for (let r = 0; r < n; r++) {
      let s = -problem.b[r];
      for (let i = 0; i < d; i++) s += problem.A.data[r * d + i] * x[i];
      for (let i = 0; i < d; i++) g[i] += s * problem.A.data[r * d + i];
    }
    for (let i = 0; i < d; i++) expect(out[i]).toBeCloseTo(x[i] - (0.01 / n) * g[i] + 0.5 * (x[i] - xp[i]), 12);
  });

  it('Kaczmarz projects onto the sampled row’s hyperplane and converges; minibatch SGD is β = 0', () => {
    const errs: number[] = [];
    runKaczmarz(problem, zero(), 2, (_k, m) => (errs.push(m.errorNorm), true), 400);
    expect(errs[400]).toBeLessThan(1e-3 * errs[0]);
    for (let k = 1; k <= 400; k++) expect(errs[k]).toBeLessThanOrEqual(errs[k - 1] + 1e-12 * errs[0]); // projections never increase the error (up to roundoff)
    const u: number[] = [];
    runKaczmarz(problem, zero(), 2, (_k, m) => (u.push(m.errorNorm), true), 50, 'uniform');
    expect(u[50]).toBeLessThan(u[0]);
    const s1: number[] = [], s2: number[] = [];
    runMinibatchSgd(problem, { stepSize: 0.01, batchSize: 3, sampling: 'uniform' }, zero(), 4, (_k, m) => (s1.push(m.errorNorm), true), 10);
    runMinibatchHeavyBall(problem, { stepSize: 0.01, momentum: 0, batchSize: 3, sampling: 'uniform' }, zero(), 4, (_k, m) => (s2.push(m.errorNorm), true), 10);
    expect(s1).toEqual(s2);
    expect(() => runKaczmarz(problem, new Float64Array(1), 1, () => true, 1)).toThrow(RangeError);
  });

  it('Kaczmarz skips zero rows', () => {
    const k = kidambiInstance(1, 4, 1);
    const errs: number[] = [];
    runKaczmarz(k, new Float64Array(2), 1, (_t, m) => (errs.push(m.errorNorm), true), 10);
    expect(errs[10]).toBeLessThan(1e-12);
  });

  it('Monte Carlo moments: Welford means and variances over seeded trajectories', () => {
    const spec = { stepSize: bp.stepSize, momentum: bp.momentum, batchSize: 50, sampling: 'row-norm' as const };
    const mc = monteCarloMoments(problem, spec, zero(), 3, 20, 5);
    expect(mc.runs).toBe(20);
    expect(mc.meanSquareError.length).toBe(6);
    let x2 = 0;
    for (const v of problem.xStar) x2 += v * v;
    expect(mc.meanSquareError[0]).toBeCloseTo(x2, 12);
    expect(mc.varianceSquareError[0]).toBeCloseTo(0, 12);
    expect(mc.varianceSquareError[3]).toBeGreaterThan(0);
    expect(mc.meanError[0]).toBeCloseTo(-problem.xStar[0], 12);
    expect(() => monteCarloMoments(problem, spec, zero(), 3, 1, 5)).toThrow(/at least 2 runs/);
    expect(() => monteCarloMoments(problem, spec, zero(), 3, 2, -1)).toThrow(/iterations/);
  });
});
