/**
 * Traces kept while a claim is verified, so that its report figure needs no second run of the same
 * instances. The claim handed to the runner is wrapped: every instance records its primary metric and
 * bound at each compared iteration (what `checkInstance(..., { record: true })` records), and the
 * recording of the tightest instance and of the figure's sampled instances is kept.
 *
 * The recording is used only for a claim that holds (no instance met a violation or the deadline, so
 * each trajectory ended at its floor, its budget or on its own), and only when it matches the runner's
 * result: the same parameters and the same largest ratio. Otherwise the figure re-runs the instance.
 */
import type { Claim, Metrics, Observer, Trial } from '../../claims/types.ts';
import { ratioOf, type StopReason } from '../../checking/instance.ts';
import type { ClaimResult } from '../../checking/result.ts';
import { claimSeed } from '../../checking/runner.ts';
import { buildEntry } from '../report.ts';
import { drawEntryFigure, figureWanted, type DrawnFigure } from '../html.ts';
import { sampleParams, type KeptTraces, type TraceRun } from './claims.ts';

/** An object's prototype, with a null prototype (fast-check's records) read as a plain object's. */
function plainProto(o: object): unknown {
  const p = Object.getPrototypeOf(o);
  return p === null ? Object.prototype : p;
}

/** Whether two plain parameter values are equal (Object.is on leaves, so that −0 and 0 differ). */
export function sameParams(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b) || plainProto(a) !== plainProto(b)) return false;
  if (ArrayBuffer.isView(a) || ArrayBuffer.isView(b)) {
    const x = a as unknown as ArrayLike<unknown>, y = b as unknown as ArrayLike<unknown>;
    if (x.length !== y.length) return false;
    for (let i = 0; i < x.length; i++) if (!Object.is(x[i], y[i])) return false;
    return true;
  }
  const ka = Object.keys(a), kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (const k of ka) if (!Object.prototype.hasOwnProperty.call(b, k) || !sameParams((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  return true;
}

/** One instance as the runner checked it; its trace sits in the keeper's buffer until it is settled. */
interface Recording {
  params: unknown;
  run: Omit<TraceRun, 'label'>;
  /** The run returned (an instance that threw is never kept). */
  complete: boolean;
  /** At least one bound was compared (the runner's condition for a tightest instance). */
  compared: boolean;
}

/**
 * The primary bound's trace of the instance being checked, in typed arrays reused from one instance to
 * the next (copied out only for an instance that is kept): recording costs a few stores per iteration
 * and allocates nothing.
 */
class TraceBuffer {
  t = new Float64Array(1024);
  observed = new Float64Array(1024);
  bound = new Float64Array(1024);
  n = 0;

  push(t: number, observed: number, bound: number): void {
    if (this.n === this.t.length) {
      const grow = (a: Float64Array) => {
        const b = new Float64Array(a.length * 2);
        b.set(a);
        return b;
      };
      this.t = grow(this.t);
      this.observed = grow(this.observed);
      this.bound = grow(this.bound);
    }
    this.t[this.n] = t;
    this.observed[this.n] = observed;
    this.bound[this.n] = bound;
    this.n++;
  }

  /** Copy the trace into a recording's plain arrays. */
  copyTo(run: Omit<TraceRun, 'label'>): void {
    run.t = Array.from(this.t.subarray(0, this.n));
    run.observed = Array.from(this.observed.subarray(0, this.n));
    run.bound = Array.from(this.bound.subarray(0, this.n));
  }
}

/** A trial whose bounds and run record into `rec` and `buffer` (the trial itself is left untouched). */
function recordingTrial(trial: Trial, rec: Recording, buffer: TraceBuffer): Trial {
  const r = rec.run;
  buffer.n = 0;
  // per observe call: whether a bound was evaluated, and whether the primary bound was below its floor
  let evaluated = false;
  let primaryBelow = false;
  let maxRatio = 0;
  const bounds = trial.bounds.map((spec, b) => {
    const { floor, metric, relation } = spec;
    const value =
      b === 0
        ? (t: number, metrics: Metrics): number => {
            const v = spec.value(t, metrics);
            evaluated = true;
            primaryBelow = !(v >= floor);
            if (primaryBelow) return v;
            const observed = metrics[metric];
            if (observed === undefined) return v;
            rec.compared = true;
            const ratio = ratioOf(relation, observed, v);
            if (ratio > maxRatio) maxRatio = ratio;
            buffer.push(t, observed, v);
            return v;
          }
        : (t: number, metrics: Metrics): number => {
            const v = spec.value(t, metrics);
            if (!(v >= floor)) return v;
            const observed = metrics[metric];
            if (observed === undefined) return v;
            rec.compared = true;
            const ratio = ratioOf(relation, observed, v);
            if (ratio > maxRatio) maxRatio = ratio;
            return v;
          };
    return { ...spec, value };
  });
  const run = (observe: Observer, maxIterations: number): void => {
    let stopped = false;
    const watched: Observer = (t, metrics) => {
      evaluated = false;
      primaryBelow = false;
      const go = observe(t, metrics);
      // the first stop after the bounds were compared: at the floor, or else at the budget (for a claim
      // that holds, neither a violation nor the deadline ended a trajectory)
      if (!go && !stopped) {
        stopped = true;
        r.stop = !evaluated ? 'deadline' : primaryBelow ? 'floor' : 'budget';
      }
      return go;
    };
    try {
      trial.run(watched, maxIterations);
    } finally {
      r.maxRatio = maxRatio;
    }
    rec.complete = true;
  };
  // run and measure are called on the trial itself (a trial may keep state of its own)
  return Object.assign(Object.create(trial) as Trial, { bounds, run, ...(trial.measure ? { measure: () => trial.measure!() } : {}) });
}

/** The claim to verify and what it kept. */
export interface TraceKeeper<P> {
  /** The claim wrapped: verify this one. */
  claim: Claim<P>;
  /** The kept runs for a claim's result: the tightest instance's (when it matches the result) and the samples'. */
  kept(result: ClaimResult): KeptTraces;
}

/** Wrap a claim so that it keeps the traces its figure draws: the tightest instance's and those of `samples` (parameters). */
export function keepTraces<P>(claim: Claim<P>, samples: readonly unknown[]): TraceKeeper<P> {
  const buffer = new TraceBuffer();
  let current: Recording | undefined;
  let best: Recording | undefined;
  const sampled: (Recording | undefined)[] = samples.map(() => undefined);
  // the previous instance is settled when the next one starts (and when the results are asked for):
  // its trace is copied out of the buffer only if it is kept
  const settle = () => {
    const rec = current;
    current = undefined;
    if (!rec) return;
    const met = rec.run.hypothesesMet;
    let keep = false;
    if (!met || rec.complete) {
      const i = samples.findIndex((s, k) => sampled[k] === undefined && sameParams(s, rec.params));
      if (i >= 0) {
        sampled[i] = rec;
        keep = true;
      }
    }
    if (met && rec.complete && rec.compared && (best === undefined || rec.run.maxRatio > best.run.maxRatio)) {
      best = rec;
      keep = true;
    }
    if (!keep) return;
    // only a kept instance's parameters are copied (the others are dropped here)
    rec.params = rec.run.params = structuredClone(rec.params);
    if (met) buffer.copyTo(rec.run);
  };
  const wrapped: Claim<P> = {
    ...claim,
    instantiate: (params, options) => {
      settle();
      const trial = claim.instantiate(params, options);
      const primary = trial.bounds[0];
      const met = trial.hypotheses.every((h) => h.holds);
      const rec: Recording = {
        params,
        complete: !met,
        compared: false,
        run: {
          params,
          hypothesesMet: met,
          failedHypotheses: trial.hypotheses.filter((h) => !h.holds).map((h) => h.name),
          metric: primary?.metric ?? '',
          relation: primary?.relation ?? 'le',
          cite: primary?.cite ?? '',
          t: [],
          observed: [],
          bound: [],
          floor: met ? (primary?.floor ?? 0) : 0,
          maxRatio: 0,
          stop: 'method' as StopReason,
        },
      };
      current = rec;
      return met ? recordingTrial(trial, rec, buffer) : trial;
    },
  };
  return {
    claim: wrapped,
    kept(result) {
      settle();
      // only a claim that holds: its trajectories ended at the floor, the budget or on their own
      if (result.verdict !== 'holds') return { samples: samples.map(() => undefined) };
      const t = result.tightest;
      const tightest = t && best && best.run.maxRatio === t.ratio && sameParams(best.params, t.params) ? best.run : undefined;
      return { tightest, samples: sampled.map((s) => s?.run) };
    },
  };
}

/** Instances sampled for a claim's report figure, besides its tightest instance. */
export const FIGURE_SAMPLES = 1;

/**
 * A claim wrapped to keep the traces its report figure draws (its tightest instance and the sampled
 * ones), so that drawing the figure re-runs nothing; for claims expected to hold, the ones drawn (any
 * other claim gets a figure only when its verdict is unexpected, and then re-runs its instances).
 */
export function figureKeeper(claim: Claim<unknown>, seed: number): TraceKeeper<unknown> | undefined {
  if (claim.aggregate || claim.expected !== 'holds') return undefined;
  return keepTraces(claim, sampleParams(claim, claimSeed(seed, claim.id), FIGURE_SAMPLES));
}

/**
 * A verified claim's report figure, drawn from the traces kept while verifying it; undefined when the
 * report shows none (it then says why), when the deadline has passed, or when drawing failed (the report
 * then draws it again and reports the failure). `guard` runs the drawing (the worker's claim guard).
 */
export function verifiedFigure(
  claim: Claim<unknown>,
  result: ClaimResult,
  o: { dense: boolean; deadline?: number; keeper?: TraceKeeper<unknown>; guard?: <T>(run: () => T) => T },
): DrawnFigure | null | undefined {
  const entry = buildEntry(claim, result, '');
  if (!figureWanted(entry) || (o.deadline !== undefined && Date.now() >= o.deadline)) return undefined;
  const draw = () => drawEntryFigure(entry, claim, { samples: FIGURE_SAMPLES, dense: o.dense, kept: o.keeper?.kept(result) });
  try {
    return o.guard ? o.guard(draw) : draw();
  } catch {
    return undefined;
  }
}
