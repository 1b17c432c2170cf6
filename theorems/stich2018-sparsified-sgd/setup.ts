/**
 * Stich, Cordonnier, Jaggi, "Sparsified SGD with Memory" (NeurIPS 2018, arXiv:1809.07599): the shared
 * instance construction of Theorem 2.4 and Lemma 3.2.
 *
 * Problem (Section 2): f = (1/n) Σ_i f_i, each f_i L-smooth, f μ-strongly convex, minimizer x*. Here a
 * finite-sum ridge regression f_i(x) = ½(a_iᵀx − b_i)² + (λ/2)‖x‖², with L = max_i‖a_i‖² + λ and
 * μ = λ_min(AᵀA/n) + λ, λ chosen so that L/μ ≤ κ (the target condition number).
 *
 * Method: MEM-SGD (Algorithm 1, eq. (8)): m₀ = 0, i_t uniform in [n],
 *   g_t = comp_k(m_t + η_t∇f_{i_t}(x_t)),  x_{t+1} = x_t − g_t,  m_{t+1} = m_t + η_t∇f_{i_t}(x_t) − g_t,
 * with comp_k = top_k or rand_k (Definition 2.2). Theorem 2.4's parameters: α > 4,
 * ρ = 4α/((α − 4)(α + 1)²), a shift a > 1 with (α + 1)d/k + ρ/(ρ + 1) ≤ a, steps η_t = 8/(μ(a + t)),
 * weights w_t = (a + t)², x̄_T = Σ_{t<T} w_t x_t / S_T, S_T = Σ_{t<T} w_t. Remark 2.5: a = (α + 2)d/k
 * meets the condition on a; the instances use either that a or the smallest a the theorem allows.
 *
 * Expectations: the mean over R = 8 independent replicas (lockstep runs with derived seeds); a true claim
 * is compared through the lower end of a one-sided 99.9 % Student-t band, so a counterexample means that
 * even the band's lower end exceeds the bound.
 */
import fc from 'fast-check';
import { atLeast, atMost, deriveSeed, drawPoint, FiniteSumRidge, logUniform, MemSgd, normSq, seedArb, studentTQuantile, type CompressorKind, type Hypothesis, type Source } from 'ratecheck';

const PAPER = 'Stich, Cordonnier, Jaggi. Sparsified SGD with Memory. NeurIPS 2018';
const URL = 'https://arxiv.org/abs/1809.07599';

export function source(theorem: string, confidence: Source['confidence'], note?: string): Source {
  return { paper: PAPER, theorem, url: URL, confidence, note: note ?? 'as stated in the paper (Section 2, Section 3)' };
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

/** A mid-size instance with Remark 2.6's choice α = 5, a = 7d/k (d = 20, n = 50, k = 2, κ = 10). */
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

export interface StichSetup {
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

export function stichSetup(p: StichParams): StichSetup {
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

/** R lockstep MEM-SGD runs with η_t = 8/(μ(a + t)) and w_t = (a + t)² (Theorem 2.4), seeds derived per replica. */
export function replicas(s: StichSetup): MemSgd[] {
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
export function lowerBand(values: Float64Array): number {
  const n = values.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i];
  const mean = sum / n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (values[i] - mean) ** 2;
  return mean - T_QUANTILE * Math.sqrt(ss / (n - 1) / n);
}
