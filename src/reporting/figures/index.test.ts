import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verifyClaim } from '../../checking/runner.ts';
import type { Claim } from '../../claims/types.ts';
import { SCHEMA_VERSION, TOOL_VERSION, buildEntry, summarize, type Report } from '../report.ts';
import { claimFigureFor, claimsOfPaper, figureClaims, figureJobs, generateFigures, networkPart, type FigureJob } from './index.ts';
import { lineFigure } from './spec.ts';
import { aggregate, lower, tooFast, upper } from './test-claims.ts';

const withUrl = (c: Claim<unknown>, id: string, url: string): Claim<unknown> => ({ ...c, id, source: { ...c.source, url } });
const pool: Claim<unknown>[] = [
  withUrl(upper as Claim<unknown>, 'xu2024-mf.toy', 'https://arxiv.org/abs/2410.09640'),
  withUrl(tooFast as Claim<unknown>, 'xu2024-mf.toy-false', 'https://arxiv.org/abs/2410.09640'),
  withUrl(lower as Claim<unknown>, 'kaczmarz.toy', 'https://arxiv.org/abs/2206.07553'),
  withUrl(aggregate as Claim<unknown>, 'bcw2024.toy-aggregate', 'x'),
  withUrl(upper as Claim<unknown>, 'bcw2024-extra.toy', 'x'),
  withUrl(upper as Claim<unknown>, 'other.toy', 'https://example.org'),
];

describe('selecting claims', () => {
  it('assigns claims to papers by arXiv id or id prefix', () => {
    expect(claimsOfPaper('xu2024', pool).map((c) => c.id)).toEqual(['xu2024-mf.toy', 'xu2024-mf.toy-false']);
    expect(claimsOfPaper('bcw2024', pool).map((c) => c.id)).toEqual(['kaczmarz.toy', 'bcw2024.toy-aggregate', 'bcw2024-extra.toy']);
    expect(figureClaims('bcw2024', pool).map((c) => c.id)).toEqual(['kaczmarz.toy', 'bcw2024-extra.toy']);
  });

  it('lists one job per paper figure, audit and claim', () => {
    const jobs = figureJobs({ papers: ['xu2024', 'bcw2024'], claims: pool, claimOptions: { seed: 1, samples: 1, examples: 1 } });
    expect(jobs.map((j) => j.label)).toEqual([
      'Figure 1 (GD vs AltGD)',
      'Figure 2 (GD vs NAG)',
      'Figure 3 (theory vs actual)',
      'Figure 4 (larger sizes)',
      'Figure 5 (varying c)',
      'Figure 6 (varying c₂)',
      'initialization audit',
      'width audit',
      'batch size (minibatch heavy ball)',
      'xu2024-mf.toy',
      'kaczmarz.toy',
      'bcw2024-extra.toy',
    ]);
    expect(figureJobs({ papers: ['bcw2024'], claims: [], claimOptions: { seed: 1, samples: 1, examples: 1 } })).toHaveLength(1);
    const fig3 = jobs.find((j) => j.label.startsWith('Figure 3'))!.build();
    expect(fig3.map((f) => f.name)).toEqual(['xu2024/figure3-theory-vs-actual']);
    expect(jobs.find((j) => j.label === 'kaczmarz.toy')!.build().map((f) => f.name)).toEqual(['claims/kaczmarz.toy']);
  });

  it('keeps a figure when its network panel fails', () => {
    expect(networkPart(() => {
      throw new Error('no network');
    })).toEqual({ error: 'the linear-network module failed (no network)' });
    const ok = { rows: [], caption: 'c', meta: {} };
    expect(networkPart(() => ok)).toBe(ok);
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
