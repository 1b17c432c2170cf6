/**
 * `verify --observe FILE` (src/checking/observe.ts): one JSON line per evaluated instance, in the field
 * names of Hypothesis's test-case observations, written whole and in claim order from worker threads
 * as from the main thread.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { main } from '../src/cli/main.ts';
import { verifyClaims } from '../src/index.ts';
import { OutputError } from '../src/reporting/write.ts';
import { exact, raised, rarelyMet } from './fixtures/toy-claims.ts';

const toyFile = resolve('properties/fixtures/toy-claims.ts');
const dir = mkdtempSync(join(tmpdir(), 'ratecheck-observe-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const SEED = 11;
const HYPOTHESIS_KEYS = ['type', 'status', 'status_reason', 'representation', 'arguments', 'how_generated', 'features', 'coverage', 'timing', 'metadata', 'property', 'run_start'];

type Line = Record<string, any>;
const lines = (file: string): Line[] =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));
/** What the seed decides: everything but the clock. */
const decided = (l: Line) => ({ ...l, timing: {}, run_start: 0 });

describe('verify --observe', () => {
  const claims = [exact, raised, rarelyMet].map((claim) => ({ claim, file: toyFile }));

  it('writes one Hypothesis-style test case per instance, in claim order, the same from worker threads', async () => {
    const serialFile = join(dir, 'serial.jsonl'), pooledFile = join(dir, 'pooled.jsonl');
    const report = await verifyClaims(claims, { runs: 24, seed: SEED, workers: 1, observe: serialFile });
    await verifyClaims(claims, { runs: 24, seed: SEED, workers: 2, observe: pooledFile });
    const serial = lines(serialFile), pooled = lines(pooledFile);
    expect(pooled.map(decided)).toEqual(serial.map(decided));

    for (const l of serial) {
      expect(Object.keys(l).sort()).toEqual([...HYPOTHESIS_KEYS].sort());
      expect(l.type).toBe('test_case');
      expect(JSON.parse(l.representation)).toEqual(l.arguments);
      expect(['explicit', 'generate', 'target', 'shrink']).toContain(l.how_generated);
      expect(l.metadata.phase).toBe(l.how_generated);
    }
    // claim by claim, in order, each with as many counted instances as its result reports
    expect([...new Set(serial.map((l) => l.property))]).toEqual(claims.map((c) => c.claim.id));
    for (const entry of report.claims) {
      const own = serial.filter((l) => l.property === entry.id);
      expect(own.map((l) => l.metadata.index)).toEqual(own.map((_, i) => i));
      expect(own.every((l) => l.metadata.claim_seed === entry.seed)).toBe(true);
      // target candidates outside the searched region (domain, hypotheses) are logged, marked, and not counted
      expect(own.filter((l) => l.how_generated !== 'shrink' && !l.metadata.rejected)).toHaveLength(entry.instances);
      expect(own.filter((l) => l.metadata.rejected).every((l) => l.how_generated === 'target' && l.status === 'gave_up')).toBe(true);
    }
    // the true claim: the example first, then draws, then the search; every instance passes
    const ex = serial.filter((l) => l.property === exact.id);
    expect(ex[0]).toMatchObject({ how_generated: 'explicit', arguments: exact.examples![0], status: 'passed' });
    expect(ex.some((l) => l.how_generated === 'target')).toBe(true);
    expect(ex.every((l) => l.status === 'passed' && l.features.hypotheses_met === true && l.features.max_ratio <= 1 + 1e-9)).toBe(true);
    // the false claim: a failed draw, then shrinking down to the counterexample the report gives
    const ra = serial.filter((l) => l.property === raised.id);
    const firstFailure = ra.findIndex((l) => l.status === 'failed');
    expect(ra[firstFailure].how_generated).toBe('generate');
    expect(ra[firstFailure].features.first_violation_t).toBe(ra[firstFailure].metadata.violation.iteration);
    expect(ra.slice(firstFailure + 1).every((l) => l.how_generated === 'shrink')).toBe(true);
    const cx = report.claims.find((e) => e.id === raised.id)!.counterexample!;
    expect(ra.filter((l) => l.status === 'failed').at(-1)!.arguments).toEqual(cx.params);
    // the vacuous claim: its draws give up on the hypothesis, naming it
    const rm = serial.filter((l) => l.property === rarelyMet.id);
    expect(rm.filter((l) => l.status === 'gave_up').length).toBeGreaterThan(0.8 * rm.length);
    expect(rm.find((l) => l.status === 'gave_up')!.status_reason).toMatch(/q < 1/);
    expect(rm.find((l) => l.status === 'gave_up')!.features.max_ratio).toBeNull();
  });

  it('without the target phase, no line is targeted; the CLI takes --observe and --no-target', async () => {
    const file = join(dir, 'cli.jsonl');
    let err = '';
    const io = { out: () => {}, err: (s: string) => (err += s) };
    const code = await main(['node', 'ratecheck', 'verify', toyFile, 'toy.exact', '--runs', '15', '--seed', String(SEED), '--no-store', '--quiet', '--out', join(dir, 'report'), '--observe', file, '--no-target'], { io });
    expect(code, err).toBe(0);
    const got = lines(file);
    expect(got).toHaveLength(15);
    expect(got.every((l) => l.how_generated !== 'target')).toBe(true);
  });

  it('refuses an unwritable observation path before anything runs', async () => {
    const notADir = join(dir, 'plain-file');
    writeFileSync(notADir, 'x');
    await expect(verifyClaims(claims, { runs: 5, seed: SEED, observe: join(notADir, 'obs.jsonl') })).rejects.toThrow(OutputError);
    mkdirSync(join(dir, 'a-directory'), { recursive: true });
    await expect(verifyClaims(claims, { runs: 5, seed: SEED, observe: join(dir, 'a-directory') })).rejects.toThrow(/observe .* is not a regular file/);
    let err = '';
    const io = { out: () => {}, err: (s: string) => (err += s) };
    const code = await main(['node', 'ratecheck', 'verify', toyFile, '--runs', '5', '--no-store', '--out', join(dir, 'r2'), '--observe', join(notADir, 'obs.jsonl')], { io });
    expect(code).toBe(2);
    expect(err).toMatch(/--observe .*not a directory/);
  });
});
