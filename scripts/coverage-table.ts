/**
 * The README's coverage table from a verify report: one row per theorem (paper and theorem of each
 * true claim), with kind, confidence, verdict on that run and the false variants refuted.
 * Usage: npx tsx scripts/coverage-table.ts [reports/latest/report.json]
 */
import { readFileSync } from 'node:fs';
import type { Report } from '../src/reporting/report.ts';

const file = process.argv[2] ?? 'reports/latest/report.json';
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
const rows = ['| claim | source | kind | confidence | verdict (default profile) | false variants refuted |', '|---|---|---|---|---|---|'];
for (const c of report.claims) {
  if (c.variantOf) continue;
  const v = variants.get(c.id);
  rows.push(`| \`${c.id}\` | ${short(c.source.paper)}, ${c.source.theorem} | ${c.kind} | ${c.source.confidence} | ${c.verdict}${c.expected !== 'holds' ? ` (expected ${c.expected})` : ''} | ${v ? `${v.refuted}/${v.total}` : '-'} |`);
}
console.log(rows.join('\n'));
