/**
 * The `ratecheck` command line: list, verify, replay. Exit codes: 0 every verdict as expected (or the
 * replay reproduced), 1 a verdict not as expected (or a replay that did not reproduce), 2 bad usage or
 * input (one line on stderr, nothing written).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { integer, positiveInt, positiveNumber } from './options.ts';
import { mkdirSync } from 'node:fs';
import { ClaimDefect, type Claim, type ProfileName } from '../claims/types.ts';
import { iterationBudget, verifyClaim, type ClaimResult } from '../checking/runner.ts';
import { CounterexampleStore, DEFAULT_STORE } from '../checking/store.ts';
import { tighten } from '../checking/tighten.ts';
import { verifyInPool } from '../checking/pool.ts';
import type { WorkerTask } from '../checking/worker.ts';
import type { DrawnFigure } from '../reporting/html.ts';
import { availableParallelism } from 'node:os';
import { junitXml } from '../reporting/junit.ts';
import { auditFindings, auditInit, auditInitNetwork, auditTable, defaultSettings, networkAuditFindings, networkAuditTable, networkSettings } from '../analysis/audit-init.ts';
import { mergeReports } from '../reporting/merge.ts';
import { replayCounterexample, validateCounterexampleFile } from '../checking/replay.ts';
import {
  TOOL_VERSION,
  SCHEMA_VERSION,
  buildEntry,
  consoleTable,
  summarize,
  writeReport,
  writeAtomic,
  toJson,
  markdownReport,
  fmtNumber,
  counterexampleFile,
  type ClaimEntry,
  type CounterexampleFile,
  type Report,
} from '../reporting/report.ts';
import { UsageError } from './errors.ts';
import { registerWidth } from './commands/width.ts';
import { registerBatchSize } from './commands/batch-size.ts';
import { registerFigures } from './commands/figures.ts';
import { createProgress, type ProgressStream } from './progress.ts';
import { builtinClaims, firstLine, loadClaimFile, resolveTargets, type LoadedClaim } from './load.ts';

export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
}

const defaultIo: Io = {
  out: (s) => process.stdout.write(s),
  err: (s) => process.stderr.write(s),
};

/** Progress goes to the error stream: a redrawn bar on a terminal, plain lines otherwise (and with CI=true). */
function progressStream(io: Io): ProgressStream {
  const terminal = io.err === defaultIo.err;
  return { write: (s: string) => io.err(s), isTTY: terminal && process.stderr.isTTY === true, columns: terminal ? process.stderr.columns : undefined };
}




export interface Profile {
  runs: number;
  iterationScale: number;
  /** wall-clock budget of the whole run, seconds (none: unlimited) */
  timeLimit?: number;
}

/** quick: a smoke run for pull requests; default: the README's run; thorough: nightly. */
export const PROFILES: Record<ProfileName, Profile> = {
  quick: { runs: 20, iterationScale: 0.25, timeLimit: 120 },
  default: { runs: 100, iterationScale: 1 },
  thorough: { runs: 500, iterationScale: 5 },
};

interface VerifyCliOptions {
  runs?: number;
  seed: number;
  timeLimit?: number;
  out: string;
  maxIterations?: number;
  dense: boolean;
  quiet: boolean;
  profile: ProfileName;
  store: string | false;
  junit?: string;
  shard?: { index: number; count: number };
  workers?: number;
}

function parseShard(v: string): { index: number; count: number } {
  const m = /^(\d+)\/(\d+)$/.exec(v.trim());
  const index = m ? Number(m[1]) : NaN, count = m ? Number(m[2]) : NaN;
  if (!(count >= 1 && index >= 1 && index <= count)) throw new InvalidArgumentError('--shard must be i/N with 1 ≤ i ≤ N.');
  return { index, count };
}

function parseProfile(v: string): ProfileName {
  if (v !== 'quick' && v !== 'default' && v !== 'thorough') throw new InvalidArgumentError('--profile must be quick, default or thorough.');
  return v;
}

export async function runVerify(targets: string[], o: VerifyCliOptions, io: Io): Promise<number> {
  let selected = await resolveTargets(targets);
  if (o.shard) {
    const { index, count } = o.shard;
    selected = selected.filter((_, i) => i % count === index - 1);
  }
  const profile = PROFILES[o.profile];
  const runs = o.runs ?? profile.runs;
  const timeLimit = o.timeLimit ?? profile.timeLimit;
  const outDir = resolve(o.out);
  const store = o.store === false ? null : new CounterexampleStore(resolve(o.store));
  const warn = (s: string) => io.err(`warning: ${s}\n`);
  const entries: ClaimEntry[] = [];
  const started = performance.now();
  io.err(`ratecheck verify: ${selected.length} claims${o.shard ? ` (shard ${o.shard.index}/${o.shard.count})` : ''}, profile ${o.profile}, ${runs} runs each, seed ${o.seed}\n`);
  const deadlineEpoch = timeLimit !== undefined ? Date.now() + timeLimit * 1000 : undefined;
  const tasks: WorkerTask[] = selected.map(({ claim, file }, index) => {
    const maxIterations = iterationBudget(claim as Claim<unknown>, { maxIterations: o.maxIterations, iterationScale: profile.iterationScale });
    const stored = store && !claim.aggregate ? store.usable(claim, maxIterations, warn) : [];
    return { index, claimId: claim.id, claimFile: file, profile: o.profile, deadline: deadlineEpoch, figure: true, options: { runs, seed: o.seed, maxIterations, dense: o.dense, replayFirst: stored } };
  });
  const workers = Math.max(1, Math.min(o.workers ?? (tasks.length >= 4 ? availableParallelism() : 1), tasks.length));
  let done = 0;
  const figures = new Map<string, DrawnFigure | null>();
  const progress = createProgress({ label: 'verify', total: tasks.length, stream: progressStream(io), mode: o.quiet ? 'silent' : undefined });
  const onResult = (task: WorkerTask, result: ClaimResult, figure?: DrawnFigure | null) => {
    done++;
    if (figure !== undefined) figures.set(task.claimId, figure);
    const mark = result.verdict === result.expected ? '' : ` (expected ${result.expected})`;
    if (progress.mode === 'bar') progress.tick(`${task.claimId}: ${result.verdict}${mark}`);
    else if (!o.quiet) io.err(`[${done}/${tasks.length}] ${task.claimId}: ${result.verdict}${mark}, ${result.hypothesesMet}/${result.instances} instances, ${(result.timeMs / 1000).toFixed(2)}s\n`);
  };
  let results: ClaimResult[];
  try {
    if (workers > 1) {
      io.err(`verifying on ${workers} worker threads\n`);
      results = await verifyInPool(tasks, workers, onResult);
    } else {
      results = tasks.map((task) => {
        const { claim } = selected[task.index];
        const result = verifyClaim(claim, {
          ...task.options,
          timeLimitMs: deadlineEpoch !== undefined ? Math.max(0, deadlineEpoch - Date.now()) : undefined,
          params: claim.profiles?.[o.profile],
        });
        onResult(task, result);
        return result;
      });
    }
  } catch (e) {
    if (e instanceof ClaimDefect) throw new UsageError(`claim defect: ${e.message}`);
    throw e;
  }
  if (progress.mode === 'bar') progress.done(`${tasks.length} claims`);
  for (let i = 0; i < selected.length; i++) {
    const { claim, file } = selected[i];
    const result = results[i];
    if (store && result.counterexample && !result.counterexample.aggregate) store.add(claim.id, result.counterexample.params);
    entries.push(buildEntry(claim as Claim<unknown>, result, outDir, file));
  }
  const report: Report = {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: 'ratecheck', version: TOOL_VERSION },
    createdAt: new Date().toISOString(),
    options: { runs, seed: o.seed, timeLimitSec: timeLimit ?? null, maxIterations: o.maxIterations ?? null, dense: o.dense, profile: o.profile, shard: o.shard ? `${o.shard.index}/${o.shard.count}` : null },
    summary: summarize(entries),
    claims: entries,
  };
  writeReport(outDir, report, { claims: selected.map((c) => c.claim), precomputed: figures });
  if (o.junit) {
    mkdirSync(dirname(resolve(o.junit)), { recursive: true });
    writeAtomic(resolve(o.junit), junitXml(report));
  }
  io.out(consoleTable(entries) + '\n\n');
  const s = report.summary;
  io.out(`${s.asExpected} of ${s.claims} claims as expected in ${((performance.now() - started) / 1000).toFixed(1)}s` + (s.unexpected.length ? `; NOT as expected: ${s.unexpected.join(', ')}` : '') + '\n');
  io.out(`report: ${join(outDir, 'report.json')}, ${join(outDir, 'report.md')}, ${join(outDir, 'report.html')}\n`);
  return s.unexpected.length === 0 ? 0 : 1;
}

function readJson(file: string): unknown {
  if (!existsSync(file)) throw new UsageError(`file not found: ${file}`);
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new UsageError(`malformed JSON in ${file}: ${firstLine(e)}`);
  }
}

async function claimFor(cx: CounterexampleFile, base: string): Promise<Claim<unknown>> {
  let pool: LoadedClaim[] = builtinClaims();
  if (cx.claimFile) pool = await loadClaimFile(resolve(base, cx.claimFile));
  const hit = pool.find((c) => c.claim.id === cx.claimId);
  if (!hit) throw new UsageError(`unknown claim id '${cx.claimId}' in the counterexample`);
  return hit.claim;
}

export async function runReplay(file: string, io: Io): Promise<number> {
  const data = readJson(file) as Record<string, unknown>;
  let files: CounterexampleFile[];
  if (data && typeof data === 'object' && Array.isArray((data as { claims?: unknown }).claims)) {
    // a report.json: replay every counterexample it holds
    const report = data as unknown as Report;
    files = report.claims.map((e) => counterexampleFile(e, report.options?.dense ?? false)).filter((x): x is CounterexampleFile => x !== null);
    if (files.length === 0) throw new UsageError(`${file} holds no counterexamples`);
  } else {
    files = [data as unknown as CounterexampleFile];
  }
  let failures = 0;
  for (const cx of files) {
    const problem = validateCounterexampleFile(cx);
    if (problem) throw new UsageError(`${file}: ${problem}`);
    const claim = await claimFor(cx, dirname(resolve(file)));
    let outcome;
    try {
      outcome = replayCounterexample(claim, cx);
    } catch (e) {
      throw new UsageError(`${cx.claimId}: replay failed: ${firstLine(e)}`);
    }
    io.out(`${cx.claimId}: ${outcome.message}\n  params ${JSON.stringify(cx.params)}\n`);
    if (!outcome.reproduced) failures++;
  }
  return failures === 0 ? 0 : 1;
}

export function runMerge(files: string[], opts: { out: string; junit?: string }, io: Io): number {
  const reports = files.map((f) => {
    const data = readJson(f) as Report;
    if (!data || !Array.isArray(data.claims) || typeof data.schemaVersion !== 'number') throw new UsageError(`${f} is not a ratecheck report.json`);
    return data;
  });
  let merged: Report;
  try {
    merged = mergeReports(reports);
  } catch (e) {
    throw new UsageError(firstLine(e));
  }
  const outDir = resolve(opts.out);
  mkdirSync(outDir, { recursive: true });
  writeAtomic(join(outDir, 'report.md'), markdownReport(merged));
  writeAtomic(join(outDir, 'report.json'), toJson(merged));
  if (opts.junit) writeAtomic(resolve(opts.junit), junitXml(merged));
  io.out(consoleTable(merged.claims) + '\n\n');
  io.out(`${merged.summary.asExpected} of ${merged.summary.claims} claims as expected (merged from ${files.length} reports)\nreport: ${join(outDir, 'report.json')}\n`);
  return merged.summary.unexpected.length === 0 ? 0 : 1;
}

interface TightenCliOptions {
  budget: number;
  seed: number;
  maxIterations?: number;
  out: string;
  json: boolean;
}

export async function runTighten(id: string, o: TightenCliOptions, io: Io): Promise<number> {
  const [{ claim }] = await resolveTargets([id]).then((list) => {
    if (list.length !== 1) throw new UsageError(`tighten takes one claim; '${id}' selects ${list.length}`);
    return list;
  });
  if (claim.aggregate) throw new UsageError(`${id} is decided over many instances (${claim.aggregate.kind}); tighten works on per-instance bounds`);
  io.err(`ratecheck tighten ${id}: ${o.budget}s budget, seed ${o.seed}\n`);
  let lastReport = performance.now();
  let result;
  try {
    result = tighten(claim, {
      budgetMs: o.budget * 1000,
      seed: o.seed,
      maxIterations: o.maxIterations,
      onProgress: (n, best) => {
        if (performance.now() - lastReport > 5000) {
          lastReport = performance.now();
          io.err(`  ${n} instances, best ratio so far ${fmtNumber(best, 6)}\n`);
        }
      },
    });
  } catch (e) {
    if (e instanceof ClaimDefect || e instanceof RangeError) throw new UsageError(firstLine(e));
    throw e;
  }
  const outDir = resolve(o.out);
  mkdirSync(outDir, { recursive: true });
  const file = join(outDir, `${id.replace(/[^A-Za-z0-9_.-]/g, '_')}.json`);
  writeAtomic(file, toJson({ schemaVersion: SCHEMA_VERSION, kind: 'ratecheck-tight-instance', ...result }));
  if (o.json) {
    io.out(toJson(result));
    return 0;
  }
  const c = result.contraction;
  io.out(
    [
      `${id}: ${result.evaluations} instances (${result.valid} meeting the hypotheses), ${result.improvements} improvements, ${result.restarts} restarts`,
      `largest observed/bound ratio: ${result.ratio.toPrecision(6)} at t = ${result.iteration} (${result.metric})`,
      `  params ${JSON.stringify(result.params)}`,
      c
        ? `contraction on that instance: observed per-step factor 1 − ${(1 - c.observedFactor).toExponential(3)} vs claimed 1 − ${(1 - c.claimedFactor).toExponential(3)}: exponent ratio ${c.exponentRatio.toFixed(3)} (fitted on t = ${c.fitRange[0]}..${c.fitRange[1]})`
        : 'contraction on that instance: not fitted (the run did not reach the roundoff floor within the iteration budget, or its bound does not decay)',
      result.medianExponentRatio !== null ? `median exponent ratio over the best explored instances that reached the floor: ${result.medianExponentRatio.toFixed(3)}` : '',
      `tight instance: ${file}`,
    ].filter(Boolean).join('\n') + '\n',
  );
  return 0;
}

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

export function listClaims(json: boolean, io: Io): number {
  const all = builtinClaims().map(({ claim }) => claim);
  if (json) {
    io.out(JSON.stringify(all.map((c) => ({ id: c.id, expected: c.expected, kind: c.kind, variantOf: c.variantOf, source: c.source, statement: c.statement })), null, 2) + '\n');
    return 0;
  }
  const w = Math.max(...all.map((c) => c.id.length));
  for (const c of all) io.out(`${c.id.padEnd(w)}  ${c.expected.padEnd(9)} ${c.kind.padEnd(16)} [${c.source.confidence}] ${c.source.theorem}\n`);
  io.out(`${all.length} claims (${all.filter((c) => c.expected === 'refuted').length} false variants)\n`);
  return 0;
}

export function buildProgram(io: Io, setCode: (c: number) => void): Command {
  const program = new Command();
  program
    .name('ratecheck')
    .description('Property-based verification of convergence theorems of optimization methods')
    .version(TOOL_VERSION)
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .showHelpAfterError(false);

  program
    .command('list')
    .description('list the claims of the built-in catalog')
    .option('--json', 'machine-readable output', false)
    .action((opts: { json: boolean }) => setCode(listClaims(opts.json, io)));

  program
    .command('verify')
    .description('verify claims (ids, id prefixes such as xu2024-mf, or claim files); all built-in claims when none are given')
    .argument('[targets...]', 'claim ids, family prefixes or claim files')
    .option('--runs <n>', 'random instances per claim (default: the profile’s, 100)', positiveInt('--runs'))
    .option('--seed <s>', 'global seed (each claim derives its own from it)', integer('--seed'), 42)
    .option('--time-limit <sec>', 'wall-clock budget of the whole run; claims cut short are inconclusive', positiveNumber('--time-limit'))
    .option('--out <dir>', 'report directory', 'reports/latest')
    .option('--max-iterations <n>', 'iteration budget of one trajectory (overrides each claim’s own)', positiveInt('--max-iterations'))
    .option('--dense', 'run the dense methods even where an exact reduced path exists', false)
    .option('--quiet', 'no per-claim progress lines', false)
    .option('--profile <name>', 'quick | default | thorough: runs, instance sizes, iteration budgets', parseProfile, 'default')
    .option('--store <dir>', 'counterexample store: stored instances are tried first, new ones are added', DEFAULT_STORE)
    .option('--no-store', 'neither read nor write the counterexample store')
    .option('--junit <file>', 'also write JUnit XML')
    .option('--workers <n>', 'worker threads (default: the cores available, when verifying 4 claims or more)', positiveInt('--workers'))
    .option('--shard <i/N>', 'verify only the i-th of N slices of the selected claims (merge the reports with ratecheck merge)', parseShard)
    .action(async (targets: string[], opts: VerifyCliOptions) => setCode(await runVerify(targets, opts, io)));

  program
    .command('merge')
    .description('merge the report.json files of sharded runs into one report')
    .argument('<reports...>', 'report.json files')
    .option('--out <dir>', 'directory of the merged report', 'reports/merged')
    .option('--junit <file>', 'also write JUnit XML')
    .action((files: string[], opts: { out: string; junit?: string }) => setCode(runMerge(files, opts, io)));

  program
    .command('tighten')
    .description('search for the tightest instance of a claim (largest observed/bound ratio)')
    .argument('<claim>', 'claim id')
    .option('--budget <sec>', 'search time', positiveNumber('--budget'), 30)
    .option('--seed <s>', 'seed of the search', integer('--seed'), 42)
    .option('--max-iterations <n>', 'iteration budget of one trajectory', positiveInt('--max-iterations'))
    .option('--out <dir>', 'where the tight instance and tighten.json are written', 'reports/tighten')
    .option('--json', 'print the result as JSON', false)
    .action(async (id: string, opts: TightenCliOptions) => setCode(await runTighten(id, opts, io)));

  program
    .command('audit-init')
    .description('audit initializations: hypotheses met, convergence, observed rate and bounds across initialization scales')
    .argument('[family]', 'all, matrix-factorization (xu2024-mf) or linear-network (xu2024-nn)', 'all')
    .option('--widths <list>', 'comma-separated widths d', (v: string) => v.split(',').map((x) => positiveInt('--widths')(x)), [5, 20, 80])
    .option('--seed <s>', 'seed of the instance', integer('--seed'), 1)
    .option('--out <dir>', 'where audit-init.json is written', 'reports/audit-init')
    .option('--json', 'print the rows as JSON', false)
    .action((family: string, opts: AuditCliOptions) => setCode(runAuditInit(family, opts, io)));

  program
    .command('replay')
    .description('replay a saved counterexample (or every counterexample of a report.json)')
    .argument('<file>', 'counterexample JSON or report.json')
    .action(async (file: string) => setCode(await runReplay(file, io)));

  registerWidth(program, io, setCode);
  registerBatchSize(program, io, setCode);
  registerFigures(program, io, setCode);
  return program;
}

export async function main(argv: string[], io: Io = defaultIo): Promise<number> {
  let code = 0;
  const program = buildProgram(io, (c) => (code = c));
  try {
    await program.parseAsync(argv);
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      // help and version exit 0; every other commander error is bad usage (its message is already printed)
      return e.exitCode === 0 ? 0 : 2;
    }
    if (e instanceof UsageError) {
      io.err(`ratecheck: ${e.message}\n`);
      return 2;
    }
    io.err(`ratecheck: internal error: ${firstLine(e)}\n`);
    return 2;
  }
}
