/**
 * The default verify catalog (compiled: run `npm run build` first), in rounds of (parallel and ceiling
 * taking turns at going first):
 *
 * - serial: one thread;
 * - parallel: worker threads, one per core;
 * - ceiling: two independent processes side by side, each verifying one half of the catalog (the halves
 *   balanced by the serial run's claim times of the same round), timed until the slower one ends. This is
 *   what two cores give on this machine without any sharing: parallel verify is reported against it
 *   (parallel speedup / ceiling speedup = ceiling wall time / parallel wall time), not against 2x;
 * - base (when RATECHECK_BASE_TREE names a built checkout of the code before a change): its serial
 *   `verify --workers 1` as a process, for the whole-job row: CPU seconds (user + sys) of the serial run
 *   against the base's.
 *
 * Runs of the current tree call `verifyClaims` of dist/ in a child process (what `ratecheck verify
 * --no-store` runs, without its console table), which reports where the time went: the claims, the
 * figures drawn from the traces kept while verifying, and writing the report (the report tail).
 * Ratios are medians over the rounds; CPU seconds are the waited-for children's (/proc/self/stat).
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { median, round, type BenchSuite } from './harness.ts';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
/** Alternated rounds (each: base, serial, parallel, ceiling). */
const ROUNDS = 3;
/** Linux clock ticks per second (USER_HZ), as /proc reports times. */
const TICKS = 100;
const AIM_OF_CEILING = 0.9;
const AIM_REPORT_SECONDS = 1;
const AIM_CPU_VS_BASE = 0.5;

interface Timings {
  claimsMs: number;
  figuresMs: number;
  writeMs: number;
  reportMs: number;
}

interface Run {
  seconds: number;
  cpuSeconds: number | null;
  timings?: Timings;
  claims: { id: string; verdict: string; instances: number; maxRatio: number | null; timeMs: number }[];
}

/** CPU seconds used by waited-for children so far, or null off Linux. */
function childCpuSeconds(): number | null {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
    // after "pid (comm) ": field 3 is state, so cutime (16) and cstime (17) are at 13 and 14
    return (Number(fields[13]) + Number(fields[14])) / TICKS;
  } catch {
    return null;
  }
}

/**
 * The child that verifies claims of the compiled catalog (all, or the ids given) and prints its timings.
 * It runs from a file: under `node -e`, the worker threads inherit `--input-type` and never start.
 */
const CHILD = `
const [, , out, workers, ids] = process.argv;
const { verifyClaims } = await import(${JSON.stringify(pathToFileURL(join(root, 'dist', 'src', 'index.js')).href)});
const { catalog } = await import(${JSON.stringify(pathToFileURL(join(root, 'dist', 'theorems', 'index.js')).href)});
const only = ids ? new Set(ids.split(',')) : null;
const claims = catalog.papers.flatMap((p) => p.claims).filter((c) => !only || only.has(c.id)).map((claim) => ({ claim, module: catalog.module }));
let timings;
await verifyClaims(claims, { workers: Number(workers), out, onTimings: (t) => (timings = t) });
process.stdout.write(JSON.stringify(timings));
`;

let childFile = '';

function childArgs(out: string, workers: number, ids?: string[]): string[] {
  return [childFile, out, String(workers), ...(ids ? [ids.join(',')] : [])];
}

function readClaims(out: string): Run['claims'] {
  const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as { claims: Run['claims'] };
  return report.claims.map((c) => ({ id: c.id, verdict: c.verdict, instances: c.instances, maxRatio: c.maxRatio, timeMs: c.timeMs }));
}

function current(out: string, workers: number): Run {
  const cpu0 = childCpuSeconds();
  const t0 = performance.now();
  const printed = execFileSync(process.execPath, childArgs(out, workers), { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 20 });
  const seconds = (performance.now() - t0) / 1000;
  const cpu1 = childCpuSeconds();
  return { seconds, cpuSeconds: cpu0 !== null && cpu1 !== null ? cpu1 - cpu0 : null, timings: JSON.parse(printed) as Timings, claims: readClaims(out) };
}

function base(tree: string, out: string): Run {
  const cpu0 = childCpuSeconds();
  const t0 = performance.now();
  try {
    execFileSync(process.execPath, [join(tree, 'bin', 'ratecheck.js'), 'verify', '--workers', '1', '--quiet', '--no-store', '--out', out], { cwd: tree, stdio: 'ignore' });
  } catch {
    // exit 1 (a verdict not as expected) still leaves a report to time
  }
  const seconds = (performance.now() - t0) / 1000;
  const cpu1 = childCpuSeconds();
  return { seconds, cpuSeconds: cpu0 !== null && cpu1 !== null ? cpu1 - cpu0 : null, claims: readClaims(out) };
}

/** Split claims into two halves of about equal total time (longest first, each to the lighter half). */
export function balancedHalves(claims: { id: string; timeMs: number }[]): [string[], string[]] {
  const halves: [string[], string[]] = [[], []];
  const load = [0, 0];
  for (const c of [...claims].sort((a, b) => b.timeMs - a.timeMs)) {
    const k = load[0] <= load[1] ? 0 : 1;
    halves[k].push(c.id);
    load[k] += c.timeMs;
  }
  return halves;
}

/** The two halves as independent processes side by side: wall time until the slower ends. */
async function ceiling(outs: [string, string], halves: [string[], string[]]): Promise<Run> {
  const cpu0 = childCpuSeconds();
  const t0 = performance.now();
  await Promise.all(
    halves.map(
      (ids, k) =>
        new Promise<void>((done, fail) => {
          const child = spawn(process.execPath, childArgs(outs[k], 1, ids), { cwd: root, stdio: 'ignore' });
          child.on('error', fail);
          child.on('exit', (code) => (code === 0 ? done() : fail(new Error(`half ${k + 1} exited ${code}`))));
        }),
    ),
  );
  const seconds = (performance.now() - t0) / 1000;
  const cpu1 = childCpuSeconds();
  const order = new Map(halves.flat().map((id, i) => [id, i]));
  const claims = [...readClaims(outs[0]), ...readClaims(outs[1])].sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
  return { seconds, cpuSeconds: cpu0 !== null && cpu1 !== null ? cpu1 - cpu0 : null, claims };
}

/** What must not depend on how the claims were run: verdicts, instances, largest ratios, by id. */
function outcome(run: Run): string {
  return JSON.stringify([...run.claims].sort((a, b) => (a.id < b.id ? -1 : 1)).map((c) => [c.id, c.verdict, c.instances, c.maxRatio]));
}

const suite: BenchSuite = {
  name: 'verify-parallel',
  description: 'default verify catalog: serial, worker threads, and their ceiling (two independent half-catalog processes); the report tail; CPU against the base tree',
  async run(log) {
    if (!existsSync(join(root, 'dist', 'src', 'index.js'))) throw new Error('dist/ is missing: run `npm run build` first');
    const baseTree = process.env.RATECHECK_BASE_TREE ? resolve(process.env.RATECHECK_BASE_TREE) : undefined;
    if (baseTree && !existsSync(join(baseTree, 'bin', 'ratecheck.js'))) throw new Error(`RATECHECK_BASE_TREE=${baseTree}: no bin/ratecheck.js there`);
    if (!baseTree) log('RATECHECK_BASE_TREE not set: no whole-job row (CPU against the code before the change)');
    const dir = mkdtempSync(join(tmpdir(), 'ratecheck-par-'));
    childFile = join(dir, 'verify-child.mjs');
    writeFileSync(childFile, CHILD);
    const workers = availableParallelism();
    const rounds: { base?: Run; serial: Run; parallel: Run; ceiling: Run }[] = [];
    try {
      for (let k = 0; k < ROUNDS; k++) {
        const b = baseTree ? base(baseTree, join(dir, `base-${k}`)) : undefined;
        const serial = current(join(dir, `serial-${k}`), 1);
        // parallel and ceiling in turns (one round parallel first, the next the ceiling first): the load of
        // a shared machine drifts within a round
        const halves = balancedHalves(serial.claims);
        const outs: [string, string] = [join(dir, `half1-${k}`), join(dir, `half2-${k}`)];
        const first = k % 2 === 0 ? undefined : await ceiling(outs, halves);
        const parallel = current(join(dir, `parallel-${k}`), workers);
        const top = first ?? (await ceiling(outs, halves));
        rounds.push({ base: b, serial, parallel, ceiling: top });
        log(
          `round ${k + 1}: serial ${round(serial.seconds)} s, ${workers} workers ${round(parallel.seconds)} s, two half processes ${round(top.seconds)} s` +
            (b ? `, base serial ${round(b.seconds)} s (CPU ${b.cpuSeconds ?? 'n/a'} s against ${serial.cpuSeconds ?? 'n/a'} s)` : '') +
            `; report tail ${round(serial.timings!.reportMs / 1000, 3)} s`,
        );
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const reference = outcome(rounds[0].serial);
    const identical = rounds.every((r) => outcome(r.serial) === reference && outcome(r.parallel) === reference && outcome(r.ceiling) === reference);
    const parallelSpeedup = median(rounds.map((r) => r.serial.seconds / r.parallel.seconds));
    const ceilingSpeedup = median(rounds.map((r) => r.serial.seconds / r.ceiling.seconds));
    const ofCeiling = median(rounds.map((r) => r.ceiling.seconds / r.parallel.seconds));
    const cpu = (f: (r: (typeof rounds)[number]) => Run | undefined) => {
      const v = rounds.map((r) => f(r)?.cpuSeconds ?? null);
      return v.every((x) => x !== null) ? median(v as number[]) : null;
    };
    const serialCpu = cpu((r) => r.serial), parallelCpu = cpu((r) => r.parallel), ceilingCpu = cpu((r) => r.ceiling);
    const reportSeconds = median(rounds.map((r) => r.serial.timings!.reportMs / 1000));
    const reportShare = median(rounds.map((r) => r.serial.timings!.reportMs / (r.serial.timings!.claimsMs + r.serial.timings!.writeMs)));
    const figuresSeconds = median(rounds.map((r) => r.serial.timings!.figuresMs / 1000));
    const writeSeconds = median(rounds.map((r) => r.serial.timings!.writeMs / 1000));
    log(
      `parallel ${round(parallelSpeedup, 3)}x serial, ceiling ${round(ceilingSpeedup, 3)}x: parallel reaches ${round(ofCeiling * 100, 3)}% of the ceiling (aim ≥ ${AIM_OF_CEILING * 100}%); ` +
        `CPU: serial ${serialCpu ?? 'n/a'} s, parallel ${parallelCpu ?? 'n/a'} s, two halves ${ceilingCpu ?? 'n/a'} s; verdicts ${identical ? 'identical' : 'DIFFER'}`,
    );
    log(`report tail (serial): ${round(reportSeconds, 3)} s (figures from kept traces ${round(figuresSeconds, 3)} s, writing ${round(writeSeconds, 3)} s), ${round(reportShare * 100, 3)}% of verify (aim < ${AIM_REPORT_SECONDS} s)`);
    const result: Record<string, unknown> = {
      claims: rounds[0].serial.claims.length,
      workers,
      rounds: ROUNDS,
      serialSeconds: round(median(rounds.map((r) => r.serial.seconds))),
      parallelSeconds: round(median(rounds.map((r) => r.parallel.seconds))),
      ceilingSeconds: round(median(rounds.map((r) => r.ceiling.seconds))),
      parallelSpeedup: round(parallelSpeedup, 3),
      ceilingSpeedup: round(ceilingSpeedup, 3),
      parallelOfCeiling: round(ofCeiling, 3),
      parallelOfCeilingByRound: rounds.map((r) => round(r.ceiling.seconds / r.parallel.seconds, 3)),
      aimParallelOfCeiling: AIM_OF_CEILING,
      cpuSecondsSerial: serialCpu,
      cpuSecondsParallel: parallelCpu,
      cpuSecondsCeiling: ceilingCpu,
      verdictsIdentical: identical,
      reportTailSeconds: round(reportSeconds, 3),
      reportTailFiguresSeconds: round(figuresSeconds, 3),
      reportTailWriteSeconds: round(writeSeconds, 3),
      reportTailShareOfVerify: round(reportShare, 3),
      aimReportTailSeconds: AIM_REPORT_SECONDS,
    };
    if (baseTree) {
      const baseCpu = cpu((r) => r.base);
      const ratios = rounds.map((r) => (r.serial.cpuSeconds !== null && r.base!.cpuSeconds ? r.serial.cpuSeconds / r.base!.cpuSeconds : null));
      const cpuRatio = ratios.every((x) => x !== null) ? median(ratios as number[]) : null;
      const wallRatio = median(rounds.map((r) => r.serial.seconds / r.base!.seconds));
      const sameAsBase = outcome(rounds[0].base!) === reference;
      log(`whole job: serial verify CPU ${serialCpu ?? 'n/a'} s against the base tree's ${baseCpu ?? 'n/a'} s: ${cpuRatio === null ? 'n/a' : `${round(cpuRatio, 3)}x`} (aim ≤ ${AIM_CPU_VS_BASE}x), wall ${round(wallRatio, 3)}x; verdicts ${sameAsBase ? 'the same as' : 'differ from'} the base's`);
      Object.assign(result, {
        baseCpuSecondsSerial: baseCpu,
        cpuSerialOverBase: cpuRatio === null ? null : round(cpuRatio, 3),
        cpuSerialOverBaseByRound: ratios.map((x) => (x === null ? null : round(x, 3))),
        wallSerialOverBase: round(wallRatio, 3),
        aimCpuSerialOverBase: AIM_CPU_VS_BASE,
        verdictsSameAsBase: sameAsBase,
      });
    }
    return result;
  },
};
export default suite;
