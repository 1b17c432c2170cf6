/**
 * One vitest case per claim, through ratecheck/vitest: verify it with a pinned seed and assert the
 * catalog's expected verdict (the assertion prints the seed, the reason, any shrunk counterexample and
 * a replay command on failure). True per-instance claims must also meet their hypotheses on every
 * generated instance and stay within `ratioSlack` of their bound; false variants must come with a
 * counterexample.
 */
import { describe, expect, it } from 'vitest';
import { describeResult, expectClaim } from '../src/vitest.ts';
import type { Claim } from '../src/claims/types.ts';

export function verdictTests(title: string, claims: readonly Claim<any>[], o: { seed: number; runs: number; ratioSlack?: number }): void {
  describe(title, () => {
    for (const claim of claims as Claim<unknown>[]) {
      it(`${claim.id} is ${claim.expected}`, () => {
        const r = expectClaim(claim, { runs: o.runs, seed: o.seed }).toBeAsExpected();
        const detail = describeResult(claim, r, o.seed);
        if (claim.expected === 'holds' && !claim.aggregate) {
          // generators meet the hypotheses by construction; a bound that holds has observed/bound ≤ 1 (+ its tolerance)
          expect(r.hypothesesMet, detail).toBe(r.instances);
          expect(r.maxRatio!, detail).toBeLessThanOrEqual(1 + (o.ratioSlack ?? 1e-9));
        } else if (claim.expected === 'refuted') {
          expect(r.counterexample, detail).toBeDefined();
        }
      });
    }
  });
}
