/**
 * `ratecheck figures`: every figure of a paper, each written as NAME.svg next to NAME.json.
 *
 * - xu2024: the paper's Figures 1-6 (matrix factorization, and the network panels of Figures 1, 2, 4),
 *   the initialization-audit and width-audit heatmaps, and the per-claim figures of its true claims;
 * - bcw2024: the minibatch heavy-ball rate against batch size, and the per-claim figures of the
 *   claims citing Bollapragada-Chen-Ward.
 *
 * Per-claim figures take the tightest instance from a verify report when one is given; otherwise the
 * tightest of the claim's examples and a few sampled instances.
 */
import { DEFAULT_MAX_ITERATIONS } from '../../checking/runner.ts';
import type { Claim } from '../../claims/types.ts';
import { auditInit } from '../../analysis/audit-init.ts';
import { defaultAuditConfig, widthAudit } from '../../analysis/width-audit.ts';
import type { Report } from '../report.ts';
import { initAuditFigure, widthAuditFigure } from './audits.ts';
import { batchSizeFigure } from './bcw2024.ts';
import { claimFigure, sampleParams, traceInstance, type TraceRun } from './claims.ts';
import { largeNetworkPanel, paperNetworkPanel, type NetworkPanel } from './network.ts';
import { writeFigure, type WrittenFigure } from './render.ts';
import type { Figure } from './spec.ts';
import { figure1, figure2, figure3, figure4, figure5, figure6, type NetworkPart } from './xu2024.ts';

export type Paper = 'xu2024' | 'bcw2024';
export const PAPERS: readonly Paper[] = ['xu2024', 'bcw2024'];

/** Which claims belong to a paper: by the arXiv id in their source, or by their id prefix. */
export const PAPER_CLAIMS: Record<Paper, { urls: string[]; prefixes: string[] }> = {
  xu2024: { urls: ['2410.09640'], prefixes: ['xu2024'] },
  bcw2024: { urls: ['2206.07553'], prefixes: ['bcw2024'] },
};

export function claimsOfPaper(paper: Paper, claims: readonly Claim<unknown>[]): Claim<unknown>[] {
  const { urls, prefixes } = PAPER_CLAIMS[paper];
  return claims.filter((c) => urls.some((u) => c.source.url.includes(u)) || prefixes.some((p) => c.id.startsWith(`${p}.`) || c.id.startsWith(`${p}-`)));
}

/** The claims drawn per claim: true claims decided instance by instance. */
export function figureClaims(paper: Paper, claims: readonly Claim<unknown>[]): Claim<unknown>[] {
  return claimsOfPaper(paper, claims).filter((c) => c.expected === 'holds' && !c.aggregate);
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
  paper: Paper;
  label: string;
  build(): Figure[];
}

/** A network panel, or why it is left out (the figure keeps its matrix-factorization panel). */
export function networkPart(build: () => NetworkPanel): NetworkPart {
  try {
    return build();
  } catch (e) {
    return { error: `the linear-network module failed (${(e as Error).message ?? String(e)})` };
  }
}

export interface FiguresOptions {
  papers: readonly Paper[];
  claims: readonly Claim<unknown>[];
  claimOptions: ClaimFigureOptions;
}

/** The jobs of `ratecheck figures`, one per figure (or per claim). */
export function figureJobs(o: FiguresOptions): FigureJob[] {
  const jobs: FigureJob[] = [];
  if (o.papers.includes('xu2024')) {
    jobs.push(
      { paper: 'xu2024', label: 'Figure 1 (GD vs AltGD)', build: () => [figure1(networkPart(() => paperNetworkPanel(['gd', 'altgd', 'gd-1/L'], 1500)))] },
      { paper: 'xu2024', label: 'Figure 2 (GD vs NAG)', build: () => [figure2(networkPart(() => paperNetworkPanel(['gd', 'nag'], 1500)))] },
      { paper: 'xu2024', label: 'Figure 3 (theory vs actual)', build: () => [figure3()] },
      { paper: 'xu2024', label: 'Figure 4 (larger sizes)', build: () => [figure4(networkPart(() => largeNetworkPanel(['gd', 'nag'], 1500)))] },
      { paper: 'xu2024', label: 'Figure 5 (varying c)', build: () => [figure5()] },
      { paper: 'xu2024', label: 'Figure 6 (varying c₂)', build: () => [figure6()] },
      {
        paper: 'xu2024',
        label: 'initialization audit',
        build: () => [initAuditFigure(auditInit({ widths: [5, 20, 80], seed: 1 }), 'Paper instance m = 100, n = 80, r = 5, κ = 5 (σ₂..σ₄ geometric), seed 1, widths 5, 20, 80, 5000 iterations at most')],
      },
      { paper: 'xu2024', label: 'width audit', build: () => [widthAuditFigure(widthAudit(defaultAuditConfig()))] },
    );
  }
  if (o.papers.includes('bcw2024')) jobs.push({ paper: 'bcw2024', label: 'batch size (minibatch heavy ball)', build: () => [batchSizeFigure()] });
  for (const paper of o.papers) {
    for (const claim of figureClaims(paper, o.claims)) {
      jobs.push({
        paper,
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
