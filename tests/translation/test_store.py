from __future__ import annotations

import pytest

from desktop.translation import store


def hashes(doc) -> list[str]:
    return [s.source_hash for s in doc.sentences]


def test_nothing_translated_is_all_pending(conn, make_doc) -> None:
    doc = make_doc(["Une phrase. Deux phrases."])
    assert store.sentence_translations(conn, doc, "m@1") == {}
    side = store.english_side(conn, doc, "m@1")
    assert side.text == "" and side.sentence_spans == {0: (0, 0), 1: (0, 0)} and side.paragraph_spans == [(0, 0)]


def test_model_preference_and_old_results_kept(conn, make_doc) -> None:
    doc = make_doc(["Une phrase. Deux phrases."])
    h0, h1 = hashes(doc)
    store.put_mt(conn, "m@1", [(h0, "One (v1)."), (h1, "Two (v1).")])
    store.put_mt(conn, "m@2", [(h0, "One (v2).")])
    shown = store.sentence_translations(conn, doc, "m@2")
    assert shown[0].text == "One (v2)." and shown[0].model == "m@2" and shown[0].source == "mt"
    assert shown[1].text == "Two (v1)." and shown[1].model == "m@1"  # kept until replaced
    assert store.sentence_translations(conn, doc, "m@1")[0].text == "One (v1)."
    # Without a current model: the most recent result of any model.
    assert store.sentence_translations(conn, doc, None)[0].model == "m@2"
    assert store.missing_hashes(conn, [h0, h1], "m@2") == {h1}


def test_mt_is_shared_across_documents(conn, make_doc) -> None:
    a = make_doc(["Une phrase commune."])
    b = make_doc(["Autre chose. Une phrase commune."])
    store.put_mt(conn, "m@1", [(a.sentences[0].source_hash, "A common sentence.")])
    assert store.sentence_translations(conn, b, "m@1")[1].text == "A common sentence."


def test_post_edit_wins_and_revert(conn, make_doc) -> None:
    doc = make_doc(["Titre.", "Une phrase. Deux phrases."])
    store.put_mt(conn, "m@1", [(h, f"mt {i}") for i, h in enumerate(hashes(doc))])
    assert store.set_post_edit(conn, doc.id, 2, "  Two sentences, by hand.  ") == [1]
    shown = store.sentence_translations(conn, doc, "m@1")
    assert shown[2] == store.SentenceTranslation("Two sentences, by hand.", "human", None, shown[2].updated, store.POST_EDITED)
    # MT arriving later never replaces it.
    store.put_mt(conn, "m@1", [(hashes(doc)[2], "mt again")])
    store.put_mt(conn, "m@2", [(hashes(doc)[2], "mt v2")])
    assert store.sentence_translations(conn, doc, "m@2")[2].text == "Two sentences, by hand."
    assert store.revert_post_edit(conn, doc.id, 2) == [1]
    assert store.sentence_translations(conn, doc, "m@2")[2].text == "mt v2"
    assert store.revert_post_edit(conn, doc.id, 2) == []
    with pytest.raises(ValueError):
        store.set_post_edit(conn, doc.id, 2, "   ")
    with pytest.raises(LookupError):
        store.set_post_edit(conn, doc.id, 99, "x")


def test_post_edit_is_per_document(conn, make_doc) -> None:
    a = make_doc(["Une phrase commune."])
    b = make_doc(["Une phrase commune."])
    store.put_mt(conn, "m@1", [(a.sentences[0].source_hash, "machine")])
    store.set_post_edit(conn, a.id, 0, "human")
    assert store.sentence_translations(conn, a, "m@1")[0].text == "human"
    assert store.sentence_translations(conn, b, "m@1")[0].text == "machine"


def test_english_side_spans(conn, make_doc) -> None:
    doc = make_doc(["Un. Deux. Trois.", "Quatre.", "Cinq. Six."])
    h = hashes(doc)
    store.put_mt(conn, "m", [(h[0], "One."), (h[2], "Three."), (h[3], "Four."), (h[5], "Six.")])
    side = store.english_side(conn, doc, "m")
    assert side.text == "One. Three.\n\nFour.\n\nSix."
    for i, expected in {0: "One.", 1: "", 2: "Three.", 3: "Four.", 4: "", 5: "Six."}.items():
        a, b = side.sentence_spans[i]
        assert side.text[a:b] == expected
    assert [side.text[a:b] for a, b in side.paragraph_spans] == ["One. Three.", "Four.", "Six."]


def test_translation_progress(conn, make_doc) -> None:
    doc = make_doc(["Une phrase. Deux phrases.", "Trois."])
    assert store.translation_progress(conn, doc, "m@1") == (0, 3)
    store.put_mt(conn, "m@1", [(doc.sentences[0].source_hash, "One.")])
    store.set_post_edit(conn, doc.id, 2, "Three.")
    assert store.translation_progress(conn, doc, "m@1") == (2, 3)
