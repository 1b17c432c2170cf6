/**
 * The mean-square rate of minibatch heavy ball with Bollapragada–Chen–Ward's parameters (the mean-square
 * analysis behind the batch-size condition getB of the reference implementation; derived here, [D]).
 *
 * Statement (P4): let ρ_msq(B) be the spectral radius of the second-moment operator 𝓛_B of moments.ts.
 *   (a) ρ_msq(B) is non-increasing in B;
 *   (b) ρ_msq(B) ≥ β = ρ(T)² for every B when the spectrum lies inside [ℓ, L];
 *   (c) ρ_msq(B) → β as B → ∞: for every r > β some finite B(r) gives ρ_msq(B(r)) ≤ r.
 * Hypotheses: consistent system, row-norm sampling, (α, β) = get_params(A, c = 2).
 * Parameters: d ∈ [2, 4], n ≤ d + 12, κ ∈ [1, 1000]; B = 2^0 … 2^20, then r_j = β(1 + 4^{−j}), j = 1..6.
 * Bounds: (a)–(c) to relative tolerance RADIUS_RTOL = 1e-9.
 *
 * Derivation. 𝓛_B(S) = TSTᵀ + (α²/B)N(S), N(S) = P(E[X S₁₁ X] − H S₁₁ H)Pᵀ, and N maps the PSD cone into
 * itself (E[XSX] − HSH is a covariance). So 𝓛_B ≽ 𝓛_{B'} on the cone for B ≤ B' and ρ is monotone on
 * cone-preserving maps: (a). With B → ∞, 𝓛_∞(S) = TSTᵀ has ρ = ρ(T)² = β (every block of T has modulus
 * √β inside [ℓ, L]), and 𝓛_B ≽ 𝓛_∞ gives (b). Solving S = r⁻¹𝓛_B(S) for the noise through the resolvent
 * of S ↦ TSTᵀ gives ρ_msq(B) ≤ r ⇔ B ≥ ρ(K_r), K_r(Y) = α² Φ(G(r) ∘ Y) a positive operator on d × d
 * matrices independent of B (the operator's exact reduction), which gives the finite B(r) = ρ(K_r) of (c).
 * False variants: "noise helps" (some B with ρ_msq(B) < β) contradicts (b); "stable at batch 1"
 * (ρ_msq(1) < 1) fails because the aggressive step α ≈ 4/λ_max amplifies the batch-1 noise: the second
 * moment diverges below a critical batch (for n = 400, d = 12, κ = 100, √ρ_msq > 1 below B ≈ 256–1024 [N]).
 */
import { defineClaim, instanceParams, type InstanceParams, type Trial } from 'ratecheck';
import { bcwOperator, RADIUS_RTOL, source } from './setup.ts';

const RADIUS_GRID = 20; // B = 2^0 .. 2^20
const LIMIT_POINTS = 6; // r_j = β(1 + 4^{−j})

function radiusTrial(params: InstanceParams): Trial {
  const { problem, bp, op } = bcwOperator(params);
  const beta = bp.momentum;
  return {
    hypotheses: [],
    derived: { stepSize: bp.stepSize, momentum: beta, conditionNumber: problem.conditionNumber, demmelConditionNumber: problem.demmelConditionNumber },
    bounds: [
      { metric: 'radius', relation: 'ge', value: () => beta, floor: 0, rtol: RADIUS_RTOL, cite: 'P4(b): ρ_msq(B) ≥ β = ρ(T)² for every B when the spectrum lies inside [ℓ, L] (derived in this file’s header)' },
      { metric: 'radius', relation: 'le', value: (_t, m) => m.previous, floor: 0, rtol: RADIUS_RTOL, cite: 'P4(a): ρ_msq(B) is non-increasing in B (derived in this file’s header)' },
      { metric: 'radius', relation: 'le', value: (_t, m) => m.limitTarget, floor: 0, rtol: RADIUS_RTOL, cite: 'P4(c): ρ_msq(B) → β: for every r > β some finite B(r) = ρ(K_r) gives ρ_msq(B(r)) ≤ r (derived in this file’s header)' },
    ],
    run(observe, maxIterations) {
      const metrics = { radius: 0, previous: Infinity, limitTarget: Infinity, batchSize: 1 };
      let t = 0;
      for (let i = 0; i <= RADIUS_GRID && t <= maxIterations; i++, t++) {
        metrics.batchSize = 2 ** i;
        metrics.radius = op.radius(metrics.batchSize);
        if (!observe(t, metrics)) return;
        metrics.previous = metrics.radius;
      }
      metrics.previous = Infinity;
      for (let j = 1; j <= LIMIT_POINTS && t <= maxIterations; j++, t++) {
        const r = beta * (1 + Math.pow(4, -j));
        metrics.batchSize = Math.ceil(op.criticalBatch(r));
        metrics.limitTarget = r;
        metrics.radius = op.radius(metrics.batchSize);
        if (!observe(t, metrics)) return;
      }
    },
  };
}

const radiusInstances = (k: [number, number] = [1, 1000]) => instanceParams({ conditionNumber: k, d: [2, 4], extraRows: [0, 12] });

export const msqRadius = defineClaim<InstanceParams>({
  id: 'bcw2024.msq-radius',
  statement: 'With BCW’s parameters, the mean-square rate ρ_msq(B) (spectral radius of the second-moment operator) is non-increasing in B, never below β, and tends to β as B → ∞',
  source: source('mean-square analysis behind the batch-size condition', 'D', 'P4 (cone monotonicity), derived in this file’s header; exact operator and its reduction ρ_msq(B) ≤ r ⇔ B ≥ ρ(K_r)'),
  kind: 'exact-identity',
  expected: 'holds',
  params: radiusInstances(),
  maxIterations: RADIUS_GRID + LIMIT_POINTS + 1,
  instantiate: (p) => radiusTrial(p),
});

/** A different trial from the base claim's: the minimum of ρ_msq(B)/β over B ≤ 2^10, against 1. */
export const noiseHelps = defineClaim<InstanceParams>({
  id: 'bcw2024.noise-helps',
  statement: 'FALSE variant: sampling noise can help, some batch B ≤ 2^10 has ρ_msq(B) < β',
  source: source('mean-square analysis', 'D', 'contradicts P4(b), derived in this file’s header'),
  kind: 'exact-identity',
  expected: 'refuted',
  variantOf: 'bcw2024.msq-radius',
  falseBecause: 'the noise term of the second-moment operator is positive on the PSD cone, so ρ_msq(B) ≥ ρ(T)² = β for every B',
  params: radiusInstances(),
  maxIterations: 1,
  instantiate: (params) => {
    const { bp, op } = bcwOperator(params);
    return {
      hypotheses: [],
      derived: { momentum: bp.momentum },
      bounds: [{ metric: 'minRatio', relation: 'le', value: () => 1, floor: 0, rtol: 0, cite: 'false: min over B ≤ 2^10 of ρ_msq(B)/β < 1' }],
      run(observe) {
        let min = Infinity;
        for (let i = 0; i <= 10; i++) min = Math.min(min, op.radius(2 ** i) / bp.momentum);
        observe(0, { minRatio: min });
      },
    };
  },
});

/** A different trial from the base claim's: ρ_msq(1) alone, against 1. */
export const stableAtBatch1 = defineClaim<InstanceParams>({
  id: 'bcw2024.stable-at-batch-1',
  statement: 'FALSE variant: minibatch heavy ball with BCW’s parameters converges in mean square at every batch size, ρ_msq(1) < 1',
  source: source('batch-size condition (getB)', 'REF-IMPL', 'the theorem needs B ≥ B_true(k*) (reference implementation getB); √ρ_msq > 1 below B ≈ 256–1024 at κ = 100 [N], see this file’s header'),
  kind: 'exact-identity',
  expected: 'refuted',
  variantOf: 'bcw2024.msq-radius',
  falseBecause: 'the aggressive step α ≈ 4/λ_max amplifies the batch-1 noise α²(E[X S X] − HSH): below the critical batch the second moment diverges',
  params: radiusInstances([1.5, 1000]),
  maxIterations: 1,
  instantiate: (params) => {
    const { bp, op } = bcwOperator(params);
    return {
      hypotheses: [],
      derived: { momentum: bp.momentum },
      bounds: [{ metric: 'radius', relation: 'le', value: () => 1, floor: 0, rtol: 0, cite: 'false: ρ_msq(1) < 1' }],
      run(observe) {
        observe(0, { radius: op.radius(1) });
      },
    };
  },
});
