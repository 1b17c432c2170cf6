/**
 * Nesterov's accelerated method on F_{μ,L}, strongly convex case (dossier classical-calibration.md §B):
 *
 *   y_t = x_t + β(x_t − x_{t−1}), x_{t+1} = y_t − (1/L)∇f(y_t), β = (√L − √μ)/(√L + √μ), x_{−1} = x₀,
 *   f(x_n) − f* ≤ (1 − √(μ/L))^n (f(x₀) − f* + (μ/2)‖x₀ − x*‖²)   (d'Aspremont–Scieur–Taylor 2021, Cor. 4.15).
 *
 * Not tight (PEPit: worst case 0.3476 against 0.4675 at κ = 10, n = 2). Exact companions on quadratics
 * [D]: the iteration's spectral radius over λ ∈ [μ, L] is exactly 1 − 1/√κ (a double root at λ = μ),
 * and the μ-mode error is exactly e_k = (1 + k/√κ)(1 − 1/√κ)^k e₀; on that instance the ratio to the
 * bound peaks near k ≈ √κ at about 0.70 (κ = 100), the near-tight example.
 *
 * Roundoff (dossier §C): unguarded, instances whose bound fell below ~1e-20 of its start showed apparent
 * violations up to 1e64. Every comparison here stops at the floor of src/methods/first-order.ts, with
 * the error amplification of the momentum iteration (Σ_k (k + 1)(1 − q)^k = κ for the double root);
 * the generator includes minimizers far from the origin (‖x*‖ up to 1e4‖x₀ − x*‖) and long runs, so
 * geometric bounds far below machine precision are reached and must never produce a counterexample.
 */
import fc from 'fast-check';
import { atLeast, defineClaim, type Claim, type Source, type Trial, type TrialOptions } from '../src/claims/types.ts';
import { logUniform, seedArb } from '../src/claims/arbitraries.ts';
import { smoothInstance, normSq, prescribedSpectrum, type SmoothInstanceParams } from '../src/problems/smooth-convex.ts';
import { coordinateGuard, gapGuard, guardedBound, iterateNoise, nesterovMomentum, runNesterov } from '../src/methods/first-order.ts';

const DST = 'd’Aspremont, Scieur, Taylor. Acceleration Methods. Foundations and Trends in Optimization 5 (2021)';
const DST_URL = 'https://arxiv.org/abs/2101.09545';
const PEPIT = 'PEPit accelerated_gradient_strongly_convex.py';

function source(theorem: string, confidence: Source['confidence'], note: string): Source {
  return { paper: DST, theorem, url: DST_URL, confidence, note };
}

export type NesterovParams = SmoothInstanceParams;

/** κ log-uniform in [1, 1e4], L = 1, μ = 1/κ; quadratic-mode instances start on the μ eigenvector. */
export function nesterovParams(o: { kinds?: NesterovParams['kind'][]; maxShift?: number } = {}): fc.Arbitrary<NesterovParams> {
  const kinds = o.kinds ?? ['quadratic', 'quadratic-mode', 'softplus'];
  return fc.record({
    kind: fc.constantFrom(...kinds),
    d: fc.integer({ min: 1, max: 12 }),
    n: fc.integer({ min: 1, max: 20 }),
    mu: logUniform(1e-4, 1, 64, 'max'),
    L: fc.constant(1),
    R: logUniform(0.1, 10, 16),
    // ‖x*‖/R: 0 (no absolute rounding), moderate, or far from the origin (deep below the roundoff floor)
    shift: fc.oneof({ arbitrary: fc.constant(0), weight: 2 }, { arbitrary: logUniform(0.01, 10, 12), weight: 2 }, { arbitrary: logUniform(10, o.maxShift ?? 1e4, 12), weight: 1 }),
    basis: fc.constantFrom('diagonal' as const, 'haar' as const),
    mode: fc.constant('mu' as const),
    horizon: fc.constant(0),
    h: fc.constant(1),
    seed: seedArb(),
  });
}

/** The μ-mode instance: a diagonal quadratic with spectrum {μ, L} (d = 2) started on the μ eigenvector. */
export function muMode(kappa: number, o: Partial<NesterovParams> = {}): NesterovParams {
  return { kind: 'quadratic-mode', d: 2, n: 1, mu: 1 / kappa, L: 1, R: 1, shift: 0, basis: 'diagonal', mode: 'mu', horizon: 0, h: 1, seed: 1, ...o };
}

function nesterovSetup(p: NesterovParams) {
  const { problem, x0 } = smoothInstance(p);
  const L = problem.smoothness, mu = problem.strongConvexity;
  const kappa = L / mu;
  const q = Math.sqrt(mu / L);
  const beta = nesterovMomentum(mu, L);
  const R2 = normSq(Float64Array.from(x0, (v, i) => v - problem.xStar[i]));
  // error amplification of the momentum iteration: Σ_k (k + 1)(1 − q)^k = 1/q² = κ
  const noise = iterateNoise(Math.sqrt(normSq(problem.xStar)), kappa + 1);
  return { problem, x0, L, mu, kappa, q, beta, R2, noise };
}

type Setup = ReturnType<typeof nesterovSetup>;

export interface BoundOptions {
  /** (1 − q)^n by default */
  rate?: (s: Setup) => number;
  /** f(x₀) − f* + (μ/2)‖x₀ − x*‖² by default */
  initial?: (s: Setup, gap0: number) => number;
  cite: string;
  /** false: compare at every iteration, without the roundoff guard (for demonstrating the hazard) */
  floorGuard?: boolean;
}

export function nesterovBoundTrial(p: NesterovParams, _options: TrialOptions, o: BoundOptions): Trial {
  const s = nesterovSetup(p);
  const gap0 = s.problem.gap(s.x0);
  const initial = o.initial ? o.initial(s, gap0) : gap0 + 0.5 * s.mu * s.R2;
  const rate = o.rate ? o.rate(s) : 1 - s.q;
  const guard = o.floorGuard === false ? { noise: 0, floor: 0, allowance: () => 0 } : gapGuard(s.noise, s.L, initial);
  return {
    hypotheses: [atLeast('μ > 0', s.mu, Number.MIN_VALUE, 'F_{μ,L}, strongly convex case')],
    derived: { L: s.L, mu: s.mu, kappa: s.kappa, stepSize: 1 / s.L, momentum: s.beta, noise: s.noise, floor: guard.floor, dim: s.problem.dim, shift: p.shift },
    bounds: [guardedBound('gap', (t) => initial * Math.pow(rate, t), guard, o.cite)],
    run: (observe, maxIterations) => runNesterov(s.problem, s.x0, { stepSize: 1 / s.L, momentum: s.beta }, observe, maxIterations),
  };
}

const BOUND_CITE = 'f(x_n) − f* ≤ (1 − √(μ/L))^n (f(x₀) − f* + (μ/2)‖x₀ − x*‖²), d’Aspremont–Scieur–Taylor 2021 Cor. 4.15';

const boundExamples: NesterovParams[] = [
  muMode(100), // ratio (1 + k/10)²(0.9)^k/2, peak ≈ 0.699 at k ≈ 10
  muMode(1e4, { R: 3 }), // peak ≈ 0.732
  muMode(10, { d: 4 }),
  muMode(100, { shift: 1e3, d: 3 }), // x* far from the origin: the floor guard stops the comparison
  { ...muMode(1000), kind: 'quadratic', d: 8, basis: 'haar', shift: 1e4, seed: 5 },
];

/** Instances of the bound claim and its variants: budget long enough for bounds far below eps. */
const BOUND_BUDGET = 3000;

export const nesterovBound = defineClaim<NesterovParams>({
  id: 'classical-nesterov.strongly-convex-bound',
  statement: 'Nesterov’s method with step 1/L and β = (√L − √μ)/(√L + √μ), x_{−1} = x₀, on F_{μ,L}: f(x_n) − f* ≤ (1 − √(μ/L))^n (f(x₀) − f* + (μ/2)‖x₀ − x*‖²) for all n (compared above the roundoff floor)',
  source: source('Corollary 4.15', 'V', `${PEPIT}; not tight (PEPit: 0.3476 vs 0.4675 at κ = 10, n = 2); dossier classical-calibration.md §B`),
  kind: 'bound-for-all-t',
  expected: 'holds',
  params: nesterovParams(),
  examples: boundExamples,
  maxIterations: BOUND_BUDGET,
  instantiate: (p, options) => nesterovBoundTrial(p, options, { cite: BOUND_CITE }),
});

export const nesterovDropDistance = defineClaim<NesterovParams>({
  id: 'classical-nesterov.strongly-convex-bound-drop-distance-term',
  statement: 'FALSE variant: f(x_n) − f* ≤ (1 − √(μ/L))^n (f(x₀) − f*) (the (μ/2)‖x₀ − x*‖² term dropped)',
  source: source('Corollary 4.15', 'D', 'dossier §E, B false variant 1'),
  kind: 'bound-for-all-t',
  expected: 'refuted',
  variantOf: 'classical-nesterov.strongly-convex-bound',
  falseBecause: 'on the μ-mode f(x₀) − f* = (μ/2)e₀², so the ratio doubles to (1 + k/√κ)²(1 − 1/√κ)^k: about 1.40 at κ = 100',
  params: nesterovParams(),
  maxIterations: BOUND_BUDGET,
  instantiate: (p, options) => nesterovBoundTrial(p, options, { initial: (_s, gap0) => gap0, cite: 'claimed: (1 − √(μ/L))^n (f(x₀) − f*)' }),
});

export const nesterovRateSquared = defineClaim<NesterovParams>({
  id: 'classical-nesterov.strongly-convex-bound-rate-squared',
  statement: 'FALSE variant: f(x_n) − f* ≤ (1 − √(μ/L))^{2n} (f(x₀) − f* + (μ/2)‖x₀ − x*‖²)',
  source: source('Corollary 4.15', 'D', 'dossier §E, B false variant 2'),
  kind: 'bound-for-all-t',
  expected: 'refuted',
  variantOf: 'classical-nesterov.strongly-convex-bound',
  falseBecause: 'on the μ-mode the ratio is (1 + k/√κ)²/2 > 1 for k > (√2 − 1)√κ',
  params: nesterovParams(),
  maxIterations: BOUND_BUDGET,
  instantiate: (p, options) => nesterovBoundTrial(p, options, { rate: (s) => (1 - s.q) ** 2, cite: 'claimed: (1 − √(μ/L))^{2n}(…)' }),
});

// ---------------------------------------------------------------------------------------------
// μ-mode: e_k = (1 + k/√κ)(1 − 1/√κ)^k e₀ exactly

const MODE_RTOL = 1e-9;

function muModeTrial(p: NesterovParams, _options: TrialOptions, o: { formula: (s: Setup, k: number) => number; relations: ('le' | 'ge')[]; cite: string }): Trial {
  const s = nesterovSetup(p);
  const e0 = s.x0[0] - s.problem.xStar[0];
  const guard = coordinateGuard(s.noise, e0);
  return {
    hypotheses: [atLeast('μ > 0', s.mu, Number.MIN_VALUE), atLeast('x₀ − x* on the μ eigenvector (e₀ > 0)', e0, Number.MIN_VALUE)],
    derived: { L: s.L, mu: s.mu, kappa: s.kappa, momentum: s.beta, e0, noise: s.noise, floor: guard.floor },
    bounds: o.relations.map((relation) => guardedBound('error0', (k) => e0 * o.formula(s, k), guard, o.cite, { relation, rtol: MODE_RTOL })),
    run: (observe, maxIterations) => runNesterov(s.problem, s.x0, { stepSize: 1 / s.L, momentum: s.beta }, observe, maxIterations),
  };
}

const muModeParams = (kappaMax = 1e4) =>
  fc.record({
    kappa: logUniform(1, kappaMax, 64),
    d: fc.integer({ min: 2, max: 4 }),
    R: logUniform(0.1, 10, 16),
    shift: fc.oneof(fc.constant(0), logUniform(0.01, 1e3, 16)),
    seed: seedArb(),
  }).map(({ kappa, d, R, shift, seed }) => muMode(kappa, { d, R, shift, seed }));

const MODE_FORMULA = (s: Setup, k: number) => (1 + k * s.q) * Math.pow(1 - s.q, k);

export const nesterovMuMode = defineClaim<NesterovParams>({
  id: 'classical-nesterov.mu-mode-exact',
  statement: 'On the μ-mode of a quadratic (x₀ − x* an eigenvector of μ), Nesterov’s error is exactly e_k = (1 + k/√κ)(1 − 1/√κ)^k e₀ (relative 1e-9)',
  source: source('Corollary 4.15 (companion on quadratics)', 'D', 'characteristic polynomial (z − (1 − 1/√κ))² at λ = μ; dossier §B, [N] matched to 1e-9'),
  kind: 'exact-identity',
  expected: 'holds',
  params: muModeParams(),
  examples: [muMode(100), muMode(1e4), muMode(2, { d: 3, shift: 10 })],
  maxIterations: 2000,
  instantiate: (p, options) => muModeTrial(p, options, { formula: MODE_FORMULA, relations: ['le', 'ge'], cite: 'e_k = (1 + k/√κ)(1 − 1/√κ)^k e₀ [D]' }),
});

export const nesterovMuModeRadius = defineClaim<NesterovParams>({
  id: 'classical-nesterov.mu-mode-contracts-by-radius',
  statement: 'FALSE variant: on the μ-mode the error contracts by the spectral radius every step, e_k ≤ (1 − 1/√κ)^k e₀',
  source: source('Corollary 4.15 (companion on quadratics)', 'D', 'the double root adds the polynomial factor 1 + k/√κ'),
  kind: 'bound-for-all-t',
  expected: 'refuted',
  variantOf: 'classical-nesterov.mu-mode-exact',
  falseBecause: 'e₁ = (1 − 1/κ)e₀ = (1 + 1/√κ)(1 − 1/√κ)e₀ > (1 − 1/√κ)e₀ for every κ > 1',
  params: muModeParams(),
  maxIterations: 2000,
  instantiate: (p, options) => muModeTrial(p, options, { formula: (s, k) => Math.pow(1 - s.q, k), relations: ['le'], cite: 'claimed: e_k ≤ (1 − 1/√κ)^k e₀' }),
});

export const nesterovMuModeGdSpeed = defineClaim<NesterovParams>({
  id: 'classical-nesterov.mu-mode-no-faster-than-gd',
  statement: 'FALSE variant: on the μ-mode Nesterov’s method is no faster than GD with step 1/L, e_k ≥ (1 − 1/κ)^k e₀',
  source: source('Corollary 4.15 (companion on quadratics)', 'D', 'acceleration on the μ-mode'),
  kind: 'lower-bound',
  expected: 'refuted',
  variantOf: 'classical-nesterov.mu-mode-exact',
  falseBecause: '(1 + k/√κ)(1 − 1/√κ)^k < (1 − 1/κ)^k for large k: the accelerated mode decays like (1 − 1/√κ)^k',
  params: muModeParams(1e3),
  maxIterations: 2000,
  instantiate: (p, options) => muModeTrial(p, options, { formula: (s, k) => Math.pow(1 - 1 / s.kappa, k), relations: ['ge'], cite: 'claimed: e_k ≥ (1 − 1/κ)^k e₀' }),
});

// ---------------------------------------------------------------------------------------------
// Spectral radius over the spectrum: exactly 1 − 1/√κ

/**
 * Spectral radius of Nesterov's iteration on the eigenvalue λ: the roots of
 * z² − (1 + β)(1 − λ/L) z + β(1 − λ/L). Complex roots have modulus √(β(1 − λ/L)).
 */
export function nesterovModeRadius(lambda: number, L: number, beta: number): number {
  const c = 1 - lambda / L;
  const a = (1 + beta) * c, b = beta * c;
  const disc = a * a - 4 * b;
  if (disc < 0) return Math.sqrt(b);
  return (Math.abs(a) + Math.sqrt(disc)) / 2;
}

/**
 * Relative accuracy of the computed radius: at λ = μ the root is double, and a rounding of order eps in
 * the coefficients moves a double root by about √eps ≈ 1.5e-8 (errors up to 6.5e-8 were seen); 1e-6
 * leaves a margin and is still far below the gaps the false variants open (≥ 1/√κ ≥ 1e-3).
 */
const RADIUS_RTOL = 1e-6;

interface RadiusParams {
  d: number;
  kappa: number;
  seed: number;
}

const radiusParams: fc.Arbitrary<RadiusParams> = fc.record({ d: fc.integer({ min: 2, max: 50 }), kappa: logUniform(1.01, 1e6, 64), seed: seedArb() });

function radiusTrial(p: RadiusParams, o: { value: (kappa: number, q: number) => number; relations: ('le' | 'ge')[]; cite: string }): Trial {
  const L = 1, mu = 1 / p.kappa;
  const spectrum = prescribedSpectrum(p.d, mu, L, p.seed);
  const beta = nesterovMomentum(mu, L);
  const q = Math.sqrt(mu / L);
  let radius = 0;
  for (const lambda of spectrum) radius = Math.max(radius, nesterovModeRadius(lambda, L, beta));
  const target = o.value(p.kappa, q);
  return {
    hypotheses: [atLeast('spectrum ⊂ [μ, L] contains μ', spectrum[0] === mu ? 1 : 0, 1)],
    derived: { kappa: p.kappa, momentum: beta, radius, target },
    bounds: o.relations.map((relation) => ({ metric: 'spectralRadius', relation, value: () => target, floor: 0, rtol: RADIUS_RTOL, cite: o.cite })),
    run: (observe) => {
      observe(0, { spectralRadius: radius });
    },
  };
}

export const nesterovRadius = defineClaim<RadiusParams>({
  id: 'classical-nesterov.quadratic-spectral-radius',
  statement: 'On quadratics with spectrum in [μ, L] containing μ, the spectral radius of Nesterov’s iteration (step 1/L, β = (√κ − 1)/(√κ + 1)) is exactly 1 − 1/√κ',
  source: source('Corollary 4.15 (companion on quadratics)', 'D', 'dossier §B: double root at λ = μ, complex roots of modulus √(β(1 − λ/L)) < 1 − 1/√κ for λ ∈ (μ, L]; [N] 0.9 at κ = 100'),
  kind: 'exact-identity',
  expected: 'holds',
  params: radiusParams,
  examples: [{ d: 2, kappa: 100, seed: 1 }],
  maxIterations: 1,
  instantiate: (p) => radiusTrial(p, { value: (_k, q) => 1 - q, relations: ['le', 'ge'], cite: 'max_{λ∈[μ,L]} ρ(λ) = 1 − 1/√κ [D] (relative 1e-6: a double root is ill-conditioned)' }),
});

export const nesterovRadiusHeavyBall = defineClaim<RadiusParams>({
  id: 'classical-nesterov.quadratic-spectral-radius-heavy-ball',
  statement: 'FALSE variant: Nesterov’s spectral radius on quadratics is at most heavy ball’s (√κ − 1)/(√κ + 1)',
  source: source('Corollary 4.15 (companion on quadratics)', 'D', 'dossier §E, B false variant 3'),
  kind: 'exact-identity',
  expected: 'refuted',
  variantOf: 'classical-nesterov.quadratic-spectral-radius',
  falseBecause: '1 − 1/√κ exceeds (√κ − 1)/(√κ + 1) by the factor 1 + 1/√κ',
  params: radiusParams,
  maxIterations: 1,
  instantiate: (p) => radiusTrial(p, { value: (kappa) => (Math.sqrt(kappa) - 1) / (Math.sqrt(kappa) + 1), relations: ['le'], cite: 'claimed: ≤ (√κ − 1)/(√κ + 1)' }),
});

export const nesterovRadiusGd = defineClaim<RadiusParams>({
  id: 'classical-nesterov.quadratic-spectral-radius-gd',
  statement: 'FALSE variant: Nesterov’s spectral radius on quadratics is at least GD’s 1 − 1/κ (no asymptotic acceleration)',
  source: source('Corollary 4.15 (companion on quadratics)', 'D', 'acceleration: 1 − 1/√κ < 1 − 1/κ'),
  kind: 'exact-identity',
  expected: 'refuted',
  variantOf: 'classical-nesterov.quadratic-spectral-radius',
  falseBecause: '1 − 1/√κ = (1 − 1/κ)/(1 + 1/√κ) < 1 − 1/κ for κ > 1',
  params: radiusParams,
  maxIterations: 1,
  instantiate: (p) => radiusTrial(p, { value: (kappa) => 1 - 1 / kappa, relations: ['ge'], cite: 'claimed: ≥ 1 − 1/κ' }),
});

export const claims: Claim<any>[] = [
  nesterovBound,
  nesterovDropDistance,
  nesterovRateSquared,
  nesterovMuMode,
  nesterovMuModeRadius,
  nesterovMuModeGdSpeed,
  nesterovRadius,
  nesterovRadiusHeavyBall,
  nesterovRadiusGd,
];

export default claims;
