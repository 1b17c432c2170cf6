/**
 * JUnit XML for CI dashboards: one test case per claim, failing when its verdict is not the expected
 * one; a claim that threw (verdict `error`) is a JUnit `<error>` with its message, parameters and stack.
 * A `<failure>` says what a dashboard reader needs without opening the report: the shrunk instance
 * parameters, the first violating iteration, observed against bound, the seed and the replay command.
 * The suite `time` is the run's wall-clock time (the claims of a run overlap on worker threads, so their
 * times do not add up to it).
 *
 * Every value (ids, statements, verdicts, messages: a report to merge may come from anywhere) is escaped
 * for XML, and the characters XML 1.0 cannot carry at all (control characters) are dropped.
 */
import { fmtNumber, type ClaimEntry, type Report } from './report.ts';

/** XML 1.0 text: the characters it cannot carry are dropped, markup characters escaped. */
export function xmlText(v: unknown): string {
  return String(v)
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

/** An XML attribute value (in double quotes): also quotes, and tab and line breaks kept as references. */
export function xmlAttr(v: unknown): string {
  return xmlText(v).replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;');
}

function seconds(ms: unknown): string {
  const n = Number(ms);
  return Number.isFinite(n) ? (n / 1000).toFixed(3) : '0.000';
}

/**
 * The suite time: the run's wall-clock time when the report has it (a merged report: its longest shard),
 * else, for reports of older versions, the sum of the claims' times.
 */
export function suiteTimeMs(report: Report): number {
  const wall = Number(report.summary?.wallTimeMs);
  if (Number.isFinite(wall) && wall >= 0) return wall;
  return report.claims.reduce((s, c) => s + (Number.isFinite(Number(c.timeMs)) ? Number(c.timeMs) : 0), 0);
}

/** The one-line message of a failure: the verdicts, and where the bound failed. */
export function failureMessage(c: ClaimEntry): string {
  const head = `expected ${c.expected}, got ${c.verdict}`;
  const cx = c.counterexample;
  if (cx?.aggregate) return `${head}: ${cx.aggregate.statistic} = ${fmtNumber(cx.aggregate.value, 6)} over ${cx.aggregate.runs} instances`;
  const v = cx?.violation;
  if (v) return `${head}: at t = ${v.iteration}, ${v.metric} = ${fmtNumber(v.observed, 6)} ${v.relation === 'ge' ? '<' : '>'} bound ${fmtNumber(v.bound, 6)}`;
  return c.reason ? `${head}: ${c.reason}` : head;
}

/**
 * The text of a failure: for a counterexample, its instance parameters, the first violating iteration,
 * observed and bound (full precision), the seeds and the replay command; otherwise the reason and, for a
 * claim that holds where it should not, its tightest instance.
 */
export function failureDetail(c: ClaimEntry, seed?: unknown): string {
  const lines: string[] = [`${c.id}: expected ${c.expected}, got ${c.verdict}`];
  const cx = c.counterexample;
  if (cx) {
    const v = cx.violation;
    lines.push(`params: ${JSON.stringify(cx.params)}`);
    if (cx.aggregate) lines.push(`study: ${cx.aggregate.statistic} = ${cx.aggregate.value} over ${cx.aggregate.runs} instances`);
    if (v) {
      lines.push(
        `first violating iteration: t = ${v.iteration}`,
        `${v.metric}: observed ${v.observed} ${v.relation === 'ge' ? '<' : '>'} bound ${v.bound} (ratio ${v.ratio})`,
      );
      if (v.cite) lines.push(`bound: ${v.cite}`);
    }
    lines.push(`seed: ${seed ?? '?'} (claim seed ${c.seed}), shrunk ${cx.numShrinks} times`, `replay: ${cx.replay}`);
  } else {
    if (c.reason) lines.push(c.reason);
    if (c.tightest) lines.push(`tightest instance: params ${JSON.stringify(c.tightest.params)}, ratio ${c.tightest.ratio} at t = ${c.tightest.iteration} (${c.tightest.metric})`);
  }
  return lines.join('\n');
}

export function junitXml(report: Report): string {
  const isError = (c: Report['claims'][number]) => c.verdict === 'error';
  const errors = report.claims.filter(isError).length;
  const failures = report.claims.filter((c) => !c.asExpected && !isError(c)).length;
  const counts = `tests="${report.claims.length}" failures="${failures}" errors="${errors}" time="${seconds(suiteTimeMs(report))}"`;
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="ratecheck" ${counts}>`,
    `  <testsuite name="${xmlAttr(`ratecheck verify (seed ${report.options.seed})`)}" ${counts}>`,
  ];
  for (const c of report.claims) {
    const id = String(c.id);
    const family = id.includes('.') ? id.slice(0, id.indexOf('.')) : id;
    lines.push(`    <testcase classname="${xmlAttr(family)}" name="${xmlAttr(id)}" time="${seconds(c.timeMs)}">`);
    const props: [string, unknown][] = [['expected', c.expected], ['verdict', c.verdict], ['instances', c.instances]];
    if (c.comparedIterations !== undefined) props.push(['comparedIterations', c.comparedIterations]);
    if (typeof c.horizon?.reachedFloor === 'number') props.push(['reachedFloor', c.horizon.reachedFloor], ['stoppedAtBudget', c.horizon.stoppedAtBudget ?? 0]);
    if (c.truncated) props.push(['truncated', true]);
    lines.push(`      <properties>${props.map(([k, v]) => `<property name="${k}" value="${xmlAttr(v)}"/>`).join('')}</properties>`);
    if (isError(c)) {
      const err = c.error;
      const params = err?.params !== undefined ? `params: ${JSON.stringify(err.params)}\n` : '';
      lines.push(`      <error message="${xmlAttr(err?.message ?? c.reason ?? 'the claim threw')}" type="claim-error">${xmlText(params + (err?.stack ?? err?.message ?? ''))}</error>`);
    } else if (!c.asExpected) {
      lines.push(`      <failure message="${xmlAttr(failureMessage(c))}" type="verdict">${xmlText(failureDetail(c, report.options?.seed))}</failure>`);
    }
    lines.push(`      <system-out>${xmlText(c.statement)}</system-out>`);
    lines.push('    </testcase>');
  }
  lines.push('  </testsuite>', '</testsuites>');
  return lines.join('\n') + '\n';
}
