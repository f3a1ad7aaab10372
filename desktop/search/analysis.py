"""French and English text analysis for the search index.

One analyzer class does tokenizing, compound splitting, case and accent folding,
stop words and stemming in a single pass: Whoosh's generic filter chain cannot
give the parts of a hyphenated compound the positions phrases need, and one loop
is also much faster in pure Python than six chained generators.

Accents are folded BEFORE stemming, so `securite`, `sécurité` and `SÉCURITÉ` meet.
The Snowball French stemmer expects accents (`-ière`, `-ité`, `-ée`), so a few
follow-up rules (`_FRENCH_AFTER`) merge the stems its accentless input leaves apart
(`reguliere`/`reguliers`, `adoptee`/`adopte`). Index and queries use the same code,
so what matters is consistency, not linguistic beauty.
"""

from __future__ import annotations

import re
from array import array
from bisect import insort
from collections.abc import Callable, Iterator
from functools import lru_cache
from typing import Any

from whoosh.analysis import Analyzer, Token
from whoosh.formats import Positions
from whoosh.system import _INT_SIZE, pack_uint
from whoosh.lang.porter2 import stem as _english_stem
from whoosh.lang.snowball.french import FrenchStemmer
from whoosh.lang.stopwords import stoplists
from whoosh.support.charset import accent_map

# A word: letters/digits, possibly joined by hyphens into a compound (Sud-Est,
# 2025-10-14). Apostrophes (' and ’) are not part of words, so elisions split:
# l'immigration -> l + immigration, and the clitic is a stop word.
WORD = re.compile(r"\w+(?:[-‐‑]\w+)*")
_HYPHENS = re.compile(r"[-‐‑]")

_FOLD = dict(accent_map)
_FOLD.update({ord("œ"): "oe", ord("æ"): "ae", ord("ß"): "ss"})


def fold(text: str) -> str:
    """Lower case without accents: `SÉCURITÉ` -> `securite`, `Œuvre` -> `oeuvre`."""
    return text.casefold().translate(_FOLD)


# Clitics left over from elisions (l', d', qu', jusqu'...) plus the usual stop words.
_FRENCH_ELISIONS = {"l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu", "presqu"}
# Whoosh's French list lacks some of the commonest words (les, cette, dont...).
_FRENCH_EXTRA = {
    "les", "cet", "cette", "ceux", "celle", "celles", "celui", "cela", "ceci", "dont", "leurs",
    "tout", "tous", "toute", "toutes", "aussi", "ainsi", "comme", "donc", "car", "ni", "très",
}  # fmt: skip
FRENCH_STOP_WORDS = frozenset(fold(w) for w in stoplists["fr"]) | _FRENCH_ELISIONS | frozenset(map(fold, _FRENCH_EXTRA))
ENGLISH_STOP_WORDS = frozenset(fold(w) for w in stoplists["en"]) | {"s", "t", "d", "ll", "re", "ve", "m"}

_french = FrenchStemmer()


def _french_after(stem: str) -> str:
    # The accentless forms of -é/-ée/-ées and -ier/-ière/-iers stem apart; merge them.
    while len(stem) > 3 and stem.endswith("e"):
        stem = stem[:-1]
    if len(stem) > 4 and stem.endswith("ier"):
        stem = stem[:-2]
    elif len(stem) > 6 and stem.endswith("er"):
        stem = stem[:-2]
    return stem


@lru_cache(maxsize=200_000)
def french_stem(folded: str) -> str:
    """The stem of an already folded French word."""
    if len(folded) < 3 or folded.isdigit():
        return folded
    return _french_after(_french.stem(folded))


@lru_cache(maxsize=200_000)
def english_stem(folded: str) -> str:
    if len(folded) < 3 or folded.isdigit():
        return folded
    return _english_stem(folded)


@lru_cache(maxsize=200_000)
def _french_word_term(word: str) -> str:
    folded = fold(word)
    return "" if folded in FRENCH_STOP_WORDS else french_stem(folded)


@lru_cache(maxsize=200_000)
def _english_word_term(word: str) -> str:
    folded = fold(word)
    return "" if folded in ENGLISH_STOP_WORDS else english_stem(folded)


# language -> word as written -> what it adds to the index (see _index_term). Bounded:
# cleared when full (a library's vocabulary, surface forms included, is far smaller).
_INDEX_TERMS: dict[str, dict[str, str | tuple[str, ...]]] = {"fr": {}, "en": {}}
_INDEX_TERMS_LIMIT = 500_000


def _index_term(lang: str, word: str) -> str | tuple[str, ...]:
    """The index term of one word as written; "" for a stop word; for a compound
    (Sud-Est) the terms of its parts followed by the term of the joined form."""
    stemmer = french_stem if lang == "fr" else english_stem
    folded = fold(word)
    if "-" in folded or "‐" in folded or "‑" in folded:
        parts = _HYPHENS.split(folded)
        return (*(stemmer(p) for p in parts), stemmer(_HYPHENS.sub("", folded)))
    stops = FRENCH_STOP_WORDS if lang == "fr" else ENGLISH_STOP_WORDS
    return "" if folded in stops else stemmer(folded)


def _is_word_char(c: str) -> bool:
    return c.isalnum() or c == "_"  # what \w matches


def _occurrences(text: str, word: str) -> Iterator[tuple[int, int]]:
    """Where WORD would yield exactly `word` (a word or a compound): not inside a
    longer word, nor joined to one by a hyphen."""
    n, size = len(word), len(text)
    i = text.find(word)
    while i != -1:
        j = i + n
        before = i > 0 and (
            _is_word_char(text[i - 1]) or (text[i - 1] in "-‐‑" and i > 1 and _is_word_char(text[i - 2]))
        )
        after = j < size and (
            _is_word_char(text[j]) or (text[j] in "-‐‑" and j + 1 < size and _is_word_char(text[j + 1]))
        )
        if not before and not after:
            yield i, j
        i = text.find(word, i + 1)


class TextAnalyzer(Analyzer):
    """Whoosh analyzer for one language (`fr` or `en`).

    Compounds: at index time `Sud-Est` yields its parts `sud` and `est` at consecutive
    positions (so the phrase "Asie du Sud Est" and the words `sud`, `est` find it) and the
    joined form `sudest` at the first part's position. At query time it yields the parts
    only, and fields use phrase queries for multi-token words, so `Sud-Est` means the
    phrase "sud est". Compound parts are never stop words (`est` in `Sud-Est` counts).
    Stop words take no position, so phrases match across them (`Asie du Sud-Est` =
    "asie sud est").
    """

    is_morph = True

    def __init__(self, lang: str) -> None:
        if lang not in ("fr", "en"):
            raise ValueError(f"no analyzer for language {lang!r}")
        self.lang = lang

    def __eq__(self, other: object) -> bool:
        return isinstance(other, TextAnalyzer) and other.lang == self.lang

    def __hash__(self) -> int:
        return hash(("TextAnalyzer", self.lang))

    def __repr__(self) -> str:
        return f"TextAnalyzer({self.lang!r})"

    def has_morph(self) -> bool:
        return True

    def stem(self, folded: str) -> str:
        """The index term of one already folded word."""
        return french_stem(folded) if self.lang == "fr" else english_stem(folded)

    def positions(self, value: str) -> dict[str, list[int]]:
        """Index term -> its positions in `value`: what __call__ yields in index mode, as
        the postings need it (FastPositions, the rebuild), without a Token per word.

        The build's hot loop: each word as written is folded, stop-checked and stemmed
        once (`_INDEX_TERMS`), then costs one dict lookup per occurrence."""
        cache = _INDEX_TERMS[self.lang]
        get = cache.get
        out: dict[str, list[int]] = {}
        pos = 0
        for word in WORD.findall(value):
            term = get(word)
            if term is None:
                if len(cache) >= _INDEX_TERMS_LIMIT:
                    cache.clear()
                term = cache[word] = _index_term(self.lang, word)
            if not term:  # a stop word: no position
                continue
            if term.__class__ is str:
                found = out.get(term)
                if found is None:
                    out[term] = [pos]
                else:
                    found.append(pos)
                pos += 1
            else:  # a compound: its parts, then the joined form at the first part's position
                first = pos
                for part in term[:-1]:
                    out.setdefault(part, []).append(pos)
                    pos += 1
                joined = out.setdefault(term[-1], [])
                if joined and joined[-1] > first:  # the joined form is also a part's term
                    insort(joined, first)
                else:
                    joined.append(first)
        return out

    def index_tokens(self, value: str) -> tuple[list[str], list[int] | None]:
        """The index terms of `value` in text order, with their positions (None: 0, 1,
        2...): the same postings as `positions`, for the rebuild (bulk.BulkWriter), with
        the per-word work done by C loops (findall, map) except around compounds. A
        compound's joined form comes first, at its first part's position, so positions
        never decrease."""
        cache = _INDEX_TERMS[self.lang]
        words = WORD.findall(value)
        terms: list[Any] = list(map(cache.get, words))
        if None in terms:
            for k in [k for k, t in enumerate(terms) if t is None]:
                if len(cache) >= _INDEX_TERMS_LIMIT:
                    cache.clear()
                terms[k] = cache[words[k]] = _index_term(self.lang, words[k])
        if tuple not in set(map(type, terms)):
            return [t for t in terms if t], None
        out: list[str] = []
        positions: list[int] = []
        pos = start = 0
        for k in [k for k, t in enumerate(terms) if t.__class__ is tuple]:
            run = [t for t in terms[start:k] if t]
            out += run
            positions += range(pos, pos + len(run))
            pos += len(run)
            compound = terms[k]
            out.append(compound[-1])
            positions.append(pos)
            out += compound[:-1]
            positions += range(pos, pos + len(compound) - 1)
            pos += len(compound) - 1
            start = k + 1
        run = [t for t in terms[start:] if t]
        out += run
        positions += range(pos, pos + len(run))
        return out, positions

    def spans(self, text: str, wanted: frozenset[str] | set[str]) -> list[tuple[int, int]]:
        """(start, end) of the words of `text` whose index term is in `wanted`.

        The same analysis as __call__ without the Token machinery: snippets call this
        for every hit shown. Each distinct word is looked up once, then the few matching
        ones are found with str.find (`_spans` is the word-by-word reference).
        """
        cache = _INDEX_TERMS[self.lang]
        matched = []
        compounds = []
        for word in set(WORD.findall(text)):
            term = cache.get(word)
            if term is None:
                if len(cache) >= _INDEX_TERMS_LIMIT:
                    cache.clear()
                term = cache[word] = _index_term(self.lang, word)
            if term.__class__ is str:
                if term and term in wanted:
                    matched.append(word)
            elif any(t in wanted for t in term):
                compounds.append((word, term))
        if len(matched) == 1 and not compounds:
            return list(_occurrences(text, matched[0]))
        out = [span for word in matched for span in _occurrences(text, word)]
        for word, term in compounds:
            parts = _HYPHENS.split(word)
            for start, end in _occurrences(text, word):
                if term[-1] in wanted:  # the joined form
                    out.append((start, end))
                    continue
                hits = []
                for part, part_term in zip(parts, term):
                    if part_term in wanted:
                        hits.append((start, start + len(part)))
                    start += len(part) + 1
                # Sud-Est searched as "sud est": mark the compound as one.
                out.extend([(hits[0][0], end)] if len(hits) == len(parts) else hits)
        return sorted(out)

    def _spans(self, text: str, wanted: frozenset[str] | set[str]) -> list[tuple[int, int]]:
        stemmer = french_stem if self.lang == "fr" else english_stem
        term_of = _french_word_term if self.lang == "fr" else _english_word_term  # cached per word
        out = []
        for match in WORD.finditer(text):
            word = match.group(0)
            if "-" in word or "‐" in word or "‑" in word:
                if stemmer(fold(_HYPHENS.sub("", word))) in wanted:
                    out.append((match.start(), match.end()))
                    continue
                offset = match.start()
                parts = _HYPHENS.split(word)
                hits = []
                for part in parts:
                    if stemmer(fold(part)) in wanted:
                        hits.append((offset, offset + len(part)))
                    offset += len(part) + 1
                # Sud-Est searched as "sud est": mark the compound as one.
                out.extend([(match.start(), match.end())] if len(hits) == len(parts) else hits)
                continue
            if term_of(word) in wanted:
                out.append((match.start(), match.end()))
        return out

    def is_stop_word(self, word: str) -> bool:
        return fold(word) in (FRENCH_STOP_WORDS if self.lang == "fr" else ENGLISH_STOP_WORDS)

    def _parts(self) -> tuple[frozenset[str], Callable[[str], str]]:
        if self.lang == "fr":
            return FRENCH_STOP_WORDS, french_stem
        return ENGLISH_STOP_WORDS, english_stem

    def __call__(  # noqa: PLR0913 - Whoosh's analyzer protocol
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        no_morph: bool = False,
        **kwargs: object,
    ) -> Iterator[Token]:
        stops, stemmer = self._parts()
        stem = (lambda s: s) if no_morph else stemmer
        t = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        t.boost = 1.0
        if not tokenize:
            # Prefix, wildcard and fuzzy terms: the whole text as one term.
            t.original = t.text = stem(fold(value))
            t.stopped = False
            if positions:
                t.pos = start_pos
            if chars:
                t.startchar, t.endchar = start_char, start_char + len(value)
            yield t
            return
        index_mode = mode != "query"
        pos = start_pos
        for match in WORD.finditer(value):
            word = match.group(0)
            if "-" in word or "‐" in word or "‑" in word:
                offset = match.start()
                first_pos = pos
                for part in _HYPHENS.split(word):
                    folded = fold(part)
                    t.text = stem(folded)
                    t.stopped = False
                    if keeporiginal:
                        t.original = part
                    if positions:
                        t.pos = pos
                    if chars:
                        t.startchar = start_char + offset
                        t.endchar = t.startchar + len(part)
                    offset += len(part) + 1
                    pos += 1
                    yield t
                if index_mode:
                    t.text = stem(fold(_HYPHENS.sub("", word)))
                    if keeporiginal:
                        t.original = word
                    if positions:
                        t.pos = first_pos
                    if chars:
                        t.startchar, t.endchar = start_char + match.start(), start_char + match.end()
                    yield t
                continue
            folded = fold(word)
            if folded in stops:
                if not removestops:
                    t.text = folded
                    t.stopped = True
                    if keeporiginal:
                        t.original = word
                    if positions:
                        t.pos = pos
                    if chars:
                        t.startchar, t.endchar = start_char + match.start(), start_char + match.end()
                    yield t
                continue
            t.text = stem(folded)
            t.stopped = False
            if keeporiginal:
                t.original = word
            if positions:
                t.pos = pos
            if chars:
                t.startchar, t.endchar = start_char + match.start(), start_char + match.end()
            pos += 1
            yield t


class FastPositions(Positions):
    """Whoosh's Positions format, filled by TextAnalyzer.positions in one pass instead of
    through a stream of Token objects (the build's hot loop), and storing positions as
    raw little-endian uint32 after Whoosh's count header instead of a pickled delta list,
    so that phrase checks decode thousands of postings with one numpy call
    (scoring.VectorSearch.phrase)."""

    def encode(self, poslist: list[int]) -> bytes:
        return pack_uint(len(poslist)) + array("I", poslist).tobytes()

    def decode_positions(self, valuestring: bytes) -> list[int]:
        positions = array("I")
        positions.frombytes(valuestring[_INT_SIZE:])
        return positions.tolist()

    def word_values(self, value: Any, analyzer: Any, **kwargs: Any) -> Iterator[tuple[str, int, float, bytes]]:
        if not isinstance(analyzer, TextAnalyzer) or kwargs.get("no_morph") or not isinstance(value, str):
            yield from super().word_values(value, analyzer, **kwargs)
            return
        fb = self.field_boost
        encode = self.encode
        for word, poslist in analyzer.positions(value).items():
            if len(poslist) > 1 and any(a > b for a, b in zip(poslist, poslist[1:])):
                poslist.sort()
            yield word, len(poslist), len(poslist) * fb, encode(poslist)


def french_analyzer() -> TextAnalyzer:
    return TextAnalyzer("fr")


def english_analyzer() -> TextAnalyzer:
    return TextAnalyzer("en")


def terms(analyzer: TextAnalyzer, text: str, *, query: bool = False) -> list[str]:
    """The index terms of `text` (for tests and debugging)."""
    return [t.text for t in analyzer(text, mode="query" if query else "index")]
