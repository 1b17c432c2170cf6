// Compare two verify reports claim by claim: ids, verdicts, instances and max ratios must agree
// (same seeds, same bits). Usage: node scripts/compare-verdicts.mjs before/report.json after/report.json
// [--subset: only the claims of the second report are compared]
import { readFileSync } from 'node:fs';

const subset = process.argv.includes('--subset');
const [a, b] = process.argv.slice(2).filter((x) => x !== '--subset').map((f) => JSON.parse(readFileSync(f, 'utf8')));
const byId = (r) => new Map(r.claims.map((c) => [c.id, c]));
const A = byId(a), B = byId(b);
let diffs = 0;
for (const [id, x] of A) {
  const y = B.get(id);
  if (!y && subset) continue;
  if (!y) { console.log(`missing after: ${id}`); diffs++; continue; }
  for (const k of ['verdict', 'instances', 'hypothesesMet', 'maxRatio']) {
    if (JSON.stringify(x[k]) !== JSON.stringify(y[k])) { console.log(`${id}: ${k} ${JSON.stringify(x[k])} -> ${JSON.stringify(y[k])}`); diffs++; }
  }
}
for (const id of B.keys()) if (!A.has(id)) { console.log(`new after: ${id}`); diffs++; }
console.log(`${A.size} claims before, ${B.size} after, ${diffs} differences`);
process.exitCode = diffs ? 1 : 0;
