"""Words into lines: words on one baseline that follow each other closely make a line.

A gap wider than WIDE_GAP ems on a baseline separates two lines (two columns, a tab
stop), so that the reading order can put each in its column, unless a line just above or
below has a word across it (a justified line's stretched space). Drop caps are put back in
front of their word, and bullets drawn as shapes become the line's marker.
"""

from __future__ import annotations

import re

from desktop.library.cleanup import repair_inline
from desktop.library.pdf.model import LOW_CONFIDENCE, Line, Word
from desktop.library.pdf.textlayer import WIDE_GAP

# What a list item starts with: a bullet glyph (symbol fonts map theirs to the private use
# area), a dash, or a number or letter ("1.", "2)", "a)", "(iv)", "1°").
BULLETS = "•●▪■□◦○◆◇►▶▸‣⁃➢➤➔→✓✔❖∙·➜➝➞➣❯»–—-*"
BULLET_CLASS = "[" + re.escape(BULLETS) + "\ue000-\uf8ff]"
MARKER = re.compile(rf"^(?:{BULLET_CLASS}|\(?(?:\d{{1,2}}|[a-zA-Z]|[ivxIVX]{{1,4}})[.)°]|\d{{1,2}}°)$")

_DROP_CAP_RATIO = 1.8  # a lone capital this much larger than the text beside it
_OCR_GUTTER = 1.8  # ems of white inside a line Tesseract read as one: two columns
# What Tesseract makes of a bullet (a dot, a small disc): a lone mark set apart from the text.
_OCR_BULLETS = frozenset("e«»©*o°•·-–")


def rows_of(words: list[Word]) -> list[list[Word]]:
    """Words grouped by baseline, top to bottom, each row left to right."""
    rows: list[list[Word]] = []
    for w in sorted(words, key=lambda w: (w.baseline, w.x0)):
        # A drop cap sits on the baseline of the third line beside it: not the same row.
        for row in reversed(rows[-3:]):  # the last row first: the usual match
            first = row[0]
            if abs(w.baseline - first.baseline) <= 0.3 * max(w.size, first.size) and 1 / 1.5 <= w.size / first.size <= 1.5:
                row.append(w)
                break
        else:
            rows.append([w])
    for row in rows:
        row.sort(key=lambda w: w.x0)
    return rows


# A note call set apart as its own word, and the comma after it, sit against what they follow.
_ATTACHED = re.compile(r"^(?:[⁰¹²³⁴⁵⁶⁷⁸⁹]+$|,)")
_TIGHT_BEFORE = frozenset(("!", "?", ";", ":", "»", "!!", "?!", "!?"))
# An elided article or pronoun is joined to the next word: d’ + agréer -> d’agréer.
_ELIDED = re.compile(r"(?:^|\W)(?:[dlnmtsjcDLNMTSJC]|[Qq]u|[Jj]usqu|[Ll]orsqu|[Pp]uisqu)['’]$")


def _ocr_bullet(words: list[Word]) -> None:
    """A scanned bullet read as a letter ("e", "«", "©"): one mark, then a wide gap."""
    if len(words) > 1 and words[0].group >= 0 and words[0].text in _OCR_BULLETS:
        if words[1].x0 - words[0].x1 >= 0.6 * words[1].size:
            words[0].text = "•"


def line_of(words: list[Word]) -> Line:
    _ocr_bullet(words)
    parts: list[str] = []
    low: list[tuple[int, int, float]] = []
    pos = 0
    for w in words:
        # Ligatures unfolded, NFC, I'UE -> l'UE: per word, so the spans below stay exact.
        text = w.text if w.text.isascii() and "'" not in w.text else repair_inline(w.text)
        if not text:
            continue
        if parts and not _ELIDED.search(parts[-1]) and not _ATTACHED.match(text):
            # French sets a non-breaking space before ; : ! ? » and after «; PDF writers drop
            # the space glyph and leave a gap, so it comes back as the right kind of space.
            parts.append("\u00a0" if text in _TIGHT_BEFORE or parts[-1] == "«" else " ")
            pos += 1
        if w.conf < LOW_CONFIDENCE:
            low.append((pos, pos + len(text), round(w.conf, 1)))
        parts.append(text)
        pos += len(text)
    chars = sum(len(w.text) for w in words) or 1
    size = sum(w.size * len(w.text) for w in words) / chars
    bold = sum(len(w.text) for w in words if w.bold) * 2 > chars
    return Line(
        "".join(parts),
        min(w.x0 for w in words),
        min(w.top for w in words),
        max(w.x1 for w in words),
        max(w.bottom for w in words),
        size,
        bold,
        low=tuple(low),
    )


_JUSTIFIED_GAP = 6.0  # ems: justification never spreads words this far apart
_ONE_SIDED_GAP = 2.5  # ems: as far as a justified space may stretch when only one side tells
_CHANNEL = 0.6  # ems, and at least 0.4 of the gap: white this wide down every line around a
# gap is a gutter (spaces of the lines around may happen to line up, but not that wide)


def _covered(a: float, b: float, spans: list[tuple[float, float]], channel: float) -> bool:
    reach = a
    for x0, x1 in sorted(s for s in spans if s[1] > a and s[0] < b):
        if x0 - reach > channel:
            return False  # white from `reach` to `x0` on every line: a channel
        reach = max(reach, x1)
    return b - reach <= channel


def _bridged(prev: Word, w: Word, above: list[list[Word]], below: list[list[Word]]) -> bool:
    """Is this wide gap only a justified line's stretched space? Words of the same size on
    the lines just above, and on those just below, cover all of it; a column gutter or a
    tab stop leaves a white channel down the page, however ragged the column. A side tells
    only if its words reach into the gap or stand on both sides of it (a paragraph's short
    last line below says nothing; full-width text above columns covers the gutter from one
    side only, the columns below leave it white)."""
    size = max(w.size, prev.size)
    a, b = prev.x1 + 0.1 * size, w.x0 - 0.1 * size
    if b - a > _JUSTIFIED_GAP * size:
        return False
    # Sizes read off a scan vary from line to line by a quarter or more, and run small.
    alike, channel = (0.35, 1.0) if w.group >= 0 else (0.15, _CHANNEL)
    channel = max(channel * size, 0.4 * (b - a))
    told = []
    for rows in (above, below):
        near = [
            o
            for row in rows
            for o in row
            if abs(o.size - size) <= alike * size and abs(o.baseline - w.baseline) <= 3.6 * size  # three lines each way
            and o.x1 > prev.x0 and o.x0 < w.x1  # beside these two words, not in another column
        ]
        inside = [(o.x0, o.x1) for o in near if o.x1 > a and o.x0 < b]
        both = any(o.x1 <= a for o in near) and any(o.x0 >= b for o in near)
        if inside or both:
            told.append(inside)
    if len(told) == 1 and b - a > _ONE_SIDED_GAP * size:
        return False  # two captions side by side over the text below, a heading's tab stop
    return bool(told) and all(_covered(a, b, spans, channel) for spans in told)


# A section number set a quad before its title, as LaTeX does ("1   Introduction", "2.3   Méthode").
_SECTION_NUMBER = re.compile(r"^(?:\d{1,2}(?:\.\d{1,2})*|[IVX]{1,5}|[A-Z])\.?$")


_PAGE_NUMBER = re.compile(r"^(?:\d{1,4}|[ivxlcdm]{1,7}|[IVXLCDM]{1,7})$")


def _leader(w: Word) -> bool:
    return w.text.endswith("..") or w.text == "." or w.text.endswith("…")


def _leadered_page(row: list[Word], w: Word) -> bool:
    """Does `row` end with a page number after dot leaders, set flush with `w`?"""
    return (
        len(row) >= 2
        and row[-1] is not w
        and abs(row[-1].x1 - w.x1) <= 0.3 * w.size
        and bool(_PAGE_NUMBER.match(row[-1].text))
        and _leader(row[-2])
    )


def _numbers(first: Word, w: Word, row: list[Word]) -> bool:
    """Does `first` (alone so far on its line) number what follows it: a list marker, or a
    section number at the start of the row, in the size of its title, a few ems before it?"""
    if MARKER.match(first.text):
        return True
    return (
        first is row[0]
        and bool(_SECTION_NUMBER.match(first.text))
        and abs(w.size - first.size) < 0.1 * w.size
        and w.x0 - first.x1 <= 2.5 * w.size
        and w.text[:1].isupper()
    )


def build_lines(words: list[Word]) -> list[Line]:
    lines: list[Line] = []
    rows = rows_of(words)
    for k, row in enumerate(rows):
        if len(row) >= 3 and (_leader(row[-1]) or (_leader(row[-2]) and _PAGE_NUMBER.match(row[-1].text))):
            lines.append(line_of(row))  # a contents entry: number, title, dot leaders, page
            continue
        current = [row[0]]
        for w in row[1:]:
            prev = current[-1]
            wide = w.x0 - prev.x1 > WIDE_GAP * max(w.size, prev.size) + 2 * max(w.spacing, prev.spacing)
            wide = wide and not _bridged(prev, w, rows[max(0, k - 8) : k], rows[k + 1 : k + 9])
            # Tesseract's own lines stay whole (letter-spaced words), unless a gutter splits them.
            same_ocr_line = w.group >= 0 and w.group == prev.group and w.x0 - prev.x1 < _OCR_GUTTER * w.size
            if _PAGE_NUMBER.match(w.text) and w is row[-1] and any(_leadered_page(r, w) for r in rows[max(0, k - 3) : k + 4]):
                wide = False  # a chapter's contents entry: its page flush with the leadered entries' pages
            if wide and not same_ocr_line and not (len(current) == 1 and _numbers(current[0], w, row)):
                lines.append(line_of(current))
                current = []
            current.append(w)
        lines.append(line_of(current))
    return _rejoin_drop_caps(lines)


def _is_drop_cap(line: Line, others: list[Line]) -> bool:
    text = line.text.strip()
    if not (1 <= len(text) <= 2 and text[0].isupper() and text[0].isalpha()):
        return False
    beside = [o for o in others if o is not line and o.size * _DROP_CAP_RATIO <= line.size]
    return bool(beside)


def _rejoin_drop_caps(lines: list[Line]) -> list[Line]:
    """A large initial (one capital over two or three lines) rejoins the first word of the
    first line beside it: `L` + `es délégués` -> `Les délégués`."""
    out = list(lines)
    for cap in [ln for ln in lines if _is_drop_cap(ln, lines)]:
        beside = [
            ln
            for ln in out
            if ln is not cap
            and ln.size * _DROP_CAP_RATIO <= cap.size
            and cap.x1 - 1 <= ln.x0 <= cap.x1 + 2.5 * ln.size
            and cap.top - ln.size <= ln.top <= cap.bottom
        ]
        if not beside:
            continue
        first = min(beside, key=lambda ln: ln.top)
        letter = cap.text.strip()
        shift = len(letter)
        first.text = letter + first.text
        first.low = tuple((a + shift, b + shift, c) for a, b, c in first.low)
        first.x0 = cap.x0
        out.remove(cap)
    return out


def attach_dots(lines: list[Line], dots: list[tuple[float, float, float, float]]) -> None:
    """A small drawn shape just left of a line, level with its text, is the line's bullet."""
    for x0, top, x1, bottom in dots:
        mid = (top + bottom) / 2
        best = None
        for ln in lines:
            if ln.top - 1 <= mid <= ln.bottom + 1 and 0 <= ln.x0 - x1 <= 2.5 * ln.size and bottom - top <= ln.height:
                if best is None or ln.x0 < best.x0:
                    best = ln
        if best is not None and not best.marker:
            best.marker = "•"
            best.x0 = min(best.x0, x0)  # the item starts at its bullet (depth is measured there)
