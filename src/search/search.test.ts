import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { searchInstances, type SearchOptions } from './index.ts';
import { decode, describeSpace, encode, signature } from './space.ts';
import { logUniform } from '../claims/arbitraries.ts';
import type { Claim } from '../claims/types.ts';

interface Needle {
  kind: 'x' | 'y';
  a: number;
  k: number;
  h: number;
  fixed: number;
  seed: number;
}

const needleParams: fc.Arbitrary<Needle> = fc.record({
  kind: fc.constantFrom('x' as const, 'y' as const),
  a: logUniform(1e-4, 1e2, 24),
  k: fc.integer({ min: 1, max: 60 }),
  h: fc.integer({ min: 1, max: 32 }).map((j) => j / 32),
  fixed: fc.constant(3),
  seed: fc.integer({ min: 0, max: 1000 }),
});

/** A peak of height 1 at a = 0.0123 (between the generator's grid points), k = 37, h = 21/32, kind y. */
function needle(p: Needle): number {
  const la = Math.log(p.a / 0.0123);
  const s = 1 - 0.05 * la * la - ((p.k - 37) / 60) ** 2 - (p.h - 21 / 32) ** 2;
  return p.kind === 'y' ? s : s - 0.5;
}

const claim = { id: 'toy.needle', params: needleParams } as unknown as Claim<Needle>;

function run(method: 'cma' | 'hill-climb', extra: Partial<SearchOptions<Needle>> = {}) {
  const starts = fc.sample(needleParams, { seed: 5, numRuns: 20 }).map((p) => ({ p, s: needle(p) })).sort((x, y) => y.s - x.s).slice(0, 8);
  const calls: Needle[] = [];
  const r = searchInstances<Needle>({
    claim,
    starts: starts.map((x) => x.p),
    startScores: starts.map((x) => x.s),
    score: (p) => (calls.push(p), needle(p)),
    budget: 2000,
    seed: 11,
    method,
    ...extra,
  });
  return { r, calls };
}

describe('searchInstances', () => {
  it('CMA-ES finds a peak between the generator grid points that 2000 random draws miss', () => {
    const { r, calls } = run('cma');
    expect(r.bestScore).toBeGreaterThan(0.9999);
    expect(r.best?.kind).toBe('y');
    expect(r.best?.k).toBe(37);
    expect(r.best?.fixed).toBe(3); // constant over the sample: never moved
    expect(calls.every((p) => p.a >= 1e-4 && p.a <= 1e2 && p.k >= 1 && p.k <= 60 && Number.isInteger(p.h * 32))).toBe(true);
    expect(r.evaluations).toBeLessThanOrEqual(2000);
    // the curve is increasing and ends at the best score
    for (let i = 1; i < r.curve.length; i++) expect(r.curve[i].best).toBeGreaterThan(r.curve[i - 1].best);
    expect(r.curve[r.curve.length - 1].best).toBe(r.bestScore);
    const random = Math.max(...fc.sample(needleParams, { seed: 6, numRuns: 2000 }).map(needle));
    expect(random).toBeLessThan(0.999);
  });

  it('is deterministic for a given seed, and the hill-climb baseline improves on its starts', () => {
    expect(run('cma').r).toEqual(run('cma').r);
    const h = run('hill-climb');
    expect(h.r.bestScore).toBeGreaterThan(h.r.curve[0].best);
    expect(h.r.restarts).toBeGreaterThan(0);
    expect(h.r.evaluations).toBe(2000);
  });

  it('stops above stopAbove, at the deadline, and at the budget', () => {
    const stop = run('cma', { stopAbove: 0.9 });
    expect(stop.r.bestScore).toBeGreaterThan(0.9);
    expect(stop.r.evaluations).toBeLessThan(2000);
    expect(run('cma', { deadline: Date.now() - 1 }).r.evaluations).toBe(0);
    expect(run('cma', { budget: 50 }).r.evaluations).toBe(50);
    expect(run('hill-climb', { budget: 0 }).r.evaluations).toBe(0);
  });

  it('tries the claim’s declared structure first, and scores starts given without scores', () => {
    const structured = { ...claim, search: { structured: (p: Needle) => [{ ...p, kind: 'y' as const, a: 0.0123, k: 37, h: 21 / 32 }] } } as Claim<Needle>;
    const start = fc.sample(needleParams, { seed: 1, numRuns: 1 })[0];
    const r = searchInstances<Needle>({ claim: structured, starts: [start], score: needle, budget: 10, seed: 1, stopAbove: 0.999999 });
    expect(r.bestScore).toBeCloseTo(1, 12);
    expect(r.evaluations).toBe(2); // the start, then its structured instance
  });

  it('starts from every family of the arbitrary, and generates between rounds that do not improve', () => {
    // the score ignores x (the only searched coordinate): only the kind and the seed decide it
    interface Seeded { kind: 'a' | 'b'; x: number; seed: number }
    const seeded = { id: 'toy.seeded', params: fc.record({ kind: fc.constantFrom('a' as const, 'b' as const), x: fc.double({ min: 0, max: 1, noNaN: true }), seed: fc.integer({ min: 0, max: 1e6 }) }) } as unknown as Claim<Seeded>;
    const u = (seed: number) => ((seed * 0.6180339887) % 1 + 1) % 1;
    const calls: Seeded[] = [];
    const score = (p: Seeded) => (calls.push(p), (p.kind === 'b' ? 1 : 0) + u(p.seed));
    const start: Seeded = { kind: 'a', x: 0.5, seed: 1 };
    // kind b: no numeric move leads there, an instance of the arbitrary's other family does, right after
    // the boundary sweep (x to either end: 2 evaluations)
    const early = searchInstances<Seeded>({ claim: seeded, starts: [start], startScores: [score(start)], score, budget: 3, seed: 4 });
    expect(early.best?.kind).toBe('b');
    calls.length = 0;
    const r = searchInstances<Seeded>({ claim: seeded, starts: [start], startScores: [score(start)], score, budget: 600, seed: 4 });
    // the seed decides the score: only redrawing it (generation) gets close to the supremum 2
    expect(r.bestScore).toBeGreaterThan(1.95); // 1.32 without generation (seed 4)
    const earlier = new Map<string, number>();
    let resampled = 0;
    for (const p of calls) {
      const k = `${p.kind}:${p.x}`;
      if (earlier.has(k) && earlier.get(k) !== p.seed) resampled++;
      earlier.set(k, p.seed);
    }
    expect(resampled).toBeGreaterThan(10);
  });

  it('stops the hill-climb once its neighbourhood is exhausted, with budget left', () => {
    // four instances in all, the start scored already: every later mutation is one already scored, which
    // costs no evaluation
    const tiny = { id: 'toy.tiny', params: fc.record({ k: fc.integer({ min: 0, max: 3 }) }) } as unknown as Claim<{ k: number }>;
    const r = searchInstances({ claim: tiny, starts: [{ k: 0 }], startScores: [0], score: (p) => 2 - Math.abs(p.k - 2), budget: 1000, seed: 1, method: 'hill-climb' });
    // without the stop this call would never return
    expect(r.bestScore).toBe(2);
    expect(r.evaluations).toBe(3); // k = 1, 2, 3 (k = −1 is outside the arbitrary, never scored)
  });

  it('rejects a candidate the arbitrary can judge outside its domain, before scoring it', () => {
    const box = fc.record({ x: fc.integer({ min: 0, max: 10 }) });
    const wild = { id: 'toy.box', params: box, mutate: (p: { x: number }, random: () => number) => ({ x: p.x + Math.floor(random() * 40) - 20 }) } as unknown as Claim<{ x: number }>;
    const seen: number[] = [];
    const r = searchInstances({ claim: wild, starts: [{ x: 5 }], startScores: [5], score: (p) => (seen.push(p.x), p.x), budget: 200, seed: 3 });
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((x) => x >= 0 && x <= 10)).toBe(true);
    expect(r.bestScore).toBe(10);
    // no start at all: nothing to search
    expect(searchInstances({ claim: wild, starts: [], score: () => 1, budget: 10, seed: 1 })).toMatchObject({ best: undefined, evaluations: 0 });
  });

  it('ends when the reachable space is exhausted (every candidate already scored)', () => {
    const tiny = { id: 'toy.tiny', params: fc.record({ k: fc.integer({ min: 0, max: 2 }) }) } as unknown as Claim<{ k: number }>;
    const r = searchInstances({ claim: tiny, starts: [{ k: 0 }], startScores: [-1], score: (p) => -((p.k - 1) ** 2), budget: 1000, seed: 1 });
    expect(r.best).toEqual({ k: 1 });
    expect(r.evaluations).toBeLessThanOrEqual(2);
  });
});

describe('search space', () => {
  const sample = fc.sample(needleParams, { seed: 2, numRuns: 200 });
  it('reads kinds and ranges from a sample: seeds, constants, grids, log-scale reals', () => {
    const space = describeSpace({ kind: 'x', a: 1, k: 5, h: 0.5, fixed: 3, seed: 4, list: [1, 2] }, sample);
    const by = Object.fromEntries(space.map((c) => [c.path.join('.'), c]));
    expect(by.seed.kind).toBe('seed');
    expect(by.fixed.kind).toBe('fixed');
    expect(by.k).toMatchObject({ kind: 'grid', quantum: 1, log: true });
    expect(by.h).toMatchObject({ kind: 'grid', quantum: 32, log: true });
    expect(by.a).toMatchObject({ kind: 'real', log: true });
    expect(by.a.lo).toBeCloseTo(Math.log(1e-4), 9);
    expect(by['list.0'].kind).toBe('fixed'); // no sampled instance has it
    expect(signature({ a: 1, k: 'x', v: [1, 2] })).toBe(signature({ a: 7, k: 'x', v: [3, 4] }));
    expect(signature({ a: 1, k: 'x' })).not.toBe(signature({ a: 1, k: 'y' }));
  });

  it('encodes into [0, 1] and decodes back onto the grids, clamped to the range', () => {
    const base: Needle = { kind: 'y', a: 0.5, k: 10, h: 0.25, fixed: 3, seed: 1 };
    const space = describeSpace(base, sample);
    const u = encode(space, base);
    expect(u.every((v) => v >= 0 && v <= 1)).toBe(true);
    const back = decode(space, base, u) as Needle;
    expect(back.a).toBeCloseTo(0.5, 12);
    expect(back.k).toBe(10);
    expect(back.h).toBe(0.25);
    // clamped to the sampled extremes themselves (exp(log v) may overshoot them by an ulp)
    const extremes = (f: (v: number[]) => number) => f(sample.map((p) => p.a));
    const out = decode(space, base, u.map(() => 7)) as Needle;
    expect(out).toMatchObject({ a: extremes((v) => Math.max(...v)), k: 60, h: 1, fixed: 3, seed: 1, kind: 'y' });
    const low = decode(space, base, u.map(() => -3)) as Needle;
    expect(low).toMatchObject({ k: 1, h: 1 / 32 });
    const min = extremes((v) => Math.min(...v));
    expect(low.a).toBeGreaterThanOrEqual(min);
    expect(low.a).toBeLessThanOrEqual(min * (1 + 1e-12));
  });
});
