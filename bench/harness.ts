/**
 * Benchmark helpers. Speed is reported as a ratio against a baseline measured in the same run (the
 * machines are shared and noisy), from the median of repeated timings.
 */
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface BenchSuite {
  name: string;
  description: string;
  run(log: (line: string) => void): Promise<Record<string, unknown>> | Record<string, unknown>;
}

/** Median wall time (ms) of `fn` over `repeats` timings after `warmup` untimed calls. */
export function medianTime(fn: () => void, repeats = 7, warmup = 2): number {
  for (let i = 0; i < warmup; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

export function round(v: number, digits = 4): number {
  return Number(v.toPrecision(digits));
}

// ---------------------------------------------------------------------------------------------
// Fair numpy baselines. OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE inherited from the environment can
// select older OpenBLAS kernels (numpy 2.7–3.1x slower measured), and OpenBLAS threads would compete
// with the single-threaded code it is compared with; so the numpy command alone runs without them, on
// one BLAS thread, and reports the kernel that actually ran.

/** bench/numpy_blas.py: `blas_info()` for numpy scripts (import it with bench/ on sys.path). */
export const NUMPY_BLAS_PY = join(dirname(fileURLToPath(import.meta.url)), 'numpy_blas.py');

/** The environment of a fair numpy command: `base` without OPENBLAS_CORETYPE/OPENBLAS_L2_SIZE, one BLAS/OpenMP thread. */
export function fairNumpyEnv(base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...base };
  delete env.OPENBLAS_CORETYPE;
  delete env.OPENBLAS_L2_SIZE;
  env.OPENBLAS_NUM_THREADS = '1';
  env.OMP_NUM_THREADS = '1';
  env.MKL_NUM_THREADS = '1';
  return env;
}

/** `python3 args...` under fairNumpyEnv(), its stdout. Throws when python3 fails. */
export function runNumpy(args: string[], input?: string): string {
  return execFileSync('python3', args, { encoding: 'utf8', env: fairNumpyEnv(), input, maxBuffer: 64 * 1024 * 1024, stdio: ['pipe', 'pipe', 'pipe'] });
}

/** What numpy runs on: its version, the BLAS it was built with, and the kernel and thread count the library reports at run time. */
export interface NumpyBlas {
  numpy: string;
  /** BLAS library name and build configuration (numpy.show_config) */
  blas?: string;
  config?: string;
  /** the kernel OpenBLAS selected at load (e.g. SkylakeX, Haswell) */
  coretype?: string;
  /** BLAS threads in use */
  threads?: number;
  /** where coretype/threads were read: threadpoolctl, the OpenBLAS library through ctypes, or OPENBLAS_VERBOSE */
  source?: string;
}

let blasCache: NumpyBlas | null | undefined;

/** numpy's BLAS under fairNumpyEnv(), or null without python3 + numpy. Cached per process. */
export function numpyBlasInfo(): NumpyBlas | null {
  if (blasCache !== undefined) return blasCache;
  try {
    const code = `import sys, json; sys.path.insert(0, ${JSON.stringify(dirname(NUMPY_BLAS_PY))}); import numpy_blas; print(json.dumps(numpy_blas.blas_info()))`;
    blasCache = JSON.parse(runNumpy(['-c', code])) as NumpyBlas;
  } catch {
    blasCache = null;
  }
  return blasCache;
}

/** One line describing a NumpyBlas, for the bench logs. */
export function describeNumpy(info: NumpyBlas): string {
  return `numpy ${info.numpy}, ${info.blas ?? 'BLAS unknown'} kernel ${info.coretype ?? 'unknown'} on ${info.threads ?? '?'} thread(s) (${info.source ?? 'no run-time report'}; OPENBLAS_CORETYPE/L2_SIZE unset)`;
}

/**
 * Alternated timings: `rounds` rounds, each calling every entry of `runs` once in order (ours, numpy,
 * ours, numpy, ...), after `warmup` untimed rounds; each call returns its own time (seconds, so a
 * subprocess can report the time it measured inside). Returns the samples and their medians; alternation
 * spreads the machine's load changes over all entries alike.
 */
export function alternatedMedians<K extends string>(runs: Record<K, () => number>, rounds = 5, warmup = 1): { medians: Record<K, number>; samples: Record<K, number[]> } {
  if (!(Number.isInteger(rounds) && rounds >= 1)) throw new RangeError(`rounds must be a positive integer, got ${rounds}`);
  const keys = Object.keys(runs) as K[];
  const samples = Object.fromEntries(keys.map((k) => [k, [] as number[]])) as Record<K, number[]>;
  for (let i = 0; i < warmup + rounds; i++) {
    for (const k of keys) {
      const s = runs[k]();
      if (i >= warmup) samples[k].push(s);
    }
  }
  const medians = Object.fromEntries(keys.map((k) => [k, median(samples[k])])) as Record<K, number>;
  return { medians, samples };
}

/** Median of the per-round ratios num[i]/den[i] of two alternated sample series (paired: each round's load cancels). */
export function pairedRatio(num: readonly number[], den: readonly number[]): number {
  if (num.length !== den.length || num.length === 0) throw new RangeError('paired series must have the same, nonzero length');
  return median(num.map((v, i) => v / den[i]));
}

export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const h = Math.floor(s.length / 2);
  return s.length % 2 ? s[h] : (s[h - 1] + s[h]) / 2;
}
