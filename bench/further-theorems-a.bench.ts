/**
 * The calibration and further-theorems (part a) methods, each as a ratio against a baseline in the same run:
 * - Nesterov's method on a Haar quadratic (d = 50, κ = 100, 500 steps): the in-place Float64Array loop
 *   against the same iteration written with ml-matrix operations;
 * - MEM-SGD with top_k on finite-sum ridge (d = 30, n = 100, k = 3, 2000 steps): steps/s with the exact
 *   G² along the iterates (O(nd) per step, what Theorem 2.4's claim computes) against steps/s without it.
 */
import { Matrix } from 'ml-matrix';
import { Quadratic, prescribedSpectrum, drawPoint, FiniteSumRidge } from '../src/problems/smooth-convex.ts';
import { nesterovMomentum, runNesterov } from '../src/methods/first-order.ts';
import { MemSgd } from '../src/methods/sparsified-sgd.ts';
import { medianTime, round, type BenchSuite } from './harness.ts';

const suite: BenchSuite = {
  name: 'further-theorems-a',
  description: 'in-place Nesterov vs an ml-matrix loop (d = 50); MEM-SGD steps/s with and without the exact G² along the iterates',
  run(log) {
    const d = 50, kappa = 100, T = 500;
    const q = new Quadratic({ eigenvalues: prescribedSpectrum(d, 1 / kappa, 1, 1), basis: 'haar', seed: 1, xStar: drawPoint(d, 1, 1) });
    const x0 = drawPoint(d, 3, 2, 'x0');
    const beta = nesterovMomentum(1 / kappa, 1);
    let ours = 0;
    const tOurs = medianTime(() =>
      runNesterov(q, x0, { stepSize: 1, momentum: beta }, (_t, m) => {
        ours = m.distSq;
        return true;
      }, T),
    );
    const Q = Matrix.from1DArray(d, d, q.Q);
    const xs = Matrix.columnVector(Array.from(q.xStar));
    let theirs = 0;
    const tMl = medianTime(() => {
      let x = Matrix.columnVector(Array.from(x0));
      let xPrev = x.clone();
      for (let t = 0; t <= T; t++) {
        theirs = Matrix.sub(x, xs).norm('frobenius') ** 2;
        if (t === T) break;
        const y = Matrix.add(x, Matrix.sub(x, xPrev).mul(beta));
        const g = Q.mmul(Matrix.sub(y, xs));
        xPrev = x;
        x = Matrix.sub(y, g);
      }
    });
    const nesterovRatio = tMl / tOurs;
    const agree = Math.abs(ours - theirs) / theirs;
    log(`Nesterov d = ${d}, ${T} steps: in place ${round(tOurs, 3)} ms, ml-matrix ${round(tMl, 3)} ms, speedup ${round(nesterovRatio, 3)}x (final ‖x − x*‖² agree to ${agree.toExponential(1)})`);

    const ridge = new FiniteSumRidge({ d: 30, n: 100, lambda: 0.5, seed: 1, noise: 0.5, xTrueNorm: 1 });
    const a = 7 * 10, steps = 2000;
    const spec = { k: 3, compressor: 'top-k' as const, stepSize: (t: number) => 8 / (ridge.strongConvexity * (a + t)), weight: (t: number) => (a + t) ** 2, seed: 1 };
    let g2 = 0;
    const tWith = medianTime(() => {
      const run = new MemSgd(ridge, new Float64Array(30), spec);
      for (let t = 0; t < steps; t++) {
        g2 = Math.max(g2, run.meanSquaredGradientNorm());
        run.step();
      }
    });
    const tWithout = medianTime(() => {
      const run = new MemSgd(ridge, new Float64Array(30), spec);
      for (let t = 0; t < steps; t++) run.step();
    });
    const g2Cost = tWith / tWithout;
    log(`MEM-SGD top-3, d = 30, n = 100: ${round((steps / tWithout) * 1000)} steps/s, ${round((steps / tWith) * 1000)} with exact G² (cost ${round(g2Cost, 3)}x, G² = ${round(g2)})`);
    return {
      nesterov: { d, kappa, steps: T, inPlaceMs: round(tOurs), mlMatrixMs: round(tMl), speedupVsMlMatrix: round(nesterovRatio, 3), finalDistSqRelDiff: agree },
      memSgd: { d: 30, n: 100, k: 3, steps, stepsPerSec: round((steps / tWithout) * 1000), stepsPerSecWithExactG2: round((steps / tWith) * 1000), exactG2CostRatio: round(g2Cost, 3) },
    };
  },
};
export default suite;
