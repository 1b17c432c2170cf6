/**
 * Smooth (strongly) convex objectives on Float64Array with a known minimizer x* and value f*, for the
 * classical calibration results (GD and Nesterov's method on F_{μ,L}):
 *
 * - quadratics f(x) = f* + ½ (x − x*)ᵀ Q (x − x*) with a prescribed spectrum (diagonal or Haar basis);
 * - ridge plus weighted softplus sums f(x) = (μ/2)‖x‖² + Σ_i c_i softplus(a_iᵀx) − bᵀx, with b chosen so
 *   that ∇f(x*) = 0 for a drawn x*;
 * - Huber sums f(x) = Σ_i c_i hub_{τ_i}(a_iᵀ(x − x*)) (convex, L-smooth, f* = 0), including the 1-D
 *   Huber function of Drori and Teboulle's tight instance.
 *
 * Every objective evaluates its gradient and the gap f(x) − f* from e = x − x* (never as a difference of
 * two values of size |f*|), so both are accurate relative to ‖e‖ and the only roundoff floor left is the
 * rounding of the iterate x itself (of size eps·‖x*‖ per step). Gradient and gap allocate nothing.
 */
import { Rng } from '../random/rng.ts';
import { haarOrthonormal } from '../linalg/decomp.ts';
import { rowDot, rowDots8 } from '../linalg/kernels.ts';
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';

export interface SmoothProblem {
  readonly name: string;
  readonly dim: number;
  /** L: ∇f is L-Lipschitz. */
  readonly smoothness: number;
  /** μ ≥ 0: f is μ-strongly convex (0 for merely convex). */
  readonly strongConvexity: number;
  readonly xStar: Float64Array;
  readonly fStar: number;
  /** f(x). */
  value(x: Float64Array): number;
  /** f(x) − f*, computed from x − x*. */
  gap(x: Float64Array): number;
  /** out ← ∇f(x) (out must not alias x). */
  gradient(x: Float64Array, out: Float64Array): void;
}

function checkDim(name: string, x: Float64Array, d: number): void {
  if (x.length !== d) throw new RangeError(`${name}: expected a vector of length ${d}, got ${x.length}`);
}

function positiveFinite(name: string, v: number): void {
  if (!(v > 0 && Number.isFinite(v))) throw new RangeError(`${name} must be positive and finite, got ${v}`);
}

export function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

export function normSq(a: Float64Array): number {
  return dot(a, a);
}

export function distSq(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) {
    const t = a[i] - b[i];
    s += t * t;
  }
  return s;
}

// ---------------------------------------------------------------------------------------------
// Spectra

/**
 * d eigenvalues from μ to L: μ and L themselves (when d ≥ 2) and d − 2 interior values drawn from the
 * seed, log-uniform in [μ, L] when μ > 0 and uniform in [0, L] when μ = 0. Sorted ascending. d = 1
 * gives [μ] when μ > 0, else [L].
 */
export function prescribedSpectrum(d: number, mu: number, L: number, seed: number): number[] {
  if (!(Number.isInteger(d) && d >= 1)) throw new RangeError(`dimension must be a positive integer, got ${d}`);
  positiveFinite('L', L);
  if (!(mu >= 0 && mu <= L)) throw new RangeError(`μ must lie in [0, L], got μ=${mu}, L=${L}`);
  if (d === 1) return [mu > 0 ? mu : L];
  const rng = new Rng(seed, 'spectrum');
  const out = [mu, L];
  for (let i = 2; i < d; i++) {
    const u = rng.uniform();
    out.push(mu > 0 ? mu * Math.pow(L / mu, u) : L * u);
  }
  return out.sort((a, b) => a - b);
}

/** x* with ‖x*‖ = norm, direction Gaussian from the seed (the zero vector when norm = 0). */
export function drawPoint(d: number, norm: number, seed: number, label = 'xstar'): Float64Array {
  const x = new Float64Array(d);
  if (norm === 0) return x;
  if (!(norm > 0 && Number.isFinite(norm))) throw new RangeError(`norm must be non-negative and finite, got ${norm}`);
  new Rng(seed, label).fillGaussian(x);
  const s = Math.sqrt(normSq(x));
  for (let i = 0; i < d; i++) x[i] *= norm / s;
  return x;
}

// ---------------------------------------------------------------------------------------------
// Quadratics

export interface QuadraticOptions {
  /** eigenvalues of Q, each in [0, ∞) */
  eigenvalues: readonly number[];
  /** 'diagonal': Q = diag(λ); 'haar': Q = V diag(λ) Vᵀ with a Haar-random V from the seed. */
  basis?: 'diagonal' | 'haar';
  seed?: number;
  xStar?: Float64Array;
  fStar?: number;
  /** allow negative eigenvalues (a nonconvex quadratic; L = max|λ_i|, 'strongConvexity' is then λ_min < 0) */
  indefinite?: boolean;
}

/** f(x) = f* + ½ (x − x*)ᵀ Q (x − x*). */
export class Quadratic implements SmoothProblem {
  readonly name = 'quadratic';
  readonly dim: number;
  readonly smoothness: number;
  readonly strongConvexity: number;
  readonly xStar: Float64Array;
  readonly fStar: number;
  readonly eigenvalues: number[];
  /** diagonal of Q when the basis is the identity, else null */
  readonly diagonal: Float64Array | null;
  /** dense Q (row-major), always available */
  readonly Q: Float64Array;
  readonly indefinite: boolean;
  private readonly e: Float64Array;

  constructor(o: QuadraticOptions) {
    const d = o.eigenvalues.length;
    if (d < 1) throw new RangeError('a quadratic needs at least one eigenvalue');
    for (const v of o.eigenvalues) {
      if (!Number.isFinite(v) || (v < 0 && !o.indefinite)) throw new RangeError(`eigenvalues must be finite${o.indefinite ? '' : ' and non-negative'}, got ${v}`);
    }
    this.dim = d;
    this.eigenvalues = [...o.eigenvalues];
    this.smoothness = Math.max(...o.eigenvalues.map(Math.abs));
    this.indefinite = o.indefinite === true;
    this.strongConvexity = Math.min(...o.eigenvalues);
    positiveFinite('the largest eigenvalue', this.smoothness);
    this.xStar = o.xStar ? Float64Array.from(o.xStar) : new Float64Array(d);
    checkDim('x*', this.xStar, d);
    this.fStar = o.fStar ?? 0;
    this.e = new Float64Array(d);
    this.Q = new Float64Array(d * d);
    if ((o.basis ?? 'diagonal') === 'diagonal') {
      this.diagonal = Float64Array.from(o.eigenvalues);
      for (let i = 0; i < d; i++) this.Q[i * d + i] = o.eigenvalues[i];
    } else {
      this.diagonal = null;
      const V = haarOrthonormal(new Rng(o.seed ?? 0, 'quadratic-basis'), d, d).data;
      for (let i = 0; i < d; i++) {
        for (let j = i; j < d; j++) {
          let s = 0;
          for (let k = 0; k < d; k++) s += V[i * d + k] * o.eigenvalues[k] * V[j * d + k];
          this.Q[i * d + j] = s;
          this.Q[j * d + i] = s;
        }
      }
    }
  }

  /** trace of Q */
  trace(): number {
    return this.eigenvalues.reduce((a, b) => a + b, 0);
  }

  /** tr(Q²) = Σ λ_i² */
  traceOfSquare(): number {
    return this.eigenvalues.reduce((a, b) => a + b * b, 0);
  }

  value(x: Float64Array): number {
    return this.fStar + this.gap(x);
  }

  gap(x: Float64Array): number {
    checkDim('x', x, this.dim);
    const d = this.dim, e = this.e, xs = this.xStar;
    for (let i = 0; i < d; i++) e[i] = x[i] - xs[i];
    if (this.diagonal) {
      const q = this.diagonal;
      let s = 0;
      for (let i = 0; i < d; i++) s += q[i] * e[i] * e[i];
      return 0.5 * s;
    }
    const s = quadraticForm(this.Q, e, d);
    return this.indefinite ? 0.5 * s : 0.5 * Math.max(s, 0);
  }

  gradient(x: Float64Array, out: Float64Array): void {
    checkDim('x', x, this.dim);
    const d = this.dim, e = this.e, xs = this.xStar;
    for (let i = 0; i < d; i++) e[i] = x[i] - xs[i];
    if (this.diagonal) {
      const q = this.diagonal;
      for (let i = 0; i < d; i++) out[i] = q[i] * e[i];
      return;
    }
    matVec(this.Q, e, d, out);
  }
}

/** Scratch of the eight-row dot products (rowDots8). */
const DOTS = new Float64Array(8);

/** out = Q e for a d x d row-major Q, eight rows at a time (the bits of the row-by-row loop). */
function matVec(Q: Float64Array, e: Float64Array, d: number, out: Float64Array): void {
  let i = 0;
  for (; i + 7 < d; i += 8) {
    rowDots8(Q, i, d, e, DOTS);
    out.set(DOTS, i);
  }
  for (; i < d; i++) out[i] = rowDot(Q, i, d, e);
}

/** eᵀQe as Σ_i e_i (Q e)_i, summed in the order of i, the rows eight at a time. */
function quadraticForm(Q: Float64Array, e: Float64Array, d: number): number {
  let s = 0;
  let i = 0;
  for (; i + 7 < d; i += 8) {
    rowDots8(Q, i, d, e, DOTS);
    for (let q = 0; q < 8; q++) s += e[i + q] * DOTS[q];
  }
  for (; i < d; i++) s += e[i] * rowDot(Q, i, d, e);
  return s;
}

/** λ_max(Σ_i c_i a_i a_iᵀ) for the rows a_i of the n x d row-major A (symmetric EVD, set-up only). */
export function weightedGramMax(A: Float64Array, weights: Float64Array, d: number): number {
  const n = weights.length;
  const M = new Matrix(d, d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) {
      const aij = weights[i] * A[i * d + j];
      for (let k = 0; k < d; k++) M.set(j, k, M.get(j, k) + aij * A[i * d + k]);
    }
  }
  return Math.max(...new EigenvalueDecomposition(M, { assumeSymmetric: true }).realEigenvalues);
}

// ---------------------------------------------------------------------------------------------
// Softplus: stable scalar helpers

/** softplus(z) = log(1 + e^z), without overflow. */
export function softplus(z: number): number {
  return Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z)));
}

/** σ(z) = 1/(1 + e^{−z}), without overflow. */
export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const ez = Math.exp(z);
  return ez / (1 + ez);
}

/** σ(w + δ) − σ(w), accurate relative to δ: −expm1(−δ) σ(w + δ) σ(−w). */
export function sigmoidDifference(w: number, delta: number): number {
  return -Math.expm1(-delta) * sigmoid(w + delta) * sigmoid(-w);
}

/**
 * Bregman divergence of softplus, softplus(w + δ) − softplus(w) − σ(w)δ ≥ 0, accurate for small δ:
 * a fourth-order Taylor series for |δ| < 1e-4, log1p(σ(w)·expm1(δ)) − σ(w)δ for |δ| ≤ 1, the plain
 * difference beyond.
 */
export function softplusBregman(w: number, delta: number): number {
  const s = sigmoid(w);
  const ad = Math.abs(delta);
  if (ad < 1e-4) {
    const s1 = s * sigmoid(-w); // σ(1 − σ) = softplus''
    const d2 = delta * delta;
    return s1 * d2 * (0.5 + (delta * (1 - 2 * s)) / 6 + (d2 * (1 - 6 * s1)) / 24);
  }
  if (ad <= 1) return Math.max(Math.log1p(s * Math.expm1(delta)) - s * delta, 0);
  return Math.max(softplus(w + delta) - softplus(w) - s * delta, 0);
}

export interface SoftplusRidgeOptions {
  d: number;
  /** number of softplus terms */
  n: number;
  /** μ ≥ 0, the ridge weight */
  mu: number;
  /** ‖x*‖ */
  xStarNorm: number;
  seed: number;
  /** the weights c_i are (weightScale/n)·u_i with u_i uniform on [0.5, 1.5] */
  weightScale?: number;
  /** rescale the weights so that L = μ + λ_max(Σ c_i a_i a_iᵀ)/4 equals this value exactly (≥ μ; = μ leaves a pure ridge) */
  targetSmoothness?: number;
  fStar?: number;
}

/**
 * f(x) = (μ/2)‖x‖² + Σ_i c_i softplus(a_iᵀx) − bᵀx with a_i ~ N(0, I/d), c_i > 0 and
 * b = μx* + Σ_i c_i σ(a_iᵀx*) a_i, so that x* is the minimizer. f is μ-strongly convex and L-smooth with
 * L = μ + λ_max(Σ_i c_i a_i a_iᵀ)/4 (softplus'' ≤ 1/4).
 */
export class SoftplusRidge implements SmoothProblem {
  readonly name = 'softplus-ridge';
  readonly dim: number;
  readonly smoothness: number;
  readonly strongConvexity: number;
  readonly xStar: Float64Array;
  readonly fStar: number;
  /** n x d, row-major */
  readonly A: Float64Array;
  readonly weights: Float64Array;
  readonly b: Float64Array;
  /** a_iᵀx* */
  readonly zStar: Float64Array;
  private readonly e: Float64Array;
  private readonly fStarRaw: number;

  constructor(o: SoftplusRidgeOptions) {
    const { d, n, mu } = o;
    if (!(Number.isInteger(d) && d >= 1 && Number.isInteger(n) && n >= 1)) throw new RangeError(`softplus ridge needs positive integer d, n, got d=${d}, n=${n}`);
    if (!(mu >= 0 && Number.isFinite(mu))) throw new RangeError(`μ must be non-negative and finite, got ${mu}`);
    const weightScale = o.weightScale ?? 1;
    positiveFinite('weight scale', weightScale);
    this.dim = d;
    const rng = new Rng(o.seed, 'softplus-ridge');
    this.A = new Float64Array(n * d);
    rng.fillGaussian(this.A, 1 / d);
    this.weights = new Float64Array(n);
    for (let i = 0; i < n; i++) this.weights[i] = (weightScale / n) * (0.5 + rng.uniform());
    let lambdaMax = weightedGramMax(this.A, this.weights, d);
    if (o.targetSmoothness !== undefined) {
      if (!(o.targetSmoothness >= mu && Number.isFinite(o.targetSmoothness))) throw new RangeError(`target L must be at least μ = ${mu}, got ${o.targetSmoothness}`);
      const s = (4 * (o.targetSmoothness - mu)) / lambdaMax;
      for (let i = 0; i < n; i++) this.weights[i] *= s;
      lambdaMax = 4 * (o.targetSmoothness - mu);
    }
    this.xStar = drawPoint(d, o.xStarNorm, o.seed, 'softplus-xstar');
    this.zStar = new Float64Array(n);
    this.b = new Float64Array(d);
    for (let j = 0; j < d; j++) this.b[j] = mu * this.xStar[j];
    for (let i = 0; i < n; i++) {
      let z = 0;
      for (let j = 0; j < d; j++) z += this.A[i * d + j] * this.xStar[j];
      this.zStar[i] = z;
      const w = this.weights[i] * sigmoid(z);
      for (let j = 0; j < d; j++) this.b[j] += w * this.A[i * d + j];
    }
    // L = μ + λ_max(Σ c_i a_i a_iᵀ)/4
    this.strongConvexity = mu;
    this.smoothness = mu + lambdaMax / 4;
    positiveFinite('L', this.smoothness);
    this.e = new Float64Array(d);
    this.fStarRaw = this.rawValue(this.xStar);
    this.fStar = o.fStar ?? this.fStarRaw;
  }

  private rawValue(x: Float64Array): number {
    const d = this.dim, n = this.weights.length;
    const A = this.A, c = this.weights;
    let s = 0.5 * this.strongConvexity * normSq(x) - dot(this.b, x);
    let i = 0;
    for (; i + 7 < n; i += 8) {
      rowDots8(A, i, d, x, DOTS);
      for (let q = 0; q < 8; q++) s += c[i + q] * softplus(DOTS[q]);
    }
    for (; i < n; i++) s += c[i] * softplus(rowDot(A, i, d, x));
    return s;
  }

  /** f(x), shifted so that f(x*) = f* when an f* was given. */
  value(x: Float64Array): number {
    checkDim('x', x, this.dim);
    return this.rawValue(x) - this.fStarRaw + this.fStar;
  }

  gap(x: Float64Array): number {
    checkDim('x', x, this.dim);
    const d = this.dim, n = this.weights.length, e = this.e, A = this.A;
    for (let j = 0; j < d; j++) e[j] = x[j] - this.xStar[j];
    let s = 0.5 * this.strongConvexity * normSq(e);
    for (let i = 0; i < n; i++) {
      let delta = 0;
      for (let j = 0; j < d; j++) delta += A[i * d + j] * e[j];
      s += this.weights[i] * softplusBregman(this.zStar[i], delta);
    }
    return s;
  }

  gradient(x: Float64Array, out: Float64Array): void {
    checkDim('x', x, this.dim);
    const d = this.dim, n = this.weights.length, e = this.e, A = this.A, mu = this.strongConvexity;
    for (let j = 0; j < d; j++) {
      e[j] = x[j] - this.xStar[j];
      out[j] = mu * e[j];
    }
    for (let i = 0; i < n; i++) {
      let delta = 0;
      for (let j = 0; j < d; j++) delta += A[i * d + j] * e[j];
      const w = this.weights[i] * sigmoidDifference(this.zStar[i], delta);
      if (w === 0) continue;
      for (let j = 0; j < d; j++) out[j] += w * A[i * d + j];
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Huber

/** hub_τ(r) = r²/2 for |r| ≤ τ, τ|r| − τ²/2 otherwise. */
export function huber(r: number, tau: number): number {
  const a = Math.abs(r);
  return a <= tau ? 0.5 * r * r : tau * a - 0.5 * tau * tau;
}

export interface HuberSumOptions {
  /** n x d rows a_i, row-major */
  A: Float64Array;
  weights: Float64Array;
  /** τ_i > 0 */
  tau: Float64Array;
  xStar: Float64Array;
  /** L; computed as λ_max(Σ c_i a_i a_iᵀ) when omitted */
  smoothness?: number;
}

/** f(x) = Σ_i c_i hub_{τ_i}(a_iᵀ(x − x*)): convex, L-smooth with L = λ_max(Σ c_i a_i a_iᵀ), f* = 0 at x*. */
export class HuberSum implements SmoothProblem {
  readonly name = 'huber-sum';
  readonly dim: number;
  readonly smoothness: number;
  readonly strongConvexity = 0;
  readonly xStar: Float64Array;
  readonly fStar = 0;
  readonly A: Float64Array;
  readonly weights: Float64Array;
  readonly tau: Float64Array;
  private readonly e: Float64Array;

  constructor(o: HuberSumOptions) {
    const n = o.weights.length, d = o.xStar.length;
    if (!(n >= 1 && d >= 1 && o.A.length === n * d && o.tau.length === n)) throw new RangeError(`Huber sum: inconsistent sizes (n=${n}, d=${d}, |A|=${o.A.length}, |τ|=${o.tau.length})`);
    for (let i = 0; i < n; i++) {
      positiveFinite('Huber weight c_i', o.weights[i]);
      positiveFinite('Huber threshold τ_i', o.tau[i]);
    }
    this.dim = d;
    this.A = Float64Array.from(o.A);
    this.weights = Float64Array.from(o.weights);
    this.tau = Float64Array.from(o.tau);
    this.xStar = Float64Array.from(o.xStar);
    this.e = new Float64Array(d);
    this.smoothness = o.smoothness ?? weightedGramMax(this.A, this.weights, d);
    positiveFinite('L', this.smoothness);
  }

  value(x: Float64Array): number {
    return this.gap(x);
  }

  gap(x: Float64Array): number {
    checkDim('x', x, this.dim);
    const d = this.dim, n = this.weights.length, e = this.e, A = this.A;
    for (let j = 0; j < d; j++) e[j] = x[j] - this.xStar[j];
    let s = 0;
    for (let i = 0; i < n; i++) {
      let r = 0;
      for (let j = 0; j < d; j++) r += A[i * d + j] * e[j];
      s += this.weights[i] * huber(r, this.tau[i]);
    }
    return s;
  }

  gradient(x: Float64Array, out: Float64Array): void {
    checkDim('x', x, this.dim);
    const d = this.dim, n = this.weights.length, e = this.e, A = this.A;
    for (let j = 0; j < d; j++) {
      e[j] = x[j] - this.xStar[j];
      out[j] = 0;
    }
    for (let i = 0; i < n; i++) {
      let r = 0;
      for (let j = 0; j < d; j++) r += A[i * d + j] * e[j];
      const t = this.tau[i];
      const w = this.weights[i] * (r > t ? t : r < -t ? -t : r);
      if (w === 0) continue;
      for (let j = 0; j < d; j++) out[j] += w * A[i * d + j];
    }
  }
}

/**
 * The 1-D Huber function of Drori and Teboulle's tight instance: f(x) = L·hub_τ(x), minimizer 0, f* = 0.
 * Started at x₀ = R with τ = R/(2Nh + 1), GD with step h/L reaches f(x_N) = L R²/(4Nh + 2) exactly.
 */
export function huber1D(L: number, tau: number): HuberSum {
  positiveFinite('L', L);
  positiveFinite('τ', tau);
  return new HuberSum({ A: Float64Array.of(1), weights: Float64Array.of(L), tau: Float64Array.of(tau), xStar: new Float64Array(1), smoothness: L });
}

export interface RandomHuberSumOptions {
  d: number;
  n: number;
  /** target L: the weights are rescaled so that λ_max(Σ c_i a_i a_iᵀ) = L */
  L: number;
  /** τ_i = tauScale·u_i, u_i log-uniform on [0.1, 10] */
  tauScale: number;
  xStarNorm: number;
  seed: number;
}

/** A Huber sum with Gaussian a_i, random weights and thresholds, rescaled to smoothness exactly L. */
export function randomHuberSum(o: RandomHuberSumOptions): HuberSum {
  const { d, n } = o;
  if (!(Number.isInteger(d) && d >= 1 && Number.isInteger(n) && n >= 1)) throw new RangeError(`Huber sum needs positive integer d, n, got d=${d}, n=${n}`);
  positiveFinite('L', o.L);
  positiveFinite('τ scale', o.tauScale);
  const rng = new Rng(o.seed, 'huber-sum');
  const A = new Float64Array(n * d);
  rng.fillGaussian(A, 1 / d);
  const weights = new Float64Array(n);
  const tau = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    weights[i] = 0.5 + rng.uniform();
    tau[i] = o.tauScale * Math.pow(10, 2 * rng.uniform() - 1);
  }
  const xStar = drawPoint(d, o.xStarNorm, o.seed, 'huber-xstar');
  const unscaled = new HuberSum({ A, weights, tau, xStar });
  const s = o.L / unscaled.smoothness;
  for (let i = 0; i < n; i++) weights[i] *= s;
  return new HuberSum({ A, weights, tau, xStar, smoothness: o.L });
}

// ---------------------------------------------------------------------------------------------
// Instances from plain parameters

export type SmoothKind = 'quadratic' | 'quadratic-mode' | 'softplus' | 'huber' | 'huber-tight';

export interface SmoothInstanceParams {
  kind: SmoothKind;
  /** dimension (ignored by 'huber-tight', which is 1-D) */
  d: number;
  /** number of softplus or Huber terms */
  n: number;
  /** μ ≥ 0 (quadratics, softplus; Huber sums are merely convex) */
  mu: number;
  /** L */
  L: number;
  /** ‖x₀ − x*‖ */
  R: number;
  /** ‖x*‖/R */
  shift: number;
  /** quadratics: eigenbasis */
  basis: 'diagonal' | 'haar';
  /** quadratic-mode: x₀ − x* is the eigenvector of μ or of L */
  mode: 'mu' | 'L';
  /** huber-tight: the horizon N and the step factor h (γ = h/L) that set τ = R/(2Nh + 1) */
  horizon: number;
  h: number;
  seed: number;
}

export interface SmoothInstance {
  problem: SmoothProblem;
  x0: Float64Array;
}

/**
 * Build a problem and its starting point x₀ = x* + R·v (v a unit vector: Gaussian from the seed, or the
 * chosen eigenvector for 'quadratic-mode', or +1 for the 1-D Huber instance).
 */
export function smoothInstance(p: SmoothInstanceParams): SmoothInstance {
  positiveFinite('R', p.R);
  if (!(p.shift >= 0 && Number.isFinite(p.shift))) throw new RangeError(`shift must be non-negative and finite, got ${p.shift}`);
  const xStarNorm = p.shift * p.R;
  let problem: SmoothProblem;
  let direction: Float64Array;
  switch (p.kind) {
    case 'huber-tight': {
      if (!(Number.isInteger(p.horizon) && p.horizon >= 0)) throw new RangeError(`horizon must be a non-negative integer, got ${p.horizon}`);
      positiveFinite('h', p.h);
      problem = huber1D(p.L, p.R / (2 * p.horizon * p.h + 1));
      return { problem, x0: Float64Array.of(p.R) };
    }
    case 'quadratic':
    case 'quadratic-mode': {
      const eig = prescribedSpectrum(p.d, p.mu, p.L, p.seed);
      const xStar = drawPoint(p.d, xStarNorm, p.seed, 'quadratic-xstar');
      if (p.kind === 'quadratic-mode') {
        direction = new Float64Array(p.d);
        // eigenvalues are sorted ascending: μ first, L last; put the mode in coordinate 0 so error0 tracks it
        const idx = p.mode === 'mu' ? 0 : p.d - 1;
        const sorted = [eig[idx], ...eig.filter((_, i) => i !== idx)];
        problem = new Quadratic({ eigenvalues: sorted, basis: 'diagonal', xStar });
        direction[0] = 1;
      } else {
        problem = new Quadratic({ eigenvalues: eig, basis: p.basis, seed: p.seed, xStar });
        direction = drawPoint(p.d, 1, p.seed, 'direction');
      }
      break;
    }
    case 'softplus': {
      problem = new SoftplusRidge({ d: p.d, n: p.n, mu: p.mu, xStarNorm, seed: p.seed, targetSmoothness: p.L });
      direction = drawPoint(p.d, 1, p.seed, 'direction');
      break;
    }
    case 'huber': {
      problem = randomHuberSum({ d: p.d, n: p.n, L: p.L, tauScale: p.R / Math.sqrt(p.d), xStarNorm, seed: p.seed });
      direction = drawPoint(p.d, 1, p.seed, 'direction');
      break;
    }
    default:
      throw new RangeError(`unknown problem kind '${(p as { kind: string }).kind}'`);
  }
  const x0 = new Float64Array(problem.dim);
  for (let i = 0; i < problem.dim; i++) x0[i] = problem.xStar[i] + p.R * direction[i];
  return { problem, x0 };
}

// ---------------------------------------------------------------------------------------------
// Finite-sum ridge regression (Stich et al.'s generator)

export interface FiniteSumRidgeOptions {
  d: number;
  n: number;
  /** λ > 0, the ridge weight */
  lambda: number;
  seed: number;
  /** b_i = a_iᵀx_true + σ ε_i (σ > 0 makes ∇f_i(x*) ≠ 0) */
  noise: number;
  /** ‖x_true‖ */
  xTrueNorm: number;
}

/**
 * f(x) = (1/n) Σ_i f_i(x), f_i(x) = ½(a_iᵀx − b_i)² + (λ/2)‖x‖², a_i ~ N(0, I_d). Each f_i is L-smooth with
 * L = max_i ‖a_i‖² + λ; f is μ-strongly convex with μ = λ_min(AᵀA/n) + λ; x* = (AᵀA/n + λI)⁻¹ Aᵀb/n.
 */
export class FiniteSumRidge {
  readonly d: number;
  readonly n: number;
  readonly lambda: number;
  /** n x d, row-major */
  readonly A: Float64Array;
  readonly b: Float64Array;
  /** H = AᵀA/n + λI (d x d, row-major), the Hessian of f */
  readonly H: Float64Array;
  readonly xStar: Float64Array;
  readonly fStar: number;
  /** L = max_i ‖a_i‖² + λ */
  readonly smoothness: number;
  /** μ = λ_min(H) */
  readonly strongConvexity: number;
  readonly rowNormSq: Float64Array;
  private readonly e: Float64Array;

  constructor(o: FiniteSumRidgeOptions) {
    const { d, n, lambda } = o;
    if (!(Number.isInteger(d) && d >= 1 && Number.isInteger(n) && n >= 1)) throw new RangeError(`ridge needs positive integer d, n, got d=${d}, n=${n}`);
    positiveFinite('λ', lambda);
    if (!(o.noise >= 0 && Number.isFinite(o.noise))) throw new RangeError(`noise must be non-negative and finite, got ${o.noise}`);
    this.d = d;
    this.n = n;
    this.lambda = lambda;
    const rng = new Rng(o.seed, 'ridge');
    this.A = new Float64Array(n * d);
    rng.fillGaussian(this.A);
    const xTrue = drawPoint(d, o.xTrueNorm, o.seed, 'ridge-xtrue');
    this.b = new Float64Array(n);
    this.rowNormSq = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let z = 0, s = 0;
      for (let j = 0; j < d; j++) {
        z += this.A[i * d + j] * xTrue[j];
        s += this.A[i * d + j] ** 2;
      }
      this.b[i] = z + o.noise * rng.gaussian();
      this.rowNormSq[i] = s;
    }
    const H = new Matrix(d, d);
    const rhs = new Matrix(d, 1);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < d; j++) {
        const aij = this.A[i * d + j] / n;
        rhs.set(j, 0, rhs.get(j, 0) + aij * this.b[i]);
        for (let k = 0; k < d; k++) H.set(j, k, H.get(j, k) + aij * this.A[i * d + k]);
      }
    }
    for (let j = 0; j < d; j++) H.set(j, j, H.get(j, j) + lambda);
    this.H = Float64Array.from(H.to1DArray());
    const evd = new EigenvalueDecomposition(H, { assumeSymmetric: true });
    this.strongConvexity = Math.min(...evd.realEigenvalues);
    this.smoothness = Math.max(...this.rowNormSq) + lambda;
    // x* = V diag(1/λ_i) Vᵀ rhs (the EVD is symmetric and well conditioned: λ_min ≥ λ)
    const V = evd.eigenvectorMatrix;
    const w = evd.realEigenvalues;
    const coef = V.transpose().mmul(rhs);
    for (let j = 0; j < d; j++) coef.set(j, 0, coef.get(j, 0) / w[j]);
    this.xStar = Float64Array.from(V.mmul(coef).to1DArray());
    this.e = new Float64Array(d);
    this.fStar = this.value(this.xStar);
  }

  value(x: Float64Array): number {
    const { d, n, A, b } = this;
    let s = 0;
    for (let i = 0; i < n; i++) {
      let r = -b[i];
      for (let j = 0; j < d; j++) r += A[i * d + j] * x[j];
      s += 0.5 * r * r;
    }
    return s / n + 0.5 * this.lambda * normSq(x);
  }

  /** f(x) − f* = ½(x − x*)ᵀH(x − x*) (f is quadratic). */
  gap(x: Float64Array): number {
    const { d, H, e } = this;
    for (let j = 0; j < d; j++) e[j] = x[j] - this.xStar[j];
    return 0.5 * Math.max(quadraticForm(H, e, d), 0);
  }

  /** out ← ∇f_i(x) = (a_iᵀx − b_i) a_i + λx. */
  componentGradient(i: number, x: Float64Array, out: Float64Array): void {
    const { d, A } = this;
    let r = -this.b[i];
    for (let j = 0; j < d; j++) r += A[i * d + j] * x[j];
    for (let j = 0; j < d; j++) out[j] = r * A[i * d + j] + this.lambda * x[j];
  }

  /** E_i‖∇f_i(x)‖² = (1/n) Σ_i ‖∇f_i(x)‖², exactly (O(nd), no allocation; rows eight at a time). */
  meanSquaredGradientNorm(x: Float64Array): number {
    const { d, n, A, b, rowNormSq: q, lambda } = this;
    // ‖r a_i + λx‖² = r²‖a_i‖² + 2λ r a_iᵀx + λ²‖x‖²
    let s = 0;
    let i = 0;
    for (; i + 7 < n; i += 8) {
      rowDots8(A, i, d, x, DOTS);
      for (let l = 0; l < 8; l++) {
        const ax = DOTS[l], r = ax - b[i + l];
        s += r * r * q[i + l] + 2 * lambda * r * ax;
      }
    }
    for (; i < n; i++) {
      const ax = rowDot(A, i, d, x);
      const r = ax - b[i];
      s += r * r * q[i] + 2 * lambda * r * ax;
    }
    return Math.max(s / n + lambda * lambda * normSq(x), 0);
  }
}
