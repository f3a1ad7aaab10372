"""Passes over the blocks of a plain text once its lines are grouped: mending paragraphs cut
by page breaks, telling lists from dialogue and prose, giving headings and items their
level and depth. Each pass is one walk over the blocks (linear time).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from desktop.library.dehyphenation import HYPHENS, looks_like_url
from desktop.library.models import HEADING, LIST_ITEM, PARAGRAPH, Block
from desktop.library.textlines import Ordered, division_level, ends_sentence, function_word, title_like


@dataclass
class Draft:
    """A block being gathered from lines."""

    kind: str
    lines: list[str] = field(default_factory=list)
    after_blank: bool = True  # started after exactly one blank line
    explicit: bool = False  # started by a bullet, a number or an indent: never merged up
    lone_bullet: bool = False  # the item of a bullet that stood alone on the line before
    marker: str = ""  # a list item's marker as written ("1.", "a)", "•")
    ordered: Ordered | None = None
    indent: int = 0
    division: int = 0  # the rank of a division label (TITRE II, LETTRE XII.)
    opening: str = ""  # the first words of its first line, once asked for (see opening())


# Words a letter's salutation or closing line starts with ("Madame,", "Cordialement,").
_SALUTATIONS = frozenset(
    "madame monsieur mesdames messieurs mademoiselle cher chère chers chères bonjour bonsoir "
    "salut docteur maître cordialement amicalement bien sincèrement dear hello hi".split()
)


def _salutation_like(draft: Draft) -> bool:
    """A one-line "Madame," or "Bien à vous,": the line stands alone, whatever follows."""
    if len(draft.lines) != 1:
        return False
    line = draft.lines[0].rstrip()
    words = line.split()
    return line.endswith(",") and (len(words) <= 5 or words[0].lower().strip(",") in _SALUTATIONS)


def _hard_wrapped(drafts: list[Draft]) -> bool:
    """Most prose paragraphs span several lines: text wrapped at a fixed width (OCR, e-mail)."""
    prose = [d for d in drafts if d.kind == PARAGRAPH]
    return bool(prose) and sum(len(d.lines) > 1 for d in prose) >= max(1, 0.3 * len(prose))


def merge_broken_paragraphs(drafts: list[Draft]) -> list[Draft]:
    """Join a paragraph cut by a blank line in mid-sentence (page or column breaks).

    A blank line ends a paragraph; the split is mended only on strong evidence that the
    first part was cut: it ends mid-word with a hyphen or on a word no sentence ends
    with ("de", "les"), or, in hard-wrapped text, the second part starts in lower case.
    A comma alone is no evidence ("Madame," then the letter), and a salutation line
    always stands alone.
    """
    wrapped = _hard_wrapped(drafts)
    out: list[Draft] = []
    for draft in drafts:
        if out and draft.kind == PARAGRAPH and draft.after_blank and not draft.explicit and not out[-1].division:
            prev = out[-1]
            last = prev.lines[-1]
            first = draft.lines[0]
            last_word = last.split()[-1] if last.split() else ""
            cut_word = last.endswith(HYPHENS) and last[-2:-1].isalpha()
            continues = not looks_like_url(first.split()[0]) and (
                cut_word or function_word(last_word) or (wrapped and first[:1].islower())
            )
            if (
                not ends_sentence(last)
                and continues
                and not _salutation_like(prev)
                and not (len(prev.lines) == 1 and title_like(last) and not first[:1].islower())
            ) or _alternative_title(prev.lines, first):
                prev.lines.extend(draft.lines)
                continue
        out.append(draft)
    return out


def _alternative_title(prev: list[str], first: str) -> bool:
    """A title page set over several lines: `JULIE` / `OU` / `LA NOUVELLE HÉLOÏSE` (and
    `CANDIDE` / `OU L'OPTIMISME`) is one title, the alternative title after its "OU"."""
    return (
        len(prev) == 1
        and prev[0].isupper()
        and title_like(prev[0])
        and first.split()[:1] == ["OU"]
        and first.isupper()
    )


# A sentence end followed by another sentence (not "M. Dupont": a word of 3+ letters first).
_INNER_SENTENCE_END = re.compile(r"[^\W\d_]{3}[.!?…][»”\"')]?\s+[«\"“]?[A-ZÀ-ÖØ-Þ]")


def item_after_lone_bullet(text: str, next_is_item: bool) -> bool:
    """Is the text after a bullet that stood alone on its line really a list item?

    OCR leaves lone bullets and dashes as debris. A long or multi-sentence paragraph is
    prose, and so is a line ending in a colon that introduces the items after it.
    """
    if len(text) > 300 or (len(text) >= 100 and _INNER_SENTENCE_END.search(text)):
        return False
    return not (next_is_item and text.rstrip(" \u00a0\u202f\"'»”’)]*").endswith(":"))


def no_trailing_headings(blocks: list[Block]) -> list[Block]:
    """Short lines at the very end (a letter's signature) head nothing: they are paragraphs."""
    end = len(blocks)
    while end > 0 and blocks[end - 1].kind == HEADING and not division_level(blocks[end - 1].text):
        end -= 1
    if end == 0 or end == len(blocks):
        return blocks
    return blocks[:end] + [Block(PARAGRAPH, b.text) for b in blocks[end:]]


def opening(text: str) -> str:
    """The first two words, without a list number: what parallel list lines share."""
    words = text.split(None, 3)
    if words and re.fullmatch(r"\d{1,2}[.)]", words[0]):
        words = text.split(None, 4)[1:]
    return " ".join(words[:2]).lower() if len(words) >= 3 else ""


def _item_like(block: Block) -> bool:
    if block.kind in (HEADING, LIST_ITEM):
        return True
    return len(block.text) <= 200 and not ends_sentence(block.text)


def parallel_lines_are_items(blocks: list[Block]) -> list[Block]:
    """Three or more short lines in a row that open alike ("L'Action doit ...") are a list.

    OCR of a slide or a brochure graphic loses the numbers or bullets; the parallel
    wording is what is left of them. Only lines that are no sentences
    change (short, no final period), so paragraphs of prose that start alike stay.
    """
    out = list(blocks)
    i = 0
    while i < len(out):
        first = opening(out[i].text)
        j = i
        while j < len(out) and first and opening(out[j].text) == first and _item_like(out[j]):
            j += 1
        if j - i >= 3:
            for k in range(i, j):
                if out[k].kind != LIST_ITEM:
                    out[k] = out[k].with_kind(LIST_ITEM, level=0)
            i = j
        else:
            i += 1
    return out


# Dialogue, not a list: an incise (", dit-il", "répondit-elle", "a-t-il") or a quotation.
_DIALOGUE = re.compile(
    r"[,!?…]\s*(?:\w+-t-|\w+-)(?:il|elle|on|je|tu|nous|vous|ils|elles)\b|\w-t-(?:il|elle|on)\b|«"
)


def dialogue_is_no_list(blocks: list[Block]) -> list[Block]:
    """A run of dash items that reads as dialogue (`– Viens ! dit-il.`) is prose with its dash.

    French novels open each line of dialogue with a dash; a list made with dashes has no
    incises and seldom a question or an exclamation. The dash stays in the text.
    """
    out = list(blocks)
    i = 0
    while i < len(out):
        if out[i].kind != LIST_ITEM or out[i].structure.marker not in ("-", "–"):
            i += 1
            continue
        j = i
        while j < len(out) and out[j].kind == LIST_ITEM and out[j].structure.marker in ("-", "–"):
            j += 1
        run = out[i:j]
        exclaims = sum(b.text.rstrip(" \u00a0\u202f»”\"").endswith(("?", "!", "…")) for b in run)
        if any(_DIALOGUE.search(b.text) for b in run) or exclaims * 2 > len(run):
            for k in range(i, j):
                b = out[k]
                out[k] = Block(PARAGRAPH, f"{b.structure.marker} {b.text}", replace(b.structure, marker="", depth=0))
        i = j
    return out


def list_depths(blocks: list[Block], indents: list[int]) -> list[Block]:
    """Nesting of list items: a deeper indent or a new numbering style (`a)` under `1.`)
    goes one level down; a style and indent seen above go back to that level. `indents[k]` is
    the indent of block k's first line."""
    out = list(blocks)
    stack: list[tuple[str, int]] = []  # (style, indent) of each open level
    for k, block in enumerate(blocks):
        if block.kind != LIST_ITEM or not block.structure.marker:
            stack = []  # prose, or an item known only by its wording: no nesting to read
            continue
        style, indent = _style(block.structure.marker), indents[k]
        depth = next((d for d, level in enumerate(stack) if level == (style, indent)), None)
        if depth is None:
            top_style, top_indent = stack[-1] if stack else ("", -1)
            if indent > top_indent or (indent == top_indent and "bullet" not in (style, top_style)):
                depth = len(stack)  # deeper, or `a)` under `1.`: one level down
            elif indent == top_indent:
                depth = len(stack) - 1  # bullets and numbers side by side: one list
            else:
                depth = next(d for d, (_s, ind) in enumerate(stack) if ind >= indent)
        stack = stack[:depth] + [(style, indent)]
        if depth:
            out[k] = Block(LIST_ITEM, block.text, replace(block.structure, depth=depth))
    return out


def _style(marker: str) -> str:
    if not marker or not (marker[0].isalnum() or marker[0] == "("):
        return "bullet"  # OCR and PDFs vary the glyph: only the indent nests bullets
    core = marker.strip("(").rstrip(".)°")
    tail = marker[-1]
    if core.isdigit():
        return "1" + ("°" if "°" in marker else tail)
    if len(core) == 1 and core.lower() not in "ivx":
        return ("a" if core.islower() else "A") + tail
    return ("i" if core.islower() else "I") + tail


def heading_levels(blocks: list[Block]) -> list[Block]:
    """Levels for the headings of plain text where the text shows them: divisions by rank
    (LIVRE 1 ... ARTICLE 4), the title line under a division label at that label's level,
    numbered sections by their depth (2. → 2, 2.1 → 3); 0 (unknown) for any other."""
    out = list(blocks)
    prev_division = 0
    for k, block in enumerate(blocks):
        if block.kind != HEADING:
            prev_division = 0
            continue
        level = division_level(block.text)
        if level:
            prev_division = level
        elif prev_division:
            level, prev_division = prev_division, 0
        else:
            number = re.match(r"\d{1,2}((?:\.\d{1,2})*)\.?\s", block.text)
            level = min(6, 2 + number.group(1).count(".")) if number else 0
        if level:
            out[k] = block.with_kind(HEADING, level=level)
    return out
