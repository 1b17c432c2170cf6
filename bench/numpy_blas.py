"""What numpy's BLAS is and which kernel it runs, for the numpy baselines of the benchmarks.

blas_info() returns numpy's version, the BLAS named by numpy.show_config, and the kernel (core type) and
thread count reported at run time: through threadpoolctl when installed, else by asking the loaded
OpenBLAS library itself through ctypes. Run it under the benchmark's environment (one BLAS thread,
OPENBLAS_CORETYPE unset): the answer is about this process.
"""
import ctypes
import json


def _openblas_paths():
    try:
        with open("/proc/self/maps") as f:
            return sorted({line.split()[-1] for line in f if "openblas" in line.lower() and "/" in line})
    except OSError:
        return []


def _ask_library(info):
    for path in _openblas_paths():
        try:
            lib = ctypes.CDLL(path)
        except OSError:
            continue
        for prefix in ("scipy_openblas", "openblas"):
            for suffix in ("64_", "_64_", ""):
                try:
                    core = getattr(lib, f"{prefix}_get_corename{suffix}")
                    threads = getattr(lib, f"{prefix}_get_num_threads{suffix}")
                except AttributeError:
                    continue
                core.restype = ctypes.c_char_p
                threads.restype = ctypes.c_int
                info["coretype"] = core().decode()
                info["threads"] = int(threads())
                info["source"] = f"OpenBLAS via ctypes ({path.rsplit('/', 1)[-1]})"
                return True
    return False


def blas_info():
    import numpy as np

    info = {"numpy": np.__version__}
    try:
        blas = np.show_config(mode="dicts")["Build Dependencies"]["blas"]
        info["blas"] = f"{blas.get('name')} {blas.get('version', '')}".strip()
        if "openblas configuration" in blas:
            info["config"] = blas["openblas configuration"]
    except Exception:  # older numpy: no dict mode
        pass
    try:
        from threadpoolctl import threadpool_info

        for pool in threadpool_info():
            if pool.get("user_api") == "blas":
                info["coretype"] = pool.get("architecture")
                info["threads"] = pool.get("num_threads")
                info["source"] = f"threadpoolctl ({pool.get('internal_api')} {pool.get('version')})"
                return info
    except ImportError:
        pass
    np.ones((2, 2)) @ np.ones((2, 2))  # make sure the BLAS is loaded
    _ask_library(info)
    return info


if __name__ == "__main__":
    print(json.dumps(blas_info()))
