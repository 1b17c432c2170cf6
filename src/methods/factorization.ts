/**
 * Gradient methods for ½‖XYᵀ − A‖²_F on Float64Array state: gradient descent (simultaneous update (3)),
 * alternating GD (X first, then Y with the new X), and Nesterov's accelerated gradient in the paper's
 * extrapolated form (4). Buffers are allocated once; the loop allocates nothing and streams the metrics
 * claims need.
 */
import { axpy, copyInto, frobDist, frobNorm, gemm, gemmNT, gemmTN, lincomb, zeros, type Mat } from '../linalg/dense.ts';
import { SubspaceDistance } from '../linalg/decomp.ts';
import type { Observer } from '../claims/types.ts';
import type { FactorizationProblem } from '../problems/matrix-factorization.ts';

export type FactorizationMethod = 'gd' | 'altgd' | 'nag';

export interface FactorizationSpec {
  method: FactorizationMethod;
  /** η */
  stepSize: number;
  /** β, NAG only (β = 0 makes NAG plain GD). */
  momentum?: number;
}

export type FactorizationMetrics = {
  /** ‖R_t‖_F = ‖X_t Y_tᵀ − A‖_F */
  residualNorm: number;
  /** ‖X_t − X₀‖_F */
  distX0: number;
  /** ‖Y_t − Y₀‖_F */
  distY0: number;
  /** ‖X_t‖_F, ‖Y_t‖_F */
  normX: number;
  normY: number;
  /** ‖(I − UUᵀ) X_t‖_F and ‖(I − VVᵀ) Y_t‖_F: distance from col(A), row(A) (when bases are given). */
  offColX: number;
  offRowY: number;
};

export interface FactorizationRunOptions {
  /** Orthonormal bases of col(A) and row(A): enables offColX / offRowY (dense path only). */
  subspaces?: { U: Mat; V: Mat };
}

/**
 * Run the method from (X₀, Y₀) and call observe(t, metrics) for t = 0, 1, ..., maxIterations (the
 * metrics of the iterate (X_t, Y_t); for NAG the extrapolated point, as in the theorems).
 */
export function runFactorization(
  problem: FactorizationProblem,
  spec: FactorizationSpec,
  observe: Observer,
  maxIterations: number,
  options: FactorizationRunOptions = {},
): void {
  const { A, X0, Y0 } = problem;
  const m = A.rows, n = A.cols, d = X0.cols;
  if (X0.rows !== m || Y0.rows !== n || Y0.cols !== d) {
    throw new RangeError(`shapes do not match: A ${m}x${n}, X0 ${X0.rows}x${X0.cols}, Y0 ${Y0.rows}x${Y0.cols}`);
  }
  const eta = spec.stepSize;
  const beta = spec.momentum ?? 0;
  if (!(eta > 0 && Number.isFinite(eta))) throw new RangeError(`step size must be positive and finite, got ${eta}`);
  if (!(beta >= 0 && beta < 1)) throw new RangeError(`momentum must lie in [0, 1), got ${beta}`);

  const X = zeros(m, d), Y = zeros(n, d), R = zeros(m, n);
  const gX = zeros(m, d), gY = zeros(n, d);
  copyInto(X, X0);
  copyInto(Y, Y0);
  // NAG: the non-extrapolated sequence z_t = (X_t − η R_t Y_t, Y_t − η R_tᵀ X_t), current and previous
  const nag = spec.method === 'nag';
  const zX = nag ? zeros(m, d) : gX, zY = nag ? zeros(n, d) : gY;
  const zXprev = nag ? zeros(m, d) : gX, zYprev = nag ? zeros(n, d) : gY;
  const offCol = options.subspaces ? new SubspaceDistance(options.subspaces.U, d) : undefined;
  const offRow = options.subspaces ? new SubspaceDistance(options.subspaces.V, d) : undefined;

  const metrics: FactorizationMetrics = { residualNorm: 0, distX0: 0, distY0: 0, normX: 0, normY: 0, offColX: NaN, offRowY: NaN };
  const residual = (): void => {
    gemmNT(R, X, Y);
    axpy(-1, A, R);
  };

  for (let t = 0; ; t++) {
    residual();
    metrics.residualNorm = frobNorm(R);
    metrics.distX0 = frobDist(X, X0);
    metrics.distY0 = frobDist(Y, Y0);
    metrics.normX = frobNorm(X);
    metrics.normY = frobNorm(Y);
    if (offCol && offRow) {
      metrics.offColX = offCol.of(X);
      metrics.offRowY = offRow.of(Y);
    }
    if (!observe(t, metrics) || t >= maxIterations) return;

    if (spec.method === 'gd') {
      gemm(gX, R, Y);
      gemmTN(gY, R, X);
      axpy(-eta, gX, X);
      axpy(-eta, gY, Y);
    } else if (spec.method === 'altgd') {
      gemm(gX, R, Y);
      axpy(-eta, gX, X);
      residual(); // with the new X
      gemmTN(gY, R, X);
      axpy(-eta, gY, Y);
    } else {
      gemm(gX, R, Y);
      gemmTN(gY, R, X);
      lincomb(zX, 1, X, -eta, gX);
      lincomb(zY, 1, Y, -eta, gY);
      if (t === 0) {
        // X_{-1} = X₀, Y_{-1} = Y₀, so z_{-1} = z₀
        copyInto(zXprev, zX);
        copyInto(zYprev, zY);
      }
      // X_{t+1} = (1+β) z_t − β z_{t−1}
      lincomb(X, 1 + beta, zX, -beta, zXprev);
      lincomb(Y, 1 + beta, zY, -beta, zYprev);
      copyInto(zXprev, zX);
      copyInto(zYprev, zY);
    }
  }
}
