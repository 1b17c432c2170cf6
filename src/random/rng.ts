/**
 * Seeded randomness. Every draw in the engine goes through an `Rng` built from an integer seed
 * carried in the instance parameters, so the same parameters give bit-identical matrices.
 */
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import type { RandomGenerator } from 'pure-rand/types/RandomGenerator';

/** 32-bit mix of an integer seed and a label, for independent named streams (FNV-1a then a murmur finaliser). */
export function deriveSeed(seed: number, label: string): number {
  if (!Number.isInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
  let h = 0x811c9dc5 ^ (seed | 0) ^ Math.floor(seed / 2 ** 32);
  for (let i = 0; i < label.length; i++) {
    h ^= label.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h | 0;
}

export class Rng {
  private readonly gen: RandomGenerator;
  private spare = NaN;

  constructor(seed: number, label = '') {
    this.gen = xoroshiro128plus(label === '' ? seed | 0 : deriveSeed(seed, label));
  }

  /** Uniform on [0, 1), 53 random bits. */
  uniform(): number {
    return uniformFloat64(this.gen);
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    if (!(Number.isInteger(n) && n > 0)) throw new RangeError(`int(n) needs a positive integer, got ${n}`);
    return Math.floor(this.uniform() * n);
  }

  /** Standard normal draw (Box-Muller; the second value of each pair is kept for the next call). */
  gaussian(): number {
    if (!Number.isNaN(this.spare)) {
      const v = this.spare;
      this.spare = NaN;
      return v;
    }
    const u1 = 1 - this.uniform(); // in (0, 1]
    const u2 = this.uniform();
    const radius = Math.sqrt(-2 * Math.log(u1));
    this.spare = radius * Math.sin(2 * Math.PI * u2);
    return radius * Math.cos(2 * Math.PI * u2);
  }

  /** Fill `out` with i.i.d. N(0, variance) draws. */
  fillGaussian(out: Float64Array, variance = 1): Float64Array {
    const sd = Math.sqrt(variance);
    for (let i = 0; i < out.length; i++) out[i] = sd * this.gaussian();
    return out;
  }
}
