"""XML from inside documents (ODT, EPUB), parsed with entities never expanded.

lxml with resolve_entities off, no DTD loading, no network, and libxml2's default
limits (no huge_tree): a "billion laughs" or an external entity (XXE) is refused or
left unexpanded, and a nesting bomb stops at libxml2's depth limit.
"""

from __future__ import annotations

from desktop.library.importers.errors import Refused


def parse_xml(data: bytes, what: str):  # noqa: ANN201 - an lxml element
    from lxml import etree

    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False, huge_tree=False,
        remove_comments=True, remove_pis=True,
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise Refused(f"this file is damaged ({what}: {exc})") from exc
    if root is None:
        raise Refused(f"this file is damaged ({what} is empty)")
    return root
