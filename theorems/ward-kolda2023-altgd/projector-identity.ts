/**
 * Ward, Kolda (NeurIPS 2023): the exact projector identity of AltGD behind the Y-side of the subspace
 * analysis [D], derived here (the paper's text is not available; the identity follows from the update).
 *
 * Statement. With P = I − VVᵀ the orthogonal projector onto the complement of row(A) in ℝⁿ (A = UΣVᵀ, so
 * PAᵀ = 0), AltGD (X first, ./setup.ts) satisfies, for every t and whatever X₀, Y₀,
 *
 *     PY_{t+1} = PY_t(I − ηX_{t+1}ᵀX_{t+1}).
 *
 * Derivation. Y_{t+1} = Y_t − η(X_{t+1}Y_tᵀ − A)ᵀX_{t+1} = Y_t(I − ηX_{t+1}ᵀX_{t+1}) + ηAᵀX_{t+1}, and PAᵀ = 0.
 * Hypotheses: none beyond the method (n > r so that P ≠ 0). Parameters: the initialization and step of
 * ./setup.ts ([U] reading), r ∈ [1, 4], m ∈ [r, 30], n ∈ [r + 1, 30], d ∈ [r, 3r], κ ∈ [1.5, 100]; 150 steps.
 * Bound: the gap ‖PY_{t+1} − PY_t(I − ηX_{t+1}ᵀX_{t+1})‖_F within one step's roundoff allowance
 *   γ_k(S + S' + r(‖Y_{t+1}‖_F + ‖Y_t‖_F)) of ./setup.ts, k = m + n + d, S the scale of the Y-update, S' the scale
 *   of the right-hand side's product ‖Y_t‖_F(1 + η‖X_{t+1}‖²_F), r the width of V.
 *
 * False variant (near miss): the factor I − 0.97ηX_{t+1}ᵀX_{t+1} (the step lowered 3%) leaves a gap
 * 0.03η‖PY_tX_{t+1}ᵀX_{t+1}‖_F, nonzero as soon as PY₀ ≠ 0 (a Gaussian Y₀, n > r), far above roundoff.
 */
import { clone, defineClaim, productRoundoff, frobNorm, gemm, gemmNT, gemmTN, lincomb, variant, withConstruction, zeros } from 'ratecheck';
import type { Mat, Trial } from 'ratecheck';
import { invariantParams } from './invariants.ts';
import { source, wkSetup, type WkParams } from './setup.ts';

/** Z − V(VᵀZ): the component of Z outside row(A). */
function outsideRowA(V: Mat, Z: Mat): Mat {
  const coef = gemmTN(zeros(V.cols, Z.cols), V, Z);
  return lincomb(zeros(Z.rows, Z.cols), 1, Z, -1, gemm(zeros(Z.rows, Z.cols), V, coef));
}

/** AltGD on the dense problem, observing the identity's gap with the factor I − step·ηX_{t+1}ᵀX_{t+1}. */
function identityTrial(p: WkParams, step = 1): Trial {
  const s = wkSetup(p);
  const { A } = s.problem;
  const eta = s.stepSize;
  const k = p.m + p.n + p.d;
  return {
    hypotheses: [],
    derived: { stepSize: eta, factorStep: step * eta },
    bounds: [
      {
        metric: 'gap',
        relation: 'le',
        value: (_t, m) => productRoundoff({ innerDimension: k, steps: 1, stepScale: m.scale, measured: p.r * m.norms }),
        floor: 0,
        cite: `PY_{t+1} = PY_t(I − ${step === 1 ? '' : `${step}`}ηX_{t+1}ᵀX_{t+1}), derived in projector-identity.ts [D], to one step’s roundoff allowance`,
      },
    ],
    run: (observe, maxIterations) => {
      const X = clone(s.problem.X0), Y = clone(s.problem.Y0);
      const R = zeros(p.m, p.n), G = zeros(p.m, p.d), H = zeros(p.n, p.d), XtX = zeros(p.d, p.d);
      const metrics = { gap: 0, scale: 0, norms: 0 };
      for (let t = 0; t <= maxIterations; t++) {
        // X_{t+1} = X_t − η(X_tY_tᵀ − A)Y_t
        lincomb(R, 1, gemmNT(R, X, Y), -1, A);
        lincomb(X, 1, X, -eta, gemm(G, R, Y));
        // Y_{t+1} = Y_t − η(X_{t+1}Y_tᵀ − A)ᵀX_{t+1}
        const PYt = outsideRowA(s.V, Y);
        lincomb(R, 1, gemmNT(R, X, Y), -1, A);
        const residual = frobNorm(R), normYt = frobNorm(Y), normX = frobNorm(X);
        lincomb(Y, 1, Y, -eta, gemmTN(H, R, X));
        // PY_t(I − step·ηX_{t+1}ᵀX_{t+1})
        gemmTN(XtX, X, X);
        const predicted = lincomb(zeros(p.n, p.d), 1, PYt, -step * eta, gemm(zeros(p.n, p.d), PYt, XtX));
        const PY = outsideRowA(s.V, Y);
        metrics.gap = frobNorm(lincomb(PY, 1, PY, -1, predicted));
        metrics.scale = normYt + eta * (residual + normX * normYt) * normX + normYt * (1 + eta * normX * normX);
        metrics.norms = frobNorm(Y) + normYt;
        if (!observe(t, metrics)) return;
      }
    },
  };
}

export const projectorIdentity = defineClaim<WkParams>({
  id: 'ward-kolda2023.rowA-projector-identity',
  statement: 'AltGD, any X₀, Y₀: (I − VVᵀ)Y_{t+1} = (I − VVᵀ)Y_t(I − ηX_{t+1}ᵀX_{t+1}) for all t (A = UΣVᵀ), to one step’s roundoff allowance',
  source: source('exact companion (projector identity)', 'D', 'Y_{t+1} = Y_t(I − ηX_{t+1}ᵀX_{t+1}) + ηAᵀX_{t+1} and (I − VVᵀ)Aᵀ = 0, derived in this file’s header'),
  kind: 'exact-identity',
  expected: 'holds',
  params: invariantParams,
  maxIterations: 150,
  instantiate: (p) => identityTrial(p),
});

/** Changed: the factor's step, 0.97η in place of η. */
export const projectorIdentityStepLowered = variant(
  withConstruction(projectorIdentity, (p) => identityTrial(p, 0.97)),
  {
    id: 'ward-kolda2023.rowA-projector-identity-step-3pct',
    statement: 'FALSE near-miss: (I − VVᵀ)Y_{t+1} = (I − VVᵀ)Y_t(I − 0.97ηX_{t+1}ᵀX_{t+1}), the step in the factor lowered 3%',
    source: { confidence: 'D', note: 'the projector identity with its step lowered 3% (this file’s header)' },
    falseBecause: 'the gap is 0.03η‖(I − VVᵀ)Y_tX_{t+1}ᵀX_{t+1}‖_F, nonzero once the Gaussian Y₀ has a component outside row(A) (n > r), far above roundoff',
    params: invariantParams,
    maxIterations: 150,
  },
);
