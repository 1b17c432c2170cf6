/**
 * One instance of one claim: build the trial, check the hypotheses, run the method and compare every
 * observed metric with its bound at every iteration, above the roundoff floor. The run is cut at the
 * deadline (checked inside `observe`), and `compared` counts the iterations at which a bound was
 * actually compared: a run that never observes, or whose bounds stay below their floors, compares none.
 */
import { ClaimDefect, type Bound, type Claim, type Hypothesis, type Metrics, type TrialOptions } from '../claims/types.ts';

/**
 * The comparison rule, one for every bound: at iteration t,
 *   observed ≤ bound·(1 + rtol) + allowance(t)   ('le'),   observed ≥ bound·(1 − rtol) − allowance(t)   ('ge'),
 *   allowance(t) = ROUNDOFF_UNITS · eps · scale · min(t + 1, amplification).
 * rtol (default DEFAULT_RTOL) covers the rounding of the bound's own formula and of the metric's last
 * operations, relative to their size. The allowance covers what a relative tolerance cannot: a metric that
 * is a difference of stored quantities (x_t − x*, X_tY_tᵀ − A) carries their absolute rounding, of order
 * eps times their magnitude `scale` (in the metric's units), injected again at every step and carried by
 * the iteration for at most `amplification` steps (1/(1 − ρ) for a ρ-contraction; by default every step
 * so far). ROUNDOFF_UNITS counts the roundings per step: the subtraction itself and the three terms of a
 * gradient step x − γ(Hx − b) (the same count as `iterateNoise`). A bound that declares no scale gets no
 * allowance.
 */
export const DEFAULT_RTOL = 1e-9;
export const ROUNDOFF_UNITS = 4;

/** The absolute roundoff allowance of a bound at iteration t (zero unless the bound declares its `scale`). */
export function roundoffAllowance(spec: Pick<Bound, 'scale' | 'amplification'>, t: number): number {
  const scale = spec.scale ?? 0;
  if (!(scale > 0)) return 0;
  return ROUNDOFF_UNITS * Number.EPSILON * scale * Math.min(t + 1, spec.amplification ?? Infinity);
}

/** Whether `observed` satisfies the bound at iteration t under the comparison rule above. */
export function withinBound(spec: Pick<Bound, 'relation' | 'rtol' | 'scale' | 'amplification'>, t: number, observed: number, bound: number): boolean {
  const tol = spec.rtol ?? DEFAULT_RTOL;
  const allowance = roundoffAllowance(spec, t);
  return spec.relation === 'le' ? observed <= bound * (1 + tol) + allowance : observed >= bound * (1 - tol) - allowance;
}

/**
 * Iteration budgets that follow the bound. When the primary bound declares its geometric rate q, the
 * instance may run until the bound reaches its floor: from its value v at the first observed iteration
 * t₀, that takes n = ⌈log(floor/v)/log q⌉ more steps; the budget is t₀ + n·(1 + RATE_MARGIN) +
 * RATE_SLACK (the margin for a prefactor C(t) that grows, such as 1 + k/√κ), never below the claim's own
 * budget. When that exceeds the cap the runner sets (RATE_BUDGET_CAP times the claim's budget), the
 * instance keeps the claim's budget (and is counted as stopped at the budget).
 */
export const RATE_MARGIN = 0.1;
export const RATE_SLACK = 10;
export const RATE_BUDGET_CAP = 10;

/** The budget of an instance whose primary bound has value `v` at iteration t0 (see RATE_MARGIN). */
export function rateBudget(rate: number, v: number, floor: number, t0: number, base: number, cap: number): number {
  if (!(rate > 0 && rate < 1) || !(v > floor) || !(floor > 0)) return base;
  const n = Math.ceil(Math.log(floor / v) / Math.log(rate));
  const wanted = t0 + Math.ceil(n * (1 + RATE_MARGIN)) + RATE_SLACK;
  // an instance that cannot reach its floor within the cap keeps the claim's budget: the extra
  // iterations would buy a sliver of decay at the price of the whole cap
  return wanted > cap ? base : Math.max(base, wanted);
}

export interface Violation {
  iteration: number;
  metric: string;
  relation: 'le' | 'ge';
  observed: number;
  bound: number;
  /** observed/bound for 'le', bound/observed for 'ge': above 1 is a violation. */
  ratio: number;
  cite: string;
}

/**
 * Why a trajectory ended: the primary bound fell below its floor, the iteration budget, the method
 * returned on its own, a violation, or the deadline cut it.
 */
export type StopReason = 'floor' | 'budget' | 'method' | 'violation' | 'deadline';

export interface InstanceResult {
  hypothesesMet: boolean;
  hypotheses: Hypothesis[];
  derived: Record<string, number>;
  /** Largest ratio over all compared iterations and bounds (above 1 means violated). */
  maxRatio: number;
  maxRatioAt?: { iteration: number; metric: string };
  firstViolation?: Violation;
  /** Last iteration at which the primary bound was compared (-1 when none was). */
  horizon: number;
  /** The iteration budget of this instance (the claim's, or the one derived from the bound's rate). */
  budget: number;
  /**
   * log10 of the primary bound at the last compared iteration over its value at the first: how far the
   * bound decayed before the comparisons stopped (0 when it was compared once; absent when never).
   */
  decay?: number;
  /** Iterations at which at least one bound was compared. */
  compared: number;
  /** Whether the method called observe at all. */
  observed: boolean;
  stop: StopReason;
  iterations: number;
  /** The trial's post-run measurements (Trial.measure). */
  measurements: Record<string, number>;
  /** With `record`: the primary metric and bound at every compared iteration. */
  trace?: { t: number[]; observed: number[]; bound: number[]; floor: number };
}

export interface CheckOptions extends TrialOptions {
  /** Record the primary metric and bound along the run (for slope fits and plots). */
  record?: boolean;
  /** Wall-clock deadline (epoch ms, Date.now()): the run is cut there, inside observe. */
  deadline?: number;
  /**
   * Largest budget an instance may get from its primary bound's declared rate (see rateBudget); without
   * it, or without a declared rate, the budget is maxIterations.
   */
  budgetCap?: number;
}

/** How often (in iterations) observe looks at the clock: a power of two minus one, as a mask. */
const CLOCK_MASK = 63;

function isThenable(v: unknown): v is PromiseLike<unknown> {
  return typeof v === 'object' && v !== null && typeof (v as { then?: unknown }).then === 'function';
}

/** observed/bound for an upper bound, bound/observed for a lower one: above 1 violates (a NaN observation is Infinity). */
export function ratioOf(relation: 'le' | 'ge', observed: number, bound: number): number {
  if (Number.isNaN(observed)) return Infinity;
  const num = relation === 'le' ? observed : bound;
  const den = relation === 'le' ? bound : observed;
  if (den === 0) return num === 0 ? 0 : Infinity;
  return num / den;
}

export function checkInstance<P>(claim: Claim<P>, params: P, options: CheckOptions): InstanceResult {
  const trial = claim.instantiate(params, options);
  const hypothesesMet = trial.hypotheses.every((h) => h.holds);
  const result: InstanceResult = {
    hypothesesMet,
    hypotheses: trial.hypotheses,
    derived: trial.derived,
    maxRatio: 0,
    horizon: -1,
    budget: options.maxIterations,
    compared: 0,
    observed: false,
    stop: 'method',
    iterations: 0,
    measurements: {},
  };
  if (!hypothesesMet) return result;
  if (trial.bounds.length === 0 && !claim.aggregate) throw new ClaimDefect(claim.id, 'a trial must declare at least one bound');
  const trace = options.record ? { t: [] as number[], observed: [] as number[], bound: [] as number[], floor: trial.bounds[0]?.floor ?? 0 } : undefined;
  result.trace = trace;
  const bounds = trial.bounds;
  const primary = bounds[0];
  const cap = options.budgetCap !== undefined && primary?.rate !== undefined ? Math.max(options.maxIterations, options.budgetCap) : options.maxIterations;
  // with a rate to follow, the budget is set at the first observation (the bound may read the metrics)
  let budget = options.maxIterations;
  let budgetSet = cap === options.maxIterations;
  const deadline = options.deadline;
  let stopped = false;
  let calls = 0;
  let firstBound = NaN;
  let lastBound = NaN;
  const returned: unknown = trial.run((t: number, metrics: Metrics): boolean => {
    // a run that ignores a stop keeps getting false, and nothing it observes afterwards counts
    if (stopped) return false;
    result.observed = true;
    if (deadline !== undefined && (calls++ & CLOCK_MASK) === 0 && Date.now() >= deadline) {
      result.stop = 'deadline';
      stopped = true;
      return false;
    }
    result.iterations = t + 1;
    let primaryAboveFloor = false;
    let comparedHere = false;
    for (let b = 0; b < bounds.length; b++) {
      const spec = bounds[b];
      const bound = spec.value(t, metrics);
      if (Number.isNaN(bound)) throw new ClaimDefect(claim.id, `bound on ${spec.metric} returned NaN at t=${t}`);
      if (b === 0 && !budgetSet) {
        budgetSet = true;
        budget = result.budget = rateBudget(spec.rate!, bound, spec.floor, t, options.maxIterations, cap);
      }
      if (!(bound >= spec.floor)) continue;
      const observed = metrics[spec.metric];
      if (observed === undefined) throw new ClaimDefect(claim.id, `the method reports no metric '${spec.metric}'`);
      comparedHere = true;
      if (b === 0) {
        primaryAboveFloor = true;
        if (Number.isNaN(firstBound)) firstBound = bound;
        lastBound = bound;
        if (trace) {
          trace.t.push(t);
          trace.observed.push(observed);
          trace.bound.push(bound);
        }
      }
      const ratio = ratioOf(spec.relation, observed, bound);
      if (ratio > result.maxRatio || result.maxRatioAt === undefined) {
        result.maxRatio = Math.max(result.maxRatio, ratio);
        result.maxRatioAt = { iteration: t, metric: spec.metric };
      }
      if (!withinBound(spec, t, observed, bound)) {
        result.firstViolation = { iteration: t, metric: spec.metric, relation: spec.relation, observed, bound, ratio, cite: spec.cite };
        result.horizon = t;
        result.compared++;
        result.stop = 'violation';
        stopped = true;
        return false;
      }
    }
    if (comparedHere) result.compared++;
    if (!primaryAboveFloor && bounds.length > 0) {
      result.stop = 'floor';
      stopped = true;
      return false;
    }
    result.horizon = t;
    if (t >= budget) {
      result.stop = 'budget';
      stopped = true;
      return false;
    }
    return true;
  }, cap);
  if (firstBound > 0 && lastBound > 0) result.decay = Math.log10(lastBound / firstBound);
  if (isThenable(returned)) {
    // what an asynchronous run observes after its first await would escape the comparison
    Promise.resolve(returned).catch(() => {});
    throw new ClaimDefect(claim.id, 'run() returned a promise: a method run must be synchronous (observe is called while it runs)');
  }
  if (trial.measure) result.measurements = trial.measure();
  return result;
}

/** Why no iteration was compared on any of `met` instances (`unobserved` of which never called observe). */
export function nothingCompared(met: number, unobserved: number): string {
  if (unobserved === met) return `nothing was compared: the method never called observe on the ${met} instances meeting the hypotheses`;
  if (unobserved > 0) return `nothing was compared: on ${met - unobserved} instances every bound stayed below its roundoff floor, and ${unobserved} never called observe`;
  return `nothing was compared: on all ${met} instances meeting the hypotheses every bound was below its roundoff floor from t = 0 (or negative)`;
}
