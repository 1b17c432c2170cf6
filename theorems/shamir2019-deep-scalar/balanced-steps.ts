/**
 * Shamir (COLT 2019), abstract: GD on F(w₁, …, w_k) = f(∏ᵢ wᵢ) needs a number of iterations exponential
 * in the depth k. Balanced proxy [D], an exact two-sided bracket.
 *
 * Statement. From the balanced start wᵢ(0) = a for every i, with f(x) = ½(x − 1)², the number N(k) of GD
 * steps until ∏wᵢ ≥ ½ satisfies L(k) ≤ N(k) ≤ U(k) below, so N(k) is exponential in k with rate −ln a.
 *
 * Hypotheses. k ≥ 3 integer, 0 < a < w_p(k), η > 0; the depth grid (setup.ts) keeps at least 4 depths
 * whose U(k) is at most 10⁶ steps.
 *
 * Parameters. a ∈ {0.30, …, 0.80}, η log-uniform in [10⁻³, 0.1], 4–8 depths spaced 1–4 apart, ending at
 * the deepest k with U(k) ≤ 10⁶ (setup.ts).
 *
 * Derivation (balanced recursion). All wᵢ stay equal (the update is symmetric in i), so with
 * g(w) = (1 − w^k)w^{k−1} the iteration is w_{n+1} = w_n + η g(w_n) while w_n^k < 1. g increases on
 * [0, w_p], w_p = ((k − 1)/(2k − 1))^{1/k}, and decreases on [w_p, 1); the target is w* = 2^{−1/k}.
 * Lower: on [a, w_p], ∫_{w_n}^{w_{n+1}} dw/g ≤ η, and 1/g(w) ≥ w^{1−k}, so
 *   N ≥ L(k) = (a^{2−k} − w_p^{2−k}) / (η(k − 2)).
 * Upper: on [a, w_p], ∫_{w_n}^{w_{n+1}} dw/g ≥ η g(w_n)/g(w_{n+1}) ≥ η(1 − (k − 1)ln(w_{n+1}/w_n)) (since
 * (ln g)′ ≤ (k − 1)/w), 1/g(w) ≤ w^{1−k} + w/(1 − w_p^k), and past w_p each step gains at least η g(w*):
 *   N ≤ U(k) = [(a^{2−k} − w_p^{2−k})/(k − 2) + (w_p² − a²)/(2(1 − w_p^k))]/η + (k − 1)ln(w_p/a)
 *              + (w* − w_p)/(η g(w*)) + 2.
 * Hence log((k − 2)N(k)) is affine in k with slope −ln a up to exponentially small terms (balanced-slope.ts).
 *
 * False variants: the bound without the 1/(k − 2) factor; an escape time polynomial (quadratic) in k.
 */
import { defineClaim, variant, type Bound, type Trial, type TrialOptions } from 'ratecheck';
import { balancedDepths, balancedDerived, balancedHypotheses, balancedParams, balancedStudy, source, type BalancedParams, type BalancedStudy } from './setup.ts';

/** A per-depth bound on N(k): a, k, η, the study and the depth index j. */
export type StepsBound = { relation: 'le' | 'ge'; value: (a: number, k: number, eta: number, study: BalancedStudy, j: number) => number; cite: string };

/** The trial over the depth grid: iteration t is depth index j, metric stepsToHalf = N(k_j), checked against `bounds`. */
export function balancedStepsTrial(p: BalancedParams, options: TrialOptions, bounds: StepsBound[]): Trial {
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

const LOWER_CITE = 'N(k) ≥ (a^{2−k} − w_p^{2−k})/(η(k−2)): ∫dw/g ≤ η per step on [a, w_p], 1/g ≥ w^{1−k} (derived in the file header [D])';
const UPPER_CITE = 'N(k) ≤ [(a^{2−k} − w_p^{2−k})/(k−2) + (w_p² − a²)/(2(1−w_p^k))]/η + (k−1)ln(w_p/a) + (w* − w_p)/(η g(w*)) + 2 (file header)';

export const balancedSteps = defineClaim<BalancedParams>({
  id: 'shamir2019.balanced-steps',
  statement: 'Balanced start wᵢ(0) = a ∈ (0, 1), f(x) = ½(x−1)²: the GD steps N(k) to reach ∏wᵢ ≥ ½ satisfy (a^{2−k} − w_p^{2−k})/(η(k−2)) ≤ N(k) ≤ that + lower-order terms, exponential in the depth k with rate −ln a',
  source: source('abstract (exponential convergence time); balanced proxy', 'D', 'abstract: iterations exponential in the depth; balanced proxy and its exact bracket derived in balanced-steps.ts header'),
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

/** The variants below replace balancedSteps' two bounds by one false bound on the same N(k). */
const withStepsBound = (bound: StepsBound) => (_trial: Trial, p: BalancedParams, options: TrialOptions) => balancedStepsTrial(p, options, [bound]);

export const balancedNoPolynomialFactor = variant(
  balancedSteps,
  {
    id: 'shamir2019.balanced-no-polynomial-factor',
    statement: 'FALSE variant: the balanced escape time without the 1/(k−2) factor, N(k) ≥ (a^{2−k} − w_p^{2−k})/η',
    source: { theorem: 'balanced proxy', note: 'integrating w^{1−k} gives the factor 1/(k−2)' },
    falseBecause: 'the bracket is tight up to exponentially small terms, so N(k) ≈ (a^{2−k} − w_p^{2−k})/(η(k−2)), a factor k−2 below the claimed bound once k ≥ 4',
  },
  // the lower bound L(k) multiplied by (k − 2), the upper bound dropped
  withStepsBound({ relation: 'ge', value: (_a, k, _eta, s, j) => s.lower[j] * (k - 2), cite: 'false: N(k) ≥ (a^{2−k} − w_p^{2−k})/η' }),
);

export const balancedPolynomial = variant(
  balancedSteps,
  {
    id: 'shamir2019.balanced-polynomial',
    statement: 'FALSE variant: the escape time is polynomial (quadratic) in the depth, N(k) ≤ N(k₁)(k/k₁)² over the depth grid k₁ < k₂ < …',
    source: { theorem: 'abstract', note: 'negation of the abstract’s exponential dependence on the depth: steps polynomial in k' },
    kind: 'bound-for-all-t',
    falseBecause: 'N(k) grows like a^{−k}/(k−2): the ratio N(k)/N(k₁) is exponential in k − k₁, beyond any fixed power of k/k₁ on a long enough grid',
  },
  // both bounds replaced by the quadratic growth bound from the first depth of the grid
  withStepsBound({ relation: 'le', value: (_a, k, _eta, s) => Math.max(s.steps[0], 1) * (k / s.depths[0]) ** 2, cite: 'false: N(k) ≤ N(k₁)(k/k₁)²' }),
);
