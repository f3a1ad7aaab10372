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
from desktop.library.importers.headings import join_split_headings
from desktop.library.importers.html_walk import HtmlWalker, classes, drop_keeping_tail, is_footnote
from desktop.library.importers.sink import BlockSink
from desktop.library.models import Block, ParsedDocument

_BOILER_TAGS = frozenset(("nav", "aside", "footer", "header", "form", "dialog", "menu"))
_BOILER_ROLES = frozenset(("navigation", "banner", "contentinfo", "complementary", "search", "dialog", "alertdialog"))
_BOILER_NAMES = re.compile(
    r"(?:^|[-_])(?:nav|navbar|navigation|menu|sidemenu|breadcrumbs?|ariane|skip-?links?|skiplinks|evitement|"
    r"share|sharing|partage|social|follow|sidebar|sphinxsidebar|related|footer|navheader|navfooter|"
    r"cookies?|consent|gdpr|rgpd|banner|bandeau|tarteaucitron|didomi|axeptio|onetrust|cmplz|newsletter|"
    r"pagination|comments?|sr-only|visually-hidden|screen-reader-text|crosslinks|link-target)(?:$|[-_])"
)  # crosslinks: tex4ht's [next] [prev] [up]; link-target: the [URL] Sphinx EPUBs print after a link
# Consent tools common on French sites (tarteaucitron, Didomi, Axeptio, OneTrust, Complianz), anywhere in a name.
_CONSENT = re.compile(r"cookie|consent|gdpr|rgpd|tarteaucitron|didomi|axeptio|onetrust|cmplz")
_CONTENT_ROOTS = frozenset(("html", "body", "main", "article"))
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")


def _is_hidden(el) -> bool:  # noqa: ANN001 - an lxml element
    return el.get("hidden") is not None or (el.get("aria-hidden") or "").lower() == "true"


def _is_boilerplate(el, inside_content: bool) -> bool:  # noqa: ANN001 - an lxml element
    tag = el.tag.lower() if isinstance(el.tag, str) else ""
    if tag in _CONTENT_ROOTS or (el.get("role") or "").lower() == "main":
        return False
    if _is_hidden(el):
        return True
    if (el.get("role") or "").lower() in _BOILER_ROLES:
        return True
    if tag == "aside" and (is_footnote(el) or "footnote" in (el.get("class") or "").lower()):
        return False  # Sphinx's and EPUB 3's footnotes (and Sphinx's list of them) are <aside>s
    if tag in _BOILER_TAGS and not (tag == "header" and inside_content):
        return True  # an article's own <header> holds its title
    if tag == "address" and not inside_content:
        return True  # the page's signature (latex2html, old sites), not the text's
    names = f"{el.get('class') or ''} {el.get('id') or ''}".lower()
    return bool(_CONSENT.search(names)) or any(_BOILER_NAMES.search(name) for name in names.split())


def _prune(root) -> None:  # noqa: ANN001
    """Remove boilerplate elements (their tails stay)."""
    doomed = []
    stack = [(root, False)]
    while stack:
        el, inside = stack.pop()
        shown = _shown_variant(el)
        for child in el:
            if not isinstance(child.tag, str):
                continue
            if child is not shown and _is_boilerplate(child, inside):
                doomed.append(child)
                continue
            tag = child.tag.lower()
            stack.append((child, inside or tag in ("main", "article") or (child.get("role") or "") == "main"))
    for el in doomed:
        drop_keeping_tail(el)


def _shown_variant(el):  # noqa: ANN001, ANN202 - lxml elements
    """Of variants a script chooses from (every child hidden: LibreOffice's help writes the
    macOS and the other menu paths so), the one shown by default, else the first."""
    children = [c for c in el if isinstance(c.tag, str)]
    if len(children) < 2 or not all(_is_hidden(c) for c in children):
        return None
    return next((c for c in children if "default" in classes(c)), children[0])


# ids that name a page's content area when it has no <main> (texinfo, many hand-made sites)
_MAIN_IDS = ("main", "content", "main-content", "maincontent", "contenu", "contenu-principal", "page-content")


def _main_root(body):  # noqa: ANN001, ANN202
    mains = body.xpath(".//main | .//*[@role='main']")
    if len(mains) == 1:
        return mains[0]
    articles = body.xpath(".//article")
    if not mains and len(articles) == 1:
        return articles[0]
    if not mains and not articles:
        total = len(_text(body))
        title = next(body.iter("h1"), None)
        for name in _MAIN_IDS:
            found = [el for el in body.iter() if isinstance(el.tag, str) and (el.get("id") or "").lower() == name]
            # the named area must hold most of the page and the page's title (Asciidoctor
            # puts the <h1> and the contents in #header, the text in #content: all are the text)
            if (
                len(found) == 1
                and total
                and len(_text(found[0])) >= 0.5 * total
                and (title is None or any(a is found[0] for a in title.iterancestors()))
            ):
                return found[0]
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
    blocks, more = gutenberg.split_blocks(join_split_headings(sink.blocks))
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
