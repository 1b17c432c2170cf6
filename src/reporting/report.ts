/**
 * The verify report: a schema-versioned JSON ledger, a short Markdown summary, a console table, and one
 * counterexample file per refuted claim (the replay input). Files are written through a temporary name
 * and renamed, so an interrupted run never leaves a half-written report.
 */
import { renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Claim, Source, ClaimKind, Verdict } from '../claims/types.ts';
import type { ClaimResult, Counterexample, HorizonSummary, Tightest } from '../checking/runner.ts';

export const SCHEMA_VERSION = 1;
export const TOOL_VERSION = '0.1.0';

export interface ClaimEntry {
  id: string;
  statement: string;
  source: Source;
  kind: ClaimKind;
  expected: Verdict;
  verdict: Verdict;
  asExpected: boolean;
  variantOf?: string;
  falseBecause?: string;
  instances: number;
  hypothesesMet: number;
  maxRatio: number | null;
  tightest?: Tightest;
  counterexample?: Counterexample & { file: string; replay: string };
  horizon: HorizonSummary | null;
  hypothesisFailures: Record<string, number>;
  seed: number;
  runs: number;
  maxIterations: number;
  timeMs: number;
  reason?: string;
  statistics?: Record<string, unknown>;
  claimFile?: string;
}

export interface Report {
  schemaVersion: number;
  tool: { name: 'ratecheck'; version: string };
  createdAt: string;
  options: { runs: number; seed: number; timeLimitSec: number | null; maxIterations: number | null; dense: boolean; profile?: string; shard?: string | null };
  summary: { claims: number; asExpected: number; unexpected: string[]; byVerdict: Partial<Record<Verdict, number>> };
  claims: ClaimEntry[];
}

export interface CounterexampleFile {
  schemaVersion: number;
  kind: 'ratecheck-counterexample';
  claimId: string;
  claimFile?: string;
  params: unknown;
  maxIterations: number;
  dense: boolean;
  violation: Counterexample['violation'];
  fastCheck: { seed: number; path: string; numShrinks: number };
  /** Aggregate claims: rerun the study with this claim seed and number of runs. */
  aggregate?: { runs: number; statistic: string; value: number };
}

/** JSON with non-finite numbers spelled out ("Infinity", "NaN") instead of silently becoming null. */
export function toJson(value: unknown): string {
  return JSON.stringify(value, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v), 2) + '\n';
}

/** Inverse of toJson's number spelling. */
export function numberFromJson(v: unknown): number {
  if (typeof v === 'number') return v;
  if (v === 'Infinity' || v === '-Infinity' || v === 'NaN') return Number(v);
  return NaN;
}

export function writeAtomic(path: string, text: string): void {
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, text);
  renameSync(tmp, path);
}

export function counterexampleFileName(id: string): string {
  return `${id.replace(/[^A-Za-z0-9_.-]/g, '_')}.json`;
}

export function buildEntry(claim: Claim<unknown>, result: ClaimResult, outDir: string, claimFile?: string): ClaimEntry {
  const entry: ClaimEntry = {
    id: claim.id,
    statement: claim.statement,
    source: claim.source,
    kind: claim.kind,
    expected: claim.expected,
    verdict: result.verdict,
    asExpected: result.verdict === claim.expected,
    variantOf: claim.variantOf,
    falseBecause: claim.falseBecause,
    instances: result.instances,
    hypothesesMet: result.hypothesesMet,
    maxRatio: result.maxRatio,
    tightest: result.tightest,
    horizon: result.horizon,
    hypothesisFailures: result.hypothesisFailures,
    seed: result.seed,
    runs: result.runs,
    maxIterations: result.maxIterations,
    timeMs: Math.round(result.timeMs),
    reason: result.reason,
    statistics: result.statistics,
    claimFile,
  };
  if (result.counterexample) {
    const file = join(outDir, 'counterexamples', counterexampleFileName(claim.id));
    entry.counterexample = { ...result.counterexample, file, replay: `ratecheck replay ${file}` };
  }
  return entry;
}

export function counterexampleFile(entry: ClaimEntry, dense: boolean): CounterexampleFile | null {
  const cx = entry.counterexample;
  if (!cx) return null;
  return {
    schemaVersion: SCHEMA_VERSION,
    kind: 'ratecheck-counterexample',
    claimId: entry.id,
    claimFile: entry.claimFile,
    params: cx.params,
    maxIterations: cx.maxIterations,
    dense,
    violation: cx.violation,
    fastCheck: { seed: cx.seed, path: cx.path, numShrinks: cx.numShrinks },
    aggregate: cx.aggregate,
  };
}

export function summarize(entries: ClaimEntry[]): Report['summary'] {
  const byVerdict: Partial<Record<Verdict, number>> = {};
  for (const e of entries) byVerdict[e.verdict] = (byVerdict[e.verdict] ?? 0) + 1;
  return {
    claims: entries.length,
    asExpected: entries.filter((e) => e.asExpected).length,
    unexpected: entries.filter((e) => !e.asExpected).map((e) => e.id),
    byVerdict,
  };
}

export function fmtNumber(v: number | null | undefined, digits = 3): string {
  if (v === null || v === undefined) return '-';
  if (!Number.isFinite(v)) return String(v);
  if (v === 0) return '0';
  const a = Math.abs(v);
  return a >= 1e-3 && a < 1e5 ? v.toPrecision(digits) : v.toExponential(digits - 1);
}

/** Rows of cells aligned in columns (two spaces apart; widths counted in code points). */
export function alignedTable(cells: string[][]): string {
  const widths = cells[0].map((_, j) => Math.max(...cells.map((row) => [...row[j]].length)));
  return cells.map((row) => row.map((c, j) => c + ' '.repeat(widths[j] - [...c].length)).join('  ').trimEnd()).join('\n');
}

export function consoleTable(entries: ClaimEntry[]): string {
  const rows = [['claim', 'expected', 'verdict', 'instances', 'max ratio', 'time']];
  for (const e of entries) {
    rows.push([
      e.id,
      e.expected,
      `${e.verdict}${e.asExpected ? '' : '  ✗'}`,
      e.instances === e.hypothesesMet ? String(e.instances) : `${e.hypothesesMet}/${e.instances}`,
      fmtNumber(e.counterexample ? e.counterexample.violation.ratio : e.maxRatio),
      `${(e.timeMs / 1000).toFixed(2)}s`,
    ]);
  }
  return alignedTable(rows);
}

export function markdownReport(report: Report): string {
  const s = report.summary;
  const lines = [
    '# ratecheck report',
    '',
    `${s.asExpected} of ${s.claims} claims as expected` + (s.unexpected.length ? `; unexpected: ${s.unexpected.join(', ')}` : '') + '.',
    `Seed ${report.options.seed}, ${report.options.runs} runs per claim.`,
    '',
    '| claim | kind | expected | verdict | instances | max ratio | horizon (min/median/max) |',
    '|---|---|---|---|---|---|---|',
  ];
  for (const e of report.claims) {
    const h = e.horizon ? `${e.horizon.min}/${e.horizon.median}/${e.horizon.max}` : '-';
    const ratio = e.counterexample ? e.counterexample.violation.ratio : e.maxRatio;
    lines.push(`| \`${e.id}\` | ${e.kind} | ${e.expected} | ${e.asExpected ? '' : '**'}${e.verdict}${e.asExpected ? '' : '**'} | ${e.hypothesesMet}/${e.instances} | ${fmtNumber(ratio)} | ${h} |`);
  }
  const refuted = report.claims.filter((e) => e.counterexample);
  if (refuted.length) {
    lines.push('', '## Counterexamples', '');
    for (const e of refuted) {
      const v = e.counterexample!.violation;
      lines.push(
        `- \`${e.id}\`: at t = ${v.iteration}, ${v.metric} = ${fmtNumber(v.observed, 6)} ${v.relation === 'le' ? '>' : '<'} ${fmtNumber(v.bound, 6)} (${v.cite}); ` +
          `params \`${JSON.stringify(e.counterexample!.params)}\`; replay: \`${e.counterexample!.replay}\``,
      );
    }
  }
  const notes = report.claims.filter((e) => e.reason);
  if (notes.length) {
    lines.push('', '## Notes', '');
    for (const e of notes) lines.push(`- \`${e.id}\` (${e.verdict}): ${e.reason}`);
  }
  return lines.join('\n') + '\n';
}

