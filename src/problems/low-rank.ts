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

export interface LowRank {
  A: Mat;
  /** m x r and n x r with orthonormal columns. */
  U: Mat;
  V: Mat;
  sigma: number[];
}

/** A = U diag(σ) Vᵀ, with U, V Haar-random from the seed. */
export function lowRankMatrix(seed: number, m: number, n: number, sigma: readonly number[]): LowRank {
  const r = sigma.length;
  if (r > Math.min(m, n)) throw new RangeError(`rank ${r} exceeds min(m, n) = ${Math.min(m, n)}`);
  const rng = new Rng(seed, 'low-rank');
  const U = haarOrthonormal(rng, m, r);
  const V = haarOrthonormal(rng, n, r);
  const A = zeros(m, n);
  for (let i = 0; i < m; i++) {
    for (let k = 0; k < r; k++) {
      const s = U.data[i * r + k] * sigma[k];
      if (s === 0) continue;
      for (let j = 0; j < n; j++) A.data[i * n + j] += s * V.data[j * r + k];
    }
  }
  return { A, U, V, sigma: [...sigma] };
}

/** rows x cols matrix with i.i.d. N(0, variance) entries. */
export function gaussianMatrix(seed: number, label: string, rows: number, cols: number, variance: number): Mat {
  const out = zeros(rows, cols);
  new Rng(seed, label).fillGaussian(out.data, variance);
  return out;
}
