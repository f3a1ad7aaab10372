"""Backups of the library database with SQLite's online backup API, and restoring one.

The backup API copies a consistent snapshot (WAL content included) while the library
is in use. Backups go to `config.backup_dir(data_dir)` as glose-YYYYMMDD-HHMMSS.db;
`auto_backup` (called when the app starts) makes at most one a day and keeps the last 7.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from datetime import datetime, timezone
from pathlib import Path

from desktop import config
from desktop.library.migrations import SCHEMA_VERSION

KEEP = 7
_PREFIX = "glose-"
_SQLITE_MAGIC = b"SQLite format 3\x00"
_REQUIRED_TABLES = {"documents", "paragraphs", "sentences"}


class BackupError(Exception):
    """A backup or restore that cannot be done; the message names the file and what to do."""


def _stamp(now: datetime | None) -> str:
    return (now or datetime.now(timezone.utc)).strftime("%Y%m%d-%H%M%S")


def _read_only_uri(path: Path) -> str:
    """An SQLite URI for `path`, percent-encoded (data folders have spaces, '#' or '?')."""
    return Path(path).resolve().as_uri() + "?mode=ro"


def list_backups(data_dir: Path) -> list[Path]:
    """The backups, oldest first."""
    folder = config.backup_dir(data_dir)
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.glob(f"{_PREFIX}*.db") if p.is_file())


class DamagedDatabase(sqlite3.DatabaseError):
    """The copy of a database failed SQLite's own check (`problems`: its first findings)."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems[:3]))
        self.problems = problems


def _copy_database(src_path: Path, dest: Path, *, check: bool = False) -> None:
    """A consistent copy of the database at src_path, written beside `dest` then renamed in.

    With `check`, the copy must pass `PRAGMA quick_check` before it takes the name `dest`
    (the backup API copies damaged pages as they are); otherwise DamagedDatabase.
    """
    tmp = dest.with_name(dest.name + ".part")
    tmp.unlink(missing_ok=True)
    try:
        src = sqlite3.connect(_read_only_uri(src_path), uri=True, timeout=30.0)
        try:
            out = sqlite3.connect(str(tmp))
            try:
                src.backup(out)
                # A standalone file: rollback journal, so it opens without -wal/-shm companions.
                out.execute("PRAGMA journal_mode = DELETE")
                if check:
                    problems = [r[0] for r in out.execute("PRAGMA quick_check(10)")]
                    if problems != ["ok"]:
                        raise DamagedDatabase(problems)
            finally:
                out.close()
        finally:
            src.close()
        os.replace(tmp, dest)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def backup_now(data_dir: Path, *, now: datetime | None = None, keep: int = KEEP) -> Path:
    """Back up the library now; returns the new file. Older backups beyond `keep` are removed."""
    db = config.db_path(data_dir)
    if not db.exists():
        raise BackupError(f"{db}: there is no library database to back up yet")
    folder = config.backup_dir(data_dir)
    folder.mkdir(parents=True, exist_ok=True)
    dest = folder / f"{_PREFIX}{_stamp(now)}.db"
    n = 1
    while dest.exists():
        n += 1
        dest = folder / f"{_PREFIX}{_stamp(now)}-{n}.db"
    try:
        # Checked before it joins the rotation: a damaged copy must never push out a good backup.
        _copy_database(db, dest, check=True)
    except (sqlite3.OperationalError, OSError) as exc:  # full disk, read-only folder, locked
        raise BackupError(f"{dest}: the backup could not be written ({exc}); free disk space and retry") from exc
    except sqlite3.DatabaseError as exc:  # damaged pages, or not a database at all
        raise BackupError(
            f"{db}: the library database is damaged ({exc}), so no backup was made and the "
            f"existing backups are kept; restore the newest good one with `glose restore FILE` "
            f"(`glose backup --list` shows them)"
        ) from exc
    prune(data_dir, keep)
    return dest


def prune(data_dir: Path, keep: int = KEEP) -> list[Path]:
    """Remove all but the newest `keep` backups; returns those removed."""
    old = list_backups(data_dir)[:-keep] if keep > 0 else list_backups(data_dir)
    for path in old:
        path.unlink(missing_ok=True)
    return old


def auto_backup(data_dir: Path, *, now: datetime | None = None, keep: int = KEEP) -> Path | None:
    """The start-up backup: at most one per (UTC) day. Returns the new file, or None."""
    if not config.db_path(data_dir).exists():
        return None
    today = f"{_PREFIX}{_stamp(now)[:8]}"
    if any(p.name.startswith(today) for p in list_backups(data_dir)):
        return None
    return backup_now(data_dir, now=now, keep=keep)


def check_backup(path: Path) -> int:
    """Raise BackupError unless `path` is a sound Glose database; returns its schema version."""
    if not path.is_file():
        raise BackupError(f"{path}: no such file; `glose backup` lists where backups are kept")
    with path.open("rb") as fh:
        if fh.read(16) != _SQLITE_MAGIC:
            raise BackupError(f"{path}: not an SQLite database; choose a Glose backup (glose-*.db)")
    try:
        conn = sqlite3.connect(_read_only_uri(path), uri=True)
        try:
            result = [r[0] for r in conn.execute("PRAGMA integrity_check")]
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            version = conn.execute("PRAGMA user_version").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"{path}: the database cannot be read ({exc}); choose another backup") from exc
    if result != ["ok"]:
        raise BackupError(f"{path}: the database is damaged ({'; '.join(result[:3])}); choose another backup")
    if not _REQUIRED_TABLES <= tables or version < 1:
        raise BackupError(f"{path}: not a Glose library (no documents table); choose a Glose backup")
    if version > SCHEMA_VERSION:
        raise BackupError(f"{path}: made by a newer Glose (schema {version} > {SCHEMA_VERSION}); update Glose first")
    return int(version)


def _keep_aside(db: Path, aside: Path) -> None:
    """Copy the current database aside; a damaged one (often why one restores) file by file."""
    try:
        _copy_database(db, aside)
    except sqlite3.DatabaseError:
        for suffix in ("", "-wal"):
            if Path(str(db) + suffix).exists():
                shutil.copyfile(Path(str(db) + suffix), Path(str(aside) + suffix))


def restore(data_dir: Path, path: Path, *, now: datetime | None = None) -> Path | None:
    """Replace the library with the backup at `path`, after checking it.

    The current database is first copied aside (glose.db.before-restore-STAMP in the data
    folder); returns that copy, or None when there was no library yet.
    """
    path = Path(path).expanduser().resolve()
    db = config.db_path(data_dir)
    if not path.is_file():
        raise BackupError(f"{path}: no such file; `glose backup` lists where backups are kept")
    # Check a private copy: the original may be read-only, or in WAL mode with companions.
    staging = db.with_name(db.name + ".restoring")
    shutil.copyfile(path, staging)
    for companion in ("-wal", "-shm"):
        src = Path(str(path) + companion)
        if src.exists():
            shutil.copyfile(src, Path(str(staging) + companion))
    try:
        try:
            check_backup(staging)
        except BackupError as exc:
            raise BackupError(str(exc).replace(str(staging), str(path))) from None
        aside = None
        if db.exists():
            aside = db.with_name(f"{db.name}.before-restore-{_stamp(now)}")
            _keep_aside(db, aside)
        src = sqlite3.connect(str(staging))
        try:
            dest = sqlite3.connect(str(db), timeout=30.0)
            try:
                # Through the backup API, so other open connections see the restored content.
                src.backup(dest)
            finally:
                dest.close()
        finally:
            src.close()
    finally:
        for suffix in ("", "-wal", "-shm"):
            Path(str(staging) + suffix).unlink(missing_ok=True)
    from desktop.library.db import open_library  # bring an older backup's schema up to date

    open_library(data_dir).close()
    return aside
