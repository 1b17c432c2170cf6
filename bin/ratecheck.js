#!/usr/bin/env node
// The `ratecheck` command: the compiled engine, handed the built-in catalog (theorems/, compiled with it).
// Users' TypeScript claim files load through tsx's scoped loader, only when one is named.
import { main } from '../dist/src/cli/main.js';
import { catalog } from '../dist/theorems/index.js';

// a reader that goes away (`ratecheck list | head -3`): stop writing to it, quietly
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e) => {
    if (e.code !== 'EPIPE') throw e;
    stream.write = () => true;
  });
}

// Node exits 13, saying nothing, when the event loop empties while a top-level await is pending: here,
// a claim file whose own top-level await never settles (main awaits its import)
let finished = false;
process.on('exit', (code) => {
  if (finished || (code !== 0 && code !== 13)) return;
  process.stderr.write("ratecheck: a claim file's top-level await never settled\n");
  process.exitCode = 2;
});

process.exitCode = await main(process.argv, { catalog });
finished = true;
