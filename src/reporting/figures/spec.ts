/**
 * Declarative figures: vega-lite specifications built as plain objects, with their data inline
 * (`spec.data.values`), so that the JSON written next to every SVG is enough to redraw it. Two shapes
 * cover the project's plots: panels of lines (trajectories against iteration, rates against batch
 * size) with reference rules, and heatmaps (audit tables).
 */

/** One data row: plain JSON values only (non-finite numbers are dropped before they get here). */
export type Row = Record<string, string | number | boolean | null>;

/** A vega-lite specification as a plain object. */
export type VlSpec = Record<string, unknown>;

/** A figure: a file stem (may contain one sub-folder), a title, a caption and its spec with the data inline. */
export interface Figure {
  name: string;
  title: string;
  caption: string;
  spec: VlSpec;
  /** Settings and measured findings (fitted slopes, thresholds), written to the JSON next to the SVG. */
  meta?: Record<string, unknown>;
}

export interface Axis {
  field: string;
  title: string;
  log?: boolean;
  /** Fixed domain (otherwise the data's). */
  domain?: [number, number];
}

export interface Channel {
  field: string;
  title: string;
  /** Order of the legend entries (and of the colors / dash patterns). */
  sort?: string[];
  /** Colors or dash patterns, in the order of `sort`. */
  range?: unknown[];
  /** No legend for this channel. */
  legend?: boolean;
}

/** A reference line: vertical (x) or horizontal (y), with a label. */
export interface Rule {
  x?: number;
  y?: number;
  label: string;
  color?: string;
  /** Horizontal rules: put the label under the line (default above). */
  below?: boolean;
}

export interface LinePanel {
  title: string;
  /** Rows of the figure's data drawn in this panel: every listed field equals its value. */
  where?: Record<string, string | number>;
  x: Axis;
  y: Axis;
  /** The field naming one line; rows of one line share it (default 'series'). */
  line?: string;
  color?: Channel;
  dash?: Channel;
  /** A numeric field for the line width (e.g. the tightest instance drawn thicker). */
  strokeWidth?: string;
  /** Draw points as well as lines. */
  points?: boolean;
  rules?: Rule[];
  width?: number;
  height?: number;
}

export const PALETTE = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2', '#17becf', '#7f7f7f', '#bcbd22'];

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

function isFiniteNumber(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

/**
 * Keep only rows whose listed numeric fields are finite (and positive where the axis is logarithmic):
 * a figure never carries NaN or Infinity, and a log axis never sees a value it cannot place.
 */
export function plottable(rows: Row[], fields: { field: string; positive?: boolean }[]): Row[] {
  return rows.filter((r) => fields.every(({ field, positive }) => isFiniteNumber(r[field]) && (!positive || (r[field] as number) > 0)));
}

function scaleOf(a: Axis): Record<string, unknown> {
  const scale: Record<string, unknown> = { type: a.log ? 'log' : 'linear' };
  if (a.domain) {
    scale.domain = a.domain;
    scale.nice = false;
  }
  if (!a.log) scale.zero = false;
  return scale;
}

/** Log axes spanning two decades or more tick (and label) powers of ten only. */
function axisOf(a: Axis, span: [number, number] | null): Record<string, unknown> {
  if (!a.log) return { grid: true };
  const lo = span ? Math.floor(Math.log10(span[0])) : 0;
  const hi = span ? Math.ceil(Math.log10(span[1])) : 0;
  if (!span || Math.log10(span[1] / span[0]) < 2) {
    // within two decades: ticks at 1, 1.5, 2, 3, 5, 7 times powers of ten (vega labels only the decades)
    const values: number[] = [];
    for (let k = lo; k <= hi; k++) for (const m of [1, 1.5, 2, 3, 5, 7]) values.push(Number((m * 10 ** k).toPrecision(3)));
    const inside = span ? values.filter((v) => v >= span[0] && v <= span[1]) : [];
    return inside.length >= 2 ? { values: inside, format: '~g', grid: true } : { format: '~g', grid: true };
  }
  const every = Math.max(1, Math.ceil((hi - lo) / 8));
  const values: number[] = [];
  for (let k = Math.ceil(lo / every) * every; k <= hi; k += every) values.push(Number(`1e${k}`));
  const label = "datum.value >= 0.001 && datum.value < 100000 ? format(datum.value, '~g') : replace(format(datum.value, '.0e'), 'e+', 'e')";
  return { values, grid: true, labelExpr: label };
}

/** Smallest and largest plottable value of a field over the rows a panel draws. */
function spanOf(rows: Row[], where: Record<string, string | number> | undefined, field: string, log: boolean): [number, number] | null {
  let lo = Infinity, hi = -Infinity;
  for (const r of rows) {
    const v = r[field];
    if (!isFiniteNumber(v) || (log && v <= 0)) continue;
    if (where && !Object.entries(where).every(([k, w]) => r[k] === w)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return lo <= hi ? [lo, hi] : null;
}

function nominal(c: Channel): Record<string, unknown> {
  const enc: Record<string, unknown> = { field: c.field, type: 'nominal', title: c.title };
  if (c.sort) enc.sort = c.sort;
  if (c.sort || c.range) enc.scale = { ...(c.sort ? { domain: c.sort } : {}), ...(c.range ? { range: c.range } : {}) };
  if (c.legend === false) enc.legend = null;
  return enc;
}

function filterOf(where: Record<string, string | number> | undefined, extra: string[]): Record<string, unknown>[] {
  const tests = [...extra];
  for (const [k, v] of Object.entries(where ?? {})) tests.push(`datum[${JSON.stringify(k)}] === ${JSON.stringify(v)}`);
  return tests.length ? [{ filter: tests.join(' && ') }] : [];
}

/** A span widened to the reference rules drawn on that axis (they widen the scale's domain too). */
function withRules(span: [number, number] | null, rules: Rule[] | undefined, axis: 'x' | 'y', log: boolean): [number, number] | null {
  let out = span;
  for (const r of rules ?? []) {
    const v = r[axis];
    if (!isFiniteNumber(v) || (log && v <= 0) || (axis === 'y' && isFiniteNumber(r.x))) continue;
    out = out ? [Math.min(out[0], v), Math.max(out[1], v)] : [v, v];
  }
  return out;
}

function panelSpec(p: LinePanel, rows: Row[]): VlSpec {
  const lineField = p.line ?? 'series';
  const guards = [`isFinite(datum[${JSON.stringify(p.x.field)}])`, `isFinite(datum[${JSON.stringify(p.y.field)}])`];
  if (p.x.log) guards.push(`datum[${JSON.stringify(p.x.field)}] > 0`);
  if (p.y.log) guards.push(`datum[${JSON.stringify(p.y.field)}] > 0`);
  const encoding: Record<string, unknown> = {
    x: { field: p.x.field, type: 'quantitative', title: p.x.title, scale: scaleOf(p.x), axis: axisOf(p.x, p.x.domain ?? withRules(spanOf(rows, p.where, p.x.field, !!p.x.log), p.rules, 'x', !!p.x.log)) },
    y: { field: p.y.field, type: 'quantitative', title: p.y.title, scale: scaleOf(p.y), axis: axisOf(p.y, p.y.domain ?? withRules(spanOf(rows, p.where, p.y.field, !!p.y.log), p.rules, 'y', !!p.y.log)) },
    detail: { field: lineField, type: 'nominal' },
    order: { field: p.x.field, type: 'quantitative' },
  };
  if (p.color) encoding.color = nominal(p.color);
  if (p.dash) encoding.strokeDash = nominal(p.dash);
  if (p.strokeWidth) encoding.strokeWidth = { field: p.strokeWidth, type: 'quantitative', legend: null, scale: { type: 'identity' } };
  const layers: VlSpec[] = [
    {
      transform: filterOf(p.where, guards),
      mark: { type: 'line', clip: true, point: p.points ? { filled: true, size: 18 } : false, ...(p.strokeWidth ? {} : { strokeWidth: 1.6 }) },
      encoding,
    },
  ];
  const height = p.height ?? 220;
  const vertical = (p.rules ?? []).filter((r) => isFiniteNumber(r.x) && (!p.x.log || r.x > 0)).sort((a, b) => (a.x as number) - (b.x as number));
  const horizontal = (p.rules ?? []).filter((r) => !isFiniteNumber(r.x) && isFiniteNumber(r.y) && (!p.y.log || r.y > 0));
  // vertical labels alternate between the top and the bottom of the panel, so that neighbours do not collide
  vertical.forEach((r, i) => {
    const color = r.color ?? '#555555';
    const values = [{ value: r.x as number, label: r.label }];
    const top = i % 2 === 0;
    layers.push(
      { data: { values }, mark: { type: 'rule', strokeDash: [5, 3], strokeWidth: 1.2, color }, encoding: { x: { field: 'value', type: 'quantitative' } } },
      {
        data: { values },
        mark: { type: 'text', angle: 270, align: top ? 'right' : 'left', baseline: 'bottom', dx: 0, dy: -2, fontSize: 10, color },
        encoding: { x: { field: 'value', type: 'quantitative' }, y: { value: top ? 4 : height - 4 }, text: { field: 'label' } },
      },
    );
  });
  for (const r of horizontal) {
    const color = r.color ?? '#555555';
    const values = [{ value: r.y as number, label: r.label }];
    layers.push(
      { data: { values }, mark: { type: 'rule', strokeDash: [2, 2], strokeWidth: 1.2, color }, encoding: { y: { field: 'value', type: 'quantitative' } } },
      {
        data: { values },
        mark: { type: 'text', align: 'right', baseline: r.below ? 'top' : 'bottom', dy: r.below ? 2 : -2, fontSize: 10, color },
        encoding: { y: { field: 'value', type: 'quantitative' }, x: { value: (p.width ?? 300) - 4 }, text: { field: 'label' } },
      },
    );
  }
  return { title: p.title, width: p.width ?? 300, height, layer: layers };
}

export interface LineFigureOptions {
  name: string;
  title: string;
  caption: string;
  data: Row[];
  panels: LinePanel[];
  /** Panels per row (default: all in one row). */
  columns?: number;
  /** One legend per panel (panels colouring different fields); by default panels share their legends. */
  independentLegends?: boolean;
  meta?: Record<string, unknown>;
}

/** Panels of lines sharing one data table; each panel selects its rows with `where`. */
export function lineFigure(o: LineFigureOptions): Figure {
  if (o.panels.length === 0) throw new RangeError(`figure ${o.name} has no panels`);
  const single = o.panels.length === 1;
  const legends = o.independentLegends ? { resolve: { scale: { color: 'independent', strokeDash: 'independent' } } } : {};
  let body: VlSpec;
  if (single) {
    const { title: _panelTitle, ...rest } = panelSpec(o.panels[0], o.data);
    body = rest;
  } else {
    body = { concat: o.panels.map((p) => panelSpec(p, o.data)), columns: o.columns ?? o.panels.length, ...legends };
  }
  const spec: VlSpec = {
    $schema: SCHEMA,
    title: { text: o.title, anchor: 'start', fontSize: 14, offset: 12, ...(single && o.panels[0].title ? { subtitle: o.panels[0].title } : {}) },
    data: { values: o.data },
    config: CONFIG,
    ...body,
  };
  return { name: o.name, title: o.title, caption: o.caption, spec, meta: o.meta };
}

export interface HeatmapOptions {
  name: string;
  title: string;
  caption: string;
  data: Row[];
  x: Channel;
  y: Channel;
  /** The numeric field colouring a cell; rows where it is null are drawn grey. */
  value: { field: string; title: string; log?: boolean; scheme?: string; reverse?: boolean; domain?: [number, number] };
  /** The field printed in each cell. */
  label: string;
  /** Split into one heatmap per value of this field. */
  facet?: { field: string; title: string; sort?: string[] };
  cellWidth?: number;
  cellHeight?: number;
  meta?: Record<string, unknown>;
}

/** A heatmap (ordinal x, ordinal y, coloured by a number, labelled in every cell). */
export function heatmapFigure(o: HeatmapOptions): Figure {
  const xs = o.x.sort ?? [...new Set(o.data.map((r) => String(r[o.x.field])))];
  const ys = o.y.sort ?? [...new Set(o.data.map((r) => String(r[o.y.field])))];
  const cw = o.cellWidth ?? 64, ch = o.cellHeight ?? 22;
  const validValue = `isValid(datum[${JSON.stringify(o.value.field)}]) && isFinite(datum[${JSON.stringify(o.value.field)}])` + (o.value.log ? ` && datum[${JSON.stringify(o.value.field)}] > 0` : '');
  const x = { field: o.x.field, type: 'ordinal', title: o.x.title, sort: xs, axis: { labelAngle: 0, labelLimit: 160 } };
  const y = { field: o.y.field, type: 'ordinal', title: o.y.title, sort: ys, axis: { labelLimit: 320 } };
  const colorScale: Record<string, unknown> = { type: o.value.log ? 'log' : 'linear', scheme: o.value.scheme ?? 'viridis' };
  if (o.value.reverse) colorScale.reverse = true;
  if (o.value.domain) {
    colorScale.domain = o.value.domain;
    colorScale.clamp = true;
  }
  const cell: VlSpec = {
    width: cw * xs.length,
    height: ch * ys.length,
    encoding: { x, y },
    layer: [
      { mark: { type: 'rect', fill: '#dddddd', stroke: 'white' } },
      { transform: [{ filter: validValue }], mark: { type: 'rect', stroke: 'white' }, encoding: { color: { field: o.value.field, type: 'quantitative', title: o.value.title, scale: colorScale } } },
      { mark: { type: 'text', fontSize: 10, color: 'black' }, encoding: { text: { field: o.label, type: 'nominal' } } },
    ],
  };
  const body = o.facet
    ? { facet: { row: { field: o.facet.field, type: 'nominal', title: o.facet.title, ...(o.facet.sort ? { sort: o.facet.sort } : {}) } }, spec: cell }
    : cell;
  const spec: VlSpec = { $schema: SCHEMA, title: { text: o.title, anchor: 'start', fontSize: 14 }, data: { values: o.data }, config: { ...CONFIG, text: { fill: 'black' } }, ...body };
  return { name: o.name, title: o.title, caption: o.caption, spec, meta: o.meta };
}

const CONFIG = {
  aria: false,
  font: 'DejaVu Sans, Helvetica, Arial, sans-serif',
  view: { stroke: '#cccccc' },
  axis: { labelFontSize: 10, titleFontSize: 11, gridColor: '#eeeeee' },
  legend: { labelFontSize: 10, titleFontSize: 11, labelLimit: 260 },
  title: { fontSize: 12 },
  range: { category: PALETTE },
};

/** At most `max` indices of 0..n−1, evenly spread, always keeping the first and the last (and `keep`). */
export function thinIndices(n: number, max: number, keep: number[] = []): number[] {
  if (n <= max) return Array.from({ length: n }, (_, i) => i);
  const out = new Set<number>([0, n - 1]);
  for (const k of keep) if (k >= 0 && k < n) out.add(k);
  const step = (n - 1) / (max - 1);
  for (let i = 1; i < max - 1; i++) out.add(Math.round(i * step));
  return [...out].sort((a, b) => a - b);
}
