/**
 * Xu, Wang, Zhao, Ward, Tao (NeurIPS 2024), Appendix E, Figures 5 and 6: the initialization's scales.
 *
 * - Figure 5: varying c at d = 20; once c is large enough, raising it barely changes the rate
 *   (L/μ = cond²(X₀) does not depend on c).
 * - Figure 6: Remark 1's general initialization X₀ = c₁AΦ₁, Y₀ = c₂Φ₂ ([Φ₁]_ij ~ N(0, 1/d),
 *   [Φ₂]_ij ~ N(0, 1/n)), c₁ = 50, d = 20, varying c₂: the initial loss grows with c₂, the slope hardly
 *   changes.
 */
import { clone, gaussianMatrix, gemmTN, lineFigure, lowRankFactors, methodSpec, orthonormalBasis, scale as scaleInPlace, spectrum, zeros, lossCurve, meanCurve, curveRows, firstBelow, logSlope, SEEDS, type Curve, type FactorizationProblem, type Figure, type Mat, type Row } from 'ratecheck';
import { paperSetup, thm1Quantities, xuSetup, type XuSetup } from './mf-setup.ts';
import { averagedFactorization, floorLoss, fmt, runOn, sigmaNote } from './figures-common.ts';

// ---------------------------------------------------------------------------------------------
// Figure 5: varying c

export function figure5(d = 20, cOverSqrtD = [1, 5, 20, 50, 200], T = 1200): Figure {
  const data: Row[] = [];
  const summary: Record<string, unknown> = {};
  const base = paperSetup(d);
  const normA = Math.hypot(...spectrum(base.profile, base.r, base.kappa, base.scale));
  const sorts: string[] = cOverSqrtD.map((k) => `c = ${k}√d`);
  for (const method of ['gd', 'nag'] as const) {
    for (const k of cOverSqrtD) {
      const curve = averagedFactorization(base, method, k * Math.sqrt(d), T);
      const label = `c = ${k}√d`;
      summary[`${method} ${label}`] = { diverged: curve.diverged, iterationsTo1e10: firstBelow(curve, 1e-10 * curve.loss[0]), observedLogSlope: logSlope(curve.t, curve.loss, Math.floor(curve.t.length / 10)) };
      data.push(...curveRows(curve, floorLoss(normA), { panel: method, c: label, series: `${method}:${k}` }));
    }
  }
  return lineFigure({
    name: 'xu2024/figure5-varying-c',
    title: 'Xu et al. 2024, Figure 5: varying the initialization scale c (d = 20)',
    caption:
      `Loss against iteration at d = ${d}, mean of ${SEEDS} initializations X₀ = cAΦ, Y₀ = 0 (paper instance, κ = 5; ${sigmaNote}), for c/√d in {${cOverSqrtD.join(', ')}} (the paper's values are not stated; these are chosen around its c = 50√d). ` +
      `GD with η = 2/(L+μ), NAG with η = 1/L, β = (√L−√μ)/(√L+√μ), L, μ from each X₀. Once c is large enough the rate barely changes with c (L/μ = cond²(X₀) does not depend on c).`,
    data,
    panels: (['gd', 'nag'] as const).map((m) => ({
      title: m === 'gd' ? 'GD' : 'NAG',
      where: { panel: m },
      x: { field: 't', title: 'iteration t' },
      y: { field: 'value', title: 'loss (log scale)', log: true },
      color: { field: 'c', title: 'scale', sort: sorts },
      width: 320,
    })),
    meta: { d, seeds: SEEDS, iterations: T, cOverSqrtD, summary },
  });
}

// ---------------------------------------------------------------------------------------------
// Figure 6: Y₀ = c₂Φ₂ ≠ 0 (Remark 1)

/**
 * The exact reduction for Y₀ ∉ row(A): with W an orthonormal basis of [V, Y₀], X_t = U P_t and
 * Y_t = W Q_t for all t (X-updates stay in col(A); Y-updates are combinations of Y(XᵀX) and AᵀX), and
 * ‖R_t‖_F = ‖P_t Q_tᵀ − [Σ 0]‖_F. Returns the problem ([Σ 0], UᵀX₀, WᵀY₀).
 */
export function reduceWithY0(su: XuSetup, X0: Mat, Y0: Mat): FactorizationProblem {
  const { r } = su.params;
  const n = su.V.rows, d = X0.cols;
  const stacked = zeros(n, r + d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < r; j++) stacked.data[i * (r + d) + j] = su.V.data[i * r + j];
    for (let j = 0; j < d; j++) stacked.data[i * (r + d) + r + j] = Y0.data[i * d + j];
  }
  const W = orthonormalBasis(stacked);
  const k = W.cols;
  // A = UΣVᵀ = U [Σ 0] Wᵀ when W's first r columns span col(V): the target in the W basis is Σ VᵀW
  const VtW = zeros(r, k);
  gemmTN(VtW, su.V, W);
  const target = zeros(r, k);
  for (let i = 0; i < r; i++) for (let j = 0; j < k; j++) target.data[i * k + j] = su.sigma[i] * VtW.data[i * k + j];
  const P0 = zeros(r, d);
  gemmTN(P0, su.U, X0);
  const Q0 = zeros(k, d);
  gemmTN(Q0, W, Y0);
  return { A: target, X0: P0, Y0: Q0 };
}

export function figure6(d = 20, c1 = 50, c2s = [0, 0.1, 0.5, 1, 2], T = 1500): Figure {
  const data: Row[] = [];
  const summary: Record<string, unknown> = {};
  const base = paperSetup(d);
  const lr = lowRankFactors(base.seed, base.m, base.n, spectrum(base.profile, base.r, base.kappa, base.scale));
  const normA = Math.hypot(...lr.sigma);
  const sorts = c2s.map((c2) => `c₂ = ${c2}`);
  for (const c2 of c2s) {
    const curves: Curve[] = [];
    for (let k = 0; k < SEEDS; k++) {
      const su = xuSetup(base, base.seed + k, lr);
      const q = thm1Quantities(su, c1);
      const X0 = scaleInPlace(clone(su.APhi), c1);
      const Y0 = scaleInPlace(gaussianMatrix(base.seed + k, 'Phi2', base.n, d, 1 / base.n), c2); // [Φ₂]_ij ~ N(0, 1/n)
      curves.push(lossCurve(runOn(reduceWithY0(su, X0, Y0), methodSpec('gd', q.L, q.mu)), T));
    }
    const curve = meanCurve(curves);
    const label = `c₂ = ${c2}`;
    const start = Math.floor(curve.t.length / 10);
    let end = curve.t.length;
    for (let i = 0; i < curve.t.length; i++) if (curve.loss[i] < floorLoss(normA)) { end = i; break; }
    summary[label] = { initialLoss: curve.loss[0], observedLogSlope: logSlope(curve.t, curve.loss, start, end), diverged: curve.diverged };
    data.push(...curveRows(curve, floorLoss(normA), { c2: label, series: label }));
  }
  return lineFigure({
    name: 'xu2024/figure6-varying-c2',
    title: 'Xu et al. 2024, Figure 6: Y₀ = c₂Φ₂ ≠ 0 (Remark 1), varying c₂',
    caption:
      `GD with η = 2/(L+μ) (L, μ from X₀) from X₀ = c₁AΦ₁ with c₁ = ${c1} and Y₀ = c₂Φ₂, [Φ₂]_ij ~ N(0, 1/n), d = ${d}, mean of ${SEEDS} initializations (paper instance, κ = 5; ${sigmaNote}); c₂ in {${c2s.join(', ')}} (the paper's values are not stated). ` +
      `The initial loss grows with c₂; the slope hardly changes. Fitted slopes of log f: ${Object.entries(summary).map(([k, v]) => `${k}: ${fmt((v as { observedLogSlope: number | null }).observedLogSlope)}`).join(', ')}. ` +
      `Runs on the exact reduction to col(A) x span[V, Y₀].`,
    data,
    panels: [
      {
        title: `c₁ = ${c1}, d = ${d}`,
        x: { field: 't', title: 'iteration t' },
        y: { field: 'value', title: 'loss (log scale)', log: true },
        color: { field: 'c2', title: 'c₂', sort: sorts },
        width: 420,
        height: 260,
      },
    ],
    meta: { d, c1, c2s, seeds: SEEDS, iterations: T, summary },
  });
}
