/**
 * Xu, Wang, Zhao, Ward, Tao (NeurIPS 2024), Section 5, Figures 1 and 2, and Appendix E, Figure 4: GD, AltGD
 * and NAG on the paper's matrix-factorization instance (figures-common.ts), with the network panel of
 * figures-network.ts beside it.
 *
 * - Figure 1: GD and AltGD with η = 2/(L+μ) overlap; GD with η = 1/L behaves differently;
 * - Figure 2: GD (η = 2/(L+μ)) against NAG (η = 1/L, β = (√L−√μ)/(√L+√μ)) at d = 5, 20, 80; NAG is much
 *   faster, a larger d converges faster;
 * - Figure 4: Figure 2 at (m, n) = (1200, 1000) (and (m, n, N) = (500, 400, 600) for the network).
 */
import { lineFigure, sci, spectrum, curveRows, firstBelow, PAPER_WIDTHS, SEEDS, type Curve, type Figure, type Row } from 'ratecheck';
import { paperSetup, type XuParams } from './mf-setup.ts';
import { averagedFactorization, floorLoss, median, sigmaNote, withNetwork, type NetworkPart } from './figures-common.ts';

// ---------------------------------------------------------------------------------------------
// Figure 1

const FIG1_METHODS = ['GD', 'AltGD', 'GD, η = 1/L'];
/** Every this many rows of an AltGD curve carries a marker (AltGD lies under GD: the markers show it). */
const MARK_EVERY = 12;

/** Largest relative gap |f_AltGD − f_GD| / f_GD over the iterations both curves reach above the floor. */
export function largestGap(gd: Curve, alt: Curve, floor: number): number {
  let gap = 0;
  for (let i = 0; i < Math.min(gd.t.length, alt.t.length); i++) {
    if (!(gd.loss[i] >= floor && alt.loss[i] >= floor)) break;
    gap = Math.max(gap, Math.abs(alt.loss[i] - gd.loss[i]) / gd.loss[i]);
  }
  return gap;
}

/** Flag every MARK_EVERY-th row of each AltGD series (and its last) with `marker: true`. */
export function markAltGd(rows: Row[]): void {
  const seen = new Map<unknown, Row[]>();
  for (const r of rows) if (r.method === 'AltGD') seen.set(r.series, [...(seen.get(r.series) ?? []), r]);
  for (const series of seen.values()) series.forEach((r, i) => (r.marker = i % MARK_EVERY === 0 || i === series.length - 1));
}

function percent(gap: number): string {
  return `${sci(gap * 100, 2)}%`;
}

export function figure1(network?: NetworkPart, T = 1500): Figure {
  const data: Row[] = [];
  const summary: Record<string, unknown> = {};
  const gaps: string[] = [];
  for (const d of PAPER_WIDTHS) {
    const base = paperSetup(d);
    const normA = Math.hypot(...spectrum(base.profile, base.r, base.kappa, base.scale));
    const entry: Record<string, unknown> = {};
    const curves: Partial<Record<string, Curve>> = {};
    for (const method of ['gd', 'altgd', 'gd-1/L'] as const) {
      const curve = averagedFactorization(base, method, 50 * Math.sqrt(d), T);
      curves[method] = curve;
      const label = FIG1_METHODS[['gd', 'altgd', 'gd-1/L'].indexOf(method)];
      entry[label] = { medianCondX0: median(curve.condX0), iterationsTo1e10: firstBelow(curve, 1e-10 * curve.loss[0]) };
      data.push(...curveRows(curve, floorLoss(normA), { panel: 'matrix factorization', d: `d = ${d}`, method: label, series: `mf:${d}:${method}` }));
    }
    entry.altGdRelativeGap = largestGap(curves.gd!, curves.altgd!, floorLoss(normA));
    gaps.push(`${percent(entry.altGdRelativeGap as number)} at d = ${d}`);
    summary[`d = ${d}`] = entry;
  }
  const meta: Record<string, unknown> = { widths: PAPER_WIDTHS, seeds: SEEDS, iterations: T, c: '50√d', 'matrix factorization': summary };
  const { panels, note } = withNetwork(data, meta, network);
  markAltGd(data);
  const widths = PAPER_WIDTHS.map((d) => `d = ${d}`);
  return lineFigure({
    name: 'xu2024/figure1-gd-vs-altgd',
    title: 'Xu et al. 2024, Figure 1: GD and AltGD',
    caption:
      `Loss against iteration at d = 5, 20, 80, mean of ${SEEDS} initializations (2) with c = 50√d: GD (solid) and AltGD (dashed, open circles) with η = 2/(L+μ), and the contrast GD with η = 1/L (dotted). ` +
      `Matrix factorization: A ∈ ℝ¹⁰⁰ˣ⁸⁰ of rank 5, σ₁ = 1, σ₅ = 0.2 (κ = 5); ${sigmaNote}; L = σ₁²(X₀), μ = σ₅²(X₀).${note} ` +
      `AltGD coincides with GD: its curve lies exactly under GD's (the circles mark it); on matrix factorization the two losses differ by at most ${gaps.join(', ')} of GD's loss. ` +
      `GD with η = 1/L behaves differently. Curves stop at the roundoff floor (residual 10⁻⁹ of its initial scale).`,
    data,
    panels: panels.map((p) => ({
      title: p.title,
      where: { panel: p.key },
      x: { field: 't', title: 'iteration t' },
      y: { field: 'value', title: 'loss (log scale)', log: true },
      color: { field: 'd', title: 'width', sort: widths },
      dash: { field: 'method', title: 'method', sort: FIG1_METHODS, range: [[1, 0], [6, 3], [2, 2]] },
      markers: { field: 'marker', shape: 'circle', size: 28 },
      width: 320,
    })),
    meta,
  });
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
  return gdVsNagFigure({ name: 'xu2024/figure2-gd-vs-nag', title: 'Xu et al. 2024, Figure 2: GD against NAG', mfBase: (d) => paperSetup(d), T, network, sizeNote: 'A ∈ ℝ¹⁰⁰ˣ⁸⁰' });
}

export function figure4(network?: NetworkPart, T = 1500): Figure {
  return gdVsNagFigure({
    name: 'xu2024/figure4-larger',
    title: 'Xu et al. 2024, Figure 4: GD against NAG at larger sizes',
    mfBase: (d) => ({ ...paperSetup(d), m: 1200, n: 1000 }),
    T,
    network,
    sizeNote: 'A ∈ ℝ¹²⁰⁰ˣ¹⁰⁰⁰',
  });
}
