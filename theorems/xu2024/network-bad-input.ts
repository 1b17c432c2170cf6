/**
 * Xu, Wang, Zhao, Ward, Tao (NeurIPS 2024), Section 4: bad input. The hypotheses of Corollary 2 and of
 * Theorem 3 fail on these instances, so the claims say nothing (vacuous), never a false counterexample.
 *
 * - Corollary 2 (NAG from (13), T = O(√(λ_max/λ_min) log 1/ε)) at width d < r = rank(L): its hypotheses
 *   d ≥ r and col(X₀) ⊇ col(L) (Theorem 3) fail.
 * - Theorem 3 (‖R_t‖_F ≤ σ_r²(X₀)σ_min(D)/576 · (1 − √μ̃/(2√L̃))^t) with cond(A) from 30 to 1000:
 *   Assumption 1's cond(A) = O(1), read as cond(A*) ≤ ASSUMPTION1_COND_MAX, fails (A* = LD⁺ = A here).
 */
import fc from 'fast-check';
import { defineClaim, type NetworkParams } from 'ratecheck';
import { ASSUMPTION1_COND_MAX } from './network-setup.ts';
import { cor2Expression, iterationTrial } from './network-iterations.ts';
import { netTrial, networkParams, source } from './network-trial.ts';
import { theorem3Bounds } from './network-theorem3.ts';

export const cor2BelowRankVacuous = defineClaim<NetworkParams>({
  id: 'xu2024-nn.cor2-below-rank-vacuous',
  statement: 'Corollary 2 (NAG from (13)) at width d < r = rank(L): outside the hypotheses (d ≥ r, col(X₀) ⊇ col(L)), so the claim says nothing',
  source: source('Corollary 2', 'D', 'bad input: width below rank(L)'),
  kind: 'asymptotic',
  expected: 'vacuous',
  params: networkParams({ r: [2, 4], d: (r) => fc.integer({ min: 1, max: r - 1 }) }),
  maxIterations: 2000,
  instantiate: (params, options) => iterationTrial(params, options, { scheme: 'orthonormal', method: 'nag', expression: cor2Expression, what: 'Corollary 2' }),
});

export const thm3IllConditionedLabelsVacuous = defineClaim<NetworkParams>({
  id: 'xu2024-nn.thm3-ill-conditioned-labels-vacuous',
  statement: `Theorem 3 on instances with cond(A) from 30 to 1000 (Assumption 1’s cond(A) = O(1), read as ≤ ${ASSUMPTION1_COND_MAX}, fails): the claim says nothing`,
  source: source('Theorem 3, Assumption 1', 'D', 'bad input: cond(A) not O(1)'),
  kind: 'bound-for-all-t',
  expected: 'vacuous',
  params: networkParams({ r: [2, 4], condA: [30, 1000] }),
  maxIterations: 2000,
  instantiate: (params, options) => netTrial(params, options, { scheme: 'unbalanced' }, { bounds: (ctx) => theorem3Bounds(ctx) }),
});

export const badInputClaims = [cor2BelowRankVacuous, thm3IllConditionedLabelsVacuous];
