import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { figureJson, inlineSvg, renderSvg, renderSvgSync, writeFigure } from './render.ts';
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
  it('draws the same SVG synchronously as vega’s view.toSVG(), with no warning', async () => {
    const log = { warnings: [] as string[] };
    const a = await renderSvg(figure.spec, log);
    const b = renderSvgSync(figure.spec, log);
    expect(normalizeClips(b)).toBe(normalizeClips(a));
    expect(a.startsWith('<svg')).toBe(true);
    expect(a).toContain('A figure');
    expect(a).toContain('ten');
    expect(log.warnings).toEqual([]);
  });

  it('renders heatmaps', () => {
    const h = heatmapFigure({ name: 'h', title: 'Heat', caption: '', data: [{ x: 'a', y: '1', v: 2, l: 'two' }], x: { field: 'x', title: 'X' }, y: { field: 'y', title: 'Y' }, value: { field: 'v', title: 'V' }, label: 'l' });
    expect(renderSvgSync(h.spec)).toContain('two');
  });

  it('collects compiler warnings instead of printing them, and throws on errors', async () => {
    const log = { warnings: [] as string[] };
    // an encoding on a field type vega-lite must coerce: a warning, still rendered
    const spec = { data: { values: [{ a: 1, b: 2 }] }, mark: 'point', encoding: { x: { field: 'a', type: 'quantitative' }, y: { field: 'b', type: 'quantitative' }, shape: { field: 'a', type: 'quantitative' } } };
    expect(renderSvgSync(spec, log)).toContain('<svg');
    expect(log.warnings.length).toBeGreaterThan(0);
    expect(() => renderSvgSync({ mark: 'nonsense' })).toThrow();
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
    expect(readFileSync(w.svg, 'utf8')).toContain('<svg');
    const json = JSON.parse(readFileSync(w.json, 'utf8'));
    expect(json).toMatchObject({ kind: 'ratecheck-figure', name: 'sub/fig', title: 'A figure', caption: 'caption', meta: { note: 'n' } });
    expect(json.spec.data.values).toHaveLength(rows.length);
    expect(JSON.parse(figureJson({ ...figure, meta: undefined })).meta).toEqual({});
  });
});
