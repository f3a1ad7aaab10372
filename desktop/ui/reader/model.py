"""What the reader shows, computed off the UI thread: a document, its English side,
glossary flags and annotations, plus the maps between canonical offsets and paragraphs.

No Qt here: `load_view` runs in a worker with its own connection.
"""

from __future__ import annotations

import bisect
import gc
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from desktop.library.language import needs_translation
from desktop.library.models import HEADING, LIST_ITEM, Document
from desktop.library.store import get_document
from desktop.translation import store as tstore
from desktop.translation.failures import sentence_failures

FR, EN = "fr", "en"


@dataclass(frozen=True)
class SentenceSpan:
    index: int  # sentence index in the document
    start: int  # offset inside the paragraph's text on that side
    end: int


@dataclass
class ParagraphView:
    index: int
    kind: str
    fr_text: str
    en_text: str  # translated sentences joined by a space ("" when all pending)
    fr_sentences: list[SentenceSpan]
    en_sentences: list[SentenceSpan]  # pending sentences have start == end
    pending: int  # sentences of this paragraph without a translation
    human: set[int] = field(default_factory=set)  # sentence indexes with a post-edit
    flagged: dict[int, str] = field(default_factory=dict)  # sentence index -> tooltip
    failed: dict[int, str] = field(default_factory=dict)  # sentence index -> why the model could not translate it

    @property
    def is_heading(self) -> bool:
        return self.kind == HEADING

    @property
    def is_list_item(self) -> bool:
        return self.kind == LIST_ITEM


@dataclass
class DocView:
    doc: Document
    model_id: str | None
    paragraphs: list[ParagraphView]
    english: tstore.EnglishSide
    annotations: list = field(default_factory=list)
    sentence_paragraph: dict[int, int] = field(default_factory=dict)
    makers: dict[str, int] = field(default_factory=dict)  # model id -> sentences whose MT it made

    def __post_init__(self) -> None:
        self._fr_starts = [p.start for p in self.doc.paragraphs]
        self._en_starts = [a for a, _ in self.english.paragraph_spans]
        if not self.sentence_paragraph:
            self.sentence_paragraph = {s.index: s.paragraph_index for s in self.doc.sentences}

    @property
    def pending(self) -> int:
        return sum(p.pending for p in self.paragraphs)

    @property
    def total_sentences(self) -> int:
        return len(self.doc.sentences)

    def paragraph_start(self, side: str, paragraph: int) -> int:
        """Canonical offset where a paragraph starts on a side."""
        if side == FR:
            return self.doc.paragraphs[paragraph].start
        return self.english.paragraph_spans[paragraph][0]

    def locate(self, side: str, offset: int) -> tuple[int, int]:
        """(paragraph, offset inside it) of a canonical offset on a side."""
        starts = self._fr_starts if side == FR else self._en_starts
        if not starts:
            return 0, 0
        p = max(0, bisect.bisect_right(starts, offset) - 1)
        return p, offset - starts[p]

    def segments(self, side: str, start: int, end: int) -> list[tuple[int, int, int]]:
        """A canonical span split per paragraph: (paragraph, start, end) inside paragraph text."""
        out: list[tuple[int, int, int]] = []
        p, _ = self.locate(side, start)
        while p < len(self.paragraphs):
            base = self.paragraph_start(side, p)
            text_len = len(self.paragraphs[p].fr_text if side == FR else self.paragraphs[p].en_text)
            if base >= end and out:
                break
            a, b = max(0, start - base), min(text_len, end - base)
            if a < b:
                out.append((p, a, b))
            if base + text_len >= end:
                break
            p += 1
        return out

    def sentences_in(self, side: str, start: int, end: int) -> list[int]:
        """Sentence indexes whose text on `side` overlaps the canonical span."""
        hits: list[int] = []
        for p, a, b in self.segments(side, start, end):
            par = self.paragraphs[p]
            spans = par.fr_sentences if side == FR else par.en_sentences
            hits.extend(s.index for s in spans if s.start < s.end and s.start < b and a < s.end)
        return hits

    def sentence_span(self, side: str, sentence: int) -> tuple[int, int, int] | None:
        """(paragraph, start, end) of a sentence on a side; None when pending."""
        p = self.sentence_paragraph.get(sentence)
        if p is None:
            return None
        par = self.paragraphs[p]
        for s in par.fr_sentences if side == FR else par.en_sentences:
            if s.index == sentence:
                return (p, s.start, s.end) if s.end > s.start else None
        return None

    def sentence_at(self, side: str, paragraph: int, offset: int) -> int | None:
        if not 0 <= paragraph < len(self.paragraphs):
            return None
        par = self.paragraphs[paragraph]
        spans = par.fr_sentences if side == FR else par.en_sentences
        for s in spans:
            if s.start <= offset < s.end or (offset == s.end and s is spans[-1] and s.end > s.start):
                return s.index
        # Between sentences (on the joining space): the one that follows.
        for s in spans:
            if s.end > s.start and offset < s.start:
                return s.index
        return None

    def french_sentence(self, sentence: int) -> str:
        s = self.doc.sentences[sentence]
        return self.doc.sentence_text(s)

    def english_sentence(self, sentence: int) -> str:
        span = self.english.sentence_spans.get(sentence)
        return self.english.text[span[0] : span[1]] if span else ""


def build_view(
    doc: Document,
    english: tstore.EnglishSide,
    translations: dict,
    flags: dict,
    annotations: list,
    model_id: str | None,
    failures: dict[int, str] | None = None,
) -> DocView:
    failures = failures or {}
    by_par: dict[int, list] = {}
    for s in doc.sentences:
        by_par.setdefault(s.paragraph_index, []).append(s)
    translatable = needs_translation(doc.language)  # one already in English waits for nothing
    paragraphs: list[ParagraphView] = []
    for p in doc.paragraphs:
        sentences = by_par.get(p.index, [])
        en_a, en_b = english.paragraph_spans[p.index] if p.index < len(english.paragraph_spans) else (0, 0)
        en_spans = []
        pending = 0
        human: set[int] = set()
        flagged: dict[int, str] = {}
        failed = {s.index: failures[s.index] for s in sentences if s.index in failures}
        for s in sentences:
            a, b = english.sentence_spans.get(s.index, (en_a, en_a))
            en_spans.append(SentenceSpan(s.index, a - en_a, b - en_a))
            t = translations.get(s.index)
            if t is None and s.index not in failed:
                pending += translatable
            elif getattr(t, "source", "mt") == "human":
                human.add(s.index)
            if s.index in flags:
                flagged[s.index] = "; ".join(
                    f"{f.source_term} → {' / '.join(f.expected)}" for f in flags[s.index]
                )
        paragraphs.append(
            ParagraphView(
                index=p.index,
                kind=p.kind,
                fr_text=doc.text[p.start : p.end],
                en_text=english.text[en_a:en_b],
                fr_sentences=[SentenceSpan(s.index, s.start - p.start, s.end - p.start) for s in sentences],
                en_sentences=en_spans,
                pending=pending,
                human=human,
                flagged=flagged,
                failed=failed,
            )
        )
    makers: dict[str, int] = {}
    for t in translations.values():
        if getattr(t, "source", "mt") == "mt" and getattr(t, "model", None):
            makers[t.model] = makers.get(t.model, 0) + 1
    return DocView(doc, model_id, paragraphs, english, annotations, makers=makers)


def current_model_id(packages_dir: Path | None, data_dir: Path | None = None) -> str | None:
    """Whose translations show first: the configured server's, else the local model's."""
    try:
        from desktop.translation.backends import preferred_model_id

        return preferred_model_id(data_dir, packages_dir)
    except Exception:  # a broken package folder must not stop reading
        return None


def glossary_flags(conn: sqlite3.Connection, doc: Document, translations: dict) -> dict:
    try:
        from desktop.translation.glossary import flag_sentences
    except ImportError:
        return {}
    try:
        return flag_sentences(conn, doc, translations)
    except sqlite3.Error:
        return {}


def document_annotations(conn: sqlite3.Connection, doc_id: int) -> list:
    try:
        from desktop.annotations.store import list_annotations
    except ImportError:
        return []
    return [a for a in list_annotations(conn, doc_id) if a.status == "anchored"]


def load_view_with(conn: sqlite3.Connection, doc_id: int, model_id: str | None) -> DocView:
    doc = get_document(conn, doc_id)
    translations = tstore.sentence_translations(conn, doc, model_id)
    english = tstore.english_from(doc, translations)
    flags = glossary_flags(conn, doc, translations)
    failures = sentence_failures(conn, doc, model_id, set(translations))
    return build_view(doc, english, translations, flags, document_annotations(conn, doc_id), model_id, failures)


# A view of a long document is ~100,000 Python objects. The cyclic GC scans every live
# object on a full collection, holding the GIL: with a 3 MB document open that was a
# 100-150 ms freeze of the UI every few seconds. Large views are built with the collector
# paused and then frozen (gc.freeze: never scanned; still freed by reference counting,
# and DocView holds no reference cycles).
LARGE_VIEW_SENTENCES = 2000


def load_view(connect: Callable[[], sqlite3.Connection], doc_id: int, packages_dir: Path | None, data_dir: Path | None = None) -> DocView:
    """Worker entry point: everything the reader needs to draw a document."""
    conn = connect()
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        view = load_view_with(conn, doc_id, current_model_id(packages_dir, data_dir))
    finally:
        conn.close()
        if was_enabled:
            gc.enable()
    if len(view.doc.sentences) >= LARGE_VIEW_SENTENCES:
        gc.freeze()
    return view
