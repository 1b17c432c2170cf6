import { describe, expect, it } from 'vitest';
import { labelStride, lineFigureSvg, linearLabel, logLabel, tickStep } from './lines-svg.ts';
import { lineFigure, type LineFigureOptions, type Row } from './spec.ts';

const rows: Row[] = [];
for (let t = 0; t <= 40; t++) {
  rows.push({ panel: 'a', instance: 'one', kind: 'observed', series: 'a:one:o', t, value: 0.5 ** t });
  rows.push({ panel: 'a', instance: 'one', kind: 'bound', series: 'a:one:b', t, value: 2 * 0.6 ** t });
  rows.push({ panel: 'r', instance: 'one', kind: 'ratio', series: 'r:one', t, value: 0.5 + t / 100 });
}
rows.push({ panel: 'a', instance: 'one', kind: 'observed', series: 'a:one:o', t: 41, value: Number.NaN });

const options: LineFigureOptions = {
  name: 'claims/x',
  title: 'x <&> "y"',
  caption: 'c',
  data: rows,
  columns: 2,
  independentLegends: true,
  panels: [
    {
      title: 'traces',
      where: { panel: 'a' },
      x: { field: 't', title: 'iteration t' },
      y: { field: 'value', title: 'metric (log scale)', log: true },
      color: { field: 'kind', title: 'curve', sort: ['observed', 'bound'], range: ['#1f77b4', '#d62728'] },
      dash: { field: 'kind', title: 'curve', sort: ['observed', 'bound'], range: [[1, 0], [6, 3]] },
      rules: [{ x: 12, label: 'violation, t = 12', color: '#d62728' }, { y: 1e-9, label: 'roundoff floor', below: true }],
    },
    {
      title: 'ratio',
      where: { panel: 'r' },
      x: { field: 't', title: 'iteration t' },
      y: { field: 'value', title: 'ratio', log: true },
      color: { field: 'instance', title: 'instance' },
      rules: [{ y: 1, label: 'ratio 1', color: '#d62728' }],
      points: true,
    },
  ],
};

describe('lineFigureSvg', () => {
  it('draws every line, rule, legend and title of the panels, escaped', () => {
    const svg = lineFigureSvg(options);
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="\d+" height="\d+" viewBox="0 0 \d+ \d+"/);
    expect(svg).toContain('x &lt;&amp;&gt; &quot;y&quot;');
    // three series drawn as lines (the NaN row left out), the bound dashed
    const lines = [...svg.matchAll(/<path d="M[^"]*L[^"]*" fill="none" stroke="([^"]+)" stroke-width="1.6"( stroke-dasharray="([^"]+)")?/g)];
    expect(lines.map((m) => [m[1], m[3] ?? null])).toEqual([['#1f77b4', null], ['#d62728', '6,3'], ['#1f77b4', null]]);
    expect(svg).not.toContain('NaN');
    for (const text of ['violation, t = 12', 'roundoff floor', 'ratio 1', 'observed', 'bound', 'curve', 'instance', 'iteration t', 'metric (log scale)', 'traces']) expect(svg).toContain(`>${text}</text>`);
    // the ratio panel's points, and its clip paths with ids of their own
    expect(svg.match(/<circle/g)?.length).toBe(41);
    const ids = [...svg.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(2);
    expect(lineFigureSvg(options)).not.toContain(`id="${ids[0]}"`);
  });

  it('draws one shared legend and a single panel under the figure title', () => {
    const shared = lineFigureSvg({ ...options, independentLegends: false });
    expect(shared.match(/>curve<\/text>/g)).toHaveLength(1);
    const single = lineFigureSvg({ ...options, panels: [options.panels[0]] });
    expect(single).toContain('>traces</text>');
    expect(() => lineFigureSvg({ ...options, panels: [] })).toThrow(RangeError);
    // what lineFigure keeps is what the SVG is drawn from
    expect(lineFigure(options).lines).toBe(options);
  });

  it('draws an empty panel and a constant series without failing', () => {
    const svg = lineFigureSvg({ ...options, data: [{ panel: 'r', series: 's', instance: 'i', t: 3, value: 2 }] });
    expect(svg).toContain('<svg');
    expect(svg).not.toContain('NaN');
  });
});

describe('axes', () => {
  it('ticks linear axes in 1-2-5 steps with vega’s labels', () => {
    expect(tickStep(0, 1200, 8)).toBe(200);
    expect(tickStep(0, 1, 5)).toBe(0.2);
    expect(tickStep(3, 3, 5)).toBe(1);
    expect(linearLabel(1200, 200)).toBe('1,200');
    expect(linearLabel(0.4, 0.2)).toBe('0.4');
    expect(linearLabel(-2, 1)).toBe('−2');
    expect(logLabel(1e-25)).toBe('1e-25');
    expect(logLabel(0.01)).toBe('0.01');
    expect(logLabel(1e6)).toBe('1e6');
  });

  it('thins tick labels that would overlap', () => {
    const labels = (gap: number) => Array.from({ length: 8 }, (_, i) => ({ x: i * gap, w: 30 }));
    expect(labelStride(labels(50), 350)).toBe(1);
    expect(labelStride(labels(36), 252)).toBe(2);
    expect(labelStride(labels(5), 35)).toBe(8);
  });
});

describe('line options', () => {
  it('draws markers, per-row stroke widths and a dash-only legend', () => {
    const data: Row[] = [1, 2, 3].flatMap((t) => [
      { series: 'a', kind: 'x', w: 3, t, value: t, mark: t === 2 },
      { series: 'b', kind: 'y', w: 1, t, value: 2 * t, mark: false },
    ]);
    const svg = lineFigureSvg({
      name: 'n',
      title: 't',
      caption: '',
      data,
      panels: [{ title: 'p', x: { field: 't', title: 'x', domain: [0, 4] }, y: { field: 'value', title: 'y' }, dash: { field: 'kind', title: 'style' }, strokeWidth: 'w', markers: { field: 'mark', filled: true } }],
    });
    expect(svg).toContain('stroke-width="3"');
    expect(svg).toContain('stroke-width="1"');
    expect(svg.match(/<circle/g)).toHaveLength(1);
    expect(svg).toContain('>style</text>');
  });
});
