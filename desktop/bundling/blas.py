"""numpy's OpenBLAS replaced in the standalone app by a 50 KB stand-in (build_app.spec).

numpy's Linux wheel links `numpy.libs/libscipy_openblas64_-<hash>.so` (25 MB) and, through
it, libgfortran and libquadmath (3 MB). Glose uses numpy for the search index's integer
arrays (sort, searchsorted, cumsum, unique...), never for linear algebra. blas_stand_in.c
gives numpy what it imports from OpenBLAS under the same soname: correct plain loops for
the products, LU and Cholesky for det/solve/inv/cholesky, LinAlgError for the rest.

Every step is checked, and on any surprise the build keeps OpenBLAS and says why: the
symbols every bundled binary imports from OpenBLAS must all be in the stand-in (Python
loads extensions with RTLD_NOW: one missing symbol and numpy would not import); the
stand-in must need nothing (no undefined symbol, no library); numpy, copied beside the
stand-in without OpenBLAS and libgfortran, must pass numpy_check (products equal pure
Python, linalg right or LinAlgError) in a fresh process.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from desktop.bundling.elf import exports, imports, is_elf, needed

SOURCE = Path(__file__).with_name("blas_stand_in.c")
OPENBLAS = re.compile(r"libscipy_openblas\w*-[0-9a-f]+\.so")
GCC_FLAGS = [
    "-O2", "-fPIC", "-shared", "-fvisibility=hidden",
    # sqrt as one instruction and no memset/memcpy calls: nothing from libc is needed
    "-fno-math-errno", "-fno-tree-loop-distribute-patterns",
    "-nostdlib", "-Wl,--no-undefined", "-Wall", "-Werror",
]


def build_stand_in(soname: str, folder: Path, source: Path = SOURCE) -> Path:
    """Compile blas_stand_in.c into `folder/soname` (gcc, with libgcc for complex division)."""
    gcc = shutil.which("gcc")
    if gcc is None:
        raise ValueError("gcc not found")
    folder.mkdir(parents=True, exist_ok=True)
    library = folder / soname
    done = subprocess.run([gcc, *GCC_FLAGS, f"-Wl,-soname,{soname}", "-o", str(library), str(source), "-lgcc"],
                          capture_output=True, text=True)
    if done.returncode != 0:
        raise ValueError(f"gcc failed: {(done.stderr or done.stdout).strip()[:500]}")
    return library


def check_numpy_with(stand_in: Path, folder: Path, python: str = sys.executable) -> str:
    """Run numpy_check in a fresh `python` on a copy of numpy whose numpy.libs holds only
    `stand_in` (no OpenBLAS, no libgfortran): its summary, or ValueError."""
    import importlib.util

    spec = importlib.util.find_spec("numpy")
    if spec is None or not spec.submodule_search_locations:
        raise ValueError("numpy is not installed in the build environment")
    source = Path(list(spec.submodule_search_locations)[0])
    shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(source, folder / "numpy", ignore=shutil.ignore_patterns("__pycache__", "tests"))
    wanted = {n for so in (folder / "numpy").rglob("*.so") for n in needed(so) if OPENBLAS.fullmatch(n)}
    if wanted != {stand_in.name}:
        raise ValueError(f"numpy needs {', '.join(sorted(wanted)) or 'no OpenBLAS'}, not {stand_in.name}")
    (folder / "numpy.libs").mkdir()
    shutil.copy(stand_in, folder / "numpy.libs" / stand_in.name)
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run(
        [python, "-m", "desktop.bundling.numpy_check"], cwd=folder, capture_output=True, text=True, timeout=300,
        env=dict(os.environ, PYTHONPATH=f"{folder}{os.pathsep}{root}", PYTHONNOUSERSITE="1"),
    )
    output = (done.stdout + done.stderr).strip()
    if done.returncode != 0:
        raise ValueError(f"numpy with the stand-in fails its check: {output[-800:]}")
    if str(folder / "numpy.libs" / stand_in.name) not in output or str(folder / "numpy") not in output:
        raise ValueError(f"the check did not run on the copied numpy and the stand-in: {output[-800:]}")
    return output.splitlines()[0]


def replace_openblas(binaries: list, workdir: Path) -> list:
    """Linux: PyInstaller's binaries list with numpy's OpenBLAS replaced by the stand-in and
    the libraries only OpenBLAS needed (libgfortran, libquadmath) left out; unchanged, with
    the reason printed, when anything is off."""
    if not sys.platform.startswith("linux"):
        return binaries
    entries = [e for e in binaries if OPENBLAS.fullmatch(Path(e[0]).name)]
    if not entries:
        print("no OpenBLAS among the binaries: nothing to replace")
        return binaries
    try:
        missing = [tool for tool in ("nm", "readelf") if shutil.which(tool) is None]
        if missing:
            raise ValueError(f"{', '.join(missing)} not found (binutils)")
        if len(entries) != 1:
            raise ValueError(f"several OpenBLAS libraries: {', '.join(e[0] for e in entries)}")
        dest, original, kind = entries[0]
        soname = Path(dest).name
        provided = exports(Path(original))
        users = {}
        for entry in binaries:
            if entry is not entries[0] and is_elf(Path(entry[1])):
                wanted = imports(Path(entry[1])) & provided
                if wanted:
                    users[entry[0]] = wanted
        stand_in = build_stand_in(soname, workdir / "blas")
        lacking = set().union(*users.values()) - exports(stand_in)
        if lacking:
            raise ValueError(f"the stand-in lacks {', '.join(sorted(lacking))}")
        if imports(stand_in) or needed(stand_in):
            raise ValueError(f"the stand-in needs {sorted(imports(stand_in))} {needed(stand_in)}")
        summary = check_numpy_with(stand_in, workdir / "blas-check")
        # OpenBLAS's own dependencies that nothing else in the bundle needs.
        names = {Path(e[0]).name: e for e in binaries}
        only_blas, stack = set(), list(needed(Path(original)))
        while stack:
            name = stack.pop()
            if name in names and name not in only_blas:
                only_blas.add(name)
                stack += needed(Path(names[name][1]))
        still = {n for e in binaries if Path(e[0]).name not in only_blas | {soname} for n in needed(Path(e[1]))}
        only_blas -= still
    except (OSError, ValueError, subprocess.SubprocessError) as exc:
        print(f"keeping numpy's OpenBLAS: {exc}")
        return binaries
    saved = sum(Path(names[n][1]).stat().st_size for n in only_blas) + Path(original).stat().st_size
    saved -= stand_in.stat().st_size
    print(f"OpenBLAS replaced by a {stand_in.stat().st_size // 1024} KB stand-in for {len(set().union(*users.values()))} "
          f"symbols of {', '.join(sorted(users))}; left out {', '.join(sorted(only_blas)) or 'nothing else'}: "
          f"{saved / 2**20:.1f} MB less. {summary}")
    return [(d, str(stand_in), k) if d == dest else (d, s, k) for d, s, k in binaries if Path(d).name not in only_blas]
