/**
 * Nesterov–Spokoiny (Found. Comput. Math. 2017), Theorem 1, eq. (19): the smoothing error.
 *
 * Statement: if ∇f is L-Lipschitz, then for every x and ν > 0
 *   |f_ν(x) − f(x)| ≤ ν²Ld/2,  f_ν(x) = E_u f(x + νu), u ~ N(0, I_d).
 * Hypotheses: f differentiable with L-Lipschitz gradient (quadratics of any symmetric A, L = max|λ(A)|;
 * softplus ridge sums with smoothness L = 1).
 * Parameters: ν ∈ [1e-3, 1], d ≤ 12, x at distance R ∈ {0} ∪ [0.1, 10] from x*.
 * Bound: ν²Ld/2, attained by f = (L/2)‖x‖² (on a quadratic f_ν − f = ν² tr(A)/2 exactly, see
 * quadratic-smoothed-value.ts, and tr(A) = Ld for A = L·I).
 *
 * Check: on quadratics |f_ν − f| by a degree-3 Gaussian cubature (exact; band = its roundoff); on softplus
 * sums the Monte Carlo mean over 8000 directions, with a band of 5 standard errors.
 *
 * False variants (the bound changed, the instance and the measurement kept):
 * - ν²Ld/4: f = (L/2)‖x‖² gives exactly ν²Ld/2.
 * - ν²L/2 (dimension free): E‖u‖² = d, so the error grows linearly with d; f = (L/2)‖x‖² gives ν²Ld/2.
 */
import { defineClaim, mapBounds, Rng, smoothingShiftCubature, smoothingShiftMonteCarlo, variant, type Claim, type Trial, type VariantInfo } from 'ratecheck';
import { DIRECTIONS, ns, quadraticValueError, smoothingInstance, smoothingParams, structural, Z, type SmoothingParams } from './setup.ts';

/** A bound on |f_ν − f| as a function of ν, L and d. */
type ValueBound = (nu: number, L: number, d: number) => number;

/** Theorem 1, eq. (19). */
const NS1: ValueBound = (nu, L, d) => (nu * nu * L * d) / 2;

function boundCite(p: SmoothingParams, cite: string): string {
  return `${cite} (+ ${p.kind === 'quadratic' ? 'cubature roundoff' : `${Z} standard errors`})`;
}

function nsValueTrial(p: SmoothingParams, cite: string): Trial {
  const inst = smoothingInstance(p);
  const b = NS1(p.nu, inst.L, p.d);
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
    bounds: [{ metric: 'smoothingGap', relation: 'le', value: () => b + band, floor: 0, cite: boundCite(p, cite) }],
    run: (observe) => {
      observe(0, { smoothingGap: observed });
    },
  };
}

export const nsValue = defineClaim<SmoothingParams>({
  id: 'gaussian-smoothing.ns-thm1-value-gap',
  statement: 'For f with L-Lipschitz gradient, |f_ν(x) − f(x)| ≤ ν²Ld/2 (exact on quadratics, Monte Carlo with a 5-SE band on softplus sums); attained by f = (L/2)‖x‖²',
  source: ns('Theorem 1, eq. (19)', 'V', 'tight for A = L·I'),
  kind: 'bound-for-all-t',
  expected: 'holds',
  params: smoothingParams(),
  examples: [{ kind: 'quadratic', d: 7, kappa: 1, curvature: 'isotropic', nu: 0.3, R: 2, seed: 1 }],
  maxIterations: 1,
  instantiate: (p) => nsValueTrial(p, '|f_ν − f| ≤ ν²Ld/2, Nesterov–Spokoiny Thm 1 (19)'),
});

/** Theorem 1 with another bound in place of ν²Ld/2 (the band of the measurement kept). */
function withValueBound(base: Claim<SmoothingParams>, bound: ValueBound, cite: string, info: VariantInfo<SmoothingParams>): Claim<SmoothingParams> {
  return variant(base, info, (trial, p) => {
    const b = bound(p.nu, trial.derived.L, p.d);
    const band = trial.derived.band;
    return mapBounds({ ...trial, derived: { ...trial.derived, bound: b } }, 'smoothingGap', (old) => ({ ...old, value: () => b + band, cite: boundCite(p, cite) }));
  });
}

export const nsValueQuarter = withValueBound(nsValue, (nu, L, d) => (nu * nu * L * d) / 4, 'claimed: ν²Ld/4', {
  id: 'gaussian-smoothing.ns-thm1-value-gap-quarter',
  statement: 'FALSE variant: |f_ν(x) − f(x)| ≤ ν²Ld/4',
  source: ns('Theorem 1, eq. (19)', 'D', 'half of eq. (19), which f = (L/2)‖x‖² attains (derived in quadratic-smoothed-value.ts)'),
  falseBecause: 'f = (L/2)‖x‖² gives exactly ν²Ld/2',
  params: smoothingParams({ kinds: ['quadratic'], curvatures: ['isotropic', 'psd'] }),
});

export const nsValueDimensionFree = withValueBound(nsValue, (nu, L) => (nu * nu * L) / 2, 'claimed: ν²L/2', {
  id: 'gaussian-smoothing.ns-thm1-value-gap-dimension-free',
  statement: 'FALSE variant: the smoothing error is dimension free, |f_ν(x) − f(x)| ≤ ν²L/2',
  source: ns('Theorem 1, eq. (19)', 'D', 'E‖u‖² = d: the error grows linearly with the dimension'),
  falseBecause: 'f = (L/2)‖x‖² gives ν²Ld/2 > ν²L/2 for d ≥ 2',
  params: smoothingParams({ kinds: ['quadratic'], curvatures: ['isotropic', 'psd'], d: [2, 12] }),
});
