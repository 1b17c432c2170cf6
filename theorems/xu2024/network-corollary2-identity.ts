/**
 * Xu, Wang, Zhao, Ward, Tao (NeurIPS 2024), Corollary 2: the exact companion.
 *
 * Statement: with initialization (13), X₀ = c·Orth(LΦ), Φ ∈ ℝ^{N×d} with N(0, 1/d) entries, Y₀ = 0 and
 *   d ≥ r = rank(L), Corollary 2 holds with probability 1 because cond(X₀) = 1.
 * Hypotheses: Assumption 1; d ≥ r (d = r included).
 * Parameters: L̃ = σ₁²(X₀)λ_max(DDᵀ), μ̃ = σ_r²(X₀)λ_min(DDᵀ) (Theorem 3).
 * Identity (derived): every nonzero singular value of Orth(LΦ) is 1 and LΦ has rank r when d ≥ r, so
 *   σ₁(X₀) = σ_r(X₀) = c and L̃/μ̃ = λ_max(DDᵀ)/λ_min(DDᵀ) exactly, for every draw of Φ; c cancels. Checked
 *   on the singular values of the realized X₀ (not the ones the construction promises), to IDENTITY_TOL.
 *
 * False variants (derived):
 * 1. The identity for X₀ = cLΦ (12): cond(LΦ) > 1 for a generic Φ when r ≥ 2.
 * 2. The identity under (13) at d < r (Corollary 2's width requirement dropped): Orth(LΦ) has rank d < r,
 *    so σ_r(X₀) = 0, μ̃ = 0 and L̃/μ̃ is infinite (or roundoff-sized).
 */
import fc from 'fast-check';
import { atLeast, defineClaim, type NetworkParams, networkSetup, svd, type Trial, variant, withConstruction, withoutHypothesis } from 'ratecheck';
import { networkInit, type InitScheme } from './network-setup.ts';
import { assumption1, IDENTITY_TOL, networkParams, smallPaperNetwork, source } from './network-trial.ts';

const WIDTH = 'width d ≥ r = rank(L)';

function identityTrial(params: NetworkParams, scheme: InitScheme): Trial {
  const su = networkSetup(params);
  const init = networkInit(su, scheme);
  const r = params.r;
  // the singular values of the realized X₀ (not the ones the construction promises)
  const s = svd(init.X0).s;
  const sr = r <= s.length ? s[r - 1] : 0; // σ_r(X₀) = 0 when X₀ has fewer than r columns
  const ratio = (s[0] * s[0] * su.lambdaMax) / (sr * sr * su.lambdaMin); // L̃/μ̃ (c cancels)
  const target = su.lambdaMax / su.lambdaMin;
  const error = Math.abs(ratio / target - 1);
  return {
    hypotheses: [...assumption1(su), atLeast(WIDTH, params.d, r)],
    derived: { LtOverMut: ratio, lambdaRatio: target, condX0: s[0] / sr },
    bounds: [{ metric: 'identityError', relation: 'le', value: () => IDENTITY_TOL, floor: 0, cite: 'L̃/μ̃ = λ_max(DDᵀ)/λ_min(DDᵀ) since cond(X₀) = 1 (Corollary 2; derived in the header of network-corollary2-identity.ts)' }],
    run: (observe) => {
      observe(0, { identityError: Number.isNaN(error) ? Infinity : error });
    },
  };
}

export const cor2Identity = defineClaim<NetworkParams>({
  id: 'xu2024-nn.cor2-condition-identity',
  statement: `With X₀ = c·Orth(LΦ) (13) and d ≥ r (d = r included), L̃/μ̃ = λ_max(DDᵀ)/λ_min(DDᵀ) exactly (to ${IDENTITY_TOL}), for every draw of Φ`,
  source: source('Corollary 2', 'D', 'Corollary 2: cond(X₀) = 1 under (13); identity derived in this file’s header'),
  kind: 'exact-identity',
  expected: 'holds',
  params: networkParams({ rankDExtra: [0, 8] }),
  examples: [smallPaperNetwork(5)],
  instantiate: (params) => identityTrial(params, 'orthonormal'),
});

export const cor2IdentityUnbalanced = variant(
  // construction changed: X₀ = cLΦ (12) instead of c·Orth(LΦ) (13)
  withConstruction(cor2Identity, (params) => identityTrial(params, 'unbalanced')),
  {
    id: 'xu2024-nn.cor2-identity-unbalanced',
    statement: 'FALSE variant: the identity L̃/μ̃ = λ_max(DDᵀ)/λ_min(DDᵀ) for X₀ = cLΦ (12)',
    source: { theorem: 'Corollary 1, Corollary 2', confidence: 'D', note: 'Corollary 2 false variant 1, derived in this file’s header' },
    falseBecause: 'cond(LΦ) > 1 for a generic Φ when r ≥ 2',
    params: networkParams({ r: [2, 4] }),
  },
);

export const cor2IdentityBelowRank = withoutHypothesis(cor2Identity, WIDTH, {
  id: 'xu2024-nn.cor2-identity-below-rank',
  statement: 'FALSE variant: the identity under (13) at width d < r (the width requirement of Corollary 2 dropped)',
  source: { theorem: 'Corollary 2', confidence: 'D', note: 'Orth(LΦ) has rank d < r, so σ_r(X₀) = 0' },
  falseBecause: 'σ_r(X₀) = 0 when d < r: μ̃ = 0 and L̃/μ̃ is infinite (or roundoff-sized)',
  params: networkParams({ r: [2, 4], d: (r) => fc.integer({ min: 1, max: r - 1 }) }),
});

export const corollary2IdentityClaims = [cor2Identity, cor2IdentityUnbalanced, cor2IdentityBelowRank];
