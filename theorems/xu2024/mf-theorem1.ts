/**
 * Xu, Wang, Zhao, Ward, Tao (NeurIPS 2024), Section 3, Theorem 1: GD on matrix factorization.
 *
 * Statement. GD, update (3), X_{t+1} = X_t − η R_t Y_t, Y_{t+1} = Y_t − η R_tᵀX_t (R_t = X_tY_tᵀ − A), on
 * problem (1) from initialization (2), X₀ = cAΦ, Y₀ = 0, converges linearly.
 *
 * Hypotheses. rank(A) = r ≤ d; 0 < τ < c₁ and δ = 3exp(−(d−r+1)·min{log(1/(c₁τ)), c₂, 1/2}) (Proposition 1,
 * c₁, c₂ unspecified universal constants); c ≥ c_min with, in the form consistent with the proof,
 *   c_min = 12√d / (τ(√d − √(r−1)) σ_r(A)) · √(cond⁴(X₀)‖A‖_F / (cond²(X₀) − 1)).
 * The printed c_min has 12 and σ_r(A) swapped: √d σ_r(A) / (12τ(√d − √(r−1))) · √(…).
 *
 * Parameters. L = σ₁²(X₀), μ = σ_r²(X₀), step size η = 2/(L + μ).
 *
 * Bound. With probability at least 1 − δ, for all t ≥ 0,
 *   ‖R_t‖_F ≤ (3c²σ₁²(A)/64)(1 − μ/L)^t,
 * and with c = c_min, ‖R_T‖_F ≤ ε‖A‖_F after T = O(d²κ²/(τ²(d−r+1)²) log(C/ε)) (mf-iterations.ts).
 *
 * Deterministic core (derived from the proof, Appendix B.6). The proof uses the choice of c only through
 *   μ ≥ 144 cond⁴(X₀)‖A‖_F/(cond²(X₀) − 1) = 144L²‖A‖_F/(μ(L − μ)),  i.e.  μ²(L − μ) ≥ 144L²‖A‖_F,
 * which requires cond(X₀) > 1; Proposition 1's lower bound on σ_r(X₀) then turns it into c ≥ c_min (this
 * is how the swapped 12 and σ_r(A) show: the printed c_min gives c ≈ 0.1–0.3 where the inequality needs c
 * in the hundreds or more). For any X₀ of rank r with col(X₀) = col(A), Y₀ = 0, η = 2/(L + μ) and the
 * inequality above, set p = μ(L − μ)/(24L²) and C₁ = μ(L + μ)p/(2‖A‖_F L(1 + p)) ≥ 1; the induction of
 * Appendix B.6 gives, for every t,
 *   ‖R_t‖_F ≤ C₁‖A‖_F(1 − μ/L)^t ≤ (L/192)(1 − μ/L)^t,   ‖X_t − X₀‖_F ≤ p√L,   ‖Y_t − Y₀‖_F ≤ p√L.
 * Proposition 1's upper bound σ₁(X₀) ≤ (2√d + √r)/√d · cσ₁(A) ≤ 3cσ₁(A) (r ≤ d) gives L ≤ 9c²σ₁²(A), which
 * turns L/192 into the printed 3c²σ₁²(A)/64. Both depend only on the realized X₀: no probability is left.
 *
 * False variants. (1) the hypothesis on c dropped: R₀ = −A, ‖R₀‖_F = ‖A‖_F, while the prefactors scale
 * like c², so a small c violates the bound at t = 0; (2) c at the printed c_min; (3) "GD cannot beat the
 * factor 1 − μ/L": by Lemma 2 the linear part contracts by (L − μ)/(L + μ) ≈ (1 − μ/L)² at η = 2/(L + μ).
 * (4) Near misses: the bounds with the exponent 2.05t, 2.5% above the exponent of (1 − μ/L)² ≈ (L − μ)/(L + μ).
 * With x = μ/L, (1 − x)/(1 + x) − (1 − x)² = x²(1 − x)/(1 + x) > 0, so GD's linear factor exceeds
 * (1 − μ/L)^{2.05} for every x, by most where x is large: on instances with cond(X₀) ≲ 2.5 the residual
 * overtakes the bound within 10 to 50 steps, before the floor. A raise of the theorem's own exponent by
 * 5% is not false: the prefactor has slack 1/C₁ ≤ 1/3 at t = 0 and a factor (1 − μ/L)^{0.05t} gains at most
 * e^{0.05·ln 10⁹} ≈ 2.8 before the floor 1e-9‖A‖_F, while the residual contracts near the exponent 2.
 */
import { atMost, type Bound, type Claim, defineClaim, type FactorizationMethod, geometric, type Hypothesis, type Trial, type TrialOptions, variant, withConstruction, withoutHypothesis, withRate } from 'ratecheck';
import { C_MARGIN, RESIDUAL_FLOOR, densePathHypotheses, residualFloor, methodRun, paperSetup, rateUnbeatable, source, structuralHypotheses, thm1CoreBounds, thm1Hypotheses, thm1PrintedThreshold, thm1Quantities, thm1Threshold, xuParams, xuSetup, type XuParams, type XuSetup } from './mf-setup.ts';

type Thm1Quantities = ReturnType<typeof thm1Quantities>;

interface Thm1Options {
  method?: FactorizationMethod;
  /** choose c: by default cMultiplier × the smallest c meeting the hypothesis */
  c?: (su: XuSetup) => number;
}

/** Theorem 1's trial: c from the hypothesis (or `o.c`), GD (or `o.method`) with η = 2/(L + μ) from (2). */
export function thm1Trial(params: XuParams, options: TrialOptions, o: Thm1Options, bounds: (su: XuSetup, q: Thm1Quantities) => Bound[], extra?: (su: XuSetup, q: Thm1Quantities) => Hypothesis[]): Trial {
  const su = xuSetup(params);
  const c = o.c ? o.c(su) : thm1Threshold(su) * params.cMultiplier * C_MARGIN;
  const finiteC = Number.isFinite(c) ? c : 50 * Math.sqrt(params.d); // cond(X₀) = 1: the hypothesis fails anyway
  const q = thm1Quantities(su, finiteC);
  const hypotheses = [...structuralHypotheses(su), ...densePathHypotheses(su, options), ...thm1Hypotheses(su, q), ...(extra ? extra(su, q) : [])];
  return {
    hypotheses,
    derived: { c: finiteC, L: q.L, mu: q.mu, condX0: q.cond, stepSize: q.eta, p: q.p, rate: q.rate, normA: su.normA },
    bounds: bounds(su, q),
    run: methodRun(su, finiteC, { method: o.method ?? 'gd', stepSize: q.eta }, options),
  };
}

/** Theorem 1's hypotheses on c (cond(X₀) > 1 and μ²(L − μ) ≥ 144L²‖A‖_F), which the variants drop. */
export const THM1_HYPOTHESIS = /^(cond\(X₀\) > 1|μ²\(L − μ\) ≥ 144 L²‖A‖_F)$/;

/** The printed bound ‖R_t‖_F ≤ (3c²σ₁²(A)/64)(1 − μ/L)^t. */
function thm1PrintedBounds(su: XuSetup, q: Thm1Quantities): Bound[] {
  const sigma1 = su.sigma[0];
  return [
    {
      metric: 'residualNorm',
      relation: 'le',
      value: geometric((3 * q.c * q.c * sigma1 * sigma1) / 64, q.rate),
      floor: residualFloor(su.normA, q.cond, q.rate),
      rate: q.rate,
      cite: 'Theorem 1: ‖R_t‖_F ≤ (3c²σ₁²(A)/64)(1 − μ/L)^t',
    },
  ];
}

/** Proposition 1's upper bound with r ≤ d: σ₁(X₀) ≤ 3cσ₁(A), needed to turn L/192 into 3c²σ₁²(A)/64. */
function prop1Upper(su: XuSetup, q: Thm1Quantities): Hypothesis[] {
  return [atMost('σ₁(X₀) ≤ 3cσ₁(A) (Proposition 1)', Math.sqrt(q.L), 3 * q.c * su.sigma[0])];
}

export const thm1Core = defineClaim<XuParams>({
  id: 'xu2024-mf.thm1-core',
  statement: 'GD with η = 2/(L+μ) from X₀ = cAΦ, Y₀ = 0 with μ²(L−μ) ≥ 144L²‖A‖_F: ‖R_t‖_F ≤ C₁‖A‖_F(1−μ/L)^t ≤ (L/192)(1−μ/L)^t and ‖X_t−X₀‖_F, ‖Y_t−Y₀‖_F ≤ p√L for all t',
  source: source('Theorem 1 (deterministic core)', 'D', 'Theorem 1 proof, Appendix B.6 (derived in this file’s header); c_min in the proof-consistent form [V~]'),
  kind: 'bound-for-all-t',
  expected: 'holds',
  params: xuParams(),
  examples: [paperSetup(5), paperSetup(20), paperSetup(80)],
  instantiate: (params, options) => thm1Trial(params, options, {}, thm1CoreBounds),
});

export const thm1Printed = defineClaim<XuParams>({
  id: 'xu2024-mf.thm1-printed',
  statement: 'Theorem 1 as printed: ‖R_t‖_F ≤ (3c²σ₁²(A)/64)(1−μ/L)^t for all t, given the core hypothesis and Proposition 1’s σ₁(X₀) ≤ 3cσ₁(A)',
  source: source('Theorem 1', 'V~', 'printed bound [V]; c_min proof-consistent [V~]; Proposition 1 upper bound checked on the draw'),
  kind: 'bound-for-all-t',
  expected: 'holds',
  params: xuParams(),
  instantiate: (params, options) => thm1Trial(params, options, {}, thm1PrintedBounds, prop1Upper),
});

export const thm1NoHypothesis = withoutHypothesis(thm1Core, THM1_HYPOTHESIS, {
  id: 'xu2024-mf.thm1-no-hypothesis',
  statement: 'FALSE variant: Theorem 1’s core bound for any c > 0 (hypothesis on c dropped)',
  source: source('Theorem 1', 'D', 'Theorem 1 with its hypothesis on c dropped (false variant (1) of this file’s header)'),
  falseBecause: 'R₀ = −A, so ‖R₀‖_F = ‖A‖_F, while the prefactors scale like c²: a small c violates the bound at t = 0',
  params: xuParams({ cSteps: [-80, -1] }),
});

export const thm1RateUnbeatable = variant(
  thm1Core,
  {
    id: 'xu2024-mf.thm1-rate-unbeatable',
    statement: 'FALSE variant: GD cannot beat Theorem 1’s per-step factor, ‖R_t‖_F ≥ ‖R₀‖_F(1−μ/L)^t',
    source: source('Theorem 1', 'N', 'Lemma 2: at η = 2/(L+μ) the linear part contracts by (L−μ)/(L+μ); the observed factor is about that'),
    kind: 'lower-bound',
    falseBecause: 'the residual contracts near (L−μ)/(L+μ) ≈ (1−μ/L)² per step, faster than the theorem’s 1−μ/L',
  },
  rateUnbeatable((d) => 1 - d.mu / d.L, '(1 − μ/L)'),
);

/** Theorem 1's printed claim with c = c_min as printed × cMultiplier instead of the proof-consistent threshold. */
const thm1PrintedAtPrintedCmin: Claim<XuParams> = withConstruction(thm1Printed, (params, options) =>
  thm1Trial(params, options, { c: (su) => thm1PrintedThreshold(su) * params.cMultiplier }, thm1PrintedBounds, prop1Upper),
);

export const thm1PrintedCmin = withoutHypothesis(thm1PrintedAtPrintedCmin, THM1_HYPOTHESIS, {
  id: 'xu2024-mf.thm1-printed-cmin',
  statement: 'FALSE variant: Theorem 1’s printed bound with c equal to c_min as printed (12 and σ_r(A) swapped)',
  source: source('Theorem 1', 'V~', 'Theorem 1’s c_min as printed against the proof’s condition (Appendix B.6), false variant (2) of this file’s header'),
  falseBecause: 'the printed c_min is orders of magnitude too small (c ≈ 0.1–0.3), so 3c²σ₁²(A)/64 < ‖A‖_F = ‖R₀‖_F',
  params: xuParams(),
});

export const thm1PrintedNoHypothesis = withoutHypothesis(thm1Printed, THM1_HYPOTHESIS, {
  id: 'xu2024-mf.thm1-printed-no-hypothesis',
  statement: 'FALSE variant: Theorem 1’s printed bound for any c > 0 (hypothesis on c dropped)',
  source: source('Theorem 1', 'D', 'Theorem 1 with its hypothesis on c dropped (false variant (1) of this file’s header)'),
  falseBecause: '3c²σ₁²(A)/64 falls below ‖R₀‖_F = ‖A‖_F for small c',
  params: xuParams({ cSteps: [-80, -1] }),
});

/** The near-miss exponent of variant (4): 2.05, i.e. (1 − μ/L)² ≈ (L − μ)/(L + μ) raised 2.5%. */
export const THM1_NEAR_MISS_EXPONENT = 2.05;

/**
 * Instances with cond(X₀) ≲ 2.5 (found by sampling the default generator), where (1 − μ/L)^{2.05} falls
 * furthest below GD's linear factor (L − μ)/(L + μ): the first violations come at t = 9 to 24, far above the floor.
 */
export const lowConditionExamples: XuParams[] = [
  { m: 60, n: 39, r: 2, d: 7, kappa: 1.9502287540715042, profile: 'top', scale: 3.1622776601683795, cMultiplier: 6.727171322029717, seed: 543592566 },
  { m: 18, n: 3, r: 2, d: 8, kappa: 1.7103634500033191, profile: 'top', scale: 0.5623413251903491, cMultiplier: 1.4142135623730951, seed: 9 },
  { m: 6, n: 13, r: 3, d: 10, kappa: 1.9502287540715042, profile: 'bottom', scale: 1, cMultiplier: 1, seed: 399303761 },
];

/** Theorem 1's claim (core or printed) with the exponent t replaced by 2.05t on its residual bounds (variant (4)). */
export function thm1NearMiss(base: Claim<XuParams>, id: string, examples: XuParams[]): Claim<XuParams> {
  return withRate(base, 'rate', (q) => q ** THM1_NEAR_MISS_EXPONENT, {
    id,
    statement: `FALSE near-miss: ${base.id}’s residual bound with (1 − μ/L)^{${THM1_NEAR_MISS_EXPONENT}t} in place of (1 − μ/L)^t`,
    source: source('Theorem 1', 'D', 'near-miss variant (4) of mf-theorem1.ts’s header: Lemma 2’s factor (L − μ)/(L + μ) > (1 − μ/L)² > (1 − μ/L)^2.05'),
    falseBecause: 'the exponent 2.05 is 2.5% above that of (1 − μ/L)², which GD’s linear factor (L − μ)/(L + μ) (Lemma 2) exceeds by x²(1 − x)/(1 + x), x = μ/L: at cond(X₀) ≲ 2.5 the residual overtakes the bound within about 10 to 50 steps',
    metric: 'residualNorm',
    examples,
  });
}

export const thm1CoreNearMiss = thm1NearMiss(thm1Core, 'xu2024-mf.thm1-core-exponent-2.05', lowConditionExamples);

export const thm1PrintedNearMiss = thm1NearMiss(thm1Printed, 'xu2024-mf.thm1-printed-exponent-2.05', [
  { m: 26, n: 51, r: 2, d: 7, kappa: 1.8263624996449672, profile: 'top', scale: 5.623413251903491, cMultiplier: 5.187358218604039, seed: 1205555613 },
  { m: 57, n: 33, r: 2, d: 5, kappa: 2.0824957772329675, profile: 'bottom', scale: 0.31622776601683794, cMultiplier: 1, seed: 98138270 },
]);
