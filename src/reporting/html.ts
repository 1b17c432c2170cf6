/**
 * The HTML report of a verify run: one self-contained file (inline SVG, inline styles, a few lines of
 * inline script for the copy buttons, no network URL loaded) with the verdict table, each claim's
 * statement and source, counterexamples with a copyable replay command, the tightest instances and
 * the per-claim figures (primary metric and bound against iteration for the tightest instance or the
 * counterexample and a sample of instances, and their ratio).
 */
import type { Claim } from '../claims/types.ts';
import { fmtNumber, type ClaimEntry, type Report } from './report.ts';
import { claimFigure, sampleParams, traceInstance, type TraceRun } from './figures/claims.ts';
import { inlineSvg, renderSvgSync } from './figures/render.ts';
import type { Figure } from './figures/spec.ts';

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

/** A figure for one claim entry: traces of the tightest instance (or counterexample) and a sample. */
export function entryFigure(entry: ClaimEntry, claim: Claim<unknown>, o: { samples: number; dense: boolean }): Figure | null {
  if (claim.aggregate) return null;
  const traceOptions = { maxIterations: entry.maxIterations, dense: o.dense };
  let focus: TraceRun | null = null;
  if (entry.counterexample) {
    focus = traceInstance(claim, entry.counterexample.params, 'counterexample', { ...traceOptions, maxIterations: entry.counterexample.maxIterations });
  } else if (entry.tightest) {
    focus = traceInstance(claim, entry.tightest.params, 'tightest', traceOptions);
  }
  const samples = sampleParams(claim, entry.seed, o.samples).map((p, i) => traceInstance(claim, p, `sample ${i + 1}`, traceOptions));
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

/** entryFigure rendered to SVG (the costly part, which the verify workers do in parallel). */
export function drawEntryFigure(entry: ClaimEntry, claim: Claim<unknown>, o: { samples: number; dense: boolean }): DrawnFigure | null {
  const fig = entryFigure(entry, claim, o);
  return fig ? { caption: fig.caption, svg: renderSvgSync(fig.spec) } : null;
}

function badge(verdict: string, asExpected: boolean): string {
  return `<span class="verdict v-${escapeHtml(verdict)}${asExpected ? '' : ' unexpected'}">${escapeHtml(verdict)}</span>`;
}

function code(s: string): string {
  return `<code>${escapeHtml(s)}</code>`;
}

function copyable(command: string): string {
  return `<div class="cmd"><pre><code>${escapeHtml(command)}</code></pre><button type="button" class="copy" data-copy="${escapeHtml(command)}">copy</button></div>`;
}

function json(v: unknown): string {
  return `<pre class="json"><code>${escapeHtml(JSON.stringify(v, (_k, x) => (typeof x === 'number' && !Number.isFinite(x) ? String(x) : x), 2))}</code></pre>`;
}

function verdictTable(report: Report): string {
  const rows = report.claims.map((e) => {
    const ratio = e.counterexample ? e.counterexample.violation.ratio : e.maxRatio;
    const h = e.horizon ? `${e.horizon.min}/${e.horizon.median}/${e.horizon.max}` : '-';
    return (
      `<tr class="${e.asExpected ? '' : 'unexpected'}"><td><a href="#${claimAnchor(e.id)}">${escapeHtml(e.id)}</a></td><td>${escapeHtml(e.kind)}</td>` +
      `<td>${escapeHtml(e.expected)}</td><td>${badge(e.verdict, e.asExpected)}</td><td class="num">${e.hypothesesMet}/${e.instances}</td>` +
      `<td class="num">${typeof e.comparedIterations === 'number' ? e.comparedIterations : '-'}</td><td class="num">${escapeHtml(fmtNumber(ratio))}</td><td class="num">${escapeHtml(h)}</td><td class="num">${(e.timeMs / 1000).toFixed(2)}s</td></tr>`
    );
  });
  return (
    '<table class="verdicts"><thead><tr><th>claim</th><th>kind</th><th>expected</th><th>verdict</th><th>instances</th><th>compared</th><th>max ratio</th><th>horizon (min/median/max)</th><th>time</th></tr></thead>' +
    `<tbody>${rows.join('')}</tbody></table>`
  );
}

function counterexampleList(report: Report): string {
  const refuted = report.claims.filter((e) => e.counterexample);
  if (refuted.length === 0) return '<p>No counterexamples.</p>';
  const items = refuted.map((e) => {
    const cx = e.counterexample!;
    const v = cx.violation;
    return (
      `<li><a href="#${claimAnchor(e.id)}">${escapeHtml(e.id)}</a>: at t = ${v.iteration}, ${code(v.metric)} = ${escapeHtml(fmtNumber(v.observed, 6))} ` +
      `${v.relation === 'le' ? '&gt;' : '&lt;'} ${escapeHtml(fmtNumber(v.bound, 6))} (${escapeHtml(v.cite)})${copyable(cx.replay)}</li>`
    );
  });
  return `<ul class="cx">${items.join('')}</ul>`;
}

function sourceBlock(e: ClaimEntry): string {
  const s = e.source;
  return (
    `<dl class="source"><dt>source</dt><dd>${escapeHtml(s.paper)}, ${escapeHtml(s.theorem)} <span class="tag">[${escapeHtml(s.confidence)}]</span></dd>` +
    `<dt>reference</dt><dd>${code(s.url)}</dd>` +
    (s.note ? `<dt>encoding</dt><dd>${escapeHtml(s.note)}</dd>` : '') +
    (e.claimFile ? `<dt>claim file</dt><dd>${code(e.claimFile)}</dd>` : '') +
    '</dl>'
  );
}

function claimSection(e: ClaimEntry, figureHtml: string): string {
  const parts: string[] = [];
  parts.push(`<article id="${claimAnchor(e.id)}" class="claim"><h3>${escapeHtml(e.id)} ${badge(e.verdict, e.asExpected)}</h3>`);
  parts.push(`<p class="statement">${escapeHtml(e.statement)}</p>`);
  parts.push(sourceBlock(e));
  const facts = [
    ['kind', escapeHtml(e.kind)],
    ['expected', escapeHtml(e.expected) + (e.asExpected ? '' : ' <strong>(not as expected)</strong>')],
    ['instances', `${e.hypothesesMet} of ${e.instances} met the hypotheses (${e.runs} runs, claim seed ${e.seed}, ${e.maxIterations} iterations at most)`],
  ];
  if (e.variantOf) facts.push(['false variant of', `<a href="#${claimAnchor(e.variantOf)}">${escapeHtml(e.variantOf)}</a>`]);
  if (e.falseBecause) facts.push(['false because', escapeHtml(e.falseBecause)]);
  if (e.maxRatio !== null) facts.push(['max ratio', escapeHtml(fmtNumber(e.maxRatio, 6))]);
  if (e.horizon) facts.push(['horizon', `compared up to t = ${e.horizon.min} / ${e.horizon.median} / ${e.horizon.max} (min / median / max); stops: ${escapeHtml(JSON.stringify(e.horizon.stops))}`]);
  const failures = Object.entries(e.hypothesisFailures);
  if (failures.length) facts.push(['hypotheses failed', failures.map(([k, n]) => `${escapeHtml(k)}: ${n}`).join('; ')]);
  if (typeof e.comparedIterations === 'number') facts.push(['compared', `${e.comparedIterations} iterations compared with their bounds`]);
  if (e.reason) facts.push(['note', escapeHtml(e.reason)]);
  parts.push(`<dl class="facts">${facts.map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`).join('')}</dl>`);
  if (e.tightest) {
    parts.push(`<h4>Tightest instance</h4><p>ratio ${escapeHtml(fmtNumber(e.tightest.ratio, 6))} at t = ${e.tightest.iteration} (${code(e.tightest.metric)})</p>${json(e.tightest.params)}`);
  }
  if (e.counterexample) {
    const cx = e.counterexample;
    const v = cx.violation;
    parts.push(
      `<h4>Counterexample</h4><p>At t = ${v.iteration}: ${code(v.metric)} = ${escapeHtml(fmtNumber(v.observed, 8))}, bound ${escapeHtml(fmtNumber(v.bound, 8))} ` +
        `(ratio ${escapeHtml(fmtNumber(v.ratio, 6))}; ${escapeHtml(v.cite)}). Shrunk in ${cx.numShrinks} steps.</p>${json(cx.params)}<p>Replay:</p>${copyable(cx.replay)}`,
    );
  }
  if (e.verdict === 'error') {
    const err = e.error;
    parts.push(
      `<h4>Error</h4><p>The claim threw (a defect of the claim, not a verdict on the theorem): ${escapeHtml(err?.message ?? e.reason ?? 'error')}</p>` +
        (err?.params !== undefined ? json(err.params) : '') +
        (err?.stack ? `<pre class="json"><code>${escapeHtml(err.stack)}</code></pre>` : ''),
    );
  }
  if (e.statistics) parts.push(`<h4>Statistics</h4>${json(e.statistics)}`);
  parts.push(figureHtml);
  parts.push('</article>');
  return parts.join('\n');
}

const STYLE = `
:root { color-scheme: light; }
body { font-family: "DejaVu Sans", Helvetica, Arial, sans-serif; margin: 0 auto; max-width: 1180px; padding: 1rem 1.5rem 4rem; color: #222; line-height: 1.4; }
h1 { margin-bottom: 0.2rem; } h2 { border-bottom: 1px solid #ccc; padding-bottom: 0.2rem; margin-top: 2rem; }
h3 { margin: 0 0 0.4rem; font-family: "DejaVu Sans Mono", monospace; font-size: 1.02rem; }
h4 { margin: 0.8rem 0 0.3rem; }
table.verdicts { border-collapse: collapse; width: 100%; font-size: 0.86rem; }
table.verdicts th, table.verdicts td { border-bottom: 1px solid #e3e3e3; padding: 0.2rem 0.45rem; text-align: left; }
table.verdicts td.num { text-align: right; font-variant-numeric: tabular-nums; }
table.verdicts tr.unexpected { background: #fff0f0; }
a { color: #1f5fa8; text-decoration: none; } a:hover { text-decoration: underline; }
.verdict { display: inline-block; padding: 0 0.45rem; border-radius: 0.6rem; font-size: 0.8rem; font-weight: bold; color: #fff; }
.v-holds { background: #2e7d32; } .v-refuted { background: #b23b3b; } .v-vacuous { background: #8a6d00; } .v-inconclusive { background: #666; } .v-error { background: #6a1b9a; }
.verdict.unexpected { outline: 2px solid #e00; outline-offset: 1px; }
article.claim { border: 1px solid #ddd; border-radius: 6px; padding: 0.8rem 1rem; margin: 1rem 0; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.15rem 0.8rem; margin: 0.4rem 0; font-size: 0.9rem; }
dt { color: #555; } dd { margin: 0; }
.tag { color: #555; font-size: 0.85em; }
pre { background: #f6f6f6; padding: 0.4rem 0.6rem; overflow-x: auto; font-size: 0.8rem; margin: 0.2rem 0; }
.cmd { display: flex; align-items: center; gap: 0.5rem; } .cmd pre { flex: 1; }
button.copy { font-size: 0.8rem; padding: 0.15rem 0.6rem; cursor: pointer; }
figure { margin: 0.8rem 0 0; overflow-x: auto; } figure svg { max-width: none; height: auto; display: block; }
figcaption { font-size: 0.82rem; color: #444; margin-top: 0.3rem; }
.summary strong.bad { color: #b00; }
ul.cx li { margin-bottom: 0.4rem; }
p.nofig { font-size: 0.82rem; color: #777; }
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
`;

/** The report as one self-contained HTML page. */
export function htmlReport(report: Report, options: HtmlReportOptions = {}): string {
  const drawFigures = options.figures ?? true;
  const samples = options.samples ?? 1;
  const pool = options.claims ?? [];
  const byId = new Map(pool.map((c) => [c.id, c]));
  const s = report.summary;
  const verdictCounts = Object.entries(s.byVerdict).map(([k, n]) => `${n} ${k}`).join(', ');
  let figureCount = 0;
  const sections = report.claims.map((e, i) => {
    let figureHtml = '';
    const claim = byId.get(e.id) as Claim<unknown> | undefined;
    if (!drawFigures) figureHtml = '';
    else if (!claim) figureHtml = '<p class="nofig">No figure: the claim was not handed to the report writer.</p>';
    else if (claim.aggregate) figureHtml = '<p class="nofig">No trajectory figure: the claim is decided over many instances (see its statistics).</p>';
    else if (options.skipped?.has(e.id)) figureHtml = `<p class="nofig">No figure: ${escapeHtml(options.skipped.get(e.id)!)}.</p>`;
    else if (e.counterexample && e.counterexample.violation.iteration < 2) {
      figureHtml = `<p class="nofig">No trajectory figure: the counterexample violates the bound at t = ${e.counterexample.violation.iteration} (see its numbers above; \`ratecheck figures\` draws the claim's instances).</p>`;
    }
    else {
      try {
        const fig = options.precomputed?.has(e.id) ? options.precomputed.get(e.id)! : drawEntryFigure(e, claim, { samples, dense: report.options.dense });
        if (fig) {
          figureCount++;
          const svg = inlineSvg(fig.svg, `f${i}`);
          figureHtml = `<figure class="rc-figure" data-claim="${escapeHtml(e.id)}">${svg}<figcaption>${escapeHtml(fig.caption)}</figcaption></figure>`;
        } else {
          figureHtml = '<p class="nofig">No figure: no instance produced a compared iteration (the hypotheses failed or the bound starts below its floor).</p>';
        }
      } catch (err) {
        figureHtml = `<p class="nofig">No figure: drawing it failed (${escapeHtml((err as Error).message ?? String(err))}).</p>`;
      }
    }
    return claimSection(e, figureHtml);
  });
  const o = report.options;
  const title = `ratecheck report: ${s.asExpected} of ${s.claims} claims as expected`;
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
<p class="summary">${s.asExpected} of ${s.claims} claims as expected${s.unexpected.length ? `; <strong class="bad">not as expected: ${s.unexpected.map(escapeHtml).join(', ')}</strong>` : ''}. ${escapeHtml(verdictCounts)}.</p>
<p class="summary">${escapeHtml(`${report.tool.name} ${report.tool.version}, ${report.createdAt}; seed ${o.seed}, ${o.runs} runs per claim` + (o.profile ? `, profile ${o.profile}` : '') + (o.maxIterations !== null ? `, at most ${o.maxIterations} iterations` : '') + (o.dense ? ', dense methods' : '') + (o.shard ? `, shard ${o.shard}` : '') + `; ${figureCount} figures.`)}</p>
</header>
<section id="verdicts"><h2>Verdicts</h2>
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
