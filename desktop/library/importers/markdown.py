"""Markdown (.md) through markdown-it-py (CommonMark) and mdit-py-plugins.

The dialects met in real French documents are parsed, not patched with regular
expressions: YAML front matter (title and information, never reading text), tables,
footnotes, definition lists, pandoc/markdown-it attributes (`[texte]{.classe}`,
`{#id}`), `:::` containers (VuePress, markdown-it-container, pandoc fenced divs,
DSFR/remark directives) and MkDocs `!!!` admonitions and GitHub `> [!NOTE]` alerts,
which become callouts with their label while other containers vanish and keep their
content. What is left of a syntax no plugin knows (kramdown `{: .classe}` attribute
lists, Liquid tags, leaf directives) is removed from the text. Raw HTML blocks go
through the HTML importer; images keep only their alt text, as a caption; code is not
prose and is left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from types import SimpleNamespace
from urllib.parse import unquote

from desktop.library.cleanup import Dehyphenator, french_words
from desktop.library.importers.budget import Budget
from desktop.library.importers.frontmatter import parse_front_matter
from desktop.library.importers.sink import BlockSink, attrs_tuple
from desktop.library.importers.tables import Cell, emit_table
from desktop.library.importers.text import decode
from desktop.library.models import (
    CALLOUT,
    CAPTION,
    FOOTNOTE,
    HEADING,
    LIST_ITEM,
    PARAGRAPH,
    QUOTE,
    TOC,
    Block,
    ParsedDocument,
    Structure,
)

# Attribute lists of pandoc, kramdown and markdown-it-attrs that no plugin consumed:
# `{#id .classe clé="valeur"}`, `{: .classe}`, `{:target="_blank"}`, `{:toc}`.
_ATTR_ITEM = r"""(?:[#.][\w:-]+|[\w-]+=(?:"[^"\n]*"|'[^'\n]*'|[^\s}]*)|:[\w-]+)"""
_ATTR_LIST = re.compile(r"\{:?[ \t]*(?:" + _ATTR_ITEM + r"[ \t]*)+\}|\{:\s*\}")
_LIQUID = re.compile(r"\{%[^%\n]{0,500}%\}|\{\{[^}\n]{0,500}\}\}")
_LEAF_DIRECTIVE = re.compile(r"^:{2,}[\w-]+(?:\[[^\]\n]*\])?(?:\{[^}\n]*\})?$")
_ONLY_COLONS = re.compile(r"^:{3,}.*$")
_GITHUB_ALERT = re.compile(r"^\s*\[!([A-Za-z]+)\](?:\s+|$)")
_HASH_HEADING = re.compile(r"^(#{1,6})(?=[A-ZÀ-ÖØ-Þ0-9«\"“])(.+)$")
_CONTAINER_INFO = re.compile(
    r"^\s*\{?\s*\.?(?P<name>[\w-]*)(?P<classes>(?:\s+\.[\w-]+)*)\s*(?:\[(?P<label>[^\]]*)\])?"
    r"\s*(?P<attrs>\{[^}]*\}|(?:\s*[\w-]+=(?:\"[^\"]*\"|'[^']*'|\S+))*\s*\}?)?\s*(?P<rest>.*)$"
)
_TITLE_ATTR = re.compile(r"""(?:title|titre|label)=(?:"([^"]*)"|'([^']*)'|(\S+))""")
_ADMONITIONS = frozenset(
    "note tip info information warning danger caution important attention hint details seealso error "
    "success example exemple question remarque astuce avertissement alerte conseil callout alert "
    "admonition guideline highlight aside".split()
)
_BOX_WORDS = ("callout", "alert", "admonition", "guideline", "highlight", "warning", "tip", "note")
_TOC_MARKS = ("{:toc}", "[[_TOC_]]", "[TOC]", "[[TOC]]")


def strip_debris(text: str) -> str:
    """Remove attribute lists and template tags left in inline text."""
    if "{" in text:
        text = _LIQUID.sub("", _ATTR_LIST.sub("", text))
    return text


def _links_to_sections(tokens: list, start: int) -> bool:
    """True when the list opening at tokens[start] holds only links to the document's own
    sections (`- [À propos](#à-propos)`, an emoji before them at most): a table of contents."""
    depth, items = 0, 0
    for token in tokens[start:]:
        if token.type.endswith("_list_open"):
            depth += 1
        elif token.type.endswith("_list_close"):
            depth -= 1
            if depth == 0:
                return items >= 2
        elif token.type == "list_item_open":
            items += 1
        elif token.type == "inline":
            inside, linked = 0, False
            for child in token.children or ():
                if child.type == "link_open":
                    if not str(child.attrs.get("href", "")).startswith("#"):
                        return False
                    inside, linked = inside + 1, True
                elif child.type == "link_close":
                    inside -= 1
                elif not inside and any(ch.isalnum() for ch in child.content):
                    return False  # words outside the links: prose, not a contents entry
            if not linked:
                return False
        elif token.type not in ("paragraph_open", "paragraph_close", "list_item_close"):
            return False
    return False


def _markdown_it():  # noqa: ANN202 - a configured MarkdownIt
    from markdown_it import MarkdownIt
    from mdit_py_plugins.admon import admon_plugin
    from mdit_py_plugins.attrs import attrs_block_plugin, attrs_plugin
    from mdit_py_plugins.container import container_plugin
    from mdit_py_plugins.deflist import deflist_plugin
    from mdit_py_plugins.footnote import footnote_plugin
    from mdit_py_plugins.front_matter import front_matter_plugin

    md = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    md.use(front_matter_plugin).use(footnote_plugin).use(deflist_plugin).use(admon_plugin)
    md.use(attrs_plugin, spans=True).use(attrs_block_plugin)
    md.use(container_plugin, name="box", validate=lambda params, *_: bool(params.strip()))
    return md


@dataclass
class _Frame:
    kind: str  # item, quote, callout, footnote, dt, dd
    marker: str = ""
    depth: int = 0
    group: int = 0
    label: str = ""
    used: bool = False
    attrs: tuple = field(default_factory=tuple)


def _container(info: str) -> tuple[str, str, bool]:
    """(name, label, is a box) of a container's opening line."""
    m = _CONTAINER_INFO.match(info)
    name = (m.group("name") or "").lower() if m else ""
    if m and not name and m.group("classes"):
        name = m.group("classes").split()[0].lstrip(".").lower()
    label = (m.group("label") or "").strip() if m else ""
    attrs = (m.group("attrs") or "") if m else ""
    titled = _TITLE_ATTR.search(attrs)
    if not label and titled:
        label = next(g for g in titled.groups() if g is not None)
    if not label and m and m.group("rest"):
        label = m.group("rest").strip().strip("\"'")
    parts = set(name.replace("_", "-").split("-"))
    box = bool(parts & _ADMONITIONS) or any(w in name for w in _BOX_WORDS)
    return name, label, box


class _Reader:
    def __init__(self, sink: BlockSink) -> None:
        self.sink = sink
        self.frames: list[_Frame] = []
        self.lists: list[int] = []  # group of each open list
        self.toc_lists: list[bool] = []  # whether each open list is a table of contents
        self.table: list[list[Cell]] | None = None
        self.table_caption = ""
        self.in_header = False
        self.captions: list[tuple[str, str]] = []  # (container name, label) waiting for a table
        self.title = ""
        self.info: dict[str, str] = {}

    # -- inline -----------------------------------------------------------------
    @staticmethod
    def inline_text(token) -> tuple[str, list[str]]:  # noqa: ANN001 - a markdown-it Token
        """The reading text of an inline token, and its images' alt texts."""
        parts: list[str] = []
        alts: list[str] = []
        for child in token.children or ():
            t = child.type
            if t in ("text", "code_inline"):
                parts.append(child.content)
            elif t in ("softbreak", "hardbreak"):
                parts.append(" ")
            elif t == "image":
                alt = "".join(c.content for c in child.children or () if c.type in ("text", "code_inline"))
                if alt.strip():
                    alts.append(strip_debris(alt))
            elif t == "html_inline" and re.match(r"<br\b", child.content, re.I):
                parts.append(" ")
        return strip_debris("".join(parts)), alts

    @classmethod
    def _first_line(cls, token) -> tuple[str, str]:  # noqa: ANN001 - a markdown-it Token
        """The reading text of an inline token's first line, and of the rest."""
        children = list(token.children or ()) if token is not None else []
        cut = next((i for i, c in enumerate(children) if c.type in ("softbreak", "hardbreak")), len(children))
        first, rest = SimpleNamespace(children=children[:cut]), SimpleNamespace(children=children[cut + 1 :])
        return cls.inline_text(first)[0], cls.inline_text(rest)[0]

    # -- blocks -----------------------------------------------------------------
    def paragraph(self, token, heading_level: int = 0) -> None:  # noqa: ANN001
        raw = token.content or ""
        if any(mark in raw for mark in _TOC_MARKS):
            return  # a generated table of contents: no text of its own
        text, alts = self.inline_text(token)
        stripped = text.strip()
        if _LEAF_DIRECTIVE.match(stripped) or _ONLY_COLONS.match(stripped):
            return
        if heading_level:
            self.sink.add(HEADING, stripped.strip("#").strip() if stripped.startswith("#") else stripped, level=heading_level)
        elif self.table is not None:
            self.table[-1].append(Cell([Block(PARAGRAPH, text)], header=self.in_header))
        elif stripped:
            hashed = _HASH_HEADING.match(stripped)
            if hashed and self._frame() is None and len(stripped) <= 200:
                self.sink.add(HEADING, hashed.group(2), level=len(hashed.group(1)))
            else:
                self._emit(text, token)
        for alt in alts:
            self.sink.add(CAPTION, alt)

    def _frame(self) -> _Frame | None:
        """The innermost frame that decides a paragraph's kind (plain containers vanish)."""
        return next((f for f in reversed(self.frames) if f.kind != "container"), None)

    def _emit(self, text: str, token=None) -> None:  # noqa: ANN001 - the inline token, for alert titles
        frame = self._frame()
        if frame is None:
            self.sink.add(PARAGRAPH, text)
        elif frame.kind == "item":
            marker = "" if frame.used else frame.marker
            frame.used = True
            self.sink.add(LIST_ITEM, text, marker=marker, depth=frame.depth, group=frame.group)
        elif frame.kind == "toc":  # a list of links to the document's own sections
            href = next((c.attrs.get("href", "") for c in (token.children or ()) if c.type == "link_open"), "") if token else ""
            self.sink.add(TOC, text, depth=frame.depth, group=frame.group, attrs=attrs_tuple(target=unquote(str(href))))
        elif frame.kind == "footnote":
            self.sink.add(FOOTNOTE, text, marker=frame.marker)
        elif frame.kind == "callout":
            self.sink.add(CALLOUT, text, group=frame.group, attrs=frame.attrs)
        elif frame.kind == "quote":
            alert = _GITHUB_ALERT.match(text)
            if alert and not frame.used:
                # `> [!WARNING]`: the quote is a callout (GitHub, Obsidian)
                kind = alert.group(1).lower()
                frame.kind, frame.group = "callout", self.sink.new_group()
                label, text = kind.capitalize(), text[alert.end() :]
                title, body = self._first_line(token)
                title = _GITHUB_ALERT.sub("", title, count=1).strip()
                if title and body.strip():  # Obsidian: `> [!tip] Bon à savoir` titles the box
                    label, text = title, body
                frame.attrs = attrs_tuple(label=label, type=kind)
                if text.strip():
                    self.sink.add(CALLOUT, text, group=frame.group, attrs=frame.attrs)
            else:
                self.sink.add(QUOTE, text, depth=frame.depth)
            frame.used = True
        elif frame.kind in ("dt", "dd"):
            role = "term" if frame.kind == "dt" else "description"
            self.sink.add(PARAGRAPH, text, group=frame.group, attrs=attrs_tuple(definition=role))

    def run(self, tokens: list) -> None:
        i = 0
        while i < len(tokens):
            token = tokens[i]
            t = token.type
            if t == "front_matter":
                self.title, self.info = parse_front_matter(token.content)
            elif t == "heading_open":
                self.paragraph(tokens[i + 1], heading_level=int(token.tag[1]))
                i += 2
            elif t == "inline":
                self.paragraph(token)
            elif t in ("bullet_list_open", "ordered_list_open"):
                self.lists.append(self.sink.new_group())
                self.toc_lists.append(bool(self.toc_lists and self.toc_lists[-1]) or _links_to_sections(tokens, i))
            elif t in ("bullet_list_close", "ordered_list_close"):
                self.lists.pop()
                self.toc_lists.pop()
            elif t == "list_item_open":
                ordered = token.markup in (".", ")")
                marker = f"{token.info}{token.markup}" if ordered else "•"
                kind = "toc" if self.toc_lists[-1] else "item"
                self.frames.append(_Frame(kind, marker=marker, depth=len(self.lists) - 1, group=self.lists[-1]))
            elif t == "blockquote_open":
                depth = sum(1 for f in self.frames if f.kind == "quote")
                self.frames.append(_Frame("quote", depth=depth))
            elif t == "footnote_open":
                label = str((token.meta or {}).get("label", (token.meta or {}).get("id", "")))
                self.frames.append(_Frame("footnote", marker=label))
            elif t in ("dl_open",):
                self.lists.append(self.sink.new_group())
            elif t == "dl_close":
                self.lists.pop()
            elif t in ("dt_open", "dd_open"):
                self.frames.append(_Frame(t[:2], group=self.lists[-1] if self.lists else 0))
            elif t == "container_box_open":
                self._open_container(token.info)
            elif t == "admonition_open":
                kind = (token.meta or {}).get("tag", token.info or "note")
                title = ""
                if tokens[i + 1].type == "admonition_title_open":
                    title = self.inline_text(tokens[i + 2])[0].strip()
                    i += 3
                self._open_box(str(kind).lower(), title)
            elif t in ("list_item_close", "blockquote_close", "footnote_close", "dt_close", "dd_close",
                       "admonition_close"):
                self.frames.pop()
            elif t == "container_box_close":
                if self.frames and self.frames[-1].kind == "container":
                    self.frames.pop()
                elif self.frames and self.frames[-1].kind == "callout":
                    self.frames.pop()
            elif t == "table_open":
                self.table = []
                self.table_caption = self.captions.pop() if self.captions else ""
            elif t == "thead_open":
                self.in_header = True
            elif t == "thead_close":
                self.in_header = False
            elif t == "tr_open" and self.table is not None:
                self.table.append([])
            elif t in ("th_open", "td_open") and self.table is not None:
                if tokens[i + 1].type == t.replace("_open", "_close"):
                    self.table[-1].append(Cell(header=self.in_header))  # an empty cell keeps its column
            elif t == "table_close" and self.table is not None:
                rows, self.table = self.table, None
                emit_table(self.sink, rows, self.table_caption)
            elif t == "html_block":
                self._raw_html(token.content)
            i += 1

    def _open_container(self, info: str) -> None:
        name, label, box = _container(info)
        if "table" in name:
            self.captions.append(label)
            self.frames.append(_Frame("container"))
        elif box or label:
            self._open_box(name, label)
        else:
            self.frames.append(_Frame("container"))

    def _open_box(self, kind: str, label: str) -> None:
        attrs = attrs_tuple(label=label or kind.replace("-", " ").capitalize(), type=kind)
        self.frames.append(_Frame("callout", group=self.sink.new_group(), attrs=attrs))

    def _raw_html(self, markup: str) -> None:
        from desktop.library.importers.html import fragment_blocks

        blocks = fragment_blocks(markup, self.sink.budget)
        frame = self._frame()
        if frame is not None and frame.kind == "callout":
            blocks = [
                Block(CALLOUT, b.text, Structure(group=frame.group, attrs=frame.attrs)) if b.kind == PARAGRAPH else b
                for b in blocks
            ]
        self.sink.absorb(blocks)


def parse_md(data: bytes) -> ParsedDocument:
    text, encoding = decode(data, "Markdown")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    budget = Budget(len(data), "Markdown file")
    # Unclosed brackets cost the link parser work that grows faster than the file: bounded.
    budget.check_markup(text.count("["), "link brackets", per_block=0.5)
    sink = BlockSink(budget, Dehyphenator(text, french_words()))
    reader = _Reader(sink)
    reader.run(_markdown_it().parse(text))
    metadata = {"encoding": encoding}
    metadata.update({k: v for k, v in reader.info.items() if k not in ("encoding",)})
    for key in ("lang", "language", "langue"):
        if reader.info.get(key):
            metadata["language"] = reader.info[key]
    return ParsedDocument(title=reader.title, blocks=sink.blocks, format="md", metadata=metadata)
