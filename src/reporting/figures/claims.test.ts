import { describe, expect, it } from 'vitest';
import { MAX_POINTS, claimFigure, lastMeaningful, ratioAt, sampleParams, traceInstance, traceRows, type TraceRun } from './claims.ts';
import { lower, neverMet, throwing, tooFast, upper } from './test-claims.ts';

const opts = { maxIterations: 100 };

describe('traceInstance', () => {
  it('records the primary metric and bound with the bound’s relation and citation', () => {
    const run = traceInstance(upper, { q: 0.5, horizon: 10 }, 'tightest', opts);
    expect(run.hypothesesMet).toBe(true);
    expect(run.metric).toBe('x');
    expect(run.relation).toBe('le');
    expect(run.cite).toBe('x_t = q^t');
    expect(run.t).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(run.observed[3]).toBeCloseTo(0.125, 15);
    expect(run.maxRatio).toBeCloseTo(0.8, 12);
    expect(run.violation).toBeUndefined();
    expect(ratioAt(run, 0)).toBeCloseTo(0.8, 15);
  });

  it('stops at a violation and keeps it', () => {
    const run = traceInstance(tooFast, { q: 0.5, horizon: 10 }, 'counterexample', opts);
    expect(run.violation?.iteration).toBe(2);
    expect(run.stop).toBe('violation');
  });

  it('reads lower bounds as bound/observed', () => {
    const run = traceInstance(lower, { q: 0.5, horizon: 4 }, 'x', opts);
    expect(run.relation).toBe('ge');
    expect(ratioAt(run, 2)).toBeCloseTo(0.25, 15);
    const degenerate: TraceRun = { ...run, observed: [0, 0], bound: [0, 1], t: [0, 1] };
    expect(ratioAt(degenerate, 0)).toBe(0);
    expect(ratioAt(degenerate, 1)).toBe(Infinity);
  });

  it('reports failed hypotheses and a claim that throws, instead of throwing', () => {
    const unmet = traceInstance(neverMet, { q: 0.5, horizon: 4 }, 'x', opts);
    expect(unmet.hypothesesMet).toBe(false);
    expect(unmet.failedHypotheses).toEqual(['q < 1']);
    const broken = traceInstance(throwing, { q: 0.5, horizon: 4 }, 'x', opts);
    expect(broken.hypothesesMet).toBe(false);
    expect(broken.error).toContain('broken instance');
  });

  it('samples instance parameters deterministically', () => {
    expect(sampleParams(upper, 3, 4)).toEqual(sampleParams(upper, 3, 4));
    expect(sampleParams(upper, 3, 4)).toHaveLength(4);
    expect(sampleParams(upper, 3, 0)).toEqual([]);
  });
});

describe('claim figures', () => {
  it('thins long traces, keeping the worst ratio, and drops non-positive values', () => {
    const n = 1000;
    const run: TraceRun = {
      ...traceInstance(upper, { q: 0.5, horizon: 2 }, 'long', opts),
      t: Array.from({ length: n }, (_, i) => i),
      observed: Array.from({ length: n }, (_, i) => (i === 500 ? 0.9 : i === 7 ? 0 : 0.5)),
      bound: Array.from({ length: n }, () => 1),
      floor: 0,
    };
    const rows = traceRows(run, { traces: 'focus', ratio: 'ratio' });
    const ratios = rows.filter((r) => r.kind === 'ratio');
    expect(ratios.length).toBeLessThanOrEqual(MAX_POINTS + 1);
    expect(ratios.some((r) => r.t === 500 && r.value === 0.9)).toBe(true);
    expect(rows.every((r) => (r.value as number) > 0)).toBe(true);
  });

  it('ends the ratio curve where the observed value falls below the roundoff floor (the last meaningful comparison)', () => {
    const n = 400;
    // observed reaches roundoff (1e-16) at t = 300 while the bound keeps falling to its floor 1e-9
    const run: TraceRun = {
      ...traceInstance(upper, { q: 0.5, horizon: 2 }, 'tightest', opts),
      t: Array.from({ length: n }, (_, i) => i),
      observed: Array.from({ length: n }, (_, i) => Math.max(0.9 ** i, 1e-16)),
      bound: Array.from({ length: n }, (_, i) => Math.max(0.95 ** i, 1e-9)),
      floor: 1e-9,
    };
    const cut = run.observed.findIndex((o) => o < 1e-9);
    expect(lastMeaningful(run)).toBe(cut);
    const rows = traceRows(run, { traces: 'focus', ratio: 'ratio' });
    const ratio = rows.filter((r) => r.kind === 'ratio');
    expect(ratio[ratio.length - 1].t).toBe(cut);
    // the ratio never climbs: it falls along the whole drawn curve
    for (let i = 1; i < ratio.length; i++) expect(ratio[i].value as number).toBeLessThan(ratio[i - 1].value as number);
    // observed and bound are still drawn at every compared iteration
    expect(Math.max(...rows.filter((r) => r.kind === 'bound').map((r) => r.t as number))).toBe(n - 1);
    // without a floor, or for a lower bound, the ratio runs to the last compared iteration
    expect(lastMeaningful({ ...run, floor: 0 })).toBe(n - 1);
    expect(lastMeaningful({ ...run, relation: 'ge' })).toBe(n - 1);
    const fig = claimFigure({ id: 'c', statement: 's', focus: run, samples: [], sampling: 'x' })!;
    expect(fig.caption).toContain('drawn up to the first iteration where the observed value falls below that floor');
    expect(JSON.stringify(fig.spec)).toContain('roundoff floor');
  });

  it('draws the focus instance, the samples and the ratio, with the violation marked', () => {
    const focus = traceInstance(tooFast, { q: 0.5, horizon: 10 }, 'counterexample', opts);
    const samples = sampleParams(upper, 1, 2).map((p, i) => traceInstance(upper, p, `sample ${i + 1}`, opts));
    const unmet = traceInstance(neverMet, { q: 0.5, horizon: 3 }, 'sample 3', opts);
    const f = claimFigure({ id: 'scalar.too-fast', statement: 'FALSE: x_t ≤ (q/2)^t', focus, samples: [...samples, unmet], sampling: 'two samples' })!;
    expect(f.name).toBe('claims/scalar.too-fast');
    const panels = f.spec.concat as { title: string; layer: unknown[] }[];
    expect(panels.map((p) => p.title)).toEqual(['counterexample instance: observed and bound', '2 other instances: observed (solid), bound (dashed)', 'observed / bound']);
    expect(JSON.stringify(panels[0].layer)).toContain('violation, t = 2');
    expect(f.caption).toContain('Counterexample: at t = 2');
    expect(f.caption).toContain('1 of them did not meet the hypotheses');
    expect((f.meta as { samples: unknown[] }).samples).toHaveLength(3);
  });

  it('draws samples alone, a single sample, and nothing when no instance was compared', () => {
    const s = traceInstance(lower, { q: 0.5, horizon: 5 }, 'sample 1', opts);
    const f = claimFigure({ id: 'scalar.lower', statement: 's', focus: null, samples: [s], sampling: 'one', name: 'x' })!;
    const panels = f.spec.concat as { title: string }[];
    expect(panels.map((p) => p.title)).toEqual(['1 instance: observed (solid), bound (dashed)', 'bound / observed']);
    expect(f.name).toBe('x');
    const tight = claimFigure({ id: 'scalar.upper', statement: 's', focus: traceInstance(upper, { q: 0.5, horizon: 5 }, 'tightest', opts), samples: [], sampling: 'none' })!;
    expect(tight.caption).toContain('Tightest instance: largest ratio');
    const unmet = traceInstance(neverMet, { q: 0.5, horizon: 3 }, 'tightest', opts);
    expect(claimFigure({ id: 'scalar.never-met', statement: 's', focus: unmet, samples: [unmet], sampling: 'none' })).toBeNull();
  });
});
