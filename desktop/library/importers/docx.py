"""Word documents (.docx) through python-docx.

Headings come from the paragraph style (Heading 1-9, Title, or an outline level set on
the paragraph), list items from list styles or numbering properties. Tables are read
row by row in document order: a data row is one paragraph, its cells joined by " | "
(tables.py).
"""

from __future__ import annotations

import io
import zipfile

from desktop.library.cleanup import clean_paragraph
from desktop.library.importers.archive import open_zip
from desktop.library.importers.errors import Refused
from desktop.library.importers.tables import is_layout_row, mend_outside_tables, row_blocks
from desktop.library.models import HEADING, LIST_ITEM, PARAGRAPH, Block, ParsedDocument

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _kind(paragraph) -> str:  # noqa: ANN001 - a docx.text.paragraph.Paragraph
    names = []
    style = paragraph.style
    while style is not None and len(names) < 6:  # custom styles inherit from built-ins
        names.append((style.name or "").lower())
        style = style.base_style
    if any(n.startswith(("heading", "titre", "title", "subtitle", "sous-titre")) for n in names):
        return HEADING
    ppr = paragraph._p.pPr
    if ppr is not None:
        outline = ppr.find(f"{_W}outlineLvl")
        if outline is not None and outline.get(f"{_W}val", "9") != "9":  # 9 is body text
            return HEADING
        if ppr.find(f"{_W}numPr") is not None:
            return LIST_ITEM
    if any(n.startswith(("list", "liste")) for n in names):
        return LIST_ITEM
    return PARAGRAPH


def _paragraph_block(paragraph) -> Block | None:  # noqa: ANN001 - a docx Paragraph
    text = clean_paragraph(paragraph.text.replace("\t", " ").replace("\n", " "))
    return Block(_kind(paragraph), text) if text else None


def _read_blocks(container, out: list[Block], table_rows: set[int]) -> None:  # noqa: ANN001 - Document or _Cell
    """Blocks in document order; a table row is one block (its index goes in `table_rows`)."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for item in container.iter_inner_content():
        if isinstance(item, Paragraph):
            block = _paragraph_block(item)
            if block is not None:
                out.append(block)
        elif isinstance(item, Table):
            for row in item.rows:
                seen = set()
                cells: list[list[Block]] = []
                for cell in row.cells:
                    if id(cell._tc) in seen:  # merged cells repeat
                        continue
                    seen.add(id(cell._tc))
                    inner: list[Block] = []
                    _read_blocks(cell, inner, set())
                    cells.append(inner)
                blocks = row_blocks(cells)
                if len(blocks) == 1 and not is_layout_row(cells):
                    table_rows.add(len(out))
                out.extend(blocks)


def parse_docx(data: bytes, max_uncompressed: int) -> ParsedDocument:
    open_zip(data, "Word (.docx)", max_uncompressed)
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise Refused(f"this is not a valid Word (.docx) document ({exc})") from exc
    blocks: list[Block] = []
    table_rows: set[int] = set()
    _read_blocks(document, blocks, table_rows)
    metadata = {}
    props = document.core_properties
    if props.title:
        metadata["title"] = props.title.strip()
    if props.author:
        metadata["author"] = props.author.strip()
    if props.language:
        metadata["language"] = props.language.strip()
    return ParsedDocument(title="", blocks=mend_outside_tables(blocks, table_rows), format="docx", metadata=metadata)
