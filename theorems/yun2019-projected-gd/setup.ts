/**
 * Yun, Sra, Jadbabaie (ICLR 2019): "Efficiently testing local optimality and escaping saddles for ReLU
 * networks", Lemma 3 (text of the OpenReview submission [V]; the number may differ in the camera-ready).
 * Set-up shared by the claims: the source, the parameters, the instance (Q, A) and the exact oracle.
 *
 * Instance. A q×p Gaussian (full row rank with probability 1). O = [R | Z] is the orthogonal factor of
 * the QR of [Aᵀ | G], G Gaussian: R spans range(Aᵀ) and Z (p×ν, ν = p − q) is an orthonormal basis of
 * null(A). Q = O [[E, F], [Fᵀ, D]] Oᵀ with D = V diag(λ) Vᵀ (V Haar): ZᵀQZ = D exactly, and the coupling
 * blocks E, F make Q indefinite without changing ZᵀQZ. λ₁ = +|λ₁|, 0 or −|λ₁| builds T1, T2 or T3 on
 * purpose; λⱼ = λ₁ + gap + U[0, 1] for j ≥ 2. α = c/λ_max(Q), c ∈ [0.2, 0.95]. The start is η₀ = P g,
 * g Gaussian, P = I − Aᵀ(AAᵀ)⁻¹A.
 *
 * Exact oracle [D] (from Lemma 3's iteration): on null(A) projected GD acts as I − αM, M = ZᵀQZ with
 * eigenvalues λ₁ < λ₂ ≤ …, so T1 ⇔ λ₁ > 0, T2 ⇔ λ₁ = 0, T3 ⇔ λ₁ < 0 (lemma3.ts derives the growth
 * bracket).
 */
import fc from 'fast-check';
import { fromMatrix, gemm, gemmNT, gemmTN, fromRows, frobNorm, haarOrthonormal, logUniform, qrOrthogonal, solveLinear, Rng, seedArb, symmetricEigen, toMatrix, zeros, type Mat, type Source, type SymmetricEigen } from 'ratecheck';

const PAPER = 'Yun, Sra, Jadbabaie. Efficiently testing local optimality and escaping saddles for ReLU networks. ICLR 2019';
const URL = 'https://arxiv.org/abs/1809.10858';

export function source(confidence: Source['confidence'], note: string): Source {
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

export function yunParams(stepFraction: fc.Arbitrary<number>, types: readonly EcqpType[] = ['T1', 'T2', 'T3']): fc.Arbitrary<YunParams> {
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

/** Q = diag(−1, 1), A = [1 0] is T1 although Q is indefinite (only ZᵀQZ = 1 matters). */
export const DIAG_EXAMPLE: YunParams = {
  p: 2, q: 1, type: 'T1', lambda1: 1, gap: 0.1, coupling: 0, stepFraction: 0.5, seed: 1,
  explicit: { Q: [[-1, 0], [0, 1]], A: [[1, 0]] },
};

export interface YunInstance {
  p: number;
  q: number;
  Q: Mat;
  A: Mat;
  /** P = I − Aᵀ(AAᵀ)⁻¹A */
  P: Mat;
  /** p×ν orthonormal basis of null(A), ν = p − q (a Matrix, like M's eigenvectors) */
  Z: SymmetricEigen['vectors'];
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

/** (S + Sᵀ)/2. */
function symmetrized(s: Mat): Mat {
  const n = s.rows, out = zeros(n, n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) out.data[i * n + j] = (s.data[i * n + j] + s.data[j * n + i]) / 2;
  return out;
}

/** The constraint matrix, Q, and everything the oracle needs. */
export function buildYun(params: YunParams): YunInstance {
  const rng = new Rng(params.seed, 'yun2019');
  let Q: Mat, A: Mat;
  if (params.explicit) {
    Q = fromRows(params.explicit.Q);
    A = fromRows(params.explicit.A);
  } else {
    const { p, q } = params;
    if (!(Number.isInteger(p) && Number.isInteger(q) && q >= 1 && q < p)) throw new RangeError(`need integers 1 ≤ q < p, got p=${p}, q=${q}`);
    A = zeros(q, p);
    for (let i = 0; i < q; i++) for (let j = 0; j < p; j++) A.data[i * p + j] = rng.gaussian();
    Q = zeros(p, p); // filled below once the basis is known
  }
  const p = A.cols, q = A.rows, nu = p - q;
  if (Q.rows !== p || Q.cols !== p) throw new RangeError(`Q must be ${p}x${p}, got ${Q.rows}x${Q.cols}`);
  if (!(q >= 1 && q < p)) throw new RangeError(`need 1 ≤ q < p, got p=${p}, q=${q}`);
  // O = [R | Z]: QR of [Aᵀ | G]; R spans range(Aᵀ), Z its orthogonal complement null(A)
  const G = zeros(p, p);
  for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) G.data[i * p + j] = j < q ? A.data[j * p + i] : rng.gaussian();
  const O = qrOrthogonal(G);
  const Z = zeros(p, nu);
  for (let i = 0; i < p; i++) for (let j = 0; j < nu; j++) Z.data[i * nu + j] = O.data[i * p + q + j];
  if (!params.explicit) {
    // Q = O [[E, F], [Fᵀ, D]] Oᵀ with D = V diag(λ) Vᵀ: ZᵀQZ = D exactly, E and F make Q indefinite
    const { type, lambda1, gap, coupling } = params;
    const l1 = type === 'T1' ? lambda1 : type === 'T3' ? -lambda1 : 0;
    const lambdas = [l1];
    for (let j = 1; j < nu; j++) lambdas.push(l1 + gap + rng.uniform());
    const V = haarOrthonormal(rng, nu, nu);
    const VL = zeros(nu, nu);
    for (let i = 0; i < nu; i++) for (let j = 0; j < nu; j++) VL.data[i * nu + j] = V.data[i * nu + j] * lambdas[j];
    const D = gemmNT(zeros(nu, nu), VL, V);
    const K = zeros(p, p);
    const k = K.data;
    for (let i = 0; i < q; i++) {
      for (let j = 0; j <= i; j++) {
        const e = (coupling * rng.gaussian()) / Math.sqrt(q);
        k[i * p + j] = e;
        k[j * p + i] = e;
      }
      for (let j = 0; j < nu; j++) {
        const f = (coupling * rng.gaussian()) / Math.sqrt(p);
        k[i * p + q + j] = f;
        k[(q + j) * p + i] = f;
      }
    }
    for (let i = 0; i < nu; i++) for (let j = 0; j < nu; j++) k[(q + i) * p + q + j] = D.data[i * nu + j];
    Q = gemmNT(zeros(p, p), gemm(zeros(p, p), O, K), O);
  }
  Q = symmetrized(Q);
  const eigQ = symmetricEigen(toMatrix(Q));
  const lambdaMinQ = eigQ.values[0], lambdaMaxQ = eigQ.values[p - 1];
  const normQ = Math.max(Math.abs(lambdaMinQ), Math.abs(lambdaMaxQ));
  const Mm = gemm(zeros(nu, nu), gemmTN(zeros(nu, p), Z, Q), Z);
  const M = symmetricEigen(toMatrix(symmetrized(Mm)));
  const alpha = lambdaMaxQ > 0 ? params.stepFraction / lambdaMaxQ : params.stepFraction / Math.max(normQ, Number.MIN_VALUE);
  // P = I − Aᵀ(AAᵀ)⁻¹A, as in the lemma
  const AAt = gemmNT(zeros(q, q), A, A);
  const P = gemmTN(zeros(p, p), A, solveLinear(AAt, A));
  for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) P.data[i * p + j] = (i === j ? 1 : 0) - P.data[i * p + j];
  const sv = symmetricEigen(toMatrix(AAt)).values.map((v) => Math.sqrt(Math.max(v, 0)));
  const rowRankRatio = Math.min(...sv) / Math.max(...sv);
  const nullResidual = frobNorm(gemm(zeros(q, nu), A, Z)) / frobNorm(A);
  const g = zeros(p, 1);
  for (let i = 0; i < p; i++) g.data[i] = rng.gaussian();
  const start = Float64Array.from(gemm(zeros(p, 1), P, g).data);
  return { p, q, Q, A, P, Z: toMatrix(Z), M, lambdaMaxQ, lambdaMinQ, normQ, nullResidual, rowRankRatio, alpha, start };
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

export const TYPE_CODE: Record<EcqpType, number> = { T1: 1, T2: 2, T3: 3 };

/** The transient of the bracket: K = (‖c‖² − c₁²)/c₁² and q = max_{j≥2}|μⱼ|/|μ₁| for the start η₀. */
export function transient(inst: YunInstance): { mu1: number; K: number; q: number } {
  const Z = fromMatrix(inst.Z), V = fromMatrix(inst.M.vectors);
  const c = gemmTN(zeros(Z.cols, 1), Z, { rows: inst.p, cols: 1, data: inst.start });
  const coords = Array.from(gemmTN(zeros(V.cols, 1), V, c).data);
  const total = coords.reduce((s, v) => s + v * v, 0);
  const c1 = coords[0] * coords[0];
  const mus = inst.M.values.map((l) => 1 - inst.alpha * l);
  const mu1 = mus[0];
  let q = 0;
  for (let j = 1; j < mus.length; j++) q = Math.max(q, Math.abs(mus[j]) / Math.abs(mu1));
  return { mu1, K: c1 > 0 ? (total - c1) / c1 : Infinity, q };
}
