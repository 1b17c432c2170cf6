import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { attachPower, consoleTable, figureOfMerit, fmtNumber, horizonText, verdictLabel, statisticsLines, markdownReport, mdCode, mdText, safeText, numberFromJson, summarize, toJson, writeAtomic, type ClaimEntry, type Report } from './report.ts';

const entry = (over: Partial<ClaimEntry>): ClaimEntry => ({
  id: 'a.b',
  statement: 's',
  source: { paper: 'p', theorem: 't', url: 'u', confidence: 'V' },
  kind: 'bound-for-all-t',
  expected: 'holds',
  verdict: 'holds',
  asExpected: true,
  instances: 3,
  hypothesesMet: 3,
  maxRatio: 0.5,
  horizon: { min: 1, median: 2, max: 3, stops: { floor: 3 } },
  hypothesisFailures: {},
  seed: 1,
  runs: 3,
  maxIterations: 10,
  timeMs: 12,
  ...over,
});

describe('report formatting', () => {
  it('spells non-finite numbers out in JSON and reads them back', () => {
    const text = toJson({ a: Infinity, b: NaN, c: -Infinity, d: 1 });
    expect(JSON.parse(text)).toEqual({ a: 'Infinity', b: 'NaN', c: '-Infinity', d: 1 });
    expect(numberFromJson('Infinity')).toBe(Infinity);
    expect(numberFromJson(2)).toBe(2);
    expect(numberFromJson('x')).toBeNaN();
  });

  it('formats numbers for tables', () => {
    expect(fmtNumber(null)).toBe('-');
    expect(fmtNumber(Infinity)).toBe('Infinity');
    expect(fmtNumber(0)).toBe('0');
    expect(fmtNumber(0.123456)).toBe('0.123');
    expect(fmtNumber(1.5e-7)).toBe('1.50e-7');
  });

  it('summarizes, tabulates and writes Markdown with unexpected verdicts marked', () => {
    const entries = [
      entry({}),
      entry({ id: 'a.c', expected: 'refuted', verdict: 'holds', asExpected: false, hypothesesMet: 2, reason: 'why' }),
    ];
    const summary = summarize(entries);
    expect(summary).toMatchObject({ claims: 2, asExpected: 1, unexpected: ['a.c'], byVerdict: { holds: 2 } });
    const table = consoleTable(entries);
    expect(table).toMatch(/a\.c\s+refuted\s+holds {2}✗\s+2\/3/);
    const report: Report = {
      schemaVersion: 1,
      tool: { name: 'ratecheck', version: '0' },
      createdAt: 'now',
      options: { runs: 3, seed: 1, timeLimitSec: null, maxIterations: null, dense: false },
      summary,
      claims: entries,
    };
    const md = markdownReport(report);
    expect(md).toMatch(/1 of 2 claims as expected; unexpected: a\.c/);
    expect(md).toMatch(/\*\*holds\*\*/);
    expect(md).toMatch(/## Notes/);
  });

  it('writes atomically: no temporary file is left behind', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ratecheck-report-'));
    writeAtomic(join(dir, 'x.json'), '{}\n');
    expect(readdirSync(dir)).toEqual(['x.json']);
    expect(readFileSync(join(dir, 'x.json'), 'utf8')).toBe('{}\n');
    // a failed rename (the target is a non-empty directory) leaves no temporary file either
    mkdirSync(join(dir, 'd', 'inner'), { recursive: true });
    expect(() => writeAtomic(join(dir, 'd'), 'x')).toThrow();
    expect(readdirSync(dir).sort()).toEqual(['d', 'x.json']);
  });

  it('escapes Markdown and terminal text, and tabulates compared iterations and errors', () => {
    expect(mdText('a|b `c` *d* <e> [f](g)\n# h')).toBe('a\\|b \\`c\\` \\*d\\* &lt;e&gt; \\[f\\](g) # h');
    expect(mdCode('x.y')).toBe('`x.y`');
    expect(mdCode('a`b')).toBe('a\\`b');
    expect(safeText('a\u001b[2Jb\nc')).toBe('a [2Jb c');
    const table = consoleTable([entry({ comparedIterations: 42 }), entry({ id: 'a.e', verdict: 'error', asExpected: false })]);
    expect(table).toMatch(/a\.b\s+holds\s+holds\s+3\s+42\s/);
    expect(table).toMatch(/a\.e\s+holds\s+error {2}✗\s+3\s+-\s/);
    expect(fmtNumber('Infinity' as unknown as number)).toBe('Infinity');
  });
});

describe('figureOfMerit and statisticsLines', () => {
  const base = { counterexample: undefined, statistics: undefined, maxRatio: 0.5 };
  it('reads each kind of claim in its own terms', () => {
    expect(figureOfMerit(base)).toBe('ratio 0.500');
    expect(figureOfMerit({ ...base, maxRatio: null })).toBe('-');
    expect(figureOfMerit({ ...base, maxRatio: 6.6e34, statistics: { pValue: 0.43, failures: 2, trials: 100 } })).toBe('p = 0.43, 2/100 failed');
    expect(figureOfMerit({ ...base, statistics: { fittedExponent: 1.95, claimedExponent: 2 } })).toBe('exponent 1.95 vs 2.00');
    const violation = { iteration: 3, metric: 'x', relation: 'le' as const, observed: 2, bound: 1, ratio: 2, cite: 'c' };
    const counterexample = { params: {}, violation, hypotheses: [], derived: {}, seed: 1, path: '', numShrinks: 0, maxIterations: 5, file: 'f', replay: 'r' };
    expect(figureOfMerit({ ...base, maxRatio: 1.9, counterexample })).toBe('ratio 2.00');
  });

  it('prints one statistics line per claim', () => {
    const line = statisticsLines([{ id: 'a.b', instances: 10, hypothesesMet: 8, hypothesisFailures: { 'q < 1': 2 }, comparedIterations: 120, horizon: { min: 3, median: 9, max: 20, stops: { floor: 6, budget: 2 } }, timeMs: 1500 } as unknown as ClaimEntry]);
    expect(line).toBe('- a.b: 10 instances, 8 meeting the hypotheses; hypotheses failed: q < 1 2; 120 iterations compared; stops: floor 6, budget 2; horizon 3–20 (median 9); 1.50 s');
  });

  it('says when a claim holds over a truncated horizon, with the floor/budget counts and the decay', () => {
    const horizon = { min: 5, median: 100, max: 100, stops: { floor: 1, budget: 2 }, reachedFloor: 1, stoppedAtBudget: 2, stoppedOtherwise: 0, decay: { min: -9, median: -1.5, max: -0.25 }, budget: { min: 100, median: 100, max: 100 }, truncated: true };
    const e = entry({ horizon, truncated: true });
    expect(verdictLabel(e)).toBe('holds (truncated)');
    expect(verdictLabel(entry({}))).toBe('holds');
    expect(consoleTable([e])).toMatch(/holds \(truncated\)/);
    expect(horizonText(horizon)).toBe('floor 1, budget 2; decay 10^-0.25 (least) / 10^-1.5 (median); t ≤ 5/100/100');
    expect(horizonText(null)).toBe('-');
    const md = markdownReport({ schemaVersion: 1, tool: { name: 'ratecheck', version: '0' }, createdAt: '', options: { runs: 3, seed: 1, timeLimitSec: null, maxIterations: null, dense: false }, summary: summarize([e]), claims: [e] });
    expect(md).toMatch(/holds \(truncated\)/);
    expect(md).toMatch(/floor 1, budget 2/);
    expect(statisticsLines([e])).toMatch(/truncated/);
  });

  it('carries a mutation analysis into the entry and the Markdown', () => {
    const power = { claimId: 'a.b', runs: 3, seed: 1, claimSeed: 2, range: [1e-4, 0.5] as [number, number], base: { verdict: 'holds' as const, instances: 3, hypothesesMet: 3, maxRatio: 1 }, families: [{ family: 'bound' as const, description: 'd', status: 'found' as const, threshold: 0.02, heldAt: 0.016, probes: [] }], hypotheses: [], timeMs: 5 };
    const report: Report = { schemaVersion: 1, tool: { name: 'ratecheck', version: '0' }, createdAt: '', options: { runs: 3, seed: 1, timeLimitSec: null, maxIterations: null, dense: false }, summary: summarize([entry({})]), claims: [entry({}), entry({ id: 'c.d' })] };
    expect(attachPower(report, [power])).toBe(1);
    expect(report.claims[0].power).toBe(power);
    expect(report.claims[1].power).toBeUndefined();
    expect(markdownReport(report)).toMatch(/## Detection thresholds[\s\S]*`a.b`: bound 2\.0%/);
  });
});
