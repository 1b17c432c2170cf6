import { describe, expect, it } from 'vitest';
import type { Row } from 'ratecheck';
import type { AuditRow } from './audit-init.ts';
import type { WidthAuditReport } from './audit-width.ts';
import { initAuditFigure, widthAuditFigure } from './audit-figures.ts';

const initRow = (over: Partial<AuditRow>): AuditRow => ({
  d: 5,
  setting: 'c = c_min(Thm 1)',
  c: 1,
  method: 'gd',
  condX0: 3,
  thm1Margin: 1,
  thm2Margin: 2,
  converged: true,
  iterations: 100,
  diverged: false,
  observedFactor: 0.9,
  theoremFactor: 0.95,
  boundHeld: true,
  firstViolation: null,
  ...over,
});

describe('audit heatmaps', () => {
  it('initialization audit: margin colour (log₁₀), convergence and bound in each cell', () => {
    const f = initAuditFigure(
      [
        initRow({ setting: 'c = 10^-2·c_min(Thm 1)' }),
        initRow({ method: 'nag', thm2Margin: 1e-3, boundHeld: false, firstViolation: 0 }),
        initRow({ d: 20, setting: 'small', thm1Margin: 0, diverged: true, converged: false, iterations: null, boundHeld: false }),
        initRow({ d: 20, method: 'nag', setting: 'small', thm2Margin: 12345, converged: false, iterations: null }),
      ],
      'test instance',
    );
    const rows = (f.spec.data as { values: Row[] }).values;
    expect(rows.map((r) => r.label)).toEqual([
      'hyp. ✓ (margin 1)\nconverged at t = 100\nbound held ✓',
      'hyp. ✗ (margin 10⁻³)\nconverged at t = 100\nbound ✗ from t = 0',
      'hyp. ✗ (margin 0)\ndiverged\nbound not compared',
      'hyp. ✓ (margin 1.2·10⁴)\nnot converged\nbound held ✓',
    ]);
    // three lines per cell, centred; white text on dark cells (read from the colour scale), full labels
    const text = (f.spec.layer as { mark: Record<string, unknown>; encoding?: Record<string, { condition?: { test: string; value: string }; value?: string }> }[])[2];
    expect(text.mark).toMatchObject({ type: 'text', lineBreak: '\n', dy: -12 });
    expect(text.encoding!.color.condition).toMatchObject({ value: 'white' });
    expect(text.encoding!.color.condition!.test).toContain("luminance(scale('color'");
    expect(text.encoding!.color.value).toBe('black');
    expect(JSON.stringify(f.spec.encoding)).toContain('"labelLimit":0');
    expect(rows.map((r) => r.logMargin)).toEqual([0, -3, null, Math.log10(12345)]);
    expect(rows[0].setting).toBe('c = 10⁻²·c_min(Thm 1)');
    expect(rows.map((r) => r.column)).toEqual(['d = 5, GD', 'd = 5, NAG', 'd = 20, GD', 'd = 20, NAG']);
    expect(f.caption).toContain('test instance');
    expect(f.name).toBe('audits/init-audit');
  });

  it('width audit: fraction of draws converged per width, the smallest width starred', () => {
    const rep = {
      instance: { m: 4, n: 3, N: 5, seed: 1 },
      rankL: 2,
      rankD: 3,
      condD: 2,
      kappa: 4,
      condAStar: 1,
      config: { draws: 2, tolerance: 1e-8, maxIterations: 100 },
      rows: [
        {
          method: 'nag',
          scheme: 'unbalanced',
          label: 'unbalanced (12)',
          smallestWidth: 3,
          rate: 0.5,
          iterations: 10,
          theoremRate: 0.9,
          tried: [
            { d: 1, converged: 0, stops: ['eckart-young', 'eckart-young'], finalResidual: 0.5 },
            { d: 2, converged: 1, stops: ['converged', 'budget'], finalResidual: 1e-3 },
            { d: 3, converged: 2, stops: ['converged', 'converged'], finalResidual: 1e-9 },
          ],
          requirements: [{ source: 'Corollary 1', statement: 'd ≥ r̄', value: 2, hiddenConstant: true }],
        },
        { method: 'gd', scheme: 'gaussian', label: 'Gaussian', smallestWidth: null, rate: null, iterations: null, theoremRate: null, tried: [{ d: 1, converged: 0, stops: ['budget', 'budget'], finalResidual: 0.1 }], requirements: [{ source: 'Du & Hu', statement: 'n/a', value: null, hiddenConstant: true }] },
      ],
      priorWork: [],
      timeMs: 1,
    } as unknown as WidthAuditReport;
    const f = widthAuditFigure(rep);
    const rows = (f.spec.data as { values: Row[] }).values;
    expect(rows.map((r) => r.label)).toEqual(['rank', '1/2', '2/2 ★', '0/2']);
    expect(rows.map((r) => r.fraction)).toEqual([0, 0.5, 1, 0]);
    expect(f.caption).toContain('unbalanced (12), NAG: smallest width 3; required d ≥ r̄ (Corollary 1, 2·C)');
    expect(f.caption).toContain('Gaussian, GD: smallest width none up to 3');
  });
});
