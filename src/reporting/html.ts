/**
 * The HTML report of a verify run: one self-contained file (inline SVG and MathML, inline styles, a few
 * lines of inline script for the filter and the copy buttons, nothing loaded from the network; links
 * are followed only when clicked). At the top, a summary (calm when every verdict is as expected: an
 * expected refutation of a false variant is good news) and a verdict table filterable by text, verdict
 * and "not as expected"; then each claim as a collapsible card (open when not as expected) with its
 * statement (math rendered to MathML, `math.ts`), source and reference link, key facts, tables of
 * stops, failed hypotheses, parameters, derived values and statistics, and a figure where one says
 * something: the trajectory figure (primary metric and bound against iteration, and their ratio) for
 * claims that hold and for verdicts not as expected, the log–log scatter with the fitted slope and its
 * interval for O(·) claims (`loglog.ts`). Figures are compacted (`svg-compact.ts`) to keep the page small.
 */
import type { Claim } from '../claims/types.ts';
import { figureOfMerit, fmtNumber, horizonText, type ClaimEntry, type Report } from './report.ts';
import { powerSummary } from '../checking/power.ts';
import { exponentData, exponentSvg } from './loglog.ts';
import { mathHtml } from './math.ts';
import { compactSvg } from './svg-compact.ts';
import { claimFigure, sampleParams, traceInstance, type KeptTraces, type TraceRun } from './figures/claims.ts';
import { inlineSvg } from './figures/render.ts';
import type { LineFigure } from './figures/spec.ts';
import { lineFigureSvg } from './figures/lines-svg.ts';

export interface HtmlReportOptions {
  /** Claims to draw figures from, looked up by id (without them, the report has no per-claim figures). */
  claims?: readonly Claim<unknown>[];
  /** Draw the per-claim figures (default true). */
  figures?: boolean;
  /** Instances sampled per claim for the figures, besides the tightest one (default 1). */
  samples?: number;
  /** Figures already drawn (by the verify workers), by claim id; the others are drawn here. */
  precomputed?: ReadonlyMap<string, DrawnFigure | null>;
  /** Claims whose figure was not drawn on purpose, by claim id, with the reason (e.g. the time limit). */
  skipped?: ReadonlyMap<string, string>;
}

export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** The anchor of a claim's section. */
export function claimAnchor(id: string): string {
  return `claim-${id.replace(/[^A-Za-z0-9_.-]/g, '_')}`;
}

/** What entryFigure needs: how many instances to sample, and the traces kept while verifying (`figures/kept.ts`), if any. */
export interface EntryFigureOptions {
  samples: number;
  dense: boolean;
  kept?: KeptTraces;
}

/**
 * A figure for one claim entry: traces of the tightest instance (or counterexample) and a sample, taken
 * from the traces kept while verifying where there are some, otherwise from a run of each instance.
 */
export function entryFigure(entry: ClaimEntry, claim: Claim<unknown>, o: EntryFigureOptions): LineFigure | null {
  if (claim.aggregate) return null;
  const traceOptions = { maxIterations: entry.maxIterations, dense: o.dense };
  let focus: TraceRun | null = null;
  if (entry.counterexample) {
    focus = traceInstance(claim, entry.counterexample.params, 'counterexample', { ...traceOptions, maxIterations: entry.counterexample.maxIterations });
  } else if (entry.tightest) {
    const kept = o.kept?.tightest;
    focus = kept ? { ...kept, label: 'tightest' } : traceInstance(claim, entry.tightest.params, 'tightest', traceOptions);
  }
  const samples = sampleParams(claim, entry.seed, o.samples).map((p, i) => {
    const kept = o.kept?.samples[i];
    return kept ? { ...kept, label: `sample ${i + 1}` } : traceInstance(claim, p, `sample ${i + 1}`, traceOptions);
  });
  return claimFigure({
    id: entry.id,
    statement: entry.statement,
    focus,
    samples,
    sampling: `${o.samples} instance${o.samples === 1 ? '' : 's'} sampled from the claim's generator with the claim's seed ${entry.seed}`,
  });
}

/** A claim's figure rendered to SVG, with its caption. */
export interface DrawnFigure {
  caption: string;
  svg: string;
}

/** entryFigure drawn as SVG straight from its panels (`figures/lines-svg.ts`), without vega. */
export function drawEntryFigure(entry: ClaimEntry, claim: Claim<unknown>, o: EntryFigureOptions): DrawnFigure | null {
  const fig = entryFigure(entry, claim, o);
  return fig ? { caption: fig.caption, svg: lineFigureSvg(fig.lines) } : null;
}

/** Whether a per-instance figure says something: a claim that holds, or a verdict that is not as expected. */
export function figureWanted(entry: Pick<ClaimEntry, 'asExpected' | 'verdict'>): boolean {
  return !entry.asExpected || entry.verdict === 'holds';
}

/** The verdict as a badge: calm when as expected (an expected refutation is good news), red when not. */
function badge(e: Pick<ClaimEntry, 'verdict' | 'expected' | 'asExpected' | 'truncated'>): string {
  const v = escapeHtml(e.verdict);
  if (!e.asExpected) return `<span class="badge b-bad">${v} <small>(expected ${escapeHtml(e.expected)})</small></span>`;
  if (e.verdict === 'holds') return e.truncated ? '<span class="badge b-ok">holds <small>(truncated)</small></span>' : '<span class="badge b-ok">holds</span>';
  if (e.verdict === 'refuted') return '<span class="badge b-exp">refuted as expected</span>';
  return `<span class="badge b-neutral">${v}</span>`;
}

function code(s: string): string {
  return `<code>${escapeHtml(s)}</code>`;
}

function copyable(command: string): string {
  return `<div class="cmd"><pre><code>${escapeHtml(command)}</code></pre><button type="button" class="copy" data-copy="${escapeHtml(command)}">copy</button></div>`;
}

/** http(s) URLs in escaped text made links (the report loads nothing: a link is followed only on a click). */
function linkify(escaped: string): string {
  return escaped.replace(/https?:\/\/[^\s<>"'()]+[^\s<>"'().,;:]/g, (u) => `<a href="${u}">${u}</a>`);
}

/** A URL as a link when it is http(s), else as code. */
function urlHtml(url: string): string {
  return /^https?:\/\/[^\s"<>]+$/.test(url) ? `<a href="${escapeHtml(url)}">${escapeHtml(url)}</a>` : code(url);
}

/** A number for a table: exact for integers, else four significant digits. */
function num(v: unknown, digits = 4): string {
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : fmtNumber(v, digits);
  if (v === 'Infinity' || v === '-Infinity' || v === 'NaN') return v;
  return '';
}

/** A value as table-cell HTML: numbers formatted, pairs of numbers as an interval, short arrays inline, objects as compact JSON. */
function valueHtml(v: unknown, exact = false): string {
  if (v === null || v === undefined) return '-';
  if (typeof v === 'number') return `${escapeHtml(exact ? String(v) : num(v))}`;
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (typeof v === 'string') return mathHtml(v);
  if (Array.isArray(v)) {
    if (v.every((x) => typeof x === 'number' || typeof x === 'string') && v.length <= 12) {
      return `[${v.map((x) => escapeHtml(exact ? String(x) : typeof x === 'number' ? num(x) : x)).join(', ')}]`;
    }
    return code(JSON.stringify(v));
  }
  return code(JSON.stringify(v));
}

/** Key/value pairs as a two-column table (a header row when given). */
function kvTable(rows: [string, string][], cls = 'kv', head?: [string, string]): string {
  if (rows.length === 0) return '';
  const h = head ? `<thead><tr><th>${head[0]}</th><th>${head[1]}</th></tr></thead>` : '';
  return `<table class="${cls}">${h}<tbody>${rows.map(([k, v]) => `<tr><th>${k}</th><td>${v}</td></tr>`).join('')}</tbody></table>`;
}

/** Instance parameters: a table of their fields (exact numbers), or compact JSON when they are not an object. */
function paramsTable(p: unknown): string {
  if (p === null || typeof p !== 'object' || Array.isArray(p)) return `<p>${code(JSON.stringify(p) ?? String(p))}</p>`;
  return kvTable(Object.entries(p as Record<string, unknown>).map(([k, v]) => [escapeHtml(k), valueHtml(v, true)]), 'kv params');
}

const STAT_LABELS: Record<string, string> = {
  test: 'test', claimedExponent: 'claimed exponent', fittedExponent: 'fitted exponent', exponentInterval: 'exponent interval',
  confidence: 'confidence', rSquared: 'R²', points: 'instances fitted', censored: 'instances not reaching the target',
  smallestConstant: 'smallest constant that works', driverRange: 'driver range', failures: 'failures', trials: 'trials',
  failureFraction: 'failure fraction', clopperPearson95: '95% Clopper–Pearson interval', meanAllowedProbability: 'mean allowed probability',
  pValue: 'p-value', alpha: 'significance level α',
};
/** Statistics drawn in the figure, not listed. */
const STAT_HIDDEN = new Set(['observations', 'driver', 'response']);

function statisticsTable(st: Record<string, unknown>): string {
  const rows: [string, string][] = [];
  for (const [k, v] of Object.entries(st)) {
    if (STAT_HIDDEN.has(k)) continue;
    const interval = Array.isArray(v) && v.length === 2 && v.every((x) => typeof x === 'number') && /Interval|Range|95/.test(k);
    rows.push([escapeHtml(STAT_LABELS[k] ?? k), interval ? `${escapeHtml(num(v[0]))} – ${escapeHtml(num(v[1]))}` : valueHtml(v)]);
  }
  return kvTable(rows);
}

const STOP_LABELS: Record<string, string> = {
  floor: 'the bound fell below its roundoff floor',
  budget: 'the iteration budget ran out',
  method: 'the method stopped on its own',
  violation: 'a violation',
  deadline: 'the time limit cut it',
};

function verdictTable(report: Report): string {
  const rows = report.claims.map((e) => {
    return (
      `<tr data-verdict="${escapeHtml(e.verdict)}" data-unexpected="${e.asExpected ? 0 : 1}"${e.asExpected ? '' : ' class="unexpected"'}>` +
      `<td><a href="#${claimAnchor(e.id)}">${escapeHtml(e.id)}</a></td><td>${escapeHtml(e.kind)}</td><td>${badge(e)}</td>` +
      `<td class="num">${e.instances === e.hypothesesMet ? e.instances : `${e.hypothesesMet}/${e.instances}`}</td>` +
      `<td class="num">${typeof e.comparedIterations === 'number' ? e.comparedIterations : '-'}</td><td>${escapeHtml(figureOfMerit(e))}</td><td class="num">${(e.timeMs / 1000).toFixed(2)} s</td></tr>`
    );
  });
  return (
    '<table class="verdicts"><thead><tr><th>claim</th><th>kind</th><th>verdict</th><th class="num">instances</th><th class="num">compared</th><th>measure</th><th class="num">time</th></tr></thead>' +
    `<tbody>${rows.join('')}</tbody></table>`
  );
}

function filters(report: Report): string {
  const verdicts = [...new Set(report.claims.map((e) => e.verdict))].sort();
  return (
    '<div class="filters"><input type="search" id="filter-text" placeholder="filter: id, statement, paper, kind…" aria-label="filter by text">' +
    `<select id="filter-verdict" aria-label="filter by verdict"><option value="">every verdict</option>${verdicts.map((v) => `<option value="${escapeHtml(v)}">${escapeHtml(v)}</option>`).join('')}</select>` +
    '<label><input type="checkbox" id="filter-unexpected"> only not as expected</label>' +
    '<button type="button" id="open-all">open all cards</button><button type="button" id="close-all">close all</button>' +
    '<span id="filter-count" class="muted"></span></div>'
  );
}

function counterexampleList(report: Report): string {
  const refuted = report.claims.filter((e) => e.counterexample);
  if (refuted.length === 0) return '<p>No counterexamples.</p>';
  const unexpected = refuted.filter((e) => !e.asExpected).length;
  const items = [...refuted].sort((a, b) => Number(a.asExpected) - Number(b.asExpected)).map((e) => {
    const cx = e.counterexample!;
    const v = cx.violation;
    return (
      `<li${e.asExpected ? '' : ' class="unexpected"'}><a href="#${claimAnchor(e.id)}">${escapeHtml(e.id)}</a> ${badge(e)}: at t = ${v.iteration}, ${code(v.metric)} = ${escapeHtml(fmtNumber(v.observed, 6))} ` +
      `${v.relation === 'le' ? '&gt;' : '&lt;'} ${escapeHtml(fmtNumber(v.bound, 6))}</li>`
    );
  });
  const summary = unexpected ? `${refuted.length} counterexamples, <strong class="bad">${unexpected} not as expected</strong>` : `${refuted.length} counterexamples, all of false variants refuted as expected`;
  return `<details class="cxs"${unexpected ? ' open' : ''}><summary>${summary}</summary><ul class="cx">${items.join('')}</ul></details>`;
}

function sourceRows(e: ClaimEntry): [string, string][] {
  const s = e.source;
  const rows: [string, string][] = [
    ['source', `${escapeHtml(s.paper)}, ${mathHtml(s.theorem)} <span class="tag" title="${escapeHtml(CONFIDENCE[s.confidence] ?? '')}">[${escapeHtml(s.confidence)}]</span>`],
    ['reference', urlHtml(s.url)],
  ];
  if (s.note) rows.push(['encoding', linkify(mathHtml(s.note))]);
  if (e.claimFile) rows.push(['claim file', code(e.claimFile)]);
  return rows;
}

const CONFIDENCE: Record<string, string> = {
  V: 'read in the paper',
  'V~': 'rebuilt from a garbled text through the proof',
  D: 'derived from the proof or definitions',
  'REF-IMPL': "taken from the authors' code",
  N: 'a numerical observation (never the asserted bound)',
  U: 'unverified',
};

function claimSection(e: ClaimEntry, figureHtml: string): string {
  const parts: string[] = [];
  const anchor = claimAnchor(e.id);
  parts.push(
    `<details id="${anchor}" class="claim${e.asExpected ? '' : ' unexpected'}" data-verdict="${escapeHtml(e.verdict)}" data-unexpected="${e.asExpected ? 0 : 1}"${e.asExpected ? '' : ' open'}>` +
      `<summary><h3>${escapeHtml(e.id)}</h3> ${badge(e)} <span class="merit">${escapeHtml(figureOfMerit(e))}</span></summary><div class="body">`,
  );
  parts.push(`<p class="statement">${mathHtml(e.statement)}</p>`);
  const facts: [string, string][] = [...sourceRows(e)];
  facts.push(['kind', escapeHtml(e.kind)]);
  facts.push(['expected', escapeHtml(e.expected) + (e.asExpected ? '' : ' <strong class="bad">(not as expected)</strong>')]);
  facts.push(['instances', `${e.hypothesesMet} of ${e.instances} met the hypotheses (${e.runs} runs, claim seed ${e.seed}, at most ${e.maxIterations} iterations)`]);
  if (e.variantOf) facts.push(['false variant of', `<a href="#${claimAnchor(e.variantOf)}">${escapeHtml(e.variantOf)}</a>`]);
  if (e.falseBecause) facts.push(['false because', mathHtml(e.falseBecause)]);
  if (e.maxRatio !== null) facts.push(['max ratio', escapeHtml(fmtNumber(e.maxRatio, 6))]);
  if (typeof e.comparedIterations === 'number') facts.push(['compared', `${e.comparedIterations} iterations compared with their bounds`]);
  if (e.horizon) facts.push(['horizon', `compared up to t = ${e.horizon.min} / ${e.horizon.median} / ${e.horizon.max} (min / median / max)`]);
  if (e.horizon && typeof e.horizon.reachedFloor === 'number') {
    facts.push(['reached the floor', `${escapeHtml(horizonText(e.horizon))}${e.truncated ? ' <strong>(truncated: most instances stopped at the iteration budget)</strong>' : ''}`]);
  }
  if (e.power) facts.push(['detection threshold', `${escapeHtml(powerSummary(e.power))} <span class="muted">(ratecheck power: the smallest strengthening of the bound, or of its rate exponent, refuted)</span>`]);
  if (e.reason) facts.push(['note', mathHtml(e.reason)]);
  parts.push(kvTable(facts, 'kv facts'));
  const stops = Object.entries(e.horizon?.stops ?? {});
  const failures = Object.entries(e.hypothesisFailures ?? {}).sort((a, b) => b[1] - a[1]);
  if (stops.length || failures.length) {
    parts.push('<div class="side">');
    if (stops.length) parts.push(`<div><h4>How the trajectories stopped</h4>${kvTable(stops.map(([k, n]) => [escapeHtml(STOP_LABELS[k] ?? k), String(n)]), 'kv counts', ['stop', 'instances'])}</div>`);
    if (failures.length) parts.push(`<div><h4>Hypotheses failed</h4>${kvTable(failures.map(([k, n]) => [mathHtml(k), String(n)]), 'kv counts', ['hypothesis', 'instances'])}</div>`);
    parts.push('</div>');
  }
  // a refuted claim shows its counterexample instead
  if (e.tightest && !e.counterexample) {
    parts.push(
      `<h4>Tightest instance</h4><p>${
        e.statistics
          ? `largest ${code(e.tightest.metric)}: ${escapeHtml(fmtNumber(e.tightest.ratio, 6))} (measured ${escapeHtml(num(e.tightest.iteration, 6))})`
          : `ratio ${escapeHtml(fmtNumber(e.tightest.ratio, 6))} at t = ${escapeHtml(num(e.tightest.iteration, 6))} (${code(e.tightest.metric)})`
      }</p>${paramsTable(e.tightest.params)}`,
    );
  }
  if (e.counterexample) {
    const cx = e.counterexample;
    const v = cx.violation;
    const vrows: [string, string][] = [
      ['iteration', String(v.iteration)],
      ['metric', code(v.metric)],
      ['observed', escapeHtml(fmtNumber(v.observed, 8))],
      [v.relation === 'le' ? 'bound (upper)' : 'bound (lower)', escapeHtml(fmtNumber(v.bound, 8))],
      ['ratio', escapeHtml(fmtNumber(v.ratio, 6))],
      ['bound cited', mathHtml(v.cite)],
    ];
    if (cx.aggregate) vrows.push(['study', `${cx.aggregate.runs} runs, ${escapeHtml(cx.aggregate.statistic)} = ${escapeHtml(fmtNumber(cx.aggregate.value, 6))}`]);
    else vrows.push(['shrinking', `${cx.numShrinks} steps`]);
    parts.push(`<h4>Counterexample</h4>${kvTable(vrows)}<div class="side"><div><h5>Parameters</h5>${paramsTable(cx.params)}</div>`);
    const derived = Object.entries(cx.derived ?? {});
    if (derived.length) parts.push(`<div><h5>Derived values</h5>${kvTable(derived.map(([k, x]) => [mathHtml(k), valueHtml(x)]), 'kv params')}</div>`);
    parts.push(`</div><p>Replay:</p>${copyable(cx.replay)}`);
  }
  if (e.verdict === 'error') {
    const err = e.error;
    parts.push(
      `<h4>Error</h4><p>The claim threw (a defect of the claim, not a verdict on the theorem): ${escapeHtml(err?.message ?? e.reason ?? 'error')}</p>` +
        (err?.params !== undefined ? paramsTable(err.params) : '') +
        (err?.stack ? `<pre><code>${escapeHtml(err.stack)}</code></pre>` : ''),
    );
  }
  if (e.statistics) parts.push(`<h4>Statistics</h4>${statisticsTable(e.statistics)}`);
  parts.push(figureHtml);
  parts.push('</div></details>');
  return parts.join('\n');
}

const GLOSSARY = `<details class="help"><summary>How to read this report</summary><div class="body">
<p><strong>Verdicts.</strong> <span class="badge b-ok">holds</span>: instances met the hypotheses and every compared iteration kept the bound.
<span class="badge b-exp">refuted as expected</span>: a <em>false variant</em> (a claim made false on purpose, e.g. a dropped hypothesis or a better constant) was refuted, which shows the check can fail: good news.
<span class="badge b-neutral">vacuous</span>: the hypotheses were rarely met; <span class="badge b-neutral">inconclusive</span>: cut short or nothing compared.
A verdict that differs from the expected one is in <span class="badge b-bad">red</span>, and its card is open.</p>
<p><strong>Measure.</strong> The ratio observed/bound (bound/observed for lower bounds) at the worst compared iteration, above 1 violates; for a refuted claim, the shrunk counterexample's ratio; for a with-probability claim, the p-value and failures; for an O(·) claim, the fitted exponent against the claimed one.
<strong>Horizon</strong>: the last compared iteration over the instances; comparisons stop where the bound falls below its roundoff floor, or at the iteration budget. A claim whose instances mostly stopped at the budget <em>holds (truncated)</em>: "for all t" was checked over part of the bound's decay only (the decay, in decades, is given).</p>
<p><strong>Sources.</strong> The tag after a theorem says how directly the statement comes from the paper: ${Object.entries(CONFIDENCE).map(([k, v]) => `[${escapeHtml(k)}] ${escapeHtml(v)}`).join('; ')}.
The reference link is the paper itself.</p>
</div></details>`;

const STYLE = `
:root { color-scheme: light; --ok: #2f6f3e; --ok-bg: #e3f1e6; --exp: #44615a; --exp-bg: #e7eeec; --neutral: #555; --neutral-bg: #ececec; --bad: #a61b1b; --bad-bg: #fde7e7; --line: #e2e2e2; }
body { font-family: "DejaVu Sans", Helvetica, Arial, sans-serif; margin: 0 auto; max-width: 1240px; padding: 1rem 1.5rem 4rem; color: #222; line-height: 1.45; font-size: 15px; }
h1 { margin: 0.2rem 0; font-size: 1.6rem; } h2 { border-bottom: 1px solid #ccc; padding-bottom: 0.2rem; margin-top: 1.8rem; font-size: 1.25rem; }
h3 { display: inline; margin: 0; font-family: "DejaVu Sans Mono", monospace; font-size: 0.95rem; font-weight: bold; }
h4 { margin: 0.9rem 0 0.3rem; font-size: 0.95rem; } h5 { margin: 0.5rem 0 0.2rem; font-size: 0.85rem; color: #444; }
a { color: #1f5fa8; text-decoration: none; } a:hover { text-decoration: underline; }
.muted { color: #666; } .bad { color: var(--bad); }
.banner { padding: 0.6rem 0.9rem; border-radius: 6px; margin: 0.6rem 0; font-size: 1.02rem; }
.banner.ok { background: var(--ok-bg); color: #1e4a29; } .banner.bad { background: var(--bad-bg); color: var(--bad); border: 1px solid #e6a5a5; }
.badge { display: inline-block; padding: 0 0.5rem; border-radius: 0.7rem; font-size: 0.78rem; white-space: nowrap; line-height: 1.5; vertical-align: baseline; }
.b-ok { background: var(--ok-bg); color: var(--ok); } .b-exp { background: var(--exp-bg); color: var(--exp); } .b-neutral { background: var(--neutral-bg); color: var(--neutral); }
.b-bad { background: var(--bad); color: #fff; font-weight: bold; } .b-bad small { font-weight: normal; }
.filters { display: flex; flex-wrap: wrap; gap: 0.5rem 0.8rem; align-items: center; margin: 0.6rem 0; font-size: 0.9rem; }
.filters input[type=search] { flex: 0 1 24rem; padding: 0.25rem 0.5rem; font: inherit; }
.filters select, .filters button { font: inherit; padding: 0.15rem 0.4rem; }
table { border-collapse: collapse; }
table.verdicts { width: 100%; font-size: 0.85rem; }
table.verdicts th, table.verdicts td { border-bottom: 1px solid var(--line); padding: 0.18rem 0.45rem; text-align: left; vertical-align: baseline; }
table.verdicts thead th { position: sticky; top: 0; background: #fafafa; }
.num, table td.num, table th.num { text-align: right; font-variant-numeric: tabular-nums; }
.n { font-variant-numeric: tabular-nums; }
tr.unexpected { background: var(--bad-bg); }
details.claim { border: 1px solid #dcdcdc; border-radius: 6px; margin: 0.5rem 0; background: #fff; }
details.claim.unexpected { border-color: #d98c8c; border-left: 4px solid var(--bad); }
details.claim > summary, details.help > summary, details.cxs > summary { cursor: pointer; padding: 0.45rem 0.8rem; list-style-position: inside; }
details.claim > summary .merit { color: #555; font-size: 0.82rem; margin-left: 0.4rem; }
details.claim[open] > summary { border-bottom: 1px solid #eee; }
details .body { padding: 0.4rem 1rem 0.9rem; }
details.help, details.cxs { border: 1px solid #e4e4e4; border-radius: 6px; margin: 0.6rem 0; background: #fcfcfc; font-size: 0.9rem; }
p.statement { font-size: 1rem; margin: 0.3rem 0 0.6rem; }
table.kv { font-size: 0.88rem; margin: 0.3rem 0; }
table.kv th { text-align: left; font-weight: normal; color: #555; padding: 0.1rem 1rem 0.1rem 0; vertical-align: baseline; white-space: nowrap; }
table.kv td { padding: 0.1rem 0; vertical-align: baseline; }
table.kv.facts th, table.kv:not(.counts):not(.params) th { width: 13rem; }
table.kv.counts th, table.kv.counts td, table.kv.params th, table.kv.params td { border-bottom: 1px solid #f0f0f0; padding-right: 1.2rem; }
table.kv.counts thead th { color: #333; font-weight: bold; }
table.kv.counts td, table.kv.params td { text-align: right; font-variant-numeric: tabular-nums; }
.side { display: flex; flex-wrap: wrap; gap: 0.4rem 2.5rem; align-items: flex-start; }
.tag { color: #666; font-size: 0.85em; cursor: help; }
code { font-family: "DejaVu Sans Mono", monospace; font-size: 0.85em; }
pre { background: #f6f6f6; padding: 0.35rem 0.6rem; overflow-x: auto; font-size: 0.85rem; margin: 0.2rem 0; }
.cmd { display: flex; align-items: center; gap: 0.5rem; } .cmd pre { flex: 1; }
button.copy { font-size: 0.8rem; padding: 0.15rem 0.6rem; cursor: pointer; }
ul.cx { padding-left: 1.2rem; } ul.cx li { margin-bottom: 0.35rem; }
figure { margin: 0.9rem 0 0; }
figure.rc-figure svg { display: block; width: 100%; max-width: 1100px; height: auto; font-family: "DejaVu Sans", Helvetica, Arial, sans-serif; font-size: 10px; }
figure.rc-figure svg text:not([fill]) { fill: #000; }
figure.rc-loglog svg { width: 100%; max-width: 760px; }
figcaption { font-size: 0.84rem; color: #444; margin-top: 0.3rem; max-width: 75rem; }
p.nofig { font-size: 0.82rem; color: #777; }
math { font-family: "Latin Modern Math", "STIX Two Math", "DejaVu Math TeX Gyre", math; font-size: 1.05em; }
`;

const SCRIPT = `
document.querySelectorAll('button.copy').forEach(function (b) {
  b.addEventListener('click', function () {
    var text = b.getAttribute('data-copy') || '';
    var done = function () { b.textContent = 'copied'; setTimeout(function () { b.textContent = 'copy'; }, 1500); };
    var select = function () {
      var el = b.parentNode.querySelector('code');
      var range = document.createRange(); range.selectNodeContents(el);
      var sel = window.getSelection(); sel.removeAllRanges(); sel.addRange(range);
      b.textContent = 'selected: press Ctrl+C';
    };
    if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(text).then(done, select); else select();
  });
});
(function () {
  var q = document.getElementById('filter-text'), fv = document.getElementById('filter-verdict'), fu = document.getElementById('filter-unexpected'), count = document.getElementById('filter-count');
  var rows = [].slice.call(document.querySelectorAll('table.verdicts tbody tr')).map(function (r) {
    var card = document.getElementById(r.querySelector('a').getAttribute('href').slice(1));
    var st = card && card.querySelector('.statement');
    var text = (r.textContent + ' ' + (card ? card.querySelector('summary').textContent : '') + ' ' + (st ? st.textContent : '')).toLowerCase();
    return { row: r, card: card, text: text };
  });
  function apply() {
    var t = q.value.trim().toLowerCase(), v = fv.value, u = fu.checked, n = 0;
    rows.forEach(function (x) {
      var r = x.row;
      var show = (!t || x.text.indexOf(t) >= 0) && (!v || r.getAttribute('data-verdict') === v) && (!u || r.getAttribute('data-unexpected') === '1');
      r.hidden = !show;
      if (x.card) x.card.hidden = !show;
      if (show) n++;
    });
    count.textContent = n + ' of ' + rows.length + ' claims shown';
  }
  q.addEventListener('input', apply); fv.addEventListener('change', apply); fu.addEventListener('change', apply);
  document.getElementById('open-all').addEventListener('click', function () { document.querySelectorAll('details.claim:not([hidden])').forEach(function (d) { d.open = true; }); });
  document.getElementById('close-all').addEventListener('click', function () { document.querySelectorAll('details.claim').forEach(function (d) { d.open = false; }); });
  function openTarget() {
    var id = decodeURIComponent(location.hash.slice(1)), d = id && document.getElementById(id);
    if (d && d.tagName === 'DETAILS') { d.hidden = false; d.open = true; d.scrollIntoView(); }
  }
  window.addEventListener('hashchange', openTarget);
  apply(); openTarget();
})();
`;

/** A figure's caption without the claim's statement it starts with (the card shows the statement above it). */
function captionWithoutStatement(caption: string, statement: string): string {
  const st = statement.trim();
  if (!st || !caption.startsWith(st)) return caption;
  return caption.slice(st.length).replace(/^[.!?]?\s*/, '');
}

/** The figure of a claim: an O(·) claim's log–log scatter, or the per-instance trajectory figure where one says something. */
function figureFor(e: ClaimEntry, i: number, claim: Claim<unknown> | undefined, options: HtmlReportOptions, dense: boolean): { html: string; drawn: boolean } {
  const nofig = (why: string) => ({ html: `<p class="nofig">${why}</p>`, drawn: false });
  const exponent = exponentData(e.statistics);
  if (exponent) {
    const caption =
      `Each dot is one instance (${exponent.observations.length}); the solid line is the least-squares fit of log ${escapeHtml(exponent.response)} against log ${escapeHtml(exponent.driver)}, ` +
      `slope ${escapeHtml(fmtNumber(exponent.fitted))}, shaded: its ${Number.isFinite(exponent.confidence) ? `${Math.round(exponent.confidence * 100)}% ` : ''}interval ${escapeHtml(fmtNumber(exponent.interval[0]))} – ${escapeHtml(fmtNumber(exponent.interval[1]))}; ` +
      `dashed: the claimed slope ${escapeHtml(fmtNumber(exponent.claimed))} through the same centre. The claim is refuted when the whole interval lies above the claimed slope.`;
    return { html: `<figure class="rc-figure rc-loglog" data-claim="${escapeHtml(e.id)}">${inlineSvg(exponentSvg(exponent), `f${i}`)}<figcaption>${caption}</figcaption></figure>`, drawn: true };
  }
  if (!claim) return nofig('No figure: the claim was not handed to the report writer.');
  if (claim.aggregate) return nofig('No trajectory figure: the claim is decided over many instances (see its statistics).');
  if (options.skipped?.has(e.id)) return nofig(`No figure: ${escapeHtml(options.skipped.get(e.id)!)}.`);
  if (e.counterexample && e.counterexample.violation.iteration < 2) {
    return nofig(`No trajectory figure: the counterexample violates the bound at t = ${e.counterexample.violation.iteration} (see its numbers above; <code>ratecheck figures</code> draws the claim's instances).`);
  }
  if (!figureWanted(e)) return nofig(`No figure (${escapeHtml(e.verdict)} as expected; figures are drawn for claims that hold and for unexpected verdicts).`);
  try {
    const fig = options.precomputed?.has(e.id) ? options.precomputed.get(e.id)! : drawEntryFigure(e, claim, { samples: options.samples ?? 1, dense });
    if (!fig) return nofig('No figure: no instance produced a compared iteration (the hypotheses failed or the bound starts below its floor).');
    const svg = compactSvg(inlineSvg(fig.svg, `f${i}`));
    return { html: `<figure class="rc-figure" data-claim="${escapeHtml(e.id)}">${svg}<figcaption>${mathHtml(captionWithoutStatement(fig.caption, e.statement))}</figcaption></figure>`, drawn: true };
  } catch (err) {
    return nofig(`No figure: drawing it failed (${escapeHtml((err as Error).message ?? String(err))}).`);
  }
}

/** The report as one self-contained HTML page. */
export function htmlReport(report: Report, options: HtmlReportOptions = {}): string {
  const drawFigures = options.figures ?? true;
  const byId = new Map((options.claims ?? []).map((c) => [c.id, c]));
  const s = report.summary;
  let figureCount = 0;
  const sections = report.claims.map((e, i) => {
    let figureHtml = '';
    if (drawFigures) {
      const f = figureFor(e, i, byId.get(e.id) as Claim<unknown> | undefined, options, report.options.dense);
      figureHtml = f.html;
      if (f.drawn) figureCount++;
    }
    return claimSection(e, figureHtml);
  });
  const o = report.options;
  const count = (pred: (e: ClaimEntry) => boolean) => report.claims.filter(pred).length;
  const holdsOk = count((e) => e.asExpected && e.verdict === 'holds');
  const refutedOk = count((e) => e.asExpected && e.verdict === 'refuted');
  const otherOk = s.asExpected - holdsOk - refutedOk;
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
  const detail = [`${holdsOk} hold`, `${refutedOk} false variant${refutedOk === 1 ? '' : 's'} refuted as expected`, ...(otherOk ? [`${otherOk} vacuous or inconclusive as expected`] : [])].join(', ');
  const banner = s.unexpected.length
    ? `<div class="banner bad"><strong>${plural(s.unexpected.length, 'claim')} not as expected</strong>: ${s.unexpected.map((id) => `<a href="#${claimAnchor(id)}">${escapeHtml(id)}</a>`).join(', ')}. The other ${s.asExpected} of ${s.claims} are as expected (${detail}).</div>`
    : `<div class="banner ok">✓ All ${plural(s.claims, 'claim')} as expected: ${detail}.</div>`;
  const title = `ratecheck report: ${s.asExpected} of ${s.claims} claim${s.claims === 1 ? '' : 's'} as expected`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>ratecheck report</h1>
${banner}
<p class="muted">${escapeHtml(`${report.tool.name} ${report.tool.version}, ${report.createdAt}; seed ${o.seed}, ${o.runs} runs per claim` + (o.profile ? `, profile ${o.profile}` : '') + (o.maxIterations !== null ? `, at most ${o.maxIterations} iterations` : '') + (o.dense ? ', dense methods' : '') + (o.shard ? `, shard ${o.shard}` : '') + `; ${plural(figureCount, 'figure')}.`)}</p>
${GLOSSARY}
</header>
<section id="verdicts"><h2>Verdicts</h2>
${filters(report)}
${verdictTable(report)}
</section>
<section id="counterexamples"><h2>Counterexamples</h2>
${counterexampleList(report)}
</section>
<section id="claims"><h2>Claims</h2>
${sections.join('\n')}
</section>
<script>${SCRIPT}</script>
</body>
</html>
`;
}
