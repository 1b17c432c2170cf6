// The command line run from the TypeScript sources (engine and catalog), without building dist/:
//   npx tsx scripts/dev.ts verify xu2024-mf
// tsx resolves `ratecheck` to src/index.ts through tsconfig.json's paths.
import { main } from '../src/cli/main.ts';
import { catalog } from '../theorems/index.ts';

process.exitCode = await main(process.argv, { catalog });
