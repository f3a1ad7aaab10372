"""Is a database file a library this Glose can use? Checked the way the library opens it.

A read-only look is not enough: SQLite's checks passed on backups whose content the
library then could not use (a flipped byte in a text column: a CHECK constraint broken,
or text that is no longer UTF-8; a file with only some of the tables). So the copy is
opened read-write and brought up to date as `open_library` would, then checked against
the schema this Glose expects, with `integrity_check`, `foreign_key_check`, and every row
of every table read back as the library reads it.
"""

from __future__ import annotations

import sqlite3
from functools import lru_cache
from pathlib import Path

from desktop.library.migrations import SCHEMA_VERSION

SQLITE_MAGIC = b"SQLite format 3\x00"


class BackupError(Exception):
    """A backup or restore that cannot be done; the message names the file and what to do."""


@lru_cache(maxsize=1)
def expected_schema() -> dict[str, frozenset[str]]:
    """Every table of the current schema with its columns."""
    from desktop.library.db import apply_migrations

    db = sqlite3.connect(":memory:")
    try:
        apply_migrations(db)
        return _schema(db)
    finally:
        db.close()


def _schema(db: sqlite3.Connection) -> dict[str, frozenset[str]]:
    tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
    return {t: frozenset(r[1] for r in db.execute(f'PRAGMA table_info("{t}")')) for t in tables}


def check_library_copy(path: Path, shown: Path | None = None) -> int:
    """Raise BackupError unless the database at `path` is a sound, complete Glose library.

    `path` must be a private copy: an older schema is migrated in place, as the library
    would. Messages name `shown` (the user's file). Returns the schema version it had.
    """
    shown = shown or path
    with open(path, "rb") as fh:
        if fh.read(16) != SQLITE_MAGIC:
            raise BackupError(f"{shown}: not an SQLite database; choose a Glose backup (glose-*.db)")
    try:
        version = _version_and_tables(path, shown)
        from desktop.library.db import connect

        db = connect(path)  # read-write, migrated: what the library itself would do with it
        try:
            _check_open(db, shown)
        finally:
            db.close()
    except sqlite3.Error as exc:
        raise BackupError(f"{shown}: the database is damaged ({exc}); choose another backup") from exc
    except Exception as exc:  # DatabaseError of desktop.library.db (migration refused)
        if isinstance(exc, BackupError):
            raise
        raise BackupError(f"{shown}: the database cannot be used ({exc}); choose another backup") from exc
    return version


def _version_and_tables(path: Path, shown: Path) -> int:
    db = sqlite3.connect(str(path))
    try:
        version = db.execute("PRAGMA user_version").fetchone()[0]
        tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    finally:
        db.close()
    if "documents" not in tables or version < 1:
        raise BackupError(f"{shown}: not a Glose library (no documents table); choose a Glose backup")
    if version > SCHEMA_VERSION:
        raise BackupError(f"{shown}: made by a newer Glose (schema {version} > {SCHEMA_VERSION}); update Glose first")
    return int(version)


def _check_open(db: sqlite3.Connection, shown: Path) -> None:
    have = _schema(db)
    missing = []
    for table, columns in sorted(expected_schema().items()):
        if table not in have:
            missing.append(f"table {table}")
        else:
            missing += [f"column {table}.{c}" for c in sorted(columns - have[table])]
    if missing:
        raise BackupError(
            f"{shown}: not a complete Glose library (missing: {', '.join(missing[:5])}); choose another backup"
        )
    problems = [r[0] for r in db.execute("PRAGMA integrity_check(10)")]
    if problems != ["ok"]:
        raise BackupError(f"{shown}: the database is damaged ({'; '.join(problems[:3])}); choose another backup")
    broken = db.execute("PRAGMA foreign_key_check").fetchmany(3)
    if broken:
        where = "; ".join(f"{r[0]} row {r[1]} points to a missing {r[2]}" for r in broken)
        raise BackupError(f"{shown}: the database is damaged ({where}); choose another backup")
    for table in expected_schema():
        for _row in db.execute(f'SELECT * FROM "{table}"'):  # decodes every text as the library will
            pass

