"""Sentences longer than a backend accepts: split at French clause boundaries, translate the
parts, join them, so every sentence gets a translation.

Real documents hold sentences of 1,000+ characters (18th-century prose, legal articles,
page debris without punctuation). Each is cut at the strongest boundary that makes its
parts fit: `;`, then `:` and dashes, then a comma before a conjunction or relative
pronoun, then any comma or parenthesis, then a bare conjunction, then word windows, and
characters as the very last resort. Neighbouring parts are merged again while they fit,
so the model sees as much context as it can. Works with any backend's `fits`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from desktop.translation.backend import SentenceResult, TranslationBackend, Waiter, WordScore

Fits = Callable[[str], bool]

_CONJ = (
    r"et|mais|ou|donc|or|ni|car|puis|alors|ainsi|qui|que|qu['’]|dont|où|lorsque|lorsqu['’]|quand|"
    r"parce|puisque|tandis|bien|afin|pour|si|s['’]il|s['’]ils|comme|sans|avant|après|depuis|dès"
)
# Each level: a pattern whose match END is a cut point (text before it goes left).
LEVELS: tuple[re.Pattern[str], ...] = (
    re.compile(r";\s+"),
    re.compile(r":\s+|\s+(?=[—–]\s)|(?<=\s[—–])\s+"),
    re.compile(rf",\s+(?=(?:{_CONJ})\b)", re.IGNORECASE),
    re.compile(r",\s+|\s+(?=\()|(?<=\))\s+"),
    re.compile(r"\s+(?=(?:et|ou|mais|qui|que|dont|où)\s)", re.IGNORECASE),
)


def _cuts(text: str, pattern: re.Pattern[str]) -> list[int]:
    return [m.end() for m in pattern.finditer(text) if 0 < m.end() < len(text)]


def _word_windows(text: str, fits: Fits) -> list[str]:
    """Greedy runs of whole words that fit; a word too long alone is halved until it fits."""
    out: list[str] = []
    current = ""
    for word in re.findall(r"\S+\s*", text):
        if current and fits(current + word):
            current += word
            continue
        if current:
            out.append(current)
        current = word
        if not fits(word):
            out.extend(_halves(word, fits))
            current = ""
    if current:
        out.append(current)
    return out


def _halves(text: str, fits: Fits) -> list[str]:
    if len(text) <= 1 or fits(text):
        return [text]
    mid = len(text) // 2
    return _halves(text[:mid], fits) + _halves(text[mid:], fits)


def split_to_fit(text: str, fits: Fits, level: int = 0) -> list[str]:
    """Consecutive pieces of `text` (joined, they are `text` exactly), each fitting."""
    if fits(text):
        return [text]
    for depth in range(level, len(LEVELS)):
        cuts = _cuts(text, LEVELS[depth])
        if not cuts:
            continue
        bounds = [0, *cuts, len(text)]
        pieces = [text[a:b] for a, b in zip(bounds, bounds[1:])]
        merged: list[str] = []
        for piece in pieces:
            if merged and fits(merged[-1] + piece):
                merged[-1] += piece
            else:
                merged.append(piece)
        out: list[str] = []
        for piece in merged:
            out.extend(split_to_fit(piece, fits, depth + 1))
        return out
    return _word_windows(text, fits)


def join_results(parts: Sequence[SentenceResult]) -> SentenceResult:
    """One result from the parts of a split sentence: texts joined by a space, the sentence
    score averaged over the parts weighted by their length, word spans shifted."""
    failed = [(i, p) for i, p in enumerate(parts) if p.failed]
    if failed:
        i, p = failed[0]
        return SentenceResult.failure(f"part {i + 1} of {len(parts)}: {p.error}")
    texts = [p.text for p in parts]
    text = " ".join(t for t in texts if t)
    weights = [max(1, len(t)) for t in texts]
    scored = [(p.score, w) for p, w in zip(parts, weights) if p.score is not None]
    score = sum(s * w for s, w in scored) / sum(w for _, w in scored) if len(scored) == len(parts) else None
    words: list[WordScore] | None = [] if all(p.words is not None for p in parts) else None
    offset = 0
    for p in parts:
        if not p.text:
            continue
        if words is not None:
            words.extend(WordScore(w.start + offset, w.end + offset, w.score) for w in p.words or ())
        offset += len(p.text) + 1
    return SentenceResult(text, score, tuple(words) if words is not None else None)


def submit_split(backend: TranslationBackend, sentences: Sequence[str]) -> Waiter:
    """`backend.submit`, with every sentence that does not fit split into parts that do;
    the waiter gives one result per input sentence, the parts joined back together."""
    flat: list[str] = []
    plan: list[range] = []
    for sentence in sentences:
        start = len(flat)
        if not sentence.strip() or backend.fits(sentence):
            flat.append(sentence)
        else:
            flat.extend(p.strip() for p in split_to_fit(sentence, backend.fits) if p.strip())
        plan.append(range(start, len(flat)))
    wait = backend.submit(flat)

    def result() -> list[SentenceResult]:
        results = wait()
        return [results[r.start] if len(r) == 1 else join_results([results[i] for i in r]) for r in plan]

    return result
