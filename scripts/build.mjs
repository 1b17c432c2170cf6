// Build the package: a clean dist/ compiled by tsc (tsconfig.build.json), JavaScript and declarations
// for the engine (dist/src), JavaScript only for the built-in catalog (dist/theorems: nothing imports
// its types from the package).
import { execFileSync } from 'node:child_process';
import { readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';

const root = new URL('..', import.meta.url).pathname;
rmSync(join(root, 'dist'), { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
execFileSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
const dropDeclarations = (dir) => {
  for (const f of readdirSync(dir)) {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) dropDeclarations(p);
    else if (f.endsWith('.d.ts')) rmSync(p);
  }
};
dropDeclarations(join(root, 'dist', 'theorems'));
