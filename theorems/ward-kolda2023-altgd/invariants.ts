/**
 * Exact companions of Ward, Kolda (NeurIPS 2023) [D]: subspace invariants of AltGD under the
 * initialization of ./setup.ts (X₀ ∝ AΦ, Gaussian Y₀), derived here.
 *
 * Statement. With X₀ in col(A), every AltGD iterate X_t stays in col(A), whatever Y₀ is:
 *
 *     col(X_t) ⊆ col(A) for all t.
 *
 * Derivation. X_{t+1} = X_t − η(X_tY_tᵀ − A)Y_t = X_t(I − ηY_tᵀY_t) + ηAY_t: both terms lie in col(A) when
 * X_t does. Checked as ‖(I − UUᵀ)X_t‖_F within the roundoff allowance γ_k((t + 1)S + r‖X_t‖_F) of ./setup.ts
 * (U an orthonormal basis of col(A), k = m + n + d, S = ‖X_t‖_F + η(‖R_t‖_F + ‖X_t‖_F‖Y_t‖_F)‖Y_t‖_F).
 * Hypotheses: d ≥ r, X₀ ∝ AΦ. Parameters: r ∈ [1, 4], m ∈ [r, 30], n ∈ [r + 1, 30], d ∈ [r, 3r], κ ∈ [1.5, 100];
 * 150 iterations.
 *
 * The Y-side analogue fails. With P the orthogonal projector onto the complement of row(A) in ℝⁿ (PAᵀ = 0),
 * PY_{t+1} = PY_t − P(X_{t+1}Y_tᵀ − A)ᵀX_{t+1} = PY_t(I − ηX_{t+1}ᵀX_{t+1}): a component of Y₀ outside row(A)
 * is only multiplied by the factors I − ηX_sᵀX_s, invertible unless ησ_i²(X_s) = 1 exactly, so it stays.
 *
 * False variants:
 *   - the invariant for a Gaussian X₀ (not in col(A)): false at t = 0;
 *   - col(Y_t) ⊆ row(A) for all t under the Gaussian Y₀ = √η D σ₁(A)Ψ: Ψ has components outside row(A)
 *     almost surely when n > r, and by the identity above they remain (with Y₀ = 0 it would hold).
 */
import { atLeast, defineClaim, factorStepScale, fc, frobNorm, gaussianMatrix, logUniform, productRoundoff, runFactorization, scale as scaleInPlace, seedArb, variant } from 'ratecheck';
import type { Trial } from 'ratecheck';
import { dAtLeastR, source, wkSetup, type WkParams } from './setup.ts';

export const invariantParams = fc.integer({ min: 1, max: 4 }).chain((r) =>
  fc.record({
    m: fc.integer({ min: r, max: 30 }),
    n: fc.integer({ min: r + 1, max: 30 }),
    r: fc.constant(r),
    d: fc.integer({ min: r, max: 3 * r }),
    kappa: logUniform(1.5, 100, 32),
    seed: seedArb(),
  }),
);

/** AltGD on the dense problem, measuring the components of X_t outside col(A) (X₀ ∝ AΦ, or Gaussian). */
function colATrial(p: WkParams, x0: 'AΦ' | 'gaussian'): Trial {
  const s = wkSetup(p);
  if (x0 === 'gaussian') {
    const g = gaussianMatrix(p.seed, 'X0-outside', p.m, p.d, 1 / p.d);
    scaleInPlace(g, frobNorm(s.problem.X0) / frobNorm(g));
    s.problem.X0.data.set(g.data);
  }
  const k = p.m + p.n + p.d;
  return {
    hypotheses: [dAtLeastR(p)],
    derived: { stepSize: s.stepSize },
    bounds: [
      {
        metric: 'offColX',
        relation: 'le',
        value: (t, m) => productRoundoff({ innerDimension: k, steps: t + 1, stepScale: factorStepScale(m.normX, m.normY, m.residualNorm, s.stepSize), measured: p.r * m.normX }),
        floor: 0,
        cite: 'X_{t+1} = X_t(I − ηY_tᵀY_t) + ηAY_t ∈ col(A), derived in invariants.ts [D], to the roundoff allowance γ_k((t + 1)S + r‖X_t‖_F)',
      },
    ],
    run: (observe, maxIterations) =>
      runFactorization(s.problem, { method: 'altgd', stepSize: s.stepSize }, observe, maxIterations, { subspaces: { U: s.U, V: s.V } }),
  };
}

export const colAInvariant = defineClaim<WkParams>({
  id: 'ward-kolda2023.colA-invariant-any-Y0',
  statement: 'AltGD from X₀ ∝ AΦ and a Gaussian Y₀: col(X_t) ⊆ col(A) for all t (to the roundoff allowance γ_k((t + 1)S + r‖X_t‖_F))',
  source: source('exact companion', 'D', 'X_{t+1} = X_t(I − ηY_tᵀY_t) + ηAY_t, derived in this file’s header'),
  kind: 'invariant',
  expected: 'holds',
  params: invariantParams,
  maxIterations: 150,
  instantiate: (p) => colATrial(p, 'AΦ'),
});

/** Changed: the instance, a Gaussian X₀ scaled to ‖X₀‖_F in place of X₀ ∝ AΦ. */
export const colAInvariantOutside = variant(
  colAInvariant,
  {
    id: 'ward-kolda2023.colA-invariant-x0-outside',
    statement: 'FALSE variant: col(X_t) ⊆ col(A) also when X₀ is a Gaussian matrix (not in col(A))',
    source: { note: 'the invariant needs X₀ in col(A)' },
    falseBecause: 'a Gaussian X₀ has a component outside col(A) at t = 0',
    params: invariantParams,
  },
  (_paperTrial, p) => colATrial(p, 'gaussian'),
);

/** Changed: the invariant, col(Y_t) ⊆ row(A) in place of col(X_t) ⊆ col(A), with the hypothesis n > r. */
export const rowAInvariantFails = variant(
  colAInvariant,
  {
    id: 'ward-kolda2023.rowA-invariant-gaussian-Y0',
    statement: 'FALSE variant: col(Y_t) ⊆ row(A) for all t under the Ward–Kolda initialization (Gaussian Y₀)',
    source: { note: 'false variant: the Y-side analogue, refuted by PY_{t+1} = PY_t(I − ηX_{t+1}ᵀX_{t+1}) (this file’s header)' },
    falseBecause: 'Ψ has components outside row(A) almost surely when n > r, and PY_{t+1} = PY_t(I − ηX_{t+1}ᵀX_{t+1}) keeps them',
    params: invariantParams,
  },
  (_paperTrial, p) => {
    const s = wkSetup(p);
    return {
      hypotheses: [atLeast('n > r', p.n, p.r + 1)],
      derived: { stepSize: s.stepSize },
      bounds: [{ metric: 'offRowY', relation: 'le', value: (t, m) => productRoundoff({ innerDimension: p.m + p.n + p.d, steps: t + 1, stepScale: factorStepScale(m.normY, m.normX, m.residualNorm, s.stepSize), measured: p.r * m.normY }), floor: 0, cite: 'col(Y_t) ⊆ row(A)' }],
      run: (observe, maxIterations) =>
        runFactorization(s.problem, { method: 'altgd', stepSize: s.stepSize }, observe, maxIterations, { subspaces: { U: s.U, V: s.V } }),
    };
  },
);
