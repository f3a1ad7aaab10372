"""Opening the library database: WAL, foreign keys, migrations by `PRAGMA user_version`."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from desktop.config import db_path
from desktop.library.migrations import MIGRATIONS, SCHEMA_VERSION


class DatabaseError(Exception):
    """The library database cannot be used; the message says which file and what to do."""


def connect(path: Path, *, migrate: bool = True, target_version: int | None = None) -> sqlite3.Connection:
    """Open (creating if needed) the database at `path` and bring its schema up to date.

    `target_version` stops migrating at that version (used by tests of old databases).
    """
    try:
        conn = sqlite3.connect(str(path), timeout=30.0, check_same_thread=False)
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA journal_mode = WAL")
        # NORMAL is durable across application crashes in WAL mode; annotation
        # writes switch to FULL for power-loss safety (see annotations.store).
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA busy_timeout = 30000")
        if migrate:
            apply_migrations(conn, target_version)
    except sqlite3.DatabaseError as exc:
        raise DatabaseError(
            f"{path}: cannot open the library database ({exc}). "
            "Restore a backup with `glose restore FILE`, or move the file aside to start afresh."
        ) from exc
    return conn


def schema_version(conn: sqlite3.Connection) -> int:
    return conn.execute("PRAGMA user_version").fetchone()[0]


def apply_migrations(conn: sqlite3.Connection, target_version: int | None = None) -> None:
    target = SCHEMA_VERSION if target_version is None else target_version
    current = schema_version(conn)
    if current > SCHEMA_VERSION:
        raise sqlite3.DatabaseError(
            f"database schema version {current} is newer than this Glose ({SCHEMA_VERSION}); update Glose"
        )
    for version in range(current + 1, target + 1):
        # executescript commits first, so wrap each step in an explicit transaction:
        # a failed migration leaves the database at the previous version.
        try:
            conn.executescript(
                "BEGIN IMMEDIATE;\n" + MIGRATIONS[version - 1] + f"\nPRAGMA user_version = {version};\nCOMMIT;"
            )
        except sqlite3.Error:
            if conn.in_transaction:
                conn.rollback()
            raise


def open_library(data: Path) -> sqlite3.Connection:
    """The connection to the library in data directory `data`."""
    return connect(db_path(data))
