"""Restore (issue 18 items 1 and 4): every pre-restore library is kept under its own name,
and a backup is checked as the library itself would open it before anything changes."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timezone
from pathlib import Path

import pytest

from desktop.annotations import backup, store
from desktop.library.db import open_library
from desktop.library.models import Document

NOW = datetime(2026, 3, 1, 12, 0, 0, tzinfo=timezone.utc)


def _notes(path: Path) -> set[str]:
    db = sqlite3.connect(path)
    try:
        return {r[0] for r in db.execute("SELECT note FROM annotations")}
    finally:
        db.close()


def test_two_restores_in_the_same_second_keep_both_libraries(conn: sqlite3.Connection, doc: Document, data_dir: Path) -> None:
    store.create_annotation(conn, doc, "fr", 0, 14, color="yellow", note="avant")
    b = backup.backup_now(data_dir)
    store.create_annotation(conn, doc, "fr", 20, 30, color="pink", note="après la sauvegarde")
    first = backup.restore(data_dir, b, now=NOW)
    second = backup.restore(data_dir, b, now=NOW)
    assert first is not None and second is not None and first != second
    assert _notes(first) == {"avant", "après la sauvegarde"}  # the only copy of the later note
    assert _notes(second) == {"avant"}
    kept = backup.list_kept(data_dir)
    assert first in kept and second in kept
    # Never pushed out by the daily rotation, whatever number of backups follow.
    for _ in range(backup.KEEP + 2):
        backup.backup_now(data_dir)
    assert first.exists() and second.exists()


def test_backup_list_shows_the_libraries_kept_before_a_restore(conn, doc, data_dir: Path, capsys) -> None:
    from desktop.cli import main

    b = backup.backup_now(data_dir)
    aside = backup.restore(data_dir, b)
    assert main(["--data-dir", str(data_dir), "backup", "--list"]) == 0
    out = capsys.readouterr().out
    assert str(b) in out and str(aside) in out and "before a restore" in out


def _tamper(data_dir: Path, tmp_path: Path, *sql: str) -> Path:
    """A backup changed behind SQLite's back the way a flipped byte would leave it."""
    good = backup.backup_now(data_dir)
    bad = tmp_path / "tampered.db"
    bad.write_bytes(good.read_bytes())
    db = sqlite3.connect(bad)
    db.execute("PRAGMA ignore_check_constraints = ON")
    db.execute("PRAGMA foreign_keys = OFF")
    for statement in sql:
        db.execute(statement)
    db.commit()
    db.close()
    return bad


@pytest.mark.parametrize(
    ("sql", "message"),
    [
        # A byte flipped in a paragraph's kind: pages sound, content impossible.
        (["UPDATE paragraphs SET kind = 'paragrapi' WHERE idx = 0"], "damaged"),
        # ... or in its text: not UTF-8 any more (search then failed to decode it).
        (["UPDATE paragraphs SET kind = CAST(X'FF70' AS TEXT) WHERE idx = 1"], "damaged"),
        (["UPDATE documents SET title = CAST(X'C3' AS TEXT)"], "damaged"),
        # A sentence pointing at no paragraph.
        (["UPDATE sentences SET paragraph_id = 999999 WHERE idx = 0"], "damaged"),
        # Only some of the tables (`list` then failed with "no such table: post_edits").
        (["DROP TABLE post_edits"], "post_edits"),
        (["ALTER TABLE annotations DROP COLUMN suffix"], "annotations.suffix"),
    ],
)
def test_restore_refuses_a_backup_the_library_could_not_use(
    conn: sqlite3.Connection, doc: Document, data_dir: Path, tmp_path: Path, sql: list[str], message: str
) -> None:
    ann = store.create_annotation(conn, doc, "fr", 0, 14, color="yellow", note="intact")
    bad = _tamper(data_dir, tmp_path, *sql)
    before = (data_dir / "glose.db").stat().st_mtime_ns
    with pytest.raises(backup.BackupError, match=message) as err:
        backup.restore(data_dir, bad)
    assert str(bad) in str(err.value) and "choose another backup" in str(err.value)
    assert [a.note for a in store.list_annotations(conn)] == ["intact"] and ann.id
    assert backup.list_kept(data_dir) == [] and not list(data_dir.glob("*.restoring*"))
    assert (data_dir / "glose.db").stat().st_mtime_ns == before


def test_an_older_backup_is_checked_after_bringing_it_up_to_date(data_dir: Path, tmp_path: Path) -> None:
    from desktop.library.db import connect

    old = tmp_path / "old.db"
    connect(old, target_version=1).close()  # a backup from the first Glose
    open_library(data_dir).close()
    assert backup.restore(data_dir, old) is not None
    fresh = open_library(data_dir)
    assert fresh.execute("SELECT COUNT(*) FROM annotations").fetchone()[0] == 0
    fresh.close()
