"""desktop/bundling/blas.py: the OpenBLAS stand-in, built with gcc as `make app` does.

numpy is run on it (numpy_check in a fresh process, OpenBLAS and libgfortran absent);
broken stand-ins must be caught; the CBLAS cases numpy never calls (column-major, conjugate
transposes, alpha and beta, negative increments) are called directly with ctypes and
compared with pure Python.
"""

from __future__ import annotations

import ctypes
import shutil
import sys
from pathlib import Path

import numpy as np
import pytest

from desktop.bundling import blas

pytestmark = [
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ELF libraries, numpy's Linux wheel"),
    pytest.mark.skipif(not all(shutil.which(t) for t in ("gcc", "nm", "readelf")), reason="gcc or binutils missing"),
]

NUMPY = Path(np.__file__).parent
OPENBLAS = next(iter(sorted((NUMPY.parent / "numpy.libs").glob("libscipy_openblas*.so"))), None)
needs_wheel = pytest.mark.skipif(OPENBLAS is None, reason="this numpy has no numpy.libs OpenBLAS (not the PyPI wheel)")
ROW, COL, N, T, C, UPPER, LOWER = 101, 102, 111, 112, 113, 121, 122


SONAME = OPENBLAS.name if OPENBLAS is not None else "libscipy_openblas64_-test.so"


@pytest.fixture(scope="module")
def stand_in(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return blas.build_stand_in(SONAME, tmp_path_factory.mktemp("blas"))


def numpy_binaries() -> list[tuple[str, str, str]]:
    """numpy's entries as PyInstaller lists them: its extension modules and numpy.libs."""
    found = [p for p in NUMPY.rglob("*.so") if "tests" not in p.parts] + sorted((NUMPY.parent / "numpy.libs").iterdir())
    return [(str(p.relative_to(NUMPY.parent)), str(p), "BINARY") for p in found]


def test_stand_in_needs_nothing_and_has_what_numpy_imports(stand_in: Path) -> None:
    assert blas.imports(stand_in) == set() and blas.needed(stand_in) == []
    assert stand_in.stat().st_size < 200_000
    if OPENBLAS is not None:
        wanted = set().union(*(blas.imports(Path(src)) for _, src, _ in numpy_binaries() if src.endswith(".so") and
                               "numpy.libs" not in src)) & blas.exports(OPENBLAS)
        assert len(wanted) >= 50 and wanted <= blas.exports(stand_in)


@needs_wheel
def test_numpy_on_the_stand_in_passes_its_check(stand_in: Path, tmp_path: Path) -> None:
    summary = blas.check_numpy_with(stand_in, tmp_path / "check")

    assert "89 products equal pure Python" in summary
    assert "det/solve/inv/cholesky right" in summary and "svd/lstsq/qr" in summary and "raise LinAlgError" in summary


@needs_wheel
@pytest.mark.parametrize(
    ("change", "caught"),
    [
        # row-major products computed on the wrong operand order
        ("P##gemm(tb, ta, n, m, k, VAL(alpha), b, ldb, a, lda", "P##gemm(ta, tb, n, m, k, VAL(alpha), b, ldb, a, lda"),
        # the conjugate of vdot forgotten
        ("*(T *)r = P##dot(n, x, incx, y, incy, 1);", "*(T *)r = P##dot(n, x, incx, y, incy, 0);"),
        # LU without its row exchanges recorded
        ("ipiv[j] = p + 1;", "ipiv[j] = j + 1;"),
        # a LAPACK routine that claims success without computing anything
        ("*info = 1;      ", "*info = 0;      "),
    ],
)
def test_a_wrong_stand_in_is_caught(tmp_path: Path, change: str, caught: str) -> None:
    source = blas.SOURCE.read_text(encoding="utf-8")
    assert change in source
    broken = tmp_path / "broken.c"
    broken.write_text(source.replace(change, caught, 1), encoding="utf-8")
    library = blas.build_stand_in(SONAME, tmp_path / "lib", broken)

    with pytest.raises(ValueError, match="fails its check: numpy computes wrong results"):
        blas.check_numpy_with(library, tmp_path / "check")


@needs_wheel
def test_replace_openblas_swaps_the_library_and_drops_what_only_it_needed(tmp_path: Path, capsys) -> None:
    binaries = numpy_binaries()
    openblas_dest = f"numpy.libs/{OPENBLAS.name}"

    out = blas.replace_openblas(binaries, tmp_path)

    names = {Path(dest).name for dest, _, _ in out}
    assert not any(n.startswith(("libgfortran", "libquadmath")) for n in names)
    [(dest, src, kind)] = [e for e in out if e[0] == openblas_dest]
    assert kind == "BINARY" and Path(src).stat().st_size < 200_000 and Path(src).name == OPENBLAS.name
    assert [e for e in out if e[0] != openblas_dest] == [e for e in binaries if Path(e[0]).name in names and e[0] != openblas_dest]
    assert "OpenBLAS replaced by a" in capsys.readouterr().out


@needs_wheel
def test_a_symbol_the_stand_in_lacks_keeps_openblas(tmp_path: Path, capsys) -> None:
    # A library that calls OpenBLAS's Fortran dgemm, which numpy does not use and the stand-in lacks.
    user = tmp_path / "user.c"
    user.write_text("void scipy_dgemm_64_(void);\nvoid call(void) { scipy_dgemm_64_(); }\n", encoding="ascii")
    library = tmp_path / "libuser.so"
    import subprocess

    subprocess.run(["gcc", "-shared", "-fPIC", "-nostdlib", "-o", str(library), str(user)], check=True)
    binaries = numpy_binaries() + [("libuser.so", str(library), "BINARY")]

    assert blas.replace_openblas(binaries, tmp_path / "work") == binaries
    assert "keeping numpy's OpenBLAS: the stand-in lacks scipy_dgemm_64_" in capsys.readouterr().out


@needs_wheel
def test_without_gcc_openblas_stays(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    real_which = shutil.which
    monkeypatch.setattr(blas.shutil, "which", lambda name: None if name == "gcc" else real_which(name))
    binaries = numpy_binaries()

    assert blas.replace_openblas(binaries, tmp_path) == binaries
    assert "keeping numpy's OpenBLAS: gcc not found" in capsys.readouterr().out


# ---- the CBLAS definitions beyond what numpy calls, through ctypes ----------------------

I = ctypes.c_longlong  # noqa: E741 (ILP64 integers)


def pack(values: list[complex]) -> ctypes.Array:
    flat = [part for v in values for part in (v.real, v.imag)]
    return (ctypes.c_double * len(flat))(*flat)


def unpack(array: ctypes.Array) -> list[complex]:
    return [complex(array[i], array[i + 1]) for i in range(0, len(array), 2)]


def element(buf: list, ld: int, order: int, r: int, c: int):
    return buf[r + c * ld] if order == COL else buf[r * ld + c]


def op(buf: list, ld: int, order: int, trans: int, i: int, j: int) -> complex:
    if trans == N:
        return element(buf, ld, order, i, j)
    value = element(buf, ld, order, j, i)
    return value.conjugate() if trans == C else value


@pytest.mark.parametrize("order", [ROW, COL])
@pytest.mark.parametrize(("ta", "tb"), [(N, N), (T, C), (C, N), (N, T), (C, C)])
def test_zgemm_every_transposition_with_alpha_beta_and_padding(stand_in: Path, order: int, ta: int, tb: int) -> None:
    lib = ctypes.CDLL(str(stand_in))
    m, n, k, lda, ldb, ldc = 3, 4, 2, 5, 6, 7  # leading dimensions larger than needed
    size = lambda rows, cols, ld: (cols if order == COL else rows) * ld  # noqa: E731
    a_rows, a_cols = (m, k) if ta == N else (k, m)
    b_rows, b_cols = (k, n) if tb == N else (n, k)
    a = [complex(i % 5 - 2, i % 3 - 1) for i in range(size(a_rows, a_cols, lda))]
    b = [complex(i % 4 - 1, 2 - i % 5) for i in range(size(b_rows, b_cols, ldb))]
    c = [complex(i % 3, -(i % 2)) for i in range(size(m, n, ldc))]
    alpha, beta = 2 - 1j, 0.5 + 1j
    want = list(c)
    for i in range(m):
        for j in range(n):
            s = sum(op(a, lda, order, ta, i, l) * op(b, ldb, order, tb, l, j) for l in range(k))
            at = i + j * ldc if order == COL else i * ldc + j
            want[at] = alpha * s + beta * c[at]
    out = pack(c)

    lib.scipy_cblas_zgemm64_(order, ta, tb, I(m), I(n), I(k), pack([alpha]), pack(a), I(lda), pack(b), I(ldb),
                             pack([beta]), out, I(ldc))

    assert unpack(out) == want


def test_beta_zero_ignores_what_the_output_held(stand_in: Path) -> None:
    lib = ctypes.CDLL(str(stand_in))
    a, b = (ctypes.c_double * 4)(1, 2, 3, 4), (ctypes.c_double * 4)(5, 6, 7, 8)
    out = (ctypes.c_double * 4)(*[float("nan")] * 4)

    lib.scipy_cblas_dgemm64_(COL, N, N, I(2), I(2), I(2), ctypes.c_double(1), a, I(2), b, I(2), ctypes.c_double(0), out, I(2))

    assert list(out) == [23, 34, 31, 46]  # [[1,3],[2,4]] @ [[5,7],[6,8]], column-major
    y = (ctypes.c_double * 2)(float("nan"), float("nan"))
    lib.scipy_cblas_dgemv64_(ROW, N, I(2), I(2), ctypes.c_double(1), a, I(2), b, I(1), ctypes.c_double(0), y, I(1))
    assert list(y) == [17, 39]  # [[1,2],[3,4]] @ [5,6]


@pytest.mark.parametrize("order", [ROW, COL])
@pytest.mark.parametrize("trans", [N, T, C])
def test_zgemv_with_negative_increments(stand_in: Path, order: int, trans: int) -> None:
    lib = ctypes.CDLL(str(stand_in))
    m, n, lda, incx, incy = 3, 2, 4, -2, -1
    a = [complex(i % 5 - 2, i % 4 - 1) for i in range((n if order == COL else m) * lda)]
    lenx, leny = (n, m) if trans == N else (m, n)
    x = [complex(i + 1, 1 - i) for i in range(1 + (lenx - 1) * abs(incx))]
    y = [complex(i, 2) for i in range(leny)]
    alpha, beta = 1 + 1j, -2
    xs = [x[(lenx - 1 - i) * abs(incx)] for i in range(lenx)]  # negative increment: read from the end
    ys = [y[leny - 1 - i] for i in range(leny)]
    want_ys = []
    for i in range(leny):
        s = sum((op(a, lda, order, trans, i, j)) * xs[j] for j in range(lenx))
        want_ys.append(alpha * s + beta * ys[i])
    want = list(reversed(want_ys))
    out = pack(y)

    lib.scipy_cblas_zgemv64_(order, trans, I(m), I(n), pack([alpha]), pack(a), I(lda), pack(x), I(incx),
                             pack([beta]), out, I(incy))

    assert unpack(out) == want


@pytest.mark.parametrize("order", [ROW, COL])
@pytest.mark.parametrize("uplo", [UPPER, LOWER])
@pytest.mark.parametrize("trans", [N, T])
def test_zsyrk_updates_one_triangle_only(stand_in: Path, order: int, uplo: int, trans: int) -> None:
    lib = ctypes.CDLL(str(stand_in))
    n, k, lda, ldc = 3, 2, 4, 3
    a_rows, a_cols = (n, k) if trans == N else (k, n)
    a = [complex(i % 5 - 2, i % 3 - 1) for i in range((a_cols if order == COL else a_rows) * lda)]
    c = [complex(i, -i) for i in range(n * ldc)]
    alpha, beta = 1 - 2j, 3
    want = list(c)
    for i in range(n):
        for j in range(n):
            if (i <= j) == (uplo == UPPER) or i == j:
                s = sum(op(a, lda, order, trans, i, l) * op(a, lda, order, trans, j, l) for l in range(k))
                at = i + j * ldc if order == COL else i * ldc + j
                want[at] = alpha * s + beta * c[at]
    out = pack(c)

    lib.scipy_cblas_zsyrk64_(order, uplo, trans, I(n), I(k), pack([alpha]), pack(a), I(lda), pack([beta]), out, I(ldc))

    assert unpack(out) == want


def test_level_one_with_negative_increments(stand_in: Path) -> None:
    lib = ctypes.CDLL(str(stand_in))
    lib.scipy_cblas_ddot64_.restype = ctypes.c_double
    x = (ctypes.c_double * 5)(1, 20, 3, 40, 5)
    y = (ctypes.c_double * 3)(7, 8, 9)
    # x read as 5, 3, 1 (increment -2), y as 7, 8, 9
    assert lib.scipy_cblas_ddot64_(I(3), x, I(-2), y, I(1)) == 5 * 7 + 3 * 8 + 1 * 9
    zx, zy, result = pack([1 + 2j, 3 - 1j]), pack([2 - 1j, 1j]), pack([0])
    lib.scipy_cblas_zdotc_sub64_(I(2), zx, I(1), zy, I(-1), result)
    assert unpack(result) == [(1 - 2j) * 1j + (3 + 1j) * (2 - 1j)]
    lib.scipy_cblas_zdotu_sub64_(I(2), zx, I(1), zy, I(1), result)
    assert unpack(result) == [(1 + 2j) * (2 - 1j) + (3 - 1j) * 1j]
    target = pack([1, 1, 1])
    lib.scipy_cblas_zaxpy64_(I(2), pack([2j]), zx, I(1), target, I(-2))  # y[2] += 2j x[0], y[0] += 2j x[1]
    assert unpack(target) == [1 + 2j * (3 - 1j), 1, 1 + 2j * (1 + 2j)]
    copy = (ctypes.c_double * 3)()
    lib.scipy_dcopy_64_(ctypes.byref(I(3)), x, ctypes.byref(I(-2)), copy, ctypes.byref(I(1)))
    assert list(copy) == [5, 3, 1]
