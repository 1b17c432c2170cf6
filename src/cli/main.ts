/**
 * The `ratecheck` command line: list, verify, replay. Exit codes: 0 every verdict as expected (or the
 * replay reproduced), 1 a verdict not as expected (or a replay that did not reproduce), 2 bad usage or
 * input (one line on stderr, nothing written).
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { integer, positiveInt, positiveNumber } from './options.ts';
import { ClaimDefect, type Claim, type ProfileName } from '../claims/types.ts';
import type { Catalog } from '../catalog.ts';
import { DEFAULT_STORE, paramsSizeProblem } from '../checking/store.ts';
import { LockError } from '../checking/lock.ts';
import { MAX_JSON_BYTES, OutputError, lockOutput, validateOutputs, writeReport } from '../reporting/write.ts';
import { locate } from '../reporting/paths.ts';
import { TightenCut, tightenWithBudget } from '../checking/tighten.ts';
import type { SearchMethod } from '../search/index.ts';
import { formatCurve } from '../search/curve.ts';
import { PROFILES, verifyClaims, type VerifyTimings } from '../checking/verify.ts';
import { junitXml } from '../reporting/junit.ts';
import { mergeReports } from '../reporting/merge.ts';
import { replayWithTimeLimit, validateCounterexampleFile } from '../checking/replay.ts';
import { safeText, TOOL_VERSION, consoleTable, statisticsLines, writeAtomic, toJson, fmtNumber, counterexampleFile, SCHEMA_VERSION, type CounterexampleFile, type Report } from '../reporting/report.ts';
import { UsageError } from './errors.ts';
import { registerFigures } from './commands/figures.ts';
import { registerInit } from './commands/init.ts';
import { registerPower, type PowerFile } from './commands/power.ts';
import type { PowerResult } from '../checking/power.ts';
import { createProgress, type ProgressStream } from './progress.ts';
import { builtinClaims, checkInputFile, firstLine, loadClaimFile, resolvesInside, resolveTargets, type LoadedClaim } from './load.ts';
import { projectRoot } from '../reporting/paths.ts';

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




export { PROFILES, type Profile } from '../checking/verify.ts';

interface VerifyCliOptions {
  runs?: number;
  seed: number;
  timeLimit?: number;
  out: string;
  maxIterations?: number;
  dense: boolean;
  quiet: boolean;
  stats?: boolean;
  /** The report as JSON on stdout; the table, summary and notes go to stderr. */
  json?: boolean;
  profile: ProfileName;
  store: string | false;
  junit?: string;
  shard?: { index: number; count: number };
  workers?: number;
  /** false with --no-target: every run is a random draw. */
  target: boolean;
  observe?: string;
  /** A power.json from `ratecheck power --out`: its detection thresholds go into the reports. */
  power?: string;
}

/** The analyses of a power.json (`ratecheck power --out`), checked before anything runs. */
function loadPowerFile(file: string): PowerResult[] {
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(resolve(file), 'utf8'));
  } catch (e) {
    throw new UsageError(`--power ${file}: ${firstLine(e instanceof Error ? e.message : String(e))}`);
  }
  const d = doc as Partial<PowerFile> | null;
  if (d?.kind !== 'ratecheck-power' || !Array.isArray(d.claims)) throw new UsageError(`--power ${file}: not a power.json written by \`ratecheck power --out\` (kind 'ratecheck-power' with a claims array)`);
  return d.claims;
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

/** Output paths checked before any claim file is loaded or anything runs (exit 2, nothing written). */
function checkOutputs(o: { out?: string; junit?: string; store?: string; observe?: string }): void {
  try {
    validateOutputs(o, { out: '--out', junit: '--junit', store: '--store', observe: '--observe' });
  } catch (e) {
    if (e instanceof OutputError) throw new UsageError(e.message);
    throw e;
  }
}

export async function runVerify(targets: string[], o: VerifyCliOptions, io: Io, catalog?: Catalog): Promise<number> {
  checkOutputs({ out: o.out, junit: o.junit, store: o.store === false ? undefined : o.store, observe: o.observe });
  const power = o.power !== undefined ? loadPowerFile(o.power) : undefined;
  const selected = await resolveTargets(targets, catalog);
  const started = performance.now();
  const count = o.shard ? selected.filter((_, i) => i % o.shard!.count === o.shard!.index - 1).length : selected.length;
  const runs = o.runs ?? PROFILE_RUNS[o.profile];
  io.err(`ratecheck verify: ${count} claim${count === 1 ? '' : 's'}${o.shard ? ` (shard ${o.shard.index}/${o.shard.count})` : ''}, profile ${o.profile}, ${runs} runs each, seed ${o.seed}\n`);
  if (o.shard && count === 0) io.err(`note: shard ${o.shard.index}/${o.shard.count} selects no claim (${selected.length} claim${selected.length === 1 ? '' : 's'} in ${o.shard.count} shards)\n`);
  const cores = availableParallelism();
  if (o.workers !== undefined && o.workers > cores) io.err(`--workers ${o.workers}: capped at ${cores} core${cores === 1 ? '' : 's'}\n`);
  const progress = createProgress({ label: 'verify', total: count, stream: progressStream(io), mode: o.quiet ? 'silent' : undefined });
  let report: Report;
  let timings: VerifyTimings | undefined;
  try {
    report = await verifyClaims(
      selected.map((c) => ({ claim: c.claim, file: c.file, module: c.file ? undefined : catalog?.module })),
      {
        runs: o.runs,
        seed: o.seed,
        timeLimit: o.timeLimit,
        maxIterations: o.maxIterations,
        dense: o.dense,
        profile: o.profile,
        store: o.store === false ? undefined : o.store,
        shard: o.shard,
        workers: o.workers,
        out: o.out,
        junit: o.junit,
        target: o.target,
        observe: o.observe,
        power,
        warn: (s) => io.err(`warning: ${s}\n`),
        onTimings: (t) => (timings = t),
        onResult: (claim, result, done, total) => {
          const mark = result.verdict === result.expected ? '' : ` (expected ${result.expected})`;
          if (progress.mode === 'bar') progress.tick(`${claim.id}: ${result.verdict}${mark}`);
          else if (!o.quiet) io.err(`[${done}/${total}] ${claim.id}: ${result.verdict}${mark}, ${result.hypothesesMet}/${result.instances} instances, ${(result.timeMs / 1000).toFixed(2)}s\n`);
        },
      },
    );
  } catch (e) {
    if (e instanceof OutputError || e instanceof LockError) throw new UsageError(e.message);
    throw e;
  }
  if (progress.mode === 'bar') progress.done(`${count} claim${count === 1 ? '' : 's'}`);
  // with --json, stdout carries the report alone
  const say = o.json ? io.err : io.out;
  say(consoleTable(report.claims) + '\n\n');
  if (o.stats) {
    say(`${statisticsLines(report.claims)}\n\n`);
    if (timings) {
      const sec = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
      const total = timings.claimsMs + timings.writeMs;
      say(`time: claims ${sec(timings.claimsMs)}; report ${sec(timings.reportMs)} (figures ${sec(timings.figuresMs)}, writing ${sec(timings.writeMs)}), ${((100 * timings.reportMs) / Math.max(total, 1)).toFixed(1)}% of verify\n\n`);
    }
  }
  const s = report.summary;
  say(`${s.asExpected} of ${s.claims} claim${s.claims === 1 ? '' : 's'} as expected in ${((performance.now() - started) / 1000).toFixed(1)}s` + (s.unexpected.length ? `; NOT as expected: ${s.unexpected.join(', ')}` : '') + '\n');
  for (const e of report.claims) {
    if (e.verdict === 'error') {
      const params = e.error?.params !== undefined ? `\n    params ${safeText(JSON.stringify(e.error.params))}` : '';
      say(`  ${e.id}: error: ${safeText(e.error?.message ?? e.reason ?? 'the claim threw')}${params}\n`);
      continue;
    }
    if (e.asExpected || !e.counterexample) continue;
    const cx = e.counterexample;
    say(`  ${e.id}: ${e.verdict} at t = ${cx.violation.iteration} (${cx.violation.metric} ${fmtNumber(cx.violation.observed, 6)} against bound ${fmtNumber(cx.violation.bound, 6)}, ratio ${fmtNumber(cx.violation.ratio, 6)})\n    params ${JSON.stringify(cx.params)}\n    seed ${o.seed} (claim seed ${e.seed}), shrunk ${cx.numShrinks} times\n    replay: ${cx.replay}\n`);
  }
  const outDir = resolve(o.out);
  say(`report: ${join(outDir, 'report.json')}, ${join(outDir, 'report.md')}, ${join(outDir, 'report.html')}\n`);
  if (o.json) io.out(toJson(report));
  return s.unexpected.length === 0 ? 0 : 1;
}

const PROFILE_RUNS: Record<ProfileName, number> = { quick: PROFILES.quick.runs, default: PROFILES.default.runs, thorough: PROFILES.thorough.runs };

function readJson(file: string): unknown {
  if (!existsSync(file)) throw new UsageError(`file not found: ${file}`);
  checkInputFile(file, 'file', MAX_JSON_BYTES);
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new UsageError(`malformed JSON in ${file}: ${firstLine(e)}`);
  }
}

/**
 * The claim file a report or counterexample file names, on this machine. Reports record it relative to
 * the project root; it is looked up against the project around the data file, the current project, and
 * the data file's folder, in that order. It is loaded only when it resolves (symbolic links followed)
 * inside the current project (the nearest directory upwards from the working directory holding a
 * package.json): a data file never makes ratecheck import code from elsewhere.
 */
function recordedClaimFile(recorded: unknown, dataFile: string): string {
  if (typeof recorded !== 'string') throw new UsageError('claimFile in the counterexample must be a path');
  const root = projectRoot();
  const named = locate(recorded, [projectRoot(dirname(dataFile)), root, dirname(dataFile)]);
  if (!resolvesInside(named, root)) {
    throw new UsageError(`the counterexample names the claim file ${safeText(recorded)}, which is not inside the current project (${root}); replay does not load it: name the claim file yourself with --claims FILE`);
  }
  return named;
}

/** A data file named on the command line: as given, else (a path a report recorded) against the project root. */
function inputFile(file: string): string {
  return locate(file, [process.cwd(), projectRoot()]);
}

/**
 * The claim of a counterexample. A claim file named on the command line (`--claims`) is loaded as
 * given; one named in the data file as `recordedClaimFile` says.
 */
async function claimFor(cx: CounterexampleFile, dataFile: string, catalog?: Catalog, claimsFile?: string): Promise<LoadedClaim> {
  let pool: LoadedClaim[] = builtinClaims(catalog);
  if (claimsFile) pool = await loadClaimFile(claimsFile);
  else if (cx.claimFile) pool = await loadClaimFile(recordedClaimFile(cx.claimFile, dataFile));
  const hit = pool.find((c) => c.claim.id === cx.claimId);
  if (!hit) throw new UsageError(`unknown claim id '${cx.claimId}' in the counterexample`);
  return hit;
}

export async function runReplay(given: string, io: Io, catalog?: Catalog, opts: { claims?: string; timeLimit?: number; json?: boolean } = {}): Promise<number> {
  const file = inputFile(given);
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
  const outcomes: unknown[] = [];
  for (const cx of files) {
    const problem = validateCounterexampleFile(cx);
    if (problem) throw new UsageError(`${file}: ${safeText(problem)}`);
    const tooLarge = paramsSizeProblem(cx.params);
    if (tooLarge) throw new UsageError(`${file}: ${safeText(tooLarge)}`);
    const { claim, file: claimFile } = await claimFor(cx, resolve(file), catalog, opts.claims);
    let outcome;
    try {
      // on a worker thread, terminated if it does not end by the time limit (then not reproduced)
      outcome = await replayWithTimeLimit({ claim, file: claimFile, module: claimFile ? undefined : catalog?.module }, cx, (opts.timeLimit ?? 60) * 1000);
    } catch (e) {
      throw new UsageError(`${cx.claimId}: replay failed: ${firstLine(e)}`);
    }
    if (opts.json) outcomes.push({ claimId: outcome.claimId, reproduced: outcome.reproduced, ...(outcome.cut ? { cut: true } : {}), message: outcome.message, params: cx.params, saved: outcome.saved, replayed: outcome.replayed ?? null });
    else io.out(`${cx.claimId}: ${outcome.message}\n  params ${JSON.stringify(cx.params)}\n`);
    if (!outcome.reproduced) failures++;
  }
  if (opts.json) io.out(toJson(outcomes));
  return failures === 0 ? 0 : 1;
}

interface MergeCliOptions {
  out: string;
  junit?: string;
  /** Redraw the per-claim figures from the claims that can be loaded (default true). */
  figures?: boolean;
}

/**
 * The claims a merged report's figures are drawn from: the catalog's, and those of the claim files the
 * reports name (loaded only from inside the current project; one that cannot be loaded gets no figure).
 */
async function claimsForFigures(reports: { file: string; report: Report }[], io: Io, catalog?: Catalog): Promise<Claim<unknown>[]> {
  const claims = builtinClaims(catalog).map((c) => c.claim);
  const loaded = new Set<string>();
  for (const { file, report } of reports) {
    for (const e of report.claims) {
      if (e.claimFile === undefined) continue;
      try {
        const path = recordedClaimFile(e.claimFile, file);
        if (loaded.has(path)) continue;
        loaded.add(path);
        claims.push(...(await loadClaimFile(path)).map((c) => c.claim));
      } catch (err) {
        io.err(`note: no figure for ${e.id}: ${safeText(firstLine(err))}\n`);
      }
    }
  }
  return claims;
}

export async function runMerge(files: string[], opts: MergeCliOptions, io: Io, catalog?: Catalog): Promise<number> {
  checkOutputs({ out: opts.out, junit: opts.junit });
  const shards = files.map((f) => {
    const file = resolve(inputFile(f));
    const data = readJson(file) as Report;
    if (!data || !Array.isArray(data.claims) || typeof data.schemaVersion !== 'number') throw new UsageError(`${f} is not a ratecheck report.json`);
    return { file, report: data };
  });
  let merged: Report;
  try {
    merged = mergeReports(shards.map((s) => s.report), { out: opts.out });
  } catch (e) {
    throw new UsageError(firstLine(e));
  }
  const figures = opts.figures !== false;
  const claims = figures ? await claimsForFigures(shards, io, catalog) : [];
  const outDir = resolve(opts.out);
  let lock;
  try {
    lock = lockOutput(outDir);
  } catch (e) {
    if (e instanceof LockError) throw new UsageError(e.message);
    throw e;
  }
  try {
    // report.json, report.md, report.html and the gathered counterexample files, whole or not at all
    await writeReport(outDir, merged, { claims, figures });
  } finally {
    lock.release();
  }
  if (opts.junit) {
    mkdirSync(dirname(resolve(opts.junit)), { recursive: true });
    writeAtomic(resolve(opts.junit), junitXml(merged));
  }
  const n = merged.summary.claims;
  io.out(consoleTable(merged.claims) + '\n\n');
  io.out(`${merged.summary.asExpected} of ${n} claim${n === 1 ? '' : 's'} as expected (merged from ${files.length} report${files.length === 1 ? '' : 's'})\nreport: ${join(outDir, 'report.json')}, ${join(outDir, 'report.md')}, ${join(outDir, 'report.html')}\n`);
  return merged.summary.unexpected.length === 0 ? 0 : 1;
}

interface TightenCliOptions {
  budget: number;
  seed: number;
  maxIterations?: number;
  method?: SearchMethod;
  out: string;
  json: boolean;
}

/** --method of tighten. */
function searchMethod(v: string): SearchMethod {
  if (v !== 'cma' && v !== 'hill-climb') throw new InvalidArgumentError(`--method must be cma or hill-climb, got '${v}'`);
  return v;
}

export async function runTighten(targets: string[], o: TightenCliOptions, io: Io, catalog?: Catalog): Promise<number> {
  const list = await resolveTargets(targets, catalog);
  if (list.length !== 1) throw new UsageError(`tighten takes one claim; '${targets.join(' ')}' selects ${list.length}`);
  const [{ claim, file: claimFile }] = list;
  const id = claim.id;
  if (claim.aggregate) throw new UsageError(`${id} is decided over many instances (${claim.aggregate.kind}); tighten works on per-instance bounds`);
  io.err(`ratecheck tighten ${id}: ${o.budget}s budget, seed ${o.seed}\n`);
  let lastReport = performance.now();
  let result;
  try {
    // on a worker thread, terminated a grace period after the budget (a run that never returns)
    result = await tightenWithBudget({ claim, file: claimFile, module: claimFile ? undefined : catalog?.module }, {
      budgetMs: o.budget * 1000,
      seed: o.seed,
      maxIterations: o.maxIterations,
      method: o.method,
      onProgress: (n, best) => {
        if (performance.now() - lastReport > 5000) {
          lastReport = performance.now();
          io.err(`  ${n} instances, best ratio so far ${fmtNumber(best, 6)}\n`);
        }
      },
    });
  } catch (e) {
    if (e instanceof TightenCut) {
      io.err(`ratecheck tighten: ${safeText(e.message)}\n`);
      return 1;
    }
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
      `${id}: ${result.evaluations} instances (${result.valid} meeting the hypotheses), ${result.improvements} improvements, ${result.restarts} restarts${result.method ? ` (${result.method} search)` : ''}`,
      `largest observed/bound ratio: ${result.ratio.toPrecision(6)} at t = ${result.iteration} (${result.metric})`,
      ...formatCurve(result.curve ?? [], result.evaluations),
      `  params ${JSON.stringify(result.params)}`,
      c
        ? `contraction on that instance: observed per-step factor 1 − ${(1 - c.observedFactor).toExponential(3)} vs claimed 1 − ${(1 - c.claimedFactor).toExponential(3)}: exponent ratio ${c.exponentRatio.toFixed(3)} (fitted on t = ${c.fitRange[0]}..${c.fitRange[1]})`
        : 'contraction on that instance: not fitted (the run did not reach the roundoff floor within the iteration budget, or its bound does not decay)',
      result.medianExponentRatio !== null ? `median exponent ratio over the best explored instances that reached the floor: ${result.medianExponentRatio.toFixed(3)}` : '',
      result.cut ? `cut: ${result.cut}` : '',
      `tight instance: ${file}`,
    ].filter(Boolean).join('\n') + '\n',
  );
  return 0;
}

export async function listClaims(targets: string[], json: boolean, io: Io, catalog?: Catalog): Promise<number> {
  const all = (await resolveTargets(targets, catalog)).map(({ claim }) => claim);
  if (json) {
    io.out(JSON.stringify(all.map((c) => ({ id: c.id, expected: c.expected, kind: c.kind, variantOf: c.variantOf, source: c.source, statement: c.statement })), null, 2) + '\n');
    return 0;
  }
  const w = Math.max(...all.map((c) => c.id.length));
  for (const c of all) io.out(`${c.id.padEnd(w)}  ${c.expected.padEnd(9)} ${c.kind.padEnd(16)} [${c.source.confidence}] ${c.source.theorem}\n`);
  const variants = all.filter((c) => c.expected === 'refuted').length;
  io.out(`${all.length} claim${all.length === 1 ? '' : 's'} (${variants} false variant${variants === 1 ? '' : 's'})\n`);
  return 0;
}

export function buildProgram(io: Io, setCode: (c: number) => void, catalog?: Catalog): Command {
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
    .description('list claims: the whole catalog, or the claims of files, ids and id prefixes')
    .argument('[targets...]', 'claim files, claim ids or id prefixes')
    .option('--json', 'machine-readable output', false)
    .action(async (targets: string[], opts: { json: boolean }) => setCode(await listClaims(targets, opts.json, io, catalog)));

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
    .option('--stats', 'print per-claim statistics: instances, hypotheses failed by name, iterations compared, how trajectories stopped', false)
    .option('--json', 'print the report as JSON on stdout (the table, summary and progress go to stderr)', false)
    .option('--profile <name>', 'quick | default | thorough: runs, instance sizes, iteration budgets', parseProfile, 'default')
    .option('--store <dir>', 'counterexample store: stored instances are tried first, new ones are added', DEFAULT_STORE)
    .option('--no-store', 'neither read nor write the counterexample store')
    .option('--junit <file>', 'also write JUnit XML')
    .option('--workers <n>', 'worker threads (default: the cores available, when verifying 4 claims or more)', positiveInt('--workers'))
    .option('--no-target', 'no target phase: every run is a random draw (by default a third of the runs climb the largest observed/bound ratio)')
    .option('--observe <file>', 'write one JSON line per evaluated instance (Hypothesis observability format: claim, parameters, ratio, phase)')
    .option('--shard <i/N>', 'verify only the i-th of N slices of the selected claims (merge the reports with ratecheck merge)', parseShard)
    .option('--power <file>', 'show the detection thresholds of a power.json (written by ratecheck power --out) in the reports')
    .action(async (targets: string[], opts: VerifyCliOptions) => setCode(await runVerify(targets, opts, io, catalog)));

  program
    .command('merge')
    .description('merge the report.json files of sharded runs into one report')
    .argument('<reports...>', 'report.json files')
    .option('--out <dir>', 'directory of the merged report', 'reports/merged')
    .option('--junit <file>', 'also write JUnit XML')
    .option('--no-figures', 'no per-claim figures in report.html (merge redraws them from the claims it can load)')
    .action(async (files: string[], opts: MergeCliOptions) => setCode(await runMerge(files, opts, io, catalog)));

  program
    .command('tighten')
    .description('search for the tightest instance of a claim (largest observed/bound ratio)')
    .argument('<targets...>', 'a claim id, or a claim file and the id of one of its claims')
    .option('--budget <sec>', 'search time', positiveNumber('--budget'), 30)
    .option('--seed <s>', 'seed of the search', integer('--seed'), 42)
    .option('--max-iterations <n>', 'iteration budget of one trajectory', positiveInt('--max-iterations'))
    .option('--method <m>', 'search after the exploration: cma (IPOP-CMA-ES over the instance parameters) or hill-climb (the neighbourhood climb, a baseline)', searchMethod, 'cma')
    .option('--out <dir>', 'where the tight instance and tighten.json are written', 'reports/tighten')
    .option('--json', 'print the result as JSON', false)
    .action(async (targets: string[], opts: TightenCliOptions) => setCode(await runTighten(targets, opts, io, catalog)));

  program
    .command('replay')
    .description('replay a saved counterexample (or every counterexample of a report.json)')
    .argument('<file>', 'counterexample JSON or report.json')
    .option('--claims <file>', 'the claim file of the counterexample (one named in the data file is loaded only from inside the current project)')
    .option('--time-limit <sec>', 'wall-clock limit of each replay (one that does not end by then is not reproduced, exit 1)', positiveNumber('--time-limit'), 60)
    .option('--json', 'print the outcome of each counterexample as JSON', false)
    .action(async (file: string, opts: { claims?: string; timeLimit?: number; json?: boolean }) => setCode(await runReplay(file, io, catalog, opts)));

  registerFigures(program, io, setCode, catalog);
  registerInit(program, io, setCode);
  registerPower(program, io, setCode, catalog);
  for (const paper of catalog?.papers ?? []) paper.commands?.(program, { out: io.out, err: io.err, setCode });
  return program;
}

/**
 * Run the command line. `catalog` is the catalog handed in at the edge (the binary hands in the built-in
 * one); without it, only claim files are verified.
 */
export async function main(argv: string[], options: { io?: Io; catalog?: Catalog } = {}): Promise<number> {
  const io = options.io ?? defaultIo;
  let code = 0;
  const program = buildProgram(io, (c) => (code = c), options.catalog);
  try {
    await program.parseAsync(argv);
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      // help and version exit 0; every other commander error is bad usage (its message is already printed)
      return e.exitCode === 0 ? 0 : 2;
    }
    if (e instanceof UsageError) {
      io.err(`ratecheck: ${safeText(e.message)}\n`);
      return 2;
    }
    io.err(`ratecheck: internal error: ${firstLine(e)}\n`);
    return 2;
  }
}
