"""OpenDocument text (.odt): content.xml, styles.xml and meta.xml, parsed safely (safexml).

Headings keep their outline level; list items their number or bullet from the list
styles (num-format, prefix/suffix, start value, bullet character) and their depth;
tables become table cells; footnotes and endnotes follow the text with their citation;
a generated table of contents gives TOC entries. The title is meta.xml's dc:title, else
the Title-style paragraph.
"""

from __future__ import annotations

from desktop.library.importers.archive import open_zip, read_member
from desktop.library.importers.budget import Budget
from desktop.library.importers.errors import Refused
from desktop.library.importers.html_walk import format_number
from desktop.library.importers.office_styles import is_code_style
from desktop.library.importers.safexml import parse_xml
from desktop.library.importers.sink import BlockSink
from desktop.library.importers.tables import Cell, emit_table, mend_outside_tables
from desktop.library.models import FOOTNOTE, HEADING, LIST_ITEM, PARAGRAPH, TOC, Block, ParsedDocument

_T = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_STYLE = "{urn:oasis:names:tc:opendocument:xmlns:style:1.0}"
_FO = "{urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0}"
_DC = "{http://purl.org/dc/elements/1.1/}"
_KIND = "OpenDocument text (.odt)"
_SKIP = {f"{_T}tracked-changes", f"{_T}sequence-decls", f"{_OFFICE}annotation", f"{_OFFICE}forms",
         f"{_T}alphabetical-index", f"{_T}illustration-index", f"{_T}index-title-template"}
_INDEXES = {f"{_T}table-of-content", f"{_T}user-index", f"{_T}object-index", f"{_T}table-index"}


def _list_styles(*roots) -> dict[str, dict[int, tuple[str, str, str, int]]]:  # noqa: ANN002
    """list style name -> level -> (format or bullet char, prefix, suffix, start)."""
    styles: dict[str, dict[int, tuple[str, str, str, int]]] = {}
    for root in roots:
        if root is None:
            continue
        for style in root.iter(f"{_T}list-style"):
            levels = {}
            for lvl in style:
                level = int(lvl.get(f"{_T}level", "1") or 1)
                if lvl.tag == f"{_T}list-level-style-number":
                    levels[level] = (lvl.get(f"{_STYLE}num-format", "1") or "", lvl.get(f"{_STYLE}num-prefix", ""),
                                     lvl.get(f"{_STYLE}num-suffix", "."), int(lvl.get(f"{_T}start-value", "1") or 1))
                elif lvl.tag == f"{_T}list-level-style-bullet":
                    levels[level] = ("bullet", lvl.get(f"{_T}bullet-char", "•") or "•", "", 1)
            styles[style.get(f"{_STYLE}name", "")] = levels
    return styles


def _paragraph_styles(*roots) -> dict[str, str]:  # noqa: ANN002
    """paragraph style name -> its parent's name (to find Title/Subtitle through automatic styles)."""
    parents = {}
    for root in roots:
        if root is None:
            continue
        for style in root.iter(f"{_STYLE}style"):
            parents[style.get(f"{_STYLE}name", "")] = style.get(f"{_STYLE}parent-style-name", "")
    return parents


class _Reader:
    def __init__(self, sink: BlockSink, lists: dict, parents: dict[str, str]) -> None:
        self.sink = sink
        self.lists = lists
        self.parents = parents
        self.notes: list = []
        self.counters: dict[str, list[int]] = {}
        self.title = ""

    def _style_names(self, name: str) -> list[str]:
        names = []
        while name and name not in names and len(names) < 8:
            names.append(name)
            name = self.parents.get(name, "")
        return [n.lower() for n in names]

    def inline(self, el) -> str:  # noqa: ANN001
        parts = [el.text or ""]
        for child in el:
            tag = child.tag
            if tag == f"{_T}s":
                parts.append(" " * min(int(child.get(f"{_T}c", "1") or 1), 100))
            elif tag in (f"{_T}tab", f"{_T}line-break"):
                parts.append(" ")
            elif tag == f"{_T}note":
                self.notes.append(child)  # footnotes go after the body, not inside the sentence
            elif tag in _SKIP or tag == f"{_T}soft-page-break":
                pass
            else:
                parts.append(self.inline(child))
            parts.append(child.tail or "")
        return "".join(parts)

    def _marker(self, style: str, level: int, restart: int | None) -> str:
        fmt, prefix, suffix, start = self.lists.get(style, {}).get(level, ("bullet", "•", "", 1))
        if fmt == "bullet":
            return prefix or "•"
        if not fmt:
            return ""
        counters = self.counters.setdefault(style, [0] * 11)
        counters[level] = (restart - 1 if restart is not None else counters[level] or start - 1) + 1
        for deeper in range(level + 1, 11):
            counters[deeper] = 0
        return f"{prefix}{format_number(counters[level], fmt)}{suffix}"

    def walk(self, el, out: BlockSink | Cell, lst: tuple[str, int, int] | None = None) -> None:  # noqa: ANN001
        """Blocks of `el`; `lst` is the open list: (style, level, group)."""
        for child in el:
            tag = child.tag
            if tag in _SKIP or not isinstance(tag, str):
                continue
            if tag in _INDEXES:
                self.index(child, out)
            elif tag == f"{_TABLE}table":
                self.table(child, out)
            elif tag == f"{_T}list":
                style = child.get(f"{_T}style-name") or (lst[0] if lst else "")
                level = lst[1] + 1 if lst else 1
                group = lst[2] if lst else self.sink.new_group()
                if not lst and child.get(f"{_T}continue-numbering") != "true" and not child.get(f"{_T}continue-list"):
                    self.counters.pop(style, None)
                self.walk(child, out, (style, level, group))
            elif tag in (f"{_T}list-item", f"{_T}list-header") and lst is not None:
                restart = child.get(f"{_T}start-value")
                marker = self._marker(lst[0], lst[1], int(restart) if restart and restart.isdigit() else None)
                self.item(child, out, lst, marker if tag == f"{_T}list-item" else "")
            elif tag in (f"{_T}h", f"{_T}p"):
                self.paragraph(child, out, tag == f"{_T}h")
            else:
                self.walk(child, out, lst)

    def item(self, item, out, lst, marker: str) -> None:  # noqa: ANN001
        for child in item:
            if child.tag in (f"{_T}p", f"{_T}h"):
                text = self.inline(child)
                if isinstance(out, Cell):
                    out.blocks.append(Block(LIST_ITEM, self.sink.clean(text)))
                else:
                    self.sink.add(LIST_ITEM, text, marker=marker, depth=lst[1] - 1, group=lst[2])
                marker = ""
            else:
                self.walk([child], out, lst)  # a nested list opens one level deeper

    def paragraph(self, el, out, is_heading: bool) -> None:  # noqa: ANN001
        text = self.inline(el)
        names = self._style_names(el.get(f"{_T}style-name", ""))
        if is_code_style(names):
            return
        kind, fields = PARAGRAPH, {}
        if is_heading:
            kind, fields = HEADING, {"level": min(int(el.get(f"{_T}outline-level", "1") or 1), 6)}
        elif "title" in names or "titre" in names:
            kind, fields = HEADING, {"level": 1}
            self.title = self.title or " ".join(text.split())
        elif "subtitle" in names or "sous-titre" in names:
            kind, fields = HEADING, {"level": 2}
        if isinstance(out, Cell):
            cleaned = self.sink.clean(text)
            if cleaned:
                out.blocks.append(Block(kind, cleaned))
        else:
            self.sink.add(kind, text, **fields)

    def index(self, el, out) -> None:  # noqa: ANN001
        body = el.find(f"{_T}index-body")
        if body is None or isinstance(out, Cell):
            return
        group = self.sink.new_group()
        for child in body.iter(f"{_T}p", f"{_T}h"):
            parent = child.getparent()
            if parent is not None and parent.tag == f"{_T}index-title":
                self.sink.add(HEADING, self.inline(child), level=1)
                continue
            text = self.inline(child).rstrip()
            entry, _, page = text.rpartition(" ")
            if entry and (page.isdigit() or page.lower().strip("ivxlcdm") == ""):
                self.sink.add(TOC, entry, group=group, attrs=(("target", page),))
            else:
                self.sink.add(TOC, text, group=group)

    def table(self, el, out) -> None:  # noqa: ANN001
        rows: list[list[Cell]] = []
        for row_el in el.iter(f"{_TABLE}table-row"):
            header = row_el.getparent() is not None and row_el.getparent().tag == f"{_TABLE}table-header-rows"
            row: list[Cell] = []
            for cell_el in row_el:
                if cell_el.tag != f"{_TABLE}table-cell":
                    continue  # covered (merged) cells hold nothing
                cell = Cell(header=header, colspan=max(1, int(cell_el.get(f"{_TABLE}number-columns-spanned", "1") or 1)),
                            rowspan=max(1, int(cell_el.get(f"{_TABLE}number-rows-spanned", "1") or 1)))
                self.walk(cell_el, cell)
                row.append(cell)
            rows.append(row)
        if isinstance(out, Cell):
            out.blocks.extend(b for row in rows for c in row for b in c.blocks)
        else:
            emit_table(self.sink, rows)

    def footnotes(self) -> None:
        for note in self.notes:
            citation = note.find(f"{_T}note-citation")
            body = note.find(f"{_T}note-body")
            if body is None:
                continue
            text = " ".join(self.inline(p) for p in body.iter(f"{_T}p"))
            self.sink.add(FOOTNOTE, text, marker=(citation.text or "").strip() if citation is not None else "")


def parse_odt(data: bytes, max_uncompressed: int) -> ParsedDocument:
    archive = open_zip(data, _KIND, max_uncompressed)
    names = set(archive.namelist())
    if "mimetype" in names:
        mimetype = read_member(archive, "mimetype", _KIND).decode("ascii", "replace").strip()
        if mimetype != "application/vnd.oasis.opendocument.text":
            raise Refused(f"this is not an OpenDocument text document (it is {mimetype or 'unknown'})")
    root = parse_xml(read_member(archive, "content.xml", _KIND), "content.xml")
    styles = parse_xml(read_member(archive, "styles.xml", _KIND), "styles.xml") if "styles.xml" in names else None
    body = root.find(f"{_OFFICE}body/{_OFFICE}text")
    if body is None:
        raise Refused("this OpenDocument file holds no text document")
    sink = BlockSink(Budget(len(data), _KIND))
    reader = _Reader(sink, _list_styles(styles, root), _paragraph_styles(styles, root))
    reader.walk(body, sink)
    reader.footnotes()
    metadata = {}
    if "meta.xml" in names:
        try:
            meta = parse_xml(read_member(archive, "meta.xml", _KIND), "meta.xml")
            for key, tag in (("title", "title"), ("language", "language"), ("author", "creator"), ("subject", "subject")):
                found = meta.find(f".//{_DC}{tag}")
                if found is not None and (found.text or "").strip():
                    metadata[key] = found.text.strip()
        except Refused:
            pass  # metadata is optional; the text was read
    return ParsedDocument(title=reader.title, blocks=mend_outside_tables(sink.blocks), format="odt", metadata=metadata)
