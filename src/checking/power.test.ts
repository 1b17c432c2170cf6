import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { analysePower, percent, powerLines, powerProblem, powerSummary } from './power.ts';
import { atMost, defineClaim, type Claim } from '../claims/types.ts';
import { raisedRate, strengthenedBound } from '../claims/variants.ts';
import { checkInstance } from './instance.ts';

interface P {
  q: number;
  horizon: number;
}

/**
 * x_t = q^t against C·q^t (declared rate q) with the hypothesis q ≤ 0.8; the bound is computed with
 * min(q, 0.8), so dropping the hypothesis lets instances with q > 0.8 violate it.
 */
function toy(prefactor: number, o: { rate?: boolean; expected?: Claim<P>['expected'] } = {}): Claim<P> {
  return defineClaim<P>({
    id: 'toy.power',
    statement: `x_t ≤ ${prefactor} q^t`,
    source: { paper: 'Toy', theorem: 't', url: 'u', confidence: 'D' },
    kind: 'bound-for-all-t',
    expected: o.expected ?? 'holds',
    params: fc.record({ q: fc.integer({ min: 1, max: 19 }).map((k) => k / 20), horizon: fc.integer({ min: 1, max: 30 }) }),
    examples: [{ q: 0.5, horizon: 20 }],
    instantiate: (p) => {
      const qb = Math.min(p.q, 0.8);
      return {
        hypotheses: [atMost('q ≤ 0.8', p.q, 0.8), atMost('horizon ≤ 30', p.horizon, 30), atMost('horizon ≤ 25', p.horizon, 25)],
        derived: { q: p.q },
        bounds: [{ metric: 'x', relation: 'le', value: (t) => prefactor * qb ** t, floor: 1e-12, cite: 'c', ...(o.rate === false ? {} : { rate: qb }) }],
        run: (observe, maxIterations) => {
          let x = 1;
          for (let t = 0; t <= Math.min(p.horizon, maxIterations); t++) {
            if (!observe(t, { x })) return;
            x *= p.q;
          }
        },
      };
    },
  });
}

describe('analysePower', () => {
  it('finds a threshold near 0 for an exactly tight bound, on its scale and on its rate', () => {
    const r = analysePower(toy(1), { runs: 30, seed: 1 });
    expect(r.base.verdict).toBe('holds');
    const [bound, rate] = r.families;
    expect(bound.status).toBe('below-range');
    expect(bound.threshold).toBe(1e-4);
    // the rate mutant value(t)·q^{εt} is first violated at t = 1, where it needs q^ε < 1: any ε
    expect(rate.status).toBe('below-range');
    const h = r.hypotheses.find((x) => x.hypothesis === 'q ≤ 0.8')!;
    expect(h.refuted).toBe(true);
    expect(h.failedOn).toBeGreaterThan(0);
    expect(powerLines(r).join('\n')).toMatch(/detection threshold: at most 0\.010% on the bound/);
    // met by every instance: not run; failed by some, but harmless when dropped: not detected
    expect(r.hypotheses.find((x) => x.hypothesis === 'horizon ≤ 30')).toMatchObject({ skipped: true, failedOn: 0, refuted: false });
    expect(r.hypotheses.find((x) => x.hypothesis === 'horizon ≤ 25')).toMatchObject({ verdict: 'holds', refuted: false });
    expect(powerLines(r).join('\n')).toMatch(/without 'horizon ≤ 30': not exercised/);
    expect(powerLines(r).join('\n')).toMatch(/without 'horizon ≤ 25': holds, not detected \(\d+ of the claim's instances fail it\)/);
    expect(powerSummary(r)).toBe('bound ≤0.010%; rate ≤0.010%; 1 of 2 hypotheses dropped refuted');
  });

  it('brackets the threshold of a bound with slack: C = 1.25 needs ε > 20%', () => {
    const r = analysePower(toy(1.25, { rate: false }), { runs: 30, seed: 1, hypotheses: false });
    const bound = r.families[0];
    expect(bound.status).toBe('found');
    // 1.25(1 − ε) < 1 exactly when ε > 0.2, and the example violates at t = 0
    expect(bound.threshold!).toBeGreaterThan(0.2);
    expect(bound.heldAt!).toBeLessThanOrEqual(0.2);
    expect(bound.threshold! / bound.heldAt!).toBeLessThanOrEqual(1.25);
    expect(r.families[1].status).toBe('not-applicable');
    expect(r.hypotheses).toEqual([]);
    expect(powerLines(r).join('\n')).toMatch(/detection threshold: 2\d(\.\d)?% on the bound \(refuted at/);
  });

  it('flags a claim with no finite threshold in range', () => {
    const r = analysePower(toy(3, { rate: false }), { runs: 20, seed: 1, hypotheses: false });
    expect(r.families[0]).toMatchObject({ status: 'none', threshold: null, heldAt: 0.5 });
    expect(powerLines(r).join('\n')).toMatch(/NONE found up to 50%/);
    expect(powerSummary(r)).toBe('bound >50% (none)');
  });

  it('does not analyse a claim that does not hold, and refuses false variants and bad ranges', () => {
    expect(powerProblem(toy(1, { expected: 'refuted' }))).toMatch(/expected to be refuted/);
    expect(() => analysePower(toy(1, { expected: 'refuted' }))).toThrow(RangeError);
    expect(() => analysePower(toy(1), { minEpsilon: 0.6 })).toThrow(/minEpsilon/);
    expect(() => analysePower(toy(1), { precision: 1 })).toThrow(/precision/);
    const failing = analysePower(toy(0.9), { runs: 10, seed: 1 });
    expect(failing.base.verdict).toBe('refuted');
    expect(failing.families).toEqual([]);
    expect(powerLines(failing).join('\n')).toMatch(/not analysed/);
    expect(powerSummary(failing)).toBe('not analysed (refuted)');
  });

  it('stops at its time limit and says so', () => {
    const r = analysePower(toy(1), { runs: 10, seed: 1, timeLimitMs: 0 });
    expect(r.cut).toBe(true);
    expect(r.base.verdict).toBe('inconclusive');
    expect(percent(0.019)).toBe('1.9%');
    expect(percent(0.5)).toBe('50%');
    expect(percent(0.00012)).toBe('0.012%');
  });
});

describe('mutation transforms', () => {
  it('strengthen upper and lower bounds, and raise a declared rate', () => {
    const base = toy(1);
    const up = strengthenedBound(base, 0.1, { id: 'm.up', statement: 's', falseBecause: 'f' });
    expect(up.instantiate({ q: 0.5, horizon: 3 }, { maxIterations: 5 }).bounds[0].value(0, {})).toBeCloseTo(0.9, 15);
    const lower = { ...base, instantiate: (p: P, o: { maxIterations: number }) => { const t = base.instantiate(p, o); return { ...t, bounds: t.bounds.map((b) => ({ ...b, relation: 'ge' as const })) }; } };
    expect(strengthenedBound(lower, 0.1, { id: 'm.lo', statement: 's', falseBecause: 'f' }).instantiate({ q: 0.5, horizon: 3 }, { maxIterations: 5 }).bounds[0].value(0, {})).toBeCloseTo(1.1, 15);
    const faster = raisedRate(base, 1, { id: 'm.rate', statement: 's', falseBecause: 'f' }).instantiate({ q: 0.5, horizon: 3 }, { maxIterations: 5 }).bounds[0];
    expect(faster.value(3, {})).toBeCloseTo(0.5 ** 6, 15);
    expect(faster.rate).toBeCloseTo(0.25, 15);
    const slower = raisedRate(lower, 1, { id: 'm.rate-lo', statement: 's', falseBecause: 'f' }).instantiate({ q: 0.5, horizon: 3 }, { maxIterations: 5 }).bounds[0];
    expect(slower.value(3, {})).toBeCloseTo(1, 15);
    expect(() => strengthenedBound(base, 1, { id: 'm.bad', statement: 's', falseBecause: 'f' })).toThrow(RangeError);
    expect(() => raisedRate(base, 0, { id: 'm.bad', statement: 's', falseBecause: 'f' })).toThrow(RangeError);
    const noRate = raisedRate(toy(1, { rate: false }), 0.1, { id: 'm.none', statement: 's', falseBecause: 'f' });
    expect(() => checkInstance(noRate, { q: 0.5, horizon: 3 }, { maxIterations: 5 })).toThrow(/declares no rate/);
  });
});
