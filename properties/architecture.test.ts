/**
 * The boundaries of docs/ARCHITECTURE.md, checked on the source text:
 * - the engine (src/) never imports the catalog (theorems/), and has no import cycle (type-only
 *   imports count: a cycle of types is still a knot in the design);
 * - a file under theorems/<paper>/ imports only the public API ('ratecheck', 'ratecheck/vitest'),
 *   fast-check, files of its own paper folder, vitest (tests) and Node built-ins (commands writing files);
 * - no catalog file is over 400 lines, and nothing cites a document outside the repository.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

const root = resolve(import.meta.dirname, '..');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** Every module specifier a file imports or re-exports (static, type-only and dynamic). */
export function specifiers(text: string): string[] {
  const out: string[] = [];
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  for (const m of code.matchAll(/(?:^|[\s;])(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]/g)) out.push(m[1]);
  for (const m of code.matchAll(/(?:^|[\s;])import\s*['"]([^'"]+)['"]/g)) out.push(m[1]);
  for (const m of code.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g)) out.push(m[1]);
  return out;
}

const rel = (p: string) => relative(root, p).split(sep).join('/');

describe('architecture boundaries', () => {
  it('parses import forms', () => {
    expect(specifiers(`import a from 'x';\nimport type { B } from "y";\nexport * from './z.ts';\nimport './side.ts';\nconst m = await import('w');\n// import q from 'commented'`)).toEqual(['x', 'y', './z.ts', './side.ts', 'w']);
  });

  it('src/ never imports theorems/', () => {
    const bad = files(join(root, 'src')).flatMap((f) =>
      specifiers(readFileSync(f, 'utf8'))
        .filter((s) => s.startsWith('.') && rel(resolve(dirname(f), s)).startsWith('theorems/'))
        .map((s) => `${rel(f)} imports ${s}`),
    );
    expect(bad).toEqual([]);
  });

  it('src/ has no import cycle', () => {
    const graph = new Map<string, string[]>();
    for (const f of files(join(root, 'src'))) {
      graph.set(rel(f), specifiers(readFileSync(f, 'utf8')).filter((s) => s.startsWith('.')).map((s) => rel(resolve(dirname(f), s))));
    }
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const visit = (n: string, path: string[]) => {
      if (state.get(n) === 'done') return;
      if (state.get(n) === 'open') {
        cycles.push([...path.slice(path.indexOf(n)), n].join(' → '));
        return;
      }
      state.set(n, 'open');
      for (const m of graph.get(n) ?? []) if (graph.has(m)) visit(m, [...path, n]);
      state.set(n, 'done');
    };
    for (const n of graph.keys()) visit(n, []);
    expect(cycles).toEqual([]);
  });

  it('a paper imports only the public API, fast-check and its own folder', () => {
    const allowed = new Set(['ratecheck', 'ratecheck/vitest', 'fast-check']);
    const bad: string[] = [];
    for (const f of files(join(root, 'theorems'))) {
      const folder = rel(dirname(f));
      const isTest = f.endsWith('.test.ts');
      for (const s of specifiers(readFileSync(f, 'utf8'))) {
        if (allowed.has(s) || s.startsWith('node:') || (isTest && s === 'vitest')) continue;
        if (s.startsWith('./') && rel(dirname(resolve(dirname(f), s))) === folder) continue;
        if (folder === 'theorems' && /^\.\/[^/]+\/index\.ts$/.test(s)) continue; // the catalog's index lists the papers
        bad.push(`${rel(f)} imports ${s}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('no catalog file is over 400 lines', () => {
    const long = files(join(root, 'theorems'))
      .map((f) => [rel(f), readFileSync(f, 'utf8').split('\n').length] as const)
      .filter(([, n]) => n > 400);
    expect(long).toEqual([]);
  });

  it('nothing cites a document outside the repository', () => {
    const cites = [...files(join(root, 'src')), ...files(join(root, 'theorems'))]
      .filter((f) => !f.endsWith('architecture.test.ts'))
      .flatMap((f) => readFileSync(f, 'utf8').split('\n').map((l, i) => [rel(f), i + 1, l] as const))
      .filter(([, , l]) => /dossier/i.test(l))
      .map(([f, i]) => `${f}:${i}`);
    expect(cites).toEqual([]);
  });
});
