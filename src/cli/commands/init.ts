/**
 * `ratecheck init`: a starting point in the user's project: claims/example.claims.ts (a true claim and
 * a false variant of it), claims/example.test.ts (both as vitest tests through ratecheck/vitest) and a
 * package.json script that runs them. Existing files are never overwritten: if any target exists,
 * nothing is written and the command says which.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { Command } from 'commander';
import { writeAtomic } from '../../reporting/report.ts';
import { UsageError } from '../errors.ts';

export const EXAMPLE_CLAIMS = `/**
 * Gradient descent on a strongly convex quadratic f(x) = ½ Σᵢ λᵢ xᵢ² with μ ≤ λᵢ ≤ L.
 *
 * Statement. With step size 1/L, every iterate satisfies ‖x_t − x*‖ ≤ (1 − μ/L)^t ‖x₀ − x*‖.
 * Hypotheses. 0 < μ ≤ λᵢ ≤ L (the spectrum is drawn inside [μ, L]).
 * Parameters. d (dimension), κ = L/μ, the spectrum, the starting point (all from the instance seed).
 * Bound. Each coordinate contracts by |1 − λᵢ/L| ≤ 1 − μ/L per step; the bound is attained when x₀ lies
 * on the eigenvector of μ.
 */
import { atLeast, defineClaim, fc, logUniform, Rng, seedArb, withRate, type Trial } from 'ratecheck';

export interface QuadraticParams {
  d: number;
  kappa: number;
  seed: number;
}

function trial(p: QuadraticParams): Trial {
  const rng = new Rng(p.seed);
  const L = 1, mu = 1 / p.kappa;
  // the spectrum: μ and L themselves, the rest uniform in between
  const lambda = Array.from({ length: p.d }, (_, i) => (i === 0 ? mu : i === 1 ? L : mu + (L - mu) * rng.uniform()));
  const x0 = Array.from({ length: p.d }, () => rng.gaussian());
  const norm = (x: number[]) => Math.hypot(...x);
  const start = norm(x0);
  const rate = 1 - mu / L;
  return {
    hypotheses: [atLeast('μ > 0', mu, Number.MIN_VALUE)],
    derived: { mu, L, rate },
    bounds: [{ metric: 'distance', relation: 'le', value: (t) => start * rate ** t, floor: 1e-12 * start, cite: '‖x_t − x*‖ ≤ (1 − μ/L)^t‖x₀ − x*‖' }],
    run: (observe, maxIterations) => {
      const x = [...x0];
      for (let t = 0; t <= maxIterations; t++) {
        if (!observe(t, { distance: norm(x) })) return;
        for (let i = 0; i < x.length; i++) x[i] -= (lambda[i] / L) * x[i];
      }
    },
  };
}

export const gdRate = defineClaim<QuadraticParams>({
  id: 'example.gd-rate',
  statement: 'GD with step 1/L on a quadratic: ‖x_t − x*‖ ≤ (1 − μ/L)^t ‖x₀ − x*‖',
  source: { paper: 'Nesterov. Lectures on Convex Optimization (2018)', theorem: 'Theorem 2.1.15', url: 'https://doi.org/10.1007/978-3-319-91578-4', confidence: 'V' },
  kind: 'bound-for-all-t',
  expected: 'holds',
  params: fc.record({ d: fc.integer({ min: 2, max: 20 }), kappa: logUniform(1.5, 1000, 30), seed: seedArb() }),
  maxIterations: 5000,
  instantiate: (p) => trial(p),
});

/** A false variant: the same bound with the rate squared, (1 − μ/L)^{2t}. */
export const gdRateTooFast = withRate(gdRate, 'rate', (rho) => rho * rho, {
  id: 'example.gd-rate-squared',
  statement: 'FALSE variant: ‖x_t − x*‖ ≤ (1 − μ/L)^{2t} ‖x₀ − x*‖',
  expected: 'refuted',
  falseBecause: 'the component on the eigenvector of μ contracts by exactly 1 − μ/L per step',
});

export default [gdRate, gdRateTooFast];
`;

export const EXAMPLE_TEST = `import { describe, it } from 'vitest';
import { expectClaim } from 'ratecheck/vitest';
import { gdRate, gdRateTooFast } from './example.claims.ts';

describe('gradient descent on quadratics', () => {
  it('contracts at rate 1 − μ/L', () => {
    expectClaim(gdRate, { runs: 50 }).toHold();
  });

  it('does not contract at rate (1 − μ/L)²', () => {
    expectClaim(gdRateTooFast, { runs: 50 }).toBeRefuted();
  });
}, 120_000);
`;

export interface InitResult {
  written: string[];
  script?: string;
}

/** Write the example files into `dir` (a project root); throws a UsageError, writing nothing, if one exists. */
export function runInit(dir: string): InitResult {
  const root = resolve(dir);
  const files: [string, string][] = [
    [join(root, 'claims', 'example.claims.ts'), EXAMPLE_CLAIMS],
    [join(root, 'claims', 'example.test.ts'), EXAMPLE_TEST],
  ];
  const existing = files.filter(([f]) => existsSync(f)).map(([f]) => relative(process.cwd(), f) || f);
  if (existing.length) throw new UsageError(`refusing to overwrite ${existing.join(', ')} (nothing was written)`);
  const pkgFile = join(root, 'package.json');
  let pkg: Record<string, unknown> | null = null;
  if (existsSync(pkgFile)) {
    try {
      pkg = JSON.parse(readFileSync(pkgFile, 'utf8')) as Record<string, unknown>;
    } catch (e) {
      throw new UsageError(`cannot read ${pkgFile}: ${(e as Error).message.split('\n')[0]} (nothing was written)`);
    }
  }
  mkdirSync(join(root, 'claims'), { recursive: true });
  for (const [f, text] of files) writeAtomic(f, text);
  const result: InitResult = { written: files.map(([f]) => f) };
  if (pkg) {
    const scripts = (pkg.scripts ?? {}) as Record<string, string>;
    const name = scripts['test:claims'] === undefined ? 'test:claims' : null;
    if (name) {
      pkg.scripts = { ...scripts, [name]: 'vitest run claims' };
      writeAtomic(pkgFile, JSON.stringify(pkg, null, 2) + '\n');
      result.script = name;
    }
  }
  return result;
}

export function registerInit(program: Command, io: { out: (s: string) => void; err: (s: string) => void }, setCode: (c: number) => void): Command {
  return program
    .command('init')
    .description('write an example claim file, a vitest test of it and a package.json script into the current project')
    .action(() => {
      const r = runInit(process.cwd());
      for (const f of r.written) io.out(`wrote ${relative(process.cwd(), f)}\n`);
      io.out(
        r.script
          ? `added the script "${r.script}": npm run ${r.script}\n`
          : 'package.json not changed (none found, or it already has a "test:claims" script): run the tests with npx vitest run claims\n',
      );
      io.out('verify the claims with: npx ratecheck verify claims/example.claims.ts\n');
      setCode(0);
    });
}
