"""A document's flat paragraphs as the nested structure their author wrote, for exports.

The library stores each paragraph with its kind and structure (list depth, table group,
row and column, box group...). Exports that keep the structure (Markdown, XLIFF groups,
the bilingual PDF) need it nested again: lists holding items holding sub-lists, tables
holding rows of cells, boxes holding their paragraphs. `build_tree` does that once, the
same way for every export, so they cannot disagree about where a list ends.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

from desktop.library.models import CALLOUT, CAPTION, LIST_ITEM, QUOTE, TABLE_CELL, TOC, Paragraph

_NUMBERED = re.compile(r"^(\d{1,9})([.)])$")
_BULLETS = frozenset("•◦▪▫■□●○‣⁃–—-*+·►▸➢✓✔")

# Node kinds
LEAF, LIST, ITEM, TABLE, BOX, QUOTE_RUN, DEFINITIONS, CONTENTS = (
    "leaf", "list", "item", "table", "box", "quote", "definitions", "contents",
)  # fmt: skip


@dataclass
class Node:
    """One container of the tree, or a leaf holding one paragraph."""

    kind: str
    paragraph: Paragraph | None = None  # leaves, and an item's own first paragraph
    children: list[Node] = field(default_factory=list)
    depth: int = 0  # a list's depth

    def paragraphs(self) -> Iterator[Paragraph]:
        """Every paragraph under this node, in reading order."""
        if self.paragraph is not None:
            yield self.paragraph
        for child in self.children:
            yield from child.paragraphs()


@dataclass
class Table(Node):
    """A table: its captions, and its cells placed on a grid (spans leave None behind)."""

    captions: list[Paragraph] = field(default_factory=list)
    grid: list[list[Paragraph | None]] = field(default_factory=list)
    header_rows: int = 0  # leading rows whose filled cells are all header cells

    def paragraphs(self) -> Iterator[Paragraph]:
        yield from self.captions
        for row in self.grid:
            yield from (p for p in row if p is not None)


def list_style(marker: str) -> str:
    """'ordered' for 1. / 2), 'bullet' for •, – and the like, 'other' for a), i., 1°, A."""
    if _NUMBERED.match(marker):
        return "ordered"
    if marker in _BULLETS or (len(marker) == 1 and not marker.isalnum()):
        return "bullet"
    return "other"


def _table(paragraphs: Sequence[Paragraph]) -> Table:
    captions = [p for p in paragraphs if p.kind == CAPTION]
    cells = [p for p in paragraphs if p.kind == TABLE_CELL]
    rows = max((p.structure.row for p in cells), default=-1) + 1
    cols = 0
    for p in cells:
        cols = max(cols, p.structure.col + int(p.structure.attr("colspan", 1) or 1))
    grid: list[list[Paragraph | None]] = [[None] * cols for _ in range(rows)]
    for p in cells:
        grid[p.structure.row][p.structure.col] = p
    header_rows = 0
    for row in grid:
        filled = [p for p in row if p is not None]
        if not filled or not all(p.structure.attr("header") for p in filled):
            break
        header_rows += 1
    return Table(TABLE, captions=captions, grid=grid, header_rows=header_rows)


def _run_end(paragraphs: Sequence[Paragraph], i: int, same: Callable[[Paragraph], bool]) -> int:
    j = i + 1
    while j < len(paragraphs) and same(paragraphs[j]):
        j += 1
    return j


def _is_definition(p: Paragraph) -> bool:
    return p.kind == "paragraph" and p.structure.attr("definition") in ("term", "description")


def _list(paragraphs: Sequence[Paragraph]) -> list[Node]:
    """Consecutive list items as nested lists (by depth); an item with no marker continues
    the item before it at its depth. A new outer list starts where the importer's list group changes."""
    top: list[Node] = []
    stack: list[Node] = []  # open lists, outermost first
    for p in paragraphs:
        depth = p.structure.depth
        if not p.structure.marker and stack:
            target = next((lst for lst in reversed(stack) if lst.depth <= depth), stack[0])
            if target.children:
                target.children[-1].children.append(Node(LEAF, p))
                continue
        while stack and stack[-1].depth > depth:
            stack.pop()
        if stack and stack[-1].depth == depth and depth == 0 and stack[-1].children:
            first = stack[-1].children[0].paragraph
            if first is not None and first.structure.group != p.structure.group and p.structure.group:
                stack.clear()
        if not stack or stack[-1].depth < depth:
            new = Node(LIST, depth=depth)
            if stack and stack[-1].children:
                stack[-1].children[-1].children.append(new)
            else:
                top.append(new)
            stack.append(new)
        stack[-1].children.append(Node(ITEM, p))
    return top


def build_tree(paragraphs: Sequence[Paragraph]) -> list[Node]:
    """The document's top-level nodes in reading order."""
    out: list[Node] = []
    table_groups = {p.structure.group for p in paragraphs if p.kind == TABLE_CELL and p.structure.group}
    i = 0
    while i < len(paragraphs):
        p = paragraphs[i]
        st = p.structure
        if p.kind in (TABLE_CELL, CAPTION) and st.group in table_groups:
            j = _run_end(paragraphs, i, lambda q: q.kind in (TABLE_CELL, CAPTION) and q.structure.group == st.group)
            out.append(_table(paragraphs[i:j]))
        elif p.kind == LIST_ITEM:
            j = _run_end(paragraphs, i, lambda q: q.kind == LIST_ITEM)
            out.extend(_list(paragraphs[i:j]))
        elif p.kind == CALLOUT:
            j = _run_end(paragraphs, i, lambda q: q.kind == CALLOUT and q.structure.group == st.group)
            out.append(Node(BOX, children=[Node(LEAF, q) for q in paragraphs[i:j]]))
        elif p.kind == QUOTE:
            j = _run_end(paragraphs, i, lambda q: q.kind == QUOTE)
            out.append(Node(QUOTE_RUN, children=[Node(LEAF, q) for q in paragraphs[i:j]]))
        elif _is_definition(p):
            j = _run_end(paragraphs, i, lambda q: _is_definition(q) and q.structure.group == st.group)
            out.append(Node(DEFINITIONS, children=[Node(LEAF, q) for q in paragraphs[i:j]]))
        elif p.kind == TOC:
            j = _run_end(paragraphs, i, lambda q: q.kind == TOC)
            out.append(Node(CONTENTS, children=[Node(LEAF, q) for q in paragraphs[i:j]]))
        else:
            j = i + 1
            out.append(Node(LEAF, p))
        i = j
    return out
