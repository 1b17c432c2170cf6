/**
 * The exact local contraction of vanilla GD for real phase retrieval: the local geometry behind Ma, Wang,
 * Chi, Chen (FoCM 2020) Theorem 1 as surveyed in Chi, Lu, Chen (IEEE TSP 2019). An exact fact [D] of the
 * model, derived below (and in src/problems/phase-retrieval.ts); it holds for every instance with m ≥ n.
 *
 * Statement: every GD step z_{t+1} = z_t − η∇f(z_t) satisfies, while dist_t ≤ ‖x‖,
 *   dist_{t+1} ≤ ρ dist_t + η(K₁ dist_t² + K₂ dist_t³),  ρ = maxᵢ |1 − 2ηλᵢ(Y)|,
 *   K₁ = (3/m) Σⱼ |aⱼᵀx| ‖aⱼ‖³,  K₂ = (1/m) Σⱼ ‖aⱼ‖⁴,  dist modulo the global sign.
 * Hypotheses: m ≥ n, local contraction ρ < 1. Parameters: as in setup.ts (n ∈ [8, 48], C ∈ [3, 6],
 *   c₁ ∈ [0.3, 0.5], η = c₁/(ln n ‖x‖²), from the spectral initialization).
 *
 * Derivation [D]. ∇f(z) = (1/m) Σⱼ ((aⱼᵀz)² − yⱼ)(aⱼᵀz) aⱼ. With e = z − x, uⱼ = aⱼᵀx, vⱼ = aⱼᵀe:
 *   ((uⱼ + vⱼ)² − uⱼ²)(uⱼ + vⱼ) = 2uⱼ²vⱼ + 3uⱼvⱼ² + vⱼ³,  so  ∇f(x + e) = 2Ye + R(e),
 *   R(e) = (1/m) Σⱼ (3uⱼvⱼ² + vⱼ³) aⱼ,  ‖R(e)‖ ≤ K₁‖e‖² + K₂‖e‖³  (|vⱼ| ≤ ‖aⱼ‖‖e‖),
 * hence e_{t+1} = (I − 2ηY)e_t − ηR(e_t) and ‖e_{t+1}‖ ≤ ρ‖e_t‖ + η(K₁‖e_t‖² + K₂‖e_t‖³). The same holds
 * around −x (Y and K₁ do not change), so it holds for dist = min(‖z − x‖, ‖z + x‖). The sample Hessian
 * at x is ∇²f(x) = 2Y; its population counterpart is E[2Y] = 2(‖x‖²I + 2xxᵀ) (Isserlis: E[(aᵀx)²aaᵀ] =
 * ‖x‖²I + 2xxᵀ), eigenvalues 2‖x‖² (orthogonal to x) and 6‖x‖² (along x).
 *
 * False variants: ρ of the population Hessian, max(|1 − 2η‖x‖²|, |1 − 6η‖x‖²|) (at finite m, λ_min(Y) <
 * ‖x‖², so the slowest mode is slower), and ρ = |1 − 2ηλ_max(Y)| (the top of the spectrum only).
 */
import { atLeast, atMost, defineClaim, remainderConstants, runPhaseRetrievalGd, withTrial } from 'ratecheck';
import type { Trial } from 'ratecheck';
import { CONTRACTION_FLOOR, CONTRACTION_RTOL, contractionParams, phaseSetup, source, type PhaseParams } from './setup.ts';

type Setup = ReturnType<typeof phaseSetup>;

/** The contraction factor ρ of the bound, computed from the instance, and its label in the bound's citation. */
interface ContractionRate {
  rho: (s: Setup) => number;
  label: string;
}

function contractionTrial(params: PhaseParams, rate: ContractionRate): Trial {
  const s = phaseSetup(params);
  const normX = Math.sqrt(s.problem.normX2);
  const { K1, K2 } = remainderConstants(s.problem);
  const eta = s.stepSize;
  const rho = rate.rho(s);
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
        cite: `dist_{t+1} ≤ ρ dist_t + η(K₁dist_t² + K₂dist_t³) while dist_t ≤ ‖x‖, ${rate.label}; ∇f(x + e) = 2Ye + R(e) (src/problems/phase-retrieval.ts [D])`,
      },
    ],
    run: (observe, maxIterations) =>
      // a diverging run leaves the local region for good: the local bound says nothing there, so the run ends
      runPhaseRetrievalGd(s.problem, s.z0, eta, (t, m) => Number.isFinite(m.distance) && observe(t, m), maxIterations),
  };
}

/** The exact local rate of the sample Hessian 2Y. */
const SAMPLE_RATE: ContractionRate = { rho: (s) => s.rhoY, label: 'ρ = maxᵢ|1 − 2ηλᵢ(Y)|' };

export const gdLocalContraction = defineClaim<PhaseParams>({
  id: 'chi2019.gd-local-contraction',
  statement: 'Real Gaussian phase retrieval: every GD step satisfies dist_{t+1} ≤ ρ dist_t + η(K₁dist_t² + K₂dist_t³) with the exact local rate ρ = maxᵢ|1 − 2ηλᵢ(Y)| of the sample Hessian ∇²f(x) = 2Y (dist modulo sign)',
  source: source('phase retrieval, local geometry', 'D', 'exact local fact [D]: the finite-m Hessian 2Y and the remainder bound, derived in this file’s header'),
  kind: 'bound-for-all-t',
  expected: 'holds',
  params: contractionParams,
  maxIterations: 3000,
  instantiate: (params) => contractionTrial(params, SAMPLE_RATE),
});

/** The change: the trial rebuilt with ρ of the population Hessian 2(‖x‖²I + 2xxᵀ) in place of ρ(I − 2ηY). */
export const populationRate = withTrial(gdLocalContraction, {
  id: 'chi2019.population-rate',
  statement: 'FALSE variant: the per-step contraction with the population Hessian’s rate max(|1 − 2η‖x‖²|, |1 − 6η‖x‖²|) at finite m',
  source: { theorem: 'phase retrieval, local geometry', confidence: 'D', note: 'population Hessian 2(‖x‖²I + 2xxᵀ), derived in this file’s header; finite m is slower' },
  falseBecause: 'λ_min(Y) < ‖x‖² at finite m, so the slowest mode contracts by 1 − 2ηλ_min(Y) > 1 − 2η‖x‖²',
  params: contractionParams,
  maxIterations: 3000,
}, (params) =>
    contractionTrial(params, {
      rho: (s) => Math.max(Math.abs(1 - 2 * s.stepSize * s.problem.normX2), Math.abs(1 - 6 * s.stepSize * s.problem.normX2)), // Hessian 2(‖x‖²I + 2xxᵀ)
      label: 'false: ρ of the population Hessian, max(|1 − 2η‖x‖²|, |1 − 6η‖x‖²|)',
    }));

/** The change: the trial rebuilt with ρ = |1 − 2ηλ_max(Y)| in place of maxᵢ|1 − 2ηλᵢ(Y)|. */
export const topEigenvalueRate = withTrial(gdLocalContraction, {
  id: 'chi2019.top-eigenvalue-rate',
  statement: 'FALSE variant: the per-step contraction with ρ = |1 − 2ηλ_max(Y)| (the smoothness end of the spectrum only)',
  source: { theorem: 'phase retrieval, local geometry', confidence: 'D', note: 'GD contracts each eigendirection of the Hessian by |1 − 2ηλᵢ|; the slowest one sets the rate' },
  falseBecause: 'with η‖x‖² ≤ 0.5/ln n the slowest factor is 1 − 2ηλ_min(Y), well above |1 − 2ηλ_max(Y)|',
  params: contractionParams,
  maxIterations: 3000,
}, (params) =>
    contractionTrial(params, { rho: (s) => Math.abs(1 - 2 * s.stepSize * s.eig.values[s.eig.values.length - 1]), label: 'false: ρ = |1 − 2ηλ_max(Y)|' }));
