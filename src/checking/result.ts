/**
 * What verifying a claim produces: its options and its result (verdict, tightest instance, shrunk
 * counterexample, horizon), shared by the runner, the aggregate tests, replay and the reports.
 */
import type fc from 'fast-check';
import type { Hypothesis, Verdict } from '../claims/types.ts';
import type { StopReason, Violation } from './instance.ts';
import type { TargetSummary } from './target.ts';

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
  /** Cap of the budgets derived from a bound's declared rate, in multiples of the iteration budget (default RATE_BUDGET_CAP; 1 turns them off). */
  rateBudgetCap?: number;
  dense?: boolean;
  /** Instances tried first, before the claim's own examples (e.g. stored counterexamples). */
  replayFirst?: unknown[];
  /** Instance parameters to use instead of claim.params (profiles). */
  params?: fc.Arbitrary<unknown>;
  /** The claim's own seed, instead of the one derived from (seed, id): replays of aggregate studies. */
  claimSeed?: number;
  /** The target phase (src/checking/target.ts): a third of the runs climb the ratio instead of being drawn (default true). */
  target?: boolean;
  /** Append one JSON line per evaluated instance to this file, in one write when the claim is done (src/checking/observe.ts). */
  observe?: string;
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
  /**
   * 'target': the target phase found the violation; fast-check shrank `example` (the instance found),
   * so `fc.check(property, { seed, path, examples: [[example]] })` replays it.
   */
  foundBy?: 'target';
  example?: unknown;
}

export interface Tightest {
  params: unknown;
  ratio: number;
  iteration: number;
  metric: string;
}

/**
 * Where the comparisons stopped, over the instances meeting the hypotheses: the last compared iteration
 * (min / median / max), how the trajectories stopped (`stops`: floor, budget, method, violation,
 * deadline), the instances that reached the roundoff floor and those stopped at the iteration budget,
 * and how far the primary bound decayed before its last comparison (`decay`, log10 of bound(last) /
 * bound(first): −9 is nine decades). `truncated`: more than half of the instances stopped at the budget
 * while their bound was still decaying (median decay below 0), so "for all t" was checked over part of
 * the bound's decay only; a bound that does not decay (an invariant) has no floor to reach.
 */
export interface HorizonSummary {
  min: number;
  median: number;
  max: number;
  stops: Partial<Record<StopReason, number>>;
  reachedFloor?: number;
  stoppedAtBudget?: number;
  /** Instances that stopped another way (the method returned, a violation, the deadline). */
  stoppedOtherwise?: number;
  decay?: { min: number; median: number; max: number };
  /** Per-instance iteration budgets (min / median / max): they differ when derived from a declared rate. */
  budget?: { min: number; median: number; max: number };
  truncated?: boolean;
}

export interface ClaimResult {
  id: string;
  expected: Verdict;
  verdict: Verdict;
  /** Instances checked: drawn, and searched by the target phase (`target` splits them); shrinking candidates and targeted candidates outside the claim's domain or missing a hypothesis are not counted. */
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
  /** The target phase: instances generated and targeted, and the best ratio each reached (absent with target: false and for aggregate claims). */
  target?: TargetSummary;
  /** A `holds` whose instances mostly stopped at the iteration budget (horizon.truncated): shown as `holds (truncated)`. */
  truncated?: boolean;
  /** For the `error` verdict: what the claim threw, and on which instance parameters. */
  error?: ClaimError;
}

/** What a claim threw while an instance was built or run. */
export interface ClaimError {
  message: string;
  stack?: string;
  params?: unknown;
}

