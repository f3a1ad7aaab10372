"""Review status per sentence: machine, reviewed (a person accepted the MT), post-edited.

A review pins the accepted text (the `reviews` table): when a new model or a re-translation
changes the machine's English, the reviewed sentence keeps what the person accepted, and
its status. A post-edit replaces a review (store.set_post_edit). Like post-edits, reviews
belong to one document and cover every occurrence of the sentence in it.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from desktop.library.models import Document
from desktop.translation import store
from desktop.translation.failures import sentence_failures
from desktop.translation.store import MACHINE, POST_EDITED, REVIEWED

PENDING, FAILED = "pending", "failed"
# Statuses from least to most checked by a person (the exports' "weakest" status).
ORDER = (FAILED, PENDING, MACHINE, REVIEWED, POST_EDITED)


@dataclass(frozen=True)
class ReviewProgress:
    """A document's sentences by status; `done` are checked by a person."""

    total: int
    reviewed: int
    post_edited: int
    machine: int
    pending: int
    failed: int

    @property
    def done(self) -> int:
        return self.reviewed + self.post_edited

    def label(self) -> str:
        """"212/340 reviewed"."""
        return f"{self.done}/{self.total} reviewed"


def mark_reviewed(conn: sqlite3.Connection, doc: Document, sentence_index: int, model_id: str | None) -> list[int]:
    """Accept the machine translation shown for a sentence; returns the paragraphs changed.

    Nothing changes for a post-edited or already reviewed sentence ([]); a sentence with no
    translation yet raises LookupError."""
    shown = store.sentence_translations(conn, doc, model_id)
    matches = [s for s in doc.sentences if s.index == sentence_index]
    if not matches:
        raise LookupError(f"document {doc.id} has no sentence {sentence_index} (it has {len(doc.sentences)})")
    t = shown.get(sentence_index)
    if t is None:
        raise LookupError(f"sentence {sentence_index} of document {doc.id} has no translation to review yet")
    if t.status != MACHINE:
        return []
    source_hash = matches[0].source_hash
    with conn:
        conn.execute(
            "INSERT INTO reviews (doc_id, source_hash, translation, model, reviewed_at) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT (doc_id, source_hash) DO NOTHING",
            (doc.id, source_hash, t.text, t.model, store.now_iso()),
        )
    return store.paragraphs_with_hash(conn, doc.id, source_hash)


def unmark_reviewed(conn: sqlite3.Connection, doc_id: int, sentence_index: int) -> list[int]:
    """Back to machine status (the current MT shows again); returns the paragraphs changed."""
    source_hash = store.sentence_hash(conn, doc_id, sentence_index)
    with conn:
        cur = conn.execute("DELETE FROM reviews WHERE doc_id = ? AND source_hash = ?", (doc_id, source_hash))
    return store.paragraphs_with_hash(conn, doc_id, source_hash) if cur.rowcount else []


def sentence_statuses(
    conn: sqlite3.Connection, doc: Document, model_id: str | None, shown: dict[int, store.SentenceTranslation] | None = None
) -> dict[int, str]:
    """Sentence index -> MACHINE | REVIEWED | POST_EDITED | PENDING | FAILED.
    Pass `shown` (store.sentence_translations) when it is at hand."""
    shown = store.sentence_translations(conn, doc, model_id) if shown is None else shown
    failed = sentence_failures(conn, doc, model_id, set(shown))
    return {
        s.index: shown[s.index].status if s.index in shown else (FAILED if s.index in failed else PENDING)
        for s in doc.sentences
    }


def review_progress(conn: sqlite3.Connection, doc: Document, model_id: str | None) -> ReviewProgress:
    """How far the review of a document is ("212/340 reviewed")."""
    counts = {k: 0 for k in ORDER}
    for status in sentence_statuses(conn, doc, model_id).values():
        counts[status] += 1
    return ReviewProgress(
        len(doc.sentences), counts[REVIEWED], counts[POST_EDITED], counts[MACHINE], counts[PENDING], counts[FAILED]
    )


def library_review_progress(conn: sqlite3.Connection) -> dict[int, tuple[int, int]]:
    """doc_id -> (sentences reviewed or post-edited, sentences) for every document, in one
    query (the library panel's column)."""
    rows = conn.execute(
        "SELECT s.doc_id, COUNT(*), SUM(EXISTS (SELECT 1 FROM post_edits p WHERE p.doc_id = s.doc_id "
        "AND p.source_hash = s.source_hash) OR EXISTS (SELECT 1 FROM reviews r WHERE r.doc_id = s.doc_id "
        "AND r.source_hash = s.source_hash)) FROM sentences s GROUP BY s.doc_id"
    )
    return {doc_id: (done or 0, total) for doc_id, total, done in rows}


def next_sentence(statuses: dict[int, str], after: int, wanted: tuple[str, ...] = (MACHINE,)) -> int | None:
    """The first sentence after `after` (wrapping around) whose status is in `wanted`:
    "go to the next unreviewed sentence"."""
    order = sorted(statuses)
    for index in [i for i in order if i > after] + [i for i in order if i <= after]:
        if statuses[index] in wanted:
            return index
    return None


def weakest(statuses: list[str]) -> str | None:
    """The least-checked status of several sentences (an annotation covering them)."""
    return min(statuses, key=ORDER.index) if statuses else None
