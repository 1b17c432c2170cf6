/**
 * Rendering: vega-lite compiles a figure's spec to vega, and vega's headless SVG renderer draws it in
 * Node, with no browser: `renderSvg` is vega's own `view.toSVG()`. Each figure is written as NAME.svg
 * next to NAME.json, the JSON it was drawn from. (The HTML report draws its per-claim figures without
 * vega: lines-svg.ts.)
 */
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type * as VegaModule from 'vega';
import type * as VegaLiteModule from 'vega-lite';
import { SCHEMA_VERSION, toJson, writeAtomic } from '../report.ts';
import { captionedSpec, type Figure, type VlSpec } from './spec.ts';

type Vega = typeof VegaModule;
let vega: Vega | null = null;
let compile: (typeof VegaLiteModule)['compile'] | null = null;

/** Load vega and vega-lite (once; they are large, and only figures need them). */
export async function loadRenderer(): Promise<void> {
  if (vega && compile) return;
  const [v, vl] = await Promise.all([import('vega'), import('vega-lite')]);
  // without a canvas, vega guesses every character at 0.8 em, which makes long texts (captions) look far
  // wider than they are and pads the SVG: measure with DejaVu Sans's advance widths instead
  (v as unknown as { textMetrics: { width: (item: TextItem, text: unknown) => number } }).textMetrics.width = measureText;
  vega = v;
  compile = vl.compile;
}

interface TextItem {
  text?: unknown;
  fontSize?: number;
  fontWeight?: string | number;
}

/** Advance width of a character in DejaVu Sans, in em (its hinted widths /2048, grouped). */
export function glyphEm(c: string): number {
  if (' .,:;!|\'`ijlI'.includes(c)) return 0.3;
  if ('frt()[]{}/\\-‖·'.includes(c)) return 0.4;
  if ('mwMW—'.includes(c)) return 0.9;
  if (c >= 'A' && c <= 'Z') return 0.7;
  if ((c >= '0' && c <= '9') || c === '−' || c === '+' || c === '=') return 0.64;
  if ('⁰¹²³⁴⁵⁶⁷⁸⁹⁻₀₁₂₃₄₅₆₇₈₉'.includes(c)) return 0.4;
  return 0.62;
}

/** Estimated width in pixels of a text mark's text (bold about 10% wider). */
export function measureText(item: TextItem, text?: unknown): number {
  const value = text ?? item.text;
  const s = value === null || value === undefined ? '' : Array.isArray(value) ? value.map(String).reduce((a, b) => (b.length > a.length ? b : a), '') : String(value);
  const size = item.fontSize ?? 11;
  let em = 0;
  for (const c of s) em += glyphEm(c);
  const bold = item.fontWeight === 'bold' || (typeof item.fontWeight === 'number' && item.fontWeight >= 600);
  return em * size * (bold ? 1.1 : 1);
}

function renderer(): { vega: Vega; compile: (typeof VegaLiteModule)['compile'] } {
  if (!vega || !compile) throw new Error('the figure renderer is not loaded (await loadRenderer() first)');
  return { vega, compile };
}

/** Warnings of the compiler and the renderer, collected instead of printed. */
export interface RenderLog {
  warnings: string[];
}

function collector(log: RenderLog) {
  const { vega } = renderer();
  const logger = vega.logger(vega.Warn);
  const push = (...args: unknown[]) => {
    log.warnings.push(args.map(String).join(' '));
    return logger;
  };
  return Object.assign(logger, { warn: push, info: () => logger, debug: () => logger, error: (...args: unknown[]) => { throw new Error(args.map(String).join(' ')); } });
}

function buildView(spec: VlSpec, log: RenderLog): VegaModule.View {
  const { vega, compile } = renderer();
  const logger = collector(log);
  // vega-lite's own types are stricter than a plain object; the spec is validated by compiling it
  const compiled = compile(spec as never, { logger: logger as never }).spec;
  return new vega.View(vega.parse(compiled), { renderer: 'none', logger: logger as never });
}

/** The SVG of a spec, through vega's view.toSVG(). */
export async function renderSvg(spec: VlSpec, log: RenderLog = { warnings: [] }): Promise<string> {
  await loadRenderer();
  const view = buildView(spec, log);
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/**
 * An SVG made fit to sit inline in an HTML page next to others: namespace declarations dropped (HTML
 * needs none), element ids and their references prefixed so that two figures never share an id.
 */
export function inlineSvg(svg: string, idPrefix: string): string {
  const prefix = idPrefix.replace(/[^A-Za-z0-9_-]/g, '_');
  return svg
    .replace(/^<svg([^>]*?) xmlns="[^"]*"/, '<svg$1')
    .replace(/^<svg([^>]*?) xmlns:xlink="[^"]*"/, '<svg$1')
    .replace(/ id="([^"]+)"/g, ` id="${prefix}-$1"`)
    .replace(/url\(#([^)]+)\)/g, `url(#${prefix}-$1)`)
    .replace(/href="#([^"]+)"/g, `href="#${prefix}-$1"`);
}

/**
 * The JSON written next to a figure's SVG: the spec it was drawn from (data inline, caption under the
 * title), the caption and the settings.
 */
export function figureJson(figure: Figure): string {
  return toJson({ schemaVersion: SCHEMA_VERSION, kind: 'ratecheck-figure', name: figure.name, title: figure.title, caption: figure.caption, meta: figure.meta ?? {}, spec: captionedSpec(figure) });
}

export interface WrittenFigure {
  name: string;
  svg: string;
  json: string;
  warnings: string[];
}

/** Render a figure, its caption drawn inside the SVG, and write DIR/NAME.svg and DIR/NAME.json (each atomically). */
export async function writeFigure(dir: string, figure: Figure): Promise<WrittenFigure> {
  const log: RenderLog = { warnings: [] };
  const svg = await renderSvg(captionedSpec(figure), log);
  const svgPath = join(dir, `${figure.name}.svg`);
  const jsonPath = join(dir, `${figure.name}.json`);
  mkdirSync(dirname(svgPath), { recursive: true });
  writeAtomic(jsonPath, figureJson(figure));
  writeAtomic(svgPath, svg);
  return { name: figure.name, svg: svgPath, json: jsonPath, warnings: log.warnings };
}
