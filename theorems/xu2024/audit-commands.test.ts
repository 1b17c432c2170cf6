import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command, CommanderError } from 'ratecheck';
import { UsageError } from 'ratecheck';
import { registerWidth, runWidth, type WidthCliOptions } from './audit-commands.ts';

const tmp = mkdtempSync(join(tmpdir(), 'ratecheck-width-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const quick = ['--m', '5', '--n', '4', '--samples', '6', '--rank-d', '3', '--rank', '2', '--cond-d', '2', '--draws', '1', '--max-iterations', '3000', '--schemes', 'orthonormal,gaussian', '--methods', 'nag'];

async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '', err = '', code = -1;
  const program = new Command().exitOverride().configureOutput({ writeOut: (s) => (out += s), writeErr: (s) => (err += s) });
  registerWidth(program, { out: (s) => (out += s), err: (s) => (err += s) }, (c) => (code = c));
  try {
    await program.parseAsync(['node', 'ratecheck', 'width', ...args]);
  } catch (e) {
    if (e instanceof CommanderError) return { code: e.exitCode === 0 ? 0 : 2, out, err };
    throw e;
  }
  return { code, out, err };
}

describe('ratecheck width', () => {
  it('prints the audit table', async () => {
    const r = await run(...quick);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/width audit: .*rank\(L\) = 2/);
    expect(r.out).toMatch(/NAG\s+orthonormalized \(13\)\s+2\s/);
    expect(r.out).toMatch(/Du & Hu 2019/);
  });

  it('prints JSON with --json and writes it with --out', async () => {
    const file = join(tmp, 'width.json');
    const r = await run(...quick, '--json', '--out', file);
    expect(r.code, r.err).toBe(0);
    const printed = JSON.parse(r.out);
    const written = JSON.parse(readFileSync(file, 'utf8'));
    expect(written.rows).toEqual(printed.rows);
    expect(printed.rows.map((row: { scheme: string }) => row.scheme)).toEqual(['orthonormal', 'gaussian']);
    expect(r.err).toMatch(/written to/);
  });

  it('bad options are usage errors', async () => {
    expect((await run('--draws', '0')).code).toBe(2);
    expect((await run('--schemes', 'orthonormal,bogus')).code).toBe(2);
    expect((await run('--cond-d', 'abc')).code).toBe(2);
    expect((await run('--seed', '1.5')).code).toBe(2);
  });

  it('an impossible instance is a one-line usage error, and so is an unwritable --out', () => {
    const base: WidthCliOptions = { m: 5, n: 4, samples: 6, rankD: 3, rank: 2, condD: 2, condA: 1, seed: 1, draws: 1, maxIterations: 100, tolerance: 1e-8, cMultiplier: 1, methods: ['nag'], schemes: ['orthonormal'], json: false };
    const io = { out: () => {}, err: () => {} };
    expect(() => runWidth({ ...base, rankD: 9 }, io)).toThrow(UsageError);
    expect(() => runWidth({ ...base, tolerance: 0.5 }, io)).toThrow(/tolerance/);
    expect(() => runWidth({ ...base, out: join(tmp, 'missing-dir', 'x.json') }, io)).toThrow(/cannot write/);
  });
});
