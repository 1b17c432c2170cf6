/**
 * The target phase of `verify`. Random draws miss violations that live in a small corner of the
 * instance space (a near-miss constant violated only near the worst case, a rate violated only at small
 * condition numbers), so each claim spends a share of its runs climbing the largest observed/bound ratio
 * instead of drawing more instances: TARGET_SHARE of the runs (a third, rounded down) are not drawn, and
 * the search spends their work instead: the share's runs times the random instances' mean work (method
 * iterations), in at most TARGET_EVALUATIONS_PER_RUN evaluations per run. Candidates near a violation
 * often stop early, so the search can afford more of them than the draws it replaces, never more work.
 *
 * The search is `searchInstances` (src/search) from the best instances the random phase met, with those
 * instances as the evidence of its corner stage: the claim's declared structure, the corner the random
 * phase points to, a boundary sweep (near misses sit where the instance space ends: the largest
 * condition number, the smallest margin or multiple of a threshold, the narrowest width), an instance of
 * each family the random phase lacks, seed redraws of the best configurations (violations that need a
 * lucky draw of the instance's random data), then CMA-ES with the rest of the budget.
 *
 * Candidates outside the claim's domain (the claim threw on a value its arbitrary cannot vouch for) or
 * missing a hypothesis are points outside the region searched: the summary counts them (`rejected`,
 * `missedHypotheses`), the claim's instances and hypothesis statistics do not.
 *
 * A violation found by the search ends it; the runner then hands the instance to fast-check as an
 * example, which shrinks it as it shrinks any failure (as far as the arbitrary can shrink a value it did
 * not generate: record, integer, filtered and the grid arbitraries of src/claims/arbitraries.ts can;
 * chained ones and maps without an inverse cannot, so the runner first simplifies those along their
 * coordinates, src/search/stages.ts `simplify`, within SIMPLIFY_BUDGET re-runs), so it is reported and
 * replayed like any counterexample. The phase is deterministic for a given seed: the search's seed is the claim's, and the
 * clock is read only for the deadline. Without an instance that compared something in the random phase
 * there is nothing to climb from, and the share is drawn at random like the rest.
 */
import type { Claim } from '../claims/types.ts';
import { searchInstances } from '../search/index.ts';
import type { InstanceResult } from './instance.ts';

/** The share of a claim's runs spent by the target phase. */
export const TARGET_SHARE = 1 / 3;
/** Evaluations the search may make per run of its share, as long as their work stays within the share's. */
export const TARGET_EVALUATIONS_PER_RUN = 8;
/** Best instances of the random phase handed to the search as starting points. */
export const TARGET_STARTS = 8;
/** Re-runs allowed to simplify a found violation that fast-check cannot shrink (src/search/stages.ts simplify). */
export const SIMPLIFY_BUDGET = 100;
/** The score of a violation: above every ratio, so that the search stops at it. */
const VIOLATION_SCORE = Number.MAX_VALUE;

/**
 * The work of one checked instance, in method iterations (at least 1: an instance that stops at once
 * still costs its construction). The target phase is allotted the work of the runs it replaces, so its
 * candidates near a violation (which often stops early) cost less than the random draws they replace.
 */
export function instanceWork(res: Pick<InstanceResult, 'iterations'>): number {
  return Math.max(1, res.iterations);
}

/** Runs of `runs` spent by the target phase (none below 3 runs). */
export function targetShare(runs: number): number {
  return Math.floor(runs * TARGET_SHARE);
}

/** The best instances by ratio, best first, at most `size` of them (ties keep the earlier). */
export class BestInstances<P> {
  private readonly items: Array<{ params: P; ratio: number }> = [];
  constructor(private readonly size: number) {}

  add(params: P, ratio: number): void {
    if (!Number.isFinite(ratio)) return;
    if (this.items.length === this.size && ratio <= this.items[this.items.length - 1].ratio) return;
    let i = this.items.length;
    while (i > 0 && this.items[i - 1].ratio < ratio) i--;
    this.items.splice(i, 0, { params: structuredClone(params), ratio });
    if (this.items.length > this.size) this.items.pop();
  }

  get count(): number {
    return this.items.length;
  }

  list(): Array<{ params: P; ratio: number }> {
    return this.items;
  }
}

/** What the target phase did, for the report. */
export interface TargetSummary {
  /** Instances drawn at random (the claim's examples and the stored counterexamples included). */
  generated: number;
  /**
   * Candidates the search evaluated: `rejected` of them outside the claim's domain and
   * `missedHypotheses` of them missing a hypothesis. Both are points outside the region the search
   * explores, not instances: the claim's `instances` and `hypothesesMet` count only the rest.
   */
  targeted: number;
  rejected?: number;
  missedHypotheses?: number;
  /** Evaluations the search was allowed (TARGET_EVALUATIONS_PER_RUN per run of its share, within `work`). */
  budget: number;
  /** Work (method iterations, instanceWork) the search spent, and was allowed: the share's runs times the random instances' mean. */
  work?: { spent: number; budget: number };
  /** Largest ratio among the random instances (the search's starting point). */
  startRatio: number | null;
  /** Largest ratio the search reached (a violation's own ratio when it found one). */
  bestRatio: number | null;
  /** The search found the violation (then shrunk by fast-check). */
  found: boolean;
  /**
   * The found violation simplified along its coordinates before fast-check got it (for arbitraries that
   * cannot shrink a value they did not draw): the re-runs spent, and the moves kept.
   */
  simplified?: { evaluations: number; moves: number };
  /** The deadline cut the search before its budget was spent. */
  cut?: boolean;
  /** Why the search did not run: the random phase found a violation, or nothing to start from. */
  note?: string;
}

export interface TargetOptions<P> {
  /** The claim, with the arbitrary its instances are drawn from as `params`. */
  claim: Claim<P>;
  starts: Array<{ params: P; ratio: number }>;
  /** The random phase's instances that compared something, with their ratios (the corner's evidence). */
  sample?: Array<{ params: P; ratio: number }>;
  /** Instances of the arbitrary giving each field its range (searchInstances draws them when absent). */
  domain?: P[];
  /** Evaluations allowed. */
  budget: number;
  /** Work allowed (see instanceWork): the search stops at whichever of the two runs out first. */
  work?: number;
  seed: number;
  deadline?: number;
  /** Check one instance and count it; undefined when the claim threw (the search then stops), null when the candidate is outside the claim's domain. */
  evaluate(params: P): InstanceResult | undefined | null;
}

export interface TargetOutcome<P> {
  evaluations: number;
  /** Candidates outside the claim's domain (the claim threw on a value its arbitrary cannot vouch for). */
  rejected: number;
  /** Candidates that missed a hypothesis. */
  missedHypotheses: number;
  /** Work spent (see instanceWork). */
  work: number;
  bestRatio: number | null;
  /** The first violating instance the search met. */
  found?: P;
  /** Stopped by the deadline (an instance cut, or the clock) before the budget was spent. */
  cut: boolean;
  /** Stopped because the claim threw. */
  failed: boolean;
}

/** Unwinds the search at a violation, at the end of the budget, when the claim threw or at the deadline. */
class Stop extends Error {}

/** Climb the ratio from the starts within `budget` evaluations; stops at the first violation. */
export function runTarget<P>(o: TargetOptions<P>): TargetOutcome<P> {
  let evaluations = 0;
  let rejected = 0;
  let missedHypotheses = 0;
  let spent = 0;
  let bestRatio: number | null = null;
  let found: P | undefined;
  let cut = false;
  let failed = false;
  const score = (params: P): number | null => {
    if (found !== undefined || evaluations >= o.budget || (o.work !== undefined && spent >= o.work) || (o.deadline !== undefined && Date.now() >= o.deadline)) throw new Stop();
    evaluations++;
    const res = o.evaluate(params);
    if (res === null) {
      rejected++;
      spent++;
      return null;
    }
    if (res === undefined) {
      failed = true;
      throw new Stop();
    }
    spent += instanceWork(res);
    if (res.stop === 'deadline') {
      cut = true;
      throw new Stop();
    }
    if (!res.hypothesesMet) {
      missedHypotheses++;
      return null;
    }
    if (res.maxRatioAt === undefined) return null;
    if (bestRatio === null || res.maxRatio > bestRatio) bestRatio = res.maxRatio;
    if (res.firstViolation) {
      found = structuredClone(params);
      return VIOLATION_SCORE;
    }
    return res.maxRatio;
  };
  try {
    searchInstances({
      claim: o.claim,
      starts: o.starts.map((s) => s.params),
      startScores: o.starts.map((s) => s.ratio),
      sample: o.sample,
      domain: o.domain,
      score,
      budget: o.budget,
      seed: o.seed,
      stopAbove: VIOLATION_SCORE / 2,
      deadline: o.deadline,
    });
  } catch (e) {
    if (!(e instanceof Stop)) throw e;
  }
  if (found === undefined && !failed && evaluations < o.budget && o.deadline !== undefined && Date.now() >= o.deadline) cut = true;
  return { evaluations, rejected, missedHypotheses, work: spent, bestRatio, found, cut, failed };
}
