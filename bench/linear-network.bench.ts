/**
 * One NAG trajectory of the paper's larger two-layer network (Appendix E: m = 500, n = 400, N = 600,
 * width d = 80, initialization (12) with c = 50√d), dense, as time per iteration relative to the
 * matrix-factorization GD loop of the same width (A ∈ ℝ^{500×400}, X ∈ ℝ^{500×80}, Y ∈ ℝ^{400×80}) in
 * the same run. Both go through the same residual-model loop (src/methods/factorization.ts). The
 * network's iteration costs five d-wide products over the m x N residual (about 2.3x the three of
 * matrix factorization over m x n); the ratio shows what that costs in practice. The exact reduced
 * path (rank(D) = 5) is timed too, for comparison: as the runner does it (width reduced to the rank of
 * [X₀; Y₀]) and kept at width d, with the trajectories compared.
 */
import { runFactorization } from '../src/methods/factorization.ts';
import { gaussianMatrix, lowRankMatrix, spectrum } from '../src/problems/low-rank.ts';
import { networkSetup, reduceNetwork, runLinearNetwork } from '../src/problems/linear-network.ts';
import { networkConstants, networkInit, paperNetworkLarge, paperScale, scaledProblem } from '../theorems/xu2024/network-setup.ts';
import { zeros } from '../src/linalg/dense.ts';
import { alternatedMedians, medianTime, round, type BenchSuite } from './harness.ts';

const d = 80, iterations = 20;

const suite: BenchSuite = {
  name: 'linear-network',
  description: `NAG on the 500/400/600 two-layer network at d = ${d}: ms per iteration relative to matrix-factorization GD at the same width`,
  run(log) {
    const params = paperNetworkLarge(d);
    const su = networkSetup(params);
    const init = networkInit(su, 'unbalanced');
    const c = paperScale(d);
    const q = networkConstants(su, init.s[0], init.s[params.r - 1], c);
    const problem = scaledProblem(su, init, c);
    const spec = { method: 'nag' as const, stepSize: q.stepSize, momentum: q.momentum };
    let networkResidual = NaN;
    const tNetwork = medianTime(() => {
      runLinearNetwork(problem, spec, (_t, mt) => {
        networkResidual = mt.residualNorm;
        return true;
      }, iterations);
    }, 3, 1);

    // the exact reduced problem, as the runner runs it (width reduced to the rank of [X₀; Y₀]) and kept at
    // width d: cheap, so alternated and warmed up (V8 optimizes only after many calls)
    const reduced = reduceNetwork(su, problem, su.UL);
    let reducedResidual = NaN, fullWidthResidual = NaN;
    const timed = (reduceWidth: boolean) => (): number => {
      const t0 = performance.now();
      runLinearNetwork(reduced!, spec, (_t, mt) => {
        if (reduceWidth) reducedResidual = mt.residualNorm;
        else fullWidthResidual = mt.residualNorm;
        return true;
      }, iterations, { reduceWidth });
      return performance.now() - t0;
    };
    const { medians } = reduced ? alternatedMedians({ reduced: timed(true), fullWidth: timed(false) }, 15, 20) : { medians: { reduced: NaN, fullWidth: NaN } };
    const tReduced = medians.reduced, tFullWidth = medians.fullWidth;

    const { A } = lowRankMatrix(1, params.m, params.n, spectrum('geometric', 5, 5));
    const mf = { A, X0: gaussianMatrix(1, 'X0', params.m, d, 1 / d), Y0: zeros(params.n, d) };
    const tFactorization = medianTime(() => {
      runFactorization(mf, { method: 'gd', stepSize: 1e-3 }, () => true, iterations);
    }, 3, 1);

    const per = (ms: number) => ms / (iterations + 1);
    const ratio = tNetwork / tFactorization;
    log(`network NAG ${round(per(tNetwork))} ms/it, matrix-factorization GD ${round(per(tFactorization))} ms/it: ratio ${round(ratio, 3)}; reduced path ${round(per(tReduced))} ms/it (residuals agree to ${(Math.abs(networkResidual - reducedResidual) / su.normL).toExponential(1)} of ‖L‖_F), ${round(per(tFullWidth))} ms/it at full width d (${round(tFullWidth / tReduced, 3)}x)`);
    return {
      m: params.m,
      n: params.n,
      N: params.N,
      d,
      iterations,
      networkNagMsPerIteration: round(per(tNetwork)),
      factorizationGdMsPerIteration: round(per(tFactorization)),
      timeRatioNetworkOverFactorization: round(ratio, 3),
      reducedNagMsPerIteration: round(per(tReduced)),
      reducedSpeedup: round(tNetwork / tReduced, 3),
      reducedFullWidthMsPerIteration: round(per(tFullWidth)),
      widthReductionSpeedup: round(tFullWidth / tReduced, 3),
      widthReductionResidualAgreement: Math.abs(fullWidthResidual - reducedResidual) / su.normL,
      residualAgreement: Math.abs(networkResidual - reducedResidual) / su.normL,
    };
  },
};
export default suite;
