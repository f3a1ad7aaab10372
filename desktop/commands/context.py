"""What a CLI handler gets: the data directory, a lazily opened library, output streams."""

from __future__ import annotations

import sqlite3
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from desktop import config
from desktop.library.db import open_library


@dataclass
class CliContext:
    data_dir_override: str | None = None
    out: TextIO = sys.stdout
    err: TextIO = sys.stderr
    _conn: sqlite3.Connection | None = field(default=None, repr=False)
    _last_progress: float = field(default=0.0, repr=False)

    @property
    def data_dir(self) -> Path:
        return config.data_dir(self.data_dir_override)

    @property
    def conn(self) -> sqlite3.Connection:
        if self._conn is None:
            self._conn = open_library(self.data_dir)
        return self._conn

    def progress(self, done: int, total: int, label: str = "") -> None:
        """A one-line progress bar on stderr, redrawn at most 10 times a second."""
        now = time.monotonic()
        finished = total > 0 and done >= total
        if not finished and now - self._last_progress < 0.1:
            return
        self._last_progress = now
        width = 30
        filled = int(width * done / total) if total else 0
        bar = "#" * filled + "-" * (width - filled)
        tail = f" {label[:40]}" if label else ""
        end = "\n" if finished else ""
        if self.err.isatty():
            self.err.write(f"\r[{bar}] {done}/{total}{tail}\033[K{end}")
        elif finished or done == 0:
            self.err.write(f"[{bar}] {done}/{total}{tail}\n")
        self.err.flush()

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None
