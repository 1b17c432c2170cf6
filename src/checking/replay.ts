/**
 * Replay a saved counterexample: rebuild the instance from its plain parameters, rerun the method and
 * check that the same bound fails at the same iteration with the same observed value, to the bit.
 */
import type { Claim } from '../claims/types.ts';
import { checkInstance, type Violation } from './instance.ts';
import { verifyClaim } from './runner.ts';
import { numberFromJson, type CounterexampleFile } from '../reporting/report.ts';

export interface ReplayOutcome {
  claimId: string;
  reproduced: boolean;
  saved: Violation;
  replayed?: Violation;
  message: string;
}

export function validateCounterexampleFile(v: unknown): string | null {
  if (typeof v !== 'object' || v === null) return 'not a JSON object';
  const o = v as Partial<CounterexampleFile>;
  if (o.kind !== 'ratecheck-counterexample') return "not a ratecheck counterexample (kind must be 'ratecheck-counterexample')";
  if (typeof o.claimId !== 'string') return 'claimId missing';
  if (o.params === undefined) return 'params missing';
  if (!(typeof o.maxIterations === 'number' && Number.isInteger(o.maxIterations) && o.maxIterations >= 0)) return 'maxIterations must be a non-negative integer';
  const v0 = o.violation as Partial<Violation> | undefined;
  if (!v0 || typeof v0.iteration !== 'number' || typeof v0.metric !== 'string') return 'violation missing or malformed';
  return null;
}

export function replayCounterexample(claim: Claim<unknown>, cx: CounterexampleFile): ReplayOutcome {
  const saved = { ...cx.violation, observed: numberFromJson(cx.violation.observed), bound: numberFromJson(cx.violation.bound), ratio: numberFromJson(cx.violation.ratio) };
  if (cx.aggregate) {
    // a study over many instances: rerun it with the same claim seed and runs
    const again = verifyClaim(claim, { runs: cx.aggregate.runs, seed: 0, claimSeed: cx.fastCheck.seed, maxIterations: cx.maxIterations, dense: cx.dense });
    const value = again.counterexample?.aggregate?.value;
    const same = again.verdict === 'refuted' && Object.is(value, numberFromJson(cx.aggregate.value));
    return {
      claimId: cx.claimId,
      reproduced: same,
      saved,
      replayed: again.counterexample?.violation,
      message: same
        ? `reproduced: the study over ${cx.aggregate.runs} instances refutes the claim again, ${cx.aggregate.statistic} = ${value}`
        : `not reproduced: the study now gives ${again.verdict}${value !== undefined ? ` with ${cx.aggregate.statistic} = ${value}` : ''}`,
    };
  }
  const res = checkInstance(claim, cx.params, { maxIterations: cx.maxIterations, dense: cx.dense });
  const got = res.firstViolation;
  if (!res.hypothesesMet) {
    return { claimId: cx.claimId, reproduced: false, saved, message: 'the hypotheses no longer hold on this instance' };
  }
  if (!got) return { claimId: cx.claimId, reproduced: false, saved, message: `no violation within ${cx.maxIterations} iterations` };
  const same = got.iteration === saved.iteration && got.metric === saved.metric && Object.is(got.observed, saved.observed) && Object.is(got.bound, saved.bound);
  return {
    claimId: cx.claimId,
    reproduced: same,
    saved,
    replayed: got,
    message: same
      ? `reproduced: at t = ${got.iteration}, ${got.metric} = ${got.observed} ${got.relation === 'le' ? '>' : '<'} bound ${got.bound} (ratio ${got.ratio})`
      : `a different violation: t = ${got.iteration}, ${got.metric} = ${got.observed} (saved: t = ${saved.iteration}, ${saved.metric} = ${saved.observed})`,
  };
}
