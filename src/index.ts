/**
 * Public API: what a claim file imports. A claim file exports claims (default export, `claims`, or
 * named exports) and is verified with `ratecheck verify path/to/claims.ts`.
 */
export {
  defineClaim,
  atLeast,
  atMost,
  ClaimDefect,
  type Claim,
  type ClaimKind,
  type Bound,
  type Confidence,
  type Hypothesis,
  type Metrics,
  type Observer,
  type Source,
  type Trial,
  type TrialOptions,
  type Verdict,
} from './claims/types.ts';
export { logUniform, powerOfTwoGrid, seedArb } from './claims/arbitraries.ts';
export { Rng, deriveSeed } from './random/rng.ts';
export * from './linalg/dense.ts';
export { svd, singularValues, numericalRank, haarOrthonormal, orthonormalBasis, SubspaceDistance, toMatrix, fromMatrix } from './linalg/decomp.ts';
export { spectrum, lowRankMatrix, gaussianMatrix, SPECTRUM_PROFILES, type SpectrumProfile } from './problems/low-rank.ts';
export { objective, gradient, reduceFactorization, type FactorizationProblem } from './problems/matrix-factorization.ts';
export { runFactorization, type FactorizationMethod, type FactorizationSpec, type FactorizationMetrics } from './methods/factorization.ts';
export { checkInstance, type InstanceResult, type Violation } from './checking/instance.ts';
export { verifyClaim, type ClaimResult, type VerifyOptions } from './checking/runner.ts';
