import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CounterexampleStore } from './store.ts';
import { acquireLock } from './lock.ts';
import { verifyClaim } from './runner.ts';
import { raised, exact } from '../../properties/fixtures/toy-claims.ts';

describe('counterexample store', () => {
  it('keeps each instance once, and a stored counterexample is replayed before any new instance', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ratecheck-store-'));
    const store = new CounterexampleStore(dir);
    expect(store.load('toy.raised-rate')).toEqual([]);
    store.add('toy.raised-rate', { q: 0.5, horizon: 3 });
    store.add('toy.raised-rate', { q: 0.5, horizon: 3 });
    expect(store.load('toy.raised-rate')).toEqual([{ q: 0.5, horizon: 3 }]);
    // with the stored instance tried first, the very first instance already refutes the claim
    const r = verifyClaim(raised, { runs: 50, seed: 1, replayFirst: store.usable(raised, 100) });
    expect(r.verdict).toBe('refuted');
    expect(r.instances).toBe(1);
  });

  it('skips unreadable entries and instances that no longer instantiate, with a warning', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ratecheck-store-'));
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'toy.exact.json'), '{broken');
    const warnings: string[] = [];
    const store = new CounterexampleStore(dir);
    expect(store.load('toy.exact', (w) => warnings.push(w))).toEqual([]);
    expect(warnings[0]).toMatch(/ignoring the counterexample store entry/);
    writeFileSync(join(dir, 'toy.exact.json'), JSON.stringify({ schemaVersion: 1, claimId: 'toy.exact', instances: [{ q: 0.5, horizon: 2 }, null] }));
    const usable = store.usable(exact, 10, (w) => warnings.push(w));
    expect(usable).toEqual([{ q: 0.5, horizon: 2 }]);
    expect(warnings[1]).toMatch(/no longer instantiates/);
  });

  it('updates under the store lock: a held lock makes an update wait, then refuse; oversized or irregular entries are skipped', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ratecheck-store-'));
    const store = new CounterexampleStore(dir);
    const lock = acquireLock(store.lockFile, dir);
    expect(() => store.add('toy.exact', { q: 0.5, horizon: 2 }, 30)).toThrow(/another ratecheck run holds/);
    lock.release();
    store.add('toy.exact', { q: 0.5, horizon: 2 });
    expect(store.load('toy.exact')).toEqual([{ q: 0.5, horizon: 2 }]);
    const warnings: string[] = [];
    writeFileSync(join(dir, 'toy.exact.json'), JSON.stringify({ schemaVersion: 1, claimId: 'toy.exact', instances: [{ q: 0.5, horizon: 2, n: 1e9 }] }));
    expect(store.usable(exact, 10, (w) => warnings.push(w))).toEqual([]);
    expect(warnings[0]).toMatch(/toy\.exact\.json: params\.n = 1000000000 is out of range/);
    rmSync(join(dir, 'toy.exact.json'));
    mkdirSync(join(dir, 'toy.exact.json'));
    expect(store.load('toy.exact', (w) => warnings.push(w))).toEqual([]);
    expect(warnings[1]).toMatch(/not a regular file/);
  });
});
