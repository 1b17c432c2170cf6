/**
 * Gradient descent on F_{μ,L}: the shared set-up of the paper's claims (sources, instance parameters,
 * tight examples, trial builders).
 *
 * Method: x_{t+1} = x_t − γ∇f(x_t), γ = h/L (PEPit `gradient_descent.py`; Drori, Teboulle 2014).
 * Instances (smoothInstance of the public API): quadratics with a prescribed spectrum containing μ and L
 * (`quadratic`), the same started on one eigenvector (`quadratic-mode`), softplus ridge sums
 * (μ/2)‖x‖² + Σ cᵢ softplus(aᵢᵀx), Huber sums, and the 1-D Huber function of Drori–Teboulle's worst case
 * (`huber-tight`, τ = R/(2Nh + 1)). Every bound is compared above the roundoff floor of the API's
 * `gapGuard`/`distSqGuard`: a ρ-contraction amplifies the rounding of each step by at most 1/(1 − ρ).
 */
import { atLeast, atMost, distSqGuard, fc, gapGuard, gdRate, guardedBound, iterateNoise, logUniform, normSq, runGradientDescent, seedArb, smoothInstance } from 'ratecheck';
import type { Claim, Hypothesis, SmoothInstanceParams, SmoothKind, Source, Trial, TrialOptions } from 'ratecheck';

const PEPIT = 'https://github.com/PerformanceEstimation/PEPit/blob/master/PEPit/examples/unconstrained_convex_minimization/gradient_descent.py';
const DT = 'Drori, Teboulle. Performance of first-order methods for smooth convex minimization: a novel approach. Math. Program. 145 (2014)';
const DT_URL = 'https://arxiv.org/abs/1206.3209';
const THG = 'Taylor, Hendrickx, Glineur. Exact worst-case convergence rates of the proximal gradient method for composite convex minimization. JOTA 178 (2018)';
const THG_URL = 'https://arxiv.org/abs/1705.04398';

/** Drori–Teboulle 2014, Theorem 3.1, with the PEPit example that reproduces it. */
export function dtSource(note: string, confidence: Source['confidence'] = 'V'): Source {
  return { paper: DT, theorem: 'Theorem 3.1', url: DT_URL, confidence, note: `${note}; PEPit ${PEPIT}` };
}

/** Taylor–Hendrickx–Glineur 2018. */
export function thgSource(theorem: string, confidence: Source['confidence'], note: string): Source {
  return { paper: THG, theorem, url: THG_URL, confidence, note };
}

export type GdParams = SmoothInstanceParams;

/** Parameters extended by the δ of a tightened-constant variant (the base claim's instance ignores it). */
export type DeltaParams = GdParams & { delta: number };

/** The base claim over parameters that also carry δ: its instance and trial are unchanged. */
export function overDelta(base: Claim<GdParams>): Claim<DeltaParams> {
  return base as unknown as Claim<DeltaParams>;
}

// ---------------------------------------------------------------------------------------------
// Instance parameters

/** Drori–Teboulle's worst case: the 1-D Huber function, τ = R/(2Nh + 1), at three (L, R, N, h). */
export const huberTightExamples: GdParams[] = [
  { kind: 'huber-tight', d: 1, n: 1, mu: 0, L: 1, R: 1, shift: 0, basis: 'diagonal', mode: 'L', horizon: 10, h: 1, seed: 1 },
  { kind: 'huber-tight', d: 1, n: 1, mu: 0, L: 3.7, R: 0.2, shift: 0, basis: 'diagonal', mode: 'L', horizon: 57, h: 0.5, seed: 2 },
  { kind: 'huber-tight', d: 1, n: 1, mu: 0, L: 0.25, R: 8, shift: 0, basis: 'diagonal', mode: 'L', horizon: 200, h: 0.125, seed: 3 },
];

/** Step factor h = k/32 (γ = h/L) for k in [kMin, kMax]. */
const stepGrid = (kMin: number, kMax: number) => fc.integer({ min: kMin, max: kMax }).map((k) => k / 32);

const shiftArb = (max: number) => fc.oneof(fc.constant(0), logUniform(0.01, max, 16));

/** Merely convex instances (μ = 0) with step factors h = k/32, k in [kMin, kMax]. */
export function convexParams(kinds: readonly SmoothKind[], kMin = 1, kMax = 32): fc.Arbitrary<GdParams> {
  return fc.record({
    kind: fc.constantFrom(...kinds),
    d: fc.integer({ min: 1, max: 12 }),
    n: fc.integer({ min: 1, max: 20 }),
    mu: fc.constant(0),
    L: logUniform(0.1, 10, 16),
    R: logUniform(0.1, 10, 16),
    shift: shiftArb(1),
    basis: fc.constantFrom('diagonal' as const, 'haar' as const),
    mode: fc.constant('L' as const),
    horizon: fc.integer({ min: 1, max: 200 }),
    h: stepGrid(kMin, kMax),
    seed: seedArb(),
  });
}

/**
 * Strongly convex instances: κ = L/μ log-uniform in [1, 1000], h = k/32. `quadratic-mode` instances
 * start on the eigenvector attaining ρ (μ's when |1 − γμ| ≥ |1 − γL|, else L's).
 */
export function stronglyConvexParams(o: { hRange?: (kappa: number) => [number, number] } = {}): fc.Arbitrary<GdParams> {
  return logUniform(1, 1000, 60).chain((kappa) => {
    const [kMin, kMax] = o.hRange ? o.hRange(kappa) : [1, 63];
    return fc.record({
      kind: fc.constantFrom('quadratic' as const, 'quadratic-mode' as const, 'softplus' as const),
      d: fc.integer({ min: 1, max: 12 }),
      n: fc.integer({ min: 1, max: 20 }),
      mu: fc.constant(1 / kappa), // L = 1 scale below, so κ = L/μ
      L: fc.constant(1),
      R: logUniform(0.1, 10, 16),
      shift: shiftArb(100),
      basis: fc.constantFrom('diagonal' as const, 'haar' as const),
      mode: fc.constant('mu' as const),
      horizon: fc.constant(0),
      h: stepGrid(kMin, kMax),
      seed: seedArb(),
    });
  }).map((p) => (p.kind === 'quadratic-mode' ? { ...p, mode: worstMode(p) } : p));
}

/** Strongly convex instances with a δ log-uniform in [1e-6, 1e-2] (the tightened per-step factors). */
export function tightenedParams(): fc.Arbitrary<DeltaParams> {
  return fc.tuple(stronglyConvexParams(), logUniform(1e-6, 1e-2, 16)).map(([p, delta]) => ({ ...p, delta }));
}

/** Upper range of h where |1 − γL| > 1 − γμ, i.e. γ > 2/(L + μ): k/32 with k from ⌈64κ/(κ+1)⌉ (+1 when exact) to 63. */
export function longStepRange(kappa: number): [number, number] {
  const kMin = Math.min(63, Math.floor((64 * kappa) / (kappa + 1)) + 1);
  return [kMin, 63];
}

/** The eigen-direction attaining ρ = max(|1 − γμ|, |1 − γL|). */
function worstMode(p: GdParams): 'mu' | 'L' {
  const gamma = p.h / p.L;
  return Math.abs(1 - gamma * p.mu) >= Math.abs(1 - gamma * p.L) ? 'mu' : 'L';
}

/**
 * Structure for the targeted search of the strongly convex claims: GD is linear on a quadratic,
 * x_N − x* = (I − γH)^N(x₀ − x*), and ‖I − γH‖₂ = ρ is attained on the eigenvector of the λ ∈ {μ, L}
 * attaining ρ (this folder's strongly-convex-distance.ts header), so the worst case of a given (κ, h) is
 * that mode's quadratic.
 */
export const modeStructure = {
  structured: <Q extends GdParams>(p: Q): Q[] => (p.kind === 'quadratic-mode' ? [] : [{ ...p, kind: 'quadratic-mode', mode: worstMode(p) }]),
};

/**
 * Structure for the convex claims: Drori–Teboulle's Theorem 3.1 is attained at N by the 1-D Huber function
 * with τ = R/(2Nh + 1) (drori-teboulle.ts header), so the worst case of a given (L, R, h, N) is that instance.
 */
export const huberStructure = {
  structured: <Q extends GdParams>(p: Q): Q[] => (p.kind === 'huber-tight' ? [] : [{ ...p, kind: 'huber-tight', d: 1, n: 1, shift: 0, horizon: Math.max(1, p.horizon) }]),
};

function modeExample(kappa: number, h: number, seed: number, shift = 0): GdParams {
  const p: GdParams = { kind: 'quadratic-mode', d: 1, n: 1, mu: 1 / kappa, L: 1, R: 1, shift, basis: 'diagonal', mode: 'mu', horizon: 0, h, seed };
  return { ...p, d: 3, mode: worstMode(p) };
}

/** Quadratics started on the mode attaining ρ: equality at every N. */
export const stronglyConvexExamples: GdParams[] = [
  modeExample(100, 1, 1), // γ = 1/L: ρ = 1 − 1/κ from the μ-mode
  modeExample(100, 1.9, 2), // long step: ρ = 0.9 from the L-mode
  modeExample(10, 2 / (1 + 1 / 10), 3), // γ = 2/(L + μ): both modes attain ρ = (κ − 1)/(κ + 1)
  modeExample(1000, 0.5, 4, 0.5),
];

function diff(a: Float64Array, b: Float64Array): Float64Array {
  const out = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i] - b[i];
  return out;
}

// ---------------------------------------------------------------------------------------------
// Trials

/** A bound on f(x_N) − f* in the convex case, as a function of (L, R² = ‖x₀ − x*‖², N, h). */
export interface ConvexBound {
  value: (L: number, R2: number, t: number, h: number) => number;
  cite: string;
}

/** GD with γ = h/L on a merely convex instance, `bound` compared with f(x_t) − f* above the roundoff floor. */
export function convexTrial(p: GdParams, options: TrialOptions, bound: ConvexBound): Trial {
  const { problem, x0 } = smoothInstance(p);
  const L = problem.smoothness;
  const gamma = p.h / L;
  const R2 = normSq(diff(x0, problem.xStar));
  const noise = iterateNoise(Math.sqrt(normSq(problem.xStar)), options.maxIterations + 1);
  const guard = gapGuard(noise, L, problem.gap(x0));
  const hypotheses: Hypothesis[] = [
    atMost('μ = 0 (merely convex class F_{0,L})', problem.strongConvexity, 0, 'Theorem 3.1 is the convex case; L-smooth by construction'),
    atMost('h = γL ≤ 1', p.h, 1, 'Theorem 3.1 needs h ∈ (0, 1]'),
    atLeast('h > 0', p.h, Number.MIN_VALUE),
  ];
  return {
    hypotheses,
    derived: { L, stepSize: gamma, h: p.h, R: Math.sqrt(R2), tau: p.kind === 'huber-tight' ? p.R / (2 * p.horizon * p.h + 1) : 0, noise, floor: guard.floor, dim: problem.dim },
    bounds: [guardedBound('gap', (t) => bound.value(L, R2, t, p.h), guard, bound.cite)],
    run: (observe, maxIterations) => runGradientDescent(problem, x0, { stepSize: gamma }, observe, maxIterations),
  };
}

/** A geometric bound in the strongly convex case: `metric` ≤ initial · factor^N. */
export interface GeometricBound {
  metric: 'distSq' | 'gap';
  /** per-step factor of the metric (ρ² for the paper's claims) */
  factor: (gamma: number, mu: number, L: number) => number;
  cite: string;
}

/** ρ² = max(|1 − γμ|, |1 − γL|)², the per-step factor of both metrics. */
export const RHO2 = (gamma: number, mu: number, L: number) => gdRate(gamma, mu, L) ** 2;

/** GD with γ = h/L on F_{μ,L}, μ > 0: `bound` compared above the roundoff floor (amplification 1/(1 − ρ)). */
export function stronglyConvexTrial(p: GdParams, options: TrialOptions, bound: GeometricBound): Trial {
  const { problem, x0 } = smoothInstance(p);
  const L = problem.smoothness, mu = problem.strongConvexity;
  const gamma = p.h / L;
  const rho = gdRate(gamma, mu, L);
  const factor = bound.factor(gamma, mu, L);
  const initial = bound.metric === 'distSq' ? normSq(diff(x0, problem.xStar)) : problem.gap(x0);
  const noise = iterateNoise(Math.sqrt(normSq(problem.xStar)), rho < 1 ? 1 / (1 - rho) : options.maxIterations + 1);
  const guard = bound.metric === 'distSq' ? distSqGuard(noise, initial) : gapGuard(noise, L, initial);
  return {
    hypotheses: [
      atLeast('μ > 0', mu, Number.MIN_VALUE, 'strongly convex class F_{μ,L}'),
      atMost('γ < 2/L', gamma * L, 2 * (1 - Number.EPSILON), 'step range γ ∈ (0, 2/L)'),
    ],
    derived: { L, mu, kappa: L / mu, stepSize: gamma, h: p.h, rho, factor, noise, floor: guard.floor, dim: problem.dim },
    bounds: [{ ...guardedBound(bound.metric, (t) => initial * Math.pow(factor, t), guard, bound.cite), ...(factor > 0 && factor < 1 ? { rate: factor } : {}) }], // κ = 1, γ = 1/L: no contraction to declare (ρ = 0)
    run: (observe, maxIterations) => runGradientDescent(problem, x0, { stepSize: gamma }, observe, maxIterations),
  };
}
