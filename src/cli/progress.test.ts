import { describe, expect, it } from 'vitest';
import { createProgress, eta, formatDuration, isCi, progressMode, renderBar, type ProgressStream } from './progress.ts';

function sink(isTTY: boolean, columns?: number): ProgressStream & { out: string[] } {
  const out: string[] = [];
  return { out, isTTY, columns, write: (s: string) => out.push(s) };
}

function clock(start = 1000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe('progress helpers', () => {
  it('detects CI and picks the mode', () => {
    expect(isCi({ CI: 'true' })).toBe(true);
    expect(isCi({ CI: '1' })).toBe(true);
    expect(isCi({ CI: 'false' })).toBe(false);
    expect(isCi({ CI: '0' })).toBe(false);
    expect(isCi({ CI: '' })).toBe(false);
    expect(isCi({})).toBe(false);
    expect(progressMode({ write: () => 0, isTTY: true }, {})).toBe('bar');
    expect(progressMode({ write: () => 0, isTTY: true }, { CI: 'true' })).toBe('lines');
    expect(progressMode({ write: () => 0 }, {})).toBe('lines');
  });

  it('formats durations and estimates the time left', () => {
    expect(formatDuration(0)).toBe('0:00');
    expect(formatDuration(7_400)).toBe('0:07');
    expect(formatDuration(62_000)).toBe('1:02');
    expect(formatDuration(3_723_000)).toBe('1:02:03');
    expect(formatDuration(NaN)).toBe('?');
    expect(formatDuration(-1)).toBe('?');
    expect(eta(10_000, 0, 10)).toBeNaN();
    expect(eta(10_000, 5, 10)).toBe(10_000);
    expect(eta(10_000, 12, 10)).toBe(0);
  });

  it('draws bars', () => {
    expect(renderBar(0, 4)).toBe('░░░░');
    expect(renderBar(0.5, 4)).toBe('██░░');
    expect(renderBar(2, 4)).toBe('████');
    expect(renderBar(-1, 4)).toBe('░░░░');
  });

  it('rejects a bad total', () => {
    expect(() => createProgress({ label: 'x', total: NaN, stream: sink(false) })).toThrow(RangeError);
    expect(() => createProgress({ label: 'x', total: -1, stream: sink(false) })).toThrow(RangeError);
  });
});

describe('terminal mode', () => {
  it('redraws one line in place with counts, percentage and ETA, throttled', () => {
    const s = sink(true, 200);
    const c = clock();
    const p = createProgress({ label: 'figures', total: 4, stream: s, env: {}, now: c.now, redrawMs: 100 });
    expect(p.mode).toBe('bar');
    c.advance(1000);
    p.tick('one');
    expect(s.out).toHaveLength(1);
    expect(s.out[0]).toMatch(/^\r\x1b\[2Kfigures █+░+ 1\/4 +25% ETA 0:03 {2}one$/);
    c.advance(10);
    p.tick('two'); // within the redraw interval: not drawn
    expect(s.out).toHaveLength(1);
    c.advance(200);
    p.tick('three');
    expect(s.out).toHaveLength(2);
    expect(s.out[1]).toContain('3/4');
    c.advance(10);
    p.tick('four'); // the last item is always drawn
    expect(s.out[2]).toContain('4/4 100%');
    p.done();
    expect(s.out[3]).toMatch(/4\/4 100% done in 0:01 {2}four\n$/);
    p.tick('late');
    p.done();
    expect(s.out).toHaveLength(4);
  });

  it('truncates to the terminal width and grows the total when exceeded', () => {
    const s = sink(true, 30);
    const c = clock();
    const p = createProgress({ label: 'a very long label for a narrow terminal', total: 1, stream: s, env: {}, now: c.now });
    p.tick('detail', 2);
    expect([...s.out[0].replace('\r\x1b[2K', '')].length).toBeLessThanOrEqual(29);
    p.done('end');
    expect(s.out[1]).toContain('\n');
  });
});

describe('plain mode', () => {
  it('prints a line per interval and a last line, when not a terminal', () => {
    const s = sink(false);
    const c = clock();
    const p = createProgress({ label: 'verify', total: 10, stream: s, env: {}, now: c.now, intervalMs: 5000 });
    expect(p.mode).toBe('lines');
    c.advance(1000);
    p.tick('a');
    expect(s.out).toEqual([]); // nothing before the first interval
    c.advance(4500);
    p.tick('b');
    expect(s.out).toEqual(['verify: 2/10 (20%), elapsed 0:06, ETA 0:22 - b\n']);
    c.advance(1000);
    p.tick('c');
    expect(s.out).toHaveLength(1);
    c.advance(5000);
    p.tick('d', 7);
    expect(s.out[1]).toBe('verify: 10/10 (100%), elapsed 0:12, ETA 0:00 - d\n');
    p.done();
    expect(s.out[2]).toBe('verify: 10/10 (100%), done in 0:12 - d\n');
  });

  it('uses plain lines on a terminal when CI=true, and prints a first line late in a slow start', () => {
    const s = sink(true);
    const c = clock();
    const p = createProgress({ label: 'audit', total: 2, stream: s, env: { CI: 'true' }, now: c.now, intervalMs: 1000 });
    expect(p.mode).toBe('lines');
    c.advance(3000);
    p.tick();
    expect(s.out).toEqual(['audit: 1/2 (50%), elapsed 0:03, ETA 0:03\n']);
    p.done('finished');
    expect(s.out[1]).toBe('audit: 1/2 (50%), done in 0:03 - finished\n');
  });

  it('handles an empty run and the silent mode', () => {
    const s = sink(false);
    const p = createProgress({ label: 'none', total: 0, stream: s, env: {}, now: () => 0 });
    p.done();
    expect(s.out).toEqual(['none: 0/0 (100%), done in 0:00\n']);
    const q = sink(true);
    const silent = createProgress({ label: 'quiet', total: 3, stream: q, mode: 'silent' });
    silent.tick('x');
    silent.done();
    expect(q.out).toEqual([]);
  });

  it('defaults to stderr and the real clock', () => {
    const p = createProgress({ label: 'default', total: 1, mode: 'silent' });
    p.tick();
    p.done();
    expect(p.mode).toBe('silent');
  });
});
