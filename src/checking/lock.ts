/**
 * Lock files for the directories a run writes (the report directory, the counterexample store): a
 * file created with O_EXCL next to the directory, holding the owner's pid, host and start time. It
 * works while the event loop is blocked (claims run synchronously on the main thread), which a lock
 * kept fresh by a timer would not.
 *
 * Stale rule: a lock whose owner is a process of this host that no longer exists (killed, crashed) is
 * taken over; so is an unreadable lock file older than a minute (its writer died between creating and
 * filling it). A live owner's lock is never broken. Locks are released when the run ends, and on
 * process exit (process.exit, a signal handler's exit).
 */
import { closeSync, existsSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';

export class LockError extends Error {
  override name = 'LockError';
}

interface LockInfo {
  pid: number;
  host: string;
  started: string;
  what: string;
}

export interface Lock {
  readonly file: string;
  release(): void;
}

const held = new Set<string>();
let exitHook = false;

function releaseAllOnExit(): void {
  if (exitHook) return;
  exitHook = true;
  process.on('exit', () => {
    for (const f of held) rmSync(f, { force: true });
  });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readInfo(file: string): LockInfo | null {
  try {
    const v = JSON.parse(readFileSync(file, 'utf8')) as LockInfo;
    return typeof v.pid === 'number' && typeof v.host === 'string' ? v : null;
  } catch {
    return null;
  }
}

/** Whether an existing lock file may be taken over (see the stale rule above). */
export function isStale(file: string, now = Date.now()): boolean {
  const info = readInfo(file);
  if (!info) {
    try {
      return now - statSync(file).mtimeMs > 60_000;
    } catch {
      // gone meanwhile: its owner let go, and another run may take it at once, so there is nothing to
      // remove (removing would delete that run's fresh lock and let two runs hold it): retry the create
      return false;
    }
  }
  if (info.host !== hostname()) return false;
  if (info.pid === process.pid) return !held.has(file);
  return !alive(info.pid);
}

function tryCreate(file: string, what: string): boolean {
  let fd: number;
  try {
    fd = openSync(file, 'wx');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  }
  try {
    writeSync(fd, JSON.stringify({ pid: process.pid, host: hostname(), started: new Date().toISOString(), what } satisfies LockInfo) + '\n');
  } finally {
    closeSync(fd);
  }
  return true;
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Take the lock `file` (guarding `what`, named in the message). With waitMs > 0, wait that long for a
 * live owner to let go; then (or at once) refuse with "another ratecheck run holds <what>".
 */
export function acquireLock(file: string, what: string, waitMs = 0): Lock {
  const until = Date.now() + waitMs;
  for (let delay = 5; ; delay = Math.min(delay * 2, 100)) {
    if (tryCreate(file, what)) break;
    if (!existsSync(file)) continue; // let go meanwhile: try again at once
    if (isStale(file)) {
      rmSync(file, { force: true });
      continue;
    }
    if (Date.now() >= until) {
      const info = readInfo(file);
      const owner = info ? ` (pid ${info.pid} on ${info.host}, since ${info.started})` : '';
      throw new LockError(`another ratecheck run holds ${what}${owner}; wait for it to finish, or remove ${file} if no run is active`);
    }
    sleepSync(delay);
  }
  held.add(file);
  releaseAllOnExit();
  let released = false;
  return {
    file,
    release() {
      if (released) return;
      released = true;
      held.delete(file);
      rmSync(file, { force: true });
    },
  };
}
