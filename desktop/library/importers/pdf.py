"""PDF (.pdf): read with its layout by `desktop.library.pdf` (pypdfium2, Tesseract for
scanned pages). This module is the importer's thin entry point."""

from __future__ import annotations

from desktop.library.importers.errors import Refused
from desktop.library.models import ParsedDocument
from desktop.library.pdf.document import NO_TEXT as NO_TEXT_LAYER
from desktop.library.pdf.document import parse_pdf_document
from desktop.library.pdf.model import Unreadable
from desktop.library.reading import ReadOptions

__all__ = ["NO_TEXT_LAYER", "parse_pdf"]


def parse_pdf(data: bytes, options: ReadOptions | None = None) -> ParsedDocument:
    try:
        return parse_pdf_document(data, options)
    except Unreadable as exc:
        raise Refused(str(exc)) from exc
