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
 *
 * Width reduction: in both models R depends on (X, Y) only through XYᵀ, and ∇_X = G(R)·Y, ∇_Y = H(R)·X.
 * So every update adds to the rows of X multiples of rows of Y and vice versa: the rows of every iterate
 * stay in the row space of [X₀; Y₀], of dimension k ≤ (nonzero rows of X₀ and Y₀). With W (d x k)
 * orthonormal spanning it, X_t = X̃_t Wᵀ, Y_t = Ỹ_t Wᵀ, where (X̃_t, Ỹ_t) is the same method run at
 * width k from (X₀W, Y₀W): X_tY_tᵀ = X̃_tỸ_tᵀ, and every metric (norms, distances, distances to column
 * spaces) is unchanged by the orthonormal Wᵀ. On Lemma 1's r x d problem with Y₀ = 0 this is an r x r
 * problem, whatever d.
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
  /**
   * True when R depends on (X, Y) only through XYᵀ and ∇_X f = G(R)·Y, ∇_Y f = H(R)·X for some
   * matrices G(R), H(R): then the run may take place at the width of the row space of [X₀; Y₀]
   * (see the width reduction above). Both built-in models are.
   */
  readonly widthReducible?: boolean;
}

/** Matrix factorization ½‖XYᵀ − A‖²_F as a residual model. */
export function factorizationModel(A: Mat): ResidualModel {
  return {
    xRows: A.rows,
    yRows: A.cols,
    residualRows: A.rows,
    residualCols: A.cols,
    widthReducible: true,
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
  /**
   * Run at the width k of the row space of [X₀; Y₀] when k < d and the model is widthReducible
   * (default true; false keeps width d, for cross-checks).
   */
  reduceWidth?: boolean;
}

/** The width reduction: W (d x k) with orthonormal columns spanning the rows of [X₀; Y₀], and X₀W, Y₀W. */
export interface WidthReduction {
  W: Mat;
  X0: Mat;
  Y0: Mat;
}

/** The rows of a with a nonzero entry (views), at most `limit` of them (then stops). */
function nonzeroRows(a: Mat, limit: number, out: Float64Array[]): void {
  const A = a.data, d = a.cols;
  for (let i = 0; i < a.rows && out.length < limit; i++) {
    for (let j = i * d, end = j + d; j < end; j++) {
      if (A[j] !== 0) {
        out.push(A.subarray(i * d, (i + 1) * d));
        break;
      }
    }
  }
}

function norm2(v: Float64Array): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i] * v[i];
  return Math.sqrt(s);
}

/**
 * The exact width reduction of (X₀, Y₀), or null when it would not reduce (fewer than d nonzero rows
 * of X₀ and Y₀ are needed). W: Gram–Schmidt over those rows, each reorthogonalized until a pass keeps
 * more than half its norm ("twice is enough", Kahan–Parlett; at most 3 passes). A row whose remainder
 * falls to d·ε of its norm, or keeps shrinking, lies in the span already to roundoff and adds no column;
 * so X₀ = (X₀W)Wᵀ, Y₀ = (Y₀W)Wᵀ to a few ulps whatever the rank of the rows, and WᵀW = I to roundoff.
 */
export function reduceWidth(X0: Mat, Y0: Mat): WidthReduction | null {
  const d = X0.cols;
  if (Y0.cols !== d) throw new RangeError(`X0 and Y0 need the same width, got ${d} and ${Y0.cols}`);
  const rows: Float64Array[] = [];
  nonzeroRows(X0, d, rows);
  nonzeroRows(Y0, d, rows);
  if (rows.length === 0 || rows.length >= d) return null;
  const basis: Float64Array[] = [];
  for (const row of rows) {
    const v = Float64Array.from(row);
    const n0 = norm2(v);
    let before = n0, after = n0, settled = false;
    for (let pass = 0; pass < 3 && !settled; pass++) {
      for (const q of basis) {
        let dot = 0;
        for (let l = 0; l < d; l++) dot += q[l] * v[l];
        for (let l = 0; l < d; l++) v[l] -= dot * q[l];
      }
      after = norm2(v);
      settled = after > 0.5 * before;
      before = after;
    }
    if (!settled || after <= d * Number.EPSILON * n0) continue;
    for (let l = 0; l < d; l++) v[l] /= after;
    basis.push(v);
  }
  const k = basis.length;
  const W = zeros(d, k);
  basis.forEach((q, j) => {
    for (let l = 0; l < d; l++) W.data[l * k + j] = q[l];
  });
  return { W, X0: gemm(zeros(X0.rows, k), X0, W), Y0: gemm(zeros(Y0.rows, k), Y0, W) };
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
  const m = model.xRows, n = model.yRows;
  if (X0.rows !== m || Y0.rows !== n || Y0.cols !== X0.cols) {
    throw new RangeError(`shapes do not match: the model needs X ${m}x·, Y ${n}x·; got X0 ${X0.rows}x${X0.cols}, Y0 ${Y0.rows}x${Y0.cols}`);
  }
  const eta = spec.stepSize;
  const beta = spec.momentum ?? 0;
  if (!(eta > 0 && Number.isFinite(eta))) throw new RangeError(`step size must be positive and finite, got ${eta}`);
  if (!(beta >= 0 && beta < 1)) throw new RangeError(`momentum must lie in [0, 1), got ${beta}`);

  const reduced = model.widthReducible && options.reduceWidth !== false ? reduceWidth(X0, Y0) : null;
  if (reduced) ({ X0, Y0 } = reduced);
  const d = X0.cols;
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
