"""numpy side of the compute bench: one operation per run, prints the best time in seconds.

Called by ComputeBench (same shapes, same run). Uses whatever BLAS numpy is linked to; on Debian
that is libblas.so.3, i.e. the same OpenBLAS the Java CPU backend loads.
"""
import sys
import time

import numpy as np


def best(fn, reps):
    fn()  # warm-up: first-touch pages, thread pool start
    times = []
    for _ in range(reps):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def main():
    op, reps = sys.argv[1], int(sys.argv[2])
    args = [int(a) for a in sys.argv[3:]]
    rng = np.random.default_rng(7)
    if op == "gemm":  # A (m x k) @ B (k x n)
        m, k, n = args
        a = rng.standard_normal((m, k), dtype=np.float32)
        b = rng.standard_normal((k, n), dtype=np.float32)
        fn = lambda: a @ b
    elif op == "gemm_bt":  # A (m x k) @ B.T, B (n x k): queries against contributor rows
        m, k, n = args
        a = rng.standard_normal((m, k), dtype=np.float32)
        b = rng.standard_normal((n, k), dtype=np.float32)
        fn = lambda: a @ b.T
    elif op == "eigh":
        (n,) = args
        g = rng.standard_normal((n, n))
        s = (g + g.T) / 2
        fn = lambda: np.linalg.eigh(s)
    elif op in ("features", "features_softmax"):  # the per-example gradient materialised, then projected
        n, out, inp, k = args
        if op == "features_softmax":  # what the prover feeds: onehot(y) - softmax(z), in double, as float32
            z = 3 * rng.standard_normal((n, out))
            e = np.exp(z - z.max(axis=1, keepdims=True))
            P = -(e / e.sum(axis=1, keepdims=True))
            P[np.arange(n), rng.integers(0, out, n)] += 1
            P = P.astype(np.float32)
        else:
            P = rng.standard_normal((n, out), dtype=np.float32)
        X = rng.standard_normal((n, inp), dtype=np.float32)
        B = rng.standard_normal((k, out * inp), dtype=np.float32)
        fn = lambda: (P[:, :, None] * X[:, None, :]).reshape(n, -1) @ B.T
    elif op in ("features_kron", "features_kron_factored"):  # an MLP layer with a K-FAC basis
        n, out, inp, ko, ki = args
        P = rng.standard_normal((n, out), dtype=np.float32)
        X = rng.standard_normal((n, inp), dtype=np.float32)
        Bo = rng.standard_normal((ko, out), dtype=np.float32)
        Bi = rng.standard_normal((ki, inp), dtype=np.float32)
        if op == "features_kron":  # the expression, the basis rows written out: kron(Bo, Bi)
            B = np.kron(Bo, Bi)
            fn = lambda: (P[:, :, None] * X[:, None, :]).reshape(n, -1) @ B.T
        else:  # numpy told the structure: (Bo p) ⊗ (Bi x) per example
            fn = lambda: ((P @ Bo.T)[:, :, None] * (X @ Bi.T)[:, None, :]).reshape(n, -1)
    else:
        raise SystemExit("unknown op " + op)
    print("%.6f" % best(fn, reps), flush=True)
    print("numpy %s, BLAS: %s" % (np.__version__, blas_name()), file=sys.stderr)


def blas_name():
    info = getattr(np.__config__, "blas_opt_info", None)  # numpy < 1.25 (Debian 12)
    if info:
        return "lib" + "/".join(sorted(set(info.get("libraries", [])))) + ".so"
    try:
        return np.show_config(mode="dicts")["Build Dependencies"]["blas"]["name"]
    except Exception:
        return "unknown"


if __name__ == "__main__":
    main()
