"""Pages waiting for OCR, read by several Tesseract processes at once.

One Tesseract uses its own threads poorly (measured on 2 cores: 3.0 s a page with its
OpenMP threads, 2.2 s with one thread), so each process gets one thread and as many
run at once as there are cores (at most four). Pages are submitted as the document is
read; at most one image more than there are workers waits in memory.
"""

from __future__ import annotations

import os
import threading
from collections import deque
from concurrent.futures import Future, ThreadPoolExecutor

from desktop.library.pdf.model import PageLines, Word
from desktop.library.pdf.ocr import Tesseract
from desktop.library.pdf.textlayer import Shapes

MAX_WORKERS = 4


def workers() -> int:
    return max(1, min(MAX_WORKERS, os.cpu_count() or 1))


class OcrQueue:
    def __init__(self, engine: Tesseract, cancel: threading.Event | None, place) -> None:  # noqa: ANN001
        """`place(words, shapes, page)` puts a recognised page's words in place."""
        self.engine = engine
        self.cancel = cancel
        self.place = place
        self.size = workers()
        self.pool = ThreadPoolExecutor(max_workers=self.size, thread_name_prefix="glose-ocr")
        self.pending: deque[tuple[Future[list[Word]], Shapes | None, PageLines]] = deque()

    def submit(self, image: bytes, dpi: int, shapes: Shapes | None, page: PageLines) -> None:
        future = self.pool.submit(self.engine.recognise, image, dpi, self.cancel, 1 if self.size > 1 else 0)
        self.pending.append((future, shapes, page))
        while len(self.pending) > self.size:
            self._finish_one()

    def _finish_one(self) -> None:
        future, shapes, page = self.pending.popleft()
        self.place(future.result(), shapes, page)

    def drain(self) -> None:
        while self.pending:
            self._finish_one()

    def close(self) -> None:
        """Stop what is left (after an error or a cancel) and wait for the workers."""
        for future, _shapes, _page in self.pending:
            future.cancel()
        self.pending.clear()
        self.pool.shutdown(wait=True)

    def __enter__(self) -> OcrQueue:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
