/**
 * Xu et al.'s Figure 4 matrix-factorization instance (m = 1200, n = 1000, r = 5, d = 80, κ = 5,
 * c = 50√d): GD and NAG to a relative residual of 1e-9, the engine's exact reduced path against a numpy
 * script running the same dense iterations (bench/numpy_factorization.py), in the same run. The residual
 * trajectories must agree to 1e-6 relative above the roundoff floor. Without python3 + numpy the numpy
 * rows are skipped and say so. The same set-up at m = n = 10⁵ (A kept as its factors; 80 GB dense, out
 * of numpy's reach here) reports the set-up and iteration times of the reduced path alone.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { clone, scale, zeros } from '../src/linalg/dense.ts';
import { reduceFactorization } from '../src/problems/matrix-factorization.ts';
import { methodSpec, runFactorization } from '../src/methods/factorization.ts';
import { paperSetup, reducedInit, xuSetup } from '../theorems/xu2024/mf-setup.ts';
import { round, type BenchSuite } from './harness.ts';

const here = dirname(fileURLToPath(import.meta.url));
const m = 1200, n = 1000, r = 5, d = 80, kappa = 5, tol = 1e-9, cap = 5000;

function numpyAvailable(): string | null {
  try {
    return execFileSync('python3', ['-c', 'import numpy; print(numpy.__version__)'], { encoding: 'utf8' }).trim();
  } catch {
    return null;
  }
}

/** Figure 4's set-up at m = n = 10⁵: A only through U, σ, V; Φ drawn row by row into ΣVᵀΦ. */
function atScale(log: (s: string) => void): Record<string, unknown> {
  const size = 100_000;
  const t0 = performance.now();
  const su = xuSetup({ ...paperSetup(d, 4), m: size, n: size });
  const setupSeconds = (performance.now() - t0) / 1000;
  const c = 50 * Math.sqrt(d);
  const L = (c * su.s[0]) ** 2, mu = (c * su.s[r - 1]) ** 2;
  const row: Record<string, unknown> = { m: size, n: size, r, d, denseBytesOfA: size * size * 8, setupSeconds: round(setupSeconds), basisDefect: su.basisDefect };
  for (const name of ['gd', 'nag'] as const) {
    const spec = methodSpec(name, L, mu);
    let iterations = 0;
    const t1 = performance.now();
    runFactorization(reducedInit(su, c), spec, (t, mt) => ((iterations = t), mt.residualNorm > tol * su.normA), cap);
    row[name] = { iterations, seconds: round((performance.now() - t1) / 1000) };
  }
  log(`at ${size} x ${size} (A never formed; dense it would take ${(size * size * 8 / 1e9).toFixed(0)} GB): set-up ${round(setupSeconds, 3)} s, GD ${JSON.stringify(row.gd)}, NAG ${JSON.stringify(row.nag)}`);
  return row;
}

const suite: BenchSuite = {
  name: 'fig4-numpy',
  description: `Figure 4 instance (${m}x${n}, r = ${r}, d = ${d}): reduced GD/NAG against dense numpy to ${tol} relative`,
  run(log) {
    // the paper's set-up (σ₂..σ₄ unstated: geometric between 1 and 0.2) at Figure 4's size, dense
    const su = xuSetup({ ...paperSetup(d, 4), m, n, kappa });
    const { A, U, V, sigma, normA } = su;
    const c = 50 * Math.sqrt(d);
    const X0 = scale(clone(su.APhi), c);
    const problem = { A, X0, Y0: zeros(n, d) };
    const L = (c * su.s[0]) ** 2, mu = (c * su.s[r - 1]) ** 2;
    const specs = { gd: methodSpec('gd', L, mu), nag: methodSpec('nag', L, mu) };
    const version = numpyAvailable();
    const folder = mkdtempSync(join(tmpdir(), 'ratecheck-fig4-'));
    if (version) {
      writeFileSync(join(folder, 'A.bin'), A.data);
      writeFileSync(join(folder, 'X0.bin'), X0.data);
    }
    const out: Record<string, unknown> = { m, n, r, d, kappa, c, tol, numpy: version ?? 'python3 with numpy not found: numpy rows skipped' };
    for (const [name, spec] of Object.entries(specs)) {
      // ours: build the reduced problem from the factors and iterate, timed together; one untimed warm-up
      // run (the JIT's first pass), then the median of 5
      const ours: number[] = [];
      const once = () => {
        ours.length = 0;
        const reduced = reduceFactorization({ A, X0: clone(X0), Y0: problem.Y0 }, U, sigma, V)!;
        runFactorization(reduced, spec, (_t, mt) => {
          ours.push(mt.residualNorm);
          return mt.residualNorm > tol * normA;
        }, cap);
      };
      once();
      const times: number[] = [];
      for (let k = 0; k < 5; k++) {
        const t0 = performance.now();
        once();
        times.push((performance.now() - t0) / 1000);
      }
      const oursSeconds = times.sort((a, b) => a - b)[2];
      const row: Record<string, unknown> = { method: name, iterations: ours.length - 1, oursSeconds: round(oursSeconds) };
      if (version) {
        const res = JSON.parse(
          execFileSync('python3', [join(here, 'numpy_factorization.py'), folder, String(m), String(n), String(d), name, String(spec.stepSize), String(spec.momentum ?? 0), String(tol), String(cap)], {
            encoding: 'utf8',
            maxBuffer: 64 * 1024 * 1024,
          }),
        ) as { seconds: number; iterations: number; residuals: number[] };
        // Agreement of the trajectories: the dense and reduced paths round differently, by about 1e-14‖A‖_F
        // after a few hundred iterations, so 1e-6 relative is asked for above a comparison floor of
        // 1e-13‖A‖_F (|ours − numpy| ≤ 1e-6·numpy + 1e-13‖A‖_F while numpy ≥ 1e-9‖A‖_F).
        let worst = 0, worstAbsolute = 0, agree = true;
        const k = Math.min(ours.length, res.residuals.length);
        for (let t = 0; t < k; t++) {
          if (res.residuals[t] < 1e-9 * normA) break;
          const diff = Math.abs(ours[t] - res.residuals[t]);
          if (!(diff <= 1e-6 * res.residuals[t] + 1e-13 * normA)) agree = false;
          worstAbsolute = Math.max(worstAbsolute, diff / normA);
          if (res.residuals[t] >= 1e-7 * normA) worst = Math.max(worst, diff / res.residuals[t]);
        }
        if (ours.length !== res.residuals.length) agree = false;
        row.numpySeconds = round(res.seconds);
        row.numpyIterations = res.iterations;
        row.speedup = round(res.seconds / oursSeconds);
        row.trajectoryMaxRelDiffAbove1e7 = worst;
        row.trajectoryMaxAbsDiffOverNormA = worstAbsolute;
        row.trajectoriesAgree = agree;
        log(`${name}: ours ${round(oursSeconds * 1000)} ms (reduced), numpy ${round(res.seconds * 1000)} ms (dense), speedup ${round(res.seconds / oursSeconds)}x; trajectories ${agree ? 'agree' : 'DISAGREE'} (max relative difference ${worst.toExponential(1)} above 1e-7‖A‖_F, max absolute ${worstAbsolute.toExponential(1)}‖A‖_F)`);
      } else {
        log(`${name}: ours ${round(oursSeconds * 1000)} ms; numpy skipped (python3 with numpy not found)`);
      }
      out[name] = row;
    }
    rmSync(folder, { recursive: true, force: true });
    out.atScale = atScale(log);
    const gd = out.gd as { speedup?: number }, nag = out.nag as { speedup?: number };
    if (gd.speedup !== undefined && nag.speedup !== undefined) out.speedup = Math.min(gd.speedup, nag.speedup);
    return out;
  },
};
export default suite;
