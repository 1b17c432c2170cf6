import { describe, expect, it } from 'vitest';
import { auditInitNetwork, networkAuditFindings, networkAuditTable, networkSettings } from './audit-init-network.ts';

describe('network initialization audit', () => {
  it('shows (12) with c = 50√d outside Theorem 3 at d = 20 and inside at d = 80, with the bound holding there', () => {
    const rows = auditInitNetwork({ widths: [20, 80], iterations: 2000 });
    expect(rows).toHaveLength(2 * networkSettings().length * 2);
    const paper = (d: number) => rows.find((r) => r.d === d && r.setting === '(12) c = 50√d (paper)' && r.method === 'nag')!;
    expect(paper(20).thm3Margin).toBeLessThan(1);
    expect(paper(80).thm3Margin).toBeGreaterThanOrEqual(1);
    expect(paper(80).boundHeld).toBe(true);
    expect(paper(80).converged).toBe(true);
    expect(paper(80).observedFactor!).toBeLessThan(paper(80).theoremFactor);
    const findings = networkAuditFindings(rows);
    expect(findings[0]).toMatch(/d = 20: .* OUTSIDE Theorem 3/);
    expect(findings[1]).toMatch(/d = 80: .* inside Theorem 3/);
    expect(networkAuditTable(rows)).toMatch(/Thm3 margin/);
  });
});
