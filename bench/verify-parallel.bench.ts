/**
 * The default `ratecheck verify` catalog: wall time and instances per second, serial (one thread)
 * against parallel (worker threads, one per core), in the same run. The two reports must agree.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { round, type BenchSuite } from './harness.ts';

const here = dirname(fileURLToPath(import.meta.url));
const cli = join(here, '..', 'bin', 'ratecheck.js');

interface Timed { seconds: number; instances: number; claims: unknown[] }

function verify(workers: number, out: string): Timed {
  const t0 = performance.now();
  try {
    execFileSync(process.execPath, [cli, 'verify', '--quiet', '--no-store', '--workers', String(workers), '--out', out], { stdio: 'ignore' });
  } catch {
    // exit 1 (a verdict not as expected) still leaves a report to time
  }
  const seconds = (performance.now() - t0) / 1000;
  const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as { claims: { id: string; verdict: string; instances: number; maxRatio: number | null; counterexample?: { params: unknown } }[] };
  // what must not depend on the number of workers (times and file paths may)
  const claims = report.claims.map((c) => ({ id: c.id, verdict: c.verdict, instances: c.instances, maxRatio: c.maxRatio, counterexample: c.counterexample?.params ?? null }));
  return { seconds, instances: report.claims.reduce((s, c) => s + c.instances, 0), claims };
}

const suite: BenchSuite = {
  name: 'verify-parallel',
  description: 'default verify catalog: serial vs worker threads',
  run(log) {
    const dir = mkdtempSync(join(tmpdir(), 'ratecheck-par-'));
    const workers = availableParallelism();
    // the serial run also records each claim's time, which the parallel run uses to dispatch longest first
    const serial = verify(1, join(dir, 'serial'));
    const parallel = verify(workers, join(dir, 'parallel'));
    rmSync(dir, { recursive: true, force: true });
    const same = JSON.stringify(serial.claims) === JSON.stringify(parallel.claims);
    const speedup = serial.seconds / parallel.seconds;
    log(`serial ${round(serial.seconds)} s, ${workers} workers ${round(parallel.seconds)} s: ${round(speedup, 3)}x; ${round(parallel.instances / parallel.seconds)} instances/s; verdicts ${same ? 'identical' : 'DIFFER'}`);
    return {
      claims: serial.claims.length,
      workers,
      serialSeconds: round(serial.seconds),
      parallelSeconds: round(parallel.seconds),
      speedupParallelVsSerial: round(speedup, 3),
      instancesPerSecondSerial: round(serial.instances / serial.seconds),
      instancesPerSecondParallel: round(parallel.instances / parallel.seconds),
      verdictsIdentical: same,
      target: 1.7,
    };
  },
};
export default suite;
