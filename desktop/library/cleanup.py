"""From raw extracted text (plain text, a PDF text layer, OCR output) to clean Blocks.

Real-world text arrives hard-wrapped, hyphenated at line ends, with bullets on lines of
their own, blank lines in the middle of sentences (page and column breaks) and OCR
debris. This module rebuilds paragraphs, headings and list items from that, and makes
only repairs that are safe for French text:

- end-of-line hyphenation is undone when the evidence says the hyphen was only a line
  break (`con-`/`naissances`), kept for real compounds (`Sud-`/`Est`, `chef-`/`d'œuvre`,
  `parties-`/`prenantes`): see `dehyphenation`;
- `I'` before a vowel or h is `l'` (the OCR confusion of l and I), and the OCR slips
  `ocr_repair` knows are mended where the French lexicon makes the repair certain;
- typographic ligatures unfolded, soft hyphens and zero-width characters removed, NFC;
- runs of ordinary spaces collapsed. Non-breaking spaces (U+00A0, U+202F) before
  `; : ! ?` and inside « », apostrophes and œ are never touched.

List items keep their marker (`1.`, `a)`, `1°`, `•`) in the block's structure, not in
its text. Text with one paragraph per line (no hard wrap) keeps every line break.
Every pass is linear in the size of the text.
"""

from __future__ import annotations

import re
import unicodedata

from desktop.library import blockpasses as passes
from desktop.library.blockpasses import Draft
from desktop.library.dehyphenation import HYPHENS, Dehyphenator
from desktop.library.lexicon import WordSet, french_words
from desktop.library.models import HEADING, LIST_ITEM, PARAGRAPH, Block, Structure
from desktop.library.ocr_repair import repair_ocr_slips
from desktop.library.textlines import (
    BULLET,
    BULLET_GLYPHS,
    BULLET_ONLY,
    SECTION_NUMBER,
    Ordered,
    bullet_marker,
    division_level,
    drop_page_labels,
    ends_sentence,
    follows,
    function_word,
    is_debris,
    ordered_item,
    plausible_first_item,
    title_like,
)

__all__ = [
    "Dehyphenator",
    "clean_paragraph",
    "clean_text",
    "collapse_spaces",
    "french_words",
    "mend_broken_paragraphs",
    "repair_inline",
]

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
_TRAILING_DEBRIS = re.compile(r"\s+['|`]$")
_SOFT_HYPHEN_BREAK = re.compile("\u00ad[ \t]*\r?\n[ \t]*")
_EDGE_SPACES = " \u00a0\u202f\u2009"
_BULLET_HEADS = frozenset(BULLET_GLYPHS + "-–*")


def repair_inline(text: str) -> str:
    """Safe character-level repairs; keeps newlines and every non-breaking space."""
    text = unicodedata.normalize("NFC", text)
    if _LIGATURE.search(text):
        text = _LIGATURE.sub(lambda m: _LIGATURES.get(m.group(0), m.group(0)), text)
    # A soft hyphen at a line end marks a hyphenation point: the word continues.
    text = _SOFT_HYPHEN_BREAK.sub("", text)
    text = _INVISIBLE.sub("", text)
    text = _DOUBLE_APOSTROPHE.sub(r"\1", text)
    text = _I_ELISION.sub(r"l\1", text)
    return text


def collapse_spaces(text: str) -> str:
    """One ordinary space for every run of spaces, tabs and newlines; trimmed.

    Non-breaking spaces are content (French typography) and stay as they are.
    """
    text = _SPACE_RUN.sub(" ", text)
    return text.strip(_EDGE_SPACES)


# --- lines -----------------------------------------------------------------------


def _group_widths(lines: list[str]) -> list[int]:
    """For each line, the longest line of its group (lines between blank lines)."""
    widths = [0] * len(lines)
    start = 0
    for i in range(len(lines) + 1):
        if i == len(lines) or not lines[i]:
            width = max((len(lines[j]) for j in range(start, i)), default=0)
            for j in range(start, i):
                widths[j] = width
            start = i + 1
    return widths


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" \t\u00a0"))


# No one hard-wraps lines this long: a text whose prose stands in such lines holds one
# paragraph per line, and every line break in it is meant.
_UNWRAPPED_LINE = 160


def _unwrapped(lines: list[str]) -> bool:
    """Most of the text's letters are in lines too long to be hard-wrapped."""
    total = long = 0
    for line in lines:
        total += len(line)
        if len(line) > _UNWRAPPED_LINE:
            long += len(line)
    return total > 0 and long * 2 >= total


def _starts_block_like(text: str) -> bool:
    first = text[0]
    return first.isupper() or first.isdigit() or first in "«\"“("


def _opening_repeats(content: str, cur: Draft) -> bool:
    if not cur.opening:
        cur.opening = passes.opening(cur.lines[0]) or " "
    if not content.lower().startswith(cur.opening) or passes.opening(content) != cur.opening:
        return False  # cheap test first: most lines do not open like the block's first
    prev = cur.lines[-1]
    return not prev.endswith((",", "-")) and not function_word(prev.split()[-1])


def _prepare_lines(raw: str) -> tuple[str, list[str]]:
    text = raw.replace("\r\n", "\n").replace("\r", "\n")
    if "\u2028" in text or "\u2029" in text or "\x85" in text:
        text = text.replace("\u2028", "\n").replace("\u2029", "\n\n").replace("\x85", "\n")
    if "\f" in text:
        text = re.sub(r"\n?\f\n?", "\n\n", text)  # a page break counts as one blank line
    text = repair_inline(text).replace("\t", " ")
    lines: list[str] = []
    for orig in text.split("\n"):
        line = orig.rstrip(_EDGE_SPACES)
        if not line.strip(_EDGE_SPACES):
            lines.append("")
        elif is_debris(line) and not BULLET_ONLY.match(line.strip()):
            continue  # debris lines vanish without leaving a blank behind them
        else:
            lines.append(line)
    return text, drop_page_labels(lines)


def _drafts(lines: list[str]) -> list[Draft]:
    """Group lines into drafts of blocks: where each block starts, and what kind it is."""
    widths = _group_widths(lines)
    base_indent = min((_indent(line) for line in lines if line), default=0)
    unwrapped = _unwrapped(lines)
    drafts: list[Draft] = []
    cur: Draft | None = None
    blanks = 0
    pending_bullet = False
    last_ordered: Ordered | None = None
    for i, line in enumerate(lines):
        if not line:
            cur = None
            blanks += 1
            pending_bullet = False  # a trailing decoration, not the bullet of what follows
            continue
        content = line.strip(_EDGE_SPACES)
        if len(content) <= 3 and BULLET_ONLY.match(content):
            cur, pending_bullet = None, True
            pending_glyph = content.strip()[0]
            continue
        indent = _indent(line)
        start, kind, explicit, lone, marker, ordered = cur is None, PARAGRAPH, False, False, "", None
        prev = cur.lines[-1] if cur is not None else ""
        after_bullet, pending_bullet = pending_bullet, False
        head = content[0]
        bullet = BULLET.match(content) if head in _BULLET_HEADS else None
        item = ordered_item(content) if head.isalnum() or head == "(" else None
        division = division_level(content) if head.isupper() and len(content) <= 100 else 0
        if after_bullet and _LETTERS.search(content):
            start, kind, explicit, lone, marker = True, LIST_ITEM, True, True, bullet_marker(pending_glyph)
        elif bullet and bullet.group("rest").strip() and (
            content[0] in BULLET_GLYPHS  # unambiguous; a dash may be one inside a sentence
            or cur is None
            or cur.kind == LIST_ITEM
            or ends_sentence(prev)
            or prev.endswith(",")
        ):
            start, kind, explicit = True, LIST_ITEM, True
            marker, content = bullet_marker(bullet.group("marker")), bullet.group("rest").strip()
        elif division and (cur is None or cur.kind != LIST_ITEM or ends_sentence(prev)):
            start, explicit = True, True
        elif (
            item is not None
            and (follows(item, last_ordered) or plausible_first_item(item))
            and (cur is None or unwrapped or follows(item, last_ordered) or ends_sentence(prev) or prev.endswith(","))
        ):
            start, kind, explicit, marker, ordered, content = True, LIST_ITEM, True, item.marker, item, item.rest
            last_ordered = item
        elif cur is not None:
            width = widths[i]
            if unwrapped and not (prev.endswith(HYPHENS) and prev[-2:-1].isalpha()):
                start = True  # one paragraph per line: every line break is meant
            elif cur.division:
                start = True  # the line after a division label: its title, or the text
            elif indent > base_indent and _starts_block_like(content):
                start, explicit = True, True
            elif content.startswith(("—", "–")) and ends_sentence(prev):
                start = True  # a new line of dialogue
            elif SECTION_NUMBER.match(content) and (ends_sentence(prev) or title_like(prev)):
                start = True  # "2.1. Directory layout": a numbered section title
            elif _opening_repeats(content, cur):
                start = True  # parallel lines ("L'Action doit ..." twice): not one sentence
            elif width >= 30 and _starts_block_like(content):
                if ends_sentence(prev) and len(prev) < 0.7 * width:
                    start = True  # a short last line: the paragraph ended there
                elif len(cur.lines) == 1 and len(prev) < 0.5 * width and title_like(prev):
                    start = True  # a title on its own line, text right below it
        if start:
            cur = Draft(kind, [content], after_blank=blanks == 1, explicit=explicit, lone_bullet=lone)
            cur.marker, cur.ordered, cur.indent, cur.division = marker, ordered, indent, division
            drafts.append(cur)
        else:
            assert cur is not None
            cur.lines.append(content)
        blanks = 0
    return drafts


def clean_text(raw: str, words: WordSet | None = None) -> list[Block]:
    """Blocks (headings, paragraphs, list items) from raw, hard-wrapped text.

    `words` is the French lexicon used for dehyphenation and OCR repairs
    (default: `french_words()`).
    """
    if words is None:
        words = french_words()
    text, lines = _prepare_lines(raw)
    dehyphen = Dehyphenator(text, words)
    merged = passes.merge_broken_paragraphs(_drafts(lines))
    blocks: list[Block] = []
    indents: list[int] = []
    for n, draft in enumerate(merged):
        joined = collapse_spaces(dehyphen.join_all(draft.lines))
        if joined.endswith(("'", "|", "`")):
            joined = _TRAILING_DEBRIS.sub("", joined)  # a stray OCR quote or pipe at the end
        joined = repair_ocr_slips(dehyphen.repair_inline_breaks(joined), words)
        if not _LETTERS.search(joined) and not any(ch.isdigit() for ch in joined):
            continue
        kind = draft.kind
        if kind == PARAGRAPH and (draft.division or (len(draft.lines) <= 3 and title_like(joined))):
            kind = HEADING
        if draft.lone_bullet and kind == LIST_ITEM:
            next_is_item = n + 1 < len(merged) and merged[n + 1].kind == LIST_ITEM
            if not passes.item_after_lone_bullet(joined, next_is_item):
                kind, draft.marker = PARAGRAPH, ""  # the bullet was OCR debris before ordinary prose
        blocks.append(Block(kind, joined, Structure(marker=draft.marker) if draft.marker else Structure()))
        indents.append(draft.indent)
    blocks = passes.no_trailing_headings(blocks)
    blocks = passes.dialogue_is_no_list(passes.parallel_lines_are_items(blocks))
    return passes.heading_levels(passes.list_depths(blocks, indents))


def clean_paragraph(text: str, dehyphen: Dehyphenator | None = None) -> str:
    """One paragraph from a structured format (HTML, DOCX, ODT): repaired, one line."""
    text = collapse_spaces(repair_inline(text))
    if dehyphen is not None:
        text = repair_ocr_slips(dehyphen.repair_inline_breaks(text), dehyphen.words)
    return text


def mend_broken_paragraphs(blocks: list[Block], words: WordSet | None = None) -> list[Block]:
    """Rejoin paragraphs of a structured document that were cut at every line.

    Documents converted from PDF often hold one paragraph per printed line: a paragraph
    that ends without punctuation and one that continues it in lower case (or after a
    hyphen) are one paragraph.
    """
    if len(blocks) < 2:
        return blocks
    dehyphen = Dehyphenator("\n".join(b.text for b in blocks), french_words() if words is None else words)
    groups: list[list[Block]] = []
    for block in blocks:
        prev = groups[-1][-1] if groups else None
        if (
            prev is not None
            and prev.kind == block.kind == PARAGRAPH
            and not ends_sentence(prev.text)
            and (block.text[:1].islower() or (prev.text.endswith(HYPHENS) and prev.text[-2:-1].isalpha()))
        ):
            groups[-1].append(block)
        else:
            groups.append([block])
    return [
        group[0] if len(group) == 1 else group[0].with_text(dehyphen.join_all([b.text for b in group]))
        for group in groups
    ]
