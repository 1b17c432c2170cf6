/**
 * Combine the JSON reports of sharded runs (`--shard i/N`) into one. A shard report is data from a
 * file: every entry is checked (id, verdicts, counts) before it is merged, and the writers escape every
 * text they take from it.
 */
import { SCHEMA_VERSION, claimIdProblem, summarize, type ClaimEntry, type Report } from './report.ts';

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

export function mergeReports(reports: Report[]): Report {
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
  const claims = reports.flatMap((r) => r.claims);
  const ids = new Set<string>();
  for (const c of claims) {
    if (ids.has(c.id)) throw new RangeError(`claim ${c.id} appears in more than one report`);
    ids.add(c.id);
  }
  return {
    ...reports[0],
    createdAt: new Date().toISOString(),
    summary: summarize(claims),
    claims,
  };
}
