"""EPUB books (.epub): the OPF spine gives the reading order of XHTML chapters.

Each chapter is read once, however often the spine lists it, and all chapters together
share one work budget proportional to the file's size (budget.py): an EPUB listing one
chapter thousands of times, or holding hundreds of chapters that each expand just under
the zip limits, is refused instead of filling memory. XML is parsed safely (safexml).
"""

from __future__ import annotations

import posixpath
from urllib.parse import unquote

from desktop.library.importers.archive import open_zip, read_member
from desktop.library.importers.budget import Budget
from desktop.library.importers.errors import Refused
from desktop.library.importers.html import decode_markup, html_to_blocks
from desktop.library.importers.safexml import parse_xml
from desktop.library.importers.sink import BlockSink
from desktop.library.models import ParsedDocument

_KIND = "EPUB"
_CONTAINER = "{urn:oasis:names:tc:opendocument:xmlns:container}"
_OPF = "{http://www.idpf.org/2007/opf}"
_DC = "{http://purl.org/dc/elements/1.1/}"
_ENC = "{http://www.w3.org/2001/04/xmlenc#}"
_HTML_TYPES = ("application/xhtml+xml", "text/html", "application/xml")
_MAX_SPINE = 5_000


def _root_folder(names: set[str]) -> str:
    """Where the book starts in the archive: "" as the standard says, or the one folder it
    was zipped in ("epub/META-INF/container.xml": Debian Edu's manual is shipped so)."""
    if "META-INF/container.xml" in names:
        return ""
    found = [n[: -len("META-INF/container.xml")] for n in names if n.endswith("/META-INF/container.xml")]
    return found[0] if len(found) == 1 and found[0].count("/") == 1 else ""


def parse_epub(data: bytes, max_uncompressed: int) -> ParsedDocument:
    archive = open_zip(data, _KIND, max_uncompressed)
    names = set(archive.namelist())
    if "mimetype" in names:
        mimetype = read_member(archive, "mimetype", _KIND).decode("ascii", "replace").strip()
        if mimetype != "application/epub+zip":
            raise Refused(f"this is not an EPUB book (its type is {mimetype or 'unknown'})")
    root = _root_folder(names)
    container = parse_xml(read_member(archive, f"{root}META-INF/container.xml", _KIND), "container.xml")
    rootfile = container.find(f".//{_CONTAINER}rootfile")
    if rootfile is None or not rootfile.get("full-path"):
        raise Refused(f"this is not a valid {_KIND} file (no package document)")
    opf_path = root + rootfile.get("full-path", "")
    opf = parse_xml(read_member(archive, opf_path, _KIND), opf_path)
    base = posixpath.dirname(opf_path)

    manifest: dict[str, tuple[str, str, str]] = {}
    for item in opf.iter(f"{_OPF}item"):
        href = posixpath.normpath(posixpath.join(base, unquote(item.get("href", ""))))
        manifest[item.get("id", "")] = (href, item.get("media-type", ""), item.get("properties", ""))

    encrypted: set[str] = set()
    if "META-INF/encryption.xml" in names:
        enc = parse_xml(read_member(archive, "META-INF/encryption.xml", _KIND), "encryption.xml")
        encrypted = {unquote(ref.get("URI", "")) for ref in enc.iter(f"{_ENC}CipherReference")}

    itemrefs = list(opf.iter(f"{_OPF}itemref"))
    if len(itemrefs) > _MAX_SPINE:
        raise Refused(f"this EPUB lists {len(itemrefs):,} chapters (more than {_MAX_SPINE:,}): refused as malformed")
    budget = Budget(len(data), "EPUB book")
    sink = BlockSink(budget)
    info: dict[str, str] = {}
    seen: set[str] = set()
    for itemref in itemrefs:
        entry = manifest.get(itemref.get("idref", ""))
        if entry is None:
            continue
        href, media_type, properties = entry
        if media_type not in _HTML_TYPES or "nav" in properties.split() or href in seen:
            continue  # the table of contents repeats the headings; a chapter is read once
        seen.add(href)
        if href in encrypted:
            raise Refused("this EPUB is protected by DRM and cannot be read")
        if href not in names:
            continue  # a broken reference: read the rest of the book
        budget.add_expanded(archive.getinfo(href).file_size, href)
        chapter, _title, _lang, chapter_info = html_to_blocks(decode_markup(read_member(archive, href, _KIND)), budget)
        sink.absorb(chapter)
        budget.blocks -= len(chapter)  # counted once, by the chapter's own walk
        for key, value in chapter_info.items():
            info.setdefault(key, value)

    metadata = {k: v for k, v in info.items() if k not in ("title", "author", "language")}
    for key, tag in (("title", "title"), ("language", "language"), ("author", "creator")):
        found = opf.find(f".//{_DC}{tag}")
        if found is not None and (found.text or "").strip():
            metadata[key] = " ".join(found.text.split())
    # The book's own title (dc:title) names it, not its first chapter heading.
    return ParsedDocument(title=metadata.get("title", ""), blocks=sink.blocks, format="epub", metadata=metadata)
