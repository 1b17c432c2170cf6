import { describe, expect, it } from 'vitest';
import { paperNetwork } from '../../problems/linear-network.ts';
import { METHOD_LABEL, networkPanel } from './network.ts';

type Summary = Record<string, Record<string, { iterationsTo1e10: number | null; medianCondX0: number; diverged: boolean }>>;

describe('network panels (Xu et al. 2024, Section 5 network)', () => {
  it('NAG is faster than GD and a wider network converges faster, on the exact reduced problem', () => {
    const p = networkPanel((d) => paperNetwork(d), ['gd', 'nag', 'altgd'], 800, 'network', [5, 20, 40], 3);
    const meta = p.meta as { reduced: boolean; rankL: number; summary: Summary };
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
