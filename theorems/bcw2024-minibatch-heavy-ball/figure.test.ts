import { describe, expect, it } from 'vitest';
import { BATCH_INSTANCES, batchGrid, batchSizeFigure } from './figure.ts';

interface Panel {
  sqrtBeta: number;
  bCrit: number;
  bStable: number;
  icr: number;
  bApprox: number;
  bTrue: number;
  targetRate: number;
}

describe('minibatch heavy-ball batch-size figure', () => {
  const f = batchSizeFigure([{ n: 60, d: 4, conditionNumber: 10, spectrum: 'linear', rowNorms: 'uniform', seed: 2 }]);
  const meta = (f.meta as Record<string, Panel>)['κ = 10'];
  const rows = (f.spec.data as { values: { B: number; rate: number }[] }).values;

  it('marks the thresholds in increasing order', () => {
    expect(meta.bStable).toBeLessThan(meta.bCrit);
    expect(meta.bCrit).toBeLessThan(meta.bApprox);
    expect(meta.bApprox).toBeLessThan(meta.bTrue);
    expect(meta.targetRate).toBeGreaterThan(meta.sqrtBeta);
    const layers = JSON.stringify(f.spec.layer);
    for (const label of ['√β', 'B_crit', 'κ̄/√κ', 'B_approx', 'B_true', 'B_stable']) expect(layers).toContain(label);
  });

  it('draws a rate that falls with the batch size towards √β', () => {
    for (let i = 1; i < rows.length; i++) expect(rows[i].rate).toBeLessThanOrEqual(rows[i - 1].rate * (1 + 1e-9));
    expect(rows[rows.length - 1].rate / meta.sqrtBeta).toBeLessThan(1.01);
    expect(rows[0].rate).toBeGreaterThan(1);
    expect(rows[rows.length - 1].B).toBeGreaterThanOrEqual(meta.bTrue);
    expect(f.caption).toContain('B_crit');
  });

  it('spans batch sizes by powers of two', () => {
    const grid = batchGrid({ bTrue: 100, bApprox: 10, bCrit: { real: 5, batch: 5 }, bStable: { real: 2, batch: 2 }, icr: 3 } as never);
    expect(grid[0]).toBe(1);
    expect(grid[grid.length - 1]).toBe(256);
    expect(BATCH_INSTANCES[0]).toMatchObject({ n: 400, d: 12, conditionNumber: 100 });
  });
});
