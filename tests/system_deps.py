"""The system libraries Qt needs here, asked of Qt's own files rather than listed by hand.

`make run`, `make test` and `make app` run this with the venv's Python:

    python tests/system_deps.py [--install]

It runs `ldd` on the platform plugins Glose uses (xcb for a desktop, offscreen for tests
and --self-test, their GL integrations) and on the PySide6 modules it imports, collects
every library reported "not found", names the Debian package of each and, with
`--install`, installs them with apt-get (as root, else through sudo), then asks `ldd`
again. Exit 0 when nothing is missing, 1 with a message naming what is missing and the
command to run otherwise. A machine with no font gets fonts-dejavu-core as well.

A library's package is found by Debian's naming rule (libxcb-icccm.so.4 → libxcb-icccm4,
libxkbcommon-x11.so.0 → libxkbcommon-x11-0), checked with apt-cache; the few that do not
follow it are in EXCEPTIONS; anything else is looked up with apt-file (installed then).
Stdlib only: it runs before the project's own dependencies can be loaded.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

# What Glose loads: the platform plugins it runs on, and the Qt modules it imports.
PLUGINS = (
    "platforms/libqxcb.so",
    "platforms/libqoffscreen.so",
    "xcbglintegrations/*.so",
    "imageformats/libqsvg.so",
    "iconengines/libqsvgicon.so",
)
MODULES = ("QtCore", "QtGui", "QtWidgets", "QtSvg")

# Libraries whose Debian package is not named after them.
EXCEPTIONS = {
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
    "libgobject-2.0.so.0": "libglib2.0-0",
    "libgio-2.0.so.0": "libglib2.0-0",
    "libgmodule-2.0.so.0": "libglib2.0-0",
    "libGLdispatch.so.0": "libglvnd0",
    "libbrotlidec.so.1": "libbrotli1",
    "libbrotlicommon.so.1": "libbrotli1",
}
FONT_PACKAGES = ("fontconfig", "fonts-dejavu-core")

_NOT_FOUND = re.compile(r"^\s*(\S+)\s+=>\s+not found", re.M)
_SONAME = re.compile(r"^(lib.+?)\.so\.(\d+)")


def qt_dir() -> Path:
    spec = importlib.util.find_spec("PySide6")  # located, not imported: it may not load yet
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("PySide6 is not installed in this Python: run `make` targets, which install it")
    return Path(list(spec.submodule_search_locations)[0])


def targets(pyside: Path) -> list[Path]:
    plugins = pyside / "Qt" / "plugins"
    found = [p for pattern in PLUGINS for p in sorted(plugins.glob(pattern))]
    found += [p for name in MODULES for p in sorted(pyside.glob(f"{name}.*so"))]
    return found


def missing_libraries(files: list[Path]) -> list[str]:
    """Sonames `ldd` reports as not found for any of the files (each once, sorted)."""
    missing: set[str] = set()
    for path in files:
        out = subprocess.run(["ldd", str(path)], capture_output=True, text=True).stdout
        missing.update(_NOT_FOUND.findall(out))
    return sorted(missing)


def package_candidates(soname: str) -> list[str]:
    """Debian package names a library may have, most likely first."""
    if soname in EXCEPTIONS:
        return [EXCEPTIONS[soname]]
    m = _SONAME.match(soname)
    if not m:
        return []
    name, version = m.group(1).lower(), m.group(2)
    joined = f"{name}-{version}" if name[-1].isdigit() else f"{name}{version}"
    squeezed = re.sub(r"-(?=\d)", "", name)  # libglib-2.0 -> libglib2.0
    squeezed = f"{squeezed}-{version}" if squeezed[-1].isdigit() else f"{squeezed}{version}"
    return list(dict.fromkeys([joined, squeezed]))


def _sudo() -> list[str]:
    if os.geteuid() == 0:
        return []
    return ["sudo"] if shutil.which("sudo") else []


def _apt(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    return subprocess.run([*_sudo(), *args], capture_output=True, text=True, env=env)


def _known_to_apt(package: str) -> bool:
    out = subprocess.run(["apt-cache", "policy", package], capture_output=True, text=True).stdout
    return "Candidate:" in out and "Candidate: (none)" not in out


def _apt_file(soname: str) -> str | None:
    if not shutil.which("apt-file"):
        _apt("apt-get", "install", "-y", "-qq", "--no-install-recommends", "apt-file")
        _apt("apt-file", "update")
    out = subprocess.run(["apt-file", "search", "-l", f"/{soname}"], capture_output=True, text=True).stdout
    return next(iter(out.split()), None)


def resolve(sonames: list[str]) -> tuple[list[str], list[str]]:
    """(Debian packages for the sonames, sonames no package was found for)."""
    packages: list[str] = []
    unknown: list[str] = []
    for soname in sonames:
        package = next((p for p in package_candidates(soname) if _known_to_apt(p)), None) or _apt_file(soname)
        if package:
            packages.append(package)
        else:
            unknown.append(soname)
    return list(dict.fromkeys(packages)), unknown


def has_fonts() -> bool:
    if not shutil.which("fc-list"):
        return False
    return bool(subprocess.run(["fc-list"], capture_output=True, text=True).stdout.strip())


def main(argv: list[str]) -> int:
    install = "--install" in argv
    files = targets(qt_dir())
    if not files:
        print("system_deps: no Qt plugins found in PySide6; nothing to check", file=sys.stderr)
        return 0
    missing = missing_libraries(files)
    fonts = has_fonts()
    if not missing and fonts:
        return 0
    what = ", ".join(missing + ([] if fonts else ["a font"]))
    print(f"Qt needs libraries this system lacks: {what}", file=sys.stderr)
    if not shutil.which("apt-get"):
        print("Not a Debian-based system: install the packages that provide them, then retry.", file=sys.stderr)
        return 1
    if not install:
        return 1
    if os.geteuid() != 0 and not _sudo():
        print("Run as root or install sudo to let `make` install them.", file=sys.stderr)
        return 1
    _apt("apt-get", "update", "-qq")
    packages, unknown = resolve(missing)
    packages += [] if fonts else list(FONT_PACKAGES)
    print(f"Installing: {' '.join(packages)}", file=sys.stderr)
    done = _apt("apt-get", "install", "-y", "-qq", "--no-install-recommends", *packages) if packages else None
    still = missing_libraries(files)
    if still or unknown or not has_fonts():
        if done is not None and done.returncode:
            print(done.stderr.strip(), file=sys.stderr)
        left = ", ".join(still or unknown or ["a font"])
        print(f"Still missing after apt-get: {left}. Install the packages that provide them "
              f"(`apt-file search NAME` tells which), then retry.", file=sys.stderr)
        return 1
    print("Qt's system libraries are installed.", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
