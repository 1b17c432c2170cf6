/**
 * Gaussian smoothing and Ghadimi–Lan's RSGF, the building blocks behind Balasubramanian–Ghadimi
 * (NeurIPS 2018), dossier further-theorems.md §4.
 *
 *   f_ν(x) = E_u f(x + νu), u ~ N(0, I_d);  G_ν(x, u) = [f(x + νu) − f(x)]/ν · u.
 *   Nesterov–Spokoiny Theorem 1 (eq. 19): |f_ν(x) − f(x)| ≤ ν²Ld/2 for f with L-Lipschitz gradient.
 *   Nesterov–Spokoiny Theorem 4: E‖G_ν‖² ≤ (ν²/2)L²(d + 6)³ + 2(d + 4)‖∇f(x)‖²
 *     (symmetric estimator: (ν²/8)L²(d + 6)³ + 2(d + 4)‖∇f(x)‖²).
 *   Exact on quadratics [D]: f_ν − f = ν²tr(A)/2; E‖G_ν‖² = (d + 2)‖∇f‖² + (ν²/4)(d + 4)((tr A)² + 2tr A²).
 *   Ghadimi–Lan Theorem 3.2(a): RSGF with 0 < γ_k < 1/(2(d + 4)L), P(R = k) ∝ γ_k − 2L(d + 4)γ_k²,
 *     (1/L)E‖∇f(x_R)‖² ≤ [D_f² + 2ν²(d + 4)(1 + L(d + 4)²Σ(γ_k/4 + Lγ_k²)) + 2(d + 4)σ²Σγ_k²] / Σ[γ_k − 2L(d + 4)γ_k²],
 *     D_f² = 2(f(x₁) − f*)/L.
 *
 * Expectations: exact where the algebra allows (a degree-3 Gaussian cubature is exact for f_ν on
 * quadratics; the expectation over R is an exact weighted average along each trajectory); otherwise
 * Monte Carlo means compared through a CLT band of Z = 5 standard errors (true claims: the bound plus
 * 5 SE; identities: within 5 SE). Balasubramanian–Ghadimi's own theorems (ZSCG, sparse ZSGD) are not
 * encoded: their statements are [U] in the dossier.
 */
import fc from 'fast-check';
import { atLeast, atMost, defineClaim, type Bound, type Claim, type Hypothesis, type Source, type Trial } from '../src/claims/types.ts';
import { logUniform, seedArb } from '../src/claims/arbitraries.ts';
import { deriveSeed, Rng } from '../src/random/rng.ts';
import { studentTQuantile } from '../src/claims/statistics.ts';
import { Quadratic, SoftplusRidge, drawPoint, normSq, prescribedSpectrum, type SmoothProblem } from '../src/problems/smooth-convex.ts';
import { GaussianEstimator, Rsgf, estimatorSecondMoment, quadraticSecondMoment, smoothingShiftCubature, smoothingShiftMonteCarlo, type EstimatorKind } from '../src/methods/zeroth-order.ts';

const NS = 'Nesterov, Spokoiny. Random Gradient-Free Minimization of Convex Functions. Found. Comput. Math. 17 (2017)';
const NS_URL = 'https://doi.org/10.1007/s10208-015-9296-2';
const GL = 'Ghadimi, Lan. Stochastic First- and Zeroth-Order Methods for Nonconvex Stochastic Programming. SIAM J. Optim. 23(4) (2013)';
const GL_URL = 'https://arxiv.org/abs/1309.5549';

function ns(theorem: string, confidence: Source['confidence'], note: string): Source {
  return { paper: NS, theorem, url: NS_URL, confidence, note: `${note}; dossier further-theorems.md §4 (standing in for Balasubramanian–Ghadimi, NeurIPS 2018)` };
}

function gl(theorem: string, confidence: Source['confidence'], note: string): Source {
  return { paper: GL, theorem, url: GL_URL, confidence, note: `${note}; dossier further-theorems.md §4` };
}

/** Width of the CLT bands, in standard errors. */
export const Z = 5;
/** Monte Carlo directions per estimate. */
export const DIRECTIONS = 8000;

// ---------------------------------------------------------------------------------------------
// Instances

export interface SmoothingParams {
  kind: 'quadratic' | 'softplus';
  d: number;
  /** quadratics: spectrum from L/κ to L; softplus: μ = L/κ */
  kappa: number;
  /** quadratics: 'indefinite' flips the sign of a seeded subset of the eigenvalues (L = max|λ|) */
  curvature: 'psd' | 'isotropic' | 'indefinite';
  nu: number;
  /** ‖x − x*‖ (0: at the minimizer or stationary point) */
  R: number;
  seed: number;
}

export interface SmoothingInstance {
  problem: SmoothProblem;
  x: Float64Array;
  /** the quadratic, when the instance is one (for the exact formulas) */
  quadratic: Quadratic | null;
  L: number;
  gradNormSq: number;
}

export function smoothingInstance(p: SmoothingParams): SmoothingInstance {
  const L = 1;
  let problem: SmoothProblem;
  let quadratic: Quadratic | null = null;
  if (p.kind === 'quadratic') {
    let eig = p.curvature === 'isotropic' ? new Array<number>(p.d).fill(L) : prescribedSpectrum(p.d, L / p.kappa, L, p.seed);
    if (p.curvature === 'indefinite') {
      const rng = new Rng(p.seed, 'signs');
      eig = eig.map((v, i) => (i === eig.length - 1 || rng.uniform() < 0.5 ? v : -v));
    }
    quadratic = new Quadratic({ eigenvalues: eig, basis: 'haar', seed: p.seed, xStar: drawPoint(p.d, 1, p.seed, 'smoothing-xstar'), indefinite: p.curvature === 'indefinite' });
    problem = quadratic;
  } else {
    problem = new SoftplusRidge({ d: p.d, n: 2 * p.d, mu: L / p.kappa, xStarNorm: 1, seed: p.seed, targetSmoothness: L });
  }
  const x = Float64Array.from(problem.xStar);
  if (p.R > 0) {
    const u = drawPoint(p.d, p.R, p.seed, 'smoothing-direction');
    for (let i = 0; i < p.d; i++) x[i] += u[i];
  }
  const g = new Float64Array(p.d);
  problem.gradient(x, g);
  return { problem, x, quadratic, L: problem.smoothness, gradNormSq: normSq(g) };
}

const distanceArb = fc.oneof(fc.constant(0), logUniform(0.1, 10, 12));

export function smoothingParams(o: { kinds?: SmoothingParams['kind'][]; curvatures?: SmoothingParams['curvature'][]; d?: [number, number]; R?: fc.Arbitrary<number>; nu?: [number, number] } = {}): fc.Arbitrary<SmoothingParams> {
  const [dLo, dHi] = o.d ?? [1, 12];
  const [nuLo, nuHi] = o.nu ?? [1e-3, 1];
  return fc.record({
    kind: fc.constantFrom(...(o.kinds ?? ['quadratic' as const, 'softplus' as const])),
    d: fc.integer({ min: dLo, max: dHi }),
    kappa: logUniform(1, 100, 16),
    curvature: fc.constantFrom(...(o.curvatures ?? ['psd' as const, 'isotropic' as const, 'indefinite' as const])),
    nu: logUniform(nuLo, nuHi, 12),
    R: o.R ?? distanceArb,
    seed: seedArb(),
  });
}

/**
 * Rounding error of a quadratic's value at y: e = y − x* is rounded by eps(‖y‖ + ‖x*‖), and
 * ½eᵀQe with a dense Q accumulates about (d + 2) eps L‖e‖² (a 4x margin on both).
 */
function quadraticValueError(q: Quadratic): (y: Float64Array) => number {
  const xs = Math.sqrt(normSq(q.xStar));
  const L = q.smoothness, d = q.dim, eps = Number.EPSILON;
  return (y) => {
    let e2 = 0;
    for (let i = 0; i < d; i++) e2 += (y[i] - q.xStar[i]) ** 2;
    const e = Math.sqrt(e2);
    return 4 * eps * ((d + 2) * L * e2 + L * e * (Math.sqrt(normSq(y)) + xs) + Math.abs(q.fStar));
  };
}

function structural(inst: SmoothingInstance): Hypothesis[] {
  return [atLeast('L > 0 (∇f L-Lipschitz)', inst.L, Number.MIN_VALUE)];
}

// ---------------------------------------------------------------------------------------------
// f_ν − f on quadratics: exactly ν² tr(A)/2 (cubature, exact for degree ≤ 3)

function quadraticShiftTrial(p: SmoothingParams, o: { value: (inst: SmoothingInstance) => number; cite: string }): Trial {
  const inst = smoothingInstance({ ...p, kind: 'quadratic' });
  const q = inst.quadratic!;
  const shift = smoothingShiftCubature((y) => q.value(y), inst.x, p.nu, quadraticValueError(q));
  const target = o.value(inst);
  // the identity shift = target, compared as |shift − target| ≤ cubature roundoff + 1e-12|target|
  const allowance = shift.roundoff + 1e-12 * Math.abs(target);
  return {
    hypotheses: structural(inst),
    derived: { d: p.d, nu: p.nu, traceA: q.trace(), L: inst.L, smoothingShift: shift.value, target, roundoff: shift.roundoff },
    bounds: [{ metric: 'deviation', relation: 'le', value: () => allowance, floor: 0, rtol: 0, cite: `${o.cite}: |(f_ν − f) − target| ≤ cubature roundoff ${shift.roundoff.toPrecision(2)} + 1e-12|target|` }],
    run: (observe) => {
      observe(0, { deviation: Math.abs(shift.value - target), smoothingShift: shift.value });
    },
  };
}

const quadraticShiftParams = smoothingParams({ kinds: ['quadratic'], d: [1, 30] });

export const quadraticShift = defineClaim<SmoothingParams>({
  id: 'gaussian-smoothing.quadratic-smoothed-value',
  statement: 'For a quadratic f = f* + ½(x − x*)ᵀA(x − x*) (any symmetric A), f_ν(x) = f(x) + ν² tr(A)/2 exactly',
  source: ns('Theorem 1 (eq. 19), exact on quadratics', 'D', '[N] 0.4659 vs 0.4645 by Monte Carlo'),
  kind: 'exact-identity',
  expected: 'holds',
  params: quadraticShiftParams,
  examples: [{ kind: 'quadratic', d: 10, kappa: 10, curvature: 'psd', nu: 0.1, R: 1, seed: 1 }],
  maxIterations: 1,
  instantiate: (p) => quadraticShiftTrial(p, { value: (inst) => (p.nu * p.nu * inst.quadratic!.trace()) / 2, cite: 'f_ν − f = ν² tr(A)/2 [D]' }),
});

export const quadraticShiftZero = defineClaim<SmoothingParams>({
  id: 'gaussian-smoothing.quadratic-smoothed-value-unchanged',
  statement: 'FALSE variant: Gaussian smoothing leaves a quadratic unchanged, f_ν = f',
  source: ns('Theorem 1', 'D', 'dossier §4 encoding notes, false variant 2'),
  kind: 'exact-identity',
  expected: 'refuted',
  variantOf: 'gaussian-smoothing.quadratic-smoothed-value',
  falseBecause: 'f_ν − f = ν² tr(A)/2 > 0 for positive semidefinite A ≠ 0 (only ∇f_ν = ∇f holds)',
  params: smoothingParams({ kinds: ['quadratic'], curvatures: ['psd', 'isotropic'], d: [1, 30] }),
  maxIterations: 1,
  instantiate: (p) => quadraticShiftTrial(p, { value: () => 0, cite: 'claimed: f_ν − f = 0' }),
});

export const quadraticShiftAttainsBound = defineClaim<SmoothingParams>({
  id: 'gaussian-smoothing.quadratic-smoothed-value-attains-ns-bound',
  statement: 'FALSE variant: every positive semidefinite quadratic attains Nesterov–Spokoiny’s bound, f_ν − f = ν²Ld/2',
  source: ns('Theorem 1 (eq. 19)', 'D', 'the bound is attained only by A = L·I'),
  kind: 'exact-identity',
  expected: 'refuted',
  variantOf: 'gaussian-smoothing.quadratic-smoothed-value',
  falseBecause: 'ν² tr(A)/2 < ν²Ld/2 unless every eigenvalue equals L',
  params: smoothingParams({ kinds: ['quadratic'], curvatures: ['psd'], d: [2, 30] }),
  maxIterations: 1,
  instantiate: (p) => quadraticShiftTrial(p, { value: (inst) => (p.nu * p.nu * inst.L * p.d) / 2, cite: 'claimed: f_ν − f = ν²Ld/2' }),
});

// ---------------------------------------------------------------------------------------------
// Nesterov–Spokoiny Theorem 1: |f_ν − f| ≤ ν²Ld/2

function nsValueTrial(p: SmoothingParams, bound: (nu: number, L: number, d: number) => number, cite: string): Trial {
  const inst = smoothingInstance(p);
  const b = bound(p.nu, inst.L, p.d);
  let observed: number, band: number;
  if (inst.quadratic) {
    const c = smoothingShiftCubature((y) => inst.problem.value(y), inst.x, p.nu, quadraticValueError(inst.quadratic));
    observed = Math.abs(c.value);
    band = c.roundoff;
  } else {
    const mc = smoothingShiftMonteCarlo((y) => inst.problem.value(y), inst.x, p.nu, DIRECTIONS, new Rng(p.seed, 'ns-value'));
    observed = Math.abs(mc.mean);
    band = Z * mc.standardError;
  }
  return {
    hypotheses: structural(inst),
    derived: { d: p.d, nu: p.nu, L: inst.L, bound: b, band },
    bounds: [{ metric: 'smoothingGap', relation: 'le', value: () => b + band, floor: 0, cite: `${cite} (+ ${inst.quadratic ? 'cubature roundoff' : `${Z} standard errors`})` }],
    run: (observe) => {
      observe(0, { smoothingGap: observed });
    },
  };
}

const NS1 = (nu: number, L: number, d: number) => (nu * nu * L * d) / 2;

export const nsValue = defineClaim<SmoothingParams>({
  id: 'gaussian-smoothing.ns-thm1-value-gap',
  statement: 'For f with L-Lipschitz gradient, |f_ν(x) − f(x)| ≤ ν²Ld/2 (exact on quadratics, Monte Carlo with a 5-SE band on softplus sums); attained by f = (L/2)‖x‖²',
  source: ns('Theorem 1, eq. (19)', 'V', 'tight for A = L·I'),
  kind: 'bound-for-all-t',
  expected: 'holds',
  params: smoothingParams(),
  examples: [{ kind: 'quadratic', d: 7, kappa: 1, curvature: 'isotropic', nu: 0.3, R: 2, seed: 1 }],
  maxIterations: 1,
  instantiate: (p) => nsValueTrial(p, NS1, '|f_ν − f| ≤ ν²Ld/2, Nesterov–Spokoiny Thm 1 (19)'),
});

export const nsValueQuarter = defineClaim<SmoothingParams>({
  id: 'gaussian-smoothing.ns-thm1-value-gap-quarter',
  statement: 'FALSE variant: |f_ν(x) − f(x)| ≤ ν²Ld/4',
  source: ns('Theorem 1, eq. (19)', 'D', 'dossier §4 encoding notes, false variant 3'),
  kind: 'bound-for-all-t',
  expected: 'refuted',
  variantOf: 'gaussian-smoothing.ns-thm1-value-gap',
  falseBecause: 'f = (L/2)‖x‖² gives exactly ν²Ld/2',
  params: smoothingParams({ kinds: ['quadratic'], curvatures: ['isotropic', 'psd'] }),
  maxIterations: 1,
  instantiate: (p) => nsValueTrial(p, (nu, L, d) => (nu * nu * L * d) / 4, 'claimed: ν²Ld/4'),
});

export const nsValueDimensionFree = defineClaim<SmoothingParams>({
  id: 'gaussian-smoothing.ns-thm1-value-gap-dimension-free',
  statement: 'FALSE variant: the smoothing error is dimension free, |f_ν(x) − f(x)| ≤ ν²L/2',
  source: ns('Theorem 1, eq. (19)', 'D', 'E‖u‖² = d: the error grows linearly with the dimension'),
  kind: 'bound-for-all-t',
  expected: 'refuted',
  variantOf: 'gaussian-smoothing.ns-thm1-value-gap',
  falseBecause: 'f = (L/2)‖x‖² gives ν²Ld/2 > ν²L/2 for d ≥ 2',
  params: smoothingParams({ kinds: ['quadratic'], curvatures: ['isotropic', 'psd'], d: [2, 12] }),
  maxIterations: 1,
  instantiate: (p) => nsValueTrial(p, (nu, L) => (nu * nu * L) / 2, 'claimed: ν²L/2'),
});

// ---------------------------------------------------------------------------------------------
// E‖G_ν‖² on quadratics: exact formula vs the implementation (Monte Carlo, CLT band)

export interface EstimatorParams extends SmoothingParams {
  estimator: EstimatorKind;
}

const estimatorParams = (o: Parameters<typeof smoothingParams>[0] & { estimators?: EstimatorKind[] } = {}): fc.Arbitrary<EstimatorParams> =>
  fc.tuple(smoothingParams({ kinds: ['quadratic'], ...o }), fc.constantFrom(...(o.estimators ?? ['forward' as const, 'symmetric' as const, 'directional' as const]))).map(([p, estimator]) => ({ ...p, estimator }));

function secondMomentTrial(p: EstimatorParams, claimed: (inst: SmoothingInstance, exact: number) => number, relations: ('le' | 'ge')[], cite: string): Trial {
  const inst = smoothingInstance(p);
  const q = inst.quadratic!;
  const est = new GaussianEstimator(q, p.estimator, p.nu);
  const mc = estimatorSecondMoment(est, inst.x, DIRECTIONS, new Rng(p.seed, 'second-moment'));
  const exact = quadraticSecondMoment(p.estimator, inst.gradNormSq, q.trace(), q.traceOfSquare(), p.d, p.nu);
  const target = claimed(inst, exact);
  // rounding of one difference quotient: about 8 eps L (‖x‖ + ν‖u‖)‖u‖, ‖u‖ ≤ √d + 3 but for a
  // negligible fraction of the directions; it matters only where the exact value is 0 (x = x*)
  const sqrtD = Math.sqrt(p.d) + 3;
  const roundoff = (8 * Number.EPSILON * inst.L * (Math.sqrt(normSq(inst.x)) + p.nu * sqrtD) * sqrtD) ** 2;
  return {
    hypotheses: structural(inst),
    derived: { d: p.d, nu: p.nu, exact, target, standardError: mc.standardError, gradNormSq: inst.gradNormSq, roundoff },
    bounds: relations.map((relation) => ({
      metric: 'secondMoment',
      relation,
      value: (_t, m) => target + (relation === 'le' ? 1 : -1) * (Z * m.standardError + roundoff),
      // a lower bound at or below 0 says nothing about a non-negative quantity: not compared
      floor: relation === 'le' ? 0 : Number.MIN_VALUE,
      cite: `${cite} (± ${Z} standard errors over ${DIRECTIONS} directions, ± roundoff)`,
    })),
    run: (observe) => {
      observe(0, { secondMoment: mc.mean, standardError: mc.standardError });
    },
  };
}

export const secondMomentExact = defineClaim<EstimatorParams>({
  id: 'gaussian-smoothing.estimator-second-moment',
  statement: 'On quadratics, E‖G_ν(x, u)‖² = (d + 2)‖∇f(x)‖² + (ν²/4)(d + 4)((tr A)² + 2 tr A²) for the forward estimator and (d + 2)‖∇f(x)‖² for the symmetric and directional ones (Monte Carlo mean within 5 SE)',
  source: ns('Theorem 4 (exact companion on quadratics)', 'D', 'Isserlis’ theorem; [N] Monte Carlo d = 10: 12.004 vs 12 for E‖⟨g, u⟩u‖²/‖g‖²'),
  kind: 'exact-identity',
  expected: 'holds',
  params: estimatorParams(),
  examples: [{ kind: 'quadratic', d: 10, kappa: 10, curvature: 'psd', nu: 0.1, R: 1, seed: 1, estimator: 'directional' }],
  maxIterations: 1,
  instantiate: (p) => secondMomentTrial(p, (_i, exact) => exact, ['le', 'ge'], 'E‖G_ν‖² exact on quadratics [D]'),
});

export const secondMomentD = defineClaim<EstimatorParams>({
  id: 'gaussian-smoothing.estimator-second-moment-d',
  statement: 'FALSE variant: E‖⟨∇f(x), u⟩u‖² = d‖∇f(x)‖² (instead of d + 2)',
  source: ns('Theorem 4, eq. (25)', 'D', 'dossier §4 encoding notes, false variant 1'),
  kind: 'exact-identity',
  expected: 'refuted',
  variantOf: 'gaussian-smoothing.estimator-second-moment',
  falseBecause: 'E⟨g, u⟩²‖u‖² = (d + 2)‖g‖² (the fourth moment E u_i⁴ = 3)',
  params: estimatorParams({ estimators: ['directional'], d: [1, 8], R: logUniform(0.1, 10, 12) }),
  maxIterations: 1,
  instantiate: (p) => secondMomentTrial(p, (inst) => p.d * inst.gradNormSq, ['le', 'ge'], 'claimed: d‖∇f‖²'),
});

export const secondMomentNoSmoothingTerm = defineClaim<EstimatorParams>({
  id: 'gaussian-smoothing.estimator-second-moment-no-nu-term',
  statement: 'FALSE variant: the forward estimator’s second moment is (d + 2)‖∇f(x)‖² for every ν > 0 (smoothing adds nothing)',
  source: ns('Theorem 4', 'D', 'the ν² term of the exact formula'),
  kind: 'exact-identity',
  expected: 'refuted',
  variantOf: 'gaussian-smoothing.estimator-second-moment',
  falseBecause: 'at x = x* the gradient vanishes but G_ν = (ν/2)(uᵀAu)u ≠ 0: E‖G_ν‖² = (ν²/4)(d + 4)((tr A)² + 2tr A²)',
  params: estimatorParams({ estimators: ['forward'], curvatures: ['psd', 'isotropic'], R: fc.constant(0) }),
  maxIterations: 1,
  instantiate: (p) => secondMomentTrial(p, (inst) => (p.d + 2) * inst.gradNormSq, ['le', 'ge'], 'claimed: (d + 2)‖∇f‖²'),
});

// ---------------------------------------------------------------------------------------------
// Nesterov–Spokoiny Theorem 4: E‖G_ν‖² ≤ (ν²/2)L²(d + 6)³ + 2(d + 4)‖∇f(x)‖²

function nsSecondMomentTrial(p: EstimatorParams, constant: (kind: EstimatorKind) => number, cite: string, o: { dropNu?: boolean } = {}): Trial {
  const inst = smoothingInstance(p);
  const kind = p.estimator;
  const bound = (o.dropNu ? 0 : constant(kind) * p.nu * p.nu * inst.L ** 2 * (p.d + 6) ** 3) + 2 * (p.d + 4) * inst.gradNormSq;
  let observed: number, band: number;
  if (inst.quadratic) {
    const q = inst.quadratic;
    observed = quadraticSecondMoment(kind, inst.gradNormSq, q.trace(), q.traceOfSquare(), p.d, p.nu);
    band = 0;
  } else {
    const mc = estimatorSecondMoment(new GaussianEstimator(inst.problem, kind, p.nu), inst.x, DIRECTIONS, new Rng(p.seed, 'ns-thm4'));
    observed = mc.mean;
    band = Z * mc.standardError;
  }
  return {
    hypotheses: structural(inst),
    derived: { d: p.d, nu: p.nu, L: inst.L, bound, band, gradNormSq: inst.gradNormSq },
    bounds: [{ metric: 'secondMoment', relation: 'le', value: () => bound + band, floor: 0, cite: `${cite}${band > 0 ? ` (+ ${Z} standard errors)` : ' (exact expectation on quadratics)'}` }],
    run: (observe) => {
      observe(0, { secondMoment: observed });
    },
  };
}

const NS4 = (kind: EstimatorKind) => (kind === 'forward' ? 1 / 2 : 1 / 8);
const nsThm4Params = (o: Parameters<typeof smoothingParams>[0] = {}) =>
  fc.tuple(smoothingParams({ curvatures: ['psd', 'isotropic'], ...o }), fc.constantFrom('forward' as const, 'symmetric' as const)).map(([p, estimator]) => ({ ...p, estimator }));

export const nsSecondMoment = defineClaim<EstimatorParams>({
  id: 'gaussian-smoothing.ns-thm4-second-moment',
  statement: 'E‖G_ν(x, u)‖² ≤ (ν²/2)L²(d + 6)³ + 2(d + 4)‖∇f(x)‖² for the forward estimator, (ν²/8)L²(d + 6)³ + 2(d + 4)‖∇f(x)‖² for the symmetric one (exact expectations on quadratics, 5-SE band on softplus sums)',
  source: ns('Theorem 4', 'V', '[N] 2367 vs a true 339 in one check: loose'),
  kind: 'bound-in-expectation',
  expected: 'holds',
  params: nsThm4Params(),
  examples: [{ kind: 'quadratic', d: 20, kappa: 1, curvature: 'isotropic', nu: 0.5, R: 0, seed: 1, estimator: 'forward' }],
  maxIterations: 1,
  instantiate: (p) => nsSecondMomentTrial(p, NS4, 'E‖G_ν‖² ≤ c ν²L²(d + 6)³ + 2(d + 4)‖∇f‖², c = 1/2 (forward), 1/8 (symmetric), N–S Thm 4'),
});

export const nsSecondMomentNoNu = defineClaim<EstimatorParams>({
  id: 'gaussian-smoothing.ns-thm4-second-moment-no-nu-term',
  statement: 'FALSE variant: E‖G_ν(x, u)‖² ≤ 2(d + 4)‖∇f(x)‖² for the forward estimator (the ν² term dropped)',
  source: ns('Theorem 4', 'D', 'at a stationary point the forward estimator still has the ν² term'),
  kind: 'bound-in-expectation',
  expected: 'refuted',
  variantOf: 'gaussian-smoothing.ns-thm4-second-moment',
  falseBecause: 'at x = x*, ∇f = 0 while E‖G_ν‖² = (ν²/4)(d + 4)((tr A)² + 2 tr A²) > 0',
  params: nsThm4Params({ kinds: ['quadratic'], R: fc.constant(0) }).map((p) => ({ ...p, estimator: 'forward' as const })),
  maxIterations: 1,
  instantiate: (p) => nsSecondMomentTrial(p, NS4, 'claimed: 2(d + 4)‖∇f‖²', { dropNu: true }),
});

export const nsSecondMomentSymmetricConstant = defineClaim<EstimatorParams>({
  id: 'gaussian-smoothing.ns-thm4-forward-with-symmetric-constant',
  statement: 'FALSE variant: the forward estimator obeys the symmetric estimator’s bound, E‖G_ν‖² ≤ (ν²/8)L²(d + 6)³ + 2(d + 4)‖∇f(x)‖²',
  source: ns('Theorem 4', 'D', 'the forward difference keeps the curvature term the central difference cancels'),
  kind: 'bound-in-expectation',
  expected: 'refuted',
  variantOf: 'gaussian-smoothing.ns-thm4-second-moment',
  falseBecause: 'f = (L/2)‖x‖² at x* gives (ν²/4)d(d + 2)(d + 4)L², above (ν²/8)L²(d + 6)³ once d ≥ 15',
  params: nsThm4Params({ kinds: ['quadratic'], curvatures: ['isotropic'], d: [15, 60], R: fc.constant(0) }).map((p) => ({ ...p, estimator: 'forward' as const })),
  maxIterations: 1,
  instantiate: (p) => nsSecondMomentTrial(p, () => 1 / 8, 'claimed: (ν²/8)L²(d + 6)³ + 2(d + 4)‖∇f‖²'),
});

// ---------------------------------------------------------------------------------------------
// Ghadimi–Lan Theorem 3.2(a): RSGF

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

interface RsgfTerms {
  /** include 2ν²(d + 4)(…) */
  smoothing: boolean;
  /** factor of σ²Σγ² (2(d + 4) in the theorem) */
  noiseFactor: (d: number) => number;
}

/** Theorem 3.2(a)'s right-hand side for N constant steps γ (the left side is (1/L)E‖∇f(x_R)‖²). */
export function rsgfBound(N: number, s: { L: number; d: number; gamma: number; nu: number; sigma: number; Df2: number }, terms: RsgfTerms = { smoothing: true, noiseFactor: (d) => 2 * (d + 4) }): number {
  const { L, d, gamma, nu, sigma, Df2 } = s;
  const sumGamma = N * gamma, sumGamma2 = N * gamma * gamma;
  const smoothing = terms.smoothing ? 2 * nu * nu * (d + 4) * (1 + L * (d + 4) ** 2 * (sumGamma / 4 + L * sumGamma2)) : 0;
  const noise = terms.noiseFactor(d) * sigma * sigma * sumGamma2;
  return (Df2 + smoothing + noise) / (sumGamma - 2 * L * (d + 4) * sumGamma2);
}

function rsgfTrial(p: RsgfParams, terms: RsgfTerms | undefined, cite: string): Trial {
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
  const bound: Bound = { metric: 'scaledGradNormSqLower', relation: 'le', value: (N) => rsgfBound(N, shape, terms), floor: 0, cite };
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
  instantiate: (p) => rsgfTrial(p, undefined, RSGF_CITE),
});

export const rsgfNoNoise = defineClaim<RsgfParams>({
  id: 'ghadimi-lan.rsgf-thm3.2a-deterministic-rate',
  statement: 'FALSE variant: (1/L)E‖∇f(x_R)‖² ≤ D_f²/Σ(γ − 2L(d + 4)γ²) (the smoothing and noise terms dropped, a deterministic rate)',
  source: gl('Theorem 3.2(a)', 'D', 'with σ > 0 the noise keeps E‖∇f(x_R)‖² away from 0'),
  kind: 'bound-in-expectation',
  expected: 'refuted',
  variantOf: 'ghadimi-lan.rsgf-thm3.2a',
  falseBecause: 'the right side decays like 1/N while the noise σ² keeps E‖∇f(x_R)‖² at a level of order Lγ(d + 2)σ²',
  // started away from x* (D_f > 0), so the claimed bound is positive and decays like 1/N
  params: rsgfParams({ sigma: logUniform(0.1, 3, 8), R: logUniform(0.1, 10, 12) }),
  maxIterations: RSGF_BUDGET,
  instantiate: (p) => rsgfTrial(p, { smoothing: false, noiseFactor: () => 0 }, 'claimed: D_f²/Σ(γ − 2L(d+4)γ²)'),
});

export const rsgfFirstOrderNoise = defineClaim<RsgfParams>({
  id: 'ghadimi-lan.rsgf-thm3.2a-first-order-noise',
  statement: 'FALSE variant: the zeroth-order noise costs no dimension factor: Theorem 3.2(a) with 2σ²Σγ_k² in place of 2(d + 4)σ²Σγ_k²',
  source: gl('Theorem 3.2(a)', 'D', 'E‖⟨ξ, u⟩u‖² = (d + 2)E‖ξ‖²: the estimator multiplies the noise by about d'),
  kind: 'bound-in-expectation',
  expected: 'refuted',
  variantOf: 'ghadimi-lan.rsgf-thm3.2a',
  falseBecause: 'started at x*, the stationary level of (1/L)E‖∇f‖² is about γ(d + 2)σ²/2 (quadratics), above the variant’s 2γσ²/(1 − c) once d + 2 > 4/(1 − c)',
  // the regime where the stationary level is reached within the budget: x₁ = x*, mixing time 2(d + 4)κ/c ≲ 400 steps
  params: rsgfParams({ sigma: logUniform(0.3, 3, 8), R: fc.constant(0), d: [15, 25], c: [6, 12], kappa: [1, 3] }),
  maxIterations: RSGF_BUDGET,
  instantiate: (p) => rsgfTrial(p, { smoothing: true, noiseFactor: () => 2 }, 'claimed: 2σ²Σγ² for the noise term'),
});

export const claims: Claim<any>[] = [
  quadraticShift,
  quadraticShiftZero,
  quadraticShiftAttainsBound,
  nsValue,
  nsValueQuarter,
  nsValueDimensionFree,
  secondMomentExact,
  secondMomentD,
  secondMomentNoSmoothingTerm,
  nsSecondMoment,
  nsSecondMomentNoNu,
  nsSecondMomentSymmetricConstant,
  rsgf,
  rsgfNoNoise,
  rsgfFirstOrderNoise,
];

export default claims;
