/**
 * Task handlers of the worker threads (tinypool loads this module). `handle` (the default): one claim
 * task at a time (claim id, the claim file or catalog module it comes from, plain options), verified with
 * the same code as the serial path. `replay` and `tighten`: the time-limited runs of those commands.
 * Failures come back as replies, not exceptions.
 */
import { isMainThread, type MessagePort } from 'node:worker_threads';
import { ClaimDefect, type Claim } from '../claims/types.ts';
import { verifyClaim } from './runner.ts';
import { builtinClaims, loadCatalogModule, loadClaimFile } from '../cli/load.ts';
import type { CounterexampleFile } from '../reporting/report.ts';
import type { DrawnFigure } from '../reporting/html.ts';
import { figureKeeper, verifiedFigure } from '../reporting/figures/kept.ts';
import { replayCounterexample, type ReplayOutcome } from './replay.ts';
import { tighten, type TightenOptions, type TightenResult } from './tighten.ts';
import type { WorkerReply, WorkerTask } from './pool.ts';

export type { WorkerReply, WorkerTask } from './pool.ts';

// a claim that calls process.exit would end the thread without a reply: while a claim runs, that is an
// ordinary error (Node's own uses, such as ending a thread on an uncaught exception, are left alone)
let inClaim = 0;
if (!isMainThread) {
  const exit = process.exit.bind(process);
  process.exit = ((code?: number) => {
    if (inClaim > 0) throw new Error(`the claim called process.exit(${code ?? ''})`);
    return exit(code);
  }) as typeof process.exit;
}

function guarded<T>(run: () => T): T {
  inClaim++;
  try {
    return run();
  } finally {
    inClaim--;
  }
}

/** Where a claim is reloaded from in a worker: its claim file, or the catalog module. */
export interface ClaimLocation {
  claimId: string;
  claimFile?: string;
  catalogModule?: string;
}

async function findClaim(at: ClaimLocation): Promise<Claim<unknown> | undefined> {
  const pool = at.claimFile ? await loadClaimFile(at.claimFile) : at.catalogModule ? builtinClaims(await loadCatalogModule(at.catalogModule)) : [];
  return pool.find((c) => c.claim.id === at.claimId)?.claim;
}

export async function handle(task: WorkerTask): Promise<WorkerReply> {
  try {
    const claim = await findClaim(task);
    if (!claim) return { index: task.index, ok: false, message: `unknown claim id '${task.claimId}'` };
    const params = task.profile ? claim.profiles?.[task.profile] : undefined;
    // with a report to write, the claim keeps the traces its figure draws while it is verified
    const keeper = task.figure ? figureKeeper(claim, task.options.seed) : undefined;
    const result = guarded(() => verifyClaim(keeper ? keeper.claim : claim, { ...task.options, params, deadline: task.deadline }));
    // let timers the claim armed fire now, so that one that throws takes down this task, not the next
    await new Promise((r) => setTimeout(r, 0));
    task.port?.postMessage({ result });
    // after the deadline no figure is drawn: the deadline covers the whole run; and only the figures the
    // report shows are drawn (a figure that fails is drawn again, and its failure reported, by the report)
    const drawing = performance.now();
    const figure: DrawnFigure | null | undefined = task.figure ? verifiedFigure(claim, result, { dense: task.options.dense ?? false, deadline: task.deadline, keeper, guard: guarded }) : undefined;
    return { index: task.index, ok: true, result, figure, figureMs: performance.now() - drawing };
  } catch (e) {
    return { index: task.index, ok: false, message: e instanceof Error ? e.message : String(e) };
  }
}

/** A failure of a replay or tighten task, as data: the kind of error tells the command how to report it. */
export interface TaskFailure {
  ok: false;
  kind: 'usage' | 'range' | 'defect' | 'cut' | 'other';
  message: string;
}

function failure(e: unknown): TaskFailure {
  const name = e instanceof Error ? e.name : '';
  const kind = e instanceof ClaimDefect ? 'defect' : e instanceof RangeError ? 'range' : name === 'UsageError' ? 'usage' : name === 'TightenCut' ? 'cut' : 'other';
  return { ok: false, kind, message: e instanceof Error ? e.message : String(e) };
}

export interface ReplayTask extends ClaimLocation {
  cx: CounterexampleFile;
  deadline?: number;
}

export async function replay(task: ReplayTask): Promise<{ ok: true; outcome: ReplayOutcome } | TaskFailure> {
  try {
    const claim = await findClaim(task);
    if (!claim) return { ok: false, kind: 'usage', message: `unknown claim id '${task.claimId}' in the counterexample` };
    return { ok: true, outcome: guarded(() => replayCounterexample(claim, task.cx, { deadline: task.deadline })) };
  } catch (e) {
    return failure(e);
  }
}

export interface TightenTask extends ClaimLocation {
  options: Omit<TightenOptions, 'onProgress' | 'onImprove'>;
  /** Progress and each new best instance are posted here. */
  port?: MessagePort;
}

export async function tightenTask(task: TightenTask): Promise<{ ok: true; result: TightenResult } | TaskFailure> {
  try {
    const claim = await findClaim(task);
    if (!claim) return { ok: false, kind: 'usage', message: `unknown claim id '${task.claimId}'` };
    const result = guarded(() =>
      tighten(claim, {
        ...task.options,
        onProgress: (evaluations, best) => task.port?.postMessage({ kind: 'progress', evaluations, best }),
        onImprove: (best, counts) => task.port?.postMessage({ kind: 'best', best, counts }),
      }),
    );
    return { ok: true, result };
  } catch (e) {
    return failure(e);
  }
}

export { tightenTask as tighten };
export default handle;
