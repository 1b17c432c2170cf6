/**
 * Polyak heavy ball on strongly convex quadratics f(x) = ½‖Ax − b‖² (consistent systems), the
 * deterministic template of Bollapragada–Chen–Ward (dossier minibatch-heavy-ball.md §3, §6a, P5–P7):
 *
 *   x_{k+1} = x_k − α Aᵀ(Ax_k − b) + β(x_k − x_{k−1}),  x_{−1} = x₀,
 *   per eigenvalue T_λ = [[1 + β − αλ, −β], [1, 0]].
 *
 * - P5: with Polyak's optimal (α*, β*) for [μ, L], ρ(T_λ) = √β* on [μ, L] and > √β* outside.
 * - P7: with BCW's c-margin parameters, ‖x_k − x*‖ ≤ √2 κ_C β^{k/2} ‖x₀ − x*‖ for every k.
 * - P6: the often-quoted constant-free bound ‖x_k − x*‖ ≤ ((√κ−1)/(√κ+1))^k ‖x₀ − x*‖ is false (the
 *   endpoint Jordan blocks give (1 + k(1 − √β*))β*^{k/2} along the λ_min eigenvector).
 */
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { atLeast, defineClaim, type Bound, type Claim, type Hypothesis, type Source, type Trial, type TrialOptions } from '../src/claims/types.ts';
import { buildInstance, instanceParams, startingError, type InstanceParams, type LeastSquares } from '../src/problems/least-squares.ts';
import { bcwParameters, blockRadius, polyakParameters, runHeavyBall, type HeavyBallParameters } from '../src/methods/heavy-ball.ts';
import { logUniform } from '../src/claims/arbitraries.ts';
import fc from 'fast-check';

const POLYAK = 'B. T. Polyak. Some methods of speeding up the convergence of iteration methods. USSR Comput. Math. Math. Phys. 4(5):1–17, 1964';
const POLYAK_URL = 'https://doi.org/10.1016/0041-5553(64)90137-5';
const BCW = 'R. Bollapragada, T. Chen, R. Ward. On the fast convergence of minibatch heavy ball momentum. IMA J. Numer. Anal. 45(3), 2024';
const BCW_URL = 'https://arxiv.org/abs/2206.07553';

function polyakSource(theorem: string, confidence: Source['confidence'], note: string): Source {
  return { paper: POLYAK, theorem, url: POLYAK_URL, confidence, note };
}

/** Relative tolerance near the endpoints of [μ, L], where T_λ has a double root (dossier P5: ~1e-8 deviations). */
export const ENDPOINT_RTOL = 1e-6;
/** Roundoff floor of ‖x_k − x*‖ relative to ‖x*‖ + ‖x₀ − x*‖ (the iterate is formed from x, not from e). */
export const ERROR_FLOOR = 1e-9;

// ---------------------------------------------------------------------------------------------
// P5: the spectral radius of T_λ with the optimal parameters

export interface RadiusParams extends InstanceParams {
  /** test points per side of [μ, L] */
  points: number;
}

/** ρ(T_λ) from the numerical eigenvalues of the 2 x 2 matrix (ml-matrix), not from the closed form. */
function numericalBlockRadius(lambda: number, p: HeavyBallParameters): number {
  const T = new Matrix([
    [1 + p.momentum - p.stepSize * lambda, -p.momentum],
    [1, 0],
  ]);
  const e = new EigenvalueDecomposition(T);
  let r = 0;
  for (let i = 0; i < 2; i++) r = Math.max(r, Math.hypot(e.realEigenvalues[i], e.imaginaryEigenvalues[i]));
  return r;
}

/**
 * Test points: the instance's eigenvalues, a grid inside [μ, L] and grids outside on [lo·μ, μ) and
 * (L, hi·L]; each with a flag `inside`.
 */
function testPoints(problem: LeastSquares, points: number, lo: number, hi: number, mu: number, L: number): { lambda: number; inside: boolean }[] {
  const out: { lambda: number; inside: boolean }[] = [];
  for (const v of problem.eigenvalues) out.push({ lambda: v, inside: v >= mu && v <= L });
  for (let i = 0; i <= points; i++) {
    const v = mu * Math.pow(L / mu, i / points);
    out.push({ lambda: v, inside: true });
  }
  for (let i = 0; i < points; i++) {
    const below = mu * Math.pow(lo, (points - i) / points);
    const above = L * Math.pow(hi, (i + 1) / points);
    if (below < mu) out.push({ lambda: below, inside: false });
    if (above > L) out.push({ lambda: above, inside: false });
  }
  return out;
}

interface RadiusOptions {
  /** parameters used by the method (default Polyak's optimal ones for [λ_min, λ_max]) */
  parameters?: (mu: number, L: number) => HeavyBallParameters;
  /** claimed interval where ρ(T_λ) ≤ √β* (default [μ, L]) */
  claimedLo?: (mu: number) => number;
}

function radiusTrial(params: RadiusParams, o: RadiusOptions): Trial {
  const problem = buildInstance(params);
  const mu = problem.lambdaMin, L = problem.lambdaMax;
  const optimal = polyakParameters(mu, L);
  const used = o.parameters ? o.parameters(mu, L) : optimal;
  const sqrtBeta = optimal.rate; // √β* = (√κ−1)/(√κ+1)
  const claimedLo = o.claimedLo ? o.claimedLo(mu) : mu;
  const pts = testPoints(problem, params.points, claimedLo === mu ? 0.25 : claimedLo / mu, 4, mu, L);
  const bounds: Bound[] = [
    {
      metric: 'radius',
      relation: 'ge',
      value: () => sqrtBeta,
      floor: 0,
      rtol: ENDPOINT_RTOL,
      cite: 'ρ(T_λ) ≥ √β* for every λ: |det T_λ| = β (dossier §6a, P5)',
    },
    {
      metric: 'radius',
      relation: 'le',
      value: (_t, m) => (m.lambda >= claimedLo && m.lambda <= L ? sqrtBeta : Infinity),
      floor: 0,
      rtol: ENDPOINT_RTOL,
      cite: 'ρ(T_λ) = √β* = (√κ−1)/(√κ+1) on [μ, L] with α* = 4/(√L+√μ)², β* = ((√L−√μ)/(√L+√μ))² (dossier §6a, P5)',
    },
    {
      metric: 'radius',
      relation: 'ge',
      value: (_t, m) => (m.inside ? 0 : Math.abs(1 + used.momentum - used.stepSize * m.lambda) / 2),
      floor: 0,
      rtol: ENDPOINT_RTOL,
      cite: 'outside [μ, L]: ρ(T_λ) = (|c| + √(c² − 4β))/2 ≥ |c|/2 > √β, c = 1 + β − αλ (dossier §6a)',
    },
  ];
  return {
    hypotheses: [atLeast('κ ≥ 1', problem.conditionNumber, 1)],
    derived: { mu, L, conditionNumber: problem.conditionNumber, stepSize: used.stepSize, momentum: used.momentum, sqrtBetaStar: sqrtBeta, testPoints: pts.length },
    bounds,
    run(observe, maxIterations) {
      const metrics = { radius: 0, lambda: 0, inside: 0, closedForm: 0 };
      for (let t = 0; t < pts.length && t <= maxIterations; t++) {
        metrics.lambda = pts[t].lambda;
        metrics.inside = pts[t].inside ? 1 : 0;
        metrics.radius = numericalBlockRadius(pts[t].lambda, used);
        metrics.closedForm = blockRadius(pts[t].lambda, used.stepSize, used.momentum);
        if (!observe(t, metrics)) return;
      }
    },
  };
}

const radiusParams = (k: [number, number] = [1, 1e4]) =>
  fc.record({ base: instanceParams({ conditionNumber: k, d: [2, 6], extraRows: [0, 10] }), points: fc.integer({ min: 4, max: 24 }) }).map(({ base, points }) => ({ ...base, points }));

export const optimalRadius = defineClaim<RadiusParams>({
  id: 'polyak-hb.optimal-radius',
  statement: 'With Polyak’s optimal α*, β* for [μ, L] = [λ_min, λ_max], ρ(T_λ) = √β* = (√κ−1)/(√κ+1) for every λ in [μ, L] and ρ(T_λ) > √β* outside',
  source: polyakSource('optimal parameters on quadratics', 'D', 'dossier minibatch-heavy-ball.md §6a and P5 (characteristic polynomial z² − (1+β−αλ)z + β)'),
  kind: 'exact-identity',
  expected: 'holds',
  params: radiusParams(),
  maxIterations: 1000,
  instantiate: (p) => radiusTrial(p, {}),
});

export const radiusUnderestimatedMu = defineClaim<RadiusParams>({
  id: 'polyak-hb.optimal-radius-underestimated-mu',
  statement: 'FALSE variant: with Polyak’s α*, β* for [μ, L], ρ(T_λ) ≤ √β* also for λ in [μ/4, μ) (underestimating μ is harmless)',
  source: polyakSource('optimal parameters on quadratics', 'D', 'dossier §6a: strictly larger outside [μ, L]'),
  kind: 'exact-identity',
  expected: 'refuted',
  variantOf: 'polyak-hb.optimal-radius',
  falseBecause: 'below μ the roots of z² − (1+β−αλ)z + β are real and ρ(T_λ) > √β*: an eigenvalue below the assumed μ converges more slowly',
  params: radiusParams([1.5, 1e4]),
  maxIterations: 1000,
  instantiate: (p) => radiusTrial(p, { claimedLo: (mu) => mu / 4 }),
});

export const radiusGdStep = defineClaim<RadiusParams>({
  id: 'polyak-hb.optimal-radius-gd-step',
  statement: 'FALSE variant: momentum β* with gradient descent’s step 2/(L+μ) also gives ρ(T_λ) ≤ √β* on [μ, L]',
  source: polyakSource('optimal parameters on quadratics', 'D', 'at λ = μ, 1 + β* − 2μ/(L+μ) − 2√β* = 2(√κ−1)²/((√κ+1)²(κ+1)) > 0: real roots'),
  kind: 'exact-identity',
  expected: 'refuted',
  variantOf: 'polyak-hb.optimal-radius',
  falseBecause: 'with α = 2/(L+μ) the block at λ = μ has real roots and a radius above √β* whenever κ > 1',
  params: radiusParams([1.5, 1e4]),
  maxIterations: 1000,
  instantiate: (p) =>
    radiusTrial(p, {
      parameters: (mu, L) => ({ stepSize: 2 / (L + mu), momentum: polyakParameters(mu, L).momentum }),
    }),
});

// ---------------------------------------------------------------------------------------------
// P7 and P6: error bounds of deterministic heavy ball

export interface MarginParams extends InstanceParams {
  /** BCW's margin parameter c (γ = λ_min/c) */
  c: number;
}

type Rate = 'margin' | 'unenlarged' | 'polyak-constant-free';

function errorTrial(params: MarginParams, options: TrialOptions, rate: Rate): Trial {
  const problem = buildInstance(params);
  const e0 = startingError(problem, params.start, params.seed);
  const x0 = new Float64Array(problem.d);
  for (let i = 0; i < problem.d; i++) x0[i] = problem.xStar[i] + e0[i];
  let xs = 0;
  for (let i = 0; i < problem.d; i++) xs += problem.xStar[i] ** 2;
  const floor = ERROR_FLOOR * (Math.sqrt(xs) + 1);
  const hypotheses: Hypothesis[] = [atLeast('λ_min > 0 (full column rank)', problem.lambdaMin, Number.MIN_VALUE)];
  let method: HeavyBallParameters;
  let prefactor: number, perStep: number, cite: string;
  const derived: Record<string, number> = { conditionNumber: problem.conditionNumber, lambdaMin: problem.lambdaMin, lambdaMax: problem.lambdaMax };
  if (rate === 'polyak-constant-free') {
    const p = polyakParameters(problem.lambdaMin, problem.lambdaMax);
    method = p;
    prefactor = 1;
    perStep = p.rate;
    cite = 'false: ‖x_k − x*‖ ≤ ((√κ−1)/(√κ+1))^k ‖x₀ − x*‖ (constant-free, dossier §6a pitfall, P6)';
    Object.assign(derived, { stepSize: p.stepSize, momentum: p.momentum, rate: p.rate });
  } else {
    const p = bcwParameters(problem.eigenvalues, params.c);
    method = p;
    prefactor = Math.SQRT2 * p.kappaC;
    if (rate === 'margin') {
      perStep = p.rate;
      cite = '‖x_k − x*‖ ≤ √2 κ_C β^{k/2}‖x₀ − x*‖, κ_C = max_λ cond(U_λ), BCW margin parameters (dossier §3, P7)';
    } else {
      perStep = polyakParameters(problem.lambdaMin, problem.lambdaMax).rate;
      cite = 'false: √2 κ_C ((√κ−1)/(√κ+1))^k with the margin method (the rate of the unenlarged interval)';
    }
    hypotheses.push(atLeast('κ_C finite (spectrum strictly inside (ℓ, L))', Number.isFinite(p.kappaC) ? 1 : 0, 1));
    Object.assign(derived, { c: params.c, stepSize: p.stepSize, momentum: p.momentum, rate: p.rate, kappaC: p.kappaC, kappaCAtMin: p.kappaCAtMin, kappaCAnalytic: p.kappaCAnalytic });
  }
  return {
    hypotheses,
    derived: { ...derived, floor },
    bounds: [{ metric: 'errorNorm', relation: 'le', value: (k) => prefactor * Math.pow(perStep, k), floor, cite }],
    run: (observe, maxIterations) => runHeavyBall(problem, method, x0, observe, Math.min(maxIterations, options.maxIterations)),
  };
}

const marginParams = (k: [number, number] = [1, 1000]) =>
  fc.record({ base: instanceParams({ conditionNumber: k }), c: logUniform(1.25, 16, 16) }).map(({ base, c }) => ({ ...base, c }));

const bcwSource = (note: string): Source => ({ paper: BCW, theorem: 'deterministic template (get_params, get_k_)', url: BCW_URL, confidence: 'REF-IMPL', note });

export const marginBound = defineClaim<MarginParams>({
  id: 'polyak-hb.margin-bound',
  statement: 'Heavy ball with BCW’s margin parameters (interval [λ_min − γ, λ_max + γ], γ = λ_min/c): ‖x_k − x*‖ ≤ √2 κ_C β^{k/2}‖x₀ − x*‖ for every k',
  source: bcwSource('dossier §3 [D; consistent with REF-IMPL get_k_], P7; κ_C = max over the spectrum of cond(U_λ)'),
  kind: 'bound-for-all-t',
  expected: 'holds',
  params: marginParams(),
  examples: [{ family: 'generated', n: 2, d: 2, conditionNumber: 100, spectrum: 'linear', rowNorms: 'uniform', rowNormSpread: 1, start: 0, seed: 1, c: 2 }],
  maxIterations: 3000,
  instantiate: (p, o) => errorTrial(p, o, 'margin'),
});

export const constantFree = defineClaim<MarginParams>({
  id: 'polyak-hb.constant-free',
  statement: 'FALSE variant (often quoted): heavy ball with Polyak’s optimal parameters satisfies ‖x_k − x*‖ ≤ ((√κ−1)/(√κ+1))^k ‖x₀ − x*‖',
  source: polyakSource('lecture-note form of the rate', 'D', 'dossier §6a pitfall and P6; quoted in https://github.com/MerkulovDaniil/optim/blob/master/docs/methods/fom/heavy_ball.md'),
  kind: 'bound-for-all-t',
  expected: 'refuted',
  variantOf: 'polyak-hb.margin-bound',
  falseBecause: 'at λ = μ T_λ has the double root √β*, so along the λ_min eigenvector ‖e_k‖ = (1 + k(1 − √β*)) β*^{k/2}‖e₀‖ > β*^{k/2}‖e₀‖ for every k ≥ 1',
  params: marginParams([1.5, 1000]),
  maxIterations: 3000,
  instantiate: (p, o) => errorTrial(p, o, 'polyak-constant-free'),
});

export const unenlargedRate = defineClaim<MarginParams>({
  id: 'polyak-hb.margin-bound-unenlarged-rate',
  statement: 'FALSE variant: the margin parameters converge at the rate of the unenlarged interval, ‖x_k − x*‖ ≤ √2 κ_C ((√κ−1)/(√κ+1))^k ‖x₀ − x*‖',
  source: bcwSource('the margin costs rate: √β = (√κ_eff−1)/(√κ_eff+1) with κ_eff = (λ_max + γ)/(λ_min − γ) > κ (dossier §2)'),
  kind: 'bound-for-all-t',
  expected: 'refuted',
  variantOf: 'polyak-hb.margin-bound',
  falseBecause: 'every eigencomponent of the margin method decays exactly like β^{k/2}, slower than ((√κ−1)/(√κ+1))^k, so the ratio grows geometrically past √2 κ_C',
  params: marginParams([2, 1000]),
  maxIterations: 3000,
  instantiate: (p, o) => errorTrial(p, o, 'unenlarged'),
});

export const claims: Claim<any>[] = [optimalRadius, radiusUnderestimatedMu, radiusGdStep, marginBound, constantFree, unenlargedRate];
export default claims;
