/**
 * Two-layer linear networks (Xu et al. 2024, Section 4): objective (10)
 *
 *   f(X, Y) = ½‖L − XYᵀD‖²_F,   D ∈ ℝ^{n×N} inputs, L ∈ ℝ^{m×N} labels, X ∈ ℝ^{m×d}, Y ∈ ℝ^{n×d},
 *
 * (no 1/N), its gradients ∇_X f = R DᵀY and ∇_Y f = D RᵀX with R = XYᵀD − L, the residual model the
 * gradient methods of src/methods/factorization.ts run on, instances satisfying Assumption 1 (L = AD
 * with cond(A) = O(1), rank(L) = r; D = UΣVᵀ with a prescribed spectrum and an orthonormal or Gaussian
 * V), and the exact reduced problem. The paper's initializations (12)-(14), Theorem 3's constants and
 * its experiments' named instances live with the paper, in theorems/xu2024/network-setup.ts.
 *
 * Reduction: with Y₀ ∈ col(D) and col(X₀) ⊆ col(Q) for an orthonormal Q ⊇ col(L) (Q = I for a
 * full-rank X₀), every GD / AltGD / NAG iterate keeps X_t ∈ col(Q), Y_t ∈ col(U_D), and R_t has its
 * rows in row(D) = col(V_D) (D = U_D Σ V_Dᵀ thin). The method on (QᵀLV_D, Σ, QᵀX₀, U_DᵀY₀) is the same
 * method, with the same residual and distance norms (the bases have orthonormal columns).
 */
import { axpy, clone, frobNorm, gemm, gemmNT, gemmTN, zeros, type Mat } from '../linalg/dense.ts';
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
    widthReducible: true, // R = X(YᵀD) − L, ∇_X = (RDᵀ)·Y, ∇_Y = (DRᵀ)·X
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
