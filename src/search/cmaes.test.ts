import { describe, expect, it } from 'vitest';
import { cmaes, ipopCmaes } from './cmaes.ts';
import { Rng } from '../random/rng.ts';

/** Rosenbrock: minimum 0 at (1, …, 1). */
const rosenbrock = (x: number[]) => {
  let s = 0;
  for (let i = 0; i + 1 < x.length; i++) s += 100 * (x[i + 1] - x[i] * x[i]) ** 2 + (1 - x[i]) ** 2;
  return s;
};
/** Rastrigin: minimum 0 at the origin, a local minimum near every integer point. */
const rastrigin = (x: number[]) => 10 * x.length + x.reduce((s, v) => s + v * v - 10 * Math.cos(2 * Math.PI * v), 0);
const sphere = (x: number[]) => x.reduce((s, v) => s + v * v, 0);

describe('CMA-ES', () => {
  it('finds the Rosenbrock minimum (0 at the all-ones point) in 5 dimensions from the origin (the local minimum near (−1, 1, 1, 1, 1) is another basin)', () => {
    const r = cmaes(rosenbrock, new Rng(1, 'rosenbrock'), { x0: [0, 0, 0, 0, 0], sigma0: 0.5, budget: 20_000, tolX: 1e-12, tolFun: 0 });
    expect(r.f).toBeLessThan(1e-10);
    for (const v of r.x) expect(Math.abs(v - 1)).toBeLessThan(1e-4);
  });

  it('IPOP restarts find the global Rastrigin minimum (0 at the origin) in 5 dimensions, where one default run does not', () => {
    const start = () => [3, -2, 4, 1, -3];
    const single = cmaes(rastrigin, new Rng(3, 'rastrigin'), { x0: start(), sigma0: 2, budget: 50_000 });
    const ipop = ipopCmaes(rastrigin, new Rng(3, 'rastrigin'), { start, sigma0: 2, budget: 50_000, target: 1e-8 });
    expect(single.f).toBeGreaterThan(0.5); // trapped in a local minimum (a near-integer point)
    expect(ipop.stop).toBe('target');
    expect(ipop.f).toBeLessThanOrEqual(1e-8);
    expect(ipop.restarts).toBeGreaterThan(0);
    for (const v of ipop.x) expect(Math.abs(v)).toBeLessThan(1e-4);
  });

  it('is deterministic for a given seed', () => {
    const a = cmaes(rosenbrock, new Rng(7), { x0: [0, 0, 0], sigma0: 0.3, budget: 600 });
    const b = cmaes(rosenbrock, new Rng(7), { x0: [0, 0, 0], sigma0: 0.3, budget: 600 });
    expect(a).toEqual(b);
  });

  it('stays in its box: the minimum of a sphere centred outside lies on the boundary', () => {
    const shifted = (x: number[]) => sphere(x.map((v) => v - 5));
    const seen: number[][] = [];
    const r = cmaes((x) => (seen.push(x), shifted(x)), new Rng(2), { x0: [0, 0], sigma0: 1, lower: [-1, -1], upper: [1, 1], budget: 3000 });
    for (const x of seen) for (const v of x) expect(Math.abs(v)).toBeLessThanOrEqual(1);
    expect(r.x[0]).toBeCloseTo(1, 6);
    expect(r.x[1]).toBeCloseTo(1, 6);
  });

  it('stops at the target, at a halt (null), and at the budget', () => {
    expect(cmaes(sphere, new Rng(1), { x0: [1, 1], sigma0: 0.5, budget: 10_000, target: 1e-3 }).stop).toBe('target');
    let calls = 0;
    const halted = cmaes(() => (++calls > 5 ? null : 1), new Rng(1), { x0: [1, 1], sigma0: 0.5, budget: 100 });
    expect(halted.stop).toBe('halt');
    expect(halted.evaluations).toBe(6);
    const cut = cmaes(rosenbrock, new Rng(1), { x0: [-1, 2], sigma0: 0.1, budget: 30 });
    expect(cut.stop).toBe('budget');
    expect(cut.evaluations).toBeLessThanOrEqual(30);
  });

  it('converges (tolX) on a sphere, and IPOP spends its whole budget across restarts', () => {
    expect(cmaes(sphere, new Rng(4), { x0: [2, 2, 2], sigma0: 1, budget: 100_000, tolX: 1e-8, tolFun: 0 }).stop).toBe('tolX');
    const r = ipopCmaes(sphere, new Rng(4), { start: () => [2, 2, 2], sigma0: 1, budget: 3000, tolX: 1e-6 });
    expect(r.restarts).toBeGreaterThan(0);
    expect(r.evaluations).toBeLessThanOrEqual(3000);
    expect(r.f).toBeLessThan(1e-10);
  });
});
