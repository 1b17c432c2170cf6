/**
 * Matrices with a prescribed singular-value profile: A = U diag(σ) Vᵀ with Haar-random U, V.
 */
import { zeros, type Mat } from '../linalg/dense.ts';
import { haarOrthonormal } from '../linalg/decomp.ts';
import { Rng } from '../random/rng.ts';

export type SpectrumProfile = 'geometric' | 'top' | 'bottom';
export const SPECTRUM_PROFILES: readonly SpectrumProfile[] = ['geometric', 'top', 'bottom'];

/**
 * r singular values from σ₁ = scale down to σ_r = scale/κ:
 * - geometric: σ_i = scale · κ^{-(i-1)/(r-1)};
 * - top: σ₁ = scale, all others scale/κ (one dominant direction);
 * - bottom: all scale, only σ_r = scale/κ (one weak direction).
 */
export function spectrum(profile: SpectrumProfile, r: number, kappa: number, scale = 1): number[] {
  if (!(Number.isInteger(r) && r >= 1)) throw new RangeError(`rank must be a positive integer, got ${r}`);
  if (!(kappa >= 1 && Number.isFinite(kappa))) throw new RangeError(`condition number must be a finite number ≥ 1, got ${kappa}`);
  if (!(scale > 0 && Number.isFinite(scale))) throw new RangeError(`scale must be positive and finite, got ${scale}`);
  if (r === 1) return [scale];
  const out: number[] = [];
  for (let i = 0; i < r; i++) {
    let v: number;
    if (profile === 'geometric') v = Math.pow(kappa, -i / (r - 1));
    else if (profile === 'top') v = i === 0 ? 1 : 1 / kappa;
    else v = i === r - 1 ? 1 / kappa : 1;
    out.push(scale * v);
  }
  return out;
}

/** A = U diag(σ) Vᵀ given by its factors only: nothing of size m x n is ever formed. */
export interface LowRankFactors {
  /** m x r and n x r with orthonormal columns. */
  U: Mat;
  V: Mat;
  sigma: number[];
}

export interface LowRank extends LowRankFactors {
  A: Mat;
}

/** U, V Haar-random from the seed (the same draws lowRankMatrix uses), O((m + n)r²) work and memory. */
export function lowRankFactors(seed: number, m: number, n: number, sigma: readonly number[]): LowRankFactors {
  const r = sigma.length;
  if (r > Math.min(m, n)) throw new RangeError(`rank ${r} exceeds min(m, n) = ${Math.min(m, n)}`);
  const rng = new Rng(seed, 'low-rank');
  const U = haarOrthonormal(rng, m, r);
  const V = haarOrthonormal(rng, n, r);
  return { U, V, sigma: [...sigma] };
}

/** The dense m x n matrix U diag(σ) Vᵀ of the factors. */
export function denseLowRank({ U, V, sigma }: LowRankFactors): Mat {
  const m = U.rows, n = V.rows, r = sigma.length;
  const A = zeros(m, n);
  for (let i = 0; i < m; i++) {
    for (let k = 0; k < r; k++) {
      const s = U.data[i * r + k] * sigma[k];
      if (s === 0) continue;
      for (let j = 0; j < n; j++) A.data[i * n + j] += s * V.data[j * r + k];
    }
  }
  return A;
}

/** A = U diag(σ) Vᵀ, with U, V Haar-random from the seed. */
export function lowRankMatrix(seed: number, m: number, n: number, sigma: readonly number[]): LowRank {
  const factors = lowRankFactors(seed, m, n, sigma);
  return { ...factors, A: denseLowRank(factors) };
}

/**
 * Σ Vᵀ Φ (r x d) for Φ = gaussianMatrix(seed, label, n, d, variance), drawing Φ one row at a time: the
 * same numbers as the dense Φ, in O(d) memory instead of O(nd). With A = UΣVᵀ, AΦ = U (ΣVᵀΦ).
 */
export function sketchOfFactors({ V, sigma }: LowRankFactors, seed: number, label: string, d: number, variance: number): Mat {
  const n = V.rows, r = sigma.length;
  const rng = new Rng(seed, label);
  const row = new Float64Array(d);
  const out = zeros(r, d);
  for (let j = 0; j < n; j++) {
    rng.fillGaussian(row, variance);
    for (let k = 0; k < r; k++) {
      const v = V.data[j * r + k];
      if (v === 0) continue;
      const base = k * d;
      for (let l = 0; l < d; l++) out.data[base + l] += v * row[l];
    }
  }
  for (let k = 0; k < r; k++) for (let l = 0; l < d; l++) out.data[k * d + l] *= sigma[k];
  return out;
}

/** rows x cols matrix with i.i.d. N(0, variance) entries. */
export function gaussianMatrix(seed: number, label: string, rows: number, cols: number, variance: number): Mat {
  const out = zeros(rows, cols);
  new Rng(seed, label).fillGaussian(out.data, variance);
  return out;
}
