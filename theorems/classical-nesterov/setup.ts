/**
 * Nesterov's accelerated method on F_{μ,L}, strongly convex case: the shared set-up (source, instance
 * parameters, the μ-mode instance, the method's constants on an instance).
 *
 * Method (the method of d'Aspremont, Scieur, Taylor 2021, Corollary 4.15; PEPit `accelerated_gradient_strongly_convex.py`):
 *
 *     y_t = x_t + β(x_t − x_{t−1}),  x_{t+1} = y_t − (1/L)∇f(y_t),  β = (√L − √μ)/(√L + √μ),  x_{−1} = x₀.
 *
 * Roundoff. Every geometric bound is compared only above the floor of the API's guards. The momentum
 * iteration amplifies the rounding of each step by at most Σ_k (k + 1)(1 − q)^k = 1/q² = κ (q = √(μ/L),
 * the double root of the μ-mode). [N] Without this guard, instances whose bound fell below ~1e-20 of its
 * start showed apparent violations up to 1e64 (properties/classical-calibration.property.test.ts).
 */
import { fc, iterateNoise, logUniform, nesterovMomentum, normSq, seedArb, smoothInstance } from 'ratecheck';
import type { SmoothInstanceParams, Source } from 'ratecheck';

const DST = 'd’Aspremont, Scieur, Taylor. Acceleration Methods. Foundations and Trends in Optimization 5 (2021)';
const DST_URL = 'https://arxiv.org/abs/2101.09545';
export const PEPIT = 'PEPit accelerated_gradient_strongly_convex.py';

/** d'Aspremont–Scieur–Taylor 2021. */
export function source(theorem: string, confidence: Source['confidence'], note: string): Source {
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

/** μ-mode instances: κ log-uniform in [1, kappaMax], d ∈ [2, 4], x* possibly far from the origin. */
export const muModeParams = (kappaMax = 1e4) =>
  fc.record({
    kappa: logUniform(1, kappaMax, 64),
    d: fc.integer({ min: 2, max: 4 }),
    R: logUniform(0.1, 10, 16),
    shift: fc.oneof(fc.constant(0), logUniform(0.01, 1e3, 16)),
    seed: seedArb(),
  }).map(({ kappa, d, R, shift, seed }) => muMode(kappa, { d, R, shift, seed }));

/** The instance and the method's constants: κ, q = √(μ/L), β, R² = ‖x₀ − x*‖², the rounding level δ. */
export function nesterovSetup(p: NesterovParams) {
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

export type Setup = ReturnType<typeof nesterovSetup>;
