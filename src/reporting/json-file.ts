/**
 * JSON and file writing shared by the reports and the observation log (a leaf module: the checking layer
 * imports it without importing the reports).
 */
import { renameSync, rmSync, writeFileSync } from 'node:fs';

/** JSON.stringify replacer spelling non-finite numbers out ("Infinity", "NaN") instead of silently as null. */
export const finiteJson = (_k: string, v: unknown): unknown => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v);

/** JSON with non-finite numbers spelled out (finiteJson). */
export function toJson(value: unknown): string {
  return JSON.stringify(value, finiteJson, 2) + '\n';
}

/** Write through a temporary name and rename; the temporary file never outlives a failed write. */
export function writeAtomic(path: string, text: string | Uint8Array): void {
  const tmp = `${path}.tmp-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  try {
    writeFileSync(tmp, text);
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}
