/**
 * Stich, Cordonnier, Jaggi, "Sparsified SGD with Memory" (NeurIPS 2018), dossier further-theorems.md §1.
 *
 * Problem: f = (1/n) Σ f_i, each f_i L-smooth, f μ-strongly convex (finite-sum ridge regression here).
 * MEM-SGD (eq. 8) with η_t = 8/(μ(a + t)), weights w_t = (a + t)², x̄_T = Σ_{t<T} w_t x_t / S_T.
 *
 * Theorem 2.4: if E_i‖∇f_i(x_t)‖² ≤ G² for t = 0..T−1, α > 4 and (α + 1)d/k + ρ/(ρ + 1) ≤ a,
 * ρ = 4α/((α − 4)(α + 1)²), then
 *   E[f(x̄_T) − f*] ≤ 4T(T + 2a)G²/(μS_T) + μa³‖x₀ − x*‖²/(8S_T) + [64T(1 + 2L/μ)/(μS_T)](4α/(α − 4))(d/k)²G².
 * Lemma 3.2: E‖m_t‖² ≤ η_t² (4α/(α − 4))(d/k)² G². Definition 2.1: E‖x − comp_k(x)‖² ≤ (1 − k/d)‖x‖².
 *
 * G² along the iterates. The assumption is only needed at t = 0..T−1 for the bound at horizon T, so the
 * claims keep a running maximum of E_i‖∇f_i(x_t)‖² (computed exactly, O(nd) per step) and compare the
 * bound with that prefix maximum at every T as the run goes: one pass, no stored trajectory, and every
 * horizon T checked (a first pass or a post-run comparison would check only the last T). The maximum is
 * also taken over the replicas, an over-estimate of the expectation the proof bounds (dossier rule 9).
 *
 * Expectations: the mean over R = 8 independent replicas (lockstep runs with derived seeds); a true claim
 * is compared through the lower end of a one-sided 99.9 % Student-t band, so a counterexample means that
 * even the band's lower end exceeds the bound. Definition 2.1 is checked exactly: top_k deterministically,
 * rand_k by enumerating every draw sequence of the implementation (d ≤ 8).
 *
 * The main bound is very loose ([N] slack 2e5 to 6e10); it is paired with the tight sub-properties
 * (Definition 2.1 with equality for equal-magnitude vectors and for rand_k in expectation).
 */
import fc from 'fast-check';
import { atLeast, atMost, defineClaim, type Bound, type Claim, type Hypothesis, type Source, type Trial } from '../src/claims/types.ts';
import { logUniform, seedArb } from '../src/claims/arbitraries.ts';
import { deriveSeed, Rng } from '../src/random/rng.ts';
import { studentTQuantile } from '../src/claims/statistics.ts';
import { FiniteSumRidge, drawPoint, normSq } from '../src/problems/smooth-convex.ts';
import { Compressor, MemSgd, randKExpectation, topK, weightSum, type CompressorKind } from '../src/methods/sparsified-sgd.ts';

const PAPER = 'Stich, Cordonnier, Jaggi. Sparsified SGD with Memory. NeurIPS 2018';
const URL = 'https://arxiv.org/abs/1809.07599';

function source(theorem: string, confidence: Source['confidence'], note?: string): Source {
  return { paper: PAPER, theorem, url: URL, confidence, note: note ?? 'dossier further-theorems.md §1 (from a full transcription)' };
}

/** Independent replicas averaged for the expectations. */
export const REPLICAS = 8;
/** One-sided confidence of the band through which expectations are compared. */
const ONE_SIDED = 0.999;
const T_QUANTILE = studentTQuantile(ONE_SIDED, REPLICAS - 1);

// ---------------------------------------------------------------------------------------------
// Instances

export interface StichParams {
  d: number;
  n: number;
  k: number;
  compressor: CompressorKind;
  /** target condition number: λ = max_i‖a_i‖²/(κ − 1), so that L/μ ≤ κ */
  kappa: number;
  /** σ of the labels b_i = a_iᵀx_true + σε_i */
  noise: number;
  xTrueNorm: number;
  /** α > 4 of Theorem 2.4 */
  alpha: number;
  /** a = (α + 2)d/k (Remark 2.5) or the smallest a the theorem allows */
  shift: 'remark-2.5' | 'minimal';
  /** x₀ = 0 when 0, else x₀ = x* + s(1 + ‖x*‖)u with a Gaussian unit vector u */
  start: number;
  seed: number;
}

export function stichParams(o: { kappa?: [number, number]; d?: [number, number]; k?: (d: number) => [number, number]; compressors?: CompressorKind[]; start?: fc.Arbitrary<number> } = {}): fc.Arbitrary<StichParams> {
  const [kLo, kHi] = o.kappa ?? [2, 20];
  const [dLo, dHi] = o.d ?? [5, 30];
  return fc.integer({ min: dLo, max: dHi }).chain((d) =>
    fc.record({
      d: fc.constant(d),
      n: fc.integer({ min: 10, max: 100 }),
      k: fc.integer({ min: (o.k ? o.k(d) : [1, d])[0], max: (o.k ? o.k(d) : [1, d])[1] }),
      compressor: fc.constantFrom(...(o.compressors ?? ['top-k' as const, 'rand-k' as const])),
      kappa: logUniform(kLo, kHi, 16),
      noise: logUniform(0.01, 1, 8),
      xTrueNorm: logUniform(0.5, 5, 8),
      alpha: fc.constantFrom(5, 4.5, 8),
      shift: fc.constantFrom('remark-2.5' as const, 'minimal' as const),
      start: o.start ?? fc.oneof(fc.constant(0), logUniform(0.1, 100, 12)),
      seed: seedArb(),
    }),
  );
}

/** The authors' set-up scale (d = 20, n = 50, k = 2, α = 5, a = 7d/k; dossier [N]). */
export function paperLikeSetup(compressor: CompressorKind, seed = 1): StichParams {
  return { d: 20, n: 50, k: 2, compressor, kappa: 10, noise: 0.5, xTrueNorm: 1, alpha: 5, shift: 'remark-2.5', start: 0, seed };
}

function rhoOf(alpha: number): number {
  return (4 * alpha) / ((alpha - 4) * (alpha + 1) ** 2);
}

/** Smallest a allowed by Theorem 2.4: (α + 1)d/k + ρ/(ρ + 1). */
export function minimalShift(alpha: number, d: number, k: number): number {
  const rho = rhoOf(alpha);
  return ((alpha + 1) * d) / k + rho / (rho + 1);
}

interface StichSetup {
  params: StichParams;
  problem: FiniteSumRidge;
  x0: Float64Array;
  L: number;
  mu: number;
  a: number;
  alpha: number;
  R0sq: number;
  /** E_i‖∇f_i(x*)‖² */
  sigmaStarSq: number;
  hypotheses: Hypothesis[];
  derived: Record<string, number>;
}

function stichSetup(p: StichParams): StichSetup {
  // λ from the target κ: L = max‖a_i‖² + λ, μ ≥ λ
  const probe = new FiniteSumRidge({ d: p.d, n: p.n, lambda: 1, seed: p.seed, noise: p.noise, xTrueNorm: p.xTrueNorm });
  const lambda = (probe.smoothness - 1) / (p.kappa - 1);
  const problem = new FiniteSumRidge({ d: p.d, n: p.n, lambda, seed: p.seed, noise: p.noise, xTrueNorm: p.xTrueNorm });
  const L = problem.smoothness, mu = problem.strongConvexity;
  const aMin = minimalShift(p.alpha, p.d, p.k);
  const a = p.shift === 'minimal' ? aMin * (1 + 1e-12) : ((p.alpha + 2) * p.d) / p.k;
  const x0 = new Float64Array(p.d);
  if (p.start > 0) {
    const u = drawPoint(p.d, p.start * (1 + Math.sqrt(normSq(problem.xStar))), p.seed, 'stich-start');
    for (let j = 0; j < p.d; j++) x0[j] = problem.xStar[j] + u[j];
  }
  const R0sq = normSq(Float64Array.from(x0, (v, j) => v - problem.xStar[j]));
  const sigmaStarSq = problem.meanSquaredGradientNorm(problem.xStar);
  const hypotheses: Hypothesis[] = [
    atLeast('α > 4', p.alpha, 4 + 1e-12),
    atLeast('a ≥ (α + 1)d/k + ρ/(ρ + 1)', a, aMin, 'Theorem 2.4'),
    atLeast('a > 1', a, 1 + 1e-12),
    atLeast('μ > 0', mu, Number.MIN_VALUE),
    atMost('k ≤ d', p.k, p.d),
  ];
  return {
    params: p,
    problem,
    x0,
    L,
    mu,
    a,
    alpha: p.alpha,
    R0sq,
    sigmaStarSq,
    hypotheses,
    derived: { L, mu, kappa: L / mu, lambda, a, alpha: p.alpha, eta0: 8 / (mu * a), R0sq, sigmaStarSq },
  };
}

function replicas(s: StichSetup): MemSgd[] {
  const { a, mu } = s;
  const out: MemSgd[] = [];
  for (let r = 0; r < REPLICAS; r++) {
    out.push(
      new MemSgd(s.problem, s.x0, {
        k: s.params.k,
        compressor: s.params.compressor,
        stepSize: (t) => 8 / (mu * (a + t)),
        weight: (t) => (a + t) * (a + t),
        seed: deriveSeed(s.params.seed, `replica-${r}`),
      }),
    );
  }
  return out;
}

/** Lower end of the one-sided band of the mean of `values`. */
function lowerBand(values: Float64Array): number {
  const n = values.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i];
  const mean = sum / n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (values[i] - mean) ** 2;
  return mean - T_QUANTILE * Math.sqrt(ss / (n - 1) / n);
}

// ---------------------------------------------------------------------------------------------
// Theorem 2.4

/** The three terms of Theorem 2.4 at horizon T with constant G² (and the weight sum S_T). */
export function theorem24Bound(T: number, s: { L: number; mu: number; a: number; alpha: number; d: number; k: number; R0sq: number }, G2: number, noiseTermsOverT = false): number {
  const { L, mu, a, alpha, d, k, R0sq } = s;
  const S = weightSum(T, a);
  const g = noiseTermsOverT ? G2 / T : G2;
  const first = (4 * T * (T + 2 * a) * g) / (mu * S);
  const second = (mu * a ** 3 * R0sq) / (8 * S);
  const third = ((64 * T * (1 + (2 * L) / mu)) / (mu * S)) * ((4 * alpha) / (alpha - 4)) * (d / k) ** 2 * g;
  return first + second + third;
}

interface Thm24Options {
  /** G²: the running maximum along the iterates (the theorem), none (variant), or over T (variant: G²/T) */
  G2: 'along-iterates' | 'none' | 'over-T';
  cite: string;
}

function thm24Trial(p: StichParams, o: Thm24Options): Trial {
  const s = stichSetup(p);
  const shape = { L: s.L, mu: s.mu, a: s.a, alpha: s.alpha, d: p.d, k: p.k, R0sq: s.R0sq };
  const bound: Bound = {
    metric: 'averageGapLower',
    relation: 'le',
    value: (T, m) => theorem24Bound(T, shape, o.G2 === 'none' ? 0 : m.G2, o.G2 === 'over-T'),
    floor: 0,
    cite: o.cite,
  };
  return {
    hypotheses: s.hypotheses,
    derived: s.derived,
    bounds: [bound],
    run: (observe, maxIterations) => {
      const runs = replicas(s);
      const gaps = new Float64Array(REPLICAS);
      const metrics = { averageGapLower: 0, averageGapMean: 0, G2: 0 };
      let G2 = 0;
      for (let T = 1; T <= Math.max(1, maxIterations); T++) {
        // G² over t = 0..T−1: include x_{T−1} before stepping to x_T
        let sum = 0;
        for (let r = 0; r < REPLICAS; r++) {
          G2 = Math.max(G2, runs[r].meanSquaredGradientNorm());
          runs[r].step();
        }
        for (let r = 0; r < REPLICAS; r++) {
          gaps[r] = runs[r].averageGap();
          sum += gaps[r];
        }
        metrics.averageGapMean = sum / REPLICAS;
        metrics.averageGapLower = lowerBand(gaps);
        metrics.G2 = G2;
        if (!Number.isFinite(metrics.averageGapMean) || !Number.isFinite(G2)) throw new RangeError(`MEM-SGD left the float64 range at T = ${T} (G² = ${G2})`);
        if (!observe(T, metrics)) return;
      }
    },
  };
}

const THM24_CITE = 'E[f(x̄_T) − f*] ≤ 4T(T+2a)G²/(μS_T) + μa³‖x₀−x*‖²/(8S_T) + 64T(1+2L/μ)/(μS_T)·4α/(α−4)·(d/k)²G², Theorem 2.4 (G² = running max of E_i‖∇f_i(x_t)‖² over t < T)';
const THM24_BUDGET = 1500;

export const thm24 = defineClaim<StichParams>({
  id: 'stich2018.thm2.4',
  statement: 'MEM-SGD with top_k or rand_k, η_t = 8/(μ(a + t)), w_t = (a + t)², α > 4, a ≥ (α+1)d/k + ρ/(ρ+1): E[f(x̄_T) − f*] is at most Theorem 2.4’s three-term bound with G² measured along the iterates, for every T',
  source: source('Theorem 2.4', 'V'),
  kind: 'bound-in-expectation',
  expected: 'holds',
  params: stichParams(),
  examples: [paperLikeSetup('top-k'), paperLikeSetup('rand-k')],
  maxIterations: THM24_BUDGET,
  instantiate: (p) => thm24Trial(p, { G2: 'along-iterates', cite: THM24_CITE }),
});

export const thm24OverT = defineClaim<StichParams>({
  id: 'stich2018.thm2.4-rate-1-over-T-squared',
  statement: 'FALSE variant: Theorem 2.4 with its G² terms one order faster, 4(T + 2a)G²/(μS_T) + … (an O(G²/(μT²)) rate for the averaged iterate)',
  source: source('Theorem 2.4', 'D', 'stochastic first-order methods cannot beat Ω(σ²/(μT)); Remark 2.6: the leading term is O(G²/(μT))'),
  kind: 'bound-in-expectation',
  expected: 'refuted',
  variantOf: 'stich2018.thm2.4',
  falseBecause: 'with ∇f_i(x*) ≠ 0 the error of x̄_T decays like σ*²/(μT), not like 1/T²',
  // the regime where the 1/T error is visible within the budget: light compression (k ≥ d/2), κ ≤ 3, x₀ = 0
  params: stichParams({ kappa: [1.1, 3], d: [10, 30], k: (d) => [Math.ceil(d / 2), d], start: fc.constant(0) }),
  maxIterations: 2500,
  instantiate: (p) => thm24Trial(p, { G2: 'over-T', cite: 'claimed: Theorem 2.4 with G² replaced by G²/T' }),
});

export const thm24NoNoise = defineClaim<StichParams>({
  id: 'stich2018.thm2.4-g2-terms-dropped',
  statement: 'FALSE variant: E[f(x̄_T) − f*] ≤ μa³‖x₀ − x*‖²/(8S_T) (Theorem 2.4 without its G² terms, as if the stochastic gradients were exact)',
  source: source('Theorem 2.4', 'D', 'the G² terms carry the stochastic noise: O(G²/(μT)) cannot be dropped when ∇f_i(x*) ≠ 0'),
  kind: 'bound-in-expectation',
  expected: 'refuted',
  variantOf: 'stich2018.thm2.4',
  falseBecause: 'with ∇f_i(x*) ≠ 0 the averaged iterate keeps an error of order σ*²/(μT) while μa³R²/(8S_T) decays like T⁻³',
  params: stichParams(),
  maxIterations: THM24_BUDGET,
  instantiate: (p) => thm24Trial(p, { G2: 'none', cite: 'claimed: μa³‖x₀ − x*‖²/(8S_T)' }),
});

// ---------------------------------------------------------------------------------------------
// Lemma 3.2: the memory

interface MemoryOptions {
  /** multiplies d/k in the bound: (d/k)^dkPower */
  dkPower?: number;
  /** the step power: η_t^etaPower */
  etaPower?: number;
  cite: string;
}

function memoryTrial(p: StichParams, o: MemoryOptions): Trial {
  const s = stichSetup(p);
  const c = ((4 * s.alpha) / (s.alpha - 4)) * (p.d / p.k) ** (o.dkPower ?? 2);
  const eta = (t: number) => 8 / (s.mu * (s.a + t));
  return {
    hypotheses: s.hypotheses,
    derived: s.derived,
    bounds: [{ metric: 'memoryLower', relation: 'le', value: (t, m) => eta(t) ** (o.etaPower ?? 2) * c * m.G2, floor: 0, cite: o.cite }],
    run: (observe, maxIterations) => {
      const runs = replicas(s);
      const mem = new Float64Array(REPLICAS);
      const metrics = { memoryLower: 0, memoryMean: 0, G2: 0 };
      let G2 = 0; // over t' < t
      for (let t = 0; ; t++) {
        let sum = 0;
        for (let r = 0; r < REPLICAS; r++) {
          mem[r] = runs[r].memoryNormSq();
          sum += mem[r];
        }
        metrics.memoryMean = sum / REPLICAS;
        metrics.memoryLower = lowerBand(mem);
        metrics.G2 = G2;
        if (!Number.isFinite(metrics.memoryMean)) throw new RangeError(`MEM-SGD left the float64 range at t = ${t}`);
        if (!observe(t, metrics) || t >= maxIterations) return;
        for (let r = 0; r < REPLICAS; r++) {
          G2 = Math.max(G2, runs[r].meanSquaredGradientNorm());
          runs[r].step();
        }
      }
    },
  };
}

const MEMORY_BUDGET = 1500;

export const lemma32 = defineClaim<StichParams>({
  id: 'stich2018.lemma3.2-memory',
  statement: 'Along MEM-SGD’s run, E‖m_t‖² ≤ η_t²(4α/(α − 4))(d/k)²G² for every t (G² the running maximum of E_i‖∇f_i‖² over the earlier iterates)',
  source: source('Lemma 3.2', 'V'),
  kind: 'bound-in-expectation',
  expected: 'holds',
  params: stichParams(),
  examples: [paperLikeSetup('top-k'), paperLikeSetup('rand-k')],
  maxIterations: MEMORY_BUDGET,
  instantiate: (p) => memoryTrial(p, { cite: 'E‖m_t‖² ≤ η_t² 4α/(α−4) (d/k)² G², Lemma 3.2' }),
});

export const lemma32NoDk = defineClaim<StichParams>({
  id: 'stich2018.lemma3.2-memory-without-d-over-k',
  statement: 'FALSE variant: E‖m_t‖² ≤ η_t²(4α/(α − 4))G² (the memory does not grow with the compression ratio d/k)',
  source: source('Lemma 3.2', 'D', 'a coordinate is sent about once every d/k steps, so the memory holds about d/k step-scaled gradients'),
  kind: 'bound-in-expectation',
  expected: 'refuted',
  variantOf: 'stich2018.lemma3.2-memory',
  falseBecause: 'with k ≪ d the memory accumulates many step-scaled gradients before they are sent',
  // the regime where d/k matters: d/k from 32 to 48
  params: stichParams({ d: [32, 48], k: () => [1, 1] }),
  maxIterations: MEMORY_BUDGET,
  instantiate: (p) => memoryTrial(p, { dkPower: 0, cite: 'claimed: η_t² 4α/(α−4) G²' }),
});

export const lemma32Faster = defineClaim<StichParams>({
  id: 'stich2018.lemma3.2-memory-eta-cubed',
  statement: 'FALSE variant: E‖m_t‖² ≤ μη_t³(4α/(α − 4))(d/k)²G² (the memory decays one order faster than η_t²)',
  source: source('Lemma 3.2', 'D', 'the memory is a sum of step-scaled gradients, of order η_t², not η_t³'),
  kind: 'bound-in-expectation',
  expected: 'refuted',
  variantOf: 'stich2018.lemma3.2-memory',
  falseBecause: 'μη_t³/η_t² = 8/(a + t) → 0 while ‖m_t‖²/η_t² stays of order (d/k)‖∇f‖²',
  params: stichParams({ k: () => [1, 1] }),
  maxIterations: MEMORY_BUDGET,
  instantiate: (p) => memoryTrial(p, { etaPower: 3, cite: 'claimed: μη_t³ 4α/(α−4) (d/k)² G²' }),
});

// ---------------------------------------------------------------------------------------------
// Definition 2.1: k-contractions

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

function topKError(x: Float64Array, k: number): number {
  const out = new Float64Array(x.length);
  topK(x, k, out, new Int32Array(x.length));
  let s = 0;
  for (let i = 0; i < x.length; i++) s += (x[i] - out[i]) ** 2;
  return s;
}

const CONTRACTION = (nx: number, k: number, d: number) => (1 - k / d) * nx;

export const def21TopK = defineClaim<VectorParams>({
  id: 'stich2018.def2.1-top-k',
  statement: 'top_k is a k-contraction deterministically: ‖x − top_k(x)‖² ≤ (1 − k/d)‖x‖² for every x, with equality when all |x_i| are equal',
  source: source('Definition 2.1, Definition 2.2', 'D', 'dossier §1 [D]: top_k satisfies Definition 2.1 deterministically'),
  kind: 'bound-for-all-t',
  expected: 'holds',
  params: vectorParams(200),
  examples: [{ d: 10, k: 3, vector: 'equal-magnitude', scale: 1, seed: 1 }, { d: 200, k: 7, vector: 'equal-magnitude', scale: 1e-3, seed: 2 }],
  maxIterations: 1,
  instantiate: (p) => contractionTrial(p, { observed: (x) => ({ compressionError: topKError(x, p.k) }), metric: 'compressionError', bound: CONTRACTION, relations: ['le'], cite: 'E‖x − comp(x)‖² ≤ (1 − k/d)‖x‖², Definition 2.1' }),
});

export const def21TopKSquared = defineClaim<VectorParams>({
  id: 'stich2018.def2.1-top-k-squared-factor',
  statement: 'FALSE variant: ‖x − top_k(x)‖² ≤ (1 − k/d)²‖x‖²',
  source: source('Definition 2.1', 'D', 'dossier §1 encoding notes, false variant 3'),
  kind: 'bound-for-all-t',
  expected: 'refuted',
  variantOf: 'stich2018.def2.1-top-k',
  falseBecause: 'equal |x_i| give exactly (1 − k/d)‖x‖² > (1 − k/d)²‖x‖² for k < d',
  params: vectorParams(200),
  maxIterations: 1,
  instantiate: (p) => contractionTrial(p, { observed: (x) => ({ compressionError: topKError(x, p.k) }), metric: 'compressionError', bound: (nx, k, d) => (1 - k / d) ** 2 * nx, relations: ['le'], cite: 'claimed: (1 − k/d)²‖x‖²' }),
});

export const def21TopKUnsquared = defineClaim<VectorParams>({
  id: 'stich2018.def2.1-top-k-unsquared',
  statement: 'FALSE variant: ‖x − top_k(x)‖ ≤ (1 − k/d)‖x‖ (the contraction factor applied to the norm instead of its square)',
  source: source('Definition 2.1', 'D', 'the unsquared form, dossier §8 false variant 2'),
  kind: 'bound-for-all-t',
  expected: 'refuted',
  variantOf: 'stich2018.def2.1-top-k',
  falseBecause: 'equal |x_i| give ‖x − top_k(x)‖ = √(1 − k/d)‖x‖ > (1 − k/d)‖x‖ for k < d',
  params: vectorParams(200),
  maxIterations: 1,
  instantiate: (p) => contractionTrial(p, { observed: (x) => ({ compressionErrorNorm: Math.sqrt(topKError(x, p.k)) }), metric: 'compressionErrorNorm', bound: (nx, k, d) => (1 - k / d) * Math.sqrt(nx), relations: ['le'], cite: 'claimed: ‖x − top_k(x)‖ ≤ (1 − k/d)‖x‖' }),
});

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
  source: source('Definition 2.1, Definition 2.2', 'D', 'dossier §1 [D]: rand_k attains the bound with equality in expectation'),
  kind: 'exact-identity',
  expected: 'holds',
  params: vectorParams(RAND_K_DMAX),
  examples: [{ d: 8, k: 3, vector: 'one-hot', scale: 1, seed: 1 }],
  maxIterations: 1,
  instantiate: (p) => contractionTrial(p, { observed: (x) => ({ expectedError: randKStats(x, p.k).mean }), metric: 'expectedError', bound: CONTRACTION, relations: ['le', 'ge'], rtol: 1e-12, cite: 'E‖x − rand_k(x)‖² = (1 − k/d)‖x‖², Definition 2.1 with equality' }),
});

export const def21RandKPerDraw = defineClaim<VectorParams>({
  id: 'stich2018.def2.1-rand-k-per-draw',
  statement: 'FALSE variant: rand_k contracts on every draw, ‖x − rand_k(x)‖² ≤ (1 − k/d)‖x‖² almost surely',
  source: source('Definition 2.1', 'D', 'dossier §1 encoding notes, false variant 1'),
  kind: 'bound-for-all-t',
  expected: 'refuted',
  variantOf: 'stich2018.def2.1-rand-k-exact',
  falseBecause: 'for x with one nonzero entry and k < d, with probability 1 − k/d the error is ‖x‖²',
  params: vectorParams(RAND_K_DMAX),
  maxIterations: 1,
  instantiate: (p) => contractionTrial(p, { observed: (x) => ({ worstDrawError: randKStats(x, p.k).max }), metric: 'worstDrawError', bound: CONTRACTION, relations: ['le'], cite: 'claimed: ‖x − rand_k(x)‖² ≤ (1 − k/d)‖x‖² for every draw' }),
});

export const def21RandKSquared = defineClaim<VectorParams>({
  id: 'stich2018.def2.1-rand-k-squared-factor',
  statement: 'FALSE variant: E‖x − rand_k(x)‖² ≤ (1 − k/d)²‖x‖² (a factor below 1 − k/d in expectation)',
  source: source('Definition 2.1', 'D', 'dossier §1 encoding notes, false variant 2'),
  kind: 'bound-in-expectation',
  expected: 'refuted',
  variantOf: 'stich2018.def2.1-rand-k-exact',
  falseBecause: 'the expectation equals (1 − k/d)‖x‖² exactly, above (1 − k/d)²‖x‖² for k < d',
  params: vectorParams(RAND_K_DMAX),
  maxIterations: 1,
  instantiate: (p) => contractionTrial(p, { observed: (x) => ({ expectedError: randKStats(x, p.k).mean }), metric: 'expectedError', bound: (nx, k, d) => (1 - k / d) ** 2 * nx, relations: ['le'], cite: 'claimed: (1 − k/d)²‖x‖²' }),
});

/** A compressor object used by the claims, exported for the property tests. */
export function compressorFor(p: { compressor: CompressorKind; k: number; d: number; seed: number }): Compressor {
  return new Compressor(p.compressor, p.k, p.d, p.seed);
}

export const claims: Claim<any>[] = [
  thm24,
  thm24NoNoise,
  thm24OverT,
  lemma32,
  lemma32NoDk,
  lemma32Faster,
  def21TopK,
  def21TopKSquared,
  def21TopKUnsquared,
  def21RandK,
  def21RandKPerDraw,
  def21RandKSquared,
];

export default claims;
