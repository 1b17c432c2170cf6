/**
 * Targeted search over a claim's instance parameters: maximise a score (the largest observed/bound
 * ratio) from a set of starting instances, within a budget of evaluations. Used by `tighten` and by
 * the target phase of `verify`. Deterministic for a given seed.
 */
import type { Claim } from '../claims/types.ts';
import { Rng } from '../random/rng.ts';

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
}

export interface SearchResult<P> {
  best: P | undefined;
  bestScore: number;
  evaluations: number;
  /** Best score after each improvement: the curve of best ratio against evaluations. */
  curve: Array<{ evaluations: number; best: number }>;
}

/** Placeholder search: perturb one numeric field of the best instance at a time. */
export function searchInstances<P>(o: SearchOptions<P>): SearchResult<P> {
  const rng = new Rng(o.seed, `search:${o.claim.id}`);
  let best = o.starts[0];
  let bestScore = o.startScores?.[0] ?? (best === undefined ? -Infinity : (o.score(best) ?? -Infinity));
  const curve = [{ evaluations: 0, best: bestScore }];
  let evaluations = 0;
  while (best !== undefined && evaluations < o.budget && !(o.stopAbove !== undefined && bestScore > o.stopAbove) && !(o.deadline !== undefined && Date.now() >= o.deadline)) {
    const copy = structuredClone(best) as Record<string, unknown>;
    const keys = Object.keys(copy).filter((k) => typeof copy[k] === 'number' && !/seed/i.test(k));
    if (keys.length === 0) break;
    const k = keys[Math.floor(rng.uniform() * keys.length)];
    const v = copy[k] as number;
    copy[k] = Number.isInteger(v) ? v + (rng.uniform() < 0.5 ? -1 : 1) : v * Math.exp(0.2 * (2 * rng.uniform() - 1));
    evaluations++;
    const s = o.score(copy as P);
    if (s !== null && s > bestScore) {
      best = copy as P;
      bestScore = s;
      curve.push({ evaluations, best: s });
    }
  }
  return { best, bestScore, evaluations, curve };
}
