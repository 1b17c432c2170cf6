import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verifyClaim } from '../checking/runner.ts';
import type { Claim } from '../claims/types.ts';
import { claimAnchor, entryFigure, escapeHtml, figureWanted, htmlReport } from './html.ts';
import { SCHEMA_VERSION, TOOL_VERSION, buildEntry, summarize, type ClaimEntry, type Report } from './report.ts';
import { writeReport } from './write.ts';
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
  const agg: ClaimEntry = { ...holds, id: 'scalar.aggregate', tightest: undefined, maxRatio: null, horizon: null, statistics: { failures: 1, p: 0.5, clopperPearson95: [0.01, 0.2] } };
  const unknown: ClaimEntry = { ...holds, id: 'elsewhere.claim', claimFile: '/tmp/claims.ts', reason: 'a note <b>' };
  const unmet: ClaimEntry = { ...holds, id: 'scalar.never-met', verdict: 'vacuous', expected: 'holds', asExpected: false, hypothesisFailures: { 'q < 1': 5 } };
  // a refutation nobody expected: drawn, in red, open
  const surprise: ClaimEntry = { ...refuted, id: 'scalar.surprise', expected: 'holds', asExpected: false };
  const broken: Claim<unknown> = {
    ...(upper as Claim<unknown>),
    id: 'scalar.broken-generator',
    params: fc.constant(1).map(() => {
      throw new Error('generator broke');
    }),
  };
  const brokenEntry: ClaimEntry = { ...holds, id: broken.id, tightest: undefined };
  const report = reportOf([holds, refuted, atZero, agg, unknown, unmet, brokenEntry, surprise], { shard: '1/2', maxIterations: 50, dense: true });
  const html = htmlReport(report, {
    claims: [...scalarClaims, broken, { ...(tooFast as Claim<unknown>), id: 'scalar.at-zero' }, { ...(tooFast as Claim<unknown>), id: 'scalar.surprise', expected: 'holds' }],
  });

  it('is one self-contained page: nothing loaded from the network, inline style and script', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).not.toMatch(/src="https?:/);
    expect(html).not.toMatch(/<link[^>]+stylesheet/);
    expect(html).not.toMatch(/<(img|iframe|object|embed)\b/);
    // the only http(s) URLs are links (followed on a click)
    for (const m of html.matchAll(/="(https?:[^"]*)"/g)) expect(html).toContain(`<a href="${m[1]}"`);
    expect(html).toContain('<style>');
    expect(html).toContain('<script>');
    expect(html).not.toContain('xmlns="http');
  });

  it('has a summary, a filterable verdict table and options', () => {
    expect(html).toContain('<table class="verdicts">');
    expect(html.match(/<tr data-verdict="[a-z]+" data-unexpected="[01]"[^>]*><td><a href="#claim-/g)).toHaveLength(8);
    expect(html).toContain('<div class="banner bad"><strong>2 claims not as expected</strong>');
    expect(html).toContain('<a href="#claim-scalar.never-met">scalar.never-met</a>');
    for (const id of ['filter-text', 'filter-verdict', 'filter-unexpected']) expect(html).toContain(`id="${id}"`);
    expect(html).toContain('shard 1/2');
    expect(html).toContain('at most 50 iterations');
    expect(html).toContain('dense methods');
  });

  it('is calm about expected outcomes and red about unexpected ones', () => {
    expect(html).toContain('<span class="badge b-ok">holds</span>');
    expect(html).toContain('<span class="badge b-exp">refuted as expected</span>');
    expect(html).toContain('<span class="badge b-bad">vacuous <small>(expected holds)</small></span>');
    // cards: collapsible, open only when not as expected
    expect(html).toMatch(/<details id="claim-scalar.upper" class="claim" data-verdict="holds" data-unexpected="0">/);
    expect(html).toMatch(/<details id="claim-scalar.surprise" class="claim unexpected" data-verdict="refuted" data-unexpected="1" open>/);
    const calm = htmlReport(reportOf([holds, refuted]), { claims: scalarClaims });
    expect(calm).toContain('<div class="banner ok">✓ All 2 claims as expected: 1 hold, 1 false variant refuted as expected.</div>');
    expect(calm).not.toContain('banner bad');
    expect(calm).not.toMatch(/<span class="badge b-bad">[a-z]+ <small>/);
  });

  it('shows statements with math, links, escaped sources, notes and tables instead of JSON', () => {
    expect(html).toContain('<math><mrow><msub><mi>x</mi><mi>t</mi></msub><mo>≤</mo><msup><mi>q</mi><mi>t</mi></msup></mrow></math>');
    expect(html).toContain('Scalar recursion &lt;test&gt; &amp; &quot;quotes&quot;');
    expect(html).toContain('<a href="https://example.org/scalar">https://example.org/scalar</a>');
    expect(html).toContain('a note &lt;b&gt;');
    expect(html).toContain('<tr><th>q &lt; 1</th><td>5</td></tr>');
    expect(html).toContain('<tr><th>failures</th><td>1</td></tr>');
    expect(html).toContain('<tr><th>95% Clopper–Pearson interval</th><td>0.01000 – 0.2000</td></tr>');
    expect(html).toContain('<tr><th>the bound fell below its roundoff floor</th>');
    expect(html).toContain('<table class="kv params"><tbody><tr><th>q</th>');
    expect(html).not.toContain('<pre class="json">');
    expect(html).toContain('<code>/tmp/claims.ts</code>');
    expect(html).toContain('href="#claim-scalar.upper"'); // the variant links to its claim
    expect(html).toContain('How to read this report');
  });

  it('lists counterexamples, unexpected first, and each card has a copyable replay command', () => {
    expect(html).toContain('<section id="counterexamples">');
    expect(html).toMatch(/<details class="cxs" open><summary>3 counterexamples, <strong class="bad">1 not as expected<\/strong><\/summary><ul class="cx"><li class="unexpected"><a href="#claim-scalar.surprise">/);
    expect(html).toContain(`data-copy="ratecheck replay ${join(out, 'counterexamples', 'scalar.too-fast.json')}"`);
    expect(html).toContain('<tr><th>shrinking</th>');
  });

  it('draws figures where they say something, and says why not elsewhere', () => {
    expect(html.match(/<figure class="rc-figure"/g)).toHaveLength(2);
    expect(html).toContain('<figure class="rc-figure" data-claim="scalar.upper"><svg');
    expect(html).toContain('<figure class="rc-figure" data-claim="scalar.surprise"><svg');
    expect(html).toContain('No figure (refuted as expected; figures are drawn for claims that hold and for unexpected verdicts).');
    expect(html).toContain('violates the bound at t = 0');
    expect(html).toContain('decided over many instances');
    expect(html).toContain('the claim was not handed to the report writer');
    expect(html).toContain('no instance produced a compared iteration');
    expect(html).toContain('drawing it failed (generator broke)');
    expect(html).toContain('2 figures');
    // the figures are compacted: no per-element font family, no accessibility boilerplate
    const svg = /<figure class="rc-figure" data-claim="scalar.upper">(<svg[\s\S]*?<\/svg>)/.exec(html)![1];
    expect(svg).not.toContain('font-family');
    expect(svg).not.toContain('aria-');
  });

  it('prefixes the ids of each inline SVG so that figures never share one', () => {
    const ids = [...html.matchAll(/ id="(f\d+-[^"]+)"/g)].map((m) => m[1]);
    expect(ids.length).toBeGreaterThan(0);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('draws an O(·) claim as a log–log scatter with the fitted slope and its interval', () => {
    const observations = [10, 20, 40, 80, 160].map((d, i) => [d, 3 * d ** 1.5 * (1 + 0.01 * i)]);
    const exp: ClaimEntry = {
      ...holds, id: 'scalar.exponent', tightest: undefined, horizon: null,
      statistics: { test: 'least-squares exponent', claimedExponent: 2, fittedExponent: 1.5, exponentInterval: [1.45, 1.55], confidence: 0.99, driver: 'kappa', response: 'iterations', observations },
    };
    const page = htmlReport(reportOf([exp]), { claims: scalarClaims });
    expect(page).toContain('<figure class="rc-figure rc-loglog" data-claim="scalar.exponent"><svg class="loglog"');
    expect(page.match(/<circle /g)!.length).toBeGreaterThanOrEqual(5);
    expect(page).toContain('fitted slope 1.50');
    expect(page).toContain('99% interval');
    expect(page).toContain('claimed slope 2.00');
    expect(page).not.toContain('<tr><th>observations</th>');
  });

  it('leaves the figures out on request, and reports no counterexamples when there are none', () => {
    const plain = htmlReport(reportOf([holds]), { claims: scalarClaims, figures: false });
    expect(plain).not.toContain('<figure');
    expect(plain).toContain('No counterexamples.');
    expect(plain).not.toContain('not as expected</strong>');
  });

  it('says why a figure was skipped on purpose', () => {
    const html = htmlReport(reportOf([holds]), { claims: scalarClaims, skipped: new Map([[holds.id, 'drawing it was skipped, the time limit had run out']]) });
    expect(html).toContain('No figure: drawing it was skipped, the time limit had run out.');
    expect(html).not.toContain('<figure');
  });

  it('draws no figure for a claim it was not handed', () => {
    expect(htmlReport(reportOf([holds]))).toContain('the claim was not handed to the report writer');
  });

  it('wants figures for claims that hold and for verdicts not as expected only', () => {
    expect(figureWanted({ verdict: 'holds', asExpected: true })).toBe(true);
    expect(figureWanted({ verdict: 'refuted', asExpected: false })).toBe(true);
    expect(figureWanted({ verdict: 'refuted', asExpected: true })).toBe(false);
    expect(figureWanted({ verdict: 'vacuous', asExpected: true })).toBe(false);
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

  it('shows a truncated horizon on the badge and in the facts', () => {
    const h = { min: 1, median: 2, max: 3, stops: { budget: 3 }, reachedFloor: 0, stoppedAtBudget: 3, stoppedOtherwise: 0, decay: { min: -2, median: -1, max: -0.5 }, truncated: true };
    const html = htmlReport(reportOf([{ ...holds, horizon: h, truncated: true }]), {});
    expect(html).toContain('holds <small>(truncated)</small>');
    expect(html).toContain('floor 0, budget 3');
    const power = { claimId: holds.id, runs: 3, seed: 1, claimSeed: 2, range: [1e-4, 0.5] as [number, number], base: { verdict: 'holds' as const, instances: 3, hypothesesMet: 3, maxRatio: 1 }, families: [{ family: 'rate' as const, description: 'd', status: 'found' as const, threshold: 0.019, heldAt: 0.016, probes: [] }], hypotheses: [], timeMs: 5 };
    expect(htmlReport(reportOf([{ ...holds, power }]), {})).toContain('rate 1.9%');
  });
});
