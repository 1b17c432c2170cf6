/**
 * Xu, Wang, Zhao, Ward, Tao (NeurIPS 2024), Section 4: the acceleration shape of the two-layer network
 * as an O(·) exponent: GD's count (Remark 3) under initialization (13), against Corollary 2's accelerated one.
 *
 * Statement. With κ := λ_max(DDᵀ)/λ_min(DDᵀ) = cond²(D) (the paper's discussion after Corollaries 1-3),
 * NAG from (13) reaches f(X_T, Y_T) ≤ ε‖LDᵀ‖²_F within T = O(√κ log 1/ε) iterations (Corollary 2, with
 * probability 1 since cond(X₀) = 1), and GD within T = O(κ log 1/ε) (Remark 3: L̃/μ̃ = κ under (13)).
 * Hypotheses: those of Theorem 3 (Assumption 1, Y₀ = 0, d ≥ r, Theorem 3's inequality on c), c at the
 *   threshold; Theorem 3's η = 1/L̃, β for NAG, η = 2/(L̃ + μ̃) for GD (as in Figures 1-2).
 * Parameters: the default network instances with rank(D) ≥ r + 1 ≥ 2, D = UΣVᵀ with V orthonormal (so that
 *   κ = cond²(Σ)), cond(Σ) log-uniform in [5, 60] (κ from 25 to 3600: an O(·) exponent is about large κ).
 *
 * Encoding (derived). Both counts come from per-step rates, 1 − Θ(1/√κ) for NAG (Theorem 3's θ) and
 * 1 − Θ(1/κ) for GD, so the time constant of the residual's decay, τ = 1/(1 − q) with q its observed per-step
 * factor between f = ε₁‖LDᵀ‖²_F and f = ε₂‖LDᵀ‖²_F (ε₁ = 1e-4, ε₂ = 1e-8, q = (ε₂/ε₁)^{1/(2(T(ε₂) − T(ε₁)))}, f being
 * squared), grows like √κ and κ: τ = √κ for q = 1 − 1/√κ and (κ + 1)/2 for q = (κ − 1)/(κ + 1). The claims fit
 * the exponent of τ against κ (99% Student-t interval), refuted when the interval lies above the claimed
 * exponent; the smallest constant τ/E (E = κ) is reported. Two measures that look equivalent are not
 * exponent tests of the statement: the count T(ε) at one ε carries a transient that grows like log κ (the
 * bound's prefactor, NAG's (1 + t/√κ) growth), and the e-fold count 1/ln(1/q) = τ − 1/2 + O(1/τ) has an offset;
 * both lift the fitted slope above the exponent on a finite range.
 *
 * NAG is not encoded as an exponent claim: its time constant over κ from 25 to 3600 fits κ^0.509–0.517
 * (seeds 1, 2, 3, 42 of `verify`), with 99% intervals excluding 0.5 on two of the four, so "at most like √κ"
 * is refuted on that range by a margin of 2-3% (a slowly closing transient, or a true excess: not decided
 * here). Its √κ shape is checked per instance by Corollary 2's count with K explicit (network-corollaries.ts),
 * and the variant below shows GD is not accelerated.
 *
 * False variants (derived): under (13) GD contracts near (κ − 1)/(κ + 1) ≈ 1 − 2/κ per step, so τ = (κ + 1)/2
 * grows like κ, not like √κ (the accelerated count without momentum), nor like κ^0.95 (the near miss: the
 * log-slope of (κ + 1)/2 is 1 − 1/(κ + 1) ≥ 0.96 for κ ≥ 25).
 */
import { defineClaim, iterationsTo, type NetworkParams, type Trial, type TrialOptions, variant } from 'ratecheck';
import { iterationTrial, MEASURED_EPSILON, remark3Expression } from './network-iterations.ts';
import { networkParams, source } from './network-trial.ts';

const sweep = networkParams({ condD: [5, 60], rankDExtra: [1, 4], cSteps: [0, 0] }).map((p): NetworkParams => ({ ...p, dataV: 'orthonormal' }));

/** The two levels of the time constant: f ≤ ε₁‖LDᵀ‖²_F, then ε₂. */
const EPS1 = 1e-4;
const EPS2 = MEASURED_EPSILON;

/** The run until f ≤ ε₂‖LDᵀ‖²_F; the measure is the time constant τ, the driver κ = cond²(D). */
function timeConstantTrial(p: NetworkParams, options: TrialOptions): Trial {
  const trial = iterationTrial(p, options, { scheme: 'orthonormal', method: 'gd', expression: remark3Expression, what: 'Remark 3' });
  const kappa = trial.derived.condD ** 2;
  let t1 = Infinity;
  const { run, measure } = iterationsTo(
    (observe, maxIterations) => trial.run((t, m) => ((m.relativeObjective <= EPS1 && t < t1 ? (t1 = t) : 0), observe(t, m)), maxIterations),
    'relativeObjective',
    EPS2,
  );
  return {
    ...trial,
    derived: { ...trial.derived, kappa, complexity: kappa },
    bounds: [],
    run,
    measure: () => {
      const q = Math.exp(Math.log(EPS2 / EPS1) / (2 * (measure!().iterations - t1)));
      return { timeConstant: 1 / (1 - q) };
    },
  };
}

export const gdIterationsKappa = defineClaim<NetworkParams>({
  id: 'xu2024-nn.gd-iterations-kappa',
  statement: 'GD from (13): the time constant 1/(1 − q) of the residual’s decay (q its per-step factor between f = 1e-4 and 1e-8 of ‖LDᵀ‖²_F) grows at most like κ = λ_max(DDᵀ)/λ_min(DDᵀ): the rate behind T = O(κ log 1/ε)',
  source: source('Remark 3', 'D', 'the κ-dependence of the discussion after Corollaries 1-3 (√κ for NAG against κ for GD), through the decay’s time constant (this file’s header); hidden constant reported'),
  kind: 'asymptotic',
  expected: 'holds',
  params: sweep,
  maxIterations: 100_000,
  aggregate: { kind: 'exponent', response: 'timeConstant', driver: 'kappa', claimedExponent: 1, complexity: 'complexity' },
  instantiate: (p, o) => timeConstantTrial(p, o),
});

/** The claim with another claimed exponent of κ (and no hidden constant to report): the variants' only change. */
function withExponent(claimedExponent: number, id: string, statement: string, falseBecause: string) {
  const v = variant(gdIterationsKappa, { id, statement, falseBecause, source: { confidence: 'D' }, maxIterations: 100_000 }, (trial) => ({ ...trial, derived: { ...trial.derived, complexity: NaN } }));
  return defineClaim<NetworkParams>({ ...v, aggregate: { kind: 'exponent', response: 'timeConstant', driver: 'kappa', claimedExponent } });
}

export const gdIterationsAccelerated = withExponent(
  0.5,
  'xu2024-nn.gd-iterations-sqrt-kappa',
  'FALSE variant: GD’s time constant from (13) grows only like √κ (the accelerated count without momentum)',
  'GD contracts near (κ − 1)/(κ + 1) ≈ 1 − 2/κ per step under (13), so its time constant (κ + 1)/2 grows like κ',
);

export const gdIterationsNearMiss = withExponent(
  0.95,
  'xu2024-nn.gd-iterations-kappa-0.95',
  'FALSE near-miss: GD’s time constant from (13) grows at most like κ^0.95 (the exponent lowered 5%)',
  'the time constant of the rate (κ − 1)/(κ + 1) is (κ + 1)/2, whose log-slope in κ is 1 − 1/(κ + 1) ≥ 0.96 over κ ≥ 25',
);

export const exponentClaims = [gdIterationsKappa, gdIterationsAccelerated, gdIterationsNearMiss];
