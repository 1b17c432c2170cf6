import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Compressor, MemSgd, randK, randKExpectation, runMemSgd, topK, weightSum, type MemSgdMetrics } from './sparsified-sgd.ts';
import { FiniteSumRidge } from '../problems/smooth-convex.ts';

const SEED = 424242;

describe('top_k', () => {
  it('keeps the k largest magnitudes, ties to the lower index', () => {
    const x = Float64Array.of(0.5, -3, 2, -2, 0.1);
    const out = new Float64Array(5), order = new Int32Array(5);
    topK(x, 2, out, order);
    expect(Array.from(out)).toEqual([0, -3, 2, 0, 0]);
    topK(Float64Array.of(1, -1, 1, 1), 2, out.subarray(0, 4), order);
    expect(Array.from(out.subarray(0, 4))).toEqual([1, -1, 0, 0]);
    topK(x, 5, out, order);
    expect(Array.from(out)).toEqual(Array.from(x));
  });

  it('keeps the same set as a full sort by (|x| descending, index), and a NaN input falls back to the selection sort', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -4, max: 4 }), { minLength: 1, maxLength: 30 }), fc.nat(), (vals, kk) => {
        const x = Float64Array.from(vals, (v) => (v === 4 ? Infinity : v / 2));
        const k = 1 + (kk % x.length);
        const out = new Float64Array(x.length), order = new Int32Array(x.length);
        topK(x, k, out, order);
        const keep = new Set([...x.keys()].sort((i, j) => Math.abs(x[j]) - Math.abs(x[i]) || i - j).slice(0, k));
        expect(Array.from(out)).toEqual(Array.from(x, (v, i) => (keep.has(i) ? v : 0)));
      }),
      { seed: SEED, numRuns: 200 },
    );
    const out = new Float64Array(4), order = new Int32Array(4);
    topK(Float64Array.of(1, NaN, -3, 2), 2, out, order);
    expect(Array.from(out)).toEqual([0, NaN, -3, 0]); // the selection sort keeps NaN where it sits at the first pass
  });

  it(`is a deterministic k-contraction (seed ${SEED})`, () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 30 }).chain((d) => fc.tuple(fc.constant(d), fc.integer({ min: 1, max: d }), fc.array(fc.integer({ min: -1000, max: 1000 }), { minLength: d, maxLength: d }))), ([d, k, xs]) => {
        const x = Float64Array.from(xs, (v) => v / 7);
        const out = new Float64Array(d);
        topK(x, k, out, new Int32Array(d));
        let err = 0, nx = 0, kept = 0;
        for (let i = 0; i < d; i++) {
          err += (x[i] - out[i]) ** 2;
          nx += x[i] ** 2;
          if (out[i] !== 0 || x[i] === 0) kept += out[i] !== 0 ? 1 : 0;
        }
        return err <= (1 - k / d) * nx * (1 + 1e-12) + 1e-300 && kept <= k;
      }),
      { seed: SEED, numRuns: 200 },
    );
  });

  it('rejects k outside [1, d]', () => {
    expect(() => topK(Float64Array.of(1, 2), 0, new Float64Array(2), new Int32Array(2))).toThrow(RangeError);
    expect(() => topK(Float64Array.of(1, 2), 3, new Float64Array(2), new Int32Array(2))).toThrow(RangeError);
  });
});

describe('rand_k', () => {
  it('every k-subset is equally likely over the enumerated draw sequences', () => {
    const d = 5, k = 2;
    const x = Float64Array.of(1, 2, 4, 8, 16); // the kept sum identifies the subset
    const counts = new Map<number, number>();
    let paths = 0;
    const digits = new Int32Array(k);
    for (let a = 0; a < d; a++) {
      for (let b = 0; b < d - 1; b++) {
        digits[0] = a;
        digits[1] = b;
        let c = 0;
        const out = new Float64Array(d), perm = Int32Array.from({ length: d }, (_, i) => i);
        randK(x, k, out, perm, () => digits[c++]);
        const key = out.reduce((s, v) => s + v, 0);
        counts.set(key, (counts.get(key) ?? 0) + 1);
        paths++;
      }
    }
    expect(paths).toBe(20);
    expect(counts.size).toBe(10); // C(5, 2)
    for (const v of counts.values()) expect(v).toBe(2);
  });

  it('randKExpectation: E‖x − rand_k(x)‖² = (1 − k/d)‖x‖² exactly; per draw it can be ‖x‖²', () => {
    const x = Float64Array.of(3, -1, 0.5, 2, 0, 7);
    const nx = x.reduce((s, v) => s + v * v, 0);
    for (let k = 1; k <= 6; k++) {
      const r = randKExpectation(x, k, (out) => out.reduce((s, v, i) => s + (x[i] - v) ** 2, 0));
      if (k === 6) expect(r.mean).toBe(0);
      else expect(r.mean / ((1 - k / 6) * nx)).toBeCloseTo(1, 13);
      expect(r.max).toBeGreaterThanOrEqual(r.mean);
      expect(r.min).toBeLessThanOrEqual(r.mean);
    }
    const oneHot = Float64Array.of(0, 0, 5, 0);
    expect(randKExpectation(oneHot, 1, (out) => out.reduce((s, v, i) => s + (oneHot[i] - v) ** 2, 0)).max).toBe(25);
    expect(() => randKExpectation(new Float64Array(20), 10, () => 0)).toThrow(RangeError);
  });

  it('the Compressor draws from its seed and checks lengths', () => {
    const c1 = new Compressor('rand-k', 2, 6, 3), c2 = new Compressor('rand-k', 2, 6, 3);
    const x = Float64Array.of(1, 2, 3, 4, 5, 6), a = new Float64Array(6), b = new Float64Array(6);
    for (let i = 0; i < 5; i++) {
      c1.apply(x, a);
      c2.apply(x, b);
      expect(a).toEqual(b);
      expect(a.filter((v) => v !== 0).length).toBe(2);
    }
    const t = new Compressor('top-k', 1, 6);
    t.apply(x, a);
    expect(Array.from(a)).toEqual([0, 0, 0, 0, 0, 6]);
    expect(() => t.apply(new Float64Array(5), a)).toThrow(RangeError);
    expect(() => new Compressor('top-k', 7, 6)).toThrow(RangeError);
  });
});

describe('MEM-SGD', () => {
  const problem = new FiniteSumRidge({ d: 8, n: 20, lambda: 0.5, seed: 3, noise: 0.3, xTrueNorm: 1 });
  const a = 30;
  const spec = (compressor: 'top-k' | 'rand-k', seed = 1) => ({ k: 2, compressor, stepSize: (t: number) => 8 / (problem.strongConvexity * (a + t)), weight: (t: number) => (a + t) ** 2, seed });

  it('the virtual iterate x̃_t = x_t − m_t follows plain SGD: x̃_t − x̃_{t+1} = η_t∇f_{i_t}(x_t) (the memory loses nothing)', () => {
    for (const compressor of ['top-k', 'rand-k'] as const) {
      const run = new MemSgd(problem, new Float64Array(8), spec(compressor));
      const xt = new Float64Array(8), virt = new Float64Array(8), step = new Float64Array(8), g = new Float64Array(8);
      for (let t = 0; t < 200; t++) {
        for (let j = 0; j < 8; j++) {
          xt[j] = run.x[j];
          virt[j] = run.x[j] - run.m[j];
        }
        const eta = spec(compressor).stepSize(t);
        run.step();
        for (let j = 0; j < 8; j++) step[j] = (virt[j] - (run.x[j] - run.m[j])) / eta;
        // the step is the gradient of one component at x_t
        let best = Infinity;
        for (let i = 0; i < problem.n; i++) {
          problem.componentGradient(i, xt, g);
          let diff = 0;
          for (let j = 0; j < 8; j++) diff = Math.max(diff, Math.abs(g[j] - step[j]));
          best = Math.min(best, diff);
        }
        expect(best).toBeLessThan(1e-9 * (1 + Math.max(...step.map(Math.abs))));
      }
    }
  });

  it('weights: x̄_T is the (a + t)²-weighted average; S_T has the closed form', () => {
    let direct = 0;
    for (let t = 0; t < 50; t++) direct += (a + t) ** 2;
    expect(weightSum(50, a)).toBeCloseTo(direct, 8);
    const run = new MemSgd(problem, new Float64Array(8), spec('top-k'));
    expect(Number.isNaN(run.averageGap())).toBe(true);
    for (let t = 0; t < 50; t++) run.step();
    expect(run.weightTotal).toBeCloseTo(direct, 8);
    expect(run.averageGap()).toBeGreaterThanOrEqual(0);
  });

  it('without memory the unsent part is dropped', () => {
    const run = new MemSgd(problem, new Float64Array(8), { ...spec('top-k'), noMemory: true });
    for (let t = 0; t < 10; t++) {
      run.step();
      expect(run.memoryNormSq()).toBe(0);
    }
  });

  it('runMemSgd streams the metrics, converges, and is deterministic', () => {
    const trace = (): MemSgdMetrics[] => {
      const out: MemSgdMetrics[] = [];
      runMemSgd(problem, new Float64Array(8), spec('rand-k', 9), (_t, m) => {
        out.push({ ...(m as MemSgdMetrics) });
        return true;
      }, 3000);
      return out;
    };
    const m = trace();
    expect(m).toHaveLength(3001);
    expect(Number.isNaN(m[0].averageGap)).toBe(true);
    expect(m[0].memoryNormSq).toBe(0);
    expect(m[3000].averageGap).toBeLessThan(0.05 * m[1].averageGap);
    expect(trace()[3000].averageGap).toBe(m[3000].averageGap);
    let calls = 0;
    runMemSgd(problem, new Float64Array(8), spec('top-k'), () => ++calls < 4, 100);
    expect(calls).toBe(4);
  });

  it('rejects bad input', () => {
    expect(() => new MemSgd(problem, new Float64Array(3), spec('top-k'))).toThrow(RangeError);
    const bad = new MemSgd(problem, new Float64Array(8), { ...spec('top-k'), stepSize: () => -1 });
    expect(() => bad.step()).toThrow(RangeError);
  });
});

