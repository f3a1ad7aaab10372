"""A whole document as Markdown, in English or French and English, with its structure.

Headings keep their levels, lists their numbers or bullets and their nesting, tables are
Markdown (GitHub) tables with every cell translated, boxes are GitHub/Obsidian alerts
(`> [!TIP] Bon à savoir`), quotes are quotes, definition lists use the `Term` / `: description`
form of pandoc and markdown-it, footnotes keep their mark, captions are in italics, and
the page a passage starts on is given where the source has pages (`*[p. 12]*`).

Bilingual: each paragraph is followed by its English in the same place (the same list
item, box or quote); a table is written in French, then in English; a heading is
written in both languages at its level. Markers that CommonMark cannot number
(`a)`, `1°`, `i.`) are written as they were, at the start of their line.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence

from desktop.annotations.document_texts import DocumentTexts
from desktop.annotations.markdown_text import escape
from desktop.annotations.structure_tree import (
    BOX,
    CONTENTS,
    DEFINITIONS,
    ITEM,
    LEAF,
    LIST,
    QUOTE_RUN,
    Node,
    Table,
    build_tree,
    list_style,
)
from desktop.library.models import CAPTION, FOOTNOTE, HEADING, Paragraph

# GitHub's five alert types; a box of another type is shown as the nearest one.
_ALERTS = {
    "note": "NOTE", "info": "NOTE", "information": "NOTE", "remarque": "NOTE", "seealso": "NOTE",
    "tip": "TIP", "hint": "TIP", "astuce": "TIP", "conseil": "TIP", "success": "TIP", "example": "TIP",
    "important": "IMPORTANT", "attention": "IMPORTANT",
    "warning": "WARNING", "avertissement": "WARNING", "alerte": "WARNING", "alert": "WARNING",
    "caution": "CAUTION", "danger": "CAUTION", "error": "CAUTION",
}  # fmt: skip
_PAGE_LABEL = re.compile(r"^[\w.-]{1,12}$")


class _Writer:
    def __init__(self, texts: DocumentTexts, langs: Sequence[str]) -> None:
        self.texts = texts
        self.langs = tuple(langs)

    def versions(self, p: Paragraph) -> list[str]:
        """The paragraph's text in each language written. An English not made yet is left out
        beside its French, and stands in French in an English-only export."""
        out = [self.texts.text(p, lang) for lang in self.langs]
        if self.langs == ("en",) and out[0] is None:
            out = [self.texts.french(p)]
        return [t for t in out if t is not None and t.strip()]

    # -- blocks: each returns a list of blocks, a block being a list of lines --------------
    def node(self, node: Node) -> list[list[str]]:
        if isinstance(node, Table):
            return self.table(node)
        if node.kind == LIST:
            return [self.list(node)]
        if node.kind == BOX:
            return [self.box(node)]
        if node.kind == QUOTE_RUN:
            return [self.quote(node)]
        if node.kind == DEFINITIONS:
            return [self.definitions(node)]
        if node.kind == CONTENTS:
            return [self.contents(node)]
        assert node.kind == LEAF and node.paragraph is not None
        return self.leaf(node.paragraph)

    def leaf(self, p: Paragraph) -> list[list[str]]:
        if p.kind == HEADING:
            hashes = "#" * min(max(p.structure.level, 1), 6)
            return [[f"{hashes} {_heading(text)}"] for text in self.versions(p)]
        if p.kind == CAPTION:
            return [[f"*{escape(text)}*"] for text in self.versions(p)]
        if p.kind == FOOTNOTE:
            mark = escape(f"[{p.structure.marker}]") + " " if p.structure.marker else ""
            return [[mark + escape(text)] for text in self.versions(p)]
        return [[escape(text)] for text in self.versions(p)]

    def table(self, table: Table) -> list[list[str]]:
        blocks: list[list[str]] = []
        cols = max((len(row) for row in table.grid), default=0)
        for lang in self.langs:
            for caption in table.captions:
                text = self.texts.text(caption, lang)
                if text:
                    blocks.append([f"*{escape(text)}*"])
            if not cols:
                continue

            def cell(p: Paragraph | None, lang: str = lang) -> str:
                if p is None:
                    return ""
                text = self.texts.text(p, lang) or self.texts.french(p)  # no cell left blank
                return escape(text, in_table=True)

            rows = [[cell(p) for p in row] + [""] * (cols - len(row)) for row in table.grid]
            head = rows[0] if table.header_rows else [""] * cols
            body = rows[1:] if table.header_rows else rows
            lines = ["| " + " | ".join(head) + " |", "|" + "|".join(["---"] * cols) + "|"]
            lines += ["| " + " | ".join(row) + " |" for row in body]
            blocks.append(lines)
        return blocks

    def list(self, lst: Node, indent: str = "") -> list[str]:
        items = [self.item(item, indent) for item in lst.children if item.kind == ITEM]
        lines: list[str] = []
        for n, item_lines in enumerate(items):
            if n and self.loose(lst):
                lines.append("")
            lines += item_lines
        return lines

    def loose(self, lst: Node) -> bool:
        """Items apart by blank lines: when one holds several paragraphs (its English, a
        continuation), or its marker is not a list marker (its line would join the one before)."""
        return len(self.langs) > 1 or any(
            child.kind == LEAF or list_style(item.paragraph.structure.marker if item.paragraph else "") == "other"
            for item in lst.children
            for child in [*item.children, item]
        )

    def item(self, item: Node, indent: str) -> list[str]:
        p = item.paragraph
        assert p is not None
        marker = p.structure.marker
        style = list_style(marker) if marker else "bullet"
        lead = {"ordered": marker, "bullet": "-"}.get(style, "")
        versions = self.versions(p) or [""]
        if style == "other":
            # `a)`, `1°`, `i.`: CommonMark has no such list; written as they were, children unindented
            first = [indent + escape(marker) + " " + escape(versions[0])]
            inner = indent
        else:
            first = [indent + lead + " " + escape(versions[0])]
            inner = indent + " " * (len(lead) + 1)
        lines = first
        for text in versions[1:]:
            lines += ["", inner + escape(text)]
        for child in item.children:
            if child.kind == LIST:
                lines += ([""] if style == "other" or self.loose(child) else []) + self.list(child, inner)
            elif child.paragraph is not None:
                for text in self.versions(child.paragraph):
                    lines += ["", inner + escape(text)]
        return lines

    def box(self, box: Node) -> list[str]:
        first = next(box.paragraphs())
        kind = str(first.structure.attr("type", "") or "note").lower()
        label = str(first.structure.attr("label", "") or "")
        alert = _ALERTS.get(kind, "NOTE")
        head = f"> [!{alert}]"
        if label and label.lower() != alert.lower():
            head += " " + escape(label)
        lines = [head]
        for p in box.paragraphs():
            for text in self.versions(p):
                if len(lines) > 1:
                    lines.append(">")
                lines.append("> " + escape(text))
        return lines

    def quote(self, run: Node) -> list[str]:
        lines: list[str] = []
        for p in run.paragraphs():
            prefix = "> " * (p.structure.depth + 1)
            for text in self.versions(p):
                if lines:
                    lines.append(prefix.rstrip())
                lines.append(prefix + escape(text))
        return lines

    def definitions(self, dl: Node) -> list[str]:
        lines: list[str] = []
        for p in dl.paragraphs():
            versions = self.versions(p)
            if p.structure.attr("definition") == "term":
                if lines:
                    lines.append("")
                lines.append(" / ".join(escape(t) for t in versions))
            else:
                for text in versions:
                    lines += ["", ": " + escape(text)]
        return lines

    def contents(self, toc: Node) -> list[str]:
        lines: list[str] = []
        for p in toc.paragraphs():
            indent = "  " * p.structure.depth
            target = str(p.structure.attr("target", "") or "")
            page = f" (p. {target})" if target and _PAGE_LABEL.match(target) and not target.startswith("#") else ""
            versions = [escape(t) for t in self.versions(p)] or [""]
            # the English on the next line of the same entry (a hard break: two trailing spaces)
            lines.append(f"{indent}- " + f"  \n{indent}  ".join(versions) + page)
        return lines


def _heading(text: str) -> str:
    text = escape(text)
    return text[:-1] + "\\#" if text.endswith("#") else text


def _front_matter(title: str, lang: str, untranslated: int) -> list[str]:
    lines = ["---", f"title: {json.dumps(title, ensure_ascii=False)}", f"lang: {lang}"]
    if untranslated:
        lines.append(f"# {untranslated} sentence(s) not translated yet are left in French")
    return lines + ["---"]


def document_markdown(texts: DocumentTexts, langs: Sequence[str] = ("fr", "en")) -> str:
    """The document in Markdown: langs ("en",) for English only, ("fr", "en") bilingual."""
    writer = _Writer(texts, langs)
    title = texts.english_title() if tuple(langs) == ("en",) else texts.doc.title
    untranslated = texts.untranslated if "en" in langs else 0
    out: list[str] = _front_matter(title, langs[0], untranslated)
    page = ""
    for node in build_tree(texts.doc.paragraphs):
        first = next(node.paragraphs(), None)
        shown = first.structure.shown_page if first is not None else ""
        if shown and shown != page:
            out += ["", f"*[p. {escape(shown)}]*"]
            page = shown
        for block in writer.node(node):
            if block:
                out += [""] + block
    return "\n".join(out).rstrip() + "\n"
