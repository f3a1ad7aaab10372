"""numpy's products and linear algebra checked against pure Python.

The standalone app replaces numpy's OpenBLAS by a small stand-in (blas_stand_in.c): the
build runs this check on numpy loaded with the stand-in before it keeps it, and
`Glose --self-test` runs it in the built app. Products (dot, vdot, inner, matmul, stacks,
tensordot, einsum, convolve, a matrix times its transpose, times a scalar) in float32,
float64, complex64 and complex128 must equal a pure-Python computation exactly: the inputs
are small integers, exact in every one of these types whatever the order of the sums.
numpy.linalg must either give the right answer or raise LinAlgError, never a wrong
number. Without numpy.random (not in the bundle): the inputs come from `random.Random`.

    python -m desktop.bundling.numpy_check     # prints what it checked; exit status 1 if wrong
"""

from __future__ import annotations

import random
import sys
from collections.abc import Callable
from fractions import Fraction

import numpy as np

DTYPES = ("float32", "float64", "complex64", "complex128")
# Everything numpy.linalg computes with LAPACK beyond LU and Cholesky.
LAPACK_ONLY = ("eigvalsh", "eigh", "eigvals", "eig", "svd", "lstsq", "qr", "pinv", "matrix_rank", "norm(ord=2)")


class NumericsWrong(Exception):
    """numpy computed something other than the pure-Python result."""


def _ints(rng: random.Random, shape: tuple[int, ...], dtype: str) -> np.ndarray:
    count = 1
    for n in shape:
        count *= n
    if dtype.startswith("complex"):
        values = [complex(rng.randint(-4, 4), rng.randint(-4, 4)) for _ in range(count)]
    else:
        values = [float(rng.randint(-4, 4)) for _ in range(count)]
    return np.array(values, dtype=dtype).reshape(shape)


def _matmul(a: list, b: list) -> list:
    return [[sum(row[k] * b[k][j] for k in range(len(b))) for j in range(len(b[0]))] for row in a]


def _transpose(a: list) -> list:
    return [list(col) for col in zip(*a)]


def _product_cases(rng: random.Random, dtype: str) -> list[tuple[str, Callable[[], np.ndarray], object]]:
    """(name, numpy computation, pure-Python result) for one dtype."""
    a, b, c = _ints(rng, (7, 5), dtype), _ints(rng, (5, 6), dtype), _ints(rng, (7, 6), dtype)
    b2, v5, w5, v7 = _ints(rng, (6, 5), dtype), _ints(rng, (5,), dtype), _ints(rng, (5,), dtype), _ints(rng, (7,), dtype)
    big, big2 = _ints(rng, (40, 33), dtype), _ints(rng, (33, 29), dtype)
    s1, s2 = _ints(rng, (3, 7, 5), dtype), _ints(rng, (3, 5, 6), dtype)
    t, u = _ints(rng, (2, 3, 4), dtype), _ints(rng, (4, 3, 5), dtype)
    scalar = np.array(3, dtype=dtype)
    A, B, C, B2 = a.tolist(), b.tolist(), c.tolist(), b2.tolist()
    x5, y5, x7 = v5.tolist(), w5.tolist(), v7.tolist()
    conj = (lambda z: z.conjugate()) if dtype.startswith("complex") else (lambda z: z)
    T, U = t.tolist(), u.tolist()
    tensordot = [[sum(T[i][j][k] * U[k][j][m] for j in range(3) for k in range(4)) for m in range(5)] for i in range(2)]
    return [
        ("dot of vectors", lambda: np.dot(v5, w5), sum(p * q for p, q in zip(x5, y5))),
        ("vdot", lambda: np.vdot(v5, w5), sum(conj(p) * q for p, q in zip(x5, y5))),
        ("inner", lambda: np.inner(v5, w5), sum(p * q for p, q in zip(x5, y5))),
        ("matrix @ vector", lambda: a @ v5, [r[0] for r in _matmul(A, [[q] for q in x5])]),
        ("vector @ matrix", lambda: v7 @ a, _matmul([x7], A)[0]),
        ("matrix.T @ vector", lambda: a.T @ v7, [r[0] for r in _matmul(_transpose(A), [[q] for q in x7])]),
        ("matmul", lambda: a @ b, _matmul(A, B)),
        ("dot of matrices", lambda: np.dot(a, b), _matmul(A, B)),
        ("matrix.T @ matrix", lambda: a.T @ c, _matmul(_transpose(A), C)),
        ("matrix @ matrix.T", lambda: a @ b2.T, _matmul(A, _transpose(B2))),
        ("Fortran-ordered @ matrix", lambda: np.asfortranarray(a) @ b, _matmul(A, B)),
        ("dot, Fortran-ordered", lambda: np.dot(np.asfortranarray(a), np.asfortranarray(b)), _matmul(A, B)),
        ("matrix @ its transpose", lambda: a @ a.T, _matmul(A, _transpose(A))),
        ("transpose @ matrix", lambda: np.dot(a.T, a), _matmul(_transpose(A), A)),
        ("40×33 @ 33×29", lambda: big @ big2, _matmul(big.tolist(), big2.tolist())),
        ("stacked matmul", lambda: s1 @ s2, [_matmul(p, q) for p, q in zip(s1.tolist(), s2.tolist())]),
        ("vector times a scalar", lambda: np.dot(v7, scalar), [q * 3 for q in x7]),
        ("matrix times a scalar", lambda: np.dot(a, scalar), [[q * 3 for q in r] for r in A]),
        ("tensordot", lambda: np.tensordot(t, u, axes=([1, 2], [1, 0])), tensordot),
        ("einsum (optimized)", lambda: np.einsum("ij,jk->ik", a, b, optimize=True), _matmul(A, B)),
        ("stacked einsum", lambda: np.einsum("bij,bjk->bik", s1, s2, optimize=True),
         [_matmul(p, q) for p, q in zip(s1.tolist(), s2.tolist())]),
        ("convolve", lambda: np.convolve(v7, v5),
         [sum(x7[i] * x5[n - i] for i in range(7) if 0 <= n - i < 5) for n in range(11)]),
    ]


def check_products() -> int:
    """Every product case in every dtype, exactly; returns how many were compared."""
    rng = random.Random(20240611)
    count = 0
    for dtype in DTYPES:
        for name, compute, want in _product_cases(rng, dtype):
            got = compute()
            if np.asarray(got).dtype != np.dtype(dtype):
                raise NumericsWrong(f"{name} ({dtype}) gives {np.asarray(got).dtype}")
            if np.asarray(got).tolist() != want:
                raise NumericsWrong(f"{name} ({dtype}): numpy gives {np.asarray(got).tolist()!r}, pure Python {want!r}")
            count += 1
    # Non-integer values too (float64: the sums may round differently, within 1e-12).
    fa = np.array([[(i * 7 + j) / 13 for j in range(9)] for i in range(11)])
    fb = np.array([[(i - 2 * j) / 7 for j in range(5)] for i in range(9)])
    want = _matmul(fa.tolist(), fb.tolist())
    got = (fa @ fb).tolist()
    if any(abs(g - w) > 1e-12 * (1 + abs(w)) for gr, wr in zip(got, want) for g, w in zip(gr, wr)):
        raise NumericsWrong(f"matmul of fractions: numpy gives {got!r}, pure Python {want!r}")
    return count + 1


# ---- linear algebra -------------------------------------------------------------------

def _close(got: object, want: object, dtype: str) -> bool:
    tol = 1e-4 if dtype in ("float32", "complex64") else 1e-10
    if isinstance(want, list):
        return isinstance(got, list) and len(got) == len(want) and all(_close(g, w, dtype) for g, w in zip(got, want))
    return abs(complex(got) - complex(want)) <= tol * (1 + abs(complex(want)))


def _exact_det(m: list) -> complex:
    """Gaussian elimination over exact fractions (real and imaginary parts as Fractions)."""
    n = len(m)
    rows = [[(Fraction(complex(v).real), Fraction(complex(v).imag)) for v in r] for r in m]
    mul = lambda p, q: (p[0] * q[0] - p[1] * q[1], p[0] * q[1] + p[1] * q[0])  # noqa: E731

    def div(p, q):
        d = q[0] * q[0] + q[1] * q[1]
        return ((p[0] * q[0] + p[1] * q[1]) / d, (p[1] * q[0] - p[0] * q[1]) / d)

    det = (Fraction(1), Fraction(0))
    for j in range(n):
        pivot = next((i for i in range(j, n) if rows[i][j] != (0, 0)), None)
        if pivot is None:
            return 0j
        if pivot != j:
            rows[j], rows[pivot] = rows[pivot], rows[j]
            det = (-det[0], -det[1])
        det = mul(det, rows[j][j])
        for i in range(j + 1, n):
            f = div(rows[i][j], rows[j][j])
            rows[i] = [(a[0] - mul(f, b)[0], a[1] - mul(f, b)[1]) for a, b in zip(rows[i], rows[j])]
    return complex(float(det[0]), float(det[1]))


def _hermitian(dtype: str) -> list:
    """Positive definite (Hermitian when complex): 3×3, leading minors 4, 19, 70 or more."""
    if dtype.startswith("complex"):
        return [[4, 1 + 1j, 2], [1 - 1j, 5, 3j], [2, -3j, 9]]
    return [[4, 1, 2], [1, 5, 3], [2, 3, 6]]


def _general(dtype: str) -> list:
    """3×3, invertible, needing row exchanges (its first pivot is zero)."""
    if dtype.startswith("complex"):
        return [[0, 2 + 1j, 1], [3, 1, 4 - 2j], [1j, 5, 9]]
    return [[0, 2, 1], [3, 1, 4], [1, 5, 9]]


def _identity(n: int) -> list:
    return [[1 if i == j else 0 for j in range(n)] for i in range(n)]


def _lapack_only_cases(np_dtype: np.dtype, dtype: str) -> list[tuple[str, Callable[[], bool]]]:
    """What numpy computes with LAPACK routines the stand-in lacks, each with a check of its
    answer (true when right) for when it does answer: with OpenBLAS it must."""
    m = np.array([[2, 1], [1, 2]], dtype=np_dtype)  # eigenvalues 1 and 3, singular values 3 and 1
    M = m.tolist()

    def qr_ok() -> bool:
        q, r = np.linalg.qr(m)
        return _close(_matmul(q.tolist(), r.tolist()), M, dtype)

    def lstsq_ok() -> bool:
        x = np.linalg.lstsq(m, np.array([3, 3], dtype=np_dtype), rcond=None)[0]
        return _close(x.tolist(), [1, 1], dtype)

    return [
        ("eigvalsh", lambda: _close(np.linalg.eigvalsh(m).tolist(), [1, 3], dtype)),
        ("eigh", lambda: _close(np.linalg.eigh(m)[0].tolist(), [1, 3], dtype)),
        ("eigvals", lambda: _close(sorted(np.linalg.eigvals(m).tolist(), key=abs), [1, 3], dtype)),
        ("eig", lambda: _close(sorted(np.linalg.eig(m)[0].tolist(), key=abs), [1, 3], dtype)),
        ("svd", lambda: _close(np.linalg.svd(m, compute_uv=False).tolist(), [3, 1], dtype)),
        ("lstsq", lstsq_ok),
        ("qr", qr_ok),
        ("pinv", lambda: _close(_matmul(np.linalg.pinv(m).tolist(), M), _identity(2), dtype)),
        ("matrix_rank", lambda: int(np.linalg.matrix_rank(m)) == 2),
        ("norm(ord=2)", lambda: _close(float(np.linalg.norm(m, ord=2)), 3, dtype)),
    ]


def check_linalg() -> tuple[list[str], list[str]]:
    """LU and Cholesky based functions must be right; the others right or LinAlgError.
    Returns (computed, refused): the LAPACK-only function names in each group."""
    computed, refused = set(), set()
    for dtype in DTYPES:
        np_dtype = np.dtype(dtype)
        A = _general(dtype)
        a = np.array(A, dtype=np_dtype)
        b = np.array([1, 2, 3], dtype=np_dtype)
        H = _hermitian(dtype)
        h = np.array(H, dtype=np_dtype)
        checks = [
            ("det", lambda: _close(complex(np.linalg.det(a)), _exact_det(A), dtype)),
            ("slogdet", lambda: _close(complex(np.linalg.slogdet(a)[0]) * complex(np.exp(np.linalg.slogdet(a)[1])),
                                       _exact_det(A), dtype)),
            ("solve", lambda: _close([r[0] for r in _matmul(A, [[v] for v in np.linalg.solve(a, b).tolist()])],
                                     [1, 2, 3], dtype)),
            ("inv", lambda: _close(_matmul(A, np.linalg.inv(a).tolist()), _identity(3), dtype)),
            ("cholesky", lambda: _close(_matmul(np.linalg.cholesky(h).tolist(),
                                                [[complex(v).conjugate() for v in r] for r in _transpose(np.linalg.cholesky(h).tolist())]),
                                        H, dtype) and np.linalg.cholesky(h)[0, 1] == 0),
            ("cholesky (upper)", lambda: _close(_matmul([[complex(v).conjugate() for v in r] for r in _transpose(np.linalg.cholesky(h, upper=True).tolist())],
                                                        np.linalg.cholesky(h, upper=True).tolist()), H, dtype)),
            ("det of a singular matrix", lambda: complex(np.linalg.det(np.array([[1, 2], [2, 4]], dtype=np_dtype))) == 0),
        ]
        for name, ok in checks:
            try:
                right = ok()
            except np.linalg.LinAlgError as exc:
                raise NumericsWrong(f"numpy.linalg {name} ({dtype}) raised LinAlgError: {exc}") from exc
            if not right:
                raise NumericsWrong(f"numpy.linalg {name} ({dtype}) gives a wrong result")
        try:
            np.linalg.solve(np.array([[1, 2], [2, 4]], dtype=np_dtype), np.array([1, 1], dtype=np_dtype))
        except np.linalg.LinAlgError:
            pass
        else:
            raise NumericsWrong(f"numpy.linalg solve ({dtype}) of a singular matrix raised nothing")
        try:
            np.linalg.cholesky(np.array([[1, 2], [2, 1]], dtype=np_dtype))
        except np.linalg.LinAlgError:
            pass
        else:
            raise NumericsWrong(f"numpy.linalg cholesky ({dtype}) of an indefinite matrix raised nothing")
        for name, ok in _lapack_only_cases(np_dtype, dtype):
            try:
                right = ok()
            except np.linalg.LinAlgError:
                refused.add(name)
                continue
            if not right:
                raise NumericsWrong(f"numpy.linalg {name} ({dtype}) gives a wrong result")
            computed.add(name)
    both = computed & refused
    if both:  # a routine that works for one dtype and not another: not what either library does
        raise NumericsWrong(f"numpy.linalg {', '.join(sorted(both))} works for some dtypes only")
    return [n for n in LAPACK_ONLY if n in computed], [n for n in LAPACK_ONLY if n in refused]


def blas_library() -> str:
    """The path of the BLAS library this process loaded (Linux), or ''."""
    try:
        with open("/proc/self/maps", encoding="utf-8", errors="replace") as maps:
            paths = {line.split()[-1] for line in maps if "blas" in line.lower() and "/" in line}
    except OSError:
        return ""
    return ", ".join(sorted(paths))


def run() -> str:
    """All checks; a one-line summary, or NumericsWrong."""
    products = check_products()
    computed, refused = check_linalg()
    summary = f"numpy: {products} products equal pure Python; linalg det/solve/inv/cholesky right"
    if refused:
        summary += f", {'/'.join(refused)} raise LinAlgError"
    if computed:
        summary += f", {'/'.join(computed)} right"
    return summary


def main() -> int:
    try:
        print(run())
    except NumericsWrong as exc:
        print(f"numpy computes wrong results: {exc}", file=sys.stderr)
        return 1
    print(f"BLAS library: {blas_library() or 'none found'}; numpy from {np.__file__}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
