/**
 * Xu, Wang, Zhao, Ward, Tao (NeurIPS 2024), Section 3, Proposition 1: the spectrum of X₀ = cAΦ.
 *
 * Statement. For any τ, c > 0, A of rank r and Φ as in (2) ([Φ]_ij ~ N(0, 1/d)), with probability at
 * least 1 − δ, δ = 3exp(−min{(d − r + 1) log(1/(c₁τ)), c₂d, d/2}),
 *   τ(√d − √(r−1))/√d · cσ_r(A) ≤ σ_r(X₀) ≤ σ₁(X₀) ≤ (2√d + √r)/√d · cσ₁(A).
 *
 * Hypotheses and parameters. d ≥ r; c₁, c₂ are unspecified universal constants (Rudelson–Vershynin), so
 * only the part free of them is checkable: the upper bound, whose failure probability comes from
 * Vershynin's tail alone (Appendix A).
 *
 * Bound (derived from the proof, Appendix A). X₀ = cUΣ(VᵀΦ), and VᵀΦ ∈ ℝ^{r×d} has i.i.d. N(0, 1/d)
 * entries (V orthonormal). Vershynin's tail for an N × n matrix with i.i.d. N(0, 1) entries,
 * P(σ₁ ≥ √N + √n + t) ≤ e^{−t²/2}, applied to √d·(VᵀΦ)ᵀ (N = d, n = r) with t² = d (the proof's "s = d"):
 *   σ₁(VᵀΦ) ≤ (√d + √r + √d)/√d = (2√d + √r)/√d   with probability at least 1 − e^{−d/2},
 * and σ₁(X₀) ≤ cσ₁(A)σ₁(VᵀΦ). The claim checks the failure frequency over many seeds against e^{−d/2}
 * (exact one-sided binomial test).
 *
 * False variants. (1) the factor (2√d + √r)/√d dropped, σ₁(X₀) ≤ cσ₁(A): σ₁(AΦ) ≥ σ₁(A)·‖the row of VᵀΦ
 * paired with σ₁(A)‖, a χ_d/√d variable that exceeds 1 about half the time; (2) σ₁(VᵀΦ) ≤ 1: the top
 * singular value of an r × d Gaussian matrix with N(0, 1/d) entries concentrates near 1 + √(r/d) > 1.
 */
import fc from 'fast-check';
import { atLeast, defineClaim, gaussianMatrix, seedArb, svd, variant } from 'ratecheck';
import { source, xuParams, xuSetup, type XuParams } from './mf-setup.ts';

export interface GaussianSketchParams {
  r: number;
  d: number;
  seed: number;
}

const sketchParams: fc.Arbitrary<GaussianSketchParams> = fc
  .integer({ min: 1, max: 6 })
  .chain((r) => fc.record({ r: fc.constant(r), d: fc.integer({ min: r, max: 4 * r }), seed: seedArb() }));

export const prop1Sigma1Upper = defineClaim<GaussianSketchParams>({
  id: 'xu2024-mf.prop1-sigma1-upper',
  statement: 'σ₁(VᵀΦ) ≤ (2√d + √r)/√d for VᵀΦ ∈ ℝ^{r×d} with i.i.d. N(0, 1/d) entries, with probability at least 1 − e^{−d/2}',
  source: source('Proposition 1 (upper bound, Vershynin’s tail with s = d)', 'V', 'Proposition 1 and its proof (Appendix A): the part free of c₁, c₂'),
  kind: 'with-probability',
  expected: 'holds',
  params: sketchParams,
  aggregate: { kind: 'probability', failureProbability: (p) => Math.exp(-p.d / 2) },
  instantiate: (p) => {
    // VᵀΦ for orthonormal V and Gaussian Φ has i.i.d. N(0, 1/d) entries: draw it directly
    const G = gaussianMatrix(p.seed, 'VtPhi', p.r, p.d, 1 / p.d);
    const sigma1 = svd(G).s[0];
    return {
      hypotheses: [atLeast('d ≥ r', p.d, p.r)],
      derived: { sigma1 },
      bounds: [{ metric: 'sigma1', relation: 'le', value: () => (2 * Math.sqrt(p.d) + Math.sqrt(p.r)) / Math.sqrt(p.d), floor: 0, cite: 'Proposition 1: σ₁ ≤ (2√d + √r)/√d' }],
      run: (observe) => {
        observe(0, { sigma1 });
      },
    };
  },
});

/**
 * False variant (1) of the header. It is stated on X₀ = cAΦ itself (per unit c), so its instance
 * parameters are the matrix-factorization ones, not the sketch's: it cannot be a transform of
 * prop1Sigma1Upper's trial and is declared in full, as a variant of it.
 */
export const prop1FactorDropped = defineClaim<XuParams>({
  id: 'xu2024-mf.prop1-factor-dropped',
  statement: 'FALSE variant: σ₁(X₀) ≤ cσ₁(A) (Proposition 1’s factor (2√d + √r)/√d dropped), with probability at least 1 − e^{−d/2}',
  source: source('Proposition 1', 'D', 'Proposition 1 without its factor (2√d + √r)/√d, false variant (1) of this file’s header'),
  kind: 'with-probability',
  expected: 'refuted',
  variantOf: 'xu2024-mf.prop1-sigma1-upper',
  falseBecause: 'σ₁(AΦ) ≥ σ₁(A)·‖row of VᵀΦ paired with σ₁(A)‖, a χ_d/√d variable that exceeds 1 about half the time',
  params: xuParams({ r: [1, 5], d: (r) => [r, 4 * r], mnMax: 40 }),
  aggregate: { kind: 'probability', failureProbability: (p) => Math.exp(-p.d / 2) },
  instantiate: (params) => {
    const su = xuSetup(params);
    return {
      hypotheses: [atLeast('d ≥ r', params.d, params.r)],
      derived: { sigma1X0PerC: su.s[0], sigma1A: su.sigma[0] },
      bounds: [{ metric: 'sigma1X0PerC', relation: 'le', value: () => su.sigma[0], floor: 0, cite: 'σ₁(X₀)/c ≤ σ₁(A)' }],
      run: (observe) => {
        observe(0, { sigma1X0PerC: su.s[0] });
      },
    };
  },
});

export const prop1AtMostOne = variant(
  prop1Sigma1Upper,
  {
    id: 'xu2024-mf.prop1-sigma1-at-most-one',
    statement: 'FALSE variant: σ₁(VᵀΦ) ≤ 1 (Proposition 1’s factor (2√d + √r)/√d replaced by 1), with probability at least 1 − e^{−d/2}',
    source: source('Proposition 1', 'D', 'the top singular value of an r×d Gaussian matrix with N(0, 1/d) entries concentrates near 1 + √(r/d)'),
    falseBecause: 'σ₁(VᵀΦ) ≈ 1 + √(r/d) > 1 on most draws',
  },
  // the bound (2√d + √r)/√d replaced by 1
  (trial) => ({ ...trial, bounds: [{ metric: 'sigma1', relation: 'le', value: () => 1, floor: 0, cite: 'σ₁ ≤ 1' }] }),
);
