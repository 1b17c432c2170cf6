/**
 * A rediscovery case where the tight instance is rare in the generator: gradient descent on a diagonal
 * quadratic f(x) = ½ Σ λ_i x_i², started from a vector of free weights.
 *
 * Statement. For γ = h/L with h ∈ (0, 2), x_{t+1} = (I − γH)x_t, so ‖x_t‖ ≤ ρᵗ‖x₀‖ with
 * ρ = ‖I − γH‖₂ = max(|1 − γμ|, |1 − γL|) (the worst case
 * of classical-gd.strongly-convex-distance, which states it on F_{μ,L}, with PEPit's theoretical value). Equality at every
 * t exactly when x₀ lies in the eigenspace attaining ρ (μ's or L's, both at h = 2/(1 + μ/L)): the worst
 * ratio is 1, on an eigen-mode.
 *
 * Instances: d ∈ [4, 10] eigenvalues spread linearly over [μ, L] = [1/κ, 1], κ log-uniform in [10, 1000],
 * h in [0.1, 1.9], x₀ the first d of ten weights uniform in [0, 1]. The ratio is compared from
 * t = 20 on: a start with weight on several modes falls below the bound by the factor
 * ((1 − γλ_i)/ρ)^{2t} on each slower-decaying mode, so only a start within about 0.1 (relative) of the
 * worst eigen-mode reaches 0.99, which uniform weights almost never are. Its `search.structured` declares
 * that structure: the same instance started on its two extreme eigen-modes.
 */
import { defineClaim, fc, type Claim } from '../../src/index.ts';

export interface ModeParams {
  d: number;
  kappa: number;
  h: number;
  weights: number[];
}

const WEIGHTS = 10;
const FROM_T = 20;

const params: fc.Arbitrary<ModeParams> = fc.record({
  d: fc.integer({ min: 4, max: WEIGHTS }),
  kappa: fc.double({ min: 10, max: 1000, noNaN: true }),
  h: fc.double({ min: 0.1, max: 1.9, noNaN: true }),
  // uniform on a grid of 10⁶ steps, without fast-check's bias towards the bounds (which would often
  // draw exact zeros, i.e. eigen-mode starts); fc.double is uniform in its bit pattern, not in value
  weights: fc.noBias(fc.array(fc.integer({ min: 0, max: 1e6 }).map((k) => k / 1e6), { minLength: WEIGHTS, maxLength: WEIGHTS })),
});

function spectrum(p: ModeParams): number[] {
  const mu = 1 / p.kappa;
  return Array.from({ length: p.d }, (_, i) => mu + ((1 - mu) * i) / (p.d - 1));
}

const DISTANCE = {
  id: 'bench.gd-quadratic-free-start',
  statement: 'GD with γ = h/L, h ∈ (0, 2), on ½xᵀHx: ‖x_t‖² ≤ ρ^{2t}‖x₀‖², ρ = max(|1 − γμ|, |1 − γL|), equality on the eigen-mode attaining ρ',
  theorem: 'GD on F_{μ,L}, distance to the solution',
  metric: 'distSq',
  weight: (_lambda: number) => 1,
  cite: '‖x_t − x*‖² ≤ ρ^{2t}‖x₀ − x*‖² with ρ = ‖I − γH‖₂ (PEPit: max((1 − μγ)², (1 − Lγ)²)^n)',
};

const VALUE = {
  id: 'bench.gd-quadratic-free-start-value',
  statement: 'GD with γ = h/L, h ∈ (0, 2), on f = ½xᵀHx: f(x_t) ≤ ρ^{2t}f(x₀), ρ = max(|1 − γμ|, |1 − γL|), equality on the eigen-mode attaining ρ',
  theorem: 'GD on F_{μ,L}, function value',
  metric: 'gap',
  weight: (lambda: number) => lambda / 2,
  cite: 'f(x_t) − f* ≤ ρ^{2t}(f(x₀) − f*) with ρ = ‖I − γH‖₂ (PEPit: max((1 − μγ)², (1 − Lγ)²)^n)',
};

const freeStart = (o: typeof DISTANCE) => defineClaim<ModeParams>({
  id: o.id,
  statement: o.statement,
  source: { paper: 'PEPit.jl proximal-gradient example and test (theoretical value max((1 − μγ)², (1 − Lγ)²)^n), on quadratics', theorem: o.theorem, url: 'https://github.com/PerformanceEstimation/PEPit.jl', confidence: 'D', note: 'on a quadratic x_{t+1} = (I − γH)x_t and ‖I − γH‖₂ = ρ, equality on the attaining eigen-mode' },
  kind: 'bound-for-all-t',
  expected: 'holds',
  params,
  maxIterations: 200,
  search: {
    // the worst case of a linear method on a quadratic lies on an eigen-mode: try the extreme ones
    structured: (p: ModeParams) => [0, p.d - 1].map((k) => ({ ...p, weights: p.weights.map((_, i) => (i === k ? 1 : 0)) })),
  },
  instantiate: (p) => {
    const lambda = spectrum(p);
    const gamma = p.h; // L = 1
    const rho = Math.max(Math.abs(1 - gamma * lambda[0]), Math.abs(1 - gamma * lambda[p.d - 1]));
    const x = p.weights.slice(0, p.d);
    const measure = () => x.reduce((s, v, i) => s + o.weight(lambda[i]) * v * v, 0);
    const r0 = measure();
    return {
      hypotheses: [
        { name: 'h ∈ (0, 2)', holds: p.h > 0 && p.h < 2, value: p.h },
        { name: 'x₀ ≠ x*', holds: r0 > 0, value: r0 },
      ],
      derived: { rho, mu: lambda[0] },
      // each coordinate is one product per step, relative error ≤ t·2⁻⁵³: the bound's relative
      // tolerance 1e-9 covers 200 steps; the floor keeps ρ^{2t}‖x₀‖² above underflow
      bounds: [{ metric: o.metric, relation: 'le', value: (t) => Math.pow(rho, 2 * t) * r0, floor: 1e-250 * r0, cite: o.cite }],
      run: (observe, maxIterations) => {
        for (let t = 0; t <= maxIterations; t++) {
          if (t >= FROM_T && !observe(t, { [o.metric]: measure() })) return;
          for (let i = 0; i < p.d; i++) x[i] -= gamma * lambda[i] * x[i];
        }
      },
    };
  },
}) as Claim<unknown>;

export const gdModes = freeStart(DISTANCE);
export const gdModesValue = freeStart(VALUE);
