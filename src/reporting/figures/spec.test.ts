import { describe, expect, it } from 'vitest';
import { heatmapFigure, lineFigure, plottable, thinIndices, type LinePanel, type Row, type VlSpec } from './spec.ts';

const rows: Row[] = [];
for (let t = 0; t < 20; t++) {
  rows.push({ panel: 'a', series: 's', kind: 'observed', t, v: 10 ** -t });
  rows.push({ panel: 'b', series: 'r', kind: 'ratio', t: t + 1, v: 0.5 + t / 40 });
}

const panel = (over: Partial<LinePanel> = {}): LinePanel => ({
  title: 'P',
  where: { panel: 'a' },
  x: { field: 't', title: 't' },
  y: { field: 'v', title: 'v', log: true },
  ...over,
});

function layers(spec: VlSpec, i = 0): VlSpec[] {
  const body = (spec.concat as VlSpec[] | undefined)?.[i] ?? spec;
  return body.layer as VlSpec[];
}

function yAxis(spec: VlSpec, i = 0): Record<string, unknown> {
  return ((layers(spec, i)[0].encoding as VlSpec).y as VlSpec).axis as Record<string, unknown>;
}

describe('plottable and thinIndices', () => {
  it('drops non-finite values, and non-positive ones for log axes', () => {
    const r: Row[] = [{ y: 1 }, { y: 0 }, { y: -1 }, { y: null }, { y: 'x' }, { y: 2 }];
    expect(plottable(r, [{ field: 'y' }])).toEqual([{ y: 1 }, { y: 0 }, { y: -1 }, { y: 2 }]);
    expect(plottable(r, [{ field: 'y', positive: true }])).toEqual([{ y: 1 }, { y: 2 }]);
  });

  it('keeps all indices of short series and at most `max` (plus kept ones) of long ones', () => {
    expect(thinIndices(5, 10)).toEqual([0, 1, 2, 3, 4]);
    const idx = thinIndices(1000, 50, [777]);
    expect(idx[0]).toBe(0);
    expect(idx[idx.length - 1]).toBe(999);
    expect(idx).toContain(777);
    expect(idx.length).toBeLessThanOrEqual(51);
    expect([...idx].sort((a, b) => a - b)).toEqual(idx);
    expect(thinIndices(1000, 50, [-1, 2000])).not.toContain(2000);
  });
});

describe('lineFigure', () => {
  it('puts one panel under the figure title as its subtitle', () => {
    const f = lineFigure({ name: 'n', title: 'T', caption: 'c', data: rows, panels: [panel()] });
    expect(f.spec.title).toMatchObject({ text: 'T', subtitle: 'P' });
    expect(f.spec.concat).toBeUndefined();
    expect((f.spec.data as { values: Row[] }).values).toBe(rows);
    expect(f.name).toBe('n');
    expect(f.caption).toBe('c');
  });

  it('lays several panels out in columns, with shared or independent legends', () => {
    const two = [panel(), panel({ title: 'Q', where: { panel: 'b' }, y: { field: 'v', title: 'ratio', log: true } })];
    const shared = lineFigure({ name: 'n', title: 'T', caption: '', data: rows, panels: two, columns: 1 });
    expect((shared.spec.concat as VlSpec[]).length).toBe(2);
    expect(shared.spec.columns).toBe(1);
    expect(shared.spec.resolve).toBeUndefined();
    const independent = lineFigure({ name: 'n', title: 'T', caption: '', data: rows, panels: two, independentLegends: true });
    expect(independent.spec.resolve).toEqual({ scale: { color: 'independent', strokeDash: 'independent' } });
    expect(independent.spec.columns).toBe(2);
  });

  it('ticks powers of ten on log axes spanning many decades, and 1-1.5-2-3-5-7 on short ones', () => {
    const many = lineFigure({ name: 'n', title: 'T', caption: '', data: rows, panels: [panel()] });
    const axis = yAxis(many.spec);
    expect(axis.values).toEqual([1e-18, 1e-15, 1e-12, 1e-9, 1e-6, 1e-3, 1]); // 19 decades: every third labelled
    expect(String(axis.labelExpr)).toContain('format');
    const short = lineFigure({ name: 'n', title: 'T', caption: '', data: rows, panels: [panel({ where: { panel: 'b' } })] });
    expect(yAxis(short.spec).values).toEqual([0.5, 0.7]); // data in [0.5, 0.975]
    const ruled = lineFigure({ name: 'n', title: 'T', caption: '', data: rows, panels: [panel({ where: { panel: 'b' }, rules: [{ y: 1, label: 'one' }, { x: 3, y: 100, label: 'vertical' }] })] });
    expect(yAxis(ruled.spec).values).toEqual([0.5, 0.7, 1]); // widened to the horizontal rule only
    const tiny = lineFigure({ name: 'n', title: 'T', caption: '', data: [{ t: 0, v: 0.861, series: 's' }, { t: 1, v: 0.862, series: 's' }], panels: [panel({ where: undefined })] });
    expect(yAxis(tiny.spec).values).toBeUndefined();
    const fixed = lineFigure({ name: 'n', title: 'T', caption: '', data: rows, panels: [panel({ y: { field: 'v', title: 'v', log: true, domain: [1e-3, 10] } })] });
    const enc = (layers(fixed.spec)[0].encoding as VlSpec).y as VlSpec;
    expect(enc.scale).toEqual({ type: 'log', domain: [1e-3, 10], nice: false });
    const linear = lineFigure({ name: 'n', title: 'T', caption: '', data: rows, panels: [panel({ y: { field: 'v', title: 'v' } })] });
    expect(yAxis(linear.spec)).toEqual({ grid: true });
  });

  it('draws reference rules, dropping those a log axis cannot place, and filters rows per panel', () => {
    const f = lineFigure({
      name: 'n',
      title: 'T',
      caption: '',
      data: rows,
      panels: [panel({ x: { field: 't', title: 't', log: true }, rules: [{ x: 0, label: 'zero' }, { x: 5, label: 'five' }, { x: 2, label: 'two', color: 'red' }, { y: 1e-3, label: 'y', below: true }, { y: -1, label: 'neg' }], color: { field: 'kind', title: 'k', sort: ['observed'], range: ['#000'], legend: false }, dash: { field: 'kind', title: 'k' }, strokeWidth: 'w', points: true })],
    });
    const l = layers(f.spec);
    // the line, then rule and label for x = 2 and x = 5 (sorted), then y = 1e-3
    expect(l.length).toBe(1 + 2 * 2 + 2);
    expect(JSON.stringify(l[1])).toContain('"value":2');
    expect((l[2].mark as VlSpec).align).toBe('right');
    expect((l[4].mark as VlSpec).align).toBe('left');
    expect((l[6].mark as VlSpec).baseline).toBe('top');
    const filter = (l[0].transform as { filter: string }[])[0].filter;
    expect(filter).toContain('datum["panel"] === "a"');
    expect(filter).toContain('datum["t"] > 0');
    const enc = l[0].encoding as Record<string, VlSpec>;
    expect(enc.color).toMatchObject({ field: 'kind', sort: ['observed'], scale: { domain: ['observed'], range: ['#000'] }, legend: null });
    expect(enc.strokeWidth).toMatchObject({ field: 'w' });
    expect((l[0].mark as VlSpec).point).toMatchObject({ filled: true });
  });

  it('rejects a figure without panels', () => {
    expect(() => lineFigure({ name: 'n', title: 'T', caption: '', data: [], panels: [] })).toThrow(RangeError);
  });
});

describe('heatmapFigure', () => {
  const data: Row[] = [
    { x: 'a', y: '1', v: 1, l: '1', f: 'p' },
    { x: 'b', y: '1', v: null, l: '-', f: 'p' },
    { x: 'a', y: '2', v: 100, l: '100', f: 'q' },
  ];

  it('colours valid cells, greys the others and labels each one', () => {
    const f = heatmapFigure({ name: 'h', title: 'H', caption: 'c', data, x: { field: 'x', title: 'X' }, y: { field: 'y', title: 'Y' }, value: { field: 'v', title: 'V', log: true, domain: [1, 100], reverse: true }, label: 'l' });
    expect(f.spec.width).toBe(64 * 2);
    expect(f.spec.height).toBe(22 * 2);
    const l = f.spec.layer as VlSpec[];
    expect(l).toHaveLength(3);
    expect((l[1].transform as { filter: string }[])[0].filter).toContain('> 0');
    expect(((l[1].encoding as VlSpec).color as VlSpec).scale).toEqual({ type: 'log', scheme: 'viridis', reverse: true, domain: [1, 100], clamp: true });
  });

  it('facets by a field', () => {
    const f = heatmapFigure({ name: 'h', title: 'H', caption: 'c', data, x: { field: 'x', title: 'X', sort: ['b', 'a'] }, y: { field: 'y', title: 'Y', sort: ['2', '1'] }, value: { field: 'v', title: 'V' }, label: 'l', facet: { field: 'f', title: 'F', sort: ['q', 'p'] } });
    expect(f.spec.facet).toEqual({ row: { field: 'f', type: 'nominal', title: 'F', sort: ['q', 'p'] } });
    expect((f.spec.spec as VlSpec).width).toBe(128);
  });
});
