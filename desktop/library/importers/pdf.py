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


def strip_running_lines(pages: list[list[str]]) -> list[list[str]]:
    """Remove page numbers and the header/footer lines repeated on (nearly) every page."""
    pages = [[line for line in page if line.strip()] for page in pages]
    counts: Counter[str] = Counter()
    for page in pages:
        edges = set(page[:_EDGE]) | set(page[-_EDGE:])
        counts.update({_line_key(line) for line in edges})
    needed = len(pages) if len(pages) <= 3 else math.ceil(0.6 * len(pages))
    running = {key for key, n in counts.items() if n >= max(needed, 2)}
    cleaned = []
    for page in pages:
        keep = []
        for i, line in enumerate(page):
            at_edge = i < _EDGE or i >= len(page) - _EDGE
            if at_edge and (_line_key(line) in running or _PAGE_NUMBER.match(line)):
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
