/**
 * The `ratecheck` command line: list, verify, replay. Exit codes: 0 every verdict as expected (or the
 * replay reproduced), 1 a verdict not as expected (or a replay that did not reproduce), 2 bad usage or
 * input (one line on stderr, nothing written).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { ClaimDefect, type Claim } from '../claims/types.ts';
import { verifyClaim, type ClaimResult } from '../checking/runner.ts';
import { replayCounterexample, validateCounterexampleFile } from '../checking/replay.ts';
import {
  TOOL_VERSION,
  SCHEMA_VERSION,
  buildEntry,
  consoleTable,
  summarize,
  writeReport,
  counterexampleFile,
  type ClaimEntry,
  type CounterexampleFile,
  type Report,
} from '../reporting/report.ts';
import { UsageError } from './errors.ts';
import { builtinClaims, firstLine, loadClaimFile, resolveTargets, type LoadedClaim } from './load.ts';

export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
}

const defaultIo: Io = {
  out: (s) => process.stdout.write(s),
  err: (s) => process.stderr.write(s),
};

function positiveInt(name: string) {
  return (v: string): number => {
    const n = Number(v);
    if (!/^\s*\d+\s*$/.test(v) || !Number.isSafeInteger(n) || n < 1) throw new InvalidArgumentError(`${name} must be a positive integer.`);
    return n;
  };
}

function integer(name: string) {
  return (v: string): number => {
    const n = Number(v);
    if (!/^\s*-?\d+\s*$/.test(v) || !Number.isSafeInteger(n)) throw new InvalidArgumentError(`${name} must be an integer.`);
    return n;
  };
}

function positiveNumber(name: string) {
  return (v: string): number => {
    const n = Number(v);
    if (v.trim() === '' || !Number.isFinite(n) || n <= 0) throw new InvalidArgumentError(`${name} must be a positive number.`);
    return n;
  };
}

interface VerifyCliOptions {
  runs: number;
  seed: number;
  timeLimit?: number;
  out: string;
  maxIterations?: number;
  dense: boolean;
  quiet: boolean;
}

export async function runVerify(targets: string[], o: VerifyCliOptions, io: Io): Promise<number> {
  const selected = await resolveTargets(targets);
  const deadline = o.timeLimit !== undefined ? performance.now() + o.timeLimit * 1000 : undefined;
  const outDir = resolve(o.out);
  const entries: ClaimEntry[] = [];
  const started = performance.now();
  io.err(`ratecheck verify: ${selected.length} claims, ${o.runs} runs each, seed ${o.seed}\n`);
  for (let i = 0; i < selected.length; i++) {
    const { claim, file } = selected[i];
    let result: ClaimResult;
    try {
      result = verifyClaim(claim, {
        runs: o.runs,
        seed: o.seed,
        timeLimitMs: deadline !== undefined ? Math.max(0, deadline - performance.now()) : undefined,
        maxIterations: o.maxIterations,
        dense: o.dense,
      });
    } catch (e) {
      if (e instanceof ClaimDefect) throw new UsageError(`claim defect: ${e.message}`);
      throw e;
    }
    const entry = buildEntry(claim as Claim<unknown>, result, outDir, file);
    entries.push(entry);
    if (!o.quiet) {
      const mark = entry.asExpected ? '' : ` (expected ${entry.expected})`;
      io.err(`[${i + 1}/${selected.length}] ${claim.id}: ${entry.verdict}${mark}, ${entry.hypothesesMet}/${entry.instances} instances, ${(entry.timeMs / 1000).toFixed(2)}s\n`);
    }
  }
  const report: Report = {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: 'ratecheck', version: TOOL_VERSION },
    createdAt: new Date().toISOString(),
    options: { runs: o.runs, seed: o.seed, timeLimitSec: o.timeLimit ?? null, maxIterations: o.maxIterations ?? null, dense: o.dense },
    summary: summarize(entries),
    claims: entries,
  };
  writeReport(outDir, report);
  io.out(consoleTable(entries) + '\n\n');
  const s = report.summary;
  io.out(`${s.asExpected} of ${s.claims} claims as expected in ${((performance.now() - started) / 1000).toFixed(1)}s` + (s.unexpected.length ? `; NOT as expected: ${s.unexpected.join(', ')}` : '') + '\n');
  io.out(`report: ${join(outDir, 'report.json')}, ${join(outDir, 'report.md')}\n`);
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
    .option('--runs <n>', 'random instances per claim', positiveInt('--runs'), 100)
    .option('--seed <s>', 'global seed (each claim derives its own from it)', integer('--seed'), 42)
    .option('--time-limit <sec>', 'wall-clock budget of the whole run; claims cut short are inconclusive', positiveNumber('--time-limit'))
    .option('--out <dir>', 'report directory', 'reports/latest')
    .option('--max-iterations <n>', 'iteration budget of one trajectory (overrides each claim’s own)', positiveInt('--max-iterations'))
    .option('--dense', 'run the dense methods even where an exact reduced path exists', false)
    .option('--quiet', 'no per-claim progress lines', false)
    .action(async (targets: string[], opts: VerifyCliOptions) => setCode(await runVerify(targets, opts, io)));

  program
    .command('replay')
    .description('replay a saved counterexample (or every counterexample of a report.json)')
    .argument('<file>', 'counterexample JSON or report.json')
    .action(async (file: string) => setCode(await runReplay(file, io)));

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
