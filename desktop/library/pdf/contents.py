"""Tables of contents in a PDF: a line with dot leaders and its page number is a contents
entry; so is a chapter's entry set in bold without leaders among them, and an entry too long
for one line whose first line has no leaders."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from desktop.library.pdf.blocks import _Draft

# A contents entry: dot leaders to the end of the line, then (usually) its page number.
_TOC_ENTRY = re.compile(r"^(?P<entry>.*?\w.*?)\s*(?:\.\s?){4,}\s*(?P<page>\d{1,4}|[ivxlcdm]{1,7}|[IVXLCDM]{1,7})?\s*$")
_TOC_SHORT = re.compile(r"^(?P<entry>.*?\w.*?)\s\.\s+(?P<page>\d{1,4})$")  # a title that leaves room for one leader dot
_TOC_PLAIN = re.compile(r"^(?P<entry>.*?\w.*?)\s+(?P<page>\d{1,4}|[ivxlcdm]{1,7}|[IVXLCDM]{1,7})$")
_ENDS = (".", "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "i", "v", "x")


def is_entry(text: str) -> bool:
    """Does this line read as a contents entry (leaders, then usually a page number)?"""
    return text.endswith(_ENDS) and bool(_TOC_ENTRY.match(text) or _TOC_SHORT.match(text))


def entry_and_page(text: str) -> tuple[str, str]:
    """The entry's title without its leaders, and its page ("" when it has none)."""
    m = _TOC_ENTRY.match(text) or _TOC_SHORT.match(text) or _TOC_PLAIN.match(text)
    if m is None:
        return text, ""
    return m.group("entry").strip(), m.group("page") or ""


def contents_chapters(drafts: list[_Draft]) -> None:
    """A chapter's contents entry, set in bold without leaders ("4 Besoins      6"), among
    leadered entries is an entry too, not a heading."""
    for order in (range(len(drafts)), range(len(drafts) - 1, -1, -1)):  # runs of them, both ways
        for i in order:
            d = drafts[i]
            if d.role == "heading" and len(d.lines) == 1 and _TOC_PLAIN.match(d.first.text.strip()):
                near = drafts[max(0, i - 1) : i] + drafts[i + 1 : i + 2]
                if any(n.role == "toc" and n.page is d.page for n in near):
                    d.role = "toc"


def wrapped_entries(drafts: list[_Draft], gap: float) -> list[_Draft]:
    """A contents entry too long for one line: its first line has no leaders (read as a
    paragraph or a numbered item), the next one, set in under its title, ends in leaders
    and the page. Both are one entry."""
    out: list[_Draft] = []
    for d in drafts:
        if d.role in ("body", "item") and len(d.lines) <= 3 and _TOC_ENTRY.match(d.last.text.strip()):
            d.role = "toc"  # its leaders set apart on the line after a wide gap
        prev = out[-1] if out else None
        if (
            prev is not None
            and d.role == "toc"
            and prev.role in ("body", "item")
            and len(prev.lines) == 1
            and prev.page is d.page
            and prev.last.region == d.first.region
            and d.first.x0 > prev.first.x0 + 0.5 * d.first.size
            and 0 <= d.first.top - prev.last.bottom <= gap + 0.5 * d.first.size
        ):
            prev.role = "toc"
            prev.lines.extend(d.lines)
            continue
        out.append(d)
    return out
