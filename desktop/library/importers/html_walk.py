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
    Structure,
)

_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_BLOCKS = frozenset(
    "p div section article main body html center address details summary header footer "
    "hgroup legend fieldset nav aside form hr".split()
)
_DROP = frozenset("script style noscript template svg math iframe object embed select button head pre input textarea".split())
# Permalink anchors in headings: Sphinx's ¶, GitHub's and Hugo's #, 🔗, §.
_ANCHOR_TEXT = frozenset(("", "¶", "#", "§", "🔗", "¶︎", "link", "permalink", "lien", "ancre"))
_ANCHOR_CLASS = re.compile(r"headerlink|anchor|permalink|hash-link|heading-link|header-anchor")
_BOX_CLASS = re.compile(
    r"(?:^|[-_ ])(?:admonition|admonitionblock|callout|alert|notice|warning|caution|danger|important|tip|note|"
    r"encadre|encadré|info-?box)(?:$|[-_ ])"
)
_TITLE_CLASS = re.compile(r"title|titre|heading|label")
_TOC_CLASS = re.compile(r"(?:^|[-_ ])(?:toc|toctree|sommaire|table-of-contents|contents)(?:$|[-_ ])")
_SPACE = re.compile(r"[ \t\n\r\f]+")  # not \s: a non-breaking space is content
_FORMAL = frozenset(("table", "figure", "example", "informaltable", "informalfigure", "equation"))
_EPUB_TYPE = ("{http://www.idpf.org/2007/ops}type", "epub:type")
_BACKLINK = re.compile(r"footnote-back|fn-backref|footnote-backref")
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


def classes(el) -> str:  # noqa: ANN001 - an lxml element
    return f"{el.get('class') or ''} {el.get('id') or ''}".lower()


def _words(el) -> list[str]:  # noqa: ANN001
    return (el.get("class") or "").lower().split()


def is_footnote(el) -> bool:  # noqa: ANN001 - an lxml element
    """One footnote's element: DocBook's div.footnote, Sphinx's aside.footnote, EPUB 3's
    aside epub:type="footnote", role="doc-footnote"."""
    epub_type = " ".join(el.get(name) or "" for name in _EPUB_TYPE).lower().split()
    return (
        (el.get("role") or "").lower() in ("doc-footnote", "doc-endnote")
        or any(t in epub_type for t in ("footnote", "endnote", "rearnote"))
        or "footnote" in _words(el)
    )


def _is_noteref(el) -> bool:  # noqa: ANN001
    """A link to a footnote from the text: EPUB 3 noteref, doc-noteref, DocBook's a.footnote,
    pandoc's a.footnote-ref, Sphinx's a.footnote-reference."""
    epub_type = " ".join(el.get(name) or "" for name in _EPUB_TYPE).lower().split()
    words = _words(el)
    return (
        "noteref" in epub_type
        or (el.get("role") or "").lower() == "doc-noteref"
        or any(w in ("footnote", "footnote-ref", "footnote-reference") for w in words)
    )


def _is_note_list(el) -> bool:  # noqa: ANN001
    """pandoc's section.footnotes (role doc-endnotes): an <ol> whose items are the notes."""
    return (el.get("role") or "").lower() == "doc-endnotes" or "footnotes" in _words(el) and el.find(".//ol") is not None


def _text_of(el) -> str:  # noqa: ANN001
    return _SPACE.sub(" ", "".join(el.itertext())).strip()


def _note_label(el):  # noqa: ANN001, ANN202
    """The element holding a footnote's mark ("27", "[1]"): a label, a superscript, a short link back."""
    for child in el.iterdescendants():
        if not isinstance(child.tag, str):
            continue
        tag = child.tag.lower()
        if "label" in _words(child) or tag == "sup" or (
            tag == "a" and (child.get("href") or "").startswith("#") and len(_text_of(child)) <= 6
        ):
            # a mark opens the note; a superscript further in belongs to its text
            return child if _text_of(el).startswith(_text_of(child)) else None
    return None


class HtmlWalker:
    def __init__(self, sink: BlockSink) -> None:
        self.sink = sink
        self.buf: list[str] = []
        self.frames: list[_Frame] = []
        self.tables: list[tuple[list[list[Cell]], list[str]]] = []  # rows, captions
        self.cell: list[Cell] = []  # open cells, innermost last
        self.captions: list[str] = []  # a formal table's or figure's title, for what comes next

    # -- paragraphs -------------------------------------------------------------
    def flush(self, kind: str = PARAGRAPH, **fields: object) -> None:
        text = _SPACE.sub(" ", "".join(self.buf)).strip(" ")
        self.buf = []
        if not text.strip(" \u00a0"):
            return
        if self.cell:
            structure = Structure()
            if kind == PARAGRAPH:
                kind, structure = self._frame_kind()  # a layout table's text keeps its box or list
            self.cell[-1].blocks.append(Block(kind, self.sink.clean(text), structure))
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
        if frame.kind == "footnote":
            marker = "" if frame.used else frame.marker
            frame.used = True
            return FOOTNOTE, Structure(marker=marker)
        role = "term" if frame.kind == "dt" else "description"
        return PARAGRAPH, Structure(group=frame.group, attrs=attrs_tuple(definition=role))

    # -- the walk ---------------------------------------------------------------
    def walk(self, el, depth: int = 0) -> None:  # noqa: ANN001 - an lxml element
        tag = el.tag if isinstance(el.tag, str) else ""
        tag = tag.rsplit("}", 1)[-1].lower()
        if not tag or tag in _DROP or depth > _MAX_DEPTH:
            return
        if tag in ("br", "img"):
            self.buf.append(" ")  # an inline image (a key, a symbol) stands between words: they stay apart
            return
        handler = getattr(self, f"_tag_{tag}", None)
        if tag == "a" and _is_noteref(el):
            return  # the note follows as a footnote with the same mark (as DOCX and ODT notes do)
        if is_footnote(el) and not any(f.kind == "footnote" for f in self.frames):
            self._footnote(el, depth)
        elif tag in ("section", "div", "aside") and _is_note_list(el):
            self._note_list(el, depth)
        elif handler is not None:
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
        if any(f.kind == "toc" for f in self.frames) and "toctitle" in f"{el.get('id')} {classes(el)}".lower():
            return self._heading(el, 2, depth)  # Asciidoctor's "Table of Contents": the contents' title, no entry
        box = _BOX_CLASS.search(classes(el)) and el.tag != "body"
        toc = not box and _TOC_CLASS.search(classes(el)) and el.tag in ("div", "nav", "section", "ul", "ol")
        self.flush()
        formal = not box and any(w in _FORMAL for w in _words(el))
        if formal:  # DocBook's <div class="table"><p class="title">Tableau 8.1. …</p>: the table's caption
            title = next((c for c in el if isinstance(c.tag, str) and "title" in _words(c)), None)
            if title is not None:
                self.captions.append(_text_of(title))
                drop_keeping_tail(title)
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
        if formal and self.captions:  # a figure's title, with no table to hold it
            self.sink.add(CAPTION, self.captions.pop())

    def _footnote(self, el, depth: int, marker: str | None = None) -> None:  # noqa: ANN001
        self.flush()
        if marker is None:
            label = _note_label(el)
            marker = _text_of(label).strip("[]() .") if label is not None else ""
            if label is not None:
                drop_keeping_tail(label)
        for link in list(el.iter("a")):
            if (link.get("role") or "").lower() == "doc-backlink" or _BACKLINK.search(link.get("class") or ""):
                drop_keeping_tail(link)  # pandoc's ↩︎
        self.frames.append(_Frame("footnote", marker=marker))
        self.children(el, depth)
        self.flush()
        self.frames.pop()

    def _note_list(self, el, depth: int) -> None:  # noqa: ANN001
        self.flush()
        items = el.xpath(".//ol[1]/li")
        start = _int(items[0].getparent().get("start"), 1) if items else 1
        for n, item in enumerate(items, start):
            self._footnote(item, depth + 1, str(n))

    def _box(self, el, depth: int) -> None:  # noqa: ANN001
        label = ""
        first = next((c for c in el if isinstance(c.tag, str)), None)
        if first is not None and _TITLE_CLASS.search(classes(first)):
            label = _SPACE.sub(" ", "".join(first.itertext())).strip()
        elif first is not None and first.tag == "table":
            # DocBook and Asciidoctor lay a box out as a table: icon, title cell, text cell
            title = next((c for c in first.iter("th", "div", "p", "span") if c.tag == "th" or "title" in _words(c)), None)
            if title is not None and 0 < len(_text_of(title)) <= 40:
                label = _text_of(title)
                drop_keeping_tail(title)
                first = None  # the table itself is read
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
        if _TOC_CLASS.search(classes(el)):
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
        captions.extend(self.captions)
        self.captions.clear()
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
        bold = "".join(t for b in el.iter("strong", "b") for t in b.itertext())
        cell.bold = bool(bold.strip()) and _SPACE.sub("", bold) == _SPACE.sub("", "".join(el.itertext()))
        self.cell.append(cell)
        self.children(el, depth)
        self.flush()
        self.cell.pop()

    def _tag_td(self, el, depth: int) -> None:  # noqa: ANN001
        self._cell(el, depth, False)

    def _tag_th(self, el, depth: int) -> None:  # noqa: ANN001
        self._cell(el, depth, True)
