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

/** Balanced start as a k-vector (for the dense path). */
export function balancedStart(a: number, k: number): Float64Array {
  checkDepth(k);
  return new Float64Array(k).fill(a);
}
