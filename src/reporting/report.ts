/**
 * The verify report: a schema-versioned JSON ledger, a short Markdown summary, a console table, and one
 * counterexample file per refuted claim (the replay input). Files are written through a temporary name
 * and renamed, so an interrupted run never leaves a half-written report.
 */
export { finiteJson, toJson, writeAtomic } from './json-file.ts';
import { join } from 'node:path';
import type { Claim, Source, ClaimKind, Verdict } from '../claims/types.ts';
import type { ClaimError, ClaimResult, Counterexample, HorizonSummary, Tightest } from '../checking/runner.ts';
import { powerSummary, type PowerResult } from '../checking/power.ts';
import { projectPath } from './paths.ts';
import type { TargetSummary } from '../checking/target.ts';

/**
 * Schema of report.json and of the counterexample files.
 *
 * Numbers: every number field holds a JSON number, or, for a non-finite value, one of the strings
 * "Infinity", "-Infinity" or "NaN" (JSON has no spelling for them, and null would be indistinguishable
 * from "absent"). No number field ever holds any other string; readers decode with `numberFromJson`.
 * Verdicts: "holds", "refuted", "vacuous", "inconclusive" or "error" (the claim threw: the entry's
 * `error` holds its message, stack and instance parameters). `comparedIterations`: iterations at which a
 * bound was compared, over all instances (absent in reports of older versions). Claim ids match
 * CLAIM_ID (`[A-Za-z0-9._-]+`), and a counterexample file is named after its claim id.
 */
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
  /** Iterations at which a bound was compared (absent in reports of older versions). */
  comparedIterations?: number;
  maxRatio: number | null;
  tightest?: Tightest;
  counterexample?: Counterexample & { file: string; replay: string };
  horizon: HorizonSummary | null;
  /** `holds` over a horizon cut short: most instances stopped at the iteration budget (shown as `holds (truncated)`). */
  truncated?: boolean;
  /** The claim's mutation analysis (`ratecheck power`), when one was attached (attachPower). */
  power?: PowerResult;
  hypothesisFailures: Record<string, number>;
  seed: number;
  runs: number;
  maxIterations: number;
  timeMs: number;
  reason?: string;
  statistics?: Record<string, unknown>;
  claimFile?: string;
  /** The `error` verdict: what the claim threw (message, stack, instance parameters). */
  error?: ClaimError;
  /** The target phase: instances generated and targeted, and the best ratio each phase reached. */
  target?: TargetSummary;
}

export interface Report {
  schemaVersion: number;
  tool: { name: 'ratecheck'; version: string };
  createdAt: string;
  options: { runs: number; seed: number; timeLimitSec: number | null; maxIterations: number | null; dense: boolean; profile?: string; shard?: string | null };
  /** `wallTimeMs`: the run's wall-clock time (absent in reports of older versions; a merge takes the longest shard's). */
  summary: { claims: number; asExpected: number; unexpected: string[]; byVerdict: Partial<Record<Verdict, number>>; wallTimeMs?: number };
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

/** Inverse of toJson's number spelling. */
export function numberFromJson(v: unknown): number {
  if (typeof v === 'number') return v;
  if (v === 'Infinity' || v === '-Infinity' || v === 'NaN') return Number(v);
  return NaN;
}

/** The characters a claim id may use: it names files, appears in reports and on terminals. */
export const CLAIM_ID = /^[A-Za-z0-9._-]+$/;

/** Why a string is not a usable claim id, or null. */
export function claimIdProblem(id: unknown): string | null {
  if (typeof id !== 'string' || id.length === 0) return 'id must be a non-empty string';
  if (!CLAIM_ID.test(id) || id === '.' || id === '..') return `id ${JSON.stringify(id)} may use only letters, digits, '.', '_' and '-'`;
  return null;
}

/** A claim's counterexample file name: the id itself (ids are restricted to CLAIM_ID, so names never collide). */
export function counterexampleFileName(id: string): string {
  const problem = claimIdProblem(id);
  if (problem) throw new RangeError(`cannot name a counterexample file: ${problem}`);
  return `${id}.json`;
}

/** Control characters (C0, DEL, C1) replaced: text from claims and data files is safe on a terminal. */
export function safeText(s: unknown): string {
  // eslint-disable-next-line no-control-regex
  return String(s).replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ');
}

/** A word for a POSIX shell: left bare when it holds only safe characters, else single-quoted. */
export function shellQuote(s: string): string {
  if (/^[A-Za-z0-9_\/.,:=+@%-]+$/.test(s)) return s;
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** The command that replays a counterexample file. */
export function replayCommand(file: string): string {
  return `ratecheck replay ${shellQuote(file)}`;
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
    comparedIterations: result.comparedIterations,
    maxRatio: result.maxRatio,
    tightest: result.tightest,
    horizon: result.horizon,
    ...(result.truncated ? { truncated: true } : {}),
    hypothesisFailures: result.hypothesisFailures,
    seed: result.seed,
    runs: result.runs,
    maxIterations: result.maxIterations,
    timeMs: Math.round(result.timeMs),
    reason: result.reason,
    statistics: result.statistics,
    // paths relative to the project root, so that the report resolves on another machine after checkout
    claimFile: claimFile === undefined ? undefined : projectPath(claimFile),
  };
  if (result.error) entry.error = result.error;
  if (result.target) entry.target = result.target;
  if (result.counterexample) {
    const file = projectPath(join(outDir, 'counterexamples', counterexampleFileName(claim.id)));
    entry.counterexample = { ...result.counterexample, file, replay: replayCommand(file) };
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

export function fmtNumber(v: number | string | null | undefined, digits = 3): string {
  if (v === null || v === undefined) return '-';
  if (typeof v === 'string') v = numberFromJson(v);
  if (!Number.isFinite(v)) return String(v);
  if (v === 0) return '0';
  const a = Math.abs(v);
  return a >= 1e-3 && a < 1e5 ? v.toPrecision(digits) : v.toExponential(digits - 1);
}

/** The verdict as shown to a reader: `holds (truncated)` when most instances stopped at the iteration budget. */
export function verdictLabel(e: Pick<ClaimEntry, 'verdict' | 'truncated'>): string {
  return e.verdict === 'holds' && e.truncated ? 'holds (truncated)' : e.verdict;
}

/**
 * The horizon in words: instances that reached the roundoff floor, stopped at the budget or otherwise,
 * and the decay of the primary bound before its last comparison (least and median, in decades).
 */
export function horizonText(h: HorizonSummary | null | undefined): string {
  if (!h) return '-';
  const parts: string[] = [];
  if (typeof h.reachedFloor === 'number') {
    parts.push(`floor ${h.reachedFloor}, budget ${h.stoppedAtBudget ?? 0}` + (h.stoppedOtherwise ? `, other ${h.stoppedOtherwise}` : ''));
  }
  if (h.decay) parts.push(`decay 10^${fmtNumber(h.decay.max, 2)} (least) / 10^${fmtNumber(h.decay.median, 2)} (median)`);
  parts.push(`t ≤ ${h.min}/${h.median}/${h.max}`);
  return parts.join('; ');
}

/** Attach mutation analyses (a power.json's `claims`) to the report entries of the same ids; returns how many matched. */
export function attachPower(report: Report, results: readonly PowerResult[]): number {
  const byId = new Map(results.map((r) => [r.claimId, r]));
  let n = 0;
  for (const e of report.claims) {
    const r = byId.get(e.id);
    if (r) {
      e.power = r;
      n++;
    }
  }
  return n;
}

/** Rows of cells aligned in columns (two spaces apart; widths counted in code points). */
export function alignedTable(cells: string[][]): string {
  const widths = cells[0].map((_, j) => Math.max(...cells.map((row) => [...row[j]].length)));
  return cells.map((row) => row.map((c, j) => c + ' '.repeat(widths[j] - [...c].length)).join('  ').trimEnd()).join('\n');
}

/**
 * The number that says how a claim fared, in its own terms: the shrunk counterexample's
 * observed/bound ratio for a refuted claim, the p-value and failure count of a with-probability claim,
 * the fitted exponent against the claimed one for an O(·) claim, otherwise the largest observed/bound
 * ratio (bound/observed for lower bounds).
 */
export function figureOfMerit(e: Pick<ClaimEntry, 'counterexample' | 'statistics' | 'maxRatio'>): string {
  const st = e.statistics ?? {};
  if (e.counterexample && !e.counterexample.aggregate) return `ratio ${fmtNumber(e.counterexample.violation.ratio)}`;
  if (typeof st.pValue === 'number' && typeof st.failures === 'number' && typeof st.trials === 'number') {
    return `p = ${fmtNumber(st.pValue, 2)}, ${st.failures}/${st.trials} failed`;
  }
  if (typeof st.fittedExponent === 'number' && typeof st.claimedExponent === 'number') {
    return `exponent ${fmtNumber(st.fittedExponent)} vs ${fmtNumber(st.claimedExponent)}`;
  }
  return e.maxRatio === null ? '-' : `ratio ${fmtNumber(e.maxRatio)}`;
}

/**
 * Per-claim statistics, one line each (as Hypothesis prints them): instances generated and meeting the
 * hypotheses, the hypotheses that failed by name, iterations compared, how the trajectories stopped,
 * and the time.
 */
export function statisticsLines(entries: ClaimEntry[]): string {
  return entries
    .map((e) => {
      const failed = Object.entries(e.hypothesisFailures ?? {}).sort((a, b) => b[1] - a[1]).map(([name, n]) => `${safeText(name)} ${n}`);
      const stops = Object.entries(e.horizon?.stops ?? {}).map(([k, n]) => `${k} ${n}`);
      return [
        `- ${safeText(e.id)}: ${e.instances} instance${e.instances === 1 ? '' : 's'}, ${e.hypothesesMet} meeting the hypotheses`,
        failed.length ? `hypotheses failed: ${failed.join(', ')}` : '',
        typeof e.comparedIterations === 'number' ? `${e.comparedIterations} iterations compared` : '',
        stops.length ? `stops: ${stops.join(', ')}` : '',
        e.horizon?.decay ? `bound decayed 10^${fmtNumber(e.horizon.decay.max, 3)} (least), 10^${fmtNumber(e.horizon.decay.median, 3)} (median)` : '',
        e.horizon?.truncated ? 'truncated (most instances stopped at the budget)' : '',
        e.horizon ? `horizon ${e.horizon.min}–${e.horizon.max} (median ${e.horizon.median})` : '',
        e.target?.note ? `target phase not run: ${e.target.note}` : '',
        e.target && !e.target.note ? `target: ${e.target.generated} generated (best ratio ${e.target.startRatio === null ? '-' : fmtNumber(e.target.startRatio, 4)}), ${e.target.targeted} targeted (best ${e.target.bestRatio === null ? '-' : fmtNumber(e.target.bestRatio, 4)})${e.target.found ? ', found the violation' : ''}${e.target.simplified ? ` (simplified in ${e.target.simplified.evaluations} re-runs, ${e.target.simplified.moves} moves kept)` : ''}` : '',
        `${(Number(e.timeMs) / 1000).toFixed(2)} s`,
      ].filter(Boolean).join('; ');
    })
    .join('\n');
}

/** The console table: one row per claim; `compared` counts the iterations at which a bound was compared. */
export function consoleTable(entries: ClaimEntry[]): string {
  const rows = [['claim', 'expected', 'verdict', 'instances', 'compared', 'measure', 'time']];
  for (const e of entries) {
    rows.push([
      safeText(e.id),
      safeText(e.expected),
      `${safeText(verdictLabel(e))}${e.asExpected ? '' : '  ✗'}`,
      e.instances === e.hypothesesMet ? String(e.instances) : `${e.hypothesesMet}/${e.instances}`,
      typeof e.comparedIterations === 'number' ? String(e.comparedIterations) : '-',
      figureOfMerit(e),
      `${(Number(e.timeMs) / 1000).toFixed(2)}s`,
    ]);
  }
  return alignedTable(rows);
}

/**
 * Text for Markdown, always placed inline after a prefix: control characters (newlines included)
 * become spaces, so nothing starts a line (no heading, list or fence); the inline syntax (emphasis,
 * code, links, table cells, HTML) is escaped. No text from a claim or a data file can inject Markdown.
 */
export function mdText(s: unknown): string {
  return safeText(s).replace(/[\\`*_[\]|<>~&]/g, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '&' ? '&amp;' : `\\${c}`));
}

/** Inline code for Markdown (ids, commands, parameters): a code span when that is safe, else escaped text. */
export function mdCode(s: unknown): string {
  const t = safeText(s);
  return /[`|]/.test(t) || t.trim() === '' ? mdText(t) : `\`${t}\``;
}

export function markdownReport(report: Report): string {
  const s = report.summary;
  const lines = [
    '# ratecheck report',
    '',
    `${s.asExpected} of ${s.claims} claim${s.claims === 1 ? '' : 's'} as expected` + (s.unexpected.length ? `; unexpected: ${s.unexpected.map(mdText).join(', ')}` : '') + '.',
    `Seed ${mdText(report.options.seed)}, ${mdText(report.options.runs)} runs per claim.`,
    '',
    '| claim | kind | expected | verdict | instances | compared | max ratio | horizon (stops; bound decay; t min/median/max) |',
    '|---|---|---|---|---|---|---|---|',
  ];
  for (const e of report.claims) {
    const h = mdText(horizonText(e.horizon));
    const ratio = e.counterexample ? e.counterexample.violation.ratio : e.maxRatio;
    const compared = typeof e.comparedIterations === 'number' ? String(e.comparedIterations) : '-';
    lines.push(
      `| ${mdCode(e.id)} | ${mdText(e.kind)} | ${mdText(e.expected)} | ${e.asExpected ? '' : '**'}${mdText(verdictLabel(e))}${e.asExpected ? '' : '**'} | ${mdText(`${e.hypothesesMet}/${e.instances}`)} | ${compared} | ${mdText(fmtNumber(ratio))} | ${h} |`,
    );
  }
  const refuted = report.claims.filter((e) => e.counterexample);
  if (refuted.length) {
    lines.push('', '## Counterexamples', '');
    for (const e of refuted) {
      const v = e.counterexample!.violation;
      lines.push(
        `- ${mdCode(e.id)}: at t = ${mdText(v.iteration)}, ${mdText(v.metric)} = ${mdText(fmtNumber(v.observed, 6))} ${v.relation === 'le' ? '&gt;' : '&lt;'} ${mdText(fmtNumber(v.bound, 6))} (${mdText(v.cite)}); ` +
          `params ${mdCode(JSON.stringify(e.counterexample!.params))}; replay: ${mdCode(e.counterexample!.replay)}`,
      );
    }
  }
  const errors = report.claims.filter((e) => e.verdict === 'error');
  if (errors.length) {
    lines.push('', '## Errors', '', 'These claims threw while an instance was built or run (a defect of the claim, not a verdict on the theorem).', '');
    for (const e of errors) {
      const params = e.error?.params !== undefined ? `; params ${mdCode(JSON.stringify(e.error.params))}` : '';
      lines.push(`- ${mdCode(e.id)}: ${mdText(e.error?.message ?? e.reason ?? 'error')}${params}`);
    }
  }
  const powered = report.claims.filter((e) => e.power);
  if (powered.length) {
    lines.push('', '## Detection thresholds', '', 'The smallest strengthening of the bound, and of its rate exponent, that a default verify refutes (`ratecheck power`).', '');
    for (const e of powered) lines.push(`- ${mdCode(e.id)}: ${mdText(powerSummary(e.power!))}`);
  }
  const notes = report.claims.filter((e) => e.reason);
  if (notes.length) {
    lines.push('', '## Notes', '');
    for (const e of notes) lines.push(`- ${mdCode(e.id)} (${mdText(e.verdict)}): ${mdText(e.reason)}`);
  }
  return lines.join('\n') + '\n';
}

