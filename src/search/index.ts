/**
 * Targeted search over a claim's instance parameters: maximise a score (the largest observed/bound
 * ratio) from a set of starting instances, within a budget of evaluations. Used by `tighten` and by
 * the target phase of `verify`. Deterministic for a given seed.
 *
 * The default method ('cma'):
 *  1. the structure the claim declares (`claim.search.structured`), tried on the best start;
 *  2. the corner a sample of scored instances points to (when `sample` is given) and a boundary sweep
 *     from the best instance (src/search/stages.ts);
 *  3. one instance of each family (non-numeric signature) of the arbitrary that neither the starts nor
 *     the sample have, at most 8;
 *  4. seed redraws (successive halving) of the best configurations met (src/search/stages.ts);
 *  5. IPOP-CMA-ES over the numeric fields (src/search/space.ts: log scale for positive fields, grids
 *     rounded, ranges from a sample of the claim's arbitrary), restarting from the best instance of
 *     each distinct non-numeric signature (kind, family, ...) in turn, the population doubling each
 *     time the starts are all used;
 *  6. after each CMA-ES run, neighbourhood moves on the best instance: each grid field ±1 step, the
 *     seed redrawn, and the claim's own `mutate`;
 *  7. after a run that did not improve, generation for as many evaluations as the run used: fresh draws
 *     of the arbitrary and the best instance with its seeds redrawn (the alternation of Hypothesis's
 *     targeting: optimise while it improves, else generate).
 * A candidate outside the arbitrary's domain is repaired by clamping to the sampled range; when the
 * arbitrary can judge a value itself (`canShrinkWithoutContext`, true of unmapped arbitraries), a
 * candidate it rejects is not evaluated. 'hill-climb' is the earlier neighbourhood climb (a baseline).
 */
import fc from 'fast-check';
import type { Claim } from '../claims/types.ts';
import { Rng } from '../random/rng.ts';
import { cmaes } from './cmaes.ts';
import { hillClimb } from './hill-climb.ts';
import { at, decode, describeSpace, encode, get, searched, set, signature, type Coordinate } from './space.ts';
import { boundarySweep, CORNER_STARTS, RESEED_CAP, RESEED_SHARE, reseed, SAME_DIGITS, trendCorner, type Scored } from './stages.ts';

export interface SearchOptions<P> {
  claim: Claim<P>;
  /** Instances to start from, best first (already evaluated: their scores are `startScores`). */
  starts: P[];
  startScores?: number[];
  /** Score of an instance, larger is tighter; null when it is outside the domain or misses a hypothesis. */
  score(params: P): number | null;
  /** Evaluations allowed. */
  budget: number;
  seed: number;
  /** Stop as soon as a score exceeds this (a violation was found). */
  stopAbove?: number;
  /** Wall-clock deadline (epoch ms). */
  deadline?: number;
  /** 'cma' (default) or 'hill-climb' (the neighbourhood climb `tighten` used before, a baseline). */
  method?: SearchMethod;
  /** Instances of the claim's arbitrary giving each field its range (default: DOMAIN_SAMPLE drawn from `claim.params` with the seed). */
  domain?: P[];
  /** Scored instances met before the search (a random phase's), the evidence the corner stage fits. */
  sample?: Array<{ params: P; ratio: number }>;
}

/** Instances drawn for the coordinates' ranges when no `domain` is given. */
export const DOMAIN_SAMPLE = 200;

export type SearchMethod = 'cma' | 'hill-climb';

export interface SearchResult<P> {
  best: P | undefined;
  bestScore: number;
  evaluations: number;
  /** Best score after each improvement: the curve of best ratio against evaluations. */
  curve: Array<{ evaluations: number; best: number }>;
  /** Restarts of the optimiser (CMA-ES runs after the first, or hill-climb restarts). */
  restarts?: number;
}

/** Candidates already scored in a row after which the hill-climb stops (its neighbourhood is exhausted). */
const HILL_CLIMB_REPEATS = 10_000;

/** Thrown inside the search to unwind once the budget, the deadline or `stopAbove` is reached. */
class Done extends Error {}

export function searchInstances<P>(o: SearchOptions<P>): SearchResult<P> {
  const rng = new Rng(o.seed, `search:${o.claim.id}`);
  const random = () => rng.uniform();
  let best: P | undefined = o.starts[0];
  let bestScore = o.startScores?.[0] ?? -Infinity;
  const scored: Array<{ params: P; score: number }> = [];
  let evaluations = 0;
  // the starts' own scores are given; a start without one is evaluated like any candidate
  const cache = new Map<string, number | null>();
  const stopped = () =>
    evaluations >= o.budget || (o.stopAbove !== undefined && bestScore > o.stopAbove) || (o.deadline !== undefined && Date.now() >= o.deadline);
  const judge = o.claim.params as fc.Arbitrary<P>;
  const judgeable = o.starts.length > 0 && o.starts.every((s) => judge.canShrinkWithoutContext(s));
  const curve: Array<{ evaluations: number; best: number }> = [];
  /** Every candidate scored, in order (the seed redraws' configurations). */
  const met: Array<{ params: P; ratio: number }> = [];

  /** Score of p (cached by value), or null; throws Done once the search must stop. */
  const evaluate = (p: P): number | null => {
    const key = JSON.stringify(p);
    const hit = cache.get(key);
    if (hit !== undefined) return hit;
    if (stopped()) throw new Done();
    if (judgeable && !judge.canShrinkWithoutContext(p)) {
      cache.set(key, null);
      return null;
    }
    evaluations++;
    const s = o.score(p);
    const v = s === null || !Number.isFinite(s) ? null : s;
    cache.set(key, v);
    if (v !== null) met.push({ params: p, ratio: v });
    if (v !== null && v > bestScore) {
      best = p;
      bestScore = v;
      curve.push({ evaluations, best: v });
    }
    return v;
  };

  o.starts.forEach((p, i) => {
    const s = o.startScores?.[i];
    if (s !== undefined) {
      cache.set(JSON.stringify(p), s);
      scored.push({ params: p, score: s });
    }
  });
  if (o.startScores === undefined || o.startScores.length === 0) bestScore = -Infinity;
  else for (const s of scored) if (s.score > bestScore) ((best = s.params), (bestScore = s.score));
  curve.push({ evaluations: 0, best: bestScore });

  const stats = { restarts: 0 };
  try {
    for (const p of o.starts.slice(scored.length)) {
      const s = evaluate(p);
      if (s !== null) scored.push({ params: p, score: s });
    }
    scored.sort((a, b) => b.score - a.score);
    if (o.method === 'hill-climb') {
      // a neighbourhood the climb has exhausted proposes only candidates already scored (cached, not
      // counted): stop after HILL_CLIMB_REPEATS of them in a row, or the budget would never be spent
      let repeats = 0;
      stats.restarts = hillClimb(o, scored, (p) => {
        try {
          const before = evaluations;
          const v = evaluate(p);
          repeats = evaluations === before ? repeats + 1 : 0;
          return repeats > HILL_CLIMB_REPEATS ? false : v;
        } catch (e) {
          if (e instanceof Done) return false;
          throw e;
        }
      }, random).restarts;
    } else {
      cmaSearch(o, scored, evaluate, rng, () => ({ params: best as P, score: bestScore }), () => evaluations, met, stats);
    }
  } catch (e) {
    if (!(e instanceof Done)) throw e;
  }
  return { best, bestScore, evaluations, curve, restarts: stats.restarts };
}

/** Signatures missing from the starts that the search tries one instance of (kinds, families, lengths). */
const MAX_NEW_SIGNATURES = 8;

/** Structure, corner and sweep, the other families, seed redraws, then IPOP-CMA-ES restarts with neighbourhood polishing (counted in `stats`, which survives a Done). */
function cmaSearch<P>(o: SearchOptions<P>, scored: Array<{ params: P; score: number }>, evaluate: (p: P) => number | null, rng: Rng, incumbent: () => { params: P; score: number }, evaluations: () => number, met: Scored<P>[], stats: { restarts: number }): void {
  const random = () => rng.uniform();
  // 1. declared structure on the best start
  const structured = o.claim.search?.structured;
  if (structured && scored.length > 0) {
    for (const p of structured(scored[0].params, random)) {
      const v = evaluate(p);
      if (v !== null) scored.push({ params: p, score: v });
    }
    scored.sort((a, b) => b.score - a.score);
  }
  const domain = o.domain ?? fc.sample(o.claim.params, { seed: o.seed, numRuns: DOMAIN_SAMPLE });
  // 2. the corner and the boundary sweep
  if (scored.length > 0) approach(o, scored, domain, evaluate, incumbent);
  for (const m of met) if (!scored.some((s) => s.params === m.params)) scored.push({ params: m.params, score: m.ratio });
  scored.sort((a, b) => b.score - a.score);
  // the best of each non-numeric signature, best first: the restarts' starting points
  const seen = new Set<string>();
  const pool = scored.filter((s) => {
    const k = signature(s.params);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  if (pool.length === 0) return;
  const fromStarts = pool.length;
  // a family the sample scored already (below the starts) is not tried again here; generation may
  // still bring it into the pool
  const sampled = new Set((o.sample ?? []).map((x) => signature(x.params)));
  // 3. every family the generator produces gets a start: one instance of each signature of the domain
  // sample neither the starts nor the sample have (the most frequent first, at most 8), since no numeric
  // move reaches another kind
  const unseen = new Map<string, { params: P; count: number }>();
  for (const d of domain) {
    const k = signature(d);
    if (seen.has(k) || sampled.has(k)) continue;
    const u = unseen.get(k);
    if (u) u.count++;
    else unseen.set(k, { params: d, count: 1 });
  }
  for (const [k, u] of [...unseen].sort((a, b) => b[1].count - a[1].count).slice(0, MAX_NEW_SIGNATURES)) {
    const v = evaluate(u.params);
    if (v === null) continue;
    seen.add(k);
    pool.push({ params: u.params, score: v });
  }
  // 4. seed redraws of the best configurations met (scored: the starts and every candidate so far but the families')
  redraw(o, [...scored, ...pool.slice(fromStarts)].map((x) => ({ params: x.params, ratio: x.score })), domain, evaluate, evaluations);
  const generate = generation(o, domain, evaluate, random, incumbent, (p, score) => {
    const k = signature(p);
    if (seen.has(k)) return;
    seen.add(k);
    pool.push({ params: p, score });
  });
  let idle = 0;
  for (let r = 0; ; r++) {
    const before = evaluations();
    const bestBefore = incumbent().score;
    const round = Math.floor(r / pool.length);
    // each round starts with the incumbent, then the other signatures' best
    const base = r % pool.length === 0 ? incumbent().params : pool[r % pool.length].params;
    const space = describeSpace(base, domain);
    const dims = searched(space);
    if (dims.length > 0) {
      const lambda = (4 + Math.floor(3 * Math.log(dims.length))) * 2 ** Math.min(round, 5);
      const f = (u: number[]) => {
        const v = evaluate(decode(space, base, u) as P);
        return v === null ? Infinity : -v;
      };
      // the budget of calls is generous: repeated (cached) candidates cost no evaluation
      cmaes(f, rng, { x0: encode(space, base), sigma0: 0.3, lower: dims.map(() => 0), upper: dims.map(() => 1), lambda, budget: 200 * lambda + 50 * dims.length * lambda, tolX: 1e-6, tolFun: 1e-10 });
    }
    polish(o, space, evaluate, random, incumbent);
    // a round that did not improve: spend as many evaluations again on generation (fresh draws of the
    // arbitrary, the incumbent's seeds redrawn), which can reach what the numeric coordinates cannot
    const used = evaluations() - before;
    if (used > 0 && incumbent().score <= bestBefore) generate(used);
    if (r > 0) stats.restarts++;
    // a whole round over the starts without a new candidate: the reachable space is exhausted
    idle = evaluations() === before ? idle + 1 : 0;
    if (idle >= pool.length) return;
  }
}

/**
 * The corner the sample points to from each of the best starts (one may fall outside the domain, a
 * constraint between fields such as a rank below a dimension, where another's other fields keep it
 * inside), then the boundary sweep from the best (src/search/stages.ts).
 */
function approach<P>(o: SearchOptions<P>, scored: Array<{ params: P; score: number }>, domain: P[], evaluate: (p: P) => number | null, incumbent: () => { params: P; score: number }): void {
  for (const start of scored.slice(0, CORNER_STARTS)) {
    const corner = o.sample ? trendCorner(start.params, o.sample, domain) : undefined;
    if (corner !== undefined) evaluate(corner);
  }
  const best = incumbent();
  boundarySweep({ params: best.params, ratio: best.score }, domain, evaluate);
}

/**
 * Seed redraws of the configurations met, best first (ratios equal to SAME_DIGITS digits taken for one
 * configuration: moves of a field the ratio is invariant to), with RESEED_SHARE of the budget left, at
 * most RESEED_CAP evaluations.
 */
function redraw<P>(o: SearchOptions<P>, configs: Scored<P>[], domain: P[], evaluate: (p: P) => number | null, evaluations: () => number): void {
  const ratios = new Set<string>();
  const distinct = [...configs]
    .sort((a, b) => b.ratio - a.ratio)
    .filter((c) => {
      const k = c.ratio.toPrecision(SAME_DIGITS);
      return !ratios.has(k) && !!ratios.add(k);
    });
  const remaining = o.budget - evaluations();
  reseed(distinct, domain, Math.min(RESEED_CAP, Math.floor(remaining * RESEED_SHARE)), new Rng(o.seed, 'search:reseed'), evaluate);
}

/**
 * Generation between optimiser rounds: `n` evaluations, half on fresh draws of the claim's arbitrary (a
 * new signature among them joins the restarts' pool through `found`), half on the incumbent with its
 * seeds redrawn (what an opaque seed decides, such as a random direction, can only be resampled). All
 * fresh draws when the incumbent has no seed.
 */
function generation<P>(o: SearchOptions<P>, domain: P[], evaluate: (p: P) => number | null, random: () => number, incumbent: () => { params: P; score: number }, found: (p: P, score: number) => void): (n: number) => void {
  let batch = 0;
  return (n) => {
    const start = incumbent().params;
    const seeds = describeSpace(start, domain).filter((c) => c.kind === 'seed');
    const fresh = fc.sample(o.claim.params, { seed: (o.seed ^ 0x5bd1e995) + 7919 * ++batch, numRuns: seeds.length > 0 ? Math.ceil(n / 2) : n });
    const candidates: P[] = [...fresh];
    for (let k = fresh.length; k < n; k++) {
      let p = structuredClone(start);
      for (const c of seeds) p = set(p, c.path, Math.floor(random() * 0x7fffffff)) as P;
      candidates.push(p);
    }
    for (const p of candidates) {
      const v = evaluate(p);
      if (v !== null) found(p, v);
    }
  };
}

/** Neighbourhood moves on the incumbent until none improves: grid fields ±1 step, seeds redrawn, the claim's mutate. */
function polish<P>(o: SearchOptions<P>, space: Coordinate[], evaluate: (p: P) => number | null, random: () => number, incumbent: () => { params: P; score: number }): void {
  for (let pass = 0; pass < 20; pass++) {
    const start = incumbent();
    const moves: P[] = [];
    for (const c of space) {
      if (c.kind !== 'grid' || typeof at(start.params, c.path) !== 'number') continue;
      for (const dir of [-1, 1]) {
        const v = get(start.params, c.path) + dir / c.quantum;
        if (v < c.min || v > c.max) continue;
        moves.push(set(structuredClone(start.params), c.path, v) as P);
      }
    }
    for (const c of space) {
      if (c.kind !== 'seed' || typeof at(start.params, c.path) !== 'number') continue;
      for (let k = 0; k < 3; k++) {
        moves.push(set(structuredClone(start.params), c.path, Math.floor(random() * 0x7fffffff)) as P);
      }
    }
    if (o.claim.mutate) for (let k = 0; k < 5; k++) moves.push(o.claim.mutate(start.params, random));
    for (const p of moves) evaluate(p);
    if (incumbent().score <= start.score) return;
  }
}
