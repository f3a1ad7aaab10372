"""Tables of structured documents (Markdown, HTML, EPUB, DOCX, ODT) as table-cell blocks.

A data table becomes one TABLE_CELL block per filled cell, sharing the table's group
number, with its row and column (each cell is a unit of text, translated on its own).
Tables used for page layout (a single column, or a single filled cell) keep their
paragraphs as they are. Header cells carry attrs["header"], spans attrs["colspan"] and
attrs["rowspan"]; leading rows written all in bold are header rows, and a first row
spanning the whole table is its title (a caption), as wikis and DocBook write them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from desktop.library.cleanup import mend_broken_paragraphs
from desktop.library.importers.sink import BlockSink, attrs_tuple
from desktop.library.models import CAPTION, PARAGRAPH, TABLE_CELL, Block, Structure


@dataclass
class Cell:
    blocks: list[Block] = field(default_factory=list)  # the cell's own paragraphs, as parsed
    header: bool = False
    colspan: int = 1
    rowspan: int = 1
    bold: bool = False  # all its text in bold: a header cell written as <td><strong>

    @property
    def text(self) -> str:
        return " ".join(b.text for b in self.blocks if b.text.strip())


def is_layout_table(rows: list[list[Cell]]) -> bool:
    """True when the table lays out text (keep its paragraphs) rather than holding data."""
    filled = [cell for row in rows for cell in row if cell.text]
    if len(filled) <= 1:
        return True
    return max((sum(c.colspan for c in row) for row in rows), default=0) <= 1


def emit_table(sink: BlockSink, rows: list[list[Cell]], caption: str = "") -> None:
    """A table's blocks: its caption, then a TABLE_CELL per filled cell (or a layout table's paragraphs)."""
    rows = [row for row in rows if row]
    while rows and not any(cell.text for cell in rows[0]):
        rows = rows[1:]  # an empty header row (how Markdown writes a table that has none)
    if not rows:
        return
    if is_layout_table(rows):
        if caption:
            sink.add(CAPTION, caption)
        for row in rows:
            for cell in row:
                for block in cell.blocks:
                    sink.add(block.kind, block.text, block.structure)
        return
    width = max(sum(c.colspan for c in row) for row in rows)
    first = [c for c in rows[0] if c.text]
    if len(rows) > 2 and width > 1 and len(first) == 1 and first[0].colspan >= width:
        # a first row spanning the whole table holds its title ("Liste des services")
        caption = " ".join(t for t in (caption, first[0].text) if t)
        rows = rows[1:]
    for row in rows[:-1]:  # leading rows written all in bold are the header
        filled = [c for c in row if c.text]
        if not filled or not all(c.header or c.bold for c in filled):
            break
        for c in filled:
            c.header = True
    group = sink.new_group()
    if caption:
        sink.add(CAPTION, caption, group=group)
    occupied: set[tuple[int, int]] = set()  # (row, col) taken by a rowspan from above
    for r, row in enumerate(rows):
        col = 0
        for cell in row:
            while (r, col) in occupied:
                col += 1
            for dr in range(1, max(cell.rowspan, 1)):
                for dc in range(max(cell.colspan, 1)):
                    occupied.add((r + dr, col + dc))
            attrs = attrs_tuple(
                header=cell.header,
                colspan=cell.colspan if cell.colspan > 1 else None,
                rowspan=cell.rowspan if cell.rowspan > 1 else None,
            )
            sink.add(TABLE_CELL, cell.text, Structure(group=group, row=r, col=col, attrs=attrs))
            col += max(cell.colspan, 1)


def mend_outside_tables(blocks: list[Block]) -> list[Block]:
    """mend_broken_paragraphs on the runs of plain paragraphs (table cells and other kinds stay whole)."""
    out: list[Block] = []
    run: list[Block] = []
    for block in blocks:
        if block.kind == PARAGRAPH and block.structure == Structure():
            run.append(block)
            continue
        out.extend(mend_broken_paragraphs(run))
        run = []
        out.append(block)
    out.extend(mend_broken_paragraphs(run))
    return out
