/**
 * Gaussian smoothing (Nesterov–Spokoiny, Found. Comput. Math. 2017) and Ghadimi–Lan's RSGF (SIAM J.
 * Optim. 2013), the building blocks behind Balasubramanian–Ghadimi (NeurIPS 2018): the shared instances.
 *
 *   f_ν(x) = E_u f(x + νu), u ~ N(0, I_d)  (Nesterov–Spokoiny Section 2, with their μ written ν);
 *   G_ν(x, u) = [f(x + νu) − f(x)]/ν · u  (forward), [f(x + νu) − f(x − νu)]/(2ν) · u (symmetric),
 *   ⟨∇f(x), u⟩u (directional, the limit ν → 0).
 *
 * Instances: quadratics f = f* + ½(x − x*)ᵀA(x − x*) with a prescribed spectrum in [L/κ, L] and a Haar
 * basis (L = 1; 'isotropic' A = L·I; 'indefinite' flips the sign of a seeded subset of the eigenvalues,
 * L = max|λ|), and softplus ridge sums with μ = L/κ and smoothness L. The point x is x* moved by a
 * seeded vector of norm R.
 *
 * Expectations: exact where the algebra allows (a degree-3 Gaussian cubature is exact for f_ν on
 * quadratics; E‖G_ν‖² has a closed form on quadratics, derived in estimator-second-moment.ts);
 * otherwise Monte Carlo means over 8000 directions compared through a CLT band of Z = 5 standard errors
 * (true claims: the bound plus 5 SE; identities: within 5 SE). Balasubramanian–Ghadimi's own theorems
 * (ZSCG, sparse ZSGD) are not encoded: their statements could not be checked against the paper's text.
 */
import fc from 'fast-check';
import { atLeast, drawPoint, logUniform, normSq, prescribedSpectrum, Quadratic, Rng, seedArb, SoftplusRidge, type EstimatorKind, type Hypothesis, type SmoothProblem, type Source } from 'ratecheck';

const NS = 'Nesterov, Spokoiny. Random Gradient-Free Minimization of Convex Functions. Found. Comput. Math. 17 (2017)';
const NS_URL = 'https://doi.org/10.1007/s10208-015-9296-2';
const GL = 'Ghadimi, Lan. Stochastic First- and Zeroth-Order Methods for Nonconvex Stochastic Programming. SIAM J. Optim. 23(4) (2013)';
const GL_URL = 'https://arxiv.org/abs/1309.5549';

export function ns(theorem: string, confidence: Source['confidence'], note: string): Source {
  return { paper: NS, theorem, url: NS_URL, confidence, note: `${note}; a building block of Balasubramanian–Ghadimi (NeurIPS 2018)` };
}

export function gl(theorem: string, confidence: Source['confidence'], note: string): Source {
  return { paper: GL, theorem, url: GL_URL, confidence, note: `${note}; Ghadimi–Lan Section 3` };
}

/** Width of the CLT bands, in standard errors. */
export const Z = 5;
/** Monte Carlo directions per estimate. */
export const DIRECTIONS = 8000;

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

export const distanceArb = fc.oneof(fc.constant(0), logUniform(0.1, 10, 12));

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

/** Instance parameters with a gradient estimator (forward, symmetric, or the directional limit). */
export interface EstimatorParams extends SmoothingParams {
  estimator: EstimatorKind;
}

/**
 * Rounding error of a quadratic's value at y: e = y − x* is rounded by eps(‖y‖ + ‖x*‖), and
 * ½eᵀQe with a dense Q accumulates about (d + 2) eps L‖e‖² (a 4x margin on both).
 */
export function quadraticValueError(q: Quadratic): (y: Float64Array) => number {
  const xs = Math.sqrt(normSq(q.xStar));
  const L = q.smoothness, d = q.dim, eps = Number.EPSILON;
  return (y) => {
    let e2 = 0;
    for (let i = 0; i < d; i++) e2 += (y[i] - q.xStar[i]) ** 2;
    const e = Math.sqrt(e2);
    return 4 * eps * ((d + 2) * L * e2 + L * e * (Math.sqrt(normSq(y)) + xs) + Math.abs(q.fStar));
  };
}

/** The standing hypothesis of Nesterov–Spokoiny Theorems 1 and 4: ∇f is L-Lipschitz. */
export function structural(inst: SmoothingInstance): Hypothesis[] {
  return [atLeast('L > 0 (∇f L-Lipschitz)', inst.L, Number.MIN_VALUE)];
}
