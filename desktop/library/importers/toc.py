"""Tables of contents in plain text: recognised as TOC entries, not read as prose.

A contents heading ("Table des matières", "Sommaire", "Table", "Contents") followed by
short lines, or a run of lines ending in page numbers after dot leaders, is a table of
contents: each line becomes one TOC block (its page number kept as attrs["target"]),
instead of the whole run being joined into one giant "sentence".
"""

from __future__ import annotations

import re

from desktop.library.models import HEADING, TOC, Block, Structure

_TOC_HEADING = re.compile(
    r"^\s*(?:table\s+des\s+mati[èe]res|table\s+analytique|table|sommaire|contents|table\s+of\s+contents|index)\s*\.?\s*$", re.I
)
_PAGE_REF = re.compile(r"^(?P<entry>\S.*?)(?:\s*(?:\.\s*){3,}|\s*…+|\s{2,}|\s+)(?P<page>\d{1,4}|[ivxlcdm]{1,7}|[IVXLCDM]{1,7})\s*$")
_LEADERS = re.compile(r"(?:\s*\.\s*){3,}|\s*…+")
_MAX_ENTRY = 110
_MIN_RUN = 4  # lines ending in page numbers that make a table of contents without a heading


_PAGE_END = frozenset("0123456789ivxlcdmIVXLCDM")


def _is_entry(line: str) -> bool:
    text = line.strip()
    # Most lines end with no page number: the regular expression is spared them.
    return len(text) <= _MAX_ENTRY and text[-1:] in _PAGE_END and bool(_PAGE_REF.match(text))


def _group_is_toc(lines: list[str], under_heading: bool) -> bool:
    lines = [ln for ln in lines if ln.strip()]
    if not lines or any(len(ln.strip()) > _MAX_ENTRY for ln in lines):
        return False
    refs = sum(1 for ln in lines if _is_entry(ln))
    if under_heading:
        # short lines under a contents heading; prose would run to full-width lines
        return refs * 2 >= len(lines) or max(len(ln.strip()) for ln in lines) <= 70
    return refs >= _MIN_RUN and refs * 4 >= len(lines) * 3


def _groups(lines: list[str]) -> list[tuple[int, int]]:
    """(start, end) line ranges of the blank-line separated groups."""
    out, start = [], None
    for i, line in enumerate(lines + [""]):
        if line.strip() and start is None:
            start = i
        elif not line.strip() and start is not None:
            out.append((start, i))
            start = None
    return out


def entries(lines: list[str], group: int) -> list[Block]:
    """TOC blocks of the lines of a table of contents (a wrapped entry joined to its page line)."""
    blocks: list[Block] = []
    pending = ""
    for line in lines:
        text = line.strip()
        if not text:
            continue
        m = _PAGE_REF.match(text)
        if m is None and pending and line[:1].isspace():
            pending += " " + text
            continue
        if pending:
            blocks.append(Block(TOC, pending, Structure(group=group)))
            pending = ""
        if m is not None:
            entry = _LEADERS.sub("", m.group("entry")).strip()
            attrs = (("target", m.group("page")),)
            blocks.append(Block(TOC, entry or text, Structure(group=group, attrs=attrs)))
        else:
            pending = _LEADERS.sub(" ", text).strip()
    if pending:
        blocks.append(Block(TOC, pending, Structure(group=group)))
    return blocks


def split_toc(text: str) -> list[tuple[str, list[str]]]:
    """The text cut into ("text", lines), ("heading", [line]) and ("toc", lines) segments."""
    lines = text.split("\n")
    groups = _groups(lines)
    segments: list[tuple[str, list[str]]] = []
    cursor = 0
    g = 0
    while g < len(groups):
        start, end = groups[g]
        heading = end - start == 1 and _TOC_HEADING.match(lines[start])
        first = g + 1 if heading else g
        run_end = first
        while run_end < len(groups) and _group_is_toc(lines[slice(*groups[run_end])], bool(heading)):
            run_end += 1
        if run_end > first:
            segments.append(("text", lines[cursor:start]))
            if heading:
                segments.append(("heading", [lines[start].strip()]))
            segments.append(("toc", lines[groups[first][0] : groups[run_end - 1][1]]))
            cursor = groups[run_end - 1][1]
            g = run_end
        else:
            g += 1
    segments.append(("text", lines[cursor:]))
    return [(kind, seg) for kind, seg in segments if any(ln.strip() for ln in seg)]


def heading_block(line: str) -> Block:
    return Block(HEADING, line, Structure(level=2))
