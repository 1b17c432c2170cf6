/**
 * Width audit for two-layer linear networks (Xu et al. 2024, Section 4 and Table 1): for each
 * initialization scheme and method, sweep the width d upward from 1, train ½‖L − XYᵀD‖²_F, and report
 * the smallest width at which training converges linearly (and at what per-step rate), next to the width
 * each theorem requires. The answer to "which width requirements are necessary and which are artefacts
 * of the proof".
 *
 * Parameter rules (the audit's, recorded in the report; a measurement [N], not a theorem):
 * - initializations (12)-(14): c = Theorem 3's threshold (smallest c with μ̃p ≥ 4√2‖LDᵀ‖_F(1+p), μ̃ from
 *   the smallest nonzero singular value of X₀) times `cMultiplier`; NAG with η = 1/L̃ and
 *   β = (√L̃ − √μ̃)/(√L̃ + √μ̃), GD with η = 2/(L̃ + μ̃) (the paper's Figure 2);
 * - the prior-work Gaussian and orthogonal initializations: X₀ = cΦ₁, Y₀ = cΦ₂ with
 *   ‖X₀‖₂‖Y₀‖₂ = 0.1 σ₁(A*) (small and balanced); η = 1/L̂ with L̂ = λ_max(DDᵀ)(σ₁²(X₀) + σ₁²(Y₀) + 2σ₁(A*))
 *   (the curvature at a balanced solution), NAG's β from L̂ and μ̂ = 2σ_r(A*)λ_min(DDᵀ).
 * A width counts as converging when every initialization draw brings ‖R_t‖_F/‖L‖_F below `tolerance`
 * within `maxIterations`; the rate is the per-step factor of ‖R_t‖_F from 1e-3‖L‖_F to the tolerance
 * (median over the draws).
 */
import { deriveSeed, networkSetup, reduceNetwork, runLinearNetwork, svd, type FactorizationSpec, type NetworkParams, type NetworkSetup } from 'ratecheck';
import { INIT_EQUATION, networkConstants, networkInit, scaledProblem, theorem3Threshold, type InitScheme } from './network-setup.ts';
import { priorWorkRequirements, requirementsFor, type Requirement } from './audit-width-requirements.ts';

export { priorWorkRequirements, requirementsFor, type Requirement } from './audit-width-requirements.ts';
export { formatWidthAudit } from './audit-width-format.ts';

export type AuditMethod = 'gd' | 'nag';
export const AUDIT_METHODS: readonly AuditMethod[] = ['gd', 'nag'];
export const AUDIT_SCHEMES: readonly InitScheme[] = ['gaussian', 'orthogonal', 'unbalanced', 'orthonormal', 'wide'];

export interface WidthAuditConfig {
  /** The data (L, D); its width and cMultiplier are ignored (the sweep sets the width). */
  instance: NetworkParams;
  methods: readonly AuditMethod[];
  schemes: readonly InitScheme[];
  /** Initialization draws per width. */
  draws: number;
  maxWidth: number;
  maxIterations: number;
  /** ‖R_t‖_F/‖L‖_F counted as converged. */
  tolerance: number;
  /** c as a multiple of Theorem 3's threshold, for (12)-(14). */
  cMultiplier: number;
}

/**
 * The default data: m = 12, n = 10, N = 16, rank(D) = 6 > r = rank(L) = 3, cond(D) = 4, cond(A) = 2 (a
 * reduced version of the paper's set-up with an input rank above the label rank).
 */
export function auditInstance(seed = 1): NetworkParams {
  return { m: 12, n: 10, N: 16, rankD: 6, r: 3, condD: 4, profile: 'geometric', scaleD: 1, dataV: 'gaussian', labels: 'conditioned', condA: 2, d: 1, cMultiplier: 1, seed };
}

export function defaultAuditConfig(overrides: Partial<WidthAuditConfig> = {}): WidthAuditConfig {
  const instance = overrides.instance ?? auditInstance();
  return {
    instance,
    methods: AUDIT_METHODS,
    schemes: AUDIT_SCHEMES,
    draws: 3,
    maxWidth: instance.m + 2,
    maxIterations: 20_000,
    tolerance: 1e-8,
    cMultiplier: 1,
    ...overrides,
  };
}

function checkConfig(c: WidthAuditConfig): void {
  if (!(Number.isInteger(c.draws) && c.draws >= 1)) throw new RangeError(`draws must be a positive integer, got ${c.draws}`);
  if (!(Number.isInteger(c.maxWidth) && c.maxWidth >= 1)) throw new RangeError(`maxWidth must be a positive integer, got ${c.maxWidth}`);
  if (!(Number.isInteger(c.maxIterations) && c.maxIterations >= 1)) throw new RangeError(`maxIterations must be a positive integer, got ${c.maxIterations}`);
  if (!(c.tolerance > 0 && c.tolerance < 1e-3)) throw new RangeError(`tolerance must lie in (0, 1e-3), got ${c.tolerance}`);
  if (!(c.cMultiplier > 0 && Number.isFinite(c.cMultiplier))) throw new RangeError(`cMultiplier must be positive and finite, got ${c.cMultiplier}`);
  if (c.methods.length === 0 || c.schemes.length === 0) throw new RangeError('at least one method and one scheme are needed');
}

export interface RunOutcome {
  converged: boolean;
  /** iterations until ‖R_t‖_F ≤ tolerance·‖L‖_F (or run) */
  iterations: number;
  /** per-step factor of ‖R_t‖_F from 1e-3‖L‖_F to the tolerance; null when not converged */
  rate: number | null;
  /** ‖R_t‖_F/‖L‖_F at the end */
  finalResidual: number;
  /**
   * converged: below the tolerance; budget: not within maxIterations; diverged: non-finite or above
   * 1e6‖L‖_F; eckart-young: not run, since rank(XYᵀD) ≤ d < rank(L) keeps ‖R_t‖_F above the tolerance
   */
  stop: 'converged' | 'diverged' | 'budget' | 'eckart-young';
  stepSize: number;
  momentum: number;
  c: number;
}

/** Relative residual from which the rate is measured. */
const RATE_FROM = 1e-3;

/** The method's parameters and the scaled problem for one draw at width d (the audit's rules). */
export function auditRun(setup: NetworkSetup, scheme: InitScheme, method: AuditMethod, d: number, drawSeed: number, config: WidthAuditConfig) {
  const init = networkInit(setup, scheme, d, drawSeed);
  const k = Math.max(init.rank, 1);
  const s1 = init.s[0], sk = init.s[k - 1];
  let c: number;
  let spec: FactorizationSpec;
  if (scheme === 'gaussian' || scheme === 'orthogonal') {
    const sY = svd(init.Y0).s[0];
    const sA1 = setup.sAStar[0], sAr = setup.sAStar[setup.sAStar.length - 1];
    c = Math.sqrt((0.1 * sA1) / (s1 * sY)); // ‖X₀‖₂‖Y₀‖₂ = 0.1 σ₁(A*)
    const Lhat = setup.lambdaMax * (c * c * (s1 * s1 + sY * sY) + 2 * sA1);
    const muHat = 2 * sAr * setup.lambdaMin;
    const sq = Math.sqrt(muHat / Lhat);
    spec = method === 'nag' ? { method, stepSize: 1 / Lhat, momentum: (1 - sq) / (1 + sq) } : { method, stepSize: 1 / Lhat };
  } else {
    c = theorem3Threshold(setup, s1, sk) * config.cMultiplier;
    const q = networkConstants(setup, s1, sk, c);
    spec = method === 'nag' ? { method, stepSize: q.stepSize, momentum: q.momentum } : { method, stepSize: 2 / (q.Lt + q.mut) };
  }
  const problem = scaledProblem(setup, init, c);
  const Q = scheme === 'unbalanced' || scheme === 'orthonormal' ? setup.UL : null;
  const reduced = reduceNetwork(setup, problem, Q, true);
  return { init, c, spec, problem: reduced ?? problem };
}

/** (Σ_{i>d} σ_i²(L))^{1/2}/‖L‖_F: the smallest relative residual any X, Y of width d can reach (Eckart–Young). */
export function eckartYoungFloor(setup: NetworkSetup, d: number): number {
  let s = 0;
  for (let i = d; i < setup.sL.length; i++) s += setup.sL[i] * setup.sL[i];
  return Math.sqrt(s) / setup.normL;
}

/** Train one draw at width d and classify the run. */
export function trainAtWidth(setup: NetworkSetup, scheme: InitScheme, method: AuditMethod, d: number, drawSeed: number, config: WidthAuditConfig): RunOutcome {
  const { c, spec, problem } = auditRun(setup, scheme, method, d, drawSeed, config);
  const normL = setup.normL;
  let tFrom = -1, relFrom = NaN;
  const out: RunOutcome = { converged: false, iterations: 0, rate: null, finalResidual: NaN, stop: 'budget', stepSize: spec.stepSize, momentum: spec.momentum ?? 0, c };
  runLinearNetwork(problem, spec, (t, m) => {
    const rel = m.residualNorm / normL;
    out.iterations = t;
    out.finalResidual = rel;
    if (!Number.isFinite(rel) || rel > 1e6) {
      out.stop = 'diverged';
      return false;
    }
    if (tFrom < 0 && rel <= RATE_FROM) {
      tFrom = t;
      relFrom = rel;
    }
    if (rel <= config.tolerance) {
      out.converged = true;
      out.stop = 'converged';
      out.rate = t > tFrom ? Math.pow(rel / relFrom, 1 / (t - tFrom)) : Math.pow(rel, 1 / Math.max(t, 1));
      return false;
    }
    return true;
  }, config.maxIterations);
  return out;
}

export interface AuditRow {
  method: AuditMethod;
  scheme: InitScheme;
  label: string;
  /** smallest width at which every draw converged linearly; null if none up to maxWidth */
  smallestWidth: number | null;
  /** median per-step factor of ‖R_t‖_F at that width, and the median iteration count */
  rate: number | null;
  iterations: number | null;
  /** Theorem 3's per-step factor θ = 1 − √μ̃/(2√L̃) at that width (NAG from (12)-(14)), median over draws */
  theoremRate: number | null;
  /** per width tried: how many draws converged and the stop reasons */
  tried: { d: number; converged: number; stops: RunOutcome['stop'][]; finalResidual: number | null }[];
  requirements: Requirement[];
}

export interface WidthAuditReport {
  instance: NetworkParams;
  rankL: number;
  rankD: number;
  condD: number;
  /** κ = cond²(D) = λ_max(DDᵀ)/λ_min(DDᵀ) (Table 1's κ) */
  kappa: number;
  condAStar: number;
  config: Omit<WidthAuditConfig, 'instance'>;
  rows: AuditRow[];
  priorWork: Requirement[];
  timeMs: number;
}

function median(v: number[]): number | null {
  if (v.length === 0) return null;
  const s = [...v].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)];
}

const SCHEME_LABEL: Record<InitScheme, string> = {
  gaussian: 'Gaussian (small, balanced)',
  orthogonal: 'orthogonal (balanced)',
  unbalanced: 'unbalanced (12) X₀ = cLΦ',
  orthonormal: 'orthonormalized (13)',
  wide: 'wide (14) X₀ = cΦ',
};

export function widthAudit(config: WidthAuditConfig = defaultAuditConfig()): WidthAuditReport {
  checkConfig(config);
  const started = performance.now();
  const su = networkSetup({ ...config.instance, cMultiplier: 1 });
  const rows: AuditRow[] = [];
  for (const scheme of config.schemes) {
    for (const method of config.methods) {
      const tried: AuditRow['tried'] = [];
      let found: AuditRow | null = null;
      for (let d = 1; d <= config.maxWidth && !found; d++) {
        {
          const outcomes: RunOutcome[] = [];
          const thetas: number[] = [];
          const floor = eckartYoungFloor(su, d);
          for (let k = 0; k < config.draws; k++) {
            const drawSeed = deriveSeed(config.instance.seed, `width-audit-${k}`);
            if (floor > config.tolerance) {
              outcomes.push({ converged: false, iterations: 0, rate: null, finalResidual: floor, stop: 'eckart-young', stepSize: NaN, momentum: NaN, c: NaN });
              continue;
            }
            outcomes.push(trainAtWidth(su, scheme, method, d, drawSeed, config));
            if (method === 'nag' && INIT_EQUATION[scheme]) {
              const init = networkInit(su, scheme, d, drawSeed);
              const kk = Math.max(init.rank, 1);
              thetas.push(networkConstants(su, init.s[0], init.s[kk - 1], 1).theta);
            }
          }
          const converged = outcomes.filter((o) => o.converged);
          tried.push({ d, converged: converged.length, stops: outcomes.map((o) => o.stop), finalResidual: median(outcomes.map((o) => o.finalResidual)) });
          if (converged.length === outcomes.length) {
            found = {
              method,
              scheme,
              label: SCHEME_LABEL[scheme],
              smallestWidth: d,
              rate: median(converged.map((o) => o.rate as number)),
              iterations: median(converged.map((o) => o.iterations)),
              theoremRate: median(thetas),
              tried,
              requirements: requirementsFor(method, scheme, su),
            };
          }
        }
      }
      rows.push(found ?? { method, scheme, label: SCHEME_LABEL[scheme], smallestWidth: null, rate: null, iterations: null, theoremRate: null, tried, requirements: requirementsFor(method, scheme, su) });
    }
  }
  const { instance: _instance, ...rest } = config;
  return {
    instance: config.instance,
    rankL: su.rankL,
    rankD: su.sD.length,
    condD: Math.sqrt(su.lambdaMax / su.lambdaMin),
    kappa: su.lambdaMax / su.lambdaMin,
    condAStar: su.condAStar,
    config: rest,
    rows,
    priorWork: priorWorkRequirements(su),
    timeMs: performance.now() - started,
  };
}

