"""Backups of the library database with SQLite's online backup API, and restoring one.

The backup API copies a consistent snapshot (WAL content included) while the library
is in use. Backups go to `config.backup_dir(data_dir)` as glose-YYYYMMDD-HHMMSS.db;
`auto_backup` (called when the app starts) makes at most one a day and keeps the last 7.
A restore keeps the library it replaces beside them as before-restore-STAMP[-N].db: each
under a name of its own (never overwritten, never rotated out).
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import tempfile
from datetime import datetime, timezone
from pathlib import Path

from desktop import config
from desktop.annotations.backup_check import BackupError, check_library_copy

KEEP = 7
_PREFIX = "glose-"
_KEPT_PREFIX = "before-restore-"


def _stamp(now: datetime | None) -> str:
    return (now or datetime.now(timezone.utc)).strftime("%Y%m%d-%H%M%S")


def _read_only_uri(path: Path) -> str:
    """An SQLite URI for `path`, percent-encoded (data folders have spaces, '#' or '?')."""
    return Path(path).resolve().as_uri() + "?mode=ro"


def _unique(folder: Path, stem: str) -> Path:
    """A new file name in `folder` (stem.db, stem-2.db, ...), claimed at once so that no other
    process, nor a second call within the same second, can take it."""
    folder.mkdir(parents=True, exist_ok=True)
    n = 1
    while True:
        path = folder / (f"{stem}.db" if n == 1 else f"{stem}-{n}.db")
        try:
            os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
            return path
        except FileExistsError:
            n += 1


def list_kept(data_dir: Path) -> list[Path]:
    """The libraries kept before a restore, oldest first (older Glose kept them in the data folder)."""
    folder = config.backup_dir(data_dir)
    found = list(folder.glob(f"{_KEPT_PREFIX}*.db")) if folder.is_dir() else []
    found += Path(data_dir).glob(f"{config.db_path(data_dir).name}.before-restore-*")
    return sorted((p for p in found if p.is_file() and p.stat().st_size), key=lambda p: (p.stat().st_mtime_ns, p.name))


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
    dest = _unique(config.backup_dir(data_dir), f"{_PREFIX}{_stamp(now)}")
    try:
        # Checked before it joins the rotation: a damaged copy must never push out a good backup.
        _copy_database(db, dest, check=True)
    except BaseException as exc:
        dest.unlink(missing_ok=True)  # the name claimed above
        if isinstance(exc, (sqlite3.OperationalError, OSError)):  # full disk, read-only folder, locked
            raise BackupError(f"{dest}: the backup could not be written ({exc}); free disk space and retry") from exc
        if isinstance(exc, sqlite3.DatabaseError):  # damaged pages, or not a database at all
            raise BackupError(
                f"{db}: the library database is damaged ({exc}), so no backup was made and the "
                f"existing backups are kept; restore the newest good one with `glose restore FILE` "
                f"(`glose backup --list` shows them)"
            ) from exc
        raise
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
    """Raise BackupError unless `path` is a backup this Glose can restore; returns its schema
    version. The file itself is not changed: a private copy is checked (backup_check)."""
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"{path}: no such file; `glose backup --list` shows the backups")
    with tempfile.TemporaryDirectory(prefix="glose-check-") as tmp:
        copy = Path(tmp) / "check.db"
        _copy_with_companions(path, copy)
        return check_library_copy(copy, shown=path)


def _copy_with_companions(src: Path, dest: Path) -> None:
    shutil.copyfile(src, dest)
    for companion in ("-wal", "-shm"):
        if Path(str(src) + companion).exists():
            shutil.copyfile(Path(str(src) + companion), Path(str(dest) + companion))


def _keep_aside(db: Path, aside: Path) -> None:
    """Copy the current database aside; a damaged one (often why one restores) file by file."""
    try:
        _copy_database(db, aside)
    except sqlite3.DatabaseError:
        for suffix in ("", "-wal"):
            if Path(str(db) + suffix).exists():
                shutil.copyfile(Path(str(db) + suffix), Path(str(aside) + suffix))


def restore(data_dir: Path, path: Path, *, now: datetime | None = None) -> Path | None:
    """Replace the library with the backup at `path`, after checking it (backup_check).

    The current database is first copied to backups/before-restore-STAMP.db (a name of
    its own: a second restore in the same second keeps both); returns that copy, or None
    when there was no library yet.
    """
    path = Path(path).expanduser().resolve()
    db = config.db_path(data_dir)
    if not path.is_file():
        raise BackupError(f"{path}: no such file; `glose backup --list` shows the backups")
    # Check a private copy, migrated as the library would: the original may be read-only,
    # in WAL mode with companions, or of an older schema.
    staging = db.with_name(db.name + ".restoring")
    try:
        _copy_with_companions(path, staging)
        check_library_copy(staging, shown=path)
        aside = None
        if db.exists():
            aside = _unique(config.backup_dir(data_dir), f"{_KEPT_PREFIX}{_stamp(now)}")
            try:
                _keep_aside(db, aside)
            except BaseException:
                aside.unlink(missing_ok=True)
                raise
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
    from desktop.library.db import open_library  # the journal mode and pragmas of a library

    open_library(data_dir).close()
    return aside
