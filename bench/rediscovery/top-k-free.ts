/**
 * A rediscovery case with a free vector: top_k compression of x ∈ ℝ^d whose entries are search
 * coordinates (the catalog's stich2018.def2.1-top-k draws its vectors from a seed, which a numeric search
 * cannot aim at).
 *
 * Statement (Stich, Cordonnier, Jaggi 2018, Definitions 2.1 and 2.2): ‖x − top_k(x)‖² ≤ (1 − k/d)‖x‖² for
 * every x and 0 < k ≤ d; the d − k removed entries are the smallest in absolute value, so their mean square
 * is at most the mean square of all d, with equality exactly when all |x_i| are equal. The worst ratio is 1.
 *
 * Instances: d ∈ [2, 12], k ∈ [1, d − 1], x the first d of twelve entries uniform on a grid of [−1, 1]
 * (without fast-check's bias to the bounds, which would draw equal magnitudes ±1). The ratio reaches 0.99
 * only when the removed entries' mean square is within 1% of the whole vector's: rare for d ≥ 4. Its
 * `search.structured` declares the equality case: the same signs, every magnitude set to the mean.
 */
import { defineClaim, fc, topK, type Claim } from '../../src/index.ts';

export interface FreeVector {
  d: number;
  k: number;
  entries: number[];
}

const ENTRIES = 12;
const GRID = 1e6;

const params: fc.Arbitrary<FreeVector> = fc.integer({ min: 2, max: ENTRIES }).chain((d) =>
  fc.record({
    d: fc.constant(d),
    k: fc.integer({ min: 1, max: d - 1 }),
    entries: fc.noBias(fc.array(fc.integer({ min: -GRID, max: GRID }).map((j) => j / GRID), { minLength: ENTRIES, maxLength: ENTRIES })),
  }),
);

export const topKFree = defineClaim<FreeVector>({
  id: 'bench.top-k-free-vector',
  statement: 'top_k is a k-contraction: ‖x − top_k(x)‖² ≤ (1 − k/d)‖x‖², equality when all |x_i| are equal',
  source: { paper: 'Stich, Cordonnier, Jaggi. Sparsified SGD with memory. NeurIPS 2018', theorem: 'Definitions 2.1 and 2.2', url: 'https://arxiv.org/abs/1809.07599', confidence: 'D', note: 'the removed entries are the d − k smallest in absolute value; equality when all |x_i| are equal' },
  kind: 'bound-for-all-t',
  expected: 'holds',
  params,
  maxIterations: 1,
  search: {
    structured: (p: FreeVector) => {
      const x = p.entries.slice(0, p.d);
      const mean = x.reduce((s, v) => s + Math.abs(v), 0) / p.d;
      return mean > 0 ? [{ ...p, entries: p.entries.map((v, i) => (i < p.d ? (v < 0 ? -mean : mean) : v)) }] : [];
    },
  },
  instantiate: (p) => {
    const x = Float64Array.from(p.entries.slice(0, p.d));
    const normSq = x.reduce((s, v) => s + v * v, 0);
    return {
      hypotheses: [
        { name: '0 < k < d', holds: p.k > 0 && p.k < p.d, value: p.k },
        { name: 'x ≠ 0', holds: normSq > 0, value: normSq },
      ],
      derived: { normSq },
      // a sum of d ≤ 12 squares on each side: relative error ≤ 12·2⁻⁵³, far below the tolerance 1e-12
      bounds: [{ metric: 'compressionError', relation: 'le', value: () => (1 - p.k / p.d) * normSq, floor: 0, rtol: 1e-12, cite: '‖x − top_k(x)‖² ≤ (1 − k/d)‖x‖², Definition 2.1' }],
      run: (observe) => {
        const out = new Float64Array(p.d);
        topK(x, p.k, out, new Int32Array(p.d));
        observe(0, { compressionError: x.reduce((s, v, i) => s + (v - out[i]) ** 2, 0) });
      },
    };
  },
}) as Claim<unknown>;
