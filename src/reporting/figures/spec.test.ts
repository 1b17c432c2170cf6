import { describe, expect, it } from 'vitest';
import { CAPTION_FONT_SIZE, captionedSpec, heatmapFigure, lineFigure, plottable, ruleLabelLanes, sci, superscript, superscriptPowers, textWidth, thinIndices, wrapText, type LinePanel, type Row, type VlSpec } from './spec.ts';

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
    // vertical rules' labels: horizontal, at the top of the plot; the x domain is fixed to data and rules
    expect((l[2].mark as VlSpec).baseline).toBe('top');
    expect((l[4].mark as VlSpec).baseline).toBe('top');
    expect(((l[0].encoding as VlSpec).x as VlSpec).scale).toMatchObject({ type: 'log', domain: [1, 19], nice: false });
    // no y domain: the label of the horizontal rule goes below its line as asked
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

describe('captions, rule labels and number formats', () => {
  it('wraps a caption into lines of at most the given length and puts it under the title', () => {
    expect(wrapText('aa bb cc dd', 5)).toEqual(['aa bb', 'cc dd']);
    expect(wrapText('averyveryverylongword x', 5)).toEqual(['averyveryverylongword', 'x']);
    expect(wrapText('one\ntwo', 80)).toEqual(['one', 'two']);
    const caption = Array.from({ length: 60 }, (_, i) => `word${i}`).join(' ');
    const f = lineFigure({ name: 'n', title: 'T', caption, data: rows, panels: [panel()] });
    const title = captionedSpec(f).title as { text: string; subtitle: string[] };
    expect(title.text).toBe('T');
    expect(title.subtitle[0]).toBe('P'); // the panel's title, then a gap, then the caption
    expect(title.subtitle.slice(2).join(' ')).toBe(caption);
    const maxChars = Math.floor(f.width! / (CAPTION_FONT_SIZE * 0.6));
    for (const line of title.subtitle) expect(line.length).toBeLessThanOrEqual(Math.max(70, maxChars));
    expect(captionedSpec({ ...f, caption: ' ' })).toBe(f.spec);
    expect(f.spec.title).toMatchObject({ subtitle: 'P' }); // the spec itself (drawn in the HTML report) has no caption
  });

  it('stacks the labels of close vertical rules in lanes, and flips a label above its line without room below', () => {
    // 100 and 130 on a log axis over [1, 1e4]: 11 pixels apart on 380, their labels would overlap
    const lanes = ruleLabelLanes([190, 201, 330, 378], ['B_approx = 47420', 'B_crit = 2590', 'x', 'B_true = 6.8·10⁷'], 380);
    expect(lanes[0].lane).not.toBe(lanes[1].lane);
    expect(lanes[2].lane).toBe(0);
    expect(lanes[3].align).toBe('right');
    const f = lineFigure({
      name: 'n',
      title: 'T',
      caption: '',
      data: [{ t: 1, v: 0.9, series: 's' }, { t: 1e4, v: 5, series: 's' }],
      panels: [{ title: 'P', x: { field: 't', title: 't', log: true }, y: { field: 'v', title: 'v', log: true, domain: [0.85, 6] }, width: 380, rules: [{ x: 2590, label: 'B_crit = 2590' }, { x: 3000, label: 'B_approx = 3000' }, { y: 0.86, label: 'low', below: true }, { y: 1, label: 'one', below: true }] }],
    });
    const l = f.spec.layer as { mark: Record<string, unknown>; encoding: Record<string, { value?: number }> }[];
    expect(l[2].encoding.y.value).not.toBe(l[4].encoding.y.value);
    expect(l[6].mark.baseline).toBe('bottom'); // 0.86 sits 2 pixels above the bottom: the label goes above
    expect(l[8].mark.baseline).toBe('top');
  });

  it('draws markers on flagged rows, coloured as their line', () => {
    const f = lineFigure({ name: 'n', title: 'T', caption: '', data: rows, panels: [panel({ color: { field: 'kind', title: 'k' }, markers: { field: 'm' } })] });
    const l = f.spec.layer as { mark: Record<string, unknown>; encoding: Record<string, unknown>; transform: { filter: string }[] }[];
    expect(l[1].mark).toMatchObject({ type: 'point', shape: 'circle', filled: false });
    expect(l[1].transform[0].filter).toContain('datum["m"] === true');
    expect(l[1].encoding.color).toMatchObject({ field: 'kind' });
  });

  it('writes powers with superscripts', () => {
    expect(superscript(-12)).toBe('⁻¹²');
    expect(superscriptPowers('c = 10^-2·c_min, 10^{3}')).toBe('c = 10⁻²·c_min, 10³');
    expect(sci(1e-4)).toBe('10⁻⁴');
    expect(sci(2.4e-3)).toBe('2.4·10⁻³');
    expect(sci(-1e-5)).toBe('−10⁻⁵');
    expect(sci(-3e7)).toBe('−3·10⁷');
    expect(sci(0.5)).toBe('0.5');
    expect(sci(0)).toBe('0');
    expect(sci(Infinity)).toBe('Infinity');
    expect(textWidth('abcd', 10)).toBeCloseTo(24, 9);
  });
});
