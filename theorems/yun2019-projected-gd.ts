/**
 * Yun, Sra, Jadbabaie (ICLR 2019): "Efficiently testing local optimality and escaping saddles for ReLU
 * networks", Lemma 3 (text of the OpenReview submission [V]; the number may differ in the camera-ready).
 *
 *   min ½ ηᵀQη  s.t.  Aη = 0,   Q symmetric p×p, A q×p of full row rank.
 *   Projected GD:  η_{t+1} = (I − Aᵀ(AAᵀ)⁻¹A)(I − αQ)η_t,  α < 1/λ_max(Q),
 *
 * either converges to a solution or diverges, exponentially fast, and from a random start decides with
 * probability 1 between (T1) ηᵀQη > 0 on the feasible set except at 0, (T2) ≥ 0 with a nonzero zero,
 * (T3) < 0 somewhere.
 *
 * Exact oracle [D] (dossier further-theorems.md §3): Z an orthonormal basis of null(A), M = ZᵀQZ with
 * eigenvalues λ₁ < λ₂ ≤ …; on null(A) the iteration is I − αM, so T1 ⇔ λ₁ > 0, T2 ⇔ λ₁ = 0,
 * T3 ⇔ λ₁ < 0. With μⱼ = 1 − αλⱼ > 0 (αλ_max(M) ≤ αλ_max(Q) < 1) and c the coordinates of η₀ in M's
 * eigenbasis, the growth factor r_t = ‖η_{t+1}‖/‖η_t‖ satisfies r_t² = Σ cⱼ²μⱼ^{2t+2} / Σ cⱼ²μⱼ^{2t}, hence
 *
 *   μ₁/√(1 + K q^{2t}) ≤ r_t ≤ μ₁,   K = (‖c‖² − c₁²)/c₁²,  q = maxⱼ≥₂ |μⱼ|/μ₁,
 *
 * so r_t → 1 − αλ₁ (> 1 in T3) geometrically, and the decision read off the iterates is exact.
 */
import fc from 'fast-check';
import { EigenvalueDecomposition, Matrix, QrDecomposition, solve } from 'ml-matrix';
import { atLeast, atMost, defineClaim, type Bound, type Claim, type Hypothesis, type Source, type Trial, type TrialOptions } from '../src/claims/types.ts';
import { logUniform, seedArb } from '../src/claims/arbitraries.ts';
import { haarOrthonormal, symmetricEigen, toMatrix, type SymmetricEigen } from '../src/linalg/decomp.ts';
import { zeros, type Mat } from '../src/linalg/dense.ts';
import { Rng } from '../src/random/rng.ts';

const PAPER = 'Yun, Sra, Jadbabaie. Efficiently testing local optimality and escaping saddles for ReLU networks. ICLR 2019';
const URL = 'https://arxiv.org/abs/1809.10858';

function source(confidence: Source['confidence'], note: string): Source {
  return { paper: PAPER, theorem: 'Lemma 3', url: URL, confidence, note };
}

export type EcqpType = 'T1' | 'T2' | 'T3';

/** |λ₁| below this fraction of max|λ(Q)| counts as 0 (T2 instances have an exact zero up to roundoff). */
export const ZERO_TOL = 1e-12;
/** The iterates decide T3 when the stabilized growth factor exceeds 1 + CLASS_TOL, T1 below 1 − CLASS_TOL. */
export const CLASS_TOL = 1e-8;
/** The growth factor has stabilized once |r_t − r_{t−1}| ≤ STABLE_TOL·r_t. */
export const STABLE_TOL = 1e-13;

export interface YunParams {
  /** p: dimension of η */
  p: number;
  /** q: number of equality constraints (rows of A), 1 ≤ q < p */
  q: number;
  /** the type built on purpose: sign of λ₁(ZᵀQZ) */
  type: EcqpType;
  /** |λ₁| for T1/T3 */
  lambda1: number;
  /** λ₂ − λ₁ */
  gap: number;
  /** scale of Q's blocks outside null(A) × null(A) (they make Q indefinite without changing ZᵀQZ) */
  coupling: number;
  /** α = stepFraction/λ_max(Q) */
  stepFraction: number;
  seed: number;
  /** a given instance (Q, A) instead of the generated one */
  explicit?: { Q: number[][]; A: number[][] };
}

function yunParams(stepFraction: fc.Arbitrary<number>, types: readonly EcqpType[] = ['T1', 'T2', 'T3']): fc.Arbitrary<YunParams> {
  return fc.integer({ min: 2, max: 40 }).chain((p) =>
    fc.record({
      p: fc.constant(p),
      q: fc.integer({ min: 1, max: p - 1 }),
      type: fc.constantFrom(...types),
      lambda1: logUniform(0.01, 0.5, 16),
      gap: logUniform(0.1, 0.5, 8),
      coupling: logUniform(0.01, 2, 16),
      stepFraction,
      seed: seedArb(),
    }),
  );
}

/** Default profile: p ≤ 40, α = c/λ_max(Q) with c ∈ [0.2, 0.95]. */
export const lemma3Params = yunParams(fc.integer({ min: 20, max: 95 }).map((v) => v / 100));

/** The dossier's example: Q = diag(−1, 1), A = [1 0] is T1 although Q is indefinite. */
export const DIAG_EXAMPLE: YunParams = {
  p: 2, q: 1, type: 'T1', lambda1: 1, gap: 0.1, coupling: 0, stepFraction: 0.5, seed: 1,
  explicit: { Q: [[-1, 0], [0, 1]], A: [[1, 0]] },
};

// ---------------------------------------------------------------------------------------------
// Instance


export interface YunInstance {
  p: number;
  q: number;
  Q: Mat;
  A: Mat;
  /** P = I − Aᵀ(AAᵀ)⁻¹A */
  P: Mat;
  /** p×ν orthonormal basis of null(A), ν = p − q */
  Z: Matrix;
  /** eigenvalues (ascending) and eigenvectors of M = ZᵀQZ */
  M: SymmetricEigen;
  lambdaMaxQ: number;
  lambdaMinQ: number;
  /** max |λ(Q)| */
  normQ: number;
  /** ‖AZ‖_F/‖A‖_F (0 in exact arithmetic) */
  nullResidual: number;
  /** σ_min(A)/σ_max(A) */
  rowRankRatio: number;
  alpha: number;
  /** η₀ = P g, g Gaussian from the seed */
  start: Float64Array;
}

function toMat(m: Matrix): Mat {
  const out = zeros(m.rows, m.columns);
  for (let i = 0; i < m.rows; i++) for (let j = 0; j < m.columns; j++) out.data[i * m.columns + j] = m.get(i, j);
  return out;
}

/** The constraint matrix, Q, and everything the oracle needs. */
export function buildYun(params: YunParams): YunInstance {
  const rng = new Rng(params.seed, 'yun2019');
  let Qm: Matrix, Am: Matrix;
  if (params.explicit) {
    Qm = new Matrix(params.explicit.Q);
    Am = new Matrix(params.explicit.A);
  } else {
    const { p, q } = params;
    if (!(Number.isInteger(p) && Number.isInteger(q) && q >= 1 && q < p)) throw new RangeError(`need integers 1 ≤ q < p, got p=${p}, q=${q}`);
    Am = new Matrix(q, p);
    for (let i = 0; i < q; i++) for (let j = 0; j < p; j++) Am.set(i, j, rng.gaussian());
    Qm = new Matrix(p, p); // filled below once the basis is known
  }
  const p = Am.columns, q = Am.rows, nu = p - q;
  if (Qm.rows !== p || Qm.columns !== p) throw new RangeError(`Q must be ${p}x${p}, got ${Qm.rows}x${Qm.columns}`);
  if (!(q >= 1 && q < p)) throw new RangeError(`need 1 ≤ q < p, got p=${p}, q=${q}`);
  // O = [R | Z]: QR of [Aᵀ | G]; R spans range(Aᵀ), Z its orthogonal complement null(A)
  const G = new Matrix(p, p);
  for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) G.set(i, j, j < q ? Am.get(j, i) : rng.gaussian());
  const O = new QrDecomposition(G).orthogonalMatrix;
  const Z = O.subMatrix(0, p - 1, q, p - 1);
  if (!params.explicit) {
    // Q = O [[E, F], [Fᵀ, D]] Oᵀ with D = V diag(λ) Vᵀ: ZᵀQZ = D exactly, E and F make Q indefinite
    const { type, lambda1, gap, coupling } = params;
    const l1 = type === 'T1' ? lambda1 : type === 'T3' ? -lambda1 : 0;
    const lambdas = [l1];
    for (let j = 1; j < nu; j++) lambdas.push(l1 + gap + rng.uniform());
    const V = toMatrix(haarOrthonormal(rng, nu, nu));
    const D = V.clone().mulRowVector(lambdas).mmul(V.transpose());
    const K = new Matrix(p, p);
    for (let i = 0; i < q; i++) {
      for (let j = 0; j <= i; j++) {
        const e = (coupling * rng.gaussian()) / Math.sqrt(q);
        K.set(i, j, e);
        K.set(j, i, e);
      }
      for (let j = 0; j < nu; j++) {
        const f = (coupling * rng.gaussian()) / Math.sqrt(p);
        K.set(i, q + j, f);
        K.set(q + j, i, f);
      }
    }
    for (let i = 0; i < nu; i++) for (let j = 0; j < nu; j++) K.set(q + i, q + j, D.get(i, j));
    Qm = O.mmul(K).mmul(O.transpose());
  }
  Qm = Qm.add(Qm.transpose()).div(2);
  const eigQ = symmetricEigen(Qm);
  const lambdaMinQ = eigQ.values[0], lambdaMaxQ = eigQ.values[p - 1];
  const normQ = Math.max(Math.abs(lambdaMinQ), Math.abs(lambdaMaxQ));
  const Mm = Z.transpose().mmul(Qm).mmul(Z);
  const M = symmetricEigen(Mm.add(Mm.transpose()).div(2));
  const alpha = lambdaMaxQ > 0 ? params.stepFraction / lambdaMaxQ : params.stepFraction / Math.max(normQ, Number.MIN_VALUE);
  // P = I − Aᵀ(AAᵀ)⁻¹A, as in the lemma
  const AAt = Am.mmul(Am.transpose());
  const Pm = Matrix.eye(p).sub(Am.transpose().mmul(solve(AAt, Am)));
  const sv = new EigenvalueDecomposition(AAt, { assumeSymmetric: true }).realEigenvalues.map((v) => Math.sqrt(Math.max(v, 0)));
  const rowRankRatio = Math.min(...sv) / Math.max(...sv);
  const nullResidual = Am.mmul(Z).norm('frobenius') / Am.norm('frobenius');
  const g = new Matrix(p, 1);
  for (let i = 0; i < p; i++) g.set(i, 0, rng.gaussian());
  const start = Float64Array.from(Pm.mmul(g).getColumn(0));
  return { p, q, Q: toMat(Qm), A: toMat(Am), P: toMat(Pm), Z, M, lambdaMaxQ, lambdaMinQ, normQ, nullResidual, rowRankRatio, alpha, start };
}

export function oracleType(lambda: number, normQ: number): EcqpType {
  if (lambda > ZERO_TOL * normQ) return 'T1';
  if (lambda < -ZERO_TOL * normQ) return 'T3';
  return 'T2';
}

/** The decision read off the iterates: the stabilized growth factor against 1. */
export function iterateType(growth: number): EcqpType {
  if (growth > 1 + CLASS_TOL) return 'T3';
  if (growth < 1 - CLASS_TOL) return 'T1';
  return 'T2';
}

const TYPE_CODE: Record<EcqpType, number> = { T1: 1, T2: 2, T3: 3 };

/** The transient of the bracket: K = (‖c‖² − c₁²)/c₁² and q = max_{j≥2}|μⱼ|/|μ₁| for the start η₀. */
export function transient(inst: YunInstance): { mu1: number; K: number; q: number } {
  const c = inst.Z.transpose().mmul(Matrix.columnVector(Array.from(inst.start)));
  const coords = inst.M.vectors.transpose().mmul(c).getColumn(0);
  const total = coords.reduce((s, v) => s + v * v, 0);
  const c1 = coords[0] * coords[0];
  const mus = inst.M.values.map((l) => 1 - inst.alpha * l);
  const mu1 = mus[0];
  let q = 0;
  for (let j = 1; j < mus.length; j++) q = Math.max(q, Math.abs(mus[j]) / Math.abs(mu1));
  return { mu1, K: c1 > 0 ? (total - c1) / c1 : Infinity, q };
}

// ---------------------------------------------------------------------------------------------
// Projected GD, normalized (power iteration) so that T3 runs never overflow

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
 * Projected GD from η₀ = inst.start: observe(t, metrics) with r_t for t = 0, 1, …; stops one step after
 * the growth factor stabilizes (the decision), or at maxIterations.
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

// ---------------------------------------------------------------------------------------------
// Claims

type Oracle = (inst: YunInstance) => EcqpType;

interface TrialSpec {
  /** drop α < 1/λ_max(Q) */
  anyStep?: boolean;
  oracle?: Oracle;
  /** bounds: the bracket and the decision (default), the decision only, or the false "never grows" */
  bounds?: 'bracket' | 'decision' | 'never-grows';
}

const lambda1Oracle: Oracle = (inst) => oracleType(inst.M.values[0], inst.normQ);

function yunTrial(params: YunParams, options: TrialOptions, spec: TrialSpec = {}): Trial {
  const inst = buildYun(params);
  const oracle = spec.oracle ?? lambda1Oracle;
  const expectedType = oracle(inst);
  const { mu1, K, q } = transient(inst);
  const lambda1 = inst.M.values[0];
  // iterations until K q^{2t} ≤ 1e-16 (r_t within rounding of μ₁), when the decision is certain
  const settle = q < 1 ? Math.log(Math.max(K, 1) / 1e-16) / (2 * Math.log(1 / q)) : Infinity;
  const hypotheses: Hypothesis[] = [
    atLeast('A has full row rank (σ_min/σ_max)', inst.rowRankRatio, 1e-8),
    atMost('Z spans null(A) (‖AZ‖_F/‖A‖_F)', inst.nullResidual, 1e-10),
  ];
  if (!spec.anyStep) {
    hypotheses.push(atMost('α·λ_max(Q) < 1', inst.lambdaMaxQ > 0 ? inst.alpha * inst.lambdaMaxQ : 0, 1 - 1e-12, 'Lemma 3 step size (any α > 0 when λ_max(Q) ≤ 0)'));
    hypotheses.push(atMost('transient settles within half the budget', settle, options.maxIterations / 2, 'K q^{2t} ≤ 1e-16: the growth factor equals 1 − αλ₁ to rounding'));
  }
  const derived: Record<string, number> = {
    p: inst.p, q: inst.q, alpha: inst.alpha, lambda1, ...(inst.M.values.length > 1 ? { lambda2: inst.M.values[1] } : {}),
    lambdaMinQ: inst.lambdaMinQ, lambdaMaxQ: inst.lambdaMaxQ, predictedGrowth: mu1, transientK: K, transientRatio: q,
    oracleType: TYPE_CODE[expectedType], settleIterations: settle,
  };
  const decision: Bound = {
    metric: 'typeMismatch', relation: 'le', value: () => 0, floor: 0,
    cite: spec.oracle ? 'false: T1/T2/T3 by the sign of λ_min(Q)' : 'Lemma 3: the iterates decide T1/T2/T3 = sign of λ₁(ZᵀQZ) (dossier §3 exact oracle [D])',
  };
  let bounds: Bound[];
  if (spec.bounds === 'never-grows') {
    bounds = [{ metric: 'growthFactor', relation: 'le', value: () => 1, floor: 0, cite: 'false: projected GD converges (‖η_{t+1}‖ ≤ ‖η_t‖) whenever α < 1/λ_max(Q)' }];
  } else if (spec.bounds === 'decision') {
    bounds = [decision];
  } else {
    bounds = [
      { metric: 'growthFactor', relation: 'le', value: () => mu1, floor: 0, cite: 'r_t ≤ 1 − αλ₁ (weighted mean of μⱼ², file header [D])' },
      { metric: 'growthFactor', relation: 'ge', value: (t) => (Number.isFinite(K) ? mu1 / Math.sqrt(1 + K * Math.pow(q, 2 * t)) : 0), floor: 0, cite: 'r_t ≥ (1 − αλ₁)/√(1 + K q^{2t}) (file header [D])' },
      decision,
    ];
  }
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
  source: source('V', 'Lemma 3 [V] (OpenReview submission); exact oracle and growth bracket [D], dossier further-theorems.md §3'),
  kind: 'asymptotic',
  expected: 'holds',
  params: lemma3Params,
  examples: [DIAG_EXAMPLE],
  maxIterations: 20_000,
  instantiate: (params, options) => yunTrial(params, options),
});

export const classifyByLambdaMinQ = defineClaim<YunParams>({
  id: 'yun2019.classify-by-lambda-min-q',
  statement: 'FALSE variant: the type is the sign of λ_min(Q) (the constraint ignored)',
  source: source('D', 'dossier §3 Encoding notes, false variant 1: Q = diag(−1, 1), A = [1 0] is T1'),
  kind: 'asymptotic',
  expected: 'refuted',
  variantOf: 'yun2019.lemma3',
  falseBecause: 'only ZᵀQZ matters: Q may be indefinite while it is positive definite on null(A) (T1)',
  params: lemma3Params,
  examples: [DIAG_EXAMPLE],
  maxIterations: 20_000,
  instantiate: (params, options) => yunTrial(params, options, { oracle: (inst) => oracleType(inst.lambdaMinQ, inst.normQ), bounds: 'decision' }),
});

export const anyStepSize = defineClaim<YunParams>({
  id: 'yun2019.any-step-size',
  statement: 'FALSE variant: Lemma 3’s bracket and decision for any α > 0 (α = c/λ_max(Q), c up to 8)',
  source: source('D', 'dossier §3 Encoding notes, false variant 2'),
  kind: 'asymptotic',
  expected: 'refuted',
  variantOf: 'yun2019.lemma3',
  falseBecause: 'once α(λ_max(M) + λ₁) > 2 the mode 1 − αλ_max(M) < −(1 − αλ₁) dominates: the growth factor exceeds 1 − αλ₁, and a T1 instance diverges and reads as T3',
  params: yunParams(logUniform(0.5, 8, 24)),
  maxIterations: 20_000,
  instantiate: (params, options) => yunTrial(params, options, { anyStep: true }),
});

export const alwaysConverges = defineClaim<YunParams>({
  id: 'yun2019.always-converges',
  statement: 'FALSE variant: with α < 1/λ_max(Q) projected GD always converges (‖η_{t+1}‖ ≤ ‖η_t‖)',
  source: source('D', 'dossier §3 Encoding notes, false variant 3'),
  kind: 'bound-for-all-t',
  expected: 'refuted',
  variantOf: 'yun2019.lemma3',
  falseBecause: 'in T3 (λ₁ < 0) the growth factor tends to 1 − αλ₁ > 1: the iterates diverge',
  params: lemma3Params,
  maxIterations: 20_000,
  instantiate: (params, options) => yunTrial(params, options, { bounds: 'never-grows' }),
});

export const claims: Claim<any>[] = [lemma3, classifyByLambdaMinQ, anyStepSize, alwaysConverges];

export default claims;
