/**
 * The README's coverage table from a verify report: one row per theorem (paper and theorem of each
 * true claim), with kind, confidence, verdict on that run and the false variants refuted; given the
 * power.json of `ratecheck power --all-primary --out DIR`, also the detection thresholds (bound; rate).
 * Usage: npx tsx scripts/coverage-table.ts [reports/latest/report.json] [--power DIR/power.json]
 */
import { readFileSync } from 'node:fs';
import type { Report } from '../src/reporting/report.ts';
import { powerSummary, type PowerResult } from '../src/checking/power.ts';
import type { PowerFile } from '../src/cli/commands/power.ts';

const args = process.argv.slice(2);
const powerAt = args.indexOf('--power');
const powerFile = powerAt >= 0 ? args.splice(powerAt, 2)[1] : undefined;
const file = args[0] ?? 'reports/latest/report.json';
const power = new Map<string, PowerResult>();
if (powerFile) for (const r of (JSON.parse(readFileSync(powerFile, 'utf8')) as PowerFile).claims) power.set(r.claimId, r);
/** The thresholds without the hypotheses part (the column is about the bound and its rate). */
const thresholds = (r: PowerResult | undefined) => (r ? powerSummary({ ...r, hypotheses: [] }) : '-');
const report = JSON.parse(readFileSync(file, 'utf8')) as Report;
const variants = new Map<string, { refuted: number; total: number }>();
for (const c of report.claims) {
  if (!c.variantOf) continue;
  const v = variants.get(c.variantOf) ?? { refuted: 0, total: 0 };
  v.total++;
  if (c.verdict === 'refuted') v.refuted++;
  variants.set(c.variantOf, v);
}
/** The authors part of a reference ("R. Ward, T. Kolda. Title ..." → "R. Ward, T. Kolda"). */
const short = (paper: string) => {
  const m = /^(.*?[a-z\u00c0-\u024f]{2,})\.\s/.exec(paper);
  return (m ? m[1] : paper).slice(0, 70);
};
const head = '| claim | source | kind | confidence | verdict (default profile) | false variants refuted |' + (powerFile ? ' detection threshold |' : '');
const rows = [head, '|---|---|---|---|---|---|' + (powerFile ? '---|' : '')];
for (const c of report.claims) {
  if (c.variantOf) continue;
  const v = variants.get(c.id);
  rows.push(`| \`${c.id}\` | ${short(c.source.paper)}, ${c.source.theorem} | ${c.kind} | ${c.source.confidence} | ${c.verdict}${c.expected !== 'holds' ? ` (expected ${c.expected})` : ''} | ${v ? `${v.refuted}/${v.total}` : '-'} |${powerFile ? ` ${thresholds(power.get(c.id))} |` : ''}`);
}
console.log(rows.join('\n'));
