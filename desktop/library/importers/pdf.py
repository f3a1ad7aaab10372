"""PDF (.pdf): the text layer, read with pypdf; scanned pages are refused.

Lines that repeat at the top or bottom of most pages (running headers and footers,
page numbers) are dropped; the rest goes through the same cleanup as plain text, which
rejoins wrapped lines and undoes end-of-line hyphenation.
"""

from __future__ import annotations

import io
import logging
import math
import re
from collections import Counter

from desktop.library.cleanup import clean_text
from desktop.library.importers.errors import Refused
from desktop.library.models import ParsedDocument

NO_TEXT_LAYER = "no text layer: run OCR first"
_EDGE = 2  # how many lines at each end of a page can be a running header or footer
_PAGE_NUMBER = re.compile(r"^[\s\-–—|]*(?:page\s*)?\d{1,4}(?:\s*(?:/|sur|of|de)\s*\d{1,4})?[\s\-–—|]*$", re.I)


def _line_key(line: str) -> str:
    return re.sub(r"\d+", "#", " ".join(line.lower().split()))


def _edge_keys(page: list[str]) -> dict[int, str]:
    """Line index -> key for the lines near the top (0, 1) and bottom (-1, -2) of a page.

    The position is part of the key: a running header sits at the same place on every page.
    """
    keys = {}
    for pos in range(min(_EDGE, len(page))):
        keys[pos] = f"top{pos}:{_line_key(page[pos])}"
    for pos in range(1, min(_EDGE, len(page)) + 1):
        index = len(page) - pos
        keys.setdefault(index, f"bottom{pos}:{_line_key(page[index])}")
    return keys


def strip_running_lines(pages: list[list[str]]) -> list[list[str]]:
    """Remove page numbers and the header/footer lines repeated on (nearly) every page."""
    pages = [[line for line in page if line.strip()] for page in pages]
    counts: Counter[str] = Counter()
    for page in pages:
        counts.update(set(_edge_keys(page).values()))
    needed = max(2, len(pages) if len(pages) <= 3 else math.ceil(0.6 * len(pages)))
    cleaned = []
    for page in pages:
        edges = _edge_keys(page)
        keep = []
        for i, line in enumerate(page):
            if i in edges and (counts[edges[i]] >= needed or _PAGE_NUMBER.match(line)):
                continue
            keep.append(line)
        cleaned.append(keep)
    return cleaned


def _ends_sentence(line: str) -> bool:
    return line.rstrip(" \"'»”’)").endswith((".", "!", "?", "…", ":"))


def parse_pdf(data: bytes) -> ParsedDocument:
    if b"%PDF-" not in data[:1024]:
        raise Refused("this is not a PDF file (no PDF header)")
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # damaged-but-readable noise
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                opened = reader.decrypt("")  # many PDFs only restrict printing or copying
            except (DependencyError, NotImplementedError, FileNotDecryptedError, PdfReadError):
                opened = 0
            if not opened:
                raise Refused("this PDF is encrypted (password-protected): remove the password, then import it again")
        texts = [page.extract_text() or "" for page in reader.pages]
    except Refused:
        raise
    except (PdfReadError, FileNotDecryptedError, ValueError, KeyError, TypeError, IndexError, AttributeError) as exc:
        raise Refused(f"this PDF is damaged and cannot be read ({exc})") from exc
    if not texts:
        raise Refused("this PDF has no pages")
    if not any(re.search(r"[^\W\d_]", t) for t in texts):
        raise Refused(NO_TEXT_LAYER)
    pages = strip_running_lines([t.split("\n") for t in texts])
    joined = ""
    for page in pages:
        if not page:
            continue
        if joined:
            # A page that ends mid-sentence continues on the next one.
            joined += "\n\n" if _ends_sentence(joined.rsplit("\n", 1)[-1]) else "\n"
        joined += "\n".join(page)
    metadata = {"pages": str(len(texts))}
    try:
        info = reader.metadata
        if info and info.title and str(info.title).strip():
            metadata["title"] = str(info.title).strip()
        if info and info.author and str(info.author).strip():
            metadata["author"] = str(info.author).strip()
    except (PdfReadError, ValueError, KeyError, TypeError):
        pass
    return ParsedDocument(title="", blocks=clean_text(joined), format="pdf", metadata=metadata)
