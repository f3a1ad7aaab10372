"""The library panel: columns, sorting, filtering, opening, progress after translation."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop.ui.library_panel import NOTES, PROGRESS, TITLE, LibraryPanel
from tests.ui.conftest import seed_ids


def _panel(qtbot, ctx) -> LibraryPanel:
    panel = LibraryPanel(ctx)
    qtbot.addWidget(panel)
    panel.resize(420, 500)
    panel.show()
    qtbot.waitUntil(lambda: panel.proxy.rowCount() > 0, timeout=10_000)
    return panel


def _titles(panel) -> list[str]:
    return [panel.proxy.index(r, TITLE).data() for r in range(panel.proxy.rowCount())]


def test_lists_the_documents_with_their_columns(qtbot, seeded_ctx):
    panel = _panel(qtbot, seeded_ctx)
    assert panel.proxy.rowCount() == 5
    titles = _titles(panel)
    assert titles == sorted(titles, key=str.casefold)
    assert {panel.proxy.index(r, 1).data() for r in range(5)} == {"fr"}
    assert {panel.proxy.index(r, PROGRESS).data() for r in range(5)} == {"0 %"}
    assert {panel.proxy.index(r, NOTES).data() for r in range(5)} == {"–"}
    headers = [panel.model.headerData(c, Qt.Orientation.Horizontal) for c in range(4)]
    assert headers == ["Title", "Lang.", "%", "Notes"]


def test_filter_and_sort(qtbot, seeded_ctx):
    panel = _panel(qtbot, seeded_ctx)
    qtbot.keyClicks(panel.filter, "forum")
    assert len(_titles(panel)) == 1 and "forum" in _titles(panel)[0].lower()
    panel.filter.clear()
    assert panel.proxy.rowCount() == 5
    panel.table.sortByColumn(TITLE, Qt.SortOrder.DescendingOrder)
    titles = _titles(panel)
    assert titles == sorted(titles, key=str.casefold, reverse=True)


def test_activation_opens_and_progress_updates(qtbot, seeded_ctx, installed_tiny_model):
    from desktop.annotations.store import create_annotation
    from desktop.library.store import get_document
    from desktop.translation.engine import load_engine
    from desktop.translation.jobs import translate_document

    panel = _panel(qtbot, seeded_ctx)
    index = panel.proxy.index(0, TITLE)
    with qtbot.waitSignal(panel.documentActivated) as sig:
        panel.table.activated.emit(index)
    doc_id = sig.args[0]
    assert doc_id in seed_ids(seeded_ctx).values()
    translate_document(seeded_ctx.conn, doc_id, load_engine(installed_tiny_model))
    create_annotation(seeded_ctx.conn, get_document(seeded_ctx.conn, doc_id), "fr", 0, 5, color="yellow")
    with qtbot.waitSignal(panel.refreshed, timeout=10_000):
        panel.refresh()
    row = next(r for r in range(5) if panel.proxy.index(r, 0).data(Qt.ItemDataRole.UserRole + 2) == doc_id)
    assert panel.proxy.index(row, PROGRESS).data() == "100 %"
    assert panel.proxy.index(row, NOTES).data() == "1"
    panel.select_document(doc_id)
    assert panel.table.selectionModel().selectedRows()[0].row() == row


def test_remove_from_the_library(qtbot, window):
    ids = seed_ids(window.ctx)
    doc_id = ids["vietnam-bilan-pacte-mondial-migrations-gcm"]
    with qtbot.waitSignal(window.reader.documentLoaded, timeout=10_000):
        window.open_document(doc_id)
    qtbot.waitUntil(lambda: len(window.library.document_ids()) == 5, timeout=10_000)
    with qtbot.waitSignal(window.library.refreshed, timeout=10_000):
        window.remove_document(doc_id, confirm=False)
    assert window.reader.current_document() is None
    assert doc_id not in window.library.document_ids() and len(window.library.document_ids()) == 4
    assert window.ctx.conn.execute("SELECT 1 FROM documents WHERE id = ?", (doc_id,)).fetchone() is None


def test_filter_then_down_and_enter_opens_the_match(qtbot, seeded_ctx):
    """Regression (issue 17 item 6): typing in the filter, then Down and Enter, opened nothing."""
    panel = _panel(qtbot, seeded_ctx)
    qtbot.keyClicks(panel.filter, "forum")
    assert panel.proxy.rowCount() == 1
    with qtbot.waitSignal(panel.documentActivated, timeout=10_000) as sig:
        qtbot.keyClick(panel.filter, Qt.Key.Key_Down)
        assert panel.table.hasFocus() or panel.table.currentIndex().isValid()
        qtbot.keyClick(panel.table, Qt.Key.Key_Return)
    assert sig.args[0] == panel.document_ids()[0]
    # Enter straight from the filter opens the first match too.
    with qtbot.waitSignal(panel.documentActivated, timeout=10_000) as sig:
        qtbot.keyClick(panel.filter, Qt.Key.Key_Return)
    assert sig.args[0] == panel.document_ids()[0]


def test_long_titles_get_two_lines(qtbot, seeded_ctx, tmp_path):
    """Regression: titles were cut to ~15 characters in the default dock width."""
    from desktop import config, operations

    long_title = "Rapport sur la coopération régionale en matière de migrations de main-d'œuvre en Asie du Sud-Est"
    path = tmp_path / "rapport.md"
    path.write_text(f"# {long_title}\n\nLa coopération régionale progresse sur les migrations.\n", "utf-8")
    operations.import_files(seeded_ctx.conn, seeded_ctx.data_dir, [path], max_bytes=config.max_import_bytes())
    panel = _panel(qtbot, seeded_ctx)
    panel.resize(330, 600)
    qtbot.waitUntil(lambda: any(r.title == long_title for r in panel.model.rows), timeout=10_000)
    row = next(r for r in range(panel.proxy.rowCount()) if panel.proxy.index(r, TITLE).data() == long_title)
    index = panel.proxy.index(row, TITLE)
    assert panel.table.wordWrap()
    assert panel.table.rowHeight(row) >= 2 * panel.table.fontMetrics().lineSpacing() + 6
    width = panel.table.columnWidth(TITLE)
    assert width >= 150  # at the default dock width, about 50 characters over two lines
    assert panel.table.fontMetrics().horizontalAdvance(long_title[:40]) < 2 * width
    assert long_title in index.data(Qt.ItemDataRole.ToolTipRole)


def test_documents_imported_elsewhere_appear(qtbot, seeded_ctx, tmp_path):
    """Regression: documents imported from the CLI while the app ran appeared only after a restart."""
    panel = _panel(qtbot, seeded_ctx)
    assert panel.proxy.rowCount() == 5
    note = tmp_path / "note-cli.txt"
    note.write_text("Note importée\n\nLa réunion a examiné la protection des travailleurs migrants.\n", "utf-8")
    import subprocess
    import sys

    from tests.conftest import REPO

    done = subprocess.run(
        [sys.executable, "-m", "desktop", "--data-dir", str(seeded_ctx.data_dir), "import", str(note)],
        cwd=REPO, capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 0, done.stderr
    qtbot.waitUntil(lambda: panel.proxy.rowCount() == 6, timeout=30_000)


def test_import_folder_is_offered(qtbot, window):
    actions = {a.objectName(): a for a in window.findChildren(type(window.act_import))}
    assert "import_folder" in actions and actions["import_folder"].text().replace("&", "") == "Import Folder…"
    file_menu = window._menus["file"]
    assert actions["import_folder"] in file_menu.actions()
    menu = window.library.import_button.menu()
    assert menu is not None and actions["import_folder"] in menu.actions() and window.act_import in menu.actions()
