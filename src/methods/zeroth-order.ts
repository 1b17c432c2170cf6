/**
 * Zeroth-order methods through Gaussian smoothing (Nesterov–Spokoiny 2017; Ghadimi–Lan 2013), on
 * Float64Array state without per-sample allocation.
 *
 *   f_ν(x) = E_u f(x + νu), u ~ N(0, I_d);
 *   forward estimator    G_ν(x, u) = [f(x + νu) − f(x)]/ν · u;
 *   symmetric estimator  [f(x + νu) − f(x − νu)]/(2ν) · u;
 *   directional (ν → 0)  ⟨∇f(x), u⟩ u;
 *   RSGF (Ghadimi–Lan, Algorithm 1 with the estimator above): x_{k+1} = x_k − γ_k G_ν(x_k, ξ_k, u_k), with
 *   the stochastic oracle F(x, ξ) = f(x) + ⟨ξ, x⟩, ξ ~ N(0, (σ²/d) I) (gradient noise of variance σ²); both
 *   evaluations of one step share ξ_k.
 *
 * Exact expectations on quadratics f = f* + ½(x − x*)ᵀA(x − x*) ([D], Isserlis' theorem): f_ν = f + ν²tr(A)/2,
 * E G_ν = ∇f, E‖G_ν‖² = (d + 2)‖∇f‖² + (ν²/4)(d + 4)((tr A)² + 2 tr(A²)) (forward), (d + 2)‖∇f‖² (symmetric).
 */
import { Rng } from '../random/rng.ts';
import type { Observer } from '../claims/types.ts';
import type { SmoothProblem } from '../problems/smooth-convex.ts';
import { meanStandardError, type MeanEstimate } from '../claims/statistics.ts';

export type EstimatorKind = 'forward' | 'symmetric' | 'directional';

function checkNu(kind: EstimatorKind, nu: number): void {
  if (kind === 'directional') return;
  if (!(nu > 0 && Number.isFinite(nu))) throw new RangeError(`smoothing parameter ν must be positive and finite, got ${nu}`);
}

/** A Gaussian-smoothing gradient estimator of a smooth problem, with its own scratch buffers. */
export class GaussianEstimator {
  readonly problem: SmoothProblem;
  readonly kind: EstimatorKind;
  readonly nu: number;
  private readonly xp: Float64Array;
  private readonly xm: Float64Array;
  private readonly grad: Float64Array;

  constructor(problem: SmoothProblem, kind: EstimatorKind, nu: number) {
    checkNu(kind, nu);
    this.problem = problem;
    this.kind = kind;
    this.nu = nu;
    this.xp = new Float64Array(problem.dim);
    this.xm = new Float64Array(problem.dim);
    this.grad = new Float64Array(problem.dim);
  }

  /**
   * out ← the estimator at x along u, for the oracle F(·, ξ) = f + ⟨ξ, ·⟩ when xi is given (else f);
   * returns ‖out‖². fx may pass a precomputed F(x, ξ) for the forward estimator.
   */
  estimate(x: Float64Array, u: Float64Array, out: Float64Array, xi?: Float64Array, fx?: number): number {
    const d = x.length;
    const p = this.problem;
    let scale: number;
    if (this.kind === 'directional') {
      p.gradient(x, this.grad);
      let s = 0;
      for (let i = 0; i < d; i++) s += (this.grad[i] + (xi ? xi[i] : 0)) * u[i];
      scale = s;
    } else {
      const nu = this.nu;
      for (let i = 0; i < d; i++) this.xp[i] = x[i] + nu * u[i];
      // ⟨ξ, x + νu⟩ − ⟨ξ, x⟩ = ν⟨ξ, u⟩ for the forward difference; 2ν⟨ξ, u⟩ for the symmetric one
      let xiU = 0;
      if (xi) for (let i = 0; i < d; i++) xiU += xi[i] * u[i];
      if (this.kind === 'forward') {
        const base = fx ?? p.value(x);
        scale = (p.value(this.xp) - base) / nu + xiU;
      } else {
        for (let i = 0; i < d; i++) this.xm[i] = x[i] - nu * u[i];
        scale = (p.value(this.xp) - p.value(this.xm)) / (2 * nu) + xiU;
      }
    }
    let n = 0;
    for (let i = 0; i < d; i++) {
      out[i] = scale * u[i];
      n += out[i] * out[i];
    }
    return n;
  }
}

/** Monte Carlo estimate of E‖G_ν(x, u)‖² over `samples` directions u ~ N(0, I). */
export function estimatorSecondMoment(estimator: GaussianEstimator, x: Float64Array, samples: number, rng: Rng): MeanEstimate {
  if (!(Number.isInteger(samples) && samples >= 2)) throw new RangeError(`samples must be an integer ≥ 2, got ${samples}`);
  const d = x.length;
  const u = new Float64Array(d), out = new Float64Array(d);
  const values = new Float64Array(samples);
  const fx = estimator.kind === 'forward' ? estimator.problem.value(x) : undefined;
  for (let s = 0; s < samples; s++) {
    rng.fillGaussian(u);
    values[s] = estimator.estimate(x, u, out, undefined, fx);
  }
  return meanStandardError(values);
}

/**
 * f_ν(x) − f(x) by the degree-3 Gaussian cubature with the 2d points x ± ν√d e_i and equal weights
 * (exact for polynomials of degree ≤ 3, hence for quadratics). `roundoff` bounds the rounding of the
 * result: the errors of the values (valueError(y), by default 4 eps |f(y)|) and of the summation.
 */
export function smoothingShiftCubature(f: (x: Float64Array) => number, x: Float64Array, nu: number, valueError?: (y: Float64Array, fy: number) => number): { value: number; roundoff: number } {
  checkNu('forward', nu);
  const d = x.length;
  const y = Float64Array.from(x);
  const err = valueError ?? ((_y: Float64Array, fy: number) => 4 * Number.EPSILON * Math.abs(fy));
  const fx = f(x);
  const fxErr = err(x, fx);
  const h = nu * Math.sqrt(d);
  let sum = 0, errSum = 0, absSum = 0;
  for (let i = 0; i < d; i++) {
    for (const sgn of [1, -1]) {
      y[i] = x[i] + sgn * h;
      const v = f(y);
      sum += v - fx;
      absSum += Math.abs(v - fx);
      errSum += err(y, v) + fxErr;
    }
    y[i] = x[i];
  }
  return { value: sum / (2 * d), roundoff: (errSum + 2 * d * Number.EPSILON * absSum) / (2 * d) };
}

/** Monte Carlo estimate of f_ν(x) − f(x) = E_u[f(x + νu) − f(x)] over `samples` directions. */
export function smoothingShiftMonteCarlo(f: (x: Float64Array) => number, x: Float64Array, nu: number, samples: number, rng: Rng): MeanEstimate {
  checkNu('forward', nu);
  if (!(Number.isInteger(samples) && samples >= 2)) throw new RangeError(`samples must be an integer ≥ 2, got ${samples}`);
  const d = x.length;
  const y = new Float64Array(d), u = new Float64Array(d);
  const fx = f(x);
  const values = new Float64Array(samples);
  for (let s = 0; s < samples; s++) {
    rng.fillGaussian(u);
    for (let i = 0; i < d; i++) y[i] = x[i] + nu * u[i];
    values[s] = f(y) - fx;
  }
  return meanStandardError(values);
}

/** E‖G_ν‖² on a quadratic with Hessian A (tr A, tr A²), gradient norm² at x, in dimension d [D]. */
export function quadraticSecondMoment(kind: EstimatorKind, gradNormSq: number, traceA: number, traceA2: number, d: number, nu: number): number {
  const base = (d + 2) * gradNormSq;
  if (kind !== 'forward') return base;
  return base + ((nu * nu) / 4) * (d + 4) * (traceA * traceA + 2 * traceA2);
}

// ---------------------------------------------------------------------------------------------
// RSGF

export interface RsgfSpec {
  /** ν */
  nu: number;
  /** constant γ */
  stepSize: number;
  /** σ: the oracle's gradient noise has E‖∇F − ∇f‖² = σ² */
  noise: number;
  estimator?: Exclude<EstimatorKind, 'directional'>;
  seed: number;
}

/** One RSGF trajectory advanced step by step, with the running sum of ‖∇f(x_k)‖². */
export class Rsgf {
  readonly problem: SmoothProblem;
  readonly spec: RsgfSpec;
  readonly x: Float64Array;
  /** k, with x = x_k (x_1 is the start) */
  k = 1;
  /** Σ_{j=1}^{k} ‖∇f(x_j)‖² */
  gradNormSqSum = 0;
  private readonly estimator: GaussianEstimator;
  private readonly u: Float64Array;
  private readonly xi: Float64Array;
  private readonly g: Float64Array;
  private readonly grad: Float64Array;
  private readonly rng: Rng;
  private readonly xiSd: number;

  constructor(problem: SmoothProblem, x1: Float64Array, spec: RsgfSpec) {
    if (x1.length !== problem.dim) throw new RangeError(`x1 has length ${x1.length}, the problem has dimension ${problem.dim}`);
    if (!(spec.stepSize > 0 && Number.isFinite(spec.stepSize))) throw new RangeError(`step size must be positive and finite, got ${spec.stepSize}`);
    if (!(spec.noise >= 0 && Number.isFinite(spec.noise))) throw new RangeError(`noise σ must be non-negative and finite, got ${spec.noise}`);
    const d = problem.dim;
    this.problem = problem;
    this.spec = spec;
    this.x = Float64Array.from(x1);
    this.estimator = new GaussianEstimator(problem, spec.estimator ?? 'forward', spec.nu);
    this.u = new Float64Array(d);
    this.xi = new Float64Array(d);
    this.g = new Float64Array(d);
    this.grad = new Float64Array(d);
    this.rng = new Rng(spec.seed, 'rsgf');
    this.xiSd = spec.noise / Math.sqrt(d);
    this.gradNormSqSum = this.gradNormSq();
  }

  /** ‖∇f(x_k)‖² */
  gradNormSq(): number {
    this.problem.gradient(this.x, this.grad);
    let s = 0;
    for (let i = 0; i < this.grad.length; i++) s += this.grad[i] * this.grad[i];
    return s;
  }

  /** x_k → x_{k+1}. */
  step(): void {
    const d = this.x.length;
    this.rng.fillGaussian(this.u);
    for (let i = 0; i < d; i++) this.xi[i] = this.xiSd * this.rng.gaussian();
    this.estimator.estimate(this.x, this.u, this.g, this.spec.noise > 0 ? this.xi : undefined);
    const gamma = this.spec.stepSize;
    for (let i = 0; i < d; i++) this.x[i] -= gamma * this.g[i];
    this.k++;
    this.gradNormSqSum += this.gradNormSq();
  }
}

export type RsgfMetrics = {
  /** ‖∇f(x_k)‖² */
  gradNormSq: number;
  /** (1/k) Σ_{j≤k} ‖∇f(x_j)‖² = E_R‖∇f(x_R)‖² for R uniform on 1..k (constant steps) */
  averageGradNormSq: number;
  /** f(x_k) − f* */
  gap: number;
};

/** Run one RSGF trajectory, calling observe(k, metrics of x_k) for k = 1, 2, ..., maxIterations. */
export function runRsgf(problem: SmoothProblem, x1: Float64Array, spec: RsgfSpec, observe: Observer, maxIterations: number): void {
  const run = new Rsgf(problem, x1, spec);
  const metrics: RsgfMetrics = { gradNormSq: 0, averageGradNormSq: 0, gap: 0 };
  for (;;) {
    metrics.gradNormSq = run.gradNormSq();
    metrics.averageGradNormSq = run.gradNormSqSum / run.k;
    metrics.gap = problem.gap(run.x);
    if (!observe(run.k, metrics) || run.k >= maxIterations) return;
    run.step();
  }
}
