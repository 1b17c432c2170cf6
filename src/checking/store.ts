/**
 * The counterexample store: every refuted claim's shrunk instance is kept as plain JSON parameters,
 * one file per claim, and `verify` tries the stored instances before generating new ones (fast-check
 * has no example database; this closes the gap). Plain parameters survive refactors of the engine; an
 * entry that no longer instantiates is skipped with a warning, never a crash.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Claim } from '../claims/types.ts';
import { counterexampleFileName, toJson, writeAtomic } from '../reporting/report.ts';

export const DEFAULT_STORE = '.ratecheck/counterexamples';

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

  /** Stored instances of a claim (empty when none or when the file is unreadable, with a warning). */
  load(id: string, warn: (s: string) => void = () => {}): unknown[] {
    const f = this.file(id);
    if (!existsSync(f)) return [];
    try {
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
      try {
        claim.instantiate(params as P, { maxIterations });
        out.push(params as P);
      } catch (e) {
        warn(`${claim.id}: a stored counterexample no longer instantiates (${(e as Error).message.split('\n')[0]}); skipped`);
      }
    }
    return out;
  }

  /** Add an instance (kept once). */
  add(id: string, params: unknown): void {
    const existing = this.load(id);
    const key = JSON.stringify(params);
    if (existing.some((p) => JSON.stringify(p) === key)) return;
    mkdirSync(this.dir, { recursive: true });
    const data: StoreFile = { schemaVersion: 1, claimId: id, instances: [...existing, params] };
    writeAtomic(this.file(id), toJson(data));
  }
}
