import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { runPower, type PowerCliOptions } from './power.ts';
import { UsageError } from '../errors.ts';
import { defineClaim, type Claim } from '../../claims/types.ts';
import { scaledBound } from '../../claims/variants.ts';
import type { Catalog } from '../../catalog.ts';
import { main } from '../main.ts';

/** x_t = q^t against q^t (exact, rate declared). */
const exact: Claim<{ q: number }> = defineClaim({
  id: 'toy.power-cli',
  statement: 'x_t ≤ q^t',
  source: { paper: 'Toy', theorem: 't', url: 'u', confidence: 'D' },
  kind: 'bound-for-all-t',
  expected: 'holds',
  params: fc.record({ q: fc.integer({ min: 1, max: 9 }).map((k) => k / 10) }),
  instantiate: (p) => ({
    hypotheses: [],
    derived: {},
    bounds: [{ metric: 'x', relation: 'le', value: (t) => p.q ** t, floor: 1e-9, cite: 'c', rate: p.q }],
    run: (observe, maxIterations) => {
      let x = 1;
      for (let t = 0; t <= maxIterations; t++) {
        if (!observe(t, { x })) return;
        x *= p.q;
      }
    },
  }),
});
const tooStrong = scaledBound(exact, 0.9, { id: 'toy.power-cli-strong', statement: 's', falseBecause: 'f' });
const catalog: Catalog = { papers: [{ name: 'toy', title: 'toy', claims: [exact, tooStrong] }] };
/** A claim expected to hold that does not: nothing to analyse, exit 1. */
const wrong: Claim<{ q: number }> = { ...tooStrong, id: 'other.wrong', expected: 'holds', variantOf: undefined };

function io() {
  const out: string[] = [], err: string[] = [];
  return { io: { out: (s: string) => void out.push(s), err: (s: string) => void err.push(s) }, out, err };
}

const base: PowerCliOptions = { runs: 20, seed: 3, timeLimit: 60, json: false, allPrimary: false, hypotheses: true };
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('ratecheck power', () => {
  it('prints the thresholds, progress on stderr, and writes power.json', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'power-'));
    dirs.push(dir);
    const c = io();
    expect(await runPower(['toy.power-cli'], { ...base, out: dir }, c.io, catalog)).toBe(0);
    expect(c.out.join('')).toMatch(/detection threshold: at most 0\.010% on the bound/);
    expect(c.out.join('')).toMatch(/on the rate exponent/);
    expect(c.err.join('')).toMatch(/bound ε = 50%: refuted/);
    const file = JSON.parse(readFileSync(join(dir, 'power.json'), 'utf8'));
    expect(file.kind).toBe('ratecheck-power');
    expect(file.claims[0].claimId).toBe('toy.power-cli');
  });

  it('prints JSON with --json, analyses every primary claim with --all-primary, and refuses bad usage', async () => {
    const c = io();
    expect(await runPower([], { ...base, json: true, allPrimary: true }, c.io, catalog)).toBe(0);
    const r = JSON.parse(c.out.join(''));
    expect(r.claimId).toBe('toy.power-cli'); // the false variant is not a primary claim
    expect(r.families[0].status).toBe('below-range');
    await expect(runPower([], base, io().io, catalog)).rejects.toThrow(UsageError);
    await expect(runPower(['toy.power-cli'], { ...base, allPrimary: true }, io().io, catalog)).rejects.toThrow(UsageError);
    await expect(runPower(['toy.power-cli-strong'], base, io().io, catalog)).rejects.toThrow(/expected to be refuted/);
    const both = io();
    expect(await runPower(['toy'], base, both.io, catalog)).toBe(0);
    expect(both.err.join('')).toMatch(/skipped toy.power-cli-strong/);
  });

  it('exits 1 when the claim itself does not hold', async () => {
    const c = io();
    expect(await runPower(['other.wrong'], base, c.io, { papers: [{ name: 'other', title: 'o', claims: [wrong] }] })).toBe(1);
    expect(c.out.join('')).toMatch(/not analysed: the claim itself is refuted/);
  });

  it('puts the thresholds of a power.json into the reports of verify (--power), and refuses a file that is not one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'power-'));
    dirs.push(dir);
    expect(await runPower(['toy.power-cli'], { ...base, out: dir, hypotheses: false }, io().io, catalog)).toBe(0);
    const out = join(dir, 'report');
    const v = io();
    expect(await main(['node', 'ratecheck', 'verify', 'toy', '--runs', '10', '--no-store', '--quiet', '--out', out, '--power', join(dir, 'power.json')], { io: v.io, catalog })).toBe(0);
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
    expect(report.claims.find((c: { id: string }) => c.id === 'toy.power-cli').power.claimId).toBe('toy.power-cli');
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toMatch(/threshold/i);
    const bad = io();
    expect(await main(['node', 'ratecheck', 'verify', 'toy', '--no-store', '--out', join(dir, 'r2'), '--power', join(out, 'report.json')], { io: bad.io, catalog })).toBe(2);
    expect(bad.err.join('')).toMatch(/not a power\.json/);
  });

  it('is registered in the command line', async () => {
    const c = io();
    expect(await main(['node', 'ratecheck', 'power', 'toy.power-cli', '--runs', '10', '--no-hypotheses'], { io: c.io, catalog })).toBe(0);
    expect(c.out.join('')).toMatch(/threshold/);
  });
});
