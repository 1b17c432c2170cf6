/**
 * Xu, Wang, Zhao, Ward, Tao (NeurIPS 2024), Section 3, Theorems 1 and 2 when cond(X₀) = 1.
 *
 * Statement. Theorem 1 (GD, η = 2/(L + μ), L = σ₁²(X₀), μ = σ_r²(X₀)) says nothing when cond(X₀) = 1.
 *
 * Hypotheses and parameters. Initialization (2), X₀ = cAΦ, Y₀ = 0, at r = 1 (X₀ has rank one), or X₀
 * replaced by c·Orth(AΦ), the shape of initialization (13) (all nonzero singular values equal); c = 50√d
 * times a multiplier up to 2¹⁰, as in the paper's Section 5 experiments (c = 50√d) and far above.
 *
 * Bound and derivation. Theorem 1's deterministic core (Appendix B.6, see mf-theorem1.ts) needs
 * μ²(L − μ) ≥ 144L²‖A‖_F. When cond(X₀) = 1, L = μ and the left side is 0 whatever c is: p = μ(L − μ)/(24L²)
 * = 0 and the proof-consistent c_min = 12√d/(τ(√d − √(r−1))σ_r(A)) · √(cond⁴‖A‖_F/(cond² − 1)) is infinite.
 * So the claim's verdict is 'vacuous' (the hypothesis never holds).
 *
 * Theorem 2's core (Appendix C.4, see mf-theorem2.ts) has no such restriction: at cond(X₀) = 1,
 * p = √μ/(144√L) = 1/144 and μ = c²σ_r²(AΦ) grows with c, so μp ≥ 4√2‖A‖_F(1 + p) holds for c large.
 *
 * False variants. (1) "a large enough c meets Theorem 1's hypothesis" (refuted: the margin
 * μ²(L − μ)/(144L²‖A‖_F) is 0 up to roundoff); (2) "Theorem 2's hypothesis cannot be met either"
 * (refuted: its margin μp/(4√2‖A‖_F(1 + p)) exceeds 1 for a large c).
 */
import fc from 'fast-check';
import { defineClaim, variant, type Hypothesis, type Trial } from 'ratecheck';
import { methodRun, orthonormalized, source, structuralHypotheses, thm1CoreBounds, thm1Hypotheses, thm1Quantities, thm2Hypothesis, thm2Quantities, xuParams, xuSetup, type XuParams, type XuSetup } from './mf-setup.ts';

export interface VacuousParams extends XuParams {
  init: 'rank-one' | 'orthonormal';
}

const vacuousParams: fc.Arbitrary<VacuousParams> = fc
  .constantFrom<'rank-one' | 'orthonormal'>('rank-one', 'orthonormal')
  .chain((init) =>
    xuParams({ r: init === 'rank-one' ? [1, 1] : [2, 5], cSteps: [0, 80] }).map((p) => ({ ...p, init })),
  );

/** X₀ = c·AΦ (rank one) or c·Orth(AΦ) (all nonzero singular values equal), c = 50√d·cMultiplier. */
function condOneSetup(params: VacuousParams): { su: XuSetup; c: number } {
  const base = xuSetup(params);
  const su = params.init === 'orthonormal' ? orthonormalized(base) : base;
  return { su, c: 50 * Math.sqrt(params.d) * params.cMultiplier };
}

/**
 * A theorem's hypothesis turned into the claim: the trial observes its margin value/threshold once and
 * has no hypotheses of its own (derived values kept: c, L, μ, cond(X₀)).
 */
function marginTrial(trial: Trial, h: Hypothesis, metric: string, relation: 'le' | 'ge', cite: string): Trial {
  if (h.value === undefined || h.threshold === undefined) throw new Error(`hypothesis ${h.name} has no value`);
  const margin = h.value / h.threshold;
  const { c, L, mu, condX0 } = trial.derived;
  return {
    hypotheses: [],
    derived: { c, L, mu, condX0 },
    bounds: [{ metric, relation, value: () => 1, floor: 0, cite }],
    run: (observe) => {
      observe(0, { [metric]: margin });
    },
  };
}

export const thm1Vacuous = defineClaim<VacuousParams>({
  id: 'xu2024-mf.thm1-vacuous-cond1',
  statement: 'Theorem 1 at r = 1 or with an orthonormalized X₀ (cond(X₀) = 1): no c meets the hypothesis, so the theorem says nothing',
  source: source('Theorem 1', 'D', 'Theorem 1 proof, Appendix B.6, degenerate case (derived in this file’s header)'),
  kind: 'bound-for-all-t',
  expected: 'vacuous',
  params: vacuousParams,
  instantiate: (params, options) => {
    const { su, c } = condOneSetup(params);
    const q = thm1Quantities(su, c);
    return {
      hypotheses: [...structuralHypotheses(su), ...thm1Hypotheses(su, q)],
      derived: { c, L: q.L, mu: q.mu, condX0: q.cond },
      bounds: thm1CoreBounds(su, q),
      run: methodRun(su, c, { method: 'gd', stepSize: q.eta }, options),
    };
  },
});

export const thm1R1AdmitsC = variant(
  thm1Vacuous,
  {
    id: 'xu2024-mf.thm1-cond1-admits-c',
    statement: 'FALSE variant: with r = 1 or an orthonormalized X₀, a large enough c meets μ²(L−μ) ≥ 144L²‖A‖_F',
    source: source('Theorem 1', 'D', 'Theorem 1’s hypothesis at cond(X₀) = 1, false variant (1) of this file’s header'),
    kind: 'hypothesis',
    falseBecause: 'L = μ when cond(X₀) = 1, so the left side is 0 (up to roundoff) whatever c is',
  },
  (trial) => {
    const h = trial.hypotheses.find((x) => x.name === 'μ²(L − μ) ≥ 144 L²‖A‖_F');
    if (!h) throw new Error('xu2024-mf.thm1-cond1-admits-c: Theorem 1’s hypothesis not found');
    return marginTrial(trial, h, 'hypothesisMargin', 'ge', 'μ²(L − μ)/(144 L²‖A‖_F) ≥ 1');
  },
);

export const thm2AlsoVacuous = variant(
  thm1Vacuous,
  {
    id: 'xu2024-mf.thm2-also-vacuous-cond1',
    statement: 'FALSE variant: when cond(X₀) = 1 Theorem 2’s hypothesis μp ≥ 4√2‖A‖_F(1 + p) cannot be met either',
    source: source('Theorem 2', 'D', 'Theorem 2 proof, Appendix C.4: unlike Theorem 1, no cond(X₀) > 1 restriction (false variant (2) of this file’s header)'),
    kind: 'hypothesis',
    falseBecause: 'p = 1/144 when cond(X₀) = 1, and μ grows like c², so a large c meets Theorem 2’s hypothesis',
  },
  // the same instance, with Theorem 2's hypothesis in place of Theorem 1's
  (trial, params) => {
    const { su, c } = condOneSetup(params);
    return marginTrial(trial, thm2Hypothesis(su, thm2Quantities(su, c)), 'thm2Margin', 'le', 'μp/(4√2‖A‖_F(1 + p)) < 1');
  },
);
