/**
 * Initialization audit for matrix factorization (Xu, Wang, Zhao, Ward, Tao, NeurIPS 2024, Theorems 1 and 2, Section 3 set-ups): sweep the initialization
 * scale around the smallest c meeting each theorem's hypothesis, the paper's own c = 50√d and c = 200√d,
 * Remark 1's Y₀ = c₂Φ₂ ≠ 0, an orthonormalized X₀ and a small balanced Gaussian initialization, at the
 * paper's widths. For each setting and method: hypotheses met (with the margin), converged, observed
 * per-step factor against the theorem's, and whether each theorem's bound held along the run.
 */
import {
  alignedTable,
  clone,
  DEFAULT_RTOL,
  fmtNumber as f,
  frobNorm,
  gaussianMatrix,
  reduceFactorization,
  reduceToSpan,
  runFactorization,
  scale,
  svd,
  zeros,
  type Bound,
  type FactorizationProblem,
  type FactorizationSpec,
  type Observer,
} from 'ratecheck';
import {
  RESIDUAL_FLOOR,
  orthonormalized,
  paperSetup,
  thm1CoreBounds,
  thm1Quantities,
  thm1Threshold,
  thm2CoreBounds,
  thm2Quantities,
  thm2Threshold,
  xuSetup,
  type XuSetup,
} from './mf-setup.ts';

export interface AuditSetting {
  label: string;
  /** X₀ and Y₀ for this setting, and the scale c reported (null where none applies). */
  build(su: XuSetup): { problem: FactorizationProblem; c: number | null; su: XuSetup };
}

export interface AuditRow {
  d: number;
  setting: string;
  c: number | null;
  method: 'gd' | 'nag';
  condX0: number;
  /** LHS/RHS of Theorem 1's μ²(L − μ) ≥ 144L²‖A‖_F and Theorem 2's μp ≥ 4√2‖A‖_F(1 + p): ≥ 1 means met. */
  thm1Margin: number;
  thm2Margin: number;
  converged: boolean;
  /** first t with ‖R_t‖_F ≤ 1e-9‖A‖_F */
  iterations: number | null;
  diverged: boolean;
  observedFactor: number | null;
  /** the theorem's per-step factor for this method: 1 − μ/L (GD), 1 − √μ/(2√L) (NAG) */
  theoremFactor: number;
  /** Theorem 1's bound for GD rows, Theorem 2's for NAG rows: 'held' or the first violating iteration */
  boundHeld: boolean;
  firstViolation: number | null;
}

const balancedScale = 1e-3;

export function defaultSettings(): AuditSetting[] {
  const unbalanced = (label: string, c: (su: XuSetup) => number): AuditSetting => ({
    label,
    build: (su) => {
      const cc = c(su);
      return { problem: { A: su.A, X0: scale(clone(su.APhi), cc), Y0: zeros(su.params.n, su.params.d) }, c: cc, su };
    },
  });
  const settings: AuditSetting[] = [];
  for (const k of [-2, -1, 0, 1, 2]) settings.push(unbalanced(`c = ${k === 0 ? '' : `10^${k}·`}c_min(Thm 1)`, (su) => thm1Threshold(su) * 10 ** k));
  for (const k of [-1, 0, 1]) settings.push(unbalanced(`c = ${k === 0 ? '' : `10^${k}·`}c_min(Thm 2)`, (su) => thm2Threshold(su) * 10 ** k));
  settings.push(unbalanced('c = 50√d (paper, Figs 1-2)', (su) => 50 * Math.sqrt(su.params.d)));
  settings.push(unbalanced('c = 200√d (paper, Fig 3)', (su) => 200 * Math.sqrt(su.params.d)));
  for (const c2 of [0.1, 1]) {
    settings.push({
      label: `Remark 1: c₁ = 50, Y₀ = ${c2}·Φ₂ (Fig 6)`,
      build: (su) => {
        const Y0 = scale(gaussianMatrix(su.params.seed, 'Phi2', su.params.n, su.params.d, 1 / su.params.n), c2);
        return { problem: { A: su.A, X0: scale(clone(su.APhi), 50), Y0 }, c: 50, su };
      },
    });
  }
  settings.push({
    label: 'orthonormalized X₀ = 50√d·Orth(AΦ)',
    build: (su) => {
      const o = orthonormalized(su);
      const c = 50 * Math.sqrt(su.params.d);
      return { problem: { A: o.A, X0: scale(clone(o.APhi), c), Y0: zeros(su.params.n, su.params.d) }, c, su: o };
    },
  });
  settings.push({
    label: `small balanced Gaussian (entries N(0, ${balancedScale}²))`,
    build: (su) => {
      const X0 = gaussianMatrix(su.params.seed, 'balanced-X', su.params.m, su.params.d, balancedScale ** 2);
      const Y0 = gaussianMatrix(su.params.seed, 'balanced-Y', su.params.n, su.params.d, balancedScale ** 2);
      return { problem: { A: su.A, X0, Y0 }, c: null, su: { ...su, APhi: X0, s: svd(X0).s } };
    },
  });
  return settings;
}

export interface AuditOptions {
  widths?: number[];
  seed?: number;
  /** iteration budget of each run (all runs use an exact reduced representation) */
  iterations?: number;
  settings?: AuditSetting[];
  onRow?: (row: AuditRow, index: number, total: number) => void;
}

interface RunTrace {
  iterations: number | null;
  firstViolation: number | null;
  diverged: boolean;
  ts: number[];
  values: number[];
}

/**
 * Run one row: stop at convergence (residual ≤ floor) or divergence, record the first iteration where
 * the theorem's bound fails (compared above the floor, as the harness does) and the residual trajectory.
 */
export function trace(run: (observe: Observer) => void, bound: Bound, floor: number, scale: number, valid: boolean): RunTrace {
  const out: RunTrace = { iterations: null, firstViolation: null, diverged: !valid, ts: [], values: [] };
  if (!valid) return out;
  run((t, m) => {
    const r = m.residualNorm;
    if (!Number.isFinite(r) || r > 1e12 * scale) {
      out.diverged = true;
      return false;
    }
    const b = bound.value(t, m);
    if (out.firstViolation === null && b >= floor && !(r <= b * (1 + DEFAULT_RTOL))) out.firstViolation = t;
    if (r <= floor) {
      out.iterations = t;
      return false;
    }
    out.ts.push(t);
    out.values.push(r);
    return true;
  });
  return out;
}

export function fitFactor(ts: number[], values: number[]): number | null {
  const n = values.length;
  if (n < 6) return null;
  const a = Math.floor(n / 2);
  const t0 = ts[a], t1 = ts[n - 1];
  if (t1 <= t0 || !(values[a] > 0) || !(values[n - 1] > 0)) return null;
  return Math.exp(Math.log(values[n - 1] / values[a]) / (t1 - t0));
}

export function auditInit(options: AuditOptions = {}): AuditRow[] {
  const widths = options.widths ?? [5, 20, 80];
  const settings = options.settings ?? defaultSettings();
  const rows: AuditRow[] = [];
  const total = widths.length * settings.length * 2;
  for (const d of widths) {
    const base = xuSetup(paperSetup(d, options.seed ?? 1));
    for (const setting of settings) {
      const { problem, c, su } = setting.build(base);
      // the theorems' quantities from the realized X₀ at scale 1 (the builders already applied c)
      const cEff = 1;
      const s0 = { ...su, s: svd(problem.X0).s };
      const q1 = thm1Quantities(s0, cEff);
      const q2 = thm2Quantities(s0, cEff);
      const normA = su.normA;
      // exact reductions: to (diag σ, UᵀX₀, 0) when X₀ ⊆ col(A) and Y₀ = 0, else to span(U, X₀) × span(V, Y₀)
      const reduced =
        (frobNorm(problem.Y0) === 0 ? reduceFactorization(problem, su.U, su.sigma, su.V) : null) ??
        reduceToSpan(su.U, su.sigma, su.V, problem.X0, problem.Y0).problem;
      const budget = options.iterations ?? 5000;
      for (const method of ['gd', 'nag'] as const) {
        const spec: FactorizationSpec = method === 'gd' ? { method, stepSize: q1.eta } : { method, stepSize: q2.eta, momentum: Math.min(q2.beta, 1 - 1e-12) };
        const bound = (method === 'gd' ? thm1CoreBounds(s0, q1) : thm2CoreBounds(s0, q2))[0];
        const run = trace((observe) => runFactorization(reduced, spec, observe, budget), bound, RESIDUAL_FLOOR * normA, normA, Number.isFinite(spec.stepSize) && spec.stepSize > 0);
        const { iterations, firstViolation, diverged } = run;
        const row: AuditRow = {
          d,
          setting: setting.label,
          c,
          method,
          condX0: q1.cond,
          thm1Margin: (q1.mu * q1.mu * (q1.L - q1.mu)) / (144 * q1.L * q1.L * normA),
          thm2Margin: (q2.mu * q2.p) / (4 * Math.SQRT2 * normA * (1 + q2.p)),
          converged: iterations !== null,
          iterations,
          diverged,
          observedFactor: diverged ? null : fitFactor(run.ts, run.values),
          theoremFactor: method === 'gd' ? q1.rate : q2.theta,
          boundHeld: !diverged && firstViolation === null,
          firstViolation,
        };
        rows.push(row);
        options.onRow?.(row, rows.length, total);
      }
    }
  }
  return rows;
}


export type CommonRow = Pick<AuditRow, 'd' | 'setting' | 'method' | 'condX0' | 'diverged' | 'converged' | 'iterations' | 'observedFactor' | 'theoremFactor' | 'boundHeld' | 'firstViolation'> & { c: number | null };

/** An audit table: the shared columns around each table's theorem margins ('met' from 1 up). */
export function auditRowsTable<R extends CommonRow>(rows: R[], margins: [string, (r: R) => number][], boundColumn: string): string {
  const header = ['d', 'initialization', 'c', 'method', 'cond(X₀)', ...margins.map(([name]) => name), 'converged', 'observed factor', 'theorem factor', boundColumn];
  const body = rows.map((r) => [
    String(r.d),
    r.setting,
    f(r.c),
    r.method.toUpperCase(),
    f(r.condX0),
    ...margins.map(([, margin]) => `${f(margin(r))}${margin(r) >= 1 ? ' met' : ''}`),
    r.diverged ? 'diverged' : r.converged ? `t = ${r.iterations}` : 'no',
    r.observedFactor === null ? '-' : r.observedFactor.toFixed(5),
    r.theoremFactor.toFixed(5),
    r.diverged ? '-' : r.boundHeld ? 'held' : `violated at t = ${r.firstViolation}`,
  ]);
  return alignedTable([header, ...body]);
}

export function auditTable(rows: AuditRow[]): string {
  return auditRowsTable(rows, [['Thm1 margin', (r) => r.thm1Margin], ['Thm2 margin', (r) => r.thm2Margin]], 'bound');
}

/** One line per width on the paper's c = 50√d: inside or outside the proven regime. */
export function auditFindings(rows: AuditRow[]): string[] {
  const out: string[] = [];
  for (const d of [...new Set(rows.map((r) => r.d))]) {
    const paper = rows.find((r) => r.d === d && r.setting.startsWith('c = 50√d') && r.method === 'gd');
    if (!paper) continue;
    const inside1 = paper.thm1Margin >= 1, inside2 = paper.thm2Margin >= 1;
    out.push(
      `d = ${d}: the paper's c = 50√d = ${f(paper.c)} is ${inside1 ? 'inside' : 'OUTSIDE'} Theorem 1's proven regime (margin ${f(paper.thm1Margin)}) and ${inside2 ? 'inside' : 'OUTSIDE'} Theorem 2's (margin ${f(paper.thm2Margin)}); ` +
        `GD ${paper.converged ? `converged at t = ${paper.iterations}` : 'did not converge in the budget'}`,
    );
  }
  return out;
}
