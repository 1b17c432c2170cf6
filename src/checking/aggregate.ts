/**
 * Claims decided over many instances: with-probability statements (a failure event allowed with
 * probability at most δ) and O(·) statements with a hidden constant (a fitted growth exponent).
 * Instances are drawn from the claim's arbitrary with the claim's seed; no shrinking (a single failure
 * is allowed by the theorem, only their frequency can refute it).
 */
import fc from 'fast-check';
import type { Aggregate, Claim } from '../claims/types.ts';
import { clopperPearson, linearFit } from '../claims/statistics.ts';
import { checkInstance, nothingCompared, type InstanceResult } from './instance.ts';
import type { ClaimResult, Tightest } from './result.ts';

/** P(K ≥ k) for K a sum of independent Bernoulli(δ_i) (Poisson-binomial upper tail, exact by recursion). */
export function poissonBinomialTail(deltas: readonly number[], k: number): number {
  if (k <= 0) return 1;
  if (k > deltas.length) return 0;
  // dist[j] = P(K = j) over the first i draws
  let dist = new Float64Array(deltas.length + 1);
  dist[0] = 1;
  for (let i = 0; i < deltas.length; i++) {
    const d = deltas[i];
    if (!(d >= 0 && d <= 1)) throw new RangeError(`failure probability must lie in [0, 1], got ${d}`);
    const next = new Float64Array(deltas.length + 1);
    for (let j = 0; j <= i; j++) {
      next[j] += dist[j] * (1 - d);
      next[j + 1] += dist[j] * d;
    }
    dist = next;
  }
  let tail = 0;
  for (let j = k; j <= deltas.length; j++) tail += dist[j];
  return Math.min(1, tail);
}

export interface AggregateInputs<P> {
  claim: Claim<P>;
  aggregate: Aggregate<P>;
  runs: number;
  seed: number;
  maxIterations: number;
  dense?: boolean;
  deadline?: number;
}

type Base = Omit<ClaimResult, 'verdict' | 'timeMs'>;

/**
 * The claim's examples, then `runs` draws of its generator, produced lazily in doubling chunks (a draw
 * sequence of fast-check is the same prefix whatever the number of runs asked for), so that a huge
 * `runs` costs only what the deadline lets it draw.
 */
function* draws<P>(claim: Claim<P>, seed: number, runs: number): Generator<P> {
  yield* claim.examples ?? [];
  let produced = 0;
  let chunk = 64;
  while (produced < runs) {
    const upTo = Math.min(runs, produced + chunk);
    const sample = fc.sample(claim.params, { seed, numRuns: upTo });
    for (let i = produced; i < upTo; i++) yield sample[i];
    produced = upTo;
    chunk *= 2;
  }
}

export function verifyAggregate<P>(input: AggregateInputs<P>, started: number): ClaimResult {
  const { claim, aggregate, runs, seed, maxIterations } = input;
  const total = (claim.examples?.length ?? 0) + runs;
  const results: { params: P; res: InstanceResult }[] = [];
  const hypothesisFailures: Record<string, number> = {};
  let instances = 0;
  let interrupted = false;
  let cut = 0;
  let compared = 0;
  let unobserved = 0;
  for (const params of draws(claim, seed, runs)) {
    if (input.deadline !== undefined && Date.now() >= input.deadline) {
      interrupted = true;
      break;
    }
    instances++;
    const res = checkInstance(claim, params, { maxIterations, dense: input.dense, deadline: input.deadline });
    if (!res.hypothesesMet) {
      for (const h of res.hypotheses) if (!h.holds) hypothesisFailures[h.name] = (hypothesisFailures[h.name] ?? 0) + 1;
      continue;
    }
    if (res.stop === 'deadline') {
      // an incomplete trajectory is no evidence either way
      cut++;
      interrupted = true;
      break;
    }
    compared += res.compared;
    if (!res.observed) unobserved++;
    // only what the test needs is kept per draw
    results.push({ params, res: { ...res, trace: undefined, hypotheses: [] } });
  }
  const base: Base = {
    id: claim.id,
    expected: claim.expected,
    instances,
    hypothesesMet: results.length,
    maxRatio: null,
    horizon: null,
    hypothesisFailures,
    seed,
    runs,
    maxIterations,
    comparedIterations: compared,
    ...(cut ? { cut } : {}),
  };
  const done = (verdict: ClaimResult['verdict'], extra: Partial<ClaimResult>): ClaimResult => ({
    ...base,
    ...extra,
    verdict,
    timeMs: performance.now() - started,
  });
  if (instances === 0) return done('inconclusive', { reason: 'the time limit ran out before any instance was checked' });
  const shortOfRuns = interrupted && instances < total;
  const cutReason = `time limit reached after ${instances} of ${total} draws${cut ? ' (the last trajectory cut at the deadline)' : ''}`;
  if (shortOfRuns && (results.length === 0 || results.length < 0.2 * instances)) return done('inconclusive', { reason: cutReason });
  if (results.length === 0 || results.length < 0.2 * instances) {
    return done('vacuous', { reason: `hypotheses met on ${results.length} of ${instances} instances` });
  }
  // a probability claim's evidence is its compared bounds (an exponent claim's is its measurements)
  if (aggregate.kind === 'probability' && compared === 0) return done('inconclusive', { reason: nothingCompared(results.length, unobserved) });

  if (aggregate.kind === 'probability') {
    const alpha = aggregate.alpha ?? 1e-3;
    const deltas = results.map(({ params }) => aggregate.failureProbability(params));
    const failing = results.filter(({ res }) => res.firstViolation);
    const k = failing.length;
    const pValue = poissonBinomialTail(deltas, k);
    const interval = clopperPearson(k, results.length, 0.95);
    const meanDelta = deltas.reduce((s, d) => s + d, 0) / deltas.length;
    const statistics = {
      test: 'exact one-sided test of the failure count against independent Bernoulli(δ_i)',
      failures: k,
      trials: results.length,
      failureFraction: k / results.length,
      clopperPearson95: [interval.lower, interval.upper],
      meanAllowedProbability: meanDelta,
      pValue,
      alpha,
    };
    const first = failing[0];
    // the per-draw observed/bound ratios: above 1 on the failing draws
    let tightest: Tightest | undefined;
    for (const { params, res } of results) {
      if (res.maxRatioAt && (tightest === undefined || res.maxRatio > tightest.ratio)) {
        tightest = { params: structuredClone(params), ratio: res.maxRatio, iteration: res.maxRatioAt.iteration, metric: res.maxRatioAt.metric };
      }
    }
    base.maxRatio = tightest ? tightest.ratio : null;
    base.tightest = tightest;
    const counterexample = first
      ? {
          params: structuredClone(first.params),
          violation: first.res.firstViolation!,
          hypotheses: first.res.hypotheses,
          derived: first.res.derived,
          seed,
          path: '',
          numShrinks: 0,
          maxIterations,
          aggregate: { runs, statistic: 'pValue', value: pValue },
        }
      : undefined;
    if (pValue < alpha) {
      return done('refuted', {
        statistics,
        counterexample,
        reason: `${k} failures in ${results.length} draws (95% CI ${fmt(interval.lower)}–${fmt(interval.upper)}) against an allowed mean probability ${fmt(meanDelta)}: p = ${pValue.toExponential(2)} < ${alpha}`,
      });
    }
    if (shortOfRuns) return done('inconclusive', { statistics, reason: cutReason });
    return done('holds', {
      statistics,
      reason: `${k} failures in ${results.length} draws, consistent with the allowed probability (p = ${pValue.toPrecision(3)})`,
    });
  }

  // exponent
  const confidence = aggregate.confidence ?? 0.99;
  const points = results.map(({ params, res }) => ({
    params,
    driver: res.derived[aggregate.driver],
    response: res.measurements[aggregate.response],
    complexity: aggregate.complexity ? res.derived[aggregate.complexity] : NaN,
  }));
  for (const p of points) {
    if (!(p.driver > 0 && Number.isFinite(p.driver))) throw new RangeError(`${claim.id}: derived '${aggregate.driver}' must be positive and finite, got ${p.driver}`);
  }
  const censored = points.filter((p) => !(p.response > 0 && Number.isFinite(p.response)));
  const usable = points.filter((p) => p.response > 0 && Number.isFinite(p.response));
  const distinct = new Set(usable.map((p) => p.driver)).size;
  if (usable.length < 3 || distinct < 2) {
    return done('inconclusive', { reason: `only ${usable.length} instances with a finite ${aggregate.response} (${censored.length} did not reach the target within ${maxIterations} iterations)` });
  }
  const fit = linearFit(usable.map((p) => Math.log(p.driver)), usable.map((p) => Math.log(p.response)), confidence);
  let tightest: Tightest | undefined;
  let smallestConstant: number | null = null;
  if (aggregate.complexity) {
    for (const p of usable) {
      const k = p.response / p.complexity;
      if (smallestConstant === null || k > smallestConstant) {
        smallestConstant = k;
        tightest = { params: structuredClone(p.params), ratio: k, iteration: p.response, metric: `${aggregate.response}/${aggregate.complexity}` };
      }
    }
  }
  const statistics = {
    test: `least-squares exponent of ${aggregate.response} against ${aggregate.driver} (log-log), Student-t interval`,
    claimedExponent: aggregate.claimedExponent,
    fittedExponent: fit.slope,
    exponentInterval: [fit.slopeInterval.lower, fit.slopeInterval.upper],
    confidence,
    rSquared: fit.rSquared,
    points: usable.length,
    censored: censored.length,
    smallestConstant,
    driverRange: [Math.min(...usable.map((p) => p.driver)), Math.max(...usable.map((p) => p.driver))],
    // the fitted points, for the report's log-log figure
    driver: aggregate.driver,
    response: aggregate.response,
    observations: usable.map((p) => [p.driver, p.response]),
  };
  const summary = `fitted exponent ${fit.slope.toFixed(3)} (${(confidence * 100).toFixed(0)}% CI ${fit.slopeInterval.lower.toFixed(3)}–${fit.slopeInterval.upper.toFixed(3)}) against the claimed ${aggregate.claimedExponent}` +
    (smallestConstant !== null ? `; smallest constant that works on these instances: ${smallestConstant.toPrecision(4)}` : '');
  if (fit.slopeInterval.lower > aggregate.claimedExponent) {
    const worst = usable.reduce((a, b) => (b.driver > a.driver ? b : a));
    return done('refuted', {
      statistics,
      tightest,
      maxRatio: smallestConstant,
      counterexample: {
        params: structuredClone(worst.params),
        violation: { iteration: 0, metric: 'fittedExponent', relation: 'le', observed: fit.slope, bound: aggregate.claimedExponent, ratio: fit.slope / aggregate.claimedExponent, cite: `exponent of ${aggregate.response} in ${aggregate.driver}` },
        hypotheses: [],
        derived: {},
        seed,
        path: '',
        numShrinks: 0,
        maxIterations,
        aggregate: { runs, statistic: 'fittedExponent', value: fit.slope },
      },
      reason: summary,
    });
  }
  if (censored.length > 0) return done('inconclusive', { statistics, tightest, maxRatio: smallestConstant, reason: `${summary}; ${censored.length} instances did not reach the target within ${maxIterations} iterations` });
  if (shortOfRuns) return done('inconclusive', { statistics, tightest, maxRatio: smallestConstant, reason: `${cutReason}; ${summary}` });
  return done('holds', { statistics, tightest, maxRatio: smallestConstant, reason: summary });
}

function fmt(v: number): string {
  return v === 0 ? '0' : v.toPrecision(3);
}
