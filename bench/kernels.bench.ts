/**
 * Dense products of the methods (XYᵀ, RY, RᵀX at m = n = 400, d = 80): the engine's register-tiled
 * Float64Array kernels against ml-matrix's mmul (transposes formed outside the timing) and numpy (a
 * subprocess timing the same products), as GFLOP/s and ratios measured in one run.
 */
import { execFileSync } from 'node:child_process';

import { gemm, gemmNT, gemmTN, transpose, zeros, type Mat } from '../src/linalg/dense.ts';
import { toMatrix } from '../src/linalg/decomp.ts';
import { Rng } from '../src/random/rng.ts';
import { medianTime, round, type BenchSuite } from './harness.ts';

const m = 400, n = 400, d = 80;

function random(seed: number, rows: number, cols: number): Mat {
  const a = zeros(rows, cols);
  new Rng(seed, 'kernels-bench').fillGaussian(a.data);
  return a;
}

const NUMPY = `
import json, time, numpy as np
m, n, d = ${m}, ${n}, ${d}
rng = np.random.default_rng(0)
X, Y, R = rng.standard_normal((m, d)), rng.standard_normal((n, d)), rng.standard_normal((m, n))
def med(f):
    f(); f()
    ts = []
    for _ in range(9):
        t0 = time.perf_counter(); f(); ts.append(time.perf_counter() - t0)
    return sorted(ts)[4]
print(json.dumps({"XYt": med(lambda: X @ Y.T), "RY": med(lambda: R @ Y), "RtX": med(lambda: R.T @ X)}))
`;

const suite: BenchSuite = {
  name: 'kernels',
  description: `dense products at m = n = ${m}, d = ${d}: ours vs ml-matrix vs numpy`,
  run(log) {
    const X = random(1, m, d), Y = random(2, n, d), R = random(3, m, n);
    const out1 = zeros(m, n), out2 = zeros(m, d), out3 = zeros(n, d);
    const flops = 2 * m * n * d;
    const ours = {
      XYt: medianTime(() => gemmNT(out1, X, Y)),
      RY: medianTime(() => gemm(out2, R, Y)),
      RtX: medianTime(() => gemmTN(out3, R, X)),
    };
    const mx = toMatrix(X), my = toMatrix(Y), mr = toMatrix(R), myt = toMatrix(transpose(Y)), mrt = toMatrix(transpose(R));
    const ml = {
      XYt: medianTime(() => mx.mmul(myt)),
      RY: medianTime(() => mr.mmul(my)),
      RtX: medianTime(() => mrt.mmul(mx)),
    };
    let numpy: Record<string, number> | null = null;
    try {
      numpy = JSON.parse(execFileSync('python3', ['-c', NUMPY], { encoding: 'utf8' })) as Record<string, number>;
    } catch {
      numpy = null;
    }
    const rows: Record<string, unknown> = {};
    let minSpeedup = Infinity, minGflops = Infinity;
    for (const k of ['XYt', 'RY', 'RtX'] as const) {
      const gOurs = flops / (ours[k] * 1e6), gMl = flops / (ml[k] * 1e6);
      const row: Record<string, number> = { oursGflops: round(gOurs), mlMatrixGflops: round(gMl), speedupVsMlMatrix: round(ml[k] / ours[k], 3) };
      if (numpy) {
        const gNp = flops / (numpy[k] * 1e9);
        row.numpyGflops = round(gNp);
        row.ratioOursOverNumpy = round(gOurs / gNp, 3);
      }
      minSpeedup = Math.min(minSpeedup, ml[k] / ours[k]);
      minGflops = Math.min(minGflops, gOurs);
      rows[k] = row;
      log(`${k}: ours ${round(gOurs)} GFLOP/s, ml-matrix ${round(gMl)} (${round(ml[k] / ours[k], 3)}x)${numpy ? `, numpy ${round(flops / (numpy[k] * 1e9))} GFLOP/s` : ', numpy not found'}`);
    }
    return { m, n, d, products: rows, minSpeedupVsMlMatrix: round(minSpeedup, 3), minOursGflops: round(minGflops), targets: { gflops: 1, speedupVsMlMatrix: 3 } };
  },
};
export default suite;
