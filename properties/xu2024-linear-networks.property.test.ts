/**
 * The two-layer linear-network claims of Xu et al. 2024 (Section 4) with pinned seeds: every verdict as
 * expected (true claims hold, false variants are refuted, the bad-input claims are vacuous), plus the
 * engine properties the claims rely on: reduced = dense, bit-identical rebuilds, replay of a saved
 * counterexample, and the hidden-constant measurement.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { linearNetworks } from '../theorems/xu2024/linear-networks.ts';
import { HIDDEN_CONSTANT } from '../theorems/xu2024/network-iterations.ts';
import { networkParams, netContext } from '../theorems/xu2024/network-trial.ts';
import { verifyClaim } from '../src/checking/runner.ts';
import { checkInstance } from '../src/checking/instance.ts';
import { replayCounterexample } from '../src/checking/replay.ts';
import { buildEntry, counterexampleFile } from '../src/reporting/report.ts';
import { reduceNetwork, runLinearNetwork, type NetworkParams } from '../src/problems/linear-network.ts';
import type { FactorizationMetrics } from '../src/methods/factorization.ts';

const claims = linearNetworks.claims;
const SEED = 11;
const RUNS = 20;

describe('xu2024-nn catalog', () => {
  for (const claim of claims) {
    it(`${claim.id} is ${claim.expected}`, () => {
      const r = verifyClaim(claim, { runs: RUNS, seed: SEED });
      const detail = `seed ${SEED}, runs ${RUNS}: ${r.verdict}${r.reason ? ` (${r.reason})` : ''}${r.counterexample ? ` at ${JSON.stringify(r.counterexample.params)}` : ''}`;
      expect(r.verdict, detail).toBe(claim.expected);
      // a with-probability claim may fail on some draws (its test is on their frequency)
      if (claim.expected === 'holds' && !claim.aggregate) expect(r.maxRatio!, detail).toBeLessThanOrEqual(1);
      if (claim.expected === 'refuted') expect(r.counterexample, detail).toBeDefined();
    });
  }
});

function trajectory(params: NetworkParams, dense: boolean, T: number): FactorizationMetrics[] {
  const ctx = netContext(params, 'unbalanced');
  const target = dense ? ctx.problem : reduceNetwork(ctx.su, ctx.problem, ctx.su.UL)!;
  const out: FactorizationMetrics[] = [];
  runLinearNetwork(target, { method: 'nag', stepSize: ctx.q.stepSize, momentum: ctx.q.momentum }, (_t, m) => {
    out.push({ ...(m as FactorizationMetrics) });
    return true;
  }, T);
  return out;
}

describe('engine properties on the xu2024-nn instances', () => {
  // The two paths round differently (a basis change): relative agreement down to 1e-13‖L‖_F, absolute below.
  it('the exact reduced path agrees with the dense one to 1e-9 relative above the roundoff floor', () => {
    fc.assert(
      fc.property(networkParams(), (params) => {
        const dense = trajectory(params, true, 80);
        const reduced = trajectory(params, false, 80);
        const normL = netContext(params, 'unbalanced').su.normL;
        for (let t = 0; t < dense.length; t++) {
          const err = Math.abs(dense[t].residualNorm - reduced[t].residualNorm);
          if (!(err <= 1e-9 * dense[t].residualNorm + 1e-13 * normL)) return false;
        }
        return true;
      }),
      { seed: SEED, numRuns: 20 },
    );
  });

  it('the same parameters rebuild bit-identical trajectories', () => {
    const params: NetworkParams = { m: 8, n: 7, N: 9, rankD: 5, r: 3, d: 4, condD: 7, profile: 'top', scaleD: 2, dataV: 'gaussian', labels: 'conditioned', condA: 2, cMultiplier: 1.5, seed: 99 };
    expect(trajectory(params, false, 50)).toEqual(trajectory(JSON.parse(JSON.stringify(params)), false, 50));
  });

  it('a refuted variant’s saved counterexample replays to the same violation', () => {
    for (const id of ['xu2024-nn.thm3-no-hypothesis', 'xu2024-nn.width-rank-minus-one', 'xu2024-nn.cor2-without-data']) {
      const claim = claims.find((c) => c.id === id)!;
      const result = verifyClaim(claim, { runs: RUNS, seed: SEED });
      const file = counterexampleFile(buildEntry(claim, result, '/tmp/unused'), false)!;
      const outcome = replayCounterexample(claim, JSON.parse(JSON.stringify(file)));
      expect(outcome.reproduced, `${id}, seed ${SEED}: ${outcome.message}`).toBe(true);
    }
  });

  it('the O(·) claims report the smallest working hidden constant, below the catalog value on true claims', () => {
    for (const id of ['xu2024-nn.cor1-iterations', 'xu2024-nn.cor2-iterations', 'xu2024-nn.cor3-iterations', 'xu2024-nn.remark3-gd-iterations']) {
      const claim = claims.find((c) => c.id === id)!;
      const samples = fc.sample(claim.params, { seed: SEED, numRuns: 6 });
      for (const p of samples) {
        const res = checkInstance(claim, p, { maxIterations: claim.maxIterations ?? 8000 });
        if (!res.hypothesesMet) continue;
        const K = res.derived.smallestConstant;
        expect(K, `${id}, seed ${SEED}, ${JSON.stringify(p)}`).toBeGreaterThanOrEqual(0);
        expect(K, `${id}, seed ${SEED}, ${JSON.stringify(p)}`).toBeLessThanOrEqual(HIDDEN_CONSTANT);
        expect(res.measurements.smallestConstant).toBe(K);
        expect(res.measurements.E).toBeGreaterThan(0);
      }
    }
  });

  it('the dense run (--dense) gives the same verdicts', () => {
    for (const id of ['xu2024-nn.thm3-unbalanced', 'xu2024-nn.thm3-width-below-rank', 'xu2024-nn.cor2-iterations']) {
      const claim = claims.find((c) => c.id === id)!;
      const r = verifyClaim(claim, { runs: 8, seed: SEED, dense: true });
      expect(r.verdict, `${id}, seed ${SEED}, dense`).toBe(claim.expected);
    }
  });
});
