"""OpenDocument text (.odt): content.xml and meta.xml read with zipfile + ElementTree."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from desktop.library.cleanup import clean_paragraph
from desktop.library.importers.archive import open_zip, read_member
from desktop.library.importers.errors import Refused
from desktop.library.importers.tables import is_layout_row, mend_outside_tables, row_blocks
from desktop.library.models import HEADING, LIST_ITEM, PARAGRAPH, Block, ParsedDocument

_T = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_DC = "{http://purl.org/dc/elements/1.1/}"
_KIND = "OpenDocument text (.odt)"
# Generated or hidden content: a table of contents repeats the headings, changes are
# not the text, annotations are the reader's comments.
_SKIP = {
    f"{_T}table-of-content",
    f"{_T}alphabetical-index",
    f"{_T}illustration-index",
    f"{_T}tracked-changes",
    f"{_T}sequence-decls",
    f"{_OFFICE}annotation",
    f"{_OFFICE}forms",
}


def _inline_text(element: ET.Element, notes: list[ET.Element]) -> str:
    parts = [element.text or ""]
    for child in element:
        tag = child.tag
        if tag == f"{_T}s":
            parts.append(" " * int(child.get(f"{_T}c", "1") or 1))
        elif tag in (f"{_T}tab", f"{_T}line-break"):
            parts.append(" ")
        elif tag == f"{_T}note":
            notes.append(child)  # footnotes go after the body, not inside the sentence
        elif tag in _SKIP or tag == f"{_T}soft-page-break":
            pass
        else:
            parts.append(_inline_text(child, notes))
        parts.append(child.tail or "")
    return "".join(parts)


def _walk(
    element: ET.Element, in_list: bool, out: list[Block], notes: list[ET.Element], table_rows: set[int] | None = None
) -> None:
    """Blocks of `element` in reading order; indexes of table-row blocks go in `table_rows`."""
    for child in element:
        tag = child.tag
        if tag in _SKIP:
            continue
        if tag == f"{_TABLE}table-row":
            cells: list[list[Block]] = []
            for cell in child:
                if cell.tag == f"{_TABLE}table-cell":  # covered (merged) cells hold nothing
                    inner: list[Block] = []
                    _walk(cell, in_list, inner, notes)
                    cells.append(inner)
            blocks = row_blocks(cells)
            if table_rows is not None and len(blocks) == 1 and not is_layout_row(cells):
                table_rows.add(len(out))
            out.extend(blocks)
            continue
        if tag in (f"{_T}h", f"{_T}p"):
            text = clean_paragraph(_inline_text(child, notes))
            if text:
                kind = HEADING if tag == f"{_T}h" else LIST_ITEM if in_list else PARAGRAPH
                out.append(Block(kind, text))
        elif tag == f"{_T}list-item":
            _walk(child, True, out, notes, table_rows)
        else:
            _walk(child, in_list, out, notes, table_rows)


def parse_odt(data: bytes, max_uncompressed: int) -> ParsedDocument:
    archive = open_zip(data, _KIND, max_uncompressed)
    names = set(archive.namelist())
    if "mimetype" in names:
        mimetype = read_member(archive, "mimetype", _KIND).decode("ascii", "replace").strip()
        if mimetype != "application/vnd.oasis.opendocument.text":
            raise Refused(f"this is not an OpenDocument text document (it is {mimetype or 'unknown'})")
    try:
        root = ET.fromstring(read_member(archive, "content.xml", _KIND))
    except ET.ParseError as exc:
        raise Refused(f"this {_KIND} file is damaged (content.xml: {exc})") from exc
    body = root.find(f"{_OFFICE}body/{_OFFICE}text")
    if body is None:
        raise Refused("this OpenDocument file holds no text document")
    blocks: list[Block] = []
    notes: list[ET.Element] = []
    table_rows: set[int] = set()
    _walk(body, False, blocks, notes, table_rows)
    for note in notes:
        note_body = note.find(f"{_T}note-body")
        if note_body is not None:
            _walk(note_body, False, blocks, [])
    metadata = {}
    if "meta.xml" in names:
        try:
            meta = ET.fromstring(read_member(archive, "meta.xml", _KIND))
            for key, tag in (("title", "title"), ("language", "language"), ("author", "creator")):
                found = meta.find(f".//{_DC}{tag}")
                if found is not None and (found.text or "").strip():
                    metadata[key] = found.text.strip()
        except ET.ParseError:
            pass  # metadata is optional; the text was read
    return ParsedDocument(title="", blocks=mend_outside_tables(blocks, table_rows), format="odt", metadata=metadata)
