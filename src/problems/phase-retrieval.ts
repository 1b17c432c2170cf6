/**
 * Real Gaussian phase retrieval and rank-one factorization (Chi, Lu, Chen 2019 overview; Ma, Wang, Chi,
 * Chen 2020 for vanilla GD), with their exact local facts.
 *
 * Phase retrieval: yⱼ = (aⱼᵀx)², aⱼ ~ N(0, Iₙ), j = 1..m,
 *   f(z) = (1/4m) Σⱼ ((aⱼᵀz)² − yⱼ)²,  ∇f(z) = (1/m) Σⱼ ((aⱼᵀz)² − yⱼ)(aⱼᵀz) aⱼ,
 * spectral initialization z₀ = √(λ₁(Y)/3) u₁, Y = (1/m) Σⱼ yⱼ aⱼaⱼᵀ (u₁ its top unit eigenvector).
 * Exact local facts [D]: ∇²f(x) = 2Y, so with e = z − x (or z + x, the sign ambiguity),
 *   ∇f(x + e) = 2Ye + R(e),  R(e) = (1/m) Σⱼ (3uⱼvⱼ² + vⱼ³) aⱼ,  uⱼ = aⱼᵀx, vⱼ = aⱼᵀe,
 *   ‖R(e)‖ ≤ K₁‖e‖² + K₂‖e‖³,  K₁ = (3/m) Σⱼ |uⱼ| ‖aⱼ‖³,  K₂ = (1/m) Σⱼ ‖aⱼ‖⁴,
 * hence dist(z_{t+1}) ≤ ρ dist(z_t) + η(K₁ dist² + K₂ dist³) with ρ = maxᵢ |1 − 2ηλᵢ(Y)|, the exact local
 * contraction factor of GD.
 *
 * Rank-one factorization: f(z) = ¼‖zzᵀ − xxᵀ‖²_F, ∇f(z) = ‖z‖²z − (xᵀz)x; with λ = ‖x‖², e = z − x,
 *   ∇f(x + e) = (λI + xxᵀ)e + 2(xᵀe)e + ‖e‖²x + ‖e‖²e,  so
 *   dist(z_{t+1}) ≤ ρ₁ dist(z_t) + η(3√λ dist² + dist³),  ρ₁ = max(|1 − ηλ|, |1 − 2ηλ|) ≥ 1/3.
 *
 * Rows aⱼ are drawn in order from one stream, so the first m′ rows of an instance with m rows are the
 * instance with m′ rows (nested designs, used to find the smallest working sample size).
 */
import { Matrix } from 'ml-matrix';
import { symmetricEigen, type SymmetricEigen } from '../linalg/decomp.ts';
import { rowDot, rowDots8 } from '../linalg/kernels.ts';
import type { Observer } from '../claims/types.ts';
import { Rng } from '../random/rng.ts';

export interface PhaseRetrievalProblem {
  n: number;
  m: number;
  /** x (the signal), length n */
  x: Float64Array;
  /** rows aⱼ, m×n row-major */
  a: Float64Array;
  /** yⱼ = (aⱼᵀx)² */
  y: Float64Array;
  /** ‖x‖² */
  normX2: number;
}

function checkDims(n: number, m: number): void {
  if (!(Number.isInteger(n) && n >= 1)) throw new RangeError(`signal dimension n must be a positive integer, got ${n}`);
  if (!(Number.isInteger(m) && m >= 1)) throw new RangeError(`number of measurements m must be a positive integer, got ${m}`);
}

/** x ~ N(0, Iₙ) and m Gaussian measurement vectors from the seed. */
export function phaseRetrievalProblem(n: number, m: number, seed: number): PhaseRetrievalProblem {
  checkDims(n, m);
  const x = new Rng(seed, 'phase-retrieval:x').fillGaussian(new Float64Array(n));
  const a = new Rng(seed, 'phase-retrieval:a').fillGaussian(new Float64Array(m * n));
  const y = new Float64Array(m);
  for (let j = 0; j < m; j++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += a[j * n + i] * x[i];
    y[j] = s * s;
  }
  let normX2 = 0;
  for (let i = 0; i < n; i++) normX2 += x[i] * x[i];
  return { n, m, x, a, y, normX2 };
}

/** m = ⌈C n ln n⌉ (at least n), the sample size of the sample-complexity condition m ≥ C n log n. */
export function sampleSize(n: number, sampleConstant: number): number {
  checkDims(n, 1);
  if (!(sampleConstant > 0 && Number.isFinite(sampleConstant))) throw new RangeError(`sample constant must be positive, got ${sampleConstant}`);
  return Math.max(n, Math.ceil(sampleConstant * n * Math.log(Math.max(n, 2))));
}

export { symmetricEigen, type SymmetricEigen } from '../linalg/decomp.ts';

/**
 * Y = (1/m′) Σ_{j<m′} yⱼ aⱼaⱼᵀ over the first m′ rows (default all). Only the lower triangle is summed
 * (entry (r, s), r ≥ s, as Σⱼ (yⱼ a_{jr}) a_{js} in the order of j) and mirrored: the symmetric
 * eigensolver reads the lower triangle only.
 */
export function spectralMatrix(p: PhaseRetrievalProblem, rows = p.m): Matrix {
  return spectralMatrices(p, [rows])[0];
}

/**
 * Y at each of the nested row counts (ascending) in one pass over the rows: the sums of the first m′
 * rows are extended to the next count instead of being rebuilt, so every matrix has the bits
 * spectralMatrix gives at its own count.
 */
export function spectralMatrices(p: PhaseRetrievalProblem, rowCounts: readonly number[]): Matrix[] {
  const { n, a, y } = p;
  let prev = 0;
  for (const rows of rowCounts) {
    if (!(Number.isInteger(rows) && rows >= 1 && rows <= p.m)) throw new RangeError(`rows must be an integer in [1, ${p.m}], got ${rows}`);
    if (rows < prev) throw new RangeError(`row counts must be ascending, got ${rows} after ${prev}`);
    prev = rows;
  }
  const S = new Float64Array(n * n);
  const c = new Float64Array(4 * n);
  const out: Matrix[] = [];
  let done = 0;
  for (const rows of rowCounts) {
    addWeightedGram(S, c, a, y, n, done, rows);
    done = rows;
    const Y = new Matrix(n, n);
    for (let r = 0; r < n; r++) {
      for (let s = 0; s <= r; s++) {
        const v = S[r * n + s] / rows;
        Y.set(r, s, v);
        Y.set(s, r, v);
      }
    }
    out.push(Y);
  }
  return out;
}

/**
 * S[r, s] += Σ_{j0 ≤ j < j1} (yⱼ a_{jr}) a_{js} for r ≥ s, four rows j at a time: each entry still adds
 * its terms one by one in the order of j (the bits of the plain rank-one updates), with a quarter of
 * the loads and stores of S. `c` is scratch of length 4n.
 */
function addWeightedGram(S: Float64Array, c: Float64Array, a: Float64Array, y: Float64Array, n: number, j0: number, j1: number): void {
  let j = j0;
  for (; j + 3 < j1; j += 4) {
    const b0 = j * n, b1 = b0 + n, b2 = b1 + n, b3 = b2 + n;
    for (let r = 0; r < n; r++) {
      c[r] = y[j] * a[b0 + r];
      c[n + r] = y[j + 1] * a[b1 + r];
      c[2 * n + r] = y[j + 2] * a[b2 + r];
      c[3 * n + r] = y[j + 3] * a[b3 + r];
    }
    for (let r = 0; r < n; r++) {
      const c0 = c[r], c1 = c[n + r], c2 = c[2 * n + r], c3 = c[3 * n + r];
      const row = r * n;
      for (let s = 0; s <= r; s++) S[row + s] = S[row + s] + c0 * a[b0 + s] + c1 * a[b1 + s] + c2 * a[b2 + s] + c3 * a[b3 + s];
    }
  }
  for (; j < j1; j++) {
    const base = j * n;
    for (let r = 0; r < n; r++) {
      const cr = y[j] * a[base + r];
      const row = r * n;
      for (let s = 0; s <= r; s++) S[row + s] += cr * a[base + s];
    }
  }
}

/** Spectral initialization of vanilla GD (Ma et al. 2020): z₀ = √(λ₁(Y)/3) u₁. */
export function spectralInit(p: PhaseRetrievalProblem, eig: SymmetricEigen = symmetricEigen(spectralMatrix(p))): Float64Array {
  const n = p.n;
  const top = eig.values[n - 1];
  const scale = Math.sqrt(Math.max(top, 0) / 3);
  const z = new Float64Array(n);
  for (let i = 0; i < n; i++) z[i] = scale * eig.vectors.get(i, n - 1);
  return z;
}

/** The exact local contraction factor ρ = maxᵢ |1 − 2ηλᵢ(Y)| of GD at x (Hessian 2Y). */
export function localContraction(eig: SymmetricEigen, stepSize: number): number {
  const lo = eig.values[0], hi = eig.values[eig.values.length - 1];
  return Math.max(Math.abs(1 - 2 * stepSize * lo), Math.abs(1 - 2 * stepSize * hi));
}

/** K₁ = (3/m) Σ |aⱼᵀx| ‖aⱼ‖³ and K₂ = (1/m) Σ ‖aⱼ‖⁴ of the remainder bound ‖R(e)‖ ≤ K₁‖e‖² + K₂‖e‖³. */
export function remainderConstants(p: PhaseRetrievalProblem): { K1: number; K2: number } {
  const { n, m, a, y } = p;
  let K1 = 0, K2 = 0;
  for (let j = 0; j < m; j++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += a[j * n + i] * a[j * n + i];
    const norm = Math.sqrt(s);
    K1 += 3 * Math.sqrt(y[j]) * norm * s;
    K2 += s * s;
  }
  return { K1: K1 / m, K2: K2 / m };
}

/** f(z) = (1/4m) Σ ((aⱼᵀz)² − yⱼ)². */
export function phaseRetrievalLoss(p: PhaseRetrievalProblem, z: Float64Array): number {
  const { n, m, a, y } = p;
  let f = 0;
  for (let j = 0; j < m; j++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += a[j * n + i] * z[i];
    const r = s * s - y[j];
    f += r * r;
  }
  return f / (4 * m);
}

/** Scratch of eight projections aⱼᵀz of one step. */
const PROJ8 = new Float64Array(8);

/**
 * out = ∇f(z), with `proj` a work buffer of length m; allocation-free. Eight rows at a time: their
 * projections are independent sums (each in the order of i), and out[i] adds their terms in the order
 * of j, so the result has the bits of the row-by-row loops.
 */
export function phaseRetrievalGradient(p: PhaseRetrievalProblem, z: Float64Array, out: Float64Array, proj: Float64Array): Float64Array {
  const { n, m, a, y } = p;
  const s = PROJ8;
  out.fill(0);
  let j = 0;
  for (; j + 7 < m; j += 8) {
    rowDots8(a, j, n, z, s);
    for (let q = 0; q < 8; q++) s[q] = ((s[q] * s[q] - y[j + q]) * s[q]) / m;
    proj.set(s, j);
    const c0 = s[0], c1 = s[1], c2 = s[2], c3 = s[3], c4 = s[4], c5 = s[5], c6 = s[6], c7 = s[7];
    for (let i = 0, b = j * n; i < n; i++, b++) {
      out[i] = out[i] + c0 * a[b] + c1 * a[b + n] + c2 * a[b + 2 * n] + c3 * a[b + 3 * n] + c4 * a[b + 4 * n] + c5 * a[b + 5 * n] + c6 * a[b + 6 * n] + c7 * a[b + 7 * n];
    }
  }
  for (; j < m; j++) {
    const sj = rowDot(a, j, n, z);
    const c = ((sj * sj - y[j]) * sj) / m;
    proj[j] = c;
    for (let i = 0, base = j * n; i < n; i++) out[i] += c * a[base + i];
  }
  return out;
}

export type SignalMetrics = {
  /** dist(z, x) = min(‖z − x‖, ‖z + x‖) (measurements cannot tell x from −x) */
  distance: number;
  /** dist(z, x)/‖x‖ */
  relativeDistance: number;
  /** ‖z − x‖ (plain Euclidean; not a meaningful error when z approaches −x) */
  euclideanDistance: number;
  /** distance at t − 1 (NaN at t = 0) */
  previousDistance: number;
};

function signalDistances(z: Float64Array, x: Float64Array, normX: number, metrics: SignalMetrics): void {
  let dm = 0, dp = 0;
  for (let i = 0; i < x.length; i++) {
    dm += (z[i] - x[i]) ** 2;
    dp += (z[i] + x[i]) ** 2;
  }
  metrics.previousDistance = metrics.distance;
  metrics.euclideanDistance = Math.sqrt(dm);
  metrics.distance = Math.sqrt(Math.min(dm, dp));
  metrics.relativeDistance = metrics.distance / normX;
}

function checkStep(stepSize: number): void {
  if (!(stepSize > 0 && Number.isFinite(stepSize))) throw new RangeError(`step size must be positive and finite, got ${stepSize}`);
}

/**
 * Vanilla GD z_{t+1} = z_t − η∇f(z_t) from z0 (not modified): observe(t, metrics) for t = 0..maxIterations,
 * stopping early when observe returns false or the iterate is no longer finite.
 */
export function runPhaseRetrievalGd(p: PhaseRetrievalProblem, z0: Float64Array, stepSize: number, observe: Observer, maxIterations: number): void {
  checkStep(stepSize);
  if (z0.length !== p.n) throw new RangeError(`start has length ${z0.length}, expected ${p.n}`);
  const z = Float64Array.from(z0);
  const g = new Float64Array(p.n), proj = new Float64Array(p.m);
  const normX = Math.sqrt(p.normX2);
  const metrics: SignalMetrics = { distance: NaN, relativeDistance: NaN, euclideanDistance: NaN, previousDistance: NaN };
  for (let t = 0; t <= maxIterations; t++) {
    signalDistances(z, p.x, normX, metrics);
    if (!observe(t, metrics) || !Number.isFinite(metrics.distance)) return;
    phaseRetrievalGradient(p, z, g, proj);
    for (let i = 0; i < p.n; i++) z[i] -= stepSize * g[i];
  }
}

/**
 * The smallest sample constant C on the grid {step, 2·step, …} up to `sampleConstant` such that the exact
 * local contraction factor ρ(I − 2ηY_{m′}) at m′ = ⌈C′ n ln n⌉ rows is at most `targetRate` for every grid
 * C′ from C to `sampleConstant` (nested designs). Infinity when it fails at `sampleConstant` itself.
 * `fullEigen`, the eigendecomposition of Y over all m rows when the caller has it, is reused there.
 */
export function smallestWorkingSampleConstant(
  p: PhaseRetrievalProblem,
  sampleConstant: number,
  stepSize: number,
  targetRate: number,
  gridStep = 0.25,
  fullEigen?: SymmetricEigen,
): number {
  if (!(gridStep > 0)) throw new RangeError(`grid step must be positive, got ${gridStep}`);
  const grid: number[] = [];
  for (let k = 1; k * gridStep < sampleConstant - 1e-12; k++) grid.push(k * gridStep);
  grid.push(sampleConstant);
  const rowCounts = grid.map((c) => Math.min(p.m, sampleSize(p.n, c)));
  const matrices = spectralMatrices(p, rowCounts);
  // from the top of the grid down: the answer is the last C′ of the unbroken run of working values
  let smallest = Infinity;
  for (let g = grid.length - 1; g >= 0; g--) {
    const eig = fullEigen && rowCounts[g] === p.m ? fullEigen : symmetricEigen(matrices[g]);
    if (localContraction(eig, stepSize) > targetRate) break;
    smallest = grid[g];
  }
  return smallest;
}

// ---------------------------------------------------------------------------------------------
// Rank-one factorization

/**
 * GD on f(z) = ¼‖zzᵀ − xxᵀ‖²_F: z_{t+1} = z_t − η(‖z_t‖²z_t − (xᵀz_t)x), O(n) per step, from z0 (not
 * modified). Same metrics as phase retrieval (the sign ambiguity is the same).
 */
export function runRank1Gd(x: Float64Array, z0: Float64Array, stepSize: number, observe: Observer, maxIterations: number): void {
  checkStep(stepSize);
  const n = x.length;
  if (z0.length !== n) throw new RangeError(`start has length ${z0.length}, expected ${n}`);
  const z = Float64Array.from(z0);
  let normX2 = 0;
  for (let i = 0; i < n; i++) normX2 += x[i] * x[i];
  const normX = Math.sqrt(normX2);
  const metrics: SignalMetrics = { distance: NaN, relativeDistance: NaN, euclideanDistance: NaN, previousDistance: NaN };
  for (let t = 0; t <= maxIterations; t++) {
    signalDistances(z, x, normX, metrics);
    if (!observe(t, metrics) || !Number.isFinite(metrics.distance)) return;
    let zz = 0, xz = 0;
    for (let i = 0; i < n; i++) {
      zz += z[i] * z[i];
      xz += x[i] * z[i];
    }
    for (let i = 0; i < n; i++) z[i] -= stepSize * (zz * z[i] - xz * x[i]);
  }
}

/** The exact local rate of rank-one GD at x: max(|1 − ηλ|, |1 − 2ηλ|), λ = ‖x‖² (Hessian λI + xxᵀ). */
export function rank1Contraction(normX2: number, stepSize: number): number {
  return Math.max(Math.abs(1 - stepSize * normX2), Math.abs(1 - 2 * stepSize * normX2));
}
