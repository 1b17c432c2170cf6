import { describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import { TightenCut, defaultMutate, tighten, tightenWithBudget } from './tighten.ts';
import { endless, sometimesLoops } from '../../properties/fixtures/hostile/long-run.ts';
import { toy } from '../../properties/fixtures/hostile/deadline-base.ts';
import { exact } from '../../properties/fixtures/toy-claims.ts';
import { Rng } from '../random/rng.ts';
import { main } from '../cli/main.ts';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

describe('tighten', () => {
  it('finds the exactly tight instance of an exact bound (ratio 1) and a contraction exponent ratio of 1', () => {
    const r = tighten(exact, { budgetMs: 300, seed: 1 });
    expect(r.ratio).toBeGreaterThanOrEqual(0.999);
    expect(r.ratio).toBeLessThan(1 + 1e-9);
    expect(r.valid).toBeGreaterThan(0);
    if (r.contraction) expect(r.contraction.exponentRatio).toBeCloseTo(1, 6);
  });

  it('the CMA-ES search (default) and the hill-climb baseline both reach the exact ratio 1; the result carries the curve', () => {
    for (const method of ['cma', 'hill-climb'] as const) {
      const r = tighten({ ...exact, examples: undefined }, { budgetMs: 30_000, seed: 3, explore: 5, maxEvaluations: 300, method });
      expect(r.method).toBe(method);
      expect(r.ratio).toBeGreaterThanOrEqual(0.999);
      expect(r.evaluations).toBeLessThanOrEqual(300);
      const curve = r.curve ?? [];
      expect(curve.length).toBe(r.improvements + 1);
      for (let i = 1; i < curve.length; i++) expect(curve[i].best).toBeGreaterThan(curve[i - 1].best);
      expect(curve[curve.length - 1].best).toBe(r.ratio);
    }
  });

  it('the tighten command prints the curve of best ratio against evaluations, and --method selects the search', async () => {
    const tmp = mkdtempSync(join(tmpdir(), 'ratecheck-tighten-'));
    try {
      let out = '', err = '';
      const io = { out: (s: string) => (out += s), err: (s: string) => (err += s) };
      const file = resolve('properties/fixtures/toy-claims.ts');
      const code = await main(['node', 'ratecheck', 'tighten', file, 'toy.exact', '--budget', '4', '--method', 'hill-climb', '--out', tmp], { io });
      expect(code, err).toBe(0);
      expect(out).toMatch(/\(hill-climb search\)/);
      expect(out).toMatch(/best ratio vs evaluations \(1, 2, 4, \.\.\., \d+\): [▁▂▃▄▅▆▇█]+\n {2}1: /);
      const saved = JSON.parse(readFileSync(join(tmp, 'toy.exact.json'), 'utf8'));
      expect(saved.curve.length).toBeGreaterThan(0);
      expect(await main(['node', 'ratecheck', 'tighten', file, 'toy.exact', '--method', 'annealing'], { io })).toBe(2);
      expect(err).toMatch(/--method must be cma or hill-climb/);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  }, 60_000);

  it('default mutation changes one or two numeric fields and redraws seeds', () => {
    const rng = new Rng(2);
    const p = { a: 3, b: 0.5, seed: 10, nested: { x: 2.5 }, label: 'k' };
    for (let i = 0; i < 20; i++) {
      const m = defaultMutate(p, () => rng.uniform(), 0.5) as typeof p;
      expect(m.label).toBe('k');
      const changed = (['a', 'b', 'seed'] as const).filter((k) => m[k] !== p[k]).length + (m.nested.x !== p.nested.x ? 1 : 0);
      expect(changed).toBeGreaterThanOrEqual(1);
      expect(changed).toBeLessThanOrEqual(2);
      expect(Number.isInteger(m.a)).toBe(true);
    }
    expect(defaultMutate(5, () => 0.3, 0.5)).toBe(5);
    expect(defaultMutate({ s: 'x' }, () => 0.3, 0.5)).toEqual({ s: 'x' });
  });

  it('a run cut at the budget is no measure: with every run cut, nothing to tighten (TightenCut)', () => {
    expect(() => tighten(endless as never, { budgetMs: 50, seed: 1, explore: 3 })).toThrow(TightenCut);
    expect(() => tighten(endless as never, { budgetMs: 50, seed: 1, explore: 3 })).toThrow(/no run finished within the budget \(\d+ cut at it\)/);
  });

  it('a claim that throws on every instance says so, with the first message', () => {
    const throws = toy('hostile.tighten-throws', () => ({
      run: () => {
        throw new Error('broken method');
      },
    }));
    expect(() => tighten(throws as never, { budgetMs: 200, seed: 1, explore: 3, maxEvaluations: 5 })).toThrow(/nothing to tighten: the claim threw on .* explored instances, first: .*broken method/);
  });

  it(
    'tightenWithBudget: in this thread without a source; on a worker with one, keeping the best instance at a cut',
    async () => {
      const here = await tightenWithBudget({ claim: exact as never }, { budgetMs: 100, seed: 1, maxEvaluations: 50 });
      expect(here.claimId).toBe('toy.exact');
      const improved: number[] = [];
      const r = await tightenWithBudget(
        { claim: sometimesLoops as never, file: resolve('properties/fixtures/hostile/long-run.ts') },
        { budgetMs: 1000, seed: 42, onImprove: (b) => improved.push(b.ratio), onProgress: () => {} },
      );
      expect(r.cut).toMatch(/the worker was terminated/);
      expect(r.contraction).toBeNull();
      expect(improved.length).toBeGreaterThan(0);
      await expect(tightenWithBudget({ claim: exact as never, file: resolve('properties/fixtures/toy-claims.ts') }, { budgetMs: 100, seed: 1, maxEvaluations: 30 })).resolves.toMatchObject({ claimId: 'toy.exact' });
    },
    60_000,
  );
});
