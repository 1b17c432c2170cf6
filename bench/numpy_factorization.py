"""numpy references for the Figure 4 benchmark: GD and NAG on 1/2 ||X Y^T - A||_F^2.

Modes (the same iterations: update (3) for GD, the extrapolated form (4) for NAG, until
||R_t||_F <= tol ||A||_F or the iteration cap):
  dense       on A (m x n) and X0 (m x d), Y0 = 0;
  reduced     project onto the factors first, P0 = U^T X0, Q0 = V^T Y0, then the r x d iterations on
              diag(sigma) (Lemma 1's reduction);
  reduced-rk  as reduced, then the width reduction too: W (d x k) orthonormal spanning the nonzero rows
              of [P0; Q0] (numpy's QR), and the r x k iterations from (P0 W, Q0 W);
  core        the r x d iterations from the reduced core P0 (core.bin, r x d) given, Q0 = 0: no projection.
The timed part of the reduced modes includes the projection (and QR); after one untimed warm-up solve
in the same process they are timed REPEATS times and report the median (the machines are shared and a
single millisecond-long solve is at the mercy of the scheduler); the dense mode is timed once (each of
its iterations costs milliseconds).
Inputs are float64 row-major binaries written by fig4.bench.ts: A.bin (dense only), X0.bin, U.bin,
V.bin, sigma.bin, core.bin. Prints one JSON line: seconds, projectionSeconds (reduced modes), iterations, the
residual trajectory, and numpy's BLAS (numpy_blas.blas_info()).
Usage: python3 numpy_factorization.py DIR m n r d MODE METHOD STEP MOMENTUM TOL MAX_ITERATIONS [REPEATS]
"""
import json
import os
import sys
import time

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import numpy_blas  # noqa: E402


def iterate(A, X, Y, method, step, momentum, threshold, cap):
    residuals = []
    z_prev = None
    for t in range(cap + 1):
        R = X @ Y.T - A
        r = np.linalg.norm(R)
        residuals.append(r)
        if r <= threshold or t == cap:
            break
        gX = R @ Y
        gY = R.T @ X
        if method == "gd":
            X = X - step * gX
            Y = Y - step * gY
        else:
            zX = X - step * gX
            zY = Y - step * gY
            if z_prev is None:
                z_prev = (zX, zY)
            X = (1 + momentum) * zX - momentum * z_prev[0]
            Y = (1 + momentum) * zY - momentum * z_prev[1]
            z_prev = (zX, zY)
    return residuals


def reduced_solve(U, sigma, V, X0, Y0, rk, method, step, momentum, tol, cap):
    start = time.perf_counter()
    P = U.T @ X0
    Q = V.T @ Y0
    if rk:
        M = np.vstack([P, Q])
        M = M[np.any(M != 0, axis=1)]
        if 0 < M.shape[0] < M.shape[1]:
            W = np.linalg.qr(M.T)[0]
            P, Q = P @ W, Q @ W
    projected = time.perf_counter()
    residuals = iterate(np.diag(sigma), P, Q, method, step, momentum, tol * np.linalg.norm(sigma), cap)
    end = time.perf_counter()
    return end - start, projected - start, residuals


def main() -> None:
    folder, m, n, r, d, mode, method, step, momentum, tol, cap = sys.argv[1:12]
    repeats = int(sys.argv[12]) if len(sys.argv) > 12 else 1
    m, n, r, d, cap = int(m), int(n), int(r), int(d), int(cap)
    step, momentum, tol = float(step), float(momentum), float(tol)
    X0 = np.fromfile(f"{folder}/X0.bin", dtype=np.float64).reshape(m, d)
    Y0 = np.zeros((n, d))
    out = {}
    if mode == "dense":
        A = np.fromfile(f"{folder}/A.bin", dtype=np.float64).reshape(m, n)
        start = time.perf_counter()
        residuals = iterate(A, X0, Y0, method, step, momentum, tol * np.linalg.norm(A), cap)
        out["seconds"] = time.perf_counter() - start
    elif mode in ("reduced", "reduced-rk"):
        U = np.fromfile(f"{folder}/U.bin", dtype=np.float64).reshape(m, r)
        V = np.fromfile(f"{folder}/V.bin", dtype=np.float64).reshape(n, r)
        sigma = np.fromfile(f"{folder}/sigma.bin", dtype=np.float64)
        args = (U, sigma, V, X0, Y0, mode == "reduced-rk", method, step, momentum, tol, cap)
        reduced_solve(*args)  # warm-up
        runs = sorted(reduced_solve(*args) for _ in range(repeats))
        out["seconds"], out["projectionSeconds"], residuals = runs[len(runs) // 2]
    elif mode == "core":
        core = np.fromfile(f"{folder}/core.bin", dtype=np.float64).reshape(r, d)
        sigma = np.fromfile(f"{folder}/sigma.bin", dtype=np.float64)

        def from_core():
            start = time.perf_counter()
            res = iterate(np.diag(sigma), core, np.zeros((r, d)), method, step, momentum, tol * np.linalg.norm(sigma), cap)
            return time.perf_counter() - start, res

        from_core()  # warm-up
        runs = sorted(from_core() for _ in range(repeats))
        out["seconds"], residuals = runs[len(runs) // 2]
    else:
        raise SystemExit(f"unknown mode {mode}")
    out.update(iterations=len(residuals) - 1, residuals=residuals, blas=numpy_blas.blas_info())
    print(json.dumps(out))


if __name__ == "__main__":
    main()
