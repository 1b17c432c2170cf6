"""Dense reference for the Figure 4 benchmark: GD and NAG on 1/2 ||X Y^T - A||_F^2 with numpy.

Reads A (m x n) and X0 (m x d) as float64 row-major binaries written by fig4.bench.ts, runs the same
iterations (update (3) for GD, the extrapolated form (4) for NAG) until ||R_t||_F <= tol ||A||_F or the
iteration cap, and prints a JSON line with the iteration time and the residual trajectory.
Usage: python3 numpy_factorization.py DIR m n d method step momentum tol max_iterations
"""
import json
import sys
import time

import numpy as np


def main() -> None:
    folder, m, n, d, method, step, momentum, tol, cap = sys.argv[1:10]
    m, n, d, cap = int(m), int(n), int(d), int(cap)
    step, momentum, tol = float(step), float(momentum), float(tol)
    A = np.fromfile(f"{folder}/A.bin", dtype=np.float64).reshape(m, n)
    X = np.fromfile(f"{folder}/X0.bin", dtype=np.float64).reshape(m, d)
    Y = np.zeros((n, d))
    norm_a = np.linalg.norm(A)
    residuals = []
    z_prev = None
    start = time.perf_counter()
    for t in range(cap + 1):
        R = X @ Y.T - A
        r = np.linalg.norm(R)
        residuals.append(r)
        if r <= tol * norm_a or t == cap:
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
    seconds = time.perf_counter() - start
    print(json.dumps({"seconds": seconds, "iterations": len(residuals) - 1, "residuals": residuals, "numpy": np.__version__}))


if __name__ == "__main__":
    main()
