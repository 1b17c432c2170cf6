import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verifyClaim } from '../../checking/runner.ts';
import type { Claim } from '../../claims/types.ts';
import { SCHEMA_VERSION, TOOL_VERSION, buildEntry, summarize, type Report } from '../report.ts';
import { claimFigureFor, figureClaims, figureJobs, generateFigures, type FigureJob } from './index.ts';
import type { Paper } from '../../catalog.ts';
import { lineFigure } from './spec.ts';
import { aggregate, lower, tooFast, upper } from './test-claims.ts';

const figure = (name: string) => lineFigure({ name, title: name, caption: '', data: [{ t: 0, v: 1, series: 'a' }], panels: [{ title: '', x: { field: 't', title: 't' }, y: { field: 'v', title: 'v' } }] });
const papers: Paper[] = [
  { name: 'xu2024', title: 'x', claims: [{ ...(upper as Claim<unknown>), id: 'xu2024-mf.toy' }, { ...(tooFast as Claim<unknown>), id: 'xu2024-mf.toy-false' }], figures: [{ label: 'Figure 3', build: () => [figure('xu2024/figure3')] }] },
  { name: 'bcw2024', title: 'b', claims: [{ ...(lower as Claim<unknown>), id: 'bcw2024.toy' }, { ...(aggregate as Claim<unknown>), id: 'bcw2024.toy-aggregate' }] },
];

describe('selecting claims', () => {
  it('draws the true, instance-by-instance claims of a paper', () => {
    expect(figureClaims(papers[0]).map((c) => c.id)).toEqual(['xu2024-mf.toy']);
    expect(figureClaims(papers[1]).map((c) => c.id)).toEqual(['bcw2024.toy']);
  });

  it('lists the papers’ own figures first, then one job per claim', () => {
    const jobs = figureJobs({ papers, claimOptions: { seed: 1, samples: 1, examples: 1 } });
    expect(jobs.map((j) => `${j.paper}: ${j.label}`)).toEqual(['xu2024: Figure 3', 'xu2024: xu2024-mf.toy', 'bcw2024: bcw2024.toy']);
    expect(jobs[0].build().map((f) => f.name)).toEqual(['xu2024/figure3']);
    expect(jobs[2].build().map((f) => f.name)).toEqual(['claims/bcw2024.toy']);
    expect(figureJobs({ papers: [papers[1]], claimOptions: { seed: 1, samples: 1, examples: 1 } })).toHaveLength(1);
  });
});

describe('per-claim figures', () => {
  const claim = upper as Claim<unknown>;

  it('without a report: the tightest of the examples and samples is the focus', () => {
    const f = claimFigureFor(claim, { seed: 2, samples: 2, examples: 1 })!;
    expect(f.name).toBe('claims/scalar.upper');
    const meta = f.meta as { focus: { label: string }; samples: unknown[] };
    expect(meta.focus.label).toMatch(/^tightest \((example 1|sample \d)\)$/);
    expect(meta.samples).toHaveLength(2);
    expect(f.caption).toContain('1 of the claim’s examples'.replace('’', "'"));
  });

  it('with a report: its tightest instance or its counterexample', () => {
    const out = mkdtempSync(join(tmpdir(), 'ratecheck-figs-'));
    const entries = [buildEntry(claim, verifyClaim(claim, { runs: 4, seed: 2 }), out), buildEntry(tooFast as Claim<unknown>, verifyClaim(tooFast as Claim<unknown>, { runs: 4, seed: 2 }), out)];
    const report: Report = { schemaVersion: SCHEMA_VERSION, tool: { name: 'ratecheck', version: TOOL_VERSION }, createdAt: '', options: { runs: 4, seed: 2, timeLimitSec: null, maxIterations: null, dense: false }, summary: summarize(entries), claims: entries };
    const a = claimFigureFor(claim, { seed: 2, samples: 1, examples: 1, report, maxIterations: 100 })!;
    expect((a.meta as { focus: { label: string } }).focus.label).toBe('tightest');
    expect(a.caption).toContain("verify report's (seed 2, 4 runs)");
    const b = claimFigureFor(tooFast as Claim<unknown>, { seed: 2, samples: 0, examples: 0, report })!;
    expect((b.meta as { focus: { label: string } }).focus.label).toBe('counterexample');
  });
});

describe('generateFigures', () => {
  it('writes each job’s figures, lists the ones without a figure and the failures', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ratecheck-gen-'));
    const fig = lineFigure({ name: 'a/one', title: 'One', caption: '', data: [{ t: 0, v: 1, series: 's' }, { t: 1, v: 2, series: 's' }], panels: [{ title: 'p', x: { field: 't', title: 't' }, y: { field: 'v', title: 'v' } }] });
    const jobs: FigureJob[] = [
      { paper: 'xu2024', label: 'one', build: () => [fig] },
      { paper: 'xu2024', label: 'none', build: () => [] },
      {
        paper: 'bcw2024',
        label: 'boom',
        build: () => {
          throw new Error('boom');
        },
      },
    ];
    const seen: string[] = [];
    const r = await generateFigures(dir, jobs, (job, figs) => seen.push(`${job.label}:${figs.length}`));
    expect(seen).toEqual(['one:1', 'none:0', 'boom:0']);
    expect(r.written.map((w) => w.name)).toEqual(['a/one']);
    expect(r.skipped.map((s) => s.label)).toEqual(['none']);
    expect(r.failed).toEqual([{ label: 'boom', reason: 'boom' }]);
    expect(existsSync(join(dir, 'a', 'one.svg'))).toBe(true);
    expect(existsSync(join(dir, 'a', 'one.json'))).toBe(true);
  });
});
