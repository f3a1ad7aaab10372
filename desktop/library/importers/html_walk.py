"""From an lxml HTML tree to blocks: headings, paragraphs, lists with their numbers,
definition lists, quotes, callouts, figures' captions and tables as tables.

Inline elements flow into the current paragraph; block elements end it. The kind of a
paragraph comes from the innermost structure around it (a list item, a quote, a callout
box, a definition, a table cell).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from desktop.library.importers.sink import BlockSink, attrs_tuple
from desktop.library.importers.tables import Cell, emit_table
from desktop.library.models import CALLOUT, CAPTION, HEADING, LIST_ITEM, PARAGRAPH, QUOTE, TOC, Block, Structure

_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_BLOCKS = frozenset(
    "p div section article main body html center address details summary header footer "
    "hgroup legend fieldset nav aside form hr".split()
)
_DROP = frozenset("script style noscript template svg math iframe object embed select button head pre input textarea".split())
# Permalink anchors in headings: Sphinx's ¶, GitHub's and Hugo's #, 🔗, §.
_ANCHOR_TEXT = frozenset(("", "¶", "#", "§", "🔗", "¶︎", "link", "permalink", "lien", "ancre"))
_ANCHOR_CLASS = re.compile(r"headerlink|anchor|permalink|hash-link|heading-link|header-anchor")
_BOX_CLASS = re.compile(r"(?:^|[-_ ])(?:admonition|callout|alert|notice|warning|tip|note|encadre|encadré|info-?box)(?:$|[-_ ])")
_TITLE_CLASS = re.compile(r"title|titre|heading|label")
_TOC_CLASS = re.compile(r"(?:^|[-_ ])(?:toc|toctree|sommaire|table-of-contents|contents)(?:$|[-_ ])")
_SPACE = re.compile(r"[ \t\n\r\f]+")  # not \s: a non-breaking space is content
_MAX_DEPTH = 400


def _alpha(n: int, upper: bool) -> str:
    letters = ""
    while n > 0:
        n, rem = divmod(n - 1, 26)
        letters = chr(ord("a") + rem) + letters
    return letters.upper() if upper else letters


def _roman(n: int, upper: bool) -> str:
    if not 0 < n < 4000:
        return str(n)
    out = ""
    for value, numeral in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
                           (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while n >= value:
            out += numeral
            n -= value
    return out.upper() if upper else out


def format_number(n: int, style: str) -> str:
    """An item number in a list's style: '1', 'a', 'A', 'i', 'I' (HTML's type, ODF's num-format)."""
    if style in ("a", "A"):
        return _alpha(n, style == "A")
    if style in ("i", "I"):
        return _roman(n, style == "I")
    return str(n)


def _int(value: str | None, default: int) -> int:
    try:
        return int(str(value).strip()) if value is not None else default
    except ValueError:
        return default


@dataclass
class _Frame:
    kind: str  # list, item, quote, callout, dt, dd, toc
    marker: str = ""
    depth: int = 0
    group: int = 0
    used: bool = False
    attrs: tuple = field(default_factory=tuple)
    # lists
    counter: int = 0
    step: int = 1
    style: str = ""  # "" for bullets


def drop_keeping_tail(el) -> None:  # noqa: ANN001 - an lxml element
    """Remove an element and its content; the text after it stays."""
    parent = el.getparent()
    if parent is None:
        return
    if el.tail:
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + el.tail
        else:
            parent.text = (parent.text or "") + el.tail
    parent.remove(el)


def _classes(el) -> str:  # noqa: ANN001 - an lxml element
    return f"{el.get('class') or ''} {el.get('id') or ''}".lower()


class HtmlWalker:
    def __init__(self, sink: BlockSink) -> None:
        self.sink = sink
        self.buf: list[str] = []
        self.frames: list[_Frame] = []
        self.tables: list[tuple[list[list[Cell]], list[str]]] = []  # rows, captions
        self.cell: list[Cell] = []  # open cells, innermost last

    # -- paragraphs -------------------------------------------------------------
    def flush(self, kind: str = PARAGRAPH, **fields: object) -> None:
        text = _SPACE.sub(" ", "".join(self.buf)).strip(" ")
        self.buf = []
        if not text.strip(" \u00a0"):
            return
        if self.cell:
            if kind == PARAGRAPH:
                kind = self._frame_kind()[0]
            self.cell[-1].blocks.append(Block(kind, self.sink.clean(text)))
            return
        if kind != PARAGRAPH:
            self.sink.add(kind, text, **fields)
            return
        kind, structure = self._frame_kind()
        self.sink.add(kind, text, structure)

    def _frame_kind(self) -> tuple[str, Structure]:
        frame = next((f for f in reversed(self.frames) if f.kind != "list"), None)
        if frame is None:
            return PARAGRAPH, Structure()
        if frame.kind == "item":
            marker = "" if frame.used else frame.marker
            frame.used = True
            return LIST_ITEM, Structure(marker=marker, depth=frame.depth, group=frame.group)
        if frame.kind == "quote":
            return QUOTE, Structure(depth=frame.depth)
        if frame.kind == "callout":
            return CALLOUT, Structure(group=frame.group, attrs=frame.attrs)
        if frame.kind == "toc":
            return TOC, Structure(group=frame.group)
        role = "term" if frame.kind == "dt" else "description"
        return PARAGRAPH, Structure(group=frame.group, attrs=attrs_tuple(definition=role))

    # -- the walk ---------------------------------------------------------------
    def walk(self, el, depth: int = 0) -> None:  # noqa: ANN001 - an lxml element
        tag = el.tag if isinstance(el.tag, str) else ""
        tag = tag.rsplit("}", 1)[-1].lower()
        if not tag or tag in _DROP or depth > _MAX_DEPTH:
            return
        if tag == "br":
            self.buf.append(" ")
            return
        handler = getattr(self, f"_tag_{tag}", None)
        if handler is not None:
            handler(el, depth)
        elif tag in _HEADINGS:
            self._heading(el, _HEADINGS[tag], depth)
        elif tag in _BLOCKS or tag in ("li", "dt", "dd"):
            self._block(el, depth)
        else:
            self._inline(el, depth)

    def children(self, el, depth: int) -> None:  # noqa: ANN001
        if el.text:
            self.buf.append(el.text)
        for child in el:
            self.walk(child, depth + 1)
            if child.tail:
                self.buf.append(child.tail)

    def _inline(self, el, depth: int) -> None:  # noqa: ANN001
        self.children(el, depth)

    def _block(self, el, depth: int) -> None:  # noqa: ANN001
        box = _BOX_CLASS.search(_classes(el)) and el.tag != "body"
        toc = not box and _TOC_CLASS.search(_classes(el)) and el.tag in ("div", "nav", "section", "ul", "ol")
        self.flush()
        if box:
            self._box(el, depth)
        elif toc:
            self.frames.append(_Frame("toc", group=self.sink.new_group()))
            self.children(el, depth)
            self.flush()
            self.frames.pop()
        else:
            self.children(el, depth)
        self.flush()

    def _box(self, el, depth: int) -> None:  # noqa: ANN001
        label = ""
        first = next((c for c in el if isinstance(c.tag, str)), None)
        if first is not None and _TITLE_CLASS.search(_classes(first)):
            label = _SPACE.sub(" ", "".join(first.itertext())).strip()
        kinds = [w for w in re.split(r"[\s_-]+", (el.get("class") or "").lower()) if w]
        kind = next((w for w in kinds if w in ("note", "tip", "warning", "danger", "caution", "important",
                                             "attention", "hint", "info", "seealso", "error")), "note")
        frame = _Frame("callout", group=self.sink.new_group(),
                       attrs=attrs_tuple(label=label or kind.capitalize(), type=kind))
        self.frames.append(frame)
        if el.text:
            self.buf.append(el.text)
        for child in el:
            if child is not first or not label:
                self.walk(child, depth + 1)
            if child.tail:
                self.buf.append(child.tail)
        self.flush()
        self.frames.pop()

    def _heading(self, el, level: int, depth: int) -> None:  # noqa: ANN001
        self.flush()
        for a in list(el.iter("a")):
            text = _SPACE.sub("", "".join(a.itertext()))
            if text in _ANCHOR_TEXT or _ANCHOR_CLASS.search(a.get("class") or ""):
                drop_keeping_tail(a)
        self.children(el, depth)
        text = _SPACE.sub(" ", "".join(self.buf)).strip().rstrip("¶§#🔗").strip()
        self.buf = []
        if self.cell:
            self.cell[-1].blocks.append(Block(HEADING, self.sink.clean(text)))
        else:
            self.sink.add(HEADING, text, level=level)

    # -- lists ------------------------------------------------------------------
    def _list(self, el, depth: int, style: str) -> None:  # noqa: ANN001
        self.flush()
        lists = sum(1 for f in self.frames if f.kind == "list")
        items = [c for c in el if isinstance(c.tag, str) and c.tag.lower() == "li"]
        reverse = el.get("reversed") is not None
        start = _int(el.get("start"), len(items) if reverse else 1)
        frame = _Frame("list", depth=lists, group=self.sink.new_group(), style=style,
                       counter=start - (-1 if reverse else 1), step=-1 if reverse else 1)
        self.frames.append(frame)
        self.children(el, depth)
        self.flush()
        self.frames.pop()

    def _tag_ul(self, el, depth: int) -> None:  # noqa: ANN001
        if _TOC_CLASS.search(_classes(el)):
            return self._block(el, depth)
        self._list(el, depth, "")

    def _tag_ol(self, el, depth: int) -> None:  # noqa: ANN001
        self._list(el, depth, (el.get("type") or "1").strip()[:1] or "1")

    def _tag_li(self, el, depth: int) -> None:  # noqa: ANN001
        self.flush()
        lst = next((f for f in reversed(self.frames) if f.kind == "list"), None)
        if lst is None or any(f.kind == "toc" for f in self.frames):
            return self._block(el, depth)
        marker = "•"
        if lst.style:
            lst.counter = _int(el.get("value"), lst.counter + lst.step)
            marker = f"{format_number(lst.counter, el.get('type') or lst.style)}."
        self.frames.append(_Frame("item", marker=marker, depth=lst.depth, group=lst.group))
        self.children(el, depth)
        self.flush()
        self.frames.pop()

    def _tag_dl(self, el, depth: int) -> None:  # noqa: ANN001
        if any(f.kind == "toc" for f in self.frames):
            return self._block(el, depth)  # DocBook's contents are a definition list
        self.flush()
        group = self.sink.new_group()
        for child in el:
            tag = child.tag.lower() if isinstance(child.tag, str) else ""
            if tag in ("dt", "dd"):
                self.frames.append(_Frame(tag, group=group))
                self.children(child, depth + 1)
                self.flush()
                self.frames.pop()
            else:
                self.walk(child, depth + 1)
                self.flush()

    def _tag_blockquote(self, el, depth: int) -> None:  # noqa: ANN001
        self.flush()
        quotes = sum(1 for f in self.frames if f.kind == "quote")
        self.frames.append(_Frame("quote", depth=quotes))
        self.children(el, depth)
        self.flush()
        self.frames.pop()

    def _tag_figcaption(self, el, depth: int) -> None:  # noqa: ANN001
        self.flush()
        self.children(el, depth)
        self.flush(CAPTION)

    # -- tables -----------------------------------------------------------------
    def _tag_table(self, el, depth: int) -> None:  # noqa: ANN001
        self.flush()
        rows: list[list[Cell]] = []
        captions: list[str] = []
        self.tables.append((rows, captions))
        self.children(el, depth)
        self.flush()
        self.tables.pop()
        caption = " ".join(captions)
        if self.cell:  # a table inside a table cell: its text joins that cell
            self.cell[-1].blocks.extend(b for row in rows for cell in row for b in cell.blocks)
        else:
            emit_table(self.sink, rows, caption)

    def _tag_caption(self, el, depth: int) -> None:  # noqa: ANN001
        if not self.tables:
            return self._block(el, depth)
        self.flush()
        self.children(el, depth)
        self.tables[-1][1].append(_SPACE.sub(" ", "".join(self.buf)).strip())
        self.buf = []

    def _tag_tr(self, el, depth: int) -> None:  # noqa: ANN001
        if not self.tables:
            return self._block(el, depth)
        self.flush()
        self.tables[-1][0].append([])
        self.children(el, depth)
        self.flush()

    def _cell(self, el, depth: int, header: bool) -> None:  # noqa: ANN001
        if not self.tables:
            return self._block(el, depth)
        self.flush()
        rows = self.tables[-1][0]
        if not rows:
            rows.append([])
        cell = Cell(header=header, colspan=max(1, min(_int(el.get("colspan"), 1), 1000)),
                    rowspan=max(1, min(_int(el.get("rowspan"), 1), 1000)))
        rows[-1].append(cell)
        self.cell.append(cell)
        self.children(el, depth)
        self.flush()
        self.cell.pop()

    def _tag_td(self, el, depth: int) -> None:  # noqa: ANN001
        self._cell(el, depth, False)

    def _tag_th(self, el, depth: int) -> None:  # noqa: ANN001
        self._cell(el, depth, True)
