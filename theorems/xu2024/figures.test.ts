/**
 * Xu, Wang, Zhao, Ward, Tao (NeurIPS 2024), Section 5 and Appendix E: the paper figures reproduce the
 * paper's qualitative claims (NAG faster than GD, a larger width faster, GD and AltGD overlapping, theory
 * slopes about half the observed ones), and the helpers they rest on are exact (the reduction with
 * Y₀ ≠ 0).
 */
import { describe, expect, it } from 'vitest';
import { clone, curveRows, firstBelow, gaussianMatrix, logSlope, lossCurve, meanCurve, methodSpec, runFactorization, scale, zeros, type Row } from 'ratecheck';
import { paperSetup, thm1Quantities, xuSetup } from './mf-setup.ts';
import { figure1, figure2, figure4 } from './figures-gd-nag.ts';
import { figure3 } from './figures-theory.ts';
import { figure5, figure6, reduceWithY0 } from './figures-varying.ts';
import { METHOD_LABEL, networkPanel } from './figures-network.ts';
import { paperNetwork } from './network-setup.ts';

type Summary = Record<string, { iterationsTo1e10: { gd: number | null; nag: number | null }; medianCondX0: number }>;
const inf = (v: number | null) => (v === null ? Infinity : v);

describe('curve helpers', () => {
  it('records a loss curve and stops at divergence', () => {
    const c = lossCurve((observe, T) => {
      for (let t = 0; t <= T; t++) if (!observe(t, { residualNorm: 2 ** -t })) return;
    }, 5);
    expect(c.t).toEqual([0, 1, 2, 3, 4, 5]);
    expect(c.loss[1]).toBe(0.125);
    expect(c.diverged).toBe(false);
    const d = lossCurve((observe, T) => {
      for (let t = 0; t <= T; t++) if (!observe(t, { residualNorm: t < 2 ? 1 : NaN })) return;
    }, 5);
    expect(d).toEqual({ t: [0, 1], loss: [0.5, 0.5], diverged: true });
    const m = meanCurve([c, d]);
    expect(m.t).toEqual([0, 1]);
    expect(m.loss).toEqual([0.5, (0.125 + 0.5) / 2]);
    expect(m.diverged).toBe(true);
  });

  it('cuts rows at the floor (keeping the first point below), finds levels and fits slopes', () => {
    const t = Array.from({ length: 50 }, (_, i) => i);
    const curve = { t, loss: t.map((i) => Math.exp(-0.5 * i)), diverged: false };
    const rows: Row[] = curveRows(curve, Math.exp(-10.2), { series: 's' });
    expect(rows[rows.length - 1].t).toBe(21);
    expect(rows[0]).toMatchObject({ series: 's', t: 0, value: 1 });
    expect(firstBelow(curve, Math.exp(-5))).toBe(10);
    expect(firstBelow(curve, 0)).toBeNull();
    expect(logSlope(t, curve.loss)).toBeCloseTo(-0.5, 12);
    expect(logSlope([0], [1])).toBeNull();
    expect(logSlope([0, 1], [0, -1])).toBeNull();
  });
});

describe('set-ups and reductions', () => {
  it('the reduction for Y₀ = c₂Φ₂ ∉ row(A) gives the dense residuals', () => {
    const base = { ...paperSetup(6), m: 20, n: 16 };
    const su = xuSetup(base);
    const X0 = scale(clone(su.APhi), 3);
    const Y0 = scale(gaussianMatrix(5, 'Phi2', base.n, base.d, 1 / base.n), 0.5);
    const q = thm1Quantities(su, 3);
    const spec = methodSpec('gd', q.L, q.mu);
    const dense: number[] = [], reduced: number[] = [];
    runFactorization({ A: su.A, X0, Y0 }, spec, (_t, m) => (dense.push(m.residualNorm), true), 40);
    const r = reduceWithY0(su, X0, Y0);
    expect(r.A.rows).toBe(base.r);
    expect(r.A.cols).toBe(base.r + base.d);
    runFactorization(r, spec, (_t, m) => (reduced.push(m.residualNorm), true), 40);
    for (let t = 0; t <= 40; t++) expect(Math.abs(reduced[t] - dense[t])).toBeLessThan(1e-10 * dense[0]);
    // Y₀ = 0: the basis is V alone
    const r0 = reduceWithY0(su, X0, zeros(base.n, base.d));
    expect(r0.A.cols).toBe(base.r);
  });
});

describe('the paper figures (qualitative claims)', () => {
  it('Figure 2: NAG is faster than GD, and a larger width converges faster', () => {
    const f = figure2({ error: 'not drawn in this test' }, 1500);
    expect(f.caption).toContain('network panel is left out: not drawn in this test');
    const s = (f.meta as Record<string, Summary>)['matrix factorization'];
    for (const d of ['d = 5', 'd = 20', 'd = 80']) {
      const its = s[d].iterationsTo1e10;
      expect(inf(its.nag)).toBeLessThan(inf(its.gd));
    }
    const nag = (d: string) => inf(s[d].iterationsTo1e10.nag);
    expect(nag('d = 80')).toBeLessThan(nag('d = 20'));
    expect(nag('d = 20')).toBeLessThan(nag('d = 5'));
    expect(s['d = 80'].medianCondX0).toBeLessThan(s['d = 5'].medianCondX0);
    expect(f.name).toBe('xu2024/figure2-gd-vs-nag');
  });

  it('Figure 1: GD and AltGD with η = 2/(L+μ) overlap; GD with η = 1/L does not', () => {
    const net = { rows: [{ panel: 'network', d: 'd = 5', method: 'GD', series: 'n', t: 0, value: 1 }], caption: 'Network note.', meta: { n: 1 } };
    const f = figure1(net, 1500);
    expect(f.caption).toContain('Network note.');
    expect((f.spec.concat as unknown[]).length).toBe(2);
    const s = (f.meta as Record<string, Record<string, Record<string, { iterationsTo1e10: number | null }>>>)['matrix factorization'];
    for (const d of ['d = 20', 'd = 80']) {
      const gd = inf(s[d]['GD'].iterationsTo1e10), alt = inf(s[d]['AltGD'].iterationsTo1e10), slow = inf(s[d]['GD, η = 1/L'].iterationsTo1e10);
      expect(Math.abs(alt - gd)).toBeLessThanOrEqual(0.05 * gd);
      expect(slow).toBeGreaterThan(1.2 * gd);
    }
    // AltGD lies under GD: dashed, and circles on its rows (every 12th and the last), said in the caption
    const panel = (f.spec.concat as { layer: { mark: Record<string, unknown>; encoding: Record<string, { scale?: { domain: string[]; range: unknown[] } }>; transform: { filter: string }[] }[] }[])[0];
    const dash = panel.layer[0].encoding.strokeDash.scale!;
    expect(dash.range[dash.domain.indexOf('AltGD')]).toEqual([6, 3]);
    expect(panel.layer[1].mark).toMatchObject({ type: 'point', shape: 'circle', filled: false });
    expect(panel.layer[1].transform[0].filter).toContain('datum["marker"] === true');
    const rows = (f.spec.data as { values: Row[] }).values;
    const alt = rows.filter((r) => r.method === 'AltGD' && r.series === 'mf:20:altgd');
    expect(alt.filter((r) => r.marker === true).length).toBe(Math.ceil(alt.length / 12) + ((alt.length - 1) % 12 === 0 ? 0 : 1));
    expect(rows.filter((r) => r.method !== 'AltGD').every((r) => r.marker === undefined)).toBe(true);
    expect(f.caption).toContain('AltGD coincides with GD');
    expect(f.caption).toMatch(/differ by at most [^ ]+% at d = 5, [^ ]+% at d = 20, [^ ]+% at d = 80/);
    const gaps = ['d = 5', 'd = 20', 'd = 80'].map((d) => (s[d] as unknown as { altGdRelativeGap: number }).altGdRelativeGap);
    for (const g of gaps) expect(g).toBeLessThan(0.01);
  });

  it('Figure 3: the theory slopes are about half the observed ones (GD exactly, NAG nearly)', () => {
    const f = figure3(20, [{ kappa: 10, methods: ['gd'], T: 1500 }, { kappa: 100, methods: ['gd', 'nag'], T: 3000 }]);
    const findings = (f.meta as { findings: Record<string, { slopeRatio: number }> }).findings;
    expect(findings['κ = 10 GD'].slopeRatio).toBeGreaterThan(1.9);
    expect(findings['κ = 10 GD'].slopeRatio).toBeLessThan(2.1);
    expect(findings['κ = 100 GD'].slopeRatio).toBeGreaterThan(1.9);
    expect(findings['κ = 100 GD'].slopeRatio).toBeLessThan(2.1);
    expect(findings['κ = 100 NAG'].slopeRatio).toBeGreaterThan(1.3);
    expect(f.caption).toContain('theory slope');
  });

  it('Figure 5: once c is large enough the rate barely changes with c', () => {
    const f = figure5(20, [1, 50, 200], 800);
    const s = (f.meta as { summary: Record<string, { iterationsTo1e10: number | null }> }).summary;
    for (const m of ['gd', 'nag']) {
      const a = inf(s[`${m} c = 50√d`].iterationsTo1e10), b = inf(s[`${m} c = 200√d`].iterationsTo1e10);
      expect(Math.abs(a - b)).toBeLessThanOrEqual(0.05 * a);
    }
  });

  it('Figure 6: the initial loss grows with c₂ while the slope hardly changes', () => {
    const f = figure6(20, 50, [0, 0.5, 2], 800);
    const s = (f.meta as { summary: Record<string, { initialLoss: number; observedLogSlope: number }> }).summary;
    expect(s['c₂ = 0.5'].initialLoss).toBeGreaterThan(s['c₂ = 0'].initialLoss);
    expect(s['c₂ = 2'].initialLoss).toBeGreaterThan(s['c₂ = 0.5'].initialLoss);
    const slopes = Object.values(s).map((v) => v.observedLogSlope);
    expect(Math.max(...slopes) / Math.min(...slopes)).toBeLessThan(1.5);
  });

  it('Figure 4 is Figure 2 on the larger instance', () => {
    const f = figure4(undefined, 300);
    expect(f.name).toBe('xu2024/figure4-larger');
    expect(f.caption).toContain('A ∈ ℝ¹²⁰⁰ˣ¹⁰⁰⁰');
    expect((f.spec.data as { values: Row[] }).values.length).toBeGreaterThan(0);
  });
});

type NetworkSummary = Record<string, Record<string, { iterationsTo1e10: number | null; medianCondX0: number; diverged: boolean }>>;

describe('network panels (Xu et al. 2024, Section 5 network)', () => {
  it('NAG is faster than GD and a wider network converges faster, on the exact reduced problem', () => {
    const p = networkPanel((d) => paperNetwork(d), ['gd', 'nag', 'altgd'], 800, 'network', [5, 20, 40], 3);
    const meta = p.meta as { reduced: boolean; rankL: number; summary: NetworkSummary };
    expect(meta.reduced).toBe(true);
    expect(meta.rankL).toBe(5);
    const s = meta.summary;
    const it = (d: string, m: string) => s[d][m].iterationsTo1e10 ?? Infinity;
    expect(it('d = 20', 'NAG')).toBeLessThan(it('d = 20', 'GD'));
    expect(it('d = 40', 'NAG')).toBeLessThan(it('d = 5', 'NAG'));
    expect(Math.abs(it('d = 20', 'AltGD') - it('d = 20', 'GD'))).toBeLessThanOrEqual(0.05 * it('d = 20', 'GD'));
    expect(s['d = 5'].GD.diverged).toBe(false);
    expect(p.rows.every((r) => r.panel === 'network' && (r.value as number) > 0)).toBe(true);
    expect(new Set(p.rows.map((r) => r.method))).toEqual(new Set(['GD', 'NAG', 'AltGD']));
    expect(p.caption).toContain('(m, n, N) = (100, 80, 120)');
    expect(METHOD_LABEL['gd-1/L']).toBe('GD, η = 1/L');
  });
});
