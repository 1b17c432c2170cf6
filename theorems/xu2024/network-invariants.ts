/**
 * Xu, Wang, Zhao, Ward, Tao (NeurIPS 2024), the exact invariants behind Theorem 3's proof (Appendix D).
 *
 * Statement: GD, AltGD and NAG on objective (10) from (12) or (13) with Y₀ = 0 keep
 *   col(X_t) ⊆ col(X₀) = col(L) and col(Y_t) ⊆ col(D) for every t.
 * Hypotheses: Assumption 1; Y₀ = 0 (Y₀ ∈ col(D) suffices); col(X₀) ⊇ col(L) (d ≥ r).
 * Derivation: ∇_X f = R DᵀY and ∇_Y f = D RᵀX with R = XYᵀD − L. Every Y-update adds D times a matrix, so
 *   Y_t ∈ col(D) from Y₀ ∈ col(D). The X-update adds (XYᵀD − L)DᵀY, whose columns lie in col(X) + col(L);
 *   with col(L) ⊆ col(X₀) every X_t stays in col(X₀) (NAG's extrapolation is a combination of iterates).
 * Tolerance: the roundoff allowance γ_k((t + 1)S + w‖X_t‖_F) of the API's productRoundoff, k = m + n + N + d,
 *   S the step's scale ‖X_t‖_F + η(‖R_t‖_F + ‖X_t‖_F‖Y_t‖_F‖D‖_F)‖D‖_F‖Y_t‖_F (symmetrically for Y), times
 *   (1 + 2β)/(1 − β) for NAG, w the measuring bases' width; on the dense run (nothing reduced), D with n > rank(D).
 *
 * False variants (derived):
 * 1. A Gaussian Y₀ with D without full row rank: Y₀ has a component outside col(D) ≠ ℝⁿ at t = 0.
 * 2. X₀ = cΦ (14) at width r ≤ d < m: col(X₀) misses part of col(L), and from t = 2 the X-update carries
 *    LDᵀY_t, which has a component outside col(X₀).
 */
import fc from 'fast-check';
import { type Bound, defineClaim, factorStepScale, productRoundoff, type FactorizationMethod, type NetworkParams, withConstruction, withoutHypothesis } from 'ratecheck';
import { netTrial, networkParams, source, STRUCTURE, Y0_ZERO, type NetContext, type NetRanges } from './network-trial.ts';

export interface InvariantParams extends NetworkParams {
  method: FactorizationMethod;
  scheme: 'unbalanced' | 'orthonormal';
}

const invariantParams = (ranges: NetRanges = {}) =>
  fc
    .record({ method: fc.constantFrom<FactorizationMethod>('gd', 'altgd', 'nag'), scheme: fc.constantFrom('unbalanced' as const, 'orthonormal' as const) })
    .chain(({ method, scheme }) => networkParams({ nExtra: [1, 3], cSteps: [0, 8], ...ranges }).map((p) => ({ ...p, method, scheme })));

function invariantBounds(ctx: NetContext): Bound[] {
  const { m: rows, n, N, d, method } = ctx.params as InvariantParams;
  const k = rows + n + N + d;
  // the larger of the claims' steps (GD's and AltGD's 2/(L̃ + μ̃), NAG's 1/L̃), and NAG's momentum
  const eta = 2 / (ctx.q.Lt + ctx.q.mut);
  const beta = method === 'nag' ? ctx.q.momentum : 0;
  const normD = Math.hypot(...ctx.su.sD);
  const w = Math.max(ctx.init.colX0.cols, ctx.su.UD.cols); // the measuring bases' widths
  return [
    { metric: 'offColX', relation: 'le', value: (t, m) => productRoundoff({ innerDimension: k, steps: t + 1, stepScale: factorStepScale(m.normX, m.normY, m.residualNorm, eta, beta, normD), measured: w * m.normX }), floor: 0, cite: 'col(X_t) ⊆ col(X₀) (exact invariant of Theorem 3’s proof), to the roundoff allowance γ_k((t + 1)S + w‖·‖_F)' },
    { metric: 'offRowY', relation: 'le', value: (t, m) => productRoundoff({ innerDimension: k, steps: t + 1, stepScale: factorStepScale(m.normY, m.normX, m.residualNorm, eta, beta, normD), measured: w * m.normY }), floor: 0, cite: 'col(Y_t) ⊆ col(D) when Y₀ = 0 [D]: ∇_Y f = D RᵀX, to the roundoff allowance γ_k((t + 1)S + w‖·‖_F)' },
  ];
}

export const invariantSubspaces = defineClaim<InvariantParams>({
  id: 'xu2024-nn.invariant-subspaces',
  statement: `GD, AltGD and NAG from (12) or (13), Y₀ = 0: col(X_t) ⊆ col(X₀) = col(L) and col(Y_t) ⊆ col(D) for all t (to the roundoff allowance γ_k((t + 1)S + w‖·‖_F))`,
  source: source('Theorem 3 proof (exact invariant)', 'D', 'Theorem 3’s proof (Appendix D): col(X_t) ⊆ col(X₀); col(Y_t) ⊆ col(D) since every Y-update is D times a matrix'),
  kind: 'invariant',
  expected: 'holds',
  params: invariantParams(),
  maxIterations: 150,
  instantiate: (params, options) => netTrial(params, options, { scheme: params.scheme, method: params.method, invariants: true }, { bounds: invariantBounds }),
});

export const invariantGaussianY0 = withoutHypothesis(
  // construction changed: Y₀ Gaussian (N(0, 1/d) entries, times c) instead of 0
  withConstruction(invariantSubspaces, (params, options) =>
    netTrial(params, options, { scheme: params.scheme, method: params.method, invariants: true, gaussianY0: true }, { bounds: invariantBounds }),
  ),
  Y0_ZERO,
  {
    id: 'xu2024-nn.invariant-gaussian-y0',
    statement: 'FALSE variant: the col(D) invariant with a Gaussian Y₀ and D without full row rank',
    source: { theorem: 'Theorem 3 proof', note: 'the invariant needs Y₀ ∈ col(D)' },
    falseBecause: 'a Gaussian Y₀ has a component outside col(D) ≠ ℝⁿ at t = 0',
    params: invariantParams(),
    maxIterations: 150,
  },
);

export const invariantX0MissesLabels = withoutHypothesis(
  // construction changed: X₀ = cΦ (14) at width r ≤ d < m, μ̃ (and c) from σ_d(X₀)
  withConstruction(invariantSubspaces, (params, options) =>
    netTrial(params, options, { scheme: 'wide', method: params.method, index: (p) => p.d, invariants: true }, { bounds: invariantBounds }),
  ),
  STRUCTURE,
  {
    id: 'xu2024-nn.invariant-x0-misses-labels',
    statement: 'FALSE variant: col(X_t) ⊆ col(X₀) for X₀ = cΦ (14) at width d < m, whose column space misses part of col(L)',
    source: { theorem: 'Theorem 3 proof', note: 'the invariant needs col(X₀) ⊇ col(L): the X-update adds −η(XYᵀD − L)DᵀY' },
    falseBecause: 'from t = 2 the X-update carries LDᵀY_t, which has a component outside col(X₀)',
    params: invariantParams({ mExtra: [1, 4], d: (r, m) => fc.integer({ min: r, max: m - 1 }) }),
    maxIterations: 150,
  },
);

export const invariantClaims = [invariantSubspaces, invariantGaussianY0, invariantX0MissesLabels];
