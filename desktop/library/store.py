"""Documents in the library database: save (insert or update in place), read, list, remove."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone

from desktop.library.language import needs_translation
from desktop.library.models import HEADING, IMPORTER_VERSION, PLAIN, Block, Document, Paragraph, Sentence, Structure

Segmenter = Callable[[str, int, int], list[tuple[int, int]]]
# Called inside the import transaction when a document's text changes, so that
# dependants (annotation anchors) move with it: (conn, doc_id, old_text, new_text).
UpdateHook = Callable[[sqlite3.Connection, int, str, str], None]

PARAGRAPH_SEPARATOR = "\n\n"


def now_iso() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def sentence_hash(sentence: str) -> str:
    """Key of a source sentence in the translation cache: same text, same key, any document."""
    norm = " ".join(unicodedata.normalize("NFC", sentence).split())
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()[:32]


@dataclass(frozen=True)
class Layout:
    """A document's canonical text and the spans of its paragraphs and sentences."""

    text: str
    paragraphs: list[tuple[str, int, int]]  # (kind, start, end)
    sentences: list[tuple[int, int, int]]  # (paragraph index, start, end)
    structures: list[Structure] = field(default_factory=list)  # per paragraph; empty: all PLAIN
    # (start, end, confidence) of words OCR read with a low confidence, from the blocks'
    # "low_confidence" attribute; kept apart from the paragraphs' structure.
    marks: list[tuple[int, int, float]] = field(default_factory=list)

    def structure(self, index: int) -> Structure:
        return self.structures[index] if self.structures else PLAIN


def layout(blocks: Iterable[Block], segment: Segmenter) -> Layout:
    """Join blocks into the canonical text and segment each paragraph into sentences."""
    parts: list[str] = []
    paragraphs: list[tuple[str, int, int]] = []
    structures: list[Structure] = []
    marks: list[tuple[int, int, float]] = []
    pos = 0
    for block in blocks:
        body = " ".join(block.text.split("\n")).strip()
        if not body:
            continue
        if parts:
            parts.append(PARAGRAPH_SEPARATOR)
            pos += len(PARAGRAPH_SEPARATOR)
        parts.append(body)
        paragraphs.append((block.kind, pos, pos + len(body)))
        structure = block.structure
        spans = structure.attr(LOW_CONFIDENCE)
        if spans is not None:
            marks.extend((pos + a, pos + b, conf) for a, b, conf in placed_spans(body, spans))  # type: ignore[arg-type]
            structure = replace(structure, attrs=tuple((k, v) for k, v in structure.attrs if k != LOW_CONFIDENCE))
        if block.kind == HEADING and not 1 <= structure.level <= 6:
            structure = replace(structure, level=min(max(structure.level, 1), 6))  # importers that know no levels
        structures.append(structure)
        pos += len(body)
    text = "".join(parts)
    sentences: list[tuple[int, int, int]] = []
    for p_index, (_, start, end) in enumerate(paragraphs):
        spans = segment(text, start, end) or [(start, end)]
        sentences.extend((p_index, a, b) for a, b in spans)
    if all(st == PLAIN for st in structures):
        structures = []
    return Layout(text, paragraphs, sentences, structures, marks)


LOW_CONFIDENCE = "low_confidence"  # Block attribute: ((start, end, confidence, word), ...) in its text


def placed_spans(body: str, spans) -> list[tuple[int, int, float]]:  # noqa: ANN001 - tuples from Block attrs
    """Low-confidence word spans checked against the paragraph's final text: a span whose
    word is not where it says (the text was changed after OCR) is looked for nearby, in
    order, and dropped when not found, so a mark never lands on another word."""
    out: list[tuple[int, int, float]] = []
    cursor = 0
    for a, b, conf, word in spans:
        if body[a:b] != word:
            found = body.find(word, max(cursor, a - 40), b + 40) if word else -1
            if found < 0:
                continue
            a, b = found, found + len(word)
        if a >= cursor:
            out.append((a, b, float(conf)))
            cursor = b
    return out


def _structure_row(st: Structure) -> tuple:
    attrs = json.dumps(dict(st.attrs), ensure_ascii=False, sort_keys=True) if st.attrs else "{}"
    return (st.level, st.marker, st.depth, st.group, st.row, st.col, st.page, st.page_label, attrs)


def _structure_of(row: sqlite3.Row) -> Structure:
    attrs = json.loads(row["attrs"]) if row["attrs"] not in ("", "{}") else {}
    st = Structure(
        level=row["level"],
        marker=row["marker"],
        depth=row["depth"],
        group=row["grp"],
        row=row["row"],
        col=row["col"],
        page=row["page"],
        page_label=row["page_label"],
        attrs=tuple(sorted(attrs.items())),
    )
    return PLAIN if st == PLAIN else st


@dataclass(frozen=True)
class DocumentSummary:
    id: int
    title: str
    path: str | None
    format: str
    language: str
    paragraphs: int
    sentences: int
    translated: int
    notes: int
    imported_at: str
    updated_at: str

    def as_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "title": self.title,
            "path": self.path,
            "language": self.language,
            "paragraphs": self.paragraphs,
            "sentences": self.sentences,
            "translated": self.translated,
            "needs_translation": needs_translation(self.language),
        }


def get_document_title(conn: sqlite3.Connection, doc_id: int) -> str:
    row = conn.execute("SELECT title FROM documents WHERE id = ?", (doc_id,)).fetchone()
    return row[0] if row else ""


def find_by_path(conn: sqlite3.Connection, path: str) -> sqlite3.Row | None:
    return conn.execute("SELECT id, content_hash, text FROM documents WHERE path = ?", (path,)).fetchone()


def find_by_hash(conn: sqlite3.Connection, content_hash: str) -> sqlite3.Row | None:
    return conn.execute("SELECT id, path FROM documents WHERE content_hash = ?", (content_hash,)).fetchone()


def save_document(
    conn: sqlite3.Connection,
    *,
    title: str,
    fmt: str,
    language: str,
    content_hash: str,
    lay: Layout,
    path: str | None = None,
    doc_id: int | None = None,
    on_updated: UpdateHook | None = None,
    info: dict[str, str] | None = None,
    importer_version: int = IMPORTER_VERSION,
) -> int:
    """Insert a document, or replace document `doc_id`'s content keeping its id.

    One transaction: on any error nothing of this document changes.
    """
    stamp = now_iso()
    info_json = json.dumps(info or {}, ensure_ascii=False, sort_keys=True)
    with conn:
        if doc_id is None:
            cur = conn.execute(
                "INSERT INTO documents (title, path, format, language, content_hash, text, imported_at, updated_at,"
                " info, importer_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (title, path, fmt, language, content_hash, lay.text, stamp, stamp, info_json, importer_version),
            )
            doc_id = int(cur.lastrowid)
            old_text = None
        else:
            old_text = conn.execute("SELECT text FROM documents WHERE id = ?", (doc_id,)).fetchone()[0]
            conn.execute(
                "UPDATE documents SET title = ?, path = ?, format = ?, language = ?, content_hash = ?,"
                " text = ?, updated_at = ?, info = ?, importer_version = ? WHERE id = ?",
                (title, path, fmt, language, content_hash, lay.text, stamp, info_json, importer_version, doc_id),
            )
            conn.execute("DELETE FROM paragraphs WHERE doc_id = ?", (doc_id,))
            conn.execute("DELETE FROM low_confidence WHERE doc_id = ?", (doc_id,))
        paragraph_ids = []
        for index, (kind, start, end) in enumerate(lay.paragraphs):
            cur = conn.execute(
                "INSERT INTO paragraphs (doc_id, idx, kind, start, end, level, marker, depth, grp, row, col,"
                " page, page_label, attrs) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (doc_id, index, kind, start, end, *_structure_row(lay.structure(index))),
            )
            paragraph_ids.append(cur.lastrowid)
        conn.executemany(
            "INSERT INTO sentences (doc_id, paragraph_id, idx, start, end, source_hash) VALUES (?, ?, ?, ?, ?, ?)",
            (
                (doc_id, paragraph_ids[p], i, a, b, sentence_hash(lay.text[a:b]))
                for i, (p, a, b) in enumerate(lay.sentences)
            ),
        )
        conn.executemany(
            "INSERT INTO low_confidence (doc_id, start, end, confidence) VALUES (?, ?, ?, ?)",
            ((doc_id, a, b, conf) for a, b, conf in lay.marks),
        )
        if old_text is not None and on_updated is not None and old_text != lay.text:
            on_updated(conn, doc_id, old_text, lay.text)
    return doc_id


def get_document(conn: sqlite3.Connection, doc_id: int) -> Document:
    row = conn.execute("SELECT * FROM documents WHERE id = ?", (doc_id,)).fetchone()
    if row is None:
        raise LookupError(f"no document with id {doc_id}; `glose list` shows the library")
    doc = Document(
        id=row["id"],
        title=row["title"],
        path=row["path"],
        format=row["format"],
        language=row["language"],
        content_hash=row["content_hash"],
        text=row["text"],
        imported_at=row["imported_at"],
        updated_at=row["updated_at"],
        info=json.loads(row["info"] or "{}"),
        importer_version=row["importer_version"],
    )
    doc.paragraphs = [
        Paragraph(id=r["id"], index=r["idx"], kind=r["kind"], start=r["start"], end=r["end"], structure=_structure_of(r))
        for r in conn.execute("SELECT * FROM paragraphs WHERE doc_id = ? ORDER BY idx", (doc_id,))
    ]
    p_index = {p.id: p.index for p in doc.paragraphs}
    doc.sentences = [
        Sentence(
            id=r["id"],
            index=r["idx"],
            paragraph_index=p_index[r["paragraph_id"]],
            start=r["start"],
            end=r["end"],
            source_hash=r["source_hash"],
        )
        for r in conn.execute("SELECT * FROM sentences WHERE doc_id = ? ORDER BY idx", (doc_id,))
    ]
    return doc


_SUMMARY_SQL = """
SELECT d.id, d.title, d.path, d.format, d.language, d.imported_at, d.updated_at,
  (SELECT COUNT(*) FROM paragraphs p WHERE p.doc_id = d.id) AS paragraphs,
  (SELECT COUNT(*) FROM sentences s WHERE s.doc_id = d.id) AS sentences,
  (SELECT COUNT(*) FROM sentences s WHERE s.doc_id = d.id AND (
      EXISTS (SELECT 1 FROM post_edits e WHERE e.doc_id = d.id AND e.source_hash = s.source_hash)
      OR EXISTS (SELECT 1 FROM mt_cache m WHERE m.source_hash = s.source_hash))) AS translated,
  (SELECT COUNT(*) FROM annotations a WHERE a.doc_id = d.id) AS notes
FROM documents d
"""


def _summary(row: sqlite3.Row) -> DocumentSummary:
    return DocumentSummary(**{k: row[k] for k in row.keys()})


def set_language(conn: sqlite3.Connection, doc_id: int, code: str) -> str:
    """Correct a document's detected language (what decides whether it is translated)."""
    from desktop.library.language import check_code

    code = check_code(code)
    with conn:
        if conn.execute("UPDATE documents SET language = ? WHERE id = ?", (code, doc_id)).rowcount == 0:
            raise LookupError(f"no document with id {doc_id}; `glose list` shows the library")
    return code


def list_documents(conn: sqlite3.Connection) -> list[DocumentSummary]:
    rows = conn.execute(_SUMMARY_SQL + " ORDER BY d.title COLLATE NOCASE, d.id").fetchall()
    return [_summary(r) for r in rows]


def document_summary(conn: sqlite3.Connection, doc_id: int) -> DocumentSummary:
    row = conn.execute(_SUMMARY_SQL + " WHERE d.id = ?", (doc_id,)).fetchone()
    if row is None:
        raise LookupError(f"no document with id {doc_id}; `glose list` shows the library")
    return _summary(row)


def _fold(s: str) -> str:
    decomposed = unicodedata.normalize("NFKD", s.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def resolve_document(conn: sqlite3.Connection, ref: str) -> int:
    """A document named by its id or a unique title prefix (case and accents ignored)."""
    ref = ref.strip()
    if ref.isdigit():
        if conn.execute("SELECT 1 FROM documents WHERE id = ?", (int(ref),)).fetchone():
            return int(ref)
    rows = conn.execute("SELECT id, title FROM documents").fetchall()
    key = _fold(ref)
    exact = [r for r in rows if _fold(r["title"]) == key]
    matches = exact or [r for r in rows if _fold(r["title"]).startswith(key)]
    if len(matches) == 1:
        return int(matches[0]["id"])
    if not matches:
        raise LookupError(f"no document matches {ref!r}; `glose list` shows ids and titles")
    names = ", ".join(f"{r['id']} ({r['title'][:40]})" for r in matches[:5])
    raise LookupError(f"{ref!r} matches several documents: {names}; give the id or a longer title")


def remove_document(conn: sqlite3.Connection, doc_id: int) -> None:
    with conn:
        cur = conn.execute("DELETE FROM documents WHERE id = ?", (doc_id,))
    if cur.rowcount == 0:
        raise LookupError(f"no document with id {doc_id}; `glose list` shows the library")


def get_setting(conn: sqlite3.Connection, key: str, default: str | None = None) -> str | None:
    row = conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
    return row[0] if row else default


def set_setting(conn: sqlite3.Connection, key: str, value: str) -> None:
    with conn:
        conn.execute(
            "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (key, value),
        )


def user_work(conn: sqlite3.Connection, doc_id: int) -> tuple[int, int]:
    """(annotations, post-edits) a user wrote on a document: what removing it would delete."""
    notes = conn.execute("SELECT COUNT(*) FROM annotations WHERE doc_id = ?", (doc_id,)).fetchone()[0]
    edits = conn.execute("SELECT COUNT(*) FROM post_edits WHERE doc_id = ?", (doc_id,)).fetchone()[0]
    return int(notes), int(edits)
