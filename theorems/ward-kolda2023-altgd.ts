/**
 * Ward & Kolda (NeurIPS 2023), "Convergence of alternating gradient descent for matrix factorization".
 *
 *   T = C · d/(√d − √(r−1))² · κ² · log(1/ε) AltGD iterations give ‖A − X_TY_Tᵀ‖²_F ≤ ε‖A‖²_F w.h.p. (v2)
 *
 * Only the abstract and introduction are available (dossier ward-kolda2023-altgd.md): the step-size
 * condition, the constants C, D, ν and the exact initialization scales are NOT known. The claims below
 * therefore treat the theorem as an O(·) statement: the hidden constant is measured (the smallest value
 * that works on the instances seen is reported) and the κ-exponent is tested. The initialization scales
 * follow the [U] reading of a third-party reimplementation, flagged as such; the exact subspace
 * companions are [D].
 */
import fc from 'fast-check';
import { defineClaim, atLeast, iterationsTo, type Claim, type Source, type Trial, type TrialOptions } from '../src/claims/types.ts';
import { logUniform, seedArb } from '../src/claims/arbitraries.ts';
import { frobNorm, gemm, scale as scaleInPlace, zeros } from '../src/linalg/dense.ts';
import { gaussianMatrix, lowRankMatrix, spectrum } from '../src/problems/low-rank.ts';
import { reduceToSpan, type FactorizationProblem } from '../src/problems/matrix-factorization.ts';
import { runFactorization } from '../src/methods/factorization.ts';

const PAPER = 'Ward, Kolda. Convergence of alternating gradient descent for matrix factorization. NeurIPS 2023';
const URL = 'https://arxiv.org/abs/2305.06927v2';

function source(theorem: string, confidence: Source['confidence'], note: string): Source {
  return { paper: PAPER, theorem, url: URL, confidence, note };
}

/** Constants of the [U] initialization reading: (C, ν) = (4, 0.5), D = Cν/9, η = 9/(4Cνσ₁(A)). */
export const WK_CONSTANTS = { C: 4, nu: 0.5 } as const;
/** Squared accuracy target ‖R_T‖²_F ≤ ε‖A‖²_F (ε = 1e-8, i.e. 1e-4 relative in norm: far above the roundoff floor). */
export const WK_EPSILON = 1e-8;
const INVARIANT_TOL = 1e-10;

export interface WkParams {
  m: number;
  n: number;
  r: number;
  d: number;
  kappa: number;
  seed: number;
}

interface WkSetup {
  problem: FactorizationProblem;
  U: FactorizationProblem['A'];
  V: FactorizationProblem['A'];
  sigma: number[];
  stepSize: number;
  normA: number;
}

/**
 * X₀ = AΦ/(√η C σ₁(A)), Y₀ = √η D σ₁(A) Ψ with Φ ~ N(0, 1/d), Ψ ~ N(0, 1/n), η = 9/(4Cνσ₁(A)),
 * D = Cν/9 ([U], dossier §3: the constant pattern of a third-party reimplementation).
 */
export function wkSetup(p: WkParams, yScale = 1): WkSetup {
  const sigma = spectrum('geometric', p.r, p.kappa, 1);
  const { A, U, V } = lowRankMatrix(p.seed, p.m, p.n, sigma);
  const { C, nu } = WK_CONSTANTS;
  const D = (C * nu) / 9;
  const sigma1 = sigma[0];
  const eta = 9 / (4 * C * nu * sigma1);
  const Phi = gaussianMatrix(p.seed, 'Phi', p.n, p.d, 1 / p.d);
  const X0 = scaleInPlace(gemm(zeros(p.m, p.d), A, Phi), 1 / (Math.sqrt(eta) * C * sigma1));
  const Y0 = scaleInPlace(gaussianMatrix(p.seed, 'Psi', p.n, p.d, 1 / p.n), Math.sqrt(eta) * D * sigma1 * yScale);
  return { problem: { A, X0, Y0 }, U, V, sigma, stepSize: eta, normA: frobNorm(A) };
}

/** The overparameterization factor d/(√d − √(r−1))² of the v2 statement. */
export function overparameterization(d: number, r: number): number {
  return d / (Math.sqrt(d) - Math.sqrt(r - 1)) ** 2;
}

const sweep = fc.record({
  m: fc.constant(30),
  n: fc.constant(30),
  r: fc.constant(3),
  d: fc.constant(12),
  kappa: logUniform(2, 100, 64),
  seed: seedArb(),
});

/**
 * AltGD from the set-up: Y₀ ≠ 0 leaves row(A), so the run is on the exact reduction to span(U, X₀) x
 * span(V, Y₀) (each side r + d ≤ 2·min(m, n) wide), dense under --dense.
 */
function altGdRun(s: WkSetup, options: TrialOptions): Trial['run'] {
  const problem = options.dense ? s.problem : reduceToSpan(s.U, s.sigma, s.V, s.problem.X0, s.problem.Y0).problem;
  return (observe, maxIterations) => runFactorization(problem, { method: 'altgd', stepSize: s.stepSize }, observe, maxIterations);
}

/** AltGD until ‖R_t‖²_F ≤ ε‖A‖²_F. */
function iterationsTrial(p: WkParams, options: TrialOptions): Trial {
  const s = wkSetup(p);
  return {
    hypotheses: [atLeast('d ≥ r', p.d, p.r)],
    derived: {
      kappa: p.kappa,
      stepSize: s.stepSize,
      complexity: overparameterization(p.d, p.r) * p.kappa ** 2 * Math.log(1 / WK_EPSILON),
    },
    bounds: [],
    ...iterationsTo(altGdRun(s, options), 'residualNorm', Math.sqrt(WK_EPSILON) * s.normA),
  };
}

export const iterationsKappa2 = defineClaim<WkParams>({
  id: 'ward-kolda2023.altgd-iterations-kappa2',
  statement: 'AltGD from the unbalanced initialization reaches ‖R_T‖²_F ≤ ε‖A‖²_F within T = C·d/(√d−√(r−1))²·κ²·log(1/ε) iterations (C absolute): T grows at most like κ² at fixed d, r',
  source: source('main theorem (v2 abstract)', 'V', 'statement [V]; the constants C, D, ν and the step are not available, the initialization scales are the [U] reading (C, ν) = (4, 0.5); the smallest C that works is reported'),
  kind: 'asymptotic',
  expected: 'holds',
  params: sweep,
  maxIterations: 300_000,
  aggregate: { kind: 'exponent', response: 'iterations', driver: 'kappa', claimedExponent: 2, complexity: 'complexity' },
  instantiate: (p, o) => iterationsTrial(p, o),
});

export const iterationsLinear = defineClaim<WkParams>({
  id: 'ward-kolda2023.altgd-iterations-linear-kappa',
  statement: 'FALSE variant: AltGD’s iteration count grows only like κ',
  source: source('main theorem', 'N', 'no accelerated rate is claimed for AltGD; the κ-exponent is measured'),
  kind: 'asymptotic',
  expected: 'refuted',
  variantOf: 'ward-kolda2023.altgd-iterations-kappa2',
  falseBecause: 'measured: with the [U] initialization the iteration count grows like κ^1.2 (99% interval above 1), between the accelerated κ and the bound’s κ², which is loose here',
  params: sweep,
  maxIterations: 300_000,
  aggregate: { kind: 'exponent', response: 'iterations', driver: 'kappa', claimedExponent: 1 },
  instantiate: (p, o) => iterationsTrial(p, o),
});

export const exactParameterizationStalls = defineClaim<WkParams>({
  id: 'ward-kolda2023.v1-exact-parameterization-stalls',
  statement: 'FALSE variant (v1 reading): at d = r the guarantee’s factor d/(d−r) is infinite, so AltGD does not reach ‖R_t‖²_F ≤ ε‖A‖²_F',
  source: source('main theorem, v1 vs v2', 'V', 'v1 assumes d > r with factor d/(d−r); v2 allows d = r with factor d/(√d−√(r−1))² (dossier §4)'),
  kind: 'lower-bound',
  expected: 'refuted',
  variantOf: 'ward-kolda2023.altgd-iterations-kappa2',
  falseBecause: 'v2 covers d = r: exact parameterization converges, only more slowly',
  params: fc.integer({ min: 2, max: 4 }).chain((r) =>
    fc.record({ m: fc.integer({ min: r, max: 30 }), n: fc.integer({ min: r, max: 30 }), r: fc.constant(r), d: fc.constant(r), kappa: logUniform(1.5, 10, 32), seed: seedArb() }),
  ),
  maxIterations: 200_000,
  instantiate: (p, options) => {
    const s = wkSetup(p);
    const floorLevel = Math.sqrt(WK_EPSILON) * s.normA;
    return {
      hypotheses: [],
      derived: { kappa: p.kappa, stepSize: s.stepSize },
      bounds: [{ metric: 'residualNorm', relation: 'ge', value: () => floorLevel, floor: 0, cite: '‖R_t‖_F ≥ √ε‖A‖_F for all t (no convergence at d = r)' }],
      run: altGdRun(s, options),
    };
  },
});

// Exact companions [D]: with X₀ in col(A), X_{t+1} = X_t(I − ηY_tᵀY_t) + ηAY_t stays in col(A) whatever Y₀ is.

const invariantParams = fc.integer({ min: 1, max: 4 }).chain((r) =>
  fc.record({
    m: fc.integer({ min: r, max: 30 }),
    n: fc.integer({ min: r + 1, max: 30 }),
    r: fc.constant(r),
    d: fc.integer({ min: r, max: 3 * r }),
    kappa: logUniform(1.5, 100, 32),
    seed: seedArb(),
  }),
);

function invariantTrial(p: WkParams, outsideX0: boolean): Trial {
  const s = wkSetup(p);
  if (outsideX0) {
    const g = gaussianMatrix(p.seed, 'X0-outside', p.m, p.d, 1 / p.d);
    scaleInPlace(g, frobNorm(s.problem.X0) / frobNorm(g));
    s.problem.X0.data.set(g.data);
  }
  return {
    hypotheses: [atLeast('d ≥ r', p.d, p.r)],
    derived: { stepSize: s.stepSize },
    bounds: [
      { metric: 'offColX', relation: 'le', value: (_t, m) => INVARIANT_TOL * m.normX, floor: 0, cite: 'X_{t+1} = X_t(I − ηY_tᵀY_t) + ηAY_t ∈ col(A), dossier §7 [D]' },
    ],
    run: (observe, maxIterations) =>
      runFactorization(s.problem, { method: 'altgd', stepSize: s.stepSize }, observe, maxIterations, { subspaces: { U: s.U, V: s.V } }),
  };
}

export const colAInvariant = defineClaim<WkParams>({
  id: 'ward-kolda2023.colA-invariant-any-Y0',
  statement: `AltGD from X₀ ∝ AΦ and a Gaussian Y₀: col(X_t) ⊆ col(A) for all t (to ${INVARIANT_TOL} relative)`,
  source: source('exact companion', 'D', 'dossier ward-kolda2023-altgd.md §7'),
  kind: 'invariant',
  expected: 'holds',
  params: invariantParams,
  maxIterations: 150,
  instantiate: (p) => invariantTrial(p, false),
});

export const colAInvariantOutside = defineClaim<WkParams>({
  id: 'ward-kolda2023.colA-invariant-x0-outside',
  statement: 'FALSE variant: col(X_t) ⊆ col(A) also when X₀ is a Gaussian matrix (not in col(A))',
  source: source('exact companion', 'D', 'the invariant needs X₀ in col(A)'),
  kind: 'invariant',
  expected: 'refuted',
  variantOf: 'ward-kolda2023.colA-invariant-any-Y0',
  falseBecause: 'a Gaussian X₀ has a component outside col(A) at t = 0',
  params: invariantParams,
  maxIterations: 150,
  instantiate: (p) => invariantTrial(p, true),
});

export const rowAInvariantFails = defineClaim<WkParams>({
  id: 'ward-kolda2023.rowA-invariant-gaussian-Y0',
  statement: 'FALSE variant: col(Y_t) ⊆ row(A) for all t under the Ward–Kolda initialization (Gaussian Y₀)',
  source: source('exact companion', 'D', 'dossier ward-kolda2023-altgd.md §7, false variant 1'),
  kind: 'invariant',
  expected: 'refuted',
  variantOf: 'ward-kolda2023.colA-invariant-any-Y0',
  falseBecause: 'Ψ has components outside row(A) almost surely when n > r, and PY_{t+1} = PY_t(I − ηX_{t+1}ᵀX_{t+1}) keeps them',
  params: invariantParams,
  maxIterations: 150,
  instantiate: (p) => {
    const s = wkSetup(p);
    return {
      hypotheses: [atLeast('n > r', p.n, p.r + 1)],
      derived: { stepSize: s.stepSize },
      bounds: [{ metric: 'offRowY', relation: 'le', value: (_t, m) => INVARIANT_TOL * m.normY, floor: 0, cite: 'col(Y_t) ⊆ row(A)' }],
      run: (observe, maxIterations) =>
        runFactorization(s.problem, { method: 'altgd', stepSize: s.stepSize }, observe, maxIterations, { subspaces: { U: s.U, V: s.V } }),
    };
  },
});

export const claims: Claim<any>[] = [iterationsKappa2, iterationsLinear, exactParameterizationStalls, colAInvariant, colAInvariantOutside, rowAInvariantFails];
export default claims;
