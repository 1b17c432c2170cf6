import { describe, expect, it } from 'vitest';
import { textWidth } from 'ratecheck';
import { BATCH_INSTANCES, batchGrid, batchSizeFigure, fmt, roomBelow } from './figure.ts';

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

  it('shows B_crit and B_stable as the table does (integer ceilings), in label lanes that never collide, with room under √β', () => {
    const full = batchSizeFigure();
    const m = (full.meta as Record<string, Panel & { bCritBatch: number; bStableBatch: number }>)['κ = 100'];
    expect(m.bCritBatch).toBe(Math.ceil(m.bCrit * (1 - 1e-12)));
    const json = JSON.stringify(full.spec);
    expect(json).toContain(`B_crit = ${m.bCritBatch}`);
    expect(json).toContain(`B_stable = ${m.bStableBatch}`);
    expect(full.caption).toContain(`B_crit = ${m.bCritBatch} =`);
    expect(fmt(47423.2)).toBe('47420');
    expect(fmt(6.7774e7)).toBe('6.777·10⁷');
    for (const panel of full.spec.concat as { width: number; layer: { mark: Record<string, unknown>; encoding: Record<string, { value?: number; field?: string }>; data?: { values: { value: number; label: string }[] } }[] }[]) {
      const labels = panel.layer.filter((l) => l.mark.type === 'text' && l.encoding.y?.value !== undefined);
      expect(labels.length).toBe(5);
      // labels in the same lane do not overlap (estimated extents, 4 pixels apart at least)
      const xDomain = (panel.layer[0].encoding.x as unknown as { scale: { domain: [number, number] } }).scale.domain;
      const px = (v: number) => (Math.log(v / xDomain[0]) / Math.log(xDomain[1] / xDomain[0])) * panel.width;
      const extents = labels.map((l) => {
        const x = px(l.data!.values[0].value), w = textWidth(l.data!.values[0].label, 10);
        return { lane: l.encoding.y.value, a: l.mark.align === 'left' ? x + 3 : x - 3 - w, b: l.mark.align === 'left' ? x + 3 + w : x - 3 };
      });
      for (const e of extents) for (const g of extents) if (e !== g && e.lane === g.lane) expect(e.b + 4 <= g.a || g.b + 4 <= e.a).toBe(true);
      for (const e of extents) expect(e.a).toBeGreaterThanOrEqual(0);
      // √β's label fits under its line, inside the plot
      const sqrtBeta = panel.layer.find((l) => l.mark.type === 'text' && String(l.data?.values[0].label).startsWith('√β'))!;
      expect(sqrtBeta.mark.baseline).toBe('top');
    }
    expect(roomBelow(0.9, 7, 260)).toBeLessThan(0.9 * 0.95);
  });

  it('spans batch sizes by powers of two', () => {
    const grid = batchGrid({ bTrue: 100, bApprox: 10, bCrit: { real: 5, batch: 5 }, bStable: { real: 2, batch: 2 }, icr: 3 } as never);
    expect(grid[0]).toBe(1);
    expect(grid[grid.length - 1]).toBe(256);
    expect(BATCH_INSTANCES[0]).toMatchObject({ n: 400, d: 12, conditionNumber: 100 });
  });
});
