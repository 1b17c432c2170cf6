/**
 * Kidambi, Netrapalli, Jain, Kakade (ICLR 2018), Proposition 3: batch-1 heavy ball does not accelerate on
 * their Section 3 instance; the counterpart of Bollapragada–Chen–Ward's batch-size condition.
 *
 * Instance (Section 3): x = σ₁ z e₁ or σ₂ z e₂ with probability ½ each, y = ⟨w*, x⟩, E[z²] = 2,
 * E[z⁴] = 2c (here z = √2, c = 2); H = diag(σ₁², σ₂²); their condition number κ_Kidambi = 2c σ₁²/σ₂².
 * Finite-sum form (derived): n = 2m rows, m equal to √(2/n) σ₁ e₁ᵀ and m equal to √(2/n) σ₂ e₂ᵀ, so
 * AᵀA = diag(σ₁², σ₂²) and uniform sampling reproduces the distribution; κ_H = σ₁²/σ₂².
 * Statement (Proposition 3): for any step δ and momentum α ∈ [0, 1], E f(w_t) − f* ≥ C exp(−500t/κ_Kidambi)
 * (f(w₀) − f*) for t large, i.e. the mean-square rate per step of batch-1 heavy ball satisfies
 *   1 − ρ_msq(1) ≤ 500/κ_Kidambi = 500/(4κ_H).
 * Hypotheses: σ₁² ≥ σ₂². Parameters: κ_H log-uniform on [128, 4096] (the bound 500/κ_Kidambi is below 1, so
 * can fail, only for κ_H > 125; below that it is ≥ 1 ≥ 1 − ρ_msq and tests nothing), m ∈ [1, 4]; the (step, momentum) grid
 * αλ_max = 2^{1−i/2}, i = 0..16, β = 1 − 2^{−j/2.5}, j = 1..20, and β = 0 (357 points).
 * Bound: 1 − ρ_msq(1) ≤ 500/κ_Kidambi at every grid point, with ρ_msq(1) exact (second-moment operator,
 * uniform sampling).
 * False variants: "batch-1 heavy ball accelerates" (some point with 1 − ρ_msq(1) ≥ 1/√κ_H): the best gap
 * is about 3.6/κ_H [N], below 1/√κ_H from κ_H = 16; "momentum gains nothing" (best heavy-ball gap ≤ best
 * SGD gap): Proposition 3 bounds the gain by a constant factor, not by 1 (best SGD about 1.9/κ_H [N]).
 */
import { atLeast, atMost, defineClaim, fc, kidambiInstance, logUniform, SecondMomentOperator, seedArb, type LeastSquares, type Source } from 'ratecheck';
import { KIDAMBI, KIDAMBI_URL } from './setup.ts';

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

/** Proposition 3 is read in the paper; its finite-sum form and the per-step gap 1 − ρ_msq(1) are derived here [D]. */
const kidambiSource = (note: string): Source => ({ paper: KIDAMBI, theorem: 'Proposition 3', url: KIDAMBI_URL, confidence: 'D', note });

export const kidambiBatch1 = defineClaim<KidambiParams>({
  id: 'bcw2024.kidambi-batch1-no-acceleration',
  statement: 'On Kidambi et al.’s instance (c = 2), batch-1 heavy ball gains at most 500/κ per step for every (step, momentum) on the grid: 1 − ρ_msq(1) ≤ 500/κ_Kidambi, κ_Kidambi = 2c σ₁²/σ₂²',
  source: kidambiSource('Proposition 3 (E f(w_t) − f* ≥ C exp(−500t/κ)); Section 3 instance in finite-sum form and exact operator, derived in this file’s header'),
  kind: 'bound-in-expectation',
  expected: 'holds',
  params: kidambiParams([128, 4096]),
  examples: [{ conditionNumber: 128, m: 1, seed: 1 }, { conditionNumber: 4096, m: 1, seed: 1 }],
  // every instance is a study of 357 (step, momentum) pairs, each an exact spectral radius
  maxRuns: 50,
  maxIterations: 1000,
  instantiate: (p) => {
    const problem = kidambiProblem(p);
    const kappaKidambi = 4 * p.conditionNumber; // 2c κ_H with c = 2
    const grid = kidambiGrid(problem.lambdaMax);
    return {
      hypotheses: [atLeast('σ₁² ≥ σ₂²', p.conditionNumber, 1), atMost('500/κ_Kidambi < 1 (the bound can fail)', 500 / kappaKidambi, 1 - Number.EPSILON)],
      derived: { kappaH: p.conditionNumber, kappaKidambi, gridPoints: grid.length },
      bounds: [{ metric: 'gap', relation: 'le', value: () => 500 / kappaKidambi, floor: 0, cite: 'Kidambi et al. Proposition 3: rate at most exp(−500/κ) per step for any step and momentum' }],
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

/** A different trial from the base claim's: the best gap over the grid, against 1/√κ_H. */
export const kidambiAccelerates = defineClaim<KidambiParams>({
  id: 'bcw2024.kidambi-batch1-accelerates',
  statement: 'FALSE variant: batch-1 heavy ball accelerates on Kidambi et al.’s instance, some grid (step, momentum) gives 1 − ρ_msq(1) ≥ 1/√κ_H',
  source: kidambiSource('contradicts Proposition 3 for large κ; the best observed gap is ~3.6/κ_H [N] (this file’s header)'),
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

/** A different trial from the base claim's: the best heavy-ball gap against the best SGD gap (65 steps). */
export const kidambiNoGain = defineClaim<KidambiParams>({
  id: 'bcw2024.kidambi-batch1-no-gain-over-sgd',
  statement: 'FALSE variant: at batch 1 momentum gains nothing at all on Kidambi et al.’s instance, best heavy-ball gap ≤ best SGD gap (SGD on a 65-point step grid)',
  source: kidambiSource('Proposition 3 bounds the gain by a constant factor, not by 1; best HB ~3.6/κ_H vs SGD ~1.9/κ_H [N] (this file’s header)'),
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
