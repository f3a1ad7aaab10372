"""Pages of a document (PDFs, scans): which page a passage is on, where a page starts,
and the words OCR was unsure of. What the reader's margin, *Go to page…*, search
results, notes and exports use to cite a page ("p. 12").

A paragraph keeps the page it starts on (models.Structure.page and page_label); one that
runs over a page break also keeps, in its "pages" attribute, where in its text each later
page starts: [[offset in the paragraph, page, label], ...].
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass

from desktop.library.models import Document, Paragraph


@dataclass(frozen=True)
class PageRef:
    page: int  # physical page, 1-based
    label: str  # printed label ("iv", "12"), "" when the PDF has none

    @property
    def shown(self) -> str:
        return self.label or str(self.page)

    def cite(self) -> str:
        return f"p. {self.shown}"


def _breaks(attrs: dict) -> list[tuple[int, int, str]]:
    return [(int(o), int(p), str(lbl)) for o, p, lbl in attrs.get("pages", ())]


def paragraph_page_at(paragraph: Paragraph, offset: int) -> PageRef | None:
    """The page of `offset` (in the document's text) inside `paragraph`."""
    st = paragraph.structure
    if not st.page:
        return None
    ref = PageRef(st.page, st.page_label)
    for rel, page, label in _breaks(dict(st.attrs)):
        if offset >= paragraph.start + rel:
            ref = PageRef(page, label)
    return ref


def page_at(doc: Document, offset: int) -> PageRef | None:
    """The page a position of the document's text is on (None: the document has no pages)."""
    best = None
    for p in doc.paragraphs:
        if p.start > offset:
            break
        best = p
    return paragraph_page_at(best, offset) if best is not None else None


def cite(conn: sqlite3.Connection, doc_id: int, offset: int) -> str:
    """ "p. 12" for a position in document `doc_id`'s text, "" when it has no pages."""
    row = conn.execute(
        "SELECT start, page, page_label, attrs FROM paragraphs WHERE doc_id = ? AND start <= ?"
        " ORDER BY start DESC LIMIT 1",
        (doc_id, offset),
    ).fetchone()
    if row is None or not row["page"]:
        return ""
    ref = PageRef(row["page"], row["page_label"])
    attrs = json.loads(row["attrs"]) if row["attrs"] not in ("", "{}") else {}
    for rel, page, label in _breaks(attrs):
        if offset >= row["start"] + rel:
            ref = PageRef(page, label)
    return ref.cite()


def cite_paragraphs(conn: sqlite3.Connection, paragraph_ids: list[int]) -> dict[int, str]:
    """Paragraph id -> "p. 12" (the page it starts on) for those that have a page."""
    out: dict[int, str] = {}
    for chunk in range(0, len(paragraph_ids), 500):
        ids = paragraph_ids[chunk : chunk + 500]
        marks = ",".join("?" * len(ids))
        for row in conn.execute(f"SELECT id, page, page_label FROM paragraphs WHERE id IN ({marks}) AND page > 0", ids):
            out[row["id"]] = PageRef(row["page"], row["page_label"]).cite()
    return out


def paragraph_for_page(conn: sqlite3.Connection, doc_id: int, page: str) -> int | None:
    """The index of the paragraph to show for page `page` (a printed label such as "iv" or
    "12", else a physical page number): the first paragraph starting on it, else the one
    running over it. None when the document has no such page."""
    page = page.strip()
    row = conn.execute(
        "SELECT page FROM paragraphs WHERE doc_id = ? AND page_label = ? ORDER BY idx LIMIT 1", (doc_id, page)
    ).fetchone()
    if row is None:  # a label only seen inside a paragraph running over that page
        for inner in conn.execute(
            "SELECT idx, attrs FROM paragraphs WHERE doc_id = ? AND attrs LIKE '%\"pages\"%' ORDER BY idx", (doc_id,)
        ):
            if any(label == page for _o, _p, label in _breaks(json.loads(inner["attrs"]))):
                return int(inner["idx"])
    if row is not None:
        number = int(row["page"])
    elif page.isdigit() and 0 < int(page) <= page_count(conn, doc_id):
        number = int(page)
    else:
        return None
    for sql in (
        "SELECT idx FROM paragraphs WHERE doc_id = ? AND page = ? ORDER BY idx LIMIT 1",
        "SELECT idx FROM paragraphs WHERE doc_id = ? AND page > 0 AND page < ? ORDER BY idx DESC LIMIT 1",
        "SELECT idx FROM paragraphs WHERE doc_id = ? AND page > ? ORDER BY idx LIMIT 1",
    ):
        row = conn.execute(sql, (doc_id, number)).fetchone()
        if row is not None:
            return int(row["idx"])
    return None


def page_count(conn: sqlite3.Connection, doc_id: int) -> int:
    """The number of pages of a paged document (0 for other documents)."""
    row = conn.execute("SELECT info FROM documents WHERE id = ?", (doc_id,)).fetchone()
    if row is None:
        return 0
    info = json.loads(row["info"] or "{}")
    return int(info.get("pages", "0") or 0) if str(info.get("pages", "0")).isdigit() else 0


def low_confidence_spans(conn: sqlite3.Connection, doc_id: int) -> list[tuple[int, int, float]]:
    """(start, end, confidence 0-100) of the words OCR was unsure of, in text order."""
    return [
        (r["start"], r["end"], r["confidence"])
        for r in conn.execute("SELECT start, end, confidence FROM low_confidence WHERE doc_id = ? ORDER BY start", (doc_id,))
    ]
