/**
 * Xu, Wang, Zhao, Ward, Tao (NeurIPS 2024): "Provable Acceleration of Nesterov's Accelerated Gradient
 * for Rectangular Matrix Factorization and Linear Neural Networks", Section 4 (two-layer linear networks).
 *
 *   min ½‖L − XYᵀD‖²_F  (objective (10)),  L = AD with cond(A) = O(1), rank(L) = r  (Assumption 1),
 *   NAG in Lemma 7's form, Y₀ = 0 and X₀ = cLΦ (12), c·Orth(LΦ) (13) or cΦ (14).
 *
 * Theorem 3 is deterministic given X₀: with L̃ = σ₁²(X₀)λ_max(DDᵀ), μ̃ = σ_r²(X₀)λ_min(DDᵀ) and
 * μ̃p ≥ 4√2‖LDᵀ‖_F(1 + p), p = √μ̃/(144√L̃), its bound holds for every t. The claims check it for the
 * realized X₀ (c = a multiple of the smallest c meeting the inequality). Corollaries 1-3 and Remark 3
 * are O(·) statements: their hidden constant K is an explicit parameter of the claim, and every
 * instance reports the smallest K that works on it (derived value and metric `smallestConstant`).
 */
import fc from 'fast-check';
import { atLeast, atMost, defineClaim, type Bound, type Claim, type Hypothesis, type Metrics, type Observer, type Source, type Trial, type TrialOptions } from '../src/claims/types.ts';
import { logUniform, powerOfTwoGrid, seedArb } from '../src/claims/arbitraries.ts';
import { frobNorm } from '../src/linalg/dense.ts';
import { SubspaceDistance, svd } from '../src/linalg/decomp.ts';
import { gaussianMatrix, SPECTRUM_PROFILES } from '../src/problems/low-rank.ts';
import { methodSpec, type FactorizationMethod, type FactorizationSpec } from '../src/methods/factorization.ts';
import {
  ASSUMPTION1_COND_MAX,
  networkConstants,
  networkInit,
  networkSetup,
  paperNetwork,
  reduceNetwork,
  runLinearNetwork,
  scaledProblem,
  theorem3Threshold,
  type InitScheme,
  type LinearNetworkProblem,
  type NetworkConstants,
  type NetworkInit,
  type NetworkParams,
  type NetworkSetup,
} from '../src/problems/linear-network.ts';

const PAPER = 'Xu, Wang, Zhao, Ward, Tao. Provable Acceleration of Nesterov’s Accelerated Gradient for Rectangular Matrix Factorization and Linear Neural Networks. NeurIPS 2024';
const URL = 'https://arxiv.org/abs/2410.09640';

function source(theorem: string, confidence: Source['confidence'], note?: string): Source {
  return { paper: PAPER, theorem, url: URL, confidence, note };
}

/** Roundoff floor of the residual, relative to ‖L‖_F (R₀ = −L; dossier linear-networks §8). */
export const RESIDUAL_FLOOR = 1e-9;
/** Invariant tolerance, relative to ‖X_t‖_F, ‖Y_t‖_F. */
export const INVARIANT_TOL = 1e-10;
/** Tolerance of the exact identity L̃/μ̃ = λ_max/λ_min under (13) (dossier §8: about 1e-12). */
export const IDENTITY_TOL = 1e-12;
/** Margin above the smallest c meeting Theorem 3's inequality, so that rounding cannot flip it. */
const C_MARGIN = 1 + 1e-9;

/**
 * Catalog value of the hidden constant K of the O(·) statements (Corollaries 1-3, Remark 3): the claim
 * is "f(X_t, Y_t) ≤ ε‖LDᵀ‖²_F for every t ≥ K·E·log(1/ε) and every ε ≤ 1/e", E the corollary's expression.
 * The paper gives no value; the claims report the smallest K that works per instance.
 */
export const HIDDEN_CONSTANT = 4;
/** τ of Corollaries 1 and 3 (any 0 < τ < c₁; c₁ unspecified): the claims use this value explicitly. */
export const TAU = 0.5;

// ---------------------------------------------------------------------------------------------
// Instance parameters

export interface NetRanges {
  /** rank(L) range */
  r?: [number, number];
  /** rank(D) − r range */
  rankDExtra?: [number, number];
  /** n − rank(D) range (0 means D has full row rank) */
  nExtra?: [number, number];
  /** m − r range */
  mExtra?: [number, number];
  /** cond(Σ) range (log-uniform) */
  condD?: [number, number];
  /** σ₁(Σ) = 10^(k/4), k in this range */
  scaleD?: [number, number];
  /** cond(A) range (log-uniform) */
  condA?: [number, number];
  /** width as a function of (r, m): an arbitrary */
  d?: (r: number, m: number) => fc.Arbitrary<number>;
  /** cMultiplier = 2^(k/8), k in this range */
  cSteps?: [number, number];
}

/** Widths r..r+3 with d = r exactly on about half of the draws. */
export const widthFromRank = (r: number): fc.Arbitrary<number> => fc.oneof(fc.constant(r), fc.integer({ min: r, max: r + 3 }));

/**
 * Default: r from 1 to 4, rank(D) from r to r+4, n up to rank(D)+3, N up to rank(D)+6, m up to r+6,
 * cond(Σ) from 1.5 to 20, σ₁(Σ) from 0.3 to 3, cond(A) from 1 to 3, width r..r+3.
 */
export function networkParams(ranges: NetRanges = {}): fc.Arbitrary<NetworkParams> {
  const [rLo, rHi] = ranges.r ?? [1, 4];
  const [eLo, eHi] = ranges.rankDExtra ?? [0, 4];
  const [nLo, nHi] = ranges.nExtra ?? [0, 3];
  const [mLo, mHi] = ranges.mExtra ?? [0, 6];
  const [kLo, kHi] = ranges.condD ?? [1.5, 20];
  const [sLo, sHi] = ranges.scaleD ?? [-2, 2];
  const [aLo, aHi] = ranges.condA ?? [1, 3];
  const [cLo, cHi] = ranges.cSteps ?? [0, 32];
  const width = ranges.d ?? ((r: number) => widthFromRank(r));
  return fc
    .record({ r: fc.integer({ min: rLo, max: rHi }), extra: fc.integer({ min: eLo, max: eHi }), nx: fc.integer({ min: nLo, max: nHi }), Nx: fc.integer({ min: 0, max: 6 }), mx: fc.integer({ min: mLo, max: mHi }) })
    .chain(({ r, extra, nx, Nx, mx }) => {
      const rankD = r + extra;
      const m = r + mx;
      return fc.record({
        m: fc.constant(m),
        n: fc.constant(rankD + nx),
        N: fc.constant(rankD + Nx),
        rankD: fc.constant(rankD),
        r: fc.constant(r),
        condD: logUniform(kLo, kHi),
        profile: fc.constantFrom(...SPECTRUM_PROFILES),
        scaleD: fc.integer({ min: sLo, max: sHi }).map((k) => Math.pow(10, k / 4)),
        dataV: fc.constantFrom('orthonormal' as const, 'gaussian' as const),
        labels: fc.constant('conditioned' as const),
        condA: aLo === aHi ? fc.constant(aLo) : logUniform(aLo, aHi),
        d: width(r, m),
        cMultiplier: powerOfTwoGrid(cLo, cHi),
        seed: seedArb(),
      });
    });
}

/** A reduced copy of the paper's Section 5 set-up (its shape ratios and spectrum, sizes / 10). */
export function smallPaperNetwork(d: number, seed = 1): NetworkParams {
  return { ...paperNetwork(d, seed), m: 10, n: 8, N: 12, rankD: 5 };
}

// ---------------------------------------------------------------------------------------------
// The common trial: instance, initialization, c, Theorem 3's constants, hypotheses, method run

export interface NetContext {
  params: NetworkParams;
  su: NetworkSetup;
  init: NetworkInit;
  /** the index k of σ_k(X₀) in μ̃ (r for (12)/(13), m for (14), d for the below-rank variants) */
  k: number;
  c: number;
  q: NetworkConstants;
  problem: LinearNetworkProblem;
}

interface NetTrialOptions {
  scheme: InitScheme;
  method?: FactorizationMethod;
  /** σ_k(X₀) used in μ̃; default r for (12)/(13), m for (14) */
  index?: (p: NetworkParams) => number;
  /** drop Theorem 3's inequality on c */
  dropHypothesis?: boolean;
  /** drop the width requirement and col(X₀) ⊇ col(L) */
  dropStructure?: boolean;
  /** the method's parameters (default: Theorem 3's η = 1/L̃ and β for NAG, 2/(L̃+μ̃) for GD and AltGD) */
  spec?: (ctx: NetContext) => FactorizationSpec;
  extraHypotheses?: (ctx: NetContext) => Hypothesis[];
  bounds: (ctx: NetContext) => Bound[];
  /** wrap the observer (derived metrics); receives the trial's derived record */
  wrap?: (ctx: NetContext, derived: Record<string, number>, observe: Observer) => Observer;
  /** post-run measurements, read from the derived record */
  measure?: (derived: Record<string, number>) => Record<string, number>;
  /** dense run with the invariant subspaces col(X₀) and col(D) */
  invariants?: boolean;
  /** replace Y₀ = 0 by a Gaussian Y₀ (N(0, 1/d) entries, times c) */
  gaussianY0?: boolean;
}

/** Assumption 1 on the realized instance: rank(L) = r, L = AD exactly, cond(A*) = O(1) (≤ ASSUMPTION1_COND_MAX). */
export function assumption1(su: NetworkSetup): Hypothesis[] {
  return [
    { name: `rank(L) = r = ${su.params.r} (Assumption 1)`, holds: su.rankL === su.params.r, value: su.rankL, threshold: su.params.r },
    atMost('L = AD: rows of L in row(D) (relative distance)', su.interpolationError, 1e-12, 'Assumption 1 (interpolation)'),
    atMost(`cond(A*) = O(1), A* = LD⁺ (read as ≤ ${ASSUMPTION1_COND_MAX})`, su.condAStar, ASSUMPTION1_COND_MAX, 'Assumption 1; the paper gives no constant'),
  ];
}

function defaultIndex(scheme: InitScheme, p: NetworkParams): number {
  return scheme === 'wide' ? p.m : p.r;
}

/** Width requirement and column space of X₀ (Theorem 3: col(X₀) ⊇ col(L); (12)/(13): d ≥ r; (14): d ≥ m). */
function structureHypotheses(ctx: NetContext, scheme: InitScheme): Hypothesis[] {
  const { params, su, init } = ctx;
  const off = new SubspaceDistance(init.colX0, params.N).of(su.L) / su.normL;
  const need = scheme === 'wide' ? params.m : params.r;
  return [
    atLeast(scheme === 'wide' ? 'width d ≥ m (initialization (14))' : 'width d ≥ r = rank(L)', params.d, need),
    atMost('col(X₀) ⊇ col(L) (relative distance of L from col(X₀))', off, 1e-10, 'Theorem 3'),
  ];
}

function theorem3Inequality(ctx: NetContext): Hypothesis {
  const { q, su } = ctx;
  return atLeast('μ̃p ≥ 4√2‖LDᵀ‖_F(1 + p)', q.mut * q.p, 4 * Math.SQRT2 * su.normLDt * (1 + q.p), 'Theorem 3, p = √μ̃/(144√L̃) (dossier linear-networks §3)');
}

export function netContext(params: NetworkParams, scheme: InitScheme, index?: (p: NetworkParams) => number, gaussianY0 = false): NetContext {
  const su = networkSetup(params);
  const init = networkInit(su, scheme);
  const k = Math.min((index ?? ((p) => defaultIndex(scheme, p)))(params), init.s.length);
  const s1 = init.s[0], sk = init.s[k - 1];
  const threshold = sk > 0 ? theorem3Threshold(su, s1, sk) : Infinity;
  const c = Number.isFinite(threshold) ? threshold * params.cMultiplier * C_MARGIN : params.cMultiplier;
  const q = networkConstants(su, s1, sk > 0 ? sk : s1, c);
  const problem = scaledProblem(su, init, c);
  if (gaussianY0) problem.Y0.data.set(gaussianMatrix(params.seed, 'network-Y0', params.n, params.d, 1 / params.d).data.map((v) => c * v));
  return { params, su, init, k, c, q, problem };
}

function methodRun(ctx: NetContext, spec: FactorizationSpec, options: TrialOptions, invariants: boolean): Trial['run'] {
  const { su, init, problem } = ctx;
  if (invariants) {
    return (observe, maxIterations) => runLinearNetwork(problem, spec, observe, maxIterations, { subspaces: { U: init.colX0, V: su.UD } });
  }
  const Q = init.scheme === 'unbalanced' || init.scheme === 'orthonormal' ? su.UL : null;
  const reduced = options.dense ? null : reduceNetwork(su, problem, Q);
  return (observe, maxIterations) => runLinearNetwork(reduced ?? problem, spec, observe, maxIterations);
}

function defaultSpec(ctx: NetContext, method: FactorizationMethod): FactorizationSpec {
  const { q } = ctx;
  return method === 'nag' ? { method, stepSize: q.stepSize, momentum: q.momentum } : { method, stepSize: 2 / (q.Lt + q.mut) };
}

export function netTrial(params: NetworkParams, options: TrialOptions, o: NetTrialOptions): Trial {
  const ctx = netContext(params, o.scheme, o.index, o.gaussianY0);
  const { su, q, c, problem } = ctx;
  const hypotheses: Hypothesis[] = [
    ...assumption1(su),
    ...(o.dropStructure ? [] : structureHypotheses(ctx, o.scheme)),
    ...(o.gaussianY0 ? [] : [{ name: 'Y₀ = 0', holds: frobNorm(problem.Y0) === 0, value: frobNorm(problem.Y0) }]),
    ...(o.dropHypothesis ? [] : [theorem3Inequality(ctx)]),
    ...(o.extraHypotheses ? o.extraHypotheses(ctx) : []),
  ];
  const spec = o.spec ? o.spec(ctx) : defaultSpec(ctx, o.method ?? 'nag');
  const derived: Record<string, number> = {
    c,
    Lt: q.Lt,
    mut: q.mut,
    p: q.p,
    condX0: q.condX0,
    condD: Math.sqrt(su.lambdaMax / su.lambdaMin),
    rankD: su.sD.length,
    rankL: su.rankL,
    condAStar: su.condAStar,
    normL: su.normL,
    normLDt: su.normLDt,
    stepSize: spec.stepSize,
    momentum: spec.momentum ?? 0,
    theta: q.theta,
  };
  const run = methodRun(ctx, spec, options, o.invariants ?? false);
  return {
    hypotheses,
    derived,
    bounds: o.bounds(ctx),
    run: o.wrap ? (observe, maxIterations) => run(o.wrap!(ctx, derived, observe), maxIterations) : run,
    ...(o.measure ? { measure: () => o.measure!(derived) } : {}),
  };
}

function geometric(prefactor: number, rate: number): (t: number) => number {
  return (t) => prefactor * Math.pow(rate, t);
}

/** σ_min(D): the smallest nonzero singular value. */
function sigmaMinD(su: NetworkSetup): number {
  return su.sD[su.sD.length - 1];
}

// ---------------------------------------------------------------------------------------------
// Theorem 3

/** ‖R_t‖_F ≤ σ_k²(X₀) σ_min(D)/576 · θ^t with θ = 1 − √μ̃/(2√L̃) (θ replaceable for the false variants). */
export function theorem3Bounds(ctx: NetContext, theta: number = ctx.q.theta, label = 'θ = 1 − √μ̃/(2√L̃)'): Bound[] {
  const { c, init, k, su } = ctx;
  const sk = c * init.s[k - 1];
  return [
    {
      metric: 'residualNorm',
      relation: 'le',
      value: geometric((sk * sk * sigmaMinD(su)) / 576, theta),
      floor: RESIDUAL_FLOOR * su.normL,
      cite: `Theorem 3: ‖R_t‖_F ≤ σ_r²(X₀)σ_min(D)/576 · θ^t, ${label} (dossier linear-networks §3)`,
    },
  ];
}

/** D scaled so that λ_max(DDᵀ) ≥ 4: σ₁(Σ) from 10^(3/4) to 10 (for the step-size variant). */
const LARGE_D: NetRanges = { scaleD: [3, 4] };

const thm3Examples = [smallPaperNetwork(5), smallPaperNetwork(8)];

export const thm3Unbalanced = defineClaim<NetworkParams>({
  id: 'xu2024-nn.thm3-unbalanced',
  statement: 'NAG (η = 1/L̃, β = (√L̃−√μ̃)/(√L̃+√μ̃)) on ½‖L−XYᵀD‖²_F from X₀ = cLΦ (12), Y₀ = 0, with μ̃p ≥ 4√2‖LDᵀ‖_F(1+p): ‖R_t‖_F ≤ σ_r²(X₀)σ_min(D)/576 · (1 − √μ̃/(2√L̃))^t for all t',
  source: source('Theorem 3 (deterministic given X₀), initialization (12)', 'V~', 'bound [V]; p from the D.1 proof [V~]; dossier linear-networks §3'),
  kind: 'bound-for-all-t',
  expected: 'holds',
  params: networkParams(),
  examples: thm3Examples,
  maxIterations: 6000,
  instantiate: (params, options) => netTrial(params, options, { scheme: 'unbalanced', bounds: (ctx) => theorem3Bounds(ctx) }),
});

export const thm3NoHypothesis = defineClaim<NetworkParams>({
  id: 'xu2024-nn.thm3-no-hypothesis',
  statement: 'FALSE variant: Theorem 3’s bound for any c > 0 (the inequality on c dropped), initialization (12)',
  source: source('Theorem 3', 'D', 'dossier linear-networks §8, Theorem 3 false variant 1'),
  kind: 'bound-for-all-t',
  expected: 'refuted',
  variantOf: 'xu2024-nn.thm3-unbalanced',
  falseBecause: '‖R₀‖_F = ‖L‖_F while the prefactor σ_r²(X₀)σ_min(D)/576 scales like c²: a small c violates the bound at t = 0',
  params: networkParams({ cSteps: [-80, -1] }),
  maxIterations: 2000,
  instantiate: (params, options) => netTrial(params, options, { scheme: 'unbalanced', dropHypothesis: true, bounds: (ctx) => theorem3Bounds(ctx) }),
});

export const thm3FactorizationParameters = defineClaim<NetworkParams>({
  id: 'xu2024-nn.thm3-mf-parameters',
  statement: 'FALSE variant: Theorem 3’s bound with the matrix-factorization parameters η = 1/σ₁²(X₀), β from σ₁(X₀), σ_r(X₀) only (the data factor λ(DDᵀ) left out), λ_max(DDᵀ) ≥ 4',
  source: source('Theorem 3', 'D', 'dossier linear-networks §8, Theorem 3 false variant 2'),
  kind: 'bound-for-all-t',
  expected: 'refuted',
  variantOf: 'xu2024-nn.thm3-unbalanced',
  falseBecause: 'the top mode of the linearized map has η σ₁²(X₀) λ_max(DDᵀ) = λ_max(DDᵀ) ≥ 4, far outside NAG’s stable range: the iterates blow up',
  params: networkParams(LARGE_D),
  maxIterations: 2000,
  instantiate: (params, options) =>
    netTrial(params, options, {
      scheme: 'unbalanced',
      spec: ({ c, init, k }) => methodSpec('nag', (c * init.s[0]) ** 2, (c * init.s[k - 1]) ** 2),
      bounds: (ctx) => theorem3Bounds(ctx),
    }),
});

export const thm3WidthBelowRank = defineClaim<NetworkParams>({
  id: 'xu2024-nn.thm3-width-below-rank',
  statement: 'FALSE variant: Theorem 3’s bound at width d < r = rank(L), initialization (12), μ̃ from σ_d(X₀) (the smallest nonzero singular value)',
  source: source('Theorem 3', 'D', 'dossier linear-networks §8, Theorem 3 false variant 3 (Eckart–Young)'),
  kind: 'bound-for-all-t',
  expected: 'refuted',
  variantOf: 'xu2024-nn.thm3-unbalanced',
  falseBecause: 'rank(X_tY_tᵀD) ≤ d, so ‖R_t‖_F ≥ (Σ_{i>d} σ_i²(L))^{1/2} > 0 for all t while the bound tends to 0',
  params: networkParams({ r: [2, 4], d: (r) => fc.integer({ min: 1, max: r - 1 }) }),
  maxIterations: 6000,
  instantiate: (params, options) => netTrial(params, options, { scheme: 'unbalanced', index: (p) => p.d, dropStructure: true, bounds: (ctx) => theorem3Bounds(ctx) }),
});

export const thm3Orthonormal = defineClaim<NetworkParams>({
  id: 'xu2024-nn.thm3-orthonormal',
  statement: 'NAG from X₀ = c·Orth(LΦ) (13), Y₀ = 0, d ≥ r (d = r included), with Theorem 3’s inequality: ‖R_t‖_F ≤ c²σ_min(D)/576 · (1 − √μ̃/(2√L̃))^t for all t (the inequality holds for every draw once c is large: Corollary 2’s probability one)',
  source: source('Theorem 3 with initialization (13) (Corollary 2)', 'V~', 'bound [V]; p from the D.1 proof [V~]; dossier linear-networks §3-5'),
  kind: 'bound-for-all-t',
  expected: 'holds',
  params: networkParams(),
  examples: thm3Examples,
  maxIterations: 6000,
  instantiate: (params, options) => netTrial(params, options, { scheme: 'orthonormal', bounds: (ctx) => theorem3Bounds(ctx) }),
});

export const thm3OrthonormalNoMomentum = defineClaim<NetworkParams>({
  id: 'xu2024-nn.thm3-orthonormal-no-momentum',
  statement: 'FALSE variant: with β = 0 (GD with η = 1/L̃) Theorem 3’s accelerated bound still holds, initialization (13)',
  source: source('Theorem 3, Remark 3', 'D', 'GD contracts by about 1 − μ̃/L̃ = 1 − 1/cond²(D) per step under (13), slower than θ = 1 − 1/(2cond(D))'),
  kind: 'bound-for-all-t',
  expected: 'refuted',
  variantOf: 'xu2024-nn.thm3-orthonormal',
  falseBecause: 'without momentum the residual contracts like 1 − 1/cond²(D), slower than θ = 1 − 1/(2 cond(D)) once cond(D) > 2',
  params: networkParams({ condD: [4, 30], cSteps: [0, 8] }),
  maxIterations: 6000,
  instantiate: (params, options) => netTrial(params, options, { scheme: 'orthonormal', spec: ({ q }) => ({ method: 'nag', stepSize: q.stepSize, momentum: 0 }), bounds: (ctx) => theorem3Bounds(ctx) }),
});

export const thm3OrthonormalRateWithoutData = defineClaim<NetworkParams>({
  id: 'xu2024-nn.thm3-orthonormal-rate-without-data',
  statement: 'FALSE variant: Theorem 3’s bound with the per-step factor 1 − σ_r(X₀)/(2σ₁(X₀)) of X₀ alone (the data condition number’s √(λ_min/λ_max) left out), initialization (13)',
  source: source('Theorem 3', 'D', 'dossier linear-networks §8 (rate without the data factor); under (13) that factor is 1/2'),
  kind: 'bound-for-all-t',
  expected: 'refuted',
  variantOf: 'xu2024-nn.thm3-orthonormal',
  falseBecause: 'NAG contracts near 1 − 1/cond(D) per step, so a factor 1/2 per step is far too fast once cond(D) > 2',
  params: networkParams({ condD: [4, 30] }),
  maxIterations: 2000,
  instantiate: (params, options) =>
    netTrial(params, options, {
      scheme: 'orthonormal',
      bounds: (ctx) => theorem3Bounds(ctx, 1 - ctx.init.s[ctx.k - 1] / (2 * ctx.init.s[0]), 'θ = 1 − σ_r(X₀)/(2σ₁(X₀))'),
    }),
});

/** Initialization (14) needs d ≥ m: small m. */
const WIDE: NetRanges = { mExtra: [0, 3], d: (_r, m) => fc.integer({ min: m, max: m + 3 }) };

export const thm3Wide = defineClaim<NetworkParams>({
  id: 'xu2024-nn.thm3-wide',
  statement: 'NAG from X₀ = cΦ (14), Φ ∈ ℝ^{m×d}, d ≥ m, Y₀ = 0, with Theorem 3’s inequality and σ_r read as σ_m: ‖R_t‖_F ≤ σ_m²(X₀)σ_min(D)/576 · (1 − √μ̃/(2√L̃))^t for all t',
  source: source('Theorem 3 with initialization (14) (Corollary 3)', 'U', 'σ_r read as the m-th singular value for (14) [U]; dossier linear-networks §3'),
  kind: 'bound-for-all-t',
  expected: 'holds',
  params: networkParams(WIDE),
  maxIterations: 6000,
  instantiate: (params, options) => netTrial(params, options, { scheme: 'wide', bounds: (ctx) => theorem3Bounds(ctx) }),
});

export const thm3WideNoHypothesis = defineClaim<NetworkParams>({
  id: 'xu2024-nn.thm3-wide-no-hypothesis',
  statement: 'FALSE variant: Theorem 3’s bound under (14) for any c > 0 (the inequality on c dropped)',
  source: source('Theorem 3', 'D', 'dossier linear-networks §8, Theorem 3 false variant 1'),
  kind: 'bound-for-all-t',
  expected: 'refuted',
  variantOf: 'xu2024-nn.thm3-wide',
  falseBecause: '‖R₀‖_F = ‖L‖_F while the prefactor scales like c²',
  params: networkParams({ ...WIDE, cSteps: [-80, -1] }),
  maxIterations: 2000,
  instantiate: (params, options) => netTrial(params, options, { scheme: 'wide', dropHypothesis: true, bounds: (ctx) => theorem3Bounds(ctx) }),
});

export const thm3WideBelowOutput = defineClaim<NetworkParams>({
  id: 'xu2024-nn.thm3-wide-below-output',
  statement: 'FALSE variant: Theorem 3’s bound for X₀ = cΦ (14) at width r ≤ d < m (d ≥ m dropped; μ̃ from σ_d(X₀))',
  source: source('Theorem 3, Corollary 3', 'D', 'col(X₀) is a random d-dimensional subspace that misses part of col(L) when d < m'),
  kind: 'bound-for-all-t',
  expected: 'refuted',
  variantOf: 'xu2024-nn.thm3-wide',
  falseBecause: 'X stays within p√L̃-ish of X₀, so the part of L outside col(X₀) is fitted only as X rotates, far slower than θ^t',
  params: networkParams({ mExtra: [1, 4], d: (r, m) => fc.integer({ min: r, max: m - 1 }) }),
  maxIterations: 6000,
  instantiate: (params, options) => netTrial(params, options, { scheme: 'wide', index: (p) => p.d, dropStructure: true, bounds: (ctx) => theorem3Bounds(ctx) }),
});

// ---------------------------------------------------------------------------------------------
// The headline width claim: width rank(L) suffices, whatever rank(D) and cond(D)

/** Width r exactly on half the draws; rank(D) up to r + 8, D with and without full row rank, cond(Σ) up to 30. */
const HEADLINE: NetRanges = { rankDExtra: [0, 8], nExtra: [0, 2], condD: [1.5, 30] };

export const widthRank = defineClaim<NetworkParams>({
  id: 'xu2024-nn.width-rank',
  statement: 'At width d = rank(L) (and every d ≥ rank(L)) NAG with X₀ = c·Orth(LΦ) (13), Y₀ = 0 and c meeting Theorem 3’s inequality converges linearly at the accelerated rate: ‖R_t‖_F ≤ c²σ_min(D)/576 · (1 − 1/(2 cond(D)))^t, whatever rank(D) and cond(D)',
  source: source('Section 4 discussion (required width d ≥ r̄), Theorem 3, Corollary 2', 'V~', 'dossier linear-networks §5 (width Omega(r̄) or d ≥ r̄ with (13), no dependence on the input rank or condition number)'),
  kind: 'bound-for-all-t',
  expected: 'holds',
  params: networkParams(HEADLINE),
  examples: [smallPaperNetwork(5)],
  maxIterations: 6000,
  instantiate: (params, options) =>
    netTrial(params, options, {
      scheme: 'orthonormal',
      bounds: (ctx) => theorem3Bounds(ctx, 1 - 1 / (2 * Math.sqrt(ctx.su.lambdaMax / ctx.su.lambdaMin)), 'θ = 1 − 1/(2cond(D)) (cond(X₀) = 1)'),
    }),
});

export const widthRankMinusOne = defineClaim<NetworkParams>({
  id: 'xu2024-nn.width-rank-minus-one',
  statement: 'FALSE variant: the headline at width d = rank(L) − 1 (μ̃ from σ_d(X₀))',
  source: source('Section 4 discussion', 'D', 'dossier linear-networks §8, Theorem 3 false variant 3 (Eckart–Young)'),
  kind: 'bound-for-all-t',
  expected: 'refuted',
  variantOf: 'xu2024-nn.width-rank',
  falseBecause: 'rank(X_tY_tᵀD) ≤ r − 1, so ‖R_t‖_F ≥ σ_r(L) > 0 for all t while the bound tends to 0',
  params: networkParams({ ...HEADLINE, r: [2, 4], d: (r) => fc.constant(r - 1) }),
  maxIterations: 6000,
  instantiate: (params, options) =>
    netTrial(params, options, {
      scheme: 'orthonormal',
      index: (p) => p.d,
      dropStructure: true,
      bounds: (ctx) => theorem3Bounds(ctx, 1 - 1 / (2 * Math.sqrt(ctx.su.lambdaMax / ctx.su.lambdaMin)), 'θ = 1 − 1/(2cond(D))'),
    }),
});

export const widthRankNotAccelerated = defineClaim<NetworkParams>({
  id: 'xu2024-nn.width-rank-not-accelerated',
  statement: 'FALSE variant: at width rank(L), NAG cannot beat GD’s per-step factor: ‖R_t‖_F ≥ ‖L‖_F (1 − λ_min(DDᵀ)/λ_max(DDᵀ))^t',
  source: source('Section 4 discussion, Remark 3', 'D', 'dossier linear-networks §5 and §8 (acceleration shape: √κ for NAG against κ for GD)'),
  kind: 'lower-bound',
  expected: 'refuted',
  variantOf: 'xu2024-nn.width-rank',
  falseBecause: 'NAG contracts near 1 − 1/cond(D) per step, faster than 1 − 1/cond²(D)',
  params: networkParams({ ...HEADLINE, condD: [4, 30], d: (r) => fc.constant(r) }),
  maxIterations: 6000,
  instantiate: (params, options) =>
    netTrial(params, options, {
      scheme: 'orthonormal',
      bounds: ({ su }) => [
        {
          metric: 'residualNorm',
          relation: 'ge',
          value: geometric(su.normL, 1 - su.lambdaMin / su.lambdaMax), // R₀ = −L since Y₀ = 0
          floor: RESIDUAL_FLOOR * su.normL,
          cite: 'false lower bound ‖R_t‖_F ≥ ‖R₀‖_F (1 − λ_min/λ_max)^t',
        },
      ],
    }),
});

// ---------------------------------------------------------------------------------------------
// Corollary 2's exact companion: cond(X₀) = 1 under (13), so L̃/μ̃ = λ_max(DDᵀ)/λ_min(DDᵀ)

function identityTrial(params: NetworkParams, scheme: InitScheme, requireWidth: boolean): Trial {
  const su = networkSetup(params);
  const init = networkInit(su, scheme);
  const r = params.r;
  // the singular values of the realized X₀ (not the ones the construction promises)
  const s = svd(init.X0).s;
  const sr = r <= s.length ? s[r - 1] : 0; // σ_r(X₀) = 0 when X₀ has fewer than r columns
  const ratio = (s[0] * s[0] * su.lambdaMax) / (sr * sr * su.lambdaMin); // L̃/μ̃ (c cancels)
  const target = su.lambdaMax / su.lambdaMin;
  const error = Math.abs(ratio / target - 1);
  return {
    hypotheses: [...assumption1(su), ...(requireWidth ? [atLeast('width d ≥ r = rank(L)', params.d, r)] : [])],
    derived: { LtOverMut: ratio, lambdaRatio: target, condX0: s[0] / sr },
    bounds: [{ metric: 'identityError', relation: 'le', value: () => IDENTITY_TOL, floor: 0, cite: 'L̃/μ̃ = λ_max(DDᵀ)/λ_min(DDᵀ) since cond(X₀) = 1 (dossier linear-networks §8, Corollary 2)' }],
    run: (observe) => {
      observe(0, { identityError: Number.isNaN(error) ? Infinity : error });
    },
  };
}

export const cor2Identity = defineClaim<NetworkParams>({
  id: 'xu2024-nn.cor2-condition-identity',
  statement: `With X₀ = c·Orth(LΦ) (13) and d ≥ r (d = r included), L̃/μ̃ = λ_max(DDᵀ)/λ_min(DDᵀ) exactly (to ${IDENTITY_TOL}), for every draw of Φ`,
  source: source('Corollary 2', 'D', 'dossier linear-networks §5 and §8: cond(X₀) = 1 under (13)'),
  kind: 'exact-identity',
  expected: 'holds',
  params: networkParams({ rankDExtra: [0, 8] }),
  examples: [smallPaperNetwork(5)],
  instantiate: (params) => identityTrial(params, 'orthonormal', true),
});

export const cor2IdentityUnbalanced = defineClaim<NetworkParams>({
  id: 'xu2024-nn.cor2-identity-unbalanced',
  statement: 'FALSE variant: the identity L̃/μ̃ = λ_max(DDᵀ)/λ_min(DDᵀ) for X₀ = cLΦ (12)',
  source: source('Corollary 1, Corollary 2', 'D', 'dossier linear-networks §8, Corollary 2 false variant'),
  kind: 'exact-identity',
  expected: 'refuted',
  variantOf: 'xu2024-nn.cor2-condition-identity',
  falseBecause: 'cond(LΦ) > 1 for a generic Φ when r ≥ 2',
  params: networkParams({ r: [2, 4] }),
  instantiate: (params) => identityTrial(params, 'unbalanced', true),
});

export const cor2IdentityBelowRank = defineClaim<NetworkParams>({
  id: 'xu2024-nn.cor2-identity-below-rank',
  statement: 'FALSE variant: the identity under (13) at width d < r (the width requirement of Corollary 2 dropped)',
  source: source('Corollary 2', 'D', 'Orth(LΦ) has rank d < r, so σ_r(X₀) = 0'),
  kind: 'exact-identity',
  expected: 'refuted',
  variantOf: 'xu2024-nn.cor2-condition-identity',
  falseBecause: 'σ_r(X₀) = 0 when d < r: μ̃ = 0 and L̃/μ̃ is infinite (or roundoff-sized)',
  params: networkParams({ r: [2, 4], d: (r) => fc.integer({ min: 1, max: r - 1 }) }),
  instantiate: (params) => identityTrial(params, 'orthonormal', false),
});

// ---------------------------------------------------------------------------------------------
// Invariants: col(X_t) ⊆ col(X₀) (= col(L) under (12), (13)) and col(Y_t) ⊆ col(D)

export interface InvariantParams extends NetworkParams {
  method: FactorizationMethod;
  scheme: 'unbalanced' | 'orthonormal';
}

const invariantParams = (ranges: NetRanges = {}) =>
  fc
    .record({ method: fc.constantFrom<FactorizationMethod>('gd', 'altgd', 'nag'), scheme: fc.constantFrom('unbalanced' as const, 'orthonormal' as const) })
    .chain(({ method, scheme }) => networkParams({ nExtra: [1, 3], cSteps: [0, 8], ...ranges }).map((p) => ({ ...p, method, scheme })));

function invariantBounds(): Bound[] {
  return [
    { metric: 'offColX', relation: 'le', value: (_t, m) => INVARIANT_TOL * m.normX, floor: 0, cite: 'col(X_t) ⊆ col(X₀) (dossier linear-networks §8)' },
    { metric: 'offRowY', relation: 'le', value: (_t, m) => INVARIANT_TOL * m.normY, floor: 0, cite: 'col(Y_t) ⊆ col(D) when Y₀ = 0 [D]: ∇_Y f = D RᵀX' },
  ];
}

export const invariantSubspaces = defineClaim<InvariantParams>({
  id: 'xu2024-nn.invariant-subspaces',
  statement: `GD, AltGD and NAG from (12) or (13), Y₀ = 0: col(X_t) ⊆ col(X₀) = col(L) and col(Y_t) ⊆ col(D) for all t (to ${INVARIANT_TOL} relative)`,
  source: source('Theorem 3 proof (exact invariant)', 'D', 'dossier linear-networks §8: col(X_t) ⊆ col(X₀); col(Y_t) ⊆ col(D) since every Y-update is D times a matrix'),
  kind: 'invariant',
  expected: 'holds',
  params: invariantParams(),
  maxIterations: 150,
  instantiate: (params, options) => netTrial(params, options, { scheme: params.scheme, method: params.method, invariants: true, bounds: invariantBounds }),
});

export const invariantGaussianY0 = defineClaim<InvariantParams>({
  id: 'xu2024-nn.invariant-gaussian-y0',
  statement: 'FALSE variant: the col(D) invariant with a Gaussian Y₀ and D without full row rank',
  source: source('Theorem 3 proof', 'D', 'the invariant needs Y₀ ∈ col(D)'),
  kind: 'invariant',
  expected: 'refuted',
  variantOf: 'xu2024-nn.invariant-subspaces',
  falseBecause: 'a Gaussian Y₀ has a component outside col(D) ≠ ℝⁿ at t = 0',
  params: invariantParams(),
  maxIterations: 150,
  instantiate: (params, options) => netTrial(params, options, { scheme: params.scheme, method: params.method, invariants: true, gaussianY0: true, bounds: invariantBounds }),
});

export const invariantX0MissesLabels = defineClaim<InvariantParams>({
  id: 'xu2024-nn.invariant-x0-misses-labels',
  statement: 'FALSE variant: col(X_t) ⊆ col(X₀) for X₀ = cΦ (14) at width d < m, whose column space misses part of col(L)',
  source: source('Theorem 3 proof', 'D', 'the invariant needs col(X₀) ⊇ col(L): the X-update adds −η(XYᵀD − L)DᵀY'),
  kind: 'invariant',
  expected: 'refuted',
  variantOf: 'xu2024-nn.invariant-subspaces',
  falseBecause: 'from t = 2 the X-update carries LDᵀY_t, which has a component outside col(X₀)',
  params: invariantParams({ mExtra: [1, 4], d: (r, m) => fc.integer({ min: r, max: m - 1 }) }),
  maxIterations: 150,
  instantiate: (params, options) => netTrial(params, options, { scheme: 'wide', method: params.method, index: (p) => p.d, dropStructure: true, invariants: true, bounds: invariantBounds }),
});

// ---------------------------------------------------------------------------------------------
// Corollaries 1-3 and Remark 3: O(E log 1/ε) iteration counts with the hidden constant K explicit

/**
 * "T = O(E log 1/ε)" encoded as: f(X_t, Y_t) ≤ ε‖LDᵀ‖²_F for every ε ≤ 1/e and every t ≥ K·E·log(1/ε),
 * i.e. ρ_t := f(X_t, Y_t)/‖LDᵀ‖²_F ≤ exp(−t/(K·E)) for t ≥ K·E (no constraint before).
 * The smallest K that works on the instance, over the iterations run, is max_t min(t/E, t/(E log(1/ρ_t)))
 * (log(1/ρ_t) read as 0 when ρ_t ≥ 1); it is streamed as the metric `smallestConstant`, left in the
 * trial's derived values and returned by measure() with E and T(1e-8). The run ends once ρ_t is below
 * the roundoff floor (nothing above the floor is left to compare).
 */
function iterationBound(K: number, E: number, floor: number, what: string): Bound {
  return {
    metric: 'relativeObjective',
    relation: 'le',
    value: (t) => (t >= K * E ? Math.exp(-t / (K * E)) : Infinity),
    floor,
    cite: `${what}: T = O(E log 1/ε) with hidden constant K = ${K}, E = ${what.includes('Remark') ? 'cond²(X₀)·λ_max/λ_min' : 'the corollary’s expression'} (dossier linear-networks §5)`,
  };
}

function iterationWrap(E: number, floor: number) {
  return (ctx: NetContext, derived: Record<string, number>, observe: Observer): Observer => {
    const scale = ctx.su.normLDt * ctx.su.normLDt;
    const metrics = { relativeObjective: 0, smallestConstant: 0, residualNorm: 0 };
    derived.E = E;
    derived.smallestConstant = 0;
    derived.iterationsToEpsilon = Infinity;
    return (t: number, m: Metrics): boolean => {
      const rho = (0.5 * m.residualNorm * m.residualNorm) / scale;
      if (rho <= MEASURED_EPSILON && t < derived.iterationsToEpsilon) derived.iterationsToEpsilon = t;
      const logInv = rho < 1 ? Math.log(1 / rho) : 0;
      const needed = logInv > 0 ? Math.min(t / E, t / (E * logInv)) : t / E;
      if (needed > derived.smallestConstant) derived.smallestConstant = needed;
      metrics.relativeObjective = rho;
      metrics.smallestConstant = derived.smallestConstant;
      metrics.residualNorm = m.residualNorm;
      return observe(t, metrics) && !(rho < floor);
    };
  };
}

/** ε of the reported iteration count T(ε) (measurement `iterationsToEpsilon`). */
export const MEASURED_EPSILON = 1e-8;

type IterationExpression = (ctx: NetContext) => number;

const condD = (ctx: NetContext): number => Math.sqrt(ctx.su.lambdaMax / ctx.su.lambdaMin);
/** Corollary 1: d·cond(L)/(τ(d − r + 1)) · √(λ_max/λ_min). */
const cor1Expression: IterationExpression = (ctx) => {
  const { d, r } = ctx.params;
  const condL = ctx.su.sL[0] / ctx.su.sL[ctx.su.sL.length - 1];
  return ((d * condL) / (TAU * (d - r + 1))) * condD(ctx);
};
/** Corollary 2: √(λ_max/λ_min). */
const cor2Expression: IterationExpression = condD;
/** Corollary 3: d/(τ(d − m + 1)) · √(λ_max/λ_min). */
const cor3Expression: IterationExpression = (ctx) => (ctx.params.d / (TAU * (ctx.params.d - ctx.params.m + 1))) * condD(ctx);
/** Remark 3: σ₁²(X₀)λ_max/(σ_r²(X₀)λ_min) = L̃/μ̃. */
const remark3Expression: IterationExpression = (ctx) => ctx.q.Lt / ctx.q.mut;
/** False: no data factor. */
const withoutData = (e: IterationExpression): IterationExpression => (ctx) => e(ctx) / condD(ctx);

interface IterationClaimOptions {
  scheme: InitScheme;
  method: FactorizationMethod;
  expression: IterationExpression;
  what: string;
  K?: number;
  /** Proposition 1's event with τ, as a hypothesis (Corollaries 1 and 3) */
  event?: (ctx: NetContext) => Hypothesis[];
}

function iterationTrial(params: NetworkParams, options: TrialOptions, o: IterationClaimOptions): Trial {
  const K = o.K ?? HIDDEN_CONSTANT;
  let E = NaN;
  let floor = NaN;
  return netTrial(params, options, {
    scheme: o.scheme,
    method: o.method,
    extraHypotheses: o.event,
    bounds: (ctx) => {
      E = o.expression(ctx);
      floor = (0.5 * (RESIDUAL_FLOOR * ctx.su.normL) ** 2) / ctx.su.normLDt ** 2;
      return [iterationBound(K, E, floor, o.what)];
    },
    wrap: (ctx, derived, observe) => iterationWrap(E, floor)(ctx, derived, observe),
    measure: (derived) => ({ smallestConstant: derived.smallestConstant, E: derived.E, iterationsToEpsilon: derived.iterationsToEpsilon }),
  });
}

/** Proposition 1's event behind Corollary 1: cond(X₀) ≤ d·cond(L)/(τ(d − r + 1)). */
const cor1Event = (ctx: NetContext): Hypothesis[] => {
  const { d, r } = ctx.params;
  const condL = ctx.su.sL[0] / ctx.su.sL[ctx.su.sL.length - 1];
  return [atMost(`cond(X₀) ≤ d·cond(L)/(τ(d−r+1)), τ = ${TAU} (Proposition 1’s event)`, ctx.q.condX0, (d * condL) / (TAU * (d - r + 1)))];
};
/** The event behind Corollary 3: cond(X₀) ≤ d/(τ(d − m + 1)). */
const cor3Event = (ctx: NetContext): Hypothesis[] => {
  const { d, m } = ctx.params;
  return [atMost(`cond(X₀) ≤ d/(τ(d−m+1)), τ = ${TAU} (Corollary 3’s event)`, ctx.q.condX0, d / (TAU * (d - m + 1)))];
};

function iterationClaim(
  id: string,
  statement: string,
  theorem: string,
  confidence: Source['confidence'],
  params: fc.Arbitrary<NetworkParams>,
  o: IterationClaimOptions,
  variant?: { of: string; falseBecause: string },
) {
  return defineClaim<NetworkParams>({
    id,
    statement,
    source: source(theorem, confidence, `hidden constant K = ${o.K ?? HIDDEN_CONSTANT} explicit (the paper gives none); smallest working K reported per instance; dossier linear-networks §5`),
    kind: 'asymptotic',
    expected: variant ? 'refuted' : 'holds',
    variantOf: variant?.of,
    falseBecause: variant?.falseBecause,
    params,
    maxIterations: 8000,
    instantiate: (p, options) => iterationTrial(p, options, o),
  });
}

const K = HIDDEN_CONSTANT;
/** Large data condition numbers, for the variants that leave the data factor out. */
const ILL_CONDITIONED_D: NetRanges = { condD: [30, 100], r: [1, 3], rankDExtra: [0, 3] };

export const cor1Iterations = iterationClaim(
  'xu2024-nn.cor1-iterations',
  `NAG from (12) with d ≥ r on Proposition 1’s event (τ = ${TAU}): f(X_t,Y_t) ≤ ε‖LDᵀ‖²_F once t ≥ K·d·cond(L)/(τ(d−r+1))·√(λ_max/λ_min)·log(1/ε), K = ${K}`,
  'Corollary 1',
  'V',
  networkParams(),
  { scheme: 'unbalanced', method: 'nag', expression: cor1Expression, what: 'Corollary 1', event: cor1Event },
);

export const cor1WithoutData = iterationClaim(
  'xu2024-nn.cor1-without-data',
  `FALSE variant: Corollary 1 without the factor √(λ_max/λ_min) (K = ${K})`,
  'Corollary 1',
  'D',
  networkParams(ILL_CONDITIONED_D),
  { scheme: 'unbalanced', method: 'nag', expression: withoutData(cor1Expression), what: 'Corollary 1 without √(λ_max/λ_min)', event: cor1Event },
  { of: 'xu2024-nn.cor1-iterations', falseBecause: 'NAG needs about cond(X₀)·cond(D)·log(1/ε) iterations; the data factor cond(D) ≥ 30 cannot be absorbed in K = 4' },
);

export const cor1Gd = iterationClaim(
  'xu2024-nn.cor1-gd',
  `FALSE variant: GD (η = 2/(L̃+μ̃)) from (12) meets Corollary 1’s accelerated count (K = ${K})`,
  'Corollary 1, Remark 3',
  'D',
  networkParams({ condD: [10, 40] }),
  { scheme: 'unbalanced', method: 'gd', expression: cor1Expression, what: 'Corollary 1 (run with GD)', event: cor1Event },
  { of: 'xu2024-nn.cor1-iterations', falseBecause: 'GD needs about cond²(X₀)·cond²(D)/2 iterations per unit of log(1/ε), quadratically more' },
);

export const cor2Iterations = iterationClaim(
  'xu2024-nn.cor2-iterations',
  `NAG from (13) with d ≥ r (d = r included): f(X_t,Y_t) ≤ ε‖LDᵀ‖²_F once t ≥ K·√(λ_max/λ_min)·log(1/ε), K = ${K}, for every draw`,
  'Corollary 2',
  'V',
  networkParams(),
  { scheme: 'orthonormal', method: 'nag', expression: cor2Expression, what: 'Corollary 2' },
);

export const cor2WithoutData = iterationClaim(
  'xu2024-nn.cor2-without-data',
  `FALSE variant: Corollary 2 without the factor √(λ_max/λ_min): T ≤ K·log(1/ε), K = ${K}`,
  'Corollary 2',
  'D',
  networkParams(ILL_CONDITIONED_D),
  { scheme: 'orthonormal', method: 'nag', expression: withoutData(cor2Expression), what: 'Corollary 2 without √(λ_max/λ_min)' },
  { of: 'xu2024-nn.cor2-iterations', falseBecause: 'NAG needs about cond(D)·log(1/ε)/2 or more iterations; cond(D) ≥ 30 cannot be absorbed in K = 4' },
);

export const cor2Gd = iterationClaim(
  'xu2024-nn.cor2-gd',
  `FALSE variant: GD (η = 2/(L̃+μ̃)) from (13) meets Corollary 2’s accelerated count (K = ${K})`,
  'Corollary 2, Remark 3',
  'D',
  networkParams({ condD: [10, 40] }),
  { scheme: 'orthonormal', method: 'gd', expression: cor2Expression, what: 'Corollary 2 (run with GD)' },
  { of: 'xu2024-nn.cor2-iterations', falseBecause: 'GD under (13) needs about cond²(D)/2 iterations per unit of log(1/ε), not cond(D)' },
);

export const cor3Iterations = iterationClaim(
  'xu2024-nn.cor3-iterations',
  `NAG from (14) with d ≥ m on the event cond(X₀) ≤ d/(τ(d−m+1)) (τ = ${TAU}): f ≤ ε‖LDᵀ‖²_F once t ≥ K·d/(τ(d−m+1))·√(λ_max/λ_min)·log(1/ε), K = ${K}`,
  'Corollary 3',
  'V',
  networkParams(WIDE),
  { scheme: 'wide', method: 'nag', expression: cor3Expression, what: 'Corollary 3', event: cor3Event },
);

export const cor3WithoutData = iterationClaim(
  'xu2024-nn.cor3-without-data',
  `FALSE variant: Corollary 3 without the factor √(λ_max/λ_min) (K = ${K})`,
  'Corollary 3',
  'D',
  networkParams({ ...WIDE, ...ILL_CONDITIONED_D }),
  { scheme: 'wide', method: 'nag', expression: withoutData(cor3Expression), what: 'Corollary 3 without √(λ_max/λ_min)', event: cor3Event },
  { of: 'xu2024-nn.cor3-iterations', falseBecause: 'NAG needs about cond(X₀)·cond(D)·log(1/ε) iterations; cond(D) ≥ 30 cannot be absorbed' },
);

export const cor3Gd = iterationClaim(
  'xu2024-nn.cor3-gd',
  `FALSE variant: GD (η = 2/(L̃+μ̃)) from (14) meets Corollary 3’s accelerated count (K = ${K})`,
  'Corollary 3, Remark 3',
  'D',
  networkParams({ ...WIDE, condD: [10, 40] }),
  { scheme: 'wide', method: 'gd', expression: cor3Expression, what: 'Corollary 3 (run with GD)', event: cor3Event },
  { of: 'xu2024-nn.cor3-iterations', falseBecause: 'GD needs about cond²(X₀)·cond²(D)/2 iterations per unit of log(1/ε)' },
);

/** Remark 3 runs GD from (12), (13) or (14). */
export interface Remark3Params extends NetworkParams {
  scheme: 'unbalanced' | 'orthonormal' | 'wide';
}

const remark3Params = (ranges: NetRanges = {}) =>
  fc.constantFrom('unbalanced' as const, 'orthonormal' as const, 'wide' as const).chain((scheme) =>
    networkParams(scheme === 'wide' ? { ...WIDE, ...ranges } : ranges).map((p) => ({ ...p, scheme })),
  );

function remark3Claim(id: string, statement: string, params: fc.Arbitrary<Remark3Params>, expression: IterationExpression, variant?: { of: string; falseBecause: string }) {
  return defineClaim<Remark3Params>({
    id,
    statement,
    source: source('Remark 3', variant ? 'D' : 'V', `GD step 2/(L̃+μ̃) as in Figures 1-2 [N]; c from Theorem 3’s inequality; hidden constant K = ${K} explicit; smallest working K reported per instance`),
    kind: 'asymptotic',
    expected: variant ? 'refuted' : 'holds',
    variantOf: variant?.of,
    falseBecause: variant?.falseBecause,
    params,
    maxIterations: 8000,
    instantiate: (p, options) => iterationTrial(p, options, { scheme: p.scheme, method: 'gd', expression, what: 'Remark 3' }),
  });
}

export const remark3Iterations = remark3Claim(
  'xu2024-nn.remark3-gd-iterations',
  `GD (η = 2/(L̃+μ̃)) from (12), (13) or (14): f ≤ ε‖LDᵀ‖²_F once t ≥ K·σ₁²(X₀)λ_max/(σ_r²(X₀)λ_min)·log(1/ε), K = ${K}`,
  remark3Params({ condD: [1.5, 10] }),
  remark3Expression,
);

export const remark3Accelerated = remark3Claim(
  'xu2024-nn.remark3-gd-accelerated',
  `FALSE variant: GD meets the accelerated count K·√(L̃/μ̃)·log(1/ε) (square root of Remark 3’s expression), K = ${K}`,
  remark3Params({ condD: [10, 40] }),
  (ctx) => Math.sqrt(remark3Expression(ctx)),
  { of: 'xu2024-nn.remark3-gd-iterations', falseBecause: 'GD contracts like 1 − 2μ̃/(L̃+μ̃) per step: it needs about L̃/(2μ̃) iterations per unit of log(1/ε), not √(L̃/μ̃)' },
);

export const remark3WithoutData = remark3Claim(
  'xu2024-nn.remark3-gd-without-data',
  `FALSE variant: Remark 3’s count without the data factor λ_max/λ_min: T ≤ K·cond²(X₀)·log(1/ε), K = ${K}`,
  remark3Params({ condD: [10, 40] }),
  (ctx) => remark3Expression(ctx) / (ctx.su.lambdaMax / ctx.su.lambdaMin),
  { of: 'xu2024-nn.remark3-gd-iterations', falseBecause: 'the GD count grows with λ_max/λ_min = cond²(D) ≥ 100' },
);

// ---------------------------------------------------------------------------------------------
// Bad input: the hypotheses fail, so the claims say nothing (vacuous), never a false counterexample

export const cor2BelowRankVacuous = defineClaim<NetworkParams>({
  id: 'xu2024-nn.cor2-below-rank-vacuous',
  statement: 'Corollary 2 (NAG from (13)) at width d < r = rank(L): outside the hypotheses (d ≥ r, col(X₀) ⊇ col(L)), so the claim says nothing',
  source: source('Corollary 2', 'D', 'bad input: width below rank(L)'),
  kind: 'asymptotic',
  expected: 'vacuous',
  params: networkParams({ r: [2, 4], d: (r) => fc.integer({ min: 1, max: r - 1 }) }),
  maxIterations: 2000,
  instantiate: (params, options) => iterationTrial(params, options, { scheme: 'orthonormal', method: 'nag', expression: cor2Expression, what: 'Corollary 2' }),
});

export const thm3IllConditionedLabelsVacuous = defineClaim<NetworkParams>({
  id: 'xu2024-nn.thm3-ill-conditioned-labels-vacuous',
  statement: `Theorem 3 on instances with cond(A) from 30 to 1000 (Assumption 1’s cond(A) = O(1), read as ≤ ${ASSUMPTION1_COND_MAX}, fails): the claim says nothing`,
  source: source('Theorem 3, Assumption 1', 'D', 'bad input: cond(A) not O(1)'),
  kind: 'bound-for-all-t',
  expected: 'vacuous',
  params: networkParams({ r: [2, 4], condA: [30, 1000] }),
  maxIterations: 2000,
  instantiate: (params, options) => netTrial(params, options, { scheme: 'unbalanced', bounds: (ctx) => theorem3Bounds(ctx) }),
});

export const claims: Claim<any>[] = [
  thm3Unbalanced,
  thm3NoHypothesis,
  thm3FactorizationParameters,
  thm3WidthBelowRank,
  thm3Orthonormal,
  thm3OrthonormalNoMomentum,
  thm3OrthonormalRateWithoutData,
  thm3Wide,
  thm3WideNoHypothesis,
  thm3WideBelowOutput,
  widthRank,
  widthRankMinusOne,
  widthRankNotAccelerated,
  cor2Identity,
  cor2IdentityUnbalanced,
  cor2IdentityBelowRank,
  invariantSubspaces,
  invariantGaussianY0,
  invariantX0MissesLabels,
  cor1Iterations,
  cor1WithoutData,
  cor1Gd,
  cor2Iterations,
  cor2WithoutData,
  cor2Gd,
  cor3Iterations,
  cor3WithoutData,
  cor3Gd,
  remark3Iterations,
  remark3Accelerated,
  remark3WithoutData,
  cor2BelowRankVacuous,
  thm3IllConditionedLabelsVacuous,
];

export default claims;
