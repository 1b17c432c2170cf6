/**
 * `ratecheck power CLAIM... [--runs N] [--seed S] [--time-limit SEC] [--json] [--out DIR]`: the detection
 * thresholds of true claims by mutation analysis (src/checking/power.ts). Progress goes to stderr; the
 * thresholds to stdout (as JSON with --json); with --out, power.json is written there. `--all-primary`
 * analyses every true claim of the catalog decided instance by instance. The time limit covers the whole
 * command, shared evenly among the claims not yet analysed; what it cuts short is flagged in the output
 * (and `cut` in the JSON). Exit 0 when every claim held at these settings and was analysed (perhaps cut
 * short), 1 when one did not hold (its mutants say nothing), 2 on bad usage.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import type { Catalog } from '../../catalog.ts';
import { analysePower, powerLines, powerProblem, type PowerResult } from '../../checking/power.ts';
import { SCHEMA_VERSION, safeText, toJson, TOOL_VERSION, writeAtomic } from '../../reporting/report.ts';
import { UsageError } from '../errors.ts';
import { builtinClaims, resolveTargets } from '../load.ts';
import { integer, positiveInt, positiveNumber } from '../options.ts';

export interface PowerIo {
  out: (s: string) => void;
  err: (s: string) => void;
}

export interface PowerCliOptions {
  runs: number;
  seed: number;
  timeLimit: number;
  maxIterations?: number;
  json: boolean;
  out?: string;
  allPrimary: boolean;
  hypotheses: boolean;
}

/** The file `--out` writes: the analyses of the claims, in order. */
export interface PowerFile {
  schemaVersion: number;
  kind: 'ratecheck-power';
  tool: { name: 'ratecheck'; version: string };
  createdAt: string;
  options: { runs: number; seed: number; timeLimitSec: number };
  claims: PowerResult[];
}

export async function runPower(targets: string[], o: PowerCliOptions, io: PowerIo, catalog?: Catalog): Promise<number> {
  if (o.allPrimary && targets.length > 0) throw new UsageError('give claim ids or --all-primary, not both');
  if (!o.allPrimary && targets.length === 0) throw new UsageError('power needs a claim id (or --all-primary)');
  const loaded = o.allPrimary ? builtinClaims(catalog).filter((c) => !c.claim.variantOf && powerProblem(c.claim) === null) : await resolveTargets(targets, catalog);
  const claims = loaded.map((c) => c.claim);
  if (claims.length === 0) throw new UsageError('no claim to analyse');
  for (const c of claims) {
    const problem = powerProblem(c);
    if (problem && claims.length === 1) throw new UsageError(problem);
  }
  const usable = claims.filter((c) => powerProblem(c) === null);
  for (const c of claims) if (!usable.includes(c)) io.err(`skipped ${safeText(c.id)}: ${safeText(powerProblem(c))}\n`);
  const deadline = Date.now() + o.timeLimit * 1000;
  io.err(`ratecheck power: ${usable.length} claim${usable.length === 1 ? '' : 's'}, ${o.runs} runs per probe, seed ${o.seed}, time limit ${o.timeLimit}s\n`);
  const results: PowerResult[] = [];
  for (let i = 0; i < usable.length; i++) {
    const share = Math.max(0, (deadline - Date.now()) / (usable.length - i));
    const r = analysePower(usable[i], {
      runs: o.runs,
      seed: o.seed,
      timeLimitMs: share,
      maxIterations: o.maxIterations,
      hypotheses: o.hypotheses,
      onProgress: (line) => io.err(`  ${safeText(line)}\n`),
    });
    results.push(r);
    if (!o.json) io.out(powerLines(r).map(safeText).join('\n') + '\n');
  }
  if (o.out !== undefined) {
    const dir = resolve(o.out);
    mkdirSync(dir, { recursive: true });
    const file: PowerFile = {
      schemaVersion: SCHEMA_VERSION,
      kind: 'ratecheck-power',
      tool: { name: 'ratecheck', version: TOOL_VERSION },
      createdAt: new Date().toISOString(),
      options: { runs: o.runs, seed: o.seed, timeLimitSec: o.timeLimit },
      claims: results,
    };
    writeAtomic(join(dir, 'power.json'), toJson(file));
    io.err(`power: ${join(dir, 'power.json')}\n`);
  }
  if (o.json) io.out(toJson(results.length === 1 ? results[0] : results));
  return results.some((r) => r.base.verdict !== 'holds') ? 1 : 0;
}

export function registerPower(program: Command, io: PowerIo, setCode: (c: number) => void, catalog?: Catalog): void {
  program
    .command('power')
    .description('detection thresholds of true claims by mutation analysis: the smallest strengthening of the bound and of its rate that a default verify refutes, and each hypothesis dropped')
    .argument('[targets...]', 'claim ids, family prefixes or claim files (true claims)')
    .option('--runs <n>', 'instances per probe (a default verify’s)', positiveInt('--runs'), 100)
    .option('--seed <s>', 'global seed (each claim derives its own from it, as verify does)', integer('--seed'), 42)
    .option('--time-limit <sec>', 'wall-clock budget of the whole command, shared among the claims', positiveNumber('--time-limit'), 300)
    .option('--max-iterations <n>', 'iteration budget of one trajectory (default: the claim’s)', positiveInt('--max-iterations'))
    .option('--no-hypotheses', 'do not drop the hypotheses one by one')
    .option('--all-primary', 'every true claim of the catalog decided instance by instance', false)
    .option('--out <dir>', 'write power.json here')
    .option('--json', 'print the analyses as JSON on stdout', false)
    .action(async (targets: string[], opts: PowerCliOptions) => setCode(await runPower(targets, opts, io, catalog)));
}
