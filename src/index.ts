/**
 * ratecheck's public API: everything a claim file needs, and the library calls over it. The built-in
 * catalog (theorems/) is written against this API alone, so a user's claim file and a paper of the
 * catalog are written the same way.
 *
 * A claim file exports claims (default export, `claims`, or named exports) and is verified with
 * `ratecheck verify path/to/claims.ts`, or from code with `verifyClaims`, or inside a vitest suite with
 * `expectClaim` from `ratecheck/vitest`.
 */

/** fast-check itself, so a claim file needs no direct dependency on it. */
export { default as fc } from 'fast-check';

// ----- Claims: types, hypotheses, bounds, false variants --------------------------------------------
export * from './claims/types.ts';
export * from './claims/variants.ts';
/** Arbitraries for instance parameters: log-uniform grids, powers of two, seeds. */
export * from './claims/arbitraries.ts';
/** Statistics used by aggregate claims and post-run measurements. */
export * from './claims/statistics.ts';
export * from './claims/roundoff.ts';

// ----- Randomness and linear algebra -----------------------------------------------------------------
export * from './random/rng.ts';
export * from './linalg/dense.ts';
export * from './linalg/decomp.ts';

// ----- Instance builders -------------------------------------------------------------------------------
/** Low-rank matrices with a prescribed spectrum, kept in factored form (U, σ, V). */
export * from './problems/low-rank.ts';
/** Matrix factorization f(X, Y) = ½‖XYᵀ − A‖²_F and its exact reductions. */
export * from './problems/matrix-factorization.ts';
/** Least squares with a prescribed spectrum and row norms. */
export * from './problems/least-squares.ts';
/** Smooth (strongly) convex problems: quadratics with a prescribed spectrum, Huber, softplus, finite sums. */
export * from './problems/smooth-convex.ts';
/** Two-layer linear networks. */
export * from './problems/linear-network.ts';
/** Real phase retrieval. */
export * from './problems/phase-retrieval.ts';

// ----- Methods -----------------------------------------------------------------------------------------
/** GD, AltGD and NAG on matrix factorization (dense and reduced paths). */
export * from './methods/factorization.ts';
/** GD and Nesterov on smooth convex problems, with the roundoff-floor guards of their bounds. */
export * from './methods/first-order.ts';
/** Heavy ball, minibatch heavy ball, Kaczmarz, minibatch SGD. */
export * from './methods/heavy-ball.ts';
/** The exact second-moment operator of minibatch heavy ball. */
export * from './methods/second-moment.ts';
export * from './methods/sparsified-sgd.ts';
export * from './methods/zeroth-order.ts';
export * from './methods/deep-scalar.ts';

// ----- Checking ----------------------------------------------------------------------------------------
export { checkInstance, DEFAULT_RTOL, ROUNDOFF_UNITS, RATE_BUDGET_CAP, roundoffAllowance, withinBound, rateBudget, type InstanceResult, type Violation, type StopReason, type CheckOptions } from './checking/instance.ts';
export { analysePower, powerLines, powerSummary, type PowerOptions, type PowerResult, type FamilyPower, type HypothesisPower, type Probe } from './checking/power.ts';
export { verifyClaim, iterationBudget, claimSeed, DEFAULT_MAX_ITERATIONS, type ClaimResult, type VerifyOptions, type Counterexample, type Tightest } from './checking/runner.ts';
export { TARGET_SHARE, targetShare, type TargetSummary } from './checking/target.ts';
export type { TestCaseObservation } from './checking/observe.ts';
export { tighten, contractionOf, type TightenOptions, type TightenResult, type Contraction } from './checking/tighten.ts';
export { searchInstances, type SearchOptions, type SearchResult, type SearchMethod } from './search/index.ts';
export { cmaes, ipopCmaes, type CmaOptions, type CmaResult } from './search/cmaes.ts';
export { replayCounterexample, validateCounterexampleFile, type ReplayOutcome } from './checking/replay.ts';

// ----- Catalogs, reports, figures ----------------------------------------------------------------------
export * from './catalog.ts';
export { writeReport } from './reporting/write.ts';
export { verifyClaims, PROFILES, type VerifyClaimsOptions, type VerifyTimings, type ClaimSource, type Profile } from './checking/verify.ts';
export { SCHEMA_VERSION, TOOL_VERSION, buildEntry, summarize, counterexampleFile, toJson, writeAtomic, fmtNumber, alignedTable, attachPower, type Report, type ClaimEntry, type CounterexampleFile } from './reporting/report.ts';
export * from './reporting/figures/spec.ts';
export * from './reporting/figures/curves.ts';
export { claimFigure, traceInstance, sampleParams, type TraceRun } from './reporting/figures/claims.ts';

// ----- The command line, and helpers for a paper's own commands ------------------------------------------
/** The whole command line over a catalog: `main(process.argv, { catalog })`. */
export { main, type Io } from './cli/main.ts';
export { Command, CommanderError, InvalidArgumentError } from 'commander';
export { UsageError } from './cli/errors.ts';
export { positiveInt, nonNegativeInt, integer, positiveNumber } from './cli/options.ts';
export { createProgress, type Progress, type ProgressStream } from './cli/progress.ts';
