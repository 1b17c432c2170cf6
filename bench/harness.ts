/**
 * Benchmark helpers. Speed is reported as a ratio against a baseline measured in the same run (the
 * machines are shared and noisy), from the median of repeated timings.
 */
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
