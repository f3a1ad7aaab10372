"""Text that comes in pages (PDF text layers, pdftotext output with form feeds).

Lines that repeat at the top or bottom of most pages (running headers and footers,
page numbers) are dropped, and the pages are joined so that a sentence running over a
page break reads as one.
"""

from __future__ import annotations

import math
import re
from collections import Counter

_EDGE = 2  # how many lines at each end of a page can be a running header or footer
_PAGE_NUMBER = re.compile(r"^[\s\-–—|]*(?:page\s*)?\d{1,4}(?:\s*(?:/|sur|of|de)\s*\d{1,4})?[\s\-–—|]*$", re.I)


def _line_key(line: str) -> str:
    return re.sub(r"\d+", "#", " ".join(line.lower().split()))


def _edge_keys(page: list[str]) -> dict[int, str]:
    """Line index -> key, for the first and last non-blank lines of a page.

    The position is part of the key: a running header sits at the same place on every page.
    """
    filled = [i for i, line in enumerate(page) if line.strip()]
    keys = {}
    for pos, index in enumerate(filled[:_EDGE]):
        keys[index] = f"top{pos}:{_line_key(page[index])}"
    for pos, index in enumerate(reversed(filled[-_EDGE:])):
        keys.setdefault(index, f"bottom{pos}:{_line_key(page[index])}")
    return keys


def strip_running_lines(pages: list[list[str]]) -> list[list[str]]:
    """Remove page numbers and the header/footer lines repeated on (nearly) every page."""
    counts: Counter[str] = Counter()
    for page in pages:
        counts.update(set(_edge_keys(page).values()))
    needed = max(2, len(pages) if len(pages) <= 3 else math.ceil(0.6 * len(pages)))
    cleaned = []
    for page in pages:
        edges = _edge_keys(page)
        cleaned.append(
            [
                line
                for i, line in enumerate(page)
                if not (i in edges and (counts[edges[i]] >= needed or _PAGE_NUMBER.match(line)))
            ]
        )
    return cleaned


def _ends_sentence(line: str) -> bool:
    return line.rstrip(" \"'»”’)").endswith((".", "!", "?", "…", ":"))


def join_pages(pages: list[list[str]]) -> str:
    """One text: a blank line between pages, or a plain line break where a sentence runs on."""
    joined = ""
    for page in pages:
        while page and not page[-1].strip():
            page = page[:-1]
        while page and not page[0].strip():
            page = page[1:]
        if not page:
            continue
        if joined:
            joined += "\n\n" if _ends_sentence(joined.rsplit("\n", 1)[-1]) else "\n"
        joined += "\n".join(page)
    return joined
