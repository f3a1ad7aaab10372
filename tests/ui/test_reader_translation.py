"""The app's translation job: over-long sentences, refused sentences, messages naming the document."""

from __future__ import annotations

from pathlib import Path

from desktop import config, operations
from tests.long_sentences import Refusing, debris, long_sentence
from tests.ui.conftest import seed_ids, wait_translated

GCM = "vietnam-bilan-pacte-mondial-migrations-gcm"


def test_a_3000_character_sentence_is_translated_in_the_reader(qtbot, window, installed_short_model, tmp_path: Path):
    source = tmp_path / "longue-phrase.txt"
    source.write_text(f"Une phrase courte.\n\n{long_sentence()}\n\n{debris()}\n", encoding="utf-8")
    [outcome] = operations.import_files(window.ctx.conn, window.ctx.data_dir, [source], max_bytes=config.max_import_bytes())
    with qtbot.waitSignal(window.translation.finished, timeout=60_000):
        window.open_document(outcome.doc_id)
    wait_translated(qtbot, window)
    view = window.reader.document_view()
    assert max(s.end - s.start for s in view.doc.sentences) >= 3000
    assert view.pending == 0 and not any(p.failed for p in view.paragraphs)
    assert all(view.english_sentence(s.index) for s in view.doc.sentences)
    assert window.translation.last_result.failed == 0


def test_a_refused_sentence_is_marked_and_retried_on_demand(qtbot, window, installed_tiny_model, monkeypatch):
    from desktop.ui.reader import translation as reader_translation

    doc_id = seed_ids(window.ctx)[GCM]
    doc = window.ctx.conn.execute("SELECT title FROM documents WHERE id = ?", (doc_id,)).fetchone()[0]
    bad_index = 2
    from desktop.library.store import get_document

    d = get_document(window.ctx.conn, doc_id)
    bad = d.sentence_text(d.sentences[bad_index])
    real = reader_translation.ui_engine
    monkeypatch.setattr(reader_translation, "ui_engine", lambda model: Refusing(real(model), {bad}))
    messages: list[str] = []
    window.translation.statusMessage.connect(messages.append)
    with qtbot.waitSignal(window.translation.finished, timeout=60_000):
        window.open_document(doc_id)
    wait_translated(qtbot, window)
    assert any(doc in m and "1 sentences could not be translated" in m for m in messages), messages
    view = window.reader.document_view()
    par = view.paragraphs[view.sentence_paragraph[bad_index]]
    assert par.failed == {bad_index: "refused by the test backend"}
    assert "[1 not translated]" in window.reader._blocks[par.index][1].text()
    assert "refused by the test backend" in window.reader.failure_text(par.failed[bad_index])
    assert sum(1 for s in view.doc.sentences if view.english_sentence(s.index)) == len(view.doc.sentences) - 1

    # Translate Document (Ctrl+T) tries the refused sentence again, here with the plain engine.
    monkeypatch.setattr(reader_translation, "ui_engine", real)
    with qtbot.waitSignal(window.translation.finished, timeout=60_000):
        window.act_translate.trigger()
    qtbot.waitUntil(lambda: not any(p.failed for p in window.reader.document_view().paragraphs), timeout=20_000)
    wait_translated(qtbot, window)
    view = window.reader.document_view()
    assert all(view.english_sentence(s.index) for s in view.doc.sentences)
