/**
 * Heavy-ball methods on a consistent system Ax = b, f(x) = ½‖Ax − b‖² (Polyak 1964; Bollapragada, Chen, Ward 2024):
 * - Polyak heavy ball x_{k+1} = x_k − α Aᵀ(Ax_k − b) + β(x_k − x_{k−1}) (Polyak 1964, with its optimal parameters on [μ, L]);
 * - minibatch heavy ball (Bollapragada–Chen–Ward 2024, Algorithm 1 and its reference code [REF-IMPL]): B indices i.i.d. with replacement
 *   from p (row-norm p_j = ‖a_j‖²/‖A‖²_F or uniform p_j = 1/n), the unbiased estimator
 *   g_k = (1/B) Σ_t (1/p_{j_t}) a_{j_t}(a_{j_t}ᵀx_k − b_{j_t}), x_{−1} = x₀;
 * - randomized Kaczmarz (Strohmer–Vershynin 2009) and minibatch SGD (β = 0).
 * Parameter choices: Polyak's optimal (α*, β*) on [μ, L] and BCW's `get_params` on the enlarged
 * interval [λ_min − γ, λ_max + γ], γ = λ_min/c.
 *
 * State lives in Float64Arrays allocated once; the loops allocate nothing and stream metrics. All
 * randomness comes from an integer seed through an Rng with a label.
 */
import type { Observer } from '../claims/types.ts';
import type { LeastSquares } from '../problems/least-squares.ts';
import { Rng } from '../random/rng.ts';

// ---------------------------------------------------------------------------------------------
// Parameters and the per-eigenvalue transition T_λ = [[1 + β − αλ, −β], [1, 0]]

export interface HeavyBallParameters {
  /** α */
  stepSize: number;
  /** β */
  momentum: number;
}

function checkParameters(p: HeavyBallParameters): void {
  if (!(p.stepSize > 0 && Number.isFinite(p.stepSize))) throw new RangeError(`step size must be positive and finite, got ${p.stepSize}`);
  if (!(p.momentum >= 0 && p.momentum < 1)) throw new RangeError(`momentum must lie in [0, 1), got ${p.momentum}`);
}

/** Polyak's optimal parameters for spectrum(H) ⊂ [μ, L] (Polyak 1964): α* = 4/(√L+√μ)², β* = ((√L−√μ)/(√L+√μ))². */
export function polyakParameters(mu: number, L: number): HeavyBallParameters & { rate: number } {
  if (!(mu > 0 && L >= mu && Number.isFinite(L))) throw new RangeError(`Polyak's parameters need 0 < μ ≤ L < ∞, got μ=${mu}, L=${L}`);
  const sL = Math.sqrt(L), sm = Math.sqrt(mu);
  const rate = (sL - sm) / (sL + sm);
  return { stepSize: 4 / ((sL + sm) * (sL + sm)), momentum: rate * rate, rate };
}

/** Spectral radius of T_λ: √β when (1+β−αλ)² ≤ 4β, else (|1+β−αλ| + √((1+β−αλ)² − 4β))/2 (the roots of z² − (1+β−αλ)z + β). */
export function blockRadius(lambda: number, stepSize: number, momentum: number): number {
  const c = 1 + momentum - stepSize * lambda;
  const disc = c * c - 4 * momentum;
  if (disc <= 0) return Math.sqrt(momentum);
  return (Math.abs(c) + Math.sqrt(disc)) / 2;
}

/**
 * cond₂(U_λ) for T_λ = U D U⁻¹ with unit-norm eigenvector columns (as numpy's eig returns them in
 * the reference code of Bollapragada–Chen–Ward): the eigenvectors are [z; 1], so U's Gram matrix is [[1, m], [m̄, 1]] with
 * m = (z̄₁z₂ + 1)/√((|z₁|²+1)(|z₂|²+1)) and cond = √((1+|m|)/(1−|m|)). Infinity for a double root.
 */
export function eigenvectorCondition(lambda: number, stepSize: number, momentum: number): number {
  const c = 1 + momentum - stepSize * lambda;
  const disc = c * c - 4 * momentum;
  let m: number;
  if (disc < 0) {
    // z = (c ± i√(−disc))/2, |z|² = β; z̄₁z₂ = z̄² with z = z₂ = (c − i s)/2 conjugate pairs: z̄₁ z₂ = z₂²
    const re = c / 2, im = Math.sqrt(-disc) / 2;
    const zr = re * re - im * im, zi = 2 * re * im; // z₂² (modulus β)
    m = Math.hypot(zr + 1, zi) / (momentum + 1);
  } else {
    const s = Math.sqrt(disc);
    const z1 = (c + s) / 2, z2 = (c - s) / 2;
    m = Math.abs(z1 * z2 + 1) / Math.sqrt((z1 * z1 + 1) * (z2 * z2 + 1));
  }
  if (!(m < 1)) return Infinity;
  return Math.sqrt((1 + m) / (1 - m));
}

export interface BcwParameters extends HeavyBallParameters {
  /** c of `get_params(A, c)` (margin γ = λ_min/c) */
  c: number;
  /** γ = λ_min/c */
  gamma: number;
  /** ℓ = λ_min − γ */
  ell: number;
  /** L = λ_max + γ */
  L: number;
  /** √β, the deterministic rate */
  rate: number;
  /** κ_C = max over the spectrum of cond(U_λ) (the constant of Bollapragada–Chen–Ward's deterministic template) */
  kappaC: number;
  /** cond(U_{λ_min}), what the reference code computes */
  kappaCAtMin: number;
  /** the code comment's analytic bound 4/(α√(γ(L − λ_min))) */
  kappaCAnalytic: number;
  /** L/ℓ */
  effectiveConditionNumber: number;
}

/** BCW's `get_params(A, c)` [REF-IMPL] on the ascending spectrum of AᵀA (the paper's reference code). */
export function bcwParameters(eigenvalues: ArrayLike<number>, c = 2): BcwParameters {
  const d = eigenvalues.length;
  if (d === 0) throw new RangeError('empty spectrum');
  if (!(c > 1 && Number.isFinite(c))) throw new RangeError(`the margin parameter c must be a finite number > 1, got ${c}`);
  const lmin = eigenvalues[0], lmax = eigenvalues[d - 1];
  if (!(lmin > 0 && lmax >= lmin && Number.isFinite(lmax))) throw new RangeError(`the spectrum must be positive and ascending, got [${lmin}, ${lmax}]`);
  const gamma = lmin / c;
  const ell = lmin - gamma;
  const L = lmax + gamma;
  const sL = Math.sqrt(L), sl = Math.sqrt(ell);
  const stepSize = 4 / ((sL + sl) * (sL + sl));
  const rate = (sL - sl) / (sL + sl);
  const momentum = rate * rate;
  let kappaC = 0;
  for (let i = 0; i < d; i++) kappaC = Math.max(kappaC, eigenvectorCondition(eigenvalues[i], stepSize, momentum));
  return {
    stepSize,
    momentum,
    c,
    gamma,
    ell,
    L,
    rate,
    kappaC,
    kappaCAtMin: eigenvectorCondition(lmin, stepSize, momentum),
    kappaCAnalytic: 4 / (stepSize * Math.sqrt(gamma * (L - lmin))),
    effectiveConditionNumber: L / ell,
  };
}

// ---------------------------------------------------------------------------------------------
// Sampling

export type Sampling = 'row-norm' | 'uniform';
/**
 * 'importance': the unbiased estimator (1/p_j) a_j(a_jᵀx − b_j) [REF-IMPL];
 * 'plain': n a_j(a_jᵀx − b_j) whatever p is (the uniform-sampling estimator; biased under row-norm
 * sampling unless all rows have equal norm).
 */
export type Estimator = 'importance' | 'plain';

export function samplingProbabilities(problem: LeastSquares, sampling: Sampling): Float64Array {
  const { n, rowNormsSq, frobeniusSq } = problem;
  const p = new Float64Array(n);
  if (sampling === 'uniform') p.fill(1 / n);
  else if (sampling === 'row-norm') for (let j = 0; j < n; j++) p[j] = rowNormsSq[j] / frobeniusSq;
  else throw new RangeError(`unknown sampling '${sampling as string}'`);
  return p;
}

/** Weights w_j of the estimator g = (1/B) Σ_t w_{j_t} a_{j_t}(a_{j_t}ᵀx − b_{j_t}); 0 for rows never drawn. */
export function estimatorWeights(problem: LeastSquares, sampling: Sampling, estimator: Estimator = 'importance'): Float64Array {
  const p = samplingProbabilities(problem, sampling);
  const w = new Float64Array(problem.n);
  for (let j = 0; j < problem.n; j++) w[j] = estimator === 'plain' ? problem.n : p[j] > 0 ? 1 / p[j] : 0;
  return w;
}

/** Walker–Vose alias table: O(1) draws from a discrete distribution, no allocation per draw. */
export class AliasSampler {
  private readonly prob: Float64Array;
  private readonly alias: Int32Array;
  readonly size: number;

  constructor(probabilities: ArrayLike<number>) {
    const n = probabilities.length;
    if (n === 0) throw new RangeError('cannot sample from an empty distribution');
    let total = 0;
    for (let i = 0; i < n; i++) {
      const v = probabilities[i];
      if (!(v >= 0 && Number.isFinite(v))) throw new RangeError(`probabilities must be finite and non-negative, got ${v} at ${i}`);
      total += v;
    }
    if (!(total > 0)) throw new RangeError('probabilities sum to zero');
    this.size = n;
    this.prob = new Float64Array(n);
    this.alias = new Int32Array(n);
    const scaled = new Float64Array(n);
    const small: number[] = [], large: number[] = [];
    for (let i = 0; i < n; i++) {
      scaled[i] = (probabilities[i] * n) / total;
      (scaled[i] < 1 ? small : large).push(i);
    }
    while (small.length && large.length) {
      const s = small.pop()!, l = large.pop()!;
      this.prob[s] = scaled[s];
      this.alias[s] = l;
      scaled[l] = scaled[l] + scaled[s] - 1;
      (scaled[l] < 1 ? small : large).push(l);
    }
    for (const i of large) this.prob[i] = 1;
    for (const i of small) this.prob[i] = 1; // roundoff leftovers
    for (let i = 0; i < n; i++) if (probabilities[i] === 0) this.prob[i] = 0; // never drawn directly
  }

  draw(rng: Rng): number {
    const u = rng.uniform() * this.size;
    const i = Math.min(this.size - 1, Math.floor(u));
    return u - i < this.prob[i] ? i : this.alias[i];
  }
}

// ---------------------------------------------------------------------------------------------
// One step

export interface MinibatchSpec extends HeavyBallParameters {
  /** B ≥ 1 */
  batchSize: number;
  sampling: Sampling;
  estimator?: Estimator;
}

/** Largest batch the simulated algorithm accepts (the exact second-moment operator takes any B). */
export const MAX_SIMULATED_BATCH = 1 << 20;

export function checkBatchSize(batchSize: number, max = Number.MAX_SAFE_INTEGER): void {
  if (!(Number.isInteger(batchSize) && batchSize >= 1)) throw new RangeError(`batch size must be a positive integer, got ${batchSize}`);
  if (batchSize > max) throw new RangeError(`batch size ${batchSize} exceeds ${max}; use the exact second-moment operator for larger batches`);
}

/**
 * out = x − α g + β(x − xPrev), g = (1/B) Σ_t w_{j_t} a_{j_t}(a_{j_t}ᵀx − b_{j_t}) over indices[0..B).
 * With b = null the system is homogeneous (b = 0, x* = 0): the step then maps errors to errors.
 * out must not alias x or xPrev.
 */
export function minibatchUpdate(
  problem: LeastSquares,
  stepSize: number,
  momentum: number,
  weights: Float64Array,
  indices: ArrayLike<number>,
  batchSize: number,
  b: Float64Array | null,
  x: Float64Array,
  xPrev: Float64Array,
  out: Float64Array,
): void {
  const { A, d } = problem;
  const a = A.data;
  for (let i = 0; i < d; i++) out[i] = x[i] + momentum * (x[i] - xPrev[i]);
  const scale = stepSize / batchSize;
  for (let t = 0; t < batchSize; t++) {
    const j = indices[t];
    const o = j * d;
    let r = b === null ? 0 : -b[j];
    for (let i = 0; i < d; i++) r += a[o + i] * x[i];
    const s = scale * weights[j] * r;
    for (let i = 0; i < d; i++) out[i] -= s * a[o + i];
  }
}

// ---------------------------------------------------------------------------------------------
// Runs

export type HeavyBallMetrics = {
  /** ‖x_k − x*‖ */
  errorNorm: number;
  /** ‖Ax_k − b‖ (deterministic heavy ball only; NaN otherwise) */
  residualNorm: number;
};

function distance(x: Float64Array, y: Float64Array): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) {
    const t = x[i] - y[i];
    s += t * t;
  }
  return Math.sqrt(s);
}

function checkStart(problem: LeastSquares, x0: Float64Array): void {
  if (x0.length !== problem.d) throw new RangeError(`x₀ has ${x0.length} entries, expected d = ${problem.d}`);
  for (let i = 0; i < x0.length; i++) if (!Number.isFinite(x0[i])) throw new RangeError('x₀ has a non-finite entry');
}

/** Polyak heavy ball with the full gradient Aᵀ(Ax_k − b), x_{−1} = x₀, one iteration at a time. */
export class HeavyBall {
  private x: Float64Array;
  private xPrev: Float64Array;
  private next: Float64Array;
  private readonly grad: Float64Array;
  /** ‖Ax_k − b‖ of the current iterate (updated by step and at construction) */
  residualNorm = 0;
  iteration = 0;

  constructor(
    readonly problem: LeastSquares,
    readonly params: HeavyBallParameters,
    x0: Float64Array,
  ) {
    checkParameters(params);
    checkStart(problem, x0);
    this.x = Float64Array.from(x0);
    this.xPrev = Float64Array.from(x0);
    this.next = new Float64Array(problem.d);
    this.grad = new Float64Array(problem.d);
    this.gradient();
  }

  /** x_k (a view; do not modify) */
  get iterate(): Float64Array {
    return this.x;
  }

  errorNorm(): number {
    return distance(this.x, this.problem.xStar);
  }

  /** grad = Aᵀ(Ax_k − b) and the residual norm, O(nd). */
  private gradient(): void {
    const { A, b, n, d } = this.problem;
    const a = A.data, x = this.x, grad = this.grad;
    grad.fill(0);
    let res = 0;
    for (let r = 0; r < n; r++) {
      const o = r * d;
      let s = -b[r];
      for (let i = 0; i < d; i++) s += a[o + i] * x[i];
      res += s * s;
      for (let i = 0; i < d; i++) grad[i] += s * a[o + i];
    }
    this.residualNorm = Math.sqrt(res);
  }

  step(): void {
    const { stepSize: alpha, momentum: beta } = this.params;
    const x = this.x, xPrev = this.xPrev, next = this.next, grad = this.grad;
    for (let i = 0; i < x.length; i++) next[i] = x[i] - alpha * grad[i] + beta * (x[i] - xPrev[i]);
    this.xPrev = x;
    this.x = next;
    this.next = xPrev;
    this.iteration++;
    this.gradient();
  }
}

/**
 * Polyak heavy ball: observe(k, { errorNorm, residualNorm }) for k = 0, 1, ..., maxIterations (stops
 * when observe returns false).
 */
export function runHeavyBall(problem: LeastSquares, params: HeavyBallParameters, x0: Float64Array, observe: Observer, maxIterations: number): void {
  const method = new HeavyBall(problem, params, x0);
  const metrics: HeavyBallMetrics = { errorNorm: 0, residualNorm: 0 };
  for (let k = 0; ; k++) {
    metrics.errorNorm = method.errorNorm();
    metrics.residualNorm = method.residualNorm;
    if (!observe(k, metrics) || k >= maxIterations) return;
    method.step();
  }
}

/** The minibatch heavy-ball iteration of BCW's `minibatch_HBM` [REF-IMPL], one seeded trajectory. */
export class MinibatchHeavyBall {
  private x: Float64Array;
  private xPrev: Float64Array;
  private next: Float64Array;
  private readonly indices: Int32Array;
  private readonly weights: Float64Array;
  private readonly sampler: AliasSampler;
  private readonly rng: Rng;
  iteration = 0;

  constructor(
    readonly problem: LeastSquares,
    readonly spec: MinibatchSpec,
    x0: Float64Array,
    seed: number,
    label = 'minibatch-heavy-ball',
  ) {
    checkParameters(spec);
    checkBatchSize(spec.batchSize, MAX_SIMULATED_BATCH);
    checkStart(problem, x0);
    this.x = Float64Array.from(x0);
    this.xPrev = Float64Array.from(x0);
    this.next = new Float64Array(problem.d);
    this.indices = new Int32Array(spec.batchSize);
    this.weights = estimatorWeights(problem, spec.sampling, spec.estimator);
    this.sampler = new AliasSampler(samplingProbabilities(problem, spec.sampling));
    this.rng = new Rng(seed, label);
  }

  /** x_k (a view; do not modify) */
  get iterate(): Float64Array {
    return this.x;
  }

  errorNorm(): number {
    return distance(this.x, this.problem.xStar);
  }

  /** ‖x_k − x*‖² */
  errorNormSq(): number {
    const e = this.errorNorm();
    return e * e;
  }

  step(): void {
    const B = this.spec.batchSize;
    for (let t = 0; t < B; t++) this.indices[t] = this.sampler.draw(this.rng);
    minibatchUpdate(this.problem, this.spec.stepSize, this.spec.momentum, this.weights, this.indices, B, this.problem.b, this.x, this.xPrev, this.next);
    const t = this.xPrev;
    this.xPrev = this.x;
    this.x = this.next;
    this.next = t;
    this.iteration++;
  }
}

/** Minibatch heavy ball: observe(k, { errorNorm }) for k = 0..maxIterations. */
export function runMinibatchHeavyBall(problem: LeastSquares, spec: MinibatchSpec, x0: Float64Array, seed: number, observe: Observer, maxIterations: number): void {
  const method = new MinibatchHeavyBall(problem, spec, x0, seed);
  const metrics: HeavyBallMetrics = { errorNorm: 0, residualNorm: NaN };
  for (let k = 0; ; k++) {
    metrics.errorNorm = method.errorNorm();
    if (!observe(k, metrics) || k >= maxIterations) return;
    method.step();
  }
}

/** Minibatch SGD / averaged block Kaczmarz: minibatch heavy ball with β = 0 (the β = 0 case of Bollapragada–Chen–Ward's method). */
export function runMinibatchSgd(problem: LeastSquares, spec: Omit<MinibatchSpec, 'momentum'>, x0: Float64Array, seed: number, observe: Observer, maxIterations: number): void {
  runMinibatchHeavyBall(problem, { ...spec, momentum: 0 }, x0, seed, observe, maxIterations);
}

/**
 * Randomized Kaczmarz x ← x − a_j(a_jᵀx − b_j)/‖a_j‖² with j drawn by row norm (Strohmer–Vershynin) or
 * uniformly; observe(k, { errorNorm }) for k = 0..maxIterations.
 */
export function runKaczmarz(problem: LeastSquares, x0: Float64Array, seed: number, observe: Observer, maxIterations: number, sampling: Sampling = 'row-norm'): void {
  checkStart(problem, x0);
  const { A, b, xStar, d, rowNormsSq } = problem;
  const a = A.data;
  const sampler = new AliasSampler(samplingProbabilities(problem, sampling));
  const rng = new Rng(seed, 'kaczmarz');
  const x = Float64Array.from(x0);
  const metrics: HeavyBallMetrics = { errorNorm: 0, residualNorm: NaN };
  for (let k = 0; ; k++) {
    metrics.errorNorm = distance(x, xStar);
    if (!observe(k, metrics) || k >= maxIterations) return;
    const j = sampler.draw(rng);
    if (rowNormsSq[j] === 0) continue;
    const o = j * d;
    let r = -b[j];
    for (let i = 0; i < d; i++) r += a[o + i] * x[i];
    const s = r / rowNormsSq[j];
    for (let i = 0; i < d; i++) x[i] -= s * a[o + i];
  }
}

// ---------------------------------------------------------------------------------------------
// Monte Carlo of the real algorithm (engine checks and the benchmark's baseline)

export interface MonteCarloMoments {
  runs: number;
  /** sample mean of ‖x_k − x*‖², k = 0..iterations */
  meanSquareError: Float64Array;
  /** sample variance of ‖x_k − x*‖² */
  varianceSquareError: Float64Array;
  /** sample mean of x_k − x* (d per iteration, row-major) */
  meanError: Float64Array;
}

/** Independent trajectories r = 0..runs−1 seeded (seed, `mc-${r}`), with Welford moments per iteration. */
export function monteCarloMoments(problem: LeastSquares, spec: MinibatchSpec, x0: Float64Array, seed: number, runs: number, iterations: number): MonteCarloMoments {
  if (!(Number.isInteger(runs) && runs >= 2)) throw new RangeError(`Monte Carlo needs at least 2 runs, got ${runs}`);
  if (!(Number.isInteger(iterations) && iterations >= 0)) throw new RangeError(`iterations must be a non-negative integer, got ${iterations}`);
  const d = problem.d;
  const mean = new Float64Array(iterations + 1), m2 = new Float64Array(iterations + 1);
  const meanError = new Float64Array((iterations + 1) * d);
  for (let r = 0; r < runs; r++) {
    const method = new MinibatchHeavyBall(problem, spec, x0, seed, `mc-${r}`);
    for (let k = 0; k <= iterations; k++) {
      const x = method.iterate;
      let s = 0;
      for (let i = 0; i < d; i++) {
        const e = x[i] - problem.xStar[i];
        s += e * e;
        meanError[k * d + i] += (e - meanError[k * d + i]) / (r + 1);
      }
      const delta = s - mean[k];
      mean[k] += delta / (r + 1);
      m2[k] += delta * (s - mean[k]);
      if (k < iterations) method.step();
    }
  }
  const variance = m2.map((v) => v / (runs - 1));
  return { runs, meanSquareError: mean, varianceSquareError: variance, meanError };
}
