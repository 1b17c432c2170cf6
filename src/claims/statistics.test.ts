import { describe, expect, it } from 'vitest';
import {
  betaQuantile,
  binomialCdf,
  clopperPearson,
  linearFit,
  logGamma,
  mean,
  meanInterval,
  meanStandardError,
  median,
  quantile,
  quantileInterval,
  regularizedIncompleteBeta,
  studentTCdf,
  studentTQuantile,
} from './statistics.ts';

describe('quantiles', () => {
  it('interpolates between order statistics (type 7)', () => {
    expect(quantile([3, 1, 2, 4], 0)).toBe(1);
    expect(quantile([3, 1, 2, 4], 1)).toBe(4);
    expect(quantile([3, 1, 2, 4], 0.5)).toBe(2.5);
    expect(quantile([1, 2, 3, 4, 5], 0.25)).toBe(2);
    expect(median([5, 1, 3])).toBe(3);
    expect(median([7])).toBe(7);
  });

  it('accepts censored (infinite) observations away from the interpolation point', () => {
    expect(median([1, 2, 3, Infinity, Infinity])).toBe(3);
    expect(median([1, Infinity, Infinity])).toBe(Infinity);
  });

  it('rejects empty samples, NaN and orders outside [0, 1]', () => {
    expect(() => quantile([], 0.5)).toThrow(RangeError);
    expect(() => quantile([1, NaN], 0.5)).toThrow(RangeError);
    expect(() => quantile([1, 2], 1.5)).toThrow(RangeError);
    expect(() => mean([])).toThrow(RangeError);
    expect(() => mean([1, Infinity])).toThrow(RangeError);
    expect(mean([1, 2, 6])).toBe(3);
  });
});

describe('special functions', () => {
  it('log Γ matches factorials and Γ(1/2) = √π', () => {
    for (let n = 1; n <= 20; n++) {
      let f = 1;
      for (let k = 2; k < n; k++) f *= k;
      expect(logGamma(n)).toBeCloseTo(Math.log(f), 10);
    }
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 12);
    expect(logGamma(0.1)).toBeCloseTo(2.252712651734206, 10);
    expect(() => logGamma(0)).toThrow(RangeError);
  });

  it('the incomplete beta has its closed forms', () => {
    // I_x(1, 1) = x; I_x(a, 1) = x^a; I_x(1, b) = 1 − (1 − x)^b
    for (const x of [0, 0.1, 0.5, 0.93, 1]) {
      expect(regularizedIncompleteBeta(x, 1, 1)).toBeCloseTo(x, 12);
      expect(regularizedIncompleteBeta(x, 3, 1)).toBeCloseTo(x ** 3, 12);
      expect(regularizedIncompleteBeta(x, 1, 4)).toBeCloseTo(1 - (1 - x) ** 4, 12);
    }
    // symmetry I_x(a, b) = 1 − I_{1−x}(b, a)
    expect(regularizedIncompleteBeta(0.3, 2.5, 7)).toBeCloseTo(1 - regularizedIncompleteBeta(0.7, 7, 2.5), 13);
    expect(() => regularizedIncompleteBeta(1.5, 1, 1)).toThrow(RangeError);
    expect(() => regularizedIncompleteBeta(0.5, 0, 1)).toThrow(RangeError);
  });

  it('beta quantiles invert the CDF', () => {
    for (const [a, b] of [[2, 3], [0.5, 0.5], [10, 1], [40, 60]]) {
      for (const p of [0.01, 0.3, 0.5, 0.99]) {
        const x = betaQuantile(p, a, b);
        expect(regularizedIncompleteBeta(x, a, b)).toBeCloseTo(p, 10);
      }
    }
    expect(betaQuantile(0, 2, 2)).toBe(0);
    expect(betaQuantile(1, 2, 2)).toBe(1);
    expect(() => betaQuantile(-0.1, 2, 2)).toThrow(RangeError);
  });

  it('Student t: tabulated quantiles and a symmetric CDF', () => {
    expect(studentTQuantile(0.975, 1)).toBeCloseTo(12.706204736, 6);
    expect(studentTQuantile(0.975, 2)).toBeCloseTo(4.30265273, 6);
    expect(studentTQuantile(0.975, 10)).toBeCloseTo(2.228138852, 7);
    expect(studentTQuantile(0.995, 30)).toBeCloseTo(2.749995652, 6);
    expect(studentTQuantile(0.025, 10)).toBeCloseTo(-2.228138852, 7);
    expect(studentTQuantile(0.5, 7)).toBe(0);
    expect(studentTCdf(0, 5)).toBeCloseTo(0.5, 14);
    expect(studentTCdf(2.228138852, 10)).toBeCloseTo(0.975, 8);
    expect(studentTCdf(-2.228138852, 10)).toBeCloseTo(0.025, 8);
    expect(studentTCdf(Infinity, 3)).toBe(1);
    expect(studentTCdf(-Infinity, 3)).toBe(0);
    expect(() => studentTCdf(NaN, 3)).toThrow(RangeError);
    expect(() => studentTCdf(1, 0)).toThrow(RangeError);
    expect(() => studentTQuantile(1, 3)).toThrow(RangeError);
    expect(() => studentTQuantile(0.9, -1)).toThrow(RangeError);
  });

  it('the binomial CDF sums the probability mass', () => {
    const n = 12, q = 0.3;
    let cum = 0;
    for (let k = 0; k <= n; k++) {
      let c = 1;
      for (let i = 0; i < k; i++) c = (c * (n - i)) / (i + 1);
      cum += c * q ** k * (1 - q) ** (n - k);
      expect(binomialCdf(k, n, q)).toBeCloseTo(cum, 12);
    }
    expect(binomialCdf(-1, n, q)).toBe(0);
    expect(binomialCdf(n, n, q)).toBe(1);
    expect(binomialCdf(3, n, 0)).toBe(1);
    expect(binomialCdf(3, n, 1)).toBe(0);
    expect(() => binomialCdf(1.5, n, q)).toThrow(RangeError);
    expect(() => binomialCdf(1, -1, q)).toThrow(RangeError);
  });
});

describe('intervals', () => {
  it('Clopper–Pearson matches its closed forms and reference values', () => {
    const alpha = 0.05;
    // k = 0: [0, 1 − (α/2)^{1/n}]; k = n: [(α/2)^{1/n}, 1]
    expect(clopperPearson(0, 10).lower).toBe(0);
    expect(clopperPearson(0, 10).upper).toBeCloseTo(1 - (alpha / 2) ** (1 / 10), 10);
    expect(clopperPearson(10, 10).lower).toBeCloseTo((alpha / 2) ** (1 / 10), 10);
    expect(clopperPearson(10, 10).upper).toBe(1);
    const mid = clopperPearson(5, 10);
    expect(mid.lower).toBeCloseTo(0.187086028, 7);
    expect(mid.upper).toBeCloseTo(0.812913972, 7);
    expect(mid.confidence).toBe(0.95);
    expect(() => clopperPearson(11, 10)).toThrow(RangeError);
    expect(() => clopperPearson(1, 0)).toThrow(RangeError);
    expect(() => clopperPearson(1, 10, 1)).toThrow(RangeError);
  });

  it('order-statistic intervals for a quantile have at least the nominal coverage', () => {
    const sample = [9, 1, 8, 2, 7, 3, 6, 4, 5];
    const ci = quantileInterval(sample, 0.5, 0.95);
    expect(ci.ranks).toEqual([1, 7]);
    expect([ci.lower, ci.upper]).toEqual([2, 8]);
    expect(ci.coverage).toBeCloseTo(1 - 2 * (10 / 512), 12); // 1 − 2 P(Bin(9, ½) ≤ 1)
    expect(ci.coverage).toBeGreaterThanOrEqual(0.95);
    const censored = quantileInterval([1, 2, 3, 4, 5, 6, Infinity, Infinity, Infinity], 0.5, 0.95);
    expect(censored.upper).toBe(Infinity);
    expect(() => quantileInterval([1, 2, 3], 0.5, 0.95)).toThrow(/too small/);
    expect(() => quantileInterval([], 0.5)).toThrow(RangeError);
    expect(() => quantileInterval([1, NaN, 2, 3, 4, 5, 6], 0.5)).toThrow(RangeError);
  });

  it('least squares recovers an exact line with a zero-width interval', () => {
    const x = [1, 2, 3, 4, 5];
    const fit = linearFit(x, x.map((v) => 2 - 0.5 * v));
    expect(fit.slope).toBeCloseTo(-0.5, 14);
    expect(fit.intercept).toBeCloseTo(2, 14);
    expect(fit.slopeStdErr).toBeLessThan(1e-14);
    expect(fit.rSquared).toBeCloseTo(1, 14);
    expect(fit.df).toBe(3);
    const flat = linearFit([1, 2, 3], [4, 4, 4]);
    expect(flat.slope).toBe(0);
    expect(flat.rSquared).toBe(1);
  });

  it('least squares: standard error and t-interval by hand', () => {
    const x = [1, 2, 3, 4];
    const y = [1.1, 1.9, 3.2, 3.9];
    const fit = linearFit(x, y, 0.95);
    expect(fit.slope).toBeCloseTo(0.97, 12);
    expect(fit.intercept).toBeCloseTo(0.1, 12);
    // SSE = 0.063, s = √(0.063/2), S_xx = 5
    const se = Math.sqrt(0.063 / 2) / Math.sqrt(5);
    expect(fit.slopeStdErr).toBeCloseTo(se, 12);
    expect(fit.slopeInterval.lower).toBeCloseTo(0.97 - 4.30265273 * se, 6);
    expect(fit.slopeInterval.upper).toBeCloseTo(0.97 + 4.30265273 * se, 6);
  });

  it('least squares rejects degenerate input', () => {
    expect(() => linearFit([1, 2], [1, 2])).toThrow(RangeError);
    expect(() => linearFit([1, 2, 3], [1, 2])).toThrow(RangeError);
    expect(() => linearFit([1, 1, 1], [1, 2, 3])).toThrow(/distinct/);
    expect(() => linearFit([1, 2, 3], [1, Infinity, 3])).toThrow(RangeError);
    expect(() => linearFit([1, 2, 3], [1, 2, 3], 0)).toThrow(RangeError);
  });
});

describe('means of replicas', () => {
  it('mean, standard error and the t-interval by hand', () => {
    const est = meanStandardError(Float64Array.from([1, 2, 3, 4]));
    expect(est.mean).toBe(2.5);
    expect(est.standardError).toBeCloseTo(Math.sqrt(5 / 3 / 4), 14);
    expect(meanStandardError([7]).standardError).toBe(0);
    const ci = meanInterval([1, 2, 3, 4], 0.95);
    expect(ci.lower).toBeCloseTo(2.5 - 3.182446305 * est.standardError, 7);
    expect(ci.upper).toBeCloseTo(2.5 + 3.182446305 * est.standardError, 7);
    expect(() => meanStandardError([])).toThrow(RangeError);
    expect(() => meanStandardError([1, NaN])).toThrow(RangeError);
    expect(() => meanInterval([1])).toThrow(RangeError);
  });
});
