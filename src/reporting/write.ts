/**
 * Writing a verify run's report: report.json, report.md, report.html and the counterexample files,
 * whole or not at all.
 *
 * The files are written into a staging directory beside the output directory (same parent, so the
 * renames are atomic), which then replaces it: the old directory is renamed away, the new one renamed
 * in, the old one removed. The output directory is therefore always either the previous run's or the
 * complete new one, and counterexample files of an earlier run never stay beside a report that does not
 * reference them. Files of the previous directory that ratecheck did not write (a JUnit file put there,
 * notes) are carried over. SIGINT and SIGTERM while writing remove the staging directory and leave the
 * previous output intact (exit 128 + the signal's number).
 *
 * `validateOutputs` checks every output path before anything runs (nothing is created), and
 * `lockOutput` keeps two runs from writing the same directory at once.
 */
import { accessSync, constants, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, parse, resolve, sep } from 'node:path';
import { counterexampleFile, counterexampleFileName, markdownReport, toJson, writeAtomic, type Report } from './report.ts';
import { htmlReport, type HtmlReportOptions } from './html.ts';
import { acquireLock, type Lock } from '../checking/lock.ts';
import { realPath } from './paths.ts';

/** A bad output path (the CLI prints the message and exits 2). */
export class OutputError extends Error {
  override name = 'OutputError';
}

/** What a report directory holds that ratecheck writes itself (everything else is carried over). */
const REPORT_ENTRIES = new Set(['report.json', 'report.md', 'report.html', 'counterexamples']);

/** The nearest existing ancestor of a path (the path itself when it exists). */
function nearestExisting(path: string): string {
  let p = path;
  while (!existsSync(p)) {
    const up = dirname(p);
    if (up === p) break;
    p = up;
  }
  return p;
}

/** A directory we can create entries in, probed without leaving anything behind. */
function checkWritableDir(dir: string, label: string, given: string): void {
  let st;
  try {
    st = statSync(dir);
  } catch (e) {
    throw new OutputError(`${label} ${given}: ${dir} is not accessible (${(e as NodeJS.ErrnoException).code})`);
  }
  if (!st.isDirectory()) throw new OutputError(`${label} ${given}: ${dir} is not a directory`);
  try {
    accessSync(dir, constants.W_OK | constants.X_OK);
    rmSync(mkdtempSync(join(dir, '.ratecheck-probe-')), { recursive: true, force: true });
  } catch (e) {
    throw new OutputError(`${label} ${given}: cannot write in ${dir} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
}

/** Entries that mark a project rather than a report folder. */
const PROJECT_MARKERS = ['package.json', '.git', 'node_modules'];

/**
 * Whether a directory may take a report. The report's own entries are replaced, and anything else in
 * it (a log the CI step wrote there, notes) is carried over into the new one; but a project folder, or
 * one that holds the working directory, is never taken (`--out .` by mistake).
 */
function mayHoldReport(dir: string): boolean {
  const cwd = realPath(process.cwd());
  const real = realPath(dir);
  if (cwd === real || cwd.startsWith(real + sep)) return false;
  const entries = readdirSync(dir);
  return !entries.some((e) => PROJECT_MARKERS.includes(e)) || isReportDir(dir);
}

/** Whether a directory holds a ratecheck report.json (or nothing). */
function isReportDir(dir: string): boolean {
  const entries = readdirSync(dir);
  if (entries.length === 0) return true;
  const file = join(dir, 'report.json');
  try {
    const st = statSync(file);
    if (!st.isFile() || st.size > MAX_JSON_BYTES) return false;
    const data = JSON.parse(readFileSync(file, 'utf8')) as { tool?: { name?: unknown } };
    return data?.tool?.name === 'ratecheck';
  } catch {
    return false;
  }
}

/** The largest JSON file (report, counterexample, store entry) ratecheck reads: 10 MB. */
export const MAX_JSON_BYTES = 10 * 1024 * 1024;

function checkDirOption(path: string | undefined, label: string, report: boolean): void {
  if (path === undefined) return;
  if (path.trim() === '') throw new OutputError(`${label} must not be empty`);
  const abs = resolve(path);
  if (parse(abs).root === abs) throw new OutputError(`${label} ${path}: a filesystem root cannot be ${report ? 'the report directory' : 'the store'}`);
  if (existsSync(abs)) {
    if (!statSync(abs).isDirectory()) throw new OutputError(`${label} ${path} is not a directory`);
    checkWritableDir(abs, label, path);
    if (report && !mayHoldReport(abs)) {
      throw new OutputError(`${label} ${path} is a project folder or holds the working directory; name a report directory`);
    }
  }
  // the directory (or its nearest existing ancestor) and its parent are where we create entries
  checkWritableDir(nearestExisting(dirname(abs)), label, path);
}

function checkFileOption(path: string | undefined, label: string): void {
  if (path === undefined) return;
  if (path.trim() === '') throw new OutputError(`${label} must not be empty`);
  if (/[\\/]$/.test(path)) throw new OutputError(`${label} ${path} names a directory; give a file name`);
  const abs = resolve(path);
  if (existsSync(abs)) {
    const st = statSync(abs);
    if (!st.isFile()) throw new OutputError(`${label} ${path} is not a regular file`);
    try {
      accessSync(abs, constants.W_OK);
    } catch {
      throw new OutputError(`${label} ${path} is not writable`);
    }
  }
  checkWritableDir(nearestExisting(dirname(abs)), label, path);
}

/**
 * Check the output paths of a run before anything runs, creating nothing: the report directory and
 * the store must be (or be creatable as) writable directories, the report directory either new, empty,
 * or a previous report; the JUnit and observation files writable regular files (or creatable). Throws OutputError.
 */
export function validateOutputs(o: { out?: string; junit?: string; store?: string; observe?: string }, names: { out?: string; junit?: string; store?: string; observe?: string } = {}): void {
  checkDirOption(o.out, names.out ?? 'out', true);
  checkFileOption(o.junit, names.junit ?? 'junit');
  checkFileOption(o.observe, names.observe ?? 'observe');
  checkDirOption(o.store, names.store ?? 'store', false);
  if (o.out !== undefined && o.store !== undefined && resolve(o.out) === resolve(o.store)) {
    throw new OutputError(`${names.out ?? 'out'} and ${names.store ?? 'store'} must be different directories`);
  }
}

/** The lock file guarding a directory: beside it (the directory itself is replaced when a report is written). */
export function lockFileOf(dir: string): string {
  const abs = resolve(dir);
  return join(dirname(abs), `.${basename(abs)}.ratecheck-lock`);
}

/** Lock a report directory for the whole run; a second run on it is refused ("another ratecheck run holds <dir>"). */
export function lockOutput(dir: string): Lock {
  const abs = resolve(dir);
  mkdirSync(dirname(abs), { recursive: true });
  return acquireLock(lockFileOf(abs), abs);
}

const SIGNALS = { SIGINT: 2, SIGTERM: 15 } as const;

/**
 * Write report.json, report.md, report.html (self-contained, with the per-claim figures) and the
 * counterexample files into outDir, whole or not at all (see the file comment).
 */
export async function writeReport(outDir: string, report: Report, html: HtmlReportOptions = {}): Promise<void> {
  const target = resolve(outDir);
  const parent = dirname(target);
  mkdirSync(parent, { recursive: true });
  // mkdirSync rather than mkdtempSync: the report directory gets the usual permissions (umask), not 0700
  const staging = join(parent, `.${basename(target)}.staging-${process.pid}-${Math.random().toString(36).slice(2, 10)}`);
  mkdirSync(staging);
  let state: 'writing' | 'done' = 'writing';
  const onSignal = (signal: keyof typeof SIGNALS) => {
    if (state === 'writing') {
      rmSync(staging, { recursive: true, force: true });
      process.exit(128 + SIGNALS[signal]);
    }
    // the report was complete when the signal was handled: die of it as if we had not caught it
    removeHandlers();
    process.kill(process.pid, signal);
  };
  const handlers = (Object.keys(SIGNALS) as (keyof typeof SIGNALS)[]).map((s) => [s, () => onSignal(s)] as const);
  const removeHandlers = () => {
    for (const [s, h] of handlers) process.removeListener(s, h);
  };
  for (const [s, h] of handlers) process.on(s, h);
  try {
    mkdirSync(join(staging, 'counterexamples'));
    for (const e of report.claims) {
      const cx = counterexampleFile(e, report.options.dense);
      if (cx && e.counterexample) writeAtomic(join(staging, 'counterexamples', counterexampleFileName(e.id)), toJson(cx));
    }
    writeAtomic(join(staging, 'report.md'), markdownReport(report));
    writeAtomic(join(staging, 'report.html'), htmlReport(report, html));
    writeAtomic(join(staging, 'report.json'), toJson(report));
    swapIn(staging, target);
    state = 'done';
  } catch (e) {
    rmSync(staging, { recursive: true, force: true });
    removeHandlers();
    throw e;
  }
  // a signal that arrived during the synchronous writing is delivered on a later turn of the event loop:
  // keep the handlers a moment so that it is not lost, then restore the default behaviour
  setTimeout(removeHandlers, 200).unref();
}

/** Replace `target` by the complete directory `staging` (both in the same parent). */
function swapIn(staging: string, target: string): void {
  if (!existsSync(target)) {
    renameSync(staging, target);
    return;
  }
  // carry over what ratecheck did not write itself
  for (const name of readdirSync(target)) {
    if (!REPORT_ENTRIES.has(name)) cpSync(join(target, name), join(staging, name), { recursive: true, preserveTimestamps: true });
  }
  const old = `${staging}.old`;
  renameSync(target, old);
  try {
    renameSync(staging, target);
  } catch (e) {
    renameSync(old, target);
    throw e;
  }
  rmSync(old, { recursive: true, force: true });
}
