/**
 * The target phase of `verify`. Random draws miss violations that live in a small corner of the
 * instance space (a near-miss constant violated only near the worst case, a rate violated only at small
 * condition numbers), so each claim spends a share of its runs climbing the largest observed/bound ratio
 * instead of drawing more instances: TARGET_SHARE of the runs (a third, rounded down) are not drawn, and
 * the search spends their work instead: the share's runs times the random instances' mean work (method
 * iterations), in at most TARGET_EVALUATIONS_PER_RUN evaluations per run. Candidates near a violation
 * often stop early, so the search can afford more of them than the draws it replaces, never more work.
 *
 * The search, from the best instances the random phase met:
 *  1. the corner the random phase points to (trendCorner: a least-squares fit of the log-ratio on the
 *     coordinates, each significant one moved to the end it points to, all at once), from the best starts;
 *  2. a boundary sweep: near misses sit where the instance space ends (the largest condition number, the
 *     smallest margin or multiple of a threshold, the narrowest width), so each searched coordinate of
 *     the best instance is moved to either end of its range in turn, keeping each move that raises the
 *     ratio, until a sweep changes nothing (a pattern search with the largest steps);
 *  3. seed redraws of the best configurations met (reseed: successive halving), for violations that
 *     need a lucky draw of the instance's random data at the corner;
 *  4. `searchInstances` (src/search, CMA-ES) with the rest of the budget from the best instance.
 *
 * Candidates outside the claim's domain (the claim threw on a value its arbitrary cannot vouch for) or
 * missing a hypothesis are points outside the region searched: the summary counts them (`rejected`,
 * `missedHypotheses`), the claim's instances and hypothesis statistics do not.
 *
 * A violation found by the search ends it; the runner then hands the instance to fast-check as an
 * example, which shrinks it as it shrinks any failure (as far as the arbitrary can shrink a value it did
 * not generate: record, integer, filtered and the grid arbitraries of src/claims/arbitraries.ts can;
 * chained ones and maps without an inverse cannot), so it is reported and replayed like any
 * counterexample. The phase is deterministic for a given seed: the search's seed is the claim's, and the
 * clock is read only for the deadline. Without an instance that compared something in the random phase
 * there is nothing to climb from, and the share is drawn at random like the rest.
 */
import fc from 'fast-check';
import type { Claim } from '../claims/types.ts';
import { searchInstances } from '../search/index.ts';
import { at, decodeOne, describeSpace, encode, get, searched, set } from '../search/space.ts';
import { identity, zeros } from '../linalg/dense.ts';
import { solveLinear } from '../linalg/decomp.ts';
import { Rng } from '../random/rng.ts';
import type { InstanceResult } from './instance.ts';

/** The share of a claim's runs spent by the target phase. */
export const TARGET_SHARE = 1 / 3;
/** Evaluations the search may make per run of its share, as long as their work stays within the share's. */
export const TARGET_EVALUATIONS_PER_RUN = 8;
/** Best instances of the random phase handed to the search as starting points. */
export const TARGET_STARTS = 8;
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

/** Domain sample size for the coordinates' ranges (as searchInstances draws by default). */
const DOMAIN_SAMPLE = 200;
/** Share of the budget left after the corner and the sweep that is spent redrawing the incumbent's seeds. */
const RESEED_SHARE = 1 / 2;
/** Configurations whose seeds are redrawn (halved each round). */
const RESEED_CONFIGS = 12;
/** Best starts the random phase's corner is taken from. */
const CORNER_STARTS = 3;

type Scored<P> = { params: P; ratio: number };

/**
 * Significant digits to which two ratios are the same: a field the ratio is invariant to in exact
 * arithmetic (a scale) still moves it by rounding, about 1e-16 per operation over the thousands of a
 * run, far below 1e-9; a move that changes the ratio only there is no move.
 */
const SAME_DIGITS = 9;
const sameRatio = (a: number, b: number): boolean => a.toPrecision(SAME_DIGITS) === b.toPrecision(SAME_DIGITS);

/**
 * The corner the random phase points to: the log-ratio of the random instances regressed (least squares)
 * on their searched coordinates, each normalised to [0, 1] over its range (log scale where the search uses
 * one), and every coordinate of `start` whose coefficient is significant (|t| > 2, about the 95% level of
 * no effect) moved to the end of its range the coefficient points to, all at once: one evaluation in
 * place of a sweep's two per coordinate where the ratio is monotone in the parameters. A joint fit, not
 * one correlation per coordinate, so that a dominant parameter (a constant the bound scales with) does
 * not hide the others' effects.
 */
export function trendCorner<P>(start: P, sample: Scored<P>[], domain: P[]): P | undefined {
  const coords = searched(describeSpace(start, domain)).filter((c) => c.path.length > 0);
  const k = coords.length + 1;
  const rows: number[][] = [];
  const y: number[] = [];
  for (const s of sample) {
    if (!(s.ratio > 0)) continue;
    const x = coords.map((c) => at(s.params, c.path));
    if (!x.every((v): v is number => typeof v === 'number')) continue;
    rows.push([1, ...encode(coords, s.params)]);
    y.push(Math.log(s.ratio));
  }
  const n = rows.length;
  if (coords.length === 0 || n < 2 * k + 4) return undefined;
  // normal equations with a ridge of 1e-9 of the mean diagonal, so that a constant or collinear column stays solvable
  const xtx = zeros(k, k), xty = zeros(k, 1);
  for (let r = 0; r < n; r++) {
    for (let i = 0; i < k; i++) {
      xty.data[i] += rows[r][i] * y[r];
      for (let j = 0; j < k; j++) xtx.data[i * k + j] += rows[r][i] * rows[r][j];
    }
  }
  let trace = 0;
  for (let i = 0; i < k; i++) trace += xtx.data[i * k + i];
  for (let i = 0; i < k; i++) xtx.data[i * k + i] += (1e-9 * trace) / k;
  const inv = solveLinear(xtx, identity(k));
  const beta = Array.from({ length: k }, (_, i) => inv.data.slice(i * k, i * k + k).reduce((a, v, j) => a + v * xty.data[j], 0));
  let rss = 0;
  for (let r = 0; r < n; r++) rss += (y[r] - rows[r].reduce((a, v, j) => a + v * beta[j], 0)) ** 2;
  const sigma2 = rss / (n - k);
  let p = structuredClone(start);
  let moved = false;
  coords.forEach((c, i) => {
    const se = Math.sqrt(sigma2 * inv.data[(i + 1) * k + i + 1]);
    if (!(Math.abs(beta[i + 1]) > 2 * se)) return;
    const v = decodeOne(c, beta[i + 1] > 0 ? 1 : 0);
    if (v !== get(p, c.path)) ((moved = true), (p = set(p, c.path, v) as P));
  });
  return moved ? p : undefined;
}

/**
 * The boundary sweep from `start`: each searched coordinate (seeds excepted) set to the low and the high
 * end of its sampled range, one at a time, a move kept when it raises the score; repeated while a sweep
 * keeps a move. A coordinate whose ends leave the score as it was (sameRatio: a scale the ratio is
 * invariant to) is not swept again. Returns the best instance and its score.
 */
function boundarySweep<P>(start: Scored<P>, domain: P[], score: (p: P) => number | null): Scored<P> {
  let best = start;
  const tried = new Set<string>([JSON.stringify(start.params)]);
  const settled = new Set<string>();
  for (let moved = true; moved; ) {
    moved = false;
    for (const c of searched(describeSpace(best.params, domain))) {
      const key = JSON.stringify(c.path);
      if (c.path.length === 0 || settled.has(key)) continue;
      let inert = true;
      for (const end of [0, 1]) {
        const p = structuredClone(best.params);
        set(p, c.path, decodeOne(c, end));
        const k = JSON.stringify(p);
        if (get(p, c.path) === get(best.params, c.path) || tried.has(k)) continue;
        tried.add(k);
        const before = best.ratio;
        const s = score(p);
        if (s === null || !sameRatio(s, before)) inert = false;
        if (s !== null && s > best.ratio && !sameRatio(s, best.ratio)) {
          best = { params: p, ratio: s };
          moved = true;
        }
      }
      if (inert) settled.add(key);
    }
  }
  return best;
}

/**
 * Redraws of the seeds (the fields naming the draw of an instance's random data) of the best
 * configurations met so far: where the other parameters sit near the worst corner, the ratio still
 * varies with the draw, often with a heavy tail (a random matrix's condition number), so a violation may
 * need a lucky draw, and one draw per configuration ranks configurations by luck. Successive halving:
 * each round gives every surviving configuration the same number of redraws, then keeps the better half
 * by the best ratio each reached. Returns the best instance met.
 */
function reseed<P>(configs: Scored<P>[], domain: P[], evaluations: number, rng: Rng, score: (p: P) => number | null): Scored<P> | undefined {
  const live = configs.slice(0, RESEED_CONFIGS).map((c) => ({ ...c, seeds: describeSpace(c.params, domain).filter((d) => d.kind === 'seed' && d.path.length > 0) })).filter((c) => c.seeds.length > 0);
  if (live.length === 0 || evaluations <= 0) return undefined;
  const rounds = Math.ceil(Math.log2(live.length)) + 1;
  let best: Scored<P> | undefined;
  for (let round = 0; round < rounds && live.length > 0; round++) {
    const each = Math.max(1, Math.floor(evaluations / rounds / live.length));
    for (const c of live) {
      for (let i = 0; i < each; i++) {
        const p = structuredClone(c.params);
        for (const d of c.seeds) set(p, d.path, rng.int(0x7fffffff));
        const s = score(p);
        if (s !== null && s > c.ratio) ((c.ratio = s), (c.params = p));
        if (s !== null && (best === undefined || s > best.ratio)) best = { params: p, ratio: s };
      }
    }
    live.sort((a, b) => b.ratio - a.ratio);
    live.length = Math.ceil(live.length / 2);
  }
  return best;
}

/** Climb the ratio from the starts within `budget` evaluations; stops at the first violation. */
export function runTarget<P>(o: TargetOptions<P>): TargetOutcome<P> {
  let evaluations = 0;
  let rejected = 0;
  let missedHypotheses = 0;
  let spent = 0;
  const visited: Scored<P>[] = [];
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
    visited.push({ params, ratio: res.maxRatio });
    if (res.firstViolation) {
      found = structuredClone(params);
      return VIOLATION_SCORE;
    }
    return res.maxRatio;
  };
  try {
    const domain = fc.sample(o.claim.params, { seed: o.seed, numRuns: DOMAIN_SAMPLE });
    let swept: Scored<P> | undefined;
    if (o.starts.length > 0) {
      swept = o.starts[0];
      // the corner from each of the best starts: one may fall outside the domain (a constraint between
      // fields such as a rank below a dimension) where another's other fields keep it inside
      for (const start of o.starts.slice(0, CORNER_STARTS)) {
        const corner = o.sample ? trendCorner(start.params, o.sample, domain) : undefined;
        if (corner === undefined) continue;
        const s = score(corner);
        if (s !== null && s > swept.ratio) swept = { params: corner, ratio: s };
      }
      swept = boundarySweep(swept, domain, score);
      // the configurations the corner and the sweep met, best first, as the redraws' candidates
      // (ratios equal to SAME_DIGITS digits are taken for one configuration: moves of a field the ratio is invariant to)
      const ratios = new Set<string>();
      const configs = [...visited].sort((a, b) => b.ratio - a.ratio).filter((c) => !ratios.has(c.ratio.toPrecision(SAME_DIGITS)) && ratios.add(c.ratio.toPrecision(SAME_DIGITS)));
      const reseeded = reseed(configs, domain, Math.floor((o.budget - evaluations) * RESEED_SHARE), new Rng(o.seed, 'target:reseed'), score);
      if (reseeded && reseeded.ratio > swept.ratio) swept = reseeded;
    }
    if (found === undefined && evaluations < o.budget) {
      const starts = swept ? [swept, ...o.starts.filter((s) => s !== o.starts[0])] : o.starts;
      searchInstances({
        claim: o.claim,
        starts: starts.map((s) => s.params),
        startScores: starts.map((s) => s.ratio),
        score,
        budget: o.budget - evaluations,
        seed: o.seed,
        stopAbove: VIOLATION_SCORE / 2,
        deadline: o.deadline,
        domain,
      });
    }
  } catch (e) {
    if (!(e instanceof Stop)) throw e;
  }
  if (found === undefined && !failed && evaluations < o.budget && o.deadline !== undefined && Date.now() >= o.deadline) cut = true;
  return { evaluations, rejected, missedHypotheses, work: spent, bestRatio, found, cut, failed };
}
