"""Translations in the library database: the MT cache, post-edits, reviews, the English side.

The MT cache is keyed by (model id, source sentence hash): a sentence is translated once
for every document that contains it, with its confidence (mean log-prob per token, and per
word). A post-edit (a person's own translation) is stored apart, per document and source
hash, and always wins over MT. A review (review.py) pins the machine translation a person
accepted: it stays shown when a new model translates the sentence differently.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone

from desktop.library.models import Document
from desktop.translation import word_scores
from desktop.translation.backend import SentenceResult, WordScore


MACHINE, REVIEWED, POST_EDITED = "machine", "reviewed", "post-edited"


@dataclass(frozen=True)
class SentenceTranslation:
    text: str
    source: str  # "mt" | "human"
    model: str | None
    updated: str
    status: str = MACHINE  # MACHINE | REVIEWED | POST_EDITED
    score: float | None = None  # mean log-prob per token (None: not scored yet)
    words_json: str | None = field(default=None, repr=False, compare=False)  # parsed on demand

    @property
    def words(self) -> tuple[WordScore, ...] | None:
        """Per-word scores over `text` (None: not scored yet)."""
        return word_scores.load(self.words_json)

    @property
    def confidence(self) -> float | None:
        """The sentence's mean token probability, in (0, 1]."""
        return word_scores.probability(self.score)


@dataclass
class EnglishSide:
    """The English canonical text of a document and where each sentence/paragraph sits in it."""

    text: str
    sentence_spans: dict[int, tuple[int, int]]
    paragraph_spans: list[tuple[int, int]]


def now_iso() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="microseconds")


def _doc_hashes(doc: Document) -> list[str]:
    return sorted({s.source_hash for s in doc.sentences})


def chunks(items: list[str], size: int = 500) -> list[list[str]]:
    return [items[i : i + size] for i in range(0, len(items), size)]


def cached_mt(
    conn: sqlite3.Connection, hashes: list[str], model_id: str | None
) -> dict[str, tuple[str, str, str, float | None, str | None]]:
    """source_hash -> (translation, model, created_at, score, word_scores JSON):
    model_id's result, else the newest."""
    best: dict[str, tuple[str, str, str, float | None, str | None]] = {}
    for chunk in chunks(hashes):
        marks = ",".join("?" * len(chunk))
        rows = conn.execute(
            f"SELECT source_hash, model, translation, created_at, score, word_scores FROM mt_cache "
            f"WHERE source_hash IN ({marks})",
            chunk,
        ).fetchall()
        for h, model, text, created, score, words in rows:
            old = best.get(h)
            if old is None:
                best[h] = (text, model, created, score, words)
            elif old[1] == model_id:
                continue
            elif model == model_id or created > old[2]:
                best[h] = (text, model, created, score, words)
    return best


def missing_hashes(conn: sqlite3.Connection, hashes: list[str], model_id: str) -> set[str]:
    """The hashes that have no MT from `model_id` yet."""
    have: set[str] = set()
    for chunk in chunks(hashes):
        marks = ",".join("?" * len(chunk))
        have.update(
            r[0]
            for r in conn.execute(
                f"SELECT source_hash FROM mt_cache WHERE model = ? AND source_hash IN ({marks})",
                [model_id, *chunk],
            )
        )
    return set(hashes) - have


def _post_edits(conn: sqlite3.Connection, doc_id: int) -> dict[str, tuple]:
    """source_hash -> (translation, updated_at, score, word_scores JSON)."""
    return {
        r[0]: r[1:]
        for r in conn.execute(
            "SELECT source_hash, translation, updated_at, score, word_scores FROM post_edits WHERE doc_id = ?",
            (doc_id,),
        )
    }


def _reviews(conn: sqlite3.Connection, doc_id: int) -> dict[str, tuple]:
    """source_hash -> (translation, model, reviewed_at) of the machine translations accepted."""
    return {
        r[0]: r[1:]
        for r in conn.execute("SELECT source_hash, translation, model, reviewed_at FROM reviews WHERE doc_id = ?", (doc_id,))
    }


def sentence_translations(
    conn: sqlite3.Connection, doc: Document, model_id: str | None
) -> dict[int, SentenceTranslation]:
    """Sentence index -> what to show: the post-edit, else the reviewed (accepted) MT, else
    `model_id`'s MT, else the newest MT; with its status and confidence.

    Sentences with none are absent (pending, or failed: see failures.py).
    """
    edits = _post_edits(conn, doc.id)
    reviews = _reviews(conn, doc.id)
    mt = cached_mt(conn, _doc_hashes(doc), model_id)
    out: dict[int, SentenceTranslation] = {}
    for s in doc.sentences:
        edit = edits.get(s.source_hash)
        if edit is not None:
            text, updated, score, words = edit
            out[s.index] = SentenceTranslation(text, "human", None, updated, POST_EDITED, score, words)
            continue
        hit = mt.get(s.source_hash)
        review = reviews.get(s.source_hash)
        if review is not None:
            text, model, reviewed = review
            # The accepted text's scores are the cache's while the model still gives that text.
            same = hit is not None and hit[0] == text
            out[s.index] = SentenceTranslation(
                text, "mt", model, reviewed, REVIEWED, hit[3] if same else None, hit[4] if same else None
            )
        elif hit is not None:
            out[s.index] = SentenceTranslation(hit[0], "mt", hit[1], hit[2], MACHINE, hit[3], hit[4])
    return out


def english_side(conn: sqlite3.Connection, doc: Document, model_id: str | None) -> EnglishSide:
    """The English canonical text: per paragraph, sentence translations joined by one space;
    paragraphs joined by a blank line. A pending sentence has an empty span."""
    return english_from(doc, sentence_translations(conn, doc, model_id))


def english_from(doc: Document, trans: dict[int, SentenceTranslation]) -> EnglishSide:
    """english_side() from translations already read (the reader needs both)."""
    by_par: dict[int, list] = {}
    for s in doc.sentences:
        by_par.setdefault(s.paragraph_index, []).append(s)
    parts: list[str] = []
    pos = 0
    sentence_spans: dict[int, tuple[int, int]] = {}
    paragraph_spans: list[tuple[int, int]] = []
    for pi, p in enumerate(doc.paragraphs):
        if pi:
            parts.append("\n\n")
            pos += 2
        par_start = pos
        first = True
        for s in sorted(by_par.get(p.index, []), key=lambda s: s.index):
            t = trans.get(s.index)
            if t is None:
                sentence_spans[s.index] = (pos, pos)
                continue
            if not first:
                parts.append(" ")
                pos += 1
            first = False
            parts.append(t.text)
            sentence_spans[s.index] = (pos, pos + len(t.text))
            pos += len(t.text)
        paragraph_spans.append((par_start, pos))
    return EnglishSide("".join(parts), sentence_spans, paragraph_spans)


def translation_progress(
    conn: sqlite3.Connection, doc: Document, model_id: str | None
) -> tuple[int, int]:
    """(sentences with something to show, total sentences)."""
    return len(sentence_translations(conn, doc, model_id)), len(doc.sentences)


def put_mt(conn: sqlite3.Connection, model_id: str, pairs: list[tuple[str, str]]) -> None:
    """Store machine translations (source_hash, translation) for `model_id`, in one transaction."""
    put_results(conn, model_id, [(h, SentenceResult(t)) for h, t in pairs])


def put_results(conn: sqlite3.Connection, model_id: str, results: Sequence[tuple[str, SentenceResult]]) -> None:
    """Store a backend's results (source_hash, SentenceResult) for `model_id` with their scores
    (None: scored later, see confidence.py), in one transaction."""
    stamp = now_iso()
    with conn:
        conn.executemany(
            "INSERT INTO mt_cache (model, source_hash, translation, created_at, score, word_scores) "
            "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (model, source_hash) DO UPDATE SET "
            "translation = excluded.translation, created_at = excluded.created_at, "
            "score = excluded.score, word_scores = excluded.word_scores",
            [(model_id, h, r.text, stamp, r.score, word_scores.dump(r.words)) for h, r in results],
        )


def sentence_hash(conn: sqlite3.Connection, doc_id: int, sentence_index: int) -> str:
    row = conn.execute(
        "SELECT source_hash FROM sentences WHERE doc_id = ? AND idx = ?", (doc_id, sentence_index)
    ).fetchone()
    if row is None:
        raise LookupError(f"document {doc_id} has no sentence {sentence_index}")
    return row[0]


def paragraphs_with_hash(conn: sqlite3.Connection, doc_id: int, source_hash: str) -> list[int]:
    return [
        r[0]
        for r in conn.execute(
            "SELECT DISTINCT p.idx FROM sentences s JOIN paragraphs p ON p.id = s.paragraph_id "
            "WHERE s.doc_id = ? AND s.source_hash = ? ORDER BY p.idx",
            (doc_id, source_hash),
        )
    ]


def set_post_edit(conn: sqlite3.Connection, doc_id: int, sentence_index: int, text: str) -> list[int]:
    """Store a person's translation of a sentence; returns the paragraph indexes that changed.

    The post-edit applies to every occurrence of the same source sentence in the document.
    """
    text = text.strip()
    if not text:
        raise ValueError("an empty translation cannot be saved; revert to MT instead")
    source_hash = sentence_hash(conn, doc_id, sentence_index)
    stamp = now_iso()
    with conn:
        conn.execute(
            "INSERT INTO post_edits (doc_id, source_hash, translation, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT (doc_id, source_hash) DO UPDATE SET "
            "translation = excluded.translation, updated_at = excluded.updated_at, "
            "score = NULL, word_scores = NULL, scored_by = NULL",  # scored again, lazily
            (doc_id, source_hash, text, stamp, stamp),
        )
        # A person's own version replaces an accepted machine translation.
        conn.execute("DELETE FROM reviews WHERE doc_id = ? AND source_hash = ?", (doc_id, source_hash))
    return paragraphs_with_hash(conn, doc_id, source_hash)


def revert_post_edit(conn: sqlite3.Connection, doc_id: int, sentence_index: int) -> list[int]:
    """Drop the post-edit of a sentence (MT shows again); returns the paragraph indexes changed."""
    source_hash = sentence_hash(conn, doc_id, sentence_index)
    with conn:
        cur = conn.execute(
            "DELETE FROM post_edits WHERE doc_id = ? AND source_hash = ?", (doc_id, source_hash)
        )
    return paragraphs_with_hash(conn, doc_id, source_hash) if cur.rowcount else []
