"""Offline OCR with the real Tesseract (desktop.library.pdf.ocr): scanned pages made by the
tests themselves (tests/pdf_samples.py renders a French letter, turns it slightly, adds
noise), in image-only PDFs, mixed PDFs and image files."""

from __future__ import annotations

import difflib
import io
import shutil
from pathlib import Path

import pytest

from desktop.library import importer, page_refs, store
from desktop.library.importers import read_document
from desktop.library.models import ImportRefused
from desktop.library.pdf import ocr
from desktop.library.reading import ALWAYS, NEVER, ReadOptions
from tests import pdf_samples

pytestmark = pytest.mark.skipif(
    ocr.find_tesseract() is None, reason="Tesseract is not installed (`make test` installs it)"
)


def word_accuracy(text: str, source: str = pdf_samples.SCAN_TEXT) -> float:
    """Share of the source's words found, in order, in the text (exact matches only)."""
    got, want = text.split(), source.split()
    matcher = difflib.SequenceMatcher(None, got, want, autojunk=False)
    return sum(block.size for block in matcher.get_matching_blocks()) / len(want)


def _png(image, dpi: int = 200) -> bytes:  # noqa: ANN001 - a Pillow image
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", dpi=(dpi, dpi))
    return buffer.getvalue()


def test_a_clean_turned_scan_reads_back_word_for_word(tmp_path: Path) -> None:
    path = pdf_samples.image_pdf([pdf_samples.scan(dpi=200, angle=1.2)], tmp_path / "lettre.pdf")
    parsed = read_document(path)
    text = " ".join(b.text for b in parsed.blocks)
    assert word_accuracy(text) >= 0.98, text
    assert parsed.metadata["ocr_pages"] == "1"
    assert all(b.structure.page == 1 for b in parsed.blocks)


def test_deskew_finds_the_angle() -> None:
    pages = ocr.image_pages(_png(pdf_samples.scan(angle=-1.5)))
    _image, angle = ocr.deskew(pages[0][0])
    assert abs(abs(angle) - 1.5) < 0.3


SHORT = "Le conseil municipal a examiné votre demande avec attention lors de sa séance du jeudi dernier."


def test_image_files_are_imported_by_ocr(tmp_path: Path) -> None:
    png = tmp_path / "courrier.png"
    png.write_bytes(_png(pdf_samples.scan(dpi=200, angle=0.8)))
    parsed = read_document(png)
    assert parsed.format == "image"
    assert word_accuracy(" ".join(b.text for b in parsed.blocks)) >= 0.97
    # TIFF (bilevel, Group 4 as scanners write) and JPEG, on a shorter text.
    image = pdf_samples.scan(SHORT, dpi=200, angle=-0.6)
    tif = tmp_path / "courrier.tif"
    image.convert("1").save(tif, format="TIFF", dpi=(200, 200), compression="group4")
    jpg = tmp_path / "courrier.jpg"
    image.save(jpg, format="JPEG", quality=85, dpi=(200, 200))
    for path in (tif, jpg):
        parsed = read_document(path)
        assert word_accuracy(" ".join(b.text for b in parsed.blocks), SHORT) >= 0.9, path  # one slip in 16 words


def test_a_multipage_tiff_gives_one_page_each(tmp_path: Path) -> None:
    first = pdf_samples.scan(SHORT, angle=0.5)
    second = pdf_samples.scan("Le second feuillet confirme la date des travaux au mois de septembre.", angle=-0.5)
    path = tmp_path / "liasse.tif"
    first.save(path, format="TIFF", save_all=True, append_images=[second], dpi=(200, 200))
    blocks = read_document(path).blocks
    assert blocks[0].structure.page == 1 and blocks[-1].structure.page == 2
    assert "second feuillet" in blocks[-1].text


def test_mixed_pdf_reads_text_pages_and_scanned_pages(tmp_path: Path) -> None:
    path = pdf_samples.mixed(tmp_path / "dossier.pdf", pdf_samples.scan(angle=0.6))
    parsed = read_document(path)
    assert parsed.blocks[0].text == "Dossier de candidature" and parsed.blocks[0].structure.page == 1
    scanned = " ".join(b.text for b in parsed.blocks if b.structure.page == 2)
    assert word_accuracy(scanned) >= 0.97
    assert parsed.metadata["ocr_pages"] == "1"
    # --ocr never: the text page alone, and a warning that says which page was left out.
    never = read_document(path, options=ReadOptions(ocr=NEVER))
    assert {b.structure.page for b in never.blocks} == {1}
    assert "page(s) 2" in never.metadata["warning"]


def test_ocr_always_reads_text_pages_too(tmp_path: Path) -> None:
    path = pdf_samples.text_pages(tmp_path / "rapport.pdf", 2)
    parsed = read_document(path, options=ReadOptions(ocr=ALWAYS))
    assert parsed.metadata["ocr_pages"] == "2"
    assert parsed.blocks[0].text == "Section 1"


def test_fonts_without_unicode_maps_go_to_ocr(tmp_path: Path) -> None:
    source = pdf_samples.text_pages(tmp_path / "rapport.pdf", 1)
    garbled = pdf_samples.without_unicode_maps(source, tmp_path / "sans-tounicode.pdf")
    parsed = read_document(garbled)
    assert parsed.metadata["ocr_pages"] == "1"
    text = " ".join(b.text for b in parsed.blocks)
    assert "techniciens qualifiés" in text and "\x01" not in text and "qualifis" not in text


def test_low_confidence_words_are_stored_where_they_are(conn, tmp_path: Path) -> None:  # noqa: ANN001
    path = pdf_samples.image_pdf([pdf_samples.scan(noise=0.006, angle=1.0)], tmp_path / "bruit.pdf")
    outcome = importer.import_file(conn, path, max_bytes=50 * 2**20)
    assert outcome.status == importer.IMPORTED, outcome
    doc = store.get_document(conn, outcome.doc_id)
    spans = page_refs.low_confidence_spans(conn, outcome.doc_id)
    assert spans, "a noisy scan has words read with low confidence"
    for start, end, confidence in spans:
        word = doc.text[start:end]
        assert word and " " not in word and 0 <= confidence < 80
        assert (start == 0 or not doc.text[start - 1].isalnum()) and (end == len(doc.text) or not doc.text[end].isalnum())
    # The marks are not left in the paragraphs' structure.
    assert all(p.structure.attr("low_confidence") is None for p in doc.paragraphs)


def test_missing_tesseract_says_how_to_install_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GLOSE_TESSERACT", str(tmp_path / "nowhere" / "tesseract"))
    scan = pdf_samples.image_pdf([pdf_samples.scan()], tmp_path / "scan.pdf")
    with pytest.raises(ImportRefused) as info:
        read_document(scan)
    assert "apt-get install tesseract-ocr tesseract-ocr-fra" in info.value.reason
    png = tmp_path / "scan.png"
    png.write_bytes(_png(pdf_samples.scan()))
    with pytest.raises(ImportRefused) as info:
        read_document(png)
    assert "tesseract-ocr-fra" in info.value.reason
    mixed = read_document(pdf_samples.mixed(tmp_path / "mixte.pdf", pdf_samples.scan()))
    assert mixed.blocks[0].text == "Dossier de candidature"
    assert "tesseract-ocr-fra" in mixed.metadata["warning"]


def test_tesseract_without_french_data_is_reported(tmp_path: Path) -> None:
    program, _data = ocr.find_tesseract()
    empty = tmp_path / "tessdata"
    empty.mkdir()
    engine = ocr.Tesseract(program, str(empty))
    with pytest.raises(ocr.OcrUnavailable) as info:
        engine.check()
    assert "French data" in str(info.value)


def test_a_cancel_during_ocr_stores_nothing(conn, tmp_path: Path) -> None:  # noqa: ANN001
    import threading

    path = pdf_samples.image_pdf([pdf_samples.scan(), pdf_samples.scan()], tmp_path / "deux.pdf")
    cancel = threading.Event()

    def progress(done: int, total: int, _label: str) -> None:
        if done >= 1 and total == 2:
            cancel.set()  # while page 2 waits its turn

    outcomes = importer.import_paths(
        conn, [path], max_bytes=50 * 2**20, progress=progress, options=ReadOptions(cancel=cancel)
    )
    assert [(o.status, o.reason) for o in outcomes] == [(importer.CANCELLED, importer.CANCELLED_IN_FILE)]
    assert conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0] == 0


def test_a_damaged_image_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "abime.png"
    path.write_bytes(_png(pdf_samples.scan())[:300])
    with pytest.raises(ImportRefused) as info:
        read_document(path)
    assert "cannot be decoded" in info.value.reason or "no text" in info.value.reason.lower()


def test_tsv_parsing_places_words_in_points() -> None:
    tsv = (
        "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n"
        "4\t1\t1\t1\t1\t0\t100\t200\t400\t40\t-1\t\n"
        "5\t1\t1\t1\t1\t1\t100\t205\t120\t30\t96.5\tBonjour\n"
        "5\t1\t1\t1\t1\t2\t240\t210\t20\t20\t12.0\t|\n"
        "5\t1\t1\t1\t1\t3\t280\t205\t200\t30\t55.0\tMadame\n"
    )
    words = ocr.parse_tsv(tsv, 72 / 300)
    assert [w.text for w in words] == ["Bonjour", "Madame"]  # the speck "|" is gone
    assert words[0].x0 == pytest.approx(24.0) and words[0].top == pytest.approx(48.0)
    assert words[1].conf == 55.0 and words[0].group == words[1].group


def test_find_tesseract_prefers_the_named_program(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = shutil.which("tesseract")
    monkeypatch.setenv("GLOSE_TESSERACT", real)
    assert ocr.find_tesseract() == (real, None)


def test_text_drawn_as_outlines_goes_to_ocr(tmp_path: Path, qapp) -> None:  # noqa: ANN001 - pytest-qt's QApplication
    """A poster whose text was converted to outlines has no text layer, only paths (here
    Qt draws each line's glyph outlines as a filled path)."""
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QColor, QFont, QPageSize, QPainter, QPainterPath, QPdfWriter

    target = tmp_path / "contours.pdf"
    writer = QPdfWriter(str(target))
    writer.setPageSize(QPageSize(QPageSize.A4))
    writer.setResolution(72)
    painter = QPainter(writer)
    font = QFont("DejaVu Sans", 13)
    lines = ["Les communes de montagne manquent de techniciens", "qualifiés pour entretenir les canalisations."]
    for n, line in enumerate(lines):
        for k, word in enumerate(line.split()):  # one path per word, as design tools export them
            path = QPainterPath()
            path.addText(QPointF(60 + 0, 120 + 26 * n), font, word)
            painter.fillPath(path.translated(_advance(font, line, k), 0), QColor("black"))
    painter.end()
    parsed = read_document(target)
    assert parsed.metadata["ocr_pages"] == "1"
    assert "techniciens qualifiés" in " ".join(b.text for b in parsed.blocks)


def _advance(font, line: str, k: int) -> float:  # noqa: ANN001 - a QFont
    from PySide6.QtGui import QFontMetricsF

    metrics = QFontMetricsF(font)
    return sum(metrics.horizontalAdvance(w + " ") for w in line.split()[:k])


def test_a_scanned_two_column_page_with_bullets(tmp_path: Path) -> None:
    """OCR of a designed page (the brochure rendered and read back): columns stay apart and
    drawn bullets, read by Tesseract as a letter, are list items."""
    path = pdf_samples.brochure(tmp_path / "brochure.pdf")
    parsed = read_document(path, options=ReadOptions(ocr=ALWAYS))
    texts = [b.text for b in parsed.blocks]
    first_left = next(t for t in texts if t.startswith("Les communes de montagne"))
    assert "Les associations" not in first_left  # the right column is not run into the left one
    items = [b.text for b in parsed.blocks if b.kind == "list_item"]
    assert any(t.startswith("Publier les analyses") for t in items), items
