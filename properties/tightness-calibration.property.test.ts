/**
 * The tightness search calibrated on exactly known tight results (theorems/classical-gd, classical-nesterov):
 * GD's per-step factor on smooth strongly convex functions and the Drori–Teboulle Huber instance are
 * attained exactly (ratio ≥ 0.999), Nesterov's μ-mode reaches about 0.7 of its bound at κ = 100, and
 * Xu et al.'s Theorem 1 shows the observed contraction exponent at twice the claimed one. Budgets are
 * counted in evaluations, not seconds, so the results do not depend on the machine's speed.
 */
import { describe, expect, it } from 'vitest';
import { contractionOf, tighten } from '../src/checking/tighten.ts';
import { paperSetup } from '../theorems/xu2024/mf-setup.ts';
import { checkInstance } from '../src/checking/instance.ts';
import { catalog } from '../theorems/index.ts';
import { catalogClaims } from '../src/catalog.ts';
import { muMode } from '../theorems/classical-nesterov/setup.ts';

const SEED = 17;
const claim = (id: string) => {
  const c = catalogClaims(catalog).find((x) => x.id === id);
  if (!c) throw new Error(`no claim ${id}`);
  return c;
};

describe('tighten on exactly tight calibration claims', () => {
  for (const id of ['classical-gd.drori-teboulle-huber', 'classical-gd.strongly-convex-distance', 'classical-gd.optimal-step-exact']) {
    it(`${id} reaches a ratio of at least 0.999`, () => {
      const r = tighten(claim(id), { budgetMs: 600_000, maxEvaluations: 300, seed: SEED });
      expect(r.ratio, `seed ${SEED}: ${JSON.stringify(r.params)}`).toBeGreaterThanOrEqual(0.999);
      expect(r.ratio).toBeLessThanOrEqual(1 + 1e-6);
    });
  }

  it("Nesterov's μ-mode reaches about 0.7 of the strongly convex bound at κ = 100", () => {
    const res = checkInstance(claim('classical-nesterov.strongly-convex-bound'), muMode(100), { maxIterations: 2000 });
    expect(res.hypothesesMet).toBe(true);
    expect(res.maxRatio).toBeGreaterThan(0.69);
    expect(res.maxRatio).toBeLessThan(0.71);
  });

  it("Xu et al.'s Theorem 1: GD contracts at twice the claimed exponent", () => {
    // the paper's set-up at d = 80 runs to the roundoff floor: its asymptotic slope is fitted
    const c = contractionOf(claim('xu2024-mf.thm1-core'), paperSetup(80), 20_000)!;
    expect(c.exponentRatio).toBeGreaterThan(1.9);
    expect(c.exponentRatio).toBeLessThan(2.1);
    const r = tighten(claim('xu2024-mf.thm1-core'), { budgetMs: 600_000, maxEvaluations: 150, seed: SEED });
    expect(r.medianExponentRatio!, `seed ${SEED}`).toBeGreaterThan(1.8);
    expect(r.medianExponentRatio!).toBeLessThan(2.2);
    expect(r.ratio).toBeLessThan(1);
  });
});
