"""The core (everything outside desktop.ui) must not import Qt: it runs in the CLI and on servers."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import REPO


def test_core_modules_do_not_import_qt() -> None:
    code = (
        "import pkgutil, importlib, sys\n"
        "import desktop\n"
        "names = [m.name for m in pkgutil.walk_packages(desktop.__path__, 'desktop.')"
        " if not m.name.startswith(('desktop.ui', 'desktop.__main__'))]\n"
        "for n in names: importlib.import_module(n)\n"
        "from desktop.cli import build_parser; build_parser()\n"
        "bad = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6')))\n"
        "print(len(names), bad)\n"
        "sys.exit(1 if bad else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    count = int(result.stdout.split()[0])
    assert count >= 10  # the walk really found the core modules
