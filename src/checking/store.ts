/**
 * The counterexample store: every refuted claim's shrunk instance is kept as plain JSON parameters,
 * one file per claim, and `verify` tries the stored instances before generating new ones (fast-check
 * has no example database; this closes the gap). Plain parameters survive refactors of the engine; an
 * entry that no longer instantiates is skipped with a warning, never a crash; so is an entry that is not
 * a regular file, is larger than 10 MB, or holds an absurd size parameter (checked before the claim's
 * builder sees it).
 *
 * Concurrent runs sharing a store: each update is a read-modify-write under the store's lock file
 * (beside the store directory; waiting up to STORE_LOCK_WAIT_MS for another run's update), so no
 * update is lost, and runs on the same store (sharded CI jobs) need not be serialized.
 */
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Claim } from '../claims/types.ts';
import { counterexampleFileName, toJson, writeAtomic } from '../reporting/report.ts';
import { acquireLock } from './lock.ts';

export const DEFAULT_STORE = '.ratecheck/counterexamples';

/** How long an update waits for another run's update to the same store. */
export const STORE_LOCK_WAIT_MS = 30_000;

/** The largest store entry read (bytes). */
const MAX_ENTRY_BYTES = 10 * 1024 * 1024;

/**
 * The largest value a size-like parameter of stored or replayed instance parameters may take. No
 * instance of the catalog comes near it; it keeps a data file that says `"d": 1000000000` from reaching
 * a builder that would allocate that much (a JavaScript array that large aborts the process).
 */
export const MAX_SIZE_PARAMETER = 2 ** 20;

/** Names of size-like parameters: dimensions, counts of rows, samples, layers, points. */
const SIZE_NAME = /^(d|n|m|k|r|p|dim|dims|dimension|rank|rows|cols|columns|depth|width|layers|points|samples|batch|batchSize|n[xy]|m[xy]|N[xy]|size)$/i;

/** Why instance parameters read from a file are out of range (an absurd size), or null. */
export function paramsSizeProblem(params: unknown, path = 'params', depth = 0): string | null {
  if (depth > 20) return `${path} is nested too deeply`;
  if (Array.isArray(params)) {
    if (params.length > MAX_SIZE_PARAMETER) return `${path} holds ${params.length} entries (at most ${MAX_SIZE_PARAMETER})`;
    for (let i = 0; i < params.length; i++) {
      const p = paramsSizeProblem(params[i], `${path}[${i}]`, depth + 1);
      if (p) return p;
    }
    return null;
  }
  if (typeof params !== 'object' || params === null) return null;
  for (const [k, v] of Object.entries(params)) {
    if (typeof v === 'number' && SIZE_NAME.test(k) && Math.abs(v) > MAX_SIZE_PARAMETER) return `${path}.${k} = ${v} is out of range for a size (at most ${MAX_SIZE_PARAMETER})`;
    const p = paramsSizeProblem(v, `${path}.${k}`, depth + 1);
    if (p) return p;
  }
  return null;
}

interface StoreFile {
  schemaVersion: 1;
  claimId: string;
  instances: unknown[];
}

export class CounterexampleStore {
  constructor(readonly dir: string) {}

  private file(id: string): string {
    return join(this.dir, counterexampleFileName(id));
  }

  /** The lock file serializing updates (beside the directory, so that it never appears as an entry). */
  get lockFile(): string {
    return join(dirname(this.dir), `.${basename(this.dir)}.ratecheck-lock`);
  }

  /** Stored instances of a claim (empty when none or when the file is unreadable, with a warning). */
  load(id: string, warn: (s: string) => void = () => {}): unknown[] {
    const f = this.file(id);
    if (!existsSync(f)) return [];
    try {
      const st = statSync(f);
      if (!st.isFile()) throw new Error('not a regular file');
      if (st.size > MAX_ENTRY_BYTES) throw new Error(`larger than ${MAX_ENTRY_BYTES / 1024 / 1024} MB`);
      const data = JSON.parse(readFileSync(f, 'utf8')) as StoreFile;
      if (data.claimId !== id || !Array.isArray(data.instances)) throw new Error('not a store file for this claim');
      return data.instances;
    } catch (e) {
      warn(`ignoring the counterexample store entry ${f}: ${(e as Error).message.split('\n')[0]}`);
      return [];
    }
  }

  /** Stored instances that still instantiate (the claim's builder accepts them). */
  usable<P>(claim: Claim<P>, maxIterations: number, warn: (s: string) => void = () => {}): P[] {
    const out: P[] = [];
    for (const params of this.load(claim.id, warn)) {
      const tooLarge = paramsSizeProblem(params);
      if (tooLarge) {
        warn(`${claim.id}: skipping a stored counterexample in ${this.file(claim.id)}: ${tooLarge}`);
        continue;
      }
      try {
        claim.instantiate(params as P, { maxIterations });
        out.push(params as P);
      } catch (e) {
        warn(`${claim.id}: a stored counterexample in ${this.file(claim.id)} no longer instantiates (${(e as Error).message.split('\n')[0]}); skipped`);
      }
    }
    return out;
  }

  /** Add an instance (kept once): a read-modify-write under the store's lock, so concurrent runs lose no update. */
  add(id: string, params: unknown, waitMs = STORE_LOCK_WAIT_MS): void {
    mkdirSync(this.dir, { recursive: true });
    const lock = acquireLock(this.lockFile, this.dir, waitMs);
    try {
      const existing = this.load(id);
      const key = JSON.stringify(params);
      if (existing.some((p) => JSON.stringify(p) === key)) return;
      const data: StoreFile = { schemaVersion: 1, claimId: id, instances: [...existing, params] };
      writeAtomic(this.file(id), toJson(data));
    } finally {
      lock.release();
    }
  }
}
