/**
 * Shamir (COLT 2019): "Exponential Convergence Time of Gradient Descent for One-Dimensional Deep
 * Linear Neural Networks", PMLR 99:2691–2713. Set-up shared by the claim files.
 *
 *   F(w₁, …, w_k) = f(∏ᵢ wᵢ),  f(x) = ½(x − 1)²,  wᵢ ← wᵢ − η f′(p) ∏_{j≠i} w_j.
 *
 * Only the abstract is available [V]: from a standard random initialization GD needs a number of
 * iterations exponential in the depth k; the constants are universal and not explicit. The catalog
 * encodes three claims around the abstract's statement:
 * - balanced-steps.ts, balanced-slope.ts: the deterministic balanced proxy [D] (derived from the GD
 *   update above): from wᵢ(0) = a ∈ (0, 1) all wᵢ stay equal and the iteration is the scalar recursion
 *   w ← w − η(w^k − 1)w^{k−1}; the steps N(k) to reach ∏wᵢ ≥ ½ obey an exact two-sided bracket
 *   (derived in balanced-steps.ts);
 * - median-growth.ts: the abstract's statement in statistical form [U], over seeds;
 * - init-log-product.ts: the mechanism [D], E log|∏wᵢ(0)| = k E log|w| < 0 (Jensen).
 *
 * This file holds the paper's source and the balanced proxy's shared construction: its parameters,
 * the depth grid, the bracket (derivation in balanced-steps.ts) and the study.
 */
import fc from 'fast-check';
import { atLeast, balancedStart, balancedStepsToProductMany, logUniform, stepsToProduct, type Source } from 'ratecheck';

export const PAPER = 'Shamir. Exponential Convergence Time of Gradient Descent for One-Dimensional Deep Linear Neural Networks. COLT 2019, PMLR 99:2691–2713';
export const URL = 'https://proceedings.mlr.press/v99/shamir19a.html';

export function source(theorem: string, confidence: Source['confidence'], note?: string): Source {
  return { paper: PAPER, theorem, url: URL, confidence, note };
}

// ---------------------------------------------------------------------------------------------
// The balanced proxy

/** Product level that ends the escape phase: ∏wᵢ ≥ ½ (f(∏wᵢ) ≤ 1/8, the end of the plateau). */
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

/** The peak of g(w) = (1 − w^k)w^{k−1}: w_p = ((k − 1)/(2k − 1))^{1/k}. */
export function peakValue(k: number): number {
  return Math.pow((k - 1) / (2 * k - 1), 1 / k);
}

/** The exact bracket lower ≤ N(k) ≤ upper of the balanced escape time (derived in balanced-steps.ts); k ≥ 3, a < w_p. */
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
  const lower: number[] = [], upper: number[] = [], caps: number[] = [];
  for (const k of depths) {
    const b = balancedBracket(p.initValue, k, p.stepSize);
    caps.push(Math.ceil(b.upper) + 1); // beyond the bracket: report Infinity, a violation
    lower.push(b.lower);
    upper.push(b.upper);
  }
  const spec = { stepSize: p.stepSize };
  // the scalar recursions of all depths in lockstep (the same counts as one depth at a time)
  const steps = dense ? depths.map((k, j) => stepsToProduct(balancedStart(p.initValue, k), spec, PRODUCT_LEVEL, caps[j])) : balancedStepsToProductMany(p.initValue, depths, spec, PRODUCT_LEVEL, caps);
  return { depths, steps, lower, upper };
}

const MIN_DEPTHS = 4;

/** The balanced claims' hypotheses: a long enough depth grid, a > 0. */
export function balancedHypotheses(p: BalancedParams, depths: number[]) {
  return [
    atLeast('depths in the grid (k ≥ 3, a < w_p(k), bracket within the step budget)', depths.length, MIN_DEPTHS),
    atLeast('0 < a', p.initValue, Number.MIN_VALUE),
  ];
}

export function balancedDerived(p: BalancedParams, depths: number[]): Record<string, number> {
  const out: Record<string, number> = { initValue: p.initValue, stepSize: p.stepSize, predictedSlope: -Math.log(p.initValue), depths: depths.length };
  if (depths.length > 0) Object.assign(out, { minDepth: depths[0], maxDepth: depths[depths.length - 1] });
  return out;
}
