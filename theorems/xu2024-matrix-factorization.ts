/**
 * Xu, Wang, Zhao, Ward, Tao (NeurIPS 2024): "Provable Acceleration of Nesterov's Accelerated Gradient
 * for Rectangular Matrix Factorization and Linear Neural Networks", matrix-factorization part.
 *
 *   min ½‖XYᵀ − A‖²_F,  X₀ = cAΦ (Φ_ij ~ N(0, 1/d)),  Y₀ = 0   (problem (1), initialization (2)).
 *
 * The theorems are probabilistic through Proposition 1, whose constants c₁, c₂ are unspecified; the
 * claims check their deterministic cores (dossier §6.1 and §7.1): for the realized X₀ with
 * L = σ₁²(X₀), μ = σ_r²(X₀) meeting the proof's inequality, the bounds hold for every t.
 */
import fc from 'fast-check';
import {
  atLeast,
  atMost,
  defineClaim,
  iterationsTo,
  type Bound,
  type Claim,
  type Hypothesis,
  type Source,
  type Trial,
  type TrialOptions,
} from '../src/claims/types.ts';
import { logUniform, powerOfTwoGrid, seedArb } from '../src/claims/arbitraries.ts';
import { frobNorm, gemm, gemmTN, scale as scaleInPlace, zeros, clone, type Mat } from '../src/linalg/dense.ts';
import { svd, numericalRank } from '../src/linalg/decomp.ts';
import { SPECTRUM_PROFILES, denseLowRank, gaussianMatrix, lowRankFactors, sketchOfFactors, spectrum, type LowRankFactors, type SpectrumProfile } from '../src/problems/low-rank.ts';
import type { FactorizationProblem } from '../src/problems/matrix-factorization.ts';
import { methodSpec, runFactorization, type FactorizationMethod, type FactorizationSpec } from '../src/methods/factorization.ts';

const PAPER = 'Xu, Wang, Zhao, Ward, Tao. Provable Acceleration of Nesterov’s Accelerated Gradient for Rectangular Matrix Factorization and Linear Neural Networks. NeurIPS 2024';
const URL = 'https://arxiv.org/abs/2410.09640';

function source(theorem: string, confidence: Source['confidence'], note?: string): Source {
  return { paper: PAPER, theorem, url: URL, confidence, note };
}

/** Roundoff floor of the residual, relative to ‖A‖_F (dossier §13: the residual stalls near 1e-16‖A‖_F). */
export const RESIDUAL_FLOOR = 1e-9;
/** Lemma 1's invariants, relative to ‖X_t‖_F, ‖Y_t‖_F (the issue's 1e-10; observed ~1e-14, dossier §8). */
export const INVARIANT_TOL = 1e-10;
/** Margin above the smallest c meeting a hypothesis, so that recomputing it from X₀ cannot flip it by rounding. */
const C_MARGIN = 1 + 1e-9;

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

interface ParamRanges {
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
function structuralHypotheses(su: XuSetup, rank = su.params.r): Hypothesis[] {
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
function densePathHypotheses(su: XuSetup, options: TrialOptions): Hypothesis[] {
  return options.dense ? [atMost('dense path: m·n ≤ 2²⁰ entries of A', su.params.m * su.params.n, DENSE_ENTRY_LIMIT)] : [];
}

/**
 * The method's run from X₀ = cAΦ, Y₀ = 0: on the exact reduced problem unless the dense path was asked
 * for (the residual and distance norms are equal, Lemma 1; properties check it against the dense path).
 */
function methodRun(su: XuSetup, c: number, spec: FactorizationSpec, options: TrialOptions): Trial['run'] {
  return (observe, maxIterations) => runFactorization(options.dense ? unbalancedInit(su, c) : reducedInit(su, c), spec, observe, maxIterations);
}

function geometric(prefactor: number, rate: number): (t: number) => number {
  return (t) => prefactor * Math.pow(rate, t);
}

// ---------------------------------------------------------------------------------------------
// Theorem 1 (GD, η = 2/(L + μ))

interface Thm1Options {
  method?: FactorizationMethod;
  /** choose c: by default cMultiplier × the smallest c meeting the hypothesis */
  c?: (su: XuSetup) => number;
  /** drop the hypothesis μ²(L − μ) ≥ 144 L²‖A‖_F */
  dropHypothesis?: boolean;
}

export function thm1Quantities(su: XuSetup, c: number) {
  const { L, mu, cond } = spectrumAt(su, c);
  const p = (mu * (L - mu)) / (24 * L * L);
  const C1normA = (mu * (L + mu) * p) / (2 * L * (1 + p)); // C₁‖A‖_F
  return { L, mu, cond, p, C1normA, eta: 2 / (L + mu), rate: 1 - mu / L, c };
}

function thm1Hypotheses(su: XuSetup, q: ReturnType<typeof thm1Quantities>): Hypothesis[] {
  return [
    atLeast('cond(X₀) > 1', q.cond, 1 + 64 * Number.EPSILON, 'p = 0 and no c works when cond(X₀) = 1 (dossier §6.1)'),
    atLeast('μ²(L − μ) ≥ 144 L²‖A‖_F', q.mu * q.mu * (q.L - q.mu), 144 * q.L * q.L * su.normA, 'Theorem 1 proof (B.6), dossier §6.1'),
  ];
}

function thm1Trial(params: XuParams, options: TrialOptions, o: Thm1Options, bounds: (su: XuSetup, q: ReturnType<typeof thm1Quantities>) => Bound[], extra?: (su: XuSetup, q: ReturnType<typeof thm1Quantities>) => Hypothesis[]): Trial {
  const su = xuSetup(params);
  const c = o.c ? o.c(su) : thm1Threshold(su) * params.cMultiplier * C_MARGIN;
  const finiteC = Number.isFinite(c) ? c : 50 * Math.sqrt(params.d); // cond(X₀) = 1: the hypothesis fails anyway
  const q = thm1Quantities(su, finiteC);
  const hypotheses = [
    ...structuralHypotheses(su),
    ...densePathHypotheses(su, options),
    ...(o.dropHypothesis ? [] : thm1Hypotheses(su, q)),
    ...(extra ? extra(su, q) : []),
  ];
  return {
    hypotheses,
    derived: { c: finiteC, L: q.L, mu: q.mu, condX0: q.cond, stepSize: q.eta, p: q.p, normA: su.normA },
    bounds: bounds(su, q),
    run: methodRun(su, finiteC, { method: o.method ?? 'gd', stepSize: q.eta }, options),
  };
}

export function thm1CoreBounds(su: XuSetup, q: ReturnType<typeof thm1Quantities>): Bound[] {
  const floor = RESIDUAL_FLOOR * su.normA;
  const res1 = geometric(q.C1normA, q.rate);
  const res2 = geometric(q.L / 192, q.rate);
  const dist = q.p * Math.sqrt(q.L);
  return [
    { metric: 'residualNorm', relation: 'le', value: res1, floor, cite: '‖R_t‖_F ≤ C₁‖A‖_F(1 − μ/L)^t, Theorem 1 proof (B.6) induction, dossier §6.1' },
    { metric: 'residualNorm', relation: 'le', value: res2, floor, cite: '‖R_t‖_F ≤ (L/192)(1 − μ/L)^t, dossier §6.1' },
    { metric: 'distX0', relation: 'le', value: () => dist, floor: 0, cite: '‖X_t − X₀‖_F ≤ p√L, p = μ(L − μ)/(24L²), dossier §6.1' },
    { metric: 'distY0', relation: 'le', value: () => dist, floor: 0, cite: '‖Y_t − Y₀‖_F ≤ p√L, dossier §6.1' },
  ];
}

function thm1PrintedBounds(su: XuSetup, q: ReturnType<typeof thm1Quantities>): Bound[] {
  const sigma1 = su.sigma[0];
  return [
    {
      metric: 'residualNorm',
      relation: 'le',
      value: geometric((3 * q.c * q.c * sigma1 * sigma1) / 64, q.rate),
      floor: RESIDUAL_FLOOR * su.normA,
      cite: 'Theorem 1: ‖R_t‖_F ≤ (3c²σ₁²(A)/64)(1 − μ/L)^t',
    },
  ];
}

/** Proposition 1's upper bound with r ≤ d: σ₁(X₀) ≤ 3cσ₁(A), needed to turn L/192 into 3c²σ₁²(A)/64. */
function prop1Upper(su: XuSetup, q: ReturnType<typeof thm1Quantities>): Hypothesis[] {
  return [atMost('σ₁(X₀) ≤ 3cσ₁(A) (Proposition 1)', Math.sqrt(q.L), 3 * q.c * su.sigma[0])];
}

/** ‖R_t‖_F ≥ ‖R₀‖_F · rate^t ("the theorem's per-step factor cannot be beaten"). */
function unbeatable(su: XuSetup, rate: number, label: string): Bound[] {
  return [
    {
      metric: 'residualNorm',
      relation: 'ge',
      value: geometric(su.normA, rate), // R₀ = −A since Y₀ = 0
      floor: RESIDUAL_FLOOR * su.normA,
      cite: `false lower bound ‖R_t‖_F ≥ ‖R₀‖_F ${label}^t`,
    },
  ];
}

export const thm1Core = defineClaim<XuParams>({
  id: 'xu2024-mf.thm1-core',
  statement: 'GD with η = 2/(L+μ) from X₀ = cAΦ, Y₀ = 0 with μ²(L−μ) ≥ 144L²‖A‖_F: ‖R_t‖_F ≤ C₁‖A‖_F(1−μ/L)^t ≤ (L/192)(1−μ/L)^t and ‖X_t−X₀‖_F, ‖Y_t−Y₀‖_F ≤ p√L for all t',
  source: source('Theorem 1 (deterministic core)', 'D', 'dossier xu2024-matrix-factorization.md §6.1; c_min in the proof-consistent form [V~]'),
  kind: 'bound-for-all-t',
  expected: 'holds',
  params: xuParams(),
  examples: [paperSetup(5), paperSetup(20), paperSetup(80)],
  instantiate: (params, options) => thm1Trial(params, options, {}, thm1CoreBounds),
});

export const thm1Printed = defineClaim<XuParams>({
  id: 'xu2024-mf.thm1-printed',
  statement: 'Theorem 1 as printed: ‖R_t‖_F ≤ (3c²σ₁²(A)/64)(1−μ/L)^t for all t, given the core hypothesis and Proposition 1’s σ₁(X₀) ≤ 3cσ₁(A)',
  source: source('Theorem 1', 'V~', 'printed bound [V]; c_min proof-consistent [V~]; Proposition 1 upper bound checked on the draw'),
  kind: 'bound-for-all-t',
  expected: 'holds',
  params: xuParams(),
  instantiate: (params, options) => thm1Trial(params, options, {}, thm1PrintedBounds, prop1Upper),
});

export const thm1NoHypothesis = defineClaim<XuParams>({
  id: 'xu2024-mf.thm1-no-hypothesis',
  statement: 'FALSE variant: Theorem 1’s core bound for any c > 0 (hypothesis on c dropped)',
  source: source('Theorem 1', 'D', 'dossier §13, Theorem 1 false variant 1'),
  kind: 'bound-for-all-t',
  expected: 'refuted',
  variantOf: 'xu2024-mf.thm1-core',
  falseBecause: 'R₀ = −A, so ‖R₀‖_F = ‖A‖_F, while the prefactors scale like c²: a small c violates the bound at t = 0',
  params: xuParams({ cSteps: [-80, -1] }),
  instantiate: (params, options) => thm1Trial(params, options, { dropHypothesis: true }, thm1CoreBounds),
});

export const thm1RateUnbeatable = defineClaim<XuParams>({
  id: 'xu2024-mf.thm1-rate-unbeatable',
  statement: 'FALSE variant: GD cannot beat Theorem 1’s per-step factor, ‖R_t‖_F ≥ ‖R₀‖_F(1−μ/L)^t',
  source: source('Theorem 1', 'N', 'dossier §11 and §13, Theorem 1 false variant 3: the observed factor is about (L−μ)/(L+μ)'),
  kind: 'lower-bound',
  expected: 'refuted',
  variantOf: 'xu2024-mf.thm1-core',
  falseBecause: 'the residual contracts near (L−μ)/(L+μ) ≈ (1−μ/L)² per step, faster than the theorem’s 1−μ/L',
  params: xuParams(),
  instantiate: (params, options) => thm1Trial(params, options, {}, (su, q) => unbeatable(su, q.rate, '(1 − μ/L)')),
});

export const thm1PrintedCmin = defineClaim<XuParams>({
  id: 'xu2024-mf.thm1-printed-cmin',
  statement: 'FALSE variant: Theorem 1’s printed bound with c equal to c_min as printed (12 and σ_r(A) swapped)',
  source: source('Theorem 1', 'V~', 'dossier §6 note (b) and §13, Theorem 1 false variant 2'),
  kind: 'bound-for-all-t',
  expected: 'refuted',
  variantOf: 'xu2024-mf.thm1-printed',
  falseBecause: 'the printed c_min is orders of magnitude too small (c ≈ 0.1–0.3), so 3c²σ₁²(A)/64 < ‖A‖_F = ‖R₀‖_F',
  params: xuParams(),
  instantiate: (params, options) =>
    thm1Trial(params, options, { dropHypothesis: true, c: (su) => thm1PrintedThreshold(su) * params.cMultiplier }, thm1PrintedBounds, prop1Upper),
});

export const thm1PrintedNoHypothesis = defineClaim<XuParams>({
  id: 'xu2024-mf.thm1-printed-no-hypothesis',
  statement: 'FALSE variant: Theorem 1’s printed bound for any c > 0 (hypothesis on c dropped)',
  source: source('Theorem 1', 'D', 'dossier §13, Theorem 1 false variant 1'),
  kind: 'bound-for-all-t',
  expected: 'refuted',
  variantOf: 'xu2024-mf.thm1-printed',
  falseBecause: '3c²σ₁²(A)/64 falls below ‖R₀‖_F = ‖A‖_F for small c',
  params: xuParams({ cSteps: [-80, -1] }),
  instantiate: (params, options) => thm1Trial(params, options, { dropHypothesis: true }, thm1PrintedBounds, prop1Upper),
});

// ---------------------------------------------------------------------------------------------
// Theorem 1 is vacuous when cond(X₀) = 1: r = 1, or an orthonormalized X₀

export interface VacuousParams extends XuParams {
  init: 'rank-one' | 'orthonormal';
}

const vacuousParams: fc.Arbitrary<VacuousParams> = fc
  .constantFrom<'rank-one' | 'orthonormal'>('rank-one', 'orthonormal')
  .chain((init) =>
    xuParams({ r: init === 'rank-one' ? [1, 1] : [2, 5], cSteps: [0, 80] }).map((p) => ({ ...p, init })),
  );

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

/** X₀ = c·AΦ (rank one) or c·Orth(AΦ) (all nonzero singular values equal), c = 50√d·cMultiplier. */
function condOneSetup(params: VacuousParams): { su: XuSetup; c: number } {
  const base = xuSetup(params);
  const su = params.init === 'orthonormal' ? orthonormalized(base) : base;
  return { su, c: 50 * Math.sqrt(params.d) * params.cMultiplier };
}

export const thm1Vacuous = defineClaim<VacuousParams>({
  id: 'xu2024-mf.thm1-vacuous-cond1',
  statement: 'Theorem 1 at r = 1 or with an orthonormalized X₀ (cond(X₀) = 1): no c meets the hypothesis, so the theorem says nothing',
  source: source('Theorem 1', 'D', 'dossier §6.1 degenerate case'),
  kind: 'bound-for-all-t',
  expected: 'vacuous',
  params: vacuousParams,
  instantiate: (params, options) => {
    const { su, c } = condOneSetup(params);
    const q = thm1Quantities(su, c);
    return {
      hypotheses: [...structuralHypotheses(su), ...thm1Hypotheses(su, q)],
      derived: { c, L: q.L, mu: q.mu, condX0: q.cond },
      bounds: thm1CoreBounds(su, q),
      run: methodRun(su, c, { method: 'gd', stepSize: q.eta }, options),
    };
  },
});

export const thm1R1AdmitsC = defineClaim<VacuousParams>({
  id: 'xu2024-mf.thm1-cond1-admits-c',
  statement: 'FALSE variant: with r = 1 or an orthonormalized X₀, a large enough c meets μ²(L−μ) ≥ 144L²‖A‖_F',
  source: source('Theorem 1', 'D', 'dossier §13, Theorem 1 false variant 4'),
  kind: 'hypothesis',
  expected: 'refuted',
  variantOf: 'xu2024-mf.thm1-vacuous-cond1',
  falseBecause: 'L = μ when cond(X₀) = 1, so the left side is 0 (up to roundoff) whatever c is',
  params: vacuousParams,
  instantiate: (params) => {
    const { su, c } = condOneSetup(params);
    const q = thm1Quantities(su, c);
    const margin = (q.mu * q.mu * (q.L - q.mu)) / (144 * q.L * q.L * su.normA);
    return {
      hypotheses: [],
      derived: { c, L: q.L, mu: q.mu, condX0: q.cond },
      bounds: [{ metric: 'hypothesisMargin', relation: 'ge', value: () => 1, floor: 0, cite: 'μ²(L − μ)/(144 L²‖A‖_F) ≥ 1' }],
      run: (observe) => {
        observe(0, { hypothesisMargin: margin });
      },
    };
  },
});

// ---------------------------------------------------------------------------------------------
// Theorem 2 (NAG, η = 1/L, β = (√L − √μ)/(√L + √μ))

interface Thm2Options {
  /** drop the hypothesis μp ≥ 4√2‖A‖_F(1 + p) */
  dropHypothesis?: boolean;
  /** run with β = 0 (momentum dropped) */
  noMomentum?: boolean;
  /** allow d < r: μ is then σ_d²(X₀) */
  rank?: (p: XuParams) => number;
}

export function thm2Quantities(su: XuSetup, c: number) {
  const { L, mu, cond } = spectrumAt(su, c);
  const p = Math.sqrt(mu) / (144 * Math.sqrt(L));
  const sqL = Math.sqrt(L), sqMu = Math.sqrt(mu);
  return { L, mu, cond, p, c, eta: 1 / L, beta: (sqL - sqMu) / (sqL + sqMu), theta: 1 - sqMu / (2 * sqL) };
}

export function thm2CoreBounds(su: XuSetup, q: ReturnType<typeof thm2Quantities>): Bound[] {
  const floor = RESIDUAL_FLOOR * su.normA;
  const dist = q.p * Math.sqrt(q.L);
  return [
    { metric: 'residualNorm', relation: 'le', value: geometric((q.mu * q.p) / (4 * (1 + q.p)), q.theta), floor, cite: '‖R_t‖_F ≤ μp/(4(1+p)) θ^t, θ = 1 − √μ/(2√L), Appendix C.4, dossier §7.1' },
    { metric: 'residualNorm', relation: 'le', value: geometric(q.mu / (576 * q.cond), q.theta), floor, cite: '‖R_t‖_F ≤ μ/(576 cond(X₀)) θ^t, dossier §7.1' },
    { metric: 'distX0', relation: 'le', value: () => dist, floor: 0, cite: '‖X_t − X₀‖_F ≤ p√L, p = √μ/(144√L), dossier §7.1' },
    { metric: 'distY0', relation: 'le', value: () => dist, floor: 0, cite: '‖Y_t − Y₀‖_F ≤ p√L, dossier §7.1' },
  ];
}

function thm2Trial(params: XuParams, options: TrialOptions, o: Thm2Options, bounds: (su: XuSetup, q: ReturnType<typeof thm2Quantities>) => Bound[]): Trial {
  const su = xuSetup(params);
  const c = thm2Threshold(su) * params.cMultiplier * C_MARGIN;
  const q = thm2Quantities(su, c);
  const rank = o.rank ? o.rank(params) : params.r;
  const hypotheses = [
    ...structuralHypotheses(su, rank),
    ...densePathHypotheses(su, options),
    ...(o.dropHypothesis ? [] : [atLeast('μp ≥ 4√2‖A‖_F(1 + p)', q.mu * q.p, 4 * Math.SQRT2 * su.normA * (1 + q.p), 'Appendix C.4, dossier §7.1')]),
  ];
  const beta = o.noMomentum ? 0 : q.beta;
  return {
    hypotheses,
    derived: { c, L: q.L, mu: q.mu, condX0: q.cond, stepSize: q.eta, momentum: beta, p: q.p, theta: q.theta, normA: su.normA },
    bounds: bounds(su, q),
    run: methodRun(su, c, { method: 'nag', stepSize: q.eta, momentum: beta }, options),
  };
}

export const thm2Core = defineClaim<XuParams>({
  id: 'xu2024-mf.thm2-core',
  statement: 'NAG with η = 1/L, β = (√L−√μ)/(√L+√μ) from X₀ = cAΦ, Y₀ = 0 with μp ≥ 4√2‖A‖_F(1+p), p = √μ/(144√L): ‖R_t‖_F ≤ μp/(4(1+p)) (1−√μ/(2√L))^t and ‖X_t−X₀‖_F, ‖Y_t−Y₀‖_F ≤ p√L for all t',
  source: source('Theorem 2 (deterministic core)', 'D', 'dossier xu2024-matrix-factorization.md §7.1 (Appendix C.4)'),
  kind: 'bound-for-all-t',
  expected: 'holds',
  params: xuParams(),
  examples: [paperSetup(5), paperSetup(20), paperSetup(80)],
  instantiate: (params, options) => thm2Trial(params, options, {}, thm2CoreBounds),
});

export const thm2NoHypothesis = defineClaim<XuParams>({
  id: 'xu2024-mf.thm2-no-hypothesis',
  statement: 'FALSE variant: Theorem 2’s core bound for any c > 0 (hypothesis on c dropped)',
  source: source('Theorem 2', 'D', 'dossier §13, Theorem 2 false variant 1'),
  kind: 'bound-for-all-t',
  expected: 'refuted',
  variantOf: 'xu2024-mf.thm2-core',
  falseBecause: 'the prefactor scales like c² while ‖R₀‖_F = ‖A‖_F: fails at t = 0 for small c',
  params: xuParams({ cSteps: [-80, -1] }),
  instantiate: (params, options) => thm2Trial(params, options, { dropHypothesis: true }, thm2CoreBounds),
});

export const thm2RateUnbeatable = defineClaim<XuParams>({
  id: 'xu2024-mf.thm2-rate-unbeatable',
  statement: 'FALSE variant: NAG cannot beat Theorem 2’s per-step factor, ‖R_t‖_F ≥ ‖R₀‖_F(1−√μ/(2√L))^t',
  source: source('Theorem 2', 'N', 'dossier §11 and §13, Theorem 2 false variant 2: the observed factor is about 1 − √(μ/L)'),
  kind: 'lower-bound',
  expected: 'refuted',
  variantOf: 'xu2024-mf.thm2-core',
  falseBecause: 'NAG contracts near 1 − √(μ/L) per step, faster than θ = 1 − √μ/(2√L)',
  params: xuParams(),
  instantiate: (params, options) => thm2Trial(params, options, {}, (su, q) => unbeatable(su, q.theta, 'θ')),
});

export const thm2MomentumDropped = defineClaim<XuParams>({
  id: 'xu2024-mf.thm2-momentum-dropped',
  statement: 'FALSE variant: with β = 0 (plain GD, η = 1/L) Theorem 2’s accelerated bound still holds',
  source: source('Theorem 2', 'D', 'dossier §13, Theorem 2 false variant 3 (Lemma 2: GD contracts only by 1 − μ/L)'),
  kind: 'bound-for-all-t',
  expected: 'refuted',
  variantOf: 'xu2024-mf.thm2-core',
  falseBecause: '1 − μ/L > θ once cond(X₀) > 2, so the residual overtakes the bound; c near the threshold leaves the least slack',
  params: xuParams({ cSteps: [0, 8] }),
  instantiate: (params, options) => thm2Trial(params, options, { noMomentum: true }, thm2CoreBounds),
});

export const thm2WidthBelowRank = defineClaim<XuParams>({
  id: 'xu2024-mf.thm2-width-below-rank',
  statement: 'FALSE variant: Theorem 2’s bound with width d < r (μ = σ_d²(X₀), the smallest nonzero singular value)',
  source: source('Theorem 2', 'D', 'dossier §13, Theorem 2 false variant 4 (Eckart–Young)'),
  kind: 'bound-for-all-t',
  expected: 'refuted',
  variantOf: 'xu2024-mf.thm2-core',
  falseBecause: 'rank(X_tY_tᵀ) ≤ d, so ‖R_t‖_F ≥ (Σ_{i>d} σ_i²(A))^{1/2} > 0 while the bound tends to 0',
  params: xuParams({ d: (r) => [1, r - 1] }),
  instantiate: (params, options) => thm2Trial(params, options, { rank: (p) => p.d }, thm2CoreBounds),
});

// ---------------------------------------------------------------------------------------------
// Theorems 1 and 2 at scale: m, n up to 10⁵, A only ever touched through U, σ, V (the set-up draws
// Φ row by row into ΣVᵀΦ; the methods run on Lemma 1's r x d reduction)

const AT_SCALE: ParamRanges = { mnLog: [1000, 100_000] };
/** Instances per claim at scale (a 10⁵ x 10⁵ set-up costs 0.3–0.6 s, mostly drawing Φ). */
const AT_SCALE_RUNS = 5;
const atScaleExamples: XuParams[] = [
  { ...paperSetup(80), m: 1200, n: 1000 }, // Figure 4's size
  { ...paperSetup(20), m: 100_000, n: 100_000 },
];
const atScaleNote = 'm, n log-uniform in [10³, 10⁵]; A is never formed (the reduced path); under --dense, instances with m·n > 2²⁰ fail the dense-path hypothesis';

/** The claim at scale: the same trial on m, n from 10³ to 10⁵ (a false variant stays a variant of the claim at scale). */
function atScale(claim: Claim<XuParams>, cSteps?: [number, number]): Claim<XuParams> {
  return defineClaim<XuParams>({
    ...claim,
    id: `${claim.id}-at-scale`,
    statement: `${claim.statement}, at m, n from 10³ to 10⁵`,
    source: { ...claim.source, note: `${claim.source.note ? `${claim.source.note}; ` : ''}${atScaleNote}` },
    params: xuParams({ ...AT_SCALE, cSteps }),
    ...(claim.expected === 'holds' ? { examples: atScaleExamples } : {}),
    ...(claim.variantOf ? { variantOf: `${claim.variantOf}-at-scale` } : {}),
    maxRuns: AT_SCALE_RUNS,
  });
}

export const thm1CoreAtScale = atScale(thm1Core);
export const thm1RateUnbeatableAtScale = atScale(thm1RateUnbeatable);
export const thm2CoreAtScale = atScale(thm2Core);
export const thm2MomentumDroppedAtScale = atScale(thm2MomentumDropped, [0, 8]);

// ---------------------------------------------------------------------------------------------
// Lemma 1: the iterates stay in col(A) × row(A)

export interface InvariantParams extends XuParams {
  method: FactorizationMethod;
}

const invariantParams = (methods: readonly FactorizationMethod[], ranges: ParamRanges = {}) =>
  fc.constantFrom(...methods).chain((method) => xuParams({ mnMax: 40, ...ranges }).map((p) => ({ ...p, method })));

type InitKind = 'paper' | 'gaussian-Y0' | 'X0-outside';

function invariantTrial(params: InvariantParams, options: TrialOptions, init: InitKind): Trial {
  const su = xuSetup(params);
  // Theorem 1's set-up for GD and AltGD, Theorem 2's for NAG
  const nag = params.method === 'nag';
  const c = (nag ? thm2Threshold(su) : thm1Threshold(su)) * params.cMultiplier * C_MARGIN;
  const problem = unbalancedInit(su, Number.isFinite(c) ? c : 50 * Math.sqrt(params.d));
  if (init === 'gaussian-Y0') {
    // Remark 1: Y₀ = c₂Φ₂, [Φ₂]_ij ~ N(0, 1/n), c₂ = 1
    problem.Y0.data.set(gaussianMatrix(params.seed, 'Phi2', params.n, params.d, 1 / params.n).data);
  } else if (init === 'X0-outside') {
    // X₀ = c Φ₁ with a Gaussian m x d Φ₁ of the same Frobenius scale: not in col(A)
    const g = gaussianMatrix(params.seed, 'Phi1', params.m, params.d, 1 / params.d);
    scaleInPlace(g, frobNorm(problem.X0) / frobNorm(g));
    problem.X0.data.set(g.data);
  }
  const { L, mu, cond } = spectrumAt(su, Number.isFinite(c) ? c : 1);
  const spec = methodSpec(params.method, L, mu);
  const hypotheses: Hypothesis[] = [
    { name: `rank(X₀) = ${params.r}`, holds: su.rank === params.r, value: su.rank },
    atLeast('cond(X₀) > 1', cond, 1 + 64 * Number.EPSILON),
  ];
  return {
    hypotheses,
    derived: { c, L, mu, condX0: cond, stepSize: spec.stepSize, momentum: spec.momentum ?? 0 },
    bounds: [
      { metric: 'offColX', relation: 'le', value: (_t, m) => INVARIANT_TOL * m.normX, floor: 0, cite: 'Lemma 1: col(X_t) ⊆ col(A)' },
      { metric: 'offRowY', relation: 'le', value: (_t, m) => INVARIANT_TOL * m.normY, floor: 0, cite: 'dossier §8 [D]: col(Y_t) ⊆ row(A) when Y₀ = 0' },
    ],
    run: (observe, maxIterations) => runFactorization(problem, spec, observe, maxIterations, { subspaces: { U: su.U, V: su.V } }),
  };
}

function lemma1Claim(method: FactorizationMethod, name: string) {
  return defineClaim<InvariantParams>({
    id: `xu2024-mf.lemma1-invariant-${method}`,
    statement: `${name} from X₀ = cAΦ, Y₀ = 0: col(X_t) ⊆ col(A) and col(Y_t) ⊆ row(A) for all t (to ${INVARIANT_TOL} relative)`,
    source: source('Lemma 1', method === 'gd' ? 'V' : 'D', method === 'gd' ? 'proved for GD; dossier §8' : 'dossier §8 [D]: the updates are linear combinations that stay in the subspaces'),
    kind: 'invariant',
    expected: 'holds',
    params: invariantParams([method]),
    maxIterations: 150,
    instantiate: (params, options) => invariantTrial(params, options, 'paper'),
  });
}

export const lemma1Gd = lemma1Claim('gd', 'GD');
export const lemma1AltGd = lemma1Claim('altgd', 'Alternating GD');
export const lemma1Nag = lemma1Claim('nag', 'NAG');

export const lemma1GaussianY0 = defineClaim<InvariantParams>({
  id: 'xu2024-mf.lemma1-gaussian-y0',
  statement: 'FALSE variant: the row(A) invariant with a Gaussian Y₀ = c₂Φ₂ (Remark 1 / Ward–Kolda initialization)',
  source: source('Lemma 1, Remark 1', 'D', 'dossier §13 invariants false variant'),
  kind: 'invariant',
  expected: 'refuted',
  variantOf: 'xu2024-mf.lemma1-invariant-gd',
  falseBecause: 'a Gaussian Y₀ has a component outside row(A) already at t = 0',
  params: invariantParams(['gd', 'altgd', 'nag']),
  maxIterations: 150,
  instantiate: (params, options) => invariantTrial(params, options, 'gaussian-Y0'),
});

export const lemma1X0Outside = defineClaim<InvariantParams>({
  id: 'xu2024-mf.lemma1-x0-outside',
  statement: 'FALSE variant: the col(A) invariant with X₀ = cΦ₁ not in col(A) (the hypothesis X₀ = cAΦ removed)',
  source: source('Lemma 1', 'D', 'Lemma 1 needs col(X₀) ⊆ col(A)'),
  kind: 'invariant',
  expected: 'refuted',
  variantOf: 'xu2024-mf.lemma1-invariant-gd',
  falseBecause: 'a Gaussian X₀ has a component outside col(A) at t = 0',
  params: invariantParams(['gd', 'altgd', 'nag']),
  maxIterations: 150,
  instantiate: (params, options) => invariantTrial(params, options, 'X0-outside'),
});

// ---------------------------------------------------------------------------------------------
// Alternating GD under Theorem 1's set-up: shown only empirically (Figure 1)

export const altGdEmpirical = defineClaim<XuParams>({
  id: 'xu2024-mf.altgd-empirical',
  statement: 'Alternating GD with η = 2/(L+μ) under Theorem 1’s set-up meets Theorem 1’s bounds for all t (the paper shows GD and AltGD curves overlap)',
  source: source('Figure 1', 'N', 'empirical in the paper; no theorem covers AltGD with this initialization and step (dossier §10)'),
  kind: 'empirical',
  expected: 'holds',
  params: xuParams(),
  examples: [paperSetup(20)],
  instantiate: (params, options) => thm1Trial(params, options, { method: 'altgd' }, thm1CoreBounds),
});

export const altGdRateUnbeatable = defineClaim<XuParams>({
  id: 'xu2024-mf.altgd-rate-unbeatable',
  statement: 'FALSE variant: AltGD cannot beat Theorem 1’s per-step factor, ‖R_t‖_F ≥ ‖R₀‖_F(1−μ/L)^t',
  source: source('Figure 1', 'N', 'dossier §11: AltGD and GD were indistinguishable, both near (L−μ)/(L+μ)'),
  kind: 'lower-bound',
  expected: 'refuted',
  variantOf: 'xu2024-mf.altgd-empirical',
  falseBecause: 'AltGD contracts like GD, near (L−μ)/(L+μ) per step',
  params: xuParams(),
  instantiate: (params, options) => thm1Trial(params, options, { method: 'altgd' }, (su, q) => unbeatable(su, q.rate, '(1 − μ/L)')),
});

export const altGdAccelerated = defineClaim<XuParams>({
  id: 'xu2024-mf.altgd-accelerated',
  statement: 'FALSE variant: AltGD with η = 2/(L+μ) meets NAG’s accelerated bound μp/(4(1+p))(1−√μ/(2√L))^t under Theorem 2’s hypothesis',
  source: source('Theorem 2, Figure 2', 'D', 'AltGD is not accelerated: it contracts near (L−μ)/(L+μ) > θ once cond(X₀) ≳ 3.7'),
  kind: 'bound-for-all-t',
  expected: 'refuted',
  variantOf: 'xu2024-mf.altgd-empirical',
  falseBecause: 'without momentum the contraction is about 1 − 2μ/L, slower than θ = 1 − √μ/(2√L) for cond(X₀) above about 3.7',
  params: xuParams({ cSteps: [0, 8] }),
  instantiate: (params, options) => {
    const su = xuSetup(params);
    const c = thm2Threshold(su) * params.cMultiplier * C_MARGIN;
    const q = thm2Quantities(su, c);
    return {
      hypotheses: [...structuralHypotheses(su), atLeast('μp ≥ 4√2‖A‖_F(1 + p)', q.mu * q.p, 4 * Math.SQRT2 * su.normA * (1 + q.p))],
      derived: { c, L: q.L, mu: q.mu, condX0: q.cond, stepSize: 2 / (q.L + q.mu), theta: q.theta },
      bounds: thm2CoreBounds(su, q),
      run: methodRun(su, c, { method: 'altgd', stepSize: 2 / (q.L + q.mu) }, options),
    };
  },
});

// ---------------------------------------------------------------------------------------------
// Proposition 1 (with probability): only the parts free of the unspecified constants c₁, c₂

export interface GaussianSketchParams {
  r: number;
  d: number;
  seed: number;
}

const sketchParams: fc.Arbitrary<GaussianSketchParams> = fc
  .integer({ min: 1, max: 6 })
  .chain((r) => fc.record({ r: fc.constant(r), d: fc.integer({ min: r, max: 4 * r }), seed: seedArb() }));

export const prop1Sigma1Upper = defineClaim<GaussianSketchParams>({
  id: 'xu2024-mf.prop1-sigma1-upper',
  statement: 'σ₁(VᵀΦ) ≤ (2√d + √r)/√d for VᵀΦ ∈ ℝ^{r×d} with i.i.d. N(0, 1/d) entries, with probability at least 1 − e^{−d/2}',
  source: source('Proposition 1 (upper bound, Vershynin’s tail with s = d)', 'V', 'dossier §5 and §13: the part of Proposition 1 free of c₁, c₂'),
  kind: 'with-probability',
  expected: 'holds',
  params: sketchParams,
  aggregate: { kind: 'probability', failureProbability: (p) => Math.exp(-p.d / 2) },
  instantiate: (p) => {
    // VᵀΦ for orthonormal V and Gaussian Φ has i.i.d. N(0, 1/d) entries: draw it directly
    const G = gaussianMatrix(p.seed, 'VtPhi', p.r, p.d, 1 / p.d);
    const sigma1 = svd(G).s[0];
    return {
      hypotheses: [atLeast('d ≥ r', p.d, p.r)],
      derived: { sigma1 },
      bounds: [{ metric: 'sigma1', relation: 'le', value: () => (2 * Math.sqrt(p.d) + Math.sqrt(p.r)) / Math.sqrt(p.d), floor: 0, cite: 'Proposition 1: σ₁ ≤ (2√d + √r)/√d' }],
      run: (observe) => {
        observe(0, { sigma1 });
      },
    };
  },
});

export const prop1FactorDropped = defineClaim<XuParams>({
  id: 'xu2024-mf.prop1-factor-dropped',
  statement: 'FALSE variant: σ₁(X₀) ≤ cσ₁(A) (Proposition 1’s factor (2√d + √r)/√d dropped), with probability at least 1 − e^{−d/2}',
  source: source('Proposition 1', 'D', 'dossier §13, Proposition 1 false variant'),
  kind: 'with-probability',
  expected: 'refuted',
  variantOf: 'xu2024-mf.prop1-sigma1-upper',
  falseBecause: 'σ₁(AΦ) ≥ σ₁(A)·‖row of VᵀΦ paired with σ₁(A)‖, a χ_d/√d variable that exceeds 1 about half the time',
  params: xuParams({ r: [1, 5], d: (r) => [r, 4 * r], mnMax: 40 }),
  aggregate: { kind: 'probability', failureProbability: (p) => Math.exp(-p.d / 2) },
  instantiate: (params) => {
    const su = xuSetup(params);
    return {
      hypotheses: [atLeast('d ≥ r', params.d, params.r)],
      derived: { sigma1X0PerC: su.s[0], sigma1A: su.sigma[0] },
      bounds: [{ metric: 'sigma1X0PerC', relation: 'le', value: () => su.sigma[0], floor: 0, cite: 'σ₁(X₀)/c ≤ σ₁(A)' }],
      run: (observe) => {
        observe(0, { sigma1X0PerC: su.s[0] });
      },
    };
  },
});

// ---------------------------------------------------------------------------------------------
// Acceleration as O(·) statements: iterations to reach ε grow like κ² for GD (Theorem 1) and like κ
// for NAG (Theorem 2), at fixed d and r. The hidden constants are reported, not assumed.

/** Relative residual target ‖R_T‖_F ≤ ε‖A‖_F of the iteration-count claims. */
export const ITERATION_TARGET = 1e-6;

const kappaSweep = (d: number) =>
  fc.record({
    m: fc.constant(30),
    n: fc.constant(30),
    r: fc.constant(3),
    d: fc.constant(d),
    kappa: logUniform(2, 100, 64),
    profile: fc.constant<SpectrumProfile>('geometric'),
    scale: fc.constant(1),
    cMultiplier: fc.constant(1),
    seed: seedArb(),
  });

function iterationsTrial(params: XuParams, options: TrialOptions, method: 'gd' | 'nag', complexity: (p: XuParams) => number): Trial {
  const su = xuSetup(params);
  const c = (method === 'gd' ? thm1Threshold(su) : thm2Threshold(su)) * params.cMultiplier * C_MARGIN;
  const { L, mu } = spectrumAt(su, c);
  const spec = methodSpec(method, L, mu);
  return {
    hypotheses: structuralHypotheses(su),
    derived: { kappa: params.kappa, c, L, mu, condX0: Math.sqrt(L / mu), complexity: complexity(params) },
    bounds: [],
    ...iterationsTo(methodRun(su, c, spec, options), 'residualNorm', ITERATION_TARGET * su.normA),
  };
}

const logTarget = Math.log(1 / ITERATION_TARGET);

export const gdIterationsKappa2 = defineClaim<XuParams>({
  id: 'xu2024-mf.gd-iterations-kappa2',
  statement: `GD (Theorem 1’s set-up, c at the threshold) reaches ‖R_T‖_F ≤ ${ITERATION_TARGET}‖A‖_F within T = O(d²κ²/(d−r+1)² log(1/ε)) iterations: T grows at most like κ² at fixed d, r`,
  source: source('Theorem 1 (iteration count)', 'V', 'T = O(d²κ²/(τ²(d−r+1)²) log(C/ε)); hidden constant reported, dossier §6'),
  kind: 'asymptotic',
  expected: 'holds',
  params: kappaSweep(12),
  maxIterations: 400_000,
  aggregate: { kind: 'exponent', response: 'iterations', driver: 'kappa', claimedExponent: 2, complexity: 'complexity' },
  instantiate: (p, o) => iterationsTrial(p, o, 'gd', (q) => (q.d ** 2 * q.kappa ** 2 * logTarget) / (q.d - q.r + 1) ** 2),
});

export const nagIterationsKappa = defineClaim<XuParams>({
  id: 'xu2024-mf.nag-iterations-kappa',
  statement: `NAG (Theorem 2’s set-up, c at the threshold) reaches ‖R_T‖_F ≤ ${ITERATION_TARGET}‖A‖_F within T = O(dκ/(d−r+1) log(1/ε)) iterations: T grows at most like κ at fixed d, r`,
  source: source('Theorem 2 (iteration count)', 'V', 'T = O(dκ/(τ(d−r+1)) log(C/ε)); hidden constant reported, dossier §7'),
  kind: 'asymptotic',
  expected: 'holds',
  params: kappaSweep(12),
  maxIterations: 400_000,
  aggregate: { kind: 'exponent', response: 'iterations', driver: 'kappa', claimedExponent: 1, complexity: 'complexity' },
  instantiate: (p, o) => iterationsTrial(p, o, 'nag', (q) => (q.d * q.kappa * logTarget) / (q.d - q.r + 1)),
});

export const gdIterationsLinear = defineClaim<XuParams>({
  id: 'xu2024-mf.gd-iterations-linear-kappa',
  statement: 'FALSE variant: GD’s iteration count grows only like κ (the accelerated dependence, without momentum)',
  source: source('Theorems 1–2', 'D', 'GD contracts near (L−μ)/(L+μ) per step, so T ≈ cond²(X₀) log(1/ε)/2 ∝ κ²'),
  kind: 'asymptotic',
  expected: 'refuted',
  variantOf: 'xu2024-mf.gd-iterations-kappa2',
  falseBecause: 'without momentum the iteration count grows like κ², the fitted exponent is near 2',
  params: kappaSweep(12),
  maxIterations: 400_000,
  aggregate: { kind: 'exponent', response: 'iterations', driver: 'kappa', claimedExponent: 1 },
  instantiate: (p, o) => iterationsTrial(p, o, 'gd', () => NaN),
});

export const nagIterationsSqrt = defineClaim<XuParams>({
  id: 'xu2024-mf.nag-iterations-sqrt-kappa',
  statement: 'FALSE variant: NAG’s iteration count grows only like √κ (the strongly convex rate in terms of κ(A) rather than cond(X₀) ∝ κ)',
  source: source('Theorem 2, Remark 2', 'D', 'the condition number of the Y-subproblem is cond²(X₀) ∝ κ², so NAG needs ∝ κ iterations'),
  kind: 'asymptotic',
  expected: 'refuted',
  variantOf: 'xu2024-mf.nag-iterations-kappa',
  falseBecause: 'NAG contracts near 1 − 1/cond(X₀) per step and cond(X₀) grows like κ, so T grows like κ',
  params: kappaSweep(12),
  maxIterations: 400_000,
  aggregate: { kind: 'exponent', response: 'iterations', driver: 'kappa', claimedExponent: 0.5 },
  instantiate: (p, o) => iterationsTrial(p, o, 'nag', () => NaN),
});

export const gdIterationsFlat = defineClaim<XuParams>({
  id: 'xu2024-mf.gd-iterations-kappa-independent',
  statement: 'FALSE variant: GD’s iteration count does not grow with κ (the κ² of Theorem 1 dropped)',
  source: source('Theorem 1 (iteration count)', 'D', 'the count is ≈ cond²(X₀) log(1/ε)/2 and cond(X₀) grows with κ'),
  kind: 'asymptotic',
  expected: 'refuted',
  variantOf: 'xu2024-mf.gd-iterations-kappa2',
  falseBecause: 'cond(X₀) grows like κ, so the iteration count does too',
  params: kappaSweep(12),
  maxIterations: 400_000,
  aggregate: { kind: 'exponent', response: 'iterations', driver: 'kappa', claimedExponent: 0 },
  instantiate: (p, o) => iterationsTrial(p, o, 'gd', () => NaN),
});

export const nagIterationsFlat = defineClaim<XuParams>({
  id: 'xu2024-mf.nag-iterations-kappa-independent',
  statement: 'FALSE variant: NAG’s iteration count does not grow with κ (the κ of Theorem 2 dropped)',
  source: source('Theorem 2 (iteration count)', 'D', 'the count is ≈ cond(X₀) log(1/ε) and cond(X₀) grows with κ'),
  kind: 'asymptotic',
  expected: 'refuted',
  variantOf: 'xu2024-mf.nag-iterations-kappa',
  falseBecause: 'cond(X₀) grows like κ, so the iteration count does too',
  params: kappaSweep(12),
  maxIterations: 400_000,
  aggregate: { kind: 'exponent', response: 'iterations', driver: 'kappa', claimedExponent: 0 },
  instantiate: (p, o) => iterationsTrial(p, o, 'nag', () => NaN),
});

export const prop1AtMostOne = defineClaim<GaussianSketchParams>({
  id: 'xu2024-mf.prop1-sigma1-at-most-one',
  statement: 'FALSE variant: σ₁(VᵀΦ) ≤ 1 (Proposition 1’s factor (2√d + √r)/√d replaced by 1), with probability at least 1 − e^{−d/2}',
  source: source('Proposition 1', 'D', 'the top singular value of an r×d Gaussian matrix with N(0, 1/d) entries concentrates near 1 + √(r/d)'),
  kind: 'with-probability',
  expected: 'refuted',
  variantOf: 'xu2024-mf.prop1-sigma1-upper',
  falseBecause: 'σ₁(VᵀΦ) ≈ 1 + √(r/d) > 1 on most draws',
  params: sketchParams,
  aggregate: { kind: 'probability', failureProbability: (p) => Math.exp(-p.d / 2) },
  instantiate: (p) => {
    const sigma1 = svd(gaussianMatrix(p.seed, 'VtPhi', p.r, p.d, 1 / p.d)).s[0];
    return {
      hypotheses: [atLeast('d ≥ r', p.d, p.r)],
      derived: { sigma1 },
      bounds: [{ metric: 'sigma1', relation: 'le', value: () => 1, floor: 0, cite: 'σ₁ ≤ 1' }],
      run: (observe) => {
        observe(0, { sigma1 });
      },
    };
  },
});

export const thm2AlsoVacuous = defineClaim<VacuousParams>({
  id: 'xu2024-mf.thm2-also-vacuous-cond1',
  statement: 'FALSE variant: when cond(X₀) = 1 Theorem 2’s hypothesis μp ≥ 4√2‖A‖_F(1 + p) cannot be met either',
  source: source('Theorem 2', 'D', 'dossier §7.1: unlike Theorem 1, no cond(X₀) > 1 restriction'),
  kind: 'hypothesis',
  expected: 'refuted',
  variantOf: 'xu2024-mf.thm1-vacuous-cond1',
  falseBecause: 'p = 1/144 when cond(X₀) = 1, and μ grows like c², so a large c meets Theorem 2’s hypothesis',
  params: vacuousParams,
  instantiate: (params) => {
    const { su, c } = condOneSetup(params);
    const q = thm2Quantities(su, c);
    const margin = (q.mu * q.p) / (4 * Math.SQRT2 * su.normA * (1 + q.p));
    return {
      hypotheses: [],
      derived: { c, L: q.L, mu: q.mu, condX0: q.cond },
      bounds: [{ metric: 'thm2Margin', relation: 'le', value: () => 1, floor: 0, cite: 'μp/(4√2‖A‖_F(1 + p)) < 1' }],
      run: (observe) => {
        observe(0, { thm2Margin: margin });
      },
    };
  },
});

export const claims: Claim<any>[] = [
  thm1Core,
  thm1NoHypothesis,
  thm1RateUnbeatable,
  thm1Printed,
  thm1PrintedCmin,
  thm1PrintedNoHypothesis,
  thm1Vacuous,
  thm1R1AdmitsC,
  thm2Core,
  thm2NoHypothesis,
  thm2RateUnbeatable,
  thm2MomentumDropped,
  thm2WidthBelowRank,
  thm1CoreAtScale,
  thm1RateUnbeatableAtScale,
  thm2CoreAtScale,
  thm2MomentumDroppedAtScale,
  lemma1Gd,
  lemma1AltGd,
  lemma1Nag,
  lemma1GaussianY0,
  lemma1X0Outside,
  altGdEmpirical,
  altGdRateUnbeatable,
  altGdAccelerated,
  prop1Sigma1Upper,
  prop1FactorDropped,
  gdIterationsKappa2,
  gdIterationsLinear,
  nagIterationsKappa,
  nagIterationsSqrt,
  gdIterationsFlat,
  nagIterationsFlat,
  prop1AtMostOne,
  thm2AlsoVacuous,
];

export default claims;
