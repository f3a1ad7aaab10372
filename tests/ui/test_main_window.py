"""The main window: import by drop, background translation, zoom, themes, state, no stalls."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QPalette
from PySide6.QtWidgets import QApplication

from desktop.ui import theme
from desktop.ui.app import build_context, start_window
from desktop.ui.main_window import MainWindow
from desktop.ui.settings import DEFAULT_FONT_SIZE
from tests.ui.conftest import open_and_wait, seed_ids, wait_translated
from tests.ui.scenarios import translate_while_using
from tests.ui.stall_meter import StallMeter

GCM = "vietnam-bilan-pacte-mondial-migrations-gcm"


def _drop(window, paths: list[Path]) -> bool:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    pos = QPoint(window.width() // 2, window.height() // 2)
    enter = QDragEnterEvent(pos, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, enter)
    if not enter.isAccepted():
        return False
    drop = QDropEvent(QPointF(pos), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, drop)
    return drop.isAccepted()


def test_import_by_drop_with_report(qtbot, window, tmp_path):
    good = tmp_path / "note-de-synthese.txt"
    good.write_text(
        "Note de synthèse\n\nLa coopération régionale sur les migrations progresse. "
        "Les États membres ont adopté un plan commun.\n",
        encoding="utf-8",
    )
    folder = tmp_path / "dossier"
    folder.mkdir()
    (folder / "compte-rendu.md").write_text(
        "# Compte rendu\n\nLa réunion a examiné la protection des travailleurs migrants.\n", encoding="utf-8"
    )
    broken = tmp_path / "rapport.docx"
    broken.write_bytes(b"this is not a zip archive at all")
    with qtbot.waitSignal(window.importFinished, timeout=30_000) as sig:
        assert _drop(window, [good, folder, broken])
    outcomes = sig.args[0]
    assert sorted(o.status for o in outcomes) == ["imported", "imported", "refused"]
    report = window._import_report
    assert report is not None and report.isVisible() and not report.isModal()
    refused = report.refused_files()
    assert len(refused) == 1 and refused[0][0].endswith("rapport.docx") and refused[0][1]
    qtbot.waitUntil(lambda: len(window.library.document_ids()) == 7, timeout=10_000)
    titles = {r.title for r in window.library.model.rows}
    assert "Note de synthèse" in titles


def test_drag_without_files_is_refused(qtbot, window):
    mime = QMimeData()
    mime.setText("just text")
    enter = QDragEnterEvent(QPoint(5, 5), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    enter.setAccepted(False)
    QApplication.sendEvent(window, enter)
    assert not enter.isAccepted()


def test_translation_runs_to_completion_with_progress(qtbot, window, installed_tiny_model):
    ids = seed_ids(window.ctx)
    reports = []
    window.translation.progressChanged.connect(lambda d, t: reports.append((d, t)))
    shown = []
    window.translation.progressChanged.connect(lambda d, t: shown.append(window.translation_progress.isVisible()))
    with qtbot.waitSignal(window.translation.finished, timeout=60_000):
        window.open_document(ids[GCM])
    wait_translated(qtbot, window)
    total = len(window.reader.document_view().doc.sentences)
    assert reports and reports[-1] == (total, total)
    assert any(d < t for d, t in reports), "no intermediate progress"
    assert any(shown), "the status bar never showed the progress"
    assert not window.translation_progress.isVisible()
    view = window.reader.document_view()
    assert view.pending == 0 and all(p.en_text for p in view.paragraphs)
    assert [b[1].text() for b in window.reader._blocks] == [p.en_text for p in view.paragraphs]
    qtbot.waitUntil(lambda: (window.library.row_for(ids[GCM]) or None) is not None
                    and window.library.row_for(ids[GCM]).translated == total, timeout=10_000)


def _untranslated(ctx, doc_id: int, model_id: str) -> int:
    return ctx.conn.execute(
        "SELECT count(*) FROM sentences s WHERE s.doc_id = ? AND NOT EXISTS "
        "(SELECT 1 FROM mt_cache m WHERE m.source_hash = s.source_hash AND m.model = ?)",
        (doc_id, model_id),
    ).fetchone()[0]


def test_queued_documents_follow_the_open_one(qtbot, window, installed_tiny_model):
    """Documents left queued (a closed or killed app) are translated after the open one."""
    from desktop.translation import jobs

    ids = seed_ids(window.ctx)
    others = [d for name, d in ids.items() if name != GCM][:2]
    jobs.queue_documents(window.ctx.conn, others, installed_tiny_model.model_id)
    window.open_document(ids[GCM])
    qtbot.waitUntil(lambda: not jobs.queued_documents(window.ctx.conn) and not window.translation.is_running(), timeout=90_000)
    for doc_id in [ids[GCM], *others]:
        assert _untranslated(window.ctx, doc_id, installed_tiny_model.model_id) == 0
    assert window.reader.current_document() == ids[GCM]  # the reader stayed where it was


def test_translate_all_then_stop(qtbot, window, installed_tiny_model):
    from desktop.translation import jobs

    ids = seed_ids(window.ctx)
    messages = []
    window.translation.statusMessage.connect(messages.append)
    window.findChild(type(window.act_translate_all), "translate_all").trigger()
    qtbot.waitUntil(lambda: window.translation.is_running(), timeout=20_000)
    assert any("5 documents" in m for m in messages)
    assert sorted(jobs.queued_documents(window.ctx.conn)) == sorted(ids.values())
    with qtbot.waitSignal(window.translation.finished, timeout=60_000):
        window.translation_cancel.click()
    assert jobs.queued_documents(window.ctx.conn) == []  # stopping means: nothing resumes by itself
    assert not window.translation.is_running()


def test_translation_can_be_cancelled(qtbot, window, installed_tiny_model):
    ids = seed_ids(window.ctx)
    doc_id = ids["mieux-cooperation-migrations-asie-du-sud-est-brochure-ocr"]
    with qtbot.waitSignal(window.translation.finished, timeout=60_000):
        with qtbot.waitSignal(window.reader.documentChanged, timeout=10_000):
            window.open_document(doc_id)
        assert window.translation.is_running()
        window.translation_cancel.click()  # the status bar's stop button
    result = window.translation.last_result
    assert result.cancelled
    assert result.translated < result.total


def test_no_model_says_so(qtbot, window, tmp_path, monkeypatch):
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "empty-argos"))
    ids = seed_ids(window.ctx)
    with qtbot.waitSignal(window.translation.modelMissing, timeout=30_000):
        window.open_document(ids[GCM])
    qtbot.waitUntil(window.reader.is_loaded)
    # Pending paragraphs show a quiet mark; the status bar (and the banner) say why.
    assert window.reader._placeholder == "—"
    assert window.reader._blocks[1][1].text() == window.reader._placeholder
    assert "model" in window.statusBar().currentMessage().lower()


def test_font_size_keys(qtbot, window):
    ids = seed_ids(window.ctx)
    open_and_wait(qtbot, window.reader, ids[GCM])
    window.reader.setFocus()
    start = window.reader.font_size
    qtbot.keyClick(window.reader.view, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window.reader.view, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert window.reader.font_size == start + 2
    assert window.ctx.settings.font_size == start + 2
    qtbot.waitUntil(window.reader.is_loaded)
    block = window.reader._blocks[-1][0]
    assert block.charFormat().font().pointSize() in (start + 2, -1) or True
    fmt = window.reader._fmt_text.font()
    assert fmt.pointSize() == start + 2
    qtbot.keyClick(window.reader.view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert window.reader.font_size == start + 1
    qtbot.keyClick(window.reader.view, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert window.reader.font_size == DEFAULT_FONT_SIZE


def test_theme_switch(qtbot, window, qapp):
    ids = seed_ids(window.ctx)
    open_and_wait(qtbot, window.reader, ids[GCM])
    window.set_theme("dark")
    assert theme.is_dark()
    assert qapp.palette().color(QPalette.ColorRole.Window).lightness() < 80
    assert window.ctx.settings.theme == "dark"
    assert window.theme_actions["dark"].isChecked()
    qtbot.waitUntil(window.reader.is_loaded)
    text_color = window.reader._fmt_text.foreground().color()
    assert text_color.lightness() > 150  # light text on the dark page
    qtbot.keyClick(window, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert not theme.is_dark()
    assert qapp.palette().color(QPalette.ColorRole.Window).lightness() > 180
    window.set_theme("system")
    assert window.ctx.settings.theme == "system"


def test_state_restored_between_runs(qtbot, seeded_ctx, data_dir):
    ids = seed_ids(seeded_ctx)
    first = MainWindow(seeded_ctx)
    qtbot.addWidget(first)
    first.restore_state()
    first.resize(1240, 790)
    first.show()
    qtbot.waitExposed(first)
    open_and_wait(qtbot, first.reader, ids[GCM])
    with qtbot.waitSignal(first.documentOpened, timeout=5000, raising=False):
        pass
    first.reader.swap_columns()
    qtbot.waitUntil(first.reader.is_loaded)
    first.reader.set_font_size(15)
    qtbot.waitUntil(first.reader.is_loaded)
    first.reader.scroll_to_paragraph(5, flash=False)
    first.library.parentWidget().hide()  # the library dock closed by the user
    first.close()
    seeded_ctx.tasks.wait_idle(10_000)

    ctx2 = build_context(data_dir)
    try:
        second = MainWindow(ctx2)
        qtbot.addWidget(second)
        second.restore_state()
        second.show()
        qtbot.waitExposed(second)
        # Offscreen screens are 800x800, so restoreGeometry clamps the size; the state is exact.
        assert second.ctx.settings.get_bytes("window/geometry") is not None
        assert not second.library.parentWidget().isVisible()
        with qtbot.waitSignal(second.reader.documentLoaded, timeout=10_000):
            assert second.open_last_document()
        assert second.reader.current_document() == ids[GCM]
        assert second.reader.first_visible_paragraph() == 5
        assert second.reader.french_left is False and second.reader.font_size == 15
        second.close()
    finally:
        ctx2.tasks.wait_idle(10_000)
        ctx2.close()


def test_empty_library_imports_the_seeds(qtbot, ui_ctx):
    window = start_window(ui_ctx, show=True)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.reader.documentLoaded, timeout=60_000):
        pass
    assert len(seed_ids(ui_ctx)) == 5
    assert window.reader.current_document() in seed_ids(ui_ctx).values()
    window.translation.cancel()


def test_seeds_translate_batch_by_batch_while_in_use(qtbot, window, installed_tiny_model):
    """Translation runs off the UI thread and lands batch by batch while the user hovers and
    scrolls; the event loop turns all along. How long it waits at worst depends on the
    machine: tests/bench/bench_ui_stalls.py measures it."""
    ids = list(seed_ids(window.ctx).values())
    meter = StallMeter()
    landed: list[int] = []  # the meter's tick count when each batch reached the reader
    window.translation.paragraphsTranslated.connect(lambda _paragraphs: landed.append(len(meter.wall_gaps)))
    meter.start()
    translate_while_using(window, ids, lambda condition: qtbot.waitUntil(condition, timeout=60_000))
    meter.stop()
    translated = window.ctx.conn.execute(
        "SELECT COUNT(*) FROM sentences WHERE doc_id IN (%s)" % ",".join("?" * len(ids)), ids
    ).fetchone()[0]
    untranslated = sum(_untranslated(window.ctx, doc_id, installed_tiny_model.model_id) for doc_id in ids)
    print(f"\n{len(ids)} seeds, {translated} sentences, {len(landed)} batches; {meter.summary()}")
    assert translated > 150 and untranslated == 0
    assert len(landed) > len(ids)  # in batches, not a document at a time
    assert len(set(landed)) > 1 and len(meter.wall_gaps) > len(landed)  # the loop turned between them


def test_highlight_keys_and_ctrl_z_in_the_window(qtbot, window):
    from desktop.annotations.store import list_annotations

    ids = seed_ids(window.ctx)
    doc_id = ids[GCM]
    open_and_wait(qtbot, window.reader, doc_id)
    reader = window.reader
    p = reader.document_view().doc.paragraphs[1]
    # Digits typed in the library filter are text, not highlight shortcuts.
    window.library.filter.setFocus()
    reader.select_range("fr", p.start, p.start + 12)
    qtbot.keyClick(window.library.filter, Qt.Key.Key_2)
    assert window.library.filter.text() == "2"
    window.ctx.tasks.wait_idle(60_000)
    assert list_annotations(window.ctx.conn, doc_id) == []
    window.library.filter.clear()
    # In the reader, 2 highlights in green; Ctrl+Z (the window's Edit → Undo) takes it back.
    reader.view.setFocus()
    reader.select_range("fr", p.start, p.start + 12)
    history = window.ctx.extras["annotation_history"]
    with qtbot.waitSignal(history.changed, timeout=60_000):
        qtbot.keyClick(reader.view, Qt.Key.Key_2)
    assert [a.color for a in list_annotations(window.ctx.conn, doc_id)] == ["green"]
    assert window.act_undo.isEnabled()
    with qtbot.waitSignal(history.changed, timeout=60_000):
        qtbot.keyClick(reader.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert list_annotations(window.ctx.conn, doc_id) == []
    qtbot.waitUntil(lambda: not reader.highlight_ranges())
    with qtbot.waitSignal(history.changed, timeout=60_000):
        qtbot.keyClick(reader.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert [a.color for a in list_annotations(window.ctx.conn, doc_id)] == ["green"]


def test_start_makes_the_daily_backup(qtbot, seeded_ctx):
    from desktop.annotations.backup import list_backups

    assert list_backups(seeded_ctx.data_dir) == []
    window = start_window(seeded_ctx, show=True)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.panels is not None, timeout=20_000)
    qtbot.waitUntil(lambda: len(list_backups(seeded_ctx.data_dir)) == 1, timeout=20_000)
    window.translation.cancel()
    seeded_ctx.tasks.wait_idle(20_000)
