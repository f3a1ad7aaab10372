"""A document already in English in the app (issue 17 item 4): shown as it is with "already
English", nothing pending, and its language corrected from the library panel."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from desktop import config, operations
from desktop.ui.library_panel import LANGUAGE, PROGRESS
from tests.library.test_document_language import ENGLISH
from tests.ui.conftest import open_and_wait


def _import_english(ctx, tmp_path: Path) -> int:
    path = tmp_path / "english-report.txt"
    path.write_text(ENGLISH, "utf-8")
    [outcome] = operations.import_files(ctx.conn, ctx.data_dir, [path], max_bytes=config.max_import_bytes())
    return outcome.doc_id


def test_an_english_document_is_shown_as_it_is(qtbot, window, tmp_path: Path, installed_tiny_model) -> None:
    """Regression: it was "translated" from French and shown under the FRANÇAIS header."""
    doc_id = _import_english(window.ctx, tmp_path)
    open_and_wait(qtbot, window.reader, doc_id)
    reader = window.reader
    assert reader.left_label.text() == "ENGLISH" and "ALREADY ENGLISH" in reader.right_label.text()
    assert reader.document_view().pending == 0
    assert "Translation pending" not in reader.view.document().toPlainText()
    qtbot.waitUntil(lambda: not window.translation.is_running() and window.ctx.tasks.is_idle(), timeout=60_000)
    assert reader.document_view().pending == 0
    # The library panel says it is English and not translated.
    library = window.library
    with qtbot.waitSignal(library.refreshed, timeout=30_000):
        library.refresh()
    row = next(r for r in range(library.proxy.rowCount()) if library.proxy.index(r, 0).data(Qt.ItemDataRole.UserRole + 2) == doc_id)
    assert library.proxy.index(row, LANGUAGE).data() == "en"
    assert library.proxy.index(row, PROGRESS).data() == "—"
    assert "Already in English" in library.proxy.index(row, PROGRESS).data(Qt.ItemDataRole.ToolTipRole)


def test_the_language_is_corrected_from_the_library_panel(qtbot, window, tmp_path: Path, installed_tiny_model) -> None:
    doc_id = _import_english(window.ctx, tmp_path)
    open_and_wait(qtbot, window.reader, doc_id)
    window.library.refresh()
    qtbot.waitUntil(lambda: window.library.row_for(doc_id) is not None, timeout=30_000)
    menu = window.library.language_menu(doc_id, window)
    checked = [a.data() for a in menu.actions() if a.isChecked()]
    assert checked == ["en"]
    french = next(a for a in menu.actions() if a.data() == "fr")
    with qtbot.waitSignal(window.library.languageChanged, timeout=30_000):
        french.trigger()
    assert window.ctx.conn.execute("SELECT language FROM documents WHERE id = ?", (doc_id,)).fetchone()[0] == "fr"
    qtbot.waitUntil(lambda: window.reader.left_label.text() == "FRANÇAIS", timeout=30_000)
    # Now it is translated like any French document.
    qtbot.waitUntil(lambda: window.reader.document_view() is not None and window.reader.document_view().pending == 0
                    and window.reader.document_view().paragraphs[-1].en_text != "", timeout=60_000)
