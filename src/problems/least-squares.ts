/**
 * Consistent linear systems Ax = b (b = Ax*) for the Kaczmarz / minibatch heavy-ball family
 * (Bollapragada–Chen–Ward 2024, Section 2): n rows, d columns, a prescribed
 * spectrum λ₁ ≤ … ≤ λ_d of H = AᵀA and controllable row norms.
 *
 * Construction: A = Y Vᵀ with V Haar-random (d x d) and Y (n x d) with YᵀY = diag(λ), so the
 * eigenvectors of H are the columns of V and the eigenvalues are exactly the prescribed ones (up to
 * roundoff). The row norms of A are those of Y:
 * - 'uniform': all rows of equal norm ‖A‖²_F/n, by alternating row normalization and the Gram fix
 *   Y ← Y (YᵀY)^{-1/2} diag(√λ) (row-norm and uniform sampling then coincide);
 * - 'spread': Y is the orthonormalized Gaussian matrix with rows scaled log-uniformly over a factor
 *   `rowNormSpread`, so row-norm and uniform sampling differ (η = n max‖a_i‖²/‖A‖²_F > 1).
 */
import fc from 'fast-check';
import { EigenvalueDecomposition, QrDecomposition } from 'ml-matrix';
import { logUniform, seedArb } from '../claims/arbitraries.ts';
import { gemmTN, zeros, type Mat } from '../linalg/dense.ts';
import { haarOrthonormal, toMatrix } from '../linalg/decomp.ts';
import { Rng } from '../random/rng.ts';

export type SpectrumShape = 'linear' | 'geometric' | 'bottom' | 'top';
export const SPECTRUM_SHAPES: readonly SpectrumShape[] = ['linear', 'geometric', 'bottom', 'top'];

export type RowNormProfile = 'uniform' | 'spread';
export const ROW_NORM_PROFILES: readonly RowNormProfile[] = ['uniform', 'spread'];

export interface LeastSquaresParams {
  /** rows */
  n: number;
  /** columns */
  d: number;
  /** κ = λ_max/λ_min of AᵀA */
  conditionNumber: number;
  spectrum: SpectrumShape;
  rowNorms: RowNormProfile;
  /** 'spread' only: target ratio of the largest to the smallest squared row norm (default 100). */
  rowNormSpread?: number;
  /** λ_min (default 1) */
  lambdaMin?: number;
  /** seed of V, Y and x* */
  seed: number;
}

export interface LeastSquares {
  n: number;
  d: number;
  A: Mat;
  b: Float64Array;
  xStar: Float64Array;
  /** λ₁ ≤ … ≤ λ_d of H = AᵀA */
  eigenvalues: Float64Array;
  /** d x d, orthonormal; column i is the eigenvector of λ_i */
  eigenvectors: Mat;
  /** ‖a_i‖² */
  rowNormsSq: Float64Array;
  /** ‖A‖²_F = Σλ_i */
  frobeniusSq: number;
  lambdaMin: number;
  lambdaMax: number;
  /** κ = λ_max/λ_min */
  conditionNumber: number;
  /** κ̄_D = ‖A‖²_F/λ_min, the squared Demmel condition number (Strohmer–Vershynin) */
  demmelConditionNumber: number;
  /** ‖A‖²_F/λ_max, the stable rank (minibatch SGD saturates at this batch) */
  stableRank: number;
  /** η = n max‖a_i‖²/‖A‖²_F ≥ 1, the price of uniform rather than row-norm sampling  */
  eta: number;
}

/** Relative tolerance of the 'uniform' row-norm alternation. */
const ROW_NORM_TOL = 1e-12;
const ROW_NORM_MAX_SWEEPS = 500;

/** d eigenvalues of AᵀA, ascending, from λ_min to κ λ_min. */
export function eigenvalueProfile(shape: SpectrumShape, d: number, conditionNumber: number, lambdaMin = 1): Float64Array {
  if (!(Number.isInteger(d) && d >= 1)) throw new RangeError(`the number of columns d must be a positive integer, got ${d}`);
  if (!(conditionNumber >= 1 && Number.isFinite(conditionNumber))) throw new RangeError(`condition number must be a finite number ≥ 1, got ${conditionNumber}`);
  if (!(lambdaMin > 0 && Number.isFinite(lambdaMin))) throw new RangeError(`λ_min must be positive and finite, got ${lambdaMin}`);
  const out = new Float64Array(d);
  const k = conditionNumber;
  for (let i = 0; i < d; i++) {
    const s = d === 1 ? 0 : i / (d - 1);
    let v: number;
    if (shape === 'linear') v = 1 + (k - 1) * s;
    else if (shape === 'geometric') v = Math.pow(k, s);
    else if (shape === 'bottom') v = i === 0 ? 1 : k; // one small eigenvalue
    else if (shape === 'top') v = i === d - 1 ? k : 1; // one large eigenvalue
    else throw new RangeError(`unknown spectrum shape '${shape as string}'`);
    out[i] = lambdaMin * v;
  }
  if (d > 1) out[d - 1] = lambdaMin * k; // exact endpoints
  return out;
}

/** Symmetric inverse square root of a symmetric positive definite d x d matrix (setup only). */
function inverseSqrt(g: Mat): Mat {
  const d = g.rows;
  const evd = new EigenvalueDecomposition(toMatrix(g), { assumeSymmetric: true });
  const w = evd.realEigenvalues;
  const V = evd.eigenvectorMatrix;
  const out = zeros(d, d);
  for (let k = 0; k < d; k++) {
    if (!(w[k] > 0)) throw new RangeError('the Gram matrix lost positive definiteness while equalizing row norms');
    const s = 1 / Math.sqrt(w[k]);
    for (let i = 0; i < d; i++) {
      const vi = V.get(i, k) * s;
      for (let j = 0; j < d; j++) out.data[i * d + j] += vi * V.get(j, k);
    }
  }
  return out;
}

/** Y ← Y (YᵀY)^{-1/2} diag(σ): YᵀY = diag(σ²) exactly (up to roundoff), row norms perturbed. */
function gramFix(Y: Mat, sigma: Float64Array): void {
  const n = Y.rows, d = Y.cols;
  const G = zeros(d, d);
  gemmTN(G, Y, Y);
  const R = inverseSqrt(G);
  for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) R.data[i * d + j] *= sigma[j];
  const row = new Float64Array(d);
  for (let r = 0; r < n; r++) {
    row.fill(0);
    for (let k = 0; k < d; k++) {
      const y = Y.data[r * d + k];
      for (let j = 0; j < d; j++) row[j] += y * R.data[k * d + j];
    }
    Y.data.set(row, r * d);
  }
}

function rowNormsSqOf(Y: Mat): Float64Array {
  const out = new Float64Array(Y.rows);
  for (let r = 0; r < Y.rows; r++) {
    let s = 0;
    for (let j = 0; j < Y.cols; j++) s += Y.data[r * Y.cols + j] ** 2;
    out[r] = s;
  }
  return out;
}

function validateParams(p: LeastSquaresParams): void {
  const { n, d } = p;
  if (!(Number.isInteger(d) && d >= 1)) throw new RangeError(`the number of columns d must be a positive integer, got ${d}`);
  if (!(Number.isInteger(n) && n >= d)) throw new RangeError(`the number of rows n must be an integer ≥ d = ${d} (full column rank), got ${n}`);
  if (!Number.isInteger(p.seed)) throw new RangeError(`seed must be an integer, got ${p.seed}`);
  if (!ROW_NORM_PROFILES.includes(p.rowNorms)) throw new RangeError(`unknown row-norm profile '${p.rowNorms as string}'`);
  if (p.rowNormSpread !== undefined && !(p.rowNormSpread >= 1 && Number.isFinite(p.rowNormSpread))) {
    throw new RangeError(`rowNormSpread must be a finite number ≥ 1, got ${p.rowNormSpread}`);
  }
}

/** The consistent system of the parameters (deterministic: same parameters, bit-identical A, b, x*). */
export function buildLeastSquares(params: LeastSquaresParams): LeastSquares {
  validateParams(params);
  const { n, d, seed } = params;
  const lambda = eigenvalueProfile(params.spectrum, d, params.conditionNumber, params.lambdaMin ?? 1);
  const sigma = lambda.map(Math.sqrt);
  const rng = new Rng(seed, 'least-squares');
  // Y: orthonormalized Gaussian rows (row-scaled for 'spread'), then YᵀY = diag(λ)
  const G = zeros(n, d);
  rng.fillGaussian(G.data);
  if (params.rowNorms === 'spread') {
    const spread = params.rowNormSpread ?? 100;
    for (let r = 0; r < n; r++) {
      const w = Math.pow(spread, rng.uniform() / 2);
      for (let j = 0; j < d; j++) G.data[r * d + j] *= w;
    }
  }
  const Q = new QrDecomposition(toMatrix(G)).orthogonalMatrix; // n x d (economy) or n x n
  const Y = zeros(n, d);
  for (let r = 0; r < n; r++) for (let j = 0; j < d; j++) Y.data[r * d + j] = Q.get(r, j) * sigma[j];
  if (params.rowNorms === 'uniform') {
    let trace = 0;
    for (let i = 0; i < d; i++) trace += lambda[i];
    const target = Math.sqrt(trace / n);
    for (let sweep = 0; sweep < ROW_NORM_MAX_SWEEPS; sweep++) {
      const norms = rowNormsSqOf(Y);
      let lo = Infinity, hi = 0;
      for (let r = 0; r < n; r++) {
        lo = Math.min(lo, norms[r]);
        hi = Math.max(hi, norms[r]);
      }
      if (hi <= lo * (1 + ROW_NORM_TOL)) break;
      for (let r = 0; r < n; r++) {
        const s = target / Math.sqrt(norms[r]);
        for (let j = 0; j < d; j++) Y.data[r * d + j] *= s;
      }
      gramFix(Y, sigma);
    }
  } else {
    gramFix(Y, sigma); // remove the QR's roundoff from YᵀY = diag(λ)
  }
  const V = haarOrthonormal(rng, d, d);
  // A = Y Vᵀ
  const A = zeros(n, d);
  for (let r = 0; r < n; r++) {
    for (let k = 0; k < d; k++) {
      const y = Y.data[r * d + k];
      for (let j = 0; j < d; j++) A.data[r * d + j] += y * V.data[j * d + k];
    }
  }
  const xStar = new Float64Array(d);
  rng.fillGaussian(xStar);
  return assemble(A, xStar, lambda, V);
}

function assemble(A: Mat, xStar: Float64Array, eigenvalues: Float64Array, eigenvectors: Mat): LeastSquares {
  const n = A.rows, d = A.cols;
  const b = new Float64Array(n);
  for (let r = 0; r < n; r++) {
    let s = 0;
    for (let j = 0; j < d; j++) s += A.data[r * d + j] * xStar[j];
    b[r] = s;
  }
  const rowNormsSq = rowNormsSqOf(A);
  let frobeniusSq = 0, maxRow = 0;
  for (let r = 0; r < n; r++) {
    frobeniusSq += rowNormsSq[r];
    maxRow = Math.max(maxRow, rowNormsSq[r]);
  }
  const lambdaMin = eigenvalues[0], lambdaMax = eigenvalues[d - 1];
  return {
    n,
    d,
    A,
    b,
    xStar,
    eigenvalues,
    eigenvectors,
    rowNormsSq,
    frobeniusSq,
    lambdaMin,
    lambdaMax,
    conditionNumber: lambdaMax / lambdaMin,
    demmelConditionNumber: frobeniusSq / lambdaMin,
    stableRank: frobeniusSq / lambdaMax,
    eta: (n * maxRow) / frobeniusSq,
  };
}

/** Relative threshold below which λ_min(AᵀA)/λ_max(AᵀA) counts as singular. */
export const SINGULAR_TOL = 1e-12;
/** Relative residual ‖Ax_ls − b‖/‖b‖ above which a system counts as inconsistent. */
export const CONSISTENCY_TOL = 1e-10;

/**
 * A given system Ax = b: checks full column rank (λ_min(AᵀA) > 1e-12 λ_max) and consistency
 * (‖Ax_ls − b‖ ≤ 1e-10 ‖b‖) and throws a RangeError otherwise; x* is the least-squares solution.
 */
export function leastSquaresFromSystem(A: Mat, b: Float64Array | readonly number[]): LeastSquares {
  const n = A.rows, d = A.cols;
  if (b.length !== n) throw new RangeError(`b has ${b.length} entries but A has ${n} rows`);
  for (let i = 0; i < A.data.length; i++) if (!Number.isFinite(A.data[i])) throw new RangeError('A has a non-finite entry');
  for (let i = 0; i < n; i++) if (!Number.isFinite(b[i])) throw new RangeError('b has a non-finite entry');
  if (n < d) throw new RangeError(`AᵀA is singular: ${n} rows < ${d} columns`);
  const H = zeros(d, d);
  gemmTN(H, A, A);
  const evd = new EigenvalueDecomposition(toMatrix(H), { assumeSymmetric: true });
  const order = Array.from(evd.realEigenvalues.keys()).sort((i, j) => evd.realEigenvalues[i] - evd.realEigenvalues[j]);
  const eigenvalues = Float64Array.from(order.map((i) => evd.realEigenvalues[i]));
  const lmax = eigenvalues[d - 1];
  if (!(lmax > 0) || !(eigenvalues[0] > SINGULAR_TOL * lmax)) {
    throw new RangeError(`AᵀA is singular: λ_min/λ_max = ${lmax > 0 ? (eigenvalues[0] / lmax).toExponential(2) : 0} (full column rank needed)`);
  }
  const V = zeros(d, d);
  const E = evd.eigenvectorMatrix;
  for (let k = 0; k < d; k++) for (let i = 0; i < d; i++) V.data[i * d + k] = E.get(i, order[k]);
  // x* = H⁻¹ Aᵀ b through the eigendecomposition
  const atb = new Float64Array(d);
  for (let r = 0; r < n; r++) for (let j = 0; j < d; j++) atb[j] += A.data[r * d + j] * b[r];
  const xStar = new Float64Array(d);
  for (let k = 0; k < d; k++) {
    let c = 0;
    for (let i = 0; i < d; i++) c += V.data[i * d + k] * atb[i];
    c /= eigenvalues[k];
    for (let i = 0; i < d; i++) xStar[i] += c * V.data[i * d + k];
  }
  let res = 0, nb = 0;
  for (let r = 0; r < n; r++) {
    let s = -b[r];
    for (let j = 0; j < d; j++) s += A.data[r * d + j] * xStar[j];
    res += s * s;
    nb += b[r] * b[r];
  }
  if (Math.sqrt(res) > CONSISTENCY_TOL * Math.max(Math.sqrt(nb), Number.MIN_VALUE)) {
    throw new RangeError(`inconsistent system: ‖Ax_ls − b‖/‖b‖ = ${(Math.sqrt(res) / Math.sqrt(nb)).toExponential(2)} (the methods need b = Ax*)`);
  }
  return assemble(A, xStar, eigenvalues, V);
}

/**
 * Kidambi–Netrapalli–Jain–Kakade's hard instance as a finite sum (Kidambi, Netrapalli, Jain, Kakade, ICLR 2018, Section 3): n = 2m rows, m equal
 * to √(2/n) σ₁ e₁ᵀ and m equal to √(2/n) σ₂ e₂ᵀ (z = √2, so c = E[z⁴]/2 = 2), AᵀA = diag(σ₁², σ₂²),
 * b = A x*. Uniform and row-norm sampling both draw each group with probability ½.
 */
export function kidambiInstance(m: number, sigma1Sq: number, sigma2Sq: number, xStar: readonly number[] = [1, 1]): LeastSquares {
  if (!(Number.isInteger(m) && m >= 1)) throw new RangeError(`rows per group m must be a positive integer, got ${m}`);
  if (!(sigma1Sq >= sigma2Sq && sigma2Sq > 0 && Number.isFinite(sigma1Sq))) throw new RangeError(`Kidambi's instance needs σ₁² ≥ σ₂² > 0, got ${sigma1Sq}, ${sigma2Sq}`);
  if (xStar.length !== 2) throw new RangeError('Kidambi’s instance is two-dimensional');
  const n = 2 * m;
  const A = zeros(n, 2);
  const s = Math.sqrt(2 / n);
  for (let r = 0; r < m; r++) A.data[r * 2] = s * Math.sqrt(sigma1Sq);
  for (let r = m; r < n; r++) A.data[r * 2 + 1] = s * Math.sqrt(sigma2Sq);
  const V = zeros(2, 2);
  // eigenvalues ascending: σ₂² (e₂) then σ₁² (e₁)
  V.data[0 * 2 + 1] = 1;
  V.data[1 * 2 + 0] = 1;
  return assemble(A, Float64Array.from(xStar), Float64Array.from([sigma2Sq, sigma1Sq]), V);
}

/** Coordinates in the eigenbasis of H: Ã = A V (n x d), ṽ = Vᵀ v. */
export function rotateRows(problem: LeastSquares): Mat {
  const { A, eigenvectors: V, n, d } = problem;
  const out = zeros(n, d);
  for (let r = 0; r < n; r++) {
    for (let j = 0; j < d; j++) {
      const a = A.data[r * d + j];
      if (a === 0) continue;
      for (let k = 0; k < d; k++) out.data[r * d + k] += a * V.data[j * d + k];
    }
  }
  return out;
}

/** Vᵀ v */
export function toEigenbasis(problem: LeastSquares, v: Float64Array): Float64Array {
  const { eigenvectors: V, d } = problem;
  const out = new Float64Array(d);
  for (let k = 0; k < d; k++) {
    let s = 0;
    for (let i = 0; i < d; i++) s += V.data[i * d + k] * v[i];
    out[k] = s;
  }
  return out;
}

/** The eigenvector of λ_i as a vector (column i of V). */
export function eigenvector(problem: LeastSquares, i: number): Float64Array {
  const { eigenvectors: V, d } = problem;
  if (!(Number.isInteger(i) && i >= 0 && i < d)) throw new RangeError(`eigenvector index must lie in [0, ${d}), got ${i}`);
  const out = new Float64Array(d);
  for (let k = 0; k < d; k++) out[k] = V.data[k * d + i];
  return out;
}

/** Set-up check: ‖VᵀAᵀAV − diag(λ)‖_F/λ_max (roundoff level for a well-built instance). */
export function spectrumError(problem: LeastSquares): number {
  const At = rotateRows(problem);
  const d = problem.d;
  const G = zeros(d, d);
  gemmTN(G, At, At);
  let s = 0;
  for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) s += (G.data[i * d + j] - (i === j ? problem.eigenvalues[i] : 0)) ** 2;
  return Math.sqrt(s) / problem.lambdaMax;
}


// ---------------------------------------------------------------------------------------------
// Instance parameters of the claims: plain JSON, shrinking toward small d, n = d, κ near its minimum,
// the λ_min eigenvector as starting error (start = 0), equal row norms.

export type InstanceFamily = 'generated' | 'kidambi';

export interface InstanceParams extends LeastSquaresParams {
  /** 'generated': buildLeastSquares; 'kidambi': Kidambi et al.'s finite sum with m = n/2 rows per group, σ₁²/σ₂² = κ */
  family: InstanceFamily;
  /** starting error direction: angle (π/2)·start/8 between e₀ and the λ_min eigenvector (0 = along it) */
  start: number;
}

export interface InstanceRanges {
  d?: [number, number];
  /** n − d */
  extraRows?: [number, number];
  conditionNumber?: [number, number];
  spectrum?: readonly SpectrumShape[];
  rowNorms?: readonly RowNormProfile[];
  families?: readonly InstanceFamily[];
}

export function instanceParams(ranges: InstanceRanges = {}): fc.Arbitrary<InstanceParams> {
  const [dLo, dHi] = ranges.d ?? [2, 5];
  const [eLo, eHi] = ranges.extraRows ?? [0, 30];
  const [kLo, kHi] = ranges.conditionNumber ?? [1.5, 1000];
  return fc
    .record({
      family: fc.constantFrom(...(ranges.families ?? (['generated'] as const))),
      d: fc.integer({ min: dLo, max: dHi }),
      extra: fc.integer({ min: eLo, max: eHi }),
      conditionNumber: logUniform(kLo, kHi),
      spectrum: fc.constantFrom(...(ranges.spectrum ?? SPECTRUM_SHAPES)),
      rowNorms: fc.constantFrom(...(ranges.rowNorms ?? ROW_NORM_PROFILES)),
      rowNormSpread: logUniform(1, 1000, 24),
      start: fc.integer({ min: 0, max: 8 }),
      seed: seedArb(),
    })
    .map(({ extra, ...p }): InstanceParams => {
      if (p.family === 'kidambi') {
        // two groups of equal rows: d = 2, n = 2m
        const m = Math.max(1, Math.ceil((p.d + extra) / 2));
        return { ...p, d: 2, n: 2 * m };
      }
      return { ...p, n: p.d + extra };
    });
}

/** The system of the instance parameters. */
export function buildInstance(p: InstanceParams): LeastSquares {
  if (p.family === 'kidambi') {
    if (p.d !== 2 || p.n % 2 !== 0) throw new RangeError(`Kidambi's instance has d = 2 and an even n, got d=${p.d}, n=${p.n}`);
    const lmin = p.lambdaMin ?? 1;
    const x = new Float64Array(2);
    new Rng(p.seed, 'kidambi-x').fillGaussian(x);
    return kidambiInstance(p.n / 2, lmin * p.conditionNumber, lmin, Array.from(x));
  }
  return buildLeastSquares(p);
}

/**
 * Unit starting error e₀ = cos φ v_min + sin φ g/‖g‖ with φ = (π/2)·start/8 and g Gaussian orthogonal
 * to v_min (from the seed): start = 0 puts e₀ on the λ_min eigenvector.
 */
export function startingError(problem: LeastSquares, start: number, seed: number): Float64Array {
  if (!(start >= 0 && start <= 8)) throw new RangeError(`start must lie in [0, 8], got ${start}`);
  const d = problem.d;
  const v = eigenvector(problem, 0);
  const e = new Float64Array(d);
  if (d === 1 || start === 0) return v;
  const g = new Float64Array(d);
  new Rng(seed, 'start').fillGaussian(g);
  let dot = 0;
  for (let i = 0; i < d; i++) dot += g[i] * v[i];
  let ng = 0;
  for (let i = 0; i < d; i++) {
    g[i] -= dot * v[i];
    ng += g[i] * g[i];
  }
  ng = Math.sqrt(ng);
  const phi = (Math.PI / 2) * (start / 8);
  for (let i = 0; i < d; i++) e[i] = Math.cos(phi) * v[i] + (ng > 0 ? (Math.sin(phi) * g[i]) / ng : 0);
  let ne = 0;
  for (let i = 0; i < d; i++) ne += e[i] * e[i];
  ne = Math.sqrt(ne);
  for (let i = 0; i < d; i++) e[i] /= ne;
  return e;
}
