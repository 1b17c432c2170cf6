/** JUnit XML for CI dashboards: one test case per claim, failing when its verdict is not the expected one. */
import type { Report } from './report.ts';

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function junitXml(report: Report): string {
  const failures = report.claims.filter((c) => !c.asExpected).length;
  const total = report.claims.reduce((s, c) => s + c.timeMs, 0) / 1000;
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="ratecheck" tests="${report.claims.length}" failures="${failures}" time="${total.toFixed(3)}">`,
    `  <testsuite name="ratecheck verify (seed ${report.options.seed})" tests="${report.claims.length}" failures="${failures}" time="${total.toFixed(3)}">`,
  ];
  for (const c of report.claims) {
    const family = c.id.includes('.') ? c.id.slice(0, c.id.indexOf('.')) : c.id;
    lines.push(`    <testcase classname="${esc(family)}" name="${esc(c.id)}" time="${(c.timeMs / 1000).toFixed(3)}">`);
    lines.push(`      <properties><property name="expected" value="${c.expected}"/><property name="verdict" value="${c.verdict}"/><property name="instances" value="${c.instances}"/></properties>`);
    if (!c.asExpected) {
      const v = c.counterexample?.violation;
      const detail = v ? `at t = ${v.iteration}: ${v.metric} = ${v.observed}, bound ${v.bound}; replay: ${c.counterexample!.replay}` : (c.reason ?? '');
      lines.push(`      <failure message="${esc(`expected ${c.expected}, got ${c.verdict}`)}" type="verdict">${esc(detail)}</failure>`);
    }
    lines.push(`      <system-out>${esc(c.statement)}</system-out>`);
    lines.push('    </testcase>');
  }
  lines.push('  </testsuite>', '</testsuites>');
  return lines.join('\n') + '\n';
}
