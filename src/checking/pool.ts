/**
 * Parallel verification: claims are spread over worker threads. Every claim runs with the seed derived
 * from (global seed, claim id), exactly as in the serial path, so the results do not depend on the
 * number of workers or on the order in which they finish. (Instances of one claim stay on one worker:
 * fast-check's search and shrinking are sequential.)
 *
 * Claims are handed out in catalog order, to whichever worker is free. Dispatching the longest claims
 * first balances better on paper but was slower in practice: a claim runs markedly slower in a fresh
 * isolate than after other claims (chi2019.gd-local-rate: 6.9 s first against 4.1 s after any other
 * claim), so longest-first put the heaviest claims on the coldest isolates; in 5 of 5 alternating runs
 * catalog order finished first.
 */
import Tinypool from 'tinypool';
import { ClaimDefect } from '../claims/types.ts';
import type { ClaimResult } from './runner.ts';
import type { WorkerReply, WorkerTask } from './worker.ts';
import type { DrawnFigure } from '../reporting/html.ts';

/** The worker module: the compiled worker.js, or (running from the TypeScript sources) a shim that registers tsx first. */
const WORKER_ENTRY = import.meta.url.endsWith('.ts') ? new URL('../../scripts/verify-worker-dev.js', import.meta.url) : new URL('./worker.js', import.meta.url);

export class WorkerFailure extends Error {
  override name = 'WorkerFailure';
}

/**
 * Run the tasks on a pool of `workers` threads (tinypool, which queues them in order); `onResult` sees
 * each result as it arrives (for progress); the returned array is in task order. The first failure
 * stops the pool: a claim defect rejects with a ClaimDefect, anything else with a WorkerFailure.
 */
export async function verifyInPool(
  tasks: WorkerTask[],
  workers: number,
  onResult?: (task: WorkerTask, result: ClaimResult, figure?: DrawnFigure | null) => void,
): Promise<ClaimResult[]> {
  const results: ClaimResult[] = new Array(tasks.length);
  if (tasks.length === 0) return results;
  const threads = Math.max(1, Math.min(workers, tasks.length));
  const pool = new Tinypool({ filename: WORKER_ENTRY.href, minThreads: threads, maxThreads: threads });
  const one = async (task: WorkerTask, position: number) => {
    let reply: WorkerReply;
    try {
      reply = (await pool.run(task)) as WorkerReply;
    } catch (e) {
      throw new WorkerFailure(`a verification worker failed: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (!reply.ok) {
      throw reply.defect ? new ClaimDefect(task.claimId, reply.message.replace(`${task.claimId}: `, '')) : new WorkerFailure(`${task.claimId}: ${reply.message}`);
    }
    results[position] = reply.result;
    onResult?.(task, reply.result, reply.figure);
  };
  try {
    await Promise.all(tasks.map(one));
  } finally {
    await pool.destroy();
  }
  return results;
}
