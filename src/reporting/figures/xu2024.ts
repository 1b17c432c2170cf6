/**
 * The figures of Xu, Wang, Zhao, Ward, Tao (NeurIPS 2024), Section 5 and Appendix E, redrawn from the
 * paper's named instances with its stated settings (dossier xu2024-matrix-factorization.md §10,
 * xu2024-linear-networks.md §7):
 *
 * - Figure 1: GD and AltGD with η = 2/(L+μ) overlap; GD with η = 1/L behaves differently;
 * - Figure 2: GD (η = 2/(L+μ)) against NAG (η = 1/L, β = (√L−√μ)/(√L+√μ)) at d = 5, 20, 80, matrix
 *   factorization and the two-layer network; NAG is much faster, a larger d converges faster;
 * - Figure 3: theory against actual at κ = 10 and κ = 100 with c = 200√d, theory curves
 *   (1−μ/L)^{2t} f₀ (GD) and (1−√μ/(2√L))^{2t} f₀ (NAG) for the loss f = ½‖R‖²_F;
 * - Figure 4: Figure 2 at (m, n) = (1200, 1000) and (m, n, N) = (500, 400, 600);
 * - Figure 5: varying c at d = 20; Figure 6: X₀ = c₁AΦ₁, Y₀ = c₂Φ₂, c₁ = 50, d = 20, varying c₂.
 *
 * Matrix factorization runs on the exact reduced problem (Lemma 1): with Y₀ = 0 on (diag σ, UᵀX₀, 0);
 * with Y₀ = c₂Φ₂ ≠ 0 on the target [Σ 0] in the basis [V, W] of row(A) ⊕ span of Y₀'s part outside
 * row(A), where every Y-update is a combination of Y(XᵀX) and AᵀX. Curves average the loss over 10
 * initialization seeds (Φ), as the paper's do, except where a caption says otherwise.
 */
import { gemmTN, scale as scaleInPlace, zeros, clone, type Mat } from '../../linalg/dense.ts';
import { orthonormalBasis } from '../../linalg/decomp.ts';
import { gaussianMatrix, lowRankFactors, spectrum } from '../../problems/low-rank.ts';
import type { FactorizationProblem } from '../../problems/matrix-factorization.ts';
import { methodSpec, runFactorization, type FactorizationSpec } from '../../methods/factorization.ts';
import { RESIDUAL_FLOOR, paperSetup, reducedInit, thm1Quantities, thm2Quantities, xuSetup, type XuParams, type XuSetup } from '../../../theorems/xu2024-matrix-factorization.ts';
import { lineFigure, type Figure, type Row } from './spec.ts';
import { PAPER_WIDTHS, SEEDS, curveRows, firstBelow, logSlope, lossCurve, meanCurve, type Curve } from './curves.ts';

export { PAPER_WIDTHS, SEEDS };

type Observe = (t: number, m: { residualNorm: number }) => boolean;

function runOn(problem: FactorizationProblem, spec: FactorizationSpec) {
  return (observe: Observe, T: number) => runFactorization(problem, spec, observe as never, T);
}

/** Mean loss over SEEDS initializations of the unbalanced init (2) at scale c(d). */
export function averagedFactorization(base: XuParams, method: 'gd' | 'altgd' | 'gd-1/L' | 'nag', c: number, T: number, seeds = SEEDS): Curve & { condX0: number[] } {
  const lr = lowRankFactors(base.seed, base.m, base.n, spectrum(base.profile, base.r, base.kappa, base.scale));
  const curves: Curve[] = [];
  const conds: number[] = [];
  for (let k = 0; k < seeds; k++) {
    const su = xuSetup(base, base.seed + k, lr);
    const q = thm1Quantities(su, c);
    conds.push(q.cond);
    curves.push(lossCurve(runOn(reducedInit(su, c), methodSpec(method, q.L, q.mu)), T));
  }
  return { ...meanCurve(curves), condX0: conds };
}

function floorLoss(normA: number): number {
  const f = RESIDUAL_FLOOR * normA;
  return 0.5 * f * f;
}

const sigmaNote = 'σ₂..σ₄ are not stated in the paper: geometric between σ₁ = 1 and σ₅ here (σ_i = κ^{−(i−1)/4})';

function fmt(v: number | null, digits = 3): string {
  return v !== null && Number.isFinite(v) ? Number(v.toPrecision(digits)).toString() : 'n/a';
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)];
}

// ---------------------------------------------------------------------------------------------
// Figure 1

const FIG1_METHODS = ['GD', 'AltGD', 'GD, η = 1/L'];

export function figure1(network?: NetworkPart, T = 1500): Figure {
  const data: Row[] = [];
  const summary: Record<string, unknown> = {};
  for (const d of PAPER_WIDTHS) {
    const base = paperSetup(d);
    const normA = Math.hypot(...spectrum(base.profile, base.r, base.kappa, base.scale));
    const entry: Record<string, unknown> = {};
    for (const method of ['gd', 'altgd', 'gd-1/L'] as const) {
      const curve = averagedFactorization(base, method, 50 * Math.sqrt(d), T);
      const label = FIG1_METHODS[['gd', 'altgd', 'gd-1/L'].indexOf(method)];
      entry[label] = { medianCondX0: median(curve.condX0), iterationsTo1e10: firstBelow(curve, 1e-10 * curve.loss[0]) };
      data.push(...curveRows(curve, floorLoss(normA), { panel: 'matrix factorization', d: `d = ${d}`, method: label, series: `mf:${d}:${method}` }));
    }
    summary[`d = ${d}`] = entry;
  }
  const meta: Record<string, unknown> = { widths: PAPER_WIDTHS, seeds: SEEDS, iterations: T, c: '50√d', 'matrix factorization': summary };
  const { panels, note } = withNetwork(data, meta, network);
  const widths = PAPER_WIDTHS.map((d) => `d = ${d}`);
  return lineFigure({
    name: 'xu2024/figure1-gd-vs-altgd',
    title: 'Xu et al. 2024, Figure 1: GD and AltGD',
    caption:
      `Loss against iteration at d = 5, 20, 80, mean of ${SEEDS} initializations (2) with c = 50√d: GD (solid) and AltGD (dashed) with η = 2/(L+μ), and the contrast GD with η = 1/L (dotted). ` +
      `Matrix factorization: A ∈ ℝ^{100×80} of rank 5, σ₁ = 1, σ₅ = 0.2 (κ = 5); ${sigmaNote}; L = σ₁²(X₀), μ = σ₅²(X₀).${note} ` +
      `GD and AltGD overlap; GD with η = 1/L behaves differently. Curves stop at the roundoff floor (residual 1e−9 of its initial scale).`,
    data,
    panels: panels.map((p) => ({
      title: p.title,
      where: { panel: p.key },
      x: { field: 't', title: 'iteration t' },
      y: { field: 'value', title: 'loss (log scale)', log: true },
      color: { field: 'd', title: 'width', sort: widths },
      dash: { field: 'method', title: 'method', sort: FIG1_METHODS, range: [[1, 0], [6, 3], [2, 2]] },
      width: 320,
    })),
    meta,
  });
}

/** The network part of a figure: its rows and caption, or why it is left out. */
export type NetworkPart = { rows: Row[]; caption: string; meta: unknown } | { error: string };

function withNetwork(data: Row[], meta: Record<string, unknown>, network: NetworkPart | undefined): { panels: { key: string; title: string }[]; note: string } {
  const panels = [{ key: 'matrix factorization', title: 'matrix factorization ½‖XYᵀ − A‖²_F' }];
  if (network && 'rows' in network) {
    data.push(...network.rows);
    meta.network = network.meta;
    panels.push({ key: 'network', title: 'two-layer linear network ½‖L − XYᵀD‖²_F' });
    return { panels, note: ` ${network.caption}` };
  }
  return { panels, note: network ? ` The network panel is left out: ${network.error}.` : '' };
}

// ---------------------------------------------------------------------------------------------
// Figures 2 and 4 (matrix factorization panel)

function gdVsNagRows(base: (d: number) => XuParams, T: number, panel: string, meta: Record<string, unknown>): Row[] {
  const data: Row[] = [];
  const summary: Record<string, unknown> = {};
  for (const d of PAPER_WIDTHS) {
    const b = base(d);
    const normA = Math.hypot(...spectrum(b.profile, b.r, b.kappa, b.scale));
    const iters: Record<string, number | null> = {};
    let cond = 0;
    for (const method of ['gd', 'nag'] as const) {
      const curve = averagedFactorization(b, method, 50 * Math.sqrt(d), T);
      cond = median(curve.condX0);
      iters[method] = firstBelow(curve, 1e-10 * curve.loss[0]);
      data.push(...curveRows(curve, floorLoss(normA), { panel, d: `d = ${d}`, method: method === 'gd' ? 'GD' : 'NAG', series: `${panel}:${d}:${method}` }));
    }
    summary[`d = ${d}`] = { medianCondX0: cond, iterationsTo1e10: iters };
  }
  meta[panel] = summary;
  return data;
}

// ---------------------------------------------------------------------------------------------
// Figure 3

export interface TheoryPanel {
  kappa: number;
  methods: ('gd' | 'nag')[];
  T: number;
}

export function figure3(d = 20, panels: TheoryPanel[] = [{ kappa: 10, methods: ['gd'], T: 3000 }, { kappa: 100, methods: ['gd', 'nag'], T: 6000 }]): Figure {
  const data: Row[] = [];
  const findings: Record<string, unknown> = {};
  const captionFindings: string[] = [];
  for (const p of panels) {
    const base: XuParams = { ...paperSetup(d), kappa: p.kappa };
    const su = xuSetup(base);
    const c = 200 * Math.sqrt(d);
    const q = thm1Quantities(su, c);
    const q2 = thm2Quantities(su, c);
    const f0 = 0.5 * su.normA * su.normA; // f(X₀, Y₀) = ½‖A‖²_F since Y₀ = 0
    const panel = `κ = ${p.kappa}`;
    for (const method of p.methods) {
      const curve = lossCurve(runOn(reducedInit(su, c), methodSpec(method, q.L, q.mu)), p.T);
      const rate = method === 'gd' ? q.rate : q2.theta; // 1 − μ/L, 1 − √μ/(2√L)
      const name = method === 'gd' ? 'GD' : 'NAG';
      data.push(...curveRows(curve, floorLoss(su.normA), { panel, method: name, curve: 'actual', series: `${panel}:${method}:actual` }));
      const theory: Curve = { t: curve.t, loss: curve.t.map((t) => Math.pow(rate, 2 * t) * f0), diverged: false };
      data.push(...curveRows(theory, floorLoss(su.normA), { panel, method: name, curve: 'theory (T)', series: `${panel}:${method}:theory` }));
      // fitted slope of log f over the part of the run above the floor, after the first tenth (transient)
      let end = curve.t.length;
      for (let i = 0; i < curve.t.length; i++) if (curve.loss[i] < floorLoss(su.normA)) { end = i; break; }
      const start = Math.floor(end / 10);
      const observed = logSlope(curve.t, curve.loss, start, end);
      const theorySlope = 2 * Math.log(rate);
      const ratio = observed === null ? null : observed / theorySlope;
      findings[`${panel} ${name}`] = { condX0: q.cond, L: q.L, mu: q.mu, theoryRate: rate, observedLogSlope: observed, theoryLogSlope: theorySlope, slopeRatio: ratio, fittedOver: [curve.t[start] ?? null, curve.t[Math.max(start, end - 1)] ?? null] };
      captionFindings.push(`${name} at κ = ${p.kappa}: observed slope ${fmt(ratio)}× the theory slope`);
    }
  }
  return lineFigure({
    name: 'xu2024/figure3-theory-vs-actual',
    title: 'Xu et al. 2024, Figure 3: theory against actual (matrix factorization)',
    caption:
      `Loss against iteration for one initialization (seed 1, so that the theory curve uses that draw's L = σ₁²(X₀), μ = σ₅²(X₀)), c = 200√d, d = ${d} (the paper does not state d; 20 here), σ₅ = 1/κ; ${sigmaNote}. ` +
      `Theory curves (dashed, "(T)" in the paper): (1 − μ/L)^{2t} f(X₀,Y₀) for GD and (1 − √μ/(2√L))^{2t} f(X₀,Y₀) for NAG. ` +
      `Fitted slopes of log f: ${captionFindings.join('; ')}. The theory exponents are conservative by about a factor 2 (GD contracts by about (L−μ)/(L+μ) ≈ (1 − μ/L)² per step, NAG by about 1 − √(μ/L)), the tightness finding of \`ratecheck tighten\`; the paper reads the slopes as matching.`,
    data,
    panels: panels.map((p) => ({
      title: `κ = ${p.kappa}${p.methods.length > 1 ? ': GD and NAG' : ': GD'}`,
      where: { panel: `κ = ${p.kappa}` },
      x: { field: 't', title: 'iteration t' },
      y: { field: 'value', title: 'loss (log scale)', log: true },
      color: { field: 'method', title: 'method', sort: ['GD', 'NAG'] },
      dash: { field: 'curve', title: 'curve', sort: ['actual', 'theory (T)'], range: [[1, 0], [6, 3]] },
      width: 320,
    })),
    meta: { d, c: '200√d', seed: 1, findings },
  });
}

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

// ---------------------------------------------------------------------------------------------
// Figures 2 and 4 (both problems); the network rows come from ./network.ts

export interface GdVsNagOptions {
  name: string;
  title: string;
  mfBase: (d: number) => XuParams;
  T: number;
  network?: NetworkPart;
  sizeNote: string;
}

export function gdVsNagFigure(o: GdVsNagOptions): Figure {
  const meta: Record<string, unknown> = { widths: PAPER_WIDTHS, seeds: SEEDS, iterations: o.T };
  const data = gdVsNagRows(o.mfBase, o.T, 'matrix factorization', meta);
  const { panels, note } = withNetwork(data, meta, o.network);
  const widths = PAPER_WIDTHS.map((d) => `d = ${d}`);
  return lineFigure({
    name: o.name,
    title: o.title,
    caption:
      `Loss against iteration, GD (η = 2/(L+μ), solid) and NAG (η = 1/L, β = (√L−√μ)/(√L+√μ), dashed) at d = 5, 20, 80, mean of ${SEEDS} initializations (2) with c = 50√d. ` +
      `Matrix factorization: ${o.sizeNote}, rank 5, σ₁ = 1, σ₅ = 0.2 (κ = 5); ${sigmaNote}.${note} NAG is much faster than GD, and a larger d converges faster (cond(X₀) falls with d).`,
    data,
    panels: panels.map((p) => ({
      title: p.title,
      where: { panel: p.key },
      x: { field: 't', title: 'iteration t' },
      y: { field: 'value', title: 'loss (log scale)', log: true },
      color: { field: 'd', title: 'width', sort: widths },
      dash: { field: 'method', title: 'method', sort: ['GD', 'NAG'], range: [[1, 0], [6, 3]] },
      width: 320,
    })),
    meta,
  });
}

export function figure2(network?: NetworkPart, T = 1500): Figure {
  return gdVsNagFigure({ name: 'xu2024/figure2-gd-vs-nag', title: 'Xu et al. 2024, Figure 2: GD against NAG', mfBase: (d) => paperSetup(d), T, network, sizeNote: 'A ∈ ℝ^{100×80}' });
}

export function figure4(network?: NetworkPart, T = 1500): Figure {
  return gdVsNagFigure({
    name: 'xu2024/figure4-larger',
    title: 'Xu et al. 2024, Figure 4: GD against NAG at larger sizes',
    mfBase: (d) => ({ ...paperSetup(d), m: 1200, n: 1000 }),
    T,
    network,
    sizeNote: 'A ∈ ℝ^{1200×1000}',
  });
}
