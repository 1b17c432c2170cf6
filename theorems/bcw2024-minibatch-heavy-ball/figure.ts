/**
 * Minibatch heavy ball (Bollapragada, Chen, Ward 2024): the exact mean-square rate √ρ_msq(B) against
 * the batch size B on a log axis, from the second-moment operator (./batch-size.ts), with the deterministic
 * rate √β, the measured critical batch B_crit (√ρ_msq ≤ (1+ε)√β), the mean-square stability threshold
 * B_stable (ρ_msq ≤ 1), the heuristic scale κ̄/√κ, and the reference implementation's B_approx and
 * B_true(k*) marked.
 */
import { buildLeastSquares, lineFigure, superscript, type Figure, type LeastSquaresParams, type Row } from 'ratecheck';
import { analyzeBatchSizes, rateTable, type BatchSizeAnalysis } from './batch-size.ts';

/** A consistent n = 400, d = 12, κ = 100 instance (linear spectrum), and the same at κ = 1000. */
export const BATCH_INSTANCES: LeastSquaresParams[] = [
  { n: 400, d: 12, conditionNumber: 100, spectrum: 'linear', rowNorms: 'uniform', seed: 1 },
  { n: 400, d: 12, conditionNumber: 1000, spectrum: 'linear', rowNorms: 'uniform', seed: 1 },
];

/**
 * A real threshold as `ratecheck batch-size` prints it in its table (4 significant digits), with a
 * superscript exponent from 10⁶ on: the figure and the table show the same numbers.
 */
export function fmt(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (v === 0) return '0';
  if (Math.abs(v) >= 1e-3 && Math.abs(v) < 1e6) return Number(v.toPrecision(4)).toString();
  const [m, e] = v.toExponential(3).split('e');
  return `${m}·10${superscript(Number(e))}`;
}

const HEIGHT = 260;

/** The lower end of a log axis of `height` pixels ending at `hi` that leaves 18 pixels under `low` (for a label). */
export function roomBelow(low: number, hi: number, height: number, pixels = 18): number {
  let lo = low * 0.98;
  while ((Math.log(low / lo) / Math.log(hi / lo)) * height < pixels) lo *= 0.98;
  return lo;
}

/** Batch sizes 1, 2, 4, ... up to 4 × the largest marked threshold. */
export function batchGrid(a: BatchSizeAnalysis): number[] {
  const top = 4 * Math.max(a.bTrue, a.bApprox, a.bCrit.real, a.bStable.real, a.icr);
  const out: number[] = [];
  for (let b = 1; b <= top; b *= 2) out.push(b);
  return out;
}

export function batchSizeFigure(instances: LeastSquaresParams[] = BATCH_INSTANCES): Figure {
  const data: Row[] = [];
  const meta: Record<string, unknown> = {};
  const panels = [];
  for (const params of instances) {
    const problem = buildLeastSquares(params);
    const a = analyzeBatchSizes(problem);
    const panel = `κ = ${params.conditionNumber}`;
    for (const row of rateTable(problem, batchGrid(a))) {
      if (Number.isFinite(row.rate) && row.rate > 0) data.push({ panel, series: panel, B: row.batchSize, rate: row.rate });
    }
    const sqrtBeta = a.parameters.rate;
    const rows = data.filter((r) => r.panel === panel);
    const rates = rows.map((r) => r.rate as number);
    const Bs = rows.map((r) => r.B as number);
    meta[panel] = {
      instance: params,
      stepSize: a.parameters.stepSize,
      momentum: a.parameters.momentum,
      sqrtBeta,
      epsilon: a.epsilon,
      targetRate: (1 + a.epsilon) * sqrtBeta,
      bCrit: a.bCrit.real,
      bStable: a.bStable.real,
      bCritBatch: a.bCrit.batch,
      bStableBatch: a.bStable.batch,
      icr: a.icr,
      bApprox: a.bApprox,
      bTrue: a.bTrue,
      kStar: a.kStar,
      ratios: a.ratios,
    };
    panels.push({
      title: `n = ${params.n}, d = ${params.d}, κ = ${params.conditionNumber}, κ̄ = ${fmt(a.demmelConditionNumber)}`,
      where: { panel },
      x: { field: 'B', title: 'batch size B (log scale)', log: true, domain: [Math.min(...Bs), Math.max(...Bs, a.bTrue, a.bApprox, a.bCrit.real, a.bStable.real, a.icr)] as [number, number] },
      // room under √β for its label (it is written under the line: the curve runs along it from above)
      y: { field: 'rate', title: 'mean-square rate √ρ_msq(B) (log scale)', log: true, domain: [roomBelow(Math.min(...rates, sqrtBeta), Math.max(...rates, 1) * 1.03, HEIGHT), Math.max(...rates, 1) * 1.03] as [number, number] },
      width: 380,
      height: HEIGHT,
      rules: [
        { y: sqrtBeta, label: `√β = ${fmt(sqrtBeta)}`, color: '#2ca02c', below: true },
        { y: 1, label: 'ρ_msq = 1', color: '#7f7f7f' },
        { x: a.icr, label: `κ̄/√κ = ${fmt(a.icr)}`, color: '#9467bd' },
        { x: a.bStable.real, label: `B_stable = ${a.bStable.batch}`, color: '#7f7f7f' },
        { x: a.bCrit.real, label: `B_crit = ${a.bCrit.batch}`, color: '#d62728' },
        { x: a.bApprox, label: `B_approx = ${fmt(a.bApprox)}`, color: '#ff7f0e' },
        { x: a.bTrue, label: `B_true = ${fmt(a.bTrue)}`, color: '#8c564b' },
      ],
    });
  }
  const first = meta[`κ = ${instances[0].conditionNumber}`] as { bCrit: number; bCritBatch: number; icr: number; bApprox: number; bTrue: number };
  return lineFigure({
    name: 'bcw2024/batch-size-rate',
    title: 'Minibatch heavy ball: mean-square rate against batch size',
    caption:
      `Exact mean-square rate √ρ_msq(B) of minibatch heavy ball (row-norm sampling, with replacement) on consistent least-squares instances with a linear spectrum of AᵀA on [1, κ], ` +
      `with the reference code's margin parameters (c = 2) α = 4/(√L+√ℓ)², β = ((√L−√ℓ)/(√L+√ℓ))². Marked: the deterministic rate √β (reached as B → ∞), mean-square stability ρ_msq = 1 (B_stable), ` +
      `B_crit (the smallest integer B with √ρ_msq ≤ (1+ε)√β, ε = half the accelerated gap; B_stable and B_crit are integers, as in the table of ratecheck batch-size, the others to 4 digits), the heuristic scale κ̄/√κ (κ̄ = ‖A‖²_F/λ_min), and the reference implementation's B_approx and B_true(k*) (ε = 1e−6) [REF-IMPL]. ` +
      `At κ = ${instances[0].conditionNumber}: B_crit = ${first.bCritBatch} = ${fmt(first.bCrit / first.icr)} κ̄/√κ; B_approx and B_true are ${fmt(first.bApprox / first.bCrit)}× and ${fmt(first.bTrue / first.bCrit)}× B_crit (conservative).`,
    data,
    panels,
    meta,
  });
}
