/**
 * The harness: fast-check generates instance parameters, each instance is checked at every iteration,
 * a violation (with the hypotheses met) is shrunk, and the run ends in a verdict.
 */
import fc from 'fast-check';
import { ClaimDefect, type Claim } from '../claims/types.ts';
import { deriveSeed } from '../random/rng.ts';
import { checkInstance, type InstanceResult, type StopReason } from './instance.ts';
import type { VerifyOptions, ClaimResult, HorizonSummary, Tightest } from './result.ts';
import { verifyAggregate } from './aggregate.ts';

/** Below this fraction of generated instances meeting the hypotheses, a claim is `vacuous`. */
export const VACUOUS_FRACTION = 0.2;
export const DEFAULT_MAX_ITERATIONS = 20_000;

export type { VerifyOptions, Counterexample, Tightest, HorizonSummary, ClaimResult } from './result.ts';

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

export function verifyClaim<P>(claim: Claim<P>, options: VerifyOptions): ClaimResult {
  if (!(Number.isInteger(options.runs) && options.runs >= 1)) throw new RangeError(`runs must be a positive integer, got ${options.runs}`);
  if (claim.maxRuns !== undefined && options.runs > claim.maxRuns) options = { ...options, runs: claim.maxRuns };
  const started = performance.now();
  const seed = options.claimSeed ?? claimSeed(options.seed, claim.id);
  const maxIterations = iterationBudget(claim as Claim<unknown>, options);
  const trialOptions = { maxIterations, dense: options.dense };
  if (claim.aggregate) {
    const deadline = options.timeLimitMs !== undefined ? started + options.timeLimitMs : undefined;
    const sampled = options.params ? ({ ...claim, params: options.params } as Claim<P>) : claim;
    return verifyAggregate({ claim: sampled, aggregate: claim.aggregate, runs: options.runs, seed, maxIterations, dense: options.dense, deadline }, started);
  }

  let instances = 0;
  let met = 0;
  let failing = false;
  let defect: ClaimDefect | undefined;
  let tightest: Tightest | undefined;
  const horizons: number[] = [];
  const stops: Partial<Record<StopReason, number>> = {};
  const hypothesisFailures: Record<string, number> = {};
  // claims with an explicit hidden constant report the smallest value that works per instance as the
  // measurement 'smallestConstant'; the verdict's statistics keep the largest over the instances
  let smallestConstant: { value: number; params: unknown } | undefined;

  const arbitrary = (options.params ?? claim.params) as fc.Arbitrary<P>;
  const property = fc.property(arbitrary, (params: P): boolean => {
    if (defect) return true; // a defect ends the search: let shrinking finish at once
    let res: InstanceResult;
    try {
      res = checkInstance(claim, params, trialOptions);
    } catch (e) {
      if (e instanceof ClaimDefect) {
        defect = e;
        return false;
      }
      defect = new ClaimDefect(claim.id, `instantiating or running the claim threw: ${(e as Error).message ?? e}`);
      return false;
    }
    if (failing) return res.firstViolation === undefined; // shrinking phase: not counted
    instances++;
    if (!res.hypothesesMet) {
      for (const h of res.hypotheses) if (!h.holds) hypothesisFailures[h.name] = (hypothesisFailures[h.name] ?? 0) + 1;
      return true;
    }
    met++;
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

  const plugins = options.timeLimitMs !== undefined ? [fc.interruptAfterTimeLimit(Math.max(0, options.timeLimitMs))] : [];
  const details = fc.check(property, {
    numRuns: options.runs,
    seed,
    examples: [...((options.replayFirst ?? []) as P[]), ...(claim.examples ?? [])].map((e) => [e] as [P]),
    plugins,
  });
  if (defect) throw defect;

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
    statistics: smallestConstant
      ? { smallestConstant: smallestConstant.value, attainedAt: smallestConstant.params, note: 'the smallest hidden constant that works on every instance checked' }
      : undefined,
  };
  const elapsed = () => performance.now() - started;

  if (details.failed && details.counterexample !== null && details.counterexamplePath !== null) {
    const params = (details.counterexample as unknown as [P])[0];
    const replayed = checkInstance(claim, params, trialOptions);
    if (!replayed.firstViolation) {
      throw new ClaimDefect(claim.id, 'the shrunk counterexample does not violate the claim when re-run: the claim is not deterministic');
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
  if (met === 0 || met < VACUOUS_FRACTION * instances) {
    const top = Object.entries(hypothesisFailures).sort((a, b) => b[1] - a[1])[0];
    return {
      ...base,
      verdict: 'vacuous',
      reason: `hypotheses met on ${met} of ${instances} instances${top ? `; most often failed: ${top[0]} (${top[1]})` : ''}`,
      timeMs: elapsed(),
    };
  }
  if (details.interrupted && instances < options.runs) {
    return { ...base, verdict: 'inconclusive', reason: `time limit reached after ${instances} of ${options.runs} instances`, timeMs: elapsed() };
  }
  return { ...base, verdict: 'holds', timeMs: elapsed() };
}
