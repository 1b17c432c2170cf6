#!/usr/bin/env node
// Entry point: registers tsx so that the engine and users' claim files load as TypeScript.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv);
