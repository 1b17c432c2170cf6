import { describe, expect, it } from 'vitest';
import { failureDetail, failureMessage, junitXml, suiteTimeMs } from './junit.ts';
import type { ClaimEntry, Report } from './report.ts';

const violation = { iteration: 12, metric: 'dist', relation: 'le' as const, observed: 0.0012345678, bound: 0.001, ratio: 1.2345678, cite: '‖x_t − x*‖ ≤ ρ^t‖x₀ − x*‖' };
const entry = (id: string, over: Partial<ClaimEntry> = {}): ClaimEntry => ({
  id, statement: 's', source: { paper: 'p', theorem: 't', url: 'u', confidence: 'V' }, kind: 'bound-for-all-t',
  expected: 'holds', verdict: 'holds', asExpected: true, instances: 3, hypothesesMet: 3, maxRatio: 0.5, horizon: null,
  hypothesisFailures: {}, seed: 99, runs: 3, maxIterations: 100, timeMs: 4000, ...over,
});
const cx = (over: object = {}) => ({ params: { d: 3, kappa: 10 }, violation, hypotheses: [], derived: {}, seed: 7, path: '0:1', numShrinks: 4, maxIterations: 100, file: 'reports/latest/counterexamples/a.bad.json', replay: 'ratecheck replay reports/latest/counterexamples/a.bad.json', ...over });
const report = (claims: ClaimEntry[], wallTimeMs?: number): Report => ({
  schemaVersion: 1, tool: { name: 'ratecheck', version: '0' }, createdAt: 'now',
  options: { runs: 3, seed: 42, timeLimitSec: null, maxIterations: null, dense: false },
  summary: { claims: claims.length, asExpected: claims.filter((c) => c.asExpected).length, unexpected: claims.filter((c) => !c.asExpected).map((c) => c.id), byVerdict: {}, ...(wallTimeMs !== undefined ? { wallTimeMs } : {}) },
  claims,
});

describe('JUnit XML', () => {
  it('a failure carries the instance parameters, the first violating iteration, observed/bound, the seeds and the replay command', () => {
    const bad = entry('a.bad', { verdict: 'refuted', asExpected: false, counterexample: cx() });
    const xml = junitXml(report([entry('a.ok'), bad], 5000));
    const failure = /<failure message="([^"]*)" type="verdict">([^<]*)<\/failure>/.exec(xml)!;
    expect(failure[1]).toBe('expected holds, got refuted: at t = 12, dist = 0.00123457 &gt; bound 0.00100000');
    expect(failure[2].split('\n')).toEqual([
      'a.bad: expected holds, got refuted',
      'params: {"d":3,"kappa":10}',
      'first violating iteration: t = 12',
      'dist: observed 0.0012345678 &gt; bound 0.001 (ratio 1.2345678)',
      'bound: ‖x_t − x*‖ ≤ ρ^t‖x₀ − x*‖',
      'seed: 42 (claim seed 99), shrunk 4 times',
      'replay: ratecheck replay reports/latest/counterexamples/a.bad.json',
    ]);
    expect(xml.match(/<failure /g)).toHaveLength(1);
  });

  it('the suite time is the run’s wall time, not the sum of the claims’ times (older reports: the sum)', () => {
    const claims = [entry('a.one'), entry('a.two'), entry('a.three')];
    expect(junitXml(report(claims, 4500))).toMatch(/<testsuites name="ratecheck" tests="3" failures="0" errors="0" time="4\.500">/);
    expect(junitXml(report(claims, 4500))).toMatch(/<testcase classname="a" name="a\.one" time="4\.000">/);
    expect(suiteTimeMs(report(claims))).toBe(12000);
    expect(suiteTimeMs({ ...report(claims), summary: { ...report(claims).summary, wallTimeMs: 'x' as unknown as number } })).toBe(12000);
  });

  it('lower bounds, studies over many instances and failures without a counterexample say what they have', () => {
    const ge = entry('a.lower', { verdict: 'refuted', asExpected: false, counterexample: cx({ violation: { ...violation, relation: 'ge' } }) });
    expect(failureMessage(ge)).toMatch(/dist = 0\.00123457 < bound/);
    expect(failureDetail(ge, 1)).toMatch(/observed 0\.0012345678 < bound 0\.001/);
    const study = entry('a.study', { verdict: 'refuted', asExpected: false, counterexample: cx({ aggregate: { runs: 40, statistic: 'p-value', value: 1e-9 } }) });
    expect(failureMessage(study)).toBe('expected holds, got refuted: p-value = 1.00000e-9 over 40 instances');
    expect(failureDetail(study, 1)).toMatch(/study: p-value = 1e-9 over 40 instances/);
    const loose = entry('a.loose', { expected: 'refuted', asExpected: false, tightest: { params: { d: 2 }, ratio: 0.9, iteration: 5, metric: 'gap' } });
    expect(failureMessage(loose)).toBe('expected refuted, got holds');
    expect(failureDetail(loose)).toBe('a.loose: expected refuted, got holds\ntightest instance: params {"d":2}, ratio 0.9 at t = 5 (gap)');
    const cut = entry('a.cut', { verdict: 'inconclusive', asExpected: false, reason: 'the time limit ran out' });
    expect(failureMessage(cut)).toBe('expected holds, got inconclusive: the time limit ran out');
    expect(failureDetail(cut)).toBe('a.cut: expected holds, got inconclusive\nthe time limit ran out');
    expect(failureDetail(entry('a.x', { verdict: 'refuted', asExpected: false, counterexample: cx() }))).toMatch(/seed: \? \(claim seed 99\)/);
  });

  it('carries the horizon counts and the truncation as properties', () => {
    const h = { min: 1, median: 2, max: 3, stops: { floor: 1, budget: 2 }, reachedFloor: 1, stoppedAtBudget: 2, stoppedOtherwise: 0, truncated: true };
    const xml = junitXml(report([entry('a.cut', { horizon: h, truncated: true })]));
    expect(xml).toContain('<property name="reachedFloor" value="1"/><property name="stoppedAtBudget" value="2"/><property name="truncated" value="true"/>');
  });
});
