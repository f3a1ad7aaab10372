"""Importing files and folders (library/importer.py): one bad item never stops the rest
(issue 18 items 9-11): symlink loops, file names that are not UTF-8, two imports racing."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop import config
from desktop.library.importer import IMPORTED, REFUSED, UNCHANGED, UPDATED, import_paths
from desktop.library.store import list_documents
from tests.conftest import REPO

TEXT = "La coopération régionale sur les migrations progresse. Les États membres ont adopté un plan commun.\n"


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="symlinks")
def test_a_symlink_loop_is_refused_and_the_rest_imported(conn, tmp_path: Path) -> None:
    folder = tmp_path / "dossier"
    folder.mkdir()
    (folder / "a-note.txt").write_text(TEXT, "utf-8")
    os.symlink(folder / "loop.txt", folder / "loop.txt")
    os.symlink(folder / "ping.md", folder / "pong.md")
    os.symlink(folder / "pong.md", folder / "ping.md")
    outcomes = import_paths(conn, [folder, folder / "loop.txt"], max_bytes=config.max_import_bytes())
    by_name = {Path(o.path).name: o for o in outcomes}
    assert by_name["a-note.txt"].status == IMPORTED
    for name in ("loop.txt", "ping.md", "pong.md"):
        assert by_name[name].status == REFUSED and "loop" in by_name[name].reason


@pytest.mark.skipif(sys.platform != "linux", reason="file names as bytes")
def test_a_file_name_that_is_not_utf8_never_aborts_a_folder(conn, tmp_path: Path, capsys) -> None:
    """Regression: "'utf-8' codec can't encode character '\\udcff'", 1 of 2 good files imported."""
    folder = tmp_path / "dossier"
    folder.mkdir()
    raw = os.fsencode(folder) + b"/caf\xe9-\xff.txt"  # Latin-1 names from an old archive
    with open(raw, "wb") as fh:
        fh.write(TEXT.encode())
    (folder / "zeta.txt").write_text(TEXT.replace("plan", "programme"), "utf-8")
    outcomes = import_paths(conn, [folder], max_bytes=config.max_import_bytes())
    assert sorted(o.status for o in outcomes) == [IMPORTED, IMPORTED], outcomes
    for o in outcomes:
        o.line().encode("utf-8")  # printable as is
    assert any("caf\ufffd-\ufffd.txt" in o.path for o in outcomes)
    for d in list_documents(conn):
        d.title.encode("utf-8") and (d.path or "").encode("utf-8")
    # Importing the folder again finds the same documents by their paths.
    again = import_paths(conn, [folder], max_bytes=config.max_import_bytes())
    assert sorted(o.status for o in again) == [UNCHANGED, UNCHANGED]
    from desktop.cli import main

    assert main(["import", str(folder)]) == 0
    out = capsys.readouterr().out
    assert out.count("unchanged") == 2 and "\ufffd" in out
    out.encode("utf-8")


_RACER = r"""
import sys
from desktop.cli import main
sys.exit(main(["--data-dir", sys.argv[1], "import", sys.argv[2]]))
"""


def test_two_imports_of_one_file_at_once_both_succeed(data_dir: Path, tmp_path: Path) -> None:
    """Regression: one of two racing imports was told "the library database is damaged …
    Restore a backup" (a UNIQUE path conflict), advice that would throw away good work."""
    big = tmp_path / "rapport.txt"
    big.write_text((TEXT * 2500), "utf-8")  # a few hundred ms of parsing: a wide window
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    for _round in range(2):
        procs = [
            subprocess.Popen([sys.executable, "-c", _RACER, str(data_dir), str(big)], env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for _ in range(3)
        ]
        results = [(p.wait(timeout=300), *p.communicate()) for p in procs]
        for code, out, err in results:
            assert code == 0 and "damaged" not in err and "Restore" not in err, (out, err)
            assert any(s in out for s in (IMPORTED, UPDATED, UNCHANGED)), out
        big.write_text(big.read_text("utf-8") + TEXT, "utf-8")  # the next round updates it
