/**
 * Shamir (COLT 2019), abstract: the iterations grow exponentially in the depth k. Balanced proxy [D],
 * the growth rate.
 *
 * Statement. From the balanced start wᵢ(0) = a, log((k − 2)N(k)) is affine in k with slope −ln a up to
 * exponentially small terms; the least-squares slope of log((k − 2)N(k)) against k over the depth grid
 * lies in −ln a + [lo, hi], the band the exact bracket L(k) ≤ N(k) ≤ U(k) implies.
 *
 * Hypotheses and parameters: those of balanced-steps.ts (setup.ts builds the depth grid).
 *
 * Derivation of the band. The least-squares slope is Σ_k c_k y_k with c_k = (k − k̄)/S_kk, Σ c_k = 0,
 * Σ c_k k = 1, y_k = log((k − 2)N(k)). Write y_k = −(k − 2) ln a − ln η + ε_k: by the bracket,
 *   ε_k ∈ [ln(η(k − 2)L(k)a^{k−2}), ln(η(k − 2)U(k)a^{k−2})],
 * and the terms in ln η and 2 ln a cancel against Σ c_k = 0, so slope + ln a = Σ c_k ε_k ∈ [lo, hi] with
 * lo = Σ c_k (ε_k^lo if c_k ≥ 0 else ε_k^hi), hi the other way round. η(k − 2)L(k)a^{k−2} = 1 − (a/w_p)^{k−2}
 * and U(k)/L(k) → 1, so the band is exponentially small in k.
 *
 * False variants: the slope of log N(k) without the (k − 2) factor (it sits about 1/(k − 2) lower);
 * the slope −2 ln a of the squared gradient norm ‖∇F(w₀)‖² ∝ a^{2(k−1)}.
 */
import { defineClaim, linearFit, variant, type Trial, type TrialOptions } from 'ratecheck';
import { balancedDepths, balancedDerived, balancedHypotheses, balancedParams, balancedStudy, source, type BalancedParams, type BalancedStudy } from './setup.ts';

/**
 * Least-squares slopes of log((k − 2)N(k)) (corrected) and log N(k) (uncorrected) against k, and the
 * rigorous band [lo, hi] of the corrected slope's deviation from −ln a (file header).
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

/** What the slope trial checks: which slope (metric), around which center, and how the cite names them. */
export interface SlopeCheck {
  /** 'slope' for log((k−2)N(k)), 'slopeUncorrected' for log N(k) */
  metric: 'slope' | 'slopeUncorrected';
  /** the predicted slope as a function of a */
  center: (a: number) => number;
  /** the center as printed in the cite */
  label: string;
}

const TRUE_CHECK: SlopeCheck = { metric: 'slope', center: (a) => -Math.log(a), label: '−ln a' };

export function balancedSlopeTrial(p: BalancedParams, options: TrialOptions, check: SlopeCheck = TRUE_CHECK): Trial {
  const depths = balancedDepths(p);
  const derived = balancedDerived(p, depths);
  let result: ReturnType<typeof balancedSlope> | undefined;
  const ensure = () => (result ??= balancedSlope(p, balancedStudy(p, options.dense)));
  const center = check.center(p.initValue);
  const { metric, label } = check;
  return {
    hypotheses: balancedHypotheses(p, depths),
    derived,
    bounds: [
      { metric, relation: 'le', value: () => center + ensure().bandHi, floor: 0, cite: `least-squares slope of log(${metric === 'slopeUncorrected' ? '' : '(k−2)'}N(k)) ≤ ${label} + band (bracket, file header)` },
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
  source: source('abstract (exponential in depth); balanced proxy', 'D', 'slope −ln a of the balanced proxy; the (k−2) factor and the band follow from the bracket (derived in balanced-steps.ts and balanced-slope.ts headers)'),
  kind: 'asymptotic',
  expected: 'holds',
  params: balancedParams,
  examples: [{ initValue: 0.5, stepSize: 0.01, depthCount: 8, depthStep: 2 }],
  instantiate: (p, options) => balancedSlopeTrial(p, options),
});

/** The variants below check another slope or another center against the same band. */
const withSlopeCheck = (check: SlopeCheck) => (_trial: Trial, p: BalancedParams, options: TrialOptions) => balancedSlopeTrial(p, options, check);

export const balancedSlopeUncorrected = variant(
  balancedSlopeClaim,
  {
    id: 'shamir2019.balanced-slope-uncorrected',
    statement: 'FALSE variant: log N(k) itself (no (k−2) factor) has least-squares slope −ln a within the bracket’s band',
    source: { theorem: 'balanced proxy', note: 'N(k) ≈ a^{2−k}/(η(k−2)): the polynomial factor lowers the slope of log N by about the mean of 1/(k−2)' },
    falseBecause: 'd/dk log N(k) = −ln a − 1/(k−2) + o(1): the uncorrected slope sits below −ln a by about 1/(k−2), far outside the exponentially small band',
  },
  // the slope of log N(k) instead of log((k−2)N(k)), same center −ln a
  withSlopeCheck({ ...TRUE_CHECK, metric: 'slopeUncorrected' }),
);

export const balancedSlopeGradientRate = variant(
  balancedSlopeClaim,
  {
    id: 'shamir2019.balanced-slope-gradient-rate',
    statement: 'FALSE variant: the slope of log((k−2)N(k)) is −2 ln a, the decay rate of the squared gradient norm ‖∇F(w₀)‖² ∝ a^{2(k−1)}',
    source: { theorem: 'balanced proxy', note: 'escape time is ∫dw/g, governed by the gradient itself (a^{k−1}) integrated over w, not by its square' },
    falseBecause: 'the exact slope is −ln a, half of −2 ln a',
  },
  // the center −ln a doubled
  withSlopeCheck({ metric: 'slope', center: (a) => -2 * Math.log(a), label: '−2 ln a' }),
);
