/** Combine the JSON reports of sharded runs (`--shard i/N`) into one. */
import { SCHEMA_VERSION, summarize, type Report } from './report.ts';

export function mergeReports(reports: Report[]): Report {
  if (reports.length === 0) throw new RangeError('nothing to merge');
  for (const r of reports) {
    if (r.schemaVersion !== SCHEMA_VERSION) throw new RangeError(`cannot merge a report of schema version ${r.schemaVersion} (expected ${SCHEMA_VERSION})`);
  }
  const seeds = new Set(reports.map((r) => r.options.seed));
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
