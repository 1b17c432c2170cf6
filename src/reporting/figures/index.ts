/**
 * `ratecheck figures`: every figure of a paper, each written as NAME.svg next to NAME.json: the figures
 * the paper itself declares (its own figures, its audits) and the per-claim figures of its true claims.
 *
 * Per-claim figures take the tightest instance from a verify report when one is given; otherwise the
 * tightest of the claim's examples and a few sampled instances.
 */
import { DEFAULT_MAX_ITERATIONS } from '../../checking/runner.ts';
import type { Claim } from '../../claims/types.ts';
import type { Paper } from '../../catalog.ts';
import type { Report } from '../report.ts';
import { claimFigure, sampleParams, traceInstance, type TraceRun } from './claims.ts';
import { writeFigure, type WrittenFigure } from './render.ts';
import type { Figure } from './spec.ts';

/** The claims drawn per claim: true claims decided instance by instance. */
export function figureClaims(paper: Paper): Claim<unknown>[] {
  return paper.claims.filter((c) => c.expected === 'holds' && !c.aggregate);
}

export interface ClaimFigureOptions {
  seed: number;
  /** Instances sampled besides the examples. */
  samples: number;
  /** Examples tried first (the paper's named instances). */
  examples: number;
  /** Iteration cap of one trajectory. */
  maxIterations?: number;
  /** A verify report whose tightest instances (or counterexamples) to draw. */
  report?: Report;
}

/** The figure of one claim: the tightest instance of the report, or of its examples and samples. */
export function claimFigureFor(claim: Claim<unknown>, o: ClaimFigureOptions): Figure | null {
  const maxIterations = Math.min(o.maxIterations ?? Infinity, claim.maxIterations ?? DEFAULT_MAX_ITERATIONS);
  const entry = o.report?.claims.find((e) => e.id === claim.id);
  const sampled = sampleParams(claim, o.seed, o.samples);
  let focus: TraceRun | null = null;
  let samples: TraceRun[];
  let sampling: string;
  if (entry?.counterexample || entry?.tightest) {
    const params = entry.counterexample ? entry.counterexample.params : entry.tightest!.params;
    focus = traceInstance(claim, params, entry.counterexample ? 'counterexample' : 'tightest', { maxIterations: Math.min(maxIterations, entry.maxIterations) });
    samples = sampled.map((p, i) => traceInstance(claim, p, `sample ${i + 1}`, { maxIterations }));
    sampling = `The focus instance is the verify report's (seed ${o.report!.options.seed}, ${entry.runs} runs); ${o.samples} more instances sampled with seed ${o.seed}`;
  } else {
    const examples = (claim.examples ?? []).slice(0, o.examples);
    const runs = [
      ...examples.map((p, i) => traceInstance(claim, p, `example ${i + 1}`, { maxIterations })),
      ...sampled.map((p, i) => traceInstance(claim, p, `sample ${i + 1}`, { maxIterations })),
    ];
    let best = -1;
    runs.forEach((r, i) => {
      if (r.hypothesesMet && r.t.length > 0 && (best < 0 || r.maxRatio > runs[best].maxRatio)) best = i;
    });
    if (best >= 0) focus = { ...runs[best], label: `tightest (${runs[best].label})` };
    samples = runs.filter((_, i) => i !== best);
    sampling = `The tightest instance is the one with the largest observed/bound ratio among ${examples.length} of the claim's examples (the paper's named instances) and ${o.samples} instances sampled with seed ${o.seed}; the others are drawn as samples`;
  }
  return claimFigure({ id: claim.id, statement: claim.statement, focus, samples, sampling, name: `claims/${claim.id}` });
}

export interface FigureJob {
  paper: string;
  label: string;
  build(): Figure[];
}

export interface FiguresOptions {
  papers: readonly Paper[];
  claimOptions: ClaimFigureOptions;
}

/** The jobs of `ratecheck figures`, one per figure (or per claim). */
export function figureJobs(o: FiguresOptions): FigureJob[] {
  const jobs: FigureJob[] = [];
  for (const paper of o.papers) for (const f of paper.figures ?? []) jobs.push({ paper: paper.name, label: f.label, build: () => f.build() });
  for (const paper of o.papers) {
    for (const claim of figureClaims(paper)) {
      jobs.push({
        paper: paper.name,
        label: claim.id,
        build: () => {
          const f = claimFigureFor(claim, o.claimOptions);
          return f ? [f] : [];
        },
      });
    }
  }
  return jobs;
}

export interface GeneratedFigures {
  written: WrittenFigure[];
  /** Jobs that produced no figure (no instance had a compared iteration), and why. */
  skipped: { label: string; reason: string }[];
  /** Jobs that threw, and the error. */
  failed: { label: string; reason: string }[];
}

/** Run the jobs in order, writing each figure into outDir; `onJob` is called after each job. */
export async function generateFigures(outDir: string, jobs: FigureJob[], onJob?: (job: FigureJob, figures: WrittenFigure[]) => void): Promise<GeneratedFigures> {
  const written: WrittenFigure[] = [];
  const skipped: GeneratedFigures['skipped'] = [];
  const failed: GeneratedFigures['failed'] = [];
  for (const job of jobs) {
    const done: WrittenFigure[] = [];
    try {
      const figures = job.build();
      if (figures.length === 0) skipped.push({ label: job.label, reason: 'no instance met the hypotheses with a compared iteration' });
      for (const f of figures) done.push(await writeFigure(outDir, f));
    } catch (e) {
      failed.push({ label: job.label, reason: (e as Error).message ?? String(e) });
    }
    written.push(...done);
    onJob?.(job, done);
  }
  return { written, skipped, failed };
}
