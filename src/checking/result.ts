/**
 * What verifying a claim produces: its options and its result (verdict, tightest instance, shrunk
 * counterexample, horizon), shared by the runner, the aggregate tests, replay and the reports.
 */
import type fc from 'fast-check';
import type { Hypothesis, Verdict } from '../claims/types.ts';
import type { StopReason, Violation } from './instance.ts';

export interface VerifyOptions {
  runs: number;
  /** Global seed; each claim runs with a seed derived from it and its id. */
  seed: number;
  /** Wall-clock budget of this claim (fast-check stops cleanly; the verdict is then inconclusive). */
  timeLimitMs?: number;
  /** Wall-clock deadline (epoch ms, Date.now()), the earlier of it and timeLimitMs counting. */
  deadline?: number;
  /** Overrides the claim's own iteration budget. */
  maxIterations?: number;
  /** Multiplies the claim's iteration budget (profiles). */
  iterationScale?: number;
  dense?: boolean;
  /** Instances tried first, before the claim's own examples (e.g. stored counterexamples). */
  replayFirst?: unknown[];
  /** Instance parameters to use instead of claim.params (profiles). */
  params?: fc.Arbitrary<unknown>;
  /** The claim's own seed, instead of the one derived from (seed, id): replays of aggregate studies. */
  claimSeed?: number;
}

export interface Counterexample {
  params: unknown;
  violation: Violation;
  hypotheses: Hypothesis[];
  derived: Record<string, number>;
  /** fast-check seed and shrink path: `fc.check(property, { seed, path })` replays it. */
  seed: number;
  path: string;
  numShrinks: number;
  maxIterations: number;
  /** For aggregate claims: the study is the counterexample; replay reruns it with the same seed and runs. */
  aggregate?: { runs: number; statistic: string; value: number };
}

export interface Tightest {
  params: unknown;
  ratio: number;
  iteration: number;
  metric: string;
}

export interface HorizonSummary {
  min: number;
  median: number;
  max: number;
  stops: Partial<Record<StopReason, number>>;
}

export interface ClaimResult {
  id: string;
  expected: Verdict;
  verdict: Verdict;
  /** Instances generated (the shrinking phase is not counted). */
  instances: number;
  /** Of those, the ones meeting every hypothesis (the only ones compared). */
  hypothesesMet: number;
  maxRatio: number | null;
  tightest?: Tightest;
  counterexample?: Counterexample;
  horizon: HorizonSummary | null;
  /** Why hypotheses failed, by hypothesis name, over the generated instances. */
  hypothesisFailures: Record<string, number>;
  seed: number;
  runs: number;
  maxIterations: number;
  timeMs: number;
  reason?: string;
  /** Aggregate claims: the test statistic and its inputs. */
  statistics?: Record<string, unknown>;
  /** Iterations at which a bound was compared, over all instances meeting the hypotheses. */
  comparedIterations: number;
  /** Instances cut at the deadline (their trajectories are incomplete). */
  cut?: number;
  /** For the `error` verdict: what the claim threw, and on which instance parameters. */
  error?: ClaimError;
}

/** What a claim threw while an instance was built or run. */
export interface ClaimError {
  message: string;
  stack?: string;
  params?: unknown;
}

