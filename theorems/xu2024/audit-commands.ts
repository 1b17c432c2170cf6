/**
 * Xu, Wang, Zhao, Ward, Tao (NeurIPS 2024): the paper's commands.
 * - `ratecheck audit-init [family]`: the initialization audits of Theorems 1-2 (matrix factorization,
 *   audit-init.ts) and Theorem 3 (two-layer linear networks, audit-init-network.ts); writes audit-init.json.
 * - `ratecheck width`: the width audit of two-layer linear networks (audit-width.ts). For each
 *   initialization scheme and method, the smallest width at which training converges linearly, next to
 *   the width each theorem requires. Text table by default, JSON with --json; --out FILE writes the JSON
 *   report (through a temporary name, so nothing half-written is left).
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type Command, type CommandContext, createProgress, integer, InvalidArgumentError, positiveInt, positiveNumber, SCHEMA_VERSION, toJson, UsageError, writeAtomic } from 'ratecheck';
import { auditFindings, auditInit, auditTable, defaultSettings } from './audit-init.ts';
import { auditInitNetwork, networkAuditFindings, networkAuditTable, networkSettings } from './audit-init-network.ts';
import { AUDIT_METHODS, AUDIT_SCHEMES, auditInstance, defaultAuditConfig, formatWidthAudit, widthAudit, type AuditMethod } from './audit-width.ts';
import type { InitScheme } from './network-setup.ts';

// ---------------------------------------------------------------------------------------------
// ratecheck audit-init

type Io = Pick<CommandContext, 'out' | 'err'>;
const progressStream = (io: Io) => ({ write: (s: string) => io.err(s), isTTY: false });

interface AuditCliOptions {
  widths: number[];
  seed: number;
  out: string;
  json: boolean;
}

const AUDIT_FAMILIES: Record<string, 'matrix-factorization' | 'linear-network'> = {
  'matrix-factorization': 'matrix-factorization',
  'xu2024-mf': 'matrix-factorization',
  mf: 'matrix-factorization',
  'linear-network': 'linear-network',
  'xu2024-nn': 'linear-network',
  network: 'linear-network',
};

export function runAuditInit(family: string, o: AuditCliOptions, io: Io): number {
  const families = family === 'all' ? (['matrix-factorization', 'linear-network'] as const) : AUDIT_FAMILIES[family] ? [AUDIT_FAMILIES[family]] : null;
  if (!families) throw new UsageError(`unknown family '${family}' for audit-init (available: all, matrix-factorization, linear-network)`);
  const widths = o.widths;
  for (const d of widths) if (d < 5) throw new UsageError(`--widths: the paper's instances have rank 5, so d must be at least 5 (got ${d})`);
  const outDir = resolve(o.out);
  mkdirSync(outDir, { recursive: true });
  const doc: Record<string, unknown> = { schemaVersion: SCHEMA_VERSION, kind: 'ratecheck-audit-init', widths, seed: o.seed };
  const text: string[] = [];
  for (const fam of families) {
    if (fam === 'matrix-factorization') {
      io.err(`ratecheck audit-init matrix-factorization: the paper's instance m = 100, n = 80, r = 5, κ = 5, widths ${widths.join(', ')}, seed ${o.seed}\n`);
      const progress = createProgress({ label: 'audit-init', total: widths.length * 2 * defaultSettings().length, stream: progressStream(io) });
      const rows = auditInit({ widths, seed: o.seed, onRow: (row) => progress.tick(`d = ${row.d}: ${row.setting}, ${row.method.toUpperCase()}`) });
      progress.done(`${rows.length} rows`);
      const findings = auditFindings(rows);
      doc['matrix-factorization'] = { instance: { m: 100, n: 80, r: 5, kappa: 5 }, findings, rows };
      text.push(`Matrix factorization (Theorems 1 and 2)\n${auditTable(rows)}\n\n${findings.join('\n')}`);
    } else {
      io.err(`ratecheck audit-init linear-network: the paper's network m = 100, n = 80, N = 120, r = 5, widths ${widths.join(', ')}, seed ${o.seed}\n`);
      const progress = createProgress({ label: 'audit-init', total: widths.length * 2 * networkSettings().length, stream: progressStream(io) });
      const rows = auditInitNetwork({ widths, seed: o.seed, onRow: (row) => progress.tick(`d = ${row.d}: ${row.setting}, ${row.method.toUpperCase()}`) });
      progress.done(`${rows.length} rows`);
      const findings = networkAuditFindings(rows);
      doc['linear-network'] = { instance: { m: 100, n: 80, N: 120, r: 5 }, findings, rows, note: 'initialization (14) needs d ≥ m = 100 and is audited by ratecheck width' };
      text.push(`Two-layer linear network (Theorem 3)\n${networkAuditTable(rows)}\n\n${findings.join('\n')}\n(initialization (14) needs d ≥ m = 100: see ratecheck width)`);
    }
  }
  const file = join(outDir, 'audit-init.json');
  writeAtomic(file, toJson(doc));
  if (o.json) io.out(toJson(doc));
  else io.out(`${text.join('\n\n')}\nwritten: ${file}\n`);
  return 0;
}

export function registerAuditInit(program: Command, ctx: CommandContext): void {
  const io = ctx, setCode = ctx.setCode;
  program
    .command('audit-init')
    .description('audit initializations: hypotheses met, convergence, observed rate and bounds across initialization scales')
    .argument('[family]', 'all, matrix-factorization (xu2024-mf) or linear-network (xu2024-nn)', 'all')
    .option('--widths <list>', 'comma-separated widths d', (v: string) => v.split(',').map((x) => positiveInt('--widths')(x)), [5, 20, 80])
    .option('--seed <s>', 'seed of the instance', integer('--seed'), 1)
    .option('--out <dir>', 'where audit-init.json is written', 'reports/audit-init')
    .option('--json', 'print the rows as JSON', false)
    .action((family: string, opts: AuditCliOptions) => setCode(runAuditInit(family, opts, io)));
}

// ---------------------------------------------------------------------------------------------
// ratecheck width

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

/** Registers the paper's commands: audit-init and width. */
export function registerAuditCommands(program: Command, ctx: CommandContext): void {
  registerAuditInit(program, ctx);
  registerWidth(program, ctx, ctx.setCode);
}
