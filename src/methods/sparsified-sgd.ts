/**
 * Sparsified SGD with memory (Stich, Cordonnier, Jaggi, NeurIPS 2018): the compressors of Definition 2.2
 * and MEM-SGD (eq. 8) on a finite-sum ridge problem, on Float64Array state without per-step allocation.
 *
 *   top_k: keep the k entries of largest absolute value (ties: lowest index first), zero the rest;
 *   rand_k: keep a uniformly random k-subset (partial Fisher–Yates), zero the rest;
 *   MEM-SGD: m₀ = 0; i_t uniform in [n]; g_t = comp_k(m_t + η_t ∇f_{i_t}(x_t));
 *            x_{t+1} = x_t − g_t; m_{t+1} = m_t + η_t ∇f_{i_t}(x_t) − g_t.
 * The step multiplies the gradient when it enters the memory, not when it leaves.
 */
import { Rng } from '../random/rng.ts';
import type { Observer } from '../claims/types.ts';
import type { FiniteSumRidge } from '../problems/smooth-convex.ts';

export type CompressorKind = 'top-k' | 'rand-k';

function checkK(k: number, d: number): void {
  if (!(Number.isInteger(k) && k >= 1 && k <= d)) throw new RangeError(`k must be an integer in [1, ${d}], got ${k}`);
}

/**
 * out ← top_k(x). `order` is scratch of length d (its contents are overwritten); on return its first k
 * entries are the kept indices by |x_i| descending, ties broken by the lower index. One pass keeps that
 * list sorted by insertion: an entry enters only if it beats the current k-th, so the work is O(d) plus
 * the insertions (few for k ≪ d).
 */
export function topK(x: Float64Array, k: number, out: Float64Array, order: Int32Array): void {
  const d = x.length;
  checkK(k, d);
  let count = 0;
  let last = -Infinity; // |x| of the k-th kept entry once the list is full
  for (let i = 0; i < d; i++) {
    const a = Math.abs(x[i]);
    if (a !== a) {
      topKBySelection(x, k, out, order); // NaN is unordered: keep the selection sort's exact behaviour
      return;
    }
    if (count === k && !(a > last)) continue; // a tie loses to the lower indices already kept
    // insert i after every kept entry with |x| ≥ a (those have lower indices)
    let p = count < k ? count++ : k - 1;
    while (p > 0 && Math.abs(x[order[p - 1]]) < a) {
      order[p] = order[p - 1];
      p--;
    }
    order[p] = i;
    if (count === k) last = Math.abs(x[order[k - 1]]);
  }
  out.fill(0);
  for (let i = 0; i < k; i++) out[order[i]] = x[order[i]];
}

/** top_k by a partial selection sort, O(dk): the reference order, used when x holds a NaN. */
function topKBySelection(x: Float64Array, k: number, out: Float64Array, order: Int32Array): void {
  const d = x.length;
  for (let i = 0; i < d; i++) order[i] = i;
  for (let i = 0; i < k; i++) {
    let best = i;
    let bestAbs = Math.abs(x[order[i]]);
    for (let j = i + 1; j < d; j++) {
      const a = Math.abs(x[order[j]]);
      if (a > bestAbs || (a === bestAbs && order[j] < order[best])) {
        best = j;
        bestAbs = a;
      }
    }
    const tmp = order[i];
    order[i] = order[best];
    order[best] = tmp;
  }
  out.fill(0);
  for (let i = 0; i < k; i++) out[order[i]] = x[order[i]];
}

/**
 * out ← rand_k(x): partial Fisher–Yates on `perm` (any permutation of 0..d−1; it is left permuted), with
 * draw(m) an integer uniform in [0, m). Every k-subset is kept with probability 1/C(d, k).
 */
export function randK(x: Float64Array, k: number, out: Float64Array, perm: Int32Array, draw: (m: number) => number): void {
  const d = x.length;
  checkK(k, d);
  out.fill(0);
  for (let i = 0; i < k; i++) {
    const j = i + draw(d - i);
    const tmp = perm[i];
    perm[i] = perm[j];
    perm[j] = tmp;
    out[perm[i]] = x[perm[i]];
  }
}

/** A k-contraction with its own scratch and random stream. */
export class Compressor {
  readonly kind: CompressorKind;
  readonly k: number;
  readonly d: number;
  private readonly scratch: Int32Array;
  private readonly rng: Rng | null;
  private readonly draw: (m: number) => number;

  constructor(kind: CompressorKind, k: number, d: number, seed = 0) {
    checkK(k, d);
    this.kind = kind;
    this.k = k;
    this.d = d;
    this.scratch = new Int32Array(d);
    for (let i = 0; i < d; i++) this.scratch[i] = i;
    this.rng = kind === 'rand-k' ? new Rng(seed, 'rand-k') : null;
    const rng = this.rng;
    this.draw = rng ? (m) => rng.int(m) : () => 0;
  }

  apply(x: Float64Array, out: Float64Array): void {
    if (x.length !== this.d || out.length !== this.d) throw new RangeError(`compressor of dimension ${this.d} applied to lengths ${x.length}, ${out.length}`);
    if (this.kind === 'top-k') topK(x, this.k, out, this.scratch);
    else randK(x, this.k, out, this.scratch, this.draw);
  }
}

/**
 * The exact expectation E[F(rand_k(x))] over the implementation's own draws: every draw sequence of the
 * partial Fisher–Yates (d(d−1)···(d−k+1) of them, equally likely) is enumerated. Exact up to summation
 * rounding; meant for small d (it throws beyond 1e6 sequences).
 */
export function randKExpectation(x: Float64Array, k: number, F: (compressed: Float64Array) => number): { mean: number; max: number; min: number; paths: number } {
  const d = x.length;
  checkK(k, d);
  let paths = 1;
  for (let i = 0; i < k; i++) paths *= d - i;
  if (paths > 1e6) throw new RangeError(`rand_k enumeration over ${paths} draw sequences is too large (d=${d}, k=${k})`);
  const digits = new Int32Array(k);
  const perm = new Int32Array(d);
  const out = new Float64Array(d);
  let sum = 0, max = -Infinity, min = Infinity;
  for (let p = 0; p < paths; p++) {
    // mixed radix: digit i in [0, d − i)
    let rest = p;
    for (let i = k - 1; i >= 0; i--) {
      digits[i] = rest % (d - i);
      rest = Math.floor(rest / (d - i));
    }
    for (let i = 0; i < d; i++) perm[i] = i;
    let call = 0;
    randK(x, k, out, perm, () => digits[call++]);
    const v = F(out);
    sum += v;
    if (v > max) max = v;
    if (v < min) min = v;
  }
  return { mean: sum / paths, max, min, paths };
}

// ---------------------------------------------------------------------------------------------
// MEM-SGD

export interface MemSgdSpec {
  k: number;
  compressor: CompressorKind;
  /** η_t */
  stepSize: (t: number) => number;
  /** w_t of the averaged iterate x̄_T = Σ_{t<T} w_t x_t / Σ_{t<T} w_t */
  weight: (t: number) => number;
  /** seed of the component draws i_t and of rand_k */
  seed: number;
  /** run without memory (m is discarded after every step): plain sparsified SGD */
  noMemory?: boolean;
}

/** One MEM-SGD trajectory, advanced one step at a time. */
export class MemSgd {
  readonly problem: FiniteSumRidge;
  readonly spec: MemSgdSpec;
  /** current iteration t (x = x_t, m = m_t) */
  t = 0;
  readonly x: Float64Array;
  readonly m: Float64Array;
  /** Σ_{t' < t} w_{t'} x_{t'} and Σ_{t' < t} w_{t'} */
  readonly weightedSum: Float64Array;
  weightTotal = 0;
  private readonly grad: Float64Array;
  private readonly v: Float64Array;
  private readonly g: Float64Array;
  private readonly xbar: Float64Array;
  private readonly compressor: Compressor;
  private readonly rng: Rng;

  constructor(problem: FiniteSumRidge, x0: Float64Array, spec: MemSgdSpec) {
    if (x0.length !== problem.d) throw new RangeError(`x0 has length ${x0.length}, the problem has dimension ${problem.d}`);
    const d = problem.d;
    this.problem = problem;
    this.spec = spec;
    this.x = Float64Array.from(x0);
    this.m = new Float64Array(d);
    this.weightedSum = new Float64Array(d);
    this.grad = new Float64Array(d);
    this.v = new Float64Array(d);
    this.g = new Float64Array(d);
    this.xbar = new Float64Array(d);
    this.compressor = new Compressor(spec.compressor, spec.k, d, spec.seed);
    this.rng = new Rng(spec.seed, 'mem-sgd');
  }

  /** x_t → x_{t+1}, m_t → m_{t+1}; accumulates w_t x_t into the average first. */
  step(): void {
    const { x, m, v, g, grad } = this;
    const d = x.length;
    const t = this.t;
    const w = this.spec.weight(t);
    for (let j = 0; j < d; j++) this.weightedSum[j] += w * x[j];
    this.weightTotal += w;
    const eta = this.spec.stepSize(t);
    if (!(eta > 0 && Number.isFinite(eta))) throw new RangeError(`step size η_${t} must be positive and finite, got ${eta}`);
    const i = this.rng.int(this.problem.n);
    this.problem.componentGradient(i, x, grad);
    for (let j = 0; j < d; j++) v[j] = m[j] + eta * grad[j];
    this.compressor.apply(v, g);
    for (let j = 0; j < d; j++) {
      x[j] -= g[j];
      m[j] = this.spec.noMemory ? 0 : v[j] - g[j];
    }
    this.t = t + 1;
  }

  memoryNormSq(): number {
    let s = 0;
    for (let j = 0; j < this.m.length; j++) s += this.m[j] * this.m[j];
    return s;
  }

  /** E_i‖∇f_i(x_t)‖² at the current iterate. */
  meanSquaredGradientNorm(): number {
    return this.problem.meanSquaredGradientNorm(this.x);
  }

  /** f(x̄_t) − f* for the weighted average of x_0..x_{t−1} (NaN before the first step). */
  averageGap(): number {
    if (this.t === 0) return NaN;
    for (let j = 0; j < this.xbar.length; j++) this.xbar[j] = this.weightedSum[j] / this.weightTotal;
    return this.problem.gap(this.xbar);
  }

  /** f(x_t) − f*. */
  gap(): number {
    return this.problem.gap(this.x);
  }
}

export type MemSgdMetrics = {
  /** f(x_t) − f* */
  gap: number;
  /** f(x̄_t) − f* (NaN at t = 0) */
  averageGap: number;
  /** ‖m_t‖² */
  memoryNormSq: number;
  /** E_i‖∇f_i(x_t)‖² */
  meanSquaredGradientNorm: number;
};

/** Run one MEM-SGD trajectory, calling observe(t, metrics of x_t) for t = 0, 1, ..., maxIterations. */
export function runMemSgd(problem: FiniteSumRidge, x0: Float64Array, spec: MemSgdSpec, observe: Observer, maxIterations: number): void {
  const run = new MemSgd(problem, x0, spec);
  const metrics: MemSgdMetrics = { gap: 0, averageGap: NaN, memoryNormSq: 0, meanSquaredGradientNorm: 0 };
  for (;;) {
    metrics.gap = run.gap();
    metrics.averageGap = run.averageGap();
    metrics.memoryNormSq = run.memoryNormSq();
    metrics.meanSquaredGradientNorm = run.meanSquaredGradientNorm();
    if (!observe(run.t, metrics) || run.t >= maxIterations) return;
    run.step();
  }
}

/** S_T = Σ_{t=0}^{T−1} (a + t)² = (T/6)(2T² + 6aT − 3T + 6a² − 6a + 1) (Theorem 2.4). */
export function weightSum(T: number, a: number): number {
  return (T / 6) * (2 * T * T + 6 * a * T - 3 * T + 6 * a * a - 6 * a + 1);
}
