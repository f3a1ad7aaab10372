"""The notes panel on a real library: edit-as-you-type with undo, filters, orphans."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

from desktop.annotations import store as ann_store
from desktop.library import store as library_store
from desktop.ui.notes_panel import LIBRARY, SAVE_DELAY_MS, NotesPanel
from desktop.ui.undo import history_for
from tests.ui.panel_support import copy_library, app_context, seeded_template  # noqa: F401 (fixture)


@pytest.fixture
def seeded(seeded_template: Path, data_dir: Path):
    """The seed library (copied from a template built once: much faster than importing)."""
    from desktop.library.db import open_library

    copy_library(seeded_template, data_dir)
    connection = open_library(data_dir)
    yield connection
    connection.close()


@pytest.fixture
def ctx(seeded: sqlite3.Connection, data_dir: Path):
    with app_context(data_dir) as context:
        yield context


@pytest.fixture
def doc(seeded: sqlite3.Connection):
    first = library_store.list_documents(seeded)[0]
    return library_store.get_document(seeded, first.id)


def _highlight(conn, doc, n: int, color: str, note: str = "", tags=()) -> ann_store.Annotation:
    s = doc.sentences[n]
    return ann_store.create_annotation(conn, doc, "fr", s.start, s.end, color=color, note=note, tags=tags)


def _settle(qtbot, ctx, panel: NotesPanel) -> None:
    history = history_for(ctx)
    qtbot.waitUntil(lambda: not history.busy() and ctx.tasks.is_idle(), timeout=10_000)


def _open(qtbot, panel: NotesPanel, doc_id: int) -> None:
    with qtbot.waitSignal(panel.loaded, timeout=10_000):
        panel.set_document(doc_id)


def test_note_saved_as_you_type_then_undone(qtbot, ctx, seeded, doc) -> None:
    ann = _highlight(seeded, doc, 1, "yellow", note="first thought")
    panel = NotesPanel(ctx)
    qtbot.addWidget(panel)
    panel.show()
    _open(qtbot, panel, doc.id)
    panel.select_annotation(ann.id)
    assert panel.note_edit.toPlainText() == "first thought"

    panel.note_edit.selectAll()
    qtbot.keyClicks(panel.note_edit, "Verifier le chiffre")
    # Debounced: nothing written while typing.
    assert ann_store.get_annotation(seeded, ann.id).note == "first thought"
    assert panel.save_timer.isActive()
    qtbot.waitUntil(lambda: ann_store.get_annotation(seeded, ann.id).note == "Verifier le chiffre", timeout=SAVE_DELAY_MS * 10)
    _settle(qtbot, ctx, panel)
    assert panel.saved_label.text() == "Saved"

    history = history_for(ctx)
    assert history.stack.canUndo()
    history.stack.undo()
    qtbot.waitUntil(lambda: ann_store.get_annotation(seeded, ann.id).note == "first thought", timeout=60_000)
    qtbot.waitUntil(lambda: panel.note_edit.toPlainText() == "first thought", timeout=60_000)
    history.stack.redo()
    qtbot.waitUntil(lambda: ann_store.get_annotation(seeded, ann.id).note == "Verifier le chiffre", timeout=60_000)


def test_tags_and_colour_edits_are_undoable(qtbot, ctx, seeded, doc) -> None:
    ann = _highlight(seeded, doc, 2, "yellow", tags=["budget"])
    _highlight(seeded, doc, 3, "green", tags=["terminologie"])
    panel = NotesPanel(ctx)
    qtbot.addWidget(panel)
    _open(qtbot, panel, doc.id)
    assert panel.tag_model.stringList() == ["budget", "terminologie"]
    panel.select_annotation(ann.id)
    panel.tags_edit.setText("budget, OIM")
    panel.save_tags()
    panel.recolor("pink")
    _settle(qtbot, ctx, panel)
    saved = ann_store.get_annotation(seeded, ann.id)
    assert (saved.tags, saved.color) == (["budget", "OIM"], "pink")
    history = history_for(ctx)
    history.stack.undo()
    history.stack.undo()
    _settle(qtbot, ctx, panel)
    saved = ann_store.get_annotation(seeded, ann.id)
    assert (saved.tags, saved.color) == (["budget"], "yellow")


def test_filter_by_colour_tag_and_text(qtbot, ctx, seeded, doc) -> None:
    a = _highlight(seeded, doc, 1, "yellow", note="Échéancier des frontières", tags=["budget"])
    b = _highlight(seeded, doc, 2, "green", note="terme clé", tags=["terminologie"])
    c = _highlight(seeded, doc, 3, "green", note="autre", tags=["budget"])
    panel = NotesPanel(ctx)
    qtbot.addWidget(panel)
    _open(qtbot, panel, doc.id)
    assert set(panel.visible_ids()) == {a.id, b.id, c.id}
    panel.set_color_filter({"green"})
    assert set(panel.visible_ids()) == {b.id, c.id}
    panel.set_tag_filter("budget")
    assert panel.visible_ids() == [c.id]
    panel.set_color_filter(set())
    assert set(panel.visible_ids()) == {a.id, c.id}
    panel.set_tag_filter("")
    panel.filter_edit.setText("echeancier")  # accents folded (a word in no seed quote)
    assert panel.visible_ids() == [a.id]
    panel.filter_edit.setText("nothing like this")
    assert panel.visible_ids() == []
    assert panel.empty_label.isVisibleTo(panel)


def test_click_asks_the_reader_to_show_the_passage(qtbot, ctx, seeded, doc) -> None:
    ann = _highlight(seeded, doc, 4, "blue")
    panel = NotesPanel(ctx)
    qtbot.addWidget(panel)
    _open(qtbot, panel, doc.id)
    item = panel.index_for(ann.id)
    with qtbot.waitSignal(panel.annotationActivated) as blocker:
        panel.activate(item)
    assert blocker.args == [doc.id, "fr", ann.start, ann.end, ann.id]


def test_orphan_listed_apart_and_reattached_to_the_selection(qtbot, ctx, seeded, doc) -> None:
    kept = _highlight(seeded, doc, 1, "yellow")
    lost = _highlight(seeded, doc, 2, "pink", note="where did it go?")
    ann_store.write_anchors(seeded, [replace(lost, status=ann_store.ORPHANED)])
    panel = NotesPanel(ctx)
    qtbot.addWidget(panel)
    panel.show()
    _open(qtbot, panel, doc.id)
    anchored, orphaned = panel.filtered()
    assert [a.id for a in anchored] == [kept.id]
    assert [a.id for a in orphaned] == [lost.id]
    panel.select_annotation(lost.id)
    assert panel.reattach_button.isVisible()
    assert not panel.reattach_button.isEnabled()  # nothing selected in the reader yet
    target = doc.sentences[5]
    panel.set_selection("fr", target.start, target.end)
    assert panel.reattach_button.isEnabled()
    panel.reattach_selected()
    qtbot.waitUntil(lambda: ann_store.get_annotation(seeded, lost.id).status == ann_store.ANCHORED, timeout=60_000)
    placed = ann_store.get_annotation(seeded, lost.id)
    assert (placed.start, placed.end, placed.note) == (target.start, target.end, "where did it go?")
    assert placed.quote == doc.sentence_text(target)
    _settle(qtbot, ctx, panel)
    assert panel.filtered()[1] == []
    history_for(ctx).stack.undo()
    qtbot.waitUntil(lambda: ann_store.get_annotation(seeded, lost.id).status == ann_store.ORPHANED, timeout=60_000)


def test_delete_and_library_scope(qtbot, ctx, seeded, doc) -> None:
    ann = _highlight(seeded, doc, 1, "yellow")
    other = library_store.get_document(seeded, library_store.list_documents(seeded)[1].id)
    elsewhere = _highlight(seeded, other, 0, "green")
    panel = NotesPanel(ctx)
    qtbot.addWidget(panel)
    _open(qtbot, panel, doc.id)
    assert panel.visible_ids() == [ann.id]
    with qtbot.waitSignal(panel.loaded, timeout=10_000):
        panel.set_scope(LIBRARY)
    assert set(panel.visible_ids()) == {ann.id, elsewhere.id}
    panel.select_annotation(ann.id)
    panel.delete_selected()
    _settle(qtbot, ctx, panel)
    assert panel.visible_ids() == [elsewhere.id]
    history_for(ctx).stack.undo()
    _settle(qtbot, ctx, panel)
    assert ann_store.get_annotation(seeded, ann.id).id == ann.id
    assert set(panel.visible_ids()) == {ann.id, elsewhere.id}


def test_in_the_window_note_click_shows_the_passage_and_reader_click_selects_the_note(qtbot, window) -> None:
    from tests.ui.conftest import open_and_wait

    ctx = window.ctx
    doc_id = library_store.list_documents(ctx.conn)[0].id
    doc = library_store.get_document(ctx.conn, doc_id)
    target = doc.sentences[len(doc.sentences) // 2]
    ann = ann_store.create_annotation(ctx.conn, doc, "fr", target.start, target.end, color="blue", note="à revoir")
    open_and_wait(qtbot, window.reader, doc_id, paragraph_index=0)
    notes = window.panels.notes
    qtbot.waitUntil(lambda: ann.id in notes.visible_ids(), timeout=10_000)
    notes.activate(notes.index_for(ann.id))
    qtbot.waitUntil(window.reader.flashing, timeout=60_000)
    assert abs(window.reader.first_visible_paragraph() - target.paragraph_index) <= 3
    notes.clear_selection()
    window.reader.annotationClicked.emit(ann.id)
    assert notes.selected() is not None and notes.selected().id == ann.id
    assert notes.note_edit.toPlainText() == "à revoir"


def test_a_saved_note_is_searchable(qtbot, ctx, seeded, doc) -> None:
    from desktop.search.index import SearchIndex
    from desktop.search.searcher import search

    ann = _highlight(seeded, doc, 2, "green")
    panel = NotesPanel(ctx)
    qtbot.addWidget(panel)
    _open(qtbot, panel, doc.id)
    panel.select_annotation(ann.id)
    qtbot.keyClicks(panel.note_edit, "zanzibar protocol")
    qtbot.waitUntil(lambda: ann_store.get_annotation(seeded, ann.id).note == "zanzibar protocol", timeout=60_000)
    _settle(qtbot, ctx, panel)
    index = SearchIndex.for_data_dir(ctx.data_dir)
    try:
        hits = search(index, "zanzibar").hits
    finally:
        index.close()
    assert [(h.doc_id, h.lang) for h in hits] == [(doc.id, "notes")]
    assert hits[0].paragraph_index == doc.sentences[2].paragraph_index


def test_edit_of_a_vanished_note_says_so_and_undo_is_harmless(qtbot, ctx, seeded, doc) -> None:
    ann = _highlight(seeded, doc, 1, "yellow")
    history = history_for(ctx)
    ann_store.delete_annotation(seeded, ann.id)  # e.g. removed from another window
    with qtbot.waitSignal(history.failed, timeout=60_000) as blocker:
        history.edit(ann.id, note="too late")
    assert ann.id[:8] in blocker.args[0] and "Traceback" not in blocker.args[0]
    failures = []
    history.failed.connect(failures.append)
    history.stack.undo()
    qtbot.waitUntil(lambda: not history.busy(), timeout=60_000)
    assert failures == []
