/**
 * Fast paths of the further theorems (part b), each as a ratio against its baseline in the same run:
 * - the balanced deep scalar network: the exact scalar recursion against the k-dimensional GD it
 *   reduces (same step count, k = 32);
 * - phase-retrieval GD (n = 48, m = 4n ln n): the in-place Float64Array step against the same step
 *   written with ml-matrix operations.
 */
import { Matrix } from 'ml-matrix';
import { balancedStart, balancedStepsToProduct, stepsToProduct } from '../src/methods/deep-scalar.ts';
import { phaseRetrievalProblem, runPhaseRetrievalGd, sampleSize, spectralInit } from '../src/problems/phase-retrieval.ts';
import { medianTime, round, type BenchSuite } from './harness.ts';

const suite: BenchSuite = {
  name: 'further-theorems-b',
  description: 'balanced scalar recursion vs k-dimensional deep scalar GD; in-place phase-retrieval GD vs an ml-matrix loop',
  run(log) {
    // deep scalar, balanced start a = 0.7, k = 32, η = 0.02: about 1e5 steps
    const a = 0.7, k = 32, eta = 0.02;
    let nReduced = 0, nDense = 0;
    const tReduced = medianTime(() => (nReduced = balancedStepsToProduct(a, k, { stepSize: eta }, 0.5, 1e7)), 5, 1);
    const tDense = medianTime(() => (nDense = stepsToProduct(balancedStart(a, k), { stepSize: eta }, 0.5, 1e7)), 5, 1);
    const deepRatio = tDense / tReduced;
    log(`balanced k = ${k}: ${nReduced} steps; scalar ${round(tReduced, 3)} ms, dense ${round(tDense, 3)} ms, speedup ${round(deepRatio, 3)}x (steps agree: ${Math.abs(nReduced - nDense) <= 1})`);

    // phase retrieval GD, 200 steps
    const n = 48, m = sampleSize(n, 4), T = 200;
    const p = phaseRetrievalProblem(n, m, 1);
    const z0 = spectralInit(p);
    const stepSize = 0.4 / (Math.log(n) * p.normX2);
    let ours = 0;
    const tOurs = medianTime(() =>
      runPhaseRetrievalGd(p, z0, stepSize, (_t, mt) => {
        ours = mt.distance;
        return true;
      }, T),
    );
    const A = Matrix.from1DArray(m, n, p.a);
    const y = Matrix.columnVector(Array.from(p.y));
    const x = Matrix.columnVector(Array.from(p.x));
    let theirs = 0;
    const tMl = medianTime(() => {
      let z = Matrix.columnVector(Array.from(z0));
      for (let t = 0; t <= T; t++) {
        theirs = Math.min(Matrix.sub(z, x).norm(), Matrix.add(z, x).norm());
        if (t === T) break;
        const Az = A.mmul(z);
        const w = Az.clone().pow(2).sub(y).mul(Az).div(m);
        z = Matrix.sub(z, A.transpose().mmul(w).mul(stepSize));
      }
    });
    const prRatio = tMl / tOurs;
    const agree = Math.abs(ours - theirs) / Math.max(theirs, Number.MIN_VALUE);
    log(`phase retrieval n = ${n}, m = ${m}, ${T} steps: in-place ${round(tOurs, 3)} ms, ml-matrix ${round(tMl, 3)} ms, speedup ${round(prRatio, 3)}x (final distances agree to ${agree.toExponential(1)})`);
    return {
      balancedDepth: k,
      balancedSteps: nReduced,
      balancedScalarSpeedupVsDense: round(deepRatio, 3),
      phaseRetrieval: { n, m, steps: T },
      phaseRetrievalSpeedupVsMlMatrix: round(prRatio, 3),
      phaseRetrievalFinalDistanceRelDiff: agree,
    };
  },
};

export default suite;
