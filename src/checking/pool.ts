/**
 * Worker threads: parallel verification, and the time-limited runs of replay and tighten.
 *
 * Every claim runs with the seed derived from (global seed, claim id), exactly as in the serial path, so
 * the results do not depend on the number of workers or on the order in which they finish. (Instances of
 * one claim stay on one worker: fast-check's search and shrinking are sequential.)
 *
 * Claims are handed out in catalog order, to whichever worker is free. Dispatching the longest claims
 * first balances better on paper but was slower in practice: a claim runs markedly slower in a fresh
 * isolate than after other claims (chi2019.gd-local-rate: 6.9 s first against 4.1 s after any other
 * claim), so longest-first put the heaviest claims on the coldest isolates; in 5 of 5 alternating runs
 * catalog order finished first.
 *
 * Deadlines hold even against a claim whose run never returns: the deadline is checked inside `observe`
 * (the run is cut there), and a task still running a grace period after it (a loop that never calls
 * `observe`, or ignores its stop) is aborted, which terminates its thread; its claim is `inconclusive`.
 * A worker that dies (out of memory under its heap limit, an uncaught exception) gives its claim the
 * verdict `error`; the other claims go on, on a fresh thread.
 */
import { totalmem } from 'node:os';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import Tinypool from 'tinypool';
import type { ProfileName, Verdict } from '../claims/types.ts';
import { claimSeed, type ClaimResult, type VerifyOptions } from './runner.ts';
import type { DrawnFigure } from '../reporting/html.ts';

/** The worker module: the compiled worker.js, or (running from the TypeScript sources) a shim that registers tsx first. */
const WORKER_ENTRY = import.meta.url.endsWith('.ts') ? new URL('../../scripts/verify-worker-dev.js', import.meta.url) : new URL('./worker.js', import.meta.url);

/** How long a task may overrun its deadline before its thread is terminated. */
export const GRACE_MS = 2000;

export const CUT_REASON = 'cut: the run did not stop at the deadline; the worker was terminated';
export const NOT_STARTED_REASON = 'the time limit ran out before the claim was started';

export interface WorkerTask {
  /** Also draw the claim's report figure here, from the traces kept while verifying it (`figures/kept.ts`). */
  figure?: boolean;
  index: number;
  claimId: string;
  /** The claim's expected verdict, for the result of a task that was cut or whose worker died. */
  expected?: Verdict;
  claimFile?: string;
  /** URL of the catalog module the claim comes from (when it is not from a claim file). */
  catalogModule?: string;
  profile?: ProfileName;
  /** Wall-clock deadline of the whole run (epoch ms): claims are cut there; no figure is drawn after it. */
  deadline?: number;
  options: Omit<VerifyOptions, 'params' | 'timeLimitMs' | 'deadline'>;
  /** Where the worker posts the result as soon as it is known (before drawing the figure). */
  port?: MessagePort;
}

export type WorkerReply =
  | { index: number; ok: true; result: ClaimResult; figure?: DrawnFigure | null; /** time spent drawing the figure, ms */ figureMs?: number }
  | { index: number; ok: false; message: string };

export class WorkerFailure extends Error {
  override name = 'WorkerFailure';
}

/**
 * The old-generation heap limit of one worker, MB: half the machine's memory shared by the workers,
 * between 512 MB and 4 GB (Node's own default on a large machine), or RATECHECK_WORKER_HEAP_MB. A claim
 * that allocates without bound kills only its worker. (V8 still aborts the whole process on a single
 * allocation far beyond the limit, such as one array of billions of elements.)
 */
export function workerHeapMb(threads: number): number {
  const forced = Number(process.env.RATECHECK_WORKER_HEAP_MB);
  if (Number.isFinite(forced) && forced >= 16) return Math.floor(forced);
  return Math.min(4096, Math.max(512, Math.floor(((totalmem() / 2 ** 20) * 0.5) / Math.max(1, threads))));
}

function createPool(threads: number): Tinypool {
  const pool = new Tinypool({
    filename: WORKER_ENTRY.href,
    minThreads: threads,
    maxThreads: threads,
    resourceLimits: { maxOldGenerationSizeMb: workerHeapMb(threads) },
  });
  // a worker that dies between tasks (a claim's timer throwing after its task returned) is replaced;
  // unhandled, the pool's 'error' event would end the process
  pool.on('error', () => {});
  return pool;
}

function isAbort(e: unknown): boolean {
  return e instanceof Error && e.name === 'AbortError';
}

/** What a worker's death says: out of memory, or the error it died of. */
function deathMessage(e: unknown, threads: number): string {
  const err = e as { code?: string; message?: string };
  if (err?.code === 'ERR_WORKER_OUT_OF_MEMORY') return `the worker ran out of memory (heap limit ${workerHeapMb(threads)} MB) and was terminated`;
  return `the worker died: ${err?.message ?? String(e)}`;
}

/** A task that could not be posted at all (not a death of the worker): the pool's own failure. */
function isPostingFailure(e: unknown): boolean {
  return e instanceof Error && (e.name === 'DataCloneError' || /could not be cloned/i.test(e.message));
}

/** The result of a claim whose task gave none: cut at the deadline, never started, or its worker died. */
export function placeholderResult(task: WorkerTask, verdict: 'inconclusive' | 'error', reason: string, timeMs = 0): ClaimResult {
  return {
    id: task.claimId,
    expected: task.expected ?? 'holds',
    verdict,
    instances: 0,
    hypothesesMet: 0,
    maxRatio: null,
    horizon: null,
    hypothesisFailures: {},
    seed: claimSeed(task.options.seed, task.claimId),
    runs: task.options.runs,
    maxIterations: task.options.maxIterations ?? 0,
    comparedIterations: 0,
    timeMs,
    reason,
    ...(verdict === 'error' ? { error: { message: `${task.claimId}: ${reason}` } } : {}),
  };
}

/**
 * Run the tasks on a pool of `workers` threads; `onResult` sees each result as it arrives (for
 * progress); the returned array is in task order. A task that overruns its deadline by `graceMs` is
 * terminated and its claim is `inconclusive` (tasks not started by then too); a task whose worker dies
 * gives `error`. A claim the worker cannot find or load there, or any failure of the pool itself,
 * rejects with a WorkerFailure.
 */
export async function verifyInPool(
  tasks: WorkerTask[],
  workers: number,
  onResult?: (task: WorkerTask, result: ClaimResult, figure?: DrawnFigure | null, figureMs?: number) => void,
  options: { graceMs?: number } = {},
): Promise<ClaimResult[]> {
  const results: ClaimResult[] = new Array(tasks.length);
  if (tasks.length === 0) return results;
  const threads = Math.max(1, Math.min(workers, tasks.length));
  const pool = createPool(threads);
  const graceMs = options.graceMs ?? GRACE_MS;
  // one abort for every task of the run: the deadline is the whole run's
  const deadlines = tasks.map((t) => t.deadline).filter((d): d is number => d !== undefined);
  const abort = deadlines.length ? new AbortController() : undefined;
  const timer = abort ? setTimeout(() => abort.abort(), Math.max(0, Math.min(...deadlines) + graceMs - Date.now())) : undefined;
  let failure: unknown;
  let next = 0;

  const settle = (task: WorkerTask, result: ClaimResult, figure?: DrawnFigure | null, figureMs?: number) => {
    results[task.index] = result;
    onResult?.(task, result, figure, figureMs);
  };

  const one = async (task: WorkerTask) => {
    if (abort?.signal.aborted) return settle(task, placeholderResult(task, 'inconclusive', NOT_STARTED_REASON), null);
    const started = performance.now();
    // the result comes early on this port, so that a figure still being drawn at the abort does not lose it
    let early: ClaimResult | undefined;
    const channel = abort ? new MessageChannel() : undefined;
    channel?.port1.on('message', (m: { result?: ClaimResult }) => (early = m.result ?? early));
    let reply: WorkerReply;
    try {
      const sent = channel ? { ...task, port: channel.port2 } : task;
      reply = (await pool.run(sent, { signal: abort?.signal, transferList: channel ? [channel.port2] : undefined })) as WorkerReply;
    } catch (e) {
      if (isAbort(e)) {
        // let a result posted just before the abort arrive
        if (channel && !early) await new Promise((r) => setImmediate(r));
        return settle(task, early ?? placeholderResult(task, 'inconclusive', CUT_REASON, performance.now() - started), null);
      }
      if (isPostingFailure(e) || failure !== undefined) throw new WorkerFailure(`a verification worker failed: ${e instanceof Error ? e.message : String(e)}`);
      return settle(task, placeholderResult(task, 'error', deathMessage(e, threads), performance.now() - started), null);
    } finally {
      channel?.port1.close();
    }
    if (!reply.ok) {
      throw new WorkerFailure(`${task.claimId}: ${reply.message}`);
    }
    settle(task, reply.result, reply.figure, reply.figureMs);
  };

  // each lane takes the next task in catalog order when its previous one is done
  const lane = async () => {
    while (failure === undefined && next < tasks.length) {
      const task = tasks[next++];
      try {
        await one(task);
      } catch (e) {
        failure ??= e;
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: threads }, lane));
  } finally {
    if (timer) clearTimeout(timer);
    await pool.destroy();
  }
  if (failure !== undefined) throw failure;
  return results;
}

/** What a time-limited run in a worker gave: its value, a cut at the limit, or the worker's death. */
export type LimitedOutcome<T> = { status: 'done'; value: T } | { status: 'cut' } | { status: 'died'; message: string };

/**
 * Run one task with the worker's handler `name` (replay, tighten) on a thread of its own, terminating
 * it `limitMs` after the start. `onMessage` receives what the handler posts on `task.port`.
 */
export async function runLimited<T>(name: 'replay' | 'tighten', task: Record<string, unknown>, limitMs: number, onMessage?: (m: unknown) => void): Promise<LimitedOutcome<T>> {
  const pool = createPool(1);
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), Math.max(0, limitMs));
  const channel = new MessageChannel();
  channel.port1.on('message', (m: unknown) => onMessage?.(m));
  try {
    const value = (await pool.run({ ...task, port: channel.port2 }, { name, signal: abort.signal, transferList: [channel.port2] })) as T;
    return { status: 'done', value };
  } catch (e) {
    if (isAbort(e)) {
      await new Promise((r) => setImmediate(r)); // messages posted just before the cut
      return { status: 'cut' };
    }
    if (isPostingFailure(e)) throw e;
    return { status: 'died', message: deathMessage(e, 1) };
  } finally {
    clearTimeout(timer);
    channel.port1.close();
    await pool.destroy();
  }
}
