/**
 * Shamir (COLT 2019): "Exponential Convergence Time of Gradient Descent for One-Dimensional Deep
 * Linear Neural Networks".
 *
 *   F(w₁, …, w_k) = f(∏ᵢ wᵢ),  f(x) = ½(x − 1)²,  wᵢ ← wᵢ − η f′(p) ∏_{j≠i} w_j.
 *
 * Only the abstract is available [V]: from a standard random initialization GD needs a number of
 * iterations exponential in the depth k; constants are universal and not explicit. The catalog encodes
 * (dossier further-theorems.md §2):
 * - the deterministic balanced proxy [D]: from wᵢ(0) = a ∈ (0, 1) the iteration is the scalar
 *   recursion w ← w − η(w^k − 1)w^{k−1}; the steps N(k) to reach ∏wᵢ ≥ ½ obey an exact two-sided
 *   bracket derived below, so log((k − 2)N(k)) is affine in k with slope −ln a up to exponentially small
 *   terms (the slope's band is rigorous);
 * - the statistical claim over seeds: the median iteration count from N(0, 1) initializations grows
 *   exponentially in k (least-squares slope of log median against k, Student-t interval above 0);
 * - the mechanism [D]: E log|∏wᵢ(0)| = k E log|w| < 0 (Jensen), checked with a CLT band.
 *
 * Balanced bracket (derivation). Let g(w) = (1 − w^k)w^{k−1}, so w_{n+1} = w_n + η g(w_n) while w_n^k < 1;
 * g increases on [0, w_p], w_p = ((k − 1)/(2k − 1))^{1/k}, and decreases on [w_p, 1); w* = 2^{−1/k}.
 * Lower: on [a, w_p], ∫_{w_n}^{w_{n+1}} dw/g ≤ η, and 1/g(w) ≥ w^{1−k}, so
 *   N ≥ (a^{2−k} − w_p^{2−k}) / (η(k − 2)).
 * Upper: on [a, w_p], ∫_{w_n}^{w_{n+1}} dw/g ≥ η g(w_n)/g(w_{n+1}) ≥ η(1 − (k − 1)ln(w_{n+1}/w_n)) (since
 * (ln g)′ ≤ (k − 1)/w), 1/g(w) ≤ w^{1−k} + w/(1 − w_p^k), and past w_p each step gains at least η g(w*):
 *   N ≤ [(a^{2−k} − w_p^{2−k})/(k − 2) + (w_p² − a²)/(2(1 − w_p^k))]/η + (k − 1)ln(w_p/a)
 *       + (w* − w_p)/(η g(w*)) + 2.
 */
import fc from 'fast-check';
import { atLeast, defineClaim, type Bound, type Claim, type Source, type Trial, type TrialOptions } from '../src/claims/types.ts';
import { logUniform, seedArb } from '../src/claims/arbitraries.ts';
import { linearFit, median, quantileInterval } from '../src/claims/statistics.ts';
import { balancedStart, balancedStepsToProduct, stepsToLoss, stepsToProduct } from '../src/methods/deep-scalar.ts';
import { Rng } from '../src/random/rng.ts';

const PAPER = 'Shamir. Exponential Convergence Time of Gradient Descent for One-Dimensional Deep Linear Neural Networks. COLT 2019, PMLR 99:2691–2713';
const URL = 'https://proceedings.mlr.press/v99/shamir19a.html';

function source(theorem: string, confidence: Source['confidence'], note?: string): Source {
  return { paper: PAPER, theorem, url: URL, confidence, note };
}

// ---------------------------------------------------------------------------------------------
// The balanced proxy

/** Product level that ends the escape phase: ∏wᵢ ≥ ½ (dossier §2). */
export const PRODUCT_LEVEL = 0.5;
/** Largest bracket upper bound N ≤ U(k) a depth may have (keeps one instance to a few 10⁶ scalar steps). */
export const BALANCED_STEP_BUDGET = 1_000_000;
const MAX_DEPTH = 400;

export interface BalancedParams {
  /** a: balanced start wᵢ(0) = a */
  initValue: number;
  /** η */
  stepSize: number;
  /** number of depths in the grid */
  depthCount: number;
  /** spacing of the depth grid */
  depthStep: number;
}

export const balancedParams: fc.Arbitrary<BalancedParams> = fc.record({
  initValue: fc.integer({ min: 30, max: 80 }).map((v) => v / 100),
  stepSize: logUniform(1e-3, 0.1, 32, 'max'),
  depthCount: fc.integer({ min: 4, max: 8 }),
  depthStep: fc.integer({ min: 1, max: 4 }),
});

/** The peak of g: w_p = ((k − 1)/(2k − 1))^{1/k}. */
export function peakValue(k: number): number {
  return Math.pow((k - 1) / (2 * k - 1), 1 / k);
}

/** The exact bracket lower ≤ N(k) ≤ upper of the balanced escape time (derivation in the file header); k ≥ 3, a < w_p. */
export function balancedBracket(a: number, k: number, eta: number): { lower: number; upper: number } {
  if (!(Number.isInteger(k) && k >= 3)) throw new RangeError(`the balanced bracket needs an integer depth k ≥ 3, got ${k}`);
  const wp = peakValue(k);
  if (!(a > 0 && a < wp)) throw new RangeError(`the balanced bracket needs 0 < a < w_p(k) = ${wp}, got a = ${a}`);
  if (!(eta > 0 && Number.isFinite(eta))) throw new RangeError(`step size must be positive and finite, got ${eta}`);
  const ws = Math.pow(0.5, 1 / k);
  const main = (Math.pow(a, 2 - k) - Math.pow(wp, 2 - k)) / (k - 2);
  const wpk = (k - 1) / (2 * k - 1);
  const gStar = 0.5 * Math.pow(ws, k - 1);
  const upper = (main + (wp * wp - a * a) / (2 * (1 - wpk))) / eta + (k - 1) * Math.log(wp / a) + (ws - wp) / (eta * gStar) + 2;
  return { lower: main / eta, upper };
}

/** The depth grid: the deepest k whose bracket fits the step budget, then depthCount depths below it. */
export function balancedDepths(p: BalancedParams): number[] {
  const a = p.initValue;
  let kLow = 3;
  while (kLow <= MAX_DEPTH && !(a < peakValue(kLow))) kLow++;
  let kMax = kLow - 1;
  for (let k = kLow; k <= MAX_DEPTH; k++) {
    if (balancedBracket(a, k, p.stepSize).upper > BALANCED_STEP_BUDGET) break;
    kMax = k;
  }
  if (kMax < kLow) return [];
  const step = Math.max(1, Math.min(p.depthStep, Math.floor((kMax - kLow) / Math.max(1, p.depthCount - 1))));
  const depths: number[] = [];
  for (let j = p.depthCount - 1; j >= 0; j--) {
    const k = kMax - j * step;
    if (k >= kLow) depths.push(k);
  }
  return depths;
}

export interface BalancedStudy {
  depths: number[];
  steps: number[];
  lower: number[];
  upper: number[];
}

/** Steps to ∏wᵢ ≥ ½ at every depth: the scalar recursion, or the k-dimensional GD with `dense`. */
export function balancedStudy(p: BalancedParams, dense = false): BalancedStudy {
  const depths = balancedDepths(p);
  const steps: number[] = [], lower: number[] = [], upper: number[] = [];
  for (const k of depths) {
    const b = balancedBracket(p.initValue, k, p.stepSize);
    const cap = Math.ceil(b.upper) + 1; // beyond the bracket: report Infinity, a violation
    const spec = { stepSize: p.stepSize };
    steps.push(dense ? stepsToProduct(balancedStart(p.initValue, k), spec, PRODUCT_LEVEL, cap) : balancedStepsToProduct(p.initValue, k, spec, PRODUCT_LEVEL, cap));
    lower.push(b.lower);
    upper.push(b.upper);
  }
  return { depths, steps, lower, upper };
}

const MIN_DEPTHS = 4;

function balancedHypotheses(p: BalancedParams, depths: number[]) {
  return [
    atLeast('depths in the grid (k ≥ 3, a < w_p(k), bracket within the step budget)', depths.length, MIN_DEPTHS),
    atLeast('0 < a', p.initValue, Number.MIN_VALUE),
  ];
}

function balancedDerived(p: BalancedParams, depths: number[]): Record<string, number> {
  const out: Record<string, number> = { initValue: p.initValue, stepSize: p.stepSize, predictedSlope: -Math.log(p.initValue), depths: depths.length };
  if (depths.length > 0) Object.assign(out, { minDepth: depths[0], maxDepth: depths[depths.length - 1] });
  return out;
}

type StepsBound = (a: number, k: number, eta: number, study: BalancedStudy, j: number) => number;

function balancedStepsTrial(p: BalancedParams, options: TrialOptions, bounds: { relation: 'le' | 'ge'; value: StepsBound; cite: string }[]): Trial {
  const depths = balancedDepths(p);
  let study: BalancedStudy | undefined;
  const ensure = (): BalancedStudy => (study ??= balancedStudy(p, options.dense));
  return {
    hypotheses: balancedHypotheses(p, depths),
    derived: balancedDerived(p, depths),
    bounds: bounds.map(
      (b): Bound => ({
        metric: 'stepsToHalf',
        relation: b.relation,
        value: (t) => b.value(p.initValue, depths[t], p.stepSize, ensure(), t),
        floor: 0,
        cite: b.cite,
      }),
    ),
    run: (observe) => {
      const s = ensure();
      for (let j = 0; j < s.depths.length; j++) {
        if (!observe(j, { depth: s.depths[j], stepsToHalf: s.steps[j] })) return;
      }
    },
    measure: () => {
      const s = ensure();
      const out: Record<string, number> = {};
      s.depths.forEach((k, j) => (out[`steps_k${k}`] = s.steps[j]));
      return out;
    },
  };
}

const LOWER_CITE = 'N(k) ≥ (a^{2−k} − w_p^{2−k})/(η(k−2)): ∫dw/g ≤ η per step on [a, w_p], 1/g ≥ w^{1−k} (file header; dossier §2 [D])';
const UPPER_CITE = 'N(k) ≤ [(a^{2−k} − w_p^{2−k})/(k−2) + (w_p² − a²)/(2(1−w_p^k))]/η + (k−1)ln(w_p/a) + (w* − w_p)/(η g(w*)) + 2 (file header)';

export const balancedSteps = defineClaim<BalancedParams>({
  id: 'shamir2019.balanced-steps',
  statement: 'Balanced start wᵢ(0) = a ∈ (0, 1), f(x) = ½(x−1)²: the GD steps N(k) to reach ∏wᵢ ≥ ½ satisfy (a^{2−k} − w_p^{2−k})/(η(k−2)) ≤ N(k) ≤ that + lower-order terms, exponential in the depth k with rate −ln a',
  source: source('abstract (exponential convergence time); balanced proxy', 'D', 'dossier further-theorems.md §2 deterministic proxy [D]; bracket derived in the claim file'),
  kind: 'lower-bound',
  expected: 'holds',
  params: balancedParams,
  examples: [
    { initValue: 0.5, stepSize: 0.01, depthCount: 8, depthStep: 2 },
    { initValue: 0.8, stepSize: 1e-3, depthCount: 6, depthStep: 4 },
  ],
  instantiate: (p, options) =>
    balancedStepsTrial(p, options, [
      { relation: 'ge', value: (_a, _k, _eta, s, j) => s.lower[j], cite: LOWER_CITE },
      { relation: 'le', value: (_a, _k, _eta, s, j) => s.upper[j], cite: UPPER_CITE },
    ]),
});

export const balancedNoPolynomialFactor = defineClaim<BalancedParams>({
  id: 'shamir2019.balanced-no-polynomial-factor',
  statement: 'FALSE variant: the balanced escape time without the 1/(k−2) factor, N(k) ≥ (a^{2−k} − w_p^{2−k})/η',
  source: source('balanced proxy', 'D', 'integrating w^{1−k} gives the factor 1/(k−2)'),
  kind: 'lower-bound',
  expected: 'refuted',
  variantOf: 'shamir2019.balanced-steps',
  falseBecause: 'the bracket is tight up to exponentially small terms, so N(k) ≈ (a^{2−k} − w_p^{2−k})/(η(k−2)), a factor k−2 below the claimed bound once k ≥ 4',
  params: balancedParams,
  instantiate: (p, options) =>
    balancedStepsTrial(p, options, [{ relation: 'ge', value: (_a, k, _eta, s, j) => s.lower[j] * (k - 2), cite: 'false: N(k) ≥ (a^{2−k} − w_p^{2−k})/η' }]),
});

export const balancedPolynomial = defineClaim<BalancedParams>({
  id: 'shamir2019.balanced-polynomial',
  statement: 'FALSE variant: the escape time is polynomial (quadratic) in the depth, N(k) ≤ N(k₁)(k/k₁)² over the depth grid k₁ < k₂ < …',
  source: source('abstract', 'D', 'dossier §2 Encoding notes, Shamir proxy false variant 1 (steps polynomial in k)'),
  kind: 'bound-for-all-t',
  expected: 'refuted',
  variantOf: 'shamir2019.balanced-steps',
  falseBecause: 'N(k) grows like a^{−k}/(k−2): the ratio N(k)/N(k₁) is exponential in k − k₁, beyond any fixed power of k/k₁ on a long enough grid',
  params: balancedParams,
  instantiate: (p, options) =>
    balancedStepsTrial(p, options, [
      { relation: 'le', value: (_a, k, _eta, s) => Math.max(s.steps[0], 1) * (k / s.depths[0]) ** 2, cite: 'false: N(k) ≤ N(k₁)(k/k₁)²' },
    ]),
});

// The slope of log((k − 2)N(k)) against k

/**
 * Least-squares slopes of log((k − 2)N(k)) (corrected) and log N(k) (uncorrected) against k, and the
 * rigorous band [lo, hi] of the corrected slope's deviation from −ln a implied by the bracket: the
 * slope is Σ c_k y_k with c_k = (k − k̄)/S_kk, and y_k + (k − 2) ln a + ln η lies in
 * [ln(η(k − 2)L_k a^{k−2}), ln(η(k − 2)U_k a^{k−2})].
 */
export function balancedSlope(p: BalancedParams, s: BalancedStudy) {
  const a = p.initValue, eta = p.stepSize;
  const ks = s.depths;
  const corrected = linearFit(ks, ks.map((k, j) => Math.log((k - 2) * s.steps[j])));
  const uncorrected = linearFit(ks, ks.map((_k, j) => Math.log(s.steps[j])));
  const kBar = ks.reduce((x, k) => x + k, 0) / ks.length;
  const skk = ks.reduce((x, k) => x + (k - kBar) ** 2, 0);
  let lo = 0, hi = 0;
  ks.forEach((k, j) => {
    const c = (k - kBar) / skk;
    const epsLo = Math.log(eta * (k - 2) * s.lower[j]) + (k - 2) * Math.log(a);
    const epsHi = Math.log(eta * (k - 2) * s.upper[j]) + (k - 2) * Math.log(a);
    lo += c >= 0 ? c * epsLo : c * epsHi;
    hi += c >= 0 ? c * epsHi : c * epsLo;
  });
  return { corrected, uncorrected, predicted: -Math.log(a), bandLo: lo, bandHi: hi };
}

type SlopeKind = 'corrected' | 'uncorrected' | 'gradient-rate';

function balancedSlopeTrial(p: BalancedParams, options: TrialOptions, kind: SlopeKind): Trial {
  const depths = balancedDepths(p);
  const derived = balancedDerived(p, depths);
  let result: ReturnType<typeof balancedSlope> | undefined;
  const ensure = () => (result ??= balancedSlope(p, balancedStudy(p, options.dense)));
  const center = kind === 'gradient-rate' ? -2 * Math.log(p.initValue) : -Math.log(p.initValue);
  const metric = kind === 'uncorrected' ? 'slopeUncorrected' : 'slope';
  const label = kind === 'gradient-rate' ? '−2 ln a' : '−ln a';
  return {
    hypotheses: balancedHypotheses(p, depths),
    derived,
    bounds: [
      { metric, relation: 'le', value: () => center + ensure().bandHi, floor: 0, cite: `least-squares slope of log(${kind === 'uncorrected' ? '' : '(k−2)'}N(k)) ≤ ${label} + band (bracket, file header)` },
      { metric, relation: 'ge', value: () => center + ensure().bandLo, floor: 0, cite: `least-squares slope ≥ ${label} − band (bracket, file header)` },
    ],
    run: (observe) => {
      const r = ensure();
      derived.slope = r.corrected.slope;
      derived.slopeCiLower = r.corrected.slopeInterval.lower;
      derived.slopeCiUpper = r.corrected.slopeInterval.upper;
      derived.slopeUncorrected = r.uncorrected.slope;
      derived.bandLo = r.bandLo;
      derived.bandHi = r.bandHi;
      observe(0, { slope: r.corrected.slope, slopeUncorrected: r.uncorrected.slope });
    },
  };
}

export const balancedSlopeClaim = defineClaim<BalancedParams>({
  id: 'shamir2019.balanced-slope',
  statement: 'Balanced proxy: log((k−2)N(k)) grows linearly in the depth with slope −ln a; the least-squares slope over the depth grid lies within the band the exact bracket implies',
  source: source('abstract (exponential in depth); balanced proxy', 'D', 'dossier §2 deterministic proxy: slope ~ −ln a; the (k−2) factor and the band follow from the bracket'),
  kind: 'asymptotic',
  expected: 'holds',
  params: balancedParams,
  examples: [{ initValue: 0.5, stepSize: 0.01, depthCount: 8, depthStep: 2 }],
  instantiate: (p, options) => balancedSlopeTrial(p, options, 'corrected'),
});

export const balancedSlopeUncorrected = defineClaim<BalancedParams>({
  id: 'shamir2019.balanced-slope-uncorrected',
  statement: 'FALSE variant: log N(k) itself (no (k−2) factor) has least-squares slope −ln a within the bracket’s band',
  source: source('balanced proxy', 'D', 'N(k) ≈ a^{2−k}/(η(k−2)): the polynomial factor lowers the slope of log N by about the mean of 1/(k−2)'),
  kind: 'asymptotic',
  expected: 'refuted',
  variantOf: 'shamir2019.balanced-slope',
  falseBecause: 'd/dk log N(k) = −ln a − 1/(k−2) + o(1): the uncorrected slope sits below −ln a by about 1/(k−2), far outside the exponentially small band',
  params: balancedParams,
  instantiate: (p, options) => balancedSlopeTrial(p, options, 'uncorrected'),
});

export const balancedSlopeGradientRate = defineClaim<BalancedParams>({
  id: 'shamir2019.balanced-slope-gradient-rate',
  statement: 'FALSE variant: the slope of log((k−2)N(k)) is −2 ln a, the decay rate of the squared gradient norm ‖∇F(w₀)‖² ∝ a^{2(k−1)}',
  source: source('balanced proxy', 'D', 'escape time is ∫dw/g, governed by the gradient itself (a^{k−1}) integrated over w, not by its square'),
  kind: 'asymptotic',
  expected: 'refuted',
  variantOf: 'shamir2019.balanced-slope',
  falseBecause: 'the exact slope is −ln a, half of −2 ln a',
  params: balancedParams,
  instantiate: (p, options) => balancedSlopeTrial(p, options, 'gradient-rate'),
});

// ---------------------------------------------------------------------------------------------
// The statistical claim: median iterations from N(0, 1) initializations

/** Depth grid and sample size of the study (the dossier's numerical observation used depths 4–18, 9–15 seeds). */
export const MEDIAN_DEPTHS = [4, 6, 8, 10, 12, 14, 16, 18, 20];
export const SEEDS_PER_DEPTH = 15;
/** Stop at F ≤ 0.01 (dossier §2). */
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
    const row: number[] = [];
    for (let s = 0; s < seedsPerDepth; s++) {
      const w0 = new Rng(p.seed, `shamir-init:${k}:${s}`).fillGaussian(new Float64Array(k));
      const n = stepsToLoss(w0, { stepSize: p.stepSize, target: 1 }, LOSS_TOLERANCE, cap);
      if (!Number.isFinite(n)) censored++;
      row.push(n);
    }
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

function medianTrial(p: MedianParams, variant: 'growth' | 'quadratic'): Trial {
  const derived: Record<string, number> = { stepSize: p.stepSize, seedsPerDepth: SEEDS_PER_DEPTH, cap: Math.ceil(TIME_CAP / p.stepSize) };
  let study: MedianStudy | undefined;
  const ensure = () => (study ??= medianStudy(p));
  const fitOf = (s: MedianStudy) => linearFit(s.depths, s.medians.map((m) => Math.log(Math.max(m, 1))), 0.95);
  const bounds: Bound[] =
    variant === 'growth'
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
      if (variant === 'growth') {
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
  source: source('abstract: iterations exponential in the depth', 'U', 'theorem text unavailable; statistical shape of dossier §2 (a); the fitted rate is reported as the smallest working constant'),
  kind: 'with-probability',
  expected: 'holds',
  params: medianParams,
  maxIterations: 1,
  // each instance fits a slope over 15 seeds x 9 depths: 20 instances per run are plenty
  maxRuns: 20,
  instantiate: (p) => medianTrial(p, 'growth'),
});

export const medianQuadratic = defineClaim<MedianParams>({
  id: 'shamir2019.median-quadratic',
  statement: 'FALSE variant: the median iteration count grows at most quadratically in the depth, median T(k) ≤ median T(4)(k/4)² for k ≤ 20',
  source: source('abstract', 'D', 'dossier §2 Encoding notes, false variant 1 (steps polynomial in k)'),
  kind: 'with-probability',
  expected: 'refuted',
  variantOf: 'shamir2019.median-growth',
  falseBecause: 'the median grows by a factor of about e^{0.4} per layer (dossier: 20 at k = 4, ~1.6·10⁴ at k = 18), far beyond (k/4)² = 25 at k = 20',
  params: medianParams,
  maxIterations: MEDIAN_DEPTHS.length,
  instantiate: (p) => medianTrial(p, 'quadratic'),
});

// ---------------------------------------------------------------------------------------------
// The mechanism: E log|∏wᵢ(0)| = k E log|w| < 0

export type InitDistribution = 'gaussian' | 'uniform';

/** −E log|w| and Var log|w| for w ~ N(0, 1) and w ~ U[−√3, √3] (both E w² = 1). */
export const LOG_MOMENTS: Record<InitDistribution, { negMean: number; variance: number }> = {
  // E log|Z| = −(γ_E + ln 2)/2, Var log|Z| = π²/8
  gaussian: { negMean: (0.5772156649015329 + Math.LN2) / 2, variance: (Math.PI * Math.PI) / 8 },
  // |w| = √3 V, V ~ U[0, 1]: E log|w| = ln√3 − 1, Var = Var log V = 1
  uniform: { negMean: 1 - 0.5 * Math.log(3), variance: 1 },
};

export const INIT_DRAWS = 4000;
/** Width of the CLT band in standard errors (two-sided false-alarm probability about 6e-7). */
export const CLT_Z = 5;

export interface InitParams {
  seed: number;
  init: InitDistribution;
  depth: number;
}

export const initParams: fc.Arbitrary<InitParams> = fc.record({
  seed: seedArb(),
  init: fc.constantFrom<InitDistribution>('gaussian', 'uniform'),
  depth: fc.integer({ min: 1, max: 64 }),
});

/** ℓ = −(1/S) Σ_s log|∏ᵢ wᵢ^{(s)}(0)| over S draws (a sum of logs: no underflow). */
export function negMeanLogProduct(p: InitParams, draws = INIT_DRAWS): number {
  const rng = new Rng(p.seed, `shamir-product:${p.init}`);
  let total = 0;
  for (let s = 0; s < draws; s++) {
    for (let i = 0; i < p.depth; i++) {
      const w = p.init === 'gaussian' ? rng.gaussian() : (2 * rng.uniform() - 1) * Math.sqrt(3);
      total += Math.log(Math.abs(w));
    }
  }
  return -total / draws;
}

function initTrial(p: InitParams, center: (p: InitParams) => number, label: string, cite: string): Trial {
  const { variance } = LOG_MOMENTS[p.init];
  const band = CLT_Z * Math.sqrt((p.depth * variance) / INIT_DRAWS);
  const c = center(p);
  return {
    hypotheses: [],
    derived: { depth: p.depth, predicted: c, band, draws: INIT_DRAWS },
    bounds: [
      { metric: 'negMeanLogProduct', relation: 'le', value: () => c + band, floor: 0, cite: `${cite}: −mean log|∏wᵢ(0)| ≤ ${label} + ${CLT_Z} standard errors` },
      { metric: 'negMeanLogProduct', relation: 'ge', value: () => c - band, floor: 0, cite: `${cite}: −mean log|∏wᵢ(0)| ≥ ${label} − ${CLT_Z} standard errors` },
    ],
    run: (observe) => {
      observe(0, { negMeanLogProduct: negMeanLogProduct(p) });
    },
  };
}

export const initLogProduct = defineClaim<InitParams>({
  id: 'shamir2019.init-log-product',
  statement: 'At an i.i.d. initialization with E w² = 1, E log|∏ᵢ wᵢ(0)| = k E log|w| < 0 (−0.635k for N(0, 1), −0.451k for U[−√3, √3]): the product starts exponentially small in the depth',
  source: source('abstract (mechanism)', 'D', 'dossier §2 mechanism [D]: E log|w| = −(γ_E + ln 2)/2 for N(0, 1), ln√3 − 1 for U[−√3, √3]; Jensen E log|w| ≤ ½ log E w²; CLT band'),
  kind: 'exact-identity',
  expected: 'holds',
  params: initParams,
  maxIterations: 1,
  instantiate: (p) => initTrial(p, (q) => q.depth * LOG_MOMENTS[q.init].negMean, '−k E log|w|', 'E log|∏wᵢ| = k E log|w|'),
});

export const initProductOrderOne = defineClaim<InitParams>({
  id: 'shamir2019.init-product-order-one',
  statement: 'FALSE variant: with E w² = 1 the initial product is of order one at every depth, −E log|∏wᵢ(0)| ≤ ln 10',
  source: source('abstract (mechanism)', 'D', 'dossier §2 Encoding notes, false variant 2 (initial product of order 1)'),
  kind: 'exact-identity',
  expected: 'refuted',
  variantOf: 'shamir2019.init-log-product',
  falseBecause: '−E log|∏wᵢ(0)| = 0.635k (Gaussian) or 0.451k (uniform) exceeds ln 10 ≈ 2.30 from k = 4 or 6 on',
  params: initParams,
  maxIterations: 1,
  instantiate: (p) => ({
    ...initTrial(p, () => 0, '0', 'false'),
    bounds: [{ metric: 'negMeanLogProduct', relation: 'le', value: () => Math.LN10, floor: 0, cite: 'false: −E log|∏wᵢ(0)| ≤ ln 10 (product of order one)' }],
  }),
});

export const initJensenEquality = defineClaim<InitParams>({
  id: 'shamir2019.init-jensen-equality',
  statement: 'FALSE variant: Jensen with equality, E log|w| = ½ log E w² = 0 for a Xavier-like initialization, so E log|∏wᵢ(0)| = 0',
  source: source('abstract (mechanism)', 'D', 'Jensen E log|w| ≤ ½ log E w² is strict unless |w| = 1 almost surely'),
  kind: 'exact-identity',
  expected: 'refuted',
  variantOf: 'shamir2019.init-log-product',
  falseBecause: 'E log|w| = −0.635 (Gaussian) or −0.451 (uniform), not 0: the mean over 4000 draws leaves the CLT band around 0 at every depth',
  params: initParams,
  maxIterations: 1,
  instantiate: (p) => initTrial(p, () => 0, '0', 'false: E log|w| = ½ log E w² = 0'),
});

export const claims: Claim<any>[] = [
  balancedSteps,
  balancedNoPolynomialFactor,
  balancedPolynomial,
  balancedSlopeClaim,
  balancedSlopeUncorrected,
  balancedSlopeGradientRate,
  medianGrowth,
  medianQuadratic,
  initLogProduct,
  initProductOrderOne,
  initJensenEquality,
];

export default claims;
