"""Importing files and folders into the library: read, clean, segment, store.

Each file is its own transaction; a refused file leaves no trace and the others go on.
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from desktop.library import store
from desktop.library.import_report import describe
from desktop.library.importers import SUPPORTED_EXTENSIONS, load_document_bytes, parse_document_bytes
from desktop.library.language import detect_language
from desktop.library.models import ImportRefused
from desktop.library.reading import ImportCancelled, ReadOptions
from desktop.library.segmentation import split_sentences

IMPORTED, UPDATED, UNCHANGED, REFUSED = "imported", "updated", "unchanged", "refused"
REIMPORTED, KEPT, CANCELLED = "reimported", "kept", "cancelled"

Progress = Callable[[int, int, str], None]


@dataclass(frozen=True)
class ImportOutcome:
    path: str
    status: str  # imported | updated | unchanged | refused
    doc_id: int | None = None
    reason: str = ""
    title: str = ""

    found: str = ""  # what the importer found ("3 headings, 12 list items, 1 table")
    warnings: tuple[str, ...] = ()  # where extraction is doubtful

    def line(self) -> str:
        if self.status in (REFUSED, CANCELLED):
            return f"{self.status}: {self.path}: {self.reason}"
        if self.status == KEPT:
            return f"kept: {self.path} (id {self.doc_id}): {self.reason}"
        extra = f": {self.found}" if self.found else ""
        return f"{self.status}: {self.path} (id {self.doc_id}){extra}"


# Files a folder holds that nobody means to import: hidden files, system and lock files.
_NOISE_NAMES = frozenset({"thumbs.db", "desktop.ini", "ehthumbs.db", "icon\r"})
UNSUPPORTED_IN_FOLDER = "unsupported file type"


def _is_noise(name: str) -> bool:
    lowered = name.lower()
    return name.startswith((".", "~$", "~")) or name.endswith("~") or lowered in _NOISE_NAMES


def walk_paths(paths: Iterable[str | os.PathLike[str]]) -> Iterator[tuple[Path, bool]]:
    """(path, supported) for files named directly and files found recursively in folders.

    Files named directly are always `supported` (their import says why if not); in
    folders, hidden and noise files (.DS_Store, Thumbs.db, desktop.ini, ~$ lock files)
    are skipped silently and other unsupported files come with `supported` False.
    """
    for raw in paths:
        path = Path(raw).expanduser()
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if _is_noise(name):
                        continue
                    yield Path(root) / name, Path(name).suffix.lower() in SUPPORTED_EXTENSIONS
        else:
            yield path, True


def expand_paths(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Path]:
    """Files named directly, and supported files found recursively in folders (hidden ones skipped)."""
    for path, supported in walk_paths(paths):
        if supported:
            yield path


_SURROGATE = re.compile("[\ud800-\udfff]")


def printable(text: str) -> str:
    """A file name or text as it can be shown and stored: bytes that were not UTF-8 (kept by
    Python as lone surrogates) become U+FFFD."""
    return _SURROGATE.sub("\ufffd", text)


def path_key(path: str) -> str:
    """The stored form of a source path: like `printable`, but two names that differ only in
    such bytes stay two keys (the bytes are written as \\udcXX)."""
    return path.encode("utf-8", "backslashreplace").decode("utf-8") if _SURROGATE.search(path) else path


def _resolve(path: Path, shown: str) -> str:
    try:
        os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise ImportRefused(shown, "a symbolic link that leads back to itself (a loop); point it at a file") from exc
        if exc.errno in (errno.ENOENT, errno.ENOTDIR):
            raise ImportRefused(shown, "file not found") from exc
        raise ImportRefused(shown, f"cannot be read ({exc.strerror or exc})") from exc
    try:
        return path_key(str(path.resolve()))
    except (RuntimeError, OSError) as exc:  # RuntimeError: Python 3.11's "Symlink loop"
        raise ImportRefused(shown, "a symbolic link that leads back to itself (a loop); point it at a file") from exc


def import_file(
    conn: sqlite3.Connection,
    path: Path,
    *,
    max_bytes: int,
    on_updated: store.UpdateHook | None = None,
    options: ReadOptions | None = None,
) -> ImportOutcome:
    """Import one file in one transaction. `options` say how to read PDFs and scans; a
    cancel (options.cancel) seen between their pages raises ImportCancelled, and nothing of
    the file is stored (other formats finish the file they are reading)."""
    shown = printable(str(path))
    try:
        resolved = _resolve(path, shown)
        if not path.is_file():
            raise ImportRefused(shown, "not a regular file")
        # The cheap checks (type, size limit, magic bytes) come before the content-hash
        # shortcut: a .docx copied to x.pdf or a file grown over the limit is refused,
        # not "unchanged". The bytes read here are the ones hashed and parsed.
        data = load_document_bytes(path, max_bytes=max_bytes)
        content_hash = hashlib.sha256(data).hexdigest()
        for attempt in range(2):
            existing = store.find_by_path(conn, resolved)
            if existing is not None and existing["content_hash"] == content_hash:
                return ImportOutcome(shown, UNCHANGED, existing["id"])
            if existing is None:
                same = store.find_by_hash(conn, content_hash)
                if same is not None:
                    return ImportOutcome(shown, UNCHANGED, same["id"], reason=f"same content as {same['path']}")
            if attempt == 0:
                parsed = parse_document_bytes(path, data, max_bytes=max_bytes, options=options)
                del data
                lay = store.layout(parsed.blocks, split_sentences)
                if not lay.text.strip():
                    raise ImportRefused(shown, "no text found in the file")
                title = printable(parsed.title)
            try:
                doc_id = store.save_document(
                    conn,
                    title=title,
                    fmt=parsed.format,
                    language=detect_language(lay.text),
                    content_hash=content_hash,
                    lay=lay,
                    path=resolved,
                    doc_id=existing["id"] if existing is not None else None,
                    on_updated=on_updated,
                    info=parsed.metadata,
                )
            except sqlite3.IntegrityError:
                if attempt:
                    raise
                continue  # another Glose imported the same file meanwhile: look again
            status = UPDATED if existing is not None else IMPORTED
            found, warnings = describe(parsed, lay)
            return ImportOutcome(shown, status, doc_id, title=title, found=found, warnings=warnings)
        raise AssertionError("unreachable")
    except ImportRefused as exc:
        return ImportOutcome(shown, REFUSED, reason=printable(exc.reason))
    except MemoryError:
        return ImportOutcome(shown, REFUSED, reason="the file is too large to process")
    except sqlite3.OperationalError as exc:
        # A full disk or a locked database: the transaction rolled back, say what to do.
        return ImportOutcome(shown, REFUSED, reason=f"the library could not be written ({exc}); free disk space and retry")
    except (sqlite3.DatabaseError, ImportCancelled):
        raise  # the library itself is in trouble, or the user stopped: the caller handles it
    except Exception as exc:  # one bad file never stops the others; nothing of it was stored
        return ImportOutcome(
            shown, REFUSED, reason=printable(f"could not be imported ({type(exc).__name__}: {exc}); please report this file")
        )


def reimport_document(
    conn: sqlite3.Connection,
    doc_id: int,
    *,
    max_bytes: int,
    on_updated: store.UpdateHook | None = None,
) -> ImportOutcome:
    """Read a document's source file again with the current importers, keeping its id
    (annotations move with the text through `on_updated`; post-edits stay keyed by their
    sentence). A document whose source is gone or unreadable keeps its text as it is."""
    row = conn.execute("SELECT path FROM documents WHERE id = ?", (doc_id,)).fetchone()
    if row is None:
        raise LookupError(f"no document with id {doc_id}; `glose list` shows the library")
    shown = row["path"] or f"document {doc_id}"
    if not row["path"] or not Path(row["path"]).is_file():
        return ImportOutcome(shown, KEPT, doc_id, reason="its source file is gone: the text imported before is kept")
    path = Path(row["path"])
    try:
        data = load_document_bytes(path, max_bytes=max_bytes)
        parsed = parse_document_bytes(path, data, max_bytes=max_bytes)
        lay = store.layout(parsed.blocks, split_sentences)
        if not lay.text.strip():
            raise ImportRefused(shown, "no text found in the file")
        store.save_document(
            conn, title=parsed.title, fmt=parsed.format, language=detect_language(lay.text),
            content_hash=hashlib.sha256(data).hexdigest(), lay=lay, path=str(path), doc_id=doc_id,
            on_updated=on_updated, info=parsed.metadata,
        )
    except ImportRefused as exc:
        return ImportOutcome(shown, KEPT, doc_id, reason=f"the source cannot be read again ({exc.reason}): its text is kept")
    except (MemoryError, sqlite3.OperationalError) as exc:
        return ImportOutcome(shown, KEPT, doc_id, reason=f"not re-imported ({exc or 'out of memory'}): its text is kept")
    found, warnings = describe(parsed, lay)
    return ImportOutcome(shown, REIMPORTED, doc_id, title=parsed.title, found=found, warnings=warnings)


def import_paths(
    conn: sqlite3.Connection,
    paths: Iterable[str | os.PathLike[str]],
    *,
    max_bytes: int,
    on_updated: store.UpdateHook | None = None,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
    options: ReadOptions | None = None,
) -> list[ImportOutcome]:
    """Import files and folders one by one; once `cancel` is set, the files not begun are
    reported as cancelled (each file is its own transaction: nothing is half-imported).
    Inside a PDF or a scan the cancel is seen between pages (and during a page's OCR):
    that file is cancelled too and leaves nothing behind."""
    files = list(walk_paths(paths))
    outcomes = []
    options = options or ReadOptions()
    if cancel is not None:
        options.cancel = cancel
    cancel = options.cancel
    for n, (path, supported) in enumerate(files):
        if cancel is not None and cancel.is_set():
            outcomes.extend(ImportOutcome(printable(str(p)), CANCELLED, reason="import cancelled") for p, ok in files[n:] if ok)
            break
        if progress:
            progress(n, len(files), printable(path.name))
            options.progress = _page_progress(progress, n, len(files), printable(path.name))
        if not supported:
            kind = f"'{path.suffix}' files" if path.suffix else "files without an extension"
            reason = f"{UNSUPPORTED_IN_FOLDER}: {kind} cannot be imported"
            outcomes.append(ImportOutcome(printable(str(path)), REFUSED, reason=reason))
            continue
        try:
            outcomes.append(import_file(conn, path, max_bytes=max_bytes, on_updated=on_updated, options=options))
        except ImportCancelled:
            outcomes.append(ImportOutcome(str(path), CANCELLED, reason=CANCELLED_IN_FILE))
            outcomes.extend(ImportOutcome(str(p), CANCELLED, reason="import cancelled") for p, ok in files[n + 1 :] if ok)
            break
    if progress:
        progress(len(files), len(files), "")
    return outcomes


CANCELLED_IN_FILE = "import cancelled while reading it: nothing of this file was stored"


PAGES = " · pages"  # ends a progress label whose counts are pages of one file, not files


def _page_progress(progress: Progress, n: int, files: int, name: str) -> Callable[[int, int, str], None]:
    """Page progress inside a file (PDFs, scans): when one file is imported, the counts
    become its pages and the label ends with PAGES; among several files, files are counted."""

    def report(done: int, pages: int, _what: str) -> None:
        if files == 1:
            progress(done, pages, name + PAGES)
        else:
            progress(n, files, name)

    return report
