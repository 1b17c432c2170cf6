/**
 * Targeted search for tight instances (fast-check has no `target()`): explore with the claim's own
 * arbitrary, then hill-climb the plain instance parameters to maximise observed/bound, restarting from
 * the next best instance when a climb stalls. The result is the tightest instance found, its ratio, the
 * iteration where it peaks, and the observed contraction exponent against the claimed one.
 *
 * The budget bounds the search: each run is cut inside `observe` at the budget, and
 * `tightenWithBudget` runs the search on a worker thread that is terminated a grace period after it
 * (a run that loops without observing); the best instance found by then is the result.
 */
import fc from 'fast-check';
import type { Claim } from '../claims/types.ts';
import { linearFit } from '../claims/statistics.ts';
import { Rng } from '../random/rng.ts';
import { checkInstance } from './instance.ts';
import { iterationBudget } from './runner.ts';
import { GRACE_MS, runLimited } from './pool.ts';
import { searchInstances, type SearchMethod } from '../search/index.ts';

export interface TightenOptions {
  budgetMs: number;
  seed: number;
  maxIterations?: number;
  /** Instances drawn from the arbitrary before climbing. */
  explore?: number;
  /** Stop after this many evaluations (deterministic budgets for tests), or at budgetMs, whichever first. */
  maxEvaluations?: number;
  /**
   * Latest end of the search (epoch ms), when earlier than start + budgetMs: set for a worker, which is
   * terminated a grace period after the budget counted from its spawn, start-up included.
   */
  deadline?: number;
  /** The search after the exploration: 'cma' (default, src/search) or 'hill-climb' (the earlier neighbourhood climb). */
  method?: SearchMethod;
  onProgress?: (evaluations: number, best: number) => void;
  /** Called with each new best instance, and the counts so far. */
  onImprove?: (best: TightInstance, counts: { evaluations: number; valid: number; restarts: number; improvements: number }) => void;
}

/** An instance and its largest observed/bound ratio. */
export interface TightInstance {
  params: unknown;
  ratio: number;
  iteration: number;
  metric: string;
}

export interface Contraction {
  /** Per-step factors: exp of the fitted slopes of log observed and log bound against t. */
  observedFactor: number;
  claimedFactor: number;
  /** log(observed factor)/log(claimed factor): 2 means the observed metric contracts twice as fast. */
  exponentRatio: number;
  /** iterations used in the fit (the second half of the compared horizon) */
  fitRange: [number, number];
}

export interface TightenResult {
  claimId: string;
  ratio: number;
  params: unknown;
  iteration: number;
  metric: string;
  evaluations: number;
  valid: number;
  restarts: number;
  improvements: number;
  maxIterations: number;
  contraction: Contraction | null;
  /** Median exponent ratio over the best explored instances whose runs reached the floor (the typical gap). */
  medianExponentRatio: number | null;
  /** Why the search ended before it was done (a run that did not stop within the budget): the best instance so far. */
  cut?: string;
  /** The search used after the exploration. */
  method?: SearchMethod;
  /** Best ratio against evaluations (exploration included), one point per improvement. */
  curve?: Array<{ evaluations: number; best: number }>;
}

export { defaultMutate } from '../search/hill-climb.ts';

/**
 * Observed against claimed contraction on one instance, fitted on the second half of the compared
 * horizon. Only runs that reached the roundoff floor are fitted: a run cut by the iteration budget may
 * still be in its transient, and its slope would understate the asymptotic rate.
 */
export function contractionOf(claim: Claim<unknown>, params: unknown, maxIterations: number, deadline?: number): Contraction | null {
  const res = checkInstance(claim, params, { maxIterations, record: true, deadline });
  const tr = res.trace;
  if (!tr || tr.t.length < 8 || res.stop !== 'floor') return null;
  // the observed metric stalls at its own roundoff level long before the bound reaches the floor:
  // fit only iterations where the observed value is above the floor as well
  let end = tr.t.length;
  while (end > 0 && !(tr.observed[end - 1] > tr.floor)) end--;
  const start = Math.floor(end / 2);
  const ts: number[] = [], lo: number[] = [], lb: number[] = [];
  for (let i = start; i < end; i++) {
    if (tr.observed[i] > 0 && tr.bound[i] > 0) {
      ts.push(tr.t[i]);
      lo.push(Math.log(tr.observed[i]));
      lb.push(Math.log(tr.bound[i]));
    }
  }
  if (ts.length < 4 || ts[0] === ts[ts.length - 1]) return null;
  const so = linearFit(ts, lo).slope;
  const sb = linearFit(ts, lb).slope;
  if (!(sb < 0)) return null;
  return { observedFactor: Math.exp(so), claimedFactor: Math.exp(sb), exponentRatio: so / sb, fitRange: [ts[0], ts[ts.length - 1]] };
}

/** A search that ended with no instance at all within the budget (every run cut, or the worker died). */
export class TightenCut extends Error {
  override name = 'TightenCut';
}

export function tighten<P>(claim: Claim<P>, options: TightenOptions): TightenResult {
  const startedAt = Date.now();
  // runs are cut inside observe at the budget; the contraction fits get half a grace period more
  const deadline = Math.min(startedAt + options.budgetMs, options.deadline ?? Infinity);
  const fitDeadline = Math.min(deadline + GRACE_MS / 2, (options.deadline ?? Infinity) + GRACE_MS / 8);
  const maxIterations = iterationBudget(claim as Claim<unknown>, { maxIterations: options.maxIterations });
  const rng = new Rng(options.seed, `tighten:${claim.id}`);
  const random = () => rng.uniform();
  let evaluations = 0, valid = 0, restarts = 0, improvements = 0;
  const more = () => Date.now() < deadline && (options.maxEvaluations === undefined || evaluations < options.maxEvaluations);
  let firstError: unknown;
  let cutRuns = 0;

  interface Scored { params: P; ratio: number; iteration: number; metric: string }
  let bestSoFar: Scored | undefined;
  const curve: Array<{ evaluations: number; best: number }> = [];
  const evaluate = (params: P): Scored | null => {
    evaluations++;
    try {
      const res = checkInstance(claim, params, { maxIterations, deadline });
      // a run cut at the budget is incomplete: its ratio is no measure of the instance
      if (res.stop === 'deadline') cutRuns++;
      if (!res.hypothesesMet || res.stop === 'deadline' || !res.maxRatioAt || !Number.isFinite(res.maxRatio)) return null;
      valid++;
      const s = { params, ratio: res.maxRatio, iteration: res.maxRatioAt.iteration, metric: res.maxRatioAt.metric };
      if (!bestSoFar || s.ratio > bestSoFar.ratio) {
        bestSoFar = s;
        curve.push({ evaluations, best: s.ratio });
        options.onImprove?.(s, { evaluations, valid, restarts, improvements: curve.length - 1 });
      }
      return s;
    } catch (e) {
      firstError ??= e;
      return null; // a neighbour outside the builder's domain
    }
  };

  const population: Scored[] = [];
  const consider = (s: Scored | null) => {
    if (!s) return;
    population.push(s);
    population.sort((a, b) => b.ratio - a.ratio);
    if (population.length > 8) population.pop();
  };
  const explore = options.explore ?? 60;
  const candidates = [...(claim.examples ?? []), ...fc.sample(claim.params, { seed: options.seed, numRuns: explore })];
  const exponentRatios: number[] = [];
  // every explored instance that compared something: the evidence of the search's corner stage
  const explored: Array<{ params: P; ratio: number }> = [];
  for (const p of candidates) {
    if (!more() && population.length > 0) break;
    const s = evaluate(p);
    if (s) explored.push({ params: s.params, ratio: s.ratio });
    consider(s);
  }
  for (const s of population) {
    if (Date.now() >= deadline) break;
    const c = contractionOf(claim as Claim<unknown>, s.params, maxIterations, deadline);
    if (c) exponentRatios.push(c.exponentRatio);
  }
  if (population.length === 0) {
    const all = `${evaluations === 1 ? 'the one' : `all ${evaluations}`} explored instance${evaluations === 1 ? '' : 's'}`;
    if (firstError !== undefined) {
      const msg = firstError instanceof Error ? firstError.message : String(firstError);
      throw new RangeError(`${claim.id}: nothing to tighten: ${valid === 0 && evaluations > 0 ? `the claim threw on ${all}` : 'the claim threw'}, first: ${msg.split('\n')[0]}`);
    }
    if (cutRuns > 0) throw new TightenCut(`${claim.id}: nothing to tighten: no run finished within the budget (${cutRuns} cut at it); give a larger --budget or a smaller --max-iterations`);
    throw new RangeError(`${claim.id}: no explored instance met the hypotheses; nothing to tighten`);
  }

  // the search: starts are the explored population, best first; its evaluations go through `evaluate`
  const method = options.method ?? 'cma';
  const found = searchInstances<P>({
    claim,
    starts: population.map((s) => s.params),
    startScores: population.map((s) => s.ratio),
    score: (p) => {
      const s = evaluate(p);
      if (evaluations % 50 === 0) options.onProgress?.(evaluations, bestSoFar?.ratio ?? -Infinity);
      return s ? s.ratio : null;
    },
    budget: options.maxEvaluations === undefined ? Number.MAX_SAFE_INTEGER : Math.max(0, options.maxEvaluations - evaluations),
    sample: explored,
    seed: options.seed,
    deadline,
    method,
  });
  restarts = found.restarts ?? 0;
  improvements = curve.length - 1;
  const best: Scored = bestSoFar ?? population[0];
  exponentRatios.sort((a, b) => a - b);
  return {
    claimId: claim.id,
    ratio: best.ratio,
    params: best.params,
    iteration: best.iteration,
    metric: best.metric,
    evaluations,
    valid,
    restarts,
    improvements,
    maxIterations,
    contraction: Date.now() < fitDeadline ? contractionOf(claim as Claim<unknown>, best.params, maxIterations, fitDeadline) : null,
    medianExponentRatio: exponentRatios.length ? exponentRatios[Math.floor((exponentRatios.length - 1) / 2)] : null,
    method,
    curve,
  };
}


/**
 * `tighten` bounded by its budget even when a run never returns: on a worker thread (when the claim can
 * be reloaded there from `file` or `module`), terminated a grace period after the budget. The result is
 * then the best instance found so far, without contraction fit, with `cut` saying why; with no
 * instance at all, a TightenCut.
 */
export async function tightenWithBudget(source: { claim: Claim<unknown>; file?: string; module?: string }, options: TightenOptions): Promise<TightenResult> {
  const { claim } = source;
  if (source.file === undefined && source.module === undefined) return tighten(claim, options);
  const { onProgress, onImprove, ...plain } = options;
  let best: TightInstance | undefined;
  let counts = { evaluations: 0, valid: 0, restarts: 0, improvements: 0 };
  // the curve as the worker reports it, for a search cut before it returns its own
  const curve: Array<{ evaluations: number; best: number }> = [];
  const onMessage = (m: unknown) => {
    const msg = m as { kind: string; evaluations?: number; best?: unknown; counts?: typeof counts };
    if (msg.kind === 'progress') {
      counts = { ...counts, evaluations: Math.max(counts.evaluations, msg.evaluations ?? 0) };
      onProgress?.(msg.evaluations ?? 0, msg.best as number);
    } else if (msg.kind === 'best') {
      best = msg.best as TightInstance;
      counts = { ...counts, ...msg.counts };
      curve.push({ evaluations: counts.evaluations, best: best.ratio });
      onImprove?.(best, counts);
    }
  };
  type Reply = { ok: true; result: TightenResult } | { ok: false; kind: string; message: string };
  const task = { claimId: claim.id, claimFile: source.file, catalogModule: source.file ? undefined : source.module, options: { ...plain, deadline: Date.now() + options.budgetMs + (3 * GRACE_MS) / 4 } };
  const got = await runLimited<Reply>('tighten', task, options.budgetMs + GRACE_MS, onMessage);
  if (got.status === 'done') {
    if (got.value.ok) return got.value.result;
    const { kind, message } = got.value;
    throw kind === 'cut' ? new TightenCut(message) : kind === 'range' ? new RangeError(message) : new Error(message);
  }
  const why = got.status === 'cut' ? `a run did not stop within the ${+(options.budgetMs / 1000).toPrecision(6)} s budget; the worker was terminated` : got.message;
  if (!best) throw new TightenCut(`${claim.id}: nothing to tighten: ${why}, before any instance was measured`);
  return {
    claimId: claim.id,
    ...best,
    ...counts,
    maxIterations: iterationBudget(claim, { maxIterations: options.maxIterations }),
    contraction: null,
    medianExponentRatio: null,
    cut: `${why}; the best instance found before`,
    method: options.method ?? 'cma',
    curve,
  };
}
