from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from desktop.library import db
from desktop.library.migrations import MIGRATIONS, SCHEMA_VERSION


def test_new_database_is_current_with_wal_and_foreign_keys(tmp_path: Path) -> None:
    conn = db.connect(tmp_path / "g.db")
    assert db.schema_version(conn) == SCHEMA_VERSION
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1


@pytest.mark.parametrize("old_version", range(1, SCHEMA_VERSION))
def test_every_earlier_version_migrates_and_keeps_data(tmp_path: Path, old_version: int) -> None:
    path = tmp_path / "old.db"
    old = db.connect(path, target_version=old_version)
    assert db.schema_version(old) == old_version
    with old:
        old.execute(
            "INSERT INTO documents (title, path, format, language, content_hash, text, imported_at, updated_at)"
            " VALUES ('Titre', '/x.txt', 'txt', 'fr', 'h', 'Bonjour.', 't', 't')"
        )
    old.close()
    conn = db.connect(path)
    assert db.schema_version(conn) == SCHEMA_VERSION
    assert conn.execute("SELECT title FROM documents").fetchone()[0] == "Titre"


def test_failed_migration_leaves_previous_version(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "g.db"
    db.connect(path, target_version=1).close()
    broken = list(MIGRATIONS)
    broken[1] = "CREATE TABLE half_done (x); THIS IS NOT SQL;"
    monkeypatch.setattr(db, "MIGRATIONS", broken)
    with pytest.raises(db.DatabaseError):
        db.connect(path)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    assert conn.execute("SELECT COUNT(*) FROM sqlite_master WHERE name = 'half_done'").fetchone()[0] == 0


def test_newer_database_is_refused_with_clear_message(tmp_path: Path) -> None:
    path = tmp_path / "g.db"
    raw = sqlite3.connect(path)
    raw.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    raw.close()
    with pytest.raises(db.DatabaseError, match="newer than this Glose"):
        db.connect(path)


def test_garbage_file_gives_clear_message(tmp_path: Path) -> None:
    path = tmp_path / "g.db"
    path.write_bytes(b"this is not a database at all" * 100)
    with pytest.raises(db.DatabaseError, match=str(path)):
        db.connect(path)


def test_processes_opening_a_new_library_at_once_all_succeed(tmp_path: Path) -> None:
    import subprocess
    import sys

    from tests.conftest import REPO

    path = tmp_path / "new.db"
    code = f"from desktop.library.db import connect; c = connect(__import__('pathlib').Path({str(path)!r})); print(c.execute('PRAGMA user_version').fetchone()[0])"
    procs = [subprocess.Popen([sys.executable, "-c", code], cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(4)]
    results = [p.communicate(timeout=60) for p in procs]
    assert [p.returncode for p in procs] == [0] * 4, results
    assert {out.strip() for out, _ in results} == {str(SCHEMA_VERSION)}


def test_read_only_folder_is_named_as_the_cause(tmp_path: Path) -> None:
    import os

    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        if os.access(folder, os.W_OK):
            pytest.skip("running as a user that can write anywhere (root)")
        with pytest.raises(db.DatabaseError, match="read-only"):
            db.connect(folder / "g.db")
    finally:
        folder.chmod(0o755)


def test_explain_read_only_and_damaged(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "g.db"
    monkeypatch.setattr(db.os, "access", lambda *_: False)
    assert "read-only" in db.explain(path, sqlite3.OperationalError("unable to open database file"))
    message = db.explain(path, sqlite3.DatabaseError("database disk image is malformed"))
    assert str(path) in message and "glose restore" in message


def test_structure_migration_keeps_paragraphs_sentences_and_their_links(tmp_path: Path) -> None:
    """Migration 4 rebuilds `paragraphs` (a new CHECK): sentences, their paragraph links and
    the cascade from documents must come through (foreign keys are off while it runs)."""
    path = tmp_path / "old.db"
    old = db.connect(path, target_version=3)
    with old:
        old.execute(
            "INSERT INTO documents (id, title, path, format, language, content_hash, text, imported_at, updated_at)"
            " VALUES (7, 'Titre', '/x.txt', 'txt', 'fr', 'h', 'Titre\n\nUn. Deux.', 't', 't')"
        )
        old.execute("INSERT INTO paragraphs (id, doc_id, idx, kind, start, end) VALUES (11, 7, 0, 'heading', 0, 5)")
        old.execute("INSERT INTO paragraphs (id, doc_id, idx, kind, start, end) VALUES (12, 7, 1, 'list_item', 7, 16)")
        old.execute("INSERT INTO sentences (doc_id, paragraph_id, idx, start, end, source_hash) VALUES (7, 11, 0, 0, 5, 'a')")
        old.execute("INSERT INTO sentences (doc_id, paragraph_id, idx, start, end, source_hash) VALUES (7, 12, 1, 7, 10, 'b')")
        old.execute("INSERT INTO sentences (doc_id, paragraph_id, idx, start, end, source_hash) VALUES (7, 12, 2, 11, 16, 'c')")
    old.close()
    conn = db.connect(path)
    rows = conn.execute("SELECT id, kind, level, marker, page FROM paragraphs ORDER BY idx").fetchall()
    assert [tuple(r) for r in rows] == [(11, "heading", 1, "", 0), (12, "list_item", 0, "", 0)]
    links = conn.execute("SELECT idx, paragraph_id FROM sentences ORDER BY idx").fetchall()
    assert [tuple(r) for r in links] == [(0, 11), (1, 12), (2, 12)]
    doc = conn.execute("SELECT info, importer_version FROM documents").fetchone()
    assert tuple(doc) == ("{}", 0)  # imported before structure: re-imported by an upgrade
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    with conn:
        conn.execute("DELETE FROM documents WHERE id = 7")
    assert conn.execute("SELECT COUNT(*) FROM sentences").fetchone()[0] == 0  # the cascade still holds
    with pytest.raises(sqlite3.IntegrityError):
        with conn:
            conn.execute(
                "INSERT INTO paragraphs (doc_id, idx, kind, start, end) VALUES (999, 0, 'paragraph', 0, 1)"
            )


def test_a_migration_that_breaks_a_reference_is_rolled_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "g.db"
    conn = db.connect(path, target_version=SCHEMA_VERSION - 1)
    with conn:
        conn.execute(
            "INSERT INTO documents (id, title, format, language, content_hash, text, imported_at, updated_at)"
            " VALUES (1, 'T', 'txt', 'fr', 'h', 'x', 't', 't')"
        )
        conn.execute("INSERT INTO paragraphs (id, doc_id, idx, kind, start, end) VALUES (1, 1, 0, 'paragraph', 0, 1)")
    conn.close()
    broken = list(MIGRATIONS)
    broken[-1] = "DELETE FROM documents;"  # with foreign keys off, this would orphan the paragraph
    monkeypatch.setattr(db, "MIGRATIONS", broken)
    with pytest.raises(db.DatabaseError, match="reference"):
        db.connect(path)
    raw = sqlite3.connect(path)
    assert raw.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION - 1
    assert raw.execute("SELECT COUNT(*) FROM documents").fetchone()[0] == 1


def test_a_constraint_conflict_is_not_called_damage(tmp_path: Path) -> None:
    import sqlite3

    from desktop.library.db import explain

    text = explain(tmp_path / "glose.db", sqlite3.IntegrityError("UNIQUE constraint failed: documents.path"))
    assert "damaged" not in text and "restore" not in text.lower() and "run the command again" in text
