/**
 * The neighbourhood hill-climb (the search of `tighten` before CMA-ES, kept as a baseline): perturb one
 * or two numeric fields of the current instance, keep the change if the score improves, halve the step
 * after stalls and restart from the next best start after 40.
 */
import type { Claim } from '../claims/types.ts';

/** Default neighbourhood: perturb one or two numeric fields (integers by ±1, reals multiplicatively, seeds redrawn). */
export function defaultMutate(params: unknown, random: () => number, step: number): unknown {
  const copy = structuredClone(params) as Record<string, unknown>;
  const paths: string[][] = [];
  const collect = (o: Record<string, unknown>, prefix: string[]) => {
    for (const [k, v] of Object.entries(o)) {
      if (typeof v === 'number' && Number.isFinite(v)) paths.push([...prefix, k]);
      else if (v && typeof v === 'object' && !Array.isArray(v)) collect(v as Record<string, unknown>, [...prefix, k]);
    }
  };
  if (typeof copy !== 'object' || copy === null) return copy;
  collect(copy, []);
  if (paths.length === 0) return copy;
  const changes = Math.min(paths.length, random() < 0.5 ? 1 : 2);
  for (let c = 0; c < changes; c++) {
    // distinct fields, so that two changes never cancel
    const path = paths.splice(Math.floor(random() * paths.length), 1)[0];
    let o = copy as Record<string, unknown>;
    for (const k of path.slice(0, -1)) o = o[k] as Record<string, unknown>;
    const key = path[path.length - 1];
    const v = o[key] as number;
    if (/seed/i.test(key)) o[key] = Math.floor(random() * 0x7fffffff);
    else if (Number.isInteger(v) && Math.abs(v) < 1e6) o[key] = v + (random() < 0.5 ? -1 : 1);
    else o[key] = v * Math.exp(step * (2 * random() - 1));
  }
  return copy;
}

/**
 * Climb from the starts (best first, at most 8 kept). `evaluate` returns the score or null (outside the
 * domain) and false once the search must stop.
 */
export function hillClimb<P>(o: { claim: Pick<Claim<P>, 'mutate'> }, starts: Array<{ params: P; score: number }>, evaluate: (p: P) => number | null | false, random: () => number): { restarts: number } {
  const population = starts.slice(0, 8);
  let restarts = 0;
  if (population.length === 0) return { restarts };
  let current = population[0];
  let stall = 0, step = 0.5, restartIndex = 0;
  for (;;) {
    const mutated = (o.claim.mutate ? o.claim.mutate(current.params, random) : defaultMutate(current.params, random, step)) as P;
    const s = evaluate(mutated);
    if (s === false) return { restarts };
    if (s !== null && s > current.score) {
      current = { params: mutated, score: s };
      stall = 0;
    } else if (++stall > 40) {
      restarts++;
      restartIndex = (restartIndex + 1) % population.length;
      current = population[restartIndex];
      stall = 0;
      step = 0.5;
    } else if (stall % 10 === 0) {
      step = Math.max(0.01, step / 2);
    }
  }
}
