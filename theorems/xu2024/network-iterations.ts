/**
 * Xu, Wang, Zhao, Ward, Tao (NeurIPS 2024): the O(·) iteration counts of Corollaries 1-3 and Remark 3
 * (Section 4), with the hidden constant K explicit.
 *
 * Each corollary assumes "some sufficiently large c" and bounds the number T of iterations to reach
 * f(X_T, Y_T) ≤ ε‖LDᵀ‖²_F by O(E·log 1/ε), E the corollary's expression:
 *   Corollary 1 (12): E = d·cond(L)/(τ(d − r + 1)) · √(λ_max(DDᵀ)/λ_min(DDᵀ)), on Proposition 1's event
 *                     cond(X₀) ≤ d·cond(L)/(τ(d − r + 1)), 0 < τ < c₁;
 *   Corollary 2 (13): E = √(λ_max/λ_min), with probability 1 (cond(X₀) = 1);
 *   Corollary 3 (14): E = d/(τ(d − m + 1)) · √(λ_max/λ_min), on the event cond(X₀) ≤ d/(τ(d − m + 1));
 *   Remark 3 (GD from (12)-(14)): E = σ₁²(X₀)λ_max/(σ_r²(X₀)λ_min) = L̃/μ̃.
 * The paper gives no value of the O(·) constant nor of c₁, c₂: K = HIDDEN_CONSTANT and τ = TAU are explicit.
 *
 * Encoding (derived): "T = O(E log 1/ε)" as f(X_t, Y_t) ≤ ε‖LDᵀ‖²_F for every ε ≤ 1/e and every
 * t ≥ K·E·log(1/ε), i.e. ρ_t := f(X_t, Y_t)/‖LDᵀ‖²_F ≤ exp(−t/(K·E)) for t ≥ K·E (no constraint before).
 * The smallest K that works on the instance, over the iterations run, is max_t min(t/E, t/(E log(1/ρ_t)))
 * (log(1/ρ_t) read as 0 when ρ_t ≥ 1); it is streamed as the metric `smallestConstant`, left in the
 * trial's derived values and returned by measure() with E and T(1e-8). The run ends once ρ_t is below
 * the roundoff floor ½(RESIDUAL_FLOOR·‖L‖_F)²/‖LDᵀ‖²_F (nothing above the floor is left to compare).
 */
import { atMost, type Bound, type FactorizationMethod, type Hypothesis, type Metrics, type NetworkParams, type Observer, type Trial, type TrialOptions } from 'ratecheck';
import type { InitScheme } from './network-setup.ts';
import { netTrial, RESIDUAL_FLOOR, type NetContext } from './network-trial.ts';

/**
 * Catalog value of the hidden constant K of the O(·) statements (Corollaries 1-3, Remark 3); the paper gives
 * none. It was 4 until verify's target phase found Corollary 2 instances that need K ≈ 4.05 (m = 1, n = N = 4,
 * cond(D) = 20 at the edge of the generator, the "top" spectrum), where random draws had needed at most 1.8:
 * a measurement of the constant on this generator, not a refutation of an O(·) statement. The false
 * variants are off by factors of cond(D) ≥ 30 or cond(D)², which no K = 8 absorbs. K = 4 stays in the catalog
 * as the refuted variant xu2024-nn.cor2-iterations-k4, with the instance that needs more.
 */
export const HIDDEN_CONSTANT = 8;
/** τ of Corollaries 1 and 3 (any 0 < τ < c₁; c₁ unspecified): the claims use this value explicitly. */
export const TAU = 0.5;
/** ε of the reported iteration count T(ε) (measurement `iterationsToEpsilon`). */
export const MEASURED_EPSILON = 1e-8;

function iterationBound(K: number, E: number, floor: number, what: string): Bound {
  return {
    metric: 'relativeObjective',
    relation: 'le',
    value: (t) => (t >= K * E ? Math.exp(-t / (K * E)) : Infinity),
    floor,
    rate: Math.exp(-1 / (K * E)),
    cite: `${what}: T = O(E log 1/ε) with hidden constant K = ${K}, E = ${what.includes('Remark') ? 'cond²(X₀)·λ_max/λ_min' : 'the corollary’s expression'} (Corollaries 1-3, Remark 3)`,
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

export type IterationExpression = (ctx: NetContext) => number;

const condD = (ctx: NetContext): number => Math.sqrt(ctx.su.lambdaMax / ctx.su.lambdaMin);
/** Corollary 1: d·cond(L)/(τ(d − r + 1)) · √(λ_max/λ_min). */
export const cor1Expression: IterationExpression = (ctx) => {
  const { d, r } = ctx.params;
  const condL = ctx.su.sL[0] / ctx.su.sL[ctx.su.sL.length - 1];
  return ((d * condL) / (TAU * (d - r + 1))) * condD(ctx);
};
/** Corollary 2: √(λ_max/λ_min). */
export const cor2Expression: IterationExpression = condD;
/** Corollary 3: d/(τ(d − m + 1)) · √(λ_max/λ_min). */
export const cor3Expression: IterationExpression = (ctx) => (ctx.params.d / (TAU * (ctx.params.d - ctx.params.m + 1))) * condD(ctx);
/** Remark 3: σ₁²(X₀)λ_max/(σ_r²(X₀)λ_min) = L̃/μ̃. */
export const remark3Expression: IterationExpression = (ctx) => ctx.q.Lt / ctx.q.mut;
/** False: no data factor. */
export const withoutData = (e: IterationExpression): IterationExpression => (ctx) => e(ctx) / condD(ctx);

export interface IterationClaimOptions {
  scheme: InitScheme;
  method: FactorizationMethod;
  expression: IterationExpression;
  what: string;
  K?: number;
  /** Proposition 1's event with τ, as a hypothesis (Corollaries 1 and 3) */
  event?: (ctx: NetContext) => Hypothesis[];
}

export function iterationTrial(params: NetworkParams, options: TrialOptions, o: IterationClaimOptions): Trial {
  const K = o.K ?? HIDDEN_CONSTANT;
  let E = NaN;
  let floor = NaN;
  return netTrial(params, options, { scheme: o.scheme, method: o.method }, {
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
export const cor1Event = (ctx: NetContext): Hypothesis[] => {
  const { d, r } = ctx.params;
  const condL = ctx.su.sL[0] / ctx.su.sL[ctx.su.sL.length - 1];
  return [atMost(`cond(X₀) ≤ d·cond(L)/(τ(d−r+1)), τ = ${TAU} (Proposition 1’s event)`, ctx.q.condX0, (d * condL) / (TAU * (d - r + 1)))];
};
/** The event behind Corollary 3: cond(X₀) ≤ d/(τ(d − m + 1)). */
export const cor3Event = (ctx: NetContext): Hypothesis[] => {
  const { d, m } = ctx.params;
  return [atMost(`cond(X₀) ≤ d/(τ(d−m+1)), τ = ${TAU} (Corollary 3’s event)`, ctx.q.condX0, d / (TAU * (d - m + 1)))];
};
