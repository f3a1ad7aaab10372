"""The bilingual PDF's rows laid out as the document is built: headings by level, lists
indented with their numbers or bullets, tables as tables on each side, boxes shaded with
their label, quotes indented, captions and footnotes small, the page where it changes.

Pure HTML for QTextDocument's subset (no CSS borders on paragraphs, margins and
text-indent work); the structure comes from annotations.structure_tree, as for the
Markdown and XLIFF exports.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from desktop.annotations.structure_tree import BOX, DEFINITIONS, ITEM, LIST, Node, Table, build_tree
from desktop.library.models import CAPTION, FOOTNOTE, HEADING, QUOTE, TOC, Paragraph

RESOLUTION = 300  # dots per inch of the PDF writer: QTextDocument's px are its dots


def px(points: float) -> int:
    """A length in points as the px QTextDocument's HTML takes when printing at RESOLUTION."""
    return round(points * RESOLUTION / 72)


HEADING_SIZES = {1: 15.0, 2: 13.0, 3: 11.5, 4: 10.5, 5: 10.0, 6: 9.5}
INDENT = px(13)  # per list level (about 4.6 mm)
BOX_COLOURS = {"warning": "#fff4d6", "caution": "#fde8e6", "danger": "#fde8e6", "important": "#fde8e6"}
BOX_DEFAULT = "#e9f1fa"


def _p(body: str, style: str = "") -> str:
    return f'<p style="margin:0; {style}">{body}</p>' if style else f'<p style="margin:0;">{body}</p>'


class BilingualLayout:
    """Collects each paragraph's French and English HTML (highlights already in), then
    writes the table rows in the document's structure."""

    def __init__(self, paragraphs: Sequence[Paragraph]) -> None:
        self.paragraphs = paragraphs
        self.texts: dict[int, tuple[str, str]] = {}
        self.notes: dict[int, str] = {}
        self.page = ""

    def add(self, p: Paragraph, french: str, english: str, notes: str = "") -> None:
        """One paragraph's two sides, and the HTML of its notes ("" for none)."""
        self.texts[p.index] = (french, english)
        if notes:
            self.notes[p.index] = notes

    def rows(self) -> str:
        out: list[str] = []
        for node in build_tree(self.paragraphs):
            out += self._node(node)
        return "".join(out)

    # -- rows -----------------------------------------------------------------------
    def _page_row(self, p: Paragraph) -> list[str]:
        shown = p.structure.shown_page
        if not shown or shown == self.page:
            return []
        self.page = shown
        return [f'<tr><td colspan="2" style="color:#888; font-size:7.5pt;">p. {html.escape(shown)}</td></tr>']

    def _row(self, p: Paragraph, style: str = "", td_style: str = "", prefix: str = "") -> list[str]:
        fr, en = self.texts.get(p.index, ("", ""))
        cells = "".join(f'<td valign="top" style="{td_style}">{_p(prefix + side, style)}</td>' for side in (fr, en))
        return [*self._page_row(p), f"<tr>{cells}</tr>", *self._notes_row(p)]

    def _notes_row(self, *paragraphs: Paragraph) -> list[str]:
        found = [self.notes[p.index] for p in paragraphs if p.index in self.notes]
        if not found:
            return []
        return [
            '<tr><td colspan="2" style="font-size:8.5pt; color:#333; background-color:#f6f4ee;">'
            + "<br>".join(found)
            + "</td></tr>"
        ]

    def _node(self, node: Node) -> list[str]:
        if isinstance(node, Table):
            return self._table(node)
        if node.kind == LIST:
            return self._list(node)
        if node.kind == BOX:
            return self._box(node)
        if node.kind == DEFINITIONS:
            out = []
            for p in node.paragraphs():
                term = p.structure.attr("definition") == "term"
                out += self._row(p, "font-weight:bold;" if term else f"margin-left:{INDENT}px;")
            return out
        return [row for p in node.paragraphs() for row in self._leaf(p)]

    def _leaf(self, p: Paragraph) -> list[str]:
        st = p.structure
        if p.kind == HEADING:
            level = min(max(st.level, 1), 6)
            return self._row(p, f"font-size:{HEADING_SIZES[level]}pt; font-weight:bold; margin-top:{px(8 - level)}px;")
        if p.kind == QUOTE:
            return self._row(p, f"margin-left:{INDENT * (st.depth + 1)}px; font-style:italic; color:#3a3a3a;")
        if p.kind == CAPTION:
            return self._row(p, "font-size:8.5pt; font-style:italic; color:#555;")
        if p.kind == FOOTNOTE:
            mark = f"<sup>{html.escape(st.marker)}</sup>&nbsp;" if st.marker else ""
            return self._row(p, "font-size:8.5pt; color:#333;", prefix=mark)
        if p.kind == TOC:
            return self._row(p, f"margin-left:{INDENT * st.depth}px;")
        return self._row(p)

    def _list(self, lst: Node) -> list[str]:
        out: list[str] = []
        for item in lst.children:
            if item.kind != ITEM or item.paragraph is None:
                continue
            p = item.paragraph
            margin = INDENT * (lst.depth + 1)
            marker = html.escape(p.structure.marker)
            # a hanging indent: the marker stands in the margin, the text lines up after it
            out += self._row(p, f"margin-left:{margin}px; text-indent:-{INDENT}px;", prefix=f"{marker}&nbsp;" if marker else "")
            for child in item.children:
                if child.kind == LIST:
                    out += self._list(child)
                elif child.paragraph is not None:
                    out += self._row(child.paragraph, f"margin-left:{margin}px;")
        return out

    def _box(self, box: Node) -> list[str]:
        paragraphs = list(box.paragraphs())
        first = paragraphs[0]
        colour = BOX_COLOURS.get(str(first.structure.attr("type", "") or "").lower(), BOX_DEFAULT)
        label = str(first.structure.attr("label", "") or "")
        out: list[str] = []
        for n, p in enumerate(paragraphs):
            prefix = f"<b>{html.escape(label)}</b><br>" if n == 0 and label else ""
            out += self._row(p, td_style=f"background-color:{colour};", prefix=prefix)
        return out

    def _table(self, table: Table) -> list[str]:
        out: list[str] = []
        for caption in table.captions:
            out += self._row(caption, "font-size:8.5pt; font-style:italic; color:#555;")
        cells = [p for row in table.grid for p in row if p is not None]
        if cells:
            out += self._page_row(cells[0])
            sides = "".join(f'<td valign="top">{self._grid(table, side)}</td>' for side in (0, 1))
            out.append(f"<tr>{sides}</tr>")
            out += self._notes_row(*cells)
        return out

    def _grid(self, table: Table, side: int) -> str:
        covered: set[tuple[int, int]] = set()
        for r, row in enumerate(table.grid):
            for c, p in enumerate(row):
                if p is None:
                    continue
                rows, cols = int(p.structure.attr("rowspan", 1) or 1), int(p.structure.attr("colspan", 1) or 1)
                covered |= {(r + dr, c + dc) for dr in range(rows) for dc in range(cols)} - {(r, c)}
        out = ['<table border="1" cellspacing="0" cellpadding="3" width="100%" style="border-collapse:collapse; border-color:#9a9a9a;">']
        for r, row in enumerate(table.grid):
            out.append("<tr>")
            for c, p in enumerate(row):
                if (r, c) in covered:
                    continue
                if p is None:
                    out.append("<td></td>")
                    continue
                st = p.structure
                spans = "".join(
                    f' {name}="{int(st.attr(name))}"' for name in ("colspan", "rowspan") if st.attr(name)
                )
                header = ' style="font-weight:bold; background-color:#eeeeee;"' if st.attr("header") else ""
                out.append(f'<td valign="top"{spans}{header}>{self.texts.get(p.index, ("", ""))[side]}</td>')
            out.append("</tr>")
        out.append("</table>")
        return "".join(out)
