"""Placing annotations again after the text under them changed.

In order, for each annotation (the approach of the Hypothesis client):
1. the position, if the quote still reads there;
2. the exact quote: the only occurrence, or among several the one whose prefix/suffix
   agree best, then the one nearest the expected position;
3. a fuzzy match of the quote (rapidfuzz alignment), scored on quote, prefix, suffix and
   distance; a short quote is accepted fuzzily only if its prefix/suffix agree;
4. otherwise the annotation is marked orphaned: kept with its quote, note and tags.

The expected position comes from an `OffsetMap` of the old text onto the new one when
both are known (a re-import), so text inserted before a passage moves it exactly.
English-side annotations are looked for first inside the sentences they were made on,
so re-translating other sentences cannot pull them elsewhere.
"""

from __future__ import annotations

import bisect
import difflib
import sqlite3
from dataclasses import dataclass, field, replace

from rapidfuzz import fuzz
from rapidfuzz.distance import Indel, Levenshtein

from desktop.annotations import store
from desktop.annotations.selectors import CONTEXT_CHARS
from desktop.annotations.store import ANCHORED, ORPHANED, Annotation
from desktop.library.models import Document
from desktop.translation.store import EnglishSide, english_side

POSITION, EXACT, FUZZY = "position", "exact", "fuzzy"

QUOTE_MIN = 0.75  # quote similarity a fuzzy match needs
SHORT_QUOTE = 24  # below this many characters, a fuzzy match also needs its context
CONTEXT_MIN = 0.6  # prefix/suffix agreement that short fuzzy quotes need
# Weights of Hypothesis's match-quote.js: the quote counts most, position least.
W_QUOTE, W_PREFIX, W_SUFFIX, W_POS = 50.0, 20.0, 20.0, 2.0


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    kind: str  # position | exact | fuzzy
    score: float


def context_score(text: str, start: int, end: int, prefix: str, suffix: str) -> tuple[float, float]:
    """How well the text around [start, end) agrees with the recorded prefix and suffix (0-1 each).

    An empty prefix (suffix) was recorded at the start (end) of the text: it agrees there,
    and is neutral elsewhere.
    """
    if prefix:
        p = Indel.normalized_similarity(prefix, text[max(0, start - len(prefix)) : start])
    else:
        p = 1.0 if start == 0 else 0.5
    if suffix:
        s = Indel.normalized_similarity(suffix, text[end : end + len(suffix)])
    else:
        s = 1.0 if end >= len(text) else 0.5
    return p, s


def _exact(text: str, quote: str, lo: int, hi: int) -> list[int]:
    found = []
    pos = text.find(quote, lo, hi)
    while pos >= 0:
        found.append(pos)
        pos = text.find(quote, pos + 1, hi)
    return found


def _refine(
    text: str, quote: str, prefix: str, suffix: str, start: int, end: int, lo: int, hi: int
) -> tuple[int, int, float]:
    """Move a rough alignment's ends to where the text reads most like the quote in its context."""
    k = max(3, min(64, len(quote) // 4))

    def sim(a: int, b: int) -> float:
        return Levenshtein.normalized_similarity(quote, text[a:b])

    def score(a: int, b: int) -> tuple[float, int]:
        p, x = context_score(text, a, b, prefix, suffix)
        return sim(a, b) + 0.25 * (p + x), -abs(a - start) - abs(b - end)

    for _ in range(2):
        end = max(range(max(start + 1, end - k), min(hi, end + k) + 1), key=lambda e: score(start, e))
        start = max(range(max(lo, start - k), min(end - 1, start + k) + 1), key=lambda s: score(s, end))
    return start, end, sim(start, end)


def _fuzzy_candidates(
    text: str, quote: str, prefix: str, suffix: str, lo: int, hi: int, width: int
) -> list[tuple[int, int, float]]:
    """Best rough alignment of the quote in each of overlapping windows over [lo, hi)."""
    width = max(width, 2 * len(quote))
    step = max(1, width - 2 * len(quote))
    out: dict[tuple[int, int], float] = {}
    pos = lo
    while True:
        window_end = min(hi, pos + width)
        found = fuzz.partial_ratio_alignment(quote, text[pos:window_end], score_cutoff=QUOTE_MIN * 90)
        if found is not None and found.score > 0:
            s, e, q = _refine(text, quote, prefix, suffix, pos + found.dest_start, pos + found.dest_end, lo, hi)
            if e > s:
                out[(s, e)] = q
        if window_end >= hi:
            break
        pos += step
    return [(s, e, q) for (s, e), q in out.items()]


def _fuzzy(text: str, quote: str, prefix: str, suffix: str, hint: int, lo: int, hi: int) -> Match | None:
    """The best acceptable fuzzy match: looked for finely near `hint`, then coarsely everywhere
    (one alignment per 8 KB window keeps an orphan's search in a long text to milliseconds)."""
    reach = max(2048, 8 * len(quote))
    near = (max(lo, hint - reach), min(hi, hint + len(quote) + reach))
    span = max(1, len(text))
    passes = [(near, max(4 * len(quote), 256))]
    if near != (lo, hi):
        passes.append(((lo, hi), max(4 * len(quote), 8192)))
    for (a, b), width in passes:
        scored: list[tuple[float, int, int]] = []
        for s, e, q in _fuzzy_candidates(text, quote, prefix, suffix, a, b, width):
            if q < QUOTE_MIN:
                continue
            p, x = context_score(text, s, e, prefix, suffix)
            if len(quote) < SHORT_QUOTE and (p + x) / 2 < CONTEXT_MIN:
                continue
            pos_score = 1.0 - abs(s - hint) / span
            total = (W_QUOTE * q + W_PREFIX * p + W_SUFFIX * x + W_POS * pos_score) / (W_QUOTE + W_PREFIX + W_SUFFIX + W_POS)
            scored.append((total, s, e))
        if scored:
            total, s, e = max(scored, key=lambda t: (t[0], -abs(t[1] - hint)))
            return Match(s, e, FUZZY, total)
    return None


def locate(
    text: str,
    quote: str,
    prefix: str,
    suffix: str,
    hint: int,
    *,
    lo: int = 0,
    hi: int | None = None,
    fuzzy: bool = True,
) -> Match | None:
    """Where `quote` is now in text[lo:hi], expected near `hint`; None if nowhere good enough."""
    hi = len(text) if hi is None else min(hi, len(text))
    if not quote or hi <= lo:
        return None
    if lo <= hint and hint + len(quote) <= hi and text[hint : hint + len(quote)] == quote:
        return Match(hint, hint + len(quote), POSITION, 1.0)
    exact = _exact(text, quote, lo, hi)
    if len(exact) == 1:
        return Match(exact[0], exact[0] + len(quote), EXACT, 1.0)
    if exact:

        def key(s: int) -> tuple[float, int]:
            p, q = context_score(text, s, s + len(quote), prefix, suffix)
            return round(p + q, 3), -abs(s - hint)

        best = max(exact, key=key)
        return Match(best, best + len(quote), EXACT, 1.0)
    if not fuzzy:
        return None
    return _fuzzy(text, quote, prefix, suffix, hint, lo, hi)


class OffsetMap:
    """Maps positions in an old text to where they most likely are in a new one.

    Paragraphs (blank-line separated) are diffed; inside an edited paragraph the common
    beginning and end map exactly. Only a hint: anchoring still checks the quote.
    """

    def __init__(self, old: str, new: str) -> None:
        old_pars, old_starts = _paragraphs(old)
        new_pars, new_starts = _paragraphs(new)
        blocks: list[tuple[int, int, int, int]] = []  # old_a, old_b, new_a, new_b; exact when lengths agree
        matcher = difflib.SequenceMatcher(None, old_pars, new_pars, autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            oa, ob = _span(old_starts, old_pars, i1, i2, len(old))
            na, nb = _span(new_starts, new_pars, j1, j2, len(new))
            if tag == "equal":
                blocks.append((oa, ob, na, nb))
            elif tag == "replace" and i2 - i1 == j2 - j1:
                for k in range(i2 - i1):
                    blocks.extend(_edited_paragraph(old_pars[i1 + k], new_pars[j1 + k], old_starts[i1 + k], new_starts[j1 + k]))
            else:
                blocks.append((oa, ob, na, nb))
        self._blocks = sorted(blocks)
        self._starts = [b[0] for b in self._blocks]
        self._new_len = len(new)

    def __call__(self, pos: int) -> int:
        i = bisect.bisect_right(self._starts, pos) - 1
        if i < 0:
            return min(pos, self._new_len)
        oa, ob, na, nb = self._blocks[i]
        if ob - oa == nb - na:
            return min(na + (pos - oa), self._new_len)
        return min(na + min(pos - oa, nb - na), self._new_len)


def _paragraphs(text: str) -> tuple[list[str], list[int]]:
    pars = text.split("\n\n")
    starts, pos = [], 0
    for p in pars:
        starts.append(pos)
        pos += len(p) + 2
    return pars, starts


def _span(starts: list[int], pars: list[str], i1: int, i2: int, total: int) -> tuple[int, int]:
    if i1 >= len(pars):
        return total, total
    a = starts[i1]
    b = starts[i2] if i2 < len(pars) else total
    return a, b


def _edited_paragraph(old: str, new: str, old_at: int, new_at: int) -> list[tuple[int, int, int, int]]:
    head = 0
    limit = min(len(old), len(new))
    while head < limit and old[head] == new[head]:
        head += 1
    tail = 0
    while tail < limit - head and old[-1 - tail] == new[-1 - tail]:
        tail += 1
    blocks = [(old_at, old_at + head, new_at, new_at + head)]
    blocks.append((old_at + head, old_at + len(old) - tail, new_at + head, new_at + len(new) - tail))
    # The tail, plus the paragraph separator after it, shifts by the length difference.
    blocks.append((old_at + len(old) - tail, old_at + len(old) + 2, new_at + len(new) - tail, new_at + len(new) + 2))
    return [b for b in blocks if b[1] > b[0]]


@dataclass
class ReanchorReport:
    position: int = 0
    exact: int = 0
    fuzzy: int = 0
    skipped: int = 0  # English side: its sentences are not translated yet
    orphaned: list[str] = field(default_factory=list)
    changed: list[Annotation] = field(default_factory=list)  # as stored now

    def count(self, kind: str) -> None:
        setattr(self, kind, getattr(self, kind) + 1)


def _placed(ann: Annotation, text: str, match: Match) -> Annotation:
    """The annotation at `match`, its quote and context read from the current text."""
    return replace(
        ann,
        start=match.start,
        end=match.end,
        quote=text[match.start : match.end],
        prefix=text[max(0, match.start - CONTEXT_CHARS) : match.start],
        suffix=text[match.end : match.end + CONTEXT_CHARS],
        status=ANCHORED,
    )


def _settle(ann: Annotation, new: Annotation | None, report: ReanchorReport, match: Match | None) -> None:
    if match is None:
        new = replace(ann, status=ORPHANED)
        report.orphaned.append(ann.id)
    else:
        report.count(match.kind)
    assert new is not None
    if new != ann:
        report.changed.append(new)


def reanchor_french(conn: sqlite3.Connection, doc_id: int, old_text: str | None, new_text: str) -> ReanchorReport:
    """Re-place a document's French-side annotations on its new text (saved, durable)."""
    report = ReanchorReport()
    offsets = OffsetMap(old_text, new_text) if old_text is not None else None
    for ann in store.list_annotations(conn, doc_id, side="fr"):
        hint = offsets(ann.start) if offsets is not None and ann.status == ANCHORED else ann.start
        match = locate(new_text, ann.quote, ann.prefix, ann.suffix, hint)
        _settle(ann, _placed(ann, new_text, match) if match else None, report, match)
    store.write_anchors(conn, report.changed)
    return report


def reanchor_english(
    conn: sqlite3.Connection,
    doc: Document,
    model_id: str | None,
    *,
    english: EnglishSide | None = None,
    trust_sentences: bool = True,
) -> ReanchorReport:
    """Re-place a document's English-side annotations on its current English text.

    Call after a post-edit, a revert or new machine translation. Each annotation is looked
    for first within the translation of the sentences it was made on; while any of those
    is still untranslated it is left as it is. `trust_sentences=False` (after a re-import
    renumbered the sentences) searches the whole text.
    """
    english = english if english is not None else english_side(conn, doc, model_id)
    text = english.text
    index = store.SpanIndex(english.sentence_spans)
    report = ReanchorReport()
    for ann in store.list_annotations(conn, doc.id, side="en"):
        match = None
        region = _sentence_region(english, ann) if trust_sentences else None
        if region == "pending":
            report.skipped += 1
            continue
        if region is not None:
            lo, hi = region
            hint = lo + (ann.sentence_offset or 0)
            match = locate(text, ann.quote, ann.prefix, ann.suffix, hint, lo=lo, hi=hi)
        if match is None:
            match = locate(text, ann.quote, ann.prefix, ann.suffix, ann.start)
        new = None
        if match is not None:
            new = _placed(ann, text, match)
            first, last, offset = store.english_anchor_fields(english, match.start, match.end, index)
            new = replace(new, sentence_first=first, sentence_last=last, sentence_offset=offset)
        _settle(ann, new, report, match)
    store.write_anchors(conn, report.changed)
    return report


def _sentence_region(english: EnglishSide, ann: Annotation) -> tuple[int, int] | str | None:
    first, last = ann.sentence_first, ann.sentence_last
    if first is None or last is None:
        return None
    spans = [english.sentence_spans.get(i) for i in range(first, last + 1)]
    if any(s is None for s in spans):
        return None  # sentences renumbered: search the whole text
    if any(a == b for a, b in spans):  # type: ignore[misc]
        return "pending"
    return spans[0][0], spans[-1][1]  # type: ignore[index]


def waiting_for_translation(ann: Annotation, english: EnglishSide) -> bool:
    """Whether an orphaned English-side annotation may only be waiting for the translation
    of its sentences (e.g. imported before the document was translated here), rather than
    lost: its sentences, or when unknown any sentence of the document, are untranslated.
    Such an annotation is placed by the re-anchoring that follows the translation."""
    if ann.side != "en" or ann.status != ORPHANED:
        return False
    region = _sentence_region(english, ann)
    if region == "pending":
        return True
    if region is not None:
        return False
    return any(a == b for a, b in english.sentence_spans.values())


def anchor_imported(text: str, ann: Annotation) -> Annotation:
    """An annotation from another library placed on this library's text of its side."""
    match = locate(text, ann.quote, ann.prefix, ann.suffix, ann.start)
    if match is None:
        return replace(ann, status=ORPHANED)
    return _placed(ann, text, match)
