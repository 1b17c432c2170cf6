/**
 * docs/ci/github-actions.yml, the workflow users copy into their repository: it parses, its jobs are
 * wired together (matrix of shards, artifacts uploaded under the names the merge job downloads, the
 * merge job after the shards), every `npx ratecheck` command it runs is a real command with valid
 * options, and the commands, run as written on a user's claim file (the artifacts moved where the
 * download step puts them), give one merged report with the HTML, the counterexamples and paths
 * relative to the project root.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'yaml';
import type { Command } from 'commander';
import { buildProgram, main } from '../src/cli/main.ts';
import { catalog } from '../theorems/index.ts';

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
}
interface Job {
  'runs-on': string;
  needs?: string | string[];
  if?: string;
  strategy?: { 'fail-fast'?: boolean; matrix: { shard: number[] } };
  steps: Step[];
}
interface Workflow {
  name: string;
  on: Record<string, unknown>;
  env: { SHARDS: number };
  jobs: Record<string, Job>;
}

const text = readFileSync('docs/ci/github-actions.yml', 'utf8');
const wf = parse(text) as Workflow;
const { verify, merge } = wf.jobs;
const shards = verify.strategy!.matrix.shard;

/** A step's command with the expressions of one matrix entry filled in. */
function expand(s: string, shard?: number): string {
  return s.replace(/\$\{\{\s*matrix\.shard\s*\}\}/g, String(shard)).replace(/\$\{\{\s*env\.SHARDS\s*\}\}/g, String(wf.env.SHARDS));
}

function ratecheckRuns(job: Job): string[] {
  return job.steps.filter((s) => s.run?.includes('ratecheck')).map((s) => s.run!.trim());
}

/** The words of an `npx ratecheck` command (the workflow quotes nothing, so whitespace splits them). */
function words(cmd: string): string[] {
  expect(cmd, 'no quoting in the commands').not.toMatch(/["'\\`]/);
  const w = cmd.split(/\s+/);
  expect(w.slice(0, 2)).toEqual(['npx', 'ratecheck']);
  return w.slice(2);
}

/** Parse a command line with the real program, every action replaced: the command and its options. */
async function parseOnly(argv: string[]): Promise<{ command: string; args: string[]; opts: Record<string, unknown> }> {
  let err = '';
  const program = buildProgram({ out: () => {}, err: (s) => (err += s) }, () => {}, catalog);
  let got: { command: string; args: string[]; opts: Record<string, unknown> } | undefined;
  for (const c of program.commands) {
    c.action((...a: unknown[]) => {
      const cmd = a[a.length - 1] as Command;
      got = { command: cmd.name(), args: cmd.args, opts: cmd.opts() };
    });
  }
  try {
    await program.parseAsync(['node', 'ratecheck', ...argv]);
  } catch (e) {
    throw new Error(`ratecheck ${argv.join(' ')}: ${err || (e as Error).message}`);
  }
  expect(got, argv.join(' ')).toBeDefined();
  return got!;
}

function step(job: Job, uses: string): Step {
  const s = job.steps.find((x) => x.uses?.startsWith(`${uses}@`));
  expect(s, uses).toBeDefined();
  return s!;
}

describe('docs/ci/github-actions.yml', () => {
  it('parses, runs on pushes and pull requests, and has a matrix of shards and a merge job after them', () => {
    expect(wf.name).toBeTruthy();
    expect(Object.keys(wf.on)).toEqual(expect.arrayContaining(['push', 'pull_request']));
    expect(Object.keys(wf.jobs).sort()).toEqual(['merge', 'verify']);
    expect(shards).toEqual(Array.from({ length: wf.env.SHARDS }, (_, i) => i + 1));
    expect(verify.strategy!['fail-fast']).toBe(false);
    expect([merge.needs].flat()).toEqual(['verify']);
    // the merge job runs when a shard failed too (that is when its report is wanted), not when cancelled
    expect(merge.if).toMatch(/!cancelled\(\)/);
  });

  it('each job checks out, sets up Node with the npm cache, and installs with npm ci', () => {
    const engines = JSON.parse(readFileSync('package.json', 'utf8')).engines.node as string;
    for (const job of [verify, merge]) {
      expect(job['runs-on']).toMatch(/ubuntu/);
      const names = job.steps.map((s) => s.uses?.split('@')[0] ?? s.run);
      expect(names.slice(0, 3)).toEqual(['actions/checkout', 'actions/setup-node', 'npm ci']);
      const node = step(job, 'actions/setup-node').with!;
      expect(node.cache).toBe('npm');
      expect(Number(node['node-version'])).toBeGreaterThanOrEqual(Number(/\d+/.exec(engines)![0]));
    }
  });

  it('runs real ratecheck commands with valid options: every shard once, then one merge', async () => {
    const [verifyCmd] = ratecheckRuns(verify);
    expect(ratecheckRuns(verify)).toHaveLength(1);
    const seen: string[] = [];
    for (const shard of shards) {
      const p = await parseOnly(words(expand(verifyCmd, shard)));
      expect(p.command).toBe('verify');
      expect(p.args).toEqual(['claims/*.claims.ts']);
      expect(p.opts.shard).toEqual({ index: shard, count: wf.env.SHARDS });
      expect(p.opts.out).toBe(`reports/shard-${shard}`);
      expect(p.opts.junit).toMatch(/\.xml$/);
      seen.push(`${(p.opts.shard as { index: number }).index}`);
    }
    expect(new Set(seen).size).toBe(wf.env.SHARDS);
    expect(ratecheckRuns(merge)).toHaveLength(1);
    const m = await parseOnly(words(expand(ratecheckRuns(merge)[0])));
    expect(m.command).toBe('merge');
    expect(m.args).toEqual(['reports/shards/ratecheck-shard-*/report.json']);
    expect(m.opts).toMatchObject({ out: 'reports/merged', figures: true });
    // an option the command does not have is refused by the same parser
    await expect(parseOnly(['verify', '--shards', '1/3'])).rejects.toThrow(/unknown option/);
  });

  it('uploads each shard’s report folder under the name the merge job downloads, and the merged report', async () => {
    const [verifyCmd] = ratecheckRuns(verify);
    const up = step(verify, 'actions/upload-artifact').with!;
    for (const shard of shards) {
      const out = (await parseOnly(words(expand(verifyCmd, shard)))).opts.out as string;
      expect(expand(String(up.path), shard).replace(/\/$/, '')).toBe(out);
    }
    const down = step(merge, 'actions/download-artifact').with!;
    const pattern = new RegExp(`^${String(down.pattern).replace(/\*/g, '.*')}$`);
    for (const shard of shards) expect(expand(String(up.name), shard)).toMatch(pattern);
    // the merge command reads <download path>/<artifact name>/report.json
    const m = await parseOnly(words(ratecheckRuns(merge)[0]));
    expect(m.args[0]).toBe(`${down.path}/${down.pattern}/report.json`);
    const merged = merge.steps.filter((s) => s.uses?.startsWith('actions/upload-artifact@')).map((s) => String(s.with!.path).replace(/\/$/, ''));
    expect(merged).toEqual([m.opts.out]);
    // uploads and the merge happen after a failing verdict too
    expect(step(verify, 'actions/upload-artifact').if).toMatch(/!cancelled\(\)/);
  });

  it('the README’s excerpt runs the same ratecheck commands', () => {
    const readme = readFileSync('README.md', 'utf8');
    const excerpt = readme.slice(readme.indexOf('docs/ci/github-actions.yml'));
    const inReadme = [...excerpt.matchAll(/run: (npx ratecheck .*)$/gm)].map((m) => m[1].trim());
    expect(inReadme).toEqual([...ratecheckRuns(verify), ...ratecheckRuns(merge)].map((c) => expand(c.replace(/\$\{\{\s*matrix\.shard\s*\}\}/g, '\u0000')).replace(/\u0000/g, '${{ matrix.shard }}')));
  });

  describe('its commands, run on a claim file', () => {
    // inside the project, so that the report's paths are relative to it
    const dir = mkdtempSync(join(process.cwd(), '.ci-workflow-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    const rel = relative(process.cwd(), dir);
    /** The workflow's command with its paths moved into the temporary folder and the claims replaced by the fixture. */
    const local = (cmd: string) =>
      words(cmd)
        .map((w) => (w === 'claims/*.claims.ts' ? 'properties/fixtures/toy-claims.ts' : w.replace(/^reports\//, `${rel}/reports/`)))
        .concat(cmd.includes(' verify ') ? ['--runs', '10', '--no-store'] : []);
    async function run(argv: string[]) {
      let out = '', err = '';
      const code = await main(['node', 'ratecheck', ...argv], { io: { out: (s) => (out += s), err: (s) => (err += s) }, catalog });
      return { code, out, err };
    }

    it('give one merged report: HTML, JUnit, the counterexamples gathered, paths relative to the project root', { timeout: 60_000 }, async () => {
      const [verifyCmd] = ratecheckRuns(verify);
      const down = step(merge, 'actions/download-artifact').with!;
      for (const shard of shards) {
        const r = await run(local(expand(verifyCmd, shard)));
        expect(r.code, r.err).toBe(0);
        // what upload-artifact and download-artifact do
        cpSync(join(dir, 'reports', `shard-${shard}`), join(dir, String(down.path), expand(String(step(verify, 'actions/upload-artifact').with!.name), shard)), { recursive: true });
      }
      const argv = local(ratecheckRuns(merge)[0]);
      // the shell expands the glob
      const glob = argv.findIndex((w) => w.includes('*'));
      const base = join(dir, String(down.path));
      const expanded = readdirSync(base).sort().map((d) => `${rel}/${down.path}/${d}/report.json`);
      argv.splice(glob, 1, ...expanded);
      const m = await run(argv);
      expect(m.code, m.err).toBe(0);
      expect(m.out).toMatch(/3 of 3 claims as expected \(merged from 3 reports\)/);
      const out = join(dir, 'reports', 'merged');
      for (const f of ['report.json', 'report.md', 'report.html', 'junit.xml', 'counterexamples/toy.raised-rate.json']) expect(existsSync(join(out, f)), f).toBe(true);
      const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
      expect(readFileSync(join(out, 'report.json'), 'utf8')).not.toContain(process.cwd());
      const raised = report.claims.find((c: { id: string }) => c.id === 'toy.raised-rate');
      expect(raised.claimFile).toBe('properties/fixtures/toy-claims.ts');
      expect(raised.counterexample.file).toBe(`${rel}/reports/merged/counterexamples/toy.raised-rate.json`);
      expect(raised.counterexample.replay).toBe(`ratecheck replay ${rel}/reports/merged/counterexamples/toy.raised-rate.json`);
      const replay = await run(['replay', join(rel, 'reports', 'merged', 'report.json')]);
      expect(replay.code, replay.err).toBe(0);
      expect(replay.out).toMatch(/toy\.raised-rate: reproduced/);
    });
  });
});
