/**
 * One instance of one claim: build the trial, check the hypotheses, run the method and compare every
 * observed metric with its bound at every iteration, above the roundoff floor. The run is cut at the
 * deadline (checked inside `observe`), and `compared` counts the iterations at which a bound was
 * actually compared: a run that never observes, or whose bounds stay below their floors, compares none.
 */
import { ClaimDefect, type Claim, type Hypothesis, type Metrics, type TrialOptions } from '../claims/types.ts';

export const DEFAULT_RTOL = 1e-9;

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
}

/** How often (in iterations) observe looks at the clock: a power of two minus one, as a mask. */
const CLOCK_MASK = 63;

function isThenable(v: unknown): v is PromiseLike<unknown> {
  return typeof v === 'object' && v !== null && typeof (v as { then?: unknown }).then === 'function';
}

function ratioOf(relation: 'le' | 'ge', observed: number, bound: number): number {
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
  const budget = options.maxIterations;
  const bounds = trial.bounds;
  const deadline = options.deadline;
  let stopped = false;
  let calls = 0;
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
      if (!(bound >= spec.floor)) continue;
      const observed = metrics[spec.metric];
      if (observed === undefined) throw new ClaimDefect(claim.id, `the method reports no metric '${spec.metric}'`);
      comparedHere = true;
      if (b === 0) {
        primaryAboveFloor = true;
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
      const tol = spec.rtol ?? DEFAULT_RTOL;
      const ok = spec.relation === 'le' ? observed <= bound * (1 + tol) : observed >= bound * (1 - tol);
      if (!ok) {
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
  }, budget);
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
