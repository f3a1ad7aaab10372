"""Word documents (.docx) through python-docx (its XML parser resolves no entities).

Headings come from the paragraph style (Heading 1-9 / Titre 1-9 with their level, Title,
an outline level), list items from the numbering definitions (numbering.py: "1.", "a)",
"•", with their depth), quotes and captions from their styles, table-of-contents
entries from the TOC styles. Tables become table cells (tables.py); footnotes and
endnotes follow the text with their numbers. The title is the Title-style paragraph,
else the document's properties (unless they hold a placeholder such as "Document1").
"""

from __future__ import annotations

import io
import re
import zipfile

from desktop.library.importers.archive import open_zip
from desktop.library.importers.budget import Budget
from desktop.library.importers.errors import Refused
from desktop.library.importers.numbering import W, Numbering
from desktop.library.importers.office_styles import is_code_style
from desktop.library.importers.sink import BlockSink
from desktop.library.importers.tables import Cell, emit_table, mend_outside_tables
from desktop.library.models import CAPTION, FOOTNOTE, HEADING, LIST_ITEM, PARAGRAPH, QUOTE, TOC, Block, ParsedDocument

_HEADING_STYLE = re.compile(r"^(?:heading|titre|überschrift|título)\s*(\d)$")
_TOC_STYLE = re.compile(r"^(?:toc|table des matières|tdm|inhaltsverzeichnis)\s*(\d)$")
_PAGE_AT_END = re.compile(r"^(?P<entry>.*?)\s*\t\s*(?P<page>\d{1,4}|[ivxlcdm]{1,7})\s*$", re.I)
_FOOTNOTES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"
_ENDNOTES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/endnotes"


def _style_chain(paragraph) -> list:  # noqa: ANN001 - a docx Paragraph
    styles, style = [], paragraph.style
    while style is not None and len(styles) < 8:  # custom styles inherit from built-ins
        styles.append(style)
        style = style.base_style
    return styles


def _num_pr(paragraph, styles: list) -> tuple[str, int] | None:  # noqa: ANN001
    """(numId, ilvl) of a numbered paragraph: each from its own numPr, else from its style's."""
    num_id = ilvl = None
    for ppr in [paragraph._p.pPr] + [s.element.pPr for s in styles]:
        num_pr = ppr.find(f"{W}numPr") if ppr is not None else None
        if num_pr is None:
            continue
        found_id, found_lvl = num_pr.find(f"{W}numId"), num_pr.find(f"{W}ilvl")
        if num_id is None and found_id is not None:
            num_id = found_id.get(f"{W}val")
        if ilvl is None and found_lvl is not None:
            ilvl = int(found_lvl.get(f"{W}val", "0") or 0)
    if num_id is None or num_id == "0":
        return None
    return num_id, ilvl or 0


class _Reader:
    def __init__(self, document, sink: BlockSink) -> None:  # noqa: ANN001
        self.document = document
        self.sink = sink
        numbering = None
        try:
            numbering = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            pass
        self.numbering = Numbering(numbering)
        self.list_key: str | None = None
        self.list_group = 0
        self.title = ""

    def paragraph(self, paragraph, cell: Cell | None = None) -> None:  # noqa: ANN001
        text = paragraph.text.replace("\t", " ").replace("\n", " ")
        styles = _style_chain(paragraph)
        names = [(s.name or "").lower() for s in styles]
        if is_code_style(names):
            return
        kind, fields = PARAGRAPH, {}
        heading = next((m for n in names if (m := _HEADING_STYLE.match(n))), None)
        toc = next((m for n in names if (m := _TOC_STYLE.match(n))), None)
        numbered = _num_pr(paragraph, styles)
        ppr = paragraph._p.pPr
        outline = ppr.find(f"{W}outlineLvl") if ppr is not None else None
        if any(n in ("title", "titre") for n in names):
            kind, fields = HEADING, {"level": 1}
            if not self.title and text.strip():
                self.title = " ".join(text.split())
        elif any(n in ("subtitle", "sous-titre") for n in names):
            kind, fields = HEADING, {"level": 2}
        elif heading:
            kind, fields = HEADING, {"level": min(int(heading.group(1)), 6)}
        elif outline is not None and outline.get(f"{W}val", "9") != "9":  # 9 is body text
            kind, fields = HEADING, {"level": min(int(outline.get(f"{W}val", "0")) + 1, 6)}
        elif toc:
            m = _PAGE_AT_END.match(paragraph.text)
            text = m.group("entry") if m else text
            kind, fields = TOC, {"depth": int(toc.group(1)) - 1}
            if m:
                fields["attrs"] = (("target", m.group("page")),)
        elif any(n.startswith(("toc heading", "en-tête de table des matières")) for n in names):
            kind, fields = HEADING, {"level": 1}
        elif numbered is not None:
            marker = self.numbering.marker(*numbered)
            if self.list_key != numbered[0]:
                self.list_key, self.list_group = numbered[0], self.sink.new_group()
            kind, fields = LIST_ITEM, {"marker": marker, "depth": numbered[1], "group": self.list_group}
        elif any(n.startswith(("list", "liste")) for n in names):
            kind, fields = LIST_ITEM, {"marker": "•"}
        elif any(n in ("quote", "intense quote", "citation", "citation intense") for n in names):
            kind = QUOTE
        elif any(n in ("caption", "légende") for n in names):
            kind = CAPTION
        if kind != LIST_ITEM and text.strip():
            self.list_key = None
        if cell is not None:
            cleaned = self.sink.clean(text)
            if cleaned:
                cell.blocks.append(Block(kind, cleaned))
        else:
            self.sink.add(kind, text, **fields)

    def container(self, container, cell: Cell | None = None) -> None:  # noqa: ANN001 - Document or _Cell
        from docx.table import Table
        from docx.text.paragraph import Paragraph

        for item in container.iter_inner_content():
            if isinstance(item, Paragraph):
                self.paragraph(item, cell)
            elif isinstance(item, Table):
                self.table(item, cell)

    def table(self, table, outer: Cell | None) -> None:  # noqa: ANN001 - a docx Table
        from docx.table import _Cell

        rows: list[list[Cell]] = []
        for tr in table._tbl.tr_lst:
            trpr = tr.trPr
            header = trpr is not None and trpr.find(f"{W}tblHeader") is not None
            row: list[Cell] = []
            for tc in tr.tc_lst:
                if tc.vMerge == "continue":
                    continue  # covered by the merged cell above
                cell = Cell(header=header, colspan=max(1, tc.grid_span))
                self.container(_Cell(tc, table), cell)
                row.append(cell)
            rows.append(row)
        self.list_key = None
        if outer is not None:  # a table inside a table cell: its text joins that cell
            outer.blocks.extend(b for row in rows for c in row for b in c.blocks)
        else:
            emit_table(self.sink, rows)

    def notes(self, reltype: str, kind: str) -> None:
        from docx.oxml.parser import parse_xml

        part = next((rel.target_part for rel in self.document.part.rels.values()
                     if rel.reltype == reltype and not rel.is_external), None)
        if part is None:
            return
        number = 0
        for note in parse_xml(part.blob).iter(f"{W}{kind}"):
            if note.get(f"{W}type") in ("separator", "continuationSeparator", "continuationNotice"):
                continue
            number += 1
            text = " ".join("".join(t.text or "" for t in p.iter(f"{W}t")) for p in note.iter(f"{W}p"))
            marker = str(number) if kind == "footnote" else _roman_marker(number)
            self.sink.add(FOOTNOTE, text, marker=marker)


def _roman_marker(n: int) -> str:
    from desktop.library.importers.html_walk import format_number

    return format_number(n, "i")


def parse_docx(data: bytes, max_uncompressed: int) -> ParsedDocument:
    open_zip(data, "Word (.docx)", max_uncompressed)
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise Refused(f"this is not a valid Word (.docx) document ({exc})") from exc
    sink = BlockSink(Budget(len(data), "Word document"))
    reader = _Reader(document, sink)
    reader.container(document)
    reader.notes(_FOOTNOTES, "footnote")
    reader.notes(_ENDNOTES, "endnote")
    metadata = {}
    props = document.core_properties
    for key, value in (("title", props.title), ("author", props.author), ("language", props.language),
                       ("subject", props.subject)):
        if value and value.strip():
            metadata[key] = value.strip()
    # The Title-style paragraph; else the caller takes a heading at the start, then the properties' title.
    return ParsedDocument(title=reader.title, blocks=mend_outside_tables(sink.blocks), format="docx", metadata=metadata)
