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
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field

from desktop.library.language import needs_translation
from desktop.library.models import Document
from desktop.library.store import get_document
from desktop.translation import failures, store
from desktop.translation.backend import BackendCancelled, BackendUnavailable
from desktop.translation.splitting import submit_split

# The first batch is just the paragraph the reader is looking at, so it shows at once.
# Later batches hold BATCH sentences per replica of the model (each replica decodes its
# share on one core): a replica reaches its full speed from about 40 sentences
# (tests/bench/bench_translation.py), and a kill loses at most the batches in flight.
BATCH = 48
FIRST_MAX = 8  # a long first paragraph still shows within about a second
# Batches handed to the model at once. The reader keeps one: a cancel, or opening another
# document, waits for at most one batch. Bulk runs (`glose translate`, no screen to fill
# first) keep two: the next batch is queued while this thread commits, so no replica waits
# for Python or for the slowest part of a batch (measured +10-20 % sentences/s on 2 cores).
IN_FLIGHT = 1
BULK_IN_FLIGHT = 2

Progress = Callable[[int, int], None]
BatchDone = Callable[[list[int]], None]


@dataclass
class JobResult:
    doc_id: int
    total: int  # sentences in the document
    translated: int  # sentences that got a new MT in this run
    already: int  # sentences that had a translation (cache or post-edit) before
    failed: int = 0  # sentences the backend could not translate (see failures.py), this run or before
    cancelled: bool = False
    stopped: str | None = None  # why the backend stopped the job (BackendUnavailable); resumed later
    changed_paragraphs: list[int] = field(default_factory=list)
    seconds: float = 0.0
    title: str = ""  # the document's, for messages that name it


def reading_order(doc: Document, start_paragraph: int = 0) -> list:
    """Sentences from `start_paragraph` to the end, then from the top."""
    n = len(doc.paragraphs)
    start = min(max(start_paragraph, 0), max(n - 1, 0))
    rank = {p.index: (i - start) % n for i, p in enumerate(doc.paragraphs)} if n else {}
    return sorted(doc.sentences, key=lambda s: (rank.get(s.paragraph_index, 0), s.index))


def _post_edited(conn: sqlite3.Connection, doc_id: int) -> set[str]:
    return {r[0] for r in conn.execute("SELECT source_hash FROM post_edits WHERE doc_id = ?", (doc_id,))}


def _post_edited_indexes(conn: sqlite3.Connection, doc: Document) -> set[int]:
    edited = _post_edited(conn, doc.id)
    return {s.index for s in doc.sentences if s.source_hash in edited}


def pending_sentences(conn: sqlite3.Connection, doc: Document, model_id: str, start_paragraph: int = 0):
    """Distinct (source_hash, text) still needing MT from `model_id`, in reading order.
    Sentences it failed on are skipped (retry them with failures.retry_failed)."""
    if not needs_translation(doc.language):  # already in the target language (issue 17 item 4)
        return []
    order = reading_order(doc, start_paragraph)
    hashes = sorted({s.source_hash for s in order})
    missing = store.missing_hashes(conn, hashes, model_id)
    missing -= _post_edited(conn, doc.id)  # a person's translation needs no MT
    missing -= set(failures.failed_hashes(conn, hashes, model_id))
    seen: set[str] = set()
    out = []
    for s in order:
        if s.source_hash in missing and s.source_hash not in seen:
            seen.add(s.source_hash)
            out.append((s.source_hash, doc.sentence_text(s)))
    return out


def _batches(pending: list, first: int, batch: int) -> list[list]:
    """The first screen's sentences alone (shown at once), then full batches."""
    out = [pending[:first]] if first else []
    rest = len(pending) - first
    if rest <= 0:
        return out
    # Even sizes (e.g. 2 x 45 rather than 48 + 42): no small, inefficient last batch.
    count = -(-rest // batch)
    size = -(-rest // count)
    for i in range(first, len(pending), size):
        out.append(pending[i : i + size])
    return out


def queue_documents(conn: sqlite3.Connection, doc_ids: list[int], model_id: str) -> None:
    """Ask for documents (the app works through them one by one, also after a restart)."""
    now = store.now_iso()
    with conn:
        conn.executemany(
            "INSERT INTO translation_jobs (doc_id, model, queued_at) VALUES (?, ?, ?) "
            "ON CONFLICT (doc_id) DO UPDATE SET model = excluded.model",
            [(doc_id, model_id, now) for doc_id in doc_ids],
        )


def forget_queue(conn: sqlite3.Connection) -> None:
    """The user stopped translating: nothing is resumed by itself at the next start."""
    with conn:
        conn.execute("DELETE FROM translation_jobs")


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
    retry_failed: bool = False,
) -> JobResult:
    """Translate what is missing in a document; each batch is committed before the next.

    `progress(done, total)` counts the document's sentences; `on_batch(paragraph_indexes)`
    names the paragraphs whose English just changed (for the reader and the search index).
    """
    [result] = translate_documents(
        conn,
        [doc_id],
        engine,
        start_paragraph=start_paragraph,
        progress=progress,
        cancel=cancel,
        on_batch=(lambda _doc, pars: on_batch(pars)) if on_batch else None,
        retry_failed=retry_failed,
    )
    return result


def translate_documents(
    conn: sqlite3.Connection,
    doc_ids: list[int],
    engine,
    *,
    start_paragraph: int = 0,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
    on_batch: Callable[[int, list[int]], None] | None = None,
    bulk: bool = False,
    retry_failed: bool = False,
) -> list[JobResult]:
    """Translate several documents as one job: their missing sentences share batches.

    The first document is done first, from `start_paragraph` (whose paragraph comes alone
    in the first batch, to show at once, unless `bulk`: nobody is looking); `progress`
    counts the sentences of all of them; `on_batch(doc_id, paragraph_indexes)` per changed
    document. `bulk` also keeps BULK_IN_FLIGHT batches in flight.

    `engine` is any TranslationBackend; sentences longer than it accepts are split and
    joined (splitting.py). A sentence it cannot translate is recorded as failed and the
    job goes on (`retry_failed` tries the documents' failed sentences again first); only
    BackendUnavailable stops it: what was committed stays, the results say why in
    `stopped` (and `cancelled`), and the documents stay queued to resume.
    Each result keeps the sentence's confidence from the beam search; per-word scores come
    after, from confidence.score_pending (a forced pass of the model: +25-30 % CPU).
    """
    in_flight = BULK_IN_FLIGHT if bulk else IN_FLIGHT
    t0 = time.perf_counter()
    model_id = engine.model_id
    results: list[JobResult] = []
    pending: list[tuple[str, str]] = []
    where: dict[str, list[tuple[int, int]]] = {}  # hash -> (result position, paragraph) per occurrence
    queued: set[str] = set()
    asked: list[int] = []  # documents with work left: remembered for a resume after a restart
    first = 0
    for pos, doc_id in enumerate(doc_ids):
        doc = get_document(conn, doc_id)
        if retry_failed:
            failures.retry_failed(conn, doc, model_id)
        mine = pending_sentences(conn, doc, model_id, start_paragraph if pos == 0 else 0)
        mine_hashes = {h for h, _ in mine}
        left = 0
        for s in doc.sentences:
            if s.source_hash in mine_hashes:
                where.setdefault(s.source_hash, []).append((pos, s.paragraph_index))
                left += 1
        failed_before = len(failures.sentence_failures(conn, doc, model_id, _post_edited_indexes(conn, doc)))
        already = len(doc.sentences) - left - failed_before
        results.append(JobResult(doc_id, len(doc.sentences), 0, already, failed_before, title=doc.title))
        if pos == 0 and mine and not bulk:
            # The first screen: the paragraph where reading starts (or resumes).
            first_par = where[mine[0][0]][0][1]
            first = next((i for i, (h, _) in enumerate(mine) if first_par not in {p for q, p in where[h] if q == 0}), len(mine))
            first = min(first, FIRST_MAX)
        for h, text in mine:
            if h not in queued:  # a sentence shared by two documents is translated once
                queued.add(h)
                pending.append((h, text))
        if mine:
            asked.append(doc_id)
    queue_documents(conn, asked, model_id)

    total = sum(r.total for r in results)
    done = sum(r.already for r in results)
    if progress:
        progress(done, total)
    cancelled = False
    stopped: BackendUnavailable | None = None
    changed: list[set[int]] = [set() for _ in results]
    batches = iter(_batches(pending, first, BATCH * engine.replicas))
    running: deque = deque()
    while True:
        # A cancel submits nothing more and keeps the batches already paid for.
        while len(running) < in_flight and not cancelled:
            batch = next(batches, None)
            if batch is None:
                break
            if cancel is not None and cancel.is_set():
                cancelled = True
                break
            try:
                running.append((batch, submit_split(engine, [text for _, text in batch])))
            except BackendUnavailable as exc:
                stopped, cancelled = stopped or exc, True
        if not running:
            break
        batch, wait = running.popleft()
        try:
            outcome = wait()
        except BackendCancelled:  # a server backend stopped mid-batch on `cancel`
            cancelled = True
            continue
        except BackendUnavailable as exc:  # keep what is committed; later batches may still land
            stopped, cancelled = stopped or exc, True
            continue
        # A result names its maker when a stand-in translated it (server down: local model).
        for maker in dict.fromkeys(r.model_id or model_id for r in outcome):
            made = [(h, r) for (h, _), r in zip(batch, outcome) if (r.model_id or model_id) == maker]
            store.put_results(conn, maker, [(h, r) for h, r in made if not r.failed])
            failures.put_failures(conn, maker, [(h, r.error) for h, r in made if r.failed])
        touched: dict[int, set[int]] = {}
        for (h, _), r in zip(batch, outcome):
            for pos, par in where[h]:
                touched.setdefault(pos, set()).add(par)  # a failure is drawn too
                if r.failed:
                    results[pos].failed += 1
                else:
                    results[pos].translated += 1
                done += 1
        for pos, pars in sorted(touched.items()):
            changed[pos].update(pars)
            if on_batch:
                on_batch(results[pos].doc_id, sorted(pars))
        if progress:
            progress(done, total)
    elapsed = time.perf_counter() - t0
    for r, pars in zip(results, changed):
        r.cancelled = cancelled
        r.stopped = str(stopped) if stopped else None
        r.changed_paragraphs = sorted(pars)
        r.seconds = elapsed
        if not cancelled:
            with conn:
                conn.execute("DELETE FROM translation_jobs WHERE doc_id = ?", (r.doc_id,))
    return results
