/**
 * Xu, Wang, Zhao, Ward, Tao (NeurIPS 2024), Remark 3 (Section 4): GD's iteration count.
 *
 * Statement: GD from the initializations (12)-(14) reaches f(X_T, Y_T) ≤ ε‖LDᵀ‖²_F within
 *   T = O(σ₁²(X₀)λ_max(DDᵀ)/(σ_r²(X₀)λ_min(DDᵀ)) · log 1/ε) = O(L̃/μ̃ · log 1/ε) iterations.
 * Hypotheses: those of Theorem 3 (Assumption 1, Y₀ = 0, col(X₀) ⊇ col(L), the width of the
 *   initialization, μ̃p ≥ 4√2‖LDᵀ‖_F(1 + p)), c from Theorem 3's inequality.
 * Parameters: GD step η = 2/(L̃ + μ̃), as in the experiments of Figures 1-2 (the remark states none).
 * Encoding: K·E·log(1/ε) with E = L̃/μ̃ and the hidden constant K explicit (network-iterations.ts).
 *
 * False variants (derived):
 * 1. The accelerated count K·√(L̃/μ̃)·log(1/ε): GD contracts like 1 − 2μ̃/(L̃ + μ̃) per step, so it needs
 *    about L̃/(2μ̃) iterations per unit of log(1/ε), not √(L̃/μ̃).
 * 2. The count without the data factor λ_max/λ_min, K·cond²(X₀)·log(1/ε): the GD count grows with
 *    λ_max/λ_min = cond²(D) ≥ 100.
 */
import fc from 'fast-check';
import { defineClaim, variant, withConstruction } from 'ratecheck';
import { HIDDEN_CONSTANT, iterationTrial, remark3Expression, type IterationExpression } from './network-iterations.ts';
import { networkParams, source, WIDE, type NetRanges } from './network-trial.ts';
import type { NetworkParams } from 'ratecheck';

const K = HIDDEN_CONSTANT;

/** Remark 3 runs GD from (12), (13) or (14). */
export interface Remark3Params extends NetworkParams {
  scheme: 'unbalanced' | 'orthonormal' | 'wide';
}

const remark3Params = (ranges: NetRanges = {}) =>
  fc.constantFrom('unbalanced' as const, 'orthonormal' as const, 'wide' as const).chain((scheme) =>
    networkParams(scheme === 'wide' ? { ...WIDE, ...ranges } : ranges).map((p) => ({ ...p, scheme })),
  );

const gdTrial = (expression: IterationExpression) => (p: Remark3Params, options: Parameters<typeof iterationTrial>[1]) =>
  iterationTrial(p, options, { scheme: p.scheme, method: 'gd', expression, what: 'Remark 3' });

export const remark3Iterations = defineClaim<Remark3Params>({
  id: 'xu2024-nn.remark3-gd-iterations',
  statement: `GD (η = 2/(L̃+μ̃)) from (12), (13) or (14): f ≤ ε‖LDᵀ‖²_F once t ≥ K·σ₁²(X₀)λ_max/(σ_r²(X₀)λ_min)·log(1/ε), K = ${K}`,
  source: source('Remark 3', 'V', `GD step 2/(L̃+μ̃) as in Figures 1-2 [N]; c from Theorem 3’s inequality; hidden constant K = ${K} explicit; smallest working K reported per instance`),
  kind: 'asymptotic',
  expected: 'holds',
  params: remark3Params({ condD: [1.5, 10] }),
  maxIterations: 8000,
  instantiate: gdTrial(remark3Expression),
});

export const remark3Accelerated = variant(
  // bound changed: E = √(L̃/μ̃), the square root of Remark 3's expression
  withConstruction(remark3Iterations, gdTrial((ctx) => Math.sqrt(remark3Expression(ctx)))),
  {
    id: 'xu2024-nn.remark3-gd-accelerated',
    statement: `FALSE variant: GD meets the accelerated count K·√(L̃/μ̃)·log(1/ε) (square root of Remark 3’s expression), K = ${K}`,
    source: { confidence: 'D' },
    falseBecause: 'GD contracts like 1 − 2μ̃/(L̃+μ̃) per step: it needs about L̃/(2μ̃) iterations per unit of log(1/ε), not √(L̃/μ̃)',
    params: remark3Params({ condD: [10, 40] }),
    maxIterations: 8000,
  },
);

export const remark3WithoutData = variant(
  // bound changed: E = L̃/μ̃ divided by λ_max/λ_min, i.e. cond²(X₀)
  withConstruction(remark3Iterations, gdTrial((ctx) => remark3Expression(ctx) / (ctx.su.lambdaMax / ctx.su.lambdaMin))),
  {
    id: 'xu2024-nn.remark3-gd-without-data',
    statement: `FALSE variant: Remark 3’s count without the data factor λ_max/λ_min: T ≤ K·cond²(X₀)·log(1/ε), K = ${K}`,
    source: { confidence: 'D' },
    falseBecause: 'the GD count grows with λ_max/λ_min = cond²(D) ≥ 100',
    params: remark3Params({ condD: [10, 40] }),
    maxIterations: 8000,
  },
);

export const remark3Claims = [remark3Iterations, remark3Accelerated, remark3WithoutData];
