/**
 * Exact expectations of minibatch heavy ball on a consistent system (Bollapragada, Chen,
 * Ward 2024; derived from the update, exact): the mean recursion and the second-moment propagation operator, applied without forming
 * Kronecker products, and its spectral radius ρ_msq(B).
 *
 * State z_k = [e_k; e_{k−1}] (e = x − x*), z_{k+1} = M_k z_k with M_k = T − α P (W_k − H) Pᵀ,
 * T = [[(1+β)I − αH, −βI], [I, 0]], P = [I; 0], W_k = (1/B) Σ_t X_{j_t}, X_j = a_j a_jᵀ/p_j. With
 * S_k = E[z_k z_kᵀ] and i.i.d. sampling (with replacement),
 *
 *   S_{k+1} = 𝓛_B(S_k) = T S_k Tᵀ + (α²/B) P Φ(S_k,11) Pᵀ,   Φ(Y) = E[X Y X] − H Y H,
 *   E[X Y X] = Σ_j (a_jᵀ Y a_j / p_j) a_j a_jᵀ = Aᵀ diag(q) A,
 *
 * which costs O(n d²) per application. Everything is computed in the eigenbasis of H = AᵀA, where T is
 * a direct sum of the 2 x 2 blocks T_λ and the deterministic part costs O(d²).
 *
 * Spectral radius. 𝓛_B = 𝓛₀ + (1/B) 𝓝 with 𝓛₀(S) = T S Tᵀ and 𝓝 both preserving the PSD cone, and
 * ρ(𝓛₀) = ρ(T)² =: r₀. For r > r₀ the standard splitting result for positive operators gives
 * ρ(𝓛_B) < r ⇔ ρ(𝓝 (r − 𝓛₀)⁻¹) < B. The resolvent restricted to the top-left block is a Hadamard
 * product, [(r − 𝓛₀)⁻¹(P Y Pᵀ)]₁₁ = G(r) ∘ Y, with the closed form of the 2 x 2 Stein equation
 *
 *   G_ij(r) = 1 / ( r − c_i c_j − β²/r + β (r(c_i² + c_j²) − 2β c_i c_j)/(r² − β²) ),  c_i = 1 + β − αλ_i,
 *
 * so with K_r(Y) = α² Φ(G(r) ∘ Y) (a positive operator on d x d symmetric matrices, independent of B):
 * - the critical batch for a rate r is B(r) = ρ(K_r) (ρ_msq(B) ≤ r ⇔ B ≥ ρ(K_r)),
 * - ρ_msq(B) is the root r > r₀ of ρ(K_r) = B (ρ(K_r) decreases from ∞ to 0 on (r₀, ∞)).
 * ρ(K_r) is computed by power iteration from the identity. A direct power iteration on 𝓛_B is provided
 * as a cross-check (it converges slowly when ρ_msq(B) is close to β: 𝓛₀ has its whole spectrum on the
 * circle of radius β).
 */
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import type { Observer } from '../claims/types.ts';
import { gemm, gemmTN, zeros, type Mat } from '../linalg/dense.ts';
import { rotateRows, toEigenbasis, type LeastSquares } from '../problems/least-squares.ts';
import { blockRadius, minibatchUpdate, samplingProbabilities, estimatorWeights, type Estimator, type HeavyBallParameters, type Sampling } from './heavy-ball.ts';

export interface MomentSpec extends HeavyBallParameters {
  sampling: Sampling;
}

export interface PowerIterationResult {
  /** the spectral radius estimate */
  radius: number;
  iterations: number;
  converged: boolean;
  /** ‖K(Y) − ρY‖_F/‖K(Y)‖_F at the returned eigenvector estimate */
  residual: number;
}

/** Relative tolerance of the power iterations and of the root in r. */
export const RADIUS_TOL = 1e-12;
const POWER_ITERATIONS_BEFORE_ARNOLDI = 300;
const ARNOLDI_SUBSPACE = 40;
const ARNOLDI_RESTARTS = 50;

function checkBatch(batchSize: number): void {
  if (!(batchSize >= 1)) {
    throw new RangeError(`batch size must be a number ≥ 1 (or Infinity for the full gradient), got ${batchSize}`);
  }
}

export type MeanSquareMetrics = {
  /** E‖x_k − x*‖² = tr S_k,11 (exact) */
  meanSquareError: number;
  /** (E‖x_k − x*‖²)^{1/2} */
  rmsError: number;
  /** ‖E[x_k] − x*‖ = the deterministic heavy-ball error (mean recursion, P2) */
  meanErrorNorm: number;
  /** e_kᵀHe_k-type term tr(H S_k,11), used by the one-step identities */
  traceHS: number;
  /** tr(H S_k,11 H) */
  traceHSH: number;
};

export class SecondMomentOperator {
  readonly n: number;
  readonly d: number;
  /** Ã = A V: the rows in the eigenbasis of H */
  readonly rows: Mat;
  /** λ₁ ≤ … ≤ λ_d */
  readonly lambda: Float64Array;
  /** c_i = 1 + β − αλ_i */
  readonly c: Float64Array;
  /** 1/p_j (0 for rows never drawn) */
  private readonly invP: Float64Array;
  readonly stepSize: number;
  readonly momentum: number;
  /** r₀ = ρ(T)² = ρ(𝓛₀) */
  readonly deterministicRadius: number;
  // buffers
  private readonly Z: Mat;
  private readonly DA: Mat;
  private readonly E: Mat;
  private readonly Yg: Mat;
  private readonly G: Float64Array;
  private perron: Mat;
  private perronNext: Mat;

  constructor(
    readonly problem: LeastSquares,
    readonly spec: MomentSpec,
  ) {
    const { stepSize, momentum } = spec;
    if (!(stepSize > 0 && Number.isFinite(stepSize))) throw new RangeError(`step size must be positive and finite, got ${stepSize}`);
    if (!(momentum >= 0 && momentum < 1)) throw new RangeError(`momentum must lie in [0, 1), got ${momentum}`);
    this.n = problem.n;
    this.d = problem.d;
    this.stepSize = stepSize;
    this.momentum = momentum;
    this.rows = rotateRows(problem);
    this.lambda = problem.eigenvalues;
    const d = this.d;
    this.c = new Float64Array(d);
    let r0 = 0;
    for (let i = 0; i < d; i++) {
      this.c[i] = 1 + momentum - stepSize * this.lambda[i];
      const rho = blockRadius(this.lambda[i], stepSize, momentum);
      r0 = Math.max(r0, rho * rho);
    }
    this.deterministicRadius = r0;
    const p = samplingProbabilities(problem, spec.sampling);
    this.invP = p.map((v) => (v > 0 ? 1 / v : 0));
    this.Z = zeros(this.n, d);
    this.DA = zeros(this.n, d);
    this.E = zeros(d, d);
    this.Yg = zeros(d, d);
    this.G = new Float64Array(d * d);
    this.perron = zeros(d, d);
    this.perronNext = zeros(d, d);
    this.resetPerron();
  }

  private resetPerron(): void {
    const d = this.d;
    this.perron.data.fill(0);
    for (let i = 0; i < d; i++) this.perron.data[i * d + i] = 1 / d;
  }

  /** out = Φ(Y) = Σ_j (ã_jᵀYã_j/p_j) ã_jã_jᵀ − ΛYΛ (Y symmetric d x d; out must not alias Y). O(n d²). */
  noise(Y: Mat, out: Mat): Mat {
    const { n, d, rows, invP, lambda } = this;
    const Z = this.Z, DA = this.DA;
    gemm(Z, rows, Y); // Z = Ã Y
    const a = rows.data, z = Z.data, da = DA.data;
    for (let j = 0; j < n; j++) {
      const o = j * d;
      let q = 0;
      for (let i = 0; i < d; i++) q += z[o + i] * a[o + i];
      q *= invP[j];
      for (let i = 0; i < d; i++) da[o + i] = q * a[o + i];
    }
    gemmTN(out, rows, DA); // Ãᵀ diag(q) Ã
    const y = Y.data, od = out.data;
    for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) od[i * d + j] -= lambda[i] * lambda[j] * y[i * d + j];
    return out;
  }

  /**
   * out = 𝓛_B(S) for a symmetric 2d x 2d S in the eigenbasis (blocks [[S11, S12], [S21, S22]]);
   * out must not alias S. B = Infinity gives the deterministic T S Tᵀ.
   */
  apply(S: Mat, out: Mat, batchSize: number): Mat {
    checkBatch(batchSize);
    const d = this.d, w = 2 * d;
    if (S.rows !== w || S.cols !== w || out.rows !== w || out.cols !== w) throw new RangeError(`the second moment must be ${w}x${w}`);
    const s = S.data, o = out.data, c = this.c, beta = this.momentum;
    for (let i = 0; i < d; i++) {
      for (let j = 0; j < d; j++) {
        const s11 = s[i * w + j], s12 = s[i * w + d + j], s21 = s[(d + i) * w + j], s22 = s[(d + i) * w + d + j];
        o[i * w + j] = c[i] * c[j] * s11 - beta * c[i] * s12 - beta * c[j] * s21 + beta * beta * s22;
        o[i * w + d + j] = c[i] * s11 - beta * s21;
        o[(d + i) * w + j] = c[j] * s11 - beta * s12;
        o[(d + i) * w + d + j] = s11;
      }
    }
    if (batchSize !== Infinity) {
      const Y = this.Yg;
      for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) Y.data[i * d + j] = s[i * w + j];
      this.noise(Y, this.E);
      const f = (this.stepSize * this.stepSize) / batchSize;
      const e = this.E.data;
      for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) o[i * w + j] += f * e[i * d + j];
    }
    return out;
  }

  /** S₀ = z₀z₀ᵀ, z₀ = [ẽ₀; ẽ₀] in the eigenbasis (x_{−1} = x₀). */
  initialMoment(e0: Float64Array): Mat {
    const d = this.d, w = 2 * d;
    const et = toEigenbasis(this.problem, e0);
    const S = zeros(w, w);
    for (let i = 0; i < w; i++) for (let j = 0; j < w; j++) S.data[i * w + j] = et[i % d] * et[j % d];
    return S;
  }

  /**
   * Exact E‖x_k − x*‖² (and the mean recursion) from x₀ = x* + e₀, k = 0..maxIterations; stops when
   * observe returns false.
   */
  meanSquareTrajectory(e0: Float64Array, batchSize: number, observe: Observer, maxIterations: number): void {
    checkBatch(batchSize);
    if (e0.length !== this.d) throw new RangeError(`e₀ has ${e0.length} entries, expected d = ${this.d}`);
    const d = this.d, w = 2 * d;
    let S = this.initialMoment(e0), next = zeros(w, w);
    let m: Float64Array = toEigenbasis(this.problem, e0), mPrev: Float64Array = Float64Array.from(m), mNext: Float64Array = new Float64Array(d);
    const metrics: MeanSquareMetrics = { meanSquareError: 0, rmsError: 0, meanErrorNorm: 0, traceHS: 0, traceHSH: 0 };
    for (let k = 0; ; k++) {
      let tr = 0, trH = 0, trHH = 0, mm = 0;
      for (let i = 0; i < d; i++) {
        const sii = S.data[i * w + i];
        tr += sii;
        trH += this.lambda[i] * sii;
        trHH += this.lambda[i] * this.lambda[i] * sii;
        mm += m[i] * m[i];
      }
      metrics.meanSquareError = tr;
      metrics.rmsError = Math.sqrt(Math.max(tr, 0));
      metrics.meanErrorNorm = Math.sqrt(mm);
      metrics.traceHS = trH;
      metrics.traceHSH = trHH;
      if (!observe(k, metrics) || k >= maxIterations) return;
      this.apply(S, next, batchSize);
      const t = S;
      S = next;
      next = t;
      for (let i = 0; i < d; i++) mNext[i] = this.c[i] * m[i] - this.momentum * mPrev[i];
      const u = mPrev;
      mPrev = m;
      m = mNext;
      mNext = u;
    }
  }

  /** G(r)_ij of the header (r > r₀). */
  resolventWeights(r: number, out: Float64Array = this.G): Float64Array {
    if (!(r > this.deterministicRadius)) throw new RangeError(`the resolvent needs r > ρ(T)² = ${this.deterministicRadius}, got ${r}`);
    const d = this.d, c = this.c, b = this.momentum;
    const den2 = r * r - b * b;
    for (let i = 0; i < d; i++) {
      for (let j = i; j < d; j++) {
        const ci = c[i], cj = c[j];
        const g = 1 / (r - ci * cj - (b * b) / r + (b * (r * (ci * ci + cj * cj) - 2 * b * ci * cj)) / den2);
        out[i * d + j] = g;
        out[j * d + i] = g;
      }
    }
    return out;
  }

  /** out = K_r(Y) = α² Φ(G ∘ Y) for precomputed weights G = resolventWeights(r). */
  reducedApply(Y: Mat, G: Float64Array, out: Mat): Mat {
    const d = this.d, Yg = this.Yg;
    for (let i = 0; i < d * d; i++) Yg.data[i] = G[i] * Y.data[i];
    this.noise(Yg, out);
    const a2 = this.stepSize * this.stepSize;
    for (let i = 0; i < d * d; i++) out.data[i] *= a2;
    return out;
  }

  /**
   * ρ(K_r): power iteration from the previous Perron vector (or the identity), falling back to
   * restarted Arnoldi when it stalls (K_r can be reducible with nearly equal dominant eigenvalues, e.g.
   * on Kidambi's instance, where the rows are coordinate vectors). The critical batch for the mean-square
   * rate r: ρ_msq(B) ≤ r ⇔ B ≥ ρ(K_r).
   */
  reducedRadius(r: number, tol = RADIUS_TOL): PowerIterationResult {
    const G = this.resolventWeights(r);
    const power = this.powerIteration(G, tol, POWER_ITERATIONS_BEFORE_ARNOLDI);
    if (power.converged) return power;
    return this.arnoldi(G, tol);
  }

  private powerIteration(G: Float64Array, tol: number, maxIterations: number): PowerIterationResult {
    const d = this.d;
    let Y = this.perron, next = this.perronNext;
    let trY = 0;
    for (let i = 0; i < d; i++) trY += Y.data[i * d + i];
    if (!(trY > 0)) {
      this.resetPerron();
      Y = this.perron;
      trY = 1;
    }
    let est = NaN, prev = NaN, stable = 0, it = 0, converged = false;
    for (; it < maxIterations; it++) {
      this.reducedApply(Y, G, next);
      let tr = 0;
      for (let i = 0; i < d; i++) tr += next.data[i * d + i];
      est = tr / trY;
      if (!(tr > 0)) {
        // the noise vanishes on this cone direction (e.g. W = H almost surely)
        est = 0;
        converged = true;
        break;
      }
      for (let i = 0; i < d * d; i++) next.data[i] /= tr;
      const t = Y;
      Y = next;
      next = t;
      trY = 1;
      if (Math.abs(est - prev) <= tol * est) {
        if (++stable >= 3) {
          converged = true;
          it++;
          break;
        }
      } else stable = 0;
      prev = est;
    }
    this.perron = Y;
    this.perronNext = next;
    let residual = 0;
    if (est > 0) {
      this.reducedApply(Y, G, next);
      let num = 0, den = 0;
      for (let i = 0; i < d * d; i++) {
        num += (next.data[i] - est * Y.data[i]) ** 2;
        den += next.data[i] ** 2;
      }
      residual = Math.sqrt(num / den);
      // a residual far above the tolerance means the estimate stalled between two eigenvalues
      if (residual > 1e3 * tol + 1e-10) converged = false;
    }
    return { radius: est, iterations: it, converged, residual };
  }

  /**
   * Restarted Arnoldi on K_r (Frobenius inner product on d x d matrices): the rightmost Ritz value,
   * which for a positive operator approximates the Perron root ρ(K_r) (every other eigenvalue has real
   * part ≤ ρ). Restarts from the real part of the Ritz vector.
   */
  private arnoldi(G: Float64Array, tol: number): PowerIterationResult {
    const d = this.d, D = d * d;
    const m = Math.min(ARNOLDI_SUBSPACE, (d * (d + 1)) / 2 + 1);
    const V: Float64Array[] = Array.from({ length: m + 1 }, () => new Float64Array(D));
    const w = zeros(d, d), y = zeros(d, d);
    const start = new Float64Array(D);
    for (let i = 0; i < d; i++) start[i * d + i] = 1;
    for (let i = 0; i < D; i++) start[i] += this.perron.data[i];
    let est = NaN, residual = Infinity, total = 0;
    for (let restart = 0; restart < ARNOLDI_RESTARTS; restart++) {
      let nrm = 0;
      for (let i = 0; i < D; i++) nrm += start[i] * start[i];
      nrm = Math.sqrt(nrm);
      for (let i = 0; i < D; i++) V[0][i] = start[i] / nrm;
      const H = new Matrix(m + 1, m);
      let k = m, invariant = false;
      for (let j = 0; j < m; j++) {
        y.data.set(V[j]);
        this.reducedApply(y, G, w);
        total++;
        const wd = w.data;
        for (let pass = 0; pass < 2; pass++) {
          // modified Gram–Schmidt, twice
          for (let i = 0; i <= j; i++) {
            let h = 0;
            for (let q = 0; q < D; q++) h += V[i][q] * wd[q];
            H.set(i, j, H.get(i, j) + h);
            for (let q = 0; q < D; q++) wd[q] -= h * V[i][q];
          }
        }
        let hn = 0;
        for (let q = 0; q < D; q++) hn += wd[q] * wd[q];
        hn = Math.sqrt(hn);
        H.set(j + 1, j, hn);
        if (hn <= 1e-14 * Math.abs(H.get(j, j))) {
          k = j + 1; // invariant subspace: the Ritz values are eigenvalues
          invariant = true;
          break;
        }
        for (let q = 0; q < D; q++) V[j + 1][q] = wd[q] / hn;
      }
      const evd = new EigenvalueDecomposition(H.subMatrix(0, k - 1, 0, k - 1));
      const re = evd.realEigenvalues, im = evd.imaginaryEigenvalues;
      let best = 0;
      for (let i = 1; i < k; i++) if (re[i] > re[best]) best = i;
      est = re[best];
      // Ritz vector (real part) and its relative residual |h_{k+1,k} y_k|/(‖y‖ ρ)
      const vec = evd.eigenvectorMatrix.getColumn(best);
      let vn = 0;
      for (let i = 0; i < k; i++) vn += vec[i] * vec[i];
      vn = Math.sqrt(vn);
      residual = invariant ? 0 : Math.abs(H.get(k, k - 1) * vec[k - 1]) / (vn * Math.max(Math.abs(est), Number.MIN_VALUE));
      if (im[best] !== 0) residual = Math.max(residual, 1); // a complex rightmost Ritz value: not yet the Perron root
      start.fill(0);
      for (let i = 0; i < k; i++) for (let q = 0; q < D; q++) start[q] += vec[i] * V[i][q];
      if (residual <= tol * 10) break;
    }
    // keep a cone-projected copy of the Ritz vector as the next warm start
    let tr = 0;
    for (let i = 0; i < d; i++) tr += start[i * d + i];
    if (tr !== 0) for (let i = 0; i < D; i++) this.perron.data[i] = start[i] / tr;
    else this.resetPerron();
    const converged = Number.isFinite(est) && residual <= tol * 10 + 1e-12;
    return { radius: Math.max(est, 0), iterations: total, converged, residual };
  }

  /** The critical batch for rate r: the real B(r) = ρ(K_r) with ρ_msq(B) ≤ r ⇔ B ≥ B(r). */
  criticalBatch(r: number): number {
    const res = this.reducedRadius(r);
    if (!res.converged) throw new Error(`power iteration for ρ(K_r) did not converge (r = ${r}, residual ${res.residual})`);
    return res.radius;
  }

  /** ρ_msq(B): the spectral radius of 𝓛_B, the root r > r₀ of ρ(K_r) = B (r₀ for B = Infinity). */
  radius(batchSize: number): number {
    checkBatch(batchSize);
    const r0 = this.deterministicRadius;
    if (batchSize === Infinity) return r0;
    const f = (s: number): number => Math.log(this.criticalBatch(r0 + Math.exp(s))) - Math.log(batchSize);
    // bracket in s = log(r − r₀)
    const scale = Math.max(r0, 1e-300);
    let sHi = Math.log(scale), fHi = f(sHi);
    let sLo = sHi, fLo = fHi;
    if (fHi === -Infinity) return r0; // no noise at all
    if (fHi > 0) {
      for (let i = 0; fHi > 0; i++) {
        if (i > 200) throw new Error('could not bracket ρ_msq from above');
        sLo = sHi;
        fLo = fHi;
        sHi += 2;
        fHi = f(sHi);
      }
    } else {
      const floor = Math.log(scale * 1e-15);
      for (;;) {
        sHi = sLo;
        fHi = fLo;
        sLo -= 2;
        if (sLo < floor) return r0 + Math.exp(sHi) * 0.5; // ρ_msq within 1e-15 r₀ of r₀
        fLo = f(sLo);
        if (fLo >= 0) break;
      }
    }
    // Illinois regula falsi on f(s) (nearly linear in s near r₀: ρ(K_r) ~ 1/(r − r₀))
    let side = 0;
    for (let i = 0; i < 200; i++) {
      const s = fLo === fHi ? 0.5 * (sLo + sHi) : sLo + (fLo * (sHi - sLo)) / (fLo - fHi);
      const fs = f(s);
      if (fs === 0) return r0 + Math.exp(s);
      if (fs > 0) {
        sLo = s;
        fLo = fs;
        if (side === 1) fHi /= 2;
        side = 1;
      } else {
        sHi = s;
        fHi = fs;
        if (side === -1) fLo /= 2;
        side = -1;
      }
      const rLo = r0 + Math.exp(sLo), rHi = r0 + Math.exp(sHi);
      if (rHi - rLo <= RADIUS_TOL * rHi) return 0.5 * (rLo + rHi);
    }
    return r0 + Math.exp(0.5 * (sLo + sHi));
  }

  /**
   * ρ_msq(B) by power iteration on 𝓛_B itself from S = I (trace ratio), for cross-checks; it converges
   * slowly when ρ_msq(B) is close to β.
   */
  directRadius(batchSize: number, maxIterations = 20_000, tol = 1e-12): PowerIterationResult {
    checkBatch(batchSize);
    const w = 2 * this.d;
    let S = zeros(w, w), next = zeros(w, w);
    for (let i = 0; i < w; i++) S.data[i * w + i] = 1 / w;
    let est = NaN, prev = NaN, stable = 0, it = 0, converged = false;
    for (; it < maxIterations; it++) {
      this.apply(S, next, batchSize);
      let tr = 0;
      for (let i = 0; i < w; i++) tr += next.data[i * w + i];
      est = tr;
      for (let i = 0; i < w * w; i++) next.data[i] /= tr;
      const t = S;
      S = next;
      next = t;
      if (Math.abs(est - prev) <= tol * est) {
        if (++stable >= 5) {
          converged = true;
          it++;
          break;
        }
      } else stable = 0;
      prev = est;
    }
    this.apply(S, next, batchSize);
    let num = 0, den = 0;
    for (let i = 0; i < w * w; i++) {
      num += (next.data[i] - est * S.data[i]) ** 2;
      den += next.data[i] ** 2;
    }
    return { radius: est, iterations: it, converged, residual: Math.sqrt(num / den) };
  }
}

// ---------------------------------------------------------------------------------------------
// Exact moments by enumerating every batch (tiny instances): the engine's brute-force oracle

export interface EnumeratedMoments {
  /** E[x_k] − x* (original coordinates) */
  meanError: Float64Array;
  /** E[z_k z_kᵀ] (2d x 2d, original coordinates) */
  secondMoment: Mat;
}

/**
 * E[e_k] and E[z_k z_kᵀ] of the real update (`minibatchUpdate`, homogeneous form) by summing over all
 * n^B ordered batches of every step with their probabilities Π p_{j_t}; exact up to roundoff since the
 * batches of different steps are independent and the update is linear in z given the batch.
 * observe(k, moments) for k = 0..steps.
 */
export function enumerateMoments(
  problem: LeastSquares,
  spec: HeavyBallParameters & { batchSize: number; sampling: Sampling; estimator?: Estimator },
  e0: Float64Array,
  steps: number,
  observe: (k: number, m: EnumeratedMoments) => boolean,
): void {
  const { n, d } = problem;
  const B = spec.batchSize;
  if (!(Number.isInteger(B) && B >= 1)) throw new RangeError(`batch size must be a positive integer, got ${B}`);
  if (Math.pow(n, B) > 1e6) throw new RangeError(`enumerating ${n}^${B} batches per step is too many (at most 1e6)`);
  const p = samplingProbabilities(problem, spec.sampling);
  const w = estimatorWeights(problem, spec.sampling, spec.estimator);
  const W = 2 * d;
  const idx = new Int32Array(B);
  let mean = new Float64Array(W);
  for (let i = 0; i < W; i++) mean[i] = e0[i % d];
  let S = zeros(W, W);
  for (let i = 0; i < W; i++) for (let j = 0; j < W; j++) S.data[i * W + j] = e0[i % d] * e0[j % d];
  const top = new Float64Array(d), bot = new Float64Array(d), out = new Float64Array(d);
  const colBuf = zeros(W, W);
  // z ↦ M z for the current batch: [step(top, bot); top]
  const applyM = (z: ArrayLike<number>, res: Float64Array, offset: number, stride: number): void => {
    for (let i = 0; i < d; i++) {
      top[i] = z[offset + i * stride];
      bot[i] = z[offset + (d + i) * stride];
    }
    minibatchUpdate(problem, spec.stepSize, spec.momentum, w, idx, B, null, top, bot, out);
    for (let i = 0; i < d; i++) {
      res[i] = out[i];
      res[d + i] = top[i];
    }
  };
  const col = new Float64Array(W), row = new Float64Array(W);
  for (let k = 0; ; k++) {
    const meanError = mean.slice(0, d);
    if (!observe(k, { meanError, secondMoment: S }) || k >= steps) return;
    const nextMean = new Float64Array(W);
    const nextS = zeros(W, W);
    const total = Math.pow(n, B);
    for (let code = 0; code < total; code++) {
      let c = code, prob = 1;
      for (let t = 0; t < B; t++) {
        idx[t] = c % n;
        c = Math.floor(c / n);
        prob *= p[idx[t]];
      }
      if (prob === 0) continue;
      applyM(mean, col, 0, 1);
      for (let i = 0; i < W; i++) nextMean[i] += prob * col[i];
      // colBuf = M S (columns), then M (M S)ᵀ = M S Mᵀ (S symmetric)
      for (let j = 0; j < W; j++) {
        applyM(S.data, col, j, W);
        for (let i = 0; i < W; i++) colBuf.data[i * W + j] = col[i];
      }
      for (let i = 0; i < W; i++) {
        applyM(colBuf.data, row, i * W, 1);
        for (let j = 0; j < W; j++) nextS.data[j * W + i] += prob * row[j];
      }
    }
    mean = nextMean;
    S = nextS;
  }
}

/** A 2d x 2d moment from the eigenbasis back to the original coordinates: blockdiag(V, V) S blockdiag(V, V)ᵀ. */
export function momentToOriginal(problem: LeastSquares, S: Mat): Mat {
  const d = problem.d, W = 2 * d, V = problem.eigenvectors.data;
  const Q = zeros(W, W);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < d; j++) {
      Q.data[i * W + j] = V[i * d + j];
      Q.data[(d + i) * W + d + j] = V[i * d + j];
    }
  }
  const tmp = zeros(W, W), out = zeros(W, W);
  gemm(tmp, Q, S);
  // out = tmp Qᵀ
  for (let i = 0; i < W; i++) {
    for (let j = 0; j < W; j++) {
      let s = 0;
      for (let k = 0; k < W; k++) s += tmp.data[i * W + k] * Q.data[j * W + k];
      out.data[i * W + j] = s;
    }
  }
  return out;
}
