/**
 * `npm run bench`: runs every bench/*.bench.ts suite (or those named with --only a,b) and writes
 * reports/bench.json (one entry per suite).
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BenchSuite } from './harness.ts';

const here = dirname(fileURLToPath(import.meta.url));
const onlyArg = process.argv.indexOf('--only');
const only = onlyArg >= 0 ? new Set((process.argv[onlyArg + 1] ?? '').split(',')) : null;

const suites: BenchSuite[] = [];
for (const f of readdirSync(here).filter((f) => f.endsWith('.bench.ts')).sort()) {
  const mod = (await import(pathToFileURL(join(here, f)).href)) as { default: BenchSuite };
  if (!only || only.has(mod.default.name)) suites.push(mod.default);
}
if (suites.length === 0) {
  console.error(`bench: no suite matches ${[...(only ?? [])].join(',')}`);
  process.exit(2);
}

const results: Record<string, unknown> = {};
const started = performance.now();
for (let i = 0; i < suites.length; i++) {
  const s = suites[i];
  console.error(`[${i + 1}/${suites.length}] ${s.name}: ${s.description}`);
  const t0 = performance.now();
  results[s.name] = await s.run((line) => console.error(`  ${line}`));
  console.error(`  done in ${((performance.now() - t0) / 1000).toFixed(1)}s`);
}
const out = join(here, '..', 'reports', 'bench.json');
mkdirSync(dirname(out), { recursive: true });
// a partial run (--only) updates its suites and keeps the others' last results
let previous: Record<string, unknown> = {};
if (only && existsSync(out)) {
  try {
    previous = (JSON.parse(readFileSync(out, 'utf8')) as { suites?: Record<string, unknown> }).suites ?? {};
  } catch {
    previous = {};
  }
}
const doc = { schemaVersion: 1, createdAt: new Date().toISOString(), node: process.version, totalSeconds: (performance.now() - started) / 1000, suites: { ...previous, ...results } };
writeFileSync(`${out}.tmp`, JSON.stringify(doc, null, 2) + '\n');
renameSync(`${out}.tmp`, out);
console.log(JSON.stringify(results, null, 2));
console.error(`wrote ${out}`);
