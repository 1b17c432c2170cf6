/**
 * One instance of one claim: build the trial, check the hypotheses, run the method and compare every
 * observed metric with its bound at every iteration, above the roundoff floor.
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

export type StopReason = 'floor' | 'budget' | 'method' | 'violation';

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
  trial.run((t: number, metrics: Metrics): boolean => {
    result.iterations = t + 1;
    let primaryAboveFloor = false;
    for (let b = 0; b < bounds.length; b++) {
      const spec = bounds[b];
      const bound = spec.value(t, metrics);
      if (Number.isNaN(bound)) throw new ClaimDefect(claim.id, `bound on ${spec.metric} returned NaN at t=${t}`);
      if (!(bound >= spec.floor)) continue;
      const observed = metrics[spec.metric];
      if (observed === undefined) throw new ClaimDefect(claim.id, `the method reports no metric '${spec.metric}'`);
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
        result.stop = 'violation';
        return false;
      }
    }
    if (!primaryAboveFloor && bounds.length > 0) {
      result.stop = 'floor';
      return false;
    }
    result.horizon = t;
    if (t >= budget) {
      result.stop = 'budget';
      return false;
    }
    return true;
  }, budget);
  if (trial.measure) result.measurements = trial.measure();
  return result;
}
