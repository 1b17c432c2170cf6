/**
 * Gradient descent and Nesterov's accelerated method for a generic smooth objective on Float64Array.
 * Buffers are allocated once per run; the iteration loop allocates nothing and streams the metrics the
 * classical claims need at every iterate x_t.
 *
 * - GD: x_{t+1} = x_t − γ ∇f(x_t).
 * - Nesterov, strongly convex form (PEPit `accelerated_gradient_strongly_convex.py`):
 *   y_t = x_t + β (x_t − x_{t−1}), x_{t+1} = y_t − γ ∇f(y_t), x_{−1} = x₀.
 */
import type { Bound, Observer } from '../claims/types.ts';
import type { SmoothProblem } from '../problems/smooth-convex.ts';

export type FirstOrderMetrics = {
  /** f(x_t) − f* */
  gap: number;
  /** ‖x_t − x*‖² */
  distSq: number;
  /** (x_t − x*)₀, the signed error of the first coordinate (a mode's error on diagonal quadratics) */
  error0: number;
  /** ‖∇f(x_t)‖² (gradient descent only; NaN for Nesterov's method, whose gradients are taken at y_t) */
  gradNormSq: number;
};

export interface GradientDescentSpec {
  /** γ */
  stepSize: number;
}

export interface NesterovSpec {
  /** γ */
  stepSize: number;
  /** β in [0, 1) */
  momentum: number;
}

function checkStart(problem: SmoothProblem, x0: Float64Array, stepSize: number): void {
  if (x0.length !== problem.dim) throw new RangeError(`x0 has length ${x0.length}, the problem has dimension ${problem.dim}`);
  for (let i = 0; i < x0.length; i++) if (!Number.isFinite(x0[i])) throw new RangeError(`x0[${i}] is not finite: ${x0[i]}`);
  if (!(stepSize > 0 && Number.isFinite(stepSize))) throw new RangeError(`step size must be positive and finite, got ${stepSize}`);
}

function fill(metrics: FirstOrderMetrics, problem: SmoothProblem, x: Float64Array): void {
  const xs = problem.xStar;
  let s = 0;
  for (let i = 0; i < x.length; i++) {
    const t = x[i] - xs[i];
    s += t * t;
  }
  metrics.distSq = s;
  metrics.error0 = x[0] - xs[0];
  metrics.gap = problem.gap(x);
}

/** Run GD from x₀, calling observe(t, metrics of x_t) for t = 0, 1, ..., maxIterations (stops when observe returns false). */
export function runGradientDescent(problem: SmoothProblem, x0: Float64Array, spec: GradientDescentSpec, observe: Observer, maxIterations: number): void {
  const gamma = spec.stepSize;
  checkStart(problem, x0, gamma);
  const d = problem.dim;
  const x = Float64Array.from(x0);
  const g = new Float64Array(d);
  const metrics: FirstOrderMetrics = { gap: 0, distSq: 0, error0: 0, gradNormSq: 0 };
  for (let t = 0; ; t++) {
    problem.gradient(x, g);
    let gn = 0;
    for (let i = 0; i < d; i++) gn += g[i] * g[i];
    fill(metrics, problem, x);
    metrics.gradNormSq = gn;
    if (!observe(t, metrics) || t >= maxIterations) return;
    for (let i = 0; i < d; i++) x[i] -= gamma * g[i];
  }
}

/** Run Nesterov's method from x₀ = x_{−1}, calling observe(t, metrics of x_t) for t = 0, 1, ..., maxIterations. */
export function runNesterov(problem: SmoothProblem, x0: Float64Array, spec: NesterovSpec, observe: Observer, maxIterations: number): void {
  const gamma = spec.stepSize, beta = spec.momentum;
  checkStart(problem, x0, gamma);
  if (!(beta >= 0 && beta < 1)) throw new RangeError(`momentum must lie in [0, 1), got ${beta}`);
  const d = problem.dim;
  let x = Float64Array.from(x0);
  let xPrev = Float64Array.from(x0);
  let xNext = new Float64Array(d);
  const y = new Float64Array(d);
  const g = new Float64Array(d);
  const metrics: FirstOrderMetrics = { gap: 0, distSq: 0, error0: 0, gradNormSq: NaN };
  for (let t = 0; ; t++) {
    fill(metrics, problem, x);
    if (!observe(t, metrics) || t >= maxIterations) return;
    for (let i = 0; i < d; i++) y[i] = x[i] + beta * (x[i] - xPrev[i]);
    problem.gradient(y, g);
    for (let i = 0; i < d; i++) xNext[i] = y[i] - gamma * g[i];
    const old = xPrev;
    xPrev = x;
    x = xNext;
    xNext = old;
  }
}

/** Nesterov's momentum for F_{μ,L} with step 1/L: β = (√L − √μ)/(√L + √μ). */
export function nesterovMomentum(mu: number, L: number): number {
  if (!(L > 0 && mu >= 0 && mu <= L)) throw new RangeError(`need 0 ≤ μ ≤ L, L > 0, got μ=${mu}, L=${L}`);
  const a = Math.sqrt(L), b = Math.sqrt(mu);
  return (a - b) / (a + b);
}

/** GD's per-step factor on F_{μ,L}: ρ(γ) = max(|1 − γμ|, |1 − γL|). */
export function gdRate(stepSize: number, mu: number, L: number): number {
  return Math.max(Math.abs(1 - stepSize * mu), Math.abs(1 - stepSize * L));
}

/**
 * Roundoff guard, derived here. The iterate x_t = x* + e_t is stored in float64,
 * so every step adds a rounding error of about eps·‖x*‖ (errors relative to ‖e_t‖ are harmless: the gap
 * and the gradient are computed from e_t). A linear error recursion amplifies these injections by at
 * most `amplification` (Σ_k ‖M^k‖: 1/(1 − ρ) for a ρ-contraction, κ for Nesterov's double root, the
 * number of steps without contraction), so the absolute error of x_t is at most
 *   δ = 4 eps ‖x*‖ · amplification.
 * A metric is compared with `bound + allowance`, the allowance being the most that δ can move it at the
 * observed value (whenever observed > bound ≥ true, the true value is below the observed one):
 *   ‖e‖²:       2‖e‖δ + δ²            gap (L-smooth):  ‖∇f‖δ + Lδ²/2 ≤ √(2L·gap)δ + Lδ²
 *   a coordinate error: δ.
 * Nothing is compared once the bound falls below FLOOR_FACTOR times the allowance's floor level (δ², 2Lδ²,
 * δ·√FLOOR_FACTOR), where the allowance would be more than about 1/√FLOOR_FACTOR of the bound, nor below
 * 1e-200 of its initial value (subnormal range).
 */
export const FLOOR_FACTOR = 1e6;
export const UNDERFLOW_FRACTION = 1e-200;

export function iterateNoise(xStarNorm: number, amplification: number): number {
  if (!(xStarNorm >= 0 && amplification >= 0)) throw new RangeError(`iterateNoise needs non-negative arguments, got ${xStarNorm}, ${amplification}`);
  return 4 * Number.EPSILON * xStarNorm * amplification;
}

export interface RoundoffGuard {
  /** δ, the absolute error bound of the iterate */
  noise: number;
  /** nothing is compared while the bound is below this */
  floor: number;
  /** added to the bound: the most rounding can move the metric at the observed value */
  allowance(observed: number): number;
}

/** Guard of ‖x_t − x*‖². */
export function distSqGuard(noise: number, initial: number): RoundoffGuard {
  return {
    noise,
    floor: Math.max(FLOOR_FACTOR * noise * noise, UNDERFLOW_FRACTION * initial),
    allowance: (observed) => 2 * Math.sqrt(Math.max(observed, 0)) * noise + noise * noise,
  };
}

/** Guard of f(x_t) − f* for an L-smooth f. */
export function gapGuard(noise: number, L: number, initial: number): RoundoffGuard {
  return {
    noise,
    floor: Math.max(2 * FLOOR_FACTOR * L * noise * noise, UNDERFLOW_FRACTION * initial),
    allowance: (observed) => Math.sqrt(2 * L * Math.max(observed, 0)) * noise + L * noise * noise,
  };
}

/** Guard of one signed coordinate of x_t − x*. */
export function coordinateGuard(noise: number, initial: number): RoundoffGuard {
  return {
    noise,
    floor: Math.max(Math.sqrt(FLOOR_FACTOR) * noise, UNDERFLOW_FRACTION * Math.abs(initial)),
    allowance: () => noise,
  };
}

/**
 * A bound on `metric` compared through a roundoff guard: observed ≤ bound(t) + allowance ('le') or
 * observed ≥ bound(t) − allowance ('ge'), only while bound(t) + allowance is above the guard's floor.
 */
export function guardedBound(metric: string, bound: (t: number) => number, guard: RoundoffGuard, cite: string, o: { relation?: 'le' | 'ge'; rtol?: number } = {}): Bound {
  const relation = o.relation ?? 'le';
  const sign = relation === 'le' ? 1 : -1;
  return {
    metric,
    relation,
    value: (t, observed) => {
      const b = bound(t);
      // below the floor the returned value only has to stay below it (nothing is compared)
      if (b < guard.floor) return b;
      return b + sign * guard.allowance(observed[metric]);
    },
    floor: guard.floor,
    rtol: o.rtol,
    cite: guard.noise > 0 ? `${cite} (+ roundoff allowance, δ = ${guard.noise.toPrecision(3)})` : cite,
  };
}
