/**
 * Bollapragada, Chen, Ward (IMA J. Numer. Anal. 45(3), 2024): "On the fast convergence of minibatch heavy
 * ball momentum", with Kidambi et al.'s batch-1 counterexample (ICLR 2018, Section 3 and Proposition 3).
 * Shared set-up of the paper's claims.
 *
 * Problem: f(x) = ½‖Ax − b‖², A ∈ ℝ^{n×d} with rows a_jᵀ, a consistent system (Ax* = b) of full column
 * rank; H = AᵀA with spectrum λ_min ≤ … ≤ λ_max, κ = λ_max/λ_min, κ̄ = ‖A‖²_F/λ_min.
 *
 * Algorithm minibatch_HBM (the authors' reference implementation; the paper's text of the main theorem
 * is not available to us):
 *
 *   x_{k+1} = x_k − α g_k + β(x_k − x_{k−1}),  g_k = (1/B) Σ_t (1/p_{j_t}) a_{j_t}(a_{j_t}ᵀx_k − b_{j_t}),
 *   j_1..j_B i.i.d. with replacement, p_j = ‖a_j‖²/‖A‖²_F (row-norm) or 1/n (uniform), x_{−1} = x₀.
 *
 * Parameters get_params(A, c = 2) (reference implementation): γ = λ_min/c, ℓ = λ_min − γ, L = λ_max + γ,
 * α = 4/(√L + √ℓ)², β = ((√L − √ℓ)/(√L + √ℓ))², κ_C = cond(U) for T_{λ_min} = U D U⁻¹ (Polyak's optimal
 * parameters for the enlarged interval [ℓ, L], which makes every 2 × 2 block diagonalizable).
 *
 * Every expectation in these claims is exact: the mean recursion and the second-moment operator
 * (P2, P3 of moments.ts), never Monte Carlo.
 */
import { type InstanceParams, buildInstance, bcwParameters, SecondMomentOperator, type Source } from 'ratecheck';

export const BCW = 'R. Bollapragada, T. Chen, R. Ward. On the fast convergence of minibatch heavy ball momentum. IMA J. Numer. Anal. 45(3), 2024 (doi:10.1093/imanum/drae033)';
export const BCW_URL = 'https://arxiv.org/abs/2206.07553';
export const KIDAMBI = 'R. Kidambi, P. Netrapalli, P. Jain, S. Kakade. On the insufficiency of existing momentum schemes for stochastic optimization. ICLR 2018';
export const KIDAMBI_URL = 'https://arxiv.org/abs/1803.05591';

export function source(theorem: string, confidence: Source['confidence'], note: string): Source {
  return { paper: BCW, theorem, url: BCW_URL, confidence, note };
}

/**
 * C₀ of the presumed conclusion E‖x_k − x*‖ ≤ C₀ κ_C β^{k/2}‖x₀ − x*‖ (shape only, the constant is not
 * available [U]): √2, the constant of the deterministic template ‖x_k − x*‖ ≤ √2 κ_C β^{k/2}‖x₀ − x*‖ (see
 * main-theorem.ts), to which the bound must reduce as B → ∞. The report's max ratio times C₀ is the
 * smallest C₀ that works on the checked instances.
 */
export const MAIN_C0 = Math.SQRT2;
/** Relative tolerance of the exact identities (enumeration against the operator, mean against heavy ball). */
export const EXACT_RTOL = 1e-10;
/** Relative tolerance on ρ_msq (the root in r is solved to 1e-12). */
export const RADIUS_RTOL = 1e-9;
/** Floor of the root-mean-square error relative to ‖e₀‖ = 1 (the exact recursion is homogeneous). */
export const RMS_FLOOR = 1e-12;

/** The instance, BCW's (α, β) for it, and the second-moment operator under row-norm sampling. */
export function bcwOperator(params: InstanceParams) {
  const problem = buildInstance(params);
  const bp = bcwParameters(problem.eigenvalues);
  const op = new SecondMomentOperator(problem, { stepSize: bp.stepSize, momentum: bp.momentum, sampling: 'row-norm' });
  return { problem, bp, op };
}
