/**
 * Numeric arbitraries for problem data. Raw fc.double ranges put most draws near 0 (they sample the
 * IEEE index space uniformly), so problem data come from integer grids: log-uniform values, powers of
 * two, integer dimensions. Each shrinks toward its `shrinkTo` end.
 */
import fc from 'fast-check';

/**
 * Log-uniform grid on [min, max] with `steps` + 1 points: min·(max/min)^(k/steps). Shrinks toward min
 * (or toward max with shrinkTo: 'max').
 */
export function logUniform(min: number, max: number, steps = 64, shrinkTo: 'min' | 'max' = 'min'): fc.Arbitrary<number> {
  if (!(min > 0 && max >= min && Number.isFinite(max))) throw new RangeError(`logUniform needs 0 < min ≤ max, got [${min}, ${max}]`);
  if (!(Number.isInteger(steps) && steps >= 1)) throw new RangeError(`logUniform needs a positive integer step count, got ${steps}`);
  const at = (k: number): number => (k === 0 ? min : k === steps ? max : min * Math.pow(max / min, k / steps));
  return shrinkTo === 'min'
    ? fc.integer({ min: 0, max: steps }).map(at)
    : fc.integer({ min: 0, max: steps }).map((k) => at(steps - k));
}

/** 2^(k/perOctave) for integer k in [kMin, kMax]; shrinks toward the k nearest 0. */
export function powerOfTwoGrid(kMin: number, kMax: number, perOctave = 8): fc.Arbitrary<number> {
  return fc.integer({ min: kMin, max: kMax }).map((k) => Math.pow(2, k / perOctave));
}

/** Integer seed that is never shrunk (shrinking a seed is meaningless). */
export function seedArb(): fc.Arbitrary<number> {
  return fc.noShrink(fc.integer({ min: 0, max: 0x7fffffff }));
}
