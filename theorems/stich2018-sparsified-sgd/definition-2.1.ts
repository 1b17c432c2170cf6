/**
 * Stich, Cordonnier, Jaggi (NeurIPS 2018), Definitions 2.1 and 2.2: top_k and rand_k are k-contractions.
 *
 * Definition 2.1 (k-contraction): a possibly random comp: ℝ^d → ℝ^d with
 *   E‖x − comp(x)‖² ≤ (1 − k/d)‖x‖²  for all x ∈ ℝ^d, 0 < k ≤ d.
 * Definition 2.2: top_k keeps the k entries of largest absolute value; rand_k keeps a uniformly random
 * k-subset of the coordinates. The paper uses both as k-contractions (the hypothesis of Theorem 2.4 and
 * Lemma 3.2); the exact forms below are derived here.
 *
 * Derivation. top_k: the d − k removed entries are the smallest in absolute value, so their mean square
 * is at most the mean square of all d entries: ‖x − top_k(x)‖² = Σ_removed x_i² ≤ ((d − k)/d)‖x‖², for
 * every x (deterministically), with equality when all |x_i| are equal. rand_k: each coordinate is kept
 * with probability k/d, so E‖x − rand_k(x)‖² = Σ_i (1 − k/d)x_i² = (1 − k/d)‖x‖²: equality in expectation.
 *
 * Checks: top_k exactly on each test vector; rand_k by enumerating every draw sequence of the
 * implementation (d ≤ 8, at most 40320 sequences), so its expectation is exact (relative tolerance 1e-12).
 * The equal-magnitude examples attain the bound.
 *
 * False variants (each one's change is a transform of the true claim's trial):
 * - top_k with the factor (1 − k/d)²: equal |x_i| give exactly (1 − k/d)‖x‖² > (1 − k/d)²‖x‖², k < d.
 * - top_k, the factor applied to the norm, ‖x − top_k(x)‖ ≤ (1 − k/d)‖x‖: equal |x_i| give
 *   √(1 − k/d)‖x‖ > (1 − k/d)‖x‖ for 0 < k < d.
 * - rand_k on every draw (the worst draw measured instead of the mean): x with one nonzero entry and
 *   k < d loses it with probability 1 − k/d, an error ‖x‖² > (1 − k/d)‖x‖².
 * - rand_k with the factor (1 − k/d)² in expectation: the expectation equals (1 − k/d)‖x‖² exactly.
 */
import fc from 'fast-check';
import { atLeast, atMost, Compressor, defineClaim, logUniform, normSq, randKExpectation, Rng, seedArb, topK, variant, type CompressorKind, type Trial } from 'ratecheck';
import { source } from './setup.ts';

export type VectorKind = 'gaussian' | 'equal-magnitude' | 'sparse' | 'one-hot' | 'heavy-tailed';
const VECTOR_KINDS: VectorKind[] = ['gaussian', 'equal-magnitude', 'sparse', 'one-hot', 'heavy-tailed'];

export interface VectorParams {
  d: number;
  k: number;
  vector: VectorKind;
  scale: number;
  seed: number;
}

/** A test vector of the given kind (never zero). */
export function testVector(p: VectorParams): Float64Array {
  const rng = new Rng(p.seed, 'contraction-vector');
  const x = new Float64Array(p.d);
  switch (p.vector) {
    case 'gaussian':
      rng.fillGaussian(x);
      break;
    case 'equal-magnitude':
      for (let i = 0; i < p.d; i++) x[i] = rng.uniform() < 0.5 ? -1 : 1;
      break;
    case 'sparse':
      for (let i = 0; i < p.d; i++) x[i] = rng.uniform() < 0.3 ? rng.gaussian() : 0;
      x[rng.int(p.d)] = 1 + rng.uniform();
      break;
    case 'one-hot':
      x[rng.int(p.d)] = rng.uniform() < 0.5 ? -1 : 1;
      break;
    case 'heavy-tailed':
      // Cauchy entries
      for (let i = 0; i < p.d; i++) x[i] = Math.tan(Math.PI * (rng.uniform() - 0.5));
      break;
  }
  for (let i = 0; i < p.d; i++) x[i] *= p.scale;
  return x;
}

const vectorParams = (dMax: number): fc.Arbitrary<VectorParams> =>
  fc.integer({ min: 1, max: dMax }).chain((d) =>
    fc.record({
      d: fc.constant(d),
      k: fc.integer({ min: 1, max: d }),
      vector: fc.constantFrom(...VECTOR_KINDS),
      scale: logUniform(1e-3, 1e3, 12),
      seed: seedArb(),
    }),
  );

function contractionTrial(p: VectorParams, o: { observed: (x: Float64Array) => Record<string, number>; metric: string; bound: (normSq: number, k: number, d: number) => number; relations: ('le' | 'ge')[]; rtol?: number; cite: string }): Trial {
  const x = testVector(p);
  const nx = normSq(x);
  const obs = o.observed(x);
  const bound = o.bound(nx, p.k, p.d);
  return {
    hypotheses: [atLeast('1 ≤ k', p.k, 1), atMost('k ≤ d', p.k, p.d), atLeast('x ≠ 0', nx, Number.MIN_VALUE)],
    derived: { normSq: nx, k: p.k, d: p.d, bound },
    bounds: o.relations.map((relation) => ({ metric: o.metric, relation, value: () => bound, floor: 0, rtol: o.rtol, cite: o.cite })),
    run: (observe) => {
      observe(0, obs);
    },
  };
}

/**
 * A variant's claim on a contraction trial: one upper bound `bound` (default tolerance) in place of the
 * true claim's comparisons, on `measured` when the variant measures another quantity.
 */
function claimedUpper(trial: Trial, o: { metric: string; bound: number; cite: string; measured?: number }): Trial {
  const { metric, bound, cite, measured } = o;
  return {
    ...trial,
    derived: { ...trial.derived, bound },
    bounds: [{ metric, relation: 'le', value: () => bound, floor: 0, rtol: undefined, cite }],
    run: measured === undefined ? trial.run : (observe) => void observe(0, { [metric]: measured }),
  };
}

function topKError(x: Float64Array, k: number): number {
  const out = new Float64Array(x.length);
  topK(x, k, out, new Int32Array(x.length));
  let s = 0;
  for (let i = 0; i < x.length; i++) s += (x[i] - out[i]) ** 2;
  return s;
}

const CONTRACTION = (nx: number, k: number, d: number) => (1 - k / d) * nx;
const SQUARED_FACTOR = (nx: number, k: number, d: number) => (1 - k / d) ** 2 * nx;

export const def21TopK = defineClaim<VectorParams>({
  id: 'stich2018.def2.1-top-k',
  statement: 'top_k is a k-contraction deterministically: ‖x − top_k(x)‖² ≤ (1 − k/d)‖x‖² for every x, with equality when all |x_i| are equal',
  source: source('Definition 2.1, Definition 2.2', 'D', 'top_k satisfies Definition 2.1 deterministically (derived in this file’s header)'),
  kind: 'bound-for-all-t',
  expected: 'holds',
  params: vectorParams(200),
  examples: [{ d: 10, k: 3, vector: 'equal-magnitude', scale: 1, seed: 1 }, { d: 200, k: 7, vector: 'equal-magnitude', scale: 1e-3, seed: 2 }],
  // the equality case of the derivation (all |x_i| equal): the search may propose it for any d and k
  search: { structured: (p) => (p.vector === 'equal-magnitude' ? [] : [{ ...p, vector: 'equal-magnitude' as const }]) },
  maxIterations: 1,
  instantiate: (p) => contractionTrial(p, { observed: (x) => ({ compressionError: topKError(x, p.k) }), metric: 'compressionError', bound: CONTRACTION, relations: ['le'], cite: 'E‖x − comp(x)‖² ≤ (1 − k/d)‖x‖², Definition 2.1' }),
});

export const def21TopKSquared = variant(
  def21TopK,
  {
    id: 'stich2018.def2.1-top-k-squared-factor',
    statement: 'FALSE variant: ‖x − top_k(x)‖² ≤ (1 − k/d)²‖x‖²',
    source: source('Definition 2.1', 'D', 'Definition 2.1 with its factor squared; equal |x_i| attain 1 − k/d (derived in this file’s header)'),
    falseBecause: 'equal |x_i| give exactly (1 − k/d)‖x‖² > (1 − k/d)²‖x‖² for k < d',
  },
  // the bound (1 − k/d)‖x‖² replaced by (1 − k/d)²‖x‖²
  (trial, p) => claimedUpper(trial, { metric: 'compressionError', bound: SQUARED_FACTOR(trial.derived.normSq, p.k, p.d), cite: 'claimed: (1 − k/d)²‖x‖²' }),
);

export const def21TopKUnsquared = variant(
  def21TopK,
  {
    id: 'stich2018.def2.1-top-k-unsquared',
    statement: 'FALSE variant: ‖x − top_k(x)‖ ≤ (1 − k/d)‖x‖ (the contraction factor applied to the norm instead of its square)',
    source: source('Definition 2.1', 'D', 'the unsquared form; equal |x_i| give √(1 − k/d) (derived in this file’s header)'),
    falseBecause: 'equal |x_i| give ‖x − top_k(x)‖ = √(1 − k/d)‖x‖ > (1 − k/d)‖x‖ for k < d',
  },
  // the norm ‖x − top_k(x)‖ measured in place of its square, against (1 − k/d)‖x‖
  (trial, p) =>
    claimedUpper(trial, {
      metric: 'compressionErrorNorm',
      measured: Math.sqrt(topKError(testVector(p), p.k)),
      bound: (1 - p.k / p.d) * Math.sqrt(trial.derived.normSq),
      cite: 'claimed: ‖x − top_k(x)‖ ≤ (1 − k/d)‖x‖',
    }),
);

function randKStats(x: Float64Array, k: number) {
  return randKExpectation(x, k, (out) => {
    let s = 0;
    for (let i = 0; i < x.length; i++) s += (x[i] - out[i]) ** 2;
    return s;
  });
}

/** rand_k is enumerated exactly: d ≤ 8 (at most 40320 draw sequences). */
const RAND_K_DMAX = 8;

export const def21RandK = defineClaim<VectorParams>({
  id: 'stich2018.def2.1-rand-k-exact',
  statement: 'rand_k attains Definition 2.1 with equality in expectation: E‖x − rand_k(x)‖² = (1 − k/d)‖x‖² (exact expectation over every draw sequence of the implementation)',
  source: source('Definition 2.1, Definition 2.2', 'D', 'rand_k attains Definition 2.1 with equality in expectation (derived in this file’s header)'),
  kind: 'exact-identity',
  expected: 'holds',
  params: vectorParams(RAND_K_DMAX),
  examples: [{ d: 8, k: 3, vector: 'one-hot', scale: 1, seed: 1 }],
  maxIterations: 1,
  instantiate: (p) => contractionTrial(p, { observed: (x) => ({ expectedError: randKStats(x, p.k).mean }), metric: 'expectedError', bound: CONTRACTION, relations: ['le', 'ge'], rtol: 1e-12, cite: 'E‖x − rand_k(x)‖² = (1 − k/d)‖x‖², Definition 2.1 with equality' }),
});

export const def21RandKPerDraw = variant(
  def21RandK,
  {
    id: 'stich2018.def2.1-rand-k-per-draw',
    statement: 'FALSE variant: rand_k contracts on every draw, ‖x − rand_k(x)‖² ≤ (1 − k/d)‖x‖² almost surely',
    source: source('Definition 2.1', 'D', 'Definition 2.1 required of every draw instead of in expectation (derived in this file’s header)'),
    kind: 'bound-for-all-t',
    falseBecause: 'for x with one nonzero entry and k < d, with probability 1 − k/d the error is ‖x‖²',
  },
  // the worst draw measured in place of the expectation, against the same (1 − k/d)‖x‖², upper side only
  (trial, p) =>
    claimedUpper(trial, {
      metric: 'worstDrawError',
      measured: randKStats(testVector(p), p.k).max,
      bound: CONTRACTION(trial.derived.normSq, p.k, p.d),
      cite: 'claimed: ‖x − rand_k(x)‖² ≤ (1 − k/d)‖x‖² for every draw',
    }),
);

export const def21RandKSquared = variant(
  def21RandK,
  {
    id: 'stich2018.def2.1-rand-k-squared-factor',
    statement: 'FALSE variant: E‖x − rand_k(x)‖² ≤ (1 − k/d)²‖x‖² (a factor below 1 − k/d in expectation)',
    source: source('Definition 2.1', 'D', 'a factor below 1 − k/d in expectation, where rand_k attains equality (derived in this file’s header)'),
    kind: 'bound-in-expectation',
    falseBecause: 'the expectation equals (1 − k/d)‖x‖² exactly, above (1 − k/d)²‖x‖² for k < d',
  },
  // the identity replaced by the upper bound (1 − k/d)²‖x‖²
  (trial, p) => claimedUpper(trial, { metric: 'expectedError', bound: SQUARED_FACTOR(trial.derived.normSq, p.k, p.d), cite: 'claimed: (1 − k/d)²‖x‖²' }),
);

/** A compressor object as the claims use it. */
export function compressorFor(p: { compressor: CompressorKind; k: number; d: number; seed: number }): Compressor {
  return new Compressor(p.compressor, p.k, p.d, p.seed);
}
