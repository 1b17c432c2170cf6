/**
 * Xu, Wang, Zhao, Ward, Tao (NeurIPS 2024), Section 5, Figure 1: alternating GD under Theorem 1's set-up.
 *
 * Statement. Figure 1 runs GD and alternating GD (AltGD, Ward–Kolda's method: X updated first, then Y
 * from the new X) from the same initialization (2), X₀ = cAΦ, Y₀ = 0, with η = 2/(L + μ),
 * L = σ₁²(X₀), μ = σ_r²(X₀), and the curves overlap. No theorem of the paper covers AltGD with this
 * initialization and step; the claim is empirical: AltGD meets Theorem 1's deterministic bounds.
 *
 * Hypotheses and parameters. Theorem 1's core hypothesis μ²(L − μ) ≥ 144L²‖A‖_F (Appendix B.6), c at
 * cMultiplier × its threshold, η = 2/(L + μ).
 *
 * Bound. ‖R_t‖_F ≤ C₁‖A‖_F(1 − μ/L)^t ≤ (L/192)(1 − μ/L)^t and ‖X_t − X₀‖_F, ‖Y_t − Y₀‖_F ≤ p√L,
 * p = μ(L − μ)/(24L²), for all t (Theorem 1's core, mf-theorem1.ts).
 *
 * False variants. (1) "AltGD cannot beat 1 − μ/L": it contracts like GD, near (L − μ)/(L + μ) (Lemma 2's
 * factor at η = 2/(L + μ)). (2) AltGD meets NAG's accelerated bound (Theorem 2, Figure 2) under Theorem 2's
 * hypothesis: derivation. Without momentum the contraction is about (L − μ)/(L + μ) ≈ 1 − 2μ/L per step;
 * with x = μ/L, (1 − x)/(1 + x) > 1 − √x/2 iff 4√x < 1 + x iff √x < 2 − √3, i.e. cond(X₀) = 1/√x > 2 + √3
 * ≈ 3.7, and above that the residual overtakes θ^t = (1 − √μ/(2√L))^t.
 */
import { type Claim, defineClaim, variant, withConstruction } from 'ratecheck';
import { C_MARGIN, methodRun, paperSetup, rateUnbeatable, source, structuralHypotheses, thm1CoreBounds, thm2CoreBounds, thm2Hypothesis, thm2Quantities, thm2Threshold, xuParams, xuSetup, type XuParams } from './mf-setup.ts';
import { thm1Trial } from './mf-theorem1.ts';

export const altGdEmpirical = defineClaim<XuParams>({
  id: 'xu2024-mf.altgd-empirical',
  statement: 'Alternating GD with η = 2/(L+μ) under Theorem 1’s set-up meets Theorem 1’s bounds for all t (the paper shows GD and AltGD curves overlap)',
  source: source('Figure 1', 'N', 'empirical in the paper (Section 5, Figure 1); no theorem covers AltGD with this initialization and step'),
  kind: 'empirical',
  expected: 'holds',
  params: xuParams(),
  examples: [paperSetup(20)],
  instantiate: (params, options) => thm1Trial(params, options, { method: 'altgd' }, thm1CoreBounds),
});

export const altGdRateUnbeatable = variant(
  altGdEmpirical,
  {
    id: 'xu2024-mf.altgd-rate-unbeatable',
    statement: 'FALSE variant: AltGD cannot beat Theorem 1’s per-step factor, ‖R_t‖_F ≥ ‖R₀‖_F(1−μ/L)^t',
    source: source('Figure 1', 'N', 'Figure 1: AltGD and GD overlap, and GD contracts near (L−μ)/(L+μ) (Lemma 2)'),
    kind: 'lower-bound',
    falseBecause: 'AltGD contracts like GD, near (L−μ)/(L+μ) per step',
  },
  rateUnbeatable((d) => 1 - d.mu / d.L, '(1 − μ/L)'),
);

/** AltGD with η = 2/(L + μ) from Theorem 2's set-up (c from Theorem 2's threshold), Theorem 2's bounds. */
const altGdUnderThm2: Claim<XuParams> = withConstruction(altGdEmpirical, (params, options) => {
  const su = xuSetup(params);
  const c = thm2Threshold(su) * params.cMultiplier * C_MARGIN;
  const q = thm2Quantities(su, c);
  return {
    hypotheses: [...structuralHypotheses(su), thm2Hypothesis(su, q)],
    derived: { c, L: q.L, mu: q.mu, condX0: q.cond, stepSize: 2 / (q.L + q.mu), theta: q.theta },
    bounds: thm2CoreBounds(su, q),
    run: methodRun(su, c, { method: 'altgd', stepSize: 2 / (q.L + q.mu) }, options),
  };
});

export const altGdAccelerated = variant(altGdUnderThm2, {
  id: 'xu2024-mf.altgd-accelerated',
  statement: 'FALSE variant: AltGD with η = 2/(L+μ) meets NAG’s accelerated bound μp/(4(1+p))(1−√μ/(2√L))^t under Theorem 2’s hypothesis',
  source: source('Theorem 2, Figure 2', 'D', 'AltGD is not accelerated: it contracts near (L−μ)/(L+μ) > θ once cond(X₀) ≳ 3.7 (derived in this file’s header)'),
  kind: 'bound-for-all-t',
  falseBecause: 'without momentum the contraction is about 1 − 2μ/L, slower than θ = 1 − √μ/(2√L) for cond(X₀) above about 3.7',
  params: xuParams({ cSteps: [0, 8] }),
});
