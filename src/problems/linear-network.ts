/**
 * Two-layer linear networks (Xu et al. 2024, Section 4): objective (10)
 *
 *   f(X, Y) = ½‖L − XYᵀD‖²_F,   D ∈ ℝ^{n×N} inputs, L ∈ ℝ^{m×N} labels, X ∈ ℝ^{m×d}, Y ∈ ℝ^{n×d},
 *
 * (no 1/N), its gradients ∇_X f = R DᵀY and ∇_Y f = D RᵀX with R = XYᵀD − L, the residual model the
 * gradient methods of src/methods/factorization.ts run on, instances satisfying Assumption 1 (L = AD
 * with cond(A) = O(1), rank(L) = r; D = UΣVᵀ with a prescribed spectrum and an orthonormal or Gaussian
 * V), the initializations (12)-(14) of the paper and the small balanced Gaussian and orthogonal
 * initializations of prior work, the constants L̃, μ̃ of Theorem 3, and the exact reduced problem.
 *
 * Reduction: with Y₀ ∈ col(D) and col(X₀) ⊆ col(Q) for an orthonormal Q ⊇ col(L) (Q = I for a
 * full-rank X₀), every GD / AltGD / NAG iterate keeps X_t ∈ col(Q), Y_t ∈ col(U_D), and R_t has its
 * rows in row(D) = col(V_D) (D = U_D Σ V_Dᵀ thin). The method on (QᵀLV_D, Σ, QᵀX₀, U_DᵀY₀) is the same
 * method, with the same residual and distance norms (the bases have orthonormal columns).
 */
import { axpy, clone, frobNorm, gemm, gemmNT, gemmTN, scale as scaleInPlace, transpose, zeros, type Mat } from '../linalg/dense.ts';
import { haarOrthonormal, numericalRank, SubspaceDistance, svd } from '../linalg/decomp.ts';
import { Rng } from '../random/rng.ts';
import type { Observer } from '../claims/types.ts';
import { runResidualModel, type FactorizationRunOptions, type FactorizationSpec, type ResidualModel } from '../methods/factorization.ts';
import { gaussianMatrix, spectrum, type SpectrumProfile } from './low-rank.ts';

// ---------------------------------------------------------------------------------------------
// Objective (10), gradients and the residual model

export interface LinearNetworkProblem {
  /** Labels, m x N. */
  L: Mat;
  /** Inputs, n x N. */
  D: Mat;
  /** Initial layers: X₀ (second layer W₂, m x d) and Y₀ (first layer W₁ = Y₀ᵀ, n x d). */
  X0: Mat;
  Y0: Mat;
}

function checkShapes(p: LinearNetworkProblem, X: Mat, Y: Mat): void {
  const { L, D } = p;
  if (L.cols !== D.cols || X.rows !== L.rows || Y.rows !== D.rows || X.cols !== Y.cols) {
    throw new RangeError(`shapes do not match: L ${L.rows}x${L.cols}, D ${D.rows}x${D.cols}, X ${X.rows}x${X.cols}, Y ${Y.rows}x${Y.cols}`);
  }
}

/** R = XYᵀD − L (allocating; for set-up and tests). */
export function networkResidual(p: LinearNetworkProblem, X: Mat, Y: Mat): Mat {
  checkShapes(p, X, Y);
  const W = zeros(Y.cols, p.D.cols);
  gemmTN(W, Y, p.D);
  const R = zeros(p.L.rows, p.L.cols);
  gemm(R, X, W);
  axpy(-1, p.L, R);
  return R;
}

/** f(X, Y) = ½‖L − XYᵀD‖²_F (objective (10)). */
export function networkObjective(p: LinearNetworkProblem, X: Mat, Y: Mat): number {
  const r = frobNorm(networkResidual(p, X, Y));
  return 0.5 * r * r;
}

/** ∇_X f = R DᵀY and ∇_Y f = D RᵀX, R = XYᵀD − L. */
export function networkGradient(p: LinearNetworkProblem, X: Mat, Y: Mat): { gX: Mat; gY: Mat } {
  const R = networkResidual(p, X, Y);
  const RDt = zeros(p.L.rows, p.D.rows); // R̃ = R Dᵀ
  gemmNT(RDt, R, p.D);
  const gX = zeros(X.rows, X.cols);
  const gY = zeros(Y.rows, Y.cols);
  gemm(gX, RDt, Y);
  gemmTN(gY, RDt, X);
  return { gX, gY };
}

/**
 * Objective (10) as a residual model: R = X(YᵀD) − L, ∇_X f = R (YᵀD)ᵀ (reusing YᵀD from the
 * residual), ∇_Y f = D (RᵀX). Every product costs O(d) per entry of R, never n·N·m.
 */
export function linearNetworkModel(L: Mat, D: Mat): ResidualModel {
  if (L.cols !== D.cols) throw new RangeError(`L and D need the same number of samples, got L ${L.rows}x${L.cols}, D ${D.rows}x${D.cols}`);
  const N = D.cols;
  return {
    xRows: L.rows,
    yRows: D.rows,
    residualRows: L.rows,
    residualCols: N,
    operations: (d) => {
      const W = zeros(d, N); // YᵀD
      const RtX = zeros(N, d); // RᵀX
      return {
        residual(R, X, Y) {
          gemmTN(W, Y, D);
          gemm(R, X, W);
          axpy(-1, L, R);
        },
        gradX(gX, R) {
          gemmNT(gX, R, W); // R DᵀY with W = YᵀD of the same Y
        },
        gradY(gY, R, X) {
          gemmTN(RtX, R, X);
          gemm(gY, D, RtX);
        },
      };
    },
  };
}

/** GD, AltGD or NAG (Lemma 7's extrapolated form) on objective (10); metrics as for matrix factorization. */
export function runLinearNetwork(
  problem: LinearNetworkProblem,
  spec: FactorizationSpec,
  observe: Observer,
  maxIterations: number,
  options: FactorizationRunOptions = {},
): void {
  checkShapes(problem, problem.X0, problem.Y0);
  runResidualModel(linearNetworkModel(problem.L, problem.D), problem.X0, problem.Y0, spec, observe, maxIterations, options);
}

// ---------------------------------------------------------------------------------------------
// Instances satisfying Assumption 1

export type LabelKind = 'conditioned' | 'gaussian';
export type DataV = 'orthonormal' | 'gaussian';

export interface NetworkParams {
  /** output dimension (rows of L) */
  m: number;
  /** input dimension (rows of D) */
  n: number;
  /** samples */
  N: number;
  /** rank(D) */
  rankD: number;
  /** r = rank(L) (r̄ of the paper) */
  r: number;
  /** cond(Σ) = σ₁(Σ)/σ_{rank D}(Σ): D's condition number when V is orthonormal */
  condD: number;
  profile: SpectrumProfile;
  /** σ₁(Σ) */
  scaleD: number;
  /** V orthonormal (Haar), or Gaussian with N(0, 1/N) entries as in the paper's experiments */
  dataV: DataV;
  /** A with a prescribed spectrum (rank r, cond(A) = condA, σ₁(A) = 1) or Gaussian N(0, 1/n) entries */
  labels: LabelKind;
  condA: number;
  /** width */
  d: number;
  /** c as a multiple of the claim's threshold (or an absolute scale where a claim says so) */
  cMultiplier: number;
  /** seed of D, A and the initialization */
  seed: number;
}

/** Everything about an instance that does not depend on the initialization. */
export interface NetworkSetup {
  params: NetworkParams;
  /** the generating A (L = AD) */
  A: Mat;
  D: Mat;
  L: Mat;
  /** Thin SVD of D: D = U_D diag(sD) V_Dᵀ with rank(D) columns, orthonormal to roundoff. */
  UD: Mat;
  sD: number[];
  VD: Mat;
  /** Orthonormal basis of col(L) (m x rank(L)) and the nonzero singular values of L. */
  UL: Mat;
  sL: number[];
  rankL: number;
  /** Nonzero singular values of the minimum-norm interpolating A* = LD⁺ = A U_D U_Dᵀ, and its condition number (Assumption 1) */
  sAStar: number[];
  condAStar: number;
  /** ‖L − LV_DV_Dᵀ‖_F/‖L‖_F: how far L's rows are from row(D) (0 under Assumption 1, up to roundoff) */
  interpolationError: number;
  normL: number;
  /** ‖LDᵀ‖_F */
  normLDt: number;
  /** λ_max(DDᵀ) and the smallest nonzero eigenvalue λ_min(DDᵀ) */
  lambdaMax: number;
  lambdaMin: number;
}

function checkParams(p: NetworkParams): void {
  const ints: [string, number][] = [['m', p.m], ['n', p.n], ['N', p.N], ['rankD', p.rankD], ['r', p.r], ['d', p.d]];
  for (const [name, v] of ints) if (!(Number.isInteger(v) && v >= 1)) throw new RangeError(`${name} must be a positive integer, got ${v}`);
  if (p.rankD > Math.min(p.n, p.N)) throw new RangeError(`rank(D) = ${p.rankD} exceeds min(n, N) = ${Math.min(p.n, p.N)}`);
  if (p.labels === 'conditioned' && p.r > Math.min(p.m, p.rankD)) throw new RangeError(`rank(L) = ${p.r} exceeds min(m, rank(D)) = ${Math.min(p.m, p.rankD)}`);
  if (!(p.condA >= 1 && Number.isFinite(p.condA))) throw new RangeError(`condA must be a finite number ≥ 1, got ${p.condA}`);
  if (!(p.cMultiplier > 0 && Number.isFinite(p.cMultiplier))) throw new RangeError(`cMultiplier must be positive and finite, got ${p.cMultiplier}`);
  if (!Number.isInteger(p.seed)) throw new RangeError(`seed must be an integer, got ${p.seed}`);
}

function matOf(rows: number, cols: number, f: (i: number, j: number) => number): Mat {
  const out = zeros(rows, cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) out.data[i * cols + j] = f(i, j);
  return out;
}

/** The first k columns of a. */
function leadingColumns(a: Mat, k: number): Mat {
  return matOf(a.rows, k, (i, j) => a.data[i * a.cols + j]);
}

/**
 * A = U_A diag(σ_A) (U_D H)ᵀ with σ_A geometric from 1 to 1/condA, U_A (m x r) and H (rank(D) x r) Haar:
 * a well-conditioned A whose rows lie in col(D), so that the minimum-norm interpolating A* = LD⁺ is A
 * itself and cond(A*) = condA exactly (Assumption 1).
 */
function conditionedLabels(seed: number, m: number, r: number, condA: number, UD: Mat): Mat {
  const rng = new Rng(seed, 'network-A');
  const UA = haarOrthonormal(rng, m, r);
  const H = haarOrthonormal(rng, UD.cols, r);
  const VA = zeros(UD.rows, r);
  gemm(VA, UD, H);
  const sA = spectrum('geometric', r, condA, 1);
  const A = zeros(m, UD.rows);
  gemmNT(A, matOf(m, r, (i, j) => UA.data[i * r + j] * sA[j]), VA);
  return A;
}

/**
 * Build D, A, L = AD and the decompositions every claim needs. D = U diag(Σ) Vᵀ with a Haar U and an
 * orthonormal or Gaussian V; its thin SVD comes from the small SVD of diag(Σ)Vᵀ (no n x N SVD).
 */
export function networkSetup(params: NetworkParams): NetworkSetup {
  checkParams(params);
  const { m, n, N, rankD, r, condD, profile, scaleD, dataV, labels, condA, seed } = params;
  const sigma = spectrum(profile, rankD, condD, scaleD);
  const rng = new Rng(seed, 'network-data');
  const U0 = haarOrthonormal(rng, n, rankD);
  const V0 = dataV === 'orthonormal' ? haarOrthonormal(rng, N, rankD) : gaussianMatrix(seed, 'network-V', N, rankD, 1 / N);
  // diag(Σ)Vᵀ = P diag(sD) Qᵀ, so D = (U₀P) diag(sD) Qᵀ
  const SVt = matOf(rankD, N, (i, j) => sigma[i] * V0.data[j * rankD + i]);
  const small = svd(SVt);
  const UD = zeros(n, rankD);
  gemm(UD, U0, small.U);
  const sD = small.s;
  const VD = small.V;
  const D = zeros(n, N);
  gemmNT(D, matOf(n, rankD, (i, j) => UD.data[i * rankD + j] * sD[j]), VD);

  const A = labels === 'conditioned' ? conditionedLabels(seed, m, r, condA, UD) : gaussianMatrix(seed, 'network-A', m, n, 1 / n);
  const L = zeros(m, N);
  gemm(L, A, D);

  // L = (A U_D diag(sD)) V_Dᵀ: the SVD of the m x rank(D) factor gives col(L) and L's spectrum
  const AUD = zeros(m, rankD);
  gemm(AUD, A, UD);
  const M = matOf(m, rankD, (i, j) => AUD.data[i * rankD + j] * sD[j]);
  const fm = svd(M);
  const rankL = numericalRank(fm.s, m, N);
  const UL = leadingColumns(fm.U, Math.max(rankL, 1));
  const sL = fm.s.slice(0, rankL);
  const sA = svd(AUD).s;
  const rankA = numericalRank(sA, m, rankD);
  const condAStar = rankA > 0 ? sA[0] / sA[rankA - 1] : Infinity;
  // ‖L − L V_D V_Dᵀ‖_F / ‖L‖_F
  const LV = zeros(m, rankD);
  gemm(LV, L, VD);
  const LVVt = zeros(m, N);
  gemmNT(LVVt, LV, VD);
  axpy(-1, L, LVVt);
  const normL = frobNorm(L);
  const interpolationError = normL > 0 ? frobNorm(LVVt) / normL : 0;
  // LDᵀ = M diag(sD) U_Dᵀ, so ‖LDᵀ‖_F = ‖M diag(sD)‖_F
  const normLDt = frobNorm(matOf(m, rankD, (i, j) => M.data[i * rankD + j] * sD[j]));
  return {
    params,
    A,
    D,
    L,
    UD,
    sD,
    VD,
    UL,
    sL,
    rankL,
    sAStar: sA.slice(0, rankA),
    condAStar,
    interpolationError,
    normL,
    normLDt,
    lambdaMax: sD[0] * sD[0],
    lambdaMin: sD[rankD - 1] * sD[rankD - 1],
  };
}

/** Largest cond(A*) read as O(1) in Assumption 1 (the paper gives no constant; this one is explicit). */
export const ASSUMPTION1_COND_MAX = 10;

// ---------------------------------------------------------------------------------------------
// Initializations

/**
 * - unbalanced (12): X₀ = cLΦ, Φ ∈ ℝ^{N×d} with N(0, 1/d) entries, Y₀ = 0 (needs d ≥ r);
 * - orthonormal (13): X₀ = c·Orth(LΦ), the orthonormalized LΦ (its polar factor: every nonzero
 *   singular value 1), Y₀ = 0 (needs d ≥ r);
 * - wide (14): X₀ = cΦ, Φ ∈ ℝ^{m×d} with N(0, 1/d) entries, Y₀ = 0 (needs d ≥ m);
 * - gaussian (prior work, Du & Hu 2019): X₀ = cΦ₁, Y₀ = cΦ₂ with N(0, 1/d) entries (small, balanced);
 * - orthogonal (prior work, Hu et al. 2020): X₀, Y₀ = c times Haar semi-orthogonal matrices.
 */
export type InitScheme = 'unbalanced' | 'orthonormal' | 'wide' | 'gaussian' | 'orthogonal';
export const INIT_SCHEMES: readonly InitScheme[] = ['unbalanced', 'orthonormal', 'wide', 'gaussian', 'orthogonal'];
/** The paper's equation number of each of its initializations. */
export const INIT_EQUATION: Partial<Record<InitScheme, string>> = { unbalanced: '(12)', orthonormal: '(13)', wide: '(14)' };

export interface NetworkInit {
  scheme: InitScheme;
  /** X₀ and Y₀ at c = 1 */
  X0: Mat;
  Y0: Mat;
  /** singular values of X₀ at c = 1, descending (min(m, d) of them) */
  s: number[];
  /** numerical rank of X₀ */
  rank: number;
  /** orthonormal basis of col(X₀) (m x rank) */
  colX0: Mat;
}

function semiOrthogonal(rng: Rng, rows: number, cols: number): Mat {
  return rows >= cols ? haarOrthonormal(rng, rows, cols) : transpose(haarOrthonormal(rng, cols, rows));
}

/** The initialization at width d, drawn from `seed` (by default the instance's own seed). */
export function networkInit(setup: NetworkSetup, scheme: InitScheme, d: number = setup.params.d, seed: number = setup.params.seed): NetworkInit {
  if (!(Number.isInteger(d) && d >= 1)) throw new RangeError(`width must be a positive integer, got ${d}`);
  if (!Number.isInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
  const { m, n, N } = setup.params;
  const Y0 = zeros(n, d);
  if (scheme === 'unbalanced' || scheme === 'orthonormal') {
    const Phi = gaussianMatrix(seed, 'network-Phi', N, d, 1 / d);
    const LPhi = zeros(m, d);
    gemm(LPhi, setup.L, Phi);
    // LΦ = U_L (U_LᵀLΦ): the small factor's SVD gives LΦ's spectrum, col(LΦ) and the polar factor
    const inner = zeros(setup.UL.cols, d);
    gemmTN(inner, setup.UL, LPhi);
    const f = svd(inner);
    const rank = numericalRank(f.s, m, d);
    const colX0 = zeros(m, rank);
    gemm(colX0, setup.UL, leadingColumns(f.U, rank));
    const s = [...f.s, ...new Array(Math.max(0, Math.min(m, d) - f.s.length)).fill(0)];
    if (scheme === 'unbalanced') return { scheme, X0: LPhi, Y0, s, rank, colX0 };
    const X0 = zeros(m, d);
    gemmNT(X0, colX0, leadingColumns(f.V, rank));
    return { scheme, X0, Y0, s: s.map((_v, i) => (i < rank ? 1 : 0)), rank, colX0 };
  }
  let X0: Mat;
  if (scheme === 'wide' || scheme === 'gaussian') X0 = gaussianMatrix(seed, 'network-Phi1', m, d, 1 / d);
  else X0 = semiOrthogonal(new Rng(seed, 'network-orthogonal-X'), m, d);
  if (scheme === 'gaussian') Y0.data.set(gaussianMatrix(seed, 'network-Phi2', n, d, 1 / d).data);
  if (scheme === 'orthogonal') Y0.data.set(semiOrthogonal(new Rng(seed, 'network-orthogonal-Y'), n, d).data);
  const f = svd(X0);
  const rank = numericalRank(f.s, m, d);
  return { scheme, X0, Y0, s: f.s, rank, colX0: leadingColumns(f.U, rank) };
}

/** The problem with X₀, Y₀ scaled by c. */
export function scaledProblem(setup: NetworkSetup, init: NetworkInit, c: number): LinearNetworkProblem {
  if (!(c > 0 && Number.isFinite(c))) throw new RangeError(`the scale c must be positive and finite, got ${c}`);
  return { L: setup.L, D: setup.D, X0: scaleInPlace(clone(init.X0), c), Y0: scaleInPlace(clone(init.Y0), c) };
}

// ---------------------------------------------------------------------------------------------
// Theorem 3's constants

export interface NetworkConstants {
  /** L̃ = σ₁²(X₀) λ_max(DDᵀ) */
  Lt: number;
  /** μ̃ = σ_k²(X₀) λ_min(DDᵀ), k = the index the claim names (r, or m for (14)) */
  mut: number;
  /** p = √μ̃/(144√L̃) (scale free) */
  p: number;
  condX0: number;
  /** η = 1/L̃, β = (√L̃ − √μ̃)/(√L̃ + √μ̃), θ = 1 − √μ̃/(2√L̃) */
  stepSize: number;
  momentum: number;
  theta: number;
}

/** Theorem 3's constants for X₀ with top singular value c·s1 and k-th singular value c·sk. */
export function networkConstants(setup: NetworkSetup, s1: number, sk: number, c: number): NetworkConstants {
  const Lt = c * c * s1 * s1 * setup.lambdaMax;
  const mut = c * c * sk * sk * setup.lambdaMin;
  const sqL = Math.sqrt(Lt), sqMu = Math.sqrt(mut);
  return {
    Lt,
    mut,
    p: sqMu / (144 * sqL),
    condX0: s1 / sk,
    stepSize: 1 / Lt,
    momentum: (sqL - sqMu) / (sqL + sqMu),
    theta: 1 - sqMu / (2 * sqL),
  };
}

/** Smallest c with μ̃p ≥ 4√2‖LDᵀ‖_F(1 + p) (Theorem 3's condition; p does not depend on c). */
export function theorem3Threshold(setup: NetworkSetup, s1: number, sk: number): number {
  const q = networkConstants(setup, s1, sk, 1);
  return Math.sqrt((4 * Math.SQRT2 * setup.normLDt * (1 + q.p)) / (q.mut * q.p));
}

// ---------------------------------------------------------------------------------------------
// Exact reduced problem

const REDUCTION_TOL = 1e-12;

/**
 * The reduced problem (QᵀLV_D, diag(sD), QᵀX₀, U_DᵀY₀) when X₀ lies in col(Q), L in col(Q) with rows in
 * row(D), and Y₀ in col(D), each to REDUCTION_TOL (relative); otherwise null. Q = null stands for the
 * identity (no reduction of X). With projectY, Y₀ may leave col(D): its component outside col(D) never
 * changes (every Y-update is D times a matrix) and YᵀD does not see it, so the residual is still exact
 * (‖Y_t‖ and ‖Y_t − Y₀‖ are then those of the projected Y).
 */
export function reduceNetwork(setup: NetworkSetup, problem: LinearNetworkProblem, Q: Mat | null, projectY = false): LinearNetworkProblem | null {
  const { UD, VD, sD } = setup;
  const d = problem.X0.cols;
  const tiny = (v: number, scale: number) => v <= REDUCTION_TOL * Math.max(scale, Number.MIN_VALUE);
  if (Q) {
    if (!tiny(new SubspaceDistance(Q, d).of(problem.X0), frobNorm(problem.X0))) return null;
    if (!tiny(new SubspaceDistance(Q, problem.L.cols).of(problem.L), setup.normL)) return null;
  }
  if (!projectY && !tiny(new SubspaceDistance(UD, d).of(problem.Y0), frobNorm(problem.Y0))) return null;
  if (!tiny(setup.interpolationError, 1)) return null;
  const k = sD.length;
  const LV = zeros(problem.L.rows, k);
  gemm(LV, problem.L, VD);
  let L = LV, X0 = problem.X0;
  if (Q) {
    L = zeros(Q.cols, k);
    gemmTN(L, Q, LV);
    X0 = zeros(Q.cols, d);
    gemmTN(X0, Q, problem.X0);
  } else {
    X0 = clone(problem.X0);
  }
  const Y0 = zeros(k, d);
  gemmTN(Y0, UD, problem.Y0);
  const D = zeros(k, k);
  for (let i = 0; i < k; i++) D.data[i * k + i] = sD[i];
  return { L, D, X0, Y0 };
}

// ---------------------------------------------------------------------------------------------
// The paper's experiments (Section 5 and Appendix E), as named instances

/**
 * Section 5: m = 100, n = 80, N = 120, D = UΣVᵀ with Σ ∈ ℝ^{5×5}, σ₁ = 1, σ₅ = 0.5 (σ₂..σ₄ unstated:
 * geometric here), U orthonormal, V Gaussian (variance unstated: N(0, 1/N) here), A ∈ ℝ^{100×80}
 * Gaussian, L = AD (rank 5). Use with initialization (12) and c = paperScale(d) = 50√d.
 */
export function paperNetwork(d: number, seed = 1): NetworkParams {
  return { m: 100, n: 80, N: 120, rankD: 5, r: 5, condD: 2, profile: 'geometric', scaleD: 1, dataV: 'gaussian', labels: 'gaussian', condA: 1, d, cMultiplier: 1, seed };
}

/** Appendix E (Figure 4): the Section 5 set-up at (m, n, N) = (500, 400, 600). */
export function paperNetworkLarge(d: number, seed = 1): NetworkParams {
  return { ...paperNetwork(d, seed), m: 500, n: 400, N: 600 };
}

/** The experiments' scale c = 50√d of initialization (12). */
export function paperScale(d: number): number {
  return 50 * Math.sqrt(d);
}
