import { describe, expect, it } from 'vitest';
import { analyzeBatchSizes, bApprox, bTrue, criticalBatch, criticalBatchBisection, halfGapEpsilon, kStar, rateTable, sweepBatchSizes } from './batch-size.ts';
import { bcwParameters, buildLeastSquares, eigenvalueProfile, SecondMomentOperator } from 'ratecheck';

describe('the reference implementation’s thresholds', () => {
  it('reproduce the reference implementation’s values (linear spectrum on [1, κ], d = 100, ε = 1e-6, c = 2)', () => {
    const rows: [number, number, number, number, number][] = [
      // κ, k*, B_true, B_approx, κ̄/√κ
      [10, 35.5, 4.7e7, 2.3e5, 174],
      [100, 119, 9.4e8, 6.6e5, 505],
      [1000, 402, 2.5e10, 2.1e6, 1583],
    ];
    for (const [kappa, k, bt, ba, icr] of rows) {
      const lambda = eigenvalueProfile('linear', 100, kappa);
      const p = bcwParameters(lambda);
      const ks = kStar(1e-6, p.kappaCAtMin, p.momentum);
      expect(ks).toBeCloseTo(k, 0);
      expect(bTrue(ks, p.stepSize, p.momentum, lambda, p.kappaCAtMin) / bt).toBeCloseTo(1, 1);
      expect(bApprox(p.stepSize, p.momentum, lambda) / ba).toBeCloseTo(1, 1);
      const trace = lambda.reduce((s, v) => s + v, 0);
      expect(trace / Math.sqrt(kappa)).toBeCloseTo(icr, -1);
    }
  });

  it('k* = where √2 κ_C β^{k/2} = ε, and bad inputs are RangeErrors', () => {
    const k = kStar(1e-3, 5, 0.5);
    expect(Math.SQRT2 * 5 * Math.pow(0.5, k / 2)).toBeCloseTo(1e-3, 12);
    expect(() => kStar(0, 5, 0.5)).toThrow(/accuracy/);
    expect(() => kStar(1e-3, 5, 0)).toThrow(/momentum/);
    expect(() => kStar(1e-3, Infinity, 0.5)).toThrow(/κ_C/);
    expect(() => bTrue(1, 0.1, 0.5, [1, 2], 2)).toThrow(/k\* > 1/);
    expect(() => bApprox(0.1, 1, [1, 2])).toThrow(/momentum/);
  });
});

describe('measured critical batch sizes', () => {
  const problem = buildLeastSquares({ n: 40, d: 4, conditionNumber: 100, spectrum: 'linear', rowNorms: 'spread', seed: 1 });
  const p = bcwParameters(problem.eigenvalues);
  const op = new SecondMomentOperator(problem, { stepSize: p.stepSize, momentum: p.momentum, sampling: 'row-norm' });

  it('B_crit by the reduction equals the bisection on B with the exact ρ_msq', () => {
    for (const target of [1, (1 + halfGapEpsilon(p.rate)) ** 2 * p.momentum]) {
      const c = criticalBatch(op, target);
      expect(criticalBatchBisection(op, target)).toBe(c.batch);
      expect(criticalBatchBisection(op, target, 2 * c.batch)).toBe(c.batch);
    }
    expect(() => criticalBatch(op, p.momentum)).toThrow(/no batch reaches/);
    expect(() => criticalBatchBisection(op, 0.9, 1)).toThrow(/exceeds the target/);
    expect(criticalBatchBisection(op, 1e6)).toBe(1);
  });

  it('the analysis: the threshold is real and sits well below B_approx and B_true at κ = 100', () => {
    const a = analyzeBatchSizes(problem);
    expect(a.bStable.batch).toBeGreaterThan(1);
    expect(a.bStable.batch).toBeLessThan(a.bCrit.batch);
    expect(a.bCrit.batch).toBeGreaterThan(a.icr); // well above κ̄/√κ
    expect(a.ratios.bApproxOverBCrit).toBeGreaterThan(3);
    expect(a.ratios.bTrueOverBCrit).toBeGreaterThan(1000);
    expect(a.epsilon).toBeCloseTo(halfGapEpsilon(p.rate), 15);
    expect(Math.sqrt(a.targetRate)).toBeCloseTo(1 - (1 - p.rate) / 2, 12);
    const u = analyzeBatchSizes(problem, { sampling: 'uniform', epsilon: 0.05, accuracy: 1e-3 });
    expect(u.bCrit.batch).toBeGreaterThan(a.bCrit.batch * 0.99); // spread rows: uniform sampling costs more (η > 1)
    expect(() => analyzeBatchSizes(problem, { epsilon: -1 })).toThrow(/ε must be positive/);
  });

  it('rate table: ρ_msq non-increasing in B, √ρ/√β → 1', () => {
    const rows = rateTable(problem, [1, 16, 256, 4096, 2 ** 30]);
    for (let i = 1; i < rows.length; i++) expect(rows[i].radius).toBeLessThanOrEqual(rows[i - 1].radius);
    expect(rows[rows.length - 1].rateOverDeterministic).toBeCloseTo(1, 6);
  });

  it('at κ = 10⁴ the exact stability threshold exceeds B_approx (finding)', () => {
    const big = buildLeastSquares({ n: 40, d: 4, conditionNumber: 1e4, spectrum: 'linear', rowNorms: 'uniform', seed: 1 });
    const a = analyzeBatchSizes(big);
    expect(a.bApprox).toBeLessThan(a.bStable.real);
    expect(a.bTrue).toBeGreaterThan(a.bCrit.real);
  });
});

describe('the sweep', () => {
  it('fits the exponent against κ̄/√κ and κ̄√κ with t-intervals', () => {
    const s = sweepBatchSizes({ conditionNumbers: [10, 100, 1000], dimensions: [4, 6], rowsPerColumn: 5 });
    expect(s.rows.length).toBe(6);
    expect(s.fits.length).toBe(4);
    const icr = s.fits.find((f) => f.driver === 'icr' && f.response === 'bCrit')!;
    expect(icr.fit.slopeInterval.lower).toBeGreaterThan(1); // grows much faster than κ̄/√κ
    expect(icr.consistentWithOne).toBe(false);
    const bt = s.fits.find((f) => f.driver === 'demmelTimesSqrtKappa' && f.response === 'bCrit')!;
    expect(Math.abs(bt.fit.slope - 1)).toBeLessThan(0.15);
    expect(s.kappaExponents.every((k) => k.fit !== null && k.fit.slope > 1.2)).toBe(true);
    const one = sweepBatchSizes({ conditionNumbers: [10], dimensions: [4], rowsPerColumn: 5 });
    expect(one.fits.length).toBe(0);
    expect(one.kappaExponents[0].fit).toBeNull();
    expect(() => sweepBatchSizes({ conditionNumbers: [], dimensions: [4] })).toThrow(RangeError);
  });
});
