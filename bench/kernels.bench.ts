/**
 * Dense products: the engine's kernels against the kernel they replaced (the strided 2 x 4
 * register-tiled loops, src/linalg/kernels.ts, which still serve the small products), ml-matrix's mmul and numpy, as GFLOP/s and ratios
 * measured in one run.
 *
 * Shapes: square products at n = 256, 512, 1000 in the three layouts (gemm AB, gemmNT ABᵀ, gemmTN AᵀB),
 * the methods' products at m = n = 400, d = 80 (XYᵀ, RY, RᵀX; ml-matrix timed on these only) and a small
 * inner dimension (XYᵀ with d = 4, the rank of the factorization instances). Timing: rounds alternate
 * ours, the baseline, ml-matrix and numpy after one untimed round (a fair subprocess: OPENBLAS_CORETYPE/L2_SIZE unset, one BLAS
 * thread; it times each product itself, best of 3); per round each product is the best of 3 calls after
 * a warm-up (one call at n = 1000), and each speed-up is the median of the per-round ratios. Ours and
 * the baseline sum every entry in the same order, so their outputs are compared bit for bit.
 */
import { gemm, gemmNT, gemmTN, transpose, zeros, type Mat } from '../src/linalg/dense.ts';
import { toMatrix } from '../src/linalg/decomp.ts';
// the previous kernel of every product, which still serves the small ones: the baseline
import { stridedProduct as baselineProduct } from '../src/linalg/kernels.ts';
import { Rng } from '../src/random/rng.ts';
import { describeNumpy, median, numpyBlasInfo, pairedRatio, round, runNumpy, type BenchSuite } from './harness.ts';

type Layout = 'NN' | 'NT' | 'TN';

interface Shape {
  name: string;
  layout: Layout;
  /** output m x n, inner dimension k */
  m: number;
  n: number;
  k: number;
  /** also time ml-matrix (only at the methods' shapes: at n = 512 one mmul takes about a second) */
  mlMatrix: boolean;
}

const SQUARE = [256, 512, 1000];
const SHAPES: Shape[] = [
  ...SQUARE.flatMap((s) => (['NN', 'NT', 'TN'] as const).map((layout): Shape => ({ name: `${layout === 'NN' ? 'gemm' : layout === 'NT' ? 'gemmNT' : 'gemmTN'}${s}`, layout, m: s, n: s, k: s, mlMatrix: false }))),
  { name: 'XYt', layout: 'NT', m: 400, n: 400, k: 80, mlMatrix: true },
  { name: 'RY', layout: 'NN', m: 400, n: 80, k: 400, mlMatrix: true },
  { name: 'RtX', layout: 'TN', m: 400, n: 80, k: 400, mlMatrix: true },
  { name: 'XYtRank4', layout: 'NT', m: 400, n: 400, k: 4, mlMatrix: true },
];

function random(seed: number, rows: number, cols: number): Mat {
  const a = zeros(rows, cols);
  new Rng(seed, 'kernels-bench').fillGaussian(a.data);
  return a;
}

/** The operands as stored for the layout: A is m x k (k x m for TN), B is k x n (n x k for NT). */
function operands(s: Shape) {
  const A = s.layout === 'TN' ? random(1, s.k, s.m) : random(1, s.m, s.k);
  const B = s.layout === 'NT' ? random(2, s.n, s.k) : random(2, s.k, s.n);
  const strides = {
    aRow: s.layout === 'TN' ? 1 : s.k,
    aCol: s.layout === 'TN' ? s.m : 1,
    bRow: s.layout === 'NT' ? 1 : s.n,
    bCol: s.layout === 'NT' ? s.k : 1,
  };
  return { A, B, strides };
}

/** Seconds of the fastest of `reps` calls (after one warm-up call when reps > 1). */
function bestOf(fn: () => void, reps: number): number {
  if (reps > 1) fn();
  let best = Infinity;
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    fn();
    best = Math.min(best, (performance.now() - t0) / 1000);
  }
  return best;
}

const NUMPY = (shapes: Shape[]) => `
import json, time, numpy as np
rng = np.random.default_rng(0)
out = {}
for name, layout, m, n, k in ${JSON.stringify(shapes.map((s) => [s.name, s.layout, s.m, s.n, s.k]))}:
    A = rng.standard_normal((k, m) if layout == 'TN' else (m, k))
    B = rng.standard_normal((n, k) if layout == 'NT' else (k, n))
    f = (lambda: A.T @ B) if layout == 'TN' else (lambda: A @ B.T) if layout == 'NT' else (lambda: A @ B)
    f()
    best = float('inf')
    for _ in range(3):
        t0 = time.perf_counter(); f(); best = min(best, time.perf_counter() - t0)
    out[name] = best
print(json.dumps(out))
`;

const ROUNDS = 5;

const suite: BenchSuite = {
  name: 'kernels',
  description: 'dense products at n = 256, 512, 1000 and the methods’ shapes: ours vs the previous kernel, ml-matrix and numpy (alternated rounds)',
  run(log) {
    const blas = numpyBlasInfo();
    log(blas ? describeNumpy(blas) : 'numpy not found: its rows are skipped');
    const prepared = SHAPES.map((s) => {
      const { A, B, strides } = operands(s);
      const ours = zeros(s.m, s.n), base = zeros(s.m, s.n);
      const run = s.layout === 'NN' ? () => gemm(ours, A, B) : s.layout === 'NT' ? () => gemmNT(ours, A, B) : () => gemmTN(ours, A, B);
      const baseline = () => baselineProduct(base.data, A.data, B.data, s.m, s.n, s.k, strides.aRow, strides.aCol, strides.bRow, strides.bCol);
      // ml-matrix multiplies plain products: transposes formed outside the timing
      const mlA = toMatrix(s.layout === 'TN' ? transpose(A) : A), mlB = toMatrix(s.layout === 'NT' ? transpose(B) : B);
      return { s, run, baseline, ml: () => mlA.mmul(mlB), ours, base };
    });
    const reps = (s: Shape) => (s.m * s.n * s.k >= 1e8 ? 1 : 3);
    // one round: every shape through every implementation in turn, numpy last (one subprocess for all shapes)
    const numpyRound = (): number[] => {
      const t = JSON.parse(runNumpy(['-c', NUMPY(SHAPES)])) as Record<string, number>;
      return SHAPES.map((s) => t[s.name]);
    };
    const impls = {
      ours: () => prepared.map((p) => bestOf(p.run, reps(p.s))),
      baseline: () => prepared.map((p) => bestOf(p.baseline, reps(p.s))),
      mlMatrix: () => prepared.map((p) => (p.s.mlMatrix ? bestOf(p.ml, reps(p.s)) : NaN)),
      numpy: () => (blas ? numpyRound() : prepared.map(() => NaN)),
    };
    const samples: Record<keyof typeof impls, number[][]> = { ours: [], baseline: [], mlMatrix: [], numpy: [] };
    // one untimed round first: V8 optimizes each path (and re-optimizes on the first multi-block shape) before timing
    for (let r = -1; r < ROUNDS; r++) {
      for (const key of Object.keys(impls) as (keyof typeof impls)[]) {
        const times = impls[key]();
        if (r >= 0) samples[key].push(times);
      }
    }
    const rows: Record<string, unknown> = {};
    let minSpeedup = Infinity, minSpeedupSquare = Infinity;
    prepared.forEach((p, idx) => {
      const { s } = p;
      const flops = 2 * s.m * s.n * s.k;
      const series = (key: keyof typeof samples) => samples[key].map((r) => r[idx]);
      const ours = series('ours'), base = series('baseline');
      let diff = 0;
      for (let i = 0; i < p.ours.data.length; i++) if (!Object.is(p.ours.data[i], p.base.data[i])) diff++;
      const speedup = pairedRatio(base, ours);
      const gOurs = flops / (median(ours) * 1e9), gBase = flops / (median(base) * 1e9);
      const row: Record<string, number> = { m: s.m, n: s.n, k: s.k, oursGflops: round(gOurs), baselineGflops: round(gBase), speedupVsBaseline: round(speedup, 3), entriesDifferingFromBaseline: diff };
      if (s.mlMatrix) {
        const ml = series('mlMatrix');
        row.mlMatrixGflops = round(flops / (median(ml) * 1e9));
        row.speedupVsMlMatrix = round(pairedRatio(ml, ours), 3);
      }
      if (blas) {
        const np = series('numpy');
        row.numpyGflops = round(flops / (median(np) * 1e9));
        row.ratioOursOverNumpy = round(pairedRatio(np, ours), 3);
      }
      if (diff > 0) throw new Error(`${s.name}: ${diff} entries differ from the baseline kernel (the summation order must not change)`);
      minSpeedup = Math.min(minSpeedup, speedup);
      if (SQUARE.includes(s.m) && s.m === s.n && s.n === s.k) minSpeedupSquare = Math.min(minSpeedupSquare, speedup);
      rows[s.name] = row;
      log(`${s.name} (${s.m}x${s.k}x${s.n}): ours ${round(gOurs)} GFLOP/s, previous kernel ${round(gBase)} (${round(speedup, 3)}x)${row.mlMatrixGflops ? `, ml-matrix ${row.mlMatrixGflops}` : ''}${blas ? `, numpy ${row.numpyGflops} (ours/numpy ${row.ratioOursOverNumpy})` : ''}`);
    });
    return {
      method: `one untimed warm-up round, then ${ROUNDS} alternated rounds (ours, previous kernel, ml-matrix, numpy); per round the best of 3 calls after a warm-up (one call at n = 1000); speed-ups are medians of per-round ratios; outputs of ours and the previous kernel identical bit for bit`,
      numpy: blas ?? 'not found',
      products: rows,
      minSpeedupVsBaselineSquare256to1000: round(minSpeedupSquare, 3),
      minSpeedupVsBaseline: round(minSpeedup, 3),
      targets: { speedupVsBaselineSquare256to1000: 2 },
    };
  },
};

export default suite;
