"""Running headers and footers: lines in a page's top or bottom margin that come back on
most pages (the digits in them may change: "Rapport 2024 — page 7"), and page numbers.

A line is a candidate only in the outer band of the page (the top or bottom 12 %), and
is keyed by its text with digits folded, so left and right pages with different
positions still match; page numbers and the page's printed label are dropped alone. A
head that changes with each chapter counts where it runs: over its chapter's pages.
"""

from __future__ import annotations

import math
import re
from collections import Counter

from desktop.library.pdf.model import Line, PageLines, median

_BAND = 0.09  # the outer 9 % of the page's height (76 points of an A4)
_PAGE_NUMBER = re.compile(
    r"^[\s\-–—|.·•]*(?:(?:page|p\.)\s*)?(?:\d{1,4}|[ivxlcdm]{1,7})(?:\s*(?:/|sur|of|de)\s*\d{1,4})?[\s\-–—|.·•]*$",
    re.I,
)


def _zones(page: PageLines) -> list[str | None]:
    """Each line's zone: "top" or "bottom" for a line in the page's outer band; "first" or
    "last" for one of the first or last two lines of the page in reading order, or one level
    with the page's topmost line (a head that the reading order put after a column's start)."""
    if not page.lines:
        return []
    highest = min(ln.top for ln in page.lines if ln.cell is None) if any(ln.cell is None for ln in page.lines) else 0.0
    out: list[str | None] = []
    last = len(page.lines) - 2
    for n, line in enumerate(page.lines):
        if line.cell is not None:
            out.append(None)
        elif line.bottom <= _BAND * page.height:
            out.append("top")
        elif line.top >= (1 - _BAND) * page.height:
            out.append("bottom")
        elif n < 2 or line.top <= highest + 0.5 * line.height:
            out.append("first")
        elif n >= last:
            out.append("last")
        else:
            out.append(None)
    return out


def _key(line: Line, zone: str, body: float) -> str:
    """In the margins, digits may change from page to page ("page 7"); a line that only
    happens to come first, or is set larger than the text ("Section 2"), must repeat exactly."""
    text = " ".join(line.text.lower().split())
    folded = zone in ("top", "bottom") and line.size < 1.15 * body
    return zone + ":" + (re.sub(r"\d+", "#", text) if folded else text)


def _is_page_number(line: Line, page: PageLines) -> bool:
    text = line.text.strip()
    return bool(_PAGE_NUMBER.match(text)) or (bool(page.label) and text == page.label)


def _part_key(line: Line, zone: str, body: float) -> str | None:
    """Key of a head that may run through one chapter: in the body's size or smaller, at the
    top (or first on the page) or at the bottom, digits folded."""
    if line.size >= 1.15 * body or zone == "last" or ". . ." in line.text or "..." in line.text:
        return None  # the last lines of pages, or contents entries, repeat by their nature
    edge = "head" if zone in ("top", "first") else "foot"
    return edge + ":" + re.sub(r"\d+", "#", " ".join(line.text.lower().split()))


def _runs_through_a_part(found: list[int]) -> bool:
    """A head that names the chapter it runs through ("CHAPTER 1. UN BON DÉPART" on every
    other page of that chapter, set lower than the 9 % band): at least three pages, and at
    least a third of the pages from its first to its last."""
    return len(found) >= 3 and len(found) >= (found[-1] - found[0] + 1) / 3


def drop_running_lines(pages: list[PageLines]) -> None:
    body = median([ln.size for p in pages for ln in p.lines], 10.0)
    counts: Counter[str] = Counter()
    where: dict[str, list[int]] = {}
    for i, page in enumerate(pages):
        zoned = [(ln, z) for ln, z in zip(page.lines, _zones(page)) if z]
        counts.update({_key(ln, z, body) for ln, z in zoned})
        for key in {k for ln, z in zoned if (k := _part_key(ln, z, body))}:
            where.setdefault(key, []).append(i)
    needed = len(pages) if len(pages) <= 2 else max(3, math.ceil(0.5 * len(pages)))
    running = {key for key, n in counts.items() if n >= needed}
    parts = {key for key, found in where.items() if _runs_through_a_part(found)}
    slots: Counter[tuple] = Counter()  # where the running heads found are set
    dropped: list[list[bool]] = []
    for page in pages:
        marks = []
        for ln, zone in zip(page.lines, _zones(page)):
            run = bool(zone) and len(pages) > 1 and (_key(ln, zone, body) in running or _part_key(ln, zone, body) in parts)
            marks.append(run or bool(zone) and _is_page_number(ln, page))
            if run:
                slots[_slot(ln, zone)] += 1
        dropped.append(marks)
    for page, marks in zip(pages, dropped):
        page.lines = [
            ln
            for ln, gone, zone in zip(page.lines, marks, _zones(page))
            if not gone and not _in_a_head_slot(ln, zone, slots)
        ]


def _slot(line: Line, zone: str | None) -> tuple:
    return ("head" if zone in ("top", "first") else "foot", round(line.top), round(line.size * 2))


def _in_a_head_slot(line: Line, zone: str | None, slots: Counter[tuple]) -> bool:
    """A head set exactly where at least three running heads were found (same height on
    the page, same size), though its own text came back too rarely: a short section's name."""
    text = line.text.rstrip()
    return zone is not None and slots[_slot(line, zone)] >= 3 and len(text) <= 100 and not text.endswith((".", ":", ";", ","))
