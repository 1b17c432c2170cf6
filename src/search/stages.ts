/**
 * The first stages of the targeted search (src/search/index.ts), before the optimiser: cheap moves that
 * find most tight instances of a theorem at once, since these sit where the instance space ends or
 * hinge on a lucky draw.
 *  - trendCorner: the corner a sample of scored instances points to (one evaluation per start);
 *  - boundarySweep: each searched coordinate moved to either end of its range, moves that raise the score
 *    kept (a pattern search with the largest steps): near misses sit at the largest condition number, the
 *    smallest margin, the narrowest width;
 *  - reseed: successive halving over the seeds of the best configurations met, for tightness that needs a
 *    lucky draw of an instance's random data.
 */
import { at, decodeOne, describeSpace, encode, get, searched, set, type Coordinate } from './space.ts';
import { identity, zeros } from '../linalg/dense.ts';
import { solveLinear } from '../linalg/decomp.ts';
import type { Rng } from '../random/rng.ts';

/**
 * Share of the budget left after the corner and the sweep that is spent redrawing seeds, and its cap:
 * past a few hundred redraws, redrawing is random sampling of a few configurations, and the numeric
 * search gets the rest.
 */
export const RESEED_SHARE = 1 / 2;
export const RESEED_CAP = 256;
/** Configurations whose seeds are redrawn (halved each round). */
export const RESEED_CONFIGS = 12;
/** Best starts the random phase's corner is taken from. */
export const CORNER_STARTS = 3;

export type Scored<P> = { params: P; ratio: number };

/**
 * Significant digits to which two ratios are the same: a field the ratio is invariant to in exact
 * arithmetic (a scale) still moves it by rounding, about 1e-16 per operation over the thousands of a
 * run, far below 1e-9; a move that changes the ratio only there is no move.
 */
export const SAME_DIGITS = 9;
export const sameRatio = (a: number, b: number): boolean => a.toPrecision(SAME_DIGITS) === b.toPrecision(SAME_DIGITS);

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
export function boundarySweep<P>(start: Scored<P>, domain: P[], score: (p: P) => number | null): Scored<P> {
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
export function reseed<P>(configs: Scored<P>[], domain: P[], evaluations: number, rng: Rng, score: (p: P) => number | null): Scored<P> | undefined {
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

/**
 * Simplification of an instance the search found, for arbitraries fast-check cannot shrink a value of
 * without the context of its draw (chained or mapped ones): each searched coordinate (seeds excepted)
 * moved to the lowest value the generator drew for that field (in `domain`) that keeps `keeps` true (the
 * instance still violates the claim), by bisection over the drawn values below the current one; passes
 * repeat until none moves, within `budget` calls of `keeps`. Only drawn values are proposed, so each
 * field stays on the generator's own grid; smaller dimensions and condition numbers are what fast-check's
 * shrinking would reach for. Fields still move one at a time, so a constraint between fields the claim
 * does not check can be crossed, as by the search itself.
 */
export function simplify<P>(params: P, domain: P[], keeps: (p: P) => boolean, budget: number): { params: P; evaluations: number; moves: number } {
  let current = structuredClone(params);
  let evaluations = 0;
  let moves = 0;
  const tried = new Set<string>([JSON.stringify(current)]);
  /** Whether `p` keeps the violation (each distinct candidate judged once, within the budget). */
  const accept = (p: P): boolean => {
    const key = JSON.stringify(p);
    if (tried.has(key) || evaluations >= budget) return false;
    tried.add(key);
    evaluations++;
    if (!keeps(p)) return false;
    current = p;
    moves++;
    return true;
  };
  const moved = (c: Coordinate, v: number): P => set(structuredClone(current), c.path, v) as P;
  for (let changed = true; changed && evaluations < budget; ) {
    changed = false;
    for (const c of searched(describeSpace(current, domain))) {
      if (c.path.length === 0 || typeof at(current, c.path) !== 'number') continue;
      const v = get(current, c.path);
      const below = [...new Set(domain.map((d) => at(d, c.path)).filter((x): x is number => typeof x === 'number' && x < v))].sort((x, y) => x - y);
      if (below.length === 0) continue;
      if (accept(moved(c, below[0]))) {
        changed = true;
        continue;
      }
      // the lowest drawn value that keeps the violation, between below[lo] (does not) and below[hi] (does; hi = length: the current value)
      let lo = 0, hi = below.length;
      while (hi - lo > 1 && evaluations < budget) {
        const mid = (lo + hi) >> 1;
        if (accept(moved(c, below[mid]))) ((hi = mid), (changed = true));
        else lo = mid;
      }
    }
  }
  return { params: current, evaluations, moves };
}
