import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { logUniform, powerOfTwoGrid } from './arbitraries.ts';

describe('grid arbitraries shrink values they did not generate', () => {
  it('logUniform: every grid point is recognised and shrinks toward its shrink target', () => {
    for (const shrinkTo of ['min', 'max'] as const) {
      const arb = logUniform(0.5, 200, 16, shrinkTo);
      for (const v of fc.sample(arb, { seed: 3, numRuns: 30 })) {
        expect(arb.canShrinkWithoutContext(v)).toBe(true);
        const end = shrinkTo === 'min' ? 0.5 : 200;
        const shrinks = [...arb.shrink(v, undefined)].map((s) => s.value_);
        if (v !== end) expect(shrinks[0]).toBe(end);
        for (const s of shrinks) expect(Math.abs(Math.log(s / end))).toBeLessThan(Math.abs(Math.log(v / end)));
      }
      // outside the range, or not a number: not the arbitrary's value
      for (const v of [0.49, 201, Number.NaN, '3', undefined]) expect(arb.canShrinkWithoutContext(v)).toBe(false);
    }
  });

  it('logUniform: a value between grid points shrinks from its nearest grid point', () => {
    const arb = logUniform(1, 1024, 10); // the grid is 2^k
    expect(arb.canShrinkWithoutContext(5.5)).toBe(true);
    const shrinks = [...arb.shrink(5.5, undefined)].map((s) => s.value_);
    expect(shrinks).toEqual([1, 2]); // from 2^2 = 4, nearest to 5.5 on the log scale (log₂ 5.5 ≈ 2.46)
  });

  it('powerOfTwoGrid: recognises its points and shrinks toward k = 0', () => {
    const arb = powerOfTwoGrid(-16, 24, 8);
    expect(arb.canShrinkWithoutContext(Math.pow(2, 13 / 8))).toBe(true);
    expect(arb.canShrinkWithoutContext(Math.pow(2, 25 / 8))).toBe(false);
    expect(arb.canShrinkWithoutContext(Math.pow(2, -17 / 8))).toBe(false);
    const shrinks = [...arb.shrink(Math.pow(2, 13 / 8), undefined)].map((s) => s.value_);
    expect(shrinks[0]).toBe(1);
    expect(shrinks.every((s) => s < Math.pow(2, 13 / 8))).toBe(true);
  });

  it('an example off the generated draws is shrunk by fast-check', () => {
    const arb = fc.record({ a: logUniform(1, 1000, 30), b: powerOfTwoGrid(0, 32) });
    const found = { a: 700, b: Math.pow(2, 30 / 8) };
    const r = fc.check(fc.property(arb, (p) => p.a * p.b < 100), { numRuns: 1, seed: 1, examples: [[found]] });
    expect(r.failed).toBe(true);
    expect(r.numShrinks).toBeGreaterThan(0);
    const [cx] = r.counterexample!;
    expect(cx.a * cx.b).toBeGreaterThanOrEqual(100);
    expect(cx.a * cx.b).toBeLessThan(found.a * found.b);
  });
});
