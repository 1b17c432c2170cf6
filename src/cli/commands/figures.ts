/**
 * `ratecheck figures [--paper xu2024|bcw2024|all] [--out DIR] [--report FILE]`: regenerate the figures of
 * a paper (or all of them) as SVG, each next to the JSON it was drawn from, with a progress bar on a
 * terminal (plain lines otherwise or with CI=true). Exit 0 when figures were written and no job failed
 * (a claim whose sampled instances all miss its hypotheses has no figure: listed, not a failure), 1 when
 * a job failed, 2 on bad usage.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import type { Command } from 'commander';
import { integer, nonNegativeInt } from '../options.ts';
import type { Catalog, Paper } from '../../catalog.ts';
import type { Report } from '../../reporting/report.ts';
import { figureJobs, generateFigures } from '../../reporting/figures/index.ts';
import { UsageError } from '../errors.ts';
import { createProgress, type ProgressStream } from '../progress.ts';

export interface FiguresIo {
  out: (s: string) => void;
  err: (s: string) => void;
}

export interface FiguresCliOptions {
  paper: string;
  out: string;
  report?: string;
  seed: number;
  samples: number;
  /** Progress stream (default stderr); tests pass their own. */
  progressStream?: ProgressStream;
}

function readReport(file: string): Report {
  if (!existsSync(file)) throw new UsageError(`report not found: ${file}`);
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new UsageError(`malformed JSON in ${file}: ${(e as Error).message.split('\n')[0]}`);
  }
  const r = data as Report;
  if (!r || typeof r !== 'object' || !Array.isArray(r.claims) || typeof r.schemaVersion !== 'number') throw new UsageError(`${file} is not a ratecheck report.json`);
  return r;
}

export async function runFigures(o: FiguresCliOptions, io: FiguresIo, catalog?: Catalog): Promise<number> {
  const all = catalog?.papers ?? [];
  const papers: Paper[] = o.paper === 'all' ? all : all.filter((p) => p.name === o.paper);
  if (papers.length === 0) throw new UsageError(`unknown paper '${o.paper}' (available: ${[...all.map((p) => p.name), 'all'].join(', ')})`);
  const report = o.report ? readReport(resolve(o.report)) : undefined;
  const outDir = resolve(o.out);
  try {
    mkdirSync(outDir, { recursive: true });
  } catch (e) {
    throw new UsageError(`cannot create ${o.out}: ${(e as Error).message}`);
  }
  const jobs = figureJobs({ papers, claimOptions: { seed: o.seed, samples: o.samples, examples: 2, report } });
  const progress = createProgress({ label: 'figures', total: jobs.length, stream: o.progressStream ?? process.stderr });
  const { written, skipped, failed } = await generateFigures(outDir, jobs, (job, figs) => progress.tick(`${job.label}${figs.length ? '' : ' (skipped)'}`));
  progress.done(`${written.length} figures`);
  for (const w of written) io.out(`${relative(process.cwd(), w.svg) || w.svg}\n`);
  for (const w of written) for (const warning of w.warnings) io.err(`warning: ${w.name}: ${warning}\n`);
  for (const s of skipped) io.err(`no figure: ${s.label}: ${s.reason}\n`);
  for (const f of failed) io.err(`failed: ${f.label}: ${f.reason}\n`);
  io.out(`${written.length} figures (SVG, each next to the JSON it was drawn from) in ${outDir}${skipped.length ? `; ${skipped.length} without a figure` : ''}${failed.length ? `; ${failed.length} FAILED` : ''}\n`);
  return written.length > 0 && failed.length === 0 ? 0 : 1;
}

export function registerFigures(program: Command, io: FiguresIo, setCode: (c: number) => void, catalog?: Catalog): Command {
  return program
    .command('figures')
    .description('regenerate the figures (SVG next to their JSON): the papers’ figures from their named instances, audit heatmaps, per-claim trajectories')
    .option('--paper <name>', `a paper of the catalog (${[...(catalog?.papers ?? []).map((p) => p.name), 'all'].join(' | ')})`, 'all')
    .option('--out <dir>', 'output directory', 'reports/figures')
    .option('--report <file>', 'a verify report.json: draw each claim’s tightest instance (or counterexample) from it')
    .option('--seed <s>', 'seed of the instances sampled for the per-claim figures', integer('--seed'), 1)
    .option('--samples <n>', 'instances sampled per claim for the per-claim figures', nonNegativeInt('--samples'), 3)
    .action(async (opts: FiguresCliOptions) => setCode(await runFigures(opts, io, catalog)));
}
