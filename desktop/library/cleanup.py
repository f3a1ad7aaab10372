"""From raw extracted text (plain text, a PDF text layer, OCR output) to clean Blocks.

Real-world text arrives hard-wrapped, hyphenated at line ends, with bullets on lines of
their own, blank lines in the middle of sentences (page and column breaks) and OCR
debris. This module rebuilds paragraphs, headings and list items from that, and makes
only repairs that are safe for French text:

- end-of-line hyphenation is undone when the evidence says the hyphen was only a line
  break (`con-`/`naissances`), kept for real compounds (`Sud-`/`Est`,
  `parties-`/`prenantes`): the document's own usage first, then the capital of the
  second part, then a French word list;
- `I'` before a vowel or h is `l'` (the OCR confusion of l and I);
- typographic ligatures unfolded, soft hyphens and zero-width characters removed, NFC;
- runs of ordinary spaces collapsed. Non-breaking spaces (U+00A0, U+202F) before
  `; : ! ?` and inside « », apostrophes and œ are never touched.
"""

from __future__ import annotations

import gzip
import json
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from desktop.library.models import HEADING, LIST_ITEM, PARAGRAPH, Block

# --- inline repairs --------------------------------------------------------------

_LIGATURES = {"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"}
_LIGATURE = re.compile("[ﬀ-ﬆ]")
# Soft hyphen, zero-width space/joiner, word joiner, stray BOM: invisible debris.
# And C0 control characters other than whitespace (broken PDF font maps emit them).
_INVISIBLE = re.compile("[\u00ad\u200b\u200d\u2060\ufeff\x00-\x08\x0e-\x1f\x7f]")
_VOWELS_H = "aeiouyhàâäéèêëîïôöûùüœæAEIOUYHÀÂÄÉÈÊËÎÏÔÖÛÙÜŒÆ"
# OCR reads the l of an elided article as a capital I: I'UE, I'échange, I’Asie.
# (The patterns start with a literal or a class so that the regex engine can skip ahead.)
_I_ELISION = re.compile(rf"I(?<![\w'’]I)['’]*(['’])(?=[{_VOWELS_H}])")
# OCR doubles apostrophes (d’'une): one is enough between two letters.
_DOUBLE_APOSTROPHE = re.compile(r"(['’])(?<=[^\W\d_]['’])['’]+(?=[^\W\d_])")
# Runs that need replacing: any whitespace but a single ordinary space.
_SPACE_RUN = re.compile("[\t\r\n\f\v\x85\u2028\u2029][ \t\r\n\f\v\x85\u2028\u2029]*| [ \t\r\n\f\v\x85\u2028\u2029]+")
_LETTERS = re.compile(r"[^\W\d_]")


def repair_inline(text: str) -> str:
    """Safe character-level repairs; keeps newlines and every non-breaking space."""
    text = unicodedata.normalize("NFC", text)
    if _LIGATURE.search(text):
        text = _LIGATURE.sub(lambda m: _LIGATURES.get(m.group(0), m.group(0)), text)
    # A soft hyphen at a line end marks a hyphenation point: the word continues.
    text = re.sub("\u00ad[ \t]*\r?\n[ \t]*", "", text)
    text = _INVISIBLE.sub("", text)
    text = _DOUBLE_APOSTROPHE.sub(r"\1", text)
    text = _I_ELISION.sub(r"l\1", text)
    return text


def collapse_spaces(text: str) -> str:
    """One ordinary space for every run of spaces, tabs and newlines; trimmed.

    Non-breaking spaces are content (French typography) and stay as they are.
    """
    text = _SPACE_RUN.sub(" ", text)
    return text.strip(" \u00a0\u202f\u2009")


# --- the French word list -------------------------------------------------------


@lru_cache(maxsize=1)
def french_words() -> frozenset[str]:
    """About 140,000 French word forms (lower case), shipped in pyspellchecker (MIT).

    Read once per process (0.2 s); an empty set if the package is missing, in which
    case dehyphenation relies on the document's own evidence alone.
    """
    try:
        blob = (resources.files("spellchecker") / "resources" / "fr.json.gz").read_bytes()
        return frozenset(json.loads(gzip.decompress(blob)))
    except (ModuleNotFoundError, FileNotFoundError, OSError, ValueError):
        return frozenset()


# --- dehyphenation ----------------------------------------------------------------

_WORD_TOKEN = re.compile(r"[^\W\d_]+(?:[-‐‑][^\W\d_]+)*")
# Prefixes written with a hyphen in French compounds (vice-président, ex-ministre,
# demi-heure, non-lieu, mi-temps, quasi-totalité, semi-remorque...).
_HYPHEN_PREFIXES = frozenset("ex vice demi semi mi non quasi anti extra néo post pré co socio".split())
# Words after which a French sentence cannot end: a paragraph "ending" there was cut.
_FUNCTION_WORDS = frozenset(
    "de du des la le les l d un une et ou à au aux en dans par pour sur sous avec sans "
    "entre vers chez que qui dont où ne se ce cet cette ces son sa ses leur leurs notre "
    "nos votre vos mon ma mes the of and to a an in on for with".split()
)


_HYPHENS = ("-", "‐", "‑")
_INLINE_BREAK = re.compile(r"(?<![\w-])([^\W\d_]{2,})- ([^\W\d_]+)")
_CUT_WORD = re.compile(r"((?:[^\W\d_]+[-‐‑])*)([^\W\d_]+)[-‐‑]$")
_LEADING_WORD = re.compile(r"[^\W\d_]+")
_ELISION_END = re.compile(r"[^\W\d_]['’]$")


class Dehyphenator:
    """Decides, for a word cut by a hyphen at a line end, whether the hyphen stays."""

    def __init__(self, document_text: str, words: frozenset[str]) -> None:
        self.words = words
        self._text = document_text
        self._counts: Counter[str] | None = None
        self._prefixes: set[str] | None = None

    @property
    def counts(self) -> Counter[str]:
        """Word forms of the document (lower case), counted on first need."""
        if self._counts is None:
            self._counts = Counter(_WORD_TOKEN.findall(self._text.lower()))
        return self._counts

    @property
    def hyphenated_prefixes(self) -> set[str]:
        """First parts the document writes with a hyphen (co- in co-négocier, co-construire)."""
        if self._prefixes is None:
            self._prefixes = {t.split("-", 1)[0] for t in self.counts if "-" in t}
        return self._prefixes

    def keeps_hyphen(self, left: str, right: str, left_full: str | None = None) -> bool:
        """True when `left-` + `right` is a compound (Sud-Est), False for a cut word."""
        if not left or not right:
            return True
        both_caps = left.isupper() and right.isupper()
        if right[0].isupper() and not both_caps:
            return True  # Sud-Est, Asie-Pacifique, Jean-Pierre
        lo, ro = left.lower(), right.lower()
        joined = lo + ro
        hyphenated = f"{(left_full or left).lower()}-{ro}"
        joined_n, hyphen_n = self.counts[joined], self.counts[hyphenated]
        if joined_n != hyphen_n:
            return hyphen_n > joined_n
        if joined in self.words:
            return False
        if left_full and left_full != left:
            return True  # the last part of a compound already hyphenated: c'est-à-dire
        if len(lo) > 1 and lo in self.words and ro in self.words:
            return True  # parties-prenantes: two words, no joined form
        if lo[-1] in "aeiouyéè" and lo[-1] == ro[0]:
            return True  # anti-inflammatoire, micro-onde: French keeps the vowels apart
        return lo in _HYPHEN_PREFIXES or (len(lo) <= 6 and lo in self.hyphenated_prefixes)

    def join_lines(self, first: str, second: str) -> str:
        """Join two wrapped lines, undoing a line-end hyphenation where it was one."""
        # Only the end of `first` matters, and it may be a long paragraph already.
        tail = first[-120:]
        m = _CUT_WORD.search(tail) if tail.endswith(_HYPHENS) else None
        n = _LEADING_WORD.match(second)
        if m and n and not _looks_like_url(tail):
            left, right = m.group(2), n.group(0)
            left_full = m.group(1) + left
            if self.keeps_hyphen(left, right, left_full):
                return first[:-1] + "-" + second
            return first[:-1] + second
        if first.endswith(_HYPHENS) and first[-2:-1].isdigit() and second[:1].isdigit():
            return first + second  # a range of numbers: 2012-/2013
        if first.endswith(("-", "/", "_")) and _looks_like_url(tail):
            return first + second  # a URL broken across lines
        if first.endswith(("'", "’")) and _ELISION_END.search(tail):
            return first + second  # l'/UE: an elision at the line end
        return f"{first} {second}"

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


def _looks_like_url(line: str) -> bool:
    parts = line[-300:].rsplit(None, 1)
    last = parts[-1] if parts else ""
    return "://" in last or last.startswith(("www.", "@")) or last.count("/") >= 2


# --- line classification ----------------------------------------------------------

# With the private-use code points of the Symbol and Wingdings fonts that PDFs made by
# word processors use for their bullets (U+F0B7 and friends).
_BULLET_GLYPHS = "•●▪■□◦○◆◇►▶▸‣⁃➢➤➔→✓✔❖∙·\uf0b7\uf0a7\uf0d8\uf076\uf0fc\uf0a8\uf06e\uf0a1"
_BULLET = re.compile(rf"^(?:[{_BULLET_GLYPHS}]|[-–*](?=\s))\s*(?P<rest>.*)$")
_BULLET_ONLY = re.compile(rf"^\s*[{_BULLET_GLYPHS}\-–*](?:\s*[{_BULLET_GLYPHS}\-–*])?\s*$")
_NUMBERED = re.compile(r"^(?P<n>\d{1,2})[.)]\s*(?P<rest>[A-ZÀ-ÖØ-Þ«\"“'’(].*)$")
_SECTION_NUMBER = re.compile(r"^\d{1,2}(?:\.\d{1,2})+\.?\s+[^\W\d_]")
_TRAILING_DEBRIS = re.compile(r"\s+['|`]$")
_CLOSERS = " \u00a0\u202f\"'»”’)]*"
_TERMINAL = (".", "!", "?", "…", ":", ";")


def _ends_sentence(line: str) -> bool:
    return line.rstrip(_CLOSERS).endswith(_TERMINAL)


def _is_debris(line: str) -> bool:
    """A lone quote, pipe, dot or single stray character left by OCR."""
    stripped = line.strip(" \t\u00a0\u202f")
    # Also rules and section breaks (----, ====, * * *): no letter or digit at all.
    return len(stripped) == 1 or not any(ch.isalnum() for ch in stripped)


def _starts_block_like(text: str) -> bool:
    first = text[0]
    return first.isupper() or first.isdigit() or first in "«\"“("


def _title_like(text: str) -> bool:
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


@dataclass
class _Draft:
    kind: str
    lines: list[str] = field(default_factory=list)
    after_blank: bool = True  # started after exactly one blank line
    explicit: bool = False  # started by a bullet, a number or an indent: never merged up
    lone_bullet: bool = False  # the item of a bullet that stood alone on the line before


def _group_widths(lines: list[str]) -> list[int]:
    """For each line, the longest line of its group (lines between blank lines)."""
    widths = [0] * len(lines)
    start = 0
    for i in range(len(lines) + 1):
        if i == len(lines) or not lines[i].strip():
            width = max((len(lines[j].strip()) for j in range(start, i)), default=0)
            for j in range(start, i):
                widths[j] = width
            start = i + 1
    return widths


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" \t\u00a0"))


# A page number printed alone: "Page 3", "ii Page 3", "Page 3 sur 10", "- 3 -", "3/10".
_PAGE_LABEL = re.compile(
    r"^(?:[ivxlc]{1,6}\s+)?(?:page|p\.)\s*\d{1,4}(?:\s*(?:/|sur|of|de)\s*\d{1,4})?$"
    r"|^[-–—]\s*\d{1,4}\s*[-–—]$|^\d{1,4}\s*(?:/|sur)\s*\d{1,4}$",
    re.I,
)
# Roman page numbers of front matter, lower case ("ii", "xiv"); capitals may number sections.
_ROMAN_PAGE = re.compile(r"^(?=[ivx])x{0,3}(?:ix|iv|v?i{0,3})$")
_NUMBER_ONLY = re.compile(r"^\d{1,3}$")


def _is_page_furniture(text: str) -> bool:
    return bool(_PAGE_LABEL.match(text) or _NUMBER_ONLY.match(text) or _ROMAN_PAGE.match(text))


def _drop_page_labels(lines: list[str]) -> list[str]:
    """Remove page-number lines (a footer left in OCR or PDF text), and the blank they leave.

    "Page 3" lines go wherever they are; a bare number ("12", "ii") only when it stands
    alone between blank lines or next to such a label, since it may be the number of a
    list item otherwise. The blank lines around a removed run count as one, so that a
    sentence running over the page break can still be rejoined.
    """
    if not any(_is_page_furniture(line.strip()) for line in lines if 0 < len(line.strip()) <= 24):
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
        labels = [bool(_PAGE_LABEL.match(t)) for t in run]
        bare = [bool(_NUMBER_ONLY.match(t) or _ROMAN_PAGE.match(t)) for t in run]
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


def clean_text(raw: str, words: frozenset[str] | None = None) -> list[Block]:
    """Blocks (headings, paragraphs, list items) from raw, hard-wrapped text.

    `words` is the French word list used for dehyphenation (default: `french_words()`).
    """
    if words is None:
        words = french_words()
    text = raw.replace("\r\n", "\n").replace("\r", "\n")
    if "\u2028" in text or "\u2029" in text or "\x85" in text:
        text = text.replace("\u2028", "\n").replace("\u2029", "\n\n").replace("\x85", "\n")
    if "\f" in text:
        text = re.sub(r"\n?\f\n?", "\n\n", text)  # a page break counts as one blank line
    text = repair_inline(text)
    text = text.replace("\t", " ")
    dehyphen = Dehyphenator(text, words)
    lines = [line.rstrip(" \u00a0\u202f\u2009") for line in text.split("\n")]
    lines = [line if line.strip(" \u00a0\u202f\u2009") else "" for line in lines]
    lines = ["" if line and _is_debris(line) and not _BULLET_ONLY.match(line.strip()) else line for line in lines]
    # Debris lines vanish without leaving a blank behind them.
    raw_lines = [line for line, orig in zip(lines, text.split("\n")) if line or not orig.strip()]
    raw_lines = _drop_page_labels(raw_lines)
    widths = _group_widths(raw_lines)
    indents = [_indent(line) for line in raw_lines if line]
    base_indent = min(indents, default=0)

    drafts: list[_Draft] = []
    cur: _Draft | None = None
    blanks = 0
    pending_bullet = False
    last_number = 0
    for i, line in enumerate(raw_lines):
        if not line:
            cur = None
            blanks += 1
            pending_bullet = False  # a trailing decoration, not the bullet of what follows
            continue
        content = line.strip(" \u00a0\u202f\u2009")
        if _BULLET_ONLY.match(content):
            cur = None
            pending_bullet = True
            continue
        indented = _indent(line) > base_indent
        start = cur is None
        kind, explicit = PARAGRAPH, False
        bullet = _BULLET.match(content)
        numbered = _NUMBERED.match(content)
        after_bullet, pending_bullet = pending_bullet, False
        lone_bullet = False
        if after_bullet and _LETTERS.search(content):
            start, kind, explicit, lone_bullet = True, LIST_ITEM, True, True
        elif bullet and bullet.group("rest").strip() and (
            content[0] in _BULLET_GLYPHS  # unambiguous; a dash may be one inside a sentence
            or cur is None
            or cur.kind == LIST_ITEM
            or _ends_sentence(cur.lines[-1])
            or cur.lines[-1].endswith(",")
        ):
            start, kind, explicit = True, LIST_ITEM, True
            content = bullet.group("rest").strip()
        elif numbered and (
            cur is None
            or last_number == int(numbered.group("n")) - 1
            or _ends_sentence(cur.lines[-1])
        ):
            start, kind, explicit = True, LIST_ITEM, True
            number = last_number = int(numbered.group("n"))
            content = f"{number}. {numbered.group('rest')}"
        elif cur is not None:
            prev = cur.lines[-1]
            width = widths[i]
            if indented and _starts_block_like(content):
                start, explicit = True, True
            elif content.startswith(("—", "–")) and _ends_sentence(prev):
                start = True  # a new line of dialogue
            elif _SECTION_NUMBER.match(content) and (_ends_sentence(prev) or _title_like(prev)):
                start = True  # "2.1. Directory layout": a numbered section title
            elif (
                _opening(content)
                and _opening(content) == _opening(cur.lines[0])
                and not prev.endswith((",", "-"))
                and (prev.split()[-1].lower() not in _FUNCTION_WORDS)
            ):
                start = True  # parallel lines ("L'Action doit ..." twice): not one sentence
            elif width >= 30 and _starts_block_like(content):
                if _ends_sentence(prev) and len(prev) < 0.7 * width:
                    start = True  # a short last line: the paragraph ended there
                elif len(cur.lines) == 1 and len(prev) < 0.5 * width and _title_like(prev):
                    start = True  # a title on its own line, text right below it
        if start:
            cur = _Draft(kind, [content], after_blank=blanks == 1, explicit=explicit, lone_bullet=lone_bullet)
            drafts.append(cur)
        else:
            assert cur is not None
            cur.lines.append(content)
        blanks = 0

    merged = _merge_broken_paragraphs(drafts)
    blocks: list[Block] = []
    for n, draft in enumerate(merged):
        joined = draft.lines[0]
        for nxt in draft.lines[1:]:
            joined = dehyphen.join_lines(joined, nxt)
        joined = collapse_spaces(joined)
        if joined.endswith(("'", "|", "`")):
            joined = _TRAILING_DEBRIS.sub("", joined)  # a stray OCR quote or pipe at the end
        joined = dehyphen.repair_inline_breaks(joined)
        if not _LETTERS.search(joined) and not any(ch.isdigit() for ch in joined):
            continue
        kind = draft.kind
        if kind == PARAGRAPH and len(draft.lines) <= 3 and _title_like(joined):
            kind = HEADING
        if draft.lone_bullet and kind == LIST_ITEM:
            next_is_item = n + 1 < len(merged) and merged[n + 1].kind == LIST_ITEM
            if not _item_after_lone_bullet(joined, next_is_item):
                kind = PARAGRAPH  # the bullet was OCR debris before ordinary prose
        blocks.append(Block(kind, joined))
    return _parallel_lines_are_items(_no_trailing_headings(blocks))


# A sentence end followed by another sentence (not "M. Dupont": a word of 3+ letters first).
_INNER_SENTENCE_END = re.compile(r"[^\W\d_]{3}[.!?…][»”\"')]?\s+[«\"“]?[A-ZÀ-ÖØ-Þ]")


def _item_after_lone_bullet(text: str, next_is_item: bool) -> bool:
    """Is the text after a bullet that stood alone on its line really a list item?

    OCR leaves lone bullets and dashes as debris. A long or multi-sentence paragraph is
    prose, and so is a line ending in a colon that introduces the items after it.
    """
    if len(text) > 300 or (len(text) >= 100 and _INNER_SENTENCE_END.search(text)):
        return False
    return not (next_is_item and text.rstrip(_CLOSERS).endswith(":"))


def _no_trailing_headings(blocks: list[Block]) -> list[Block]:
    """Short lines at the very end (a letter's signature) head nothing: they are paragraphs."""
    end = len(blocks)
    while end > 0 and blocks[end - 1].kind == HEADING:
        end -= 1
    if end == 0 or end == len(blocks):
        return blocks
    return blocks[:end] + [Block(PARAGRAPH, b.text) for b in blocks[end:]]


def _opening(text: str) -> str:
    """The first two words, without a list number: what parallel list lines share."""
    words = text.split()
    if words and re.fullmatch(r"\d{1,2}[.)]", words[0]):
        words = words[1:]
    return " ".join(words[:2]).lower() if len(words) >= 3 else ""


def _item_like(block: Block) -> bool:
    if block.kind in (HEADING, LIST_ITEM):
        return True
    return len(block.text) <= 200 and not _ends_sentence(block.text)


def _parallel_lines_are_items(blocks: list[Block]) -> list[Block]:
    """Three or more short lines in a row that open alike ("L'Action doit ...") are a list.

    OCR of a slide or a brochure graphic loses the numbers or bullets; the parallel
    wording is what is left of them. Only lines that are no sentences
    change (short, no final period), so paragraphs of prose that start alike stay.
    """
    out = list(blocks)
    i = 0
    while i < len(out):
        opening = _opening(out[i].text)
        j = i
        while j < len(out) and opening and _opening(out[j].text) == opening and _item_like(out[j]):
            j += 1
        if j - i >= 3:
            for k in range(i, j):
                out[k] = Block(LIST_ITEM, out[k].text)
            i = j
        else:
            i += 1
    return out


# Words a letter's salutation or closing line starts with ("Madame,", "Cordialement,").
_SALUTATIONS = frozenset(
    "madame monsieur mesdames messieurs mademoiselle cher chère chers chères bonjour bonsoir "
    "salut docteur maître cordialement amicalement bien sincèrement dear hello hi".split()
)


def _salutation_like(draft: _Draft) -> bool:
    """A one-line "Madame," or "Bien à vous,": the line stands alone, whatever follows."""
    if len(draft.lines) != 1:
        return False
    line = draft.lines[0].rstrip()
    words = line.split()
    return line.endswith(",") and (len(words) <= 5 or words[0].lower().strip(",") in _SALUTATIONS)


def _hard_wrapped(drafts: list[_Draft]) -> bool:
    """Most prose paragraphs span several lines: text wrapped at a fixed width (OCR, e-mail)."""
    prose = [d for d in drafts if d.kind == PARAGRAPH]
    return bool(prose) and sum(len(d.lines) > 1 for d in prose) >= max(1, 0.3 * len(prose))


def _merge_broken_paragraphs(drafts: list[_Draft]) -> list[_Draft]:
    """Join a paragraph cut by a blank line in mid-sentence (page or column breaks).

    A blank line ends a paragraph; the split is mended only on strong evidence that the
    first part was cut: it ends mid-word with a hyphen or on a word no sentence ends
    with ("de", "les"), or, in hard-wrapped text, the second part starts in lower case.
    A comma alone is no evidence ("Madame," then the letter), and a salutation line
    always stands alone.
    """
    wrapped = _hard_wrapped(drafts)
    out: list[_Draft] = []
    for draft in drafts:
        if out and draft.kind == PARAGRAPH and draft.after_blank and not draft.explicit:
            prev = out[-1]
            last = prev.lines[-1]
            first = draft.lines[0]
            last_word = last.split()[-1].lower().strip("'’") if last.split() else ""
            cut_word = last.endswith(_HYPHENS) and last[-2:-1].isalpha()
            continues = not _looks_like_url(first.split()[0]) and (
                cut_word
                or last_word in _FUNCTION_WORDS
                or (wrapped and first[:1].islower())
            )
            if (
                not _ends_sentence(last)
                and continues
                and not _salutation_like(prev)
                and not (len(prev.lines) == 1 and _title_like(last) and not first[:1].islower())
            ):
                prev.lines.extend(draft.lines)
                continue
        out.append(draft)
    return out


def clean_paragraph(text: str, dehyphen: Dehyphenator | None = None) -> str:
    """One paragraph from a structured format (HTML, DOCX, ODT): repaired, one line."""
    text = collapse_spaces(repair_inline(text))
    if dehyphen is not None:
        text = dehyphen.repair_inline_breaks(text)
    return text


def mend_broken_paragraphs(blocks: list[Block], words: frozenset[str] | None = None) -> list[Block]:
    """Rejoin paragraphs of a structured document that were cut at every line.

    Documents converted from PDF often hold one paragraph per printed line: a paragraph
    that ends without punctuation and one that continues it in lower case (or after a
    hyphen) are one paragraph.
    """
    if len(blocks) < 2:
        return blocks
    dehyphen = Dehyphenator("\n".join(b.text for b in blocks), french_words() if words is None else words)
    out: list[Block] = []
    for block in blocks:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.kind == block.kind == PARAGRAPH
            and not _ends_sentence(prev.text)
            and (block.text[:1].islower() or (prev.text.endswith(_HYPHENS) and prev.text[-2:-1].isalpha()))
        ):
            out[-1] = Block(PARAGRAPH, dehyphen.join_lines(prev.text, block.text))
        else:
            out.append(block)
    return out
