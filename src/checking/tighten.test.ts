import { describe, expect, it } from 'vitest';
import { defaultMutate, tighten } from './tighten.ts';
import { exact } from '../../properties/fixtures/toy-claims.ts';
import { Rng } from '../random/rng.ts';

describe('tighten', () => {
  it('finds the exactly tight instance of an exact bound (ratio 1) and a contraction exponent ratio of 1', () => {
    const r = tighten(exact, { budgetMs: 300, seed: 1 });
    expect(r.ratio).toBeGreaterThanOrEqual(0.999);
    expect(r.ratio).toBeLessThan(1 + 1e-9);
    expect(r.valid).toBeGreaterThan(0);
    if (r.contraction) expect(r.contraction.exponentRatio).toBeCloseTo(1, 6);
  });

  it('default mutation changes one or two numeric fields and redraws seeds', () => {
    const rng = new Rng(2);
    const p = { a: 3, b: 0.5, seed: 10, nested: { x: 2.5 }, label: 'k' };
    for (let i = 0; i < 20; i++) {
      const m = defaultMutate(p, () => rng.uniform(), 0.5) as typeof p;
      expect(m.label).toBe('k');
      const changed = (['a', 'b', 'seed'] as const).filter((k) => m[k] !== p[k]).length + (m.nested.x !== p.nested.x ? 1 : 0);
      expect(changed).toBeGreaterThanOrEqual(1);
      expect(changed).toBeLessThanOrEqual(2);
      expect(Number.isInteger(m.a)).toBe(true);
    }
    expect(defaultMutate(5, () => 0.3, 0.5)).toBe(5);
    expect(defaultMutate({ s: 'x' }, () => 0.3, 0.5)).toEqual({ s: 'x' });
  });
});
