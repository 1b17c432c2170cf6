/**
 * Gradient methods on two-factor objectives ½‖R(X, Y)‖²_F on Float64Array state: gradient descent
 * (simultaneous update (3)), alternating GD (X first, then Y with the new X), and Nesterov's
 * accelerated gradient in the paper's extrapolated form (4). The loop is written once over a
 * *residual model*, which says how R is computed from (X, Y) and the two gradients from R:
 *
 * - matrix factorization ½‖XYᵀ − A‖²_F (problem (1)): R = XYᵀ − A, ∇_X = R Y, ∇_Y = Rᵀ X;
 * - the two-layer linear network ½‖L − XYᵀD‖²_F (objective (10), src/problems/linear-network.ts):
 *   R = XYᵀD − L, ∇_X = R Dᵀ Y, ∇_Y = D Rᵀ X.
 *
 * Buffers are allocated once; the loop allocates nothing and streams the metrics claims need.
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

/** Step sizes of the paper's methods for L = σ₁²(X₀), μ = σ_r²(X₀): η = 2/(L+μ) for GD and AltGD, η = 1/L with β = (√L−√μ)/(√L+√μ) for NAG. */
export function methodSpec(method: 'gd' | 'altgd' | 'gd-1/L' | 'nag', L: number, mu: number): FactorizationSpec {
  if (method === 'nag') {
    const sqL = Math.sqrt(L), sqMu = Math.sqrt(mu);
    return { method: 'nag', stepSize: 1 / L, momentum: (sqL - sqMu) / (sqL + sqMu) };
  }
  if (method === 'gd-1/L') return { method: 'gd', stepSize: 1 / L };
  return { method, stepSize: 2 / (L + mu) };
}

export type FactorizationMetrics = {
  /** ‖R_t‖_F (matrix factorization: ‖X_t Y_tᵀ − A‖_F; network: ‖X_t Y_tᵀ D − L‖_F) */
  residualNorm: number;
  /** ‖X_t − X₀‖_F */
  distX0: number;
  /** ‖Y_t − Y₀‖_F */
  distY0: number;
  /** ‖X_t‖_F, ‖Y_t‖_F */
  normX: number;
  normY: number;
  /**
   * ‖(I − UUᵀ) X_t‖_F and ‖(I − VVᵀ) Y_t‖_F for the bases given in the run options (matrix
   * factorization: col(A) and row(A)); NaN when none are given.
   */
  offColX: number;
  offRowY: number;
};

/**
 * In-place operations of a residual model at one width d. `residual` writes R for (X, Y); `gradX` and
 * `gradY` write ∇_X f, ∇_Y f from R. The loop calls each gradient right after `residual` with the
 * same (X, Y), so a model may reuse products `residual` computed.
 */
export interface ResidualOps {
  residual(R: Mat, X: Mat, Y: Mat): void;
  gradX(gX: Mat, R: Mat, X: Mat, Y: Mat): void;
  gradY(gY: Mat, R: Mat, X: Mat, Y: Mat): void;
}

/** How a two-factor objective ½‖R(X, Y)‖²_F builds its residual: shapes, and the operations at width d. */
export interface ResidualModel {
  /** Rows of X (m) and of Y (n). */
  readonly xRows: number;
  readonly yRows: number;
  /** Shape of R. */
  readonly residualRows: number;
  readonly residualCols: number;
  /** The operations at width d, with whatever scratch buffers they need allocated here, once. */
  operations(d: number): ResidualOps;
}

/** Matrix factorization ½‖XYᵀ − A‖²_F as a residual model. */
export function factorizationModel(A: Mat): ResidualModel {
  return {
    xRows: A.rows,
    yRows: A.cols,
    residualRows: A.rows,
    residualCols: A.cols,
    operations: () => ({
      residual(R, X, Y) {
        gemmNT(R, X, Y);
        axpy(-1, A, R);
      },
      gradX(gX, R, _X, Y) {
        gemm(gX, R, Y);
      },
      gradY(gY, R, X) {
        gemmTN(gY, R, X);
      },
    }),
  };
}

export interface FactorizationRunOptions {
  /**
   * Orthonormal bases (U: xRows x k, V: yRows x k') enabling offColX / offRowY: for matrix
   * factorization col(A) and row(A) (dense path only).
   */
  subspaces?: { U: Mat; V: Mat };
}

/**
 * Run the method on a residual model from (X₀, Y₀) and call observe(t, metrics) for t = 0, 1, ...,
 * maxIterations (the metrics of the iterate (X_t, Y_t); for NAG the extrapolated point, as in the
 * theorems).
 */
export function runResidualModel(
  model: ResidualModel,
  X0: Mat,
  Y0: Mat,
  spec: FactorizationSpec,
  observe: Observer,
  maxIterations: number,
  options: FactorizationRunOptions = {},
): void {
  const m = model.xRows, n = model.yRows, d = X0.cols;
  if (X0.rows !== m || Y0.rows !== n || Y0.cols !== d) {
    throw new RangeError(`shapes do not match: the model needs X ${m}x·, Y ${n}x·; got X0 ${X0.rows}x${X0.cols}, Y0 ${Y0.rows}x${Y0.cols}`);
  }
  const eta = spec.stepSize;
  const beta = spec.momentum ?? 0;
  if (!(eta > 0 && Number.isFinite(eta))) throw new RangeError(`step size must be positive and finite, got ${eta}`);
  if (!(beta >= 0 && beta < 1)) throw new RangeError(`momentum must lie in [0, 1), got ${beta}`);

  const ops = model.operations(d);
  const X = zeros(m, d), Y = zeros(n, d), R = zeros(model.residualRows, model.residualCols);
  const gX = zeros(m, d), gY = zeros(n, d);
  copyInto(X, X0);
  copyInto(Y, Y0);
  // NAG: the non-extrapolated sequence z_t = (X_t − η ∇_X f(X_t, Y_t), Y_t − η ∇_Y f(X_t, Y_t)), current and previous
  const nag = spec.method === 'nag';
  const zX = nag ? zeros(m, d) : gX, zY = nag ? zeros(n, d) : gY;
  const zXprev = nag ? zeros(m, d) : gX, zYprev = nag ? zeros(n, d) : gY;
  const offCol = options.subspaces ? new SubspaceDistance(options.subspaces.U, d) : undefined;
  const offRow = options.subspaces ? new SubspaceDistance(options.subspaces.V, d) : undefined;

  const metrics: FactorizationMetrics = { residualNorm: 0, distX0: 0, distY0: 0, normX: 0, normY: 0, offColX: NaN, offRowY: NaN };

  for (let t = 0; ; t++) {
    ops.residual(R, X, Y);
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
      ops.gradX(gX, R, X, Y);
      ops.gradY(gY, R, X, Y);
      axpy(-eta, gX, X);
      axpy(-eta, gY, Y);
    } else if (spec.method === 'altgd') {
      ops.gradX(gX, R, X, Y);
      axpy(-eta, gX, X);
      ops.residual(R, X, Y); // with the new X
      ops.gradY(gY, R, X, Y);
      axpy(-eta, gY, Y);
    } else {
      ops.gradX(gX, R, X, Y);
      ops.gradY(gY, R, X, Y);
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

/**
 * Run the method on ½‖XYᵀ − A‖²_F from (X₀, Y₀) and call observe(t, metrics) for t = 0, 1, ...,
 * maxIterations (the metrics of the iterate (X_t, Y_t); for NAG the extrapolated point, as in the
 * theorems).
 */
export function runFactorization(
  problem: FactorizationProblem,
  spec: FactorizationSpec,
  observe: Observer,
  maxIterations: number,
  options: FactorizationRunOptions = {},
): void {
  const { A, X0, Y0 } = problem;
  const m = A.rows, n = A.cols;
  if (X0.rows !== m || Y0.rows !== n || Y0.cols !== X0.cols) {
    throw new RangeError(`shapes do not match: A ${m}x${n}, X0 ${X0.rows}x${X0.cols}, Y0 ${Y0.rows}x${Y0.cols}`);
  }
  runResidualModel(factorizationModel(A), X0, Y0, spec, observe, maxIterations, options);
}
