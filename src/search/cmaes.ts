/**
 * CMA-ES (Hansen's covariance matrix adaptation evolution strategy, "The CMA Evolution Strategy: A
 * Tutorial", arXiv:1604.00772, with the default constants of its Table 1) and IPOP restarts (Auger,
 * Hansen, CEC 2005: each restart doubles the population). Minimises f over Rⁿ, optionally within a box
 * (a candidate outside is clamped for the evaluation, and its squared distance to the box is added to
 * its fitness for the ranking, so the mean is pulled back inside). Deterministic for a given Rng.
 */
import type { Rng } from '../random/rng.ts';
import { Matrix } from 'ml-matrix';
import { symmetricEigen } from '../linalg/decomp.ts';

export interface CmaOptions {
  /** Starting mean; `sigma0` the starting step size (the same in every coordinate). */
  x0: number[];
  sigma0: number;
  /** Box bounds per coordinate (omitted: unbounded). */
  lower?: number[];
  upper?: number[];
  /** Population size (default 4 + ⌊3 ln n⌋). */
  lambda?: number;
  /** Evaluations allowed. */
  budget: number;
  /** Stop once f ≤ this. */
  target?: number;
  /** Stop when the step size times the largest axis falls below this (the search has converged). */
  tolX?: number;
  /** Stop when the best f over the last generations varies by less than this. */
  tolFun?: number;
}

export interface CmaResult {
  x: number[];
  f: number;
  evaluations: number;
  generations: number;
  /** Why it stopped. */
  stop: 'budget' | 'target' | 'tolX' | 'tolFun' | 'condition' | 'halt';
}

/**
 * One CMA-ES run from `x0`, minimising `f`. `f` may return Infinity (an infeasible point, ranked last)
 * or null to halt the run (a deadline, a found violation).
 */
export function cmaes(f: (x: number[]) => number | null, rng: Rng, o: CmaOptions): CmaResult {
  const n = o.x0.length;
  const lambda = o.lambda ?? 4 + Math.floor(3 * Math.log(n));
  const mu = Math.floor(lambda / 2);
  const wRaw = Array.from({ length: mu }, (_, i) => Math.log((lambda + 1) / 2) - Math.log(i + 1));
  const wSum = wRaw.reduce((a, b) => a + b, 0);
  const w = wRaw.map((v) => v / wSum);
  const mueff = 1 / w.reduce((a, b) => a + b * b, 0);
  const cc = (4 + mueff / n) / (n + 4 + (2 * mueff) / n);
  const cs = (mueff + 2) / (n + mueff + 5);
  const c1 = 2 / ((n + 1.3) ** 2 + mueff);
  const cmu = Math.min(1 - c1, (2 * (mueff - 2 + 1 / mueff)) / ((n + 2) ** 2 + mueff));
  const damps = 1 + 2 * Math.max(0, Math.sqrt((mueff - 1) / (n + 1)) - 1) + cs;
  const chiN = Math.sqrt(n) * (1 - 1 / (4 * n) + 1 / (21 * n * n));
  const tolX = o.tolX ?? 1e-11 * o.sigma0;
  const tolFun = o.tolFun ?? 1e-12;

  const mean = [...o.x0];
  let sigma = o.sigma0;
  const pc = new Array<number>(n).fill(0);
  const ps = new Array<number>(n).fill(0);
  // C = B diag(D²) Bᵀ, refreshed every few generations (its eigendecomposition is O(n³))
  let C = identity(n);
  let B = identity(n);
  let D = new Array<number>(n).fill(1);
  let eigenAt = 0;
  let best: { x: number[]; f: number } = { x: [...o.x0], f: Infinity };
  let evaluations = 0;
  let generations = 0;
  const history: number[] = [];

  const clamp = (x: number[]) => x.map((v, i) => Math.min(o.upper?.[i] ?? Infinity, Math.max(o.lower?.[i] ?? -Infinity, v)));

  for (;;) {
    if (evaluations + lambda > o.budget) return { ...best, evaluations, generations, stop: 'budget' };
    // sample λ candidates x = m + σ B D z
    const zs: number[][] = [], ys: number[][] = [], xs: number[][] = [], fs: number[] = [];
    for (let k = 0; k < lambda; k++) {
      const z = Array.from({ length: n }, () => rng.gaussian());
      const y = new Array<number>(n).fill(0);
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) y[i] += B[i][j] * D[j] * z[j];
      const x = mean.map((m, i) => m + sigma * y[i]);
      const xc = clamp(x);
      const v = f(xc);
      evaluations++;
      if (v === null) return { ...best, evaluations, generations, stop: 'halt' };
      let penalty = 0;
      for (let i = 0; i < n; i++) penalty += (x[i] - xc[i]) ** 2;
      if (v < best.f) best = { x: xc, f: v };
      if (o.target !== undefined && v <= o.target) return { ...best, evaluations, generations, stop: 'target' };
      zs.push(z);
      ys.push(y);
      xs.push(x);
      fs.push(v + penalty);
    }
    generations++;
    const order = fs.map((_, i) => i).sort((a, b) => fs[a] - fs[b] || a - b);
    // recombination: the new mean, and the weighted step in y-space
    const yw = new Array<number>(n).fill(0);
    for (let k = 0; k < mu; k++) for (let i = 0; i < n; i++) yw[i] += w[k] * ys[order[k]][i];
    for (let i = 0; i < n; i++) mean[i] += sigma * yw[i];
    // step-size path: C^{-1/2} yw = B D^{-1} Bᵀ yw
    const bty = new Array<number>(n).fill(0);
    for (let j = 0; j < n; j++) for (let i = 0; i < n; i++) bty[j] += B[i][j] * yw[i];
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < n; j++) s += (B[i][j] * bty[j]) / D[j];
      ps[i] = (1 - cs) * ps[i] + Math.sqrt(cs * (2 - cs) * mueff) * s;
    }
    const psNorm = Math.hypot(...ps);
    const hsig = psNorm / Math.sqrt(1 - (1 - cs) ** (2 * generations)) / chiN < 1.4 + 2 / (n + 1) ? 1 : 0;
    for (let i = 0; i < n; i++) pc[i] = (1 - cc) * pc[i] + hsig * Math.sqrt(cc * (2 - cc) * mueff) * yw[i];
    // covariance: rank-one and rank-μ updates
    const dh = (1 - hsig) * cc * (2 - cc);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j <= i; j++) {
        let rmu = 0;
        for (let k = 0; k < mu; k++) rmu += w[k] * ys[order[k]][i] * ys[order[k]][j];
        const v = (1 - c1 - cmu) * C[i][j] + c1 * (pc[i] * pc[j] + dh * C[i][j]) + cmu * rmu;
        C[i][j] = v;
        C[j][i] = v;
      }
    }
    sigma *= Math.exp((cs / damps) * (psNorm / chiN - 1));
    if (generations - eigenAt >= Math.max(1, Math.floor(lambda / (10 * n * (c1 + cmu))))) {
      eigenAt = generations;
      try {
        const e = symmetricEigen(new Matrix(C));
        B = e.vectors.to2DArray();
        D = e.values.map((v) => Math.sqrt(Math.max(v, 1e-300)));
      } catch {
        return { ...best, evaluations, generations, stop: 'condition' }; // C lost its numerical symmetry/definiteness
      }
    }
    // stopping: converged, flat, or ill-conditioned
    history.push(fs[order[0]]);
    const maxD = Math.max(...D);
    if (sigma * maxD < tolX) return { ...best, evaluations, generations, stop: 'tolX' };
    const recent = history.slice(-(10 + Math.ceil((30 * n) / lambda)));
    if (recent.length >= 10 + Math.ceil((30 * n) / lambda) && Math.max(...recent, fs[order[lambda - 1]]) - Math.min(...recent) < tolFun) return { ...best, evaluations, generations, stop: 'tolFun' };
    if (maxD / Math.min(...D) > 1e7) return { ...best, evaluations, generations, stop: 'condition' };
  }
}

export interface IpopOptions extends Omit<CmaOptions, 'x0' | 'lambda'> {
  /** Starting mean of each restart (the i-th restart calls it with i). */
  start(restart: number): number[];
  /** Largest population factor (2^k times the default); restarts cycle back to the default after it. */
  maxDoublings?: number;
}

/** IPOP-CMA-ES: restart with a doubled population until the budget or the target. */
export function ipopCmaes(f: (x: number[]) => number | null, rng: Rng, o: IpopOptions): CmaResult & { restarts: number } {
  const n = o.start(0).length;
  const lambda0 = 4 + Math.floor(3 * Math.log(n));
  let best: CmaResult | undefined;
  let evaluations = 0;
  let restarts = 0;
  for (;;) {
    const left = o.budget - evaluations;
    const lambda = lambda0 * 2 ** (restarts % ((o.maxDoublings ?? 6) + 1));
    if (left < Math.min(lambda, lambda0)) break;
    const r = cmaes(f, rng, { ...o, x0: o.start(restarts), lambda: Math.min(lambda, Math.max(lambda0, Math.floor(left / 4))), budget: left });
    evaluations += r.evaluations;
    if (!best || r.f < best.f) best = r;
    if (r.stop === 'target' || r.stop === 'halt' || r.stop === 'budget') {
      return { ...best, evaluations, stop: r.stop, restarts };
    }
    restarts++;
  }
  return { ...(best ?? { x: o.start(0), f: Infinity, generations: 0 }), evaluations, stop: 'budget', restarts };
}

function identity(n: number): number[][] {
  return Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
}
