/**
 * Scheduling hints for parallel verify: each claim's last wall time, kept in `.ratecheck/timings.json`.
 * Claims are dispatched longest first (unknown ones first of all), which keeps both cores busy until
 * the end. The hints change only the order of work, never a result.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { writeAtomic } from '../reporting/report.ts';

export const DEFAULT_TIMINGS = '.ratecheck/timings.json';

export function loadTimings(file: string): Record<string, number> {
  if (!existsSync(file)) return {};
  try {
    const data = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    const out: Record<string, number> = {};
    for (const [k, v] of Object.entries(data)) if (typeof v === 'number' && Number.isFinite(v) && v >= 0) out[k] = v;
    return out;
  } catch {
    return {};
  }
}

export function saveTimings(file: string, timings: Record<string, number>): void {
  mkdirSync(dirname(file), { recursive: true });
  writeAtomic(file, JSON.stringify(timings, null, 1) + '\n');
}

/** Task positions, longest expected first; claims without a timing come first, in their given order. */
export function longestFirst(ids: readonly string[], timings: Record<string, number>): number[] {
  return ids
    .map((id, i) => ({ i, t: timings[id] ?? Infinity }))
    .sort((a, b) => (b.t === a.t ? a.i - b.i : b.t - a.t))
    .map((x) => x.i);
}
