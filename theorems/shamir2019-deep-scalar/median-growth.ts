/**
 * Shamir (COLT 2019), abstract [V]: for GD on F(w₁, …, w_k) = f(∏ᵢ wᵢ) from standard random
 * initializations, the number of iterations scales exponentially with the depth k. The theorem's text is
 * not available: its shape [U] is, with probability at least 1 − exp(−Ω(k)) over an i.i.d.
 * initialization with E w² ≤ 1, at least exp(Ω(k)) iterations to reach F − inf F ≤ ε, for every step
 * size below a stability threshold; the constants are universal and not explicit.
 *
 * Statement (statistical form). f(x) = ½(x − 1)², wᵢ(0) ~ N(0, 1) i.i.d., η ∈ [0.04, 0.05]: the median
 * over 15 seeds of the iterations T(k) to reach F ≤ 0.01 grows exponentially in k ∈ {4, 6, …, 20}: the
 * 95% Student-t interval of the least-squares slope of log median T(k) against k lies above 0. The fitted
 * rate is reported as the smallest working constant.
 *
 * Hypotheses: none checked (the initialization is the abstract's "standard random initialization").
 *
 * Parameters. seed; η log-uniform in [0.04, 0.05]; iteration cap ⌈2000/η⌉ per run, a censored run
 * counting as the cap (which can only lower a median).
 *
 * False variant: the median grows at most quadratically, median T(k) ≤ median T(4)(k/4)². A numerical
 * observation [N] at η = 0.05 (9–15 seeds per depth) gave medians 20 at k = 4 and about 1.6·10⁴ at
 * k = 18, far beyond (18/4)² ≈ 20 times T(4).
 */
import fc from 'fast-check';
import { Rng, defineClaim, linearFit, logUniform, median, quantileInterval, seedArb, stepsToLossMany, variant, type Bound, type Trial } from 'ratecheck';
import { source } from './setup.ts';

/** Depth grid and sample size of the study. */
export const MEDIAN_DEPTHS = [4, 6, 8, 10, 12, 14, 16, 18, 20];
export const SEEDS_PER_DEPTH = 15;
/** Stop at F ≤ 0.01. */
export const LOSS_TOLERANCE = 0.01;
/** Iteration cap per run: η·T ≤ 2000; a censored run counts as the cap (which can only lower a median). */
export const TIME_CAP = 2000;

export interface MedianParams {
  seed: number;
  stepSize: number;
}

export const medianParams: fc.Arbitrary<MedianParams> = fc.record({ seed: seedArb(), stepSize: logUniform(0.04, 0.05, 4, 'max') });

export interface MedianStudy {
  depths: number[];
  /** iterations per depth and seed; Infinity for a run censored at the cap (or diverged) */
  counts: number[][];
  /** medians with censored runs counted as the cap (a lower bound on the sample median) */
  medians: number[];
  censored: number;
  cap: number;
}

/** Median (over SEEDS_PER_DEPTH draws wᵢ(0) ~ N(0, 1)) of the GD iterations to F ≤ 0.01, per depth. */
export function medianStudy(p: MedianParams, depths: readonly number[] = MEDIAN_DEPTHS, seedsPerDepth = SEEDS_PER_DEPTH): MedianStudy {
  const cap = Math.ceil(TIME_CAP / p.stepSize);
  let censored = 0;
  const counts = depths.map((k) => {
    const starts = Array.from({ length: seedsPerDepth }, (_, s) => new Rng(p.seed, `shamir-init:${k}:${s}`).fillGaussian(new Float64Array(k)));
    // the seeds' runs in lockstep (each count equals its own stepsToLoss run)
    const row = stepsToLossMany(starts, { stepSize: p.stepSize, target: 1 }, LOSS_TOLERANCE, cap);
    censored += row.filter((n) => !Number.isFinite(n)).length;
    return row;
  });
  const medians = counts.map((row) => median(row.map((n) => Math.min(n, cap))));
  return { depths: [...depths], counts, medians, censored, cap };
}

/** Distribution-free 95% interval of the median at depth index j (censored runs: cap below, Infinity above). */
function medianInterval(s: MedianStudy, j: number): { lower: number; upper: number } {
  const lower = quantileInterval(s.counts[j].map((n) => Math.min(n, s.cap)), 0.5, 0.95).lower;
  const upper = quantileInterval(s.counts[j], 0.5, 0.95).upper;
  return { lower, upper };
}

/**
 * The study's trial. 'growth': one observation, the lower 95% limit of the per-layer growth factor
 * against 1. 'quadratic' (the false variant): one observation per depth, the lower 95% limit of median
 * T(k) against (upper 95% limit of median T(4))·(k/4)².
 */
export function medianTrial(p: MedianParams, check: 'growth' | 'quadratic'): Trial {
  const derived: Record<string, number> = { stepSize: p.stepSize, seedsPerDepth: SEEDS_PER_DEPTH, cap: Math.ceil(TIME_CAP / p.stepSize) };
  let study: MedianStudy | undefined;
  const ensure = () => (study ??= medianStudy(p));
  const fitOf = (s: MedianStudy) => linearFit(s.depths, s.medians.map((m) => Math.log(Math.max(m, 1))), 0.95);
  const bounds: Bound[] =
    check === 'growth'
      ? [{ metric: 'growthPerLayerLower', relation: 'ge', value: () => 1, floor: 0, cite: 'iterations exp(Ω(k)) (abstract, [U] shape): lower 95% t-limit of the slope of log median T(k) above 0' }]
      : [
          {
            metric: 'medianLower',
            relation: 'le',
            value: (t) => Math.max(medianInterval(ensure(), 0).upper, 1) * (MEDIAN_DEPTHS[t] / MEDIAN_DEPTHS[0]) ** 2,
            floor: 0,
            cite: 'false: median T(k) ≤ median T(4)(k/4)², refuted only when the 95% interval of median T(k) lies above (upper 95% limit of median T(4))·(k/4)²',
          },
        ];
  return {
    hypotheses: [],
    derived,
    bounds,
    run: (observe) => {
      const s = ensure();
      const fit = fitOf(s);
      Object.assign(derived, { growthRate: fit.slope, growthRateCiLower: fit.slopeInterval.lower, growthRateCiUpper: fit.slopeInterval.upper, censoredRuns: s.censored });
      if (check === 'growth') {
        observe(0, { growthPerLayerLower: Math.exp(fit.slopeInterval.lower), growthPerLayer: Math.exp(fit.slope) });
        return;
      }
      for (let j = 0; j < s.depths.length; j++) {
        if (!observe(j, { depth: s.depths[j], medianSteps: s.medians[j], medianLower: medianInterval(s, j).lower })) return;
      }
    },
    measure: () => {
      const s = ensure();
      const fit = fitOf(s);
      const out: Record<string, number> = { growthRate: fit.slope, growthRateCiLower: fit.slopeInterval.lower, censoredRuns: s.censored };
      s.depths.forEach((k, j) => (out[`median_k${k}`] = s.medians[j]));
      return out;
    },
  };
}

export const medianGrowth = defineClaim<MedianParams>({
  id: 'shamir2019.median-growth',
  statement: 'GD on F(w) = ½(∏wᵢ − 1)², wᵢ(0) ~ N(0, 1) i.i.d., η ∈ [0.04, 0.05]: the median over 15 seeds of the iterations to reach F ≤ 0.01 grows exponentially in k ∈ {4, …, 20} (95% t-interval of the least-squares slope of log median against k lies above 0)',
  source: source('abstract: iterations exponential in the depth', 'U', 'theorem text unavailable; statistical form of the abstract’s statement (file header); the fitted rate is reported as the smallest working constant'),
  kind: 'with-probability',
  expected: 'holds',
  params: medianParams,
  maxIterations: 1,
  // each instance fits a slope over 15 seeds x 9 depths: 20 instances per run are plenty
  maxRuns: 20,
  instantiate: (p) => medianTrial(p, 'growth'),
});

export const medianQuadratic = variant(
  medianGrowth,
  {
    id: 'shamir2019.median-quadratic',
    statement: 'FALSE variant: the median iteration count grows at most quadratically in the depth, median T(k) ≤ median T(4)(k/4)² for k ≤ 20',
    source: { theorem: 'abstract', confidence: 'D', note: 'negation of the abstract’s exponential dependence on the depth: steps polynomial in k' },
    falseBecause: 'the median grows by a factor of about e^{0.4} per layer (numerical observation at η = 0.05: 20 at k = 4, ~1.6·10⁴ at k = 18), far beyond (k/4)² = 25 at k = 20',
    // one observation per depth instead of one slope; the default number of instances
    maxIterations: MEDIAN_DEPTHS.length,
    maxRuns: undefined,
  },
  // the growth check replaced by the per-depth quadratic bound
  (_trial, p) => medianTrial(p, 'quadratic'),
);
