import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { figureJson, glyphEm, inlineSvg, measureText, renderSvg, writeFigure } from './render.ts';
import { heatmapFigure, lineFigure, type Row } from './spec.ts';

const rows: Row[] = [];
for (let t = 0; t < 30; t++) {
  rows.push({ panel: 'a', series: 'obs', kind: 'observed', t, v: 0.8 ** t });
  rows.push({ panel: 'a', series: 'bnd', kind: 'bound', t, v: 0.9 ** t });
  rows.push({ panel: 'b', series: 'ratio', kind: 'ratio', t, v: (0.8 / 0.9) ** t });
}
const figure = lineFigure({
  name: 'sub/fig',
  title: 'A figure',
  caption: 'caption',
  data: rows,
  panels: [
    { title: 'traces', where: { panel: 'a' }, x: { field: 't', title: 't' }, y: { field: 'v', title: 'v', log: true }, color: { field: 'kind', title: 'curve' }, rules: [{ x: 10, label: 'ten' }] },
    { title: 'ratio', where: { panel: 'b' }, x: { field: 't', title: 't' }, y: { field: 'v', title: 'ratio', log: true }, rules: [{ y: 1, label: 'one' }] },
  ],
  meta: { note: 'n' },
});

/** vega numbers its clip paths with a process-wide counter. */
const normalizeClips = (svg: string) => svg.replace(/clip\d+/g, 'clip');

describe('rendering', () => {
  it('draws a figure through vega’s view.toSVG(), the same twice, with no warning', async () => {
    const log = { warnings: [] as string[] };
    const a = await renderSvg(figure.spec, log);
    const b = await renderSvg(figure.spec, log);
    expect(normalizeClips(b)).toBe(normalizeClips(a));
    expect(a.startsWith('<svg')).toBe(true);
    expect(a).toContain('A figure');
    expect(a).toContain('ten');
    expect(log.warnings).toEqual([]);
  });

  it('renders heatmaps: several lines per cell, white text on dark cells and black on light ones, full labels', async () => {
    const long = 'small balanced Gaussian (entries N(0, 0.001²)) and more words besides';
    const data = [{ x: 'a', y: long, v: -6, l: 'dark\nsecond' }, { x: 'b', y: long, v: 0, l: 'light' }, { x: 'a', y: '2', v: 6, l: 'blue' }, { x: 'b', y: '2', v: null, l: 'grey' }];
    const h = heatmapFigure({ name: 'h', title: 'Heat', caption: '', data, x: { field: 'x', title: 'X' }, y: { field: 'y', title: 'Y' }, value: { field: 'v', title: 'V', scheme: 'redblue', domain: [-6, 6] }, label: 'l', lines: 2 });
    const svg = await renderSvg(h.spec);
    const fill = (text: string) => new RegExp(`<text[^>]*fill="([^"]+)"[^>]*>(?:<tspan[^>]*>)?${text}<`).exec(svg)?.[1];
    expect(fill('dark')).toBe('white');
    expect(fill('blue')).toBe('white');
    expect(fill('light')).toBe('black');
    expect(fill('grey')).toBe('black');
    expect(svg).toContain('>second<');
    expect(svg).toContain(long.replace('(', '(')); // not truncated with an ellipsis
    expect(svg).not.toContain('…');
  });

  it('measures text with DejaVu Sans widths (narrow and wide glyphs, bold wider)', () => {
    expect(measureText({ text: 'iiii', fontSize: 10 })).toBeLessThan(measureText({ text: 'mmmm', fontSize: 10 }));
    expect(measureText({ text: 'abc', fontSize: 10, fontWeight: 'bold' })).toBeCloseTo(1.1 * measureText({ text: 'abc', fontSize: 10 }), 9);
    expect(measureText({ text: ['a', 'abc'], fontSize: 10 })).toBe(measureText({ text: 'abc', fontSize: 10 }));
    expect(measureText({}, null)).toBe(0);
    expect(measureText({ fontWeight: 700 }, 'A')).toBeCloseTo(0.7 * 11 * 1.1, 9);
    expect(glyphEm('1')).toBe(0.64);
    expect(glyphEm('⁻')).toBe(0.4);
  });

  it('collects compiler warnings instead of printing them, and throws on errors', async () => {
    const log = { warnings: [] as string[] };
    // an encoding on a field type vega-lite must coerce: a warning, still rendered
    const spec = { data: { values: [{ a: 1, b: 2 }] }, mark: 'point', encoding: { x: { field: 'a', type: 'quantitative' }, y: { field: 'b', type: 'quantitative' }, shape: { field: 'a', type: 'quantitative' } } };
    expect(await renderSvg(spec, log)).toContain('<svg');
    expect(log.warnings.length).toBeGreaterThan(0);
    await expect(renderSvg({ mark: 'nonsense' })).rejects.toThrow();
  });

  it('makes an SVG fit to sit inline in HTML: no namespace declarations, prefixed ids', () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="1"><defs><clipPath id="clip3"><rect/></clipPath></defs><g clip-path="url(#clip3)"><use href="#clip3"/></g></svg>';
    const out = inlineSvg(svg, 'f 1');
    expect(out).not.toContain('http');
    expect(out).toContain('id="f_1-clip3"');
    expect(out).toContain('url(#f_1-clip3)');
    expect(out).toContain('href="#f_1-clip3"');
    expect(out.startsWith('<svg width="1">')).toBe(true);
  });

  it('writes NAME.svg next to NAME.json, the spec with its data', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ratecheck-fig-'));
    const w = await writeFigure(dir, figure);
    expect(w.svg).toBe(join(dir, 'sub', 'fig.svg'));
    expect(w.json).toBe(join(dir, 'sub', 'fig.json'));
    const svg = readFileSync(w.svg, 'utf8');
    expect(svg).toContain('<svg');
    // the caption is drawn inside the SVG, under the title, and the JSON's spec draws the same
    expect(svg).toMatch(/<text[^>]*>caption<\/text>/);
    const json = JSON.parse(readFileSync(w.json, 'utf8'));
    expect(json.spec.title.subtitle).toContain('caption');
    expect(json).toMatchObject({ kind: 'ratecheck-figure', name: 'sub/fig', title: 'A figure', caption: 'caption', meta: { note: 'n' } });
    expect(json.spec.data.values).toHaveLength(rows.length);
    expect(JSON.parse(figureJson({ ...figure, meta: undefined })).meta).toEqual({});
  });
});
