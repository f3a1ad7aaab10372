"""The search panel on the real Whoosh index of the seed library."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from desktop.library import store as library_store
from desktop.ui.search_panel import DOCUMENT, SEARCH_DELAY_MS, SearchPanel
from tests.ui.panel_support import copy_library, app_context, seeded_template  # noqa: F401 (fixture)


def fold(s: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", s.casefold()) if not unicodedata.combining(c))


@pytest.fixture
def ctx(seeded_template: Path, data_dir: Path):
    copy_library(seeded_template, data_dir)
    with app_context(data_dir) as context:
        yield context


@pytest.fixture
def panel(qtbot, ctx) -> SearchPanel:
    widget = SearchPanel(ctx)
    qtbot.addWidget(widget)
    widget.resize(360, 600)
    widget.show()
    return widget


def test_results_as_you_type_then_enter_opens_the_match(qtbot, ctx, panel) -> None:
    qtbot.keyClicks(panel.field, "migrations")
    assert panel.timer.isActive() and panel.hits == []  # debounced: nothing searched yet
    with qtbot.waitSignal(panel.resultsShown, timeout=SEARCH_DELAY_MS + 10_000):
        pass
    assert panel.total > 3 and panel.results.count() == len(panel.hits)
    assert all("<b>" in h.snippet for h in panel.hits)
    assert "results in" in panel.status.text()
    first = panel.hits[0]
    with qtbot.waitSignal(panel.hitActivated, timeout=10_000) as blocker:
        qtbot.keyClick(panel.field, Qt.Key.Key_Return)
    doc_id, paragraph, side, start, end = blocker.args
    assert (doc_id, paragraph) == (first.doc_id, first.paragraph_index)
    doc = library_store.get_document(ctx.conn, doc_id)
    para = doc.paragraphs[paragraph]
    assert side == "fr" and para.start <= start < end <= para.end
    assert fold(doc.text[start:end]).startswith("migration")  # stemming: the match is a form of it


def test_stale_answers_are_dropped(qtbot, ctx, panel) -> None:
    panel.field.setText("migration")
    panel.search_now()
    panel.field.setText("diaspora")
    panel.search_now()
    assert ctx.tasks.wait_idle(10_000)
    assert panel.hits
    assert all("diaspora" in fold(h.snippet) for h in panel.hits)


def test_language_choice_and_document_scope(qtbot, ctx, panel) -> None:
    panel.field.setText("migration")
    panel.search_now()
    assert ctx.tasks.wait_idle(10_000)
    library_total = panel.total
    documents = {h.doc_id for h in panel.hits}
    assert len(documents) > 1
    doc_id = panel.hits[0].doc_id
    panel.set_document(doc_id)
    panel.set_scope(DOCUMENT)
    assert ctx.tasks.wait_idle(10_000)
    assert panel.hits and {h.doc_id for h in panel.hits} == {doc_id}
    assert panel.total < library_total
    panel.set_language("en")  # nothing translated yet: the English side is empty
    assert ctx.tasks.wait_idle(10_000)
    assert panel.hits == [] and "No results" in panel.status.text()
    panel.set_language("fr")
    assert ctx.tasks.wait_idle(10_000)
    assert panel.hits


def test_did_you_mean(qtbot, ctx, panel) -> None:
    panel.field.setText("migrasion")
    panel.search_now()
    assert ctx.tasks.wait_idle(10_000)
    assert panel.hits == []
    assert panel.suggestion and "migration" in panel.suggestion
    assert 'href="suggest"' in panel.status.text()
    suggestion = panel.suggestion
    panel.status.linkActivated.emit("suggest")
    assert ctx.tasks.wait_idle(10_000)
    assert panel.field.text() == suggestion
    assert panel.hits


def test_bad_query_gives_a_message(qtbot, ctx, panel) -> None:
    panel.field.setText('"')
    panel.search_now()
    assert ctx.tasks.wait_idle(10_000)
    assert panel.hits == []
    assert panel.status.text() and "Traceback" not in panel.status.text()


def test_f3_walks_the_hits(qtbot, ctx, panel) -> None:
    panel.field.setText("partenariats")
    panel.search_now()
    assert ctx.tasks.wait_idle(10_000)
    assert len(panel.hits) >= 3
    seen = []
    panel.hitActivated.connect(lambda *args: seen.append(args[:2]))
    panel.next_action.trigger()
    panel.next_action.trigger()
    panel.previous_action.trigger()
    assert ctx.tasks.wait_idle(10_000)
    expected = [(panel.hits[i].doc_id, panel.hits[i].paragraph_index) for i in (1, 2, 1)]
    assert sorted(seen) == sorted(expected)
    assert panel.results.currentRow() == 1


def test_in_the_window_ctrl_shift_f_type_enter_opens_the_paragraph(qtbot, window) -> None:
    """The whole gesture: shortcut, results as you type, Enter, the reader shows the passage."""
    from PySide6.QtGui import QKeySequence

    panels = window.panels
    panels.act_find_library.trigger()
    assert panels.search_dock.isVisible()
    assert panels.search.field.hasFocus() or panels.search.field.isVisible()
    assert panels.act_find_library.shortcut() == QKeySequence("Ctrl+Shift+F")
    qtbot.keyClicks(panels.search.field, "diaspora")
    qtbot.waitUntil(lambda: bool(panels.search.hits), timeout=10_000)
    hit = panels.search.hits[0]
    qtbot.keyClick(panels.search.field, Qt.Key.Key_Return)
    reader = window.reader
    qtbot.waitUntil(lambda: reader.document_view() is not None and reader.document_view().doc.id == hit.doc_id, timeout=15_000)
    qtbot.waitUntil(reader.flashing, timeout=10_000)
    qtbot.waitUntil(lambda: abs(reader.first_visible_paragraph() - hit.paragraph_index) <= 3, timeout=10_000)
    # Esc in the field goes back to the reader.
    panels.search.field.setFocus()
    with qtbot.waitSignal(panels.search.dismissed):
        qtbot.keyClick(panels.search.field, Qt.Key.Key_Escape)
    # F3 walks to the next hit through the window's shortcut.
    if len(panels.search.hits) > 1:
        panels.search.next_action.trigger()
        assert panels.search.results.currentRow() == 1


def test_more_results_loads_the_next_page(qtbot, ctx, panel) -> None:
    from desktop.ui.search_panel import PAGE_SIZE

    panel.field.setText("migration")
    panel.search_now()
    assert ctx.tasks.wait_idle(10_000)
    assert panel.total > PAGE_SIZE and len(panel.hits) == PAGE_SIZE
    assert panel.more_button.isVisibleTo(panel)
    first_page = [(h.doc_id, h.paragraph_index) for h in panel.hits]
    panel.more_button.click()
    assert ctx.tasks.wait_idle(10_000)
    assert len(panel.hits) == min(2 * PAGE_SIZE, panel.total)
    assert [(h.doc_id, h.paragraph_index) for h in panel.hits[:PAGE_SIZE]] == first_page
    assert len({(h.doc_id, h.paragraph_index) for h in panel.hits}) == len(panel.hits)  # no repeats
    assert panel.results.count() == len(panel.hits)


def test_hits_in_a_pdf_show_their_page(qtbot, ctx, panel, tmp_path) -> None:
    """A result in a paged document says which page it is on ("p. 1", the printed label),
    looked up in the library by the search worker; results elsewhere show none."""
    from desktop import operations
    from desktop.ui.search_panel import HIT_ROLE, HitDelegate
    from tests import pdf_samples

    pdf = pdf_samples.brochure(tmp_path / "conference-eau.pdf")
    (outcome,) = operations.import_files(ctx.conn, ctx.data_dir, [pdf], max_bytes=50 * 2**20)
    panel.field.setText("compteurs écoles")
    with qtbot.waitSignal(panel.resultsShown, timeout=20_000):
        panel.search_now()
    hit = panel.hits[0]
    assert hit.doc_id == outcome.doc_id and panel.pages[hit.paragraph_id] == "p. 1"
    from PySide6.QtWidgets import QStyleOptionViewItem

    option = QStyleOptionViewItem()
    option.font = panel.results.font()
    option.palette = panel.results.palette()
    shown = HitDelegate(panel)._document(option, panel.results.item(0).data(HIT_ROLE), 300, True).toPlainText()
    assert "p. 1" in shown
    panel.field.setText("migrations")
    with qtbot.waitSignal(panel.resultsShown, timeout=20_000):
        panel.search_now()
    assert panel.hits and panel.pages == {}
