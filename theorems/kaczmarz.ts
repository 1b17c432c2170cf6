/**
 * Randomized Kaczmarz (Strohmer–Vershynin 2009) and minibatch SGD / averaged block Kaczmarz on
 * consistent systems (dossier minibatch-heavy-ball.md §4.3, §6d, P8), checked in exact expectation
 * through the second-moment operator (β = 0), never by Monte Carlo:
 *
 * - RK (row-norm sampling, x ← x − a_j(a_jᵀx − b_j)/‖a_j‖²) is minibatch SGD with B = 1, α = 1/‖A‖²_F:
 *   E‖e_{k+1}‖² = E‖e_k‖² − E[e_kᵀHe_k]/‖A‖²_F ≤ (1 − 1/κ̄_D) E‖e_k‖², κ̄_D = ‖A‖²_F/λ_min.
 * - Minibatch SGD (row-norm, batch B): E‖e_{k+1}‖² = ‖e_k‖² − 2α e_kᵀHe_k + α²[(1/B)‖A‖²_F e_kᵀHe_k
 *   + (1 − 1/B)‖He_k‖²] (in expectation over e_k), and with α_B = 1/(‖A‖²_F/B + (1 − 1/B)λ_max),
 *   E‖e_k‖² ≤ (1 − α_B λ_min)^k ‖e₀‖².
 */
import fc from 'fast-check';
import { atLeast, atMost, defineClaim, type Bound, type Claim, type Source, type Trial } from '../src/claims/types.ts';
import { logUniform } from '../src/claims/arbitraries.ts';
import { buildInstance, instanceParams, startingError, type InstanceParams, type LeastSquares } from '../src/problems/least-squares.ts';
import { runKaczmarz } from '../src/methods/heavy-ball.ts';
import { SecondMomentOperator } from '../src/methods/second-moment.ts';

const SV = 'T. Strohmer, R. Vershynin. A randomized Kaczmarz algorithm with exponential convergence. J. Fourier Anal. Appl. 15:262–278, 2009';
const SV_URL = 'https://arxiv.org/abs/math/0702226';
const BCW = 'R. Bollapragada, T. Chen, R. Ward. On the fast convergence of minibatch heavy ball momentum. IMA J. Numer. Anal. 45(3), 2024';
const BCW_URL = 'https://arxiv.org/abs/2206.07553';

const svSource = (note: string): Source => ({ paper: SV, theorem: 'Theorem 2', url: SV_URL, confidence: 'D', note });
const sgdSource = (note: string): Source => ({ paper: BCW, theorem: 'minibatch SGD corollary (text not available)', url: BCW_URL, confidence: 'D', note });

/** Relative tolerance of the exact one-step identities (the operator against the closed form). */
export const IDENTITY_RTOL = 1e-9;
/** Roundoff floor of E‖e_k‖² relative to ‖e₀‖² = 1 (the exact recursion is homogeneous). */
export const MSQ_FLOOR = 1e-24;

export interface SgdParams extends InstanceParams {
  /** batch size as a fraction of its range, see each claim */
  batchFraction: number;
}

type Contraction = (problem: LeastSquares, B: number, stepSize: number) => { perStep: number; cite: string };

interface SgdOptions {
  /** batch size from the instance and the fraction */
  batch: (problem: LeastSquares, fraction: number) => number;
  stepSize: (problem: LeastSquares, B: number) => number;
  contraction: Contraction;
  /** check the one-step identity as well */
  identity: boolean;
  extraHypotheses?: (problem: LeastSquares, B: number) => ReturnType<typeof atLeast>[];
}

/** α_B = 1/(‖A‖²_F/B + (1 − 1/B)λ_max) (dossier §4.3). */
export function minibatchStep(problem: LeastSquares, B: number): number {
  return 1 / (problem.frobeniusSq / B + (1 - 1 / B) * problem.lambdaMax);
}

function sgdTrial(params: SgdParams, o: SgdOptions): Trial {
  const problem = buildInstance(params);
  const B = o.batch(problem, params.batchFraction);
  const alpha = o.stepSize(problem, B);
  const e0 = startingError(problem, params.start, params.seed);
  const op = new SecondMomentOperator(problem, { stepSize: alpha, momentum: 0, sampling: 'row-norm' });
  const { perStep, cite } = o.contraction(problem, B, alpha);
  const F = problem.frobeniusSq;
  const bounds: Bound[] = [
    { metric: 'meanSquareError', relation: 'le', value: (k) => Math.pow(perStep, k), floor: MSQ_FLOOR, cite },
  ];
  if (o.identity) {
    const citeId = `E‖e_{k+1}‖² = E‖e_k‖² − 2α E[eᵀHe] + α²[(1/B)‖A‖²_F E[eᵀHe] + (1 − 1/B)E‖He‖²] (dossier §4.3; B = 1, α = 1/‖A‖²_F: Strohmer–Vershynin identity §6d)`;
    bounds.push(
      { metric: 'meanSquareError', relation: 'le', value: (k, m) => (k === 0 ? Infinity : m.predicted), floor: 0, rtol: IDENTITY_RTOL, cite: citeId },
      { metric: 'meanSquareError', relation: 'ge', value: (k, m) => (k === 0 ? 0 : m.predicted), floor: 0, rtol: IDENTITY_RTOL, cite: citeId },
    );
  }
  return {
    hypotheses: [atLeast('batch size B ≥ 1', B, 1), ...(o.extraHypotheses ? o.extraHypotheses(problem, B) : [])],
    derived: {
      batchSize: B,
      stepSize: alpha,
      contraction: perStep,
      demmelConditionNumber: problem.demmelConditionNumber,
      conditionNumber: problem.conditionNumber,
      stableRank: problem.stableRank,
    },
    bounds,
    run(observe, maxIterations) {
      const metrics = { meanSquareError: 1, predicted: NaN };
      let predicted = NaN;
      op.meanSquareTrajectory(e0, B, (k, m) => {
        metrics.meanSquareError = m.meanSquareError;
        metrics.predicted = predicted;
        // the identity's prediction for k + 1 from the exact moments at k
        predicted = m.meanSquareError - 2 * alpha * m.traceHS + alpha * alpha * ((F / B) * m.traceHS + (1 - 1 / B) * m.traceHSH);
        return observe(k, metrics);
      }, maxIterations);
    },
  };
}

const kaczmarzBatch = () => 1;
const kaczmarzStep = (p: LeastSquares) => 1 / p.frobeniusSq;

const rkParams = (k: [number, number] = [1, 1000]) =>
  instanceParams({ conditionNumber: k }).map((p): SgdParams => ({ ...p, batchFraction: 1 }));

export const stroVer = defineClaim<SgdParams>({
  id: 'kaczmarz.strohmer-vershynin',
  statement: 'Randomized Kaczmarz with row-norm sampling: E‖x_k − x*‖² ≤ (1 − 1/κ̄_D)^k ‖x₀ − x*‖², κ̄_D = ‖A‖²_F/λ_min, and E‖e_{k+1}‖² = E‖e_k‖² − E[e_kᵀHe_k]/‖A‖²_F exactly',
  source: svSource('dossier §6d one-step identity [D]; exact expectation via the second-moment operator (β = 0, B = 1, α = 1/‖A‖²_F, dossier §2)'),
  kind: 'bound-in-expectation',
  expected: 'holds',
  params: rkParams(),
  maxIterations: 2000,
  instantiate: (p) =>
    sgdTrial(p, {
      batch: kaczmarzBatch,
      stepSize: kaczmarzStep,
      identity: true,
      contraction: (pr) => ({ perStep: 1 - 1 / pr.demmelConditionNumber, cite: 'E‖e_k‖² ≤ (1 − 1/κ̄_D)^k ‖e₀‖² (Strohmer–Vershynin Theorem 2, dossier §6d)' }),
    }),
});

export const rkWithKappa = defineClaim<SgdParams>({
  id: 'kaczmarz.rate-with-kappa',
  statement: 'FALSE variant: randomized Kaczmarz contracts with the ordinary condition number, E‖e_k‖² ≤ (1 − 1/κ)^k ‖e₀‖²',
  source: svSource('κ̄_D = ‖A‖²_F/λ_min ≥ κ, with equality only when ‖A‖²_F = λ_max'),
  kind: 'bound-in-expectation',
  expected: 'refuted',
  variantOf: 'kaczmarz.strohmer-vershynin',
  falseBecause: 'along the λ_min eigenvector one step gives exactly 1 − λ_min/‖A‖²_F = 1 − 1/κ̄_D > 1 − 1/κ whenever d ≥ 2',
  params: rkParams([1.5, 1000]),
  maxIterations: 2000,
  instantiate: (p) =>
    sgdTrial(p, {
      batch: kaczmarzBatch,
      stepSize: kaczmarzStep,
      identity: false,
      contraction: (pr) => ({ perStep: 1 - 1 / pr.conditionNumber, cite: 'false: E‖e_k‖² ≤ (1 − 1/κ)^k ‖e₀‖²' }),
    }),
});

// Every realization (not in expectation): the real RK iteration

function almostSureTrial(params: SgdParams): Trial {
  const problem = buildInstance(params);
  const e0 = startingError(problem, params.start, params.seed);
  const x0 = new Float64Array(problem.d);
  for (let i = 0; i < problem.d; i++) x0[i] = problem.xStar[i] + e0[i];
  const perStep = 1 - 1 / problem.demmelConditionNumber;
  let xs = 0;
  for (let i = 0; i < problem.d; i++) xs += problem.xStar[i] ** 2;
  const floor = 1e-9 * (Math.sqrt(xs) + 1);
  return {
    hypotheses: [],
    derived: { demmelConditionNumber: problem.demmelConditionNumber, contraction: perStep },
    bounds: [
      {
        metric: 'stepRatio',
        relation: 'le',
        value: () => perStep,
        floor: 0,
        cite: 'false: ‖e_{k+1}‖² ≤ (1 − 1/κ̄_D)‖e_k‖² for every realization (Strohmer–Vershynin holds in expectation only)',
      },
    ],
    run(observe, maxIterations) {
      let prev = NaN;
      const metrics = { stepRatio: 0, errorNorm: 1 };
      runKaczmarz(problem, x0, params.seed, (k, m) => {
        metrics.errorNorm = m.errorNorm;
        metrics.stepRatio = k === 0 ? 0 : (m.errorNorm / prev) ** 2;
        prev = m.errorNorm;
        if (m.errorNorm < floor) return false; // roundoff floor of the iterate
        return observe(k, metrics);
      }, maxIterations);
    },
  };
}

export const rkAlmostSure = defineClaim<SgdParams>({
  id: 'kaczmarz.almost-sure-contraction',
  statement: 'FALSE variant: every randomized Kaczmarz step contracts, ‖e_{k+1}‖² ≤ (1 − 1/κ̄_D)‖e_k‖² for every realization',
  source: svSource('the theorem is in expectation; one projection removes (a_jᵀe_k)²/‖a_j‖², which can be arbitrarily small'),
  kind: 'bound-for-all-t',
  expected: 'refuted',
  variantOf: 'kaczmarz.strohmer-vershynin',
  falseBecause: 'a row nearly orthogonal to the current error barely reduces it; this happens with positive probability at every step when d ≥ 2',
  params: rkParams([1.5, 1000]),
  maxIterations: 300,
  instantiate: (p) => almostSureTrial(p),
});

// Minibatch SGD

const sgdParams = (k: [number, number] = [1, 1000]) =>
  fc.record({ base: instanceParams({ conditionNumber: k }), batchFraction: logUniform(1 / 1024, 1, 40) }).map(({ base, batchFraction }): SgdParams => ({ ...base, batchFraction }));

/** B = round(1024 f) with f log-uniform on [1/1024, 1]: B from 1 to 1024, shrinking toward B = 1. */
const anyBatch = (_p: LeastSquares, f: number) => Math.max(1, Math.round(1024 * f));

export const minibatchSgd = defineClaim<SgdParams>({
  id: 'kaczmarz.minibatch-sgd',
  statement: 'Minibatch SGD (β = 0, row-norm sampling, batch B, α_B = 1/(‖A‖²_F/B + (1 − 1/B)λ_max)): the exact one-step identity, and E‖e_k‖² ≤ (1 − α_B λ_min)^k ‖e₀‖²',
  source: sgdSource('dossier §4.3 [D] (exact second moments with replacement, §1); checked with the exact second-moment operator'),
  kind: 'bound-in-expectation',
  expected: 'holds',
  params: sgdParams(),
  maxIterations: 2000,
  instantiate: (p) =>
    sgdTrial(p, {
      batch: anyBatch,
      stepSize: minibatchStep,
      identity: true,
      contraction: (pr, _B, a) => ({ perStep: 1 - a * pr.lambdaMin, cite: 'E‖e_k‖² ≤ (1 − α_B λ_min)^k ‖e₀‖² (dossier §4.3)' }),
    }),
});

export const linearSpeedup = defineClaim<SgdParams>({
  id: 'kaczmarz.minibatch-linear-speedup',
  statement: 'FALSE variant: minibatch SGD speeds up linearly in B for every batch below κ̄_D, E‖e_k‖² ≤ (1 − B/κ̄_D)^k ‖e₀‖² with α = α_B',
  source: sgdSource('dossier §4.3: the speed-up saturates at B ≈ ‖A‖²_F/λ_max (the stable rank)'),
  kind: 'bound-in-expectation',
  expected: 'refuted',
  variantOf: 'kaczmarz.minibatch-sgd',
  falseBecause: 'above the stable rank α_B ≈ 1/λ_max and the contraction is about 1 − 1/κ, much weaker than 1 − B/κ̄_D',
  params: sgdParams([1.5, 1000]),
  maxIterations: 2000,
  instantiate: (p) =>
    sgdTrial(p, {
      // 2 ≤ B ≤ κ̄_D/2, so that the claimed factor lies in (0, 1)
      batch: (pr, f) => Math.max(2, Math.floor(2 + (pr.demmelConditionNumber / 2 - 2) * f)),
      stepSize: minibatchStep,
      identity: false,
      contraction: (pr, B) => ({ perStep: 1 - B / pr.demmelConditionNumber, cite: 'false: E‖e_k‖² ≤ (1 − B/κ̄_D)^k ‖e₀‖²' }),
      extraHypotheses: (pr, B) => [atMost('B ≤ κ̄_D/2', B, pr.demmelConditionNumber / 2)],
    }),
});

export const gdStepAnyBatch = defineClaim<SgdParams>({
  id: 'kaczmarz.minibatch-gd-step',
  statement: 'FALSE variant: minibatch SGD with gradient descent’s step 1/λ_max contracts like gradient descent, E‖e_k‖² ≤ (1 − 1/κ)^k ‖e₀‖², for batches up to a quarter of the stable rank',
  source: sgdSource('dossier §4.3: with α = 1/λ_max the variance term α²(1/B)‖A‖²_F e_kᵀHe_k is of the order of the descent term when B is below the stable rank'),
  kind: 'bound-in-expectation',
  expected: 'refuted',
  variantOf: 'kaczmarz.minibatch-sgd',
  falseBecause: 'the sampling variance (1/B)α²‖A‖²_F eᵀHe is not paid for by the step: along the λ_min eigenvector E‖e₁‖² = 1 − (2 − (1 − 1/B) /κ − srank/B)/κ, above 1 − 1/κ when B < stable rank',
  params: fc
    .record({ base: instanceParams({ conditionNumber: [1.5, 1000], d: [3, 6], spectrum: ['linear', 'bottom'] }), batchFraction: logUniform(1 / 64, 1, 24) })
    .map(({ base, batchFraction }): SgdParams => ({ ...base, batchFraction })),
  maxIterations: 2000,
  instantiate: (p) =>
    sgdTrial(p, {
      batch: (pr, f) => Math.max(1, Math.floor((pr.stableRank / 4) * f)),
      stepSize: (pr) => 1 / pr.lambdaMax,
      identity: false,
      contraction: (pr) => ({ perStep: 1 - 1 / pr.conditionNumber, cite: 'false: E‖e_k‖² ≤ (1 − 1/κ)^k ‖e₀‖² with α = 1/λ_max at any batch' }),
      extraHypotheses: (pr, B) => [atMost('B ≤ stable rank/4', B, Math.max(1, pr.stableRank / 4))],
    }),
});

export const claims: Claim<any>[] = [stroVer, rkWithKappa, rkAlmostSure, minibatchSgd, linearSpeedup, gdStepAnyBatch];
export default claims;
