/**
 * Xu, Wang, Zhao, Ward, Tao (NeurIPS 2024): the width each theorem requires, for the width audit
 * (audit-width.ts). Xu et al.: Corollary 1 (12) d ≥ r̄ − 1 + Ω(log 1/δ), Corollary 2 (13) d ≥ r̄,
 * Corollary 3 (14) d ≥ m − 1 + Ω(log 1/δ), Remark 3 for GD with the same initializations, r̄ = rank(L).
 * Prior work (Table 1, whose caption says every result assumes L = AD with cond(A) = O(1); r = rank(D),
 * κ = cond²(D), d_out the output dimension): Du & Hu 2019 give d = Ω̃(r·κ³·d_out) for GD with a Gaussian
 * initialization (two layers, from their abstract); the table's other cells are not transcribed.
 */
import type { NetworkSetup } from 'ratecheck';
import type { InitScheme } from './network-setup.ts';
import type { AuditMethod } from './audit-width.ts';

export interface Requirement {
  /** who requires it */
  source: string;
  /** the requirement as stated */
  statement: string;
  /** its value on this instance with every hidden constant set to 1 (null when the formula is not available) */
  value: number | null;
  hiddenConstant: boolean;
  note?: string;
}

/** The requirements of each theorem covering (method, scheme), evaluated on the instance where a formula is available. */
export function requirementsFor(method: AuditMethod, scheme: InitScheme, su: NetworkSetup): Requirement[] {
  const { m } = su.params;
  const r = su.rankL;
  const rankD = su.sD.length;
  const kappa = su.lambdaMax / su.lambdaMin;
  if (scheme === 'unbalanced') {
    return [{ source: method === 'nag' ? 'Xu et al. 2024, Corollary 1' : 'Xu et al. 2024, Remark 3 (with (12))', statement: 'd ≥ r̄ − 1 + Ω(log 1/δ), r̄ = rank(L)', value: r, hiddenConstant: true, note: 'deterministic core (Theorem 3): d ≥ r̄' }];
  }
  if (scheme === 'orthonormal') {
    return [{ source: method === 'nag' ? 'Xu et al. 2024, Corollary 2' : 'Xu et al. 2024, Remark 3 (with (13))', statement: 'd ≥ r̄ = rank(L)', value: r, hiddenConstant: false }];
  }
  if (scheme === 'wide') {
    return [{ source: method === 'nag' ? 'Xu et al. 2024, Corollary 3' : 'Xu et al. 2024, Remark 3 (with (14))', statement: 'd ≥ m − 1 + Ω(log 1/δ), m = output dimension', value: m, hiddenConstant: true, note: '(14) needs d ≥ m to be defined as stated' }];
  }
  if (scheme === 'gaussian') {
    return method === 'gd'
      ? [{ source: 'Du & Hu 2019 (GD, Gaussian init)', statement: 'd = Ω̃(r·κ³·d_out), r = rank(D), κ = cond²(D), d_out = m (L = 2)', value: rankD * kappa ** 3 * m, hiddenConstant: true, note: 'constant and log factors hidden; value with C = 1' }]
      : [{ source: 'Liu, Tao & Pan 2022 (NAG, Gaussian init)', statement: 'width formula not transcribed (Table 1 is an image)', value: null, hiddenConstant: true, note: 'the paper says it depends on the output dimension, the rank and the input condition number' }];
  }
  return method === 'gd'
    ? [{ source: 'Hu, Xiao & Pennington 2020 (GD, orthogonal init)', statement: 'width formula not transcribed (Table 1 is an image) (independent of depth)', value: null, hiddenConstant: true, note: 'depends on the output dimension, rank and condition number of the data (Xu et al.’s summary)' }]
    : [{ source: 'Wang, Lin & Abernethy 2021 (heavy ball, orthogonal init)', statement: 'width formula not transcribed (Table 1 is an image); no NAG result for orthogonal init', value: null, hiddenConstant: true }];
}

/** The prior-work rows of Table 1 as far as the paper's text and the cited papers' abstracts give them. */
export function priorWorkRequirements(su: NetworkSetup): Requirement[] {
  return [
    ...requirementsFor('gd', 'gaussian', su),
    ...requirementsFor('gd', 'orthogonal', su),
    ...requirementsFor('nag', 'orthogonal', su),
    ...requirementsFor('nag', 'gaussian', su),
    { source: 'Xu et al. 2024 (NAG, (13))', statement: 'd ≥ r̄ = rank(L): no dependence on rank(D) or cond(D)', value: su.rankL, hiddenConstant: false },
  ];
}
