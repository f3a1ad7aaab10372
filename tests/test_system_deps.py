"""tests/system_deps.py: what `make` installs for Qt is what `ldd` of Qt's own files asks for."""

from __future__ import annotations

import sys

import pytest

from tests import system_deps

LDD = """\
\tlinux-vdso.so.1 (0x00007ffd)
\tlibGL.so.1 => /lib/x86_64-linux-gnu/libGL.so.1 (0x00007fa0)
\tlibxcb-icccm.so.4 => not found
\tlibxcb-keysyms.so.1 => not found
\tlibxcb-icccm.so.4 => not found
"""


def test_not_found_lines_are_read() -> None:
    assert system_deps._NOT_FOUND.findall(LDD) == ["libxcb-icccm.so.4", "libxcb-keysyms.so.1", "libxcb-icccm.so.4"]


@pytest.mark.parametrize(
    "soname, package",
    [
        ("libxcb-icccm.so.4", "libxcb-icccm4"),
        ("libxcb-keysyms.so.1", "libxcb-keysyms1"),
        ("libxkbcommon-x11.so.0", "libxkbcommon-x11-0"),
        ("libX11.so.6", "libx11-6"),
        ("libX11-xcb.so.1", "libx11-xcb1"),
        ("libdbus-1.so.3", "libdbus-1-3"),
        ("libEGL.so.1", "libegl1"),
        ("libglib-2.0.so.0", "libglib2.0-0"),
        ("libGLdispatch.so.0", "libglvnd0"),
    ],
)
def test_debian_package_names(soname: str, package: str) -> None:
    assert system_deps.package_candidates(soname)[0] == package


def test_the_plugins_and_modules_glose_loads_are_checked() -> None:
    names = {p.name for p in system_deps.targets(system_deps.qt_dir())}
    assert {"libqxcb.so", "libqoffscreen.so"} <= names
    assert any(n.startswith("QtWidgets.") for n in names)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ldd")
def test_nothing_qt_needs_is_missing() -> None:
    """`make test` ran `tests/system_deps.py --install` first: the xcb plugin, which `make run`
    uses, loads here too (it needs more than the offscreen one the tests run on)."""
    files = system_deps.targets(system_deps.qt_dir())
    assert system_deps.missing_libraries(files) == []
    assert system_deps.has_fonts()
