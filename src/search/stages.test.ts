import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { simplify } from './stages.ts';

describe('simplify', () => {
  const arb = fc.record({ m: fc.integer({ min: 1, max: 50 }), x: fc.double({ min: 0.1, max: 10, noNaN: true }), seed: fc.integer({ min: 0, max: 1000 }) });
  const domain = fc.sample(arb, { seed: 3, numRuns: 200 });

  it('moves each coordinate towards the low end of its range and rounds reals, while the violation holds', () => {
    const keeps = (p: { m: number; x: number }) => p.m >= 7 && p.x > 2;
    const r = simplify({ m: 40, x: 3.14159, seed: 977 }, domain, keeps, 100);
    // m halved down to the smallest value that still violates; x rounded to one digit; the seed kept
    expect(r.params).toEqual({ m: 7, x: 3, seed: 977 });
    expect(r.moves).toBeGreaterThan(0);
    expect(r.evaluations).toBeLessThanOrEqual(100);
  });

  it('keeps the instance when no move keeps the violation, and stops at the budget', () => {
    const start = { m: 12, x: 4.5, seed: 5 };
    expect(simplify(start, domain, (p) => p.m === 12 && p.x === 4.5, 100).params).toEqual(start);
    const r = simplify({ m: 40, x: 3.14159, seed: 977 }, domain, () => true, 1);
    expect(r).toEqual({ params: { m: 1, x: 3.14159, seed: 977 }, evaluations: 1, moves: 1 });
  });
});
