/**
 * Gradient descent on F_{μ,L}: the classical tight results (dossier classical-calibration.md §A).
 *
 *   A1 (μ = 0, γ = h/L, h ∈ (0, 1]):  f(x_N) − f* ≤ L‖x₀ − x*‖²/(4Nh + 2)   (Drori–Teboulle 2014, Thm 3.1)
 *      attained exactly by the 1-D Huber function with τ = R/(2Nh + 1).
 *   A2 (μ > 0, γ ∈ (0, 2/L)):  ‖x_N − x*‖² ≤ ρ^{2N}‖x₀ − x*‖², ρ = max(|1 − γμ|, |1 − γL|)
 *      and f(x_N) − f* ≤ ρ^{2N}(f(x₀) − f*) [U], attained by the 1-D quadratics μx²/2 and Lx²/2.
 *
 * The tight instances are the claims' `examples`, so the reported maximal ratio shows the tightness
 * (1 up to rounding). Every bound is compared only above the roundoff floor of src/methods/first-order.ts.
 */
import fc from 'fast-check';
import { atLeast, atMost, defineClaim, type Claim, type Hypothesis, type Source, type Trial, type TrialOptions } from '../src/claims/types.ts';
import { logUniform, seedArb } from '../src/claims/arbitraries.ts';
import { smoothInstance, normSq, type SmoothInstanceParams, type SmoothKind } from '../src/problems/smooth-convex.ts';
import { distSqGuard, gapGuard, gdRate, guardedBound, iterateNoise, runGradientDescent } from '../src/methods/first-order.ts';

const PEPIT = 'https://github.com/PerformanceEstimation/PEPit/blob/master/PEPit/examples/unconstrained_convex_minimization/gradient_descent.py';
const DT = 'Drori, Teboulle. Performance of first-order methods for smooth convex minimization: a novel approach. Math. Program. 145 (2014)';
const DT_URL = 'https://arxiv.org/abs/1206.3209';
const THG = 'Taylor, Hendrickx, Glineur. Exact worst-case convergence rates of the proximal gradient method for composite convex minimization. JOTA 178 (2018)';
const THG_URL = 'https://arxiv.org/abs/1705.04398';

function dtSource(note: string, confidence: Source['confidence'] = 'V'): Source {
  return { paper: DT, theorem: 'Theorem 3.1', url: DT_URL, confidence, note: `${note}; PEPit ${PEPIT}` };
}

function thgSource(theorem: string, confidence: Source['confidence'], note: string): Source {
  return { paper: THG, theorem, url: THG_URL, confidence, note };
}

export type GdParams = SmoothInstanceParams;

// ---------------------------------------------------------------------------------------------
// Instance parameters

const huberTightExamples: GdParams[] = [
  { kind: 'huber-tight', d: 1, n: 1, mu: 0, L: 1, R: 1, shift: 0, basis: 'diagonal', mode: 'L', horizon: 10, h: 1, seed: 1 },
  { kind: 'huber-tight', d: 1, n: 1, mu: 0, L: 3.7, R: 0.2, shift: 0, basis: 'diagonal', mode: 'L', horizon: 57, h: 0.5, seed: 2 },
  { kind: 'huber-tight', d: 1, n: 1, mu: 0, L: 0.25, R: 8, shift: 0, basis: 'diagonal', mode: 'L', horizon: 200, h: 0.125, seed: 3 },
];

/** Step factor h = k/32 (γ = h/L) for k in [kMin, kMax]. */
const stepGrid = (kMin: number, kMax: number) => fc.integer({ min: kMin, max: kMax }).map((k) => k / 32);

const shiftArb = (max: number) => fc.oneof(fc.constant(0), logUniform(0.01, max, 16));

/** Merely convex instances (μ = 0) for A1, with step factors h = k/32, k in [kMin, kMax]. */
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
 * Strongly convex instances for A2: κ = L/μ log-uniform in [1, 1000], h = k/32. `quadratic-mode`
 * instances start on the eigenvector attaining ρ (μ's when |1 − γμ| ≥ |1 − γL|, else L's).
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

/** The eigen-direction attaining ρ = max(|1 − γμ|, |1 − γL|). */
function worstMode(p: GdParams): 'mu' | 'L' {
  const gamma = p.h / p.L;
  return Math.abs(1 - gamma * p.mu) >= Math.abs(1 - gamma * p.L) ? 'mu' : 'L';
}

function modeExample(kappa: number, h: number, seed: number, shift = 0): GdParams {
  const p: GdParams = { kind: 'quadratic-mode', d: 1, n: 1, mu: 1 / kappa, L: 1, R: 1, shift, basis: 'diagonal', mode: 'mu', horizon: 0, h, seed };
  return { ...p, d: 3, mode: worstMode(p) };
}

const stronglyConvexExamples: GdParams[] = [
  modeExample(100, 1, 1), // γ = 1/L: ρ = 1 − 1/κ from the μ-mode
  modeExample(100, 1.9, 2), // long step: ρ = 0.9 from the L-mode
  modeExample(10, 2 / (1 + 1 / 10), 3), // γ = 2/(L + μ): both modes attain ρ = (κ − 1)/(κ + 1)
  modeExample(1000, 0.5, 4, 0.5),
];

// ---------------------------------------------------------------------------------------------
// A1: Drori–Teboulle, μ = 0

interface DtOptions {
  /** the bound as a function of (L, R², t, h) */
  bound: (L: number, R2: number, t: number, h: number) => number;
  cite: string;
  /** keep the hypothesis h ∈ (0, 1] (dropped by the long-step variant) */
  checkStep?: boolean;
}

function dtTrial(p: GdParams, options: TrialOptions, o: DtOptions): Trial {
  const { problem, x0 } = smoothInstance(p);
  const L = problem.smoothness;
  const gamma = p.h / L;
  const R2 = normSq(diff(x0, problem.xStar));
  const noise = iterateNoise(Math.sqrt(normSq(problem.xStar)), options.maxIterations + 1);
  const guard = gapGuard(noise, L, problem.gap(x0));
  const hypotheses: Hypothesis[] = [
    atMost('μ = 0 (merely convex class F_{0,L})', problem.strongConvexity, 0, 'A1 is the convex case; L-smooth by construction'),
  ];
  if (o.checkStep !== false) hypotheses.push(atMost('h = γL ≤ 1', p.h, 1, 'Theorem 3.1 needs h ∈ (0, 1]'), atLeast('h > 0', p.h, Number.MIN_VALUE));
  return {
    hypotheses,
    derived: { L, stepSize: gamma, h: p.h, R: Math.sqrt(R2), tau: p.kind === 'huber-tight' ? p.R / (2 * p.horizon * p.h + 1) : 0, noise, floor: guard.floor, dim: problem.dim },
    bounds: [guardedBound('gap', (t) => o.bound(L, R2, t, p.h), guard, o.cite)],
    run: (observe, maxIterations) => runGradientDescent(problem, x0, { stepSize: gamma }, observe, maxIterations),
  };
}

function diff(a: Float64Array, b: Float64Array): Float64Array {
  const out = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i] - b[i];
  return out;
}

const DT_BOUND = (L: number, R2: number, t: number, h: number) => (L * R2) / (4 * t * h + 2);
const DT_CITE = 'f(x_N) − f* ≤ L‖x₀ − x*‖²/(4Nh + 2), Drori–Teboulle 2014 Thm 3.1 (PEPit: L/(2(2NLγ + 1)))';
const CONVEX_KINDS: SmoothKind[] = ['huber-tight', 'huber', 'quadratic', 'softplus'];

export const droriTeboulleHuber = defineClaim<GdParams>({
  id: 'classical-gd.drori-teboulle-huber',
  statement: 'GD with γ = h/L, h ∈ (0, 1], on convex L-smooth f: f(x_N) − f* ≤ L‖x₀ − x*‖²/(4Nh + 2) for every N, with equality at N on the 1-D Huber function with τ = ‖x₀ − x*‖/(2Nh + 1)',
  source: dtSource('tight; the attaining Huber instance is [D] (dossier classical-calibration.md §A1)'),
  kind: 'bound-for-all-t',
  expected: 'holds',
  params: convexParams(CONVEX_KINDS),
  examples: huberTightExamples,
  maxIterations: 400,
  instantiate: (p, options) => dtTrial(p, options, { bound: DT_BOUND, cite: DT_CITE }),
});

export const droriTeboulleAccelerated = defineClaim<GdParams>({
  id: 'classical-gd.drori-teboulle-accelerated-rate',
  statement: 'FALSE variant: plain GD (h ∈ (0, 1]) attains the accelerated rate f(x_N) − f* ≤ 2L‖x₀ − x*‖²/(N + 1)²',
  source: dtSource('dossier §E, A1 false variant 1'),
  kind: 'bound-for-all-t',
  expected: 'refuted',
  variantOf: 'classical-gd.drori-teboulle-huber',
  falseBecause: 'the Huber instance gives exactly L R²/(4Nh + 2), above 2LR²/(N + 1)² once (N + 1)² > 2(4Nh + 2) (from N = 7 at h = 1)',
  params: convexParams(CONVEX_KINDS),
  maxIterations: 400,
  instantiate: (p, options) => dtTrial(p, options, { bound: (L, R2, t) => (2 * L * R2) / ((t + 1) * (t + 1)), cite: 'claimed: 2L‖x₀ − x*‖²/(N + 1)² (Nesterov’s rate, not GD’s)' }),
});

/** δ of the tightened-constant variant: log-uniform in [1e-6, 1]. */
const deltaArb = logUniform(1e-6, 1, 24);

export const droriTeboulleTightened = defineClaim<GdParams & { delta: number }>({
  id: 'classical-gd.drori-teboulle-tightened',
  statement: 'FALSE variant: f(x_N) − f* ≤ L‖x₀ − x*‖²/(4Nh + 2 + δ) for some δ > 0 (a better constant than Drori–Teboulle’s)',
  source: dtSource('dossier §E, A1 false variant 2'),
  kind: 'bound-for-all-t',
  expected: 'refuted',
  variantOf: 'classical-gd.drori-teboulle-huber',
  falseBecause: 'the Huber instance attains L R²/(4Nh + 2) exactly at N, so any smaller bound fails there',
  params: fc.tuple(convexParams(CONVEX_KINDS), deltaArb).map(([p, delta]) => ({ ...p, delta })),
  maxIterations: 400,
  instantiate: (p, options) => dtTrial(p, options, { bound: (L, R2, t, h) => (L * R2) / (4 * t * h + 2 + p.delta), cite: 'claimed: L‖x₀ − x*‖²/(4Nh + 2 + δ)' }),
});

export const droriTeboulleLongStep = defineClaim<GdParams>({
  id: 'classical-gd.drori-teboulle-long-step',
  statement: 'FALSE variant: the Drori–Teboulle bound L‖x₀ − x*‖²/(4Nh + 2) also holds for long steps h ∈ (1, 2)',
  source: dtSource('dossier §E, A1 false variant 3; the tight value for h ∈ (1, 2) is conjectured [U] (Taylor–Hendrickx–Glineur 2017)'),
  kind: 'bound-for-all-t',
  expected: 'refuted',
  variantOf: 'classical-gd.drori-teboulle-huber',
  falseBecause: 'on Lx²/2 from x₀ = R, f(x_N) = (LR²/2)(1 − h)^{2N}: 0.405LR² at h = 1.9, N = 1 against 0.104LR²',
  params: convexParams(['quadratic-mode', 'quadratic', 'huber'], 33, 63).map((p) => ({ ...p, mode: 'L' as const })),
  maxIterations: 400,
  instantiate: (p, options) => dtTrial(p, options, { bound: DT_BOUND, cite: `${DT_CITE}, applied outside h ≤ 1`, checkStep: false }),
});

// ---------------------------------------------------------------------------------------------
// A2: strongly convex, per-step factor ρ(γ)

type Metric = 'distSq' | 'gap';

interface ScOptions {
  metric: Metric;
  /** per-step factor of the metric (ρ² for the true claims) */
  factor: (gamma: number, mu: number, L: number) => number;
  cite: string;
}

function scTrial(p: GdParams, options: TrialOptions, o: ScOptions): Trial {
  const { problem, x0 } = smoothInstance(p);
  const L = problem.smoothness, mu = problem.strongConvexity;
  const gamma = p.h / L;
  const rho = gdRate(gamma, mu, L);
  const factor = o.factor(gamma, mu, L);
  const initial = o.metric === 'distSq' ? normSq(diff(x0, problem.xStar)) : problem.gap(x0);
  const noise = iterateNoise(Math.sqrt(normSq(problem.xStar)), rho < 1 ? 1 / (1 - rho) : options.maxIterations + 1);
  const guard = o.metric === 'distSq' ? distSqGuard(noise, initial) : gapGuard(noise, L, initial);
  return {
    hypotheses: [
      atLeast('μ > 0', mu, Number.MIN_VALUE, 'strongly convex class F_{μ,L}'),
      atMost('γ < 2/L', gamma * L, 2 * (1 - Number.EPSILON), 'step range of §A2'),
    ],
    derived: { L, mu, kappa: L / mu, stepSize: gamma, h: p.h, rho, factor, noise, floor: guard.floor, dim: problem.dim },
    bounds: [guardedBound(o.metric, (t) => initial * Math.pow(factor, t), guard, o.cite)],
    run: (observe, maxIterations) => runGradientDescent(problem, x0, { stepSize: gamma }, observe, maxIterations),
  };
}

const RHO2 = (gamma: number, mu: number, L: number) => gdRate(gamma, mu, L) ** 2;
const DROP_L = (gamma: number, mu: number) => (1 - gamma * mu) ** 2;
const DIST_CITE = '‖x_N − x*‖² ≤ ρ^{2N}‖x₀ − x*‖², ρ = max(|1 − γμ|, |1 − γL|) (PEPit.jl proximal-gradient example with zero second term; dossier §A2)';
const GAP_CITE = 'f(x_N) − f* ≤ ρ^{2N}(f(x₀) − f*) (Taylor–Hendrickx–Glineur 2018 [U]; dossier §A2)';

/** Upper range of h where |1 − γL| > 1 − γμ, i.e. γ > 2/(L + μ): k/32 with k from ⌈64κ/(κ+1)⌉ (+1 when exact) to 63. */
function longStepRange(kappa: number): [number, number] {
  const kMin = Math.min(63, Math.floor((64 * kappa) / (kappa + 1)) + 1);
  return [kMin, 63];
}

function tightenedParams() {
  return fc.tuple(stronglyConvexParams(), logUniform(1e-6, 1e-2, 16)).map(([p, delta]) => ({ ...p, delta }));
}

export const gdDistance = defineClaim<GdParams>({
  id: 'classical-gd.strongly-convex-distance',
  statement: 'GD with γ ∈ (0, 2/L) on F_{μ,L}: ‖x_N − x*‖² ≤ ρ^{2N}‖x₀ − x*‖², ρ = max(|1 − γμ|, |1 − γL|), with equality on the 1-D quadratics μx²/2, Lx²/2',
  source: { paper: 'PEPit.jl proximal-gradient example and test (theoretical value max((1 − μγ)², (1 − Lγ)²)^n)', theorem: 'GD on F_{μ,L}, distance to the solution', url: 'https://github.com/PerformanceEstimation/PEPit.jl', confidence: 'V', note: 'tight; dossier classical-calibration.md §A2' },
  kind: 'bound-for-all-t',
  expected: 'holds',
  params: stronglyConvexParams(),
  examples: stronglyConvexExamples,
  maxIterations: 2000,
  instantiate: (p, options) => scTrial(p, options, { metric: 'distSq', factor: RHO2, cite: DIST_CITE }),
});

export const gdDistanceDropL = defineClaim<GdParams>({
  id: 'classical-gd.strongly-convex-distance-drop-L-term',
  statement: 'FALSE variant: ‖x_N − x*‖² ≤ (1 − γμ)^{2N}‖x₀ − x*‖² for every γ ∈ (0, 2/L) (the |1 − γL| term dropped)',
  source: { ...gdDistance.source, note: 'dossier §E, A2 false variant 1' },
  kind: 'bound-for-all-t',
  expected: 'refuted',
  variantOf: 'classical-gd.strongly-convex-distance',
  falseBecause: 'for γ > 2/(L + μ) the L-mode contracts only by |1 − γL| > 1 − γμ (e.g. Lx²/2)',
  params: stronglyConvexParams({ hRange: longStepRange }),
  maxIterations: 2000,
  instantiate: (p, options) => scTrial(p, options, { metric: 'distSq', factor: DROP_L, cite: 'claimed: (1 − γμ)^{2N}‖x₀ − x*‖²' }),
});

export const gdDistanceTightened = defineClaim<GdParams & { delta: number }>({
  id: 'classical-gd.strongly-convex-distance-tightened',
  statement: 'FALSE variant: ‖x_N − x*‖² ≤ (ρ²(1 − δ))^N‖x₀ − x*‖² for some δ > 0 (a per-step factor below ρ²)',
  source: { ...gdDistance.source, note: 'dossier §E, A2 false variant 2' },
  kind: 'bound-for-all-t',
  expected: 'refuted',
  variantOf: 'classical-gd.strongly-convex-distance',
  falseBecause: 'the 1-D quadratic of the mode attaining ρ has ‖x_N − x*‖² = ρ^{2N}‖x₀ − x*‖² exactly',
  params: tightenedParams(),
  maxIterations: 2000,
  instantiate: (p, options) => scTrial(p, options, { metric: 'distSq', factor: (g, mu, L) => RHO2(g, mu, L) * (1 - p.delta), cite: 'claimed: (ρ²(1 − δ))^N‖x₀ − x*‖²' }),
});

export const gdFunctionValue = defineClaim<GdParams>({
  id: 'classical-gd.strongly-convex-function-value',
  statement: 'GD with γ ∈ (0, 2/L) on F_{μ,L}: f(x_N) − f* ≤ ρ^{2N}(f(x₀) − f*), ρ = max(|1 − γμ|, |1 − γL|), with equality on the 1-D quadratics',
  source: thgSource('function-value rate of gradient descent (theorem number to verify)', 'U', 'dossier §A2 flags this [U]; [N] 300 random softplus-ridge instances gave one-step ratios ≤ 0.999999'),
  kind: 'bound-for-all-t',
  expected: 'holds',
  params: stronglyConvexParams(),
  examples: stronglyConvexExamples,
  maxIterations: 2000,
  instantiate: (p, options) => scTrial(p, options, { metric: 'gap', factor: RHO2, cite: GAP_CITE }),
});

export const gdFunctionValueDropL = defineClaim<GdParams>({
  id: 'classical-gd.strongly-convex-function-value-drop-L-term',
  statement: 'FALSE variant: f(x_N) − f* ≤ (1 − γμ)^{2N}(f(x₀) − f*) for every γ ∈ (0, 2/L)',
  source: { ...gdFunctionValue.source, note: 'the function-value analogue of dossier §E, A2 false variant 1' },
  kind: 'bound-for-all-t',
  expected: 'refuted',
  variantOf: 'classical-gd.strongly-convex-function-value',
  falseBecause: 'for γ > 2/(L + μ) the L-mode’s gap shrinks only by (1 − γL)² > (1 − γμ)² per step',
  params: stronglyConvexParams({ hRange: longStepRange }),
  maxIterations: 2000,
  instantiate: (p, options) => scTrial(p, options, { metric: 'gap', factor: DROP_L, cite: 'claimed: (1 − γμ)^{2N}(f(x₀) − f*)' }),
});

export const gdFunctionValueTightened = defineClaim<GdParams & { delta: number }>({
  id: 'classical-gd.strongly-convex-function-value-tightened',
  statement: 'FALSE variant: f(x_N) − f* ≤ (ρ²(1 − δ))^N(f(x₀) − f*) for some δ > 0',
  source: { ...gdFunctionValue.source, note: 'the function-value analogue of dossier §E, A2 false variant 2' },
  kind: 'bound-for-all-t',
  expected: 'refuted',
  variantOf: 'classical-gd.strongly-convex-function-value',
  falseBecause: 'the 1-D quadratic of the mode attaining ρ has f(x_N) − f* = ρ^{2N}(f(x₀) − f*) exactly',
  params: tightenedParams(),
  maxIterations: 2000,
  instantiate: (p, options) => scTrial(p, options, { metric: 'gap', factor: (g, mu, L) => RHO2(g, mu, L) * (1 - p.delta), cite: 'claimed: (ρ²(1 − δ))^N(f(x₀) − f*)' }),
});

export const claims: Claim<any>[] = [
  droriTeboulleHuber,
  droriTeboulleAccelerated,
  droriTeboulleTightened,
  droriTeboulleLongStep,
  gdDistance,
  gdDistanceDropL,
  gdDistanceTightened,
  gdFunctionValue,
  gdFunctionValueDropL,
  gdFunctionValueTightened,
];

export default claims;
