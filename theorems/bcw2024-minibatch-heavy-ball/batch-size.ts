/**
 * Critical batch sizes of minibatch heavy ball (Bollapragada, Chen, Ward 2024; formulas in main-theorem.ts):
 * - the reference implementation's thresholds [REF-IMPL] `get_k_` (k*), `getB(..., 'true')` (B_true(k*))
 *   and `getB(..., 'approx')` (B_approx);
 * - the heuristic scale κ̄/√κ (κ̄ = ‖A‖²_F/λ_min, Lee, Cheng, Paquette, Paquette 2022's ICR and BCW's B* up to
 *   log d, derived in critical-batch.ts);
 * - the measured ones, exact through the second-moment operator: B_crit(ε), the smallest batch with
 *   √ρ_msq(B) ≤ (1 + ε)√β, and B_stable, the smallest batch with ρ_msq(B) ≤ 1 (mean-square convergence).
 * A sweep over κ and d fits the exponent of B_crit against κ̄/√κ with a Student-t interval.
 */
import {
  bcwParameters, buildLeastSquares, linearFit, SecondMomentOperator,
  type BcwParameters, type LeastSquares, type LeastSquaresParams, type LinearFit, type RowNormProfile, type Sampling, type SpectrumShape,
} from 'ratecheck';

/** k* = 2 log(ε/(√2 κ_C))/log β, where √2 κ_C β^{k/2} = ε (`get_k_` [REF-IMPL]; the deterministic template of main-theorem.ts). */
export function kStar(accuracy: number, kappaC: number, momentum: number): number {
  if (!(accuracy > 0 && accuracy < 1)) throw new RangeError(`the accuracy ε must lie in (0, 1), got ${accuracy}`);
  if (!(momentum > 0 && momentum < 1)) throw new RangeError(`k* needs a momentum in (0, 1), got ${momentum}`);
  if (!(kappaC >= 1 && Number.isFinite(kappaC))) throw new RangeError(`κ_C must be a finite number ≥ 1, got ${kappaC}`);
  return (2 * Math.log(accuracy / (Math.SQRT2 * kappaC))) / Math.log(momentum);
}

/**
 * B_true(k*) = 16e‖A‖²_F log(2d) α² κ_C² k* ÷ (β log k*) · max{λ_max, √(2β log k*)/(α κ_C √k*)}
 * (`getB(..., mode='true')` [REF-IMPL]); needs k* > 1 (log k* > 0).
 */
export function bTrue(k: number, stepSize: number, momentum: number, eigenvalues: ArrayLike<number>, kappaC: number): number {
  if (!(k > 1 && Number.isFinite(k))) throw new RangeError(`B_true needs k* > 1, got ${k}`);
  const d = eigenvalues.length;
  let frob = 0;
  for (let i = 0; i < d; i++) frob += eigenvalues[i];
  const lmax = eigenvalues[d - 1];
  const logk = Math.log(k);
  const front = (16 * Math.E * frob * Math.log(2 * d) * stepSize * stepSize * kappaC * kappaC * k) / (momentum * logk);
  return front * Math.max(lmax, Math.sqrt(2 * momentum * logk) / (stepSize * kappaC * Math.sqrt(k)));
}

/** B_approx = 16e‖A‖²_F λ_max log(2d) α²/(β log(1/β)) (`getB(..., mode='approx')` [REF-IMPL]). */
export function bApprox(stepSize: number, momentum: number, eigenvalues: ArrayLike<number>): number {
  if (!(momentum > 0 && momentum < 1)) throw new RangeError(`B_approx needs a momentum in (0, 1), got ${momentum}`);
  const d = eigenvalues.length;
  let frob = 0;
  for (let i = 0; i < d; i++) frob += eigenvalues[i];
  return (16 * Math.E * frob * eigenvalues[d - 1] * Math.log(2 * d) * stepSize * stepSize) / (momentum * Math.log(1 / momentum));
}

export interface CriticalBatch {
  /** the real threshold ρ(K_r): ρ_msq(B) ≤ r ⇔ B ≥ it */
  real: number;
  /** the smallest integer batch meeting the target */
  batch: number;
}

/** Smallest B with ρ_msq(B) ≤ targetRate (mean-square rate per step, i.e. r = (√ρ target)²). */
export function criticalBatch(op: SecondMomentOperator, targetRate: number): CriticalBatch {
  if (!(targetRate > op.deterministicRadius)) {
    throw new RangeError(`no batch reaches ρ_msq ≤ ${targetRate}: ρ_msq(B) ≥ ρ(T)² = ${op.deterministicRadius} for every B`);
  }
  const real = op.criticalBatch(targetRate);
  return { real, batch: Math.max(1, Math.ceil(real * (1 - 1e-12))) };
}

/**
 * The same smallest integer batch by bisection on B with the exact ρ_msq(B) (monotone in B, P4a): the
 * cross-check of `criticalBatch`. `hi` must satisfy ρ_msq(hi) ≤ targetRate.
 */
export function criticalBatchBisection(op: SecondMomentOperator, targetRate: number, hi?: number): number {
  let upper = hi ?? 1;
  if (hi === undefined) {
    while (op.radius(upper) > targetRate) {
      upper *= 2;
      if (upper > 2 ** 52) throw new RangeError(`no batch up to 2^52 reaches ρ_msq ≤ ${targetRate}`);
    }
  } else if (op.radius(upper) > targetRate) throw new RangeError(`ρ_msq(${hi}) exceeds the target ${targetRate}`);
  if (op.radius(1) <= targetRate) return 1;
  let lower = 1; // ρ_msq(lower) > target, ρ_msq(upper) ≤ target
  while (upper - lower > 1) {
    const mid = Math.floor((lower + upper) / 2);
    if (op.radius(mid) <= targetRate) upper = mid;
    else lower = mid;
  }
  return upper;
}

export interface BatchSizeOptions {
  /** margin parameter c of get_params (default 2) */
  c?: number;
  sampling?: Sampling;
  /** ε of B_crit: √ρ_msq ≤ (1 + ε)√β. Default: half the accelerated gap, (1 + ε)√β = 1 − (1 − √β)/2. */
  epsilon?: number;
  /** accuracy of k* (default 1e-6) */
  accuracy?: number;
}

export interface BatchSizeAnalysis {
  n: number;
  d: number;
  conditionNumber: number;
  demmelConditionNumber: number;
  stableRank: number;
  eta: number;
  sampling: Sampling;
  parameters: BcwParameters;
  /** κ̄/√κ */
  icr: number;
  accuracy: number;
  kStar: number;
  bTrue: number;
  bApprox: number;
  epsilon: number;
  /** (1 + ε)²β */
  targetRate: number;
  bCrit: CriticalBatch;
  /** smallest batch with ρ_msq ≤ 1 */
  bStable: CriticalBatch;
  ratios: { bTrueOverBCrit: number; bApproxOverBCrit: number; bCritOverIcr: number; bStableOverIcr: number; bApproxOverBStable: number };
}

/** ε of the default B_crit: (1 + ε)√β = 1 − (1 − √β)/2. */
export function halfGapEpsilon(rate: number): number {
  return (1 - rate) / (2 * rate);
}

export function analyzeBatchSizes(problem: LeastSquares, options: BatchSizeOptions = {}): BatchSizeAnalysis {
  const sampling = options.sampling ?? 'row-norm';
  const parameters = bcwParameters(problem.eigenvalues, options.c ?? 2);
  const { stepSize, momentum, kappaCAtMin, rate } = parameters;
  const op = new SecondMomentOperator(problem, { stepSize, momentum, sampling });
  const epsilon = options.epsilon ?? halfGapEpsilon(rate);
  if (!(epsilon > 0 && Number.isFinite(epsilon))) throw new RangeError(`ε must be positive and finite, got ${epsilon}`);
  const targetRate = (1 + epsilon) ** 2 * momentum;
  const accuracy = options.accuracy ?? 1e-6;
  const k = kStar(accuracy, kappaCAtMin, momentum);
  const bt = bTrue(k, stepSize, momentum, problem.eigenvalues, kappaCAtMin);
  const ba = bApprox(stepSize, momentum, problem.eigenvalues);
  const bCrit = criticalBatch(op, targetRate);
  const bStable = criticalBatch(op, 1);
  const icr = problem.demmelConditionNumber / Math.sqrt(problem.conditionNumber);
  return {
    n: problem.n,
    d: problem.d,
    conditionNumber: problem.conditionNumber,
    demmelConditionNumber: problem.demmelConditionNumber,
    stableRank: problem.stableRank,
    eta: problem.eta,
    sampling,
    parameters,
    icr,
    accuracy,
    kStar: k,
    bTrue: bt,
    bApprox: ba,
    epsilon,
    targetRate,
    bCrit,
    bStable,
    ratios: {
      bTrueOverBCrit: bt / bCrit.real,
      bApproxOverBCrit: ba / bCrit.real,
      bCritOverIcr: bCrit.real / icr,
      bStableOverIcr: bStable.real / icr,
      bApproxOverBStable: ba / bStable.real,
    },
  };
}

export interface RateRow {
  batchSize: number;
  /** ρ_msq(B) */
  radius: number;
  /** √ρ_msq(B), the mean-square rate per step */
  rate: number;
  /** √ρ_msq(B)/√β */
  rateOverDeterministic: number;
}

/** ρ_msq(B) for each batch size (exact). */
export function rateTable(problem: LeastSquares, batches: readonly number[], options: BatchSizeOptions = {}): RateRow[] {
  const p = bcwParameters(problem.eigenvalues, options.c ?? 2);
  const op = new SecondMomentOperator(problem, { stepSize: p.stepSize, momentum: p.momentum, sampling: options.sampling ?? 'row-norm' });
  return batches.map((B) => {
    const radius = op.radius(B);
    return { batchSize: B, radius, rate: Math.sqrt(radius), rateOverDeterministic: Math.sqrt(radius) / p.rate };
  });
}

export interface SweepOptions extends BatchSizeOptions {
  conditionNumbers: readonly number[];
  dimensions: readonly number[];
  /** n = rowsPerColumn · d (default 10) */
  rowsPerColumn?: number;
  spectrum?: SpectrumShape;
  rowNorms?: RowNormProfile;
  seed?: number;
  /** confidence of the slope intervals (default 0.95) */
  confidence?: number;
}

/** Driver of an exponent fit: κ̄/√κ (the ICR / B_approx scale) or κ̄√κ (B_true's scale without logs). */
export type Driver = 'icr' | 'demmelTimesSqrtKappa';

export interface ExponentFit {
  response: 'bCrit' | 'bStable';
  driver: Driver;
  /** log response = intercept + slope · log driver */
  fit: LinearFit;
  /** the slope's interval contains 1 */
  consistentWithOne: boolean;
}

export interface SweepRow {
  n: number;
  d: number;
  conditionNumber: number;
  demmelConditionNumber: number;
  icr: number;
  bCrit: number;
  bStable: number;
  bTrue: number;
  bApprox: number;
}

export interface SweepResult {
  rows: SweepRow[];
  confidence: number;
  /** log B against log driver over all instances */
  fits: ExponentFit[];
  /** the exponent of B_crit against κ alone, per d (log B_crit vs log κ) */
  kappaExponents: { d: number; fit: LinearFit | null }[];
}

function driverValue(r: SweepRow, driver: Driver): number {
  return driver === 'icr' ? r.icr : r.demmelConditionNumber * Math.sqrt(r.conditionNumber);
}

/** Sweep κ and d on generated instances and fit the exponent of the critical batch against κ̄/√κ. */
export function sweepBatchSizes(options: SweepOptions): SweepResult {
  const rows: SweepRow[] = [];
  const confidence = options.confidence ?? 0.95;
  if (options.conditionNumbers.length === 0 || options.dimensions.length === 0) throw new RangeError('a sweep needs at least one condition number and one dimension');
  for (const d of options.dimensions) {
    for (const kappa of options.conditionNumbers) {
      const params: LeastSquaresParams = {
        n: (options.rowsPerColumn ?? 10) * d,
        d,
        conditionNumber: kappa,
        spectrum: options.spectrum ?? 'linear',
        rowNorms: options.rowNorms ?? 'uniform',
        seed: options.seed ?? 1,
      };
      const a = analyzeBatchSizes(buildLeastSquares(params), options);
      rows.push({
        n: a.n,
        d,
        conditionNumber: kappa,
        demmelConditionNumber: a.demmelConditionNumber,
        icr: a.icr,
        bCrit: a.bCrit.real,
        bStable: a.bStable.real,
        bTrue: a.bTrue,
        bApprox: a.bApprox,
      });
    }
  }
  const fits: ExponentFit[] = [];
  const distinct = new Set(rows.map((r) => r.icr)).size;
  if (rows.length >= 3 && distinct >= 2) {
    for (const driver of ['icr', 'demmelTimesSqrtKappa'] as const) {
      for (const response of ['bCrit', 'bStable'] as const) {
        const fit = linearFit(rows.map((r) => Math.log(driverValue(r, driver))), rows.map((r) => Math.log(r[response])), confidence);
        fits.push({ response, driver, fit, consistentWithOne: fit.slopeInterval.lower <= 1 && 1 <= fit.slopeInterval.upper });
      }
    }
  }
  const kappaExponents = options.dimensions.map((d) => {
    const sub = rows.filter((r) => r.d === d);
    return { d, fit: sub.length >= 3 ? linearFit(sub.map((r) => Math.log(r.conditionNumber)), sub.map((r) => Math.log(r.bCrit)), confidence) : null };
  });
  return { rows, confidence, fits, kappaExponents };
}
