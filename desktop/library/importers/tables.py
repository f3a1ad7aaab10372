"""Table rows of structured documents (HTML, EPUB, DOCX, ODT, Markdown) as readable blocks.

A data table reads best one row per paragraph, its cells joined by " | "
("Mme Durand | Directrice"), rather than one paragraph per cell. Tables used for page
layout (one cell holding the whole text, or cells holding long prose or headings) keep
their paragraphs as they are. Empty rows and empty cells are dropped.
"""

from __future__ import annotations

from desktop.library.cleanup import mend_broken_paragraphs
from desktop.library.models import HEADING, PARAGRAPH, Block

CELL_SEPARATOR = " | "
_LONG_CELL = 300  # characters: a cell this long holds prose, not data


def is_layout_row(cells: list[list[Block]]) -> bool:
    """True when the row lays out text (keep its paragraphs) rather than holding data."""
    filled = [cell for cell in cells if cell]
    if len(filled) <= 1:
        return True
    for cell in filled:
        if any(block.kind == HEADING for block in cell):
            return True
        if sum(len(block.text) for block in cell) > _LONG_CELL:
            return True
    return False


def row_blocks(cells: list[list[Block]]) -> list[Block]:
    """The blocks of one table row: one paragraph for a data row, or a layout row's own blocks."""
    cells = [[block for block in cell if block.text.strip()] for cell in cells]
    if is_layout_row(cells):
        return [block for cell in cells for block in cell]
    texts = [" ".join(block.text for block in cell) for cell in cells if cell]
    return [Block(PARAGRAPH, CELL_SEPARATOR.join(texts))]


def mend_outside_tables(blocks: list[Block], table_rows: set[int]) -> list[Block]:
    """mend_broken_paragraphs on the runs of blocks between table rows (rows stay whole)."""
    if not table_rows:
        return mend_broken_paragraphs(blocks)
    out: list[Block] = []
    run: list[Block] = []
    for index, block in enumerate(blocks):
        if index in table_rows:
            out.extend(mend_broken_paragraphs(run))
            run = []
            out.append(block)
        else:
            run.append(block)
    out.extend(mend_broken_paragraphs(run))
    return out
