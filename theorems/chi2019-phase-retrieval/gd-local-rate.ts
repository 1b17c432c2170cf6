/**
 * Vanilla GD for real phase retrieval from the spectral initialization: Ma, Wang, Chi, Chen (FoCM 2020),
 * Theorem 1, as surveyed in Chi, Lu, Chen (IEEE TSP 2019) [U: the overview's full text was not available].
 *
 * Statement: with high probability, dist(x^t, x) ≤ ε(1 − η‖x‖²/2)^t ‖x‖ for all t ≥ 0, where
 *   dist(z, x) = min(‖z − x‖, ‖z + x‖) (x is identifiable only up to its global sign).
 * Hypotheses: aⱼ ~ N(0, Iₙ) i.i.d., yⱼ = (aⱼᵀx)², j = 1..m, m ≥ c₀ n log n.
 * Parameters: loss f(z) = (1/4m) Σⱼ ((aⱼᵀz)² − yⱼ)², spectral initialization x⁰ = √(λ₁(Y)/3) u₁ with
 *   Y = (1/m) Σⱼ yⱼ aⱼaⱼᵀ, step η = c₁/(log n ‖x‖²); c₀, c₁ and ε are unspecified absolute constants.
 * Bound: the rate 1 − η‖x‖²/2 per step.
 *
 * Encoding. c₀ is the explicit sample constant C of m = ⌈C n ln n⌉, in the regime C ≥ 4 (calibrated [N]),
 * c₁ ∈ [0.3, 0.5]. Since ε is unspecified, the rate is asserted from the first t₀ with dist ≤ 1e-3‖x‖ on
 * (dist_t ≤ dist_{t₀}(1 − η‖x‖²/2)^{t−t₀}), together with convergence into that region within the budget;
 * ε* = max_t dist_t/((1 − η‖x‖²/2)^t ‖x‖) is reported. The smallest sample constant C* that works on each
 * instance is reported and bounded by C: the smallest grid C′ such that the exact local contraction factor
 * ρ(I − 2ηY) at m′ = ⌈C′ n ln n⌉ nested rows meets 1 − η‖x‖²/2 for every grid C′ up to C.
 *
 * False variants: the same rate at m = 6n (below the regime: λ_min(Y) < ‖x‖²/4 makes the exact local
 * rate 1 − 2ηλ_min(Y) slower; numerical observation [N] at n = 64, m = 6n, η = 0.1/‖x‖²: local rates
 * 0.960–0.965 against the claimed 0.95, one run in four diverged), and the plain Euclidean error ‖x^t − x‖
 * in place of dist (−x gives identical measurements, and the spectral initialization picks a sign at random).
 */
import { atLeast, atMost, defineClaim, runPhaseRetrievalGd, smallestWorkingSampleConstant, withTrial } from 'ratecheck';
import type { Bound, SignalMetrics, Trial, TrialOptions } from 'ratecheck';
import { LOCAL_RADIUS, RATE_FLOOR, SAMPLE_CONSTANT, phaseParams, phaseSetup, sixNParams, source, type PhaseParams } from './setup.ts';

interface RateOptions {
  /** the error measured modulo sign (default) or as the plain Euclidean distance (false variant) */
  metric?: 'distance' | 'euclideanDistance';
  /** report and bound the smallest working sample constant */
  smallestC?: boolean;
  /** threshold of the sample-complexity hypothesis C ≥ ·; default SAMPLE_CONSTANT (0 waives it) */
  sampleThreshold?: number;
}

/** Measurements without the undefined ones (NaN: not reached; Infinity: no working value on the grid). */
function finiteOnly(values: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => Number.isFinite(v)));
}

function rateTrial(params: PhaseParams, options: TrialOptions, o: RateOptions = {}): Trial {
  const s = phaseSetup(params);
  const metric = o.metric ?? 'distance';
  const normX = Math.sqrt(s.problem.normX2);
  const smallestC = o.smallestC ? smallestWorkingSampleConstant(s.problem, params.sampleConstant, s.stepSize, s.rhoTheorem, undefined, s.eig) : NaN;
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
      atLeast('m ≥ 4 n ln n', s.effectiveC, o.sampleThreshold ?? SAMPLE_CONSTANT, 'sample-complexity regime (C an explicit, calibrated parameter)'),
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
  source: source('Section on phase retrieval (Ma, Wang, Chi, Chen 2020, Theorem 1)', 'U', 'Ma, Wang, Chi, Chen (FoCM 2020) Theorem 1 as surveyed in the overview [U]; c₀ encoded as the explicit sample constant C (calibrated to 4), the smallest working C reported'),
  kind: 'asymptotic',
  expected: 'holds',
  params: phaseParams,
  maxIterations: 3000,
  instantiate: (params, options) => rateTrial(params, options, { smallestC: true }),
});

/**
 * The change: m = 6n (sixNParams, C = 6/ln n ≈ 1.6) and the trial rebuilt with the sample-complexity
 * hypothesis waived (threshold 0) and without the smallest-C search (no C parameter at m = 6n).
 */
export const rateAt6n = withTrial(gdLocalRate, {
  id: 'chi2019.rate-at-6n',
  statement: 'FALSE variant: the same local rate 1 − η‖x‖²/2 with m = 6n measurements (n ∈ [32, 48], C = 6/ln n ≈ 1.6)',
  source: { theorem: 'Ma et al. Theorem 1 (surveyed)', confidence: 'N', note: 'numerical observation [N] (n = 64, m = 6n, η = 0.1/‖x‖²): the local rate was 0.960–0.965 against the claimed 0.95, one run in four diverged' },
  falseBecause: 'at m = 6n the sample Hessian 2Y has λ_min(Y) < ‖x‖²/4, so the exact local rate 1 − 2ηλ_min(Y) is slower than 1 − η‖x‖²/2',
  params: sixNParams,
  maxIterations: 3000,
}, (params, options) => rateTrial(params, options, { sampleThreshold: 0 }));

/** The change: the trial rebuilt with the error measured as ‖x^t − x‖ instead of dist modulo sign. */
export const euclideanDistance = withTrial(gdLocalRate, {
  id: 'chi2019.euclidean-distance',
  statement: 'FALSE variant: the theorem’s convergence and rate with the plain Euclidean error ‖x^t − x‖ instead of the distance modulo sign',
  source: { theorem: 'Ma et al. Theorem 1 (surveyed)', confidence: 'D', note: 'Ma et al. Theorem 1 measures dist modulo the global sign: −x gives identical measurements yⱼ = (aⱼᵀx)²' },
  falseBecause: 'the spectral initialization has an arbitrary sign; about half the runs converge to −x, where ‖x^t − x‖ → 2‖x‖',
  params: phaseParams,
  maxIterations: 3000,
}, (params, options) => rateTrial(params, options, { metric: 'euclideanDistance' }));
