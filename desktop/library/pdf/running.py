"""Running headers and footers: lines in a page's top or bottom margin that come back on
most pages (the digits in them may change: "Rapport 2024 — page 7"), and page numbers.

A line is a candidate only in the outer band of the page (the top or bottom 12 %), and
is keyed by its text with digits folded, so left and right pages with different
positions still match; page numbers and the page's printed label are dropped alone.
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


def _zone(line: Line, page: PageLines, n: int) -> str | None:
    """"top" or "bottom" for a line in the page's outer band; "first" or "last" for one of
    the first or last two lines of a page whose text stops short of its margins."""
    if line.cell is not None:
        return None
    if line.bottom <= _BAND * page.height:
        return "top"
    if line.top >= (1 - _BAND) * page.height:
        return "bottom"
    if n < 2:
        return "first"
    if n >= len(page.lines) - 2:
        return "last"
    return None


def _key(line: Line, zone: str, body: float) -> str:
    """In the margins, digits may change from page to page ("page 7"); a line that only
    happens to come first, or is set larger than the text ("Section 2"), must repeat exactly."""
    text = " ".join(line.text.lower().split())
    folded = zone in ("top", "bottom") and line.size < 1.15 * body
    return zone + ":" + (re.sub(r"\d+", "#", text) if folded else text)


def _is_page_number(line: Line, page: PageLines) -> bool:
    text = line.text.strip()
    return bool(_PAGE_NUMBER.match(text)) or (bool(page.label) and text == page.label)


def drop_running_lines(pages: list[PageLines]) -> None:
    body = median([ln.size for p in pages for ln in p.lines], 10.0)
    counts: Counter[str] = Counter()
    for page in pages:
        counts.update({_key(ln, z, body) for n, ln in enumerate(page.lines) if (z := _zone(ln, page, n))})
    needed = len(pages) if len(pages) <= 2 else max(3, math.ceil(0.5 * len(pages)))
    for page in pages:
        kept = []
        for n, ln in enumerate(page.lines):
            zone = _zone(ln, page, n)
            if zone and (_is_page_number(ln, page) or (len(pages) > 1 and counts[_key(ln, zone, body)] >= needed)):
                continue
            kept.append(ln)
        page.lines = kept
