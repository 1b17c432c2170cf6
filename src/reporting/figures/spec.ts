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
  /** Estimated width of the drawing in pixels: the caption drawn inside the SVG is wrapped to it. */
  width?: number;
  /** What a panels-of-lines figure was made from (`lineFigure`): enough to draw it without vega (`lines-svg.ts`). */
  lines?: LineFigureOptions;
}

/** Average advance of one character of DejaVu Sans, as a fraction of the font size. */
const CHAR_EM = 0.6;
/** Font size of the caption lines drawn under a figure's title. */
export const CAPTION_FONT_SIZE = 11;

/** Estimated width in pixels of a one-line text at a font size (DejaVu Sans averages). */
export function textWidth(text: string, fontSize: number): number {
  return [...text].length * fontSize * CHAR_EM;
}

/** Words of `text` wrapped into lines of at most `maxChars` characters (a longer word gets a line of its own). */
export function wrapText(text: string, maxChars: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(/\s+/).filter((w) => w.length > 0)) {
      if (line && [...line].length + 1 + [...word].length > maxChars) {
        lines.push(line);
        line = word;
      } else line = line ? `${line} ${word}` : word;
    }
    if (line) lines.push(line);
  }
  return lines;
}

/**
 * The spec drawn into the SVG file: the figure's spec with its caption as subtitle lines under the
 * title, wrapped to the figure's width, so that the SVG explains itself (the HTML report draws
 * `figure.spec` and puts the caption in a <figcaption> instead).
 */
export function captionedSpec(figure: Figure): VlSpec {
  if (!figure.caption.trim()) return figure.spec;
  const title = (figure.spec.title && typeof figure.spec.title === 'object' ? figure.spec.title : { text: figure.title }) as Record<string, unknown>;
  const before = title.subtitle === undefined ? [] : Array.isArray(title.subtitle) ? (title.subtitle as string[]) : [String(title.subtitle)];
  const maxChars = Math.max(70, Math.floor((figure.width ?? 700) / (CAPTION_FONT_SIZE * CHAR_EM)));
  const lines = wrapText(figure.caption, maxChars);
  return {
    ...figure.spec,
    title: { ...title, subtitle: [...before, ...(before.length ? [''] : []), ...lines], subtitleFontSize: CAPTION_FONT_SIZE, subtitleColor: '#333333', subtitleLineHeight: 14, subtitlePadding: 6, offset: 14 },
  };
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
  /** Horizontal rules: put the label under the line (default above; above when there is no room below). */
  below?: boolean;
}

/** Point markers drawn over a line's rows where `field` is true (e.g. a curve lying exactly under another). */
export interface Markers {
  field: string;
  shape?: string;
  size?: number;
  filled?: boolean;
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
  /** Markers on the rows flagged by a boolean field, coloured as their line. */
  markers?: Markers;
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

/** Pixel position of a value on an axis of `size` pixels over a fixed domain (0 at the domain's start). */
function pixelOf(v: number, domain: [number, number], log: boolean, size: number): number {
  const f = log ? (Math.log(v) - Math.log(domain[0])) / (Math.log(domain[1]) - Math.log(domain[0])) : (v - domain[0]) / (domain[1] - domain[0]);
  return f * size;
}

/** Font size of the reference rules' labels, and the height of one lane of vertical-rule labels. */
const RULE_FONT = 10;
const LANE = 12;

/** A vertical rule's label placed horizontally at the top of the plot: its lane (row) and side of the rule. */
export interface RuleLabelPlacement {
  lane: number;
  align: 'left' | 'right';
}

/**
 * Lanes for the labels of vertical rules at pixel positions `xs` (any order), each label written
 * horizontally beside its rule (to the right, or to the left near the right edge): a label goes into the
 * first lane where it does not overlap the labels already there, so that no two labels collide.
 */
export function ruleLabelLanes(xs: number[], labels: string[], plotWidth: number, fontSize = RULE_FONT): RuleLabelPlacement[] {
  const order = xs.map((_, i) => i).sort((a, b) => xs[a] - xs[b]);
  const placed: [number, number][][] = []; // the extents (pixels) of the labels in each lane
  const out: RuleLabelPlacement[] = new Array(xs.length);
  for (const i of order) {
    const w = textWidth(labels[i], fontSize);
    const right = xs[i] + 3 + w <= plotWidth;
    const [a, b] = right ? [xs[i] + 3, xs[i] + 3 + w] : [xs[i] - 3 - w, xs[i] - 3];
    let lane = 0;
    while (lane < placed.length && placed[lane].some(([s, e]) => a < e + 4 && b + 4 > s)) lane++;
    if (lane === placed.length) placed.push([]);
    placed[lane].push([a, b]);
    out[i] = { lane, align: right ? 'left' : 'right' };
  }
  return out;
}

function panelSpec(p: LinePanel, rows: Row[]): VlSpec {
  const lineField = p.line ?? 'series';
  const width = p.width ?? 300;
  const height = p.height ?? 220;
  const vertical = (p.rules ?? []).filter((r) => isFiniteNumber(r.x) && (!p.x.log || r.x > 0)).sort((a, b) => (a.x as number) - (b.x as number));
  const horizontal = (p.rules ?? []).filter((r) => !isFiniteNumber(r.x) && isFiniteNumber(r.y) && (!p.y.log || r.y > 0));
  // with vertical rules, the x domain is fixed (data and rules, not rounded), so that their labels can be laid out in pixels
  const xSpan = p.x.domain ?? withRules(spanOf(rows, p.where, p.x.field, !!p.x.log), p.rules, 'x', !!p.x.log);
  const xAxis: Axis = vertical.length && !p.x.domain && xSpan && xSpan[0] < xSpan[1] ? { ...p.x, domain: xSpan } : p.x;
  const guards = [`isFinite(datum[${JSON.stringify(p.x.field)}])`, `isFinite(datum[${JSON.stringify(p.y.field)}])`];
  if (p.x.log) guards.push(`datum[${JSON.stringify(p.x.field)}] > 0`);
  if (p.y.log) guards.push(`datum[${JSON.stringify(p.y.field)}] > 0`);
  const x = { field: p.x.field, type: 'quantitative', title: p.x.title, scale: scaleOf(xAxis), axis: axisOf(p.x, xSpan) };
  const y = { field: p.y.field, type: 'quantitative', title: p.y.title, scale: scaleOf(p.y), axis: axisOf(p.y, p.y.domain ?? withRules(spanOf(rows, p.where, p.y.field, !!p.y.log), p.rules, 'y', !!p.y.log)) };
  const encoding: Record<string, unknown> = { x, y, detail: { field: lineField, type: 'nominal' }, order: { field: p.x.field, type: 'quantitative' } };
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
  if (p.markers) {
    const m = p.markers;
    layers.push({
      transform: filterOf(p.where, [...guards, `datum[${JSON.stringify(m.field)}] === true`]),
      mark: { type: 'point', clip: true, shape: m.shape ?? 'circle', size: m.size ?? 30, filled: m.filled ?? false, strokeWidth: 1.2, opacity: 1 },
      encoding: { x, y, ...(p.color ? { color: nominal(p.color) } : {}) },
    });
  }
  // vertical labels: horizontal text at the top of the plot, in lanes so that neighbours never collide
  const xs = vertical.map((r, i) => (xAxis.domain ? pixelOf(r.x as number, xAxis.domain, !!p.x.log, width) : (width * (i + 1)) / (vertical.length + 1)));
  const lanes = ruleLabelLanes(xs, vertical.map((r) => r.label), width);
  vertical.forEach((r, i) => {
    const color = r.color ?? '#555555';
    const values = [{ value: r.x as number, label: r.label }];
    const { lane, align } = lanes[i];
    layers.push(
      { data: { values }, mark: { type: 'rule', strokeDash: [5, 3], strokeWidth: 1.2, color }, encoding: { x: { field: 'value', type: 'quantitative' } } },
      {
        data: { values },
        mark: { type: 'text', align, baseline: 'top', dx: align === 'left' ? 3 : -3, fontSize: RULE_FONT, color },
        encoding: { x: { field: 'value', type: 'quantitative' }, y: { value: 3 + lane * LANE }, text: { field: 'label' } },
      },
    );
  });
  for (const r of horizontal) {
    const color = r.color ?? '#555555';
    const values = [{ value: r.y as number, label: r.label }];
    // a label goes under its line only where there is room for it inside the plot (it would be clipped by the axis)
    const fromBottom = p.y.domain ? pixelOf(r.y as number, p.y.domain, !!p.y.log, height) : Infinity;
    const below = r.below === true && fromBottom >= LANE + 2;
    layers.push(
      { data: { values }, mark: { type: 'rule', strokeDash: [2, 2], strokeWidth: 1.2, color }, encoding: { y: { field: 'value', type: 'quantitative' } } },
      {
        data: { values },
        mark: { type: 'text', align: 'right', baseline: below ? 'top' : 'bottom', dy: below ? 2 : -2, fontSize: RULE_FONT, color },
        encoding: { y: { field: 'value', type: 'quantitative' }, x: { value: width - 4 }, text: { field: 'label' } },
      },
    );
  }
  return { title: p.title, width, height, layer: layers };
}

/** Estimated width in pixels of a legend for these channels (0 without any). */
function legendWidth(channels: (Channel | undefined)[]): number {
  let chars = 0;
  for (const c of channels) if (c && c.legend !== false) chars = Math.max(chars, [...c.title].length, ...(c.sort ?? []).map((s) => [...s].length + 3));
  return chars ? chars * 10 * CHAR_EM + 30 : 0;
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
/** A panels-of-lines figure: it always carries what it was made from. */
export type LineFigure = Figure & { lines: LineFigureOptions };

export function lineFigure(o: LineFigureOptions): LineFigure {
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
  const columns = single ? 1 : Math.min(o.columns ?? o.panels.length, o.panels.length);
  const panelWidths = o.panels.map((p) => (p.width ?? 300) + 80 + (o.independentLegends ? legendWidth([p.color, p.dash]) : 0));
  let width = 0;
  for (let c = 0; c < columns; c++) width += Math.max(...panelWidths.filter((_, i) => i % columns === c));
  if (!o.independentLegends) width += legendWidth(o.panels.flatMap((p) => [p.color, p.dash]));
  return { name: o.name, title: o.title, caption: o.caption, spec, meta: o.meta, width, lines: o };
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
  /** The field printed in each cell ('\n' breaks lines). */
  label: string;
  /** Lines of every cell's label (they are centred in the cell; default 1). */
  lines?: number;
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
  const v = `datum[${JSON.stringify(o.value.field)}]`;
  const validValue = `isValid(${v}) && isFinite(${v})` + (o.value.log ? ` && ${v} > 0` : '');
  // full labels: no truncation of the axis labels (vega's labelLimit 0 means no limit)
  const x = { field: o.x.field, type: 'ordinal', title: o.x.title, sort: xs, axis: { labelAngle: 0, labelLimit: 0 } };
  const y = { field: o.y.field, type: 'ordinal', title: o.y.title, sort: ys, axis: { labelLimit: 0 } };
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
      {
        // one line per '\n' of the label; white on dark cells, black on light ones (whichever contrasts more)
        mark: { type: 'text', fontSize: 10, lineBreak: '\n', lineHeight: 12, dy: -((o.lines ?? 1) - 1) * 6 },
        encoding: { text: { field: o.label, type: 'nominal' }, color: { condition: { test: darkCell(v, validValue), value: 'white' }, value: 'black' } },
      },
    ],
  };
  const body = o.facet
    ? { facet: { row: { field: o.facet.field, type: 'nominal', title: o.facet.title, ...(o.facet.sort ? { sort: o.facet.sort } : {}) } }, spec: cell }
    : cell;
  const spec: VlSpec = { $schema: SCHEMA, title: { text: o.title, anchor: 'start', fontSize: 14 }, data: { values: o.data }, config: CONFIG, ...body };
  const labelChars = Math.max(0, ...ys.map((s) => [...s].length));
  const width = labelChars * 10 * CHAR_EM + 40 + cw * xs.length + 90 + (o.facet ? 60 : 0);
  return { name: o.name, title: o.title, caption: o.caption, spec, meta: o.meta, width };
}

/**
 * A vega expression: the cell's colour contrasts more with white than with black (WCAG relative
 * luminance below 0.179), read from the colour scale itself so that it holds for any scheme.
 */
export function darkCell(value: string, valid: string): string {
  return `(${valid}) && luminance(scale('color', ${value})) < 0.179`;
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

const SUPERSCRIPT: Record<string, string> = { '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹', '-': '⁻', '−': '⁻', '+': '' };

/** An integer exponent in superscript digits (−12 → ⁻¹²). */
export function superscript(n: number | string): string {
  return [...String(n)].map((c) => SUPERSCRIPT[c] ?? c).join('');
}

/** Powers written `10^-2` or `10^{-2}` in a text, rewritten with superscripts (10⁻²). */
export function superscriptPowers(text: string): string {
  return text.replace(/\^\{?([−+-]?\d+)\}?/g, (_, e: string) => superscript(e));
}

/**
 * A number for a figure's labels: plain with `digits` significant digits between 0.01 and 10⁴ (and 0),
 * otherwise m·10ᵏ with superscript exponent (10ᵏ alone when m is 1): 2e-3 → 2·10⁻³, 1e-4 → 10⁻⁴.
 */
export function sci(v: number, digits = 2): string {
  if (!Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  if (v === 0 || (a >= 0.01 && a < 1e4)) return Number(v.toPrecision(digits)).toString();
  const [m, e] = v.toExponential(digits - 1).split('e');
  const mantissa = Number(m).toString();
  const power = `10${superscript(Number(e))}`;
  return mantissa === '1' ? power : mantissa === '-1' ? `−${power}` : `${mantissa.replace('-', '−')}·${power}`;
}
