/**
 * The target phase of verify (src/checking/target.ts): a third of the runs climb the largest
 * observed/bound ratio from the best random instances. Checked on a claim whose violations live in a
 * corner that random draws almost never reach, then on the near-miss escapes of the catalog's claims.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkInstance, defineClaim, PROFILES, scaledBound, verifyClaim, withRate, type Claim, type ClaimResult, type Trial } from '../src/index.ts';
import { TARGET_EVALUATIONS_PER_RUN, targetShare } from '../src/checking/target.ts';
import { trendCorner } from '../src/search/stages.ts';
import { logUniform, powerOfTwoGrid } from '../src/claims/arbitraries.ts';
import { thm1Core } from '../theorems/xu2024/mf-theorem1.ts';
import { xuParams } from '../theorems/xu2024/mf-setup.ts';
import { thm3Unbalanced } from '../theorems/xu2024/network-theorem3.ts';
import { marginBound } from '../theorems/polyak-heavy-ball/margin-bound.ts';

interface Corner {
  a: number;
  b: number;
}

/** ratio = k·a·b/10⁶ at t = 0: with k = 1.02 false only for a·b > 10⁶/1.02 (both above ~980 of 1000). */
function cornerTrial(p: Corner, k: number): Trial {
  return {
    hypotheses: [],
    derived: {},
    bounds: [{ metric: 'x', relation: 'le', value: () => 1, floor: 0, cite: 'x ≤ 1' }],
    run: (observe) => {
      observe(0, { x: (k * p.a * p.b) / 1e6 });
    },
  };
}

// unbiased draws: fast-check's bias would try the corner (1000, 1000) itself
const cornerParams = fc.noBias(fc.record({ a: fc.integer({ min: 0, max: 1000 }), b: fc.integer({ min: 0, max: 1000 }) }));
const source = { paper: 'Toy corner', theorem: 'none', url: 'https://example.org/corner', confidence: 'D' as const };

const corner = (id: string, k: number, extra: Partial<Claim<Corner>> = {}): Claim<Corner> =>
  defineClaim<Corner>({ id, statement: `x = ${k}·ab/10⁶ ≤ 1`, source, kind: 'bound-for-all-t', expected: 'refuted', params: cornerParams, instantiate: (p) => cornerTrial(p, k), ...extra });

const SEED = 20261203;
const withoutTime = (r: ClaimResult) => ({ ...r, timeMs: 0 });

describe('the target phase', () => {
  const falseCorner = corner('toy.corner', 1.02);

  it('refutes a violation random draws miss, and fast-check shrinks it to a replayable counterexample', () => {
    const random = verifyClaim(falseCorner, { runs: 60, seed: SEED, target: false });
    expect(random.verdict, `seed ${SEED}`).toBe('holds');
    expect(random.target).toBeUndefined();

    const r = verifyClaim(falseCorner, { runs: 60, seed: SEED });
    expect(r.verdict, `seed ${SEED}`).toBe('refuted');
    expect(r.target).toMatchObject({ generated: 60 - targetShare(60), budget: targetShare(60) * TARGET_EVALUATIONS_PER_RUN, found: true });
    expect(r.target!.targeted).toBeGreaterThan(0);
    expect(r.target!.targeted).toBeLessThanOrEqual(r.target!.budget);
    // the random phase points to the corner: the search's first candidate is the violation
    expect(r.target!.targeted).toBe(1);
    expect(r.instances).toBe(r.target!.generated + r.target!.targeted);
    const cx = r.counterexample!;
    expect(cx.foundBy).toBe('target');
    // shrunk: fast-check moved the instance toward its shrink target (0, 0) while it still violates
    const found = cx.example as Corner, shrunk = cx.params as Corner;
    // the search stopped at the first violation it met: no ratio it saw exceeds that violation's
    expect(checkInstance(falseCorner, found, { maxIterations: 1 }).maxRatio).toBe(r.target!.bestRatio);
    expect(cx.numShrinks).toBeGreaterThan(0);
    expect(shrunk.a + shrunk.b).toBeLessThan(found.a + found.b);
    expect(checkInstance(falseCorner, shrunk, { maxIterations: 1 }).firstViolation).toEqual(cx.violation);
    // a minimal violation: one step smaller in either field no longer violates
    for (const q of [{ ...shrunk, a: shrunk.a - 1 }, { ...shrunk, b: shrunk.b - 1 }]) expect(checkInstance(falseCorner, q, { maxIterations: 1 }).firstViolation).toBeUndefined();
    // the seed and path replay it, given the instance the search found as the example
    const again = fc.check(fc.property(cornerParams, (p) => checkInstance(falseCorner, p, { maxIterations: 1 }).firstViolation === undefined), {
      seed: cx.seed,
      path: cx.path,
      examples: [[found]],
    });
    expect(again.counterexample).toEqual([shrunk]);
  });

  it('is deterministic: the same seed gives the same result, bit for bit', () => {
    const a = verifyClaim(falseCorner, { runs: 60, seed: SEED });
    const b = verifyClaim(falseCorner, { runs: 60, seed: SEED });
    expect(withoutTime(b)).toEqual(withoutTime(a));
    const trueCorner = corner('toy.corner-true', 0.99, { expected: 'holds' });
    const c = verifyClaim(trueCorner, { runs: 45, seed: 7 });
    const d = verifyClaim(trueCorner, { runs: 45, seed: 7 });
    expect(c.verdict).toBe('holds');
    expect(withoutTime(d)).toEqual(withoutTime(c));
    // the search climbed: its best ratio is at least the random phase's
    expect(c.target!.bestRatio!).toBeGreaterThanOrEqual(c.target!.startRatio!);
    expect(c.maxRatio).toBe(Math.max(c.target!.bestRatio!, c.target!.startRatio!));
  });

  it('with target: false, every run is fast-check’s own draw, as before the target phase', () => {
    const seen: Corner[] = [];
    const spy = corner('toy.corner-spy', 0.99, { expected: 'holds', instantiate: (p) => (seen.push(p), cornerTrial(p, 0.99)) });
    const r = verifyClaim(spy, { runs: 30, seed: SEED, target: false });
    const drawn: Corner[] = [];
    fc.check(fc.property(cornerParams, (p) => (drawn.push(p), true)), { numRuns: 30, seed: r.seed });
    expect(seen).toEqual(drawn);
    expect(r.instances).toBe(30);
    expect(r.target).toBeUndefined();
    // with the target phase, the first two thirds are the same draws, then the search's own instances
    seen.length = 0;
    const t = verifyClaim(spy, { runs: 30, seed: SEED });
    expect(seen.slice(0, 20)).toEqual(drawn.slice(0, 20));
    expect(t.target!.generated).toBe(20);
  });

  it('spends the work of the runs it replaces: a search whose instances cost more stops at the same work', () => {
    // an instance's work is its iterations: a·b/1000 of them, so the corner costs ~1000 where a draw costs ~250
    const costly = corner('toy.costly-corner', 0.99, {
      expected: 'holds',
      instantiate: (p) => ({ ...cornerTrial(p, 0.99), run: (observe) => void Array.from({ length: 1 + Math.floor((p.a * p.b) / 1000) }, (_, t) => observe(t, { x: (0.99 * p.a * p.b) / 1e6 })) }),
    });
    const r = verifyClaim(costly, { runs: 60, seed: SEED });
    const w = r.target!.work!;
    expect(w.budget).toBeGreaterThan(0);
    // the search stops at the first instance that reaches the budget: at most one instance over it
    expect(w.spent).toBeGreaterThanOrEqual(w.budget);
    expect(w.spent).toBeLessThanOrEqual(w.budget + 1001);
    expect(r.target!.targeted).toBeLessThan(r.target!.budget);
  });

  it('a searched candidate missing a hypothesis is counted by the target summary, not as an instance', () => {
    // the hypothesis fails where a > 990, inside the corner the search climbs to; no draw lands there
    const hyp = corner('toy.corner-hypothesis', 0.99, {
      expected: 'holds',
      instantiate: (p) => ({ ...cornerTrial(p, 0.99), hypotheses: [{ name: 'a ≤ 990', holds: p.a <= 990, value: p.a, threshold: 990 }] }),
    });
    const r = verifyClaim(hyp, { runs: 60, seed: SEED });
    expect(r.verdict).toBe('holds');
    expect(r.target!.missedHypotheses).toBeGreaterThan(0);
    // the verdict's statistics: the generated instances plus the targeted ones meeting the hypotheses
    expect(r.instances).toBe(r.target!.generated + r.target!.targeted - (r.target!.rejected ?? 0) - r.target!.missedHypotheses!);
    // hypotheses missed by random draws are counted as before (a draw may land above 990)
    expect(r.hypothesesMet).toBe(r.instances - (r.hypothesisFailures['a ≤ 990'] ?? 0));
    expect(r.hypothesisFailures['a ≤ 990'] ?? 0).toBeLessThan(r.target!.missedHypotheses!);
  });

  it('shrinks a violation the search found on grid arbitraries (logUniform, powerOfTwoGrid) it did not draw', () => {
    interface Grid {
      a: number;
      b: number;
    }
    // violated only where a·b > 0.6·2^12, the top corner of both ranges (log₂a + log₂b > 11.26 of 12)
    const params = fc.noBias(fc.record({ a: logUniform(1, 64, 48), b: powerOfTwoGrid(0, 48) }));
    const grid = defineClaim<Grid>({
      id: 'toy.grid-corner',
      statement: 'x = a·b/(0.6·2^12) ≤ 1',
      source,
      kind: 'bound-for-all-t',
      expected: 'refuted',
      params,
      instantiate: (p) => ({ ...cornerTrial({ a: 1000, b: 1000 }, 1), run: (observe) => void observe(0, { x: (p.a * p.b) / (0.6 * 4096) }) }),
    });
    expect(verifyClaim(grid, { runs: 60, seed: SEED, target: false }).verdict).toBe('holds');
    const r = verifyClaim(grid, { runs: 60, seed: SEED });
    expect(r.verdict).toBe('refuted');
    const cx = r.counterexample!;
    expect(cx.foundBy).toBe('target');
    expect(cx.numShrinks).toBeGreaterThan(0);
    const found = cx.example as Grid, shrunk = cx.params as Grid;
    expect(shrunk.a * shrunk.b).toBeLessThan(found.a * found.b);
    expect(checkInstance(grid, shrunk, { maxIterations: 1 }).firstViolation).toEqual(cx.violation);
  });

  it('the corner: a joint fit of log-ratio on the coordinates moves only the fields with a significant effect', () => {
    // ratio = a²/b·(noise from the seed): a up, b down; c has no effect and stays
    type T = { a: number; b: number; c: number; seed: number };
    const arb = fc.record({ a: fc.integer({ min: 1, max: 100 }), b: fc.integer({ min: 1, max: 100 }), c: fc.integer({ min: 1, max: 100 }), seed: fc.integer({ min: 0, max: 1000 }) });
    const domain = fc.sample(arb, { seed: 1, numRuns: 200 });
    const sample = fc.sample(arb, { seed: 2, numRuns: 60 }).map((p: T) => ({ params: p, ratio: ((p.a * p.a) / p.b) * (1 + ((p.seed * 7919) % 13) / 100) }));
    const start = { a: 50, b: 50, c: 50, seed: 3 };
    expect(trendCorner(start, sample, domain)).toEqual({ a: 100, b: 1, c: 50, seed: 3 });
    // nothing to fit from a handful of instances
    expect(trendCorner(start, sample.slice(0, 5), domain)).toBeUndefined();
  });

  it('draws the share at random when no instance compared anything (nothing to climb from)', () => {
    const never = corner('toy.never-met', 0.99, { expected: 'vacuous', instantiate: (p) => ({ ...cornerTrial(p, 0.99), hypotheses: [{ name: 'never', holds: false, value: 0, threshold: 1 }] }) });
    const r = verifyClaim(never, { runs: 30, seed: SEED });
    expect(r.verdict).toBe('vacuous');
    expect(r.instances).toBe(30);
    expect(r.target).toMatchObject({ generated: 30, targeted: 0 });
    expect(r.target!.note).toMatch(/drawn at random/);
  });

  it('gives an error verdict, with the instance, when the claim throws on an instance the search reaches', () => {
    const throws = corner('toy.throws-in-corner', 0.99, {
      expected: 'holds',
      instantiate: (p) => {
        if (p.a * p.b > 0.95e6) throw new Error(`no instance at a = ${p.a}, b = ${p.b}`);
        return cornerTrial(p, 0.99);
      },
    });
    const random = verifyClaim(throws, { runs: 60, seed: SEED, target: false });
    expect(random.verdict).toBe('holds');
    const r = verifyClaim(throws, { runs: 60, seed: SEED });
    expect(r.verdict).toBe('error');
    expect(r.error!.message).toMatch(/no instance at/);
    const p = r.error!.params as Corner;
    expect(p.a * p.b).toBeGreaterThan(0.95e6);
    expect(r.target!.targeted).toBeGreaterThan(0);
  });

  it('a candidate outside a chained arbitrary’s domain that makes the claim throw is skipped, not an error', () => {
    interface Part {
      n: number;
      k: number;
    }
    // k ≤ n is the chain's constraint; the search moves k and n independently
    const parts = fc.integer({ min: 1, max: 10 }).chain((n) => fc.record({ n: fc.constant(n), k: fc.integer({ min: 0, max: n }) }));
    const partClaim = defineClaim<Part>({
      id: 'toy.parts',
      statement: 'k/n ≤ 1',
      source,
      kind: 'bound-for-all-t',
      expected: 'holds',
      params: parts,
      instantiate: (p) => {
        if (p.k > p.n) throw new RangeError(`k = ${p.k} exceeds n = ${p.n}`);
        return { ...cornerTrial({ a: 1000, b: 1000 }, 1), run: (observe) => void observe(0, { x: (0.99 * p.k) / p.n }) };
      },
    });
    const r = verifyClaim(partClaim, { runs: 30, seed: SEED });
    expect(r.verdict).toBe('holds');
    expect(r.target!.rejected).toBeGreaterThan(0);
    expect(r.instances).toBe(r.target!.generated + r.target!.targeted - r.target!.rejected! - (r.target!.missedHypotheses ?? 0));
  });

  it('a deadline that passes during the search makes the verdict inconclusive, never holds', () => {
    let evaluated = 0;
    // every instance after the random phase runs until the deadline cuts it
    const slow = corner('toy.slow-search', 0.99, {
      expected: 'holds',
      maxIterations: 1e9,
      instantiate: (p) => {
        const late = ++evaluated > 20;
        return {
          ...cornerTrial(p, 0.99),
          run: (observe) => {
            if (!late) return void observe(0, { x: (0.99 * p.a * p.b) / 1e6 });
            for (let t = 0; observe(t, { x: 0 }); t++);
          },
        };
      },
    });
    const r = verifyClaim(slow, { runs: 30, seed: SEED, timeLimitMs: 3000 });
    expect(r.verdict).toBe('inconclusive');
    expect(r.target!.cut).toBe(true);
    expect(r.reason).toMatch(/target phase/);
  });
});

// ---------------------------------------------------------------------------------------------
// The near-miss escapes: false variants of catalog claims that random sampling at the default budget
// misses, written with the public API's variant helpers on the catalog's true claims.
const probe = (id: string, falseBecause: string) => ({ id, statement: `FALSE probe: ${falseBecause}`, falseBecause });

/** (a) Theorem 1's core with the exponent of its rate raised 5% over the observed 2: (1 − μ/L)^{2.05t}, κ ≥ 10. */
const thm1Rate205 = withRate(thm1Core, 'rate', (q) => q ** 2.05, {
  ...probe('probe.xu2024-mf.thm1-core-rate-2.05', 'GD contracts near (L−μ)/(L+μ) = (1−μ/L)²(1 + O(μ²/L²)) per step, slower than (1−μ/L)^2.05 when cond(X₀) is small'),
  metric: 'residualNorm',
  params: xuParams().filter((p) => p.kappa >= 10),
});

/** (b) Theorem 3, initialization (12), with θ = 1 − √(μ̃/L̃): the growth factor (1 + t√(μ̃/L̃)) of NAG's double root dropped. */
const thm3GrowthDropped = withRate(thm3Unbalanced, 'theta', (_theta, d) => 1 - Math.sqrt(d.mut / d.Lt), {
  ...probe('probe.xu2024-nn.thm3-growth-dropped', 'on a mode with the double root q = 1 − √(μ̃/L̃) the error is (1 + t√(μ̃/L̃))q^t'),
  metric: 'residualNorm',
});

/** (c) The heavy-ball margin bound with its constant √2 κ_C lowered to 0.69·√2 κ_C. */
const margin069 = scaledBound(marginBound, 0.69, probe('probe.polyak-hb.margin-bound-0.69', 'the ratio to √2 κ_C β^{k/2} reaches 0.697 near κ = 1000, c = 1.25'));

/** An instance of (a) the target phase found at 300 runs (seed 42): cond(X₀) small, violated at t = 4. */
const thm1Witness = { m: 16, n: 2, r: 2, d: 2, kappa: 10.520344991547265, profile: 'geometric' as const, scale: 2.518665536189993, cMultiplier: 1, seed: 1056797036 };

/** An instance violating (b): r = 1, width 1, a well-conditioned D, c near its threshold. */
const thm3Witness = { m: 7, n: 2, N: 4, rankD: 2, r: 1, condD: 1.5619546732151577, profile: 'bottom' as const, scaleD: 0.31622776601683794, dataV: 'gaussian' as const, labels: 'conditioned' as const, condA: 2.526801108055887, d: 1, cMultiplier: 1.542210825407941, seed: 2147483626 };

describe('the near-miss escapes at the default profile (100 runs, seed 42)', () => {
  const defaults = { runs: PROFILES.default.runs, seed: 42 };

  it('the margin bound at 0.69·√2 κ_C escapes random draws and is refuted by the target phase', () => {
    const random = verifyClaim(margin069, { ...defaults, target: false });
    expect(random.verdict).toBe('holds');
    expect(random.maxRatio!).toBeLessThan(1);
    const r = verifyClaim(margin069, defaults);
    expect(r.verdict).toBe('refuted');
    expect(r.counterexample!.foundBy).toBe('target');
    expect(checkInstance(margin069, r.counterexample!.params as never, { maxIterations: r.counterexample!.maxIterations }).firstViolation).toEqual(r.counterexample!.violation);
  });

  // Probes of the three escapes at 100 runs, refuted seeds out of those tried (global seeds 42 and 1–19;
  // with target: measured when the search took its present order, src/search/index.ts):
  //   (a) Theorem 1's core at 2.05t, κ ≥ 10:   without target 0/12 (42, 1–11), with target 18/20 (not 7, 17);
  //   (b) Theorem 3 without its growth factor:  without target 4/8 (42, 1–7),   with target 20/20;
  //   (c) the margin bound at 0.69:             without target 3/8 (42, 1–7),   with target 20/20.
  // (a) violates only with cond(X₀) < 4 at the small end of κ, r, d and n and a lucky draw of Φ (about
  // 1 draw in 15 there): the corner and the sweep take the search there, the seed redraws find the draw.
  it('Theorem 1’s core at (1 − μ/L)^{2.05t}, κ ≥ 10: escapes random draws, refuted by the target phase', () => {
    expect(checkInstance(thm1Rate205, thm1Witness, { maxIterations: 20_000 }).firstViolation?.iteration).toBe(4);
    const random = verifyClaim(thm1Rate205, { ...defaults, target: false });
    expect(random.verdict).toBe('holds');
    const r = verifyClaim(thm1Rate205, defaults);
    expect(r.verdict).toBe('refuted');
    expect(r.counterexample!.foundBy).toBe('target');
    expect(checkInstance(thm1Rate205, r.counterexample!.params as never, { maxIterations: r.counterexample!.maxIterations }).firstViolation).toEqual(r.counterexample!.violation);
    // within the work of the runs it replaced
    expect(r.target!.work!.spent).toBeLessThanOrEqual(r.target!.work!.budget);
    // xuParams is chained, so fast-check cannot shrink the instance found: the runner simplified it
    // (smaller dimensions, rounder constants) before handing it over, and the simplified one still violates
    expect(r.target!.simplified!.moves).toBeGreaterThan(0);
    expect(r.counterexample!.params).toEqual(r.counterexample!.example);
  });

  it('Theorem 3 without its growth factor: escapes random draws at this seed, refuted by the target phase', () => {
    expect(checkInstance(thm3GrowthDropped, thm3Witness, { maxIterations: 6000 }).firstViolation).toBeDefined();
    expect(verifyClaim(thm3GrowthDropped, { ...defaults, target: false }).verdict).toBe('holds');
    const r = verifyClaim(thm3GrowthDropped, defaults);
    expect(r.verdict).toBe('refuted');
    expect(r.counterexample!.foundBy).toBe('target');
  });
});
