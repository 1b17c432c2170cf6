/**
 * The figure of an O(·) claim (a fitted growth exponent): the measured response against the driver
 * on log–log axes, one dot per instance, the least-squares line with the band its slope interval
 * spans (lines through the centroid of the points), and the claimed exponent as a dashed line through
 * the same centroid. Drawn directly as a small SVG (no renderer needed), from the statistics that
 * `verifyAggregate` records (`observations`, `fittedExponent`, `exponentInterval`, `claimedExponent`).
 */
import { fmtNumber } from './report.ts';

export interface ExponentData {
  driver: string;
  response: string;
  /** [driver, response] per instance with a finite positive response. */
  observations: [number, number][];
  fitted: number;
  interval: [number, number];
  confidence: number;
  claimed: number;
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function finitePositive(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v) && v > 0;
}

/** The plot's data from a claim's statistics, or null when they do not hold a fitted exponent with its points. */
export function exponentData(st: Record<string, unknown> | undefined): ExponentData | null {
  if (!st) return null;
  const obs = st.observations;
  const iv = st.exponentInterval;
  if (!Array.isArray(obs) || !Array.isArray(iv) || iv.length !== 2) return null;
  const { fittedExponent: fitted, claimedExponent: claimed } = st;
  if (typeof fitted !== 'number' || typeof claimed !== 'number' || !Number.isFinite(fitted) || !Number.isFinite(claimed)) return null;
  const points = obs.filter((p): p is [number, number] => Array.isArray(p) && finitePositive(p[0]) && finitePositive(p[1]));
  if (points.length < 2) return null;
  const [lo, hi] = iv.map(Number);
  return {
    driver: typeof st.driver === 'string' ? st.driver : 'driver',
    response: typeof st.response === 'string' ? st.response : 'response',
    observations: points,
    fitted,
    interval: [Number.isFinite(lo) ? lo : fitted, Number.isFinite(hi) ? hi : fitted],
    confidence: typeof st.confidence === 'number' ? st.confidence : NaN,
    claimed,
  };
}

/** Tick values on a log axis: powers of ten, or 1-2-5 steps when the span is under two decades. */
export function logTicks(lo: number, hi: number): number[] {
  const a = Math.floor(Math.log10(lo)), b = Math.ceil(Math.log10(hi));
  const out: number[] = [];
  const steps = b - a <= 2 ? [1, 2, 5] : [1];
  const every = Math.max(1, Math.ceil((b - a) / 8));
  for (let k = a; k <= b; k += steps.length > 1 ? 1 : every) {
    for (const m of steps) {
      const v = Number((m * 10 ** k).toPrecision(3));
      if (v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9)) out.push(v);
    }
  }
  return out;
}

function tickLabel(v: number): string {
  if (v >= 1e-3 && v < 1e5) return String(Number(v.toPrecision(3)));
  const e = Math.round(Math.log10(v));
  const m = v / 10 ** e;
  return Math.abs(m - 1) < 1e-9 ? `10^${e}` : `${Number(m.toPrecision(2))}e${e}`;
}

/** The SVG (width × height px) of the log–log scatter with the fitted and claimed exponents. */
export function exponentSvg(d: ExponentData, o: { width?: number; height?: number } = {}): string {
  const W = o.width ?? 720, H = o.height ?? 380;
  const m = { left: 70, right: 200, top: 16, bottom: 48 };
  const pw = W - m.left - m.right, ph = H - m.top - m.bottom;
  const lx = d.observations.map(([x]) => Math.log10(x));
  const ly = d.observations.map(([, y]) => Math.log10(y));
  const pad = (lo: number, hi: number) => (hi - lo < 1e-9 ? [lo - 0.5, hi + 0.5] : [lo - 0.05 * (hi - lo), hi + 0.05 * (hi - lo)]);
  const [x0, x1] = pad(Math.min(...lx), Math.max(...lx));
  const [y0, y1] = pad(Math.min(...ly), Math.max(...ly));
  const X = (v: number) => m.left + ((v - x0) / (x1 - x0)) * pw;
  const Y = (v: number) => m.top + ph - ((v - y0) / (y1 - y0)) * ph;
  const r1 = (v: number) => Math.round(v * 10) / 10;
  const cx = lx.reduce((s, v) => s + v, 0) / lx.length;
  const cy = ly.reduce((s, v) => s + v, 0) / ly.length;
  const line = (slope: number) => {
    const xa = Math.min(...lx), xb = Math.max(...lx);
    return [xa, cy + slope * (xa - cx), xb, cy + slope * (xb - cx)] as const;
  };
  const parts: string[] = [];
  parts.push(`<svg class="loglog" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="DejaVu Sans, Helvetica, Arial, sans-serif" font-size="11">`);
  parts.push(`<rect x="${m.left}" y="${m.top}" width="${pw}" height="${ph}" fill="#fff" stroke="#ccc"/>`);
  parts.push(`<clipPath id="plot"><rect x="${m.left}" y="${m.top}" width="${pw}" height="${ph}"/></clipPath>`);
  const xt = logTicks(10 ** x0, 10 ** x1), yt = logTicks(10 ** y0, 10 ** y1);
  for (const v of xt) {
    const x = r1(X(Math.log10(v)));
    parts.push(`<line x1="${x}" y1="${m.top}" x2="${x}" y2="${m.top + ph}" stroke="#eee"/><text x="${x}" y="${m.top + ph + 14}" text-anchor="middle">${esc(tickLabel(v))}</text>`);
  }
  for (const v of yt) {
    const y = r1(Y(Math.log10(v)));
    parts.push(`<line x1="${m.left}" y1="${y}" x2="${m.left + pw}" y2="${y}" stroke="#eee"/><text x="${m.left - 5}" y="${y + 4}" text-anchor="end">${esc(tickLabel(v))}</text>`);
  }
  parts.push(`<text x="${m.left + pw / 2}" y="${H - 10}" text-anchor="middle">${esc(d.driver)} (log scale)</text>`);
  parts.push(`<text transform="translate(16,${m.top + ph / 2}) rotate(-90)" text-anchor="middle">${esc(d.response)} (log scale)</text>`);
  parts.push('<g clip-path="url(#plot)">');
  // the slope interval: a wedge between the lines of the lower and upper slope through the centroid
  const [ax, ay, bx, by] = line(d.interval[0]);
  const [, cy2, , dy2] = line(d.interval[1]);
  parts.push(`<path d="M${r1(X(ax))},${r1(Y(ay))}L${r1(X(bx))},${r1(Y(by))}L${r1(X(bx))},${r1(Y(dy2))}L${r1(X(ax))},${r1(Y(cy2))}Z" fill="#1f77b4" fill-opacity="0.15"/>`);
  for (let i = 0; i < lx.length; i++) parts.push(`<circle cx="${r1(X(lx[i]))}" cy="${r1(Y(ly[i]))}" r="2.6" fill="#1f77b4" fill-opacity="0.6"/>`);
  const f = line(d.fitted), c = line(d.claimed);
  parts.push(`<line x1="${r1(X(f[0]))}" y1="${r1(Y(f[1]))}" x2="${r1(X(f[2]))}" y2="${r1(Y(f[3]))}" stroke="#1f4e79" stroke-width="2"/>`);
  parts.push(`<line x1="${r1(X(c[0]))}" y1="${r1(Y(c[1]))}" x2="${r1(X(c[2]))}" y2="${r1(Y(c[3]))}" stroke="#c0392b" stroke-width="1.6" stroke-dasharray="6 4"/>`);
  parts.push('</g>');
  const lg = m.left + pw + 14;
  const conf = Number.isFinite(d.confidence) ? `${Math.round(d.confidence * 100)}% ` : '';
  const legend = [
    `<circle cx="${lg + 8}" cy="${m.top + 10}" r="3" fill="#1f77b4" fill-opacity="0.6"/><text x="${lg + 20}" y="${m.top + 14}">instances (${d.observations.length})</text>`,
    `<line x1="${lg}" y1="${m.top + 32}" x2="${lg + 16}" y2="${m.top + 32}" stroke="#1f4e79" stroke-width="2"/><text x="${lg + 20}" y="${m.top + 36}">fitted slope ${esc(fmtNumber(d.fitted))}</text>`,
    `<rect x="${lg}" y="${m.top + 46}" width="16" height="10" fill="#1f77b4" fill-opacity="0.15"/><text x="${lg + 20}" y="${m.top + 55}">${esc(conf)}interval</text><text x="${lg + 20}" y="${m.top + 69}">${esc(fmtNumber(d.interval[0]))} – ${esc(fmtNumber(d.interval[1]))}</text>`,
    `<line x1="${lg}" y1="${m.top + 88}" x2="${lg + 16}" y2="${m.top + 88}" stroke="#c0392b" stroke-width="1.6" stroke-dasharray="6 4"/><text x="${lg + 20}" y="${m.top + 92}">claimed slope ${esc(fmtNumber(d.claimed))}</text>`,
  ];
  parts.push(...legend, '</svg>');
  return parts.join('');
}
