/**
 * Combine the JSON reports of sharded runs (`--shard i/N`) into one. A shard report is data from a
 * file: every entry is checked (id, verdicts, counts) before it is merged, and the writers escape every
 * text they take from it.
 *
 * The merged report is written like a verify run's (report.json, report.md, report.html and the
 * counterexample files, see write.ts): the counterexamples of the shards are gathered into the merged
 * folder's `counterexamples/`, and each entry's counterexample file and replay command point there,
 * relative to the project root (see paths.ts).
 */
import { isAbsolute, join } from 'node:path';
import { SCHEMA_VERSION, claimIdProblem, counterexampleFileName, replayCommand, summarize, type ClaimEntry, type Report } from './report.ts';
import { projectPath, projectRoot } from './paths.ts';

const VERDICTS = new Set(['holds', 'refuted', 'vacuous', 'inconclusive', 'error']);

/** Why a report's claim entry cannot be merged, or null. */
export function entryProblem(e: unknown): string | null {
  if (typeof e !== 'object' || e === null) return 'not an object';
  const c = e as Partial<ClaimEntry>;
  const idProblem = claimIdProblem(c.id);
  if (idProblem) return idProblem;
  if (!VERDICTS.has(c.verdict as string)) return `claim ${c.id}: verdict must be one of ${[...VERDICTS].join(', ')}`;
  if (!VERDICTS.has(c.expected as string)) return `claim ${c.id}: expected must be one of ${[...VERDICTS].join(', ')}`;
  if (typeof c.asExpected !== 'boolean') return `claim ${c.id}: asExpected must be true or false`;
  for (const k of ['instances', 'hypothesesMet', 'timeMs'] as const) {
    if (typeof c[k] !== 'number' || !Number.isFinite(c[k])) return `claim ${c.id}: ${k} must be a number`;
  }
  if (c.comparedIterations !== undefined && !(typeof c.comparedIterations === 'number' && Number.isFinite(c.comparedIterations))) return `claim ${c.id}: comparedIterations must be a number`;
  if (typeof c.statement !== 'string' || typeof c.kind !== 'string') return `claim ${c.id}: statement and kind must be strings`;
  return null;
}

export interface MergeOptions {
  /** The merged report's directory: counterexample files and replay commands are made to point into it. */
  out?: string;
  /** The project root the paths are relative to (default: the one around the working directory). */
  root?: string;
}

/** An entry as the merged report records it: its counterexample in `out`, paths relative to the project root. */
function relocate(c: ClaimEntry, o: MergeOptions, root: string): ClaimEntry {
  const entry: ClaimEntry = { ...c };
  // a claim file of an older report is absolute: relative when it lies inside this project
  if (typeof c.claimFile === 'string' && isAbsolute(c.claimFile)) entry.claimFile = projectPath(c.claimFile, root);
  if (c.counterexample && o.out !== undefined) {
    const file = projectPath(join(o.out, 'counterexamples', counterexampleFileName(c.id)), root);
    entry.counterexample = { ...c.counterexample, file, replay: replayCommand(file) };
  }
  return entry;
}

export function mergeReports(reports: Report[], o: MergeOptions = {}): Report {
  if (reports.length === 0) throw new RangeError('nothing to merge');
  for (const r of reports) {
    if (r.schemaVersion !== SCHEMA_VERSION) throw new RangeError(`cannot merge a report of schema version ${r.schemaVersion} (expected ${SCHEMA_VERSION})`);
    for (const c of r.claims) {
      const problem = entryProblem(c);
      if (problem) throw new RangeError(`cannot merge a malformed claim entry: ${problem}`);
    }
  }
  const seeds = new Set(reports.map((r) => r.options?.seed));
  if (seeds.size > 1) throw new RangeError(`the reports were made with different seeds (${[...seeds].join(', ')})`);
  // a counterexample file records whether the dense path ran: one setting for the whole merged report
  const dense = new Set(reports.map((r) => Boolean(r.options?.dense)));
  if (dense.size > 1) throw new RangeError('the reports were made with and without --dense');
  const ids = new Set<string>();
  for (const c of reports.flatMap((r) => r.claims)) {
    if (ids.has(c.id)) throw new RangeError(`claim ${c.id} appears in more than one report`);
    ids.add(c.id);
  }
  const root = o.root ?? projectRoot();
  const claims = reports.flatMap((r) => r.claims.map((c) => relocate(c, o, root)));
  // the shards ran side by side: the merged run took as long as its longest shard
  const walls = reports.map((r) => Number(r.summary?.wallTimeMs));
  const wallTimeMs = walls.every((w) => Number.isFinite(w) && w >= 0) ? Math.max(...walls) : undefined;
  return {
    ...reports[0],
    createdAt: new Date().toISOString(),
    options: { ...reports[0].options, shard: null },
    summary: { ...summarize(claims), ...(wallTimeMs !== undefined ? { wallTimeMs } : {}) },
    claims,
  };
}
