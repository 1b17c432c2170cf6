import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInit } from './init.ts';
import { expectClaim } from '../../vitest.ts';
import type { Claim } from '../../claims/types.ts';

describe('ratecheck init', () => {
  it('writes a claim file whose true claim holds and whose variant is refuted, a test, and a script', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ratecheck-init-'));
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'u', version: '1.0.0', scripts: { test: 'vitest' } }));
    const r = runInit(dir);
    expect(r.written.map((f) => f.slice(dir.length + 1))).toEqual(['claims/example.claims.ts', 'claims/example.test.ts']);
    expect(r.script).toBe('test:claims');
    expect(JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).scripts).toEqual({ test: 'vitest', 'test:claims': 'vitest run claims' });
    expect(readFileSync(join(dir, 'claims', 'example.test.ts'), 'utf8')).toContain("from 'ratecheck/vitest'");
    // the example itself, loaded as the user's project would (ratecheck resolves to this engine)
    const mod = (await import(join(dir, 'claims', 'example.claims.ts'))) as { gdRate: Claim<unknown>; gdRateTooFast: Claim<unknown>; default: Claim<unknown>[] };
    expect(mod.default.map((c) => c.expected)).toEqual(['holds', 'refuted']);
    const held = expectClaim(mod.gdRate, { runs: 30 }).toHold();
    // 20 random draws, then the target phase's instances within the work of the other 10 runs
    expect(held.hypothesesMet).toBe(held.instances);
    expect(held.instances).toBeGreaterThanOrEqual(30);
    const refuted = expectClaim(mod.gdRateTooFast, { runs: 30 }).toBeRefuted();
    expect(refuted.counterexample?.violation.ratio).toBeGreaterThan(1);
  });

  it('refuses to overwrite, and writes nothing then', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ratecheck-init-'));
    runInit(dir);
    writeFileSync(join(dir, 'claims', 'example.claims.ts'), 'mine');
    expect(() => runInit(dir)).toThrow(/refusing to overwrite .*example\.claims\.ts.*example\.test\.ts \(nothing was written\)/);
    expect(readFileSync(join(dir, 'claims', 'example.claims.ts'), 'utf8')).toBe('mine');
    expect(existsSync(join(dir, 'package.json'))).toBe(false); // no package.json: none is made
  });

  it('leaves an existing test:claims script and a malformed package.json alone', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ratecheck-init-'));
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ scripts: { 'test:claims': 'mine' } }));
    expect(runInit(dir).script).toBeUndefined();
    const bad = mkdtempSync(join(tmpdir(), 'ratecheck-init-'));
    writeFileSync(join(bad, 'package.json'), '{');
    expect(() => runInit(bad)).toThrow(/cannot read .*package\.json/);
    expect(existsSync(join(bad, 'claims'))).toBe(false);
  });
});
