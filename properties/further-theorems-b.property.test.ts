/**
 * Further theorems, part b: Shamir 2019 (depth in deep scalar networks), Yun–Sra–Jadbabaie Lemma 3
 * (projected GD on equality-constrained QPs) and the phase-retrieval results of Chi–Lu–Chen, with pinned
 * seeds: every verdict as expected, plus the engine properties the claims rely on (reduced = dense,
 * the exact bracket and oracle, bit-identical rebuilds, replay of saved counterexamples).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Matrix } from 'ml-matrix';
import { claims as shamir } from '../theorems/shamir2019-deep-scalar/index.ts';
import { balancedBracket, balancedParams, balancedStudy, peakValue } from '../theorems/shamir2019-deep-scalar/setup.ts';
import { medianStudy } from '../theorems/shamir2019-deep-scalar/median-growth.ts';
import { negMeanLogProduct } from '../theorems/shamir2019-deep-scalar/init-log-product.ts';
import { claims as yun } from '../theorems/yun2019-projected-gd/index.ts';
import { buildYun, lemma3Params, oracleType, type YunParams } from '../theorems/yun2019-projected-gd/setup.ts';
import { runProjectedGd } from '../theorems/yun2019-projected-gd/lemma3.ts';
import { paper as chi2019 } from '../theorems/chi2019-phase-retrieval/index.ts';
import { phaseParams } from '../theorems/chi2019-phase-retrieval/setup.ts';
import { verifyClaim } from '../src/checking/runner.ts';
import { checkInstance } from '../src/checking/instance.ts';
import { replayCounterexample } from '../src/checking/replay.ts';
import { buildEntry, counterexampleFile } from '../src/reporting/report.ts';
import { balancedStepsToProduct } from '../src/methods/deep-scalar.ts';
import { phaseRetrievalProblem, sampleSize, spectralInit } from '../src/problems/phase-retrieval.ts';

const chi = chi2019.claims;
const SEED = 13;
const RUNS = 15;
/** The statistical study runs 135 GD trajectories per instance: fewer instances. */
const RUNS_BY_ID: Record<string, number> = { 'shamir2019.median-growth': 6, 'shamir2019.median-quadratic': 4 };

for (const [family, claims] of [['shamir2019', shamir], ['yun2019', yun], ['chi2019', chi]] as const) {
  describe(`${family} catalog`, () => {
    for (const claim of claims) {
      it(`${claim.id} is ${claim.expected}`, () => {
        const runs = RUNS_BY_ID[claim.id] ?? RUNS;
        const r = verifyClaim(claim, { runs, seed: SEED });
        const detail = `seed ${SEED}, runs ${runs}: ${r.verdict}${r.reason ? ` (${r.reason})` : ''}${r.counterexample ? ` at ${JSON.stringify(r.counterexample.params)}` : ''}`;
        expect(r.verdict, detail).toBe(claim.expected);
        if (claim.expected === 'holds') {
          expect(r.hypothesesMet, detail).toBeGreaterThanOrEqual(0.8 * r.instances);
          expect(r.maxRatio!, detail).toBeLessThanOrEqual(1 + 1e-6);
        }
        if (claim.expected === 'refuted') expect(r.counterexample, detail).toBeDefined();
      });
    }
  });
}

describe('engine properties: Shamir 2019', () => {
  it('the exact bracket lower ≤ N(k) ≤ upper holds on random (a, k, η), k-dimensional GD included', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 30, max: 80 }).map((v) => v / 100),
        fc.integer({ min: 3, max: 30 }),
        fc.integer({ min: 1, max: 100 }).map((v) => v / 1000),
        (a, k, eta) => {
          if (!(a < peakValue(k))) return true;
          const { lower, upper } = balancedBracket(a, k, eta);
          if (upper > 2e5) return true;
          const n = balancedStepsToProduct(a, k, { stepSize: eta }, 0.5, Math.ceil(upper) + 1);
          return lower <= n && n <= upper;
        },
      ),
      { seed: SEED, numRuns: 200 },
    );
  });

  it('the balanced study is the same on the scalar and the dense path, and deterministic', () => {
    fc.assert(
      fc.property(balancedParams, (p) => {
        const small = { ...p, stepSize: Math.max(p.stepSize, 0.05) };
        const reduced = balancedStudy(small);
        const dense = balancedStudy(small, true);
        return reduced.steps.every((n, j) => Math.abs(n - dense.steps[j]) <= 1) && JSON.stringify(balancedStudy(small)) === JSON.stringify(reduced);
      }),
      { seed: SEED, numRuns: 3 },
    );
  });

  it('the median study and the initial-product mean are bit-identical on a rebuild', () => {
    const p = { seed: 5, stepSize: 0.05 };
    expect(medianStudy(p, [4, 6, 8], 5)).toEqual(medianStudy({ ...p }, [4, 6, 8], 5));
    expect(negMeanLogProduct({ seed: 3, init: 'uniform', depth: 7 }, 100)).toBe(negMeanLogProduct({ seed: 3, init: 'uniform', depth: 7 }, 100));
  });
});

describe('engine properties: Yun–Sra–Jadbabaie Lemma 3', () => {
  it('the generator builds the type it is asked for, and Q stays indefinite when coupled', () => {
    fc.assert(
      fc.property(lemma3Params, (p) => {
        const inst = buildYun(p);
        return oracleType(inst.M.values[0], inst.normQ) === p.type;
      }),
      { seed: SEED, numRuns: 60 },
    );
  });

  it('projected GD on ℝᵖ has the growth factors of I − αZᵀQZ on null(A) (reduced = dense)', () => {
    fc.assert(
      fc.property(lemma3Params, (p: YunParams) => {
        const inst = buildYun(p);
        const M = inst.Z.transpose().mmul(new Matrix(Array.from({ length: inst.p }, (_, i) => Array.from(inst.Q.data.subarray(i * inst.p, (i + 1) * inst.p))))).mmul(inst.Z);
        let c = inst.Z.transpose().mmul(Matrix.columnVector(Array.from(inst.start)));
        c = c.div(c.norm());
        const step = Matrix.eye(M.rows).sub(M.clone().mul(inst.alpha));
        const reduced: number[] = [];
        for (let t = 0; t < 60; t++) {
          const next = step.mmul(c);
          const r = next.norm();
          reduced.push(r);
          c = next.div(r);
        }
        const dense: number[] = [];
        runProjectedGd(inst, inst.alpha, (_t, m) => {
          dense.push(m.growthFactor);
          return dense.length < 60 && m.decided === 0;
        }, 60);
        return dense.every((r, t) => Math.abs(r - reduced[t]) <= 1e-9 * Math.max(1, r));
      }),
      { seed: SEED, numRuns: 30 },
    );
  });

  it('rebuilds bit-identical instances', () => {
    const p: YunParams = { p: 9, q: 4, type: 'T3', lambda1: 0.1, gap: 0.2, coupling: 0.5, stepFraction: 0.5, seed: 77 };
    const a = buildYun(p), b = buildYun(JSON.parse(JSON.stringify(p)));
    expect(Array.from(a.Q.data)).toEqual(Array.from(b.Q.data));
    expect(Array.from(a.start)).toEqual(Array.from(b.start));
    expect(() => buildYun({ ...p, q: 9 })).toThrow(RangeError);
    expect(() => buildYun({ ...p, explicit: { Q: [[1]], A: [[1, 0]] } })).toThrow(RangeError);
  });
});

describe('engine properties: phase retrieval', () => {
  it('the same parameters rebuild bit-identical problems and spectral initializations', () => {
    fc.assert(
      fc.property(phaseParams, (p) => {
        const m = sampleSize(p.n, p.sampleConstant);
        const a = phaseRetrievalProblem(p.n, m, p.seed), b = phaseRetrievalProblem(p.n, m, p.seed);
        return a.y.every((v, j) => Object.is(v, b.y[j])) && spectralInit(a).every((v, i) => Object.is(v, spectralInit(b)[i]));
      }),
      { seed: SEED, numRuns: 5 },
    );
  });
});

describe('replay', () => {
  it('refuted variants’ saved counterexamples replay to the same violation', () => {
    const all = [...shamir, ...yun, ...chi];
    for (const id of ['shamir2019.balanced-slope-uncorrected', 'yun2019.any-step-size', 'chi2019.rank1-rate-below-third']) {
      const claim = all.find((c) => c.id === id)!;
      const result = verifyClaim(claim, { runs: RUNS, seed: SEED });
      const file = counterexampleFile(buildEntry(claim, result, '/tmp/unused'), false)!;
      const roundTripped = JSON.parse(JSON.stringify(file));
      const outcome = replayCounterexample(claim, roundTripped);
      expect(outcome.reproduced, `${id}, seed ${SEED}: ${outcome.message}`).toBe(true);
      expect(checkInstance(claim, roundTripped.params, { maxIterations: file.maxIterations, dense: true }).firstViolation?.iteration).toBe(file.violation.iteration);
    }
  });
});
