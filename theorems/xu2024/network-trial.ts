/**
 * Xu, Wang, Zhao, Ward, Tao (NeurIPS 2024), Section 4: the common trial of the two-layer linear-network
 * claims (instance, initialization, scale c, Theorem 3's constants, hypotheses, method run).
 *
 *   min ½‖L − XYᵀD‖²_F  (objective (10)),  L = AD with cond(A) = O(1), rank(L) = r  (Assumption 1),
 *   NAG in Lemma 7's form (Appendix D), Y₀ = 0 and X₀ = cLΦ (12), c·Orth(LΦ) (13) or cΦ (14).
 *
 * Instances: r = rank(L), rank(D) ≥ r, n ≥ rank(D), N ≥ rank(D), m ≥ r, a conditioned A with rows in
 * col(D) (so A* = LD⁺ = A and cond(A*) = cond(A)), D = UΣVᵀ with a prescribed spectrum. The scale c is
 * cMultiplier times the smallest c meeting Theorem 3's inequality μ̃p ≥ 4√2‖LDᵀ‖_F(1 + p) (times
 * 1 + 1e-9, so that rounding cannot flip it); where μ̃ = 0 the scale is cMultiplier itself.
 *
 * Roundoff floor (derived): Y₀ = 0 gives R₀ = XY₀ᵀD − L = −L, so the residual starts at ‖L‖_F and is
 * compared only while a bound exceeds RESIDUAL_FLOOR·‖L‖_F, as for matrix factorization.
 *
 * The trial is built from a construction (`NetBuild`: the initialization, the method and its
 * parameters, the index k of σ_k(X₀) in μ̃, Y₀); the false variants change it only through the API's
 * transforms (withoutHypothesis, variant) or, where the construction itself changes, through
 * `withConstruction`, whose argument states the change where the variant is declared.
 */
import fc from 'fast-check';
import {
  atLeast,
  atMost,
  frobNorm,
  gaussianMatrix,
  logUniform,
  networkSetup,
  powerOfTwoGrid,
  reduceNetwork,
  runLinearNetwork,
  seedArb,
  SPECTRUM_PROFILES,
  SubspaceDistance,
  type Bound,
  type FactorizationMethod,
  type FactorizationSpec,
  type Hypothesis,
  type LinearNetworkProblem,
  type NetworkParams,
  type NetworkSetup,
  type Observer,
  type Source,
  type Trial,
  type TrialOptions,
} from 'ratecheck';
import { ASSUMPTION1_COND_MAX, networkConstants, networkInit, paperNetwork, scaledProblem, theorem3Threshold, type InitScheme, type NetworkConstants, type NetworkInit } from './network-setup.ts';

const PAPER = 'Xu, Wang, Zhao, Ward, Tao. Provable Acceleration of Nesterov’s Accelerated Gradient for Rectangular Matrix Factorization and Linear Neural Networks. NeurIPS 2024';
const URL = 'https://arxiv.org/abs/2410.09640';

export function source(theorem: string, confidence: Source['confidence'], note?: string): Source {
  return { paper: PAPER, theorem, url: URL, confidence, note };
}

/** Roundoff floor of the residual, relative to ‖L‖_F (R₀ = −L; derived in this file's header). */
export const RESIDUAL_FLOOR = 1e-9;
/** Tolerance of the exact identity L̃/μ̃ = λ_max/λ_min under (13) (Corollary 2: cond(X₀) = 1). */
export const IDENTITY_TOL = 1e-12;
/** Margin above the smallest c meeting Theorem 3's inequality, so that rounding cannot flip it. */
const C_MARGIN = 1 + 1e-9;

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

/** Initialization (14) needs d ≥ m: small m. */
export const WIDE: NetRanges = { mExtra: [0, 3], d: (_r, m) => fc.integer({ min: m, max: m + 3 }) };

// ---------------------------------------------------------------------------------------------
// The common trial

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

/** The instance construction and the method run of a claim. */
export interface NetBuild {
  scheme: InitScheme;
  /** default NAG */
  method?: FactorizationMethod;
  /** σ_k(X₀) used in μ̃ and in the scale c; default r for (12)/(13), m for (14) */
  index?: (p: NetworkParams) => number;
  /** the method's parameters (default: Theorem 3's η = 1/L̃ and β for NAG, 2/(L̃+μ̃) for GD and AltGD) */
  spec?: (ctx: NetContext) => FactorizationSpec;
  /** dense run with the invariant subspaces col(X₀) and col(D) */
  invariants?: boolean;
  /** Y₀ Gaussian (N(0, 1/d) entries, times c) instead of 0 */
  gaussianY0?: boolean;
}

/** What a claim adds to the common trial: its bounds, and for the O(·) claims extra hypotheses, a wrapped observer and measurements. */
export interface NetClaimParts {
  bounds: (ctx: NetContext) => Bound[];
  extraHypotheses?: (ctx: NetContext) => Hypothesis[];
  /** wrap the observer (derived metrics); receives the trial's derived record */
  wrap?: (ctx: NetContext, derived: Record<string, number>, observe: Observer) => Observer;
  /** post-run measurements, read from the derived record */
  measure?: (derived: Record<string, number>) => Record<string, number>;
}

/** Assumption 1 on the realized instance: rank(L) = r, L = AD exactly, cond(A*) = O(1) (≤ ASSUMPTION1_COND_MAX). */
export function assumption1(su: NetworkSetup): Hypothesis[] {
  return [
    { name: `rank(L) = r = ${su.params.r} (Assumption 1)`, holds: su.rankL === su.params.r, value: su.rankL, threshold: su.params.r },
    atMost('L = AD: rows of L in row(D) (relative distance)', su.interpolationError, 1e-12, 'Assumption 1 (interpolation)'),
    atMost(`cond(A*) = O(1), A* = LD⁺ (read as ≤ ${ASSUMPTION1_COND_MAX})`, su.condAStar, ASSUMPTION1_COND_MAX, 'Assumption 1; the paper gives no constant'),
  ];
}

/** Names of the width requirement and of col(X₀) ⊇ col(L) (selector for withoutHypothesis). */
export const STRUCTURE = /^(width d ≥ |col\(X₀\) ⊇ col\(L\))/;
/** Name of Theorem 3's inequality on c (selector for withoutHypothesis). */
export const THEOREM3_CONDITION = 'μ̃p ≥ 4√2‖LDᵀ‖_F(1 + p)';
/** Name of Y₀ = 0 (selector for withoutHypothesis). */
export const Y0_ZERO = 'Y₀ = 0';

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

export function netContext(params: NetworkParams, scheme: InitScheme, index?: (p: NetworkParams) => number, gaussianY0 = false): NetContext {
  const su = networkSetup(params);
  const init = networkInit(su, scheme);
  const k = Math.min((index ?? ((p) => (scheme === 'wide' ? p.m : p.r)))(params), init.s.length);
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

/** The trial: hypotheses Assumption 1, width and col(X₀) ⊇ col(L), Y₀ = 0, Theorem 3's inequality (and the claim's own). */
export function netTrial(params: NetworkParams, options: TrialOptions, build: NetBuild, parts: NetClaimParts): Trial {
  const ctx = netContext(params, build.scheme, build.index, build.gaussianY0);
  const { su, q, c, problem } = ctx;
  const hypotheses: Hypothesis[] = [
    ...assumption1(su),
    ...structureHypotheses(ctx, build.scheme),
    { name: Y0_ZERO, holds: frobNorm(problem.Y0) === 0, value: frobNorm(problem.Y0) },
    atLeast(THEOREM3_CONDITION, q.mut * q.p, 4 * Math.SQRT2 * su.normLDt * (1 + q.p), 'Theorem 3, p = √μ̃/(144√L̃) (p from the proof, Appendix D.1)'),
    ...(parts.extraHypotheses ? parts.extraHypotheses(ctx) : []),
  ];
  const spec = build.spec ? build.spec(ctx) : defaultSpec(ctx, build.method ?? 'nag');
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
  const run = methodRun(ctx, spec, options, build.invariants ?? false);
  const { wrap, measure } = parts;
  return {
    hypotheses,
    derived,
    bounds: parts.bounds(ctx),
    run: wrap ? (observe, maxIterations) => run(wrap(ctx, derived, observe), maxIterations) : run,
    ...(measure ? { measure: () => measure(derived) } : {}),
  };
}



/** σ_min(D): the smallest nonzero singular value. */
export function sigmaMinD(su: NetworkSetup): number {
  return su.sD[su.sD.length - 1];
}
