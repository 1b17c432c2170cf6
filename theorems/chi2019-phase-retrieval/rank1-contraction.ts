/**
 * The exact local contraction of GD for rank-one matrix factorization, the noiseless model problem of Chi,
 * Lu, Chen (IEEE TSP 2019) behind phase retrieval's local geometry. An exact fact [D], derived below (and
 * in src/problems/phase-retrieval.ts).
 *
 * Statement: for f(z) = ¼‖zzᵀ − xxᵀ‖²_F, λ = ‖x‖², every GD step z_{t+1} = z_t − η∇f(z_t) satisfies,
 * while dist_t ≤ ‖x‖ (dist modulo the global sign),
 *   dist_{t+1} ≤ ρ₁ dist_t + η(3√λ dist_t² + dist_t³),  ρ₁ = max(|1 − ηλ|, |1 − 2ηλ|) ≥ 1/3.
 * Hypotheses: ηλ < 1 (so ρ₁ < 1). Parameters: η = h/λ with h = k/32, k ∈ [1, 31], n ∈ [2, 200],
 *   ‖z₀ − x‖/‖x‖ ∈ [1e-3, 0.3] and ‖x‖ ∈ [0.1, 10] log-uniform; the optimal step η = 2/(3λ) as an example.
 *
 * Derivation [D]. ∇f(z) = ‖z‖²z − (xᵀz)x. With e = z − x:
 *   ∇f(x + e) = (λI + xxᵀ)e + 2(xᵀe)e + ‖e‖²x + ‖e‖²e,
 * and the remainder has norm ≤ 2√λ‖e‖² + √λ‖e‖² + ‖e‖³ = 3√λ‖e‖² + ‖e‖³. The Hessian at x is λI + xxᵀ,
 * eigenvalues λ (orthogonal to x) and 2λ (along x), so e_{t+1} = (I − η(λI + xxᵀ))e_t − η·remainder gives
 * the bound with ρ₁ = max(|1 − ηλ|, |1 − 2ηλ|); the same holds around −x. ρ₁ is smallest where
 * 1 − ηλ = 2ηλ − 1, i.e. η = 2/(3λ), where both eigendirections contract by exactly 1/3.
 *
 * False variants: a local rate below 1/3 (here 1/4) for some step size, and ρ = |1 − 2ηλ| (the top
 * eigenvalue 2λ only; for ηλ < 2/3 the directions orthogonal to x contract by 1 − ηλ > |1 − 2ηλ|).
 */
import fc from 'fast-check';
import { atMost, defineClaim, logUniform, rank1Contraction, runRank1Gd, seedArb, withTrial, Rng } from 'ratecheck';
import type { Trial } from 'ratecheck';
import { CONTRACTION_FLOOR, CONTRACTION_RTOL, source } from './setup.ts';

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

/** The contraction factor ρ of the bound from λ and η, and its label in the bound's citation. */
interface Rank1Rate {
  rho: (lambda: number, eta: number) => number;
  label: string;
}

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
  const rho = rate.rho(lambda, eta);
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
        cite: `dist_{t+1} ≤ ρ dist_t + η(3√λ dist_t² + dist_t³) while dist_t ≤ ‖x‖, ${rate.label}; Hessian λI + xxᵀ at x (derived in rank1-contraction.ts [D])`,
      },
    ],
    run: (observe, maxIterations) => runRank1Gd(x, z0, eta, observe, maxIterations),
  };
}

/** The exact local rate of the Hessian λI + xxᵀ. */
const EXACT_RATE: Rank1Rate = { rho: (lambda, eta) => rank1Contraction(lambda, eta), label: 'ρ₁ = max(|1 − ηλ|, |1 − 2ηλ|)' };

export const rank1LocalContraction = defineClaim<Rank1Params>({
  id: 'chi2019.rank1-local-contraction',
  statement: 'Rank-one factorization ¼‖zzᵀ − xxᵀ‖²_F, GD with η = h/‖x‖²: dist_{t+1} ≤ ρ₁dist_t + η(3‖x‖dist_t² + dist_t³), ρ₁ = max(|1 − ηλ|, |1 − 2ηλ|) (best 1/3 at η = 2/(3λ))',
  source: source('rank-one matrix factorization, local geometry', 'D', 'exact local fact [D]: Hessian λI + xxᵀ at x, derived in this file’s header'),
  kind: 'bound-for-all-t',
  expected: 'holds',
  params: rank1Params(),
  examples: [OPTIMAL_STEP_EXAMPLE],
  maxIterations: 5000,
  instantiate: (params) => rank1Trial(params, EXACT_RATE),
});

/** The change: the trial rebuilt with ρ = 1/4 in place of ρ₁ (steps h ∈ [18/32, 26/32], around 2/3). */
export const rank1BelowThird = withTrial(rank1LocalContraction, {
  id: 'chi2019.rank1-rate-below-third',
  statement: 'FALSE variant: some step size gives rank-one GD a local rate below 1/3 (here 1/4)',
  source: { theorem: 'rank-one matrix factorization', confidence: 'D', note: 'min over η of ρ₁ is 1/3, derived in this file’s header' },
  falseBecause: 'min over η of max(|1 − ηλ|, |1 − 2ηλ|) is 1/3 (at η = 2/(3λ)): the slower eigendirection always contracts by at least 1/3',
  params: rank1Params(18, 26),
  examples: [OPTIMAL_STEP_EXAMPLE],
  maxIterations: 5000,
}, (params) => rank1Trial(params, { rho: () => 0.25, label: 'false: ρ = 1/4 < 1/3' }));

/** The change: the trial rebuilt with ρ = |1 − 2ηλ| in place of ρ₁ (steps h ∈ [1/32, 20/32]). */
export const rank1TopEigenvalue = withTrial(rank1LocalContraction, {
  id: 'chi2019.rank1-top-eigenvalue-rate',
  statement: 'FALSE variant: rank-one GD contracts locally by |1 − 2ηλ| (the Hessian’s top eigenvalue 2λ only)',
  source: { theorem: 'rank-one matrix factorization', confidence: 'D', note: 'the directions orthogonal to x have Hessian eigenvalue λ' },
  falseBecause: 'for ηλ < 2/3 the directions orthogonal to x contract only by 1 − ηλ > |1 − 2ηλ|',
  params: rank1Params(1, 20),
  maxIterations: 5000,
}, (params) => rank1Trial(params, { rho: (lambda, eta) => Math.abs(1 - 2 * eta * lambda), label: 'false: ρ = |1 − 2ηλ|' }));
