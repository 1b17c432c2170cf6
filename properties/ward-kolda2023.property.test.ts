/**
 * Ward & Kolda's AltGD claims with pinned seeds (every verdict as expected), and the engine property
 * their iteration counts rest on: the run on the exact reduction to span(U, X₀) x span(V, Y₀) gives the
 * dense residuals, for the set-up's Y₀ ≠ 0 outside row(A).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { verdictTests } from './verdicts.ts';
import { paper } from '../theorems/ward-kolda2023-altgd/index.ts';
import { wkSetup } from '../theorems/ward-kolda2023-altgd/setup.ts';
import { reduceToSpan } from '../src/problems/matrix-factorization.ts';
import { runFactorization } from '../src/methods/factorization.ts';
import { seedArb } from '../src/claims/arbitraries.ts';

const SEED = 11;

verdictTests('ward-kolda2023 catalog', paper.claims, { seed: SEED, runs: 25 });

describe('engine properties on the ward-kolda2023 instances', () => {
  it('AltGD on the span reduction agrees with the dense run to 1e-9 relative above the roundoff floor', () => {
    const instance = fc.integer({ min: 1, max: 4 }).chain((r) =>
      fc.record({ m: fc.integer({ min: r, max: 25 }), n: fc.integer({ min: r, max: 25 }), r: fc.constant(r), d: fc.integer({ min: r, max: 3 * r }), kappa: fc.double({ min: 1.5, max: 50, noNaN: true }), seed: seedArb() }),
    );
    fc.assert(
      fc.property(instance, (p) => {
        const s = wkSetup(p);
        const spec = { method: 'altgd' as const, stepSize: s.stepSize };
        const dense: number[] = [], reduced: number[] = [];
        runFactorization(s.problem, spec, (_t, m) => (dense.push(m.residualNorm), true), 60);
        runFactorization(reduceToSpan(s.U, s.sigma, s.V, s.problem.X0, s.problem.Y0).problem, spec, (_t, m) => (reduced.push(m.residualNorm), true), 60);
        expect(reduced).toHaveLength(dense.length);
        // the two paths round differently (a basis change): relative agreement down to 1e-13‖A‖_F
        return dense.every((v, t) => Math.abs(v - reduced[t]) <= 1e-9 * v + 1e-13 * s.normA);
      }),
      { seed: SEED, numRuns: 25 },
    );
  });
});
