"""The bilingual reader, driven like a user would: real widgets, real SQLite, offscreen."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent, QTextCursor
from PySide6.QtWidgets import QApplication

from desktop.annotations.store import list_annotations
from desktop.translation import store as tstore
from desktop.ui.reader.model import EN, FR, load_view_with
from desktop.ui.reader.view import BilingualReader
from tests.ui.conftest import open_and_wait, seed_ids, wait_translated

GCM = "vietnam-bilan-pacte-mondial-migrations-gcm"
RT1 = "gfmd-table-ronde-1-partenariats-migration-developpement"


def _mouse(widget, kind: QEvent.Type, point: QPoint, button=Qt.MouseButton.NoButton) -> None:
    buttons = Qt.MouseButton.NoButton if kind == QEvent.Type.MouseMove else button
    event = QMouseEvent(kind, QPointF(point), QPointF(widget.mapToGlobal(point)), button, buttons, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, event)


@pytest.fixture
def reader(qtbot, seeded_ctx):
    r = BilingualReader(seeded_ctx)
    qtbot.addWidget(r)
    r.resize(1100, 760)
    r.show()
    qtbot.waitExposed(r)
    return r


def _translate(ctx, doc_id, model) -> None:
    from desktop.translation.engine import load_engine
    from desktop.translation.jobs import translate_document

    translate_document(ctx.conn, doc_id, load_engine(model))


def test_english_side_matches_the_core(seeded_ctx, installed_tiny_model):
    """The reader's English text is exactly the core's, so English offsets agree."""
    ids = seed_ids(seeded_ctx)
    _translate(seeded_ctx, ids[GCM], installed_tiny_model)
    view = load_view_with(seeded_ctx.conn, ids[GCM], installed_tiny_model.model_id)
    core = tstore.english_side(seeded_ctx.conn, view.doc, installed_tiny_model.model_id)
    assert view.english == core
    for par in view.paragraphs:
        a, b = core.paragraph_spans[par.index]
        assert par.en_text == core.text[a:b]


def test_open_seed_pending_then_aligned(qtbot, reader, seeded_ctx):
    ids = seed_ids(seeded_ctx)
    open_and_wait(qtbot, reader, ids[RT1])
    view = reader.document_view()
    assert reader.current_document() == ids[RT1]
    assert reader.is_loaded() and len(reader._blocks) == len(view.paragraphs)
    # No model in this test: every English cell shows the quiet placeholder.
    assert all(b[1].text() == reader._placeholder for b in reader._blocks)
    # French text is exactly the document's paragraphs.
    assert [b[0].text() for b in reader._blocks] == [p.fr_text for p in view.paragraphs]
    _assert_aligned(reader)


def _assert_aligned(reader) -> None:
    doc = reader.view.document()
    for fr, en in reader._blocks:
        c_fr, c_en = QTextCursor(doc), QTextCursor(doc)
        c_fr.setPosition(fr.position())
        c_en.setPosition(en.position())
        top_fr = reader.view.cursorRect(c_fr).top()
        top_en = reader.view.cursorRect(c_en).top()
        assert abs(top_fr - top_en) <= 1, (fr.text()[:40], top_fr, top_en)
        assert reader.view.cursorRect(c_fr).left() != reader.view.cursorRect(c_en).left()


def test_translations_fill_in_and_stay_aligned(qtbot, reader, seeded_ctx, installed_tiny_model):
    ids = seed_ids(seeded_ctx)
    open_and_wait(qtbot, reader, ids[GCM])
    assert reader.document_view().pending > 0
    _translate(seeded_ctx, ids[GCM], installed_tiny_model)
    with qtbot.waitSignal(reader.translationsReloaded, timeout=10_000) as sig:
        reader.reload_translations([0, 1])
    assert sig.args[0], "no paragraph was redrawn"
    view = reader.document_view()
    assert view.pending == 0
    assert [b[1].text() for b in reader._blocks] == [p.en_text for p in view.paragraphs]
    assert all(p.en_text for p in view.paragraphs)
    _assert_aligned(reader)


def test_hover_syncs_the_counterpart(qtbot, reader, seeded_ctx, installed_tiny_model):
    ids = seed_ids(seeded_ctx)
    _translate(seeded_ctx, ids[GCM], installed_tiny_model)
    open_and_wait(qtbot, reader, ids[GCM])
    view = reader.document_view()
    sentence = view.doc.sentences[3].index
    point = reader.point_for(FR, sentence)
    _mouse(reader.view.viewport(), QEvent.Type.MouseMove, point)
    assert reader._hover == sentence
    drawn = {(sel.cursor.selectionStart(), sel.cursor.selectionEnd()) for sel in reader.view.extraSelections()}
    for side, a, b in reader.sync_ranges(sentence):
        assert (a, b) in drawn, side
    assert {side for side, _a, _b in reader.sync_ranges(sentence)} == {FR, EN}
    # The English range is the sentence's translation, character for character.
    _side, a, b = next(r for r in reader.sync_ranges(sentence) if r[0] == EN)
    cursor = QTextCursor(reader.view.document())
    cursor.setPosition(a)
    cursor.setPosition(b, QTextCursor.MoveMode.KeepAnchor)
    assert cursor.selectedText() == view.english_sentence(sentence)
    # And back from the English side.
    other = view.doc.sentences[5].index
    _mouse(reader.view.viewport(), QEvent.Type.MouseMove, reader.point_for(EN, other))
    assert reader._hover == other
    # Click activates the sentence.
    with qtbot.waitSignal(reader.sentenceActivated) as sig:
        point = reader.point_for(EN, other)
        _mouse(reader.view.viewport(), QEvent.Type.MouseButtonPress, point, Qt.MouseButton.LeftButton)
        _mouse(reader.view.viewport(), QEvent.Type.MouseButtonRelease, point, Qt.MouseButton.LeftButton)
    assert sig.args == [ids[GCM], other]


def test_hover_sync_only_moves_highlights(qtbot, reader, seeded_ctx, installed_tiny_model):
    """Hovering draws over the text: the document is never edited or laid out again (what
    would make it slow; its speed is measured by tests/bench/bench_reader_large.py)."""
    ids = seed_ids(seeded_ctx)
    _translate(seeded_ctx, ids[RT1], installed_tiny_model)
    open_and_wait(qtbot, reader, ids[RT1])
    view = reader.document_view()
    sentences = [s.index for s in view.doc.sentences[:30]]
    points = [(s, reader.point_for(FR, s)) for s in sentences]
    points = [(s, p) for s, p in points if p is not None and reader.view.viewport().rect().contains(p)]
    assert len(points) >= 5
    document = reader.view.document()
    edits: list = []
    document.contentsChange.connect(lambda *args: edits.append(args))
    document.documentLayout().documentSizeChanged.connect(edits.append)
    for sentence, p in points:
        _mouse(reader.view.viewport(), QEvent.Type.MouseMove, p)
        reader.view.viewport().repaint()
        assert reader._hover == sentence
        drawn = {(sel.cursor.selectionStart(), sel.cursor.selectionEnd()) for sel in reader.view.extraSelections()}
        assert all((a, b) in drawn for _side, a, b in reader.sync_ranges(sentence))
    assert edits == []


def _highlight(qtbot, reader, side: str, start: int, end: int, key: str) -> str:
    reader.select_range(side, start, end)
    assert reader._canonical_selection() == (side, start, end)
    history_changed = reader.ctx.extras["annotation_history"].changed
    with qtbot.waitSignal(history_changed, timeout=60_000):
        qtbot.keyClick(reader.view, key)
    return list_annotations(reader.ctx.conn, reader.current_document())[-1].id


def test_highlight_each_side_drawn_on_both_and_undo(qtbot, reader, seeded_ctx, installed_tiny_model):
    ids = seed_ids(seeded_ctx)
    doc_id = ids[GCM]
    _translate(seeded_ctx, doc_id, installed_tiny_model)
    open_and_wait(qtbot, reader, doc_id)
    view = reader.document_view()
    reader.view.setFocus()
    # French: part of paragraph 1, colour 1 (yellow) by key.
    p = view.doc.paragraphs[1]
    _highlight(qtbot, reader, FR, p.start + 3, p.start + 30, "1")
    anns = list_annotations(seeded_ctx.conn, doc_id)
    assert [(a.side, a.start, a.end, a.color) for a in anns] == [(FR, p.start + 3, p.start + 30, "yellow")]
    assert anns[0].quote == view.doc.text[p.start + 3 : p.start + 30]
    drawn = reader.highlight_ranges()
    # The French passage in full colour, a light tint on its English sentence(s).
    assert {(side, tint) for side, _a, _b, _c, tint in drawn} == {(FR, False), (EN, True)}, drawn
    # English: a span of paragraph 2's translation, colour 3 (blue).
    a, b = view.english.paragraph_spans[2]
    _highlight(qtbot, reader, EN, a + 1, min(b, a + 20), "3")
    anns = list_annotations(seeded_ctx.conn, doc_id)
    en = [x for x in anns if x.side == EN]
    assert len(en) == 1 and en[0].color == "blue"
    assert en[0].quote == view.english.text[a + 1 : min(b, a + 20)]
    assert en[0].sentence_first is not None
    blue = [d for d in reader.highlight_ranges() if d[3] == "#90caf9"]
    assert {(d[0], d[4]) for d in blue} == {(EN, False), (FR, True)}, blue
    # Undo (Ctrl+Z) removes the last highlight, from the database and from the page.
    undo_stack = reader.ctx.extras["annotation_history"].stack
    with qtbot.waitSignal(reader.ctx.extras["annotation_history"].changed, timeout=60_000):
        undo_stack.undo()
    qtbot.waitUntil(lambda: len(list_annotations(seeded_ctx.conn, doc_id)) == 1)
    qtbot.waitUntil(lambda: not [d for d in reader.highlight_ranges() if d[3] == "#90caf9"])


def test_highlight_without_selection_explains(qtbot, reader, seeded_ctx):
    ids = seed_ids(seeded_ctx)
    open_and_wait(qtbot, reader, ids[GCM])
    assert reader.highlight_selection("yellow") is None
    assert list_annotations(seeded_ctx.conn, ids[GCM]) == []


def test_click_on_highlight_signals_its_id(qtbot, reader, seeded_ctx):
    ids = seed_ids(seeded_ctx)
    open_and_wait(qtbot, reader, ids[GCM])
    p = reader.document_view().doc.paragraphs[1]
    reader.select_range(FR, p.start, p.start + 25)
    ann_id = reader.highlight_selection("pink")
    reader.ctx.tasks.wait_idle(60_000)
    point = reader.point_for(FR, reader.document_view().doc.sentences_of(1)[0].index, offset=5)
    with qtbot.waitSignal(reader.annotationClicked) as sig:
        _mouse(reader.view.viewport(), QEvent.Type.MouseButtonPress, point, Qt.MouseButton.LeftButton)
        _mouse(reader.view.viewport(), QEvent.Type.MouseButtonRelease, point, Qt.MouseButton.LeftButton)
    assert sig.args == [ann_id]


def test_post_edit_inline(qtbot, reader, seeded_ctx, installed_tiny_model):
    ids = seed_ids(seeded_ctx)
    doc_id = ids[GCM]
    _translate(seeded_ctx, doc_id, installed_tiny_model)
    open_and_wait(qtbot, reader, doc_id)
    view = reader.document_view()
    sentence = view.doc.sentences[2].index
    mt = view.english_sentence(sentence)
    # Double-click opens the editor over the English sentence.
    point = reader.point_for(EN, sentence)
    _mouse(reader.view.viewport(), QEvent.Type.MouseButtonDblClick, point, Qt.MouseButton.LeftButton)
    assert reader.editor.is_active() and reader.editor.toPlainText() == mt
    # Esc cancels: nothing stored.
    qtbot.keyClick(reader.editor, Qt.Key.Key_Escape)
    assert not reader.editor.is_active()
    assert tstore.sentence_translations(seeded_ctx.conn, view.doc, None)[sentence].source == "mt"
    # F2 on the current sentence, type, Enter saves.
    reader.activate_sentence(sentence, EN)
    reader.edit_current_sentence()
    assert reader.editor.is_active()
    reader.editor.selectAll()
    qtbot.keyClicks(reader.editor, "The review found strong progress.")
    with qtbot.waitSignal(reader.translationsReloaded, timeout=10_000):
        qtbot.keyClick(reader.editor, Qt.Key.Key_Return)
    saved = tstore.sentence_translations(seeded_ctx.conn, view.doc, None)[sentence]
    assert (saved.text, saved.source) == ("The review found strong progress.", "human")
    view = reader.document_view()
    assert view.english_sentence(sentence) == "The review found strong progress."
    par = view.paragraphs[view.sentence_paragraph[sentence]]
    assert sentence in par.human
    assert "Your translation" in reader.tooltip_text(sentence)
    # The human mark is drawn: the sentence's characters carry the "human" format.
    _side, a, _b = next(r for r in reader.sync_ranges(sentence) if r[0] == EN)
    cursor = QTextCursor(reader.view.document())
    cursor.setPosition(a + 1)
    assert cursor.charFormat().underlineStyle() != cursor.charFormat().UnderlineStyle.NoUnderline
    _assert_aligned(reader)
    # Revert to MT from the context menu.
    menu = reader.context_menu_for(reader.point_for(EN, sentence))
    revert = next(a for a in menu.actions() if a.objectName() == "revert_translation")
    with qtbot.waitSignal(reader.translationsReloaded, timeout=10_000):
        revert.trigger()
    assert tstore.sentence_translations(seeded_ctx.conn, view.doc, None)[sentence].source == "mt"
    assert reader.document_view().english_sentence(sentence) == mt
    reader.ctx.tasks.wait_idle(10_000)
    # Undo brings the human translation back.
    with qtbot.waitSignal(reader.translationsReloaded, timeout=10_000):
        reader.undo_stack.undo()
    assert tstore.sentence_translations(seeded_ctx.conn, view.doc, None)[sentence].source == "human"


def test_alternatives_menu(qtbot, reader, seeded_ctx, installed_tiny_model):
    ids = seed_ids(seeded_ctx)
    doc_id = ids[GCM]
    _translate(seeded_ctx, doc_id, installed_tiny_model)
    open_and_wait(qtbot, reader, doc_id)
    view = reader.document_view()
    sentence = view.doc.sentences[1].index
    with qtbot.waitSignal(reader.alternativesReady, timeout=30_000) as sig:
        menu = reader.context_menu_for(reader.point_for(EN, sentence))
    assert sig.args[0] == sentence and sig.args[1]
    alts = next(a.menu() for a in menu.actions() if a.menu() is not None and a.menu().objectName() == "alternatives_menu")
    choices = [a for a in alts.actions() if a.isEnabled()]
    assert [a.toolTip() for a in choices] == sig.args[1]
    pick = choices[-1]
    with qtbot.waitSignal(reader.translationsReloaded, timeout=10_000):
        pick.trigger()
    saved = tstore.sentence_translations(seeded_ctx.conn, view.doc, None)[sentence]
    assert saved.text == pick.toolTip().strip() and saved.source == "human"


def test_glossary_flag_shown_with_expected_term(qtbot, reader, seeded_ctx, installed_tiny_model):
    ids = seed_ids(seeded_ctx)
    doc_id = ids[GCM]
    _translate(seeded_ctx, doc_id, installed_tiny_model)
    open_and_wait(qtbot, reader, doc_id)
    view = reader.document_view()
    flagged = [(s, tip) for p in view.paragraphs for s, tip in p.flagged.items()]
    assert flagged, "the GCM seed mentions OIM; the random model never writes IOM"
    sentence, tip = flagged[0]
    assert "IOM" in tip or "→" in tip
    assert "Glossary" in reader.tooltip_text(sentence)
    _side, a, _b = next(r for r in reader.sync_ranges(sentence) if r[0] == EN)
    cursor = QTextCursor(reader.view.document())
    cursor.setPosition(a + 1)
    assert cursor.charFormat().underlineStyle() == cursor.charFormat().UnderlineStyle.WaveUnderline


def test_swap_columns_keeps_alignment(qtbot, reader, seeded_ctx):
    ids = seed_ids(seeded_ctx)
    open_and_wait(qtbot, reader, ids[RT1])
    fr_x = reader.view.cursorRect(QTextCursor(reader._blocks[0][0])).left()
    with qtbot.waitSignal(reader.documentLoaded, timeout=10_000, raising=False):
        reader.swap_columns()
    qtbot.waitUntil(reader.is_loaded)
    assert reader.ctx.settings.french_left is False
    assert reader.view.cursorRect(QTextCursor(reader._blocks[0][0])).left() > fr_x
    assert reader.left_label.text() == "ENGLISH"
    _assert_aligned(reader)


def test_scroll_to_paragraph_and_flash(qtbot, reader, seeded_ctx):
    ids = seed_ids(seeded_ctx)
    open_and_wait(qtbot, reader, ids[RT1])
    middle = len(reader.document_view().paragraphs) // 2
    reader.scroll_to_paragraph(middle, flash=True)
    assert reader.first_visible_paragraph() == middle
    assert reader.flashing()
    qtbot.waitUntil(lambda: not reader.flashing(), timeout=60_000)
    view = reader.document_view()
    p = view.doc.paragraphs[2]
    reader.flash_range(FR, p.start, p.end)
    assert reader.flashing()


def test_keyboard_sentence_navigation_and_highlight(qtbot, reader, seeded_ctx, installed_tiny_model):
    ids = seed_ids(seeded_ctx)
    doc_id = ids[GCM]
    _translate(seeded_ctx, doc_id, installed_tiny_model)
    open_and_wait(qtbot, reader, doc_id)
    reader.view.setFocus()
    qtbot.keyClick(reader.view, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    first = reader.current_sentence()
    assert first is not None
    qtbot.keyClick(reader.view, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert reader.current_sentence() == first + 1
    drawn = {(sel.cursor.selectionStart(), sel.cursor.selectionEnd()) for sel in reader.view.extraSelections()}
    assert all((a, b) in drawn for _s, a, b in reader.sync_ranges(first + 1))
    # Alt+Right selects the sentence in the right column (English), 4 highlights it in pink.
    qtbot.keyClick(reader.view, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    view = reader.document_view()
    a, b = view.english.sentence_spans[first + 1]
    assert reader._canonical_selection() == (EN, a, b)
    with qtbot.waitSignal(reader.ctx.extras["annotation_history"].changed, timeout=60_000):
        qtbot.keyClick(reader.view, Qt.Key.Key_4)
    anns = list_annotations(seeded_ctx.conn, doc_id)
    assert [(x.side, x.start, x.end, x.color) for x in anns] == [(EN, a, b, "pink")]
    # F2 edits the current sentence.
    reader.edit_current_sentence()
    assert reader.editor.is_active() and reader.editor.sentence == first + 1
    qtbot.keyClick(reader.editor, Qt.Key.Key_Escape)
