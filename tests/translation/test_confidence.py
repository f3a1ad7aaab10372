"""Confidence: stored with translations, scored lazily for old libraries, least confident first."""

from __future__ import annotations

import threading

from desktop.library import db
from desktop.library import store as library
from desktop.library.migrations import MIGRATIONS
from desktop.translation import confidence, jobs, store
from desktop.translation.backend import SentenceResult
from desktop.translation.engine import create_engine


def test_translation_then_the_word_pass(conn, make_doc, installed_tiny_model) -> None:
    engine = create_engine(installed_tiny_model)
    doc = make_doc(["La commission a adopté le rapport. Le conseil a siégé.", "Fin de la séance."])
    other = make_doc(["Une autre phrase."])
    jobs.translate_documents(conn, [doc.id, other.id], engine, bulk=True)
    shown = store.sentence_translations(conn, doc, engine.model_id)
    # The sentence's confidence comes with its translation (the beam's score, free)...
    assert all(t.score is not None and 0 < t.confidence < 1 and t.words is None for t in shown.values())
    assert confidence.unscored_count(conn, engine.model_id) == 4
    assert confidence.unscored_hashes(conn, engine.model_id, [other.id]) == {other.sentences[0].source_hash}
    # ...its words' with the pass after, here for one document only.
    seen = []
    assert confidence.score_pending(conn, engine, doc_ids=[doc.id], progress=lambda d, t: seen.append((d, t))) == 3
    assert seen[-1] == (3, 3)
    for t in store.sentence_translations(conn, doc, engine.model_id).values():
        assert [t.text[w.start : w.end] for w in t.words] == t.text.split()
    assert confidence.unscored_count(conn, engine.model_id) == 1
    assert confidence.score_pending(conn, engine) == 1
    assert confidence.score_pending(conn, engine) == 0  # nothing left: nothing done


def _library_before_scores(path):
    """A library at the schema version just before confidence existed, with MT in its cache."""
    before = next(i for i, m in enumerate(MIGRATIONS) if "CREATE TABLE reviews" in m)
    return db.connect(path, target_version=before)


def test_an_old_library_is_migrated_then_scored_lazily(tmp_path, installed_tiny_model, make_doc) -> None:
    from desktop.library.models import Block
    from desktop.library.segmentation import split_sentences

    path = tmp_path / "old.db"
    old = _library_before_scores(path)
    lay = library.layout([Block("paragraph", "La commission a adopté le rapport. Le conseil a siégé.")], split_sentences)
    doc_id = library.save_document(old, title="ancien", fmt="txt", language="fr", content_hash="h", lay=lay)
    doc = library.get_document(old, doc_id)
    engine = create_engine(installed_tiny_model)
    texts = engine.translate([doc.sentence_text(s) for s in doc.sentences])
    with old:
        old.executemany(
            "INSERT INTO mt_cache (model, source_hash, translation, created_at) VALUES (?, ?, ?, 't')",
            [(engine.model_id, s.source_hash, t) for s, t in zip(doc.sentences, texts)],
        )
        old.execute(
            "INSERT INTO post_edits (doc_id, source_hash, translation, created_at, updated_at) VALUES (?, ?, ?, 't', 't')",
            (doc_id, doc.sentences[1].source_hash, "The council sat."),
        )
    old.close()

    conn = db.connect(path)  # migrates
    shown = store.sentence_translations(conn, doc, engine.model_id)
    assert [t.text for t in shown.values()] == [texts[0], "The council sat."]
    assert all(t.score is None and t.words is None for t in shown.values())  # not scored yet
    assert [t.status for t in shown.values()] == ["machine", "post-edited"]
    cancel = threading.Event()
    cancel.set()
    assert confidence.score_pending(conn, engine, cancel=cancel) == 0  # stopped before any work
    assert confidence.score_pending(conn, engine, doc_ids=[doc_id]) == 3  # both MTs (one under the post-edit) and the post-edit
    shown = store.sentence_translations(conn, doc, engine.model_id)
    assert [[shown[i].text[w.start : w.end] for w in shown[i].words] for i in (0, 1)] == [texts[0].split(), ["The", "council", "sat."]]
    assert all(t.score < 0 for t in shown.values())
    # A new post-edit is scored again.
    store.set_post_edit(conn, doc_id, 1, "The council met.")
    assert store.sentence_translations(conn, doc, engine.model_id)[1].words is None
    assert confidence.score_pending(conn, engine) == 1
    conn.close()


def test_a_pair_the_backend_cannot_score_is_not_tried_again(conn, make_doc, installed_tiny_model) -> None:
    engine = create_engine(installed_tiny_model)
    doc = make_doc(["Bonjour."])
    store.put_mt(conn, engine.model_id, [(doc.sentences[0].source_hash, " ".join(["hello"] * 600))])  # too long to score
    assert confidence.score_pending(conn, engine) == 1
    assert store.sentence_translations(conn, doc, engine.model_id)[0].words == ()
    assert confidence.score_pending(conn, engine) == 0


def test_least_confident_first(conn, make_doc) -> None:
    doc = make_doc(["Un. Deux. Trois. Quatre."])
    h = [s.source_hash for s in doc.sentences]
    store.put_results(conn, "m@1", [(h[0], SentenceResult("One.", -0.1)), (h[1], SentenceResult("Two.", -2.0)),
                                    (h[2], SentenceResult("Three.", -1.0)), (h[3], SentenceResult("Four."))])  # fmt: skip
    store.set_post_edit(conn, doc.id, 1, "Two, by hand.")
    shown = store.sentence_translations(conn, doc, "m@1")
    queue = confidence.least_confident(shown)
    assert [i for i, _ in queue] == [2, 0]  # the post-edit and the unscored sentence are not in it
    assert [i for i, _ in confidence.least_confident(shown, threshold=0.5)] == [2]
