/**
 * Panels of lines (`lineFigure`) drawn straight to SVG, without vega: the report's per-claim figures
 * are simple (lines on linear/log axes, reference rules, legends), and drawing them directly takes a
 * fraction of a millisecond each where compiling and rendering them with vega took tens. The layout
 * follows vega's for the same spec: each panel's title above its plot, tick labels and axis titles
 * around it, its legend to its right (or one legend for all panels, at the right of the figure), the
 * panels in rows of `columns`. Log axes tick as `axisOf` in spec.ts does. `ratecheck figures` still
 * renders with vega (its SVG files are standalone and captioned).
 */
import { measureText } from './render.ts';
import { PALETTE, ruleLabelLanes, type Axis, type Channel, type LineFigureOptions, type LinePanel, type Row } from './spec.ts';

const TICK_FONT = 10;
const AXIS_TITLE_FONT = 11;
const PANEL_TITLE_FONT = 12;
const TITLE_FONT = 14;
const RULE_FONT = 10;
const LANE = 12;
const LEGEND_ROW = 16;

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A coordinate rounded to 0.1 px (what the page keeps of vega's SVG as well). */
function px(v: number): string {
  const r = Math.round(v * 10) / 10;
  return String(r === 0 ? 0 : r);
}

function width(text: string, fontSize: number, bold = false): number {
  return measureText({ text, fontSize, fontWeight: bold ? 'bold' : undefined });
}

function isFiniteNumber(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

/** A linear tick step: 1, 2 or 5 times a power of ten, giving about `count` ticks over the span. */
export function tickStep(lo: number, hi: number, count: number): number {
  const raw = Math.abs(hi - lo) / Math.max(1, count);
  if (!(raw > 0) || !Number.isFinite(raw)) return 1;
  const power = 10 ** Math.floor(Math.log10(raw));
  const e = raw / power;
  return (e >= 7.07 ? 10 : e >= 3.16 ? 5 : e >= 1.41 ? 2 : 1) * power;
}

/** A linear tick label with thousands separators and the decimals the step needs (vega's default format). */
export function linearLabel(v: number, step: number): string {
  const decimals = Math.max(0, Math.min(12, -Math.floor(Math.log10(step) + 1e-9)));
  const [int, frac] = Math.abs(v).toFixed(decimals).split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const sign = v < 0 && Number(Math.abs(v).toFixed(decimals)) !== 0 ? '−' : '';
  return sign + grouped + (frac ? `.${frac}` : '');
}

/** A log tick label: plain between 0.001 and 10⁵, otherwise 1e-25 (as the spec's labelExpr writes them). */
export function logLabel(v: number): string {
  if (v >= 0.001 && v < 100000) return String(Number(v.toPrecision(6)));
  const [m, e] = v.toExponential(0).split('e');
  return `${m}e${e.replace('+', '')}`;
}

interface Scale {
  domain: [number, number];
  log: boolean;
  ticks: { value: number; label: string }[];
  /** Position in [0, 1] along the axis. */
  at(v: number): number;
}

/** The span of a field over a panel's rows, widened to its reference rules. */
function spanOf(rows: Row[], field: string, log: boolean, rules: number[]): [number, number] | null {
  let lo = Infinity, hi = -Infinity;
  const take = (v: unknown) => {
    if (!isFiniteNumber(v) || (log && v <= 0)) return;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  };
  for (const r of rows) take(r[field]);
  for (const v of rules) take(v);
  return lo <= hi ? [lo, hi] : null;
}

/** Log ticks as spec.ts's axisOf gives them: decades (every k-th past eight), or 1–1.5–2–3–5–7 within two decades. */
function logTicks(span: [number, number]): number[] {
  const lo = Math.floor(Math.log10(span[0])), hi = Math.ceil(Math.log10(span[1]));
  if (Math.log10(span[1] / span[0]) < 2) {
    const values: number[] = [];
    for (let k = lo; k <= hi; k++) for (const m of [1, 1.5, 2, 3, 5, 7]) values.push(Number((m * 10 ** k).toPrecision(3)));
    const inside = values.filter((v) => v >= span[0] && v <= span[1]);
    if (inside.length >= 2) return inside;
    const out: number[] = [];
    for (let k = lo; k <= hi; k++) for (const m of [1, 2, 3, 5]) out.push(Number((m * 10 ** k).toPrecision(3)));
    return out;
  }
  const every = Math.max(1, Math.ceil((hi - lo) / 8));
  const out: number[] = [];
  for (let k = Math.ceil(lo / every) * every; k <= hi; k += every) out.push(Number(`1e${k}`));
  return out;
}

function makeScale(axis: Axis, span: [number, number] | null, pixels: number, fixed: boolean): Scale {
  const log = !!axis.log;
  let domain: [number, number] = axis.domain ?? span ?? (log ? [1, 10] : [0, 1]);
  let values: number[];
  if (log) {
    // vega's nice log domain: out to whole decades (unless the domain is fixed)
    const all = logTicks(domain);
    if (!fixed && !axis.domain) domain = [10 ** Math.floor(Math.log10(domain[0]) + 1e-12), 10 ** Math.ceil(Math.log10(domain[1]) - 1e-12)];
    if (domain[0] === domain[1]) domain = [domain[0] / 10, domain[1] * 10];
    values = all.filter((v) => v >= domain[0] * (1 - 1e-9) && v <= domain[1] * (1 + 1e-9));
  } else {
    if (domain[0] === domain[1]) domain = [domain[0] - 1, domain[1] + 1];
    const step = tickStep(domain[0], domain[1], Math.ceil(pixels / 40));
    if (!fixed && !axis.domain) domain = [Math.floor(domain[0] / step) * step, Math.ceil(domain[1] / step) * step];
    values = [];
    for (let v = Math.ceil(domain[0] / step - 1e-9) * step; v <= domain[1] + step * 1e-9; v += step) values.push(Math.abs(v) < step * 1e-9 ? 0 : v);
  }
  const [a, b] = domain;
  const la = Math.log(a), lb = Math.log(b);
  const at = log ? (v: number) => (Math.log(v) - la) / (lb - la) : (v: number) => (v - a) / (b - a);
  const step = values.length > 1 ? values[1] - values[0] : 1;
  return { domain, log, at, ticks: values.map((v) => ({ value: v, label: log ? logLabel(v) : linearLabel(v, step) })) };
}

/** The colour (or dash pattern) of a value of a channel: its place in `sort`, or in order of appearance. */
function channelValue<T>(c: Channel | undefined, value: unknown, seen: string[], defaults: readonly T[]): T | undefined {
  if (!c) return undefined;
  const key = String(value);
  const order = c.sort ?? seen;
  let i = order.indexOf(key);
  if (i < 0) {
    if (c.sort) return undefined;
    seen.push(key);
    i = seen.length - 1;
  }
  const range = (c.range as T[] | undefined) ?? defaults;
  return range[i % range.length];
}

function dashAttr(pattern: unknown): string {
  if (!Array.isArray(pattern) || pattern.length === 0 || (pattern.length === 2 && pattern[1] === 0)) return '';
  return ` stroke-dasharray="${pattern.join(',')}"`;
}

interface Legend {
  title: string;
  entries: { label: string; color: string; dash: unknown }[];
}

/** A panel's legends: colour and dash on the same field make one legend (as vega merges them). */
function panelLegends(p: LinePanel, seenColors: string[], seenDash: string[]): Legend[] {
  const out: Legend[] = [];
  const color = p.color && p.color.legend !== false ? p.color : undefined;
  const dash = p.dash && p.dash.legend !== false ? p.dash : undefined;
  const domain = (c: Channel, seen: string[]) => c.sort ?? seen;
  if (color && dash && color.field === dash.field) {
    out.push({ title: color.title, entries: domain(color, seenColors).map((v) => ({ label: v, color: channelValue(color, v, seenColors, PALETTE) ?? PALETTE[0], dash: channelValue(dash, v, seenDash, [[1, 0]]) })) });
    return out;
  }
  if (color) out.push({ title: color.title, entries: domain(color, seenColors).map((v) => ({ label: v, color: channelValue(color, v, seenColors, PALETTE) ?? PALETTE[0], dash: [1, 0] })) });
  if (dash) out.push({ title: dash.title, entries: domain(dash, seenDash).map((v) => ({ label: v, color: '#555555', dash: channelValue(dash, v, seenDash, [[1, 0]]) })) });
  return out;
}

function legendWidth(legends: Legend[]): number {
  let w = 0;
  for (const l of legends) {
    w = Math.max(w, width(l.title, AXIS_TITLE_FONT, true));
    for (const e of l.entries) w = Math.max(w, 20 + width(e.label, TICK_FONT));
  }
  return w > 0 ? w + 24 : 0;
}

function legendHeight(legends: Legend[]): number {
  return legends.reduce((h, l) => h + 18 + l.entries.length * LEGEND_ROW + 8, 0);
}

function drawLegends(legends: Legend[], x: number, y: number): string {
  let out = '';
  let top = y;
  for (const l of legends) {
    out += `<text x="${px(x)}" y="${px(top + 10)}" font-size="${AXIS_TITLE_FONT}" font-weight="bold">${esc(l.title)}</text>`;
    top += 18;
    for (const e of l.entries) {
      const cy = top + LEGEND_ROW / 2;
      out += `<path d="M${px(x)},${px(cy)}h12" stroke="${esc(e.color)}" stroke-width="1.6"${dashAttr(e.dash)}/>`;
      out += `<text x="${px(x + 18)}" y="${px(cy + 3.5)}">${esc(e.label)}</text>`;
      top += LEGEND_ROW;
    }
    top += 8;
  }
  return out;
}

/** The smallest stride (1, 2, 4, ...) at which centred tick labels along an axis of `size` pixels do not overlap. */
export function labelStride(labels: { x: number; w: number }[], size: number): number {
  const extent = (l: { x: number; w: number }) => (l.x < 1 ? [l.x, l.x + l.w] : l.x > size - 1 ? [l.x - l.w, l.x] : [l.x - l.w / 2, l.x + l.w / 2]);
  let stride = 1;
  while (stride < labels.length) {
    let ok = true;
    for (let i = stride; i < labels.length && ok; i += stride) ok = extent(labels[i - stride])[1] + 3 <= extent(labels[i])[0];
    if (ok) break;
    stride *= 2;
  }
  return stride;
}

/** One panel laid out: its size around the plot and its drawing (at the origin of the plot area). */
interface PanelDrawing {
  left: number;
  plotWidth: number;
  plotHeight: number;
  legends: Legend[];
  body: string;
}

let clipCounter = 0;

function drawPanel(p: LinePanel, data: Row[], clipId: string): PanelDrawing {
  const w = p.width ?? 300, h = p.height ?? 220;
  const where = Object.entries(p.where ?? {});
  const rows = data.filter((r) => where.every(([k, v]) => r[k] === v) && isFiniteNumber(r[p.x.field]) && isFiniteNumber(r[p.y.field]) && (!p.x.log || (r[p.x.field] as number) > 0) && (!p.y.log || (r[p.y.field] as number) > 0));
  const vertical = (p.rules ?? []).filter((r) => isFiniteNumber(r.x) && (!p.x.log || r.x > 0)).sort((a, b) => (a.x as number) - (b.x as number));
  const horizontal = (p.rules ?? []).filter((r) => !isFiniteNumber(r.x) && isFiniteNumber(r.y) && (!p.y.log || r.y > 0));
  // with vertical rules the x domain is the data's and the rules' (not rounded), as in spec.ts
  const xSpan = spanOf(rows, p.x.field, !!p.x.log, vertical.map((r) => r.x as number));
  const ySpan = spanOf(rows, p.y.field, !!p.y.log, horizontal.map((r) => r.y as number));
  const xs = makeScale(p.x, xSpan, w, vertical.length > 0 && xSpan !== null && xSpan[0] < xSpan[1]);
  const ys = makeScale(p.y, ySpan, h, false);
  const X = (v: number) => xs.at(v) * w;
  const Y = (v: number) => h - ys.at(v) * h;
  let body = '';
  // grid and frame
  // one path per stroke style: the same pixels as a path per line, in a fraction of the bytes
  const grid = xs.ticks.map((t) => `M${px(X(t.value))},0v${h}`).join('') + ys.ticks.map((t) => `M0,${px(Y(t.value))}h${w}`).join('');
  if (grid) body += `<path d="${grid}" stroke="#eeeeee"/>`;
  body += `<rect x="0.5" y="0.5" width="${w}" height="${h}" fill="none" stroke="#cccccc"/>`;
  // lines, clipped to the plot
  const lineField = p.line ?? 'series';
  const series = new Map<string, Row[]>();
  for (const r of rows) {
    const k = String(r[lineField]);
    const list = series.get(k);
    if (list) list.push(r);
    else series.set(k, [r]);
  }
  const seenColors: string[] = [], seenDash: string[] = [];
  let lines = '';
  for (const list of series.values()) {
    list.sort((a, b) => (a[p.x.field] as number) - (b[p.x.field] as number));
    const first = list[0];
    const color = channelValue(p.color, p.color ? first[p.color.field] : undefined, seenColors, PALETTE) ?? PALETTE[0];
    const dash = channelValue(p.dash, p.dash ? first[p.dash.field] : undefined, seenDash, [[1, 0]] as unknown[]);
    const sw = p.strokeWidth && isFiniteNumber(first[p.strokeWidth]) ? (first[p.strokeWidth] as number) : 1.6;
    const d = list.map((r, i) => `${i ? 'L' : 'M'}${px(X(r[p.x.field] as number))},${px(Y(r[p.y.field] as number))}`).join('');
    lines += `<path d="${d}" fill="none" stroke="${esc(color)}" stroke-width="${sw}"${dashAttr(dash)}/>`;
    if (p.points) for (const r of list) lines += `<circle cx="${px(X(r[p.x.field] as number))}" cy="${px(Y(r[p.y.field] as number))}" r="2.4" fill="${esc(color)}"/>`;
    if (p.markers) for (const r of list) if (r[p.markers.field] === true) lines += `<circle cx="${px(X(r[p.x.field] as number))}" cy="${px(Y(r[p.y.field] as number))}" r="${px(Math.sqrt((p.markers.size ?? 30) / Math.PI))}" fill="${p.markers.filled ? esc(color) : 'none'}" stroke="${esc(color)}" stroke-width="1.2"/>`;
  }
  body += `<clipPath id="${clipId}"><rect width="${w}" height="${h}"/></clipPath><g clip-path="url(#${clipId})">${lines}</g>`;
  // reference rules and their labels
  const vx = vertical.map((r) => X(r.x as number));
  const lanes = ruleLabelLanes(vx, vertical.map((r) => r.label), w);
  vertical.forEach((r, i) => {
    const color = esc(r.color ?? '#555555');
    const { lane, align } = lanes[i];
    body += `<path d="M${px(vx[i])},0v${h}" stroke="${color}" stroke-width="1.2" stroke-dasharray="5,3"/>`;
    body += `<text x="${px(vx[i] + (align === 'left' ? 3 : -3))}" y="${px(3 + lane * LANE + RULE_FONT * 0.8)}" text-anchor="${align === 'left' ? 'start' : 'end'}" fill="${color}">${esc(r.label)}</text>`;
  });
  for (const r of horizontal) {
    const color = esc(r.color ?? '#555555');
    const y = Y(r.y as number);
    const below = r.below === true && h - y >= LANE + 2;
    body += `<path d="M0,${px(y)}h${w}" stroke="${color}" stroke-width="1.2" stroke-dasharray="2,2"/>`;
    body += `<text x="${w - 4}" y="${px(below ? y + 2 + RULE_FONT * 0.8 : y - 3)}" text-anchor="end" fill="${color}">${esc(r.label)}</text>`;
  }
  // axes: ticks, labels, titles
  let yLabelWidth = 0;
  // labels that would overlap are thinned by parity, as vega's labelOverlap does: every 2nd, 4th, ...
  const every = labelStride(xs.ticks.map((t) => ({ x: X(t.value), w: width(t.label, TICK_FONT) })), w);
  let ticks = '';
  xs.ticks.forEach((t, i) => {
    const x = X(t.value);
    const anchor = x < 1 ? 'start' : x > w - 1 ? 'end' : 'middle';
    ticks += `M${px(x)},${h}v5`;
    if (i % every === 0) body += `<text x="${px(x)}" y="${h + 15}" text-anchor="${anchor}">${esc(t.label)}</text>`;
  });
  for (const t of ys.ticks) {
    const y = Y(t.value);
    yLabelWidth = Math.max(yLabelWidth, width(t.label, TICK_FONT));
    ticks += `M-5,${px(y)}h5`;
    body += `<text x="-7" y="${px(y + 3)}" text-anchor="end">${esc(t.label)}</text>`;
  }
  if (ticks) body += `<path d="${ticks}" stroke="#888888"/>`;
  body += `<text x="${px(w / 2)}" y="${h + 30}" text-anchor="middle" font-size="${AXIS_TITLE_FONT}" font-weight="bold">${esc(p.x.title)}</text>`;
  const left = yLabelWidth + 24;
  body += `<text transform="translate(${px(-left + 10)},${px(h / 2)}) rotate(-90)" text-anchor="middle" font-size="${AXIS_TITLE_FONT}" font-weight="bold">${esc(p.y.title)}</text>`;
  return { left, plotWidth: w, plotHeight: h, legends: panelLegends(p, seenColors, seenDash), body };
}

/** The figure as one SVG: its title, then its panels in rows, each with its legend (or one legend at the right). */
export function lineFigureSvg(o: LineFigureOptions): string {
  if (o.panels.length === 0) throw new RangeError(`figure ${o.name} has no panels`);
  const single = o.panels.length === 1;
  const columns = single ? 1 : Math.max(1, Math.min(o.columns ?? o.panels.length, o.panels.length));
  const prefix = `l${(clipCounter++).toString(36)}`;
  const panels = o.panels.map((p, i) => drawPanel(p, o.data, `${prefix}-clip${i}`));
  const independent = o.independentLegends || single;
  const shared: Legend[] = [];
  if (!independent) {
    for (const d of panels) for (const l of d.legends) if (!shared.some((s) => s.title === l.title)) shared.push(l);
  }
  const panelTitle = (i: number) => (single ? '' : o.panels[i].title);
  const titleHeight = TITLE_FONT + 12 + (single && o.panels[0].title ? PANEL_TITLE_FONT + 6 : 0);
  // column widths and row heights
  const colWidth = new Array(columns).fill(0);
  const rowCount = Math.ceil(panels.length / columns);
  const rowHeight = new Array(rowCount).fill(0);
  panels.forEach((d, i) => {
    const legend = independent ? legendWidth(d.legends) : 0;
    colWidth[i % columns] = Math.max(colWidth[i % columns], d.left + d.plotWidth + legend + 20);
    const top = panelTitle(i) ? PANEL_TITLE_FONT + 10 : 0;
    rowHeight[Math.floor(i / columns)] = Math.max(rowHeight[Math.floor(i / columns)], top + Math.max(d.plotHeight + 38, independent ? legendHeight(d.legends) : 0) + 16);
  });
  const leftPad = 5;
  let total = leftPad + colWidth.reduce((a, b) => a + b, 0);
  const sharedWidth = legendWidth(shared);
  total += sharedWidth;
  const height = Math.ceil(titleHeight + rowHeight.reduce((a, b) => a + b, 0) + 4);
  total = Math.ceil(Math.max(total, width(o.title, TITLE_FONT, true) + 10));
  let body = `<text x="${leftPad}" y="${TITLE_FONT + 2}" font-size="${TITLE_FONT}" font-weight="bold">${esc(o.title)}</text>`;
  if (single && o.panels[0].title) body += `<text x="${leftPad}" y="${TITLE_FONT + 8 + PANEL_TITLE_FONT}" font-size="${PANEL_TITLE_FONT}">${esc(o.panels[0].title)}</text>`;
  let y = titleHeight;
  for (let r = 0; r < rowCount; r++) {
    let x = leftPad;
    for (let c = 0; c < columns; c++) {
      const i = r * columns + c;
      if (i >= panels.length) break;
      const d = panels[i];
      const top = panelTitle(i) ? PANEL_TITLE_FONT + 10 : 0;
      const ox = x + d.left, oy = y + top;
      if (panelTitle(i)) body += `<text x="${px(ox + d.plotWidth / 2)}" y="${px(y + PANEL_TITLE_FONT)}" text-anchor="middle" font-size="${PANEL_TITLE_FONT}" font-weight="bold">${esc(panelTitle(i))}</text>`;
      body += `<g transform="translate(${px(ox)},${px(oy)})">${d.body}</g>`;
      if (independent) body += drawLegends(d.legends, ox + d.plotWidth + 16, oy);
      x += colWidth[c];
    }
    y += rowHeight[r];
  }
  if (shared.length) body += drawLegends(shared, total - sharedWidth + 4, titleHeight + PANEL_TITLE_FONT + 10);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${total}" height="${height}" viewBox="0 0 ${total} ${height}" font-size="${TICK_FONT}"><rect width="${total}" height="${height}" fill="white"/>${body}</svg>`;
}
