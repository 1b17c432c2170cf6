/**
 * Shamir (COLT 2019), abstract: the mechanism behind the exponential convergence time [D].
 *
 * Statement. For an i.i.d. initialization wᵢ(0) ~ w with E w² = 1,
 *   E log|∏ᵢ wᵢ(0)| = Σᵢ E log|wᵢ(0)| = k E log|w| < 0,
 * so the product starts exponentially small in the depth; each partial derivative f′(p) p/wᵢ is then
 * exponentially small too, and escaping the plateau takes exponentially many steps.
 *
 * Hypotheses: i.i.d. draws with E w² = 1 (N(0, 1), or U[−√3, √3]).
 *
 * Parameters. seed; the distribution; depth k ∈ {1, …, 64}; S = 4000 draws of the product.
 *
 * Derivation of the constants. Jensen: E log|w| = ½ E log w² ≤ ½ log E w² = 0, strict unless |w| = 1
 * almost surely. For w = Z ~ N(0, 1): E log|Z| = −(γ_E + ln 2)/2 ≈ −0.635, Var log|Z| = π²/8. For
 * w ~ U[−√3, √3]: |w| = √3 V, V ~ U[0, 1], so E log|w| = ln √3 − 1 ≈ −0.451 and Var log|w| = Var log V = 1.
 * Bound: ℓ = −(1/S) Σ_s log|∏ᵢ wᵢ^{(s)}(0)| has mean −k E log|w| and variance k Var log|w| / S; the claim
 * checks ℓ within 5 standard errors of its mean (CLT band, two-sided false-alarm probability ≈ 6·10⁻⁷).
 *
 * False variants: an initial product of order one (−E log|∏wᵢ(0)| ≤ ln 10); Jensen with equality
 * (E log|w| = 0).
 */
import fc from 'fast-check';
import { Rng, defineClaim, seedArb, variant, type Trial } from 'ratecheck';
import { source } from './setup.ts';

export type InitDistribution = 'gaussian' | 'uniform';

/** −E log|w| and Var log|w| for w ~ N(0, 1) and w ~ U[−√3, √3] (both E w² = 1), derived in the file header. */
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

/** The CLT band of ℓ around center(p): ℓ ≤ center + band and ℓ ≥ center − band. */
export function initTrial(p: InitParams, center: (p: InitParams) => number, label: string, cite: string): Trial {
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
  source: source('abstract (mechanism)', 'D', 'E log|w| = −(γ_E + ln 2)/2 for N(0, 1), ln√3 − 1 for U[−√3, √3]; Jensen E log|w| ≤ ½ log E w²; CLT band (derived in init-log-product.ts header)'),
  kind: 'exact-identity',
  expected: 'holds',
  params: initParams,
  maxIterations: 1,
  instantiate: (p) => initTrial(p, (q) => q.depth * LOG_MOMENTS[q.init].negMean, '−k E log|w|', 'E log|∏wᵢ| = k E log|w|'),
});

export const initProductOrderOne = variant(
  initLogProduct,
  {
    id: 'shamir2019.init-product-order-one',
    statement: 'FALSE variant: with E w² = 1 the initial product is of order one at every depth, −E log|∏wᵢ(0)| ≤ ln 10',
    source: { note: 'negation of the mechanism: an initial product of order one (E log|∏wᵢ| = −0.635k for N(0, 1))' },
    falseBecause: '−E log|∏wᵢ(0)| = 0.635k (Gaussian) or 0.451k (uniform) exceeds ln 10 ≈ 2.30 from k = 4 or 6 on',
  },
  // the two-sided band around k·(−E log|w|) replaced by the one-sided bound ln 10 (predicted 0: order one)
  (trial) => ({
    ...trial,
    derived: { ...trial.derived, predicted: 0 },
    bounds: [{ metric: 'negMeanLogProduct', relation: 'le', value: () => Math.LN10, floor: 0, cite: 'false: −E log|∏wᵢ(0)| ≤ ln 10 (product of order one)' }],
  }),
);

export const initJensenEquality = variant(
  initLogProduct,
  {
    id: 'shamir2019.init-jensen-equality',
    statement: 'FALSE variant: Jensen with equality, E log|w| = ½ log E w² = 0 for a Xavier-like initialization, so E log|∏wᵢ(0)| = 0',
    source: { note: 'Jensen E log|w| ≤ ½ log E w² is strict unless |w| = 1 almost surely' },
    falseBecause: 'E log|w| = −0.635 (Gaussian) or −0.451 (uniform), not 0: the mean over 4000 draws leaves the CLT band around 0 at every depth',
  },
  // the band's center k·(−E log|w|) replaced by 0
  (_trial, p) => initTrial(p, () => 0, '0', 'false: E log|w| = ½ log E w² = 0'),
);
