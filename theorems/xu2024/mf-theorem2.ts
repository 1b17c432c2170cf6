/**
 * Xu, Wang, Zhao, Ward, Tao (NeurIPS 2024), Section 3, Theorem 2: Nesterov's accelerated gradient on
 * matrix factorization.
 *
 * Statement. NAG, update (4), which tracks the extrapolated sequence (X_{−1} = X₀, Y_{−1} = Y₀):
 *   X_{t+1} = (1+β)(X_t − ηR_tY_t) − β(X_{t−1} − ηR_{t−1}Y_{t−1}),  and likewise for Y with R_tᵀX_t,
 * on problem (1) from initialization (2), X₀ = cAΦ, Y₀ = 0, converges at an accelerated linear rate.
 *
 * Hypotheses. As in Theorem 1 (τ, δ from Proposition 1), rank(A) = r ≤ d, and c ≥ c_min :=
 *   29 √( d(2√d + √r)‖A‖_F κ / (τ³(√d − √(r−1))³ σ_r²(A)) ).
 *
 * Parameters. L = σ₁²(X₀), μ = σ_r²(X₀), η = 1/L, β = (√L − √μ)/(√L + √μ).
 *
 * Bound. With probability at least 1 − δ, for all t ≥ 0 (the printed bound, claim thm2-printed),
 *   ‖R_t‖_F ≤ c²σ₁²(A)/(64 cond(X₀)) · (1 − √μ/(2√L))^t,
 * and with c = c_min, T = O(dκ/(τ(d−r+1)) log(C/ε)) iterations reach ε‖A‖_F (mf-iterations.ts).
 *
 * Deterministic core (derived from the proof, Appendix C.4). For any X₀ with col(X₀) = col(A), Y₀ = 0,
 * η = 1/L, β as above, p := √μ/(144√L) (≤ 1/144) and
 *   μp ≥ 4√2‖A‖_F(1 + p),
 * C₁ := μp/(4√2‖A‖_F(1 + p)) ≥ 1 and C₂ := p√L satisfy, for every t, with θ = 1 − √μ/(2√L),
 *   ‖R_t‖_F ≤ √2 C₁‖A‖_F θ^t = μp/(4(1 + p)) θ^t ≤ μ/(576 cond(X₀)) θ^t,
 *   ‖X_t − X₀‖_F ≤ C₂,  ‖Y_t − Y₀‖_F ≤ C₂
 * (the last step of the residual bound: p/(1 + p) ≤ p = √μ/(144√L), so μp/(4(1+p)) ≤ μ/(576 cond(X₀))).
 * Unlike Theorem 1 there is no cond(X₀) > 1 restriction; p does not depend on c, so the hypothesis is
 * met by every c above an explicit threshold (mf-setup.ts).
 *
 * Printed form (derived): μ ≤ L ≤ 9c²σ₁²(A) by Proposition 1's upper bound σ₁(X₀) ≤ 3cσ₁(A) (r ≤ d), so
 * μ/(576 cond(X₀)) ≤ c²σ₁²(A)/(64 cond(X₀)): the printed bound follows from the core on the draws where
 * that upper bound holds, which the claim checks as a hypothesis (as for Theorem 1's printed form).
 *
 * False variants. (1) hypothesis on c dropped: the prefactor scales like c² while ‖R₀‖_F = ‖A‖_F;
 * (2) "NAG cannot beat θ": by Lemma 4 the block map contracts by 1 − √(μ/L) < θ; (3) momentum dropped
 * (β = 0, η = 1/L): by Lemma 2 the linear part contracts only by 1 − μ/L, larger than θ once
 * √(μ/L) < 1/2, i.e. cond(X₀) > 2, so the residual overtakes the bound; (4) width d < r: rank(X_tY_tᵀ) ≤ d,
 * so ‖R_t‖_F ≥ (Σ_{i>d} σ_i²(A))^{1/2} > 0 for all t (Eckart–Young) while the bound tends to 0.
 * (5) Near misses: θ replaced by 1 − √(μ/L), the double eigenvalue of NAG's linear block map (Lemma 4).
 * On a mode with a double root q = 1 − √(μ/L) the error is (1 + t√(μ/L))q^t, not q^t: the variant drops
 * that growth factor, and the residual exceeds the bound by 0.06% to 4% at t = 10 to 250 on about one
 * instance in four of the default generator (cond(X₀) from 1.5 to 26).
 */
import { atMost, defineClaim, geometric, variant, withoutHypothesis, withRate, type Bound, type Claim, type Hypothesis, type TrialOptions, type Trial } from 'ratecheck';
import {
  C_MARGIN,
  RESIDUAL_FLOOR,
  residualFloor,
  densePathHypotheses,
  methodRun,
  paperSetup,
  rateUnbeatable,
  source,
  structuralHypotheses,
  thm2CoreBounds,
  thm2Hypothesis,
  thm2Quantities,
  thm2Threshold,
  xuParams,
  xuSetup,
  type XuParams,
  type XuSetup,
} from './mf-setup.ts';

/** Theorem 2's trial: c = cMultiplier × the smallest c meeting the hypothesis, NAG with η = 1/L and β. */
type Thm2Quantities = ReturnType<typeof thm2Quantities>;

function thm2Trial(params: XuParams, options: TrialOptions, bounds: (su: XuSetup, q: Thm2Quantities) => Bound[], extra?: (su: XuSetup, q: Thm2Quantities) => Hypothesis[]): Trial {
  const su = xuSetup(params);
  const c = thm2Threshold(su) * params.cMultiplier * C_MARGIN;
  const q = thm2Quantities(su, c);
  const hypotheses = [...structuralHypotheses(su), ...densePathHypotheses(su, options), thm2Hypothesis(su, q, 'Theorem 2 proof, Appendix C.4'), ...(extra ? extra(su, q) : [])];
  return {
    hypotheses,
    derived: { c, L: q.L, mu: q.mu, condX0: q.cond, stepSize: q.eta, momentum: q.beta, p: q.p, theta: q.theta, normA: su.normA },
    bounds: bounds(su, q),
    run: methodRun(su, c, { method: 'nag', stepSize: q.eta, momentum: q.beta }, options),
  };
}

/**
 * The trial's method rerun with momentum β instead (same X₀, Y₀, c and η = 1/L): the set-up is rebuilt
 * from the parameters, since the trial keeps only its run.
 */
function withMomentum(beta: number): (trial: Trial, params: XuParams, options: TrialOptions) => Trial {
  return (trial, params, options) => ({
    ...trial,
    derived: { ...trial.derived, momentum: beta },
    run: methodRun(xuSetup(params), trial.derived.c, { method: 'nag', stepSize: trial.derived.stepSize, momentum: beta }, options),
  });
}

/** The trial with the rank hypothesis rank(X₀) = r replaced by rank(X₀) = d (the width requirement d ≥ r removed). */
function rankIsWidth(trial: Trial, params: XuParams): Trial {
  const name = `rank(X₀) = ${params.r}`;
  if (!trial.hypotheses.some((h) => h.name === name)) throw new Error(`no hypothesis ${name}`);
  return {
    ...trial,
    hypotheses: trial.hypotheses.map((h) => (h.name === name ? { name: `rank(X₀) = ${params.d}`, holds: h.value === params.d, value: h.value, threshold: params.d } : h)),
  };
}

export const thm2Core = defineClaim<XuParams>({
  id: 'xu2024-mf.thm2-core',
  statement: 'NAG with η = 1/L, β = (√L−√μ)/(√L+√μ) from X₀ = cAΦ, Y₀ = 0 with μp ≥ 4√2‖A‖_F(1+p), p = √μ/(144√L): ‖R_t‖_F ≤ μp/(4(1+p)) (1−√μ/(2√L))^t and ‖X_t−X₀‖_F, ‖Y_t−Y₀‖_F ≤ p√L for all t',
  source: source('Theorem 2 (deterministic core)', 'D', 'Theorem 2 proof, Appendix C.4 (derived in this file’s header)'),
  kind: 'bound-for-all-t',
  expected: 'holds',
  params: xuParams(),
  examples: [paperSetup(5), paperSetup(20), paperSetup(80)],
  instantiate: (params, options) => thm2Trial(params, options, thm2CoreBounds),
});

export const thm2NoHypothesis = withoutHypothesis(thm2Core, 'μp ≥ 4√2‖A‖_F(1 + p)', {
  id: 'xu2024-mf.thm2-no-hypothesis',
  statement: 'FALSE variant: Theorem 2’s core bound for any c > 0 (hypothesis on c dropped)',
  source: source('Theorem 2', 'D', 'Theorem 2 with its hypothesis on c dropped (false variant (1) of this file’s header)'),
  falseBecause: 'the prefactor scales like c² while ‖R₀‖_F = ‖A‖_F: fails at t = 0 for small c',
  params: xuParams({ cSteps: [-80, -1] }),
});

export const thm2RateUnbeatable = variant(
  thm2Core,
  {
    id: 'xu2024-mf.thm2-rate-unbeatable',
    statement: 'FALSE variant: NAG cannot beat Theorem 2’s per-step factor, ‖R_t‖_F ≥ ‖R₀‖_F(1−√μ/(2√L))^t',
    source: source('Theorem 2', 'N', 'Lemma 4: the NAG block map contracts by 1 − √(μ/L); the observed factor is about that'),
    kind: 'lower-bound',
    falseBecause: 'NAG contracts near 1 − √(μ/L) per step, faster than θ = 1 − √μ/(2√L)',
  },
  rateUnbeatable((d) => d.theta, 'θ'),
);

export const thm2MomentumDropped = variant(
  thm2Core,
  {
    id: 'xu2024-mf.thm2-momentum-dropped',
    statement: 'FALSE variant: with β = 0 (plain GD, η = 1/L) Theorem 2’s accelerated bound still holds',
    source: source('Theorem 2', 'D', 'Theorem 2 with β = 0, false variant (3) of this file’s header (Lemma 2: GD contracts only by 1 − μ/L)'),
    falseBecause: '1 − μ/L > θ once cond(X₀) > 2, so the residual overtakes the bound; c near the threshold leaves the least slack',
    params: xuParams({ cSteps: [0, 8] }),
  },
  withMomentum(0),
);

export const thm2WidthBelowRank = variant(
  thm2Core,
  {
    id: 'xu2024-mf.thm2-width-below-rank',
    statement: 'FALSE variant: Theorem 2’s bound with width d < r (μ = σ_d²(X₀), the smallest nonzero singular value)',
    source: source('Theorem 2', 'D', 'Theorem 2 without d ≥ r, false variant (4) of this file’s header (Eckart–Young)'),
    falseBecause: 'rank(X_tY_tᵀ) ≤ d, so ‖R_t‖_F ≥ (Σ_{i>d} σ_i²(A))^{1/2} > 0 while the bound tends to 0',
    params: xuParams({ d: (r) => [1, r - 1] }),
  },
  rankIsWidth,
);

/** The printed bound ‖R_t‖_F ≤ c²σ₁²(A)/(64 cond(X₀)) · θ^t. */
function thm2PrintedBounds(su: XuSetup, q: Thm2Quantities): Bound[] {
  const sigma1 = su.sigma[0];
  return [
    {
      metric: 'residualNorm',
      relation: 'le',
      value: geometric((q.c * q.c * sigma1 * sigma1) / (64 * q.cond), q.theta),
      floor: residualFloor(su.normA, q.cond, q.theta, q.beta),
      rate: q.theta,
      cite: 'Theorem 2: ‖R_t‖_F ≤ c²σ₁²(A)/(64 cond(X₀)) (1 − √μ/(2√L))^t',
    },
  ];
}

export const thm2Printed = defineClaim<XuParams>({
  id: 'xu2024-mf.thm2-printed',
  statement: 'Theorem 2 as printed: ‖R_t‖_F ≤ c²σ₁²(A)/(64 cond(X₀)) (1−√μ/(2√L))^t for all t, given the core hypothesis and Proposition 1’s σ₁(X₀) ≤ 3cσ₁(A)',
  source: source('Theorem 2', 'V', 'printed bound [V]; from the core through μ ≤ L ≤ 9c²σ₁²(A) (this file’s header); Proposition 1’s upper bound checked on the draw'),
  kind: 'bound-for-all-t',
  expected: 'holds',
  params: xuParams(),
  examples: [paperSetup(5), paperSetup(20), paperSetup(80)],
  instantiate: (params, options) =>
    thm2Trial(params, options, thm2PrintedBounds, (su, q) => [atMost('σ₁(X₀) ≤ 3cσ₁(A) (Proposition 1)', Math.sqrt(q.L), 3 * q.c * su.sigma[0])]),
});

/** Instances (from the default generator) where NAG's mode growth (1 + t√(μ/L)) shows above the floor. */
export const growthExamples: XuParams[] = [
  { m: 6, n: 5, r: 2, d: 4, kappa: 4.887261671518605, profile: 'bottom', scale: 0.31622776601683794, cMultiplier: 1, seed: 1369643587 },
  { m: 43, n: 40, r: 2, d: 5, kappa: 10.058886488550367, profile: 'geometric', scale: 0.17782794100389226, cMultiplier: 1.0905077326652577, seed: 1100071479 },
];

/**
 * Theorem 2's claim (core or printed) with θ^t replaced by (1 − √(μ/L))^{et} (near-miss variant (5); e = 1.05
 * for the printed bound, whose prefactor has Proposition 1's slack L ≤ 9c²σ₁²(A) on top of the core's).
 */
export function thm2NearMiss(base: Claim<XuParams>, id: string, examples: XuParams[], exponent = 1): Claim<XuParams> {
  const power = exponent === 1 ? 't' : `${exponent}t`;
  return withRate(base, 'theta', (_theta, d) => (1 - Math.sqrt(d.mu / d.L)) ** exponent, {
    id,
    statement: `FALSE near-miss: ${base.id}’s residual bound with (1 − √(μ/L))^{${power}} in place of (1 − √μ/(2√L))^t (the growth factor (1 + t√(μ/L)) of NAG’s double root dropped)`,
    source: source('Theorem 2', 'D', 'near-miss variant (5) of mf-theorem2.ts’s header: Lemma 4’s double eigenvalue 1 − √(μ/L)'),
    falseBecause: `on a mode with the double root q = 1 − √(μ/L) the error is (1 + t√(μ/L))q^t, so q^{${power}} is too fast${exponent === 1 ? '' : ` (and its exponent ${Math.round((exponent - 1) * 100)}% above q’s)`}: the residual exceeds the bound by 0.06% to 4% at t = 10 to 250`,
    metric: 'residualNorm',
    examples,
  });
}

export const thm2CoreNearMiss = thm2NearMiss(thm2Core, 'xu2024-mf.thm2-core-growth-dropped', growthExamples);

export const thm2PrintedNearMiss = thm2NearMiss(
  thm2Printed,
  'xu2024-mf.thm2-printed-growth-dropped-5pct',
  [{ m: 21, n: 47, r: 3, d: 6, kappa: 1.601731929820024, profile: 'geometric', scale: 3.1622776601683795, cMultiplier: 1, seed: 478027422 }],
  1.05,
);
