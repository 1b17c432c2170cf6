/**
 * Initialization audit for two-layer linear networks (Xu, Wang, Zhao, Ward, Tao, NeurIPS 2024, Theorem 3,
 * Section 5's set-up m = 100, n = 80, N = 120, rank(D) = r = 5): initializations (12) and (13) with c
 * around the smallest c meeting Theorem 3's inequality μ̃p ≥ 4√2‖LDᵀ‖_F(1 + p) and at the paper's
 * c = 50√d, and the prior-work Gaussian and orthogonal initializations. For each setting and method:
 * Theorem 3's margin, convergence, observed per-step factor against the theorem's, and whether
 * Theorem 3's bound held along the run. Initialization (14) needs d ≥ m = 100: see audit-width.ts.
 */
import { fmtNumber as f, networkSetup, reduceNetwork, runLinearNetwork, type FactorizationSpec } from 'ratecheck';
import { RESIDUAL_FLOOR } from './mf-setup.ts';
import { networkConstants, networkInit, paperNetwork, scaledProblem, theorem3Threshold, type InitScheme } from './network-setup.ts';
import { theorem3Bounds } from './network-theorem3.ts';
import { auditRowsTable, fitFactor, trace } from './audit-init.ts';


export interface NetworkAuditRow {
  d: number;
  setting: string;
  c: number;
  method: 'gd' | 'nag';
  condX0: number;
  /** LHS/RHS of Theorem 3's μ̃p ≥ 4√2‖LDᵀ‖_F(1 + p): ≥ 1 means met */
  thm3Margin: number;
  converged: boolean;
  iterations: number | null;
  diverged: boolean;
  observedFactor: number | null;
  /** Theorem 3's θ = 1 − √μ̃/(2√L̃) for NAG; 1 − μ̃/L̃ for GD */
  theoremFactor: number;
  /** Theorem 3's bound (stated for NAG; shown for GD as a comparison) */
  boundHeld: boolean;
  firstViolation: number | null;
}

interface NetworkSetting {
  label: string;
  scheme: InitScheme;
  /** c from the threshold of Theorem 3 for this initialization */
  c: (threshold: number, d: number) => number;
}

export function networkSettings(): NetworkSetting[] {
  const out: NetworkSetting[] = [];
  for (const k of [-2, -1, 0, 1, 2]) out.push({ label: `(12) c = ${k === 0 ? '' : `10^${k}·`}c_min(Thm 3)`, scheme: 'unbalanced', c: (thr) => thr * 10 ** k });
  out.push({ label: '(12) c = 50√d (paper)', scheme: 'unbalanced', c: (_t, d) => 50 * Math.sqrt(d) });
  out.push({ label: '(13) c = c_min(Thm 3)', scheme: 'orthonormal', c: (thr) => thr });
  out.push({ label: '(13) c = 50√d', scheme: 'orthonormal', c: (_t, d) => 50 * Math.sqrt(d) });
  out.push({ label: 'Gaussian X₀, Y₀ (prior work), c = 0.1', scheme: 'gaussian', c: () => 0.1 });
  out.push({ label: 'orthogonal X₀, Y₀ (prior work), c = 1', scheme: 'orthogonal', c: () => 1 });
  return out;
}

export function auditInitNetwork(options: { widths?: number[]; seed?: number; iterations?: number; onRow?: (row: NetworkAuditRow) => void } = {}): NetworkAuditRow[] {
  const rows: NetworkAuditRow[] = [];
  for (const d of options.widths ?? [5, 20, 80]) {
    const su = networkSetup(paperNetwork(d, options.seed ?? 1));
    const r = su.params.r;
    for (const setting of networkSettings()) {
      const init = networkInit(su, setting.scheme, d);
      const s1 = init.s[0], sr = init.s[Math.min(r, init.s.length) - 1];
      const c = setting.c(theorem3Threshold(su, s1, sr), d);
      const q = networkConstants(su, s1, sr, c);
      const problem = scaledProblem(su, init, c);
      const exact = setting.scheme === 'unbalanced' || setting.scheme === 'orthonormal';
      // exact reductions: through col(L) and the SVD of D for (12)/(13); through D alone otherwise
      const reduced = reduceNetwork(su, problem, exact ? su.UL : null, !exact) ?? problem;
      const bound = theorem3Bounds({ params: su.params, su, init, k: Math.min(r, init.s.length), c, q, problem })[0];
      const floor = RESIDUAL_FLOOR * su.normL;
      for (const method of ['gd', 'nag'] as const) {
        const spec: FactorizationSpec = method === 'gd' ? { method, stepSize: 2 / (q.Lt + q.mut) } : { method, stepSize: q.stepSize, momentum: Math.min(q.momentum, 1 - 1e-12) };
        const run = trace((observe) => runLinearNetwork(reduced, spec, observe, options.iterations ?? 5000), bound, floor, su.normL, Number.isFinite(spec.stepSize) && spec.stepSize > 0);
        const row: NetworkAuditRow = {
          d,
          setting: setting.label,
          c,
          method,
          condX0: q.condX0,
          thm3Margin: (q.mut * q.p) / (4 * Math.SQRT2 * su.normLDt * (1 + q.p)),
          converged: run.iterations !== null,
          iterations: run.iterations,
          diverged: run.diverged,
          observedFactor: run.diverged ? null : fitFactor(run.ts, run.values),
          theoremFactor: method === 'nag' ? q.theta : 1 - q.mut / q.Lt,
          boundHeld: !run.diverged && run.firstViolation === null,
          firstViolation: run.firstViolation,
        };
        rows.push(row);
        options.onRow?.(row);
      }
    }
  }
  return rows;
}

export function networkAuditTable(rows: NetworkAuditRow[]): string {
  return auditRowsTable(rows, [['Thm3 margin', (r) => r.thm3Margin]], 'Thm3 bound');
}

export function networkAuditFindings(rows: NetworkAuditRow[]): string[] {
  const out: string[] = [];
  for (const d of [...new Set(rows.map((r) => r.d))]) {
    const paper = rows.find((r) => r.d === d && r.setting === '(12) c = 50√d (paper)' && r.method === 'nag');
    if (!paper) continue;
    out.push(
      `d = ${d}: the paper's c = 50√d = ${f(paper.c)} for the network is ${paper.thm3Margin >= 1 ? 'inside' : 'OUTSIDE'} Theorem 3's proven regime (margin ${f(paper.thm3Margin)}); ` +
        `NAG ${paper.converged ? `converged at t = ${paper.iterations}` : 'did not converge in the budget'}`,
    );
  }
  return out;
}
