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
import { Worker } from 'node:worker_threads';
import { ClaimDefect } from '../claims/types.ts';
import type { ClaimResult } from './runner.ts';
import type { WorkerReply, WorkerTask } from './worker.ts';
import type { DrawnFigure } from '../reporting/html.ts';

const WORKER_ENTRY = new URL('../../bin/verify-worker.js', import.meta.url);

export class WorkerFailure extends Error {
  override name = 'WorkerFailure';
}

/**
 * Run the tasks on `workers` threads; `onResult` sees each result as it arrives (for progress); the
 * returned array is in task order. A claim defect in any task rejects with a ClaimDefect.
 */
export function verifyInPool(
  tasks: WorkerTask[],
  workers: number,
  onResult?: (task: WorkerTask, result: ClaimResult, figure?: DrawnFigure | null) => void,
): Promise<ClaimResult[]> {
  const results: ClaimResult[] = new Array(tasks.length);
  if (tasks.length === 0) return Promise.resolve(results);
  const count = Math.max(1, Math.min(workers, tasks.length));
  return new Promise((resolve, reject) => {
    let next = 0;
    let finished = 0;
    let failed = false;
    const threads: Worker[] = [];
    const stopAll = () => {
      for (const t of threads) void t.terminate();
    };
    const feed = (w: Worker) => {
      if (next < tasks.length) w.postMessage(tasks[next++]);
    };
    for (let i = 0; i < count; i++) {
      const w = new Worker(WORKER_ENTRY);
      threads.push(w);
      w.on('message', (reply: WorkerReply) => {
        if (failed) return;
        if (!reply.ok) {
          failed = true;
          stopAll();
          const task = tasks.find((t) => t.index === reply.index)!;
          reject(reply.defect ? new ClaimDefect(task.claimId, reply.message.replace(`${task.claimId}: `, '')) : new WorkerFailure(`${task.claimId}: ${reply.message}`));
          return;
        }
        const position = tasks.findIndex((t) => t.index === reply.index);
        results[position] = reply.result;
        onResult?.(tasks[position], reply.result, reply.figure);
        finished++;
        if (finished === tasks.length) {
          stopAll();
          resolve(results);
        } else feed(w);
      });
      w.on('error', (e) => {
        if (failed) return;
        failed = true;
        stopAll();
        reject(new WorkerFailure(`a verification worker failed: ${e.message}`));
      });
      feed(w);
    }
  });
}
