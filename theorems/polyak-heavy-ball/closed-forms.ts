/**
 * Polyak (1964): the closed-form error of heavy ball with the optimal parameters on a quadratic, one
 * eigencomponent at a time (the facts are derived below, [D]); the exact companion of optimal-radius.ts.
 *
 * Statement: with α* = 4/(√L + √μ)², β* = r², r = (√κ − 1)/(√κ + 1), x_{−1} = x₀ and spectrum(H) ⊂ [μ, L],
 * the component of e_k = x_k − x* along the eigenvector of λ is e_k(λ) = c_k(λ) e₀(λ), with
 *   interior, cos θ = (1 + β* − α*λ)/(2r):  c_k = r^k [cos kθ + (cos θ − r) sin kθ/sin θ]
 *   λ = μ (double root +r):                 c_k = (1 + k(1 − r)) r^k
 *   λ = L (double root −r):                 c_k = (1 + k(1 + r)) (−r)^k
 * so ‖x_k − x*‖ = ‖Σ_λ c_k(λ) e₀(λ) v_λ‖ exactly.
 * Hypotheses: 0 < μ ≤ L ([μ, L] = [λ_min, λ_max] of the instance). Parameters: d ∈ [2, 5], κ ∈ [1.5, 1e4],
 * the start direction; k ≤ 4000.
 * Bounds: ‖x_k − x*‖ ≤ and ≥ the closed form's norm (geometric rate r, prefactor polynomial in k), each
 * with an absolute allowance δ for the rounding of the iterate (below) and relative tolerance CLOSED_RTOL.
 *
 * Derivation. On the eigenvalue λ, e_{k+1} = (1 + β − αλ)e_k − β e_{k−1} = 2r cos θ e_k − r² e_{k−1}.
 * Inside (μ, L) the roots are r e^{±iθ}, so c_k = r^k(A cos kθ + B sin kθ); c₀ = 1 gives A = 1, and
 * c_{−1} = 1 (x_{−1} = x₀) gives cos θ − B sin θ = r. At λ = μ (θ → 0) sin kθ/sin θ → k: (1 + k(1 − r)) r^k;
 * at λ = L (θ → π) the same limit gives (1 + k(1 + r))(−r)^k.
 * Rounding (derived): one step of x ← x − α∇f + β(x − x_prev) rounds x by at most about 4d·eps·(‖x*‖ + ‖e₀‖)
 * (the gradient Aᵀ(Ax − b) is formed from x, not from e, and α‖H‖ ≤ 4); the recursion amplifies an injected
 * error by Σ_k ‖T_λ^k‖ ≤ 4/(1 − r)² = (√κ + 1)² (the entries of T_λ^k are r^k sin((k+1)θ)/sin θ-type terms,
 * at most (k + 1)r^k). Nothing is compared below 1e3·δ.
 *
 * False variant (near miss): the closed form with its rate r raised to the power 1.01 (1% in the exponent)
 * as an upper bound: the exact error exceeds it by r^{−0.01k} > 1 + CLOSED_RTOL after a few steps.
 */
import {
  atLeast, buildInstance, coordinateGuard, defineClaim, guardedBound, HeavyBall, instanceParams, polyakParameters, startingError, toEigenbasis, withRate,
  type InstanceParams, type Trial,
} from 'ratecheck';
import { polyakSource } from './setup.ts';

/** Relative tolerance of the closed form: evaluating sin kθ/sin θ loses about k·eps; 1e-9 covers k ≤ 4000 with a margin of 1e2. */
export const CLOSED_RTOL = 1e-9;

/** c_k(λ) for the Polyak parameters with rate r: the closed form of this file's header. */
export function polyakCoefficient(k: number, cosTheta: number, r: number): number {
  const c = Math.max(-1, Math.min(1, cosTheta));
  if (c >= 0) {
    const theta = Math.acos(c);
    const s = theta === 0 ? k : Math.sin(k * theta) / Math.sin(theta);
    return Math.pow(r, k) * (Math.cos(k * theta) + (c - r) * s);
  }
  // θ = π − φ: cos kθ = (−1)^k cos kφ, sin kθ/sin θ = (−1)^{k+1} sin kφ/sin φ (accurate near λ = L)
  const phi = Math.acos(-c);
  const sign = k % 2 === 0 ? 1 : -1;
  const s = phi === 0 ? k : Math.sin(k * phi) / Math.sin(phi);
  return sign * Math.pow(r, k) * (Math.cos(k * phi) - (c - r) * s);
}

function closedFormTrial(params: InstanceParams): Trial {
  const problem = buildInstance(params);
  const mu = problem.lambdaMin, L = problem.lambdaMax;
  const p = polyakParameters(mu, L);
  const r = p.rate;
  const e0 = startingError(problem, params.start, params.seed);
  const x0 = new Float64Array(problem.d);
  let xs = 0;
  for (let i = 0; i < problem.d; i++) {
    x0[i] = problem.xStar[i] + e0[i];
    xs += problem.xStar[i] ** 2;
  }
  const coords = toEigenbasis(problem, e0);
  const cosThetas = Array.from(problem.eigenvalues, (lambda) => (1 + p.momentum - p.stepSize * lambda) / (2 * r));
  // both bounds read the closed form at the same k: evaluate it once per k
  let lastK = -1, lastNorm = 0;
  const closedNorm = (k: number): number => {
    if (k === lastK) return lastNorm;
    let s = 0;
    for (let i = 0; i < problem.d; i++) s += (polyakCoefficient(k, cosThetas[i], r) * coords[i]) ** 2;
    lastK = k;
    lastNorm = Math.sqrt(s);
    return lastNorm;
  };
  const amplification = 4 / ((1 - r) * (1 - r));
  const noise = 4 * problem.d * Number.EPSILON * (Math.sqrt(xs) + 1) * amplification;
  const guard = coordinateGuard(noise, 1);
  const cite = '‖x_k − x*‖ = ‖Σ_λ c_k(λ)e₀(λ)v_λ‖, c_k closed forms of Polyak’s optimal heavy ball (derived in this file’s header)';
  const bounds = (['le', 'ge'] as const).map((relation) => ({ ...guardedBound('errorNorm', closedNorm, guard, cite, { relation, rtol: CLOSED_RTOL }), rate: r }));
  return {
    hypotheses: [atLeast('μ > 0', mu, Number.MIN_VALUE)],
    derived: { mu, L, conditionNumber: problem.conditionNumber, stepSize: p.stepSize, momentum: p.momentum, rate: r, noise, floor: guard.floor },
    bounds,
    run(observe, maxIterations) {
      const method = new HeavyBall(problem, p, x0);
      const metrics = { errorNorm: 0 };
      for (let k = 0; ; k++) {
        metrics.errorNorm = method.errorNorm();
        if (!observe(k, metrics) || k >= maxIterations) return;
        method.step();
      }
    },
  };
}

const closedParams = (k: [number, number] = [1.5, 1e4]) => instanceParams({ conditionNumber: k, d: [2, 5], extraRows: [0, 10] });

/** The two endpoint modes and a mixed start, at κ = 100 and 1e4. */
const closedExamples: InstanceParams[] = [0, 8, 4].flatMap((start) =>
  [100, 1e4].map((kappa): InstanceParams => ({ family: 'generated', n: 2, d: 2, conditionNumber: kappa, spectrum: 'linear', rowNorms: 'uniform', rowNormSpread: 1, start, seed: 1 })),
);

export const closedForms = defineClaim<InstanceParams>({
  id: 'polyak-hb.closed-forms',
  statement: 'Heavy ball with Polyak’s optimal α*, β* on [μ, L]: each eigencomponent of x_k − x* equals c_k(λ)e₀(λ), c_k = r^k[cos kθ + (cos θ − r) sin kθ/sin θ] inside, (1 + k(1 − r))r^k at μ, (1 + k(1 + r))(−r)^k at L',
  source: polyakSource('optimal parameters on quadratics (closed-form error)', 'D', 'solution of the two-term recursion with x_{−1} = x₀, derived in this file’s header'),
  kind: 'exact-identity',
  expected: 'holds',
  params: closedParams(),
  examples: closedExamples,
  maxIterations: 4000,
  instantiate: (p) => closedFormTrial(p),
});

/** The closed form's rate r raised to the power 1.01 in the upper bound (withRate on the derived `rate`). */
export const closedFormsFaster = withRate(closedForms, 'rate', (r) => Math.pow(r, 1.01), {
  id: 'polyak-hb.closed-forms-rate-1pct-faster',
  statement: 'FALSE variant (near miss): ‖x_k − x*‖ ≤ ‖Σ_λ c_k(λ)e₀(λ)v_λ‖·(r^{0.01})^k, the closed form with its rate 1% faster in the exponent',
  falseBecause: 'the closed form is exact, so the error exceeds the claimed bound by r^{−0.01k} (1% in the exponent), above the tolerance after a few steps',
  metric: (_b, i) => i === 0,
  examples: closedExamples,
  params: closedParams(),
});
