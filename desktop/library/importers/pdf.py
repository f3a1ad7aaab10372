"""PDF (.pdf): the text layer, read with pypdf; scanned pages are refused.

Running headers and footers are dropped (pages.py); the rest goes through the same
cleanup as plain text, which rejoins wrapped lines and undoes end-of-line hyphenation.
"""

from __future__ import annotations

import io
import logging
import re

from desktop.library.cleanup import clean_text
from desktop.library.importers.errors import Refused
from desktop.library.importers.pages import join_pages, strip_running_lines
from desktop.library.models import ParsedDocument

NO_TEXT_LAYER = "no text layer: run OCR first"


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
    joined = join_pages(strip_running_lines([t.split("\n") for t in texts]))
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
