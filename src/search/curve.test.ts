import { describe, expect, it } from 'vitest';
import { checkpoints, formatCurve } from './curve.ts';

describe('evaluation curve', () => {
  const curve = [
    { evaluations: 0, best: -Infinity },
    { evaluations: 1, best: 0.5 },
    { evaluations: 3, best: 0.75 },
    { evaluations: 9, best: 1 },
  ];
  it('takes the best value at powers of two and at the total', () => {
    expect(checkpoints(curve, 10)).toEqual([
      { evaluations: 1, best: 0.5 },
      { evaluations: 2, best: 0.5 },
      { evaluations: 4, best: 0.75 },
      { evaluations: 8, best: 0.75 },
      { evaluations: 10, best: 1 },
    ]);
    expect(checkpoints([], 10)).toEqual([]);
    expect(checkpoints(curve, 0)).toEqual([]);
  });

  it('draws a sparkline from the lowest to the highest checkpoint, and lists them', () => {
    const [spark, table] = formatCurve(curve, 10, 3);
    expect(spark).toMatch(/1, 2, 4, \.\.\., 10\): ▁▁▄▄█$/);
    expect(table.trim()).toBe('1: 0.500  4: 0.750  10: 1.00');
    expect(formatCurve([{ evaluations: 1, best: 2 }], 1)[0]).toMatch(/: █$/);
    expect(formatCurve([], 5)).toEqual([]);
  });
});
