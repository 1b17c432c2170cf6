/**
 * Observability (`verify --observe FILE`): one JSON line per instance that verify evaluates, shaped as
 * Hypothesis's test-case observations (`type: 'test_case'`, `status`, `status_reason`,
 * `representation`, `arguments`, `how_generated`, `features`, `coverage`, `timing`, `metadata`,
 * `property`, `run_start`), so that its Tyche viewer and any JSON-lines tool can plot where a claim is
 * tight. `property` is the claim id, `arguments` the instance parameters, `how_generated` the phase
 * (explicit example, generate, target, shrink); `features` hold the largest observed/bound ratio, the
 * iteration where it peaks, the first violating iteration and whether the hypotheses were met;
 * `metadata` the claim's seed, the phase, the instance's index within the claim, the hypotheses that
 * failed and the violation or error. Only `timing` and `run_start` differ between runs with the same seed.
 *
 * Lines reach the file whole and in claim order: each claim collects its lines and writes them with one
 * call into its own part file (on a worker thread or not), and the run concatenates the parts in claim
 * order into a temporary file renamed onto FILE, so concurrent claims never interleave and a run that
 * fails leaves the previous FILE. Aggregate claims (decided over a study) write no lines, nor does a
 * claim whose worker was terminated past the deadline.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { InstanceResult } from './instance.ts';
import type { ClaimError } from './result.ts';
import { finiteJson, writeAtomic } from '../reporting/json-file.ts';

/** How an instance came about: a claim's (or the store's) explicit example, a random draw, the target search, or shrinking. */
export type Phase = 'explicit' | 'generate' | 'target' | 'shrink';

/** One test case, in the field names of Hypothesis's observability format. */
export interface TestCaseObservation {
  type: 'test_case';
  /** 'failed': a violation meeting every hypothesis, or the claim threw; 'gave_up': a hypothesis failed (or the run was cut). */
  status: 'passed' | 'failed' | 'gave_up';
  status_reason: string;
  representation: string;
  arguments: Record<string, unknown>;
  how_generated: Phase;
  features: Record<string, number | string | boolean | null>;
  coverage: null;
  timing: Record<string, number>;
  metadata: Record<string, unknown>;
  property: string;
  /** Unix time (seconds) at which the claim's verification started, grouping its test cases. */
  run_start: number;
}

export interface ObservedInstance {
  phase: Phase;
  params: unknown;
  /** The instance's outcome; absent when the claim threw on it (then `error`). */
  result?: InstanceResult;
  error?: ClaimError;
  /** A target candidate outside the region searched: the claim's domain or its hypotheses (status gave_up, not counted as an instance). */
  rejected?: boolean;
  seconds: number;
}

/** Non-finite numbers spelled as strings, as in report.json ('Infinity', 'NaN'). */
function jsonLine(value: unknown): string {
  return JSON.stringify(value, finiteJson);
}

function status(o: ObservedInstance): { status: TestCaseObservation['status']; reason: string } {
  const r = o.result;
  if (!r) return { status: o.rejected ? 'gave_up' : 'failed', reason: o.error?.message ?? 'the claim threw' };
  if (!r.hypothesesMet) return { status: 'gave_up', reason: `hypotheses not met: ${r.hypotheses.filter((h) => !h.holds).map((h) => h.name).join('; ')}` };
  const v = r.firstViolation;
  if (v) return { status: 'failed', reason: `${v.metric} ${v.relation === 'le' ? 'above' : 'below'} its bound at t = ${v.iteration} (ratio ${v.ratio})` };
  if (r.stop === 'deadline') return { status: 'gave_up', reason: 'the run was cut at the deadline' };
  return { status: 'passed', reason: '' };
}

/** The observation of one evaluated instance of claim `property` (index: its place among the claim's instances). */
export function testCase(property: string, claimSeed: number, runStart: number, index: number, o: ObservedInstance): TestCaseObservation {
  const r = o.result;
  const { status: s, reason } = status(o);
  const args = typeof o.params === 'object' && o.params !== null && !Array.isArray(o.params) ? (o.params as Record<string, unknown>) : { params: o.params };
  const compared = r?.maxRatioAt !== undefined;
  return {
    type: 'test_case',
    status: s,
    status_reason: reason,
    representation: jsonLine(o.params),
    arguments: args,
    how_generated: o.phase,
    features: {
      max_ratio: compared ? r!.maxRatio : null,
      max_ratio_t: compared ? r!.maxRatioAt!.iteration : null,
      first_violation_t: r?.firstViolation ? r.firstViolation.iteration : null,
      hypotheses_met: r ? r.hypothesesMet : null,
      compared_iterations: r ? r.compared : null,
      stop: r && r.hypothesesMet ? r.stop : null,
    },
    coverage: null,
    timing: { 'execute:test': o.seconds },
    metadata: {
      claim_seed: claimSeed,
      phase: o.phase,
      index,
      ...(o.rejected ? { rejected: true } : {}),
      ...(r ? { hypotheses_failed: r.hypotheses.filter((h) => !h.holds).map((h) => h.name) } : {}),
      ...(r?.firstViolation ? { violation: r.firstViolation } : {}),
      ...(o.error ? { traceback: o.error.stack ?? o.error.message } : {}),
    },
    property,
    run_start: runStart,
  };
}

/** The lines of one claim, written with one call when the claim is done. */
export class ObservationLog {
  private readonly lines: string[] = [];
  private readonly runStart = Date.now() / 1000;
  constructor(
    private readonly claimId: string,
    private readonly claimSeed: number,
  ) {}

  add(o: ObservedInstance): void {
    this.lines.push(jsonLine(testCase(this.claimId, this.claimSeed, this.runStart, this.lines.length, o)));
  }

  get size(): number {
    return this.lines.length;
  }

  /** Append the claim's lines to `file` (its part file) in one write. */
  flush(file: string): void {
    if (this.lines.length > 0) writeFileSync(file, this.lines.join('\n') + '\n', { flag: 'a' });
  }
}

/** The part files of one run: one per claim, merged in claim order into the observation file. */
export class ObservationParts {
  private readonly dir: string;
  readonly file: string;
  constructor(file: string) {
    this.file = resolve(file);
    mkdirSync(dirname(this.file), { recursive: true });
    this.dir = mkdtempSync(join(dirname(this.file), `.${basename(this.file)}.parts-`));
  }

  /** The part file of the claim at `index`. */
  part(index: number): string {
    return join(this.dir, `${index}.jsonl`);
  }

  /** Concatenate the parts of claims 0 … count−1 into the observation file (written atomically). */
  merge(count: number): void {
    const parts: Buffer[] = [];
    for (let i = 0; i < count; i++) {
      const p = this.part(i);
      if (existsSync(p)) parts.push(readFileSync(p));
    }
    writeAtomic(this.file, Buffer.concat(parts));
  }

  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
