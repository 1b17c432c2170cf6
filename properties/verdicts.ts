/**
 * One vitest case per claim: verify it with a pinned seed and assert the catalog's expected verdict
 * (printing the seed, the reason and any counterexample on failure). True per-instance claims must also
 * meet their hypotheses on every generated instance and stay within `ratioSlack` of their bound;
 * false variants must come with a counterexample.
 */
import { describe, expect, it } from 'vitest';
import { verifyClaim } from '../src/checking/runner.ts';
import type { Claim } from '../src/claims/types.ts';

export function verdictTests(title: string, claims: readonly Claim<any>[], o: { seed: number; runs: number; ratioSlack?: number }): void {
  describe(title, () => {
    for (const claim of claims as Claim<unknown>[]) {
      it(`${claim.id} is ${claim.expected}`, () => {
        const r = verifyClaim(claim, { runs: o.runs, seed: o.seed });
        const detail =
          `seed ${o.seed}, runs ${o.runs}: ${r.verdict}${r.reason ? ` (${r.reason})` : ''}` +
          (r.counterexample ? ` at ${JSON.stringify(r.counterexample.params)}, t = ${r.counterexample.violation.iteration}` : '');
        expect(r.verdict, detail).toBe(claim.expected);
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
