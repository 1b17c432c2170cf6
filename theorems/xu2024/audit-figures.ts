/**
 * Xu, Wang, Zhao, Ward, Tao (NeurIPS 2024): the audit tables as heatmaps. The initialization audit of
 * matrix factorization (audit-init.ts, Theorems 1 and 2: each initialization setting against width and method, coloured by the theorem's
 * hypothesis margin, labelled with convergence and whether the bound held) and the width audit of
 * two-layer linear networks (audit-width.ts, Theorem 3 and Table 1: each initialization and method against the
 * width, coloured by the fraction of draws that converged).
 */
import { heatmapFigure, sci, superscriptPowers, type Figure, type PaperFigure, type Row } from 'ratecheck';
import { auditInit, type AuditRow as InitRow } from './audit-init.ts';
import { defaultAuditConfig, widthAudit, type WidthAuditReport } from './audit-width.ts';

function short(v: number): string {
  return sci(v, 2);
}

/** The three lines of an initialization-audit cell: hypothesis (margin), convergence, bound. */
export function initCellLines(r: InitRow): string[] {
  const margin = r.method === 'gd' ? r.thm1Margin : r.thm2Margin;
  return [
    `hyp. ${margin >= 1 ? '✓' : '✗'} (margin ${short(margin)})`,
    r.diverged ? 'diverged' : r.converged && r.iterations !== null ? `converged at t = ${r.iterations}` : 'not converged',
    r.diverged ? 'bound not compared' : r.boundHeld ? 'bound held ✓' : `bound ✗ from t = ${r.firstViolation ?? '?'}`,
  ];
}

/** The initialization audit: rows = settings, columns = width × method. */
export function initAuditFigure(rows: InitRow[], instance: string): Figure {
  const settings = [...new Set(rows.map((r) => superscriptPowers(r.setting)))];
  const columns: string[] = [];
  const data: Row[] = rows.map((r) => {
    const column = `d = ${r.d}, ${r.method.toUpperCase()}`;
    if (!columns.includes(column)) columns.push(column);
    const margin = r.method === 'gd' ? r.thm1Margin : r.thm2Margin;
    return {
      setting: superscriptPowers(r.setting),
      column,
      logMargin: Number.isFinite(margin) && margin > 0 ? Math.log10(margin) : null,
      label: initCellLines(r).join('\n'),
    };
  });
  return heatmapFigure({
    name: 'audits/init-audit',
    title: 'Initialization audit: hypothesis margin, convergence and bound (matrix factorization)',
    caption:
      `${instance}. Each cell, line 1: whether the theorem's hypothesis holds (hyp. ✓ or ✗), with its margin (Theorem 1's μ²(L−μ)/(144L²‖A‖_F) for GD, Theorem 2's μp/(4√2‖A‖_F(1+p)) for NAG; it holds when the margin is at least 1; colour = log₁₀ of the margin, grey where it is 0); ` +
      'line 2: the first iteration with ‖R_t‖_F ≤ 10⁻⁹‖A‖_F ("not converged" within the budget, or "diverged"); line 3: whether the theorem\'s bound held along the whole run, or the first iteration where it failed. ' +
      'The paper\'s own c = 50√d sits below the margin at small d: the experiments partly run outside the proven regime, yet converge.',
    data,
    x: { field: 'column', title: 'width and method', sort: columns },
    y: { field: 'setting', title: 'initialization', sort: settings },
    value: { field: 'logMargin', title: 'log₁₀ margin', scheme: 'redblue', domain: [-6, 6] },
    label: 'label',
    cellWidth: 160,
    cellHeight: 44,
    lines: 3,
  });
}

/** The width audit: rows = initialization × method, columns = widths tried, colour = fraction converged. */
export function widthAuditFigure(rep: WidthAuditReport): Figure {
  const ys: string[] = [];
  const data: Row[] = [];
  const maxD = Math.max(...rep.rows.flatMap((r) => r.tried.map((t) => t.d)), 1);
  const draws = rep.config.draws;
  for (const row of rep.rows) {
    const y = `${row.label}, ${row.method.toUpperCase()}`;
    ys.push(y);
    for (const t of row.tried) {
      const eckart = t.stops.every((s) => s === 'eckart-young');
      data.push({
        row: y,
        d: String(t.d),
        fraction: t.converged / draws,
        label: eckart ? 'rank' : `${t.converged}/${draws}${t.d === row.smallestWidth ? ' ★' : ''}`,
      });
    }
  }
  const p = rep.instance;
  const requirements = rep.rows
    .map((r) => `${r.label}, ${r.method.toUpperCase()}: smallest width ${r.smallestWidth ?? `none up to ${maxD}`}; required ${r.requirements.map((q) => `${q.statement} (${q.source}${q.value !== null ? `, ${short(q.value)}${q.hiddenConstant ? '·C' : ''}` : ''})`).join('; ')}`)
    .join('. ');
  return heatmapFigure({
    name: 'audits/width-audit',
    title: 'Width audit: smallest width that trains (two-layer linear network)',
    caption:
      `½‖L − XYᵀD‖²_F with m = ${p.m}, n = ${p.n}, N = ${p.N}, rank(L) = ${rep.rankL}, rank(D) = ${rep.rankD}, cond(D) = ${short(rep.condD)}, seed ${p.seed}; ${draws} initialization draws per width, ` +
      `converged = ‖R_t‖_F ≤ ${rep.config.tolerance}‖L‖_F within ${rep.config.maxIterations} iterations. Each cell: draws converged at that width (★ the smallest width where all did; "rank": d < rank(L), so Eckart–Young keeps the residual up); widths above the smallest are not tried. ${requirements}.`,
    data,
    x: { field: 'd', title: 'width d', sort: Array.from({ length: maxD }, (_, i) => String(i + 1)) },
    y: { field: 'row', title: 'initialization and method', sort: ys },
    value: { field: 'fraction', title: 'fraction converged', scheme: 'greens', domain: [0, 1] },
    label: 'label',
    cellWidth: 34,
    cellHeight: 22,
  });
}

/** The audits' figures of the paper. */
export const auditFigures: PaperFigure[] = [
  {
    label: 'initialization audit',
    build: () => [initAuditFigure(auditInit({ widths: [5, 20, 80], seed: 1 }), 'Paper instance m = 100, n = 80, r = 5, κ = 5 (σ₂..σ₄ geometric), seed 1, widths 5, 20, 80, 5000 iterations at most')],
  },
  { label: 'width audit', build: () => [widthAuditFigure(widthAudit(defaultAuditConfig()))] },
];
