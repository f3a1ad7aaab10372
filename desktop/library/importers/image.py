"""Scanned pages as image files (.png, .jpg, .tif: a TIFF may hold several pages), read
by OCR page by page like a scanned PDF."""

from __future__ import annotations

from desktop.library.importers.errors import Refused
from desktop.library.models import ParsedDocument
from desktop.library.pdf import ocr as ocr_module
from desktop.library.pdf.document import finish
from desktop.library.pdf.model import PageLines, Unreadable
from desktop.library.pdf.ocr_queue import OcrQueue
from desktop.library.pdf.pages import lines_from_words
from desktop.library.reading import NEVER, ImportCancelled, ReadOptions


def parse_image(data: bytes, options: ReadOptions | None = None) -> ParsedDocument:
    options = options or ReadOptions()
    if options.ocr == NEVER:
        raise Refused("an image holds no text without OCR: import it with `--ocr auto` (the default)")
    try:
        engine = options.tesseract()
    except ocr_module.OcrUnavailable as exc:
        raise Refused(str(exc)) from exc
    try:
        images = ocr_module.image_pages(data)
    except ValueError as exc:
        raise Refused(str(exc)) from exc
    pages: list[PageLines] = []
    try:
        with OcrQueue(engine, options.cancel, lines_from_words) as queue:
            for index, (image, dpi) in enumerate(images):
                options.check_cancel()
                if options.progress:
                    options.progress(index, len(images), f"page {index + 1} of {len(images)}")
                image, _angle = ocr_module.deskew(image)
                width, height = _size_in_points(image, dpi)
                page = PageLines(index + 1, "", width, height, ocr=True)
                queue.submit(image, dpi, None, page)
                pages.append(page)
            queue.drain()
    except ocr_module.OcrCancelled:
        raise ImportCancelled() from None
    if options.progress:
        options.progress(len(images), len(images), "")
    metadata = {"pages": str(len(images)), "ocr_pages": str(len(images)), "ocr": f"{len(images)} page(s) read by Tesseract"}
    try:
        parsed = finish(pages, metadata, [], "", options)
    except Unreadable as exc:
        raise Refused(str(exc)) from exc
    parsed.format = "image"
    return parsed


def _size_in_points(image: bytes, dpi: int) -> tuple[float, float]:
    """Width and height of a PNM image (what image_pages and deskew give) in points."""
    if image[:2] in (b"P4", b"P5", b"P6"):
        header = [t for line in image[:200].split(b"\n") if not line.startswith(b"#") for t in line.split()]
        return int(header[1]) * 72 / dpi, int(header[2]) * 72 / dpi
    return 595.0, 842.0  # without Leptonica: an A4 page, only proportions matter
