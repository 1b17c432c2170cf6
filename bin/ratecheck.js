#!/usr/bin/env node
// The `ratecheck` command: the compiled engine, handed the built-in catalog (theorems/, compiled with it).
// Users' TypeScript claim files load through tsx's scoped loader, only when one is named.
import { main } from '../dist/src/cli/main.js';
import { catalog } from '../dist/theorems/index.js';

process.exitCode = await main(process.argv, { catalog });
