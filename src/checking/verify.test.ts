import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Claim } from '../claims/types.ts';
import { verifyClaims, type VerifyTimings } from './verify.ts';
import { tooFast, upper } from '../reporting/figures/test-claims.ts';

describe('verifyClaims on one thread', () => {
  it('draws the report figures from the traces kept while verifying, and says where the time went', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'ratecheck-verify-')), 'report');
    let timings: VerifyTimings | undefined;
    const report = await verifyClaims([upper, tooFast] as Claim<unknown>[], { runs: 8, seed: 4, workers: 1, out, onTimings: (t) => (timings = t) });
    expect(report.claims.map((c) => c.verdict)).toEqual(['holds', 'refuted']);
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html).toContain('<figure class="rc-figure" data-claim="scalar.upper"><svg');
    expect(html).toContain('1 figure.');
    expect(timings).toBeDefined();
    const t = timings!;
    for (const v of [t.claimsMs, t.figuresMs, t.writeMs]) expect(v).toBeGreaterThanOrEqual(0);
    expect(t.reportMs).toBe(t.figuresMs + t.writeMs);
  });

  it('reports the timings without a report to write too', async () => {
    let timings: VerifyTimings | undefined;
    const report = await verifyClaims([upper] as Claim<unknown>[], { runs: 4, seed: 4, workers: 1, onTimings: (t) => (timings = t) });
    expect(report.claims[0].verdict).toBe('holds');
    expect(Object.keys(timings ?? {}).sort()).toEqual(['claimsMs', 'figuresMs', 'reportMs', 'writeMs']);
  });
});
