/**
 * `verifyClaims`: the library call behind `ratecheck verify`. It takes claims (or claims with the
 * module they come from), applies a profile, derives each claim's seed from the global seed, tries the
 * counterexample store first, verifies on worker threads when it can (each claim's seed does not depend
 * on the thread), and writes the report when given a directory.
 */
import { availableParallelism } from 'node:os';
import { dirname, resolve } from 'node:path';
import { mkdirSync } from 'node:fs';
import type { Claim, ProfileName } from '../claims/types.ts';
import { iterationBudget, verifyClaim } from './runner.ts';
import type { ClaimResult } from './result.ts';
import { CounterexampleStore } from './store.ts';
import { ObservationParts } from './observe.ts';
import { verifyInPool, type WorkerTask } from './pool.ts';
import type { DrawnFigure } from '../reporting/html.ts';
import { figureKeeper, verifiedFigure } from '../reporting/figures/kept.ts';
import { SCHEMA_VERSION, TOOL_VERSION, attachPower, buildEntry, summarize, writeAtomic, type ClaimEntry, type Report } from '../reporting/report.ts';
import type { PowerResult } from './power.ts';
import { junitXml } from '../reporting/junit.ts';
import { lockOutput, validateOutputs, writeReport } from '../reporting/write.ts';

export interface Profile {
  runs: number;
  iterationScale: number;
  /** wall-clock budget of the whole run, seconds (none: unlimited) */
  timeLimit?: number;
}

/** quick: a smoke run for pull requests; default: the README's run; thorough: nightly. */
export const PROFILES: Record<ProfileName, Profile> = {
  quick: { runs: 20, iterationScale: 0.25, timeLimit: 120 },
  default: { runs: 100, iterationScale: 1 },
  thorough: { runs: 500, iterationScale: 5 },
};

/** A claim with where it comes from: worker threads reload it from `file` (a claim file) or `module` (a catalog module URL). */
export interface ClaimSource {
  claim: Claim<any>;
  file?: string;
  module?: string;
}

export interface VerifyClaimsOptions {
  /** Random instances per claim (default: the profile's). */
  runs?: number;
  /** Global seed (default 42); each claim runs with a seed derived from it and the claim's id. */
  seed?: number;
  /** Wall-clock budget of the whole run, seconds (default: the profile's); claims cut short are inconclusive. */
  timeLimit?: number;
  /** Iteration budget of one trajectory, overriding each claim's own. */
  maxIterations?: number;
  /** Run the dense methods where an exact reduced path exists. */
  dense?: boolean;
  profile?: ProfileName;
  /** Counterexample store directory: stored instances are tried first, new ones added (default: none). */
  store?: string;
  /** Only the i-th of N slices of the claims (1 ≤ i ≤ N). */
  shard?: { index: number; count: number };
  /** Worker threads (default: the cores available when there are 4 claims or more and every claim can be reloaded). */
  workers?: number;
  /** Write report.json, report.md, report.html and the counterexamples here (default: nothing is written). */
  out?: string;
  /** Also write JUnit XML here. */
  junit?: string;
  /** The target phase (a third of each claim's runs climb the ratio, src/checking/target.ts); default true. */
  target?: boolean;
  /** Write one JSON line per evaluated instance here (Hypothesis's observability format, src/checking/observe.ts). */
  observe?: string;
  /** Called as each claim's result arrives. */
  onResult?: (claim: Claim<any>, result: ClaimResult, done: number, total: number) => void;
  /** Warnings (unusable stored counterexamples, ...). */
  warn?: (message: string) => void;
  /** Where the run's time went, once the report is written (`--stats`, the benchmarks). */
  onTimings?: (timings: VerifyTimings) => void;
  /** Detection thresholds from `ratecheck power` to show beside the verdicts (JSON, Markdown and HTML reports). */
  power?: readonly PowerResult[];
}

/** Where a verify run's time went, ms. */
export interface VerifyTimings {
  /** Wall-clock time until every claim's result was in (figures drawn beside them included). */
  claimsMs: number;
  /** Time spent drawing the report's figures from the kept traces, summed over the workers. */
  figuresMs: number;
  /** Wall-clock time of writing the report (the figures still to draw, the files, the JUnit XML). */
  writeMs: number;
  /** figuresMs + writeMs: what the report costs on top of verifying the claims. */
  reportMs: number;
}

function asSource(c: Claim<any> | ClaimSource): ClaimSource {
  return 'claim' in c && typeof (c as ClaimSource).claim === 'object' && !('instantiate' in c) ? (c as ClaimSource) : { claim: c as Claim<any> };
}

/**
 * Verify claims and return the report (written to `out` when given). The output paths are checked
 * before anything runs (an OutputError, nothing written), and the report directory is locked for the
 * whole run: a second run on it is refused with "another ratecheck run holds <dir>" (a LockError).
 */
export async function verifyClaims(claims: ReadonlyArray<Claim<any> | ClaimSource>, o: VerifyClaimsOptions = {}): Promise<Report> {
  validateOutputs({ out: o.out, junit: o.junit, store: o.store, observe: o.observe });
  const lock = o.out !== undefined ? lockOutput(o.out) : undefined;
  const parts = o.observe !== undefined ? new ObservationParts(o.observe) : undefined;
  try {
    return await verifyUnlocked(claims, o, parts);
  } finally {
    parts?.dispose();
    lock?.release();
  }
}

async function verifyUnlocked(claims: ReadonlyArray<Claim<any> | ClaimSource>, o: VerifyClaimsOptions, parts?: ObservationParts): Promise<Report> {
  const started = performance.now();
  let selected = claims.map(asSource);
  if (o.shard) {
    const { index, count } = o.shard;
    if (!(Number.isInteger(count) && count >= 1 && Number.isInteger(index) && index >= 1 && index <= count)) throw new RangeError('shard must be i/N with 1 ≤ i ≤ N');
    selected = selected.filter((_, i) => i % count === index - 1);
  }
  const profileName = o.profile ?? 'default';
  const profile = PROFILES[profileName];
  if (!profile) throw new RangeError(`unknown profile '${profileName}' (quick, default or thorough)`);
  const runs = o.runs ?? profile.runs;
  const seed = o.seed ?? 42;
  const timeLimit = o.timeLimit ?? profile.timeLimit;
  const dense = o.dense ?? false;
  const outDir = o.out !== undefined ? resolve(o.out) : undefined;
  const store = o.store !== undefined ? new CounterexampleStore(resolve(o.store)) : null;
  const warn = o.warn ?? (() => {});
  const deadline = timeLimit !== undefined ? Date.now() + timeLimit * 1000 : undefined;
  const tasks: WorkerTask[] = selected.map(({ claim, file, module }, index) => {
    const maxIterations = iterationBudget(claim as Claim<unknown>, { maxIterations: o.maxIterations, iterationScale: profile.iterationScale });
    const stored = store && !claim.aggregate ? store.usable(claim, maxIterations, warn) : [];
    return { index, claimId: claim.id, expected: claim.expected, claimFile: file, catalogModule: module, profile: profileName, deadline, figure: outDir !== undefined, options: { runs, seed, maxIterations, dense, replayFirst: stored, ...(o.target === false ? { target: false } : {}), ...(parts ? { observe: parts.part(index) } : {}) } };
  });
  const reloadable = tasks.every((t) => t.claimFile !== undefined || t.catalogModule !== undefined);
  // never more workers than cores (the CLI says so); with a deadline, claims run on worker threads even
  // with one worker, so that a run that does not stop at the deadline can be terminated
  const workers = reloadable ? Math.max(1, Math.min(o.workers ?? (tasks.length >= 4 ? availableParallelism() : 1), availableParallelism(), tasks.length)) : 1;
  const inPool = reloadable && (workers > 1 || deadline !== undefined);
  let done = 0;
  const figures = new Map<string, DrawnFigure | null>();
  let figuresMs = 0;
  const onResult = (task: WorkerTask, result: ClaimResult, figure?: DrawnFigure | null, figureMs = 0) => {
    done++;
    figuresMs += figureMs;
    if (figure !== undefined) figures.set(task.claimId, figure);
    o.onResult?.(selected[task.index].claim, result, done, tasks.length);
  };
  let results: ClaimResult[];
  if (inPool) {
    results = await verifyInPool(tasks, workers, onResult);
  } else {
    results = tasks.map((task) => {
      const { claim } = selected[task.index];
      const keeper = outDir !== undefined ? figureKeeper(claim, seed) : undefined;
      const result = verifyClaim(keeper ? keeper.claim : claim, {
        ...task.options,
        timeLimitMs: deadline !== undefined ? Math.max(0, deadline - Date.now()) : undefined,
        params: claim.profiles?.[profileName],
      });
      const drawing = performance.now();
      const figure = outDir !== undefined ? verifiedFigure(claim, result, { dense, deadline, keeper }) : undefined;
      onResult(task, result, figure, performance.now() - drawing);
      return result;
    });
  }
  parts?.merge(tasks.length);
  const claimsDone = performance.now();
  const entries: ClaimEntry[] = selected.map(({ claim, file }, i) => {
    const result = results[i];
    if (store && result.counterexample && !result.counterexample.aggregate) store.add(claim.id, result.counterexample.params);
    return buildEntry(claim as Claim<unknown>, result, outDir ?? '', file);
  });
  const report: Report = {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: 'ratecheck', version: TOOL_VERSION },
    createdAt: new Date().toISOString(),
    options: { runs, seed, timeLimitSec: timeLimit ?? null, maxIterations: o.maxIterations ?? null, dense, profile: profileName, shard: o.shard ? `${o.shard.index}/${o.shard.count}` : null },
    // wall-clock time of the run (the JUnit suite time), not the sum of the claims' times across workers
    summary: { ...summarize(entries), wallTimeMs: Math.round(performance.now() - started) },
    claims: entries,
  };
  if (o.power) attachPower(report, o.power);
  // the deadline covers the whole run: past it, figures not drawn yet are skipped
  const skipped = new Map<string, string>();
  if (deadline !== undefined && Date.now() >= deadline) for (const { claim } of selected) if (!figures.has(claim.id)) skipped.set(claim.id, 'drawing it was skipped, the time limit had run out');
  if (outDir !== undefined) await writeReport(outDir, report, { claims: selected.map((c) => c.claim), precomputed: figures, skipped });
  if (o.junit) {
    mkdirSync(dirname(resolve(o.junit)), { recursive: true });
    writeAtomic(resolve(o.junit), junitXml(report));
  }
  const writeMs = performance.now() - claimsDone;
  o.onTimings?.({ claimsMs: claimsDone - started, figuresMs, writeMs, reportMs: figuresMs + writeMs });
  return report;
}
