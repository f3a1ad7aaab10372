"""The document's structure in an XLIFF 2.0 file, with what the standard provides for it.

Units stay one per sentence; around them, core `<group>` elements nest as the document
does: a group per paragraph, inside a group per list item, list, table row, table, box,
quote or definition list. Each group says what it is three ways a CAT tool can use:
`type` (core attribute, "glose:heading", "glose:list-item"...), `fs:fs` from the Format
Style module (the HTML element it would be: h2, ol, li, table, tr, td, th, blockquote,
dl, dt, dd, div, p), so a tool can preview it; and, where there is more to say (heading
level, list marker and depth, cell row, column and spans, box label, footnote mark,
page), Metadata module entries (`mda:meta`). Tools that know none of these modules keep
them, as XLIFF 2.0 requires, and translate the units as before.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from desktop.annotations.structure_tree import (
    BOX,
    CONTENTS,
    DEFINITIONS,
    ITEM,
    LIST,
    QUOTE_RUN,
    Node,
    Table,
    build_tree,
    list_style,
)
from desktop.library.models import CAPTION, FOOTNOTE, HEADING, Document, Paragraph

FS_NS = "urn:oasis:names:tc:xliff:fs:2.0"
MDA_NS = "urn:oasis:names:tc:xliff:metadata:2.0"


@dataclass(frozen=True)
class GroupSpec:
    id: str
    fs: str
    type: str
    meta: tuple[tuple[str, str], ...] = ()


def _page(p: Paragraph) -> tuple[tuple[str, str], ...]:
    return (("page", p.structure.shown_page),) if p.structure.shown_page else ()


def _block(p: Paragraph, fs: str = "p", kind: str = "paragraph", meta: tuple[tuple[str, str], ...] = ()) -> GroupSpec:
    return GroupSpec(f"p{p.index}", fs, f"glose:{kind}", meta + _page(p))


def _leaf(p: Paragraph) -> GroupSpec:
    st = p.structure
    if p.kind == HEADING:
        level = min(max(st.level, 1), 6)
        return _block(p, f"h{level}", "heading", (("level", str(level)),))
    if p.kind == FOOTNOTE:
        return _block(p, "p", "footnote", (("marker", st.marker),) if st.marker else ())
    if p.kind == CAPTION:
        return _block(p, "p", "caption")
    return _block(p)


def group_paths(paragraphs: Sequence[Paragraph]) -> dict[int, tuple[GroupSpec, ...]]:
    """Paragraph index -> the groups around its sentences, outermost first."""
    paths: dict[int, tuple[GroupSpec, ...]] = {}
    count = 0

    def fresh(prefix: str) -> str:
        nonlocal count
        count += 1
        return f"{prefix}{count}"

    def walk(node: Node, outer: tuple[GroupSpec, ...]) -> None:
        if isinstance(node, Table):
            table = outer + (GroupSpec(fresh("table"), "table", "glose:table"),)
            for caption in node.captions:
                paths[caption.index] = table + (_block(caption, "caption", "caption"),)
            for r, row in enumerate(node.grid):
                tr = table + (GroupSpec(f"{table[-1].id}-r{r}", "tr", "glose:row"),)
                for p in row:
                    if p is None:
                        continue
                    st = p.structure
                    meta = [("row", str(st.row)), ("column", str(st.col))]
                    meta += [(k, str(st.attr(k))) for k in ("colspan", "rowspan") if st.attr(k)]
                    paths[p.index] = tr + (_block(p, "th" if st.attr("header") else "td", "cell", tuple(meta)),)
        elif node.kind == LIST:
            first = next(node.paragraphs())
            ordered = list_style(first.structure.marker) != "bullet"
            lst = outer + (GroupSpec(fresh("list"), "ol" if ordered else "ul", "glose:list"),)
            for item in node.children:
                walk(item, lst)
        elif node.kind == ITEM and node.paragraph is not None:
            st = node.paragraph.structure
            meta = (("marker", st.marker),) if st.marker else ()
            item = outer + (_block(node.paragraph, "li", "list-item", meta + (("depth", str(st.depth)),)),)
            paths[node.paragraph.index] = item
            for child in node.children:
                walk(child, item)
        elif node.kind in (BOX, QUOTE_RUN, DEFINITIONS, CONTENTS):
            first = next(node.paragraphs())
            fs, kind, meta = {
                BOX: ("div", "callout", tuple((k, str(first.structure.attr(k))) for k in ("label", "type") if first.structure.attr(k))),
                QUOTE_RUN: ("blockquote", "quote", ()),
                DEFINITIONS: ("dl", "definitions", ()),
                CONTENTS: ("ul", "contents", ()),
            }[node.kind]  # fmt: skip
            box = outer + (GroupSpec(fresh(kind), fs, f"glose:{kind}", meta),)
            for p in node.paragraphs():
                if node.kind == DEFINITIONS:
                    term = p.structure.attr("definition") == "term"
                    paths[p.index] = box + (_block(p, "dt" if term else "dd", "term" if term else "description"),)
                elif node.kind == CONTENTS:
                    target = str(p.structure.attr("target", "") or "")
                    paths[p.index] = box + (_block(p, "li", "contents-entry", (("target", target),) if target else ()),)
                else:
                    paths[p.index] = box + (_block(p),)
        elif node.paragraph is not None:
            paths[node.paragraph.index] = outer + (_leaf(node.paragraph),)

    for node in build_tree(paragraphs):
        walk(node, ())
    return paths


class StructureGroups:
    """Opens the groups around each unit as units are written in order (a group with no
    unit, as when only highlighted sentences are exported, is never written)."""

    def __init__(self, file: ET.Element, doc: Document, q: Callable[[str], str]) -> None:
        ET.register_namespace("fs", FS_NS)
        ET.register_namespace("mda", MDA_NS)
        self.file = file
        self.q = q
        self.paths = group_paths(doc.paragraphs)
        self.paragraph_of = {s.index: s.paragraph_index for s in doc.sentences}
        self.open: list[tuple[GroupSpec, ET.Element]] = []

    def parent(self, sentence_index: int) -> ET.Element:
        """The element the unit of this sentence goes in."""
        path = self.paths.get(self.paragraph_of.get(sentence_index, -1), ())
        keep = 0
        while keep < min(len(path), len(self.open)) and self.open[keep][0] == path[keep]:
            keep += 1
        del self.open[keep:]
        for spec in path[keep:]:
            parent = self.open[-1][1] if self.open else self.file
            self.open.append((spec, self._group(parent, spec)))
        return self.open[-1][1] if self.open else self.file

    def _group(self, parent: ET.Element, spec: GroupSpec) -> ET.Element:
        group = ET.SubElement(parent, self.q("group"), {"id": spec.id, "type": spec.type, f"{{{FS_NS}}}fs": spec.fs})
        if spec.meta:
            metadata = ET.SubElement(group, f"{{{MDA_NS}}}metadata")
            holder = ET.SubElement(metadata, f"{{{MDA_NS}}}metaGroup", category="glose")
            for key, value in spec.meta:
                ET.SubElement(holder, f"{{{MDA_NS}}}meta", type=key).text = value
        return group
