/**
 * Companion of d'Aspremont, Scieur, Taylor (2021), Corollary 4.15 on quadratics [D]: the spectral radius
 * of Nesterov's iteration.
 *
 * Statement. On a quadratic with spectrum in [μ, L] containing μ, Nesterov's iteration (step 1/L,
 * β = (√κ − 1)/(√κ + 1)) has spectral radius exactly 1 − 1/√κ.
 *
 * Hypotheses: the spectrum lies in [μ, L] and contains μ. Parameters: d ∈ [2, 50], κ ∈ [1.01, 1e6]
 * (L = 1), a spectrum drawn log-uniformly in [μ, L] by the API's prescribedSpectrum. Bound: the radius,
 * both ways, to relative 1e-6 ([N] 0.9 at κ = 100).
 *
 * Derivation. On the eigenvalue λ the iteration's characteristic polynomial is
 * z² − (1 + β)c z + βc, c = 1 − λ/L. At λ = μ it is (z − (1 − 1/√κ))² (see ./mu-mode.ts): radius
 * 1 − 1/√κ. For λ ∈ (μ, L] the discriminant (1 + β)²c² − 4βc is negative whenever c < 4β/(1 + β)², which
 * holds since c < 1 − 1/κ = 4β/(1 + β)²; the roots are complex with modulus √(βc) < √(β(1 − 1/κ)) = 1 − 1/√κ.
 *
 * False variants (the same spectra; the trial is rebuilt with the claimed radius):
 *   - at most heavy ball's (√κ − 1)/(√κ + 1): 1 − 1/√κ exceeds it by the factor 1 + 1/√κ;
 *   - at least GD's 1 − 1/κ (no asymptotic acceleration): 1 − 1/√κ = (1 − 1/κ)/(1 + 1/√κ) < 1 − 1/κ;
 *   - near miss: at most (1 − 1/√κ)^{1.02} (2% in the exponent): short by a relative 0.02/√κ ≥ 2e-5 at
 *     κ ≤ 1e6, twenty times the tolerance.
 */
import { atLeast, defineClaim, fc, logUniform, nesterovMomentum, prescribedSpectrum, seedArb, variant } from 'ratecheck';
import type { Trial } from 'ratecheck';
import { source } from './setup.ts';

/**
 * Spectral radius of Nesterov's iteration on the eigenvalue λ: the roots of
 * z² − (1 + β)(1 − λ/L) z + β(1 − λ/L). Complex roots have modulus √(β(1 − λ/L)).
 */
export function nesterovModeRadius(lambda: number, L: number, beta: number): number {
  const c = 1 - lambda / L;
  const a = (1 + beta) * c, b = beta * c;
  const disc = a * a - 4 * b;
  if (disc < 0) return Math.sqrt(b);
  return (Math.abs(a) + Math.sqrt(disc)) / 2;
}

/**
 * Relative accuracy of the computed radius: at λ = μ the root is double, and a rounding of order eps in
 * the coefficients moves a double root by about √eps ≈ 1.5e-8 (errors up to 6.5e-8 were seen); 1e-6
 * leaves a margin and is still far below the gaps the false variants open (≥ 1/√κ ≥ 1e-3).
 */
const RADIUS_RTOL = 1e-6;

interface RadiusParams {
  d: number;
  kappa: number;
  seed: number;
}

const radiusParams: fc.Arbitrary<RadiusParams> = fc.record({ d: fc.integer({ min: 2, max: 50 }), kappa: logUniform(1.01, 1e6, 64), seed: seedArb() });

interface RadiusValue {
  value: (kappa: number, q: number) => number;
  relations: ('le' | 'ge')[];
  cite: string;
}

/** The largest radius over the drawn spectrum, compared with `value`. */
function radiusTrial(p: RadiusParams, o: RadiusValue): Trial {
  const L = 1, mu = 1 / p.kappa;
  const spectrum = prescribedSpectrum(p.d, mu, L, p.seed);
  const beta = nesterovMomentum(mu, L);
  const q = Math.sqrt(mu / L);
  let radius = 0;
  for (const lambda of spectrum) radius = Math.max(radius, nesterovModeRadius(lambda, L, beta));
  const target = o.value(p.kappa, q);
  return {
    hypotheses: [atLeast('spectrum ⊂ [μ, L] contains μ', spectrum[0] === mu ? 1 : 0, 1)],
    derived: { kappa: p.kappa, momentum: beta, radius, target },
    bounds: o.relations.map((relation) => ({ metric: 'spectralRadius', relation, value: () => target, floor: 0, rtol: RADIUS_RTOL, cite: o.cite })),
    run: (observe) => {
      observe(0, { spectralRadius: radius });
    },
  };
}

export const nesterovRadius = defineClaim<RadiusParams>({
  id: 'classical-nesterov.quadratic-spectral-radius',
  statement: 'On quadratics with spectrum in [μ, L] containing μ, the spectral radius of Nesterov’s iteration (step 1/L, β = (√κ − 1)/(√κ + 1)) is exactly 1 − 1/√κ',
  source: source('Corollary 4.15 (companion on quadratics)', 'D', 'double root at λ = μ, complex roots of modulus √(β(1 − λ/L)) < 1 − 1/√κ for λ ∈ (μ, L], derived in this file’s header; [N] 0.9 at κ = 100'),
  kind: 'exact-identity',
  expected: 'holds',
  params: radiusParams,
  examples: [{ d: 2, kappa: 100, seed: 1 }],
  maxIterations: 1,
  instantiate: (p) => radiusTrial(p, { value: (_k, q) => 1 - q, relations: ['le', 'ge'], cite: 'max_{λ∈[μ,L]} ρ(λ) = 1 − 1/√κ [D] (relative 1e-6: a double root is ill-conditioned)' }),
});

/** Changed: the radius, heavy ball's (√κ − 1)/(√κ + 1) in place of 1 − 1/√κ, as an upper bound only. */
export const nesterovRadiusHeavyBall = variant(
  nesterovRadius,
  {
    id: 'classical-nesterov.quadratic-spectral-radius-heavy-ball',
    statement: 'FALSE variant: Nesterov’s spectral radius on quadratics is at most heavy ball’s (√κ − 1)/(√κ + 1)',
    source: { note: 'false variant: heavy ball’s radius, below the exact 1 − 1/√κ (this file’s header)' },
    falseBecause: '1 − 1/√κ exceeds (√κ − 1)/(√κ + 1) by the factor 1 + 1/√κ',
    params: radiusParams,
  },
  (_paperTrial, p) => radiusTrial(p, { value: (kappa) => (Math.sqrt(kappa) - 1) / (Math.sqrt(kappa) + 1), relations: ['le'], cite: 'claimed: ≤ (√κ − 1)/(√κ + 1)' }),
);

/** Changed: the radius, GD's 1 − 1/κ in place of 1 − 1/√κ, as a lower bound only. */
export const nesterovRadiusGd = variant(
  nesterovRadius,
  {
    id: 'classical-nesterov.quadratic-spectral-radius-gd',
    statement: 'FALSE variant: Nesterov’s spectral radius on quadratics is at least GD’s 1 − 1/κ (no asymptotic acceleration)',
    source: { note: 'acceleration: 1 − 1/√κ < 1 − 1/κ' },
    falseBecause: '1 − 1/√κ = (1 − 1/κ)/(1 + 1/√κ) < 1 − 1/κ for κ > 1',
    params: radiusParams,
  },
  (_paperTrial, p) => radiusTrial(p, { value: (kappa) => 1 - 1 / kappa, relations: ['ge'], cite: 'claimed: ≥ 1 − 1/κ' }),
);

/** Changed: the radius, (1 − 1/√κ)^{1.02} in place of 1 − 1/√κ, as an upper bound only. */
export const nesterovRadiusNearMiss = variant(
  nesterovRadius,
  {
    id: 'classical-nesterov.quadratic-spectral-radius-2pct-faster',
    statement: 'FALSE variant (near miss): Nesterov’s spectral radius on quadratics is at most (1 − 1/√κ)^{1.02}',
    source: { note: 'the exact radius 1 − 1/√κ raised to the power 1.02' },
    falseBecause: 'the radius is exactly 1 − 1/√κ (double root at λ = μ), a relative 0.02/√κ above the claim',
    params: radiusParams,
  },
  (_paperTrial, p) => radiusTrial(p, { value: (_k, q) => Math.pow(1 - q, 1.02), relations: ['le'], cite: 'claimed: ≤ (1 − 1/√κ)^{1.02}' }),
);
