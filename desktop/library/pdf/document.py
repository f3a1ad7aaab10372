"""A whole PDF (or image) into a ParsedDocument, one page at a time.

Pages are read one by one and only their lines are kept (pypdfium2 releases each page),
so a 1,000-page PDF needs memory for its text, not for its pages. Progress is reported
per page; a cancel between pages (or during a page's OCR) stops the import before
anything is stored.
"""

from __future__ import annotations

from desktop.library.cleanup import french_words
from desktop.library.models import HEADING, Block, ParsedDocument
from desktop.library.pdf import ocr as ocr_module
from desktop.library.pdf.blocks import build_blocks
from desktop.library.pdf.model import PageLines, Unreadable
from desktop.library.pdf.ocr_queue import OcrQueue
from desktop.library.pdf.pages import lines_from_words, read_page
from desktop.library.pdf.running import drop_running_lines
from desktop.library.reading import NEVER, ImportCancelled, ReadOptions

def _engine(options: ReadOptions) -> tuple[ocr_module.Tesseract | None, str]:
    """The OCR engine, or None and why (Tesseract missing: text pages still import)."""
    if options.ocr == NEVER:
        return None, ""
    try:
        return options.tesseract(), ""
    except ocr_module.OcrUnavailable as exc:
        return None, str(exc)


def open_pdf(data: bytes):  # noqa: ANN201 - a pypdfium2 PdfDocument
    """The document, opened with an empty password if it has one; Unreadable otherwise."""
    import pypdfium2 as pdfium

    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        text = str(exc).lower()
        if "password" in text:
            raise Unreadable(
                "this PDF is protected by a password (it is encrypted to be opened only with it): "
                "open it in a PDF reader with the password, save an unprotected copy, and import that"
            ) from exc
        raise Unreadable(f"this PDF is damaged and cannot be read ({exc})") from exc


def parse_pdf_document(data: bytes, options: ReadOptions | None = None) -> ParsedDocument:
    options = options or ReadOptions()
    if b"%PDF-" not in data[:1024]:
        raise Unreadable("this is not a PDF file (no PDF header)")
    doc = open_pdf(data)
    try:
        count = len(doc)
        if count == 0:
            raise Unreadable("this PDF has no pages")
        engine, missing = _engine(options)
        lexicon = french_words()
        pages: list[PageLines] = []
        needing_ocr: list[int] = []
        ocr_pages = 0
        queue = OcrQueue(engine, options.cancel, lines_from_words) if engine is not None else None
        try:
            for index in range(count):
                options.check_cancel()
                if options.progress:
                    options.progress(index, count, f"page {index + 1} of {count}")
                page, how = read_page(doc, index, mode=options.ocr, lexicon=lexicon, engine=engine, queue=queue)
                pages.append(page)
                ocr_pages += how == "ocr"
                if how == "no-ocr":
                    needing_ocr.append(index + 1)
            if queue is not None:
                queue.drain()
        except ocr_module.OcrCancelled:
            raise ImportCancelled() from None
        finally:
            if queue is not None:
                queue.close()
        options.check_cancel()
        if options.progress:
            options.progress(count, count, "")
        metadata = _metadata(doc)
    finally:
        doc.close()
    metadata["pages"] = str(count)
    if ocr_pages:
        metadata["ocr_pages"] = str(ocr_pages)
        metadata["ocr"] = f"{ocr_pages} page(s) read by Tesseract"
    return finish(pages, metadata, needing_ocr, missing, options)


NO_TEXT = "no text layer (a scan)"


def finish(
    pages: list[PageLines], metadata: dict[str, str], needing_ocr: list[int], missing: str, options: ReadOptions
) -> ParsedDocument:
    """Pass 2 over the pages read, or a refusal that says what to do."""
    if needing_ocr:
        shown = ", ".join(str(n) for n in needing_ocr[:20]) + (" …" if len(needing_ocr) > 20 else "")
        metadata["pages_without_text"] = shown
        why = missing or "OCR was turned off (--ocr never)"
        metadata["warning"] = f"page(s) {shown} are scanned and were not read: {why}"
    drop_running_lines(pages)
    blocks = build_blocks(pages)
    if not blocks and needing_ocr:
        if options.ocr == NEVER:
            raise Unreadable(f"{NO_TEXT}: import it with OCR (`glose import --ocr auto`)")
        raise Unreadable(f"{NO_TEXT}, and OCR is not available here. {missing}")
    if not blocks and any(p.ocr for p in pages):
        raise Unreadable(f"{NO_TEXT}, and OCR found no text on it (a picture, or a scan too faint to read)")
    return ParsedDocument(title=typeset_title(blocks), blocks=blocks, format="pdf", metadata=metadata)


def typeset_title(blocks: list[Block]) -> str:
    """The first page's largest heading (the first of them if several share its size): a
    note in the margin or a running head set before it in the page's order does not name
    the document. "" when the first page has no heading (a letter: the importer looks on)."""
    first = blocks[0].structure.page if blocks else 0
    headings = [b for b in blocks if b.structure.page == first and b.kind == HEADING]
    return min(headings, key=lambda b: b.structure.level).text if headings else ""


def _metadata(doc) -> dict[str, str]:  # noqa: ANN001
    out: dict[str, str] = {}
    try:
        info = doc.get_metadata_dict(skip_empty=True)
    except Exception:  # noqa: BLE001 - a damaged Info dictionary
        return out
    for key, name in (("Title", "title"), ("Author", "author")):
        value = " ".join(str(info.get(key, "")).split())
        if value:
            out[name] = value  # placeholders ("untitled") are left out by importers._title
    return out
