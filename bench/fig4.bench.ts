/**
 * Xu et al.'s Figure 4 matrix-factorization instance (m = 1200, n = 1000, r = 5, d = 80, κ = 5,
 * c = 50√d): GD and NAG to a relative residual of 1e-9, the engine's exact reduced path against a numpy
 * script running the same dense iterations (bench/numpy_factorization.py), in the same run. The residual
 * trajectories must agree to 1e-6 relative above the roundoff floor. Without python3 + numpy the numpy
 * rows are skipped and say so.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { clone, frobNorm, gemm, scale, zeros } from '../src/linalg/dense.ts';
import { svd } from '../src/linalg/decomp.ts';
import { gaussianMatrix, lowRankMatrix, spectrum } from '../src/problems/low-rank.ts';
import { reduceFactorization } from '../src/problems/matrix-factorization.ts';
import { runFactorization, type FactorizationSpec } from '../src/methods/factorization.ts';
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

const suite: BenchSuite = {
  name: 'fig4-numpy',
  description: `Figure 4 instance (${m}x${n}, r = ${r}, d = ${d}): reduced GD/NAG against dense numpy to ${tol} relative`,
  run(log) {
    const sigma = spectrum('geometric', r, kappa); // σ₂..σ₄ unstated in the paper: geometric between 1 and 0.2
    const { A, U, V } = lowRankMatrix(4, m, n, sigma);
    const Phi = gaussianMatrix(4, 'Phi', n, d, 1 / d);
    const c = 50 * Math.sqrt(d);
    const X0 = scale(gemm(zeros(m, d), A, Phi), c);
    const problem = { A, X0, Y0: zeros(n, d) };
    const s = svd(X0).s;
    const L = s[0] ** 2, mu = s[r - 1] ** 2;
    const specs: Record<string, FactorizationSpec> = {
      gd: { method: 'gd', stepSize: 2 / (L + mu) },
      nag: { method: 'nag', stepSize: 1 / L, momentum: (Math.sqrt(L) - Math.sqrt(mu)) / (Math.sqrt(L) + Math.sqrt(mu)) },
    };
    const normA = frobNorm(A);
    const version = numpyAvailable();
    const folder = mkdtempSync(join(tmpdir(), 'ratecheck-fig4-'));
    if (version) {
      writeFileSync(join(folder, 'A.bin'), A.data);
      writeFileSync(join(folder, 'X0.bin'), X0.data);
    }
    const out: Record<string, unknown> = { m, n, r, d, kappa, c, tol, numpy: version ?? 'python3 with numpy not found: numpy rows skipped' };
    for (const [name, spec] of Object.entries(specs)) {
      // ours: build the reduced problem from the factors and iterate, timed together
      const t0 = performance.now();
      let reduced = null;
      const ours: number[] = [];
      const repeats = 5;
      for (let k = 0; k < repeats; k++) {
        ours.length = 0;
        reduced = reduceFactorization({ A, X0: clone(X0), Y0: problem.Y0 }, U, sigma, V)!;
        runFactorization(reduced, spec, (_t, mt) => {
          ours.push(mt.residualNorm);
          return mt.residualNorm > tol * normA;
        }, cap);
      }
      const oursSeconds = (performance.now() - t0) / 1000 / repeats;
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
    const gd = out.gd as { speedup?: number }, nag = out.nag as { speedup?: number };
    if (gd.speedup !== undefined && nag.speedup !== undefined) out.speedup = Math.min(gd.speedup, nag.speedup);
    return out;
  },
};
export default suite;
