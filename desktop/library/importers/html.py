"""HTML (.html, .htm), also used for the XHTML chapters of EPUB books.

The stdlib parser is tolerant of broken markup. Scripts, styles, navigation, page
headers and footers, asides and forms are dropped; h1-h6 become headings, li list
items, and the text of p, div, td and the like paragraphs.
"""

from __future__ import annotations

import codecs
import re
from html.parser import HTMLParser

from desktop.library.cleanup import clean_paragraph
from desktop.library.encoding import NotText, decode_text, fix_mojibake
from desktop.library.importers.errors import Refused
from desktop.library.importers.tables import row_blocks
from desktop.library.models import HEADING, LIST_ITEM, PARAGRAPH, Block, ParsedDocument

_SKIP = frozenset(
    "script style nav header footer aside noscript template head svg math iframe object "
    "select button form".split()
)
_HEADINGS = frozenset("h1 h2 h3 h4 h5 h6".split())
_BLOCKS = frozenset(
    "p div li ul ol dl dt dd blockquote section article main table thead tbody tfoot tr "
    "td th caption figure figcaption pre address hr body html center details summary".split()
) | _HEADINGS
_TABLE_PARTS = frozenset(("table", "tr", "td", "th"))
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
# id/class names of cookie, consent and other banners laid over the page, with the
# consent tools common on French sites (tarteaucitron, Didomi, Axeptio, OneTrust, Complianz).
_BANNER_NAMES = re.compile(r"cookie|consent|gdpr|rgpd|banner|bandeau|tarteaucitron|didomi|axeptio|onetrust|cmplz")
# Never hidden for their class: sites mark <body class="cookies-not-set"> and the like.
_CONTENT_ROOTS = frozenset(("html", "body", "main", "article"))
_HTML_SPACE = re.compile(r"[ \t\n\r\f]+")  # not \s: a non-breaking space is content


class _BlockParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.skips: list[bool] = []  # parallel to stack: does this element hide its content?
        self.skipping = 0
        self.buffer: list[str] = []
        self.pieces: list[tuple[str, str]] = []
        self.title_parts: list[str] = []
        self.in_title = False
        self.lang = ""
        # One entry per open table: None between rows, else the cells of the open row.
        self.rows: list[list[list[Block]] | None] = []

    # -- structure --
    def _flush(self) -> None:
        text = "".join(self.buffer)
        self.buffer = []
        if not text.strip(" \t\n\r\f\u00a0"):
            return
        kind = PARAGRAPH
        for tag in reversed(self.stack):
            if tag in _HEADINGS:
                kind = HEADING
                break
            if tag == "li":
                kind = LIST_ITEM
                break
        self._emit(kind, _HTML_SPACE.sub(" ", text))

    def _emit(self, kind: str, text: str) -> None:
        """To the open table cell if there is one, else to the document."""
        for row in reversed(self.rows):
            if row is not None:
                if not row:
                    row.append([])  # text in a row before any cell
                row[-1].append(Block(kind, text))
                return
        self.pieces.append((kind, text))

    def _end_row(self) -> None:
        row = self.rows[-1] if self.rows else None
        if row is None:
            return
        self.rows[-1] = None
        cells = [[Block(b.kind, t) for b in cell if (t := clean_paragraph(b.text))] for cell in row]
        for block in row_blocks(cells):
            self._emit(block.kind, block.text)

    def _table_event(self, tag: str, start: bool) -> None:
        if tag == "table":
            if start:
                self.rows.append(None)
            elif self.rows:
                self._end_row()
                self.rows.pop()
        elif tag == "tr":
            if not self.rows:
                self.rows.append(None)  # a row outside any table: broken markup
            self._end_row()  # an unclosed previous row
            if start:
                self.rows[-1] = []
        elif tag in ("td", "th") and start and self.rows:
            if self.rows[-1] is None:
                self.rows[-1] = []  # a cell outside any row
            self.rows[-1].append([])

    def _close(self, tag: str) -> None:
        if tag in self.stack:
            while self.stack:
                top = self.stack.pop()
                if self.skips.pop():
                    self.skipping -= 1
                if top == tag:
                    break

    def _close_open(self, tag: str, containers: tuple[str, ...]) -> None:
        for open_tag in reversed(self.stack):
            if open_tag == tag:
                self._close(tag)
                return
            if open_tag in containers:
                return

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "html":
            self.lang = dict(attrs).get("lang") or self.lang
        if tag == "title":
            self.in_title = True
        if tag in _VOID:
            if tag == "br" and not self.skipping:
                self.buffer.append(" ")
            elif tag == "hr" and not self.skipping:
                self._flush()
            return
        if tag in _BLOCKS and not self.skipping:
            self._flush()
            if tag in _TABLE_PARTS:
                self._table_event(tag, True)
        # Implicitly closed elements: a new li or p ends the previous one.
        if tag == "li":
            self._close_open("li", ("ul", "ol"))
        elif tag == "p":
            self._close_open("p", ("div", "td", "th", "li", "blockquote", "section", "article"))
        skip = self._hides(tag, dict(attrs))
        self.stack.append(tag)
        self.skips.append(skip)
        if skip:
            self.skipping += 1

    def _hides(self, tag: str, attrs: dict[str, str | None]) -> bool:
        if "hidden" in attrs or (attrs.get("aria-hidden") or "").lower() == "true":
            return True
        names = f"{attrs.get('id') or ''} {attrs.get('class') or ''}".lower()
        if names.strip() and tag not in _CONTENT_ROOTS and _BANNER_NAMES.search(names):
            return True  # cookie and consent banners: "Nous utilisons des cookies… Accepter"
        if (attrs.get("role") or "").lower() in ("navigation", "banner", "contentinfo", "complementary"):
            return True
        if tag == "header" and ("article" in self.stack or "main" in self.stack):
            return False  # an article's own header holds its title
        return tag in _SKIP

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        if tag in _BLOCKS and not self.skipping:
            self._flush()
            if tag in _TABLE_PARTS:
                self._table_event(tag, False)
        self._close(tag)

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title_parts.append(data)
        if not self.skipping:
            self.buffer.append(data)

    def close(self) -> None:
        super().close()
        if not self.skipping:
            self._flush()
        while self.rows:  # tables left open by broken markup
            self._end_row()
            self.rows.pop()


def html_to_blocks(markup: str) -> tuple[list[Block], str, str]:
    """(blocks, <title> text, lang attribute) of an HTML or XHTML document."""
    parser = _BlockParser()
    parser.feed(markup)
    parser.close()
    blocks = []
    for kind, text in parser.pieces:
        cleaned = clean_paragraph(text)
        if cleaned and re.search(r"\w", cleaned):
            blocks.append(Block(kind, cleaned))
    title = clean_paragraph(" ".join(parser.title_parts))
    return blocks, title, parser.lang


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.I)
_XML_ENCODING = re.compile(rb"""^<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_\-.]+)""")


def decode_markup(data: bytes) -> str:
    """Text of an HTML/XHTML file: BOM, valid UTF-8, a declared charset that decodes, detection.

    Bytes that are valid UTF-8 are UTF-8 whatever the page declares: pages saved or
    served as UTF-8 under a stale `charset=windows-1252` are common, and cp1252 bytes
    with accents are almost never valid UTF-8. Mojibake is repaired as in text files.
    """
    head = data[:4096]
    starts_with_bom = data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    if not starts_with_bom and b"\x00" not in head:
        try:
            return fix_mojibake(data.decode("utf-8"))
        except UnicodeDecodeError:
            pass
        declared = _XML_ENCODING.search(head) or _META_CHARSET.search(head)
        if declared:
            name = declared.group(1).decode("ascii", "replace")
            try:
                return fix_mojibake(data.decode(name))
            except (LookupError, UnicodeDecodeError):
                pass  # a wrong declaration is common: fall back to detection
    try:
        return decode_text(data)[0]
    except NotText as exc:
        raise Refused(f"this is not an HTML file: {exc}") from exc


def parse_html(data: bytes) -> ParsedDocument:
    blocks, title, lang = html_to_blocks(decode_markup(data))
    metadata = {}
    if title:
        metadata["title"] = title
    if lang:
        metadata["language"] = lang
    return ParsedDocument(title="", blocks=blocks, format="html", metadata=metadata)
