/**
 * Gradient descent on a deep scalar linear network (Shamir, COLT 2019):
 *
 *   F(w₁, …, w_k) = f(∏ᵢ wᵢ),  f(x) = ½(x − y)²,
 *   wᵢ ← wᵢ − η f′(p) ∏_{j≠i} w_j,  p = ∏ⱼ wⱼ.
 *
 * The partial products ∏_{j≠i} w_j come from prefix and suffix products (never from dividing by wᵢ,
 * which may be 0). Buffers are allocated once per run; the loop allocates nothing.
 *
 * Balanced start wᵢ(0) = a for every i: all coordinates stay equal and GD reduces exactly to the
 * scalar recursion w ← w − η f′(w^k) w^{k−1} (the exact reduced fast path, cross-checked against the
 * k-dimensional iteration in the tests).
 */
import type { Observer } from '../claims/types.ts';

export interface DeepScalarSpec {
  /** η */
  stepSize: number;
  /** y in f(x) = ½(x − y)² (default 1) */
  target?: number;
}

export type DeepScalarMetrics = {
  /** F(w_t) = ½(∏ wᵢ − y)² */
  loss: number;
  /** ∏ wᵢ(t) */
  product: number;
};

function checkSpec(spec: DeepScalarSpec): { eta: number; y: number } {
  const eta = spec.stepSize;
  const y = spec.target ?? 1;
  if (!(eta > 0 && Number.isFinite(eta))) throw new RangeError(`step size must be positive and finite, got ${eta}`);
  if (!Number.isFinite(y)) throw new RangeError(`target must be finite, got ${y}`);
  return { eta, y };
}

function checkDepth(k: number): void {
  if (!(Number.isInteger(k) && k >= 1)) throw new RangeError(`depth must be a positive integer, got ${k}`);
}

/** p = ∏ wᵢ, filling the prefix products pre[i] = w₁⋯wᵢ (pre has length k + 1). */
function product(w: Float64Array, pre: Float64Array): number {
  const k = w.length;
  pre[0] = 1;
  for (let i = 0; i < k; i++) pre[i + 1] = pre[i] * w[i];
  return pre[k];
}

/** One GD step in place, with the prefix products of the current iterate already in `pre`. */
function step(w: Float64Array, pre: Float64Array, suf: Float64Array, eta: number, fPrime: number): void {
  const k = w.length;
  suf[k] = 1;
  for (let i = k - 1; i >= 0; i--) suf[i] = suf[i + 1] * w[i];
  const c = eta * fPrime;
  for (let i = 0; i < k; i++) w[i] -= c * pre[i] * suf[i + 1];
}

/**
 * Run GD from w0 (not modified) and call observe(t, {loss, product}) for t = 0, 1, …, maxIterations,
 * stopping early when observe returns false or the product is no longer finite.
 */
export function runDeepScalar(w0: Float64Array, spec: DeepScalarSpec, observe: Observer, maxIterations: number): void {
  const { eta, y } = checkSpec(spec);
  checkDepth(w0.length);
  const k = w0.length;
  const w = Float64Array.from(w0);
  const pre = new Float64Array(k + 1), suf = new Float64Array(k + 1);
  const metrics: DeepScalarMetrics = { loss: 0, product: 0 };
  for (let t = 0; t <= maxIterations; t++) {
    const p = product(w, pre);
    metrics.product = p;
    metrics.loss = 0.5 * (p - y) * (p - y);
    if (!observe(t, metrics) || !Number.isFinite(p)) return;
    step(w, pre, suf, eta, p - y);
  }
}

/**
 * First t with F(w_t) ≤ lossTolerance, by GD from w0 (not modified); Infinity when it is not reached
 * within `cap` steps or the iterates stop being finite (divergence).
 */
export function stepsToLoss(w0: Float64Array, spec: DeepScalarSpec, lossTolerance: number, cap: number): number {
  const { eta, y } = checkSpec(spec);
  checkDepth(w0.length);
  if (!(lossTolerance > 0)) throw new RangeError(`loss tolerance must be positive, got ${lossTolerance}`);
  const k = w0.length;
  const w = Float64Array.from(w0);
  const pre = new Float64Array(k + 1), suf = new Float64Array(k + 1);
  for (let t = 0; t <= cap; t++) {
    const p = product(w, pre);
    if (!Number.isFinite(p)) return Infinity;
    if (0.5 * (p - y) * (p - y) <= lossTolerance) return t;
    step(w, pre, suf, eta, p - y);
  }
  return Infinity;
}

/**
 * stepsToLoss for several starts of one depth, run in lockstep four at a time: the four prefix-product
 * chains advance in one loop and the suffix products are folded into the update, so independent
 * multiplications overlap instead of waiting on one chain. Every run performs the operations of
 * stepsToLoss in the same order, so each count equals stepsToLoss(starts[r], …).
 */
export function stepsToLossMany(starts: readonly Float64Array[], spec: DeepScalarSpec, lossTolerance: number, cap: number): number[] {
  const { eta, y } = checkSpec(spec);
  if (!(lossTolerance > 0)) throw new RangeError(`loss tolerance must be positive, got ${lossTolerance}`);
  const runs = starts.length;
  const result: number[] = new Array(runs).fill(Infinity);
  if (runs === 0) return result;
  const k = starts[0].length;
  checkDepth(k);
  for (const w0 of starts) if (w0.length !== k) throw new RangeError(`every start must have length ${k}, got ${w0.length}`);
  // row r of W is run r; row `runs` is a dummy lane that pads the last group of four
  const W = new Float64Array((runs + 1) * k).fill(0.5);
  starts.forEach((w0, r) => W.set(w0, r * k));
  const pre = new Float64Array(4 * (k + 1));
  const P1 = k + 1, P2 = 2 * (k + 1), P3 = 3 * (k + 1);
  let active = Int32Array.from({ length: runs }, (_, r) => r);
  let next = new Int32Array(runs);
  let count = runs;
  const lane = new Int32Array(4);
  const fPrime = new Float64Array(4);
  for (let t = 0; count > 0 && t <= cap; t++) {
    let kept = 0;
    for (let g = 0; g < count; g += 4) {
      for (let q = 0; q < 4; q++) lane[q] = g + q < count ? active[g + q] : runs;
      if (g + 4 > count) W.fill(0.5, runs * k, runs * k + k); // keep the dummy lane tame (no overflow, no subnormals)
      const o0 = lane[0] * k, o1 = lane[1] * k, o2 = lane[2] * k, o3 = lane[3] * k;
      let p0 = 1, p1 = 1, p2 = 1, p3 = 1;
      for (let i = 0; i < k; i++) {
        pre[i] = p0;
        pre[P1 + i] = p1;
        pre[P2 + i] = p2;
        pre[P3 + i] = p3;
        p0 *= W[o0 + i];
        p1 *= W[o1 + i];
        p2 *= W[o2 + i];
        p3 *= W[o3 + i];
      }
      fPrime[0] = p0 - y;
      fPrime[1] = p1 - y;
      fPrime[2] = p2 - y;
      fPrime[3] = p3 - y;
      for (let q = 0; q < 4 && g + q < count; q++) {
        const r = lane[q], p = q === 0 ? p0 : q === 1 ? p1 : q === 2 ? p2 : p3;
        if (!Number.isFinite(p)) continue;
        if (0.5 * (p - y) * (p - y) <= lossTolerance) result[r] = t;
        else next[kept++] = r;
      }
      // w_i ← w_i − η f′(p) (w₁⋯w_{i−1})(w_{i+1}⋯w_k), the suffix product carried in s
      const c0 = eta * fPrime[0], c1 = eta * fPrime[1], c2 = eta * fPrime[2], c3 = eta * fPrime[3];
      let s0 = 1, s1 = 1, s2 = 1, s3 = 1;
      for (let i = k - 1; i >= 0; i--) {
        const w0 = W[o0 + i], w1 = W[o1 + i], w2 = W[o2 + i], w3 = W[o3 + i];
        W[o0 + i] = w0 - c0 * pre[i] * s0;
        W[o1 + i] = w1 - c1 * pre[P1 + i] * s1;
        W[o2 + i] = w2 - c2 * pre[P2 + i] * s2;
        W[o3 + i] = w3 - c3 * pre[P3 + i] * s3;
        s0 *= w0;
        s1 *= w1;
        s2 *= w2;
        s3 *= w3;
      }
    }
    [active, next] = [next, active];
    count = kept;
  }
  return result;
}

/** First t with ∏ wᵢ(t) ≥ level by GD from w0 (the k-dimensional iteration); Infinity if not within cap. */
export function stepsToProduct(w0: Float64Array, spec: DeepScalarSpec, level: number, cap: number): number {
  const { eta, y } = checkSpec(spec);
  checkDepth(w0.length);
  const k = w0.length;
  const w = Float64Array.from(w0);
  const pre = new Float64Array(k + 1), suf = new Float64Array(k + 1);
  for (let t = 0; t <= cap; t++) {
    const p = product(w, pre);
    if (!Number.isFinite(p)) return Infinity;
    if (p >= level) return t;
    step(w, pre, suf, eta, p - y);
  }
  return Infinity;
}

/** w^n for an integer n ≥ 0 by repeated squaring (deterministic, unlike Math.pow across engines). */
export function intPow(w: number, n: number): number {
  let result = 1;
  let base = w;
  let e = n;
  while (e > 0) {
    if (e & 1) result *= base;
    base *= base;
    e >>>= 1;
  }
  return result;
}

/**
 * Balanced start wᵢ(0) = a, i = 1..k: the exact scalar reduction w ← w − η (w^k − y) w^{k−1}. Returns
 * the first t with w_t^k ≥ level (the product of the k-dimensional iterate), Infinity if not within cap.
 */
export function balancedStepsToProduct(a: number, k: number, spec: DeepScalarSpec, level: number, cap: number): number {
  const { eta, y } = checkSpec(spec);
  checkDepth(k);
  if (!Number.isFinite(a)) throw new RangeError(`initial value must be finite, got ${a}`);
  let w = a;
  for (let t = 0; t <= cap; t++) {
    const q = intPow(w, k - 1); // w^{k−1}
    const p = q * w;
    if (!Number.isFinite(p)) return Infinity;
    if (p >= level) return t;
    w -= eta * (p - y) * q;
  }
  return Infinity;
}

/**
 * balancedStepsToProduct at several depths with one start a, the recursions advanced in lockstep (one
 * step of every unfinished depth per round) so that their independent multiplication chains overlap.
 * Each depth performs the operations of balancedStepsToProduct in the same order: counts[j] equals
 * balancedStepsToProduct(a, depths[j], spec, level, caps[j]).
 */
export function balancedStepsToProductMany(a: number, depths: readonly number[], spec: DeepScalarSpec, level: number, caps: readonly number[]): number[] {
  const { eta, y } = checkSpec(spec);
  depths.forEach(checkDepth);
  if (!Number.isFinite(a)) throw new RangeError(`initial value must be finite, got ${a}`);
  if (caps.length !== depths.length) throw new RangeError(`one cap per depth is needed, got ${caps.length} for ${depths.length} depths`);
  const c = depths.length;
  const result: number[] = new Array(c).fill(Infinity);
  const w = new Float64Array(c).fill(a);
  const active = Int32Array.from({ length: c }, (_, j) => j);
  let count = c;
  let t = 0;
  for (; count > 1; t++) {
    let kept = 0;
    for (let q = 0; q < count; q++) {
      const j = active[q];
      if (t > caps[j]) continue;
      const wj = w[j];
      // intPow(wj, k − 1), inlined
      let r = 1, base = wj, e = depths[j] - 1;
      while (e > 0) {
        if (e & 1) r *= base;
        base *= base;
        e >>>= 1;
      }
      const p = r * wj;
      if (!Number.isFinite(p)) continue;
      if (p >= level) {
        result[j] = t;
        continue;
      }
      w[j] = wj - eta * (p - y) * r;
      active[kept++] = j;
    }
    count = kept;
  }
  // the last depth alone: the plain recursion from where it stands
  if (count === 1) {
    const j = active[0];
    // a step that left the float range ends the run at the next check, as in the plain recursion
    result[j] = Number.isFinite(w[j]) ? t + balancedStepsToProduct(w[j], depths[j], spec, level, caps[j] - t) : Infinity;
  }
  return result;
}

/** Balanced start as a k-vector (for the dense path). */
export function balancedStart(a: number, k: number): Float64Array {
  checkDepth(k);
  return new Float64Array(k).fill(a);
}
