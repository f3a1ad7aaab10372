"""HTML (.html, .htm, .xhtml), also used for EPUB chapters and raw HTML inside Markdown.

Parsed with lxml (libxml2's HTML parser: fast, tolerant of broken markup). Only the main
content is read: the page's <main> (or role="main", or its one <article>) when it has
one, and in any case without navigation, site headers and footers, side bars, skip
links, breadcrumbs, share/social bars, cookie and consent banners, forms, scripts and
text meant for screen readers only. Measured against trafilatura and readability-lxml
on real French pages (tests/bench/bench_fidelity.py --extractors): these rules keep
more of the text and lose less of the structure (README, Performance).
"""

from __future__ import annotations

import codecs
import re

from desktop.library.encoding import NotText, decode_text, fix_mojibake
from desktop.library.importers import gutenberg
from desktop.library.importers.budget import Budget
from desktop.library.importers.errors import Refused
from desktop.library.importers.html_walk import HtmlWalker, drop_keeping_tail
from desktop.library.importers.sink import BlockSink
from desktop.library.models import Block, ParsedDocument

_BOILER_TAGS = frozenset(("nav", "aside", "footer", "header", "form", "dialog", "menu"))
_BOILER_ROLES = frozenset(("navigation", "banner", "contentinfo", "complementary", "search", "dialog", "alertdialog"))
_BOILER_NAMES = re.compile(
    r"(?:^|[-_])(?:nav|navbar|navigation|menu|sidemenu|breadcrumbs?|ariane|skip-?links?|skiplinks|evitement|"
    r"share|sharing|partage|social|follow|sidebar|sphinxsidebar|related|footer|navheader|navfooter|"
    r"cookies?|consent|gdpr|rgpd|banner|bandeau|tarteaucitron|didomi|axeptio|onetrust|cmplz|newsletter|"
    r"pagination|comments?|sr-only|visually-hidden|screen-reader-text)(?:$|[-_])"
)
# Consent tools common on French sites (tarteaucitron, Didomi, Axeptio, OneTrust, Complianz), anywhere in a name.
_CONSENT = re.compile(r"cookie|consent|gdpr|rgpd|tarteaucitron|didomi|axeptio|onetrust|cmplz")
_CONTENT_ROOTS = frozenset(("html", "body", "main", "article"))
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")


def _is_boilerplate(el, inside_content: bool) -> bool:  # noqa: ANN001 - an lxml element
    tag = el.tag.lower() if isinstance(el.tag, str) else ""
    if tag in _CONTENT_ROOTS or (el.get("role") or "").lower() == "main":
        return False
    if el.get("hidden") is not None or (el.get("aria-hidden") or "").lower() == "true":
        return True
    if (el.get("role") or "").lower() in _BOILER_ROLES:
        return True
    if tag in _BOILER_TAGS and not (tag == "header" and inside_content):
        return True  # an article's own <header> holds its title
    names = f"{el.get('class') or ''} {el.get('id') or ''}".lower()
    return bool(_CONSENT.search(names)) or any(_BOILER_NAMES.search(name) for name in names.split())


def _prune(root) -> None:  # noqa: ANN001
    """Remove boilerplate elements (their tails stay)."""
    doomed = []
    stack = [(root, False)]
    while stack:
        el, inside = stack.pop()
        for child in el:
            if not isinstance(child.tag, str):
                continue
            if _is_boilerplate(child, inside):
                doomed.append(child)
                continue
            tag = child.tag.lower()
            stack.append((child, inside or tag in ("main", "article") or (child.get("role") or "") == "main"))
    for el in doomed:
        drop_keeping_tail(el)


def _main_root(body):  # noqa: ANN001, ANN202
    mains = body.xpath(".//main | .//*[@role='main']")
    if len(mains) == 1:
        return mains[0]
    articles = body.xpath(".//article")
    if not mains and len(articles) == 1:
        return articles[0]
    return body


def _text(el) -> str:  # noqa: ANN001
    return " ".join("".join(el.itertext()).split())


def _parse_tree(markup: str):  # noqa: ANN202 - an lxml HtmlElement
    import lxml.html
    from lxml import etree

    markup = _XML_DECL.sub("", markup, count=1)
    if not markup.strip():
        raise Refused("the page holds no text")
    try:
        return lxml.html.document_fromstring(markup)
    except (etree.ParserError, ValueError) as exc:
        raise Refused(f"this page cannot be read as HTML ({exc})") from exc


def html_to_blocks(markup: str, budget: Budget | None = None) -> tuple[list[Block], str, str, dict[str, str]]:
    """(blocks, title, lang attribute, information) of an HTML or XHTML document's main content."""
    root = _parse_tree(markup)
    info: dict[str, str] = {}
    title = ""
    og = root.xpath("//meta[@property='og:title']/@content")
    titles = root.xpath("//title")
    if og and og[0].strip():
        title = " ".join(og[0].split())
    elif titles:
        title = _text(titles[0])
    lang = root.get("lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang") or ""
    body = root.find("body")
    if body is None:
        body = root
    info.update(gutenberg.take_html_boilerplate(body))
    _prune(body)
    sink = BlockSink(budget or Budget(len(markup), "HTML page"))
    walker = HtmlWalker(sink)
    walker.walk(_main_root(body))
    walker.flush()
    blocks, more = gutenberg.split_blocks(sink.blocks)
    info.update(more)
    return blocks, title, lang, info


def fragment_blocks(markup: str, budget: Budget) -> list[Block]:
    """Blocks of a piece of HTML (a raw HTML block in Markdown): no main-content selection."""
    import lxml.html
    from lxml import etree

    try:
        fragments = lxml.html.fragments_fromstring(markup)
    except (etree.ParserError, ValueError):
        return []
    sink = BlockSink(budget)
    walker = HtmlWalker(sink)
    for fragment in fragments:
        if isinstance(fragment, str):
            walker.buf.append(fragment)
        else:
            walker.walk(fragment)
            if fragment.tail:
                walker.buf.append(fragment.tail)
    walker.flush()
    return sink.blocks


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
    budget = Budget(len(data), "HTML page")
    budget.check_markup(data.count(b"<"), "tags")  # before libxml2 builds a tree of millions of nodes
    blocks, title, lang, info = html_to_blocks(decode_markup(data), budget)
    metadata = dict(info)
    if title and "title" not in metadata:
        metadata["title"] = title
    if lang:
        metadata["language"] = lang
    own_title = metadata.get("title", "") if "gutenberg_header" in metadata else ""
    return ParsedDocument(title=own_title, blocks=blocks, format="html", metadata=metadata)
