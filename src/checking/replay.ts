/**
 * Replay a saved counterexample: rebuild the instance from its plain parameters, rerun the method and
 * check that the same bound fails at the same iteration with the same observed value, to the bit.
 * `replayWithTimeLimit` does it on a worker thread under a time limit: the run is cut inside `observe`
 * at the limit, and a run that does not stop there (a loop that never observes) is terminated.
 */
import type { Claim } from '../claims/types.ts';
import { checkInstance, type Violation } from './instance.ts';
import { verifyClaim } from './runner.ts';
import { numberFromJson, type CounterexampleFile } from '../reporting/report.ts';
import { GRACE_MS, runLimited } from './pool.ts';

export interface ReplayOutcome {
  claimId: string;
  reproduced: boolean;
  saved: Violation;
  replayed?: Violation;
  message: string;
  /** The replay was cut at its time limit. */
  cut?: boolean;
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

/** The outcome of a replay cut at its time limit. */
function cutOutcome(cx: CounterexampleFile, saved: Violation, detail: string): ReplayOutcome {
  return { claimId: cx.claimId, reproduced: false, saved, cut: true, message: `not reproduced within the time limit: ${detail}` };
}

function savedViolation(cx: CounterexampleFile): Violation {
  return { ...cx.violation, observed: numberFromJson(cx.violation.observed), bound: numberFromJson(cx.violation.bound), ratio: numberFromJson(cx.violation.ratio) };
}

/** `deadline` (epoch ms): the replayed run is cut there, and the replay is then not reproduced. */
export function replayCounterexample(claim: Claim<unknown>, cx: CounterexampleFile, options: { deadline?: number } = {}): ReplayOutcome {
  const deadline = options.deadline;
  const saved = savedViolation(cx);
  if (cx.aggregate) {
    // a study over many instances: rerun it with the same claim seed and runs
    const again = verifyClaim(claim, { runs: cx.aggregate.runs, seed: 0, claimSeed: cx.fastCheck.seed, maxIterations: cx.maxIterations, dense: cx.dense, deadline });
    if (again.verdict === 'inconclusive' && deadline !== undefined && Date.now() >= deadline) return cutOutcome(cx, saved, `the study was cut (${again.reason ?? 'time limit'})`);
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
  const res = checkInstance(claim, cx.params, { maxIterations: cx.maxIterations, dense: cx.dense, deadline });
  const got = res.firstViolation;
  if (!got && res.stop === 'deadline') return cutOutcome(cx, saved, `the run was cut at t = ${Math.max(0, res.iterations - 1)} of ${cx.maxIterations}`);
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

/** Where the claim of a counterexample comes from: a worker reloads it from its claim file or catalog module. */
export interface ReplaySource {
  claim: Claim<unknown>;
  file?: string;
  module?: string;
}

/**
 * Replay under a time limit (ms): on a worker thread when the claim can be reloaded there (else in this
 * thread, cut only inside `observe`). A replay that does not end by the limit is not reproduced.
 */
export async function replayWithTimeLimit(source: ReplaySource, cx: CounterexampleFile, timeLimitMs: number): Promise<ReplayOutcome> {
  const deadline = Date.now() + timeLimitMs;
  const seconds = `${+(timeLimitMs / 1000).toPrecision(6)} s`;
  if (source.file === undefined && source.module === undefined) {
    const outcome = replayCounterexample(source.claim, cx, { deadline });
    return outcome.cut ? { ...outcome, message: outcome.message.replace('the time limit', `the time limit (${seconds})`) } : outcome;
  }
  type Reply = { ok: true; outcome: ReplayOutcome } | { ok: false; kind: string; message: string };
  const task = { claimId: source.claim.id, claimFile: source.file, catalogModule: source.file ? undefined : source.module, cx, deadline };
  const got = await runLimited<Reply>('replay', task, timeLimitMs + GRACE_MS);
  if (got.status === 'cut') return cutOutcome(cx, savedViolation(cx), `the run did not stop within ${seconds}; the worker was terminated`);
  if (got.status === 'died') throw new Error(got.message);
  if (!got.value.ok) throw Object.assign(got.value.kind === 'range' ? new RangeError(got.value.message) : new Error(got.value.message), { kind: got.value.kind });
  const outcome = got.value.outcome;
  return outcome.cut ? { ...outcome, message: outcome.message.replace('the time limit', `the time limit (${seconds})`) } : outcome;
}
