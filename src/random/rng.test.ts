import { describe, expect, it } from 'vitest';
import { Rng, deriveSeed } from './rng.ts';

describe('Rng', () => {
  it('gives the same bits for the same seed and label, different streams otherwise', () => {
    const a = new Rng(7, 'x'), b = new Rng(7, 'x'), c = new Rng(7, 'y'), d = new Rng(8, 'x');
    const draw = (r: Rng) => Array.from({ length: 16 }, () => r.gaussian());
    const da = draw(a);
    expect(draw(b)).toEqual(da);
    expect(draw(c)).not.toEqual(da);
    expect(draw(d)).not.toEqual(da);
  });

  it('draws uniforms in [0, 1) and integers in range', () => {
    const r = new Rng(3);
    for (let i = 0; i < 1000; i++) {
      const u = r.uniform();
      expect(u).toBeGreaterThanOrEqual(0);
      expect(u).toBeLessThan(1);
      const k = r.int(5);
      expect(Number.isInteger(k) && k >= 0 && k < 5).toBe(true);
    }
    expect(() => r.int(0)).toThrow(RangeError);
    expect(() => r.int(2.5)).toThrow(RangeError);
  });

  it('draws standard normals: mean and variance within 5 standard errors (n = 40000)', () => {
    const n = 40_000;
    const x = new Rng(11, 'moments').fillGaussian(new Float64Array(n));
    const mean = x.reduce((s, v) => s + v, 0) / n;
    const variance = x.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1);
    expect(Math.abs(mean)).toBeLessThan(5 / Math.sqrt(n));
    // Var of the sample variance of N(0,1) is 2/(n-1)
    expect(Math.abs(variance - 1)).toBeLessThan(5 * Math.sqrt(2 / (n - 1)));
    const scaled = new Rng(11, 'moments').fillGaussian(new Float64Array(4), 4);
    const unit = new Rng(11, 'moments').fillGaussian(new Float64Array(4));
    expect(Array.from(scaled)).toEqual(Array.from(unit, (v) => 2 * v));
  });

  it('derives distinct seeds and rejects non-integer seeds', () => {
    const seeds = new Set(['a', 'b', 'c', 'ab', 'ba'].map((l) => deriveSeed(1, l)));
    expect(seeds.size).toBe(5);
    expect(deriveSeed(1, 'a')).toBe(deriveSeed(1, 'a'));
    expect(deriveSeed(2 ** 40, 'a')).not.toBe(deriveSeed(0, 'a'));
    expect(() => deriveSeed(1.5, 'a')).toThrow(RangeError);
  });
});
