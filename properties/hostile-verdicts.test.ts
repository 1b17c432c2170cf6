/**
 * Honest verdicts under hostile claims: `holds` only when iterations were compared, a claim cut short is
 * inconclusive (never holds or vacuous), a claim that throws or runs asynchronously gets an `error`
 * verdict instead of aborting the run, and an aggregate claim with a huge run count draws lazily under
 * its deadline. Each case runs with its own time limit, so a hang fails the case.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { atMost, defineClaim, type Claim, type Trial } from '../src/claims/types.ts';
import { verifyClaim } from '../src/checking/runner.ts';

type P = { q: number; horizon: number };
const params = fc.record({ q: fc.integer({ min: 1, max: 19 }).map((k) => k / 20), horizon: fc.integer({ min: 1, max: 40 }) });
const source = { paper: 'Toy', theorem: 'exact', url: 'https://example.org', confidence: 'D' as const };
const SEED = 11;

/** x_{t+1} = q x_t against q^t, with parts of the trial replaced. */
function toy(id: string, over: (p: P) => Partial<Trial> = () => ({}), extra: Partial<Claim<P>> = {}): Claim<P> {
  return defineClaim<P>({
    id,
    statement: 'x_t ≤ q^t',
    source,
    kind: 'bound-for-all-t',
    expected: 'holds',
    params,
    instantiate: (p) => ({
      hypotheses: [atMost('q < 1', p.q, 1)],
      derived: { q: p.q },
      bounds: [{ metric: 'x', relation: 'le', value: (t) => p.q ** t, floor: 1e-12, cite: 'x_t = q^t' }],
      run: (observe, maxIterations) => {
        let x = 1;
        for (let t = 0; t <= Math.min(p.horizon, maxIterations); t++) {
          if (!observe(t, { x })) return;
          x *= p.q;
        }
      },
      ...over(p),
    }),
    ...extra,
  });
}

const verify = (c: Claim<P>, o: { runs?: number; timeLimitMs?: number; maxIterations?: number } = {}) => verifyClaim(c, { runs: o.runs ?? 20, seed: SEED, timeLimitMs: o.timeLimitMs, maxIterations: o.maxIterations });

describe('holds is earned', () => {
  it('a claim that holds reports the iterations it compared', () => {
    const r = verify(toy('user.ok'));
    expect(r.verdict, `seed ${SEED}`).toBe('holds');
    expect(r.comparedIterations).toBeGreaterThanOrEqual(r.instances);
  });

  it('a false bound hidden under its floor is not holds: nothing was compared', () => {
    const r = verify(toy('user.floorhides', (p) => ({ bounds: [{ metric: 'x', relation: 'le', value: (t) => 0.5 * p.q ** t, floor: 10, cite: 'floor above everything' }] })));
    expect(r.verdict, `seed ${SEED}`).toBe('inconclusive');
    expect(r.comparedIterations).toBe(0);
    expect(r.reason).toMatch(/nothing was compared: .*below its roundoff floor from t = 0/);
  });

  it('a run that never observes is not holds', () => {
    const r = verify(toy('user.noobserve', () => ({ run: () => {} })));
    expect(r.verdict).toBe('inconclusive');
    expect(r.reason).toMatch(/never called observe/);
  });

  it('an always negative bound is not holds', () => {
    const r = verify(toy('user.negative', () => ({ bounds: [{ metric: 'x', relation: 'le', value: () => -1, floor: 0, cite: 'negative' }] })));
    expect(r.verdict).toBe('inconclusive');
  });

  it('an asynchronous run is an error, not a pass', () => {
    const r = verify(toy('user.asyncrun', () => ({ run: (async (observe: (t: number, m: Record<string, number>) => boolean) => { await new Promise((res) => setTimeout(res, 1)); observe(0, { x: 100 }); }) as unknown as Trial['run'] })));
    expect(r.verdict).toBe('error');
    expect(r.error?.message).toMatch(/run\(\) returned a promise: a method run must be synchronous/);
  });

  it('a run that ignores the stop signal gains nothing from what it observes afterwards', () => {
    // it keeps observing a violating value after the floor stopped it
    const r = verify(toy('user.ignores-stop', (p) => ({
      bounds: [{ metric: 'x', relation: 'le', value: (t) => p.q ** t, floor: 0.5, cite: 'x_t = q^t' }],
      run: (observe) => {
        let x = 1;
        for (let t = 0; t < 200; t++) {
          observe(t, { x: t > 100 ? 1e9 : x });
          x *= p.q;
        }
      },
    })));
    expect(r.verdict).toBe('holds');
  });
});

describe('a claim that throws gets an error verdict', () => {
  it('while running: the message, the stack and the instance', () => {
    const r = verify(toy('user.throws', (p) => ({ run: (observe) => { observe(0, { x: 1 }); if (p.q > 0.5) throw new Error('boom'); } })));
    expect(r.verdict).toBe('error');
    expect(r.error?.message).toBe('user.throws: boom');
    expect(r.error?.stack).toMatch(/boom/);
    expect((r.error?.params as P).q).toBeGreaterThan(0.5);
  });

  it('while shrinking', () => {
    // violating (x₀ = 1 > 0.5) for q > 0.3, throwing for q ≤ 0.3: from a first draw above 0.3, the
    // shrinker walks q down into the throwing region
    const claim = toy('user.throws-shrinking', (p) => ({
      bounds: [{ metric: 'x', relation: 'le', value: () => 0.5, floor: 0, cite: 'x ≤ 0.5' }],
      run: (observe) => {
        if (p.q <= 0.3) throw new Error('small q');
        observe(0, { x: 1 });
      },
    }));
    let claimSeed = 1;
    while (fc.sample(params, { seed: claimSeed, numRuns: 1 })[0].q <= 0.3) claimSeed++;
    const r = verifyClaim(claim, { runs: 20, seed: SEED, claimSeed });
    expect(r.instances, `claim seed ${claimSeed}`).toBe(1); // the error came after the first, violating instance
    expect(r.verdict).toBe('error');
    expect(r.error?.message).toBe('user.throws-shrinking: small q');
    expect((r.error?.params as P).q).toBeLessThanOrEqual(0.3);
  });

  it('a NaN bound is a defect of the claim, reported as an error', () => {
    const r = verify(toy('user.nan', () => ({ bounds: [{ metric: 'x', relation: 'le', value: () => NaN, floor: 0, cite: 'nan' }] })));
    expect(r.verdict).toBe('error');
    expect(r.error?.message).toMatch(/bound on x returned NaN/);
  });

  it('a generator that throws', () => {
    const r = verify(toy('user.bad-generator', () => ({}), { params: params.map(() => { throw new Error('generator broke'); }) as unknown as fc.Arbitrary<P> }));
    expect(r.verdict).toBe('error');
    expect(r.error?.message).toMatch(/generator broke/);
  });
});

describe('a claim cut short is inconclusive', () => {
  it('a trajectory longer than the deadline is cut inside observe', () => {
    const endless = toy('user.long', (p) => ({
      bounds: [{ metric: 'x', relation: 'le', value: () => 1, floor: 0, cite: 'x ≤ 1' }],
      run: (observe, maxIterations) => {
        for (let t = 0; t <= maxIterations; t++) if (!observe(t, { x: p.q })) return;
      },
    }));
    const started = Date.now();
    const r = verify(endless, { maxIterations: 1e12, timeLimitMs: 300 });
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(r.verdict).toBe('inconclusive');
    expect(r.reason).toMatch(/cut at the deadline/);
  }, 60_000);

  it('takes precedence over vacuous', () => {
    const rarely = toy('user.rarely', (p) => ({ hypotheses: [atMost('q < 0.01', p.q, 0.01)] }), { expected: 'vacuous' });
    const r = verify(rarely, { runs: 1_000_000, timeLimitMs: 200 });
    expect(r.verdict).toBe('inconclusive');
    expect(r.reason).toMatch(/time limit reached after \d+ of 1000000 instances/);
  }, 60_000);

  it('an aggregate claim with a huge run count draws lazily and stops at its deadline', () => {
    const prob = toy('user.aggregate', () => ({}), { kind: 'with-probability', aggregate: { kind: 'probability', failureProbability: () => 0.1 } });
    const r = verify(prob, { runs: 1_000_000_000, timeLimitMs: 500 });
    expect(r.verdict).toBe('inconclusive');
    expect(r.reason).toMatch(/time limit reached after \d+ of 1000000000 draws/);
    expect(r.instances).toBeLessThan(10_000_000);
  }, 60_000);

  it('the lazy draws are the same instances as before, whatever the run count', () => {
    const prob = toy('user.aggregate-same', () => ({}), { kind: 'with-probability', aggregate: { kind: 'probability', failureProbability: () => 0.1 } });
    const a = verify(prob, { runs: 300 });
    const b = verify(prob, { runs: 300 });
    expect(a.verdict).toBe('holds');
    expect({ ...a, timeMs: 0 }).toEqual({ ...b, timeMs: 0 });
  });
});
