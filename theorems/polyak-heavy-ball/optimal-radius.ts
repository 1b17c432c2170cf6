/**
 * Polyak (1964): the optimal heavy-ball parameters on quadratics (the paper's optimal-parameter result;
 * its theorem numbering is not used here, the facts are derived below, [D]).
 *
 * Statement: for spectrum(H) ⊂ [μ, L], with α* = 4/(√L + √μ)² and β* = ((√L − √μ)/(√L + √μ))²,
 *   ρ(T_λ) = √β* = (√κ − 1)/(√κ + 1) for every λ ∈ [μ, L], and ρ(T_λ) > √β* for λ ∉ [μ, L].
 * Hypotheses: κ = L/μ ≥ 1 ([μ, L] = [λ_min, λ_max] of the instance).
 * Parameters: d ∈ [2, 6], n ≤ d + 10, κ ∈ [1, 1e4]; test points: the instance's eigenvalues, a log grid of
 * `points` + 1 values in [μ, L], and `points` values each side on [μ/4, μ) and (L, 4L].
 * Bounds (relative tolerance ENDPOINT_RTOL = 1e-6, for the double roots at the endpoints):
 *   ρ(T_λ) ≥ √β* everywhere; ρ(T_λ) ≤ √β* on [μ, L]; ρ(T_λ) ≥ |c|/2 outside, c = 1 + β − αλ.
 *
 * Derivation. det T_λ = β, so the product of the two roots has modulus β and ρ(T_λ) ≥ √β always. The
 * roots are complex (or double) with |z| = √β iff c² ≤ 4β, i.e. (1 − √β)² ≤ αλ ≤ (1 + √β)²; otherwise
 * they are real and ρ(T_λ) = (|c| + √(c² − 4β))/2 > √β. Polyak's (α*, β*) solve αμ = (1 − √β)² and
 * αL = (1 + √β)², which gives the formulas above and makes [μ, L] exactly the complex-root interval.
 * ρ(T_λ) is computed from the numerical eigenvalues of the 2 × 2 matrix (a general eigensolver, see
 * numericalBlockRadius), independently of the closed form.
 * False variants (a different construction, builder options): with μ underestimated (claimed interval
 * [μ/4, L]) the roots below μ are real and ρ > √β*; with gradient descent's step α = 2/(L + μ) and β*,
 * at λ = μ: c − 2√β* = 1 + β* − 2μ/(L + μ) − 2√β* = 2(√κ − 1)²/((√κ + 1)²(κ + 1)) > 0, real roots again.
 * Near misses: μ underestimated by 3% only (claimed interval [0.97μ, L]): just below μ the discriminant
 * c² − 4β grows linearly in μ − λ, so ρ(T_λ) − √β* grows like √(μ − λ), far above ENDPOINT_RTOL at 0.97μ;
 * and the radius claimed 1% below √β* on [μ, L] (a transform of the upper bound).
 */
import { atLeast, blockRadius, buildInstance, defineClaim, fc, fromRows, instanceParams, scaledBound, spectralRadius, polyakParameters, type Bound, type HeavyBallParameters, type InstanceParams, type LeastSquares, type Trial } from 'ratecheck';
import { ENDPOINT_RTOL, polyakSource } from './setup.ts';

export interface RadiusParams extends InstanceParams {
  /** test points per side of [μ, L] */
  points: number;
}

/** ρ(T_λ) from the numerical eigenvalues of the 2 × 2 matrix T = [[c, −β], [1, 0]], not from the closed form. */
function numericalBlockRadius(lambda: number, p: HeavyBallParameters): number {
  return spectralRadius(fromRows([[1 + p.momentum - p.stepSize * lambda, -p.momentum], [1, 0]]));
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
    { metric: 'radius', relation: 'ge', value: () => sqrtBeta, floor: 0, rtol: ENDPOINT_RTOL, cite: 'ρ(T_λ) ≥ √β* for every λ: |det T_λ| = β (derived in this file’s header)' },
    {
      metric: 'radius',
      relation: 'le',
      value: (_t, m) => (m.lambda >= claimedLo && m.lambda <= L ? sqrtBeta : Infinity),
      floor: 0,
      rtol: ENDPOINT_RTOL,
      cite: 'ρ(T_λ) = √β* = (√κ−1)/(√κ+1) on [μ, L] with α* = 4/(√L+√μ)², β* = ((√L−√μ)/(√L+√μ))² (Polyak 1964; derived in this file’s header)',
    },
    {
      metric: 'radius',
      relation: 'ge',
      value: (_t, m) => (m.inside ? 0 : Math.abs(1 + used.momentum - used.stepSize * m.lambda) / 2),
      floor: 0,
      rtol: ENDPOINT_RTOL,
      cite: 'outside [μ, L]: ρ(T_λ) = (|c| + √(c² − 4β))/2 ≥ |c|/2 > √β, c = 1 + β − αλ (derived in this file’s header)',
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
  source: polyakSource('optimal parameters on quadratics', 'D', 'characteristic polynomial z² − (1+β−αλ)z + β; derived in this file’s header'),
  kind: 'exact-identity',
  expected: 'holds',
  params: radiusParams(),
  maxIterations: 1000,
  instantiate: (p) => radiusTrial(p, {}),
});

/** Changes the claimed interval to [μ/4, L] (builder option `claimedLo`), with test points down to μ/4. */
export const radiusUnderestimatedMu = defineClaim<RadiusParams>({
  id: 'polyak-hb.optimal-radius-underestimated-mu',
  statement: 'FALSE variant: with Polyak’s α*, β* for [μ, L], ρ(T_λ) ≤ √β* also for λ in [μ/4, μ) (underestimating μ is harmless)',
  source: polyakSource('optimal parameters on quadratics', 'D', 'strictly larger outside [μ, L] (derived in this file’s header)'),
  kind: 'exact-identity',
  expected: 'refuted',
  variantOf: 'polyak-hb.optimal-radius',
  falseBecause: 'below μ the roots of z² − (1+β−αλ)z + β are real and ρ(T_λ) > √β*: an eigenvalue below the assumed μ converges more slowly',
  params: radiusParams([1.5, 1e4]),
  maxIterations: 1000,
  instantiate: (p) => radiusTrial(p, { claimedLo: (mu) => mu / 4 }),
});

/** Changes the method's step to 2/(L+μ), keeping β* (builder option `parameters`). */
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

/** Changes the claimed interval to [0.97μ, L] (builder option `claimedLo`): μ underestimated by 3%. */
export const radiusMuNearMiss = defineClaim<RadiusParams>({
  id: 'polyak-hb.optimal-radius-mu-3pct-low',
  statement: 'FALSE variant (near miss): with Polyak’s α*, β* for [μ, L], ρ(T_λ) ≤ √β* also on [0.97μ, μ) (μ underestimated by 3%)',
  source: polyakSource('optimal parameters on quadratics', 'D', 'strictly larger outside [μ, L]; ρ(T_λ) − √β* grows like √(μ − λ) below μ (derived in this file’s header)'),
  kind: 'exact-identity',
  expected: 'refuted',
  variantOf: 'polyak-hb.optimal-radius',
  falseBecause: 'below μ the roots are real and ρ(T_λ) − √β* grows like √(μ − λ): at 0.97μ it is far above the tolerance 1e-6',
  params: radiusParams([1.5, 1e4]),
  maxIterations: 1000,
  instantiate: (p) => radiusTrial(p, { claimedLo: (mu) => 0.97 * mu }),
});

/** The upper bound √β* on [μ, L] lowered by 1%. */
export const radiusOnePercentLow = scaledBound(optimalRadius, 0.99, {
  id: 'polyak-hb.optimal-radius-1pct-low',
  statement: 'FALSE variant (near miss): with Polyak’s α*, β*, ρ(T_λ) ≤ 0.99·(√κ−1)/(√κ+1) on [μ, L]',
  falseBecause: 'ρ(T_λ) = √β* exactly on [μ, L] (complex or double roots of modulus √β*): 1% above the claim',
  metric: (_b, i) => i === 1,
  params: radiusParams([1.5, 1e4]),
});
