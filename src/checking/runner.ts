/**
 * The harness: fast-check generates instance parameters, each instance is checked at every iteration,
 * a violation (with the hypotheses met) is shrunk, and the run ends in a verdict.
 */
import fc from 'fast-check';
import { ClaimDefect, type Claim } from '../claims/types.ts';
import { deriveSeed } from '../random/rng.ts';
import { checkInstance, nothingCompared, RATE_BUDGET_CAP, type InstanceResult, type StopReason } from './instance.ts';
import type { VerifyOptions, ClaimError, ClaimResult, HorizonSummary, Tightest } from './result.ts';
import { verifyAggregate } from './aggregate.ts';
import { BestInstances, instanceWork, runTarget, SIMPLIFY_BUDGET, TARGET_EVALUATIONS_PER_RUN, TARGET_STARTS, targetShare, type TargetSummary } from './target.ts';
import { DOMAIN_SAMPLE } from '../search/index.ts';
import { simplify } from '../search/stages.ts';
import { ObservationLog, type Phase } from './observe.ts';

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

/** Min, median (lower) and max of a non-empty list. */
function spread(values: number[]): { min: number; median: number; max: number } {
  const sorted = [...values].sort((a, b) => a - b);
  return { min: sorted[0], median: sorted[Math.floor((sorted.length - 1) / 2)], max: sorted[sorted.length - 1] };
}

/** The horizon statistics of the instances that compared something (see HorizonSummary). */
export function summarizeHorizons(instances: Pick<InstanceResult, 'horizon' | 'decay' | 'budget'>[], stops: Partial<Record<StopReason, number>>): HorizonSummary | null {
  if (instances.length === 0) return null;
  const reachedFloor = stops.floor ?? 0;
  const stoppedAtBudget = stops.budget ?? 0;
  const total = Object.values(stops).reduce((a, n) => a + (n ?? 0), 0);
  const decays = instances.map((r) => r.decay).filter((d): d is number => d !== undefined);
  const decay = decays.length ? spread(decays) : undefined;
  return {
    ...spread(instances.map((r) => r.horizon)),
    stops,
    reachedFloor,
    stoppedAtBudget,
    stoppedOtherwise: total - reachedFloor - stoppedAtBudget,
    ...(decay ? { decay } : {}),
    budget: spread(instances.map((r) => r.budget)),
    // a bound that does not decay (an invariant, a constant tolerance) has no floor to reach: its budget is its horizon
    truncated: stoppedAtBudget > total / 2 && decay !== undefined && decay.median < 0,
  };
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
 * Verify one claim: fast-check draws its instances (the examples first); unless `target` is false, the
 * last third of the runs is spent by the target phase instead (target.ts), whose violation fast-check
 * then shrinks as an example. The verdict, in order of precedence: `error` (the claim threw), `refuted` (a
 * violation, shrunk), `inconclusive` (cut short by the deadline), `vacuous` (hypotheses rarely met),
 * `inconclusive` (nothing was compared: every bound below its floor from the start, or no observation),
 * `holds`. It never throws for what a claim does while it runs; only for bad options.
 */
export function verifyClaim<P>(claim: Claim<P>, options: VerifyOptions): ClaimResult {
  if (!(Number.isInteger(options.runs) && options.runs >= 1)) throw new RangeError(`runs must be a positive integer, got ${options.runs}`);
  // with --observe, the claim's instances are logged and written in one piece when it is done
  const log = options.observe !== undefined && !claim.aggregate ? new ObservationLog(claim.id, options.claimSeed ?? claimSeed(options.seed, claim.id)) : undefined;
  try {
    return verifyInstances(claim, options, log);
  } finally {
    if (log) log.flush(options.observe!);
  }
}

function verifyInstances<P>(claim: Claim<P>, options: VerifyOptions, log: ObservationLog | undefined): ClaimResult {
  if (claim.maxRuns !== undefined && options.runs > claim.maxRuns) options = { ...options, runs: claim.maxRuns };
  const started = performance.now();
  const deadline = effectiveDeadline(options, Date.now());
  const seed = options.claimSeed ?? claimSeed(options.seed, claim.id);
  const maxIterations = iterationBudget(claim as Claim<unknown>, options);
  const trialOptions = { maxIterations, dense: options.dense, deadline, budgetCap: maxIterations * (options.rateBudgetCap ?? RATE_BUDGET_CAP) };
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
  const horizons: InstanceResult[] = [];
  const stops: Partial<Record<StopReason, number>> = {};
  const hypothesisFailures: Record<string, number> = {};
  // claims with an explicit hidden constant report the smallest value that works per instance as the
  // measurement 'smallestConstant'; the verdict's statistics keep the largest over the instances
  let smallestConstant: { value: number; params: unknown } | undefined;

  const arbitrary = (options.params ?? claim.params) as fc.Arbitrary<P>;
  const examples = [...((options.replayFirst ?? []) as P[]), ...(claim.examples ?? [])];
  // the target phase takes the last share of the runs; the examples always run
  const share = options.target === false ? 0 : targetShare(options.runs);
  const drawn = Math.max(examples.length, options.runs - share);
  const starts = new BestInstances<P>(TARGET_STARTS);
  const sample: Array<{ params: P; ratio: number }> = [];
  let calls = 0;
  let generated = 0;
  let generatedWork = 0;
  let armed = false;
  /** Set while a found violation is simplified: its candidates, like the search's, may leave the domain. */
  let simplifying = false;

  /**
   * Check one instance and count it (shrinking candidates are not counted); undefined when the claim
   * threw. A target candidate the arbitrary cannot vouch for (a mapped or chained arbitrary cannot tell
   * whether it generates a value) that makes the claim throw is outside the claim's domain, not a
   * defect of the claim (a search moves fields independently, e.g. a rank past a dimension): null.
   */
  const assess = (params: P, phase: Phase): InstanceResult | undefined | null => {
    let res: InstanceResult;
    const t0 = log ? performance.now() : 0;
    try {
      res = checkInstance(claim, params, trialOptions);
    } catch (e) {
      if ((phase === 'target' || simplifying) && !arbitrary.canShrinkWithoutContext(params)) {
        log?.add({ phase, params, error: { message: `outside the domain of the claim's arbitrary: ${claimError(claim as Claim<unknown>, e).message}` }, seconds: (performance.now() - t0) / 1000, rejected: true });
        return null;
      }
      error = claimError(claim as Claim<unknown>, e, params);
      log?.add({ phase, params, error, seconds: (performance.now() - t0) / 1000 });
      return undefined;
    }
    // a searched candidate missing a hypothesis lies outside the region the search explores: the target
    // summary counts it, the verdict's statistics (instances, hypotheses met, vacuity) do not
    const outside = phase === 'target' && !res.hypothesesMet;
    log?.add({ phase, params, result: res, seconds: (performance.now() - t0) / 1000, ...(outside ? { rejected: true } : {}) });
    if (phase === 'shrink' || outside) return res;
    instances++;
    if (phase !== 'target') {
      generated++;
      generatedWork += instanceWork(res);
    }
    if (!res.hypothesesMet) {
      for (const h of res.hypotheses) if (!h.holds) hypothesisFailures[h.name] = (hypothesisFailures[h.name] ?? 0) + 1;
      return res;
    }
    met++;
    compared += res.compared;
    if (res.stop === 'deadline') cut++;
    if (!res.observed) unobserved++;
    const k = res.measurements.smallestConstant;
    if (Number.isFinite(k) && (smallestConstant === undefined || k > smallestConstant.value)) smallestConstant = { value: k, params: structuredClone(params) };
    stops[res.stop] = (stops[res.stop] ?? 0) + 1;
    if (res.horizon >= 0) horizons.push(res);
    if (res.maxRatioAt && (tightest === undefined || res.maxRatio > tightest.ratio)) {
      tightest = { params: structuredClone(params), ratio: res.maxRatio, iteration: res.maxRatioAt.iteration, metric: res.maxRatioAt.metric };
    }
    if (res.maxRatioAt && !res.firstViolation && phase !== 'target') {
      starts.add(params, res.maxRatio);
      if (share > 0) sample.push({ params: structuredClone(params), ratio: res.maxRatio });
    }
    return res;
  };

  const property = fc.property(arbitrary, (params: P): boolean => {
    if (error) return true; // an error ends the search: let shrinking finish at once
    if (failing) {
      const res = assess(params, 'shrink');
      return !!res && res.firstViolation === undefined;
    }
    const call = calls++;
    // the target phase's share is not drawn, unless nothing compared yet gives the search a start
    if (call === drawn) armed = share > 0 && starts.count > 0;
    if (armed) return true;
    const res = assess(params, call < examples.length ? 'explicit' : 'generate');
    if (!res) return false;
    if (res.firstViolation) {
      failing = true;
      return false;
    }
    return true;
  });

  const plugins = () => (deadline !== undefined ? [fc.interruptAfterTimeLimit(Math.max(0, deadline - Date.now()))] : []);
  let details: fc.RunDetails<unknown>;
  try {
    details = fc.check(property, { numRuns: options.runs, seed, examples: examples.map((e) => [e] as [P]), plugins: plugins() });
  } catch (e) {
    // the generator itself threw
    error ??= claimError(claim as Claim<unknown>, e);
    details = undefined as never;
  }

  let target: TargetSummary | undefined;
  let targetFound: P | undefined;
  /** The arbitrary's instances giving the search (and the simplification) each field's range. */
  let domain: P[] = [];
  if (share > 0) {
    const startRatio = starts.count > 0 ? starts.list()[0].ratio : null;
    target = { generated, targeted: 0, budget: 0, startRatio, bestRatio: null, found: false };
    if (!armed) {
      target.note = details?.failed
        ? 'the random phase found the violation'
        : drawn >= options.runs
          ? 'the explicit examples took every run'
          : details?.interrupted
            ? 'the time limit ran out in the random phase'
            : 'no instance compared in the random phase: the share was drawn at random';
    } else if (!error && !details.interrupted) {
      // the share's runs are replaced by the same work (in method iterations) spent by the search, in at
      // most TARGET_EVALUATIONS_PER_RUN evaluations per run (one per run for a claim capping its runs)
      const runsLeft = options.runs - drawn;
      const work = Math.round((runsLeft * generatedWork) / generated);
      target.budget = runsLeft * (claim.maxRuns !== undefined ? 1 : TARGET_EVALUATIONS_PER_RUN);
      try {
        domain = fc.sample(arbitrary, { seed, numRuns: DOMAIN_SAMPLE });
        const out = runTarget({ claim: { ...claim, params: arbitrary }, starts: starts.list(), sample, domain, budget: target.budget, work, seed, deadline, evaluate: (p) => assess(p, 'target') });
        Object.assign(target, { targeted: out.evaluations, work: { spent: out.work, budget: work }, bestRatio: out.bestRatio, found: out.found !== undefined, ...(out.rejected ? { rejected: out.rejected } : {}), ...(out.missedHypotheses ? { missedHypotheses: out.missedHypotheses } : {}), ...(out.cut ? { cut: true } : {}) });
        targetFound = out.found;
      } catch (e) {
        // the search itself failed on the claim's code (its mutate, its arbitrary)
        error ??= claimError(claim as Claim<unknown>, e);
      }
    }
  }
  if (targetFound !== undefined && !error) {
    failing = true;
    // fast-check cannot shrink a value of a chained or mapped arbitrary it did not draw: the instance is
    // simplified along its coordinates first (src/search/stages.ts), within SIMPLIFY_BUDGET re-runs
    if (!arbitrary.canShrinkWithoutContext(targetFound)) {
      const keeps = (p: P) => {
        if (deadline !== undefined && Date.now() >= deadline) return false;
        const res = assess(p, 'shrink');
        return !!res && res.hypothesesMet && res.firstViolation !== undefined && res.stop !== 'deadline';
      };
      simplifying = true;
      try {
        const simplified = simplify(targetFound, domain, keeps, SIMPLIFY_BUDGET);
        target!.simplified = { evaluations: simplified.evaluations, moves: simplified.moves };
        targetFound = simplified.params;
      } finally {
        simplifying = false;
      }
    }
    // fast-check shrinks the violation the search found, as an example: the counterexample's seed and
    // path replay it with the same example
    try {
      details = fc.check(property, { numRuns: 1, seed, examples: [[targetFound]], plugins: plugins() });
    } catch (e) {
      error ??= claimError(claim as Claim<unknown>, e, targetFound);
    }
    if (!error && !details.failed) {
      if (details.interrupted) target!.cut = true;
      else error = { message: `${claim.id}: the violation the target phase found does not recur when re-run: the claim is not deterministic`, params: safeClone(targetFound) };
    }
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
    ...(target ? { target } : {}),
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
      replayed = checkInstance(claim, params, { maxIterations, dense: options.dense, budgetCap: trialOptions.budgetCap });
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
        // the instance's own budget (derived from the bound's rate, it may exceed the claim's): replays use it
        maxIterations: replayed.budget,
        ...(targetFound !== undefined ? { foundBy: 'target' as const, example: structuredClone(targetFound) } : {}),
      },
      timeMs: elapsed(),
    };
  }
  if (instances === 0) {
    return { ...base, verdict: 'inconclusive', reason: 'the time limit ran out before any instance was checked', timeMs: elapsed() };
  }
  if (cut > 0 || target?.cut || (details.interrupted && instances < options.runs)) {
    const reasons = [
      details.interrupted && instances < options.runs && !target?.cut ? `time limit reached after ${instances} of ${options.runs} instances` : '',
      target?.cut ? `time limit reached in the target phase after ${target.targeted} of ${target.budget} targeted instances` : '',
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
  return { ...base, verdict: 'holds', ...(base.horizon?.truncated ? { truncated: true } : {}), timeMs: elapsed() };
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
