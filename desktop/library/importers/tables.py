"""Tables of structured documents (Markdown, HTML, EPUB, DOCX, ODT) as table-cell blocks.

A data table becomes one TABLE_CELL block per filled cell, sharing the table's group
number, with its row and column (each cell is a unit of text, translated on its own).
Tables used for page layout (a single column, or a single filled cell) keep their
paragraphs as they are. Header cells carry attrs["header"], spans attrs["colspan"] and
attrs["rowspan"].
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
