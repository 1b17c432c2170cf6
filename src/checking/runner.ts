/**
 * The harness: fast-check generates instance parameters, each instance is checked at every iteration,
 * a violation (with the hypotheses met) is shrunk, and the run ends in a verdict.
 */
import fc from 'fast-check';
import { ClaimDefect, type Claim } from '../claims/types.ts';
import { deriveSeed } from '../random/rng.ts';
import { checkInstance, nothingCompared, type InstanceResult, type StopReason } from './instance.ts';
import type { VerifyOptions, ClaimError, ClaimResult, HorizonSummary, Tightest } from './result.ts';
import { verifyAggregate } from './aggregate.ts';

/** Below this fraction of generated instances meeting the hypotheses, a claim is `vacuous`. */
export const VACUOUS_FRACTION = 0.2;
export const DEFAULT_MAX_ITERATIONS = 20_000;

export type { VerifyOptions, Counterexample, Tightest, HorizonSummary, ClaimResult, ClaimError } from './result.ts';

export function claimSeed(globalSeed: number, id: string): number {
  return deriveSeed(globalSeed, id);
}

export function iterationBudget(claim: Claim<unknown>, options: Pick<VerifyOptions, 'maxIterations' | 'iterationScale'>): number {
  if (options.maxIterations !== undefined) return options.maxIterations;
  return Math.max(1, Math.round((claim.maxIterations ?? DEFAULT_MAX_ITERATIONS) * (options.iterationScale ?? 1)));
}

function summarizeHorizons(horizons: number[], stops: Partial<Record<StopReason, number>>): HorizonSummary | null {
  if (horizons.length === 0) return null;
  const sorted = [...horizons].sort((a, b) => a - b);
  return { min: sorted[0], median: sorted[Math.floor((sorted.length - 1) / 2)], max: sorted[sorted.length - 1], stops };
}

/** The earlier of an absolute deadline and a time limit from `started` (both epoch ms), or undefined. */
export function effectiveDeadline(options: Pick<VerifyOptions, 'deadline' | 'timeLimitMs'>, started: number): number | undefined {
  const fromLimit = options.timeLimitMs !== undefined ? started + Math.max(0, options.timeLimitMs) : undefined;
  if (options.deadline === undefined) return fromLimit;
  return fromLimit === undefined ? options.deadline : Math.min(options.deadline, fromLimit);
}

/** A claim's exception as data: its message, stack and (where known) the instance it happened on. */
export function claimError(claim: Claim<unknown>, e: unknown, params?: unknown): ClaimError {
  const err = e instanceof Error ? e : new Error(String(e));
  const message = err instanceof ClaimDefect ? err.message : `${claim.id}: ${err.message}`;
  return { message, stack: err.stack, ...(params !== undefined ? { params: safeClone(params) } : {}) };
}

function safeClone(v: unknown): unknown {
  try {
    return structuredClone(v);
  } catch {
    return String(v);
  }
}

/**
 * Verify one claim. The verdict, in order of precedence: `error` (the claim threw), `refuted` (a
 * violation, shrunk), `inconclusive` (cut short by the deadline), `vacuous` (hypotheses rarely met),
 * `inconclusive` (nothing was compared: every bound below its floor from the start, or no observation),
 * `holds`. It never throws for what a claim does while it runs; only for bad options.
 */
export function verifyClaim<P>(claim: Claim<P>, options: VerifyOptions): ClaimResult {
  if (!(Number.isInteger(options.runs) && options.runs >= 1)) throw new RangeError(`runs must be a positive integer, got ${options.runs}`);
  if (claim.maxRuns !== undefined && options.runs > claim.maxRuns) options = { ...options, runs: claim.maxRuns };
  const started = performance.now();
  const deadline = effectiveDeadline(options, Date.now());
  const seed = options.claimSeed ?? claimSeed(options.seed, claim.id);
  const maxIterations = iterationBudget(claim as Claim<unknown>, options);
  const trialOptions = { maxIterations, dense: options.dense, deadline };
  if (claim.aggregate) {
    const sampled = options.params ? ({ ...claim, params: options.params } as Claim<P>) : claim;
    try {
      return verifyAggregate({ claim: sampled, aggregate: claim.aggregate, runs: options.runs, seed, maxIterations, dense: options.dense, deadline }, started);
    } catch (e) {
      return errorResult(claim as Claim<unknown>, claimError(claim as Claim<unknown>, e), { seed, runs: options.runs, maxIterations }, started);
    }
  }

  let instances = 0;
  let met = 0;
  let failing = false;
  let error: ClaimError | undefined;
  let tightest: Tightest | undefined;
  let compared = 0;
  let cut = 0;
  let unobserved = 0;
  const horizons: number[] = [];
  const stops: Partial<Record<StopReason, number>> = {};
  const hypothesisFailures: Record<string, number> = {};
  // claims with an explicit hidden constant report the smallest value that works per instance as the
  // measurement 'smallestConstant'; the verdict's statistics keep the largest over the instances
  let smallestConstant: { value: number; params: unknown } | undefined;

  const arbitrary = (options.params ?? claim.params) as fc.Arbitrary<P>;
  const property = fc.property(arbitrary, (params: P): boolean => {
    if (error) return true; // an error ends the search: let shrinking finish at once
    let res: InstanceResult;
    try {
      res = checkInstance(claim, params, trialOptions);
    } catch (e) {
      error = claimError(claim as Claim<unknown>, e, params);
      return false;
    }
    if (failing) return res.firstViolation === undefined; // shrinking phase: not counted
    instances++;
    if (!res.hypothesesMet) {
      for (const h of res.hypotheses) if (!h.holds) hypothesisFailures[h.name] = (hypothesisFailures[h.name] ?? 0) + 1;
      return true;
    }
    met++;
    compared += res.compared;
    if (res.stop === 'deadline') cut++;
    if (!res.observed) unobserved++;
    const k = res.measurements.smallestConstant;
    if (Number.isFinite(k) && (smallestConstant === undefined || k > smallestConstant.value)) smallestConstant = { value: k, params: structuredClone(params) };
    stops[res.stop] = (stops[res.stop] ?? 0) + 1;
    if (res.horizon >= 0) horizons.push(res.horizon);
    if (res.maxRatioAt && (tightest === undefined || res.maxRatio > tightest.ratio)) {
      tightest = { params: structuredClone(params), ratio: res.maxRatio, iteration: res.maxRatioAt.iteration, metric: res.maxRatioAt.metric };
    }
    if (res.firstViolation) {
      failing = true;
      return false;
    }
    return true;
  });

  const plugins = deadline !== undefined ? [fc.interruptAfterTimeLimit(Math.max(0, deadline - Date.now()))] : [];
  let details: fc.RunDetails<unknown>;
  try {
    details = fc.check(property, {
      numRuns: options.runs,
      seed,
      examples: [...((options.replayFirst ?? []) as P[]), ...(claim.examples ?? [])].map((e) => [e] as [P]),
      plugins,
    });
  } catch (e) {
    // the generator itself threw
    error ??= claimError(claim as Claim<unknown>, e);
    details = undefined as never;
  }

  const base = {
    id: claim.id,
    expected: claim.expected,
    instances,
    hypothesesMet: met,
    maxRatio: tightest ? tightest.ratio : null,
    tightest,
    horizon: summarizeHorizons(horizons, stops),
    hypothesisFailures,
    seed,
    runs: options.runs,
    maxIterations,
    comparedIterations: compared,
    ...(cut ? { cut } : {}),
    statistics: smallestConstant
      ? { smallestConstant: smallestConstant.value, attainedAt: smallestConstant.params, note: 'the smallest hidden constant that works on every instance checked' }
      : undefined,
  };
  const elapsed = () => performance.now() - started;
  if (error) return { ...base, verdict: 'error', error, reason: error.message, timeMs: elapsed() };

  if (details.failed && details.counterexample !== null && details.counterexamplePath !== null) {
    const params = (details.counterexample as unknown as [P])[0];
    let replayed: InstanceResult;
    try {
      // the violation was reached before the deadline once; its re-run is not cut
      replayed = checkInstance(claim, params, { maxIterations, dense: options.dense });
    } catch (e) {
      return { ...base, verdict: 'error', error: claimError(claim as Claim<unknown>, e, params), reason: 'the counterexample threw when re-run', timeMs: elapsed() };
    }
    if (!replayed.firstViolation) {
      const message = `${claim.id}: the shrunk counterexample does not violate the claim when re-run: the claim is not deterministic`;
      return { ...base, verdict: 'error', error: { message, params: safeClone(params) }, reason: message, timeMs: elapsed() };
    }
    return {
      ...base,
      verdict: 'refuted',
      counterexample: {
        params: structuredClone(params),
        violation: replayed.firstViolation,
        hypotheses: replayed.hypotheses,
        derived: replayed.derived,
        seed: details.seed,
        path: details.counterexamplePath,
        numShrinks: details.numShrinks,
        maxIterations,
      },
      timeMs: elapsed(),
    };
  }
  if (instances === 0) {
    return { ...base, verdict: 'inconclusive', reason: 'the time limit ran out before any instance was checked', timeMs: elapsed() };
  }
  if (cut > 0 || (details.interrupted && instances < options.runs)) {
    const reasons = [
      details.interrupted && instances < options.runs ? `time limit reached after ${instances} of ${options.runs} instances` : '',
      cut > 0 ? `${cut} trajector${cut === 1 ? 'y' : 'ies'} cut at the deadline` : '',
    ].filter(Boolean);
    return { ...base, verdict: 'inconclusive', reason: reasons.join('; '), timeMs: elapsed() };
  }
  if (met === 0 || met < VACUOUS_FRACTION * instances) {
    const top = Object.entries(hypothesisFailures).sort((a, b) => b[1] - a[1])[0];
    return {
      ...base,
      verdict: 'vacuous',
      reason: `hypotheses met on ${met} of ${instances} instances${top ? `; most often failed: ${top[0]} (${top[1]})` : ''}`,
      timeMs: elapsed(),
    };
  }
  if (compared === 0) return { ...base, verdict: 'inconclusive', reason: nothingCompared(met, unobserved), timeMs: elapsed() };
  return { ...base, verdict: 'holds', timeMs: elapsed() };
}

/** The result of a claim that threw before any instance could be counted. */
export function errorResult(claim: Claim<unknown>, error: ClaimError, o: { seed: number; runs: number; maxIterations: number }, started: number): ClaimResult {
  return {
    id: claim.id,
    expected: claim.expected,
    verdict: 'error',
    instances: 0,
    hypothesesMet: 0,
    maxRatio: null,
    horizon: null,
    hypothesisFailures: {},
    seed: o.seed,
    runs: o.runs,
    maxIterations: o.maxIterations,
    comparedIterations: 0,
    error,
    reason: error.message,
    timeMs: performance.now() - started,
  };
}
