/**
 * The exact mean-square rate ρ_msq(B) of minibatch heavy ball at n = 400, d = 12 (κ = 100, BCW's
 * parameters, row-norm sampling, B = 2048 above the critical batch): one evaluation through the
 * second-moment operator against a Monte Carlo estimate of the same quantity — the per-step factor
 * (mean ‖e_{k₀+m}‖²/mean ‖e_{k₀}‖²)^{1/m} over independent trajectories of the real algorithm — run
 * until its 95% confidence interval (delta method) is within 5% of the estimate.
 */
import { buildLeastSquares } from '../src/problems/least-squares.ts';
import { bcwParameters, MinibatchHeavyBall } from '../src/methods/heavy-ball.ts';
import { SecondMomentOperator } from '../src/methods/second-moment.ts';
import { round, type BenchSuite } from './harness.ts';

const n = 400, d = 12, kappa = 100, batchSize = 2048;
const burnIn = 20, window = 20, chunk = 25, maxRuns = 20_000;
const RELATIVE_HALF_WIDTH = 0.05;

function setup() {
  const problem = buildLeastSquares({ n, d, conditionNumber: kappa, spectrum: 'linear', rowNorms: 'uniform', seed: 1 });
  const params = bcwParameters(problem.eigenvalues);
  return { problem, params };
}

const suite: BenchSuite = {
  name: 'heavy-ball',
  description: `ρ_msq(B) at n = ${n}, d = ${d}, B = ${batchSize}: exact second-moment operator vs Monte Carlo to a ${RELATIVE_HALF_WIDTH * 100}% relative CI`,
  run(log) {
    const { problem, params } = setup();
    // exact: a fresh operator each time (set-up included), median of 5
    const exactTimes: number[] = [];
    let exact = NaN;
    for (let r = 0; r < 6; r++) {
      const t0 = performance.now();
      const op = new SecondMomentOperator(problem, { stepSize: params.stepSize, momentum: params.momentum, sampling: 'row-norm' });
      exact = op.radius(batchSize);
      if (r > 0) exactTimes.push(performance.now() - t0); // the first call warms up the JIT
    }
    exactTimes.sort((a, b) => a - b);
    const tExact = exactTimes[Math.floor(exactTimes.length / 2)];
    // direct power iteration on the 2d x 2d operator, for reference
    const t1 = performance.now();
    const direct = new SecondMomentOperator(problem, { stepSize: params.stepSize, momentum: params.momentum, sampling: 'row-norm' }).directRadius(batchSize);
    const tDirect = performance.now() - t1;

    // Monte Carlo: y_r = ‖e_{k₀}‖², z_r = ‖e_{k₀+m}‖² per trajectory; ratio estimator with the delta method
    const x0 = new Float64Array(d);
    const spec = { stepSize: params.stepSize, momentum: params.momentum, batchSize, sampling: 'row-norm' as const };
    let sy = 0, sz = 0, syy = 0, szz = 0, syz = 0, runs = 0;
    let estimate = NaN, halfWidth = Infinity;
    const t2 = performance.now();
    while (runs < maxRuns) {
      for (let c = 0; c < chunk; c++, runs++) {
        const m = new MinibatchHeavyBall(problem, spec, x0, 7, `bench-${runs}`);
        for (let k = 0; k < burnIn; k++) m.step();
        const y = m.errorNormSq();
        for (let k = 0; k < window; k++) m.step();
        const z = m.errorNormSq();
        sy += y;
        sz += z;
        syy += y * y;
        szz += z * z;
        syz += y * z;
      }
      const my = sy / runs, mz = sz / runs;
      const vy = (syy - runs * my * my) / (runs - 1), vz = (szz - runs * mz * mz) / (runs - 1), cyz = (syz - runs * my * mz) / (runs - 1);
      const ratio = mz / my;
      // Var(ratio) ≈ (vz − 2 ratio cyz + ratio² vy)/(runs my²); ρ̂ = ratio^{1/m}, relative SE divided by m
      const seRatio = Math.sqrt(Math.max(0, vz - 2 * ratio * cyz + ratio * ratio * vy) / (runs * my * my));
      estimate = Math.pow(ratio, 1 / window);
      halfWidth = (1.96 * seRatio) / ratio / window; // relative half-width of ρ̂
      if (runs >= 2 * chunk && halfWidth <= RELATIVE_HALF_WIDTH) break;
    }
    const tMc = performance.now() - t2;
    const rel = Math.abs(estimate - exact) / exact;
    log(
      `exact ρ_msq(${batchSize}) = ${round(exact, 8)} in ${round(tExact, 3)} ms (direct power iteration ${round(direct.radius, 8)} in ${round(tDirect, 3)} ms, ${direct.iterations} iterations); ` +
        `Monte Carlo ${round(estimate, 5)} ± ${round(100 * halfWidth, 3)}% with ${runs} trajectories in ${round(tMc, 4)} ms; ratio ${round(tMc / tExact, 3)}x`,
    );
    return {
      n,
      d,
      conditionNumber: kappa,
      batchSize,
      exactRadius: exact,
      exactMs: round(tExact, 4),
      directRadius: direct.radius,
      directMs: round(tDirect, 4),
      monteCarloRadius: round(estimate, 6),
      monteCarloRelativeHalfWidth: round(halfWidth, 4),
      monteCarloTrajectories: runs,
      monteCarloWindow: { burnIn, window },
      monteCarloMs: round(tMc, 4),
      monteCarloRelativeError: round(rel, 4),
      speedupVsMonteCarlo: round(tMc / tExact, 4),
    };
  },
};
export default suite;
