"""The index folder: open, check, write one writer at a time, rebuild and swap.

The index is derived data (the library database is the source of truth), so a missing,
stale (other schema version, or a failed update) or corrupt index is rebuilt, never fatal.

Locking: one writer at a time, across threads (a threading lock) and processes (a file
lock beside the folder, `index.lock`, taken before Whoosh's own write lock). Searches
take no writer lock: they read the last committed generation. A rebuild writes a new
folder and swaps it in, so searches keep answering from the old index meanwhile.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from whoosh import index as whoosh_index
from whoosh.util.filelock import FileLock
from whoosh.reading import MultiReader, SegmentReader
from whoosh.searching import Searcher
from whoosh.writing import IndexWriter

from desktop import config
from desktop.search.bulk import BulkWriter
from desktop.search.schema import SCHEMA_VERSION, build_schema

log = logging.getLogger(__name__)


def _cache_length_columns() -> None:
    """Whoosh 2.7 looks up a field's length column for every posting it writes and, for
    fields without one (ID fields, spelling words), stats the file system each time:
    two thirds of a rebuild's time. A segment's files never change, so remember the
    absence too, and keep the decoded lengths."""
    from whoosh.codec import whoosh3

    reader_class = whoosh3.W3PerDocReader
    if getattr(reader_class, "_glose_cached", False):
        return
    original = reader_class._cached_reader

    def _cached_reader(self: Any, fieldname: str, column: Any) -> Any:
        try:
            return self._readers[fieldname]
        except KeyError:
            reader = original(self, fieldname, column)
            self._readers[fieldname] = reader
            return reader

    def doc_field_length(self: Any, docnum: int, fieldname: str, default: int = 0) -> Any:
        # Also called once per posting while writing and once per hit while scoring;
        # decode a segment's lengths column once instead of seeking for every call.
        cache = self.__dict__.setdefault("_glose_lengths", {})
        lengths = cache.get(fieldname)
        if lengths is None:
            reader = self._cached_reader(whoosh3._lenfield(fieldname), whoosh3.LENGTHS_COLUMN)
            if reader is None:
                return default
            to_length = whoosh3.byte_to_length
            lengths = cache[fieldname] = [to_length(b) if b else None for b in reader]
        if docnum > self._doccount:
            raise IndexError(f"Asked for docnum {docnum!r} of {self._doccount}")
        return lengths[docnum]

    reader_class._cached_reader = _cached_reader
    reader_class.doc_field_length = doc_field_length
    reader_class._glose_cached = True


_cache_length_columns()

VERSION_FILE = "glose-index.json"
STALE_FILE = "STALE"
INDEX_NAME = "paragraphs"

OK, MISSING, STALE, CORRUPT = "ok", "missing", "stale", "corrupt"

# Rebuild tuning, measured with tests/bench/bench_search.py (2 cores): the bulk writer
# keeps ~8 bytes per word until a segment's commit (and about twice that while sorting),
# so 12 M characters per segment add ~40 MB at peak; fewer, bigger segments barely
# speed up searches.
SEGMENT_TEXT_CHARS = 12_000_000
LOCK_TIMEOUT = 120.0
MERGE_AT_SEGMENTS = 8

Progress = Callable[[int, int, str], None]


class IndexBusy(Exception):
    """Another writer held the index for too long."""


class IndexUnavailable(Exception):
    """There is no usable index (missing or corrupt); it needs a rebuild."""


class SearchIndex:
    """The search index of one data directory.

    Keep one per process (the app holds one) so that its opened searcher is reused;
    creating more is safe, only slower.
    """

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._write_lock = threading.RLock()
        self._read_lock = threading.RLock()  # re-entrant: search() inside `with searcher()`
        self._ix: Any = None
        self._folder_id: tuple[int, int] | None = None  # (device, inode) of the opened folder
        self._searcher: Searcher | None = None

    @classmethod
    def for_data_dir(cls, data_dir: Path) -> SearchIndex:
        return cls(config.index_path(Path(data_dir)))

    # -- state ---------------------------------------------------------------

    @property
    def lock_path(self) -> Path:
        return self.path.with_name(self.path.name + ".lock")

    def _version(self, folder: Path) -> int | None:
        try:
            return int(json.loads((folder / VERSION_FILE).read_text("utf-8"))["schema"])
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def state(self) -> str:
        """ok | missing | stale | corrupt (opening it is part of the check)."""
        if not self.path.is_dir() or not any(self.path.glob(f"_{INDEX_NAME}_*.toc")):
            return MISSING
        if self._version(self.path) != SCHEMA_VERSION:
            return STALE
        try:
            self._open()
        except Exception as exc:  # any failure to read the TOC or schema means corrupt
            log.warning("search index %s cannot be opened: %s", self.path, exc)
            return CORRUPT
        if (self.path / STALE_FILE).exists():
            return STALE
        return OK

    def needs_rebuild(self) -> bool:
        return self.state() != OK

    def mark_stale(self, reason: str) -> None:
        """Record that the index no longer matches the library; the next check rebuilds it."""
        log.warning("search index marked stale: %s", reason)
        try:
            if self.path.is_dir():
                (self.path / STALE_FILE).write_text(reason + "\n", "utf-8")
        except OSError as exc:
            log.warning("cannot mark the search index stale: %s", exc)

    # -- reading -------------------------------------------------------------

    def _current_folder(self) -> tuple[int, int] | None:
        try:
            st = os.stat(self.path)
        except OSError:
            return None
        return (st.st_dev, st.st_ino)

    def _open(self) -> Any:
        folder = self._current_folder()
        if self._ix is not None and folder != self._folder_id:
            # Another process swapped in a rebuilt index: start again from the new folder.
            self._drop_reader()
        if self._ix is None:
            self._ix = whoosh_index.open_dir(str(self.path), indexname=INDEX_NAME)
            self._folder_id = folder
        return self._ix

    def usable(self) -> bool:
        """True when there is an index to search, even a stale one."""
        try:
            self._open()
            return True
        except Exception:
            return False

    @contextmanager
    def searcher(self) -> Iterator[Searcher]:
        """A searcher on the latest committed index, reused between calls.

        Raises IndexUnavailable when there is no index to read (missing or corrupt).
        """
        with self._read_lock:
            try:
                ix = self._open()  # notices a folder swapped by another process
                if self._searcher is not None and not self._searcher.up_to_date():
                    self._searcher = self._reopen(ix, self._searcher)
                if self._searcher is None:
                    self._searcher = ix.searcher()
            except Exception as exc:
                self._drop_reader()
                if any(self.path.glob(f"_{INDEX_NAME}_*.toc")):  # there, but damaged
                    self.mark_stale(f"cannot be read: {exc}")
                raise IndexUnavailable(str(exc)) from exc
            yield self._searcher

    @staticmethod
    def _reopen(ix: Any, old: Searcher) -> Searcher:
        """A searcher on the latest commit that keeps the open readers of segments that did
        not change. (Whoosh's Searcher.refresh() also keeps readers of segments that gained
        deletions, so deleted paragraphs would still be found.) Opening the big segment
        again after every one-paragraph commit costs more than the commit."""
        try:
            toc = ix._read_toc()
            kept = {}
            for reader, _ in old.reader().leaf_readers():
                seg = reader.segment()
                if seg is not None:
                    kept[seg.segment_id()] = (reader, seg.deleted_count())
            readers = []
            for seg in toc.segments:
                reuse = kept.pop(seg.segment_id(), None)
                if reuse is not None and reuse[1] == seg.deleted_count():
                    readers.append(reuse[0])
                else:
                    readers.append(SegmentReader(ix.storage, toc.schema, seg, generation=toc.generation))
            for reader, _ in kept.values():
                reader.close()
            if not readers:
                return ix.searcher()
            reader = readers[0] if len(readers) == 1 else MultiReader(readers, generation=toc.generation)
            return Searcher(reader, fromindex=ix)
        except Exception as exc:  # anything unexpected: open afresh
            log.debug("reopening the searcher from scratch: %s", exc)
            try:
                old.close()
            except Exception:
                pass
            return ix.searcher()

    def _drop_reader(self) -> None:
        if self._searcher is not None:
            try:
                self._searcher.close()
            except Exception:
                pass
        self._searcher = None
        self._ix = None

    def close(self) -> None:
        with self._read_lock:
            self._drop_reader()

    # -- writing -------------------------------------------------------------

    @contextmanager
    def _locked(self) -> Iterator[None]:
        """One writer at a time: threads of this process, then other processes."""
        with self._write_lock:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            lock = FileLock(str(self.lock_path))
            deadline = time.monotonic() + LOCK_TIMEOUT
            while not lock.acquire(blocking=False):
                if time.monotonic() > deadline:
                    raise IndexBusy(f"{self.lock_path}: another Glose process is updating the search index")
                time.sleep(0.05)
            try:
                yield
            finally:
                lock.release()

    @contextmanager
    def writer(self) -> Iterator[IndexWriter]:
        """An incremental writer; commits on success, cancels on error.

        Raises IndexUnavailable when there is no index to update (rebuild instead).
        """
        with self._locked():
            try:
                ix = whoosh_index.open_dir(str(self.path), indexname=INDEX_NAME)
            except Exception as exc:
                raise IndexUnavailable(str(exc)) from exc
            # BulkWriter: the same segment as Whoosh's writer, written ~3x faster
            # (importing a long document indexes thousands of paragraphs), and merges
            # read postings as arrays. A one-paragraph commit adds a tiny segment;
            # merging the small ones (MERGE_SMALL) on every commit would rewrite them
            # each time, so only merge once they pile up.
            merge = len(ix._segments()) >= MERGE_AT_SEGMENTS
            w = BulkWriter(ix)
            try:
                yield w
            except BaseException:
                w.cancel()
                raise
            w.commit(merge=merge)

    def delete(self, w: IndexWriter, fieldname: str, text: str) -> int:
        """Delete the documents with `text` in `fieldname` inside writer `w`.

        Like IndexWriter.delete_by_term, but finds them with this object's searcher,
        whose segment readers stay open, instead of opening the whole index again. Only
        inside `writer()`: the lock guarantees the searcher sees what the writer sees."""
        with self.searcher() as s:
            docnums = list(s.document_numbers(**{fieldname: text}))
        for docnum in docnums:
            w.delete_document(docnum)
        return len(docnums)

    def rebuild(
        self,
        documents: Iterable[list[dict[str, Any]]],
        total: int,
        progress: Progress | None = None,
    ) -> int:
        """Build a fresh index from `documents` (one list of field dicts per library
        document, `total` of them) in a new folder, then swap it in. Returns the number
        of paragraphs indexed. Searches use the old index until the swap.

        One process, through BulkWriter (~2.5 MB/s; Whoosh's own writer managed 0.8 MB/s
        in one process and 1.5 in two): no fork, nothing to freeze-proof."""
        with self._locked():
            new = self.path.with_name(self.path.name + ".new")
            shutil.rmtree(new, ignore_errors=True)
            new.mkdir(parents=True)
            count = 0
            try:
                ix = whoosh_index.create_in(str(new), build_schema(), indexname=INDEX_NAME)
                if progress:
                    progress(0, total, "indexing")
                w = BulkWriter(ix)
                chunk = 0
                try:
                    for done, records in enumerate(documents, 1):
                        for fields in records:
                            w.add_document(**fields)
                            chunk += len(fields.get("fr", "")) + len(fields.get("en", "")) + len(fields.get("notes", ""))
                            count += 1
                        if chunk >= SEGMENT_TEXT_CHARS:
                            # One segment per chunk keeps memory bounded (the postings
                            # wait in memory until commit); no merge, the segments are
                            # kept as they are.
                            w.commit(merge=False)
                            w = BulkWriter(ix)
                            chunk = 0
                        if progress:
                            progress(done, total, "indexing")
                except BaseException:
                    w.cancel()
                    raise
                w.commit(merge=False)
                (new / VERSION_FILE).write_text(json.dumps({"schema": SCHEMA_VERSION}), "utf-8")
                self._swap(new)
            except BaseException:
                shutil.rmtree(new, ignore_errors=True)
                raise
            return count

    def _swap(self, new: Path) -> None:
        with self._read_lock:
            self._drop_reader()
            old = self.path.with_name(f"{self.path.name}.old-{os.getpid()}-{time.monotonic_ns()}")
            if self.path.exists():
                os.replace(self.path, old)
            os.replace(new, self.path)
            # Readers of the old folder (another process) keep their open files on POSIX;
            # where deleting fails (Windows) the folder is left for the next rebuild.
            shutil.rmtree(old, ignore_errors=True)
            for leftover in self.path.parent.glob(self.path.name + ".old-*"):
                shutil.rmtree(leftover, ignore_errors=True)
