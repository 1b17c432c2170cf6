/**
 * The matrix-factorization claims of Xu et al. 2024 with pinned seeds: every verdict as expected (true
 * claims hold, false variants are refuted, the cond(X₀) = 1 case is vacuous), plus the engine properties
 * the claims rely on: reduced = dense, bit-identical rebuilds, replay of a saved counterexample.
 */
import { describe, expect, it } from 'vitest';
import { verdictTests } from './verdicts.ts';
import fc from 'fast-check';
import { claims } from '../theorems/xu2024/matrix-factorization.ts';
import { lowConditionExamples, thm1Core, thm1CoreNearMiss } from '../theorems/xu2024/mf-theorem1.ts';
import { growthExamples, thm2Core, thm2CoreNearMiss } from '../theorems/xu2024/mf-theorem2.ts';
import { reducedInit, RESIDUAL_FLOOR, spectrumAt, unbalancedInit, xuParams, xuSetup, thm1Threshold, type XuParams } from '../theorems/xu2024/mf-setup.ts';
import { verifyClaim } from '../src/checking/runner.ts';
import { checkInstance } from '../src/checking/instance.ts';
import { replayCounterexample } from '../src/checking/replay.ts';
import { buildEntry, counterexampleFile } from '../src/reporting/report.ts';
import { methodSpec, runFactorization, type FactorizationMetrics } from '../src/methods/factorization.ts';
import { gaussianMatrix, lowRankMatrix, spectrum } from '../src/problems/low-rank.ts';
import { frobNorm, gemm, zeros } from '../src/linalg/dense.ts';
import { numericalRank, svd } from '../src/linalg/decomp.ts';

const SEED = 7;
const RUNS = 25;

verdictTests('xu2024-mf catalog', claims, { seed: SEED, runs: RUNS });

function trajectory(params: XuParams, dense: boolean, T: number): FactorizationMetrics[] {
  const su = xuSetup(params);
  const c = thm1Threshold(su) * params.cMultiplier;
  const L = (c * su.s[0]) ** 2, mu = (c * su.s[params.r - 1]) ** 2;
  const target = dense ? unbalancedInit(su, c) : reducedInit(su, c);
  const out: FactorizationMetrics[] = [];
  runFactorization(target, methodSpec('nag', L, mu), (_t, m) => {
    out.push({ ...(m as FactorizationMetrics) });
    return true;
  }, T);
  return out;
}

describe('engine properties on the xu2024 instances', () => {
  it('the factored set-up equals the dense construction: AΦ = U·(ΣVᵀΦ) with the same Φ, the same spectrum and ‖A‖_F', () => {
    fc.assert(
      fc.property(xuParams({ mnMax: 30 }), (params) => {
        const su = xuSetup(params);
        const { A } = lowRankMatrix(params.seed, params.m, params.n, spectrum(params.profile, params.r, params.kappa, params.scale));
        const APhi = gemm(zeros(params.m, params.d), A, gaussianMatrix(params.seed, 'Phi', params.n, params.d, 1 / params.d));
        const s = svd(APhi).s;
        const scaleAPhi = frobNorm(APhi);
        let diff = 0;
        for (let i = 0; i < APhi.data.length; i++) diff = Math.max(diff, Math.abs(su.APhi.data[i] - APhi.data[i]));
        let diffA = 0;
        for (let i = 0; i < A.data.length; i++) diffA = Math.max(diffA, Math.abs(su.A.data[i] - A.data[i]));
        return (
          su.rank === numericalRank(s, params.m, params.d) &&
          su.s.slice(0, params.r).every((v, i) => Math.abs(v - s[i]) <= 1e-13 * s[0]) &&
          diff <= 1e-13 * scaleAPhi &&
          diffA === 0 &&
          Math.abs(su.normA - frobNorm(A)) <= 1e-14 * su.normA &&
          su.basisDefect < 1e-14
        );
      }),
      { seed: SEED, numRuns: 30 },
    );
  });

  // The two paths round differently (a basis change), so their difference is a few ulps of ‖A‖_F at every t:
  // relative agreement is asked for down to the floor 1e-13‖A‖_F, absolute below it.
  it('the exact reduced path agrees with the dense one to 1e-9 relative above the roundoff floor', () => {
    fc.assert(
      fc.property(xuParams({ mnMax: 30 }), (params) => {
        const dense = trajectory(params, true, 80);
        const reduced = trajectory(params, false, 80);
        const normA = frobNorm(xuSetup(params).A);
        for (let t = 0; t < dense.length; t++) {
          const err = Math.abs(dense[t].residualNorm - reduced[t].residualNorm);
          if (!(err <= 1e-9 * dense[t].residualNorm + 1e-13 * normA)) return false;
        }
        return true;
      }),
      { seed: SEED, numRuns: 20 },
    );
  });

  it('the same parameters rebuild bit-identical instances and trajectories', () => {
    const params: XuParams = { m: 12, n: 9, r: 3, d: 5, kappa: 7, profile: 'top', scale: 2, cMultiplier: 1.5, seed: 99 };
    expect(Array.from(xuSetup(params).APhi.data)).toEqual(Array.from(xuSetup(structuredClone(params)).APhi.data));
    expect(trajectory(params, false, 50)).toEqual(trajectory(JSON.parse(JSON.stringify(params)), false, 50));
  });

  it('a refuted variant’s saved counterexample replays to the same violation', () => {
    for (const id of ['xu2024-mf.thm2-momentum-dropped', 'xu2024-mf.thm1-no-hypothesis']) {
      const claim = claims.find((c) => c.id === id)!;
      const result = verifyClaim(claim, { runs: RUNS, seed: SEED });
      const file = counterexampleFile(buildEntry(claim, result, '/tmp/unused'), false)!;
      const roundTripped = JSON.parse(JSON.stringify(file));
      const outcome = replayCounterexample(claim, roundTripped);
      expect(outcome.reproduced, `${id}, seed ${SEED}: ${outcome.message}`).toBe(true);
      expect(checkInstance(claim, roundTripped.params, { maxIterations: file.maxIterations, dense: true }).firstViolation?.iteration).toBe(file.violation.iteration);
    }
  });
});

describe('the near-miss variants of Theorems 1 and 2', () => {
  // a near miss must be caught by the trajectory, above the floor, on instances where the true claim holds
  const cases = [
    { name: 'Theorem 1, exponent 2.05t', base: thm1Core, nearMiss: thm1CoreNearMiss, examples: lowConditionExamples },
    { name: 'Theorem 2, growth factor dropped', base: thm2Core, nearMiss: thm2CoreNearMiss, examples: growthExamples },
  ];
  for (const { name, base, nearMiss, examples } of cases) {
    it(`${name}: each example holds for the true claim and violates the variant above the floor`, () => {
      for (const p of examples) {
        const truth = checkInstance(base, p, { maxIterations: 20_000 });
        expect(truth.hypothesesMet, JSON.stringify(p)).toBe(true);
        expect(truth.firstViolation, JSON.stringify(p)).toBeUndefined();
        const v = checkInstance(nearMiss, p, { maxIterations: 20_000 }).firstViolation!;
        expect(v, JSON.stringify(p)).toBeDefined();
        expect(v.iteration).toBeGreaterThan(0);
        expect(v.bound).toBeGreaterThan(RESIDUAL_FLOOR * xuSetup(p).normA);
      }
    });
  }

  it('Theorem 1’s examples are the low-condition instances (cond(X₀) ≤ 2.5) where the gap of Lemma 2 is widest', () => {
    for (const p of lowConditionExamples) expect(spectrumAt(xuSetup(p), 1).cond).toBeLessThanOrEqual(2.5);
  });
});
