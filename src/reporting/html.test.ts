import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verifyClaim } from '../checking/runner.ts';
import type { Claim } from '../claims/types.ts';
import { claimAnchor, entryFigure, escapeHtml, htmlReport } from './html.ts';
import { SCHEMA_VERSION, TOOL_VERSION, buildEntry, summarize, type ClaimEntry, type Report } from './report.ts';
import { writeReport } from './write.ts';
import { loadRenderer } from './figures/render.ts';

// the figures render synchronously inside htmlReport, once vega is loaded
await loadRenderer();
import { aggregate, neverMet, scalarClaims, tooFast, upper } from './figures/test-claims.ts';

const out = mkdtempSync(join(tmpdir(), 'ratecheck-html-unit-'));

function entryOf(claim: Claim<unknown>): ClaimEntry {
  return buildEntry(claim, verifyClaim(claim, { runs: 5, seed: 3 }), out);
}

function reportOf(entries: ClaimEntry[], over: Partial<Report['options']> = {}): Report {
  return {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: 'ratecheck', version: TOOL_VERSION },
    createdAt: '2024-01-01T00:00:00.000Z',
    options: { runs: 5, seed: 3, timeLimitSec: null, maxIterations: null, dense: false, profile: 'default', shard: null, ...over },
    summary: summarize(entries),
    claims: entries,
  };
}

const holds = entryOf(upper as Claim<unknown>);
const refuted = entryOf(tooFast as Claim<unknown>);

describe('html helpers', () => {
  it('escapes markup and builds anchors', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    expect(claimAnchor('a.b/c d')).toBe('claim-a.b_c_d');
  });

  it('draws an entry’s figure from the tightest instance or the counterexample, and none for aggregate claims', () => {
    expect(entryFigure(holds, upper as Claim<unknown>, { samples: 1, dense: false })?.caption).toContain('Tightest instance');
    expect(entryFigure(refuted, tooFast as Claim<unknown>, { samples: 0, dense: false })?.caption).toContain('Counterexample: at t = 2');
    expect(entryFigure(holds, aggregate as Claim<unknown>, { samples: 1, dense: false })).toBeNull();
  });
});

describe('htmlReport', () => {
  const atZero: ClaimEntry = { ...refuted, id: 'scalar.at-zero', counterexample: { ...refuted.counterexample!, violation: { ...refuted.counterexample!.violation, iteration: 0 } } };
  const agg: ClaimEntry = { ...holds, id: 'scalar.aggregate', tightest: undefined, maxRatio: null, horizon: null, statistics: { failures: 1, p: 0.5 } };
  const unknown: ClaimEntry = { ...holds, id: 'elsewhere.claim', claimFile: '/tmp/claims.ts', reason: 'a note <b>' };
  const unmet: ClaimEntry = { ...holds, id: 'scalar.never-met', verdict: 'vacuous', expected: 'holds', asExpected: false, hypothesisFailures: { 'q < 1': 5 } };
  const broken: Claim<unknown> = {
    ...(upper as Claim<unknown>),
    id: 'scalar.broken-generator',
    params: fc.constant(1).map(() => {
      throw new Error('generator broke');
    }),
  };
  const brokenEntry: ClaimEntry = { ...holds, id: broken.id, tightest: undefined };
  const report = reportOf([holds, refuted, atZero, agg, unknown, unmet, brokenEntry], { shard: '1/2', maxIterations: 50, dense: true });
  const html = htmlReport(report, { claims: [...scalarClaims, broken, { ...(tooFast as Claim<unknown>), id: 'scalar.at-zero' }] });

  it('is one self-contained page: no network URL loaded, inline style and script', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).not.toMatch(/(src|href)="https?:/);
    expect(html).not.toMatch(/<link[^>]+stylesheet/);
    expect(html).toContain('<style>');
    expect(html).toContain('<script>');
    expect(html).not.toContain('xmlns="http');
  });

  it('has the verdict table, summary and options', () => {
    expect(html).toContain('<table class="verdicts">');
    expect(html.match(/<tr class="[^"]*"><td><a href="#claim-/g)).toHaveLength(7);
    expect(html).toContain('not as expected: scalar.never-met');
    expect(html).toContain('shard 1/2');
    expect(html).toContain('at most 50 iterations');
    expect(html).toContain('dense methods');
  });

  it('shows statements and escaped sources, notes, failures and statistics', () => {
    expect(html).toContain('x_t ≤ q^t');
    expect(html).toContain('Scalar recursion &lt;test&gt; &amp; &quot;quotes&quot;');
    expect(html).toContain('<code>https://example.org/scalar</code>');
    expect(html).toContain('a note &lt;b&gt;');
    expect(html).toContain('q &lt; 1: 5');
    expect(html).toContain('&quot;failures&quot;: 1');
    expect(html).toContain('<code>/tmp/claims.ts</code>');
    expect(html).toContain('href="#claim-scalar.upper"'); // the variant links to its claim
  });

  it('lists counterexamples with a copyable replay command', () => {
    expect(html).toContain('<section id="counterexamples">');
    expect(html).toContain(`data-copy="ratecheck replay ${join(out, 'counterexamples', 'scalar.too-fast.json')}"`);
    expect(html).toContain('Shrunk in');
  });

  it('draws figures where it can, and says why not elsewhere', () => {
    expect(html.match(/<figure class="rc-figure"/g)).toHaveLength(2);
    expect(html).toContain('<figure class="rc-figure" data-claim="scalar.upper"><svg');
    expect(html).toContain('violates the bound at t = 0');
    expect(html).toContain('decided over many instances');
    expect(html).toContain('the claim was not handed to the report writer');
    expect(html).toContain('no instance produced a compared iteration');
    expect(html).toContain('drawing it failed (generator broke)');
    expect(html).toContain('2 figures');
  });

  it('prefixes the ids of each inline SVG so that figures never share one', () => {
    const ids = [...html.matchAll(/ id="(f\d+-[^"]+)"/g)].map((m) => m[1]);
    expect(ids.length).toBeGreaterThan(0);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('leaves the figures out on request, and reports no counterexamples when there are none', () => {
    const plain = htmlReport(reportOf([holds]), { claims: scalarClaims, figures: false });
    expect(plain).not.toContain('<figure');
    expect(plain).toContain('No counterexamples.');
    expect(plain).not.toContain('not as expected');
  });

  it('says why a figure was skipped on purpose', () => {
    const html = htmlReport(reportOf([holds]), { claims: scalarClaims, skipped: new Map([[holds.id, 'drawing it was skipped, the time limit had run out']]) });
    expect(html).toContain('No figure: drawing it was skipped, the time limit had run out.');
    expect(html).not.toContain('<figure');
  });

  it('draws no figure for a claim it was not handed', () => {
    expect(htmlReport(reportOf([holds]))).toContain('the claim was not handed to the report writer');
  });
});

describe('writeReport', () => {
  it('also writes report.html next to report.json and report.md', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ratecheck-write-'));
    const entry = buildEntry(neverMet as Claim<unknown>, verifyClaim(neverMet as Claim<unknown>, { runs: 3, seed: 1 }), dir);
    await writeReport(dir, reportOf([entry]), { claims: scalarClaims });
    for (const f of ['report.json', 'report.md', 'report.html']) expect(existsSync(join(dir, f))).toBe(true);
    expect(readFileSync(join(dir, 'report.html'), 'utf8')).toContain('scalar.never-met');
  });
});
