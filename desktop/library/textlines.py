"""What a line of plain text is: a list item (and its marker), a heading, page furniture, debris.

Plain text keeps its structure only in how lines start and end. These are the small,
pure decisions cleanup makes about one line (or one block) at a time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_LETTERS = re.compile(r"[^\W\d_]")

# Bullets, with the private-use code points of the Symbol and Wingdings fonts that PDFs
# made by word processors use for theirs (U+F0B7 and friends).
BULLET_GLYPHS = "•●▪■□◦○◆◇►▶▸‣⁃➢➤➔→✓✔❖∙·\uf0b7\uf0a7\uf0d8\uf076\uf0fc\uf0a8\uf06e\uf0a1"
_PRIVATE_BULLETS = {"\uf0a7": "▪", "\uf0d8": "➢", "\uf0fc": "✓", "\uf076": "❖", "\uf0a8": "□", "\uf06e": "■"}
BULLET = re.compile(rf"^(?P<marker>[{BULLET_GLYPHS}]|[-–*](?=\s))\s*(?P<rest>.*)$")
BULLET_ONLY = re.compile(rf"^\s*[{BULLET_GLYPHS}\-–*](?:\s*[{BULLET_GLYPHS}\-–*])?\s*$")
# An ordered item: 1. 1) (1) 1° 1°) a) a. (a) i. iv) A. IV. — then text.
ORDERED = re.compile(
    r"^(?P<marker>\(?(?P<label>\d{1,3}|[a-zA-Z]|[ivxlcdm]{2,7}|[IVXLCDM]{2,7})[.)]|\(?(?P<deg>\d{1,3})°\)?)"
    r"(?:\s+|(?<=[.)°])(?=[«\"“'’(A-ZÀ-ÖØ-Þ]))(?P<rest>\S.*)$"
)
SECTION_NUMBER = re.compile(r"^\d{1,2}(?:\.\d{1,2})+\.?\s+[^\W\d_]")
_CLOSERS = " \u00a0\u202f\"'»”’)]*"
_TERMINAL = (".", "!", "?", "…", ":", ";")
_ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}


def ends_sentence(line: str) -> bool:
    return line.rstrip(_CLOSERS).endswith(_TERMINAL)


def is_debris(line: str) -> bool:
    """A lone quote, pipe, dot or single stray character left by OCR."""
    stripped = line.strip(" \t\u00a0\u202f")
    # Also rules and section breaks (----, ====, * * *): no letter or digit at all.
    return len(stripped) == 1 or not any(ch.isalnum() for ch in stripped)


def bullet_marker(glyph: str) -> str:
    """The marker to keep for a bullet: as written, a symbol-font glyph as what it shows."""
    if glyph in _PRIVATE_BULLETS:
        return _PRIVATE_BULLETS[glyph]
    return "•" if "\uf000" <= glyph <= "\uf8ff" else glyph


def _roman_value(text: str) -> int:
    total, prev = 0, 0
    for ch in reversed(text.lower()):
        value = _ROMAN.get(ch, 0)
        total = total - value if value < prev else total + value
        prev = max(prev, value)
    return total


@dataclass(frozen=True)
class Ordered:
    """An ordered list marker: as written, its style and its place in the sequence."""

    marker: str
    style: str  # "1" digits, "1°", "a"/"A" letters, "i"/"I" roman numerals, "(…" parenthesised
    value: int
    rest: str


def ordered_item(line: str) -> Ordered | None:
    m = ORDERED.match(line)
    if not m:
        return None
    marker, rest = m.group("marker"), m.group("rest")
    paren = "(" if marker.startswith("(") else ""
    if m.group("deg"):
        return Ordered(marker, paren + "1°", int(m.group("deg")), rest)
    label = m.group("label")
    if label.isdigit():
        return Ordered(marker, paren + "1" + marker[-1], int(label), rest)
    if len(label) > 1:  # ii, iv, XII
        style = "i" if label.islower() else "I"
        return Ordered(marker, paren + style + marker[-1], _roman_value(label), rest)
    style = "a" if label.islower() else "A"
    return Ordered(marker, paren + style + marker[-1], ord(label.lower()) - ord("a") + 1, rest)


def follows(item: Ordered, prev: Ordered | None) -> bool:
    """Does `item` continue the list `prev` belongs to (or, alone, open a list)?"""
    if prev is None:
        return item.value == 1
    if prev.style == item.style:
        return item.value == prev.value + 1
    # i. after h. is a letter; ii. after i. a numeral: read single letters both ways.
    if item.style[0] in "iI" and prev.style[0] in "aA":
        return True
    roman_one = prev.marker.strip("(").rstrip(".)") in ("i", "I") and item.style[0] in "iI"
    return roman_one and item.value == 2


def plausible_first_item(item: Ordered) -> bool:
    """A single-letter marker opens a list only as its first item: `a)`, `i.`, not `J. Dupont`."""
    roman_one = item.marker.strip("(").rstrip(".)") in ("i", "I")
    if item.style[0] in "aA" and item.marker.endswith("."):
        return (item.value == 1 and item.style[0] == "a") or roman_one
    if item.style[0] in "aAiI":
        return item.value == 1 or roman_one
    return True


# --- headings ------------------------------------------------------------------------

_FUNCTION_WORDS = frozenset(
    "de du des la le les l d un une et ou à au aux en dans par pour sur sous avec sans "
    "entre vers chez que qui dont où ne se ce cet cette ces son sa ses leur leurs notre "
    "nos votre vos mon ma mes the of and to a an in on for with".split()
)
# Divisions of books, statutes and letters: their label is a heading of its own.
_DIVISION_RANK = {
    "livre": 1, "tome": 1, "partie": 1, "titre": 2, "acte": 2, "chapitre": 2, "chant": 2,
    "lettre": 2, "annexe": 2, "section": 3, "scène": 3, "scene": 3, "article": 4,
}  # fmt: skip
DIVISION = re.compile(
    r"^(?P<word>livre|tome|partie|titre|acte|chapitre|chant|lettre|annexe|section|sc[èe]ne|article)"
    r"\s+(?:[IVXLCDM]{1,8}|\d{1,4}|premier|première|unique|[A-Z])(?:er|re|e|ème)?"
    r"(?:\s*\.|\s*[.:—–-]\s+[^.!?]{1,80})?\s*$",
    re.I,
)


# The ordinal first: PREMIÈRE PARTIE, Livre second is above; Deuxième chapitre.
_ORDINAL_DIVISION = re.compile(
    r"^(?:premi[eè]re?|seconde?|[a-zéè-]+i[eè]me|derni[eè]re?)\s+(?P<word>livre|tome|partie|titre|acte|chapitre|chant|section)\.?\s*$",
    re.I,
)


def division_level(text: str) -> int:
    """1-4 for a division label (`TITRE II`, `LETTRE XII.`, `Chapitre 3 – Le retour`,
    `PREMIÈRE PARTIE`), else 0."""
    m = DIVISION.match(text) or _ORDINAL_DIVISION.match(text)
    if not m or not text[0].isupper():
        return 0
    return _DIVISION_RANK[m.group("word").lower()]


def title_like(text: str) -> bool:
    words = text.split()
    return (
        0 < len(words) <= 12
        and "://" not in text
        and "www." not in text
        and len(text) <= 90
        and _LETTERS.search(text) is not None
        and (text[0].isupper() or text[0].isdigit())
        and not text.rstrip(_CLOSERS).endswith((".", "!", "?", "…", ":", ";", ","))
        and words[-1].lower().strip("'’") not in _FUNCTION_WORDS
    )


def function_word(word: str) -> bool:
    return word.lower().strip("'’") in _FUNCTION_WORDS


# --- page furniture ---------------------------------------------------------------

# A page number printed alone: "Page 3", "ii Page 3", "Page 3 sur 10", "- 3 -", "3/10".
PAGE_LABEL = re.compile(
    r"^(?:[ivxlc]{1,6}\s+)?(?:page|p\.)\s*\d{1,4}(?:\s*(?:/|sur|of|de)\s*\d{1,4})?$"
    r"|^[-–—]\s*\d{1,4}\s*[-–—]$|^\d{1,4}\s*(?:/|sur)\s*\d{1,4}$",
    re.I,
)
# Roman page numbers of front matter, lower case ("ii", "xiv"); capitals may number sections.
ROMAN_PAGE = re.compile(r"^(?=[ivx])x{0,3}(?:ix|iv|v?i{0,3})$")
NUMBER_ONLY = re.compile(r"^\d{1,3}$")


def is_page_furniture(text: str) -> bool:
    return bool(PAGE_LABEL.match(text) or NUMBER_ONLY.match(text) or ROMAN_PAGE.match(text))


def drop_page_labels(lines: list[str]) -> list[str]:
    """Remove page-number lines (a footer left in OCR or PDF text), and the blank they leave.

    "Page 3" lines go wherever they are; a bare number ("12", "ii") only when it stands
    alone between blank lines or next to such a label, since it may be the number of a
    list item otherwise. The blank lines around a removed run count as one, so that a
    sentence running over the page break can still be rejoined.
    """
    if not any(is_page_furniture(line.strip()) for line in lines if 0 < len(line.strip()) <= 24):
        return lines  # the common case, checked cheaply
    n = len(lines)
    drop = [False] * n
    i = 0
    while i < n:
        if not lines[i]:
            i += 1
            continue
        j = i  # a run of non-blank lines: lines[i:j]
        while j < n and lines[j]:
            j += 1
        run = [lines[k].strip() for k in range(i, j)]
        labels = [bool(PAGE_LABEL.match(t)) for t in run]
        bare = [bool(NUMBER_ONLY.match(t) or ROMAN_PAGE.match(t)) for t in run]
        if all(a or b for a, b in zip(labels, bare)) and (any(labels) or len(run) == 1):
            for k in range(i, j):
                drop[k] = True  # the whole run is page furniture
        else:
            for k, is_label in enumerate(labels):
                if is_label:
                    drop[i + k] = True
        i = j
    out: list[str] = []
    dropped_since_text = False
    for line, gone in zip(lines, drop):
        if gone:
            dropped_since_text = True
            continue
        if not line and dropped_since_text and out and not out[-1]:
            continue  # blank, page number, blank: one blank
        if line:
            dropped_since_text = False
        out.append(line)
    return out
