/**
 * GD iterations per second on ½‖XYᵀ − A‖²_F at m = n = 100, d = 20: the engine's in-place kernels
 * against the same iteration written with ml-matrix operations, in one run.
 */
import { Matrix } from 'ml-matrix';
import { runFactorization } from '../src/methods/factorization.ts';
import { lowRankMatrix, gaussianMatrix, spectrum } from '../src/problems/low-rank.ts';
import { toMatrix } from '../src/linalg/decomp.ts';
import { scale } from '../src/linalg/dense.ts';
import { alternatedMedians, round, type BenchSuite } from './harness.ts';

const m = 100, n = 100, d = 20, r = 5, iterations = 200;

function setup() {
  const { A } = lowRankMatrix(1, m, n, spectrum('geometric', r, 5));
  const X0 = scale(gaussianMatrix(1, 'X0', m, d, 1 / d), 1);
  const Y0 = gaussianMatrix(1, 'Y0', n, d, 1 / n);
  return { A, X0, Y0 };
}

const suite: BenchSuite = {
  name: 'factorization-gd',
  description: `GD iterations/s, m = n = ${m}, d = ${d}: in-place kernels vs an ml-matrix loop`,
  run(log) {
    const p = setup();
    const eta = 1e-3;
    let ours = 0;
    const A = toMatrix(p.A);
    let theirs = 0;
    const timed = (f: () => void) => (): number => {
      const t0 = performance.now();
      f();
      return performance.now() - t0;
    };
    // alternated (ours, ml-matrix, ours, ...) after warm-up rounds, so that load changes hit both alike
    const { medians } = alternatedMedians({
      ours: timed(() => {
        runFactorization(p, { method: 'gd', stepSize: eta }, (_t, mt) => {
          ours = mt.residualNorm;
          return true;
        }, iterations);
      }),
      ml: timed(() => {
        let X = toMatrix(p.X0), Y = toMatrix(p.Y0);
        for (let t = 0; t <= iterations; t++) {
          const R = X.mmul(Y.transpose()).sub(A);
          theirs = R.norm('frobenius');
          if (t === iterations) break;
          const gX = R.mmul(Y), gY = R.transpose().mmul(X);
          X = Matrix.sub(X, gX.mul(eta));
          Y = Matrix.sub(Y, gY.mul(eta));
        }
      }),
    }, 7, 2);
    const tOurs = medians.ours, tMl = medians.ml;
    const agree = Math.abs(ours - theirs) / theirs;
    const itersOurs = ((iterations + 1) / tOurs) * 1000, itersMl = ((iterations + 1) / tMl) * 1000;
    log(`ours ${round(itersOurs)} it/s, ml-matrix ${round(itersMl)} it/s, ratio ${round(itersOurs / itersMl, 3)}x (final residuals agree to ${agree.toExponential(1)})`);
    return {
      m, n, d, iterations,
      oursItersPerSec: round(itersOurs),
      mlMatrixItersPerSec: round(itersMl),
      speedupVsMlMatrix: round(itersOurs / itersMl, 3),
      target: 2.5,
      finalResidualRelDiff: agree,
    };
  },
};
export default suite;
