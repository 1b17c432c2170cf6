import { afterAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mergeReports } from './merge.ts';
import { locate, projectPath, projectRoot, realPath } from './paths.ts';
import type { ClaimEntry, Report } from './report.ts';

const tmp = realPath(mkdtempSync(join(tmpdir(), 'ratecheck-merge-')));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const violation = { iteration: 3, metric: 'x', relation: 'le' as const, observed: 0.5, bound: 0.25, ratio: 2, cite: 'x_t ≤ q^t' };
const entry = (id: string, over: Partial<ClaimEntry> = {}): ClaimEntry => ({
  id, statement: 's', source: { paper: 'p', theorem: 't', url: 'u', confidence: 'V' }, kind: 'bound-for-all-t',
  expected: 'holds', verdict: 'holds', asExpected: true, instances: 3, hypothesesMet: 3, maxRatio: 0.5, horizon: null,
  hypothesisFailures: {}, seed: 1, runs: 3, maxIterations: 10, timeMs: 500, ...over,
});
const refuted = (id: string, file: string) =>
  entry(id, {
    expected: 'refuted', verdict: 'refuted',
    counterexample: { params: { q: 0.5 }, violation, hypotheses: [], derived: {}, seed: 7, path: '0', numShrinks: 2, maxIterations: 10, file, replay: `ratecheck replay ${file}` },
  });
const report = (claims: ClaimEntry[], over: Partial<Report['options']> = {}, wallTimeMs?: number): Report => ({
  schemaVersion: 1, tool: { name: 'ratecheck', version: '0' }, createdAt: 'then',
  options: { runs: 3, seed: 1, timeLimitSec: null, maxIterations: null, dense: false, shard: '1/2', ...over },
  summary: { claims: claims.length, asExpected: claims.length, unexpected: [], byVerdict: {}, ...(wallTimeMs !== undefined ? { wallTimeMs } : {}) },
  claims,
});

describe('paths relative to the project root', () => {
  it('finds the nearest directory upward with a package.json, else the directory itself', () => {
    const project = join(tmp, 'project');
    mkdirSync(join(project, 'claims', 'deep'), { recursive: true });
    writeFileSync(join(project, 'package.json'), '{}');
    expect(projectRoot(join(project, 'claims', 'deep'))).toBe(project);
    const bare = join(tmp, 'bare');
    mkdirSync(bare);
    expect(projectRoot(bare)).toBe(bare);
  });

  it('records a path inside the project relative with /, one outside absolute, links and missing tails resolved', () => {
    const root = join(tmp, 'project');
    expect(projectPath(join(root, 'reports', 'not-yet', 'a.json'), root)).toBe('reports/not-yet/a.json');
    expect(projectPath(root, root)).toBe('.');
    expect(projectPath(join(tmp, 'elsewhere', 'a.json'), root)).toBe(join(tmp, 'elsewhere', 'a.json'));
    expect(projectPath(join(root, '..', 'project-sibling'), root)).toBe(join(tmp, 'project-sibling'));
    symlinkSync(root, join(tmp, 'link'));
    expect(projectPath(join(tmp, 'link', 'claims', 'x.ts'), root)).toBe('claims/x.ts');
  });

  it('locates a recorded path against its bases: the first that exists, else the first', () => {
    const root = join(tmp, 'project');
    expect(locate('claims', [join(tmp, 'bare'), root])).toBe(join(root, 'claims'));
    expect(locate('nothing.ts', [root, tmp])).toBe(join(root, 'nothing.ts'));
    expect(locate('/abs/a.ts', [root])).toBe('/abs/a.ts');
    expect(locate('a.ts', [])).toBe(join(process.cwd(), 'a.ts'));
  });
});

describe('merging shard reports', () => {
  const root = join(tmp, 'project');

  it('points every counterexample and replay command into the merged folder, relative to the project root', () => {
    const a = report([refuted('a.one', 'reports/shard-1/counterexamples/a.one.json'), entry('a.two')], {}, 4000);
    const b = report([refuted('a.three', '/home/runner/work/p/p/reports/shard-2/counterexamples/a.three.json')], { shard: '2/2' }, 6500);
    const m = mergeReports([a, b], { out: join(root, 'reports', 'merged'), root });
    expect(m.claims.map((c) => c.id)).toEqual(['a.one', 'a.two', 'a.three']);
    for (const id of ['a.one', 'a.three']) {
      const cx = m.claims.find((c) => c.id === id)!.counterexample!;
      expect(cx.file).toBe(`reports/merged/counterexamples/${id}.json`);
      expect(cx.replay).toBe(`ratecheck replay reports/merged/counterexamples/${id}.json`);
    }
    expect(m.claims[1].counterexample).toBeUndefined();
    // the shards ran side by side: the merged wall time is the longest shard's
    expect(m.summary).toMatchObject({ claims: 3, asExpected: 3, wallTimeMs: 6500 });
    expect(m.options.shard).toBeNull();
    // the inputs are left as they were
    expect(a.claims[0].counterexample!.file).toBe('reports/shard-1/counterexamples/a.one.json');
  });

  it('keeps the paths without an output folder; no wall time when a shard lacks one', () => {
    const m = mergeReports([report([refuted('a.one', 'x/a.one.json')], {}, 10), report([entry('a.two')])]);
    expect(m.claims[0].counterexample!.file).toBe('x/a.one.json');
    expect(m.summary.wallTimeMs).toBeUndefined();
  });

  it('makes an absolute claim file of an older report relative when it lies inside the project', () => {
    const m = mergeReports([report([entry('a.one', { claimFile: join(root, 'claims', 'a.ts') }), entry('a.two', { claimFile: '/elsewhere/b.ts' }), entry('a.three', { claimFile: 'claims/c.ts' })])], { root });
    expect(m.claims.map((c) => c.claimFile)).toEqual(['claims/a.ts', '/elsewhere/b.ts', 'claims/c.ts']);
  });

  it('refuses reports that cannot be one run: other seeds, dense and not, a claim twice, nothing', () => {
    expect(() => mergeReports([report([entry('a.one')]), report([entry('a.two')], { seed: 2 })])).toThrow(/different seeds/);
    expect(() => mergeReports([report([entry('a.one')]), report([entry('a.two')], { dense: true })])).toThrow(/with and without --dense/);
    expect(() => mergeReports([report([entry('a.one')]), report([entry('a.one')])])).toThrow(/appears in more than one report/);
    expect(() => mergeReports([])).toThrow(/nothing to merge/);
    expect(() => mergeReports([{ ...report([]), schemaVersion: 9 }])).toThrow(/schema version 9/);
  });
});
