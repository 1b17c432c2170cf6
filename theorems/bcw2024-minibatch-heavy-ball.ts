/**
 * Bollapragada, Chen, Ward (IMA J. Numer. Anal. 2024): "On the fast convergence of minibatch heavy ball
 * momentum", with Kidambi et al.'s batch-1 counterexample (dossier minibatch-heavy-ball.md).
 *
 *   x_{k+1} = x_k − α g_k + β(x_k − x_{k−1}),  g_k = (1/B) Σ_t (1/p_{j_t}) a_{j_t}(a_{j_t}ᵀx_k − b_{j_t}),
 *   j_t i.i.d. with replacement, x_{−1} = x₀, (α, β) from get_params on [λ_min − γ, λ_max + γ].
 *
 * The main theorem's text is not available: its batch condition B ≥ B_true(k*) comes from the reference
 * implementation [REF-IMPL] and its conclusion E‖x_k − x*‖ ≤ C₀ κ_C β^{k/2}‖x₀ − x*‖ (k ≤ k*) has an
 * unknown constant C₀ [U], encoded as the explicit parameter MAIN_C0. Every expectation is exact: the
 * mean recursion and the second-moment operator (P2, P3), never Monte Carlo. The claims assert the
 * root-mean-square form (E‖e_k‖²)^{1/2} ≤ …, which implies the expectation form by Jensen.
 */
import fc from 'fast-check';
import { atLeast, atMost, defineClaim, type Bound, type Claim, type Hypothesis, type Source, type Trial } from '../src/claims/types.ts';
import { logUniform, seedArb } from '../src/claims/arbitraries.ts';
import { buildInstance, buildLeastSquares, instanceParams, kidambiInstance, startingError, type InstanceParams, type LeastSquares } from '../src/problems/least-squares.ts';
import { bcwParameters, estimatorWeights, HeavyBall, samplingProbabilities, type Estimator, type Sampling } from '../src/methods/heavy-ball.ts';
import { SecondMomentOperator, enumerateMoments, momentToOriginal } from '../src/methods/second-moment.ts';
import { analyzeBatchSizes, bApprox, bTrue, kStar } from '../src/analysis/batch-size.ts';
import { zeros } from '../src/linalg/dense.ts';

const BCW = 'R. Bollapragada, T. Chen, R. Ward. On the fast convergence of minibatch heavy ball momentum. IMA J. Numer. Anal. 45(3), 2024 (doi:10.1093/imanum/drae033)';
const BCW_URL = 'https://arxiv.org/abs/2206.07553';
const KIDAMBI = 'R. Kidambi, P. Netrapalli, P. Jain, S. Kakade. On the insufficiency of existing momentum schemes for stochastic optimization. ICLR 2018';
const KIDAMBI_URL = 'https://arxiv.org/abs/1803.05591';

function source(theorem: string, confidence: Source['confidence'], note: string): Source {
  return { paper: BCW, theorem, url: BCW_URL, confidence, note };
}

/**
 * C₀ of the presumed conclusion (dossier §4.1 [U]): √2, the constant of the deterministic template
 * (§3), to which the bound must reduce as B → ∞. The report's max ratio times C₀ is the smallest C₀
 * that works on the checked instances.
 */
export const MAIN_C0 = Math.SQRT2;
/** Relative tolerance of the exact identities (enumeration against the operator, mean against heavy ball). */
export const EXACT_RTOL = 1e-10;
/** Relative tolerance on ρ_msq (the root in r is solved to 1e-12). */
export const RADIUS_RTOL = 1e-9;
/** Floor of the root-mean-square error relative to ‖e₀‖ = 1 (the exact recursion is homogeneous). */
export const RMS_FLOOR = 1e-12;

// ---------------------------------------------------------------------------------------------
// P1–P3: exact moments of the real update, by enumerating every batch

export interface MomentParams extends InstanceParams {
  batchSize: number;
  sampling: Sampling;
}

const momentParams = (ranges: { rowNorms?: ('uniform' | 'spread')[]; sampling?: Sampling[] } = {}) =>
  fc
    .record({
      base: instanceParams({ d: [2, 3], extraRows: [0, 3], conditionNumber: [1, 100], rowNorms: ranges.rowNorms }),
      batchSize: fc.integer({ min: 1, max: 3 }),
      sampling: fc.constantFrom(...(ranges.sampling ?? (['row-norm', 'uniform'] as const))),
    })
    .map(({ base, batchSize, sampling }): MomentParams => ({ ...base, batchSize: Math.pow(base.n, batchSize) > 200 ? 1 : batchSize, sampling }));

const EXACT_STEPS = 6;

function exactMomentsTrial(params: MomentParams, estimator: Estimator): Trial {
  const problem = buildInstance(params);
  const bp = bcwParameters(problem.eigenvalues);
  const e0 = startingError(problem, params.start, params.seed);
  const d = problem.d, W = 2 * d;
  // P1: Σ_j p_j w_j a_j a_jᵀ = AᵀA
  const p = samplingProbabilities(problem, params.sampling);
  const w = estimatorWeights(problem, params.sampling, estimator);
  const H = zeros(d, d), EX = zeros(d, d);
  for (let j = 0; j < problem.n; j++) {
    for (let a = 0; a < d; a++) {
      for (let b = 0; b < d; b++) {
        const v = problem.A.data[j * d + a] * problem.A.data[j * d + b];
        H.data[a * d + b] += v;
        EX.data[a * d + b] += p[j] * w[j] * v;
      }
    }
  }
  let unbiasedGap = 0, hNorm = 0;
  for (let i = 0; i < d * d; i++) {
    unbiasedGap += (EX.data[i] - H.data[i]) ** 2;
    hNorm += H.data[i] ** 2;
  }
  unbiasedGap = Math.sqrt(unbiasedGap);
  hNorm = Math.sqrt(hNorm);
  // deterministic heavy ball from x₀ = x* + e₀ (the real algorithm) and the exact operator
  const x0 = new Float64Array(d);
  for (let i = 0; i < d; i++) x0[i] = problem.xStar[i] + e0[i];
  const hb: Float64Array[] = [];
  const heavyBall = new HeavyBall(problem, bp, x0);
  for (let k = 0; k <= EXACT_STEPS; k++) {
    hb.push(heavyBall.iterate.map((v, i) => v - problem.xStar[i]));
    heavyBall.step();
  }
  const op = new SecondMomentOperator(problem, { stepSize: bp.stepSize, momentum: bp.momentum, sampling: params.sampling });
  const bounds: Bound[] = [
    { metric: 'meanGap', relation: 'le', value: (_k, m) => EXACT_RTOL * m.meanScale, floor: 0, cite: 'P2: E[x_k] equals the deterministic heavy-ball iterate for every B (dossier §7 P2, [D])' },
    { metric: 'momentGap', relation: 'le', value: (_k, m) => EXACT_RTOL * m.momentScale, floor: 0, cite: 'P3: E[z_k z_kᵀ] = 𝓛_B^k(z₀z₀ᵀ), 𝓛_B(S) = TSTᵀ + (α²/B)P(E[XS₁₁X] − HS₁₁H)Pᵀ (dossier §7 P3, [D])' },
    { metric: 'unbiasedGap', relation: 'le', value: () => EXACT_RTOL * hNorm, floor: 0, cite: 'P1: Σ_j p_j X_j = AᵀA for row-norm and uniform sampling (dossier §7 P1, [D])' },
  ];
  return {
    hypotheses: [atMost('n^B ≤ 200 batches per step (enumeration)', Math.pow(problem.n, params.batchSize), 200)],
    derived: { stepSize: bp.stepSize, momentum: bp.momentum, batchSize: params.batchSize, n: problem.n, d },
    bounds,
    run(observe, maxIterations) {
      let S = op.initialMoment(e0), next = zeros(W, W);
      const metrics = { meanGap: 0, meanScale: 1, momentGap: 0, momentScale: 1, unbiasedGap };
      enumerateMoments(problem, { ...bp, batchSize: params.batchSize, sampling: params.sampling, estimator }, e0, Math.min(EXACT_STEPS, maxIterations), (k, m) => {
        let g = 0, sc = 0;
        for (let i = 0; i < d; i++) {
          g += (m.meanError[i] - hb[k][i]) ** 2;
          sc += hb[k][i] ** 2;
        }
        metrics.meanGap = Math.sqrt(g);
        metrics.meanScale = Math.sqrt(sc) + 1e-300;
        const So = momentToOriginal(problem, S);
        let mg = 0, ms = 0;
        for (let i = 0; i < W * W; i++) {
          mg += (m.secondMoment.data[i] - So.data[i]) ** 2;
          ms += So.data[i] ** 2;
        }
        metrics.momentGap = Math.sqrt(mg);
        metrics.momentScale = Math.sqrt(ms);
        op.apply(S, next, params.batchSize);
        const t = S;
        S = next;
        next = t;
        return observe(k, metrics);
      });
    },
  };
}

export const exactMoments = defineClaim<MomentParams>({
  id: 'bcw2024.exact-moments',
  statement: 'Minibatch heavy ball (i.i.d. batches, unbiased estimator): Σp_jX_j = AᵀA (P1), E[x_k] equals the deterministic heavy-ball iterate (P2) and E[z_kz_kᵀ] equals the second-moment operator’s prediction (P3), by exact enumeration of every batch',
  source: source('algorithm minibatch_HBM and its moments', 'D', 'dossier §1 (sampling, estimator, exact second moments with replacement), §2 [REF-IMPL] algorithm, §7 P1–P3'),
  kind: 'exact-identity',
  expected: 'holds',
  params: momentParams(),
  maxIterations: EXACT_STEPS,
  instantiate: (p) => exactMomentsTrial(p, 'importance'),
});

export const plainEstimator = defineClaim<MomentParams>({
  id: 'bcw2024.plain-estimator-unbiased',
  statement: 'FALSE variant: with row-norm sampling the plain estimator n·a_j(a_jᵀx − b_j) (no 1/(n p_j) reweighting) still gives E[x_k] = heavy-ball iterate',
  source: source('algorithm minibatch_HBM', 'D', 'dossier §1: E[g] = ∇f needs the weights 1/p_j; Σ_j p_j n a_ja_jᵀ ≠ AᵀA unless the row norms are equal'),
  kind: 'exact-identity',
  expected: 'refuted',
  variantOf: 'bcw2024.exact-moments',
  falseBecause: 'Σ_j (‖a_j‖²/‖A‖²_F) n a_ja_jᵀ weighs long rows more: the mean drifts from heavy ball at k = 1 when the row norms differ',
  params: momentParams({ rowNorms: ['spread'], sampling: ['row-norm'] }),
  maxIterations: EXACT_STEPS,
  instantiate: (p) => exactMomentsTrial(p, 'plain'),
});

// Mean square against the mean (exact operator)

export interface BatchParams extends InstanceParams {
  batchSize: number;
}

const batchParams = (k: [number, number] = [1.5, 1000], batch: [number, number] = [0, 6]) =>
  fc
    .record({ base: instanceParams({ conditionNumber: k }), b: fc.integer({ min: batch[0], max: batch[1] }) })
    .map(({ base, b }): BatchParams => ({ ...base, batchSize: 2 ** b }));

export const beatsFullBatch = defineClaim<BatchParams>({
  id: 'bcw2024.minibatch-beats-full-batch',
  statement: 'FALSE variant: minibatch heavy ball is at least as good as full-batch heavy ball in mean square, E‖x_k − x*‖² ≤ ‖x_k^HB − x*‖²',
  source: source('algorithm minibatch_HBM and its moments', 'D', 'dossier §9 false variant 4: E‖e_k‖² = ‖E e_k‖² + tr Cov(e_k) and E e_k = e_k^HB (P2)'),
  kind: 'bound-in-expectation',
  expected: 'refuted',
  variantOf: 'bcw2024.exact-moments',
  falseBecause: 'the sampling covariance is positive as soon as (X_j − H)e₀ ≠ 0 for some row: strict already at k = 1',
  params: batchParams(),
  maxIterations: 200,
  instantiate: (params) => {
    const { problem, bp, op } = bcwOperator(params);
    const e0 = startingError(problem, params.start, params.seed);
    return {
      hypotheses: [],
      derived: { stepSize: bp.stepSize, momentum: bp.momentum, batchSize: params.batchSize },
      bounds: [{ metric: 'meanSquareError', relation: 'le', value: (_k, m) => m.meanErrorNorm ** 2, floor: RMS_FLOOR ** 2, cite: 'false: E‖e_k‖² ≤ ‖E e_k‖² = ‖e_k^HB‖²' }],
      run: (observe, maxIterations) => op.meanSquareTrajectory(e0, params.batchSize, observe, maxIterations),
    };
  },
});

// ---------------------------------------------------------------------------------------------
// P4: the mean-square spectral radius ρ_msq(B)

const RADIUS_GRID = 20; // B = 2^0 .. 2^20
const LIMIT_POINTS = 6; // r_j = β(1 + 4^{−j})

/** The instance, BCW's (α, β) for it, and the second-moment operator under row-norm sampling. */
function bcwOperator(params: InstanceParams) {
  const problem = buildInstance(params);
  const bp = bcwParameters(problem.eigenvalues);
  const op = new SecondMomentOperator(problem, { stepSize: bp.stepSize, momentum: bp.momentum, sampling: 'row-norm' });
  return { problem, bp, op };
}

function radiusTrial(params: InstanceParams): Trial {
  const { problem, bp, op } = bcwOperator(params);
  const beta = bp.momentum;
  return {
    hypotheses: [],
    derived: { stepSize: bp.stepSize, momentum: beta, conditionNumber: problem.conditionNumber, demmelConditionNumber: problem.demmelConditionNumber },
    bounds: [
      { metric: 'radius', relation: 'ge', value: () => beta, floor: 0, rtol: RADIUS_RTOL, cite: 'P4(b): ρ_msq(B) ≥ β = ρ(T)² for every B when the spectrum lies inside [ℓ, L] (dossier §7 P4)' },
      { metric: 'radius', relation: 'le', value: (_t, m) => m.previous, floor: 0, rtol: RADIUS_RTOL, cite: 'P4(a): ρ_msq(B) is non-increasing in B (dossier §7 P4)' },
      { metric: 'radius', relation: 'le', value: (_t, m) => m.limitTarget, floor: 0, rtol: RADIUS_RTOL, cite: 'P4(c): ρ_msq(B) → β: for every r > β some finite B(r) = ρ(K_r) gives ρ_msq(B(r)) ≤ r (dossier §7 P4)' },
    ],
    run(observe, maxIterations) {
      const metrics = { radius: 0, previous: Infinity, limitTarget: Infinity, batchSize: 1 };
      let t = 0;
      for (let i = 0; i <= RADIUS_GRID && t <= maxIterations; i++, t++) {
        metrics.batchSize = 2 ** i;
        metrics.radius = op.radius(metrics.batchSize);
        if (!observe(t, metrics)) return;
        metrics.previous = metrics.radius;
      }
      metrics.previous = Infinity;
      for (let j = 1; j <= LIMIT_POINTS && t <= maxIterations; j++, t++) {
        const r = beta * (1 + Math.pow(4, -j));
        metrics.batchSize = Math.ceil(op.criticalBatch(r));
        metrics.limitTarget = r;
        metrics.radius = op.radius(metrics.batchSize);
        if (!observe(t, metrics)) return;
      }
    },
  };
}

const radiusInstances = (k: [number, number] = [1, 1000]) => instanceParams({ conditionNumber: k, d: [2, 4], extraRows: [0, 12] });

export const msqRadius = defineClaim<InstanceParams>({
  id: 'bcw2024.msq-radius',
  statement: 'With BCW’s parameters, the mean-square rate ρ_msq(B) (spectral radius of the second-moment operator) is non-increasing in B, never below β, and tends to β as B → ∞',
  source: source('mean-square analysis behind the batch-size condition', 'D', 'dossier §7 P4 (cone monotonicity); exact operator and its reduction ρ_msq(B) ≤ r ⇔ B ≥ ρ(K_r) (src/methods/second-moment.ts)'),
  kind: 'exact-identity',
  expected: 'holds',
  params: radiusInstances(),
  maxIterations: RADIUS_GRID + LIMIT_POINTS + 1,
  instantiate: (p) => radiusTrial(p),
});

export const noiseHelps = defineClaim<InstanceParams>({
  id: 'bcw2024.noise-helps',
  statement: 'FALSE variant: sampling noise can help, some batch B ≤ 2^10 has ρ_msq(B) < β',
  source: source('mean-square analysis', 'D', 'dossier §9 false variant 3 (contradicts P4(b))'),
  kind: 'exact-identity',
  expected: 'refuted',
  variantOf: 'bcw2024.msq-radius',
  falseBecause: 'the noise term of the second-moment operator is positive on the PSD cone, so ρ_msq(B) ≥ ρ(T)² = β for every B',
  params: radiusInstances(),
  maxIterations: 1,
  instantiate: (params) => {
    const { bp, op } = bcwOperator(params);
    return {
      hypotheses: [],
      derived: { momentum: bp.momentum },
      bounds: [{ metric: 'minRatio', relation: 'le', value: () => 1, floor: 0, rtol: 0, cite: 'false: min over B ≤ 2^10 of ρ_msq(B)/β < 1' }],
      run(observe) {
        let min = Infinity;
        for (let i = 0; i <= 10; i++) min = Math.min(min, op.radius(2 ** i) / bp.momentum);
        observe(0, { minRatio: min });
      },
    };
  },
});

export const stableAtBatch1 = defineClaim<InstanceParams>({
  id: 'bcw2024.stable-at-batch-1',
  statement: 'FALSE variant: minibatch heavy ball with BCW’s parameters converges in mean square at every batch size, ρ_msq(1) < 1',
  source: source('batch-size condition (getB)', 'REF-IMPL', 'the theorem needs B ≥ B_true(k*); dossier §5 [N]: √ρ_msq > 1 below B ≈ 256–1024 at κ = 100'),
  kind: 'exact-identity',
  expected: 'refuted',
  variantOf: 'bcw2024.msq-radius',
  falseBecause: 'the aggressive step α ≈ 4/λ_max amplifies the batch-1 noise α²(E[X S X] − HSH): below the critical batch the second moment diverges',
  params: radiusInstances([1.5, 1000]),
  maxIterations: 1,
  instantiate: (params) => {
    const { bp, op } = bcwOperator(params);
    return {
      hypotheses: [],
      derived: { momentum: bp.momentum },
      bounds: [{ metric: 'radius', relation: 'le', value: () => 1, floor: 0, rtol: 0, cite: 'false: ρ_msq(1) < 1' }],
      run(observe) {
        observe(0, { radius: op.radius(1) });
      },
    };
  },
});

// ---------------------------------------------------------------------------------------------
// P10: the main theorem with the reference code's batch condition

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
    },
    bounds: [
      {
        metric: 'rmsError',
        relation: 'le',
        value: (t) => (t <= k ? MAIN_C0 * kappaC * Math.pow(bp.rate, t) : 0),
        floor: RMS_FLOOR,
        cite: `${label}(E‖x_k − x*‖²)^{1/2} ≤ C₀ κ_C β^{k/2}‖x₀ − x*‖ for k ≤ k*, C₀ = √2 (dossier §4.1 presumed conclusion [U]; B_true from getB [REF-IMPL])`,
      },
    ],
    run: (observe, maxIterations) => op.meanSquareTrajectory(e0, B, observe, maxIterations),
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
  statement: `With B ≥ B_true(k*) (reference code), minibatch heavy ball with BCW’s parameters satisfies (E‖x_k − x*‖²)^{1/2} ≤ C₀ κ_C β^{k/2}‖x₀ − x*‖ for k ≤ k*, C₀ = √2 (hence the same bound on E‖x_k − x*‖)`,
  source: source('main theorem (text not available)', 'REF-IMPL', 'batch condition getB(k*, α, β, λ, κ_C, mode=true) [REF-IMPL]; conclusion shape [U] with explicit C₀; dossier §4.1 and P10; exact E‖e_k‖² via P3'),
  kind: 'bound-in-expectation',
  expected: 'holds',
  params: mainParams(),
  examples: [kidambiMain(16), kidambiMain(256)],
  maxIterations: 5000,
  instantiate: (p) => mainTrial(p, 'true'),
});

export const mainBApprox = defineClaim<MainParams>({
  id: 'bcw2024.main-theorem-b-approx',
  statement: 'FALSE variant: the main theorem’s bound already holds with the reference code’s approximate threshold B ≥ B_approx = 16e‖A‖²_F λ_max log(2d) α²/(β log(1/β))',
  source: source('main theorem, getB mode approx', 'REF-IMPL', 'B_approx ~ κ̄ log d/√κ drops B_true’s κ_C² k*/log k* factor (dossier §4.2)'),
  kind: 'bound-in-expectation',
  expected: 'refuted',
  variantOf: 'bcw2024.main-theorem',
  falseBecause: 'the exact critical batch grows like κ^{3/2} at fixed d (through κ_C² ~ 2κ), faster than B_approx ~ κ̄/√κ: for κ ≳ 300 and d ≥ 3 the mean square at B_approx grows or decays more slowly than β^{k/2}',
  params: mainParams({ k: [300, 10_000], d: [3, 5], multiplier: [1, 2], families: ['generated'] }),
  maxIterations: 5000,
  instantiate: (p) => mainTrial(p, 'approx'),
});

export const mainIcr = defineClaim<MainParams>({
  id: 'bcw2024.main-theorem-batch-icr',
  statement: 'FALSE variant: the main theorem’s bound holds once B ≥ κ̄/√κ (the implicit-conditioning-ratio batch, no constant)',
  source: source('main theorem; Lee et al. 2022 ICR', 'D', 'dossier §4.2 headline B* ~ κ̄ log(d)/√κ up to constants and §6c'),
  kind: 'bound-in-expectation',
  expected: 'refuted',
  variantOf: 'bcw2024.main-theorem',
  falseBecause: 'at B ≈ κ̄/√κ the mean-square rate √ρ_msq(B) is far above √β (often above 1): the constant in front of κ̄/√κ is large',
  params: mainParams({ multiplier: [1, 4] }),
  maxIterations: 5000,
  instantiate: (p) => mainTrial(p, 'icr'),
});

// ---------------------------------------------------------------------------------------------
// P9: Kidambi et al.'s instance at batch size 1

export interface KidambiParams {
  /** κ_H = σ₁²/σ₂² */
  conditionNumber: number;
  /** rows per group */
  m: number;
  seed: number;
}

/** The (step, momentum) grid: αλ_max = 2^{1−i/2}, i = 0..16; β = 1 − 2^{−j/2.5}, j = 1..20, and β = 0. */
export function kidambiGrid(lambdaMax: number): { stepSize: number; momentum: number }[] {
  const out: { stepSize: number; momentum: number }[] = [];
  for (let i = 0; i <= 16; i++) for (let j = 0; j <= 20; j++) out.push({ stepSize: Math.pow(2, 1 - i / 2) / lambdaMax, momentum: j === 0 ? 0 : 1 - Math.pow(2, -j / 2.5) });
  return out;
}

/** 1 − ρ_msq(1) for each pair: the mean-square gap of batch-1 heavy ball (exact). */
function batch1Gaps(problem: LeastSquares, grid: { stepSize: number; momentum: number }[]): Float64Array {
  const out = new Float64Array(grid.length);
  for (let t = 0; t < grid.length; t++) {
    const op = new SecondMomentOperator(problem, { ...grid[t], sampling: 'uniform' });
    out[t] = 1 - op.radius(1);
  }
  return out;
}

const kidambiParams = (k: [number, number] = [4, 1024]) =>
  fc.record({ conditionNumber: logUniform(k[0], k[1], 40), m: fc.integer({ min: 1, max: 4 }), seed: seedArb() });

function kidambiProblem(p: KidambiParams): LeastSquares {
  return kidambiInstance(p.m, p.conditionNumber, 1);
}

const kidambiSource = (note: string): Source => ({ paper: KIDAMBI, theorem: 'Proposition 3', url: KIDAMBI_URL, confidence: 'V', note });

export const kidambiBatch1 = defineClaim<KidambiParams>({
  id: 'bcw2024.kidambi-batch1-no-acceleration',
  statement: 'On Kidambi et al.’s instance (c = 2), batch-1 heavy ball gains at most 500/κ per step for every (step, momentum) on the grid: 1 − ρ_msq(1) ≤ 500/κ_Kidambi, κ_Kidambi = 2c σ₁²/σ₂²',
  source: kidambiSource('Proposition 3 (E f(w_t) − f* ≥ C exp(−500t/κ)); finite-sum form and exact operator: dossier §6b [D] and P9'),
  kind: 'bound-in-expectation',
  expected: 'holds',
  params: kidambiParams(),
  examples: [{ conditionNumber: 16, m: 1, seed: 1 }, { conditionNumber: 1024, m: 1, seed: 1 }],
  maxIterations: 1000,
  instantiate: (p) => {
    const problem = kidambiProblem(p);
    const kappaKidambi = 4 * p.conditionNumber; // 2c κ_H with c = 2
    const grid = kidambiGrid(problem.lambdaMax);
    return {
      hypotheses: [atLeast('σ₁² ≥ σ₂²', p.conditionNumber, 1)],
      derived: { kappaH: p.conditionNumber, kappaKidambi, gridPoints: grid.length },
      bounds: [{ metric: 'gap', relation: 'le', value: () => 500 / kappaKidambi, floor: 0, cite: 'Kidambi et al. Proposition 3: rate at most exp(−500/κ) per step for any step and momentum (dossier P9)' }],
      run(observe, maxIterations) {
        const gaps = batch1Gaps(problem, grid);
        const metrics = { gap: 0, stepSize: 0, momentum: 0 };
        for (let t = 0; t < grid.length && t <= maxIterations; t++) {
          metrics.gap = gaps[t];
          metrics.stepSize = grid[t].stepSize;
          metrics.momentum = grid[t].momentum;
          if (!observe(t, metrics)) return;
        }
      },
    };
  },
});

export const kidambiAccelerates = defineClaim<KidambiParams>({
  id: 'bcw2024.kidambi-batch1-accelerates',
  statement: 'FALSE variant: batch-1 heavy ball accelerates on Kidambi et al.’s instance, some grid (step, momentum) gives 1 − ρ_msq(1) ≥ 1/√κ_H',
  source: kidambiSource('dossier §9 false variant 2 ([N]: best ~3.6/κ_H)'),
  kind: 'bound-in-expectation',
  expected: 'refuted',
  variantOf: 'bcw2024.kidambi-batch1-no-acceleration',
  falseBecause: 'the best batch-1 mean-square gap is about 3.6/κ_H, below 1/√κ_H once κ_H ≥ 16',
  params: kidambiParams([16, 1024]),
  maxIterations: 1,
  instantiate: (p) => {
    const problem = kidambiProblem(p);
    const grid = kidambiGrid(problem.lambdaMax);
    return {
      hypotheses: [],
      derived: { kappaH: p.conditionNumber },
      bounds: [{ metric: 'bestGap', relation: 'ge', value: () => 1 / Math.sqrt(p.conditionNumber), floor: 0, cite: 'false: max over the grid of 1 − ρ_msq(1) ≥ 1/√κ_H' }],
      run(observe) {
        const gaps = batch1Gaps(problem, grid);
        observe(0, { bestGap: Math.max(...gaps) });
      },
    };
  },
});

export const kidambiNoGain = defineClaim<KidambiParams>({
  id: 'bcw2024.kidambi-batch1-no-gain-over-sgd',
  statement: 'FALSE variant: at batch 1 momentum gains nothing at all on Kidambi et al.’s instance, best heavy-ball gap ≤ best SGD gap (SGD on a 65-point step grid)',
  source: kidambiSource('Proposition 3 bounds the gain by a constant factor, not by 1; dossier §6b [N]: best HB ~3.6/κ_H vs SGD ~1.9/κ_H'),
  kind: 'bound-in-expectation',
  expected: 'refuted',
  variantOf: 'bcw2024.kidambi-batch1-no-acceleration',
  falseBecause: 'heavy ball improves the batch-1 mean-square gap by a constant factor of about 2 over the best SGD step',
  params: kidambiParams(),
  maxIterations: 1,
  instantiate: (p) => {
    const problem = kidambiProblem(p);
    const grid = kidambiGrid(problem.lambdaMax);
    const sgd = Array.from({ length: 65 }, (_, i) => ({ stepSize: Math.pow(2, 1 - i / 8) / problem.lambdaMax, momentum: 0 }));
    return {
      hypotheses: [],
      derived: { kappaH: p.conditionNumber },
      bounds: [{ metric: 'bestGap', relation: 'le', value: (_t, m) => m.bestSgdGap, floor: 0, cite: 'false: max_grid (1 − ρ_msq^HB(1)) ≤ max_steps (1 − ρ_msq^SGD(1))' }],
      run(observe) {
        observe(0, { bestGap: Math.max(...batch1Gaps(problem, grid)), bestSgdGap: Math.max(...batch1Gaps(problem, sgd)) });
      },
    };
  },
});

// ---------------------------------------------------------------------------------------------
// How the critical batch size scales (issue: "B_crit grows like κ̄/√κ"), as O(·) claims over a κ sweep.
// B_crit = the smallest B with √ρ_msq(B) ≤ (1 + ε)√β, ε = half the accelerated gap, computed exactly
// from the second-moment operator (no Monte Carlo).

interface ScalingParams {
  d: number;
  conditionNumber: number;
  seed: number;
}

const scalingParams: fc.Arbitrary<ScalingParams> = fc.record({
  d: fc.constantFrom(4, 8),
  conditionNumber: logUniform(10, 1000, 64),
  seed: seedArb(),
});

function scalingTrial(p: ScalingParams): Trial {
  const problem = buildLeastSquares({ n: 10 * p.d, d: p.d, conditionNumber: p.conditionNumber, spectrum: 'linear', rowNorms: 'uniform', seed: p.seed });
  const a = analyzeBatchSizes(problem);
  return {
    hypotheses: [atLeast('κ > 1', problem.conditionNumber, 1 + 1e-9)],
    derived: {
      conditionNumber: problem.conditionNumber,
      demmelConditionNumber: problem.demmelConditionNumber,
      icr: a.icr,
      demmelTimesSqrtKappa: problem.demmelConditionNumber * Math.sqrt(problem.conditionNumber),
    },
    bounds: [],
    run: () => {},
    measure: () => ({ bCrit: a.bCrit.real, bApprox: a.bApprox, bTrue: a.bTrue }),
  };
}

export const criticalBatchIcr = defineClaim<ScalingParams>({
  id: 'bcw2024.critical-batch-grows-like-icr',
  statement: 'The critical batch size B_crit (√ρ_msq(B) ≤ (1+ε)√β) grows like κ̄/√κ (Lee et al.’s ICR; BCW’s B* up to log d): fitted exponent of B_crit against κ̄/√κ at most 1',
  source: source('B* ~ κ̄ log d/√κ (dossier §4.2)', 'D', 'the scaling is derived from the reference code’s B_approx; the exact B_crit is measured here'),
  kind: 'asymptotic',
  expected: 'refuted',
  falseBecause: 'measured: the exact B_crit grows like κ̄√κ (exponent ≈ 2.7 against κ̄/√κ): the heuristic scale is off by a factor κ (a finding)',
  params: scalingParams,
  aggregate: { kind: 'exponent', response: 'bCrit', driver: 'icr', claimedExponent: 1 },
  instantiate: (p) => scalingTrial(p),
});

export const criticalBatchKappaBar = defineClaim<ScalingParams>({
  id: 'bcw2024.critical-batch-grows-like-kappabar-sqrt-kappa',
  statement: 'The critical batch size B_crit grows at most like κ̄√κ (B_true’s scale, κ_C² ≈ 2κ, without its log factors): fitted exponent of B_crit against κ̄√κ at most 1',
  source: source('B_true (reference implementation getB)', 'REF-IMPL', 'B_true grows like κ̄κ_C² with κ_C² ≈ 2κ, up to logs; the smallest constant B_crit/(κ̄√κ) is reported'),
  kind: 'asymptotic',
  expected: 'holds',
  params: scalingParams,
  aggregate: { kind: 'exponent', response: 'bCrit', driver: 'demmelTimesSqrtKappa', claimedExponent: 1, complexity: 'demmelTimesSqrtKappa' },
  instantiate: (p) => scalingTrial(p),
});

export const claims: Claim<any>[] = [
  exactMoments,
  plainEstimator,
  beatsFullBatch,
  msqRadius,
  noiseHelps,
  stableAtBatch1,
  mainTheorem,
  mainBApprox,
  mainIcr,
  kidambiBatch1,
  kidambiAccelerates,
  kidambiNoGain,
  criticalBatchKappaBar,
  criticalBatchIcr,
];
export default claims;
