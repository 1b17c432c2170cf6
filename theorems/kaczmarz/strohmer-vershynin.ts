/**
 * Strohmer, Vershynin (J. Fourier Anal. Appl. 2009), Theorem 2: randomized Kaczmarz converges linearly in
 * expectation.
 *
 * Statement: for a consistent system Ax* = b, x_{k+1} = x_k − a_j(a_jᵀx_k − b_j)/‖a_j‖² with row j drawn
 * with probability ‖a_j‖²/‖A‖²_F,
 *   E‖x_k − x*‖² ≤ (1 − 1/κ̄_D)^k ‖x₀ − x*‖²,  κ̄_D = ‖A‖²_F ‖A⁺‖²₂ = ‖A‖²_F/λ_min.
 * Hypotheses: consistent system, full column rank, row-norm sampling.
 * Parameters: κ ∈ [1, 1000] (generated instances), k ≤ 5000, or until the bound reaches its floor.
 * Bounds: E‖e_k‖² ≤ (1 − 1/κ̄_D)^k (floor MSQ_FLOOR = 1e-24: twenty-four decades of decay), and the one-step identity below to relative
 * tolerance IDENTITY_RTOL = 1e-9, with E‖e_k‖² exact (second-moment operator, β = 0, B = 1, α = 1/‖A‖²_F).
 *
 * Derivation (one-step identity). The projection removes the component of e_k along a_j:
 * ‖e_{k+1}‖² = ‖e_k‖² − (a_jᵀe_k)²/‖a_j‖², and E_j[(a_jᵀe_k)²/‖a_j‖²] = Σ_j (a_jᵀe_k)²/‖A‖²_F = e_kᵀHe_k/‖A‖²_F.
 * So E[‖e_{k+1}‖² | e_k] = ‖e_k‖² − e_kᵀHe_k/‖A‖²_F ≤ (1 − λ_min/‖A‖²_F)‖e_k‖², and iterating gives the bound.
 * False variants: with κ in place of κ̄_D (κ̄_D ≥ κ, equality only when ‖A‖²_F = λ_max: along the λ_min
 * eigenvector one step gives exactly 1 − 1/κ̄_D > 1 − 1/κ when d ≥ 2); and the contraction for every
 * realization (the theorem is in expectation; a row nearly orthogonal to e_k barely reduces it). Near
 * miss: the rate 1 − 1/κ̄_D raised to the power 1.02 (2% in the exponent): from e₀ on the λ_min eigenvector
 * the first step is exactly 1 − 1/κ̄_D (the identity), so the ratio at k = 1 is (1 − 1/κ̄_D)^{−0.02} > 1; those
 * starts are the variant's examples.
 */
import { buildInstance, defineClaim, instanceParams, runKaczmarz, startingError, variant, withRate, type Trial } from 'ratecheck';
import { sgdTrial, svSource, type SgdParams } from './setup.ts';

const kaczmarzBatch = () => 1;
const kaczmarzStep = (p: { frobeniusSq: number }) => 1 / p.frobeniusSq;

export const rkParams = (k: [number, number] = [1, 1000]) =>
  instanceParams({ conditionNumber: k }).map((p): SgdParams => ({ ...p, batchFraction: 1 }));

export const stroVer = defineClaim<SgdParams>({
  id: 'kaczmarz.strohmer-vershynin',
  statement: 'Randomized Kaczmarz with row-norm sampling: E‖x_k − x*‖² ≤ (1 − 1/κ̄_D)^k ‖x₀ − x*‖², κ̄_D = ‖A‖²_F/λ_min, and E‖e_{k+1}‖² = E‖e_k‖² − E[e_kᵀHe_k]/‖A‖²_F exactly',
  source: svSource('one-step identity derived in this file’s header [D]; exact expectation via the second-moment operator (β = 0, B = 1, α = 1/‖A‖²_F)'),
  kind: 'bound-in-expectation',
  expected: 'holds',
  params: rkParams(),
  // e₀ on the λ_min eigenvector makes the first step exactly 1 − 1/κ̄_D (the identity, above): the search may propose it
  search: { structured: (p) => (p.start === 0 ? [] : [{ ...p, start: 0 }]) },
  maxIterations: 5000,
  instantiate: (p) =>
    sgdTrial(p, {
      batch: kaczmarzBatch,
      stepSize: kaczmarzStep,
      identity: true,
      contraction: (pr) => ({ perStep: 1 - 1 / pr.demmelConditionNumber, cite: 'E‖e_k‖² ≤ (1 − 1/κ̄_D)^k ‖e₀‖² (Strohmer–Vershynin Theorem 2)' }),
    }),
});

/** The theorem with κ̄_D replaced by κ in the contraction, the one-step identity left out. */
export const rkWithKappa = variant(
  stroVer,
  {
    id: 'kaczmarz.rate-with-kappa',
    statement: 'FALSE variant: randomized Kaczmarz contracts with the ordinary condition number, E‖e_k‖² ≤ (1 − 1/κ)^k ‖e₀‖²',
    source: { note: 'κ̄_D = ‖A‖²_F/λ_min ≥ κ, with equality only when ‖A‖²_F = λ_max' },
    falseBecause: 'along the λ_min eigenvector one step gives exactly 1 − λ_min/‖A‖²_F = 1 − 1/κ̄_D > 1 − 1/κ whenever d ≥ 2',
    params: rkParams([1.5, 1000]),
  },
  (trial) => {
    const perStep = 1 - 1 / trial.derived.conditionNumber;
    const [primary] = trial.bounds;
    return {
      ...trial,
      derived: { ...trial.derived, contraction: perStep },
      bounds: [{ ...primary, value: (k: number) => Math.pow(perStep, k), cite: 'false: E‖e_k‖² ≤ (1 − 1/κ)^k ‖e₀‖²' }],
    };
  },
);

/** Instances started on the λ_min eigenvector (start = 0), where the first step is exactly 1 − 1/κ̄_D. */
export const lambdaMinStarts: SgdParams[] = ([[2, 10, 'linear', 'uniform'], [4, 100, 'geometric', 'spread'], [3, 1000, 'top', 'uniform']] as const).map(([d, conditionNumber, spectrum, rowNorms], i) => ({
  family: 'generated', n: d + 3, d, conditionNumber, spectrum, rowNorms, rowNormSpread: 100, start: 0, seed: i + 1, batchFraction: 1,
}));

/** The rate 1 − 1/κ̄_D raised to the power 1.02 in the contraction (the identity bounds are unchanged). */
export const rkRateNearMiss = withRate(stroVer, 'contraction', (q) => Math.pow(q, 1.02), {
  id: 'kaczmarz.strohmer-vershynin-rate-2pct-faster',
  statement: 'FALSE variant (near miss): E‖x_k − x*‖² ≤ (1 − 1/κ̄_D)^{1.02k} ‖x₀ − x*‖² (the rate 2% faster in the exponent)',
  falseBecause: 'from e₀ on the λ_min eigenvector the first step gives exactly E‖e₁‖² = 1 − 1/κ̄_D, above (1 − 1/κ̄_D)^{1.02}',
  metric: (_b, i) => i === 0,
  examples: lambdaMinStarts,
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

/** A different trial from the base claim's: the real RK iteration, one realization, step by step. */
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
