"""Translations in the library database: the MT cache, post-edits, and the English side.

The MT cache is keyed by (model id, source sentence hash): a sentence is translated once
for every document that contains it. A post-edit (a person's own translation) is stored
apart, per document and source hash, and always wins over MT.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime, timezone

from desktop.library.models import Document


@dataclass(frozen=True)
class SentenceTranslation:
    text: str
    source: str  # "mt" | "human"
    model: str | None
    updated: str


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
) -> dict[str, tuple[str, str, str]]:
    """source_hash -> (translation, model, created_at): model_id's result, else the newest."""
    best: dict[str, tuple[str, str, str]] = {}
    for chunk in chunks(hashes):
        marks = ",".join("?" * len(chunk))
        rows = conn.execute(
            f"SELECT source_hash, model, translation, created_at FROM mt_cache "
            f"WHERE source_hash IN ({marks})",
            chunk,
        ).fetchall()
        for h, model, text, created in rows:
            old = best.get(h)
            if old is None:
                best[h] = (text, model, created)
            elif old[1] == model_id:
                continue
            elif model == model_id or created > old[2]:
                best[h] = (text, model, created)
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


def _post_edits(conn: sqlite3.Connection, doc_id: int) -> dict[str, tuple[str, str]]:
    return {
        r[0]: (r[1], r[2])
        for r in conn.execute(
            "SELECT source_hash, translation, updated_at FROM post_edits WHERE doc_id = ?",
            (doc_id,),
        )
    }


def sentence_translations(
    conn: sqlite3.Connection, doc: Document, model_id: str | None
) -> dict[int, SentenceTranslation]:
    """Sentence index -> what to show: the post-edit, else `model_id`'s MT, else the newest MT.

    Sentences with neither are absent (pending).
    """
    edits = _post_edits(conn, doc.id)
    mt = cached_mt(conn, _doc_hashes(doc), model_id)
    out: dict[int, SentenceTranslation] = {}
    for s in doc.sentences:
        edit = edits.get(s.source_hash)
        if edit is not None:
            out[s.index] = SentenceTranslation(edit[0], "human", None, edit[1])
            continue
        hit = mt.get(s.source_hash)
        if hit is not None:
            out[s.index] = SentenceTranslation(hit[0], "mt", hit[1], hit[2])
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
    stamp = now_iso()
    with conn:
        conn.executemany(
            "INSERT INTO mt_cache (model, source_hash, translation, created_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (model, source_hash) DO UPDATE SET translation = excluded.translation, "
            "created_at = excluded.created_at",
            [(model_id, h, t, stamp) for h, t in pairs],
        )


def _sentence_hash(conn: sqlite3.Connection, doc_id: int, sentence_index: int) -> str:
    row = conn.execute(
        "SELECT source_hash FROM sentences WHERE doc_id = ? AND idx = ?", (doc_id, sentence_index)
    ).fetchone()
    if row is None:
        raise LookupError(f"document {doc_id} has no sentence {sentence_index}")
    return row[0]


def _paragraphs_with_hash(conn: sqlite3.Connection, doc_id: int, source_hash: str) -> list[int]:
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
    source_hash = _sentence_hash(conn, doc_id, sentence_index)
    stamp = now_iso()
    with conn:
        conn.execute(
            "INSERT INTO post_edits (doc_id, source_hash, translation, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT (doc_id, source_hash) DO UPDATE SET "
            "translation = excluded.translation, updated_at = excluded.updated_at",
            (doc_id, source_hash, text, stamp, stamp),
        )
    return _paragraphs_with_hash(conn, doc_id, source_hash)


def revert_post_edit(conn: sqlite3.Connection, doc_id: int, sentence_index: int) -> list[int]:
    """Drop the post-edit of a sentence (MT shows again); returns the paragraph indexes changed."""
    source_hash = _sentence_hash(conn, doc_id, sentence_index)
    with conn:
        cur = conn.execute(
            "DELETE FROM post_edits WHERE doc_id = ? AND source_hash = ?", (doc_id, source_hash)
        )
    return _paragraphs_with_hash(conn, doc_id, source_hash) if cur.rowcount else []
