/**
 * `ratecheck/vitest`: a claim as a test of the user's own vitest suite.
 *
 *     import { expectClaim } from 'ratecheck/vitest';
 *     it('GD contracts at rate 1 − μ/L', () => expectClaim(gdRate).toHold());
 *     it('the doubled rate is false', () => expectClaim(gdRateTooFast).toBeRefuted());
 *
 * Each check verifies the claim (runs, seed and iteration budget as given, else the default profile's)
 * and throws an AssertionError when the verdict is not the asserted one. The message carries what is
 * needed to see and replay the failure: the verdict and its reason, the shrunk counterexample's
 * parameters, the first violating iteration with observed against bound, the seed, and the command
 * that reruns it. Nothing here imports vitest: any runner that reports thrown errors works.
 */
import { AssertionError } from 'node:assert';
import type { Claim, Verdict } from './claims/types.ts';
import { PROFILES } from './checking/verify.ts';
import { iterationBudget, verifyClaim } from './checking/runner.ts';
import type { ClaimResult } from './checking/result.ts';
import { fmtNumber } from './reporting/report.ts';
import { claimOrigin } from './claims/origin.ts';
import { relative } from 'node:path';

export interface ExpectClaimOptions {
  /** Random instances (default 100). */
  runs?: number;
  /** Global seed (default 42): the claim's own seed is derived from it and the claim's id, as in `ratecheck verify`. */
  seed?: number;
  /** Iteration budget of one trajectory (default: the claim's own). */
  maxIterations?: number;
  /** Wall-clock budget, seconds; a run cut short is inconclusive, which fails both assertions. */
  timeLimit?: number;
  dense?: boolean;
}

export interface ClaimExpectation {
  /** The claim holds on every instance tried (iterations compared, none violating). */
  toHold(): ClaimResult;
  /** The claim is refuted: a counterexample was found and shrunk. */
  toBeRefuted(): ClaimResult;
  /** Any verdict. */
  toHaveVerdict(verdict: Verdict): ClaimResult;
  /** The verdict the claim itself declares as expected. */
  toBeAsExpected(): ClaimResult;
}

/** A human-readable account of a result, for assertion messages. */
export function describeResult(claim: Claim<any>, r: ClaimResult, seed: number): string {
  const lines = [`${claim.id}: ${r.verdict} (${r.hypothesesMet} of ${r.instances} instances met the hypotheses)`];
  if (r.reason) lines.push(`  reason: ${r.reason}`);
  const cx = r.counterexample;
  if (cx) {
    const v = cx.violation;
    lines.push(`  counterexample (shrunk ${cx.numShrinks} times): ${JSON.stringify(cx.params)}`);
    lines.push(`  first violation at t = ${v.iteration}: ${v.metric} = ${fmtNumber(v.observed, 8)} ${v.relation === 'le' ? '>' : '<'} bound ${fmtNumber(v.bound, 8)} (ratio ${fmtNumber(v.ratio, 8)}; ${v.cite})`);
  } else if (r.maxRatio !== null) {
    lines.push(`  largest observed/bound ratio ${fmtNumber(r.maxRatio, 6)}${r.tightest ? ` at t = ${r.tightest.iteration} on ${JSON.stringify(r.tightest.params)}` : ''}`);
  }
  lines.push(`  seed ${seed} (claim seed ${r.seed}), ${r.runs} runs, at most ${r.maxIterations} iterations`);
  const origin = claimOrigin(claim);
  const file = origin ? relative(process.cwd(), origin) || origin : '<claim file>';
  lines.push(`  replay: npx ratecheck verify ${file} ${claim.id} --seed ${seed} --runs ${r.runs} --max-iterations ${r.maxIterations}`);
  return lines.join('\n');
}

export function expectClaim<P>(claim: Claim<P>, options: ExpectClaimOptions = {}): ClaimExpectation {
  const seed = options.seed ?? 42;
  const run = (): ClaimResult =>
    verifyClaim(claim, {
      runs: options.runs ?? PROFILES.default.runs,
      seed,
      maxIterations: iterationBudget(claim as Claim<unknown>, { maxIterations: options.maxIterations }),
      timeLimitMs: options.timeLimit !== undefined ? options.timeLimit * 1000 : undefined,
      dense: options.dense,
    });
  const assertVerdict = (expected: Verdict): ClaimResult => {
    const r = run();
    if (r.verdict !== expected) {
      throw new AssertionError({ message: `expected ${claim.id} to be ${expected}, but it is ${r.verdict}\n${describeResult(claim, r, seed)}`, actual: r.verdict, expected, operator: 'verdict' });
    }
    return r;
  };
  return {
    toHold: () => assertVerdict('holds'),
    toBeRefuted: () => assertVerdict('refuted'),
    toHaveVerdict: (v) => assertVerdict(v),
    toBeAsExpected: () => assertVerdict(claim.expected),
  };
}
