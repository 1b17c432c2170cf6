/**
 * Ghadimi–Lan (SIAM J. Optim. 23(4), 2013), Theorem 3.2(a): the randomized stochastic gradient-free
 * method (RSGF).
 *
 * Statement: RSGF, x_{k+1} = x_k − γ_k G_ν(x_k, ξ_k, u_k) with the Gaussian-smoothing estimate
 * G_ν(x, ξ, u) = [F(x + νu, ξ) − F(x, ξ)]/ν · u, returns x_R with R independent of the run and
 * P(R = k) ∝ γ_k − 2L(d + 4)γ_k², k = 1..N. Then
 *   (1/L)E‖∇f(x_R)‖² ≤ [D_f² + 2ν²(d + 4)(1 + L(d + 4)² Σ_k(γ_k/4 + Lγ_k²)) + 2(d + 4)σ² Σ_k γ_k²]
 *                       / Σ_k [γ_k − 2L(d + 4)γ_k²],   D_f² = 2(f(x₁) − f*)/L.
 * Hypotheses: F(·, ξ) has an L-Lipschitz gradient, E‖∇F(x, ξ) − ∇f(x)‖² ≤ σ², f bounded below;
 * 0 < γ_k < 1/(2(d + 4)L); ν > 0. Constant steps give O(d/ε²) oracle calls (Corollary 3.3).
 * Parameters: constant γ = c/(2(d + 4)L), c ∈ {1/16, …, 15/16}; ν ∈ [1e-4, 1e-1]; an oracle adding
 * Gaussian gradient noise of variance σ² ∈ {0} ∪ [1e-4, 9]; quadratics (spectrum in [L/κ, L]) or softplus
 * ridge sums, L = 1; x₁ at distance R from x*.
 *
 * Check: with constant steps R is uniform on 1..N, so E_R‖∇f(x_R)‖² is the exact average of ‖∇f(x_k)‖²
 * along each trajectory; the expectation over the noise is the mean over 8 independent runs, compared
 * through the lower end of a one-sided 99.9 % Student-t band, at every N up to 1000.
 *
 * False variants (terms of the bound changed, the instance and the run kept):
 * - the smoothing and noise terms dropped, D_f²/Σ(γ − 2L(d + 4)γ²): with σ > 0 the right side decays like
 *   1/N while the noise keeps E‖∇f(x_R)‖² at a level of order Lγ(d + 2)σ² (x₁ ≠ x*, so D_f > 0).
 * - 2σ²Σγ_k² in place of 2(d + 4)σ²Σγ_k² (no dimension factor on the noise): E‖⟨ξ, u⟩u‖² = (d + 2)E‖ξ‖²
 *   (see estimator-second-moment.ts), so, started at x*, the stationary level of (1/L)E‖∇f‖² on a
 *   quadratic is about γ(d + 2)σ²/2, above the variant's 2γσ²/(1 − c) once d + 2 > 4/(1 − c).
 */
import fc from 'fast-check';
import { atLeast, atMost, defineClaim, deriveSeed, drawPoint, logUniform, mapBounds, prescribedSpectrum, Quadratic, Rsgf, seedArb, SoftplusRidge, studentTQuantile, variant, type Bound, type Claim, type SmoothProblem, type Trial, type VariantInfo } from 'ratecheck';
import { distanceArb, gl } from './setup.ts';

export interface RsgfParams {
  kind: 'quadratic' | 'softplus';
  d: number;
  kappa: number;
  /** σ of the oracle's gradient noise */
  sigma: number;
  nu: number;
  /** γ = c/(2(d + 4)L) */
  c: number;
  /** ‖x₁ − x*‖ */
  R: number;
  seed: number;
}

export const RSGF_REPLICAS = 8;
const T_QUANTILE = studentTQuantile(0.999, RSGF_REPLICAS - 1);

export function rsgfParams(o: { sigma?: fc.Arbitrary<number>; R?: fc.Arbitrary<number>; d?: [number, number]; c?: [number, number]; kappa?: [number, number] } = {}): fc.Arbitrary<RsgfParams> {
  const [dLo, dHi] = o.d ?? [2, 20];
  const [cLo, cHi] = o.c ?? [1, 15];
  const [kLo, kHi] = o.kappa ?? [1, 100];
  return fc.record({
    kind: fc.constantFrom('quadratic' as const, 'softplus' as const),
    d: fc.integer({ min: dLo, max: dHi }),
    kappa: logUniform(kLo, kHi, 16),
    sigma: o.sigma ?? fc.oneof(fc.constant(0), logUniform(0.01, 3, 12)),
    nu: logUniform(1e-4, 1e-1, 12),
    c: fc.integer({ min: cLo, max: cHi }).map((k) => k / 16),
    R: o.R ?? distanceArb,
    seed: seedArb(),
  });
}

/** Which terms of the numerator enter the bound. */
export interface RsgfTerms {
  /** include 2ν²(d + 4)(…) */
  smoothing: boolean;
  /** factor of σ²Σγ² (2(d + 4) in the theorem) */
  noiseFactor: (d: number) => number;
}

const THEOREM_32A: RsgfTerms = { smoothing: true, noiseFactor: (d) => 2 * (d + 4) };

/** Theorem 3.2(a)'s right-hand side for N constant steps γ (the left side is (1/L)E‖∇f(x_R)‖²). */
export function rsgfBound(N: number, s: { L: number; d: number; gamma: number; nu: number; sigma: number; Df2: number }, terms: RsgfTerms = THEOREM_32A): number {
  const { L, d, gamma, nu, sigma, Df2 } = s;
  const sumGamma = N * gamma, sumGamma2 = N * gamma * gamma;
  const smoothing = terms.smoothing ? 2 * nu * nu * (d + 4) * (1 + L * (d + 4) ** 2 * (sumGamma / 4 + L * sumGamma2)) : 0;
  const noise = terms.noiseFactor(d) * sigma * sigma * sumGamma2;
  return (Df2 + smoothing + noise) / (sumGamma - 2 * L * (d + 4) * sumGamma2);
}

function rsgfTrial(p: RsgfParams, cite: string): Trial {
  const L = 1;
  const problem: SmoothProblem =
    p.kind === 'quadratic'
      ? new Quadratic({ eigenvalues: prescribedSpectrum(p.d, L / p.kappa, L, p.seed), basis: 'haar', seed: p.seed, xStar: drawPoint(p.d, 1, p.seed, 'rsgf-xstar') })
      : new SoftplusRidge({ d: p.d, n: 2 * p.d, mu: L / p.kappa, xStarNorm: 1, seed: p.seed, targetSmoothness: L });
  const x1 = Float64Array.from(problem.xStar);
  if (p.R > 0) {
    const u = drawPoint(p.d, p.R, p.seed, 'rsgf-start');
    for (let i = 0; i < p.d; i++) x1[i] += u[i];
  }
  const gamma = p.c / (2 * (p.d + 4) * problem.smoothness);
  const Df2 = (2 * problem.gap(x1)) / problem.smoothness;
  const shape = { L: problem.smoothness, d: p.d, gamma, nu: p.nu, sigma: p.sigma, Df2 };
  const bound: Bound = { metric: 'scaledGradNormSqLower', relation: 'le', value: (N) => rsgfBound(N, shape), floor: 0, cite };
  return {
    hypotheses: [
      atLeast('γ > 0', gamma, Number.MIN_VALUE),
      atMost('γ < 1/(2(d + 4)L)', gamma * 2 * (p.d + 4) * problem.smoothness, 1 - 1e-12, 'Theorem 3.2(a)'),
      atLeast('ν > 0', p.nu, Number.MIN_VALUE),
    ],
    derived: { L: problem.smoothness, d: p.d, stepSize: gamma, nu: p.nu, sigma: p.sigma, Df2 },
    bounds: [bound],
    run: (observe, maxIterations) => {
      const runs: Rsgf[] = [];
      for (let r = 0; r < RSGF_REPLICAS; r++) runs.push(new Rsgf(problem, x1, { nu: p.nu, stepSize: gamma, noise: p.sigma, seed: deriveSeed(p.seed, `rsgf-replica-${r}`) }));
      const values = new Float64Array(RSGF_REPLICAS);
      const metrics = { scaledGradNormSqLower: 0, scaledGradNormSqMean: 0 };
      for (let N = 1; ; N++) {
        // E_R‖∇f(x_R)‖² with R uniform on 1..N (constant steps), exactly along each trajectory
        let sum = 0;
        for (let r = 0; r < RSGF_REPLICAS; r++) {
          values[r] = runs[r].gradNormSqSum / N / shape.L;
          sum += values[r];
        }
        const mean = sum / RSGF_REPLICAS;
        let ss = 0;
        for (let r = 0; r < RSGF_REPLICAS; r++) ss += (values[r] - mean) ** 2;
        metrics.scaledGradNormSqMean = mean;
        metrics.scaledGradNormSqLower = mean - T_QUANTILE * Math.sqrt(ss / (RSGF_REPLICAS - 1) / RSGF_REPLICAS);
        if (!Number.isFinite(mean)) throw new RangeError(`RSGF left the float64 range at N = ${N}`);
        if (!observe(N, metrics) || N >= maxIterations) return;
        for (let r = 0; r < RSGF_REPLICAS; r++) runs[r].step();
      }
    },
  };
}

const RSGF_CITE = '(1/L)E‖∇f(x_R)‖² ≤ [D_f² + 2ν²(d+4)(1 + L(d+4)²Σ(γ/4 + Lγ²)) + 2(d+4)σ²Σγ²]/Σ(γ − 2L(d+4)γ²), Ghadimi–Lan Thm 3.2(a) (mean over 8 runs, lower end of a 99.9 % band)';
const RSGF_BUDGET = 1000;

export const rsgf = defineClaim<RsgfParams>({
  id: 'ghadimi-lan.rsgf-thm3.2a',
  statement: 'RSGF with constant γ = c/(2(d + 4)L), c ∈ (0, 1), and Gaussian-smoothing estimates of an oracle with gradient noise σ²: (1/L)E‖∇f(x_R)‖² is at most Theorem 3.2(a)’s bound for every N',
  source: gl('Theorem 3.2(a)', 'V', 'the expectation over R is exact along each trajectory (R uniform for constant steps); over the noise, a mean of 8 runs'),
  kind: 'bound-in-expectation',
  expected: 'holds',
  params: rsgfParams(),
  examples: [{ kind: 'quadratic', d: 10, kappa: 10, sigma: 1, nu: 1e-3, c: 8 / 16, R: 0, seed: 1 }],
  maxIterations: RSGF_BUDGET,
  instantiate: (p) => rsgfTrial(p, RSGF_CITE),
});

/** Theorem 3.2(a) with other terms in the numerator (L, d, γ, ν, σ, D_f² read from the trial). */
function withTerms(base: Claim<RsgfParams>, terms: RsgfTerms, cite: string, info: VariantInfo<RsgfParams>): Claim<RsgfParams> {
  return variant(base, info, (trial) => {
    const v = trial.derived;
    const shape = { L: v.L, d: v.d, gamma: v.stepSize, nu: v.nu, sigma: v.sigma, Df2: v.Df2 };
    return mapBounds(trial, 'scaledGradNormSqLower', (b) => ({ ...b, value: (N) => rsgfBound(N, shape, terms), cite }));
  });
}

export const rsgfNoNoise = withTerms(rsgf, { smoothing: false, noiseFactor: () => 0 }, 'claimed: D_f²/Σ(γ − 2L(d+4)γ²)', {
  id: 'ghadimi-lan.rsgf-thm3.2a-deterministic-rate',
  statement: 'FALSE variant: (1/L)E‖∇f(x_R)‖² ≤ D_f²/Σ(γ − 2L(d + 4)γ²) (the smoothing and noise terms dropped, a deterministic rate)',
  source: gl('Theorem 3.2(a)', 'D', 'with σ > 0 the noise keeps E‖∇f(x_R)‖² away from 0'),
  falseBecause: 'the right side decays like 1/N while the noise σ² keeps E‖∇f(x_R)‖² at a level of order Lγ(d + 2)σ²',
  // started away from x* (D_f > 0), so the claimed bound is positive and decays like 1/N
  params: rsgfParams({ sigma: logUniform(0.1, 3, 8), R: logUniform(0.1, 10, 12) }),
});

export const rsgfFirstOrderNoise = withTerms(rsgf, { smoothing: true, noiseFactor: () => 2 }, 'claimed: 2σ²Σγ² for the noise term', {
  id: 'ghadimi-lan.rsgf-thm3.2a-first-order-noise',
  statement: 'FALSE variant: the zeroth-order noise costs no dimension factor: Theorem 3.2(a) with 2σ²Σγ_k² in place of 2(d + 4)σ²Σγ_k²',
  source: gl('Theorem 3.2(a)', 'D', 'E‖⟨ξ, u⟩u‖² = (d + 2)E‖ξ‖²: the estimator multiplies the noise by about d'),
  falseBecause: 'started at x*, the stationary level of (1/L)E‖∇f‖² is about γ(d + 2)σ²/2 (quadratics), above the variant’s 2γσ²/(1 − c) once d + 2 > 4/(1 − c)',
  // the regime where the stationary level is reached within the budget: x₁ = x*, mixing time 2(d + 4)κ/c ≲ 400 steps
  params: rsgfParams({ sigma: logUniform(0.3, 3, 8), R: fc.constant(0), d: [15, 25], c: [6, 12], kappa: [1, 3] }),
});
