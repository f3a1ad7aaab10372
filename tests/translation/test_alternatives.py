"""Alternatives for a sentence or from a word on: computed once per sentence and prefix."""

from __future__ import annotations

from desktop.translation import alternatives as alt
from desktop.translation import ct2_scoring, jobs, store
from desktop.translation.engine import create_engine


class Counting:
    """The real engine, counting the alternatives it is asked for."""

    def __init__(self, engine) -> None:
        self.engine, self.calls = engine, 0

    def __getattr__(self, name):
        return getattr(self.engine, name)

    def alternatives(self, *args, **kwargs):
        self.calls += 1
        return self.engine.alternatives(*args, **kwargs)


def test_word_prefix() -> None:
    assert alt.word_prefix("The council met today.", 12) == "The council"
    assert alt.word_prefix("The council met today.", 14) == "The council"  # inside "met"
    assert alt.word_prefix("The council met today.", 0) == ""
    assert alt.word_prefix("Hi", 99) == ""


def test_sentence_alternatives_are_cached(conn, make_doc, installed_tiny_model) -> None:
    engine = Counting(create_engine(installed_tiny_model))
    doc = make_doc(["La commission a adopté le rapport du conseil."])
    assert alt.cached_alternatives(conn, engine.model_id, doc.sentences[0].source_hash) is None
    first = alt.sentence_alternatives(conn, engine, doc, 0, n=4)
    assert 1 < len(first) <= 4 and engine.calls == 1
    assert alt.sentence_alternatives(conn, engine, doc, 0, n=3) == first[:3] and engine.calls == 1
    assert alt.cached_alternatives(conn, engine.model_id, doc.sentences[0].source_hash, n=4) == first
    alt.sentence_alternatives(conn, engine, doc, 0, n=6)  # more than cached: asked again
    assert engine.calls == 2


def test_word_alternatives_from_the_shown_english(conn, make_doc, installed_tiny_model, monkeypatch) -> None:
    monkeypatch.setattr(ct2_scoring, "MIN_ALTERNATIVE_PROB", 0.0)  # the random model is unsure of everything
    engine = Counting(create_engine(installed_tiny_model))
    doc = make_doc(["La commission a adopté le rapport du conseil."])
    assert alt.word_alternatives(conn, engine, doc, 0, 5) == []  # no English yet
    jobs.translate_document(conn, doc.id, engine.engine)
    english = store.sentence_translations(conn, doc, engine.model_id)[0].text
    third = len(" ".join(english.split()[:2])) + 1  # the third word
    found = alt.word_alternatives(conn, engine, doc, 0, third + 1, n=4)
    prefix = " ".join(english.split()[:2])
    assert len(found) >= 2 and all(a.text.startswith(prefix + " ") for a in found)
    assert [a.word for a in found] == [a.rest.split()[0] for a in found] and len({a.word for a in found}) == len(found)
    assert found[0].word == english.split()[2]  # the model's own word comes first
    assert alt.word_alternatives(conn, engine, doc, 0, third, n=4) == found and engine.calls == 1  # cached
    # Choosing one is a post-edit; alternatives then start from the person's words.
    store.set_post_edit(conn, doc.id, 0, found[1].text)
    assert store.sentence_translations(conn, doc, engine.model_id)[0].status == "post-edited"
