/**
 * Xu, Wang, Zhao, Ward, Tao (NeurIPS 2024), "Provable Acceleration of Nesterov's Accelerated Gradient
 * for Rectangular Matrix Factorization and Linear Neural Networks", Section 3: the shared instance
 * construction of the matrix-factorization claims (files mf-*.ts).
 *
 *   Problem (1):         min ½‖XYᵀ − A‖²_F over X ∈ ℝ^{m×d}, Y ∈ ℝ^{n×d}, rank(A) = r ≤ d.
 *   Initialization (2):  X₀ = cAΦ with [Φ]_ij ~ N(0, 1/d) i.i.d., Y₀ = 0, c > 0 large.
 *   L = σ₁²(X₀), μ = σ_r²(X₀) (Theorems 1 and 2), R_t = X_tY_tᵀ − A, so R₀ = −A and ‖R₀‖_F = ‖A‖_F.
 *
 * Theorems 1 and 2 hold with probability 1 − δ through Proposition 1, whose constants c₁, c₂ are
 * unspecified. Their proofs (Appendices B.6 and C.4) only use the realized X₀ until the last step, so
 * the claims check these deterministic cores, for every t, on the realized X₀ (see mf-theorem1.ts and
 * mf-theorem2.ts for the statements and their derivation).
 *
 * Scaling c multiplies L and μ by c² and leaves cond(X₀) = √(L/μ) unchanged, so each hypothesis on c
 * is an explicit threshold computed from AΦ (X₀ at c = 1): with L₀ = σ₁²(AΦ), μ₀ = σ_r²(AΦ),
 *   Theorem 1:  μ²(L − μ) ≥ 144L²‖A‖_F  ⇔  c⁶μ₀²(L₀ − μ₀) ≥ 144c⁴L₀²‖A‖_F  ⇔  c² ≥ 144L₀²‖A‖_F/(μ₀²(L₀ − μ₀)),
 *               which no c meets when cond(X₀) = 1 (then L = μ, p = 0);
 *   Theorem 2:  μp ≥ 4√2‖A‖_F(1 + p) with p = √μ/(144√L) = √μ₀/(144√L₀) free of c
 *               ⇔  c² ≥ 4√2‖A‖_F(1 + p)/(μ₀p).
 *
 * Lemma 1: col(X_t) ⊆ col(A) for all t. With A = UΣVᵀ, X₀ = U(cΣVᵀΦ), so the run on the r × d
 * reduced problem (Σ, cΣVᵀΦ, 0) has the same residual and distance norms as the run on (1): the
 * claims run it unless the dense path is asked for (--dense), and A is never formed otherwise.
 */
import fc from 'fast-check';
import { atLeast, atMost, clone, denseLowRank, frobNorm, gemm, gemmTN, geometric, logUniform, lowRankFactors, numericalRank, powerOfTwoGrid, runFactorization, scale as scaleInPlace, seedArb, sketchOfFactors, spectrum, SPECTRUM_PROFILES, svd, zeros } from 'ratecheck';
import type { Bound, FactorizationProblem, FactorizationSpec, Hypothesis, LowRankFactors, Mat, Source, SpectrumProfile, Trial, TrialOptions } from 'ratecheck';

const PAPER = 'Xu, Wang, Zhao, Ward, Tao. Provable Acceleration of Nesterov’s Accelerated Gradient for Rectangular Matrix Factorization and Linear Neural Networks. NeurIPS 2024';
const URL = 'https://arxiv.org/abs/2410.09640';

export function source(theorem: string, confidence: Source['confidence'], note?: string): Source {
  return { paper: PAPER, theorem, url: URL, confidence, note };
}

/** Roundoff floor of the residual, relative to ‖A‖_F (measured: the residual stalls near 1e-16‖A‖_F while the bounds keep shrinking). */
export const RESIDUAL_FLOOR = 1e-9;

/**
 * The residual's floor for a run at rate ρ with momentum β: the larger of RESIDUAL_FLOOR·‖A‖_F and the
 * level where the iteration stalls in floating point. Each step rounds X_t, whose entries are of the size
 * of X₀'s, by the unit roundoff u; through ‖Y_t‖_F ≤ ‖A‖_F/σ_min(X_t) that moves the residual by about
 * u‖A‖_F cond(X₀). Momentum amplifies one step's rounding by (1 + 2β)/(1 − β), and the contraction carries
 * it for 1/(1 − ρ) steps. (Measured: NAG at c ≈ 1.4e7, cond(X₀) ≈ 900, β ≈ 0.998 stalls at 1.25e-9‖A‖_F;
 * this floor is 4.8e-7‖A‖_F there, and stays at 1e-9‖A‖_F for moderate c.)
 */
export function residualFloor(normA: number, condX0: number, rate: number, beta = 0): number {
  const stall = Number.EPSILON * normA * condX0 * ((1 + 2 * beta) / (1 - beta)) / (1 - rate);
  return Math.max(RESIDUAL_FLOOR * normA, stall);
}
/** Margin above the smallest c meeting a hypothesis, so that recomputing it from X₀ cannot flip it by rounding. */
export const C_MARGIN = 1 + 1e-9;

// ---------------------------------------------------------------------------------------------
// Instance parameters and the unbalanced initialization

export interface XuParams {
  m: number;
  n: number;
  /** rank(A) */
  r: number;
  /** width of the factors */
  d: number;
  /** κ = σ₁(A)/σ_r(A) */
  kappa: number;
  profile: SpectrumProfile;
  /** σ₁(A) */
  scale: number;
  /** c as a multiple of the claim's threshold (or of the reference scale where a claim says so) */
  cMultiplier: number;
  /** seed of U, V and Φ */
  seed: number;
}

export interface ParamRanges {
  r?: [number, number];
  /** width range as a function of r */
  d?: (r: number) => [number, number];
  mnMax?: number;
  /** m and n drawn log-uniformly from this range instead (for instances at scale) */
  mnLog?: [number, number];
  /** cMultiplier = 2^(k/8), k in this range */
  cSteps?: [number, number];
}

/** Default profile: r from 2 to 5, d from r to 4r, κ from 1.5 to 100, m, n up to 60, σ₁(A) from 0.1 to 10. */
export function xuParams(ranges: ParamRanges = {}): fc.Arbitrary<XuParams> {
  const [rMin, rMax] = ranges.r ?? [2, 5];
  const dRange = ranges.d ?? ((r: number) => [r, 4 * r] as [number, number]);
  const mnMax = ranges.mnMax ?? 60;
  const [cLo, cHi] = ranges.cSteps ?? [0, 32];
  return fc.integer({ min: rMin, max: rMax }).chain((r) => {
    const [dLo, dHi] = dRange(r);
    const size = ranges.mnLog
      ? logUniform(ranges.mnLog[0], ranges.mnLog[1], 32).map(Math.round)
      : fc.integer({ min: Math.max(r, 1), max: Math.max(mnMax, r) });
    return fc.record({
      m: size,
      n: size,
      r: fc.constant(r),
      d: fc.integer({ min: dLo, max: dHi }),
      kappa: logUniform(1.5, 100),
      profile: fc.constantFrom(...SPECTRUM_PROFILES),
      scale: fc.integer({ min: -4, max: 4 }).map((e) => Math.pow(10, e / 4)),
      cMultiplier: powerOfTwoGrid(cLo, cHi),
      seed: seedArb(),
    });
  });
}

/** The paper's Section 5 set-up (m = 100, n = 80, r = 5, κ = 5; σ₂..σ₄ unstated, geometric here). */
export function paperSetup(d: number, seed = 1, cMultiplier = 1): XuParams {
  return { m: 100, n: 80, r: 5, d, kappa: 5, profile: 'geometric', scale: 1, cMultiplier, seed };
}

/**
 * Everything about an instance that does not depend on c, kept in factored form: A = UΣVᵀ and
 * X₀ = cAΦ = U(c·ΣVᵀΦ), so the r x d matrix core = ΣVᵀΦ is all the reduced path needs (Lemma 1).
 * Nothing of size m x n is formed unless the dense path asks for A.
 */
export interface XuSetup extends LowRankFactors {
  params: XuParams;
  /** ‖A‖_F = ‖σ‖₂ */
  normA: number;
  /** ΣVᵀΦ (r x d): AΦ = U·core */
  core: Mat;
  /** ‖UᵀU − I‖_F: how far the basis carrying X₀ and A is from orthonormal */
  basisDefect: number;
  /** singular values of AΦ (X₀ at c = 1), descending: those of core, U being orthonormal */
  s: number[];
  /** numerical rank of AΦ */
  rank: number;
  /** A = UΣVᵀ (m x n), formed on first use (the dense path only) */
  readonly A: Mat;
  /** AΦ = U·core (m x d), formed on first use (the dense path only) */
  readonly APhi: Mat;
}

/** ‖QᵀQ − I‖_F. */
function orthonormalityDefect(Q: Mat): number {
  const G = gemmTN(zeros(Q.cols, Q.cols), Q, Q);
  for (let i = 0; i < Q.cols; i++) G.data[i * Q.cols + i] -= 1;
  return frobNorm(G);
}

/** The set-up of `params` with Φ drawn from `phiSeed` (default: the instance seed) and A's factors given or drawn. */
export function xuSetup(params: XuParams, phiSeed = params.seed, factors?: LowRankFactors): XuSetup {
  const { m, n, r, d, kappa, profile, scale, seed } = params;
  if (!(r <= Math.min(m, n))) throw new RangeError(`rank ${r} exceeds min(m, n)`);
  const f = factors ?? lowRankFactors(seed, m, n, spectrum(profile, r, kappa, scale));
  return setupWithCore(params, f, sketchOfFactors(f, phiSeed, 'Phi', d, 1 / d)); // (2): [Φ]_ij ~ N(0, 1/d)
}

/** The set-up with X₀ = c·U·core for the given r x d core. */
export function setupWithCore(params: XuParams, f: LowRankFactors, core: Mat): XuSetup {
  const s = svd(core).s;
  let A: Mat | undefined, APhi: Mat | undefined;
  return {
    params,
    U: f.U,
    V: f.V,
    sigma: f.sigma,
    normA: Math.hypot(...f.sigma),
    core,
    basisDefect: orthonormalityDefect(f.U),
    s,
    rank: numericalRank(s, params.m, params.d),
    get A() {
      return (A ??= denseLowRank(f));
    },
    get APhi() {
      return (APhi ??= gemm(zeros(params.m, params.d), f.U, core));
    },
  };
}

/** L = σ₁²(X₀), μ = σ_k²(X₀) (k = min(r, d): the smallest nonzero one), for X₀ = c·AΦ. */
export function spectrumAt(su: XuSetup, c: number): { L: number; mu: number; cond: number } {
  const k = Math.min(su.params.r, su.params.d);
  const L = c * c * su.s[0] * su.s[0];
  const mu = c * c * su.s[k - 1] * su.s[k - 1];
  return { L, mu, cond: su.s[0] / su.s[k - 1] };
}

/** Smallest c with μ²(L − μ) ≥ 144 L² ‖A‖_F (Theorem 1's deterministic core); Infinity when cond(X₀) = 1. */
export function thm1Threshold(su: XuSetup): number {
  const { L, mu } = spectrumAt(su, 1); // the inequality is c⁶ μ₀²(L₀ − μ₀) ≥ 144 c⁴ L₀² ‖A‖_F
  const gap = L - mu;
  return gap > 0 ? Math.sqrt((144 * L * L * su.normA) / (mu * mu * gap)) : Infinity;
}

/** Smallest c with μp ≥ 4√2 ‖A‖_F (1 + p), p = √μ/(144√L) (Theorem 2's deterministic core; p is scale free). */
export function thm2Threshold(su: XuSetup): number {
  const { L, mu } = spectrumAt(su, 1);
  const p = Math.sqrt(mu) / (144 * Math.sqrt(L));
  return Math.sqrt((4 * Math.SQRT2 * su.normA * (1 + p)) / (mu * p));
}

/** c_min of Theorem 1 as printed (12 and σ_r(A) swapped), with the realized τ of Proposition 1's lower bound. */
export function thm1PrintedThreshold(su: XuSetup): number {
  const { r, d } = su.params;
  const { cond } = spectrumAt(su, 1);
  const sigmaR = su.sigma[r - 1];
  const gapD = Math.sqrt(d) - Math.sqrt(r - 1);
  const tau = (su.s[r - 1] * Math.sqrt(d)) / (gapD * sigmaR); // σ_r(X₀) = τ (√d − √(r−1))/√d · c σ_r(A)
  return ((Math.sqrt(d) * sigmaR) / (12 * tau * gapD)) * Math.sqrt((cond ** 4 * su.normA) / (cond ** 2 - 1));
}

/** X₀ = c·AΦ, Y₀ = 0, dense. */
export function unbalancedInit(su: XuSetup, c: number): FactorizationProblem {
  const X0 = scaleInPlace(clone(su.APhi), c);
  return { A: su.A, X0, Y0: zeros(su.params.n, su.params.d) };
}

/** The same initialization on Lemma 1's exact reduced problem: (diag(σ), c·ΣVᵀΦ, 0), r x d factors. */
export function reducedInit(su: XuSetup, c: number): FactorizationProblem {
  const r = su.sigma.length;
  const A = zeros(r, r);
  for (let i = 0; i < r; i++) A.data[i * r + i] = su.sigma[i];
  return { A, X0: scaleInPlace(clone(su.core), c), Y0: zeros(r, su.params.d) };
}

/**
 * Hypotheses every claim on (2) shares: rank(X₀) = r, and col(X₀) ⊆ col(A), which holds as far as the
 * basis U carrying both X₀ = U(c·ΣVᵀΦ) and A = UΣVᵀ is orthonormal.
 */
export function structuralHypotheses(su: XuSetup, rank = su.params.r): Hypothesis[] {
  return [
    { name: `rank(X₀) = ${rank}`, holds: su.rank === rank, value: su.rank, threshold: rank },
    // the reduced residual ‖PQᵀ − Σ‖_F equals ‖XYᵀ − A‖_F to a relative ‖UᵀU − I‖_F, which must stay
    // far below RESIDUAL_FLOOR; the Gram–Schmidt basis has about 3e-14 at m = 10⁵
    atMost('col(X₀) ⊆ col(A): ‖UᵀU − I‖_F of X₀ = U(cΣVᵀΦ)', su.basisDefect, 1e-3 * RESIDUAL_FLOOR),
  ];
}

/**
 * Entries of A the dense path takes on (2²⁰): a dense iteration costs O(mnd), about 0.1 s at this size
 * and d = 20, and a check runs hundreds of them. The reduced path has no such limit.
 */
export const DENSE_ENTRY_LIMIT = 2 ** 20;

/** Under --dense only: A must fit, so that an instance at scale is reported as out of the dense path's reach. */
export function densePathHypotheses(su: XuSetup, options: TrialOptions): Hypothesis[] {
  return options.dense ? [atMost('dense path: m·n ≤ 2²⁰ entries of A', su.params.m * su.params.n, DENSE_ENTRY_LIMIT)] : [];
}

/**
 * The method's run from X₀ = cAΦ, Y₀ = 0: on the exact reduced problem unless the dense path was asked
 * for (the residual and distance norms are equal, Lemma 1; properties check it against the dense path).
 */
export function methodRun(su: XuSetup, c: number, spec: FactorizationSpec, options: TrialOptions): Trial['run'] {
  return (observe, maxIterations) => runFactorization(options.dense ? unbalancedInit(su, c) : reducedInit(su, c), spec, observe, maxIterations);
}



/**
 * The set-up with AΦ replaced by Orth(AΦ) = U_x V_xᵀ on its top r directions (initialization (13)'s
 * shape). With ΣVᵀΦ = U_c S V_cᵀ, AΦ = (U U_c) S V_cᵀ, so Orth(AΦ) = U (U_c V_cᵀ): only the core changes.
 */
export function orthonormalized(su: XuSetup): XuSetup {
  const { U, V } = svd(su.core);
  const { d } = su.params;
  const r = su.core.rows, k = Math.min(r, U.cols);
  const core = zeros(r, d);
  for (let i = 0; i < r; i++) {
    for (let j = 0; j < d; j++) {
      let s = 0;
      for (let l = 0; l < k; l++) s += U.data[i * U.cols + l] * V.data[j * V.cols + l];
      core.data[i * d + j] = s;
    }
  }
  return setupWithCore(su.params, su, core);
}


// ---------------------------------------------------------------------------------------------
// The quantities and bounds of Theorems 1 and 2's deterministic cores (derived in mf-theorem1.ts and
// mf-theorem2.ts), shared with the AltGD claims and the figures

/** Theorem 1 at scale c: L, μ, p = μ(L − μ)/(24L²), C₁‖A‖_F = μ(L + μ)p/(2L(1 + p)), η = 2/(L + μ), rate 1 − μ/L. */
export function thm1Quantities(su: XuSetup, c: number) {
  const { L, mu, cond } = spectrumAt(su, c);
  const p = (mu * (L - mu)) / (24 * L * L);
  const C1normA = (mu * (L + mu) * p) / (2 * L * (1 + p)); // C₁‖A‖_F
  return { L, mu, cond, p, C1normA, eta: 2 / (L + mu), rate: 1 - mu / L, c };
}

/** Theorem 1's hypothesis on c, with cond(X₀) > 1 made explicit (no c meets it otherwise). */
export function thm1Hypotheses(su: XuSetup, q: ReturnType<typeof thm1Quantities>): Hypothesis[] {
  return [
    atLeast('cond(X₀) > 1', q.cond, 1 + 64 * Number.EPSILON, 'p = 0 and no c works when cond(X₀) = 1 (Theorem 1 proof, Appendix B.6)'),
    atLeast('μ²(L − μ) ≥ 144 L²‖A‖_F', q.mu * q.mu * (q.L - q.mu), 144 * q.L * q.L * su.normA, 'Theorem 1 proof, Appendix B.6'),
  ];
}

export function thm1CoreBounds(su: XuSetup, q: ReturnType<typeof thm1Quantities>): Bound[] {
  const floor = residualFloor(su.normA, q.cond, q.rate);
  const res1 = geometric(q.C1normA, q.rate);
  const res2 = geometric(q.L / 192, q.rate);
  const dist = q.p * Math.sqrt(q.L);
  return [
    { metric: 'residualNorm', relation: 'le', value: res1, floor, rate: q.rate, cite: '‖R_t‖_F ≤ C₁‖A‖_F(1 − μ/L)^t, Theorem 1 proof (Appendix B.6) induction' },
    { metric: 'residualNorm', relation: 'le', value: res2, floor, rate: q.rate, cite: '‖R_t‖_F ≤ (L/192)(1 − μ/L)^t, Theorem 1 proof (Appendix B.6)' },
    { metric: 'distX0', relation: 'le', value: () => dist, floor: 0, cite: '‖X_t − X₀‖_F ≤ p√L, p = μ(L − μ)/(24L²), Theorem 1 proof (Appendix B.6)' },
    { metric: 'distY0', relation: 'le', value: () => dist, floor: 0, cite: '‖Y_t − Y₀‖_F ≤ p√L, Theorem 1 proof (Appendix B.6)' },
  ];
}

/** Theorem 2 at scale c: L, μ, p = √μ/(144√L), η = 1/L, β = (√L − √μ)/(√L + √μ), θ = 1 − √μ/(2√L). */
export function thm2Quantities(su: XuSetup, c: number) {
  const { L, mu, cond } = spectrumAt(su, c);
  const p = Math.sqrt(mu) / (144 * Math.sqrt(L));
  const sqL = Math.sqrt(L), sqMu = Math.sqrt(mu);
  return { L, mu, cond, p, c, eta: 1 / L, beta: (sqL - sqMu) / (sqL + sqMu), theta: 1 - sqMu / (2 * sqL) };
}

/** Theorem 2's hypothesis on c (Appendix C.4). */
export function thm2Hypothesis(su: XuSetup, q: ReturnType<typeof thm2Quantities>, detail?: string): Hypothesis {
  return atLeast('μp ≥ 4√2‖A‖_F(1 + p)', q.mu * q.p, 4 * Math.SQRT2 * su.normA * (1 + q.p), detail);
}

export function thm2CoreBounds(su: XuSetup, q: ReturnType<typeof thm2Quantities>): Bound[] {
  const floor = residualFloor(su.normA, q.cond, q.theta, q.beta);
  const dist = q.p * Math.sqrt(q.L);
  return [
    { metric: 'residualNorm', relation: 'le', value: geometric((q.mu * q.p) / (4 * (1 + q.p)), q.theta), floor, rate: q.theta, cite: '‖R_t‖_F ≤ μp/(4(1+p)) θ^t, θ = 1 − √μ/(2√L), Theorem 2 proof (Appendix C.4)' },
    { metric: 'residualNorm', relation: 'le', value: geometric(q.mu / (576 * q.cond), q.theta), floor, rate: q.theta, cite: '‖R_t‖_F ≤ μ/(576 cond(X₀)) θ^t, Theorem 2 proof (Appendix C.4)' },
    { metric: 'distX0', relation: 'le', value: () => dist, floor: 0, cite: '‖X_t − X₀‖_F ≤ p√L, p = √μ/(144√L), Theorem 2 proof (Appendix C.4)' },
    { metric: 'distY0', relation: 'le', value: () => dist, floor: 0, cite: '‖Y_t − Y₀‖_F ≤ p√L, Theorem 2 proof (Appendix C.4)' },
  ];
}

/**
 * The false variants "the per-step factor cannot be beaten": the trial with its bounds replaced by
 * ‖R_t‖_F ≥ ‖R₀‖_F · rate^t, rate read from the trial's derived values.
 */
export function rateUnbeatable(rate: (derived: Record<string, number>) => number, label: string): (trial: Trial) => Trial {
  return (trial) => ({ ...trial, bounds: unbeatable(trial.derived.normA, rate(trial.derived), label) });
}


/** ‖R_t‖_F ≥ ‖R₀‖_F · rate^t ("the theorem's per-step factor cannot be beaten", a false lower bound). */
export function unbeatable(normA: number, rate: number, label: string): Bound[] {
  return [
    {
      metric: 'residualNorm',
      relation: 'ge',
      value: geometric(normA, rate), // R₀ = −A since Y₀ = 0
      floor: RESIDUAL_FLOOR * normA,
      cite: `false lower bound ‖R_t‖_F ≥ ‖R₀‖_F ${label}^t`,
    },
  ];
}
