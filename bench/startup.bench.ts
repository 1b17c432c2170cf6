/**
 * Start-up: `node bin/ratecheck.js list` (the compiled engine and catalog, every claim listed) against
 * bare `node -e 0` in the same run, alternated (list, bare, list, bare, ...), medians and the median of
 * the paired ratios. The aim is `list` under 0.5 s. It runs the compiled JavaScript: `npm run build`
 * (or `node scripts/build.mjs`) first.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { alternatedMedians, pairedRatio, round, type BenchSuite } from './harness.ts';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const cli = join(root, 'bin', 'ratecheck.js');
const ROUNDS = 9;
const AIM_SECONDS = 0.5;

/** Wall time (s) of one node command, its output discarded. */
function timed(args: string[]): () => number {
  return () => {
    const t0 = performance.now();
    execFileSync(process.execPath, args, { cwd: root, stdio: 'ignore' });
    return (performance.now() - t0) / 1000;
  };
}

const suite: BenchSuite = {
  name: 'startup',
  description: '`ratecheck list` (compiled) against bare node, alternated',
  run(log) {
    if (!existsSync(join(root, 'dist', 'src', 'cli', 'main.js'))) throw new Error('dist/ is missing: run `npm run build` first');
    const { medians, samples } = alternatedMedians({ list: timed([cli, 'list']), bare: timed(['-e', '0']) }, ROUNDS, 1);
    const ratio = pairedRatio(samples.list, samples.bare);
    const overhead = medians.list - medians.bare;
    log(`list ${round(medians.list, 3)} s, bare node ${round(medians.bare, 3)} s (medians of ${ROUNDS} alternated rounds): ${round(ratio, 3)}x bare node, ${round(overhead, 3)} s on top; aim list < ${AIM_SECONDS} s: ${medians.list < AIM_SECONDS ? 'met' : 'missed'}`);
    return {
      rounds: ROUNDS,
      listSeconds: round(medians.list, 3),
      bareNodeSeconds: round(medians.bare, 3),
      listOverBareNode: round(ratio, 3),
      listOverheadSeconds: round(overhead, 3),
      aimListSeconds: AIM_SECONDS,
      aimMet: medians.list < AIM_SECONDS,
    };
  },
};
export default suite;
