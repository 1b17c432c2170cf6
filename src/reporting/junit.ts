/**
 * JUnit XML for CI dashboards: one test case per claim, failing when its verdict is not the expected
 * one; a claim that threw (verdict `error`) is a JUnit `<error>` with its message, parameters and stack.
 * Every value (ids, statements, verdicts, messages: a report to merge may come from anywhere) is escaped
 * for XML, and the characters XML 1.0 cannot carry at all (control characters) are dropped.
 */
import type { Report } from './report.ts';

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

export function junitXml(report: Report): string {
  const isError = (c: Report['claims'][number]) => c.verdict === 'error';
  const errors = report.claims.filter(isError).length;
  const failures = report.claims.filter((c) => !c.asExpected && !isError(c)).length;
  const total = report.claims.reduce((s, c) => s + (Number.isFinite(Number(c.timeMs)) ? Number(c.timeMs) : 0), 0);
  const counts = `tests="${report.claims.length}" failures="${failures}" errors="${errors}" time="${seconds(total)}"`;
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
    lines.push(`      <properties>${props.map(([k, v]) => `<property name="${k}" value="${xmlAttr(v)}"/>`).join('')}</properties>`);
    if (isError(c)) {
      const err = c.error;
      const params = err?.params !== undefined ? `params: ${JSON.stringify(err.params)}\n` : '';
      lines.push(`      <error message="${xmlAttr(err?.message ?? c.reason ?? 'the claim threw')}" type="claim-error">${xmlText(params + (err?.stack ?? err?.message ?? ''))}</error>`);
    } else if (!c.asExpected) {
      const v = c.counterexample?.violation;
      const detail = v ? `at t = ${v.iteration}: ${v.metric} = ${v.observed}, bound ${v.bound}; replay: ${c.counterexample!.replay}` : (c.reason ?? '');
      lines.push(`      <failure message="${xmlAttr(`expected ${c.expected}, got ${c.verdict}`)}" type="verdict">${xmlText(detail)}</failure>`);
    }
    lines.push(`      <system-out>${xmlText(c.statement)}</system-out>`);
    lines.push('    </testcase>');
  }
  lines.push('  </testsuite>', '</testsuites>');
  return lines.join('\n') + '\n';
}
