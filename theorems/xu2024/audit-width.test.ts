import { describe, expect, it } from 'vitest';
import {
  AUDIT_SCHEMES,
  auditInstance,
  auditRun,
  defaultAuditConfig,
  eckartYoungFloor,
  formatWidthAudit,
  priorWorkRequirements,
  requirementsFor,
  trainAtWidth,
  widthAudit,
  type WidthAuditConfig,
} from './audit-width.ts';
import { networkSetup } from 'ratecheck';

const small = { ...auditInstance(3), m: 6, n: 5, N: 8, rankD: 3, r: 2, condD: 3 };
const config = (o: Partial<WidthAuditConfig> = {}) => defaultAuditConfig({ instance: small, draws: 2, maxIterations: 4000, ...o });

describe('width audit', () => {
  it('finds width rank(L) for NAG from (13) and the Gaussian init, and m for (14)', () => {
    const rep = widthAudit(config({ schemes: ['orthonormal', 'gaussian', 'wide'], methods: ['nag'], maxIterations: 6000 }));
    expect(rep.rankL).toBe(2);
    expect(rep.rankD).toBe(3);
    expect(rep.kappa).toBeCloseTo(rep.condD ** 2, 10);
    const row = (scheme: string) => rep.rows.find((r) => r.scheme === scheme)!;
    expect(row('orthonormal').smallestWidth).toBe(2);
    expect(row('orthonormal').rate!).toBeLessThan(row('orthonormal').theoremRate!); // faster than Theorem 3's θ
    expect(row('gaussian').smallestWidth).toBe(2);
    expect(row('gaussian').theoremRate).toBeNull();
    expect(row('wide').smallestWidth).toBeGreaterThanOrEqual(2);
    // widths below rank(L) are never run: Eckart–Young
    expect(row('orthonormal').tried[0]).toMatchObject({ d: 1, converged: 0, stops: ['eckart-young', 'eckart-young'] });
    expect(rep.priorWork.some((q) => q.source.startsWith('Du & Hu'))).toBe(true);
    const text = formatWidthAudit(rep);
    expect(text).toMatch(/smallest width/);
    expect(text).toMatch(/Corollary 2: d ≥ r̄ = rank\(L\) \[2\]/);
    expect(text).toMatch(/prior-work width requirements/);
  });

  it('reports rows with no converging width and notes the widths cut by the budget', () => {
    const rep = widthAudit(config({ schemes: ['wide'], methods: ['gd'], maxIterations: 30, maxWidth: 3 }));
    expect(rep.rows[0].smallestWidth).toBeNull();
    expect(rep.rows[0].tried.at(-1)!.stops).toEqual(['budget', 'budget']);
    const text = formatWidthAudit(rep);
    expect(text).toMatch(/none ≤ 3/);
    expect(text).toMatch(/did not converge for every draw/);
  });

  it('classifies converged and diverged runs', () => {
    const su = networkSetup(small);
    const cfg = config();
    const { spec, c } = auditRun(su, 'orthonormal', 'gd', 2, 1, cfg);
    expect(spec.stepSize).toBeGreaterThan(0);
    expect(c).toBeGreaterThan(0);
    const out = trainAtWidth(su, 'orthonormal', 'gd', 2, 1, cfg);
    expect(out).toMatchObject({ converged: true, stop: 'converged' });
    expect(out.rate!).toBeLessThan(1);
    // far below Theorem 3's threshold, (13)'s step 2/(L̃+μ̃) is too long: the run blows up
    const blown = trainAtWidth(su, 'orthonormal', 'gd', 2, 1, { ...cfg, cMultiplier: 1e-3 });
    expect(blown).toMatchObject({ converged: false, stop: 'diverged', rate: null });
  });

  it('the Eckart–Young floor is zero from width rank(L) on', () => {
    const su = networkSetup(small);
    expect(eckartYoungFloor(su, 1)).toBeGreaterThan(0);
    expect(eckartYoungFloor(su, 2)).toBe(0);
  });

  it('lists a requirement for every method and scheme, with hidden constants flagged', () => {
    const su = networkSetup(small);
    for (const scheme of AUDIT_SCHEMES) {
      for (const method of ['gd', 'nag'] as const) {
        const reqs = requirementsFor(method, scheme, su);
        expect(reqs.length).toBeGreaterThan(0);
        for (const q of reqs) expect(q.statement.length).toBeGreaterThan(0);
      }
    }
    const duHu = requirementsFor('gd', 'gaussian', su)[0];
    expect(duHu.value).toBeCloseTo(3 * (su.lambdaMax / su.lambdaMin) ** 3 * 6, 6);
    expect(duHu.hiddenConstant).toBe(true);
    expect(requirementsFor('nag', 'orthonormal', su)[0]).toMatchObject({ value: 2, hiddenConstant: false });
    expect(requirementsFor('nag', 'wide', su)[0].value).toBe(6);
    expect(requirementsFor('gd', 'orthogonal', su)[0].value).toBeNull();
    expect(priorWorkRequirements(su)).toHaveLength(5);
  });

  it('rejects bad configurations with a RangeError', () => {
    expect(() => widthAudit(config({ draws: 0 }))).toThrow(/draws/);
    expect(() => widthAudit(config({ maxWidth: 0 }))).toThrow(/maxWidth/);
    expect(() => widthAudit(config({ maxIterations: 1.5 }))).toThrow(/maxIterations/);
    expect(() => widthAudit(config({ tolerance: 0.5 }))).toThrow(/tolerance/);
    expect(() => widthAudit(config({ cMultiplier: -1 }))).toThrow(/cMultiplier/);
    expect(() => widthAudit(config({ methods: [] }))).toThrow(/at least one/);
    expect(() => widthAudit(config({ instance: { ...small, rankD: 9 } }))).toThrow(RangeError);
  });
});
