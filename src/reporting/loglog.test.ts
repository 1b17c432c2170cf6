import { describe, expect, it } from 'vitest';
import { exponentData, exponentSvg, logTicks } from './loglog.ts';

const st = {
  claimedExponent: 1, fittedExponent: 0.97, exponentInterval: [0.96, 0.98], confidence: 0.99, driver: 'icr', response: 'bCrit',
  observations: [[70, 50], [700, 420], [7000, 4300], [70000, 41000], [0, 3], [5, 'x']],
};

describe('the log–log exponent figure', () => {
  it('reads its data from the statistics, skipping unusable points', () => {
    const d = exponentData(st)!;
    expect(d.observations).toHaveLength(4);
    expect(d).toMatchObject({ driver: 'icr', response: 'bCrit', fitted: 0.97, interval: [0.96, 0.98], claimed: 1, confidence: 0.99 });
    expect(exponentData(undefined)).toBeNull();
    expect(exponentData({ fittedExponent: 1 })).toBeNull();
    expect(exponentData({ ...st, observations: [[1, 1]] })).toBeNull();
    expect(exponentData({ ...st, claimedExponent: 'x' })).toBeNull();
    expect(exponentData({ ...st, exponentInterval: ['NaN', 2], driver: 3, confidence: undefined })).toMatchObject({ interval: [0.97, 2], driver: 'driver', confidence: NaN });
  });

  it('draws points, the fit, its interval and the claimed slope, with escaped labels', () => {
    const svg = exponentSvg({ ...exponentData(st)!, driver: 'a<b' });
    expect(svg.match(/<circle /g)).toHaveLength(5); // 4 points and the legend's
    expect(svg).toContain('fitted slope 0.970');
    expect(svg).toContain('99% interval');
    expect(svg).toContain('0.960 – 0.980');
    expect(svg).toContain('claimed slope 1.00');
    expect(svg).toContain('a&lt;b (log scale)');
    expect(svg).toContain('>10000<');
    // a single driver value still draws (no division by zero)
    expect(exponentSvg({ ...exponentData(st)!, observations: [[5, 1], [5, 2]], confidence: NaN })).not.toContain('NaN');
  });

  it('ticks powers of ten on wide axes and 1-2-5 on narrow ones', () => {
    expect(logTicks(1, 100)).toEqual([1, 2, 5, 10, 20, 50, 100]);
    expect(logTicks(1e-6, 1e6)).toEqual([1e-6, 1e-4, 1e-2, 1, 100, 1e4, 1e6]);
    expect(logTicks(1, 1e6)).toEqual([1, 10, 100, 1000, 1e4, 1e5, 1e6]);
    expect(logTicks(3, 4)).toEqual([]);
  });
});
