/**
 * Chi, Lu, Chen (IEEE TSP 67(20):5239–5269, 2019): "Nonconvex Optimization Meets Low-Rank Matrix
 * Factorization: An Overview", phase retrieval by vanilla gradient descent from the spectral
 * initialization, as surveyed from Ma, Wang, Chi, Chen (FoCM 2020, Theorem 1; arXiv 1711.10467), and the
 * rank-one factorization behind its local geometry. Set-up shared by the claim files of this folder.
 *
 * The overview's full text was not available when the claims were written, so the surveyed statement is
 * unverified [U]; its constants c₀ (sample size), c₁ (step size) and ε are unspecified. The encoding:
 * - gd-local-rate.ts: Ma et al. Theorem 1's local linear rate, with the sample constant C of
 *   m = ⌈C n ln n⌉ an explicit parameter kept in the regime C ≥ 4 (calibrated [N]: the smallest working C
 *   observed at n ≥ 16 stayed below 4), and the smallest C that works on each instance reported;
 * - local-contraction.ts: the exact per-step contraction with the sample Hessian 2Y [D];
 * - rank1-contraction.ts: the exact per-step contraction of rank-one factorization, Hessian λI + xxᵀ [D].
 * The [D] facts are derived in the headers of their files (and in src/problems/phase-retrieval.ts).
 *
 * Model (Ma et al. Theorem 1): yⱼ = (aⱼᵀx)², aⱼ ~ N(0, Iₙ), j = 1..m,
 *   f(z) = (1/4m) Σⱼ ((aⱼᵀz)² − yⱼ)²,  x⁰ = √(λ₁(Y)/3) u₁,  Y = (1/m) Σⱼ yⱼ aⱼaⱼᵀ,  η = c₁/(log n ‖x‖²).
 */
import fc from 'fast-check';
import { localContraction, phaseRetrievalProblem, sampleSize, seedArb, spectralInit, spectralMatrix, symmetricEigen, type Source } from 'ratecheck';

const OVERVIEW = 'Chi, Lu, Chen. Nonconvex Optimization Meets Low-Rank Matrix Factorization: An Overview. IEEE TSP 67(20), 2019';
const URL = 'https://arxiv.org/abs/1809.09573';

export function source(theorem: string, confidence: Source['confidence'], note: string): Source {
  return { paper: OVERVIEW, theorem, url: URL, confidence, note };
}

/** The sample constant of the regime: m ≥ SAMPLE_CONSTANT·n ln n (calibrated: the smallest working C observed at n ≥ 16 stayed below 4). */
export const SAMPLE_CONSTANT = 4;
/** The local region where the linear rate is asserted: dist ≤ LOCAL_RADIUS‖x‖. */
export const LOCAL_RADIUS = 1e-3;
/** Roundoff floor of the distance for the theorem's rate, relative to ‖x‖. */
export const RATE_FLOOR = 1e-9;
/**
 * Floor and tolerance of the per-step contraction bound, which is tight (ratio → 1): one GD step rounds
 * z by about n^{3/2}·u·‖x‖ ≈ 1e-13‖x‖ at n = 64, i.e. 1e-6 of the distance at 1e-7‖x‖.
 */
export const CONTRACTION_FLOOR = 1e-7;
export const CONTRACTION_RTOL = 1e-6;

// ---------------------------------------------------------------------------------------------
// Phase retrieval: instance parameters

export interface PhaseParams {
  /** n: signal dimension */
  n: number;
  /** C in m = ⌈C n ln n⌉ */
  sampleConstant: number;
  /** c₁ in η = c₁/(ln n ‖x‖²) */
  stepConstant: number;
  seed: number;
  /** a fixed ratio m/n instead of C n ln n (m = 6n for the false variant rate-at-6n) */
  measurementsPerDimension?: number;
}

const grid = (lo: number, hi: number, step: number) => fc.integer({ min: Math.round(lo / step), max: Math.round(hi / step) }).map((k) => k * step);

/** The regime of the theorem: n ∈ [16, 48], C ∈ [4, 6], c₁ ∈ [0.3, 0.5]. */
export const phaseParams: fc.Arbitrary<PhaseParams> = fc.record({
  n: fc.integer({ min: 16, max: 48 }),
  sampleConstant: grid(SAMPLE_CONSTANT, 6, 0.25),
  stepConstant: grid(0.3, 0.5, 0.05),
  seed: seedArb(),
});

/** Exact local facts hold for any m ≥ n: n from 8, C from 3. */
export const contractionParams: fc.Arbitrary<PhaseParams> = fc.record({
  n: fc.integer({ min: 8, max: 48 }),
  sampleConstant: grid(3, 6, 0.25),
  stepConstant: grid(0.3, 0.5, 0.05),
  seed: seedArb(),
});

/** m = 6n with n ∈ [32, 48]: C = 6/ln n ≈ 1.6, outside the regime. */
export const sixNParams: fc.Arbitrary<PhaseParams> = fc.record({
  n: fc.integer({ min: 32, max: 48 }),
  sampleConstant: fc.constant(0),
  stepConstant: grid(0.3, 0.5, 0.05),
  seed: seedArb(),
  measurementsPerDimension: fc.constant(6),
});

/**
 * One instance: the design, the spectral initialization, η = c₁/(log n ‖x‖²), the exact local contraction
 * factor ρ(I − 2ηY) and the theorem's rate 1 − η‖x‖²/2.
 */
export function phaseSetup(params: PhaseParams) {
  const { n } = params;
  const m = params.measurementsPerDimension ? params.measurementsPerDimension * n : sampleSize(n, params.sampleConstant);
  const problem = phaseRetrievalProblem(n, m, params.seed);
  const eig = symmetricEigen(spectralMatrix(problem));
  const stepSize = params.stepConstant / (Math.log(n) * problem.normX2); // η = c₁/(log n ‖x‖²)
  const rhoY = localContraction(eig, stepSize);
  const rhoTheorem = 1 - (stepSize * problem.normX2) / 2;
  return { m, problem, eig, stepSize, rhoY, rhoTheorem, z0: spectralInit(problem, eig), effectiveC: m / (n * Math.log(n)) };
}

