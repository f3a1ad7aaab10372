"""How to read a document that comes in pages (PDFs, scanned images): the OCR mode, a
per-page progress report, a cancel switch. Passed from the CLI or the app down to the
readers; formats without pages ignore it."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field

AUTO, ALWAYS, NEVER = "auto", "always", "never"
OCR_MODES = (AUTO, ALWAYS, NEVER)

PageProgress = Callable[[int, int, str], None]  # (pages done, pages, what is happening)


class ImportCancelled(Exception):
    """The user cancelled an import; nothing of the file was stored."""


@dataclass
class ReadOptions:
    ocr: str = AUTO  # auto: pages without usable text | always: every page | never
    progress: PageProgress | None = None
    cancel: threading.Event | None = None
    engine: object | None = field(default=None, repr=False)  # the OCR engine, found on first need

    def check_cancel(self) -> None:
        if self.cancel is not None and self.cancel.is_set():
            raise ImportCancelled()

    def tesseract(self):  # noqa: ANN201 - a desktop.library.pdf.ocr.Tesseract
        """The OCR engine, or OcrUnavailable saying how to install it."""
        from desktop.library.pdf import ocr

        if self.engine is None:
            found = ocr.find_tesseract()
            if found is None:
                raise ocr.OcrUnavailable(f"Tesseract OCR is not installed. {ocr.INSTALL_HINT}")
            self.engine = ocr.Tesseract(*found)
        self.engine.check()
        return self.engine
