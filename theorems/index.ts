/**
 * The built-in catalog: every claim file of this folder (one per paper), in file-name order and, within
 * a file, in the order the file exports them (its default export, an array of claims).
 */
import { readdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Claim } from '../src/claims/types.ts';

const here = dirname(fileURLToPath(import.meta.url));
const files = readdirSync(here)
  .filter((f) => f.endsWith('.ts') && f !== 'index.ts' && !f.endsWith('.test.ts'))
  .sort();

const loaded: Claim<any>[] = [];
for (const f of files) {
  const mod = (await import(pathToFileURL(`${here}/${f}`).href)) as { default?: Claim<any>[] };
  if (!Array.isArray(mod.default)) throw new Error(`theorems/${f} must export its claims as a default array`);
  loaded.push(...mod.default);
}
const ids = new Set<string>();
for (const c of loaded) {
  if (ids.has(c.id)) throw new Error(`duplicate claim id in the catalog: ${c.id}`);
  ids.add(c.id);
}

export const catalog: Claim<any>[] = loaded;
