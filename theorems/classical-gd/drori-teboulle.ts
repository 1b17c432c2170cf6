/**
 * Drori, Teboulle (2014), Theorem 3.1: gradient descent on smooth convex functions.
 *
 * Statement. For every f convex and L-smooth with a minimizer x*, gradient descent
 * x_{k+1} = x_k − (h/L)∇f(x_k) satisfies, for every N ≥ 1,
 *
 *     f(x_N) − f* ≤ L‖x₀ − x*‖² / (4Nh + 2).
 *
 * Hypotheses: f ∈ F_{0,L} (convex, ∇f L-Lipschitz), a minimizer x* exists. Parameters: the step factor
 * h ∈ (0, 1] (γ = h/L), the horizon N, R = ‖x₀ − x*‖. Bound: L R²/(4Nh + 2), written in PEPit's
 * `gradient_descent.py` as L/(2(2NLγ + 1)) for R = 1.
 *
 * Tightness (derived here). Let τ = R/(2Nh + 1) and f the 1-D Huber function f(x) = Lx²/2 for |x| ≤ τ,
 * Lτ|x| − Lτ²/2 otherwise, started at x₀ = R. On the linear piece ∇f = Lτ, so every step subtracts
 * exactly hτ: x_k = R − khτ, and x_N = R − Nhτ = τ(2Nh + 1 − Nh) = τ(Nh + 1) ≥ τ is still on the linear
 * piece. Then f(x_N) = Lτ²(Nh + 1) − Lτ²/2 = Lτ²(2Nh + 1)/2 = L R²/(2(2Nh + 1)) = L R²/(4Nh + 2):
 * equality at N. These instances are the claim's examples, so its reported maximal ratio is 1 up to
 * rounding. The bound decays like 1/N, far above the roundoff floor at these horizons.
 *
 * False variants (each keeps the paper's instance and roundoff guard; the trial is rebuilt with the
 * claimed bound in place of Theorem 3.1's, or a hypothesis of the theorem is dropped):
 *   - Nesterov's accelerated rate 2L R²/(N + 1)² for plain GD: the Huber instance attains L R²/(4Nh + 2),
 *     above it once (N + 1)² > 2(4Nh + 2), from N = 7 at h = 1;
 *   - a better constant, L R²/(4Nh + 2 + δ), δ > 0: violated at N by the Huber instance;
 *   - the same bound for long steps h ∈ (1, 2): on Lx²/2 from x₀ = R, f(x_N) = (L R²/2)(1 − h)^{2N}, i.e.
 *     0.405 L R² at h = 1.9, N = 1, against 0.104 L R². For h ∈ (1, 2) the tight value is conjectured [U]
 *     to be (L R²/2)·max{1/(2Nh + 1), (1 − h)^{2N}} (Taylor, Hendrickx, Glineur, Math. Program. 2017).
 */
import { defineClaim, fc, logUniform, withTrial, withoutHypothesis } from 'ratecheck';
import type { SmoothKind } from 'ratecheck';
import { convexParams, convexTrial, dtSource, huberStructure, huberTightExamples, overDelta, type ConvexBound, type GdParams } from './setup.ts';

const CONVEX_KINDS: SmoothKind[] = ['huber-tight', 'huber', 'quadratic', 'softplus'];

/** Theorem 3.1's bound. */
const DRORI_TEBOULLE: ConvexBound = {
  value: (L, R2, t, h) => (L * R2) / (4 * t * h + 2),
  cite: 'f(x_N) − f* ≤ L‖x₀ − x*‖²/(4Nh + 2), Drori–Teboulle 2014 Thm 3.1 (PEPit: L/(2(2NLγ + 1)))',
};

export const droriTeboulleHuber = defineClaim<GdParams>({
  id: 'classical-gd.drori-teboulle-huber',
  statement: 'GD with γ = h/L, h ∈ (0, 1], on convex L-smooth f: f(x_N) − f* ≤ L‖x₀ − x*‖²/(4Nh + 2) for every N, with equality at N on the 1-D Huber function with τ = ‖x₀ − x*‖/(2Nh + 1)',
  source: dtSource('tight; the attaining Huber instance is [D], derived in this file’s header'),
  kind: 'bound-for-all-t',
  expected: 'holds',
  params: convexParams(CONVEX_KINDS),
  search: huberStructure, // the search may propose the attaining Huber instance (Tightness, above)
  examples: huberTightExamples,
  maxIterations: 400,
  instantiate: (p, options) => convexTrial(p, options, DRORI_TEBOULLE),
});

/** Changed: the bound, Nesterov's rate 2L R²/(N + 1)² in place of L R²/(4Nh + 2). */
export const droriTeboulleAccelerated = withTrial(
  droriTeboulleHuber,
  {
    id: 'classical-gd.drori-teboulle-accelerated-rate',
    statement: 'FALSE variant: plain GD (h ∈ (0, 1]) attains the accelerated rate f(x_N) − f* ≤ 2L‖x₀ − x*‖²/(N + 1)²',
    source: dtSource('false variant of Theorem 3.1: the accelerated rate, refuted by the Huber instance (this file’s header)'),
    falseBecause: 'the Huber instance gives exactly L R²/(4Nh + 2), above 2LR²/(N + 1)² once (N + 1)² > 2(4Nh + 2) (from N = 7 at h = 1)',
    params: convexParams(CONVEX_KINDS),
  },
  (p, options) => convexTrial(p, options, { value: (L, R2, t) => (2 * L * R2) / ((t + 1) * (t + 1)), cite: 'claimed: 2L‖x₀ − x*‖²/(N + 1)² (Nesterov’s rate, not GD’s)' }),
);

/** δ of the tightened-constant variant: log-uniform in [1e-6, 1]. */
const deltaArb = logUniform(1e-6, 1, 24);

/** Changed: the bound's constant, 4Nh + 2 + δ in place of 4Nh + 2 (instances carry δ). */
export const droriTeboulleTightened = withTrial(
  overDelta(droriTeboulleHuber),
  {
    id: 'classical-gd.drori-teboulle-tightened',
    statement: 'FALSE variant: f(x_N) − f* ≤ L‖x₀ − x*‖²/(4Nh + 2 + δ) for some δ > 0 (a better constant than Drori–Teboulle’s)',
    source: dtSource('false variant of Theorem 3.1: a better constant, refuted by the tight Huber instance (this file’s header)'),
    falseBecause: 'the Huber instance attains L R²/(4Nh + 2) exactly at N, so any smaller bound fails there',
    params: fc.tuple(convexParams(CONVEX_KINDS), deltaArb).map(([p, delta]) => ({ ...p, delta })),
  },
  (p, options) => convexTrial(p, options, { value: (L, R2, t, h) => (L * R2) / (4 * t * h + 2 + p.delta), cite: 'claimed: L‖x₀ − x*‖²/(4Nh + 2 + δ)' }),
);

/** Changed: the hypothesis h ∈ (0, 1] is dropped, and the instances take long steps h = k/32, k ∈ [33, 63]. */
export const droriTeboulleLongStep = withoutHypothesis(droriTeboulleHuber, /^h (= γL ≤ 1|> 0)$/, {
  id: 'classical-gd.drori-teboulle-long-step',
  statement: 'FALSE variant: the Drori–Teboulle bound L‖x₀ − x*‖²/(4Nh + 2) also holds for long steps h ∈ (1, 2)',
  source: dtSource('false variant of Theorem 3.1 outside h ≤ 1; the tight value for h ∈ (1, 2) is conjectured [U] (Taylor–Hendrickx–Glineur 2017)'),
  falseBecause: 'on Lx²/2 from x₀ = R, f(x_N) = (LR²/2)(1 − h)^{2N}: 0.405LR² at h = 1.9, N = 1 against 0.104LR²',
  params: convexParams(['quadratic-mode', 'quadratic', 'huber'], 33, 63).map((p) => ({ ...p, mode: 'L' as const })),
});
