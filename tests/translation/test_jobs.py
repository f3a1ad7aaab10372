from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest

from desktop.config import db_path
from desktop.library import store as library
from desktop.translation import backend as be
from desktop.translation import failures, jobs, store
from desktop.translation.engine import create_engine
from desktop.translation.sentence_info import sentence_json_fields
from tests.long_sentences import Refusing, debris, long_sentence

REPO = Path(__file__).resolve().parents[2]


def distinct_hashes(doc) -> int:
    return len({s.source_hash for s in doc.sentences})


def test_full_translation_of_the_seeds_offline(seeded, installed_tiny_model, no_network) -> None:
    conn = seeded
    engine = create_engine(installed_tiny_model)
    total_sentences = 0
    for summary in library.list_documents(conn):
        doc = library.get_document(conn, summary.id)
        seen = []
        result = jobs.translate_document(conn, doc.id, engine, progress=lambda d, t: seen.append((d, t)))
        assert not result.cancelled and result.translated + result.already == result.total == len(doc.sentences)
        assert seen[-1] == (len(doc.sentences), len(doc.sentences))
        assert [d for d, _ in seen] == sorted(d for d, _ in seen)
        shown = store.sentence_translations(conn, doc, engine.model_id)
        assert set(shown) == {s.index for s in doc.sentences}
        assert all(t.source == "mt" and t.model == "translate-fr_en@1.0" for t in shown.values())
        total_sentences += len(doc.sentences)
    assert total_sentences > 150
    assert jobs.queued_documents(conn) == []


def test_second_translation_is_a_cache_hit(conn, make_doc, installed_tiny_model) -> None:
    engine = create_engine(installed_tiny_model)
    doc = make_doc(["Première phrase. Deuxième phrase.", "Troisième phrase ici."])
    first = jobs.translate_document(conn, doc.id, engine)
    assert first.translated == 3 and engine.sentences_translated == 3
    again = jobs.translate_document(conn, doc.id, engine)
    assert (again.translated, again.already) == (0, 3)
    assert engine.sentences_translated == 3  # no MT at all
    # Another document sharing a sentence only translates what is new.
    other = make_doc(["Deuxième phrase. Une phrase nouvelle."])
    assert jobs.translate_document(conn, other.id, engine).translated == 1
    assert engine.sentences_translated == 4


def test_reading_order_starts_at_the_paragraph_on_screen(conn, make_doc, installed_tiny_model) -> None:
    engine = create_engine(installed_tiny_model)
    paragraphs = [f"Paragraphe numéro {i} du texte. Il contient la phrase {i} de plus." for i in range(12)]
    doc = make_doc(paragraphs)
    batches: list[list[int]] = []
    result = jobs.translate_document(conn, doc.id, engine, start_paragraph=7, on_batch=batches.append)
    assert batches[0] == [7]  # the first screen alone, at once
    assert sorted(p for b in batches for p in b) == list(range(12))
    assert result.changed_paragraphs == list(range(12))
    # A bulk run has no screen to fill first: its first batch is a full one.
    bulk_doc = make_doc([p.replace("texte", "livre") for p in paragraphs], title="bulk")
    bulk: list[list[int]] = []
    jobs.translate_documents(conn, [bulk_doc.id], engine, on_batch=lambda _d, p: bulk.append(p), bulk=True)
    assert bulk[0] == list(range(12))
    other = make_doc(paragraphs[::-1], title="reversed")
    order = [text for _, text in jobs.pending_sentences(conn, other, "another-model@1", start_paragraph=7)]
    assert order[0].startswith("Paragraphe numéro 4 ") and order[2].startswith("Paragraphe numéro 3 ")
    assert order[-2].startswith("Paragraphe numéro 5 ")


def test_several_documents_share_batches(conn, make_doc, installed_tiny_model) -> None:
    engine = create_engine(installed_tiny_model)
    a = make_doc(["Une phrase commune. Phrase propre à A."])
    b = make_doc(["Une phrase commune. Phrase propre à B.", "Encore une."])
    seen: list[tuple[int, list[int]]] = []
    ra, rb = jobs.translate_documents(conn, [a.id, b.id], engine, on_batch=lambda d, p: seen.append((d, p)))
    assert engine.sentences_translated == 4  # the shared sentence once
    assert (ra.translated, rb.translated) == (2, 3)
    assert seen[0] == (a.id, [0])
    assert {d for d, _ in seen} == {a.id, b.id}
    assert rb.changed_paragraphs == [0, 1]


@pytest.mark.parametrize("bulk", [False, True])
def test_cancel_then_resume(conn, make_doc, installed_tiny_model, bulk: bool) -> None:
    engine = create_engine(installed_tiny_model)
    n = 1 + 3 * jobs.BATCH * engine.replicas  # more batches than are in flight
    doc = make_doc([f"Phrase {i} du document, assez longue pour compter." for i in range(n)])
    cancel = threading.Event()
    result = jobs.translate_documents(
        conn, [doc.id], engine, cancel=cancel, on_batch=lambda *_: cancel.set(), bulk=bulk
    )[0]
    assert result.cancelled and 0 < result.translated < n
    assert jobs.queued_documents(conn) == [doc.id]  # to resume after a restart
    done_before = result.translated
    rest = jobs.translate_document(conn, doc.id, engine)
    assert rest.translated == n - done_before and rest.already == done_before
    assert engine.sentences_translated == n
    assert jobs.queued_documents(conn) == []


def test_post_edits_are_never_overwritten(conn, make_doc, installed_tiny_model) -> None:
    engine = create_engine(installed_tiny_model)
    doc = make_doc(["Le HCR aide les réfugiés. Une autre phrase."])
    store.set_post_edit(conn, doc.id, 0, "UNHCR helps refugees.")
    jobs.translate_document(conn, doc.id, engine)
    assert engine.sentences_translated == 1  # the corrected sentence needs no MT
    shown = store.sentence_translations(conn, doc, engine.model_id)
    assert shown[0].text == "UNHCR helps refugees." and shown[0].source == "human"
    assert shown[1].source == "mt"


_CHILD = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from desktop.library.db import connect
    from desktop.translation import jobs, packages
    from desktop.translation.engine import create_engine

    conn = connect(Path(sys.argv[1]))
    model = packages.find_model("fr", "en", Path(sys.argv[2]))
    engine = create_engine(model)

    def after_batch(paragraphs):
        print("batch", flush=True)
        time.sleep(60)  # killed here, mid-job

    jobs.translate_document(conn, int(sys.argv[3]), engine, on_batch=after_batch)
    """
)


def test_resume_after_a_kill(conn, data_dir, make_doc, installed_tiny_model) -> None:
    doc = make_doc([f"Phrase {i} : la coopération régionale en Asie du Sud-Est." for i in range(30)])
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    child = subprocess.Popen(
        [sys.executable, "-c", _CHILD, str(db_path(data_dir)), str(installed_tiny_model.path.parent), str(doc.id)],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
        cwd=REPO,
    )
    try:
        assert child.stdout.readline().strip() == "batch"
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    committed = 30 - len(jobs.pending_sentences(conn, doc, installed_tiny_model.model_id))
    assert 0 < committed < 30  # the first batch survived the kill, the rest did not happen
    assert jobs.queued_documents(conn) == [doc.id]
    engine = create_engine(installed_tiny_model)
    result = jobs.translate_document(conn, doc.id, engine)
    assert engine.sentences_translated == 30 - committed  # only what was left
    assert (result.translated, result.already) == (30 - committed, committed)
    assert len(store.sentence_translations(conn, doc, engine.model_id)) == 30


def test_a_3000_character_sentence_is_translated_end_to_end(conn, make_doc, installed_short_model) -> None:
    engine = create_engine(installed_short_model)
    doc = make_doc(["Une phrase courte. " + long_sentence() + " Une autre phrase.", debris(), "Fin."])
    assert max(s.end - s.start for s in doc.sentences) >= 3000
    result = jobs.translate_document(conn, doc.id, engine)
    assert (result.translated, result.failed) == (len(doc.sentences), 0)
    shown = store.sentence_translations(conn, doc, engine.model_id)
    assert set(shown) == {s.index for s in doc.sentences} and all(t.text for t in shown.values())


def test_a_failing_sentence_is_marked_and_the_library_goes_on(conn, make_doc, installed_tiny_model) -> None:
    engine = create_engine(installed_tiny_model)
    bad = "Cette phrase sera refusée par le serveur."
    docs = [make_doc(["Première phrase. " + bad, "Deuxième paragraphe."]), make_doc([bad + " Encore une."]), make_doc(["Tout va bien."])]
    results = jobs.translate_documents(conn, [d.id for d in docs], Refusing(engine, {bad}), bulk=True)
    assert [(r.translated, r.failed) for r in results] == [(2, 1), (1, 1), (1, 0)]
    assert jobs.queued_documents(conn) == []  # the job finished
    fields = sentence_json_fields(conn, docs[0], engine.model_id)
    assert fields[1]["translation"] is None and fields[1]["translation_error"] == "refused by the test backend"
    assert fields[0]["translation"] and fields[0]["translation_error"] is None
    assert failures.failed_documents(conn, engine.model_id) == {docs[0].id: 1, docs[1].id: 1}
    # A later run skips it (no MT at all) and counts it as failed...
    before = engine.sentences_translated
    again = jobs.translate_document(conn, docs[0].id, engine)
    assert (again.translated, again.already, again.failed) == (0, 2, 1) and engine.sentences_translated == before
    # ...until the user asks for a retry: the real engine translates it.
    retried = jobs.translate_document(conn, docs[0].id, engine, retry_failed=True)
    assert (retried.translated, retried.failed) == (1, 0)
    # The same sentence in the other document is translated too (one cache entry per model).
    assert failures.failed_documents(conn, engine.model_id) == {}
    assert len(store.sentence_translations(conn, docs[1], engine.model_id)) == 2
    assert 1 in retried.changed_paragraphs or 0 in retried.changed_paragraphs


def test_an_unavailable_backend_stops_the_job_and_keeps_its_work(conn, make_doc, installed_tiny_model) -> None:
    engine = create_engine(installed_tiny_model)

    class Down(Refusing):
        calls = 0

        def submit(self, sentences):
            Down.calls += 1
            if Down.calls == 2:  # the server goes away while the first batch is out
                def lost():
                    raise be.BackendUnavailable("the server at 127.0.0.1:9 does not answer")
                return lost
            if Down.calls > 2:
                raise be.BackendUnavailable("the server at 127.0.0.1:9 does not answer")
            return self.engine.submit(sentences)

    doc = make_doc([f"Phrase {i} du document." for i in range(3 * jobs.BATCH * engine.replicas)])
    [result] = jobs.translate_documents(conn, [doc.id], Down(engine, set()), bulk=True)
    assert result.cancelled and "does not answer" in result.stopped
    have = len(store.sentence_translations(conn, doc, engine.model_id))
    assert 0 < have == result.translated < len(doc.sentences) and result.changed_paragraphs
    assert jobs.queued_documents(conn) == [doc.id]  # resumed later
