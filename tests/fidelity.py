"""The markup-debris checker of the fidelity corpus, reusable by any importer's tests.

`debris(text, kind)` lists what in one paragraph is left of its source's machinery:
Markdown link syntax `](`, pandoc/kramdown attributes `{.` `{:`, container fences
`:::`, undecoded entities `&#` `&nbsp;`, a trailing backslash (a hard break read
literally), a heading starting with `#`, and four single letters in a row (text
extracted letter by letter: "L e t t r e").
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_MARKS = ("](", "{.", "{:", ":::", "&#", "&nbsp;")
_SINGLE_LETTERS = re.compile(r"(?<!\S)[^\W\d_](?:\s+[^\W\d_](?!\S)){3}")


def debris(text: str, kind: str = "paragraph") -> list[str]:
    """Why this paragraph carries markup debris (empty: clean)."""
    found = [f"contains {mark!r}" for mark in _MARKS if mark in text]
    if text.rstrip().endswith("\\"):
        found.append("ends with a backslash")
    if kind == "heading" and text.lstrip().startswith("#"):
        found.append("heading starts with '#'")
    letters = _SINGLE_LETTERS.search(text)
    if letters:
        found.append(f"single letters in a row: {letters.group(0)!r}")
    return found


def debris_paragraphs(paragraphs: Iterable[tuple[str, str]]) -> list[tuple[str, list[str]]]:
    """(text, reasons) of each (kind, text) paragraph that carries debris."""
    return [(text, why) for kind, text in paragraphs if (why := debris(text, kind))]
