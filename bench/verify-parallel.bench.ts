/**
 * The default `ratecheck verify` catalog: wall time and instances per second, serial (one thread)
 * against parallel (worker threads, one per core), in the same run. The two reports must agree.
 *
 * The machines are noisy at the scale of a whole verify run (±10% between identical runs), so serial and
 * parallel runs alternate (serial, parallel, serial, parallel, ...) and the speedup is the median of the
 * ratios of adjacent pairs. The CPU seconds of each run (Linux: the children's times in /proc/self/stat)
 * show where a shortfall comes from: more CPU in total means the workers ran the same claims slower.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { round, type BenchSuite } from './harness.ts';

const here = dirname(fileURLToPath(import.meta.url));
const cli = join(here, '..', 'bin', 'ratecheck.js');
/** Alternating serial/parallel pairs. */
const PAIRS = 3;
/** Linux clock ticks per second (USER_HZ), as /proc reports times. */
const TICKS = 100;

interface Timed {
  seconds: number;
  cpuSeconds: number | null;
  claimSeconds: number;
  instances: number;
  claims: unknown[];
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

function verify(workers: number, out: string): Timed {
  const cpu0 = childCpuSeconds();
  const t0 = performance.now();
  try {
    execFileSync(process.execPath, [cli, 'verify', '--quiet', '--no-store', '--workers', String(workers), '--out', out], { stdio: 'ignore' });
  } catch {
    // exit 1 (a verdict not as expected) still leaves a report to time
  }
  const seconds = (performance.now() - t0) / 1000;
  const cpu1 = childCpuSeconds();
  const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as { claims: { id: string; verdict: string; instances: number; maxRatio: number | null; timeMs: number; counterexample?: { params: unknown } }[] };
  // what must not depend on the number of workers (times and file paths may)
  const claims = report.claims.map((c) => ({ id: c.id, verdict: c.verdict, instances: c.instances, maxRatio: c.maxRatio, counterexample: c.counterexample?.params ?? null }));
  return {
    seconds,
    cpuSeconds: cpu0 !== null && cpu1 !== null ? cpu1 - cpu0 : null,
    claimSeconds: report.claims.reduce((s, c) => s + c.timeMs, 0) / 1000,
    instances: report.claims.reduce((s, c) => s + c.instances, 0),
    claims,
  };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const k = s.length >> 1;
  return s.length % 2 ? s[k] : (s[k - 1] + s[k]) / 2;
}

const suite: BenchSuite = {
  name: 'verify-parallel',
  description: 'default verify catalog: serial vs worker threads, alternating pairs',
  run(log) {
    const dir = mkdtempSync(join(tmpdir(), 'ratecheck-par-'));
    const workers = availableParallelism();
    const serial: Timed[] = [], parallel: Timed[] = [];
    for (let k = 0; k < PAIRS; k++) {
      serial.push(verify(1, join(dir, `serial-${k}`)));
      parallel.push(verify(workers, join(dir, `parallel-${k}`)));
      log(`pair ${k + 1}: serial ${round(serial[k].seconds)} s, ${workers} workers ${round(parallel[k].seconds)} s: ${round(serial[k].seconds / parallel[k].seconds, 3)}x`);
    }
    rmSync(dir, { recursive: true, force: true });
    const reference = JSON.stringify(serial[0].claims);
    const same = [...serial, ...parallel].every((t) => JSON.stringify(t.claims) === reference);
    const speedups = serial.map((s, k) => s.seconds / parallel[k].seconds);
    const speedup = median(speedups);
    const sum = (ts: Timed[], f: (t: Timed) => number | null) => {
      const v = ts.map(f);
      return v.every((x) => x !== null) ? round((v as number[]).reduce((a, b) => a + b, 0) / v.length) : null;
    };
    const serialCpu = sum(serial, (t) => t.cpuSeconds), parallelCpu = sum(parallel, (t) => t.cpuSeconds);
    const serialWall = median(serial.map((t) => t.seconds)), parallelWall = median(parallel.map((t) => t.seconds));
    log(
      `median speedup ${round(speedup, 3)}x (pairs: ${speedups.map((s) => round(s, 3)).join(', ')}); ` +
        `claim time summed over claims: serial ${sum(serial, (t) => t.claimSeconds)} s, parallel ${sum(parallel, (t) => t.claimSeconds)} s; ` +
        `CPU: serial ${serialCpu ?? 'n/a'} s, parallel ${parallelCpu ?? 'n/a'} s; verdicts ${same ? 'identical' : 'DIFFER'}`,
    );
    return {
      claims: serial[0].claims.length,
      workers,
      pairs: PAIRS,
      serialSeconds: round(serialWall),
      parallelSeconds: round(parallelWall),
      speedupParallelVsSerial: round(speedup, 3),
      speedupsOfPairs: speedups.map((s) => round(s, 3)),
      claimSecondsSerial: sum(serial, (t) => t.claimSeconds),
      claimSecondsParallel: sum(parallel, (t) => t.claimSeconds),
      cpuSecondsSerial: serialCpu,
      cpuSecondsParallel: parallelCpu,
      instancesPerSecondSerial: round(serial[0].instances / serialWall),
      instancesPerSecondParallel: round(parallel[0].instances / parallelWall),
      verdictsIdentical: same,
      target: 1.7,
    };
  },
};
export default suite;
