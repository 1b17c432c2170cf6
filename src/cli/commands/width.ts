/**
 * `ratecheck width`: the width audit of two-layer linear networks (src/analysis/width-audit.ts). For each
 * initialization scheme and method, the smallest width at which training converges linearly, next to
 * the width each theorem requires. Text table by default, JSON with --json; --out FILE writes the JSON
 * report (through a temporary name, so nothing half-written is left).
 */
import { resolve } from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { integer, positiveInt, positiveNumber } from '../options.ts';
import { toJson, writeAtomic } from '../../reporting/report.ts';
import { UsageError } from '../errors.ts';
import { AUDIT_METHODS, AUDIT_SCHEMES, auditInstance, defaultAuditConfig, formatWidthAudit, widthAudit, type AuditMethod } from '../../analysis/width-audit.ts';
import type { InitScheme } from '../../problems/linear-network.ts';

export interface WidthIo {
  out: (s: string) => void;
  err: (s: string) => void;
}




function listOf<T extends string>(name: string, allowed: readonly T[]) {
  return (v: string): T[] => {
    const items = v.split(',').map((s) => s.trim()).filter((s) => s !== '');
    const bad = items.filter((s) => !(allowed as readonly string[]).includes(s));
    if (items.length === 0 || bad.length > 0) throw new InvalidArgumentError(`${name} must be a comma-separated list of ${allowed.join(', ')}.`);
    return [...new Set(items)] as T[];
  };
}

export interface WidthCliOptions {
  m: number;
  n: number;
  samples: number;
  rankD: number;
  rank: number;
  condD: number;
  condA: number;
  seed: number;
  draws: number;
  maxWidth?: number;
  maxIterations: number;
  tolerance: number;
  cMultiplier: number;
  methods: AuditMethod[];
  schemes: InitScheme[];
  json: boolean;
  out?: string;
}

/** Run the audit for parsed options; returns the exit code (0), throws UsageError on bad input. */
export function runWidth(o: WidthCliOptions, io: WidthIo): number {
  const instance = { ...auditInstance(o.seed), m: o.m, n: o.n, N: o.samples, rankD: o.rankD, r: o.rank, condD: o.condD, condA: o.condA };
  let report;
  try {
    report = widthAudit(
      defaultAuditConfig({
        instance,
        methods: o.methods,
        schemes: o.schemes,
        draws: o.draws,
        maxWidth: o.maxWidth ?? instance.m + 2,
        maxIterations: o.maxIterations,
        tolerance: o.tolerance,
        cMultiplier: o.cMultiplier,
      }),
    );
  } catch (e) {
    if (e instanceof RangeError) throw new UsageError(e.message);
    throw e;
  }
  if (o.json) io.out(toJson(report));
  else io.out(formatWidthAudit(report) + '\n');
  if (o.out) {
    const file = resolve(o.out);
    try {
      writeAtomic(file, toJson(report));
    } catch (e) {
      throw new UsageError(`cannot write ${o.out}: ${(e as Error).message}`);
    }
    io.err(`width audit written to ${file}\n`);
  }
  return 0;
}

export function registerWidth(program: Command, io: WidthIo, setCode: (c: number) => void): Command {
  const d = auditInstance();
  return program
    .command('width')
    .description('width audit of two-layer linear networks: the smallest width at which GD / NAG converge linearly from each initialization, next to the width each theorem requires')
    .option('--m <n>', 'output dimension m (rows of L)', positiveInt('--m'), d.m)
    .option('--n <n>', 'input dimension n (rows of D)', positiveInt('--n'), d.n)
    .option('--samples <n>', 'number of samples N (columns of D and L)', positiveInt('--samples'), d.N)
    .option('--rank-d <n>', 'rank(D)', positiveInt('--rank-d'), d.rankD)
    .option('--rank <n>', 'rank(L)', positiveInt('--rank'), d.r)
    .option('--cond-d <x>', 'condition number of the prescribed spectrum of D', positiveNumber('--cond-d'), d.condD)
    .option('--cond-a <x>', 'condition number of A (L = AD)', positiveNumber('--cond-a'), d.condA)
    .option('--seed <s>', 'seed of the data and the initialization draws', integer('--seed'), d.seed)
    .option('--draws <n>', 'initialization draws per width', positiveInt('--draws'), 3)
    .option('--max-width <n>', 'largest width tried (default m + 2)', positiveInt('--max-width'))
    .option('--max-iterations <n>', 'iteration budget of one training run', positiveInt('--max-iterations'), 20_000)
    .option('--tolerance <x>', 'relative residual ‖R‖_F/‖L‖_F counted as converged', positiveNumber('--tolerance'), 1e-8)
    .option('--c-multiplier <x>', 'c of (12)-(14) as a multiple of Theorem 3’s threshold', positiveNumber('--c-multiplier'), 1)
    .option('--methods <list>', `methods (${AUDIT_METHODS.join(',')})`, listOf('--methods', AUDIT_METHODS), [...AUDIT_METHODS])
    .option('--schemes <list>', `initializations (${AUDIT_SCHEMES.join(',')})`, listOf('--schemes', AUDIT_SCHEMES), [...AUDIT_SCHEMES])
    .option('--json', 'print the report as JSON', false)
    .option('--out <file>', 'also write the JSON report to this file')
    .action((opts: WidthCliOptions) => setCode(runWidth(opts, io)));
}
