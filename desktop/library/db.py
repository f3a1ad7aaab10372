"""Opening the library database: WAL, foreign keys, migrations by `PRAGMA user_version`."""

from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path

from desktop.config import db_path
from desktop.library.migrations import MIGRATIONS, SCHEMA_VERSION

BUSY_TIMEOUT_S = 30.0


class DatabaseError(Exception):
    """The library database cannot be used; the message says which file and what to do."""


def explain(path: Path, exc: sqlite3.Error) -> str:
    """One sentence for the user: what is wrong with the database file and what to do."""
    text = str(exc)
    folder = path.parent
    if "unable to open" in text or "readonly" in text or "read-only" in text:
        if not os.access(folder, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
            return (
                f"{path}: the library cannot be written: its folder {folder} is read-only. "
                "Make it writable, or choose another library folder with --data-dir or GLOSE_DATA_DIR."
            )
        return f"{path}: the library database cannot be opened ({text}). Check the folder exists and is yours."
    if "locked" in text or "busy" in text:
        return f"{path}: the library is busy in another Glose process ({text}). Wait for it to finish, then retry."
    if "disk is full" in text or "database or disk is full" in text:
        return f"{path}: the disk is full. Free some space, then retry: nothing was half-written."
    if isinstance(exc, sqlite3.IntegrityError):  # a constraint, not damage: never advise a restore
        return (
            f"{path}: a change conflicted with another one made at the same time, probably by another "
            f"Glose working on the same library ({text}). Nothing was half-written; run the command again."
        )
    if "newer than this Glose" in text:
        return f"{path}: {text}."
    return (
        f"{path}: the library database is damaged ({text}). Restore a backup: "
        "`glose backup --list` shows them, `glose restore FILE` puts one back (the damaged file is kept aside)."
    )


def connect(path: Path, *, migrate: bool = True, target_version: int | None = None) -> sqlite3.Connection:
    """Open (creating if needed) the database at `path` and bring its schema up to date.

    `target_version` stops migrating at that version (used by tests of old databases).
    """
    try:
        conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_S, check_same_thread=False)
        conn.row_factory = sqlite3.Row
        conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
        conn.execute("PRAGMA foreign_keys = ON")
        _enable_wal(conn)
        # NORMAL is durable across application crashes in WAL mode; annotation
        # writes switch to FULL for power-loss safety (see annotations.store).
        conn.execute("PRAGMA synchronous = NORMAL")
        if migrate:
            apply_migrations(conn, target_version)
    except sqlite3.Error as exc:
        raise DatabaseError(explain(path, exc)) from exc
    return conn


def _enable_wal(conn: sqlite3.Connection) -> None:
    # Switching the journal mode needs a moment alone with the file; SQLite may answer
    # "locked" at once rather than wait when another process opens the same new library.
    deadline = time.monotonic() + BUSY_TIMEOUT_S
    while True:
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def schema_version(conn: sqlite3.Connection) -> int:
    return conn.execute("PRAGMA user_version").fetchone()[0]


def _statements(script: str) -> list[str]:
    statements, buffer = [], ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            if buffer.strip():
                statements.append(buffer)
            buffer = ""
    if buffer.strip():
        statements.append(buffer)  # incomplete: let SQLite report the error
    return statements


def apply_migrations(conn: sqlite3.Connection, target_version: int | None = None) -> None:
    """Apply the missing migrations, each in its own transaction.

    The version is read again after taking the write lock, so two processes opening a
    new library at once do not both create its tables.
    """
    target = SCHEMA_VERSION if target_version is None else target_version
    while True:
        current = schema_version(conn)
        if current > SCHEMA_VERSION:
            raise sqlite3.DatabaseError(
                f"database schema version {current} is newer than this Glose ({SCHEMA_VERSION}); update Glose"
            )
        if current >= target:
            return
        # Foreign keys off (only possible outside a transaction), so that rebuilding a
        # table does not cascade-delete its dependants; checked before the commit instead.
        conn.execute("PRAGMA foreign_keys = OFF")
        conn.execute("BEGIN IMMEDIATE")
        try:
            version = schema_version(conn) + 1
            if version <= target:
                for statement in _statements(MIGRATIONS[version - 1]):
                    conn.execute(statement)
                broken = conn.execute("PRAGMA foreign_key_check").fetchone()
                if broken is not None:
                    raise sqlite3.IntegrityError(f"migration {version} broke a reference in table {broken[0]}")
                conn.execute(f"PRAGMA user_version = {version}")
            conn.commit()
        except BaseException:
            conn.rollback()
            raise
        finally:
            conn.execute("PRAGMA foreign_keys = ON")


def open_library(data: Path) -> sqlite3.Connection:
    """The connection to the library in data directory `data`."""
    return connect(db_path(data))
