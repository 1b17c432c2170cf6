/**
 * Roundoff allowances of exact identities and invariants of factored gradient methods (X, Y updated
 * against each other), derived in place of a blanket tolerance.
 *
 * A step forms products whose inner dimensions sum to at most k, each off by at most γ_k = ku/(1 − ku)
 * times the product of its factors' Frobenius norms (‖fl(AB) − AB‖_F ≤ γ_k‖A‖_F‖B‖_F, u = 2⁻⁵³), so one step
 * puts at most γ_k·S into a quantity that is exactly 0, S the step's scale (factorStepScale). When the
 * updates only multiply that component by factors of norm at most 1 (such as I − ηWᵀW), it is at most
 * steps·γ_k·S after `steps` steps; measuring it through a basis of w columns adds γ_k·w‖Z‖_F (`measured`).
 */

/** γ_k(steps·stepScale + measured): the allowance of a quantity exactly 0 in exact arithmetic. */
export function productRoundoff(o: { innerDimension: number; steps: number; stepScale: number; measured: number }): number {
  const ku = (o.innerDimension * Number.EPSILON) / 2;
  return (ku / (1 - ku)) * (o.steps * o.stepScale + o.measured);
}

/**
 * The scale of one update of a factor Z (own norm ‖Z‖_F) against the other factor W (norm ‖W‖_F):
 * Z − η(R + ‖Z‖‖W‖·g)·W with R the residual, g = ‖D‖_F for a two-layer network (1 for factorization). For
 * heavy-ball or Nesterov momentum β the extrapolation (1 + β)(·) − β(·) rounds terms up to (1 + 2β) times
 * that, and an injected error is carried with weights (1 − β^{k+1})/(1 − β) ≤ 1/(1 − β), so the scale is
 * multiplied by (1 + 2β)/(1 − β).
 */
export function factorStepScale(own: number, other: number, residual: number, eta: number, beta = 0, g = 1): number {
  return ((1 + 2 * beta) / (1 - beta)) * (own + eta * (residual + own * other * g) * other * g);
}
