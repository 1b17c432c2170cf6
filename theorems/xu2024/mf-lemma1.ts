/**
 * Xu, Wang, Zhao, Ward, Tao (NeurIPS 2024), Section 3, Lemma 1: the iterates stay in col(A) × row(A).
 *
 * Statement (Lemma 1, contraction subspace). With H₀ = I_n ⊗ (X₀X₀ᵀ) (Proposition 2, Y₀ = 0), the span H
 * of the eigenvectors of H₀ with positive eigenvalue is (col(A))ⁿ, and col(X_t) ⊆ col(A) for all t.
 * Proved for GD (update (3)); the NAG analysis (update (4)) uses the same subspace.
 *
 * Hypotheses and parameters. Initialization (2), X₀ = cAΦ ([Φ]_ij ~ N(0, 1/d)), Y₀ = 0, rank(X₀) = r,
 * cond(X₀) > 1; c as in Theorem 1 (GD, AltGD, η = 2/(L + μ)) or Theorem 2 (NAG, η = 1/L,
 * β = (√L − √μ)/(√L + √μ)), L = σ₁²(X₀), μ = σ_r²(X₀).
 *
 * Bound. ‖(I − UUᵀ)X_t‖_F = 0 and ‖(I − VVᵀ)Y_t‖_F = 0 for all t (A = UΣVᵀ); exact invariants, compared
 * with the roundoff allowance γ_k((t + 1)S + r‖X_t‖_F) of the API's productRoundoff, k = m + n + d, S
 * the step's scale ‖X_t‖_F + η(‖R_t‖_F + ‖X_t‖_F‖Y_t‖_F)‖Y_t‖_F (symmetrically for Y), times (1 + 2β)/(1 − β) for NAG,
 * and r‖X_t‖_F the measurement's share (bases U, V of r columns).
 *
 * Derivation (the row(A) half, and AltGD and NAG). X₀ = cAΦ has col(X₀) ⊆ col(A) and Y₀ = 0 ∈ row(A).
 * GD: X_{t+1} = X_t − η(X_tY_tᵀ − A)Y_t is a combination of X_t·(Y_tᵀY_t) and A·Y_t, both in col(A) when
 * col(X_t) ⊆ col(A); Y_{t+1} = Y_t − η(Y_tX_tᵀX_t − AᵀX_t) is a combination of Y_t·(X_tᵀX_t) and AᵀX_t,
 * both in row(A) when col(Y_t) ⊆ row(A). AltGD applies the same two maps one after the other, and NAG's
 * update (4) takes linear combinations of two such steps (at t and t − 1), so the induction goes through.
 *
 * False variants. (1) Y₀ = c₂Φ₂ Gaussian ([Φ₂]_ij ~ N(0, 1/n), Remark 1's general initialization, the
 * Ward–Kolda one): Y₀ has a component outside row(A) at t = 0; (2) X₀ = cΦ₁ Gaussian (X₀ = cAΦ removed):
 * X₀ has a component outside col(A) at t = 0.
 */
import fc from 'fast-check';
import { atLeast, defineClaim, factorStepScale, productRoundoff, type FactorizationMethod, frobNorm, gaussianMatrix, type Hypothesis, methodSpec, runFactorization, scale as scaleInPlace, type Trial, type TrialOptions, variant, withConstruction } from 'ratecheck';
import { C_MARGIN, source, spectrumAt, thm1Threshold, thm2Threshold, unbalancedInit, xuParams, xuSetup, type ParamRanges, type XuParams } from './mf-setup.ts';

export interface InvariantParams extends XuParams {
  method: FactorizationMethod;
}

const invariantParams = (methods: readonly FactorizationMethod[], ranges: ParamRanges = {}) =>
  fc.constantFrom(...methods).chain((method) => xuParams({ mnMax: 40, ...ranges }).map((p) => ({ ...p, method })));

type InitKind = 'paper' | 'gaussian-Y0' | 'X0-outside';

function invariantTrial(params: InvariantParams, options: TrialOptions, init: InitKind): Trial {
  const su = xuSetup(params);
  // Theorem 1's set-up for GD and AltGD, Theorem 2's for NAG
  const nag = params.method === 'nag';
  const c = (nag ? thm2Threshold(su) : thm1Threshold(su)) * params.cMultiplier * C_MARGIN;
  const problem = unbalancedInit(su, Number.isFinite(c) ? c : 50 * Math.sqrt(params.d));
  if (init === 'gaussian-Y0') {
    // Remark 1: Y₀ = c₂Φ₂, [Φ₂]_ij ~ N(0, 1/n), c₂ = 1
    problem.Y0.data.set(gaussianMatrix(params.seed, 'Phi2', params.n, params.d, 1 / params.n).data);
  } else if (init === 'X0-outside') {
    // X₀ = c Φ₁ with a Gaussian m x d Φ₁ of the same Frobenius scale: not in col(A)
    const g = gaussianMatrix(params.seed, 'Phi1', params.m, params.d, 1 / params.d);
    scaleInPlace(g, frobNorm(problem.X0) / frobNorm(g));
    problem.X0.data.set(g.data);
  }
  const { L, mu, cond } = spectrumAt(su, Number.isFinite(c) ? c : 1);
  const spec = methodSpec(params.method, L, mu);
  const k = params.m + params.n + params.d;
  const eta = spec.stepSize, beta = spec.momentum ?? 0;
  const hypotheses: Hypothesis[] = [
    { name: `rank(X₀) = ${params.r}`, holds: su.rank === params.r, value: su.rank },
    atLeast('cond(X₀) > 1', cond, 1 + 64 * Number.EPSILON),
  ];
  return {
    hypotheses,
    derived: { c, L, mu, condX0: cond, stepSize: spec.stepSize, momentum: spec.momentum ?? 0 },
    bounds: [
      { metric: 'offColX', relation: 'le', value: (t, m) => productRoundoff({ innerDimension: k, steps: t + 1, stepScale: factorStepScale(m.normX, m.normY, m.residualNorm, eta, beta), measured: params.r * m.normX }), floor: 0, cite: 'Lemma 1: col(X_t) ⊆ col(A), to the roundoff allowance γ_k((t + 1)S + r‖·‖_F)' },
      { metric: 'offRowY', relation: 'le', value: (t, m) => productRoundoff({ innerDimension: k, steps: t + 1, stepScale: factorStepScale(m.normY, m.normX, m.residualNorm, eta, beta), measured: params.r * m.normY }), floor: 0, cite: 'col(Y_t) ⊆ row(A) when Y₀ = 0 (derived from updates (3)-(4) in mf-lemma1.ts’s header), to the roundoff allowance γ_k((t + 1)S + r‖·‖_F)' },
    ],
    run: (observe, maxIterations) => runFactorization(problem, spec, observe, maxIterations, { subspaces: { U: su.U, V: su.V } }),
  };
}

function lemma1Claim(method: FactorizationMethod, name: string) {
  return defineClaim<InvariantParams>({
    id: `xu2024-mf.lemma1-invariant-${method}`,
    statement: `${name} from X₀ = cAΦ, Y₀ = 0: col(X_t) ⊆ col(A) and col(Y_t) ⊆ row(A) for all t (to the roundoff allowance γ_k((t + 1)S + r‖·‖_F))`,
    source: source(
      'Lemma 1',
      method === 'gd' ? 'V' : 'D',
      method === 'gd' ? 'proved for GD (Lemma 1); the row(A) half derived in this file’s header' : 'derived in this file’s header: the updates are linear combinations that stay in the subspaces',
    ),
    kind: 'invariant',
    expected: 'holds',
    params: invariantParams([method]),
    maxIterations: 150,
    instantiate: (params, options) => invariantTrial(params, options, 'paper'),
  });
}

export const lemma1Gd = lemma1Claim('gd', 'GD');
export const lemma1AltGd = lemma1Claim('altgd', 'Alternating GD');
export const lemma1Nag = lemma1Claim('nag', 'NAG');

/** Lemma 1's GD claim with Y₀ = c₂Φ₂ Gaussian instead of Y₀ = 0 (Remark 1), the three methods. */
export const lemma1GaussianY0 = variant(
  withConstruction(lemma1Gd, (params, options) => invariantTrial(params, options, 'gaussian-Y0')),
  {
    id: 'xu2024-mf.lemma1-gaussian-y0',
    statement: 'FALSE variant: the row(A) invariant with a Gaussian Y₀ = c₂Φ₂ (Remark 1 / Ward–Kolda initialization)',
    source: source('Lemma 1, Remark 1', 'D', 'Lemma 1 with Remark 1’s Gaussian Y₀, false variant (1) of this file’s header'),
    falseBecause: 'a Gaussian Y₀ has a component outside row(A) already at t = 0',
    params: invariantParams(['gd', 'altgd', 'nag']),
    maxIterations: 150,
  },
);

/** Lemma 1's GD claim with X₀ = cΦ₁ Gaussian instead of X₀ = cAΦ, the three methods. */
export const lemma1X0Outside = variant(
  withConstruction(lemma1Gd, (params, options) => invariantTrial(params, options, 'X0-outside')),
  {
    id: 'xu2024-mf.lemma1-x0-outside',
    statement: 'FALSE variant: the col(A) invariant with X₀ = cΦ₁ not in col(A) (the hypothesis X₀ = cAΦ removed)',
    source: source('Lemma 1', 'D', 'Lemma 1 needs col(X₀) ⊆ col(A)'),
    falseBecause: 'a Gaussian X₀ has a component outside col(A) at t = 0',
    params: invariantParams(['gd', 'altgd', 'nag']),
    maxIterations: 150,
  },
);
