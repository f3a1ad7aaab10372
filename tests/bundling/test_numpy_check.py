"""desktop/bundling/numpy_check.py on the test environment's own numpy (with OpenBLAS).

The stand-in's side (numpy loaded with it, and broken stand-ins the check must catch) is in
test_blas.py; `Glose --self-test` runs the same check in the built app."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

from desktop.bundling import numpy_check
from tests.conftest import REPO


def test_openblas_passes_and_computes_everything() -> None:
    products = numpy_check.check_products()
    computed, refused = numpy_check.check_linalg()

    assert products == 4 * 22 + 1
    assert computed == list(numpy_check.LAPACK_ONLY) and refused == []


def test_exact_determinant_over_fractions() -> None:
    assert numpy_check._exact_det([[0, 2, 1], [3, 1, 4], [1, 5, 9]]) == -32  # pivoting needed at once
    assert numpy_check._exact_det([[1, 2], [2, 4]]) == 0
    assert numpy_check._exact_det([[1j, 0], [0, 1j]]) == -1


def test_the_test_matrices_are_what_the_checks_assume() -> None:
    for dtype in numpy_check.DTYPES:
        general = np.array(numpy_check._general(dtype), dtype=complex)
        assert general[0, 0] == 0 and abs(np.linalg.det(general)) > 1  # LU must exchange rows
        hermitian = np.array(numpy_check._hermitian(dtype), dtype=complex)
        assert np.allclose(hermitian, hermitian.conj().T)
        assert all(np.linalg.eigvalsh(hermitian) > 0)  # positive definite


def test_a_wrong_result_is_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    cases = numpy_check._product_cases

    def one_wrong(rng, dtype):
        found = cases(rng, dtype)
        name, compute, want = found[6]
        assert name == "matmul"
        found[6] = (name, lambda: compute() + 1, want)
        return found

    monkeypatch.setattr(numpy_check, "_product_cases", one_wrong)
    with pytest.raises(numpy_check.NumericsWrong, match=r"matmul \(float32\): numpy gives"):
        numpy_check.run()


def test_command_prints_the_summary_and_the_blas_library() -> None:
    done = subprocess.run([sys.executable, "-m", "desktop.bundling.numpy_check"], cwd=REPO,
                          capture_output=True, text=True, timeout=120)

    assert done.returncode == 0, done.stderr
    assert "89 products equal pure Python" in done.stdout
    if sys.platform.startswith("linux"):
        assert "openblas" in done.stdout.lower()  # the wheel's own library, found in the process maps
