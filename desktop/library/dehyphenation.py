"""Undoing end-of-line hyphenation without breaking real compounds.

A word cut by a hyphen at a line end (`con-`/`naissances`) is joined; a compound whose
second half starts the next line (`Sud-`/`Est`, `chef-`/`d'œuvre`, `belle-`/`sœur`,
`week-`/`end`) keeps its hyphen. Evidence, strongest first: the document's own spelling
of the word elsewhere, a capital on the second half, the French lexicon (hyphenated form,
then joined form), then what French does with such parts.

Every join looks at a bounded tail of the line before, so joining n lines costs O(n).
"""

from __future__ import annotations

import re
from collections import Counter

from desktop.library.lexicon import WordSet

_WORD_TOKEN = re.compile(r"[^\W\d_]+(?:[-‐‑'’][^\W\d_]+)*")
# Prefixes written with a hyphen in French compounds (vice-président, ex-ministre,
# demi-heure, non-lieu, mi-temps, quasi-totalité, semi-remorque...).
_HYPHEN_PREFIXES = frozenset("ex vice demi semi mi non quasi anti extra néo post pré co socio".split())
HYPHENS = ("-", "‐", "‑")
_INLINE_BREAK = re.compile(r"(?<![\w-])([^\W\d_]{2,})- ([^\W\d_]+)")
_CUT_WORD = re.compile(r"((?:[^\W\d_]+[-‐‑'’])*)([^\W\d_]+)[-‐‑]$")
_LEADING_WORD = re.compile(r"[^\W\d_]+")
_LEADING_COMPOUND = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_ELISION_END = re.compile(r"[^\W\d_]['’]$")
_TAIL = 120  # characters of the line before that a junction looks at
_JOINING_ENDS = frozenset("-‐‑/_'’")


def looks_like_url(line: str) -> bool:
    parts = line[-300:].rsplit(None, 1)
    last = parts[-1] if parts else ""
    return "://" in last or last.startswith(("www.", "@")) or last.count("/") >= 2


class Dehyphenator:
    """Decides, for a word cut by a hyphen at a line end, whether the hyphen stays."""

    def __init__(self, document_text: str, words: WordSet) -> None:
        self.words = words
        self._text = document_text
        self._counts: Counter[str] | None = None
        self._prefixes: set[str] | None = None

    @property
    def counts(self) -> Counter[str]:
        """Word forms of the document (lower case), counted on first need."""
        if self._counts is None:
            self._counts = Counter(_WORD_TOKEN.findall(self._text.lower().replace("’", "'")))
        return self._counts

    @property
    def hyphenated_prefixes(self) -> set[str]:
        """First parts the document writes with a hyphen (co- in co-négocier, co-construire)."""
        if self._prefixes is None:
            self._prefixes = {t.split("-", 1)[0] for t in self.counts if "-" in t}
        return self._prefixes

    def keeps_hyphen(self, left: str, right: str, left_full: str | None = None, right_full: str | None = None) -> bool:
        """True when `left-` + `right` is a compound (Sud-Est), False for a cut word.

        `left_full` is the whole hyphenated word the line ends with (`c'est-à-`),
        `right_full` the whole word the next line starts with (`d'œuvre`).
        """
        if not left or not right:
            return True
        both_caps = left.isupper() and right.isupper()
        if right[0].isupper() and not both_caps:
            return True  # Sud-Est, Asie-Pacifique, Jean-Pierre
        lo, ro = left.lower(), right.lower()
        joined = lo + ro
        hyphenated = f"{(left_full or left).lower()}-{ro}".replace("’", "'")
        joined_n, hyphen_n = self.counts[joined], self.counts[hyphenated]
        if joined_n != hyphen_n:
            return hyphen_n > joined_n
        whole = f"{(left_full or left).lower()}-{(right_full or right).lower()}"
        if whole in self.words or hyphenated in self.words or f"{lo}-{ro}" in self.words:
            return True  # chef-d'œuvre, belle-sœur, week-end: the lexicon knows the compound
        if joined in self.words:
            return False
        if left_full and left_full != left:
            return True  # the last part of a compound already hyphenated: c'est-à-dire
        if right_full and right_full != right and right_full[len(right)] in "'’":
            return True  # an elision starts the second half: chef-d'…
        if len(lo) > 1 and lo in self.words and ro in self.words:
            return True  # parties-prenantes: two words, no joined form
        if lo[-1] in "aeiouyéè" and lo[-1] == ro[0]:
            return True  # anti-inflammatoire, micro-onde: French keeps the vowels apart
        return lo in _HYPHEN_PREFIXES or (len(lo) <= 6 and lo in self.hyphenated_prefixes)

    def junction(self, first: str, second: str) -> tuple[int, str]:
        """How to join two wrapped lines: characters to drop from `first`'s end, separator."""
        if first[-1:] not in _JOINING_ENDS:
            return 0, " "  # the common case: a line that ends with a letter or a stop
        tail = first[-_TAIL:]
        m = _CUT_WORD.search(tail) if tail.endswith(HYPHENS) else None
        n = _LEADING_WORD.match(second)
        if m and n and not looks_like_url(tail):
            left, right = m.group(2), n.group(0)
            left_full = m.group(1) + left
            right_full = _LEADING_COMPOUND.match(second).group(0)  # type: ignore[union-attr]
            if self.keeps_hyphen(left, right, left_full, right_full):
                return 1, "-"
            return 1, ""
        if tail.endswith(HYPHENS) and tail[-2:-1].isdigit() and second[:1].isdigit():
            return 0, ""  # a range of numbers: 2012-/2013
        if tail.endswith(("-", "/", "_")) and looks_like_url(tail):
            return 0, ""  # a URL broken across lines
        if tail.endswith(("'", "’")) and _ELISION_END.search(tail):
            return 0, ""  # l'/UE: an elision at the line end
        return 0, " "

    def join_lines(self, first: str, second: str) -> str:
        """Join two wrapped lines, undoing a line-end hyphenation where it was one."""
        drop, sep = self.junction(first, second)
        return first[: len(first) - drop] + sep + second

    def join_all(self, lines: list[str]) -> str:
        """Join wrapped lines into one, in time linear in their total length."""
        if not lines:
            return ""
        pieces = [lines[0]]
        for prev, nxt in zip(lines, lines[1:]):
            drop, sep = self.junction(prev, nxt)
            if drop:
                pieces[-1] = pieces[-1][: len(pieces[-1]) - drop]
            pieces.append(sep)
            pieces.append(nxt)
        return "".join(pieces)

    def repair_inline_breaks(self, text: str) -> str:
        """`con- naissances` (a line break already turned into a space) -> `connaissances`.

        Only with evidence (the joined word is known): `pré- et post-natal` keeps its
        suspended hyphen.
        """

        def fix(m: re.Match[str]) -> str:
            left, right = m.group(1), m.group(2)
            joined = (left + right).lower()
            if right.lower() in {"et", "ou", "à", "and", "or"}:
                return m.group(0)
            if right[0].islower() and (self.counts[joined] or joined in self.words):
                return left + right
            return m.group(0)

        if "- " not in text:
            return text
        return _INLINE_BREAK.sub(fix, text)
