/**
 * Yun, Sra, Jadbabaie (ICLR 2019), Lemma 3 [V] (OpenReview submission numbering).
 *
 * Statement. For min ½ ηᵀQη s.t. Aη = 0, projected GD
 *   η_{t+1} = (I − Aᵀ(AAᵀ)⁻¹A)(I − αQ)η_t
 * either converges to a solution or diverges, exponentially fast, and from a random start decides with
 * probability 1 between (T1) ηᵀQη > 0 on the feasible set except at 0, (T2) ηᵀQη ≥ 0 there with a
 * nonzero zero, (T3) ηᵀQη < 0 somewhere on it.
 *
 * Hypotheses. Q symmetric p×p; A q×p of full row rank; α < 1/λ_max(Q) (any α > 0 when λ_max(Q) ≤ 0).
 * Checked: σ_min(A)/σ_max(A) ≥ 1e-8, ‖AZ‖_F ≤ 1e-10‖A‖_F, α·λ_max(Q) < 1, and that the transient below
 * settles within half the iteration budget.
 *
 * Parameters (setup.ts). p ∈ [2, 40], 1 ≤ q < p, the type T1/T2/T3 built on purpose, |λ₁| ∈ [0.01, 0.5],
 * gap ∈ [0.1, 0.5], coupling ∈ [0.01, 2], α = c/λ_max(Q) with c ∈ [0.2, 0.95]; 20 000 iterations.
 *
 * Bound (growth bracket) [D], derived from the lemma's iteration. On null(A) the iteration is I − αM,
 * M = ZᵀQZ with eigenvalues λ₁ < λ₂ ≤ …; μⱼ = 1 − αλⱼ > 0 since αλ_max(M) ≤ αλ_max(Q) < 1. With c the
 * coordinates of η₀ in M's eigenbasis, the growth factor r_t = ‖η_{t+1}‖/‖η_t‖ satisfies
 *   r_t² = Σ cⱼ²μⱼ^{2t+2} / Σ cⱼ²μⱼ^{2t},
 * a weighted mean of the μⱼ², whose weight on μ₁² is at least 1/(1 + K q^{2t}); hence
 *   μ₁/√(1 + K q^{2t}) ≤ r_t ≤ μ₁,   K = (‖c‖² − c₁²)/c₁²,  q = maxⱼ≥₂ |μⱼ|/μ₁,
 * so r_t → 1 − αλ₁ (> 1 in T3) geometrically; once K q^{2t} ≤ 1e-16 the stabilized growth factor read off
 * the iterates decides T1/T2/T3 = sign of λ₁ exactly (setup.ts: the oracle).
 *
 * False variants: classify by the sign of λ_min(Q) (the constraint ignored); any step size α > 0;
 * "projected GD always converges when α < 1/λ_max(Q)".
 */
import { atLeast, atMost, defineClaim, logUniform, variant, withTrial, withoutHypothesis, type Bound, type Hypothesis, type Trial, type TrialOptions } from 'ratecheck';
import { DIAG_EXAMPLE, STABLE_TOL, TYPE_CODE, buildYun, iterateType, lemma3Params, oracleType, source, transient, yunParams, type EcqpType, type YunInstance, type YunParams } from './setup.ts';

export type ProjectedGdMetrics = {
  /** r_t = ‖η_{t+1}‖/‖η_t‖ */
  growthFactor: number;
  /** log‖η_t‖/‖η₀‖ */
  logNorm: number;
  /** 1 once the growth factor has stabilized */
  decided: number;
  /** 1, 2, 3 for the type decided from the iterates (0 before) */
  decidedType: number;
};

/**
 * Projected GD from η₀ = inst.start, normalized (power iteration) so that T3 runs never overflow:
 * observe(t, metrics) with r_t for t = 0, 1, …; stops one step after the growth factor stabilizes (the
 * decision), or at maxIterations.
 */
export function runProjectedGd(inst: YunInstance, alpha: number, observe: (t: number, m: ProjectedGdMetrics) => boolean, maxIterations: number): void {
  const p = inst.p;
  const Q = inst.Q.data, P = inst.P.data;
  const u = new Float64Array(p), v = new Float64Array(p), w = new Float64Array(p);
  let n0 = 0;
  for (let i = 0; i < p; i++) n0 += inst.start[i] * inst.start[i];
  n0 = Math.sqrt(n0);
  if (!(n0 > 0)) throw new RangeError('the projected start is 0');
  for (let i = 0; i < p; i++) u[i] = inst.start[i] / n0;
  const metrics: ProjectedGdMetrics = { growthFactor: NaN, logNorm: 0, decided: 0, decidedType: 0 };
  let previous = NaN;
  for (let t = 0; t <= maxIterations; t++) {
    // v = (I − αQ)u, w = P v
    for (let i = 0; i < p; i++) {
      let s = 0;
      const row = i * p;
      for (let j = 0; j < p; j++) s += Q[row + j] * u[j];
      v[i] = u[i] - alpha * s;
    }
    let r2 = 0;
    for (let i = 0; i < p; i++) {
      let s = 0;
      const row = i * p;
      for (let j = 0; j < p; j++) s += P[row + j] * v[j];
      w[i] = s;
      r2 += s * s;
    }
    const r = Math.sqrt(r2);
    metrics.growthFactor = r;
    if (t >= 1 && Math.abs(r - previous) <= STABLE_TOL * r) {
      metrics.decided = 1;
      metrics.decidedType = TYPE_CODE[iterateType(r)];
    }
    if (!observe(t, metrics) || metrics.decided === 1 || !(r > 0 && Number.isFinite(r))) return;
    metrics.logNorm += Math.log(r);
    for (let i = 0; i < p; i++) u[i] = w[i] / r;
    previous = r;
  }
}

/** The type the decision is compared with, and how the decision bound cites it. */
export interface Oracle {
  type: (inst: YunInstance) => EcqpType;
  cite: string;
}

const LAMBDA1_ORACLE: Oracle = {
  type: (inst) => oracleType(inst.M.values[0], inst.normQ),
  cite: 'Lemma 3: the iterates decide T1/T2/T3 = sign of λ₁(ZᵀQZ) (exact oracle [D], setup.ts)',
};

/** Lemma 3's trial: hypotheses, the growth bracket r_t ∈ [μ₁/√(1 + Kq^{2t}), μ₁] and the decision against `oracle`. */
export function yunTrial(params: YunParams, options: TrialOptions, oracle: Oracle = LAMBDA1_ORACLE): Trial {
  const inst = buildYun(params);
  const expectedType = oracle.type(inst);
  const { mu1, K, q } = transient(inst);
  const lambda1 = inst.M.values[0];
  // iterations until K q^{2t} ≤ 1e-16 (r_t within rounding of μ₁), when the decision is certain
  const settle = q < 1 ? Math.log(Math.max(K, 1) / 1e-16) / (2 * Math.log(1 / q)) : Infinity;
  const hypotheses: Hypothesis[] = [
    atLeast('A has full row rank (σ_min/σ_max)', inst.rowRankRatio, 1e-8),
    atMost('Z spans null(A) (‖AZ‖_F/‖A‖_F)', inst.nullResidual, 1e-10),
    atMost('α·λ_max(Q) < 1', inst.lambdaMaxQ > 0 ? inst.alpha * inst.lambdaMaxQ : 0, 1 - 1e-12, 'Lemma 3 step size (any α > 0 when λ_max(Q) ≤ 0)'),
    atMost('transient settles within half the budget', settle, options.maxIterations / 2, 'K q^{2t} ≤ 1e-16: the growth factor equals 1 − αλ₁ to rounding'),
  ];
  const derived: Record<string, number> = {
    p: inst.p, q: inst.q, alpha: inst.alpha, lambda1, ...(inst.M.values.length > 1 ? { lambda2: inst.M.values[1] } : {}),
    lambdaMinQ: inst.lambdaMinQ, lambdaMaxQ: inst.lambdaMaxQ, predictedGrowth: mu1, transientK: K, transientRatio: q,
    oracleType: TYPE_CODE[expectedType], settleIterations: settle,
  };
  const bounds: Bound[] = [
    { metric: 'growthFactor', relation: 'le', value: () => mu1, floor: 0, cite: 'r_t ≤ 1 − αλ₁ (weighted mean of μⱼ², file header [D])' },
    { metric: 'growthFactor', relation: 'ge', value: (t) => (Number.isFinite(K) ? mu1 / Math.sqrt(1 + K * Math.pow(q, 2 * t)) : 0), floor: 0, cite: 'r_t ≥ (1 − αλ₁)/√(1 + K q^{2t}) (file header [D])' },
    { metric: 'typeMismatch', relation: 'le', value: () => 0, floor: 0, cite: oracle.cite },
  ];
  return {
    hypotheses,
    derived,
    bounds,
    run: (observe, maxIterations) => {
      runProjectedGd(inst, inst.alpha, (t, m) => {
        // the decision is compared once it is taken, and counts as wrong if the budget ends first
        const undecidedAtEnd = m.decided === 0 && t >= maxIterations;
        const mismatch = m.decided === 1 ? (m.decidedType === TYPE_CODE[expectedType] ? 0 : 1) : undecidedAtEnd ? 1 : 0;
        if (m.decided === 1) {
          derived.decidedAt = t;
          derived.decidedType = m.decidedType;
          derived.observedGrowth = m.growthFactor;
        }
        return observe(t, { ...m, typeMismatch: mismatch });
      }, maxIterations);
    },
  };
}

export const lemma3 = defineClaim<YunParams>({
  id: 'yun2019.lemma3',
  statement: 'Projected GD on min ½ηᵀQη s.t. Aη = 0 with α < 1/λ_max(Q), from a random feasible start: the growth factor ‖η_{t+1}‖/‖η_t‖ lies in [(1−αλ₁)/√(1+Kq^{2t}), 1−αλ₁] (λ₁ = λ_min(ZᵀQZ)), so the iterates converge (T1, T2) or diverge (T3) exponentially fast, and the decision read off them is T1/T2/T3 = sign of λ₁',
  source: source('V', 'Lemma 3 [V] (OpenReview submission); exact oracle and growth bracket [D], derived in lemma3.ts header'),
  kind: 'asymptotic',
  expected: 'holds',
  params: lemma3Params,
  examples: [DIAG_EXAMPLE],
  maxIterations: 20_000,
  instantiate: (params, options) => yunTrial(params, options),
});

export const classifyByLambdaMinQ = withTrial(
  lemma3,
  {
    id: 'yun2019.classify-by-lambda-min-q',
    statement: 'FALSE variant: the type is the sign of λ_min(Q) (the constraint ignored)',
    source: { confidence: 'D', note: 'Lemma 3 classifies by ZᵀQZ: Q = diag(−1, 1), A = [1 0] is T1 (setup.ts DIAG_EXAMPLE)' },
    falseBecause: 'only ZᵀQZ matters: Q may be indefinite while it is positive definite on null(A) (T1)',
    examples: [DIAG_EXAMPLE],
  },
  // the oracle λ₁(ZᵀQZ) replaced by λ_min(Q), and only the decision bound kept
  (params, options) => {
    const trial = yunTrial(params, options, { type: (inst) => oracleType(inst.lambdaMinQ, inst.normQ), cite: 'false: T1/T2/T3 by the sign of λ_min(Q)' });
    return { ...trial, bounds: trial.bounds.filter((b) => b.metric === 'typeMismatch') };
  },
);

export const anyStepSize = withoutHypothesis(lemma3, (h) => h.name === 'α·λ_max(Q) < 1' || h.name === 'transient settles within half the budget', {
  id: 'yun2019.any-step-size',
  statement: 'FALSE variant: Lemma 3’s bracket and decision for any α > 0 (α = c/λ_max(Q), c up to 8)',
  source: { confidence: 'D', note: 'Lemma 3 without its step-size hypothesis α < 1/λ_max(Q)' },
  falseBecause: 'once α(λ_max(M) + λ₁) > 2 the mode 1 − αλ_max(M) < −(1 − αλ₁) dominates: the growth factor exceeds 1 − αλ₁, and a T1 instance diverges and reads as T3',
  params: yunParams(logUniform(0.5, 8, 24)),
});

export const alwaysConverges = variant(
  lemma3,
  {
    id: 'yun2019.always-converges',
    statement: 'FALSE variant: with α < 1/λ_max(Q) projected GD always converges (‖η_{t+1}‖ ≤ ‖η_t‖)',
    source: { confidence: 'D', note: 'negation of Lemma 3’s “either converges or diverges”: in T3 it diverges' },
    kind: 'bound-for-all-t',
    falseBecause: 'in T3 (λ₁ < 0) the growth factor tends to 1 − αλ₁ > 1: the iterates diverge',
  },
  // the bracket and the decision replaced by "the growth factor never exceeds 1"
  (trial) => ({ ...trial, bounds: [{ metric: 'growthFactor', relation: 'le', value: () => 1, floor: 0, cite: 'false: projected GD converges (‖η_{t+1}‖ ≤ ‖η_t‖) whenever α < 1/λ_max(Q)' }] }),
);
