"""Every UI string has its French translation (in the catalogue or waiting in resources/i18n/pending/)."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO


def _update_module():
    spec = importlib.util.spec_from_file_location("i18n_update", REPO / "resources" / "i18n" / "update.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_ui_string_has_a_french_translation(tmp_path: Path) -> None:
    update = _update_module()
    ts = tmp_path / "glose_fr.ts"
    shutil.copy(update.TS, ts)
    sources = sorted(str(p) for p in (REPO / "desktop" / "ui").rglob("*.py"))
    lupdate = str(Path(sys.executable).with_name("pyside6-lupdate"))
    subprocess.run([lupdate, *sources, "-no-obsolete", "-target-language", "fr_FR", "-ts", str(ts)], check=True, capture_output=True)
    update.fold(update.read_pending(), ts)
    missing = update.unfinished(ts)
    assert not missing, (
        "UI strings without French: add `context<TAB>source<TAB>French` lines to "
        f"resources/i18n/pending/<you>.tsv (then resources/i18n/update.py): {missing[:20]}"
    )
