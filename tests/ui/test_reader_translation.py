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
    # The job scores words once the text is in; a sentence translated in parts has none.
    from desktop.translation import store

    shown = store.sentence_translations(window.ctx.conn, view.doc, installed_short_model.model_id)
    assert shown[0].words and all(t.words is not None for t in shown.values())


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


def test_an_old_library_gets_word_scores_when_a_document_is_opened(qtbot, window, installed_tiny_model):
    from desktop.library.store import get_document
    from desktop.translation import store
    from desktop.translation.engine import create_engine

    doc = get_document(window.ctx.conn, seed_ids(window.ctx)[GCM])
    engine = create_engine(installed_tiny_model)
    texts = engine.translate([doc.sentence_text(s) for s in doc.sentences])
    store.put_mt(window.ctx.conn, engine.model_id, [(s.source_hash, t) for s, t in zip(doc.sentences, texts)])  # as before scores
    with qtbot.waitSignal(window.translation.finished, timeout=60_000):
        window.open_document(doc.id)
    wait_translated(qtbot, window)
    shown = store.sentence_translations(window.ctx.conn, doc, engine.model_id)
    assert all(t.words and t.score is not None for t in shown.values())
    assert window.translation.last_result.translated == 0  # nothing translated again


def test_alternatives_come_from_the_cache_the_second_time(qtbot, window, installed_tiny_model, monkeypatch):
    reader, ctx = window.reader, window.ctx
    from desktop.translation import jobs
    from desktop.translation.engine import create_engine
    from desktop.ui.reader import translation as reader_translation
    from desktop.ui.reader.model import EN
    from tests.ui.conftest import open_and_wait

    doc_id = seed_ids(ctx)[GCM]
    jobs.translate_document(ctx.conn, doc_id, create_engine(installed_tiny_model))
    calls = []
    real = reader_translation.ui_engine

    class Counting(Refusing):
        def alternatives(self, *args, **kwargs):
            calls.append(args)
            return self.engine.alternatives(*args, **kwargs)

    monkeypatch.setattr(reader_translation, "ui_engine", lambda model: Counting(real(model), set()))
    open_and_wait(qtbot, reader, doc_id)
    sentence = reader.document_view().doc.sentences[1].index
    results = []
    for _ in range(2):
        with qtbot.waitSignal(reader.alternativesReady, timeout=30_000) as sig:
            reader.context_menu_for(reader.point_for(EN, sentence)).deleteLater()
        results.append(sig.args[1])
    assert results[0] and results[0] == results[1]
    assert len(calls) == 1  # one model call for two right-clicks
