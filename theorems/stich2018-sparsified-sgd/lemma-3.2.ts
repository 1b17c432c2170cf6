/**
 * Stich, Cordonnier, Jaggi (NeurIPS 2018), Lemma 3.2: the memory of MEM-SGD stays small.
 *
 * Statement: along MEM-SGD (Algorithm 1, eq. (8)), E‖m_t‖² ≤ η_t² (4α/(α − 4)) (d/k)² G² for every t.
 * Hypotheses: those of Theorem 2.4 (comp_k a k-contraction, Definition 2.1; E_i‖∇f_i(x_t)‖² ≤ G² along
 * the iterates; α > 4, (α + 1)d/k + ρ/(ρ + 1) ≤ a).
 * Parameters: η_t = 8/(μ(a + t)), the instances of setup.ts.
 * Bound: η_t² (4α/(α − 4)) (d/k)² G², with G² the running maximum of E_i‖∇f_i(x_{t'})‖² over the earlier
 * iterates t' < t and the replicas (m_t depends on those iterates only), compared with the lower end of
 * the 99.9 % band of the mean of ‖m_t‖² over the replicas. On the instances of Remark 2.6's scale
 * (d = 20, k = 2, α = 5) the ratio ‖m_t‖²/bound stays below about 0.002.
 *
 * False variants (the bound's exponents changed, the instance and the run kept):
 * - (d/k)⁰ in place of (d/k)²: a coordinate is sent about once every d/k steps, so the memory holds
 *   about d/k step-scaled gradients; refuted where d/k is large (k = 1, d from 32 to 48).
 * - η_t³ in place of η_t²: the memory is a sum of step-scaled gradients, of order η_t², and
 *   η_t³/η_t² = η_t → 0 while ‖m_t‖²/η_t² stays of order (d/k)‖∇f‖².
 */
import { defineClaim, mapBounds, variant, type Claim, type Trial, type VariantInfo } from 'ratecheck';
import { lowerBand, paperLikeSetup, REPLICAS, replicas, source, stichParams, stichSetup, type StichParams } from './setup.ts';

/** The exponents of Lemma 3.2's bound: η_t^etaPower (4α/(α − 4)) (d/k)^dkPower G² (both 2 in the lemma). */
export interface MemoryPowers {
  dkPower: number;
  etaPower: number;
}

const LEMMA_32: MemoryPowers = { dkPower: 2, etaPower: 2 };

/** The memory bound at t as a function of G², from the instance's μ, a, α and d, k. */
export function memoryBound(s: { mu: number; a: number; alpha: number }, p: { d: number; k: number }, powers: MemoryPowers): (t: number, G2: number) => number {
  const c = ((4 * s.alpha) / (s.alpha - 4)) * (p.d / p.k) ** powers.dkPower;
  const eta = (t: number) => 8 / (s.mu * (s.a + t));
  return (t, G2) => eta(t) ** powers.etaPower * c * G2;
}

function memoryTrial(p: StichParams, cite: string): Trial {
  const s = stichSetup(p);
  const bound = memoryBound(s, p, LEMMA_32);
  return {
    hypotheses: s.hypotheses,
    derived: s.derived,
    bounds: [{ metric: 'memoryLower', relation: 'le', value: (t, m) => bound(t, m.G2), floor: 0, cite }],
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
  instantiate: (p) => memoryTrial(p, 'E‖m_t‖² ≤ η_t² 4α/(α−4) (d/k)² G², Lemma 3.2'),
});

/** Lemma 3.2 with other exponents of d/k and η_t in its bound (μ, a, α read from the trial's derived values). */
function withPowers(base: Claim<StichParams>, powers: Partial<MemoryPowers>, cite: string, info: VariantInfo<StichParams>): Claim<StichParams> {
  return variant(base, info, (trial, p) => {
    const bound = memoryBound({ mu: trial.derived.mu, a: trial.derived.a, alpha: trial.derived.alpha }, p, { ...LEMMA_32, ...powers });
    return mapBounds(trial, 'memoryLower', (b) => ({ ...b, value: (t, m) => bound(t, m.G2), cite }));
  });
}

export const lemma32NoDk = withPowers(lemma32, { dkPower: 0 }, 'claimed: η_t² 4α/(α−4) G²', {
  id: 'stich2018.lemma3.2-memory-without-d-over-k',
  statement: 'FALSE variant: E‖m_t‖² ≤ η_t²(4α/(α − 4))G² (the memory does not grow with the compression ratio d/k)',
  source: source('Lemma 3.2', 'D', 'a coordinate is sent about once every d/k steps, so the memory holds about d/k step-scaled gradients'),
  falseBecause: 'with k ≪ d the memory accumulates many step-scaled gradients before they are sent',
  // the regime where d/k matters: d/k from 32 to 48
  params: stichParams({ d: [32, 48], k: () => [1, 1] }),
});

export const lemma32Faster = withPowers(lemma32, { etaPower: 3 }, 'claimed: η_t³ 4α/(α−4) (d/k)² G²', {
  id: 'stich2018.lemma3.2-memory-eta-cubed',
  statement: 'FALSE variant: E‖m_t‖² ≤ η_t³(4α/(α − 4))(d/k)²G² (the memory decays one order faster than η_t²)',
  source: source('Lemma 3.2', 'D', 'the memory is a sum of step-scaled gradients, of order η_t², not η_t³'),
  falseBecause: 'η_t³/η_t² = η_t → 0 while ‖m_t‖²/η_t² stays of order (d/k)‖∇f‖²',
  params: stichParams({ k: () => [1, 1] }),
});
