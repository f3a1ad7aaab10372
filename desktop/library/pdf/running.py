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

from desktop.library.pdf.model import Line, PageLines

_BAND = 0.12
_PAGE_NUMBER = re.compile(
    r"^[\s\-–—|.·•]*(?:(?:page|p\.)\s*)?(?:\d{1,4}|[ivxlcdm]{1,7})(?:\s*(?:/|sur|of|de)\s*\d{1,4})?[\s\-–—|.·•]*$",
    re.I,
)


def _zone(line: Line, page: PageLines, n: int) -> str | None:
    """"top" or "bottom" for a line in the page's outer band, or among the first or last
    two lines of the page (a page whose text stops short of its margins)."""
    if line.cell is not None:
        return None
    if line.bottom <= _BAND * page.height or n < 2:
        return "top"
    if line.top >= (1 - _BAND) * page.height or n >= len(page.lines) - 2:
        return "bottom"
    return None


def _key(line: Line, zone: str) -> str:
    return zone + ":" + re.sub(r"\d+", "#", " ".join(line.text.lower().split()))


def _is_page_number(line: Line, page: PageLines) -> bool:
    text = line.text.strip()
    return bool(_PAGE_NUMBER.match(text)) or (bool(page.label) and text == page.label)


def drop_running_lines(pages: list[PageLines]) -> None:
    counts: Counter[str] = Counter()
    for page in pages:
        counts.update({_key(ln, z) for n, ln in enumerate(page.lines) if (z := _zone(ln, page, n))})
    needed = len(pages) if len(pages) <= 2 else max(3, math.ceil(0.5 * len(pages)))
    for page in pages:
        kept = []
        for n, ln in enumerate(page.lines):
            zone = _zone(ln, page, n)
            if zone and (_is_page_number(ln, page) or (len(pages) > 1 and counts[_key(ln, zone)] >= needed)):
                continue
            kept.append(ln)
        page.lines = kept
