import { describe, expect, it } from 'vitest';
import { auditFindings, auditInit, auditTable, defaultSettings } from './audit-init.ts';

describe('initialization audit', () => {
  it('shows the paper’s c = 50√d outside the proven regime at d = 5 and inside it at d = 80', () => {
    const settings = defaultSettings().filter((s) => /50√d|c = c_min\(Thm 1\)|Remark 1: c₁ = 50, Y₀ = 1·|balanced/.test(s.label));
    const rows = auditInit({ widths: [5, 80], settings, iterations: 3000 });
    expect(rows).toHaveLength(2 * settings.length * 2);
    const paper = (d: number) => rows.find((r) => r.d === d && r.setting.startsWith('c = 50√d') && r.method === 'gd')!;
    expect(paper(5).thm1Margin).toBeLessThan(1);
    expect(paper(80).thm1Margin).toBeGreaterThanOrEqual(1);
    // at the Theorem 1 threshold the bound holds along the whole run and GD converges
    const atThreshold = rows.find((r) => r.d === 80 && r.setting === 'c = c_min(Thm 1)' && r.method === 'gd')!;
    expect(atThreshold.thm1Margin).toBeCloseTo(1, 6);
    expect(atThreshold.boundHeld).toBe(true);
    expect(atThreshold.converged).toBe(true);
    expect(atThreshold.observedFactor!).toBeLessThan(atThreshold.theoremFactor);
    // the theorems' step from a tiny balanced X₀ is huge: the run diverges
    expect(rows.find((r) => r.setting.startsWith('small balanced'))!.diverged).toBe(true);
    const findings = auditFindings(rows);
    expect(findings[0]).toMatch(/d = 5: the paper's c = 50√d = .* is OUTSIDE Theorem 1/);
    expect(findings[1]).toMatch(/d = 80: .* inside Theorem 1/);
    expect(auditTable(rows)).toMatch(/initialization\s+c\s+method/);
  });
});
