/**
 * Chi, Lu, Chen (IEEE TSP 2019): "Nonconvex Optimization Meets Low-Rank Matrix Factorization: An
 * Overview", phase retrieval by vanilla gradient descent (their survey of Ma, Wang, Chi, Chen, FoCM 2020,
 * Theorem 1) and the rank-one factorization behind it. The full text is not available, so the surveyed
 * statement is [U]: with aⱼ ~ N(0, Iₙ), m ≥ c₀ n log n, spectral initialization and
 * η = c₁/(log n ‖x‖²), with high probability dist(x^t, x) ≤ ε(1 − η‖x‖²/2)^t ‖x‖ (dist modulo the global
 * sign). The constants c₀, c₁, ε are unspecified.
 *
 * Encoding (dossier further-theorems.md §5 and its Encoding notes):
 * - the local linear rate with the sample constant C of m = ⌈C n ln n⌉ as an explicit parameter, kept in
 *   the regime C ≥ 4 (calibrated, [N]), and the smallest C that works on each instance reported (the
 *   smallest grid C′ for which the exact local contraction factor meets the theorem's rate);
 * - the exact local facts [D]: the per-step contraction with the sample Hessian 2Y (phase retrieval) and
 *   with λI + xxᵀ (rank-one factorization), both with explicit remainder terms (src/problems/phase-retrieval.ts).
 */
import fc from 'fast-check';
import { atLeast, atMost, defineClaim, type Bound, type Claim, type Source, type Trial, type TrialOptions } from '../src/claims/types.ts';
import { logUniform, seedArb } from '../src/claims/arbitraries.ts';
import {
  localContraction,
  phaseRetrievalProblem,
  rank1Contraction,
  remainderConstants,
  runPhaseRetrievalGd,
  runRank1Gd,
  sampleSize,
  smallestWorkingSampleConstant,
  spectralInit,
  spectralMatrix,
  symmetricEigen,
  type SignalMetrics,
} from '../src/problems/phase-retrieval.ts';
import { Rng } from '../src/random/rng.ts';

const OVERVIEW = 'Chi, Lu, Chen. Nonconvex Optimization Meets Low-Rank Matrix Factorization: An Overview. IEEE TSP 67(20), 2019';
const URL = 'https://arxiv.org/abs/1809.09573';

function source(theorem: string, confidence: Source['confidence'], note: string): Source {
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
  /** a fixed ratio m/n instead of C n ln n (the dossier's m = 6n) */
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
const contractionParams: fc.Arbitrary<PhaseParams> = fc.record({
  n: fc.integer({ min: 8, max: 48 }),
  sampleConstant: grid(3, 6, 0.25),
  stepConstant: grid(0.3, 0.5, 0.05),
  seed: seedArb(),
});

/** The dossier's m = 6n with n ∈ [32, 48]: C = 6/ln n ≈ 1.6, outside the regime. */
const sixNParams: fc.Arbitrary<PhaseParams> = fc.record({
  n: fc.integer({ min: 32, max: 48 }),
  sampleConstant: fc.constant(0),
  stepConstant: grid(0.3, 0.5, 0.05),
  seed: seedArb(),
  measurementsPerDimension: fc.constant(6),
});

function phaseSetup(params: PhaseParams) {
  const { n } = params;
  const m = params.measurementsPerDimension ? params.measurementsPerDimension * n : sampleSize(n, params.sampleConstant);
  const problem = phaseRetrievalProblem(n, m, params.seed);
  const eig = symmetricEigen(spectralMatrix(problem));
  const stepSize = params.stepConstant / (Math.log(n) * problem.normX2); // η = c₁/(log n ‖x‖²)
  const rhoY = localContraction(eig, stepSize);
  const rhoTheorem = 1 - (stepSize * problem.normX2) / 2;
  return { m, problem, eig, stepSize, rhoY, rhoTheorem, z0: spectralInit(problem, eig), effectiveC: m / (n * Math.log(n)) };
}

// ---------------------------------------------------------------------------------------------
// The theorem's local rate

interface RateOptions {
  /** the error measured modulo sign (default) or as the plain Euclidean distance (false variant) */
  metric?: 'distance' | 'euclideanDistance';
  /** report and bound the smallest working sample constant */
  smallestC?: boolean;
}

/** Measurements without the undefined ones (NaN: not reached; Infinity: no working value on the grid). */
function finiteOnly(values: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => Number.isFinite(v)));
}

function rateTrial(params: PhaseParams, options: TrialOptions, o: RateOptions = {}): Trial {
  const s = phaseSetup(params);
  const metric = o.metric ?? 'distance';
  const normX = Math.sqrt(s.problem.normX2);
  const smallestC = o.smallestC ? smallestWorkingSampleConstant(s.problem, params.sampleConstant, s.stepSize, s.rhoTheorem) : NaN;
  const derived: Record<string, number> = {
    n: params.n, m: s.m, sampleConstant: s.effectiveC, stepConstant: params.stepConstant, stepSize: s.stepSize,
    theoremRate: s.rhoTheorem, localContraction: s.rhoY, lambdaMinYRelative: s.eig.values[0] / s.problem.normX2,
    initialDistance: 0,
  };
  if (o.smallestC && Number.isFinite(smallestC)) derived.smallestWorkingC = smallestC;
  // the anchor: the first t with the error inside the local region
  let anchorT = -1, anchorD = NaN;
  const bounds: Bound[] = [
    {
      metric,
      relation: 'le',
      value: (t, m) => {
        if (anchorT < 0 && m[metric] <= LOCAL_RADIUS * normX) {
          anchorT = t;
          anchorD = m[metric];
        }
        return anchorT < 0 || t === anchorT ? Infinity : anchorD * Math.pow(s.rhoTheorem, t - anchorT);
      },
      floor: RATE_FLOOR * normX,
      cite: 'dist(x^t, x) ≤ dist(x^{t₀}, x)(1 − η‖x‖²/2)^{t−t₀} for t > t₀, the first t₀ with dist ≤ 1e-3‖x‖ (Ma et al. Theorem 1 rate, surveyed [U])',
    },
    {
      metric,
      relation: 'le',
      value: (t, m) => (t >= options.maxIterations || !Number.isFinite(m[metric]) ? LOCAL_RADIUS * normX : Infinity),
      floor: 0,
      cite: 'convergence from the spectral initialization: dist ≤ 1e-3‖x‖ within the iteration budget (a diverged run fails at once)',
    },
  ];
  if (o.smallestC) {
    bounds.push({ metric: 'smallestWorkingC', relation: 'le', value: () => params.sampleConstant, floor: 0, cite: 'the exact local rate ρ(I − 2ηY) meets 1 − η‖x‖²/2 for every grid C′ ∈ [C*, C]' });
  }
  let epsilonStar = 0, localSteps = NaN, localRate = NaN;
  return {
    hypotheses: [
      atLeast('m ≥ 4 n ln n', s.effectiveC, params.measurementsPerDimension ? 0 : SAMPLE_CONSTANT, 'sample-complexity regime (C an explicit, calibrated parameter)'),
      atMost('local contraction ρ(I − 2ηY) < 1', s.rhoY, 1 - 1e-12),
    ],
    derived,
    bounds,
    run: (observe, maxIterations) => {
      let startT = -1, startD = NaN;
      runPhaseRetrievalGd(s.problem, s.z0, s.stepSize, (t, m) => {
        const d = (m as SignalMetrics).distance;
        if (t === 0) derived.initialDistance = d / normX;
        epsilonStar = Math.max(epsilonStar, d / (normX * Math.pow(s.rhoTheorem, t)));
        if (startT < 0 && d <= LOCAL_RADIUS * normX) {
          startT = t;
          startD = d;
        }
        if (startT >= 0 && d > 0 && t > startT) {
          localSteps = t - startT;
          localRate = Math.pow(d / startD, 1 / localSteps);
        }
        return observe(t, o.smallestC ? { ...m, smallestWorkingC: smallestC } : m);
      }, maxIterations);
      derived.epsilonStar = epsilonStar;
      if (Number.isFinite(localRate)) derived.measuredLocalRate = localRate;
    },
    measure: () => finiteOnly({ smallestWorkingC: smallestC, epsilonStar, measuredLocalRate: localRate, localSteps }),
  };
}

export const gdLocalRate = defineClaim<PhaseParams>({
  id: 'chi2019.gd-local-rate',
  statement: 'Real Gaussian phase retrieval, m = ⌈C n ln n⌉ with C ≥ 4, vanilla GD with η = c₁/(ln n ‖x‖²) from the spectral initialization: the iterates reach dist ≤ 1e-3‖x‖ (modulo sign) and from there contract at least at the rate 1 − η‖x‖²/2 per step; the smallest working C per instance is reported',
  source: source('Section on phase retrieval (Ma, Wang, Chi, Chen 2020, Theorem 1)', 'U', 'dossier further-theorems.md §5B [U]; c₀ encoded as the explicit sample constant C (calibrated to 4), the smallest working C reported'),
  kind: 'asymptotic',
  expected: 'holds',
  params: phaseParams,
  maxIterations: 3000,
  instantiate: (params, options) => rateTrial(params, options, { smallestC: true }),
});

export const rateAt6n = defineClaim<PhaseParams>({
  id: 'chi2019.rate-at-6n',
  statement: 'FALSE variant: the same local rate 1 − η‖x‖²/2 with m = 6n measurements (n ∈ [32, 48], C = 6/ln n ≈ 1.6)',
  source: source('Ma et al. Theorem 1 (surveyed)', 'N', 'dossier §5 numerical observation: at m = 6n the local rate was 0.960–0.965 against the claimed 0.95, one run in four diverged'),
  kind: 'asymptotic',
  expected: 'refuted',
  variantOf: 'chi2019.gd-local-rate',
  falseBecause: 'at m = 6n the sample Hessian 2Y has λ_min(Y) < ‖x‖²/4, so the exact local rate 1 − 2ηλ_min(Y) is slower than 1 − η‖x‖²/2',
  params: sixNParams,
  maxIterations: 3000,
  instantiate: (params, options) => rateTrial(params, options),
});

export const euclideanDistance = defineClaim<PhaseParams>({
  id: 'chi2019.euclidean-distance',
  statement: 'FALSE variant: the theorem’s convergence and rate with the plain Euclidean error ‖x^t − x‖ instead of the distance modulo sign',
  source: source('Ma et al. Theorem 1 (surveyed)', 'D', 'dossier §5 Encoding notes, false variant 3: −x gives identical measurements'),
  kind: 'asymptotic',
  expected: 'refuted',
  variantOf: 'chi2019.gd-local-rate',
  falseBecause: 'the spectral initialization has an arbitrary sign; about half the runs converge to −x, where ‖x^t − x‖ → 2‖x‖',
  params: phaseParams,
  maxIterations: 3000,
  instantiate: (params, options) => rateTrial(params, options, { metric: 'euclideanDistance' }),
});

// ---------------------------------------------------------------------------------------------
// The exact local contraction of phase retrieval

type ContractionRate = 'sample' | 'population' | 'top-eigenvalue';

function contractionTrial(params: PhaseParams, rate: ContractionRate): Trial {
  const s = phaseSetup(params);
  const normX = Math.sqrt(s.problem.normX2);
  const { K1, K2 } = remainderConstants(s.problem);
  const eta = s.stepSize;
  const rho =
    rate === 'sample'
      ? s.rhoY
      : rate === 'population'
        ? Math.max(Math.abs(1 - 2 * eta * s.problem.normX2), Math.abs(1 - 6 * eta * s.problem.normX2)) // Hessian 2(‖x‖²I + 2xxᵀ)
        : Math.abs(1 - 2 * eta * s.eig.values[s.eig.values.length - 1]);
  const label = rate === 'sample' ? 'ρ = maxᵢ|1 − 2ηλᵢ(Y)|' : rate === 'population' ? 'false: ρ of the population Hessian, max(|1 − 2η‖x‖²|, |1 − 6η‖x‖²|)' : 'false: ρ = |1 − 2ηλ_max(Y)|';
  return {
    hypotheses: [atMost('local contraction ρ(I − 2ηY) < 1', s.rhoY, 1 - 1e-12), atLeast('m ≥ n', s.m, params.n)],
    derived: { n: params.n, m: s.m, stepSize: eta, rho, localContraction: s.rhoY, K1, K2, lambdaMinYRelative: s.eig.values[0] / s.problem.normX2 },
    bounds: [
      {
        metric: 'distance',
        relation: 'le',
        value: (t, m) => {
          const d = m.previousDistance;
          if (t === 0 || !(d <= normX)) return Infinity; // far from x the bound says nothing (and overflows)
          return rho * d + eta * (K1 * d * d + K2 * d * d * d);
        },
        floor: CONTRACTION_FLOOR * normX,
        rtol: CONTRACTION_RTOL,
        cite: `dist_{t+1} ≤ ρ dist_t + η(K₁dist_t² + K₂dist_t³) while dist_t ≤ ‖x‖, ${label}; ∇f(x + e) = 2Ye + R(e) (src/problems/phase-retrieval.ts [D])`,
      },
    ],
    run: (observe, maxIterations) =>
      // a diverging run leaves the local region for good: the local bound says nothing there, so the run ends
      runPhaseRetrievalGd(s.problem, s.z0, eta, (t, m) => Number.isFinite(m.distance) && observe(t, m), maxIterations),
  };
}

export const gdLocalContraction = defineClaim<PhaseParams>({
  id: 'chi2019.gd-local-contraction',
  statement: 'Real Gaussian phase retrieval: every GD step satisfies dist_{t+1} ≤ ρ dist_t + η(K₁dist_t² + K₂dist_t³) with the exact local rate ρ = maxᵢ|1 − 2ηλᵢ(Y)| of the sample Hessian ∇²f(x) = 2Y (dist modulo sign)',
  source: source('phase retrieval, local geometry', 'D', 'dossier §5 exact local facts [D]; the finite-m Hessian 2Y and the remainder bound are derived in src/problems/phase-retrieval.ts'),
  kind: 'bound-for-all-t',
  expected: 'holds',
  params: contractionParams,
  maxIterations: 3000,
  instantiate: (params) => contractionTrial(params, 'sample'),
});

export const populationRate = defineClaim<PhaseParams>({
  id: 'chi2019.population-rate',
  statement: 'FALSE variant: the per-step contraction with the population Hessian’s rate max(|1 − 2η‖x‖²|, |1 − 6η‖x‖²|) at finite m',
  source: source('phase retrieval, local geometry', 'D', 'dossier §5: population Hessian 2(‖x‖²I + 2xxᵀ); “finite m is slower”'),
  kind: 'bound-for-all-t',
  expected: 'refuted',
  variantOf: 'chi2019.gd-local-contraction',
  falseBecause: 'λ_min(Y) < ‖x‖² at finite m, so the slowest mode contracts by 1 − 2ηλ_min(Y) > 1 − 2η‖x‖²',
  params: contractionParams,
  maxIterations: 3000,
  instantiate: (params) => contractionTrial(params, 'population'),
});

export const topEigenvalueRate = defineClaim<PhaseParams>({
  id: 'chi2019.top-eigenvalue-rate',
  statement: 'FALSE variant: the per-step contraction with ρ = |1 − 2ηλ_max(Y)| (the smoothness end of the spectrum only)',
  source: source('phase retrieval, local geometry', 'D', 'GD contracts each eigendirection of the Hessian by |1 − 2ηλᵢ|; the slowest one sets the rate'),
  kind: 'bound-for-all-t',
  expected: 'refuted',
  variantOf: 'chi2019.gd-local-contraction',
  falseBecause: 'with η‖x‖² ≤ 0.5/ln n the slowest factor is 1 − 2ηλ_min(Y), well above |1 − 2ηλ_max(Y)|',
  params: contractionParams,
  maxIterations: 3000,
  instantiate: (params) => contractionTrial(params, 'top-eigenvalue'),
});

// ---------------------------------------------------------------------------------------------
// Rank-one factorization: local rate max(|1 − ηλ|, |1 − 2ηλ|) ≥ 1/3

export interface Rank1Params {
  n: number;
  /** h in η = h/λ, λ = ‖x‖² */
  stepFraction: number;
  /** ‖z₀ − x‖/‖x‖ */
  initRadius: number;
  /** scale of x */
  signalScale: number;
  seed: number;
}

/** η = h/λ with h = k/32, k in [kMin, kMax]. */
export function rank1Params(kMin = 1, kMax = 31): fc.Arbitrary<Rank1Params> {
  return fc.record({
    n: fc.integer({ min: 2, max: 200 }),
    stepFraction: fc.integer({ min: kMin, max: kMax }).map((k) => k / 32),
    initRadius: logUniform(1e-3, 0.3, 16),
    signalScale: logUniform(0.1, 10, 16),
    seed: seedArb(),
  });
}

/** The optimal step η = 2/(3λ): both eigendirections contract by exactly 1/3. */
const OPTIMAL_STEP_EXAMPLE: Rank1Params = { n: 10, stepFraction: 2 / 3, initRadius: 0.01, signalScale: 1, seed: 1 };

type Rank1Rate = 'exact' | 'below-third' | 'top-eigenvalue';

function rank1Trial(params: Rank1Params, rate: Rank1Rate): Trial {
  const { n, stepFraction: h, initRadius, signalScale, seed } = params;
  const rng = new Rng(seed, 'rank1');
  const x = rng.fillGaussian(new Float64Array(n));
  let nx = 0;
  for (const v of x) nx += v * v;
  nx = Math.sqrt(nx);
  for (let i = 0; i < n; i++) x[i] *= signalScale / nx;
  const lambda = signalScale * signalScale;
  const g = rng.fillGaussian(new Float64Array(n));
  let ng = 0;
  for (const v of g) ng += v * v;
  ng = Math.sqrt(ng);
  const z0 = x.map((v, i) => v + (initRadius * signalScale * g[i]) / ng);
  const eta = h / lambda;
  const rho = rate === 'exact' ? rank1Contraction(lambda, eta) : rate === 'below-third' ? 0.25 : Math.abs(1 - 2 * eta * lambda);
  const label = rate === 'exact' ? 'ρ₁ = max(|1 − ηλ|, |1 − 2ηλ|)' : rate === 'below-third' ? 'false: ρ = 1/4 < 1/3' : 'false: ρ = |1 − 2ηλ|';
  const sqrtLambda = signalScale;
  return {
    hypotheses: [atMost('ηλ < 1 (local contraction < 1)', h, 1 - 1e-12)],
    derived: { n, lambda, stepSize: eta, rho, exactRate: rank1Contraction(lambda, eta) },
    bounds: [
      {
        metric: 'distance',
        relation: 'le',
        value: (t, m) => {
          const d = m.previousDistance;
          if (t === 0 || !(d <= sqrtLambda)) return Infinity; // far from x the bound says nothing
          return rho * d + eta * (3 * sqrtLambda * d * d + d * d * d);
        },
        floor: CONTRACTION_FLOOR * signalScale,
        rtol: CONTRACTION_RTOL,
        cite: `dist_{t+1} ≤ ρ dist_t + η(3√λ dist_t² + dist_t³) while dist_t ≤ ‖x‖, ${label}; Hessian λI + xxᵀ at x (dossier §5 [D])`,
      },
    ],
    run: (observe, maxIterations) => runRank1Gd(x, z0, eta, observe, maxIterations),
  };
}

export const rank1LocalContraction = defineClaim<Rank1Params>({
  id: 'chi2019.rank1-local-contraction',
  statement: 'Rank-one factorization ¼‖zzᵀ − xxᵀ‖²_F, GD with η = h/‖x‖²: dist_{t+1} ≤ ρ₁dist_t + η(3‖x‖dist_t² + dist_t³), ρ₁ = max(|1 − ηλ|, |1 − 2ηλ|) (best 1/3 at η = 2/(3λ))',
  source: source('rank-one matrix factorization, local geometry', 'D', 'dossier §5 exact local facts [D]: Hessian λI + xxᵀ at x'),
  kind: 'bound-for-all-t',
  expected: 'holds',
  params: rank1Params(),
  examples: [OPTIMAL_STEP_EXAMPLE],
  maxIterations: 5000,
  instantiate: (params) => rank1Trial(params, 'exact'),
});

export const rank1BelowThird = defineClaim<Rank1Params>({
  id: 'chi2019.rank1-rate-below-third',
  statement: 'FALSE variant: some step size gives rank-one GD a local rate below 1/3 (here 1/4)',
  source: source('rank-one matrix factorization', 'D', 'dossier §5 Encoding notes, false variant 2'),
  kind: 'bound-for-all-t',
  expected: 'refuted',
  variantOf: 'chi2019.rank1-local-contraction',
  falseBecause: 'min over η of max(|1 − ηλ|, |1 − 2ηλ|) is 1/3 (at η = 2/(3λ)): the slower eigendirection always contracts by at least 1/3',
  params: rank1Params(18, 26),
  examples: [OPTIMAL_STEP_EXAMPLE],
  maxIterations: 5000,
  instantiate: (params) => rank1Trial(params, 'below-third'),
});

export const rank1TopEigenvalue = defineClaim<Rank1Params>({
  id: 'chi2019.rank1-top-eigenvalue-rate',
  statement: 'FALSE variant: rank-one GD contracts locally by |1 − 2ηλ| (the Hessian’s top eigenvalue 2λ only)',
  source: source('rank-one matrix factorization', 'D', 'the directions orthogonal to x have Hessian eigenvalue λ'),
  kind: 'bound-for-all-t',
  expected: 'refuted',
  variantOf: 'chi2019.rank1-local-contraction',
  falseBecause: 'for ηλ < 2/3 the directions orthogonal to x contract only by 1 − ηλ > |1 − 2ηλ|',
  params: rank1Params(1, 20),
  maxIterations: 5000,
  instantiate: (params) => rank1Trial(params, 'top-eigenvalue'),
});

export const claims: Claim<any>[] = [
  gdLocalRate,
  rateAt6n,
  euclideanDistance,
  gdLocalContraction,
  populationRate,
  topEigenvalueRate,
  rank1LocalContraction,
  rank1BelowThird,
  rank1TopEigenvalue,
];

export default claims;
