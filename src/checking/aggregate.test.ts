import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { poissonBinomialTail } from './aggregate.ts';
import { verifyClaim } from './runner.ts';
import { replayCounterexample } from './replay.ts';
import { buildEntry, counterexampleFile } from '../reporting/report.ts';
import { defineClaim, type Aggregate } from '../claims/types.ts';
import { binomialCdf } from '../claims/statistics.ts';
import { Rng } from '../random/rng.ts';

const source = { paper: 'p', theorem: 't', url: 'u', confidence: 'D' as const };

/** An event of probability q per draw (a uniform below q), claimed to have probability at most delta. */
function coin(q: number, delta: number) {
  return defineClaim<{ seed: number }>({
    id: `test.coin-${q}-${delta}`,
    statement: 'coin',
    source,
    kind: 'with-probability',
    expected: 'holds',
    params: fc.record({ seed: fc.integer({ min: 0, max: 1e9 }) }),
    aggregate: { kind: 'probability', failureProbability: () => delta },
    instantiate: (p) => {
      const u = new Rng(p.seed, 'coin').uniform();
      return {
        hypotheses: [],
        derived: {},
        bounds: [{ metric: 'u', relation: 'ge', value: () => q, floor: 0, cite: 'u ≥ q' }],
        run: (observe) => {
          observe(0, { u });
        },
      };
    },
  });
}

/** T = K·κ^e (+ noise) for κ log-uniform: the fitted exponent must recover e. */
function growth(exponent: number, claimed: number, reach = true) {
  const aggregate: Aggregate<{ kappa: number; seed: number }> = { kind: 'exponent', response: 'T', driver: 'kappa', claimedExponent: claimed, complexity: 'complexity' };
  return defineClaim<{ kappa: number; seed: number }>({
    id: `test.growth-${exponent}-${claimed}`,
    statement: 'growth',
    source,
    kind: 'asymptotic',
    expected: 'holds',
    params: fc.record({ kappa: fc.integer({ min: 0, max: 40 }).map((k) => 2 ** (k / 5)), seed: fc.integer({ min: 0, max: 1e9 }) }),
    aggregate,
    instantiate: (p) => {
      const noise = Math.exp(0.05 * new Rng(p.seed, 'noise').gaussian());
      return {
        hypotheses: [],
        derived: { kappa: p.kappa, complexity: p.kappa ** claimed },
        bounds: [],
        run: () => {},
        measure: () => ({ T: reach ? 3 * p.kappa ** exponent * noise : Infinity }),
      };
    },
  });
}

describe('aggregate claims', () => {
  it('poissonBinomialTail matches the binomial tail for equal probabilities', () => {
    const deltas = Array(30).fill(0.2);
    for (const k of [0, 3, 6, 12, 31]) {
      const want = k <= 0 ? 1 : 1 - binomialCdf(k - 1, 30, 0.2);
      expect(poissonBinomialTail(deltas, k)).toBeCloseTo(want, 12);
    }
    expect(() => poissonBinomialTail([1.5], 1)).toThrow(RangeError);
  });

  it('a failure rate within the allowed probability holds; a much larger one is refuted and replays', () => {
    const ok = verifyClaim(coin(0.05, 0.1), { runs: 200, seed: 3 });
    expect(ok.verdict).toBe('holds');
    const bad = verifyClaim(coin(0.5, 0.1), { runs: 200, seed: 3 });
    expect(bad.verdict).toBe('refuted');
    expect((bad.statistics as { pValue: number }).pValue).toBeLessThan(1e-3);
    expect(bad.counterexample?.aggregate?.statistic).toBe('pValue');
    const claim = coin(0.5, 0.1);
    const file = JSON.parse(JSON.stringify(counterexampleFile(buildEntry(claim, bad, '/tmp/x'), false)));
    expect(replayCounterexample(claim, file).reproduced).toBe(true);
  });

  it('recovers a growth exponent: holds at the claimed one, refuted below it, reports the smallest constant', () => {
    const holds = verifyClaim(growth(2, 2), { runs: 40, seed: 5 });
    expect(holds.verdict).toBe('holds');
    const st = holds.statistics as { fittedExponent: number; smallestConstant: number };
    expect(Math.abs(st.fittedExponent - 2)).toBeLessThan(0.05);
    expect(st.smallestConstant).toBeGreaterThan(2.5);
    expect(st.smallestConstant).toBeLessThan(3.6);
    expect(verifyClaim(growth(2, 1), { runs: 40, seed: 5 }).verdict).toBe('refuted');
  });

  it('is inconclusive when the targets are not reached, and when the time runs out', () => {
    expect(verifyClaim(growth(2, 2, false), { runs: 10, seed: 5 }).verdict).toBe('inconclusive');
    expect(verifyClaim(growth(2, 2), { runs: 10, seed: 5, timeLimitMs: 0 }).verdict).toBe('inconclusive');
  });
});
