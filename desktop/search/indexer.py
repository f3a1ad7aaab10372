"""From the library to index documents, and incremental updates.

One index document per paragraph: its French text, its English text (each sentence's
post-edit, else its machine translation, joined by a space, as the reader shows it),
and the notes and tags of the annotations that sit in it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from desktop.library import store
from desktop.library.models import Document
from desktop.search.index import Progress, SearchIndex
from desktop.search.schema import paragraph_key
from desktop.translation.store import sentence_translations


@dataclass
class ParagraphRecord:
    doc_id: int
    paragraph_id: int
    paragraph_index: int
    title: str
    fr: str
    en: str = ""
    notes: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)

    def fields(self) -> dict[str, Any]:
        return {
            "key": paragraph_key(self.doc_id, self.paragraph_index),
            "doc": str(self.doc_id),
            "paragraph_id": self.paragraph_id,
            "paragraph_index": self.paragraph_index,
            "title": self.title,
            "fr": self.fr,
            "en": self.en,
            # Tags are searchable as words too (`notes:urgent`), not only as `tags:urgent`.
            "notes": "\n".join(self.notes + self.tags),
            "tags": ",".join(sorted(set(self.tags))),
        }


ModelResolver = Callable[[Document], "str | None"]


def display_model_id(doc: Document) -> str | None:
    """The model whose translations the reader shows (the newest installed fr->en)."""
    try:
        from desktop.translation.packages import find_model

        model = find_model(doc.language or "fr", "en") or find_model("fr", "en")
    except Exception:  # a broken package folder must not stop indexing
        return None
    return model.model_id if model else None


def _annotation_notes(conn: sqlite3.Connection, doc: Document) -> list[tuple[int, str, list[str]]]:
    """(paragraph index, note, tags) of a document's annotations.

    An annotation belongs to one paragraph: for the French side the first one it
    touches, for the English side the paragraph of its first sentence.
    """
    from desktop.annotations.store import annotation_paragraphs, list_annotations

    out = []
    for ann in list_annotations(conn, doc.id):
        paragraphs = annotation_paragraphs(doc, ann)
        if paragraphs:
            out.append((paragraphs[0], ann.note, list(ann.tags)))
    return out


def document_records(
    conn: sqlite3.Connection,
    doc: Document,
    model_id: str | None,
    paragraph_indexes: Iterable[int] | None = None,
) -> list[ParagraphRecord]:
    """The index documents of `doc`'s paragraphs (all, or just `paragraph_indexes`)."""
    wanted = None if paragraph_indexes is None else set(paragraph_indexes)
    translations = sentence_translations(conn, doc, model_id)
    english: dict[int, list[str]] = {}
    for s in doc.sentences:
        t = translations.get(s.index)
        if t is not None:
            english.setdefault(s.paragraph_index, []).append(t.text)
    notes: dict[int, list[str]] = {}
    tags: dict[int, list[str]] = {}
    for p_index, note, ann_tags in _annotation_notes(conn, doc):
        if note.strip():
            notes.setdefault(p_index, []).append(note)
        tags.setdefault(p_index, []).extend(ann_tags)
    return [
        ParagraphRecord(
            doc_id=doc.id,
            paragraph_id=p.id,
            paragraph_index=p.index,
            title=doc.title,
            fr=doc.paragraph_text(p),
            en=" ".join(english.get(p.index, [])),
            notes=notes.get(p.index, []),
            tags=tags.get(p.index, []),
        )
        for p in doc.paragraphs
        if wanted is None or p.index in wanted
    ]


def library_records(
    conn: sqlite3.Connection, model_id: ModelResolver = display_model_id
) -> tuple[int, Iterator[list[dict[str, Any]]]]:
    """(number of documents, the field dicts of each document in turn)."""
    ids = [r[0] for r in conn.execute("SELECT id FROM documents ORDER BY id")]

    def records() -> Iterator[list[dict[str, Any]]]:
        for doc_id in ids:
            try:
                doc = store.get_document(conn, doc_id)
            except LookupError:  # removed meanwhile
                continue
            yield [r.fields() for r in document_records(conn, doc, model_id(doc))]

    return len(ids), records()


def rebuild(
    index: SearchIndex,
    conn: sqlite3.Connection,
    progress: Progress | None = None,
    *,
    model_id: ModelResolver = display_model_id,
) -> int:
    """Rebuild the whole index from the library; returns the number of paragraphs."""
    total, records = library_records(conn, model_id)
    return index.rebuild(records, total, progress)


def update_document(
    index: SearchIndex,
    conn: sqlite3.Connection,
    doc_id: int,
    paragraph_indexes: Iterable[int] | None = None,
    *,
    model_id: ModelResolver = display_model_id,
) -> int:
    """Re-index a document's paragraphs (all when `paragraph_indexes` is None, which also
    drops paragraphs a re-import removed). A document no longer in the library is
    dropped from the index. Returns the number of paragraphs written."""
    try:
        doc = store.get_document(conn, doc_id)
    except LookupError:
        remove_document(index, doc_id)
        return 0
    wanted = None if paragraph_indexes is None else sorted(set(paragraph_indexes))
    records = document_records(conn, doc, model_id(doc), wanted)
    with index.writer() as w:
        if wanted is None:
            index.delete(w, "doc", str(doc_id))
            for r in records:
                w.add_document(**r.fields())
        else:
            present = {r.paragraph_index for r in records}
            for r in records:
                index.delete(w, "key", paragraph_key(doc_id, r.paragraph_index))
                w.add_document(**r.fields())
            for gone in set(wanted) - present:
                index.delete(w, "key", paragraph_key(doc_id, gone))
    return len(records)


def remove_document(index: SearchIndex, doc_id: int) -> None:
    with index.writer() as w:
        index.delete(w, "doc", str(doc_id))
