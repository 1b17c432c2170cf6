import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command, CommanderError, UsageError } from 'ratecheck';
import { batchSizeCommand, registerBatchSize } from './batch-size-command.ts';

function program() {
  let out = '', err = '', code = -1;
  const p = new Command().exitOverride().configureOutput({ writeOut: (s) => (out += s), writeErr: (s) => (err += s) });
  registerBatchSize(p, { out: (s) => (out += s), err: (s) => (err += s) }, (c) => (code = c));
  return { p, get out() { return out; }, get err() { return err; }, get code() { return code; } };
}

describe('batchSizeCommand', () => {
  it('prints ρ_msq against B and the critical batch sizes, with a matching JSON report', () => {
    const { text, json } = batchSizeCommand({ n: 40, d: 4, kappa: 100, seed: 2 });
    expect(text).toMatch(/exact mean-square rate against the batch size/);
    expect(text).toMatch(/B_stable/);
    expect(text).toMatch(/B_true\(k\*\)/);
    expect(json.kind).toBe('ratecheck-batch-size');
    expect(json.analysis.bStable.batch).toBeLessThan(json.analysis.bCrit.batch);
    expect(json.rates.some((r) => r.batchSize === json.analysis.bCrit.batch)).toBe(true);
    expect(JSON.stringify(json)).not.toMatch(/NaN/);
  });

  it('sweeps κ and d and reports the exponent against κ̄/√κ', () => {
    const { text, json } = batchSizeCommand({ n: 20, d: 2, kappa: 4, batches: [1, 8], sweep: true, sweepKappas: [10, 100, 1000], sweepDims: [3] });
    expect(json.rates.map((r) => r.batchSize)).toEqual([1, 8]);
    expect(json.sweep!.rows.length).toBe(3);
    expect(text).toMatch(/exponent of B_crit against κ̄\/√κ: .*NOT consistent/);
  });

  it('κ = 1 and uniform sampling on spread rows work; bad arguments are RangeErrors', () => {
    const { json } = batchSizeCommand({ n: 8, d: 2, kappa: 1, rowNorms: 'spread', spread: 50, sampling: 'uniform', c: 4, epsilon: 0.1, accuracy: 1e-4 });
    expect(json.analysis.conditionNumber).toBe(1);
    expect(Number.isFinite(json.analysis.bCrit.real)).toBe(true);
    expect(() => batchSizeCommand({ batches: [0] })).toThrow(/positive integers/);
    expect(() => batchSizeCommand({ batches: [2 ** 60] })).toThrow(/exceeds 2\^50/);
    expect(() => batchSizeCommand({ kappa: 0.5 })).toThrow(/--kappa/);
    expect(() => batchSizeCommand({ n: 0 })).toThrow(/--n/);
    expect(() => batchSizeCommand({ d: 1.5 })).toThrow(/--d/);
    expect(() => batchSizeCommand({ seed: 0.5 })).toThrow(/--seed/);
    expect(() => batchSizeCommand({ spectrum: 'x' as never })).toThrow(/--spectrum/);
    expect(() => batchSizeCommand({ rowNorms: 'x' as never })).toThrow(/--row-norms/);
    expect(() => batchSizeCommand({ sampling: 'x' as never })).toThrow(/--sampling/);
    expect(() => batchSizeCommand({ n: 3, d: 4 })).toThrow(/n must be an integer ≥ d/);
  });
});

describe('ratecheck batch-size', () => {
  it('parses options, prints the tables, writes --out and prints JSON with --json', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ratecheck-bs-'));
    const file = join(dir, 'bs.json');
    const a = program();
    await a.p.parseAsync(['node', 'ratecheck', 'batch-size', '--n', '30', '--d', '3', '--kappa', '50', '--batches', '1,64,1024', '--out', file]);
    expect(a.code).toBe(0);
    expect(a.out).toMatch(/critical batch sizes/);
    expect(a.out).toMatch(/report: /);
    const saved = JSON.parse(readFileSync(file, 'utf8'));
    expect(saved.rates.map((r: { batchSize: number }) => r.batchSize)).toEqual([1, 64, 1024]);
    const b = program();
    await b.p.parseAsync(['node', 'ratecheck', 'batch-size', '--n', '30', '--d', '3', '--kappa', '50', '--json', '--sampling', 'uniform', '--row-norms', 'spread', '--spectrum', 'geometric', '--seed', '3']);
    expect(JSON.parse(b.out).instance.sampling).toBe('uniform');
  });

  it('bad usage: commander rejects malformed numbers, the command turns range errors into usage errors', async () => {
    const a = program();
    await expect(a.p.parseAsync(['node', 'ratecheck', 'batch-size', '--batches', '1,x'])).rejects.toBeInstanceOf(CommanderError);
    expect(a.err).toMatch(/--batches must be a comma-separated list/);
    const b = program();
    await expect(b.p.parseAsync(['node', 'ratecheck', 'batch-size', '--kappa', '-3'])).rejects.toBeInstanceOf(CommanderError);
    const c = program();
    await expect(c.p.parseAsync(['node', 'ratecheck', 'batch-size', '--n', '2', '--d', '3'])).rejects.toBeInstanceOf(UsageError);
    const d = program();
    await expect(d.p.parseAsync(['node', 'ratecheck', 'batch-size', '--n', '20', '--d', '2', '--out', '/nonexistent-dir/x.json'])).rejects.toThrow(/cannot write/);
  });
});
