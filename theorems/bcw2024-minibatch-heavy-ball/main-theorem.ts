/**
 * The main theorem of Bollapragada, Chen, Ward 2024 (its text is not available to us), with the batch
 * condition of the authors' reference implementation [REF-IMPL] and the conclusion's shape [U].
 *
 * Statement (presumed): if B ≥ B_true(k*), minibatch heavy ball with (α, β) = get_params(A, c = 2)
 * satisfies, for k ≤ k*,
 *   E‖x_k − x*‖ ≤ (E‖x_k − x*‖²)^{1/2} ≤ C₀ κ_C β^{k/2} ‖x₀ − x*‖,   C₀ = MAIN_C0 = √2 (explicit; [U]).
 * Hypotheses: consistent system, full column rank, row-norm sampling, k* > 1, B ≥ B_true(k*).
 * Parameters (reference implementation): accuracy ε ∈ [1e-8, 1e-2],
 *   k* = 2 log(ε/(√2 κ_C))/log β                                                          (get_k_)
 *   B_true(k*) = 16e‖A‖²_F log(2d) α² κ_C² k* ÷ (β log k*) · max{λ_max, √(2β log k*)/(ακ_C√k*)}   (getB, mode true)
 *   B_approx  = 16e‖A‖²_F λ_max log(2d) α²/(β log(1/β))                                     (getB, mode approx)
 *   B = ⌈multiplier · threshold⌉, multiplier log-uniform on [1, 64]; κ ∈ [1, 1000], d ∈ [2, 4].
 * Bound: RMS error ≤ C₀ κ_C β^{k/2} for k ≤ k* (‖e₀‖ = 1), floor RMS_FLOOR = 1e-12.
 *
 * Why C₀ = √2 (deterministic template, derived): e_k = x_k − x*, z_k = [e_k; e_{k−1}], z_{k+1} = T z_k with
 * T orthogonally similar to blockdiag(T_λ), T_λ = [[1+β−αλ, −β], [1, 0]]. With the spectrum strictly inside
 * (ℓ, L), T_λ = U_λ D_λ U_λ⁻¹ with |D_λ| = √β, so ‖T^k‖ ≤ κ_C β^{k/2} and, as x_{−1} = x₀ (‖z₀‖ = √2‖e₀‖),
 * ‖x_k − x*‖ ≤ √2 κ_C β^{k/2}‖x₀ − x*‖. get_k_ is exactly the k where √2 κ_C β^{k/2} = ε. The bound in
 * expectation must reduce to it as B → ∞. Root mean square implies the expectation form by Jensen.
 *
 * The deterministic limit. B_true(k*) is above 5e4 on every instance drawn (1e7–1e13 on most of the
 * default instances), where the noise term α²/B of the second-moment operator is small: what it adds
 * to the RMS error, (E‖e_k‖²)^{1/2} − ‖E e_k‖ (E e_k is the deterministic error, P2 of moments.ts), measured
 * as `noiseEffect` in units of the bound, was at most 0.025 over 300 default draws (seed 42; [N]), and the
 * largest ratio (0.687) is the deterministic margin bound's (polyak-hb.margin-bound, 0.697 at most).
 * The claim is therefore checked in the deterministic limit; no instance has an affordable B_true. What the
 * minibatch regime does below B_true is measured by msq-radius.ts and critical-batch.ts.
 *
 * False variants (a different batch size, the builder argument `threshold`):
 *  - B_approx ~ κ̄ log d/√κ (with α ≈ 4/λ_max, log(1/β) ≈ 4/√κ_eff, κ_eff = L/ℓ ≈ 2κ) drops B_true's
 *    κ_C² k* ÷ log k* factor, while the exact critical batch grows like κ^{3/2} at fixed d (κ_C² ≈ 2κ);
 *  - B = κ̄/√κ, Lee, Cheng, Paquette, Paquette 2022's implicit conditioning ratio, with constant 1;
 *  - near miss: the rate √β raised to the power 1.03 (3% in the exponent). On the λ_max eigenvector at
 *    κ = 1000 the ratio to C₀κ_Cβ^{k/2} returns to 0.69 while β^{0.015k} falls below it before k* (k ≈ 310 of
 *    505 at ε = 1e-8): those instances are its examples.
 */
import { atLeast, bcwParameters, buildInstance, defineClaim, fc, instanceParams, logUniform, SecondMomentOperator, startingError, withRate, type Hypothesis, type InstanceParams, type Trial } from 'ratecheck';
import { bApprox, bTrue, kStar } from './batch-size.ts';
import { MAIN_C0, RMS_FLOOR, source } from './setup.ts';

export interface MainParams extends InstanceParams {
  /** ε of k* = 2 log(ε/(√2 κ_C))/log β */
  accuracy: number;
  /** B = ⌈multiplier · threshold⌉ */
  batchMultiplier: number;
}

type Threshold = 'true' | 'approx' | 'icr';

function mainTrial(params: MainParams, threshold: Threshold): Trial {
  const problem = buildInstance(params);
  const bp = bcwParameters(problem.eigenvalues);
  const kappaC = bp.kappaCAtMin; // what get_params computes [REF-IMPL]
  const k = kStar(params.accuracy, kappaC, bp.momentum);
  const kValid = k > 1;
  const trueB = kValid ? bTrue(k, bp.stepSize, bp.momentum, problem.eigenvalues, kappaC) : Infinity;
  const approxB = bApprox(bp.stepSize, bp.momentum, problem.eigenvalues);
  const icr = problem.demmelConditionNumber / Math.sqrt(problem.conditionNumber);
  const base = threshold === 'true' ? trueB : threshold === 'approx' ? approxB : icr;
  const B = Number.isFinite(base) ? Math.ceil(params.batchMultiplier * base) : 1;
  const hypotheses: Hypothesis[] = [atLeast('k* > 1 (log k* > 0 in B_true)', k, 1 + 1e-12)];
  if (threshold === 'true') hypotheses.push(atLeast('B ≥ B_true(k*) (getB mode true)', B, trueB));
  else if (threshold === 'approx') hypotheses.push(atLeast('B ≥ B_approx (getB mode approx)', B, approxB));
  else hypotheses.push(atLeast('B ≥ κ̄/√κ', B, icr));
  const op = new SecondMomentOperator(problem, { stepSize: bp.stepSize, momentum: bp.momentum, sampling: 'row-norm' });
  const e0 = startingError(problem, params.start, params.seed);
  let noiseEffect = 0;
  const kStarValue = k;
  const label = threshold === 'true' ? '' : threshold === 'approx' ? 'false (B_approx): ' : 'false (B = κ̄/√κ): ';
  return {
    hypotheses,
    derived: {
      stepSize: bp.stepSize,
      momentum: bp.momentum,
      kappaC,
      kappaCMax: bp.kappaC,
      kStar: k,
      bTrue: trueB,
      bApprox: approxB,
      icr,
      batchSize: B,
      C0: MAIN_C0,
      rate: bp.rate,
    },
    bounds: [
      {
        metric: 'rmsError',
        relation: 'le',
        value: (t) => (t <= k ? MAIN_C0 * kappaC * Math.pow(bp.rate, t) : 0),
        floor: RMS_FLOOR,
        rate: bp.rate,
        cite: `${label}(E‖x_k − x*‖²)^{1/2} ≤ C₀ κ_C β^{k/2}‖x₀ − x*‖ for k ≤ k*, C₀ = √2 (presumed conclusion [U], this file’s header; B_true from getB [REF-IMPL])`,
      },
    ],
    // what the sampling noise adds to the RMS error, in units of the bound: (E‖e_k‖²)^{1/2} − ‖E e_k‖ (P2: E e_k is
    // the deterministic heavy-ball error) over C₀κ_Cβ^{k/2}; how far the instance is from the deterministic limit
    run: (observe, maxIterations) =>
      op.meanSquareTrajectory(e0, B, (k, m) => {
        if (k <= kStarValue) noiseEffect = Math.max(noiseEffect, (m.rmsError - m.meanErrorNorm) / (MAIN_C0 * kappaC * Math.pow(bp.rate, k)));
        return observe(k, m);
      }, maxIterations),
    measure: () => ({ noiseEffect }),
  };
}

const mainParams = (ranges: { k?: [number, number]; d?: [number, number]; multiplier?: [number, number]; families?: ('generated' | 'kidambi')[] } = {}) =>
  fc
    .record({
      base: instanceParams({ conditionNumber: ranges.k ?? [1, 1000], d: ranges.d ?? [2, 4], extraRows: [0, 12], families: ranges.families ?? ['generated', 'kidambi'] }),
      accuracy: logUniform(1e-8, 1e-2, 24),
      batchMultiplier: logUniform(1, (ranges.multiplier ?? [1, 64])[1], 24),
    })
    .map(({ base, accuracy, batchMultiplier }): MainParams => ({ ...base, accuracy, batchMultiplier }));

const kidambiMain = (kappa: number): MainParams => ({ family: 'kidambi', n: 2, d: 2, conditionNumber: kappa, spectrum: 'linear', rowNorms: 'uniform', start: 8, seed: 1, accuracy: 1e-6, batchMultiplier: 1 });

export const mainTheorem = defineClaim<MainParams>({
  id: 'bcw2024.main-theorem',
  statement: `With B ≥ B_true(k*) (reference code), minibatch heavy ball with BCW’s parameters satisfies (E‖x_k − x*‖²)^{1/2} ≤ C₀ κ_C β^{k/2}‖x₀ − x*‖ for k ≤ k*, C₀ = √2 (hence the same bound on E‖x_k − x*‖); checked in the deterministic limit (B_true ≥ 5e4: sampling noise adds at most about 2.5% of the bound)`,
  source: source('main theorem (text not available)', 'REF-IMPL', 'batch condition getB(k*, α, β, λ, κ_C, mode=true) [REF-IMPL]; conclusion shape [U] with explicit C₀ (this file’s header); exact E‖e_k‖² via the second-moment operator (P3, moments.ts)'),
  kind: 'bound-in-expectation',
  expected: 'holds',
  params: mainParams(),
  examples: [kidambiMain(16), kidambiMain(256)],
  maxIterations: 5000,
  instantiate: (p) => mainTrial(p, 'true'),
});

/** Changes the batch size: B = ⌈multiplier · B_approx⌉ instead of B_true(k*) (builder argument 'approx'). */
export const mainBApprox = defineClaim<MainParams>({
  id: 'bcw2024.main-theorem-b-approx',
  statement: 'FALSE variant: the main theorem’s bound already holds with the reference code’s approximate threshold B ≥ B_approx = 16e‖A‖²_F λ_max log(2d) α²/(β log(1/β))',
  source: source('main theorem, getB mode approx', 'REF-IMPL', 'B_approx ~ κ̄ log d/√κ drops B_true’s κ_C² k* ÷ log k* factor (derived in this file’s header)'),
  kind: 'bound-in-expectation',
  expected: 'refuted',
  variantOf: 'bcw2024.main-theorem',
  falseBecause: 'the exact critical batch grows like κ^{3/2} at fixed d (through κ_C² ~ 2κ), faster than B_approx ~ κ̄/√κ: for κ ≳ 300 and d ≥ 3 the mean square at B_approx grows or decays more slowly than β^{k/2}',
  params: mainParams({ k: [300, 10_000], d: [3, 5], multiplier: [1, 2], families: ['generated'] }),
  maxIterations: 5000,
  instantiate: (p) => mainTrial(p, 'approx'),
});

/** Changes the batch size: B = ⌈multiplier · κ̄/√κ⌉ instead of B_true(k*) (builder argument 'icr'). */
export const mainIcr = defineClaim<MainParams>({
  id: 'bcw2024.main-theorem-batch-icr',
  statement: 'FALSE variant: the main theorem’s bound holds once B ≥ κ̄/√κ (the implicit-conditioning-ratio batch, no constant)',
  source: source('main theorem; Lee et al. 2022 ICR', 'D', 'headline B* ~ κ̄ log(d)/√κ up to constants (derived from getB in this file’s header); Lee, Cheng, Paquette, Paquette 2022 (arXiv 2206.01029), implicit conditioning ratio'),
  kind: 'bound-in-expectation',
  expected: 'refuted',
  variantOf: 'bcw2024.main-theorem',
  falseBecause: 'at B ≈ κ̄/√κ the mean-square rate √ρ_msq(B) is far above √β (often above 1): the constant in front of κ̄/√κ is large',
  params: mainParams({ multiplier: [1, 4] }),
  maxIterations: 5000,
  instantiate: (p) => mainTrial(p, 'icr'),
});

/** The λ_max eigenvector (start 8) at κ = 100 and 1000, ε = 1e-8: where the ratio returns to about 0.69. */
const tightMain: MainParams[] = [1000, 100].map((conditionNumber) => ({ family: 'generated', n: 2, d: 2, conditionNumber, spectrum: 'linear', rowNorms: 'uniform', rowNormSpread: 1, start: 8, seed: 1, accuracy: 1e-8, batchMultiplier: 1 }));

/** The rate √β raised to the power 1.03 (3% in the exponent). */
export const mainRateNearMiss = withRate(mainTheorem, 'rate', (q) => Math.pow(q, 1.03), {
  id: 'bcw2024.main-theorem-rate-3pct-faster',
  statement: 'FALSE variant (near miss): with B ≥ B_true(k*), (E‖x_k − x*‖²)^{1/2} ≤ C₀ κ_C β^{1.03k/2}‖x₀ − x*‖ for k ≤ k*',
  falseBecause: 'the mean square follows the deterministic heavy ball (B_true is in the deterministic limit), whose ratio to C₀κ_Cβ^{k/2} keeps returning to about 0.69 on the λ_max eigenvector: β^{0.015k} falls below it before k*',
  examples: tightMain,
});
