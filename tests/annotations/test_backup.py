from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from desktop.annotations import backup, store
from desktop.library.db import open_library
from desktop.library.models import Document


def test_backup_is_a_consistent_standalone_copy(conn: sqlite3.Connection, doc: Document, data_dir: Path) -> None:
    ann = store.create_annotation(conn, doc, "fr", 0, 14, color="yellow", note="sauvé")
    path = backup.backup_now(data_dir)
    assert path.parent == data_dir / "backups" and path.name.startswith("glose-")
    assert backup.check_backup(path) >= 3
    copy = sqlite3.connect(path)
    assert copy.execute("SELECT note FROM annotations WHERE id = ?", (ann.id,)).fetchone()[0] == "sauvé"
    assert copy.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    copy.close()


def test_auto_backup_once_a_day_keeps_the_last_seven(conn: sqlite3.Connection, doc: Document, data_dir: Path) -> None:
    day = datetime(2026, 1, 1, 9, tzinfo=timezone.utc)
    assert backup.auto_backup(data_dir, now=day) is not None
    assert backup.auto_backup(data_dir, now=day + timedelta(hours=5)) is None
    for n in range(1, 10):
        assert backup.auto_backup(data_dir, now=day + timedelta(days=n)) is not None
    names = [p.name for p in backup.list_backups(data_dir)]
    assert len(names) == 7 and names[0].startswith("glose-20260104") and names[-1].startswith("glose-20260110")


def test_no_library_no_backup(data_dir: Path) -> None:
    assert backup.auto_backup(data_dir) is None
    with pytest.raises(backup.BackupError, match="no library"):
        backup.backup_now(data_dir)


def test_restore_brings_back_the_backup_and_keeps_the_current_aside(conn: sqlite3.Connection, doc: Document, data_dir: Path) -> None:
    kept = store.create_annotation(conn, doc, "fr", 0, 14, color="yellow", note="avant")
    path = backup.backup_now(data_dir)
    later = store.create_annotation(conn, doc, "fr", 20, 30, color="pink", note="après")
    store.update_annotation(conn, kept.id, note="modifié")
    aside = backup.restore(data_dir, path)
    assert [a.note for a in store.list_annotations(conn)] == ["avant"]  # the open connection sees it
    fresh = open_library(data_dir)
    assert fresh.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert fresh.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    fresh.close()
    assert aside is not None and aside in backup.list_kept(data_dir)
    old = sqlite3.connect(aside)
    assert {r[0] for r in old.execute("SELECT note FROM annotations")} == {"modifié", "après"}
    old.close()
    assert later.id not in {a.id for a in store.list_annotations(conn)}


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"hello, not a database at all" * 10, "not an SQLite database"),
        (None, "not a Glose library"),
        ("damaged", "damaged|cannot be read"),
    ],
)
def test_restore_refuses_bad_files_and_changes_nothing(
    conn: sqlite3.Connection, doc: Document, data_dir: Path, tmp_path: Path, content: object, message: str
) -> None:
    ann = store.create_annotation(conn, doc, "fr", 0, 14, color="yellow")
    bad = tmp_path / "bad.db"
    if isinstance(content, bytes):
        bad.write_bytes(content)
    elif content is None:
        other = sqlite3.connect(bad)
        other.execute("CREATE TABLE x (y)")
        other.commit()
        other.close()
    else:
        good = backup.backup_now(data_dir)
        data = bytearray(good.read_bytes())
        for off in range(4096, len(data), 4096):  # scribble over every page but the header page
            data[off : off + 12] = b"\x07" * 12
        bad.write_bytes(bytes(data))
    with pytest.raises(backup.BackupError, match=message) as err:
        backup.restore(data_dir, bad)
    assert str(bad) in str(err.value)
    assert [a.id for a in store.list_annotations(conn)] == [ann.id]
    assert backup.list_kept(data_dir) == [] and not list(data_dir.glob("*.restoring*"))
    with pytest.raises(backup.BackupError, match="no such file"):
        backup.restore(data_dir, tmp_path / "missing.db")


def test_paths_with_spaces_and_hashes(tmp_path: Path) -> None:
    data = tmp_path / "Application Support #1" / "Glose?"
    data.mkdir(parents=True)
    conn = open_library(data)
    conn.close()
    path = backup.backup_now(data)
    assert backup.check_backup(path) >= 3
    assert backup.restore(data, path) is not None


def _damage(db: Path) -> None:
    """Overwrite every page but the first and the last (the header still says SQLite)."""
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.close()
    data = bytearray(db.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    data[page:-page] = bytes([0x5A]) * (len(data) - 2 * page)
    db.write_bytes(bytes(data))


def test_a_damaged_library_is_not_backed_up_and_the_good_backups_stay(conn: sqlite3.Connection, doc: Document, data_dir: Path) -> None:
    day = datetime(2026, 1, 1, 9, tzinfo=timezone.utc)
    for n in range(backup.KEEP):
        backup.auto_backup(data_dir, now=day + timedelta(days=n))
    good = backup.list_backups(data_dir)
    conn.close()
    _damage(data_dir / "glose.db")
    with pytest.raises(backup.BackupError, match=r"glose\.db: the library database is damaged .* existing backups are kept"):
        backup.auto_backup(data_dir, now=day + timedelta(days=30))
    assert backup.list_backups(data_dir) == good
    assert sorted(p.name for p in (data_dir / "backups").iterdir()) == [p.name for p in good]  # no .part left
    # Restoring over the damaged library keeps it aside as it was (file by file).
    damaged = (data_dir / "glose.db").read_bytes()
    aside = backup.restore(data_dir, good[-1], now=day + timedelta(days=30))
    assert aside is not None and aside.read_bytes() == damaged
    backup.check_backup(data_dir / "glose.db")
