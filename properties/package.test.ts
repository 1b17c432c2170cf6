/**
 * The package as a user gets it: `npm pack`, then the tarball installed into two fresh projects, one
 * with no "type" (CommonJS) and one with "type": "module". In each: plain `import('ratecheck')`, a .ts
 * and a .mjs claim file verified (exit 0 for a true claim, 1 for a false one, with the counterexample on
 * the terminal), a vitest test through `ratecheck/vitest` that fails with the shrunk counterexample in
 * its message, and `tsc --noEmit` (NodeNext, strict, skipLibCheck off) with no error from ratecheck.
 * It needs the npm registry (or npm's cache) for vitest and typescript in the temporary projects.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const tmp = mkdtempSync(join(tmpdir(), 'ratecheck-pack-'));
let tarball = '';
const npm = (args: string[], cwd: string) => execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 300_000 });

beforeAll(() => {
  npm(['pack', '--silent', '--pack-destination', tmp], root);
  tarball = join(tmp, readdirSync(tmp).find((f) => f.endsWith('.tgz'))!);
}, 300_000);
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const CLAIMS_TS = `import { atMost, defineClaim, fc, scaledBound } from 'ratecheck';

interface P { q: number; horizon: number }

/** x_{t+1} = q·x_t from x₀ = 1: x_t ≤ q^t exactly. */
export const exact = defineClaim<P>({
  id: 'user.exact',
  statement: 'x_t ≤ q^t',
  source: { paper: 'user', theorem: 'exact solution', url: 'https://example.org', confidence: 'D' },
  kind: 'bound-for-all-t',
  expected: 'holds',
  params: fc.record({ q: fc.integer({ min: 1, max: 19 }).map((k) => k / 20), horizon: fc.integer({ min: 1, max: 30 }) }),
  instantiate: (p) => ({
    hypotheses: [atMost('q < 1', p.q, 1)],
    derived: { q: p.q },
    bounds: [{ metric: 'x', relation: 'le', value: (t) => p.q ** t, floor: 1e-12, cite: 'x_t = q^t' }],
    run: (observe, maxIterations) => {
      let x = 1;
      for (let t = 0; t <= Math.min(p.horizon, maxIterations); t++) {
        if (!observe(t, { x })) return;
        x *= p.q;
      }
    },
  }),
});

export const tooTight = scaledBound(exact, 0.97, {
  id: 'user.too-tight',
  statement: 'FALSE: x_t ≤ 0.97 q^t',
  expected: 'refuted',
  falseBecause: 'the bound is attained at t = 0',
});
`;

const asHolds = (text: string) => text.replace("expected: 'refuted'", "expected: 'holds'");

function run(cmd: string, args: string[], cwd: string) {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', timeout: 300_000, env: { ...process.env, CI: 'true', NO_COLOR: '1', FORCE_COLOR: '0' } });
  // no colours: the assertions read the text
  return { code: r.status, out: `${r.stdout}\n${r.stderr}`.replace(/\x1b\[[0-9;]*m/g, '') };
}

for (const kind of ['commonjs', 'module'] as const) {
  describe(`the packed package in a ${kind} project`, () => {
    const dir = join(tmp, kind);
    beforeAll(() => {
      mkdirSync(join(dir, 'claims'), { recursive: true });
      writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: `user-${kind}`, version: '1.0.0', ...(kind === 'module' ? { type: 'module' } : {}) }));
      npm(['install', '--silent', '--no-audit', '--no-fund', '--prefer-offline', tarball, 'vitest@4', 'typescript@5'], dir);
      writeFileSync(join(dir, 'claims', 'user.claims.ts'), CLAIMS_TS);
      writeFileSync(join(dir, 'claims', 'user.claims.mjs'), CLAIMS_TS.replace(/defineClaim<P>/g, 'defineClaim').replace(/interface P \{[^}]*\}\n/, ''));
      writeFileSync(join(dir, 'claims', 'broken.claims.ts'), asHolds(CLAIMS_TS));
      writeFileSync(join(dir, 'claims', 'broken.claims.mjs'), asHolds(CLAIMS_TS.replace(/defineClaim<P>/g, 'defineClaim').replace(/interface P \{[^}]*\}\n/, '')));
    }, 600_000);

    it('imports from plain node', () => {
      const r = run('node', ['-e', "import('ratecheck').then((m) => { if (typeof m.verifyClaims !== 'function' || typeof m.fc.integer !== 'function') process.exit(3); })"], dir);
      expect(r.code, r.out).toBe(0);
    });

    for (const ext of ['ts', 'mjs']) {
      it(`verifies a .${ext} claim file: exit 0 as expected, exit 1 with the counterexample when not`, () => {
        const ok = run('npx', ['--no-install', 'ratecheck', 'verify', `claims/user.claims.${ext}`, '--runs', '20', '--no-store', '--out', `out-${ext}`], dir);
        expect(ok.code, ok.out).toBe(0);
        expect(ok.out).toMatch(/2 of 2 claims as expected/);
        const bad = run('npx', ['--no-install', 'ratecheck', 'verify', `claims/broken.claims.${ext}`, '--runs', '20', '--no-store', '--out', `bad-${ext}`], dir);
        expect(bad.code, bad.out).toBe(1);
        expect(bad.out).toMatch(/user\.too-tight: refuted at t = 0/);
        expect(bad.out).toMatch(/replay: ratecheck replay /);
      });
    }

    it('fails a vitest test with the shrunk counterexample in its message', () => {
      writeFileSync(join(dir, 'claims', 'user.test.ts'), `import { it } from 'vitest';\nimport { expectClaim } from 'ratecheck/vitest';\nimport { exact, tooTight } from './user.claims.ts';\nit('holds', () => { expectClaim(exact, { runs: 20 }).toHold(); });\nit('is asserted to hold', () => { expectClaim(tooTight, { runs: 20 }).toHold(); });\n`);
      const r = run('npx', ['--no-install', 'vitest', 'run', 'claims/user.test.ts'], dir);
      expect(r.code, r.out).toBe(1);
      expect(r.out).toMatch(/1 failed \| 1 passed/);
      expect(r.out).toMatch(/expected user\.too-tight to be holds, but it is refuted/);
      expect(r.out).toMatch(/counterexample \(shrunk \d+ times\): \{"q":/);
      expect(r.out).toMatch(/first violation at t = 0/);
      expect(r.out).toMatch(/replay: npx ratecheck verify claims\/user\.claims\.ts user\.too-tight --seed 42/);
    });

    it('type-checks the claim file with NodeNext settings and no error from ratecheck', () => {
      writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', strict: true, noEmit: true, skipLibCheck: false, exactOptionalPropertyTypes: true, noUncheckedIndexedAccess: true }, include: ['claims/user.claims.ts'] }));
      const r = run('npx', ['--no-install', 'tsc', '-p', '.'], dir);
      expect(r.out).not.toMatch(/node_modules\/ratecheck/);
      expect(r.code, r.out).toBe(0);
    });
  });
}
