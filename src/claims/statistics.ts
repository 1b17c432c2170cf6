/**
 * Statistics for claims over seeds: sample quantiles, least-squares slope fits with a Student-t
 * confidence interval, Clopper–Pearson binomial intervals and a distribution-free confidence interval
 * for a quantile (order statistics). Special functions (log Γ, the regularized incomplete beta) are
 * implemented here so that no dependency is needed; every function throws a RangeError on bad input
 * and never returns NaN.
 */

function assertFiniteArray(name: string, values: readonly number[]): void {
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) throw new RangeError(`${name}[${i}] must be finite, got ${values[i]}`);
  }
}

function assertProbability(name: string, p: number, open = false): void {
  const ok = open ? p > 0 && p < 1 : p >= 0 && p <= 1;
  if (!ok) throw new RangeError(`${name} must lie in ${open ? '(0, 1)' : '[0, 1]'}, got ${p}`);
}

/**
 * Sample quantile of order p in [0, 1] with linear interpolation between order statistics (Hyndman–Fan
 * type 7, the default of R and NumPy). Infinite values are allowed (censored observations) as long as
 * the interpolation does not touch them with a zero weight mix.
 */
export function quantile(values: readonly number[], p: number): number {
  if (values.length === 0) throw new RangeError('quantile of an empty sample');
  assertProbability('quantile order p', p);
  for (let i = 0; i < values.length; i++) {
    if (Number.isNaN(values[i])) throw new RangeError(`sample[${i}] is NaN`);
  }
  const sorted = [...values].sort((a, b) => a - b);
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  if (lo === hi) return sorted[lo];
  const w = h - lo;
  return sorted[lo] + w * (sorted[hi] - sorted[lo]);
}

export function median(values: readonly number[]): number {
  return quantile(values, 0.5);
}

export function mean(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('mean of an empty sample');
  assertFiniteArray('sample', values);
  let s = 0;
  for (const v of values) s += v;
  return s / values.length;
}

// ---------------------------------------------------------------------------------------------
// Special functions

const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** ln Γ(x) for x > 0 (Lanczos, g = 7, n = 9; relative error about 1e-15). */
export function logGamma(x: number): number {
  if (!(x > 0 && Number.isFinite(x))) throw new RangeError(`logGamma needs a positive finite argument, got ${x}`);
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let a = LANCZOS[0];
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += LANCZOS[i] / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Continued fraction of the incomplete beta function (modified Lentz). */
function betaContinuedFraction(x: number, a: number, b: number): number {
  const TINY = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 10_000; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-15) return h;
  }
  return h; // not reached for the parameter ranges used here (a, b ≤ 1e6)
}

/** Regularized incomplete beta I_x(a, b) = P(Beta(a, b) ≤ x), a, b > 0. */
export function regularizedIncompleteBeta(x: number, a: number, b: number): number {
  if (!(a > 0 && b > 0 && Number.isFinite(a) && Number.isFinite(b))) throw new RangeError(`incomplete beta needs a, b > 0, got a=${a}, b=${b}`);
  if (!(x >= 0 && x <= 1)) throw new RangeError(`incomplete beta needs x in [0, 1], got ${x}`);
  if (x === 0) return 0;
  if (x === 1) return 1;
  const lnFront = logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log1p(-x);
  const front = Math.exp(lnFront);
  if (x < (a + 1) / (a + b + 2)) return (front * betaContinuedFraction(x, a, b)) / a;
  return 1 - (front * betaContinuedFraction(1 - x, b, a)) / b;
}

/** Inverse of a continuous increasing CDF on [lo, hi] by bisection to machine precision. */
function invertCdf(cdf: (x: number) => number, p: number, lo: number, hi: number): number {
  for (let i = 0; i < 200; i++) {
    const mid = 0.5 * (lo + hi);
    if (mid <= lo || mid >= hi) break;
    if (cdf(mid) < p) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}

/** Quantile of Beta(a, b): the x with I_x(a, b) = p. */
export function betaQuantile(p: number, a: number, b: number): number {
  assertProbability('beta quantile order p', p);
  if (p === 0) return 0;
  if (p === 1) return 1;
  return invertCdf((x) => regularizedIncompleteBeta(x, a, b), p, 0, 1);
}

/** CDF of Student's t distribution with df > 0 degrees of freedom. */
export function studentTCdf(t: number, df: number): number {
  if (!(df > 0 && Number.isFinite(df))) throw new RangeError(`degrees of freedom must be positive, got ${df}`);
  if (Number.isNaN(t)) throw new RangeError('studentTCdf of NaN');
  if (t === Infinity) return 1;
  if (t === -Infinity) return 0;
  const tail = 0.5 * regularizedIncompleteBeta(df / (df + t * t), df / 2, 0.5); // P(T > |t|)
  return t >= 0 ? 1 - tail : tail;
}

/** Quantile of Student's t distribution: the t with P(T ≤ t) = p, p in (0, 1). */
export function studentTQuantile(p: number, df: number): number {
  assertProbability('t quantile order p', p, true);
  if (!(df > 0 && Number.isFinite(df))) throw new RangeError(`degrees of freedom must be positive, got ${df}`);
  if (p === 0.5) return 0;
  if (p < 0.5) return -studentTQuantile(1 - p, df);
  // P(T > t) = ½ I_{df/(df+t²)}(df/2, ½) = 1 − p: solve for x = df/(df + t²)
  const x = betaQuantile(2 * (1 - p), df / 2, 0.5);
  return Math.sqrt((df * (1 - x)) / x);
}

/** P(X ≤ k) for X ~ Binomial(n, q), by the incomplete beta identity. */
export function binomialCdf(k: number, n: number, q: number): number {
  if (!(Number.isInteger(n) && n >= 0)) throw new RangeError(`binomial trials must be a non-negative integer, got ${n}`);
  assertProbability('binomial probability', q);
  if (!Number.isInteger(k)) throw new RangeError(`binomial count must be an integer, got ${k}`);
  if (k < 0) return 0;
  if (k >= n) return 1;
  if (q === 0) return 1;
  if (q === 1) return 0;
  return regularizedIncompleteBeta(1 - q, n - k, k + 1);
}

// ---------------------------------------------------------------------------------------------
// Intervals

export interface Interval {
  lower: number;
  upper: number;
  /** Nominal coverage, e.g. 0.95. */
  confidence: number;
}

/**
 * Clopper–Pearson ("exact") interval for a binomial proportion: successes out of trials, two-sided at
 * the given confidence. The lower end is 0 when successes = 0 and the upper end 1 when successes = trials.
 */
export function clopperPearson(successes: number, trials: number, confidence = 0.95): Interval {
  if (!(Number.isInteger(trials) && trials >= 1)) throw new RangeError(`trials must be a positive integer, got ${trials}`);
  if (!(Number.isInteger(successes) && successes >= 0 && successes <= trials)) {
    throw new RangeError(`successes must be an integer in [0, ${trials}], got ${successes}`);
  }
  assertProbability('confidence', confidence, true);
  const alpha = 1 - confidence;
  const lower = successes === 0 ? 0 : betaQuantile(alpha / 2, successes, trials - successes + 1);
  const upper = successes === trials ? 1 : betaQuantile(1 - alpha / 2, successes + 1, trials - successes);
  return { lower, upper, confidence };
}

export interface QuantileInterval extends Interval {
  /** 0-based ranks of the order statistics bounding the interval (lower, upper) in the sorted sample. */
  ranks: [number, number];
  /** Exact coverage P(X_(lo) ≤ ξ_p ≤ X_(hi)) for a continuous distribution (≥ confidence). */
  coverage: number;
}

/**
 * Distribution-free confidence interval for the population p-quantile ξ_p from order statistics:
 * [X_(l), X_(u)] with the narrowest symmetric-in-tail choice whose binomial coverage is at least the
 * confidence. Censored observations (+Infinity) are allowed: the upper end is then Infinity when it
 * falls on one of them. Throws when the sample is too small for any interval to reach the confidence.
 */
export function quantileInterval(values: readonly number[], p: number, confidence = 0.95): QuantileInterval {
  const n = values.length;
  if (n === 0) throw new RangeError('quantile interval of an empty sample');
  assertProbability('quantile order p', p, true);
  assertProbability('confidence', confidence, true);
  for (let i = 0; i < n; i++) if (Number.isNaN(values[i])) throw new RangeError(`sample[${i}] is NaN`);
  const sorted = [...values].sort((a, b) => a - b);
  const alpha = 1 - confidence;
  // l = largest rank (1-based) with P(Bin(n, p) ≤ l − 1) ≤ α/2; u = smallest with P(Bin(n, p) ≥ u) ≤ α/2
  let l = 0;
  while (l + 1 <= n && binomialCdf(l, n, p) <= alpha / 2) l++;
  let u = n + 1;
  while (u - 1 >= 1 && 1 - binomialCdf(u - 2, n, p) <= alpha / 2) u--;
  if (l < 1 || u > n || l >= u) {
    throw new RangeError(`a sample of ${n} is too small for a ${confidence} confidence interval of the ${p}-quantile`);
  }
  const coverage = binomialCdf(u - 1, n, p) - binomialCdf(l - 1, n, p);
  return { lower: sorted[l - 1], upper: sorted[u - 1], confidence, ranks: [l - 1, u - 1], coverage };
}

export interface LinearFit {
  slope: number;
  intercept: number;
  /** Standard error of the slope. */
  slopeStdErr: number;
  /** Student-t confidence interval of the slope (n − 2 degrees of freedom). */
  slopeInterval: Interval;
  /** Degrees of freedom n − 2. */
  df: number;
  /** Residual standard deviation sqrt(SSE/(n − 2)). */
  residualStd: number;
  /** Coefficient of determination (1 when the points are exactly collinear). */
  rSquared: number;
}

/**
 * Ordinary least-squares fit y ≈ intercept + slope·x with the two-sided Student-t confidence interval
 * of the slope. Needs at least three points and two distinct x.
 */
export function linearFit(x: readonly number[], y: readonly number[], confidence = 0.95): LinearFit {
  const n = x.length;
  if (y.length !== n) throw new RangeError(`x and y must have the same length, got ${n} and ${y.length}`);
  if (n < 3) throw new RangeError(`a slope interval needs at least 3 points, got ${n}`);
  assertFiniteArray('x', x);
  assertFiniteArray('y', y);
  assertProbability('confidence', confidence, true);
  const mx = mean(x), my = mean(y);
  let sxx = 0, sxy = 0, syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i] - mx, dy = y[i] - my;
    sxx += dx * dx;
    sxy += dx * dy;
    syy += dy * dy;
  }
  if (!(sxx > 0)) throw new RangeError('a slope fit needs at least two distinct x values');
  const slope = sxy / sxx;
  const intercept = my - slope * mx;
  let sse = 0;
  for (let i = 0; i < n; i++) {
    const r = y[i] - intercept - slope * x[i];
    sse += r * r;
  }
  const df = n - 2;
  const residualStd = Math.sqrt(sse / df);
  const slopeStdErr = residualStd / Math.sqrt(sxx);
  const tq = studentTQuantile(1 - (1 - confidence) / 2, df);
  const rSquared = syy > 0 ? Math.max(0, 1 - sse / syy) : 1;
  return {
    slope,
    intercept,
    slopeStdErr,
    slopeInterval: { lower: slope - tq * slopeStdErr, upper: slope + tq * slopeStdErr, confidence },
    df,
    residualStd,
    rSquared,
  };
}

// ---------------------------------------------------------------------------------------------
// Means of independent replicas (CLT bands)

export interface MeanEstimate {
  mean: number;
  /** s/√n with the unbiased sample standard deviation s (0 for a single value) */
  standardError: number;
  n: number;
}

/** Sample mean and its standard error, for a plain array or a Float64Array (no allocation). */
export function meanStandardError(values: ArrayLike<number>): MeanEstimate {
  const n = values.length;
  if (n === 0) throw new RangeError('mean of an empty sample');
  let s = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) throw new RangeError(`sample[${i}] must be finite, got ${v}`);
    s += v;
  }
  const m = s / n;
  if (n === 1) return { mean: m, standardError: 0, n };
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (values[i] - m) ** 2;
  return { mean: m, standardError: Math.sqrt(ss / (n - 1) / n), n };
}

/**
 * Two-sided Student-t confidence interval of a population mean from n ≥ 2 independent replicas
 * (exact for Gaussian samples, a CLT band otherwise).
 */
export function meanInterval(values: ArrayLike<number>, confidence = 0.95): Interval & MeanEstimate {
  const est = meanStandardError(values);
  if (est.n < 2) throw new RangeError('a confidence interval of a mean needs at least 2 values');
  assertProbability('confidence', confidence, true);
  const tq = studentTQuantile(1 - (1 - confidence) / 2, est.n - 1);
  return { ...est, lower: est.mean - tq * est.standardError, upper: est.mean + tq * est.standardError, confidence };
}
