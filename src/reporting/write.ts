/**
 * Writing a verify run's report: report.json, report.md, report.html and the counterexample files.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { counterexampleFile, markdownReport, toJson, writeAtomic, type Report } from './report.ts';
import { htmlReport, type HtmlReportOptions } from './html.ts';
import { loadRenderer } from './figures/render.ts';

/**
 * Write report.json, report.md, report.html (self-contained, with the per-claim figures) and the
 * counterexample files into outDir; report.json last.
 */
export async function writeReport(outDir: string, report: Report, html: HtmlReportOptions = {}): Promise<void> {
  if (html.figures ?? true) await loadRenderer();
  mkdirSync(join(outDir, 'counterexamples'), { recursive: true });
  for (const e of report.claims) {
    const cx = counterexampleFile(e, report.options.dense);
    if (cx && e.counterexample) writeAtomic(e.counterexample.file, toJson(cx));
  }
  writeAtomic(join(outDir, 'report.md'), markdownReport(report));
  writeAtomic(join(outDir, 'report.html'), htmlReport(report, html));
  writeAtomic(join(outDir, 'report.json'), toJson(report));
}
