import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { simplify } from './stages.ts';

describe('simplify', () => {
  const arb = fc.record({ m: fc.integer({ min: 1, max: 50 }), x: fc.double({ min: 0.1, max: 10, noNaN: true }), seed: fc.integer({ min: 0, max: 1000 }) });
  const domain = fc.sample(arb, { seed: 3, numRuns: 200 });
  const drawn = (f: 'm' | 'x') => domain.map((d) => d[f]);

  it('moves each field to the lowest value the generator drew that keeps the violation, the seed kept', () => {
    const keeps = (p: { m: number; x: number }) => p.m >= 7 && p.x > 2;
    const r = simplify({ m: 40, x: 3.14159, seed: 977 }, domain, keeps, 100);
    expect(r.params).toEqual({ m: Math.min(...drawn('m').filter((m) => m >= 7)), x: Math.min(...drawn('x').filter((x) => x > 2)), seed: 977 });
    expect(r.moves).toBeGreaterThan(0);
    expect(r.evaluations).toBeLessThanOrEqual(100);
  });

  it('keeps the instance when no move keeps the violation, and stops at the budget', () => {
    const start = { m: 12, x: 4.5, seed: 5 };
    expect(simplify(start, domain, (p) => p.m === 12 && p.x === 4.5, 100).params).toEqual(start);
    const r = simplify({ m: 40, x: 3.14159, seed: 977 }, domain, () => true, 1);
    expect(r).toEqual({ params: { m: Math.min(...drawn('m')), x: 3.14159, seed: 977 }, evaluations: 1, moves: 1 });
  });
});
