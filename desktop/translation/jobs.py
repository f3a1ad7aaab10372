"""Translating a document as a job: reading order, small committed batches, cancel, resume.

There is no job state to lose: a sentence is done when the MT cache holds its translation
by the current model. A killed job therefore resumes where it stopped (at most the batch
in flight is lost), and a second run of a translated document does no MT at all.
`translation_jobs` only remembers which documents were asked for, so the app can resume
them after a restart. No Qt here: the UI runs this in a worker with its own connection.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from desktop.library.models import Document
from desktop.library.store import get_document
from desktop.translation import store

# The first batch is just the paragraph the reader is looking at, so it shows at once;
# later batches grow to keep CTranslate2's batching efficient.
FIRST_BATCH = 8
MAX_BATCH = 96

Progress = Callable[[int, int], None]
BatchDone = Callable[[list[int]], None]


@dataclass
class JobResult:
    doc_id: int
    total: int  # sentences in the document
    translated: int  # sentences that got a new MT in this run
    already: int  # sentences that had a translation (cache or post-edit) before
    cancelled: bool = False
    changed_paragraphs: list[int] = field(default_factory=list)
    seconds: float = 0.0


def reading_order(doc: Document, start_paragraph: int = 0) -> list:
    """Sentences from `start_paragraph` to the end, then from the top."""
    n = len(doc.paragraphs)
    start = min(max(start_paragraph, 0), max(n - 1, 0))
    rank = {p.index: (i - start) % n for i, p in enumerate(doc.paragraphs)} if n else {}
    return sorted(doc.sentences, key=lambda s: (rank.get(s.paragraph_index, 0), s.index))


def _post_edited(conn: sqlite3.Connection, doc_id: int) -> set[str]:
    return {r[0] for r in conn.execute("SELECT source_hash FROM post_edits WHERE doc_id = ?", (doc_id,))}


def pending_sentences(conn: sqlite3.Connection, doc: Document, model_id: str, start_paragraph: int = 0):
    """Distinct (source_hash, text) still needing MT from `model_id`, in reading order."""
    order = reading_order(doc, start_paragraph)
    missing = store.missing_hashes(conn, sorted({s.source_hash for s in order}), model_id)
    missing -= _post_edited(conn, doc.id)  # a person's translation needs no MT
    seen: set[str] = set()
    out = []
    for s in order:
        if s.source_hash in missing and s.source_hash not in seen:
            seen.add(s.source_hash)
            out.append((s.source_hash, doc.sentence_text(s)))
    return out


def _batches(pending: list, first: list) -> list[list]:
    """Split pending work: the first screen's sentences alone, then growing batches."""
    out = []
    i = 0
    if first:
        out.append(pending[: len(first)])
        i = len(first)
    size = FIRST_BATCH
    while i < len(pending):
        out.append(pending[i : i + size])
        i += size
        size = min(size * 2, MAX_BATCH)
    return out


def queue_document(conn: sqlite3.Connection, doc_id: int, model_id: str) -> None:
    with conn:
        conn.execute(
            "INSERT INTO translation_jobs (doc_id, model, queued_at) VALUES (?, ?, ?) "
            "ON CONFLICT (doc_id) DO UPDATE SET model = excluded.model",
            (doc_id, model_id, store.now_iso()),
        )


def queued_documents(conn: sqlite3.Connection) -> list[int]:
    """Documents whose translation was asked for and not finished (resume these at start)."""
    return [r[0] for r in conn.execute("SELECT doc_id FROM translation_jobs ORDER BY queued_at, doc_id")]


def translate_document(
    conn: sqlite3.Connection,
    doc_id: int,
    engine,
    *,
    start_paragraph: int = 0,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
    on_batch: BatchDone | None = None,
) -> JobResult:
    """Translate what is missing in a document; each batch is committed before the next.

    `progress(done, total)` counts the document's sentences; `on_batch(paragraph_indexes)`
    names the paragraphs whose English just changed (for the reader and the search index).
    """
    t0 = time.perf_counter()
    doc = get_document(conn, doc_id)
    model_id = engine.model_id
    pending = pending_sentences(conn, doc, model_id, start_paragraph)
    total = len(doc.sentences)
    hashes_pending = {h for h, _ in pending}
    left = sum(1 for s in doc.sentences if s.source_hash in hashes_pending)
    result = JobResult(doc_id, total, 0, total - left)
    done = total - left
    if progress:
        progress(done, total)
    if not pending:
        with conn:
            conn.execute("DELETE FROM translation_jobs WHERE doc_id = ?", (doc_id,))
        result.seconds = time.perf_counter() - t0
        return result
    queue_document(conn, doc_id, model_id)

    paragraphs_of: dict[str, set[int]] = {}
    count_of: dict[str, int] = {}
    for s in doc.sentences:
        paragraphs_of.setdefault(s.source_hash, set()).add(s.paragraph_index)
        count_of[s.source_hash] = count_of.get(s.source_hash, 0) + 1
    order = reading_order(doc, start_paragraph)
    first_par = order[0].paragraph_index if order else 0
    first = [p for p in pending if first_par in paragraphs_of[p[0]]]
    if first and pending[: len(first)] != first:
        first = []
    changed: set[int] = set()
    for batch in _batches(pending, first[:MAX_BATCH]):
        if cancel is not None and cancel.is_set():
            result.cancelled = True
            break
        translations = engine.translate([text for _, text in batch])
        store.put_mt(conn, model_id, [(h, t) for (h, _), t in zip(batch, translations)])
        batch_pars = sorted({pi for h, _ in batch for pi in paragraphs_of[h]})
        changed.update(batch_pars)
        n = sum(count_of[h] for h, _ in batch)
        result.translated += n
        done += n
        if on_batch:
            on_batch(batch_pars)
        if progress:
            progress(done, total)
    if not result.cancelled:
        with conn:
            conn.execute("DELETE FROM translation_jobs WHERE doc_id = ?", (doc_id,))
    result.changed_paragraphs = sorted(changed)
    result.seconds = time.perf_counter() - t0
    return result
