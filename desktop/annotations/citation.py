"""The page each annotation's passage is on, for the notes panel and anything else that
lists annotations: {annotation id: "p. 12"} for passages in paged documents (PDFs, scans).

English-side passages are cited by the page of their first French sentence.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

from desktop.annotations.store import ANCHORED, Annotation
from desktop.library.page_refs import cite


def annotation_pages(conn: sqlite3.Connection, annotations: Iterable[Annotation]) -> dict[str, str]:
    anns = [a for a in annotations if a.status == ANCHORED]
    docs = sorted({a.doc_id for a in anns})
    paged: set[int] = set()
    for chunk in range(0, len(docs), 500):
        ids = docs[chunk : chunk + 500]
        marks = ",".join("?" * len(ids))
        paged.update(
            r[0] for r in conn.execute(f"SELECT DISTINCT doc_id FROM paragraphs WHERE page > 0 AND doc_id IN ({marks})", ids)
        )
    out: dict[str, str] = {}
    for ann in anns:
        if ann.doc_id not in paged:
            continue
        offset: int | None = ann.start
        if ann.side == "en":
            row = conn.execute(
                "SELECT start FROM sentences WHERE doc_id = ? AND idx = ?", (ann.doc_id, ann.sentence_first)
            ).fetchone() if ann.sentence_first is not None else None
            offset = row[0] if row else None
        if offset is not None and (page := cite(conn, ann.doc_id, offset)):
            out[ann.id] = page
    return out
