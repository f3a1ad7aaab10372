"""Screenshots of PDFs in the reader: a two-column page, a bulleted page with its table, and
a scanned letter read by OCR. Checked to be real pictures; `--screenshots` (`make
screenshots`) also writes them to docs/screenshots/pdf-*.png for the README."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop import operations
from desktop.library import store as library_store
from desktop.library.pdf import ocr
from desktop.ui import theme
from desktop.ui.app import build_context
from tests import pdf_samples
from tests.ui.test_screenshots import grab, make_window, settle, shots  # noqa: F401 (fixture)


@pytest.fixture
def pdf_library(qapp, data_dir: Path, tmp_path: Path):
    theme.apply_theme(qapp, "light")
    ctx = build_context(data_dir)
    files = [pdf_samples.brochure(tmp_path / "conference-eau.pdf")]
    if ocr.find_tesseract() is not None:
        image = pdf_samples.scan(dpi=200, angle=1.2, noise=0.003)
        files.append(pdf_samples.image_pdf([image], tmp_path / "lettre-lavoir.pdf"))
    outcomes = operations.import_files(ctx.conn, data_dir, files, max_bytes=50 * 2**20)
    assert all(o.status == "imported" for o in outcomes), outcomes
    yield ctx, [o.doc_id for o in outcomes]
    ctx.close()


def test_screenshots_of_pdfs_in_the_reader(qtbot, pdf_library, shots) -> None:  # noqa: F811
    ctx, ids = pdf_library
    window = make_window(ctx, ids[0], qtbot)
    grab(window, "pdf-columns", shots)
    doc = library_store.get_document(ctx.conn, ids[0])
    bullets = next(p.index for p in doc.paragraphs if doc.paragraph_text(p) == "Priorités retenues")
    window.reader.scroll_to_paragraph(bullets, flash=False)
    settle(0.5, ctx)
    grab(window, "pdf-bullets", shots)
    if len(ids) > 1:
        window.open_document(ids[1])
        qtbot.waitUntil(window.reader.is_loaded, timeout=20_000)
        settle(0.5, ctx)
        grab(window, "pdf-ocr", shots)
