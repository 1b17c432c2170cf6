/**
 * Companion of d'Aspremont, Scieur, Taylor (2021), Corollary 4.15 on quadratics [D]: the exact error of
 * Nesterov's method on the μ eigenvector.
 *
 * Statement. Let f be a quadratic with spectrum in [μ, L] containing μ, and x₀ − x* an eigenvector of the
 * eigenvalue μ. Nesterov's method (step 1/L, β = (√κ − 1)/(√κ + 1), x_{−1} = x₀) has error
 *
 *     e_k = (1 + k/√κ)(1 − 1/√κ)^k e₀   for every k.
 *
 * Hypotheses: 0 < μ ≤ L, x₀ − x* on the μ eigenvector (e₀ > 0). Parameters: κ = L/μ ∈ [1, 1e4], d ∈ [2, 4],
 * R, the shift of x*. Checked both ways to relative 1e-9 ([N] the formula matched to 1e-9), above the
 * roundoff floor of the API's coordinate guard.
 *
 * Derivation. On the eigenvalue λ, e_{k+1} = (1 + β)(1 − λ/L)e_k − β(1 − λ/L)e_{k−1}, with characteristic
 * polynomial z² − (1 + β)(1 − λ/L)z + β(1 − λ/L). At λ = μ, with q = 1/√κ: 1 − μ/L = 1 − q², β = (1 − q)/(1 + q),
 * so (1 + β)(1 − q²) = 2(1 − q) and β(1 − q²) = (1 − q)²: the polynomial is (z − (1 − q))², a double root.
 * Hence e_k = (a + bk)(1 − q)^k; x_{−1} = x₀ gives e₁ = (1 − q²)e₀ (a gradient step), so a = e₀ and
 * (1 + b)(1 − q) = 1 − q², b = q: e_k = (1 + kq)(1 − q)^k e₀.
 *
 * False variants (the same instances; the trial is rebuilt with the claimed formula):
 *   - contraction by the spectral radius every step, e_k ≤ (1 − 1/√κ)^k e₀: the double root adds the factor
 *     1 + k/√κ, already e₁ = (1 + 1/√κ)(1 − 1/√κ)e₀ > (1 − 1/√κ)e₀;
 *   - no faster than GD with step 1/L, e_k ≥ (1 − 1/κ)^k e₀: (1 + k/√κ)(1 − 1/√κ)^k < (1 − 1/κ)^k for large k;
 *   - near miss: the formula with its rate 1 − 1/√κ raised to the power 1.01, as an upper bound: short by
 *     (1 − 1/√κ)^{0.01k}, beyond the relative 1e-9 after a step (κ > 1).
 */
import { atLeast, coordinateGuard, defineClaim, guardedBound, runNesterov, withRate, withTrial } from 'ratecheck';
import type { Trial, TrialOptions } from 'ratecheck';
import { muMode, muModeParams, nesterovSetup, source, type NesterovParams, type Setup } from './setup.ts';

const MODE_RTOL = 1e-9;

interface ModeFormula {
  /** e_k/e₀ */
  formula: (s: Setup, k: number) => number;
  relations: ('le' | 'ge')[];
  cite: string;
}

/** Nesterov's method on a μ-mode instance, its first coordinate error compared with e₀ · formula(k). */
function muModeTrial(p: NesterovParams, _options: TrialOptions, o: ModeFormula): Trial {
  const s = nesterovSetup(p);
  const e0 = s.x0[0] - s.problem.xStar[0];
  const guard = coordinateGuard(s.noise, e0);
  return {
    hypotheses: [atLeast('μ > 0', s.mu, Number.MIN_VALUE), atLeast('x₀ − x* on the μ eigenvector (e₀ > 0)', e0, Number.MIN_VALUE)],
    derived: { L: s.L, mu: s.mu, kappa: s.kappa, momentum: s.beta, rate: 1 - s.q, e0, noise: s.noise, floor: guard.floor },
    bounds: o.relations.map((relation) => ({ ...guardedBound('error0', (k) => e0 * o.formula(s, k), guard, o.cite, { relation, rtol: MODE_RTOL }), ...(s.q < 1 ? { rate: 1 - s.q } : {}) })),
    run: (observe, maxIterations) => runNesterov(s.problem, s.x0, { stepSize: 1 / s.L, momentum: s.beta }, observe, maxIterations),
  };
}

const MODE_FORMULA = (s: Setup, k: number) => (1 + k * s.q) * Math.pow(1 - s.q, k);

export const nesterovMuMode = defineClaim<NesterovParams>({
  id: 'classical-nesterov.mu-mode-exact',
  statement: 'On the μ-mode of a quadratic (x₀ − x* an eigenvector of μ), Nesterov’s error is exactly e_k = (1 + k/√κ)(1 − 1/√κ)^k e₀ (relative 1e-9)',
  source: source('Corollary 4.15 (companion on quadratics)', 'D', 'characteristic polynomial (z − (1 − 1/√κ))² at λ = μ, derived in this file’s header; [N] matched to 1e-9'),
  kind: 'exact-identity',
  expected: 'holds',
  params: muModeParams(),
  examples: [muMode(100), muMode(1e4), muMode(2, { d: 3, shift: 10 })],
  maxIterations: 2000,
  instantiate: (p, options) => muModeTrial(p, options, { formula: MODE_FORMULA, relations: ['le', 'ge'], cite: 'e_k = (1 + k/√κ)(1 − 1/√κ)^k e₀ [D]' }),
});

/** Changed: the formula, (1 − 1/√κ)^k in place of (1 + k/√κ)(1 − 1/√κ)^k, as an upper bound only. */
export const nesterovMuModeRadius = withTrial(
  nesterovMuMode,
  {
    id: 'classical-nesterov.mu-mode-contracts-by-radius',
    statement: 'FALSE variant: on the μ-mode the error contracts by the spectral radius every step, e_k ≤ (1 − 1/√κ)^k e₀',
    source: { note: 'the double root adds the polynomial factor 1 + k/√κ' },
    kind: 'bound-for-all-t',
    falseBecause: 'e₁ = (1 − 1/κ)e₀ = (1 + 1/√κ)(1 − 1/√κ)e₀ > (1 − 1/√κ)e₀ for every κ > 1',
    params: muModeParams(),
  },
  (p, options) => muModeTrial(p, options, { formula: (s, k) => Math.pow(1 - s.q, k), relations: ['le'], cite: 'claimed: e_k ≤ (1 − 1/√κ)^k e₀' }),
);

/** Changed: the formula, GD's (1 − 1/κ)^k in place of the μ-mode's, as a lower bound only; κ ≤ 1e3. */
export const nesterovMuModeGdSpeed = withTrial(
  nesterovMuMode,
  {
    id: 'classical-nesterov.mu-mode-no-faster-than-gd',
    statement: 'FALSE variant: on the μ-mode Nesterov’s method is no faster than GD with step 1/L, e_k ≥ (1 − 1/κ)^k e₀',
    source: { note: 'acceleration on the μ-mode' },
    kind: 'lower-bound',
    falseBecause: '(1 + k/√κ)(1 − 1/√κ)^k < (1 − 1/κ)^k for large k: the accelerated mode decays like (1 − 1/√κ)^k',
    params: muModeParams(1e3),
  },
  (p, options) => muModeTrial(p, options, { formula: (s, k) => Math.pow(1 - 1 / s.kappa, k), relations: ['ge'], cite: 'claimed: e_k ≥ (1 − 1/κ)^k e₀' }),
);

/** The μ-mode formula's rate 1 − 1/√κ raised to the power 1.01 in the upper bound (κ > 1 so that the rate is positive). */
export const nesterovMuModeNearMiss = withRate(nesterovMuMode, 'rate', (q) => Math.pow(q, 1.01), {
  id: 'classical-nesterov.mu-mode-rate-1pct-faster',
  statement: 'FALSE variant (near miss): on the μ-mode e_k ≤ (1 + k/√κ)(1 − 1/√κ)^{1.01k} e₀',
  falseBecause: 'the μ-mode formula is exact, so the error exceeds the claim by (1 − 1/√κ)^{−0.01k}',
  metric: (b) => b.relation === 'le',
  params: muModeParams().filter((p) => p.mu < p.L),
  examples: [muMode(100), muMode(1e4)],
});
