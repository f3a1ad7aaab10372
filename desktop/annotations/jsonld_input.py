"""Reading a notes file that may be damaged or hostile: budgets first, then plain values.

A JSON-LD file comes from someone else. Before anything is parsed it must be a regular
file (a FIFO would block for ever, /dev/zero never ends) of at most MAX_BYTES; once
parsed, no deeper than MAX_DEPTH. Values are then read through `text` and `position`,
which accept only what the format allows (a string, an integer in range) and give text
that SQLite can store (a lone UTF-16 surrogate, valid in JSON, becomes U+FFFD).
"""

from __future__ import annotations

import os
import re
import stat
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from desktop import safe_json

MAX_BYTES = 64 * 1024 * 1024  # ~70,000 annotations; an export of 10,000 is 9 MB
MAX_DEPTH = 64  # a Web Annotation is about 6 levels deep
MAX_TEXT = 1_000_000  # characters in one note, quote or tag
MAX_POSITION = 2**40
EARLIEST = datetime(1990, 1, 1, tzinfo=timezone.utc)
EXPORT_HINT = "choose a file written by `glose export DOC --format jsonld` (W3C Web Annotations)"

_SURROGATE = re.compile("[\ud800-\udfff]")


def read_file(path: Path, max_bytes: int = MAX_BYTES) -> Any:
    """The JSON in `path`; a ValueError naming the file and what to do if it cannot be read."""
    raw = _read_bounded(Path(path), max_bytes)
    try:
        return safe_json.loads(raw.decode("utf-8-sig"), MAX_DEPTH)
    except UnicodeDecodeError as exc:
        raise ValueError(f"{path}: not UTF-8 text; export it again as JSON-LD") from exc
    except safe_json.JsonRefused as exc:
        raise ValueError(f"{path}: {exc}; {EXPORT_HINT}") from exc


def _read_bounded(path: Path, max_bytes: int) -> bytes:
    try:
        # Non-blocking, so that opening a FIFO returns at once; then only a regular file is read.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError as exc:
        raise ValueError(f"{path}: no such file; check the name, or {EXPORT_HINT}") from exc
    except IsADirectoryError as exc:
        raise ValueError(f"{path}: is a folder, not a file; {EXPORT_HINT}") from exc
    except PermissionError as exc:
        raise ValueError(f"{path}: cannot be read (permission denied); copy it somewhere you can read it") from exc
    except OSError as exc:
        raise ValueError(f"{path}: cannot be read ({exc.strerror or exc}); check the file and retry") from exc
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode):
        os.close(fd)
        if stat.S_ISDIR(info.st_mode):
            raise ValueError(f"{path}: is a folder, not a file; {EXPORT_HINT}")
        raise ValueError(f"{path}: not a regular file (a pipe or a device); {EXPORT_HINT}")
    if info.st_size > max_bytes:
        os.close(fd)
        raise ValueError(f"{path}: {info.st_size / 1e6:.0f} MB is more than a notes file can be "
                         f"({max_bytes / 1e6:.0f} MB); export fewer documents at a time")
    with os.fdopen(fd, "rb") as fh:
        try:
            raw = fh.read(max_bytes + 1)  # the size said may be wrong (a file still growing)
        except OSError as exc:
            raise ValueError(f"{path}: cannot be read ({exc.strerror or exc}); check the file and retry") from exc
    if len(raw) > max_bytes:
        raise ValueError(f"{path}: more than {max_bytes / 1e6:.0f} MB, more than a notes file can be; "
                         "export fewer documents at a time")
    return raw


def text(value: Any, what: str, default: str = "") -> str:
    """A string field: a string (or a number, as some tools write ids), storable as is."""
    if value is None:
        return default
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise ValueError(f"{what} is not text")
    out = value if isinstance(value, str) else str(value)
    if len(out) > MAX_TEXT:
        raise ValueError(f"{what} is longer than {MAX_TEXT:,} characters")
    return _SURROGATE.sub("\ufffd", out)


def position(value: Any, what: str) -> int:
    """A character offset: a whole number from 0 (1e999, 10**30, "x" and -1 are refused)."""
    if isinstance(value, bool):
        raise ValueError(f"{what} is not a whole number")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if not isinstance(value, int) or not 0 <= value <= MAX_POSITION:
        raise ValueError(f"{what} is not a character position (a whole number from 0)")
    return value


def timestamp(value: Any, fallback: str) -> str:
    """An ISO 8601 time from a file, clamped between 1990 and now (a note dated 9999 could
    never be updated again); `fallback` (now) when missing or unreadable."""
    from desktop.annotations.store import parse_time

    try:
        stamp = parse_time(text(value, "time"))
    except (ValueError, TypeError, OverflowError):
        return fallback
    now = parse_time(fallback)
    if stamp > now:
        return fallback
    if stamp < EARLIEST:
        stamp = EARLIEST
    stamp = stamp.astimezone(timezone.utc)
    return stamp.strftime("%Y-%m-%dT%H:%M:%S.") + f"{stamp.microsecond // 1000:03d}Z"
