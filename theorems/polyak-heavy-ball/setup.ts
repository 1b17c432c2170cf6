/**
 * Polyak heavy ball on strongly convex quadratics f(x) = ½‖Ax − b‖² (consistent systems), the
 * deterministic template of Bollapragada–Chen–Ward 2024. Shared set-up of the paper's claims.
 *
 *   x_{k+1} = x_k − α Aᵀ(Ax_k − b) + β(x_k − x_{k−1}),  x_{−1} = x₀,
 *   e_k = x_k − x*, z_k = [e_k; e_{k−1}], z_{k+1} = T z_k, and in the eigenbasis of H = AᵀA
 *   T ≅ blockdiag(T_λ),  T_λ = [[1 + β − αλ, −β], [1, 0]],  characteristic polynomial z² − (1+β−αλ)z + β.
 *
 * - optimal-radius.ts: with Polyak's optimal (α*, β*) for [μ, L], ρ(T_λ) = √β* on [μ, L] and > √β* outside.
 * - margin-bound.ts: with BCW's c-margin parameters, ‖x_k − x*‖ ≤ √2 κ_C β^{k/2} ‖x₀ − x*‖ for every k; the
 *   often-quoted constant-free bound ‖x_k − x*‖ ≤ ((√κ−1)/(√κ+1))^k ‖x₀ − x*‖ is false.
 */
import type { Source } from 'ratecheck';

export const POLYAK = 'B. T. Polyak. Some methods of speeding up the convergence of iteration methods. USSR Comput. Math. Math. Phys. 4(5):1–17, 1964';
export const POLYAK_URL = 'https://doi.org/10.1016/0041-5553(64)90137-5';
export const BCW = 'R. Bollapragada, T. Chen, R. Ward. On the fast convergence of minibatch heavy ball momentum. IMA J. Numer. Anal. 45(3), 2024';
export const BCW_URL = 'https://arxiv.org/abs/2206.07553';

export function polyakSource(theorem: string, confidence: Source['confidence'], note: string): Source {
  return { paper: POLYAK, theorem, url: POLYAK_URL, confidence, note };
}

export const bcwSource = (note: string): Source => ({ paper: BCW, theorem: 'deterministic template (get_params, get_k_)', url: BCW_URL, confidence: 'REF-IMPL', note });

/** Relative tolerance near the endpoints of [μ, L], where T_λ has a double root (~1e-8 deviations observed there [N]). */
export const ENDPOINT_RTOL = 1e-6;
/** Roundoff floor of ‖x_k − x*‖ relative to ‖x*‖ + ‖x₀ − x*‖ (the iterate is formed from x, not from e). */
export const ERROR_FLOOR = 1e-9;
