/**
 * How the critical batch size of minibatch heavy ball scales (Bollapragada, Chen, Ward 2024; the
 * paper's scaling statement is not available, the scales below are derived from the reference
 * implementation's getB), as O(·) claims over a κ sweep, each stated on the spectrum shape it was
 * measured on.
 *
 * Measured quantity: B_crit = the smallest B with √ρ_msq(B) ≤ (1 + ε)√β, ε = half the accelerated gap
 * ((1 + ε)√β = 1 − (1 − √β)/2), computed exactly from the second-moment operator (no Monte Carlo).
 * Candidate scales (derived): with α ≈ 4/λ_max and log(1/β) ≈ 4/√κ_eff, κ_eff = L/ℓ ≈ 2κ,
 *   B_approx ~ 64√2 e κ̄ log(2d)/√κ = O(κ̄ log d/√κ)   (BCW's headline B*, Lee et al. 2022's ICR κ̄/√κ),
 *   B_true ≈ 16e (16κ̄/κ) log(2d) κ_C² k* ÷ log k* with κ_C² ≈ 2κ and k* = 2 log(ε/(√2κ_C))/log β ≈ ½ log(1/ε)√κ_eff,
 *   i.e. B_true = O(κ̄√κ) up to log factors.
 * Which scale B_crit follows depends on the spectrum ([N], `ratecheck batch-size --sweep`, seed 1, n = 10d,
 * d ∈ {4, 8, 16, 32}, κ ∈ {10, 30, …, 1e4}, uniform and spread row norms; 95% intervals):
 *   linear:    exponent 2.2 (1.8–2.6) against κ̄/√κ, 0.95 (0.92–0.99) against κ̄√κ;
 *   geometric: 2.7 (2.3–3.1) against κ̄/√κ, 0.94 (0.87–1.01) against κ̄√κ;
 *   bottom (one small eigenvalue): 2.35 (2.0–2.7) against κ̄/√κ, 1.02 (1.00–1.03) against κ̄√κ;
 *   top (one large eigenvalue): 1.06 (0.82–1.29) against κ̄/√κ, 0.31 (0.23–0.38) against κ̄√κ, and
 *   B_crit/(κ̄/√κ) stays within 3.1–24 for κ = 10 … 1e4 while B_crit/(κ̄√κ) falls from 0.56 to 0.0004.
 * κ_C is the same across these spectra (it depends on λ_min, λ_max and c only), so κ_C² ≈ 2κ does not
 * decide the scaling: the ICR scaling holds on top-heavy spectra and fails on the others.
 * Statements (each on its shape): (i) on linear spectra B_crit grows at most like κ̄√κ (holds);
 * (ii) on linear spectra B_crit grows like κ̄/√κ (refuted there: a finding of the measured law, not of the
 * paper); (iii) on top-heavy spectra with κ ≥ 100 B_crit grows at most like κ̄/√κ (holds: 0.90, 99% interval
 * 0.71–1.10, over the 50 default draws). Below κ ≈ 100 a top-heavy κ̄ = κ + d − 1 is dominated by d and the
 * ratio B_crit/(κ̄/√κ) still rises (4.9 at κ = 10 to 8.8 at κ = 100 for d = 8, then 6.0 from κ = 1000 on):
 * pooled over κ ∈ [10, 1e4] the fitted exponent is 1.06–1.10, just above 1. All three assert laws of a
 * quantity this tool defines (B_crit at half the gap), so they are tagged N.
 * Parameters: d ∈ {4, 8, 16}, n = 10d, uniform or spread row norms, κ log-uniform on [10, 1e4] ([100, 1e4]
 * for (iii)).
 */
import { atLeast, buildLeastSquares, defineClaim, fc, logUniform, seedArb, type SpectrumShape, type Trial } from 'ratecheck';
import { analyzeBatchSizes } from './batch-size.ts';
import { source } from './setup.ts';

interface ScalingParams {
  d: number;
  conditionNumber: number;
  rowNorms: 'uniform' | 'spread';
  seed: number;
}

const scalingParams = (kappaMin = 10): fc.Arbitrary<ScalingParams> =>
  fc.record({
    d: fc.constantFrom(4, 8, 16),
    conditionNumber: logUniform(kappaMin, 1e4, 64),
    rowNorms: fc.constantFrom('uniform' as const, 'spread' as const),
    seed: seedArb(),
  });

function scalingTrial(p: ScalingParams, spectrum: SpectrumShape): Trial {
  const problem = buildLeastSquares({ n: 10 * p.d, d: p.d, conditionNumber: p.conditionNumber, spectrum, rowNorms: p.rowNorms, seed: p.seed });
  const a = analyzeBatchSizes(problem);
  return {
    hypotheses: [atLeast('κ > 1', problem.conditionNumber, 1 + 1e-9)],
    derived: {
      conditionNumber: problem.conditionNumber,
      demmelConditionNumber: problem.demmelConditionNumber,
      icr: a.icr,
      demmelTimesSqrtKappa: problem.demmelConditionNumber * Math.sqrt(problem.conditionNumber),
    },
    bounds: [],
    run: () => {},
    measure: () => ({ bCrit: a.bCrit.real, bApprox: a.bApprox, bTrue: a.bTrue }),
  };
}

/** Each instance is a critical-batch computation at d ≤ 16; 50 points fit an exponent to a few hundredths. */
const FIT_RUNS = 50;

const measuredLaw = (note: string) => source('critical batch size, measured (the paper’s scaling statement is not available)', 'N', note);

export const criticalBatchIcr = defineClaim<ScalingParams>({
  id: 'bcw2024.critical-batch-grows-like-icr',
  statement: 'On linear spectra, the critical batch size B_crit (√ρ_msq(B) ≤ (1+ε)√β) grows like κ̄/√κ (Lee et al.’s ICR; BCW’s B* up to log d): fitted exponent of B_crit against κ̄/√κ at most 1',
  source: measuredLaw('scale derived from the reference code’s B_approx (this file’s header); B_crit is exact (second-moment operator); a finding on linear spectra only: on top-heavy spectra the ICR scaling holds (critical-batch-icr-on-top-heavy)'),
  kind: 'asymptotic',
  expected: 'refuted',
  falseBecause: 'measured on linear spectra: B_crit grows like κ̄√κ (exponent ≈ 2.2 against κ̄/√κ, 0.95 against κ̄√κ); the heuristic scale is off by a factor κ there (a finding of this domain; on top-heavy spectra the ICR scaling holds)',
  params: scalingParams(),
  maxRuns: FIT_RUNS,
  aggregate: { kind: 'exponent', response: 'bCrit', driver: 'icr', claimedExponent: 1 },
  instantiate: (p) => scalingTrial(p, 'linear'),
});

export const criticalBatchKappaBar = defineClaim<ScalingParams>({
  id: 'bcw2024.critical-batch-grows-like-kappabar-sqrt-kappa',
  statement: 'On linear spectra, the critical batch size B_crit grows at most like κ̄√κ (B_true’s scale, κ_C² ≈ 2κ, without its log factors): fitted exponent of B_crit against κ̄√κ at most 1',
  source: measuredLaw('B_true grows like κ̄κ_C² with κ_C² ≈ 2κ, up to logs (reference implementation getB); the smallest constant B_crit/(κ̄√κ) is reported; measured on linear spectra'),
  kind: 'asymptotic',
  expected: 'holds',
  params: scalingParams(),
  maxRuns: FIT_RUNS,
  aggregate: { kind: 'exponent', response: 'bCrit', driver: 'demmelTimesSqrtKappa', claimedExponent: 1, complexity: 'demmelTimesSqrtKappa' },
  instantiate: (p) => scalingTrial(p, 'linear'),
});

export const criticalBatchTopHeavy = defineClaim<ScalingParams>({
  id: 'bcw2024.critical-batch-icr-on-top-heavy',
  statement: 'On top-heavy spectra (one large eigenvalue) with κ ∈ [100, 1e4], the critical batch size B_crit grows at most like κ̄/√κ (the ICR scaling): fitted exponent of B_crit against κ̄/√κ at most 1',
  source: measuredLaw('measured: B_crit/(κ̄/√κ) stays within 3.1–24 for κ = 10 … 1e4 on top-heavy spectra, while B_crit/(κ̄√κ) falls (this file’s header); the smallest constant B_crit/(κ̄/√κ) is reported'),
  kind: 'asymptotic',
  expected: 'holds',
  params: scalingParams(100),
  maxRuns: FIT_RUNS,
  aggregate: { kind: 'exponent', response: 'bCrit', driver: 'icr', claimedExponent: 1, complexity: 'icr' },
  instantiate: (p) => scalingTrial(p, 'top'),
});
