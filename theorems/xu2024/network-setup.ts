/**
 * Xu, Wang, Zhao, Ward, Tao (NeurIPS 2024), Section 4: the paper-specific set-up of the two-layer
 * linear network ½‖L − XYᵀD‖²_F (objective (10); the generic instance builder `networkSetup`, the
 * residual model and the exact reduction are the engine's, in 'ratecheck').
 *
 * - Assumption 1 (interpolation): L = AD with cond(A) = O(1) and rank(L) = r. The paper gives no
 *   constant for O(1); ASSUMPTION1_COND_MAX makes ours explicit.
 * - Initializations (12)-(14) of Section 4, Y₀ = 0 in all three, Φ with i.i.d. N(0, 1/d) entries:
 *     (12) d ≥ r, Φ ∈ ℝ^{N×d}, X₀ = cLΦ;  (13) d ≥ r, X₀ = c·Orth(LΦ);  (14) d ≥ m, Φ ∈ ℝ^{m×d}, X₀ = cΦ;
 *   and the small balanced Gaussian (Du & Hu 2019) and orthogonal (Hu, Xiao & Pennington 2020)
 *   initializations of the prior work compared in Table 1.
 * - Theorem 3's constants: L̃ = σ₁²(X₀)λ_max(DDᵀ), μ̃ = σ_r²(X₀)λ_min(DDᵀ), p = √μ̃/(144√L̃) (p as in the
 *   proof of Theorem 3, Appendix D.1), η = 1/L̃, β = (√L̃ − √μ̃)/(√L̃ + √μ̃), θ = 1 − √μ̃/(2√L̃); the
 *   condition μ̃p ≥ 4√2‖LDᵀ‖_F(1 + p). p does not depend on the scale c of X₀ and μ̃ grows like c², so the
 *   condition holds exactly for c ≥ theorem3Threshold: c² = 4√2‖LDᵀ‖_F(1 + p)/(μ̃(1)p), μ̃(1) at c = 1.
 * - Section 5 and Appendix E (Figures 1, 2 and 4): the experiments' named instances and c = 50√d.
 */
import {
  clone,
  gaussianMatrix,
  gemm,
  gemmNT,
  gemmTN,
  haarOrthonormal,
  numericalRank,
  Rng,
  scale as scaleInPlace,
  svd,
  transpose,
  zeros,
  type LinearNetworkProblem,
  type Mat,
  type NetworkParams,
  type NetworkSetup,
} from 'ratecheck';

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

/** The first k columns of a. */
function leadingColumns(a: Mat, k: number): Mat {
  const out = zeros(a.rows, k);
  for (let i = 0; i < a.rows; i++) for (let j = 0; j < k; j++) out.data[i * k + j] = a.data[i * a.cols + j];
  return out;
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
