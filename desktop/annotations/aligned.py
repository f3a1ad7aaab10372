"""What the exports share: a document's annotations with the other language beside them,
and its aligned sentence pairs (French source, English preferring post-edits)."""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass

from desktop.annotations import store
from desktop.annotations.colours import color_labels
from desktop.annotations.store import Annotation
from desktop.library.models import Document, Sentence
from desktop.library.page_refs import PageRef, page_at
from desktop.library.store import get_document
from desktop.translation.review import PENDING, weakest
from desktop.translation.store import EnglishSide, SentenceTranslation, english_side, sentence_translations

_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_safe(text: str) -> str:
    """Text without the control characters XML 1.0 cannot carry."""
    return _XML_INVALID.sub("", text)


@dataclass
class DocumentNotes:
    """One document's annotations and what exports show beside them."""

    doc: Document
    annotations: list[Annotation]
    translations: dict[int, SentenceTranslation]
    english: EnglishSide
    labels: dict[str, str]

    def __post_init__(self) -> None:
        self._french = store.SpanIndex({s.index: (s.start, s.end) for s in self.doc.sentences})
        self._english = store.SpanIndex(self.english.sentence_spans)
        self._by_index = {s.index: s for s in self.doc.sentences}

    def sentences_of(self, ann: Annotation) -> list[Sentence]:
        """The sentences an annotation covers, in either language's numbering (same indexes)."""
        if ann.side == "fr":
            return [self._by_index[i] for i in self._french.overlapping(ann.start, ann.end)]
        first, last = ann.sentence_first, ann.sentence_last
        if ann.status == store.ANCHORED and (first is None or last is None):
            first, last = store.sentences_under(self.english, ann.start, ann.end, self._english)
        if first is None or last is None:
            return []
        return [self._by_index[i] for i in range(first, last + 1) if i in self._by_index]

    def aligned(self, ann: Annotation) -> str:
        """The other language of the passage: the English of its sentences, or their French."""
        if ann.status != store.ANCHORED:
            return ""
        sentences = self.sentences_of(ann)
        if ann.side == "fr":
            return " ".join(self.translations[s.index].text for s in sentences if s.index in self.translations)
        return " ".join(self.doc.sentence_text(s) for s in sentences)

    def review_status(self, ann: Annotation) -> str:
        """The least-checked review status of the sentences a note covers ("" when none, or
        when the note lost its passage)."""
        if ann.status != store.ANCHORED:
            return ""
        found = [self.translations[s.index].status if s.index in self.translations else PENDING for s in self.sentences_of(ann)]
        return weakest(found) or ""

    def label(self, ann: Annotation) -> str:
        return self.labels.get(ann.color, ann.color)

    def page(self, ann: Annotation) -> PageRef | None:
        """The page of the passage in a paged document (a PDF, a scan); None otherwise or
        when the passage is no longer found. English passages take their French sentence's."""
        if ann.status != store.ANCHORED:
            return None
        if ann.side == "fr":
            return page_at(self.doc, ann.start)
        sentences = self.sentences_of(ann)
        return page_at(self.doc, sentences[0].start) if sentences else None


def document_notes(conn: sqlite3.Connection, doc_id: int, model_id: str | None) -> DocumentNotes:
    doc = get_document(conn, doc_id)
    translations = sentence_translations(conn, doc, model_id)
    return DocumentNotes(
        doc=doc,
        annotations=store.list_annotations(conn, doc_id),
        translations=translations,
        english=english_side(conn, doc, model_id),
        labels=color_labels(conn),
    )


@dataclass(frozen=True)
class SentencePair:
    doc_id: int
    index: int
    source: str
    target: str | None  # None: not translated yet
    origin: str | None  # "human" (post-edit) | "mt" | None
    updated: str | None
    notes: tuple[str, ...] = ()  # notes of the highlights on this sentence
    status: str = "pending"  # review status: machine | reviewed | post-edited | pending | failed
    confidence: float | None = None  # the machine's mean token probability (0-1), if scored


def sentence_pairs(notes: DocumentNotes, *, only_highlighted: bool = False) -> list[SentencePair]:
    """The document's sentences with their English (post-edit first), in order."""
    under: dict[int, list[str]] = {}
    for ann in notes.annotations:
        if ann.status != store.ANCHORED:
            continue
        for s in notes.sentences_of(ann):
            under.setdefault(s.index, [])
            if ann.note:
                under[s.index].append(ann.note)
    pairs = []
    for s in notes.doc.sentences:
        if only_highlighted and s.index not in under:
            continue
        t = notes.translations.get(s.index)
        pairs.append(
            SentencePair(
                doc_id=notes.doc.id,
                index=s.index,
                source=notes.doc.sentence_text(s),
                target=t.text if t else None,
                origin=t.source if t else None,
                updated=t.updated if t else None,
                notes=tuple(under.get(s.index, ())),
                status=t.status if t else "pending",
                confidence=t.confidence if t else None,
            )
        )
    return pairs
