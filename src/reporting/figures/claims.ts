/**
 * Per-claim figures: a claim's primary metric and bound against iteration on a log scale, for the
 * tightest instance (or the counterexample) and for a sample of instances, and the observed/bound
 * ratio against iteration. The traces come from `checkInstance(..., { record: true })`, which records
 * the primary bound at every compared iteration (above the roundoff floor).
 */
import fc from 'fast-check';
import { RATE_BUDGET_CAP, checkInstance, type StopReason, type Violation } from '../../checking/instance.ts';
import type { Bound, Claim } from '../../claims/types.ts';
import { fmtNumber } from '../report.ts';
import { PALETTE, lineFigure, thinIndices, type Figure, type LineFigure, type Row } from './spec.ts';

/** Points kept per plotted line. */
export const MAX_POINTS = 80;

export interface TraceRun {
  /** 'tightest', 'counterexample', 'sample 1', ... */
  label: string;
  params: unknown;
  hypothesesMet: boolean;
  /** Names of the hypotheses that failed (when hypothesesMet is false). */
  failedHypotheses: string[];
  metric: string;
  relation: 'le' | 'ge';
  cite: string;
  /** Compared iterations of the primary bound. */
  t: number[];
  observed: number[];
  bound: number[];
  /** The primary bound's roundoff floor (in the metric's scale). */
  floor: number;
  maxRatio: number;
  violation?: Violation;
  stop: StopReason;
  /** Why no trace could be drawn (the claim threw), if so. */
  error?: string;
}

/** Traces kept while a claim was verified (`kept.ts`), for its figure. */
export interface KeptTraces {
  /** The tightest instance's run, when kept. */
  tightest?: Omit<TraceRun, 'label'>;
  /** Each sample's run, in order (undefined: not kept). */
  samples: (Omit<TraceRun, 'label'> | undefined)[];
}

export interface TraceOptions {
  maxIterations: number;
  dense?: boolean;
}

/** Run one instance with recording and keep the primary bound's relation and citation. */
export function traceInstance<P>(claim: Claim<P>, params: P, label: string, options: TraceOptions): TraceRun {
  let primary: Bound | undefined;
  const spy: Claim<P> = {
    ...claim,
    instantiate: (p, o) => {
      const trial = claim.instantiate(p, o);
      primary = trial.bounds[0];
      return trial;
    },
  };
  const base = { label, params, failedHypotheses: [] as string[], metric: '', relation: 'le' as const, cite: '', t: [], observed: [], bound: [], floor: 0, maxRatio: 0, stop: 'method' as StopReason };
  try {
    // the budget cap verify gives an instance whose bound declares its rate: the same trajectory as verified
    const res = checkInstance(spy, params, { maxIterations: options.maxIterations, dense: options.dense, record: true, budgetCap: options.maxIterations * RATE_BUDGET_CAP });
    return {
      ...base,
      hypothesesMet: res.hypothesesMet,
      failedHypotheses: res.hypotheses.filter((h) => !h.holds).map((h) => h.name),
      metric: primary?.metric ?? '',
      relation: primary?.relation ?? 'le',
      cite: primary?.cite ?? '',
      t: res.trace?.t ?? [],
      observed: res.trace?.observed ?? [],
      bound: res.trace?.bound ?? [],
      floor: res.trace?.floor ?? 0,
      maxRatio: res.maxRatio,
      violation: res.firstViolation,
      stop: res.stop,
    };
  } catch (e) {
    return { ...base, hypothesesMet: false, error: (e as Error).message ?? String(e) };
  }
}

/** Instance parameters drawn from the claim's own arbitrary with a fixed seed. */
export function sampleParams<P>(claim: Claim<P>, seed: number, count: number): P[] {
  if (count <= 0) return [];
  return fc.sample(claim.params, { seed, numRuns: count });
}

/** observed/bound for upper bounds, bound/observed for lower bounds: above 1 is a violation. */
export function ratioAt(run: TraceRun, i: number): number {
  const o = run.observed[i], b = run.bound[i];
  const num = run.relation === 'le' ? o : b;
  const den = run.relation === 'le' ? b : o;
  return den === 0 ? (num === 0 ? 0 : Infinity) : num / den;
}

function finitePositive(v: number): boolean {
  return Number.isFinite(v) && v > 0;
}

/**
 * Index of the last meaningful comparison: for an upper bound, the first compared iteration where the
 * observed value has fallen below the roundoff floor (after it, observed sits at roundoff while the bound
 * keeps falling towards the floor, so the ratio would climb without meaning anything); otherwise the last.
 */
export function lastMeaningful(run: TraceRun): number {
  if (run.relation === 'le' && run.floor > 0) {
    for (let i = 0; i < run.t.length; i++) if (run.observed[i] < run.floor) return i;
  }
  return run.t.length - 1;
}

/**
 * The figure's rows for one run (thinned to MAX_POINTS per line, keeping the largest ratio): observed and
 * bound at every compared iteration, the ratio up to the last meaningful comparison (lastMeaningful).
 */
export function traceRows(run: TraceRun, panels: { traces: string; ratio: string }): Row[] {
  const n = run.t.length;
  const lastRatio = lastMeaningful(run);
  let worst = -1, worstRatio = -Infinity;
  for (let i = 0; i < n; i++) {
    const r = ratioAt(run, i);
    if (r > worstRatio) {
      worstRatio = r;
      worst = i;
    }
  }
  const rows: Row[] = [];
  for (const i of thinIndices(n, MAX_POINTS, [worst, lastRatio])) {
    const t = run.t[i];
    if (finitePositive(run.observed[i])) rows.push({ panel: panels.traces, instance: run.label, kind: 'observed', series: `${panels.traces}:${run.label}:observed`, t, value: run.observed[i] });
    if (finitePositive(run.bound[i])) rows.push({ panel: panels.traces, instance: run.label, kind: 'bound', series: `${panels.traces}:${run.label}:bound`, t, value: run.bound[i] });
    const r = ratioAt(run, i);
    if (i <= lastRatio && finitePositive(r)) rows.push({ panel: panels.ratio, instance: run.label, kind: 'ratio', series: `${panels.ratio}:${run.label}`, t, value: r });
  }
  return rows;
}

export interface ClaimFigureInput {
  id: string;
  statement: string;
  /** The tightest instance, or the counterexample of a refuted claim. */
  focus: TraceRun | null;
  samples: TraceRun[];
  /** How the samples were drawn (caption). */
  sampling: string;
  name?: string;
}

function describeRelation(run: TraceRun): string {
  return run.relation === 'le' ? `${run.metric} ≤ bound` : `${run.metric} ≥ bound (lower bound)`;
}

/** The per-claim figure, or null when no instance produced a trace. */
export function claimFigure(input: ClaimFigureInput): LineFigure | null {
  const plotted = [input.focus, ...input.samples].filter((r): r is TraceRun => r !== null && r.hypothesesMet && r.t.length > 0);
  if (plotted.length === 0) return null;
  const focus = input.focus && input.focus.hypothesesMet && input.focus.t.length > 0 ? input.focus : null;
  const samples = input.samples.filter((r) => r.hypothesesMet && r.t.length > 0);
  const ref = focus ?? samples[0];
  const data: Row[] = [];
  if (focus) data.push(...traceRows(focus, { traces: 'focus', ratio: 'ratio' }));
  for (const s of samples) data.push(...traceRows(s, { traces: 'samples', ratio: 'ratio' }));
  const metricTitle = `${ref.metric} (log scale)`;
  const panels = [];
  const instanceSort = [...(focus ? [focus.label] : []), ...samples.map((s) => s.label)];
  const colors = instanceSort.map((_, i) => PALETTE[i % PALETTE.length]);
  if (focus) {
    const rules: { x?: number; y?: number; label: string; color: string; below?: boolean }[] = focus.violation ? [{ x: focus.violation.iteration, label: `violation, t = ${focus.violation.iteration}`, color: '#d62728' }] : [];
    if (lastMeaningful(focus) < focus.t.length - 1) rules.push({ y: focus.floor, label: 'roundoff floor', color: '#7f7f7f', below: true });
    panels.push({
      title: `${focus.label} instance: observed and bound`,
      where: { panel: 'focus' },
      x: { field: 't', title: 'iteration t' },
      y: { field: 'value', title: metricTitle, log: true },
      color: { field: 'kind', title: 'curve', sort: ['observed', 'bound'], range: ['#1f77b4', '#d62728'] },
      dash: { field: 'kind', title: 'curve', sort: ['observed', 'bound'], range: [[1, 0], [6, 3]] },
      rules,
    });
  }
  if (samples.length) {
    panels.push({
      title: `${samples.length} ${focus ? 'other ' : ''}instance${samples.length === 1 ? '' : 's'}: observed (solid), bound (dashed)`,
      where: { panel: 'samples' },
      x: { field: 't', title: 'iteration t' },
      y: { field: 'value', title: metricTitle, log: true },
      // the same colour for an instance here and in the ratio panel
      color: { field: 'instance', title: 'instance', sort: samples.map((s) => s.label), range: colors.slice(focus ? 1 : 0) },
      dash: { field: 'kind', title: 'curve', sort: ['observed', 'bound'], range: [[1, 0], [6, 3]], legend: false },
    });
  }
  panels.push({
    title: ref.relation === 'le' ? 'observed / bound' : 'bound / observed',
    where: { panel: 'ratio' },
    x: { field: 't', title: 'iteration t' },
    y: { field: 'value', title: 'ratio (log scale; above 1 violates)', log: true },
    color: { field: 'instance', title: 'instance', sort: instanceSort, range: colors },
    rules: [{ y: 1, label: 'ratio 1', color: '#d62728' }],
  });
  const notMet = input.samples.filter((r) => !r.hypothesesMet).length;
  const parts = [
    /[.!?]$/.test(input.statement.trim()) ? input.statement.trim() : `${input.statement.trim()}.`,
    `Primary bound: ${describeRelation(ref)} (${ref.cite}); compared at every iteration while the bound is above its roundoff floor.`,
  ];
  const cut = plotted.filter((r) => lastMeaningful(r) < r.t.length - 1).length;
  if (cut) parts.push(`The ratio is drawn up to the first iteration where the observed value falls below that floor (${cut === plotted.length ? 'all instances' : `${cut} of ${plotted.length} instances`}): later comparisons hold trivially, the observed value sitting at roundoff.`);
  if (focus?.violation) {
    const v = focus.violation;
    parts.push(`Counterexample: at t = ${v.iteration}, ${v.metric} = ${fmtNumber(v.observed, 6)} against the bound ${fmtNumber(v.bound, 6)} (${v.cite}).`);
  } else if (focus) {
    parts.push(`Tightest instance: largest ratio ${fmtNumber(focus.maxRatio, 4)} over ${focus.t.length} compared iterations.`);
  }
  parts.push(`${input.sampling}${notMet ? `; ${notMet} of them did not meet the hypotheses and are not drawn` : ''}.`);
  return lineFigure({
    name: input.name ?? `claims/${input.id}`,
    title: input.id,
    caption: parts.join(' '),
    data,
    panels,
    columns: 2,
    independentLegends: true,
    meta: {
      claim: input.id,
      focus: focus ? { label: focus.label, params: focus.params, maxRatio: focus.maxRatio, violation: focus.violation ?? null, stop: focus.stop } : null,
      samples: input.samples.map((s) => ({ label: s.label, params: s.params, hypothesesMet: s.hypothesesMet, failedHypotheses: s.failedHypotheses, maxRatio: s.maxRatio, stop: s.stop, error: s.error ?? null })),
    },
  });
}
