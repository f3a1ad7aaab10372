"""A folder of 200 documents imports with a progress bar and can be cancelled; the report
says per file what was found; documents from an older importer are updated at start."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from desktop.library.models import IMPORTER_VERSION


def _folder(tmp_path: Path, n: int) -> Path:
    folder = tmp_path / "dossier"
    folder.mkdir()
    for i in range(n):
        kind = i % 3
        if kind == 0:
            (folder / f"note-{i:03}.md").write_text(f"# Note {i}\n\n1. Premier point {i}.\n2. Second point.\n", "utf-8")
        elif kind == 1:
            (folder / f"page-{i:03}.html").write_text(
                f"<html><body><main><h1>Page {i}</h1><table><tr><th>A</th><th>B</th></tr>"
                f"<tr><td>{i}</td><td>deux</td></tr></table></main></body></html>", "utf-8")
        else:
            (folder / f"texte-{i:03}.txt").write_text(f"Texte numéro {i}.\n\nUne phrase de plus.\n", "utf-8")
    return folder


def test_folder_import_shows_progress_and_can_be_cancelled(qtbot, window, tmp_path):
    folder = _folder(tmp_path, 200)
    # The first file (by name) is a long one: the user sees the bar and cancels while it imports.
    (folder / "aaa-long.txt").write_text("Une phrase française assez ordinaire pour la lecture.\n\n" * 20_000, "utf-8")
    with qtbot.waitSignal(window.importFinished, timeout=120_000) as sig:
        window.import_paths([str(folder)])
        dialog = window._import_progress
        assert dialog is not None and not dialog.isModal()
        qtbot.waitUntil(lambda: dialog.maximum() == 201, timeout=60_000)  # the bar knows the total
        qtbot.waitUntil(dialog.isVisible, timeout=10_000)
        qtbot.mouseClick(dialog.findChild(QPushButton), Qt.MouseButton.LeftButton)  # the user presses Cancel
    outcomes = sig.args[0]
    statuses = [o.status for o in outcomes]
    assert len(outcomes) == 201 and set(statuses) <= {"imported", "cancelled"}
    assert "cancelled" in statuses and "imported" in statuses
    assert window._import_progress is None  # closed
    report = window._import_report
    assert report is not None and report.isVisible()
    assert len(report.refused_files()) == statuses.count("cancelled")
    conn = sqlite3.connect(window.ctx.data_dir / "glose.db")
    in_library = conn.execute("SELECT COUNT(*) FROM documents WHERE path LIKE ?", (f"{folder}%",)).fetchone()[0]
    conn.close()
    assert in_library == statuses.count("imported")  # nothing half-imported


def test_report_says_what_each_document_holds(qtbot, window, tmp_path):
    folder = _folder(tmp_path, 3)
    with qtbot.waitSignal(window.importFinished, timeout=60_000):
        window.import_paths([str(folder)])
    tree = window._import_report.tree
    results = [tree.topLevelItem(i).text(1) for i in range(tree.topLevelItemCount())]
    assert any("1 heading, 2 list items" in r for r in results)
    assert any("1 table (4 cells)" in r for r in results)


def test_outdated_documents_are_reimported_at_start(qtbot, ui_ctx, tmp_path):
    from desktop.ui.app import start_window

    ctx = ui_ctx
    data = ctx.data_dir
    source = tmp_path / "guide.md"
    source.write_text("# Guide\n\n::: tip Astuce\nPréparez vos justificatifs.\n:::\n", "utf-8")
    conn = ctx.connect()
    from desktop import operations

    operations.import_files(conn, data, [source], max_bytes=10**7)
    with conn:
        conn.execute("UPDATE documents SET importer_version = 0, text = text || ' ::: tip'")
    conn.close()
    window = start_window(ctx, show=False)
    qtbot.addWidget(window)
    check = sqlite3.connect(data / "glose.db")
    qtbot.waitUntil(
        lambda: check.execute("SELECT MIN(importer_version) FROM documents").fetchone()[0] == IMPORTER_VERSION,
        timeout=60_000,
    )
    text = check.execute("SELECT text FROM documents WHERE path = ?", (str(source.resolve()),)).fetchone()[0]
    check.close()
    assert ":::" not in text and "Préparez vos justificatifs." in text
    ctx.tasks.wait_idle(20_000)
    window.translation.cancel()


def test_a_scanned_pdf_shows_its_pages_and_cancel_stops_ocr(qtbot, window, tmp_path):
    """OCR runs in the background page by page: the dialog counts pages, Cancel stops
    between pages (or during one) and nothing of the file is stored."""
    import pytest

    from desktop.library.pdf import ocr
    from tests import pdf_samples

    if ocr.find_tesseract() is None:
        pytest.skip("Tesseract is not installed")
    scan = pdf_samples.scan()
    path = pdf_samples.image_pdf([scan, scan, scan, scan], tmp_path / "liasse.pdf")
    with qtbot.waitSignal(window.importFinished, timeout=240_000) as sig:
        window.import_paths([str(path)])
        dialog = window._import_progress
        qtbot.waitUntil(lambda: dialog.maximum() == 4 and "page" in dialog.labelText(), timeout=60_000)
        assert "liasse.pdf" in dialog.labelText()
        qtbot.waitUntil(dialog.isVisible, timeout=10_000)
        qtbot.mouseClick(dialog.findChild(QPushButton), Qt.MouseButton.LeftButton)
    (outcome,) = sig.args[0]
    assert outcome.status == "cancelled"
    conn = sqlite3.connect(window.ctx.data_dir / "glose.db")
    assert conn.execute("SELECT COUNT(*) FROM documents WHERE path LIKE ?", (f"{tmp_path}%",)).fetchone()[0] == 0
    conn.close()
