/**
 * Numeric arbitraries for problem data. Raw fc.double ranges put most draws near 0 (they sample the
 * IEEE index space uniformly), so problem data come from integer grids: log-uniform values, powers of
 * two, integer dimensions. Each shrinks toward its `shrinkTo` end.
 */
import fc from 'fast-check';

/**
 * The grid index of `v` on a grid of `count` + 1 points whose k-th point is `at(k)`, `index(v)` its
 * (real) position: the nearest point's index. Throws for a value that is not a finite number inside the
 * grid's range, so that fast-check's `canShrinkWithoutContext` says whether the arbitrary covers `v`.
 * A value between grid points (a searched instance) is taken at its nearest point, so that fast-check
 * can shrink an instance it did not generate (the target phase's counterexamples) from there.
 */
function gridIndex(v: unknown, lo: number, hi: number, index: (v: number) => number): number {
  if (typeof v !== 'number' || !(v >= Math.min(lo, hi) && v <= Math.max(lo, hi))) throw new RangeError(`${String(v)} is outside the grid [${lo}, ${hi}]`);
  return Math.round(index(v));
}

/**
 * Log-uniform grid on [min, max] with `steps` + 1 points: min·(max/min)^(k/steps). Shrinks toward min
 * (or toward max with shrinkTo: 'max'), also from a value in [min, max] it did not generate (see gridIndex).
 */
export function logUniform(min: number, max: number, steps = 64, shrinkTo: 'min' | 'max' = 'min'): fc.Arbitrary<number> {
  if (!(min > 0 && max >= min && Number.isFinite(max))) throw new RangeError(`logUniform needs 0 < min ≤ max, got [${min}, ${max}]`);
  if (!(Number.isInteger(steps) && steps >= 1)) throw new RangeError(`logUniform needs a positive integer step count, got ${steps}`);
  const at = (k: number): number => (k === 0 ? min : k === steps ? max : min * Math.pow(max / min, k / steps));
  const k = (v: unknown): number => gridIndex(v, min, max, (x) => (max === min ? 0 : (steps * Math.log(x / min)) / Math.log(max / min)));
  return shrinkTo === 'min'
    ? fc.integer({ min: 0, max: steps }).map(at, k)
    : fc.integer({ min: 0, max: steps }).map(
        (j) => at(steps - j),
        (v) => steps - k(v),
      );
}

/** 2^(k/perOctave) for integer k in [kMin, kMax]; shrinks toward the k nearest 0 (also from a value in range it did not generate). */
export function powerOfTwoGrid(kMin: number, kMax: number, perOctave = 8): fc.Arbitrary<number> {
  const at = (k: number): number => Math.pow(2, k / perOctave);
  return fc.integer({ min: kMin, max: kMax }).map(at, (v) => gridIndex(v, at(kMin), at(kMax), (x) => perOctave * Math.log2(x)));
}

/** Integer seed that is never shrunk (shrinking a seed is meaningless). */
export function seedArb(): fc.Arbitrary<number> {
  return fc.noShrink(fc.integer({ min: 0, max: 0x7fffffff }));
}
