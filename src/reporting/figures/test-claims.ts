/**
 * Small claims for the reporting tests, on the scalar recursion x_{t+1} = q·x_t from x₀ = 1: an upper
 * bound that holds, a lower bound that holds, a false upper bound, one whose hypothesis is never met,
 * one whose instantiation throws, and one decided over many instances.
 */
import fc from 'fast-check';
import { atMost, defineClaim, type Claim, type Trial } from '../../claims/types.ts';

export interface ScalarParams {
  q: number;
  horizon: number;
}

const params = fc.record({ q: fc.constantFrom(0.3, 0.5, 0.7, 0.9), horizon: fc.integer({ min: 2, max: 30 }) });
const source = { paper: 'Scalar recursion <test> & "quotes"', theorem: 'exact solution', url: 'https://example.org/scalar', confidence: 'D' as const };

function trial(p: ScalarParams, bound: (t: number) => number, relation: 'le' | 'ge', maxQ = 1): Trial {
  return {
    hypotheses: [atMost('q < 1', p.q, maxQ)],
    derived: { q: p.q },
    bounds: [{ metric: 'x', relation, value: bound, floor: 1e-12, cite: 'x_t = q^t' }],
    run: (observe, maxIterations) => {
      let x = 1;
      for (let t = 0; t <= Math.min(p.horizon, maxIterations); t++) {
        if (!observe(t, { x })) return;
        x *= p.q;
      }
    },
  };
}

export const upper = defineClaim<ScalarParams>({
  id: 'scalar.upper',
  statement: 'x_t ≤ q^t',
  source,
  kind: 'bound-for-all-t',
  expected: 'holds',
  params,
  examples: [{ q: 0.5, horizon: 10 }],
  instantiate: (p) => trial(p, (t) => Math.pow(p.q, t) * 1.25, 'le'),
});

export const lower = defineClaim<ScalarParams>({
  id: 'scalar.lower',
  statement: 'x_t ≥ (q/2)^t',
  source,
  kind: 'lower-bound',
  expected: 'holds',
  params,
  instantiate: (p) => trial(p, (t) => Math.pow(p.q / 2, t), 'ge'),
});

export const tooFast = defineClaim<ScalarParams>({
  id: 'scalar.too-fast',
  statement: 'FALSE: x_t ≤ (q/2)^t',
  source,
  kind: 'bound-for-all-t',
  expected: 'refuted',
  variantOf: 'scalar.upper',
  falseBecause: 'x_t = q^t',
  params,
  instantiate: (p) => trial(p, (t) => Math.pow(p.q / 2, t) * (t < 3 ? 2 : 1), 'le'),
});

export const neverMet = defineClaim<ScalarParams>({
  id: 'scalar.never-met',
  statement: 'x_t ≤ q^t for q < 0.01',
  source,
  kind: 'bound-for-all-t',
  expected: 'vacuous',
  params,
  instantiate: (p) => trial(p, (t) => Math.pow(p.q, t), 'le', 0.01),
});

export const throwing = defineClaim<ScalarParams>({
  id: 'scalar.throws',
  statement: 'instantiation fails',
  source,
  kind: 'bound-for-all-t',
  expected: 'holds',
  params,
  instantiate: () => {
    throw new Error('broken instance');
  },
});

export const aggregate: Claim<ScalarParams> = {
  ...upper,
  id: 'scalar.aggregate',
  aggregate: { kind: 'probability', failureProbability: () => 0.1 },
};

export const scalarClaims: Claim<unknown>[] = [upper, lower, tooFast, neverMet, throwing, aggregate] as Claim<unknown>[];
