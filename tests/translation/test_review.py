"""Review status: accept a machine translation, keep it through re-translation, count progress."""

from __future__ import annotations

import pytest

from desktop.translation import failures, review, store


def _doc(conn, make_doc):
    doc = make_doc(["Une phrase. Deux phrases.", "Trois phrases. Une phrase."])
    h = {s.index: s.source_hash for s in doc.sentences}
    store.put_mt(conn, "m@1", [(h[0], "One."), (h[1], "Two."), (h[2], "Three.")])
    return doc


def test_statuses_and_progress(conn, make_doc) -> None:
    doc = make_doc(["Une phrase. Deux phrases.", "Trois phrases. Quatre. Cinq."])
    h = {s.index: s.source_hash for s in doc.sentences}
    store.put_mt(conn, "m@1", [(h[0], "One."), (h[1], "Two."), (h[2], "Three.")])
    failures.put_failures(conn, "m@1", [(h[3], "refused")])
    assert review.mark_reviewed(conn, doc, 0, "m@1") == [0]
    store.set_post_edit(conn, doc.id, 1, "Two, mine.")
    assert review.sentence_statuses(conn, doc, "m@1") == {0: "reviewed", 1: "post-edited", 2: "machine", 3: "failed", 4: "pending"}
    progress = review.review_progress(conn, doc, "m@1")
    assert (progress.reviewed, progress.post_edited, progress.machine, progress.failed, progress.pending) == (1, 1, 1, 1, 1)
    assert progress.label() == "2/5 reviewed"
    assert review.library_review_progress(conn) == {doc.id: (2, 5)}


def test_a_review_covers_every_occurrence_and_survives_retranslation(conn, make_doc) -> None:
    doc = _doc(conn, make_doc)
    assert review.mark_reviewed(conn, doc, 3, "m@1") == [0, 1]  # "Une phrase." twice
    assert review.mark_reviewed(conn, doc, 0, "m@1") == []  # already reviewed
    # A new model translates it otherwise: the accepted text stays, with its status.
    store.put_mt(conn, "m@2", [(doc.sentences[0].source_hash, "A sentence.")])
    shown = store.sentence_translations(conn, doc, "m@2")
    assert (shown[0].text, shown[0].status, shown[0].model) == ("One.", "reviewed", "m@1")
    assert shown[0].source == "mt" and shown[0].score is None  # the new model's score is not the accepted text's
    # Undo: the machine's current translation shows again.
    assert review.unmark_reviewed(conn, doc.id, 0) == [0, 1]
    assert review.unmark_reviewed(conn, doc.id, 0) == []
    assert store.sentence_translations(conn, doc, "m@2")[0].text == "A sentence."


def test_a_post_edit_replaces_a_review(conn, make_doc) -> None:
    doc = _doc(conn, make_doc)
    review.mark_reviewed(conn, doc, 1, "m@1")
    store.set_post_edit(conn, doc.id, 1, "Two, mine.")
    assert review.sentence_statuses(conn, doc, "m@1")[1] == "post-edited"
    assert review.mark_reviewed(conn, doc, 1, "m@1") == []  # a person's own version needs no review
    store.revert_post_edit(conn, doc.id, 1)
    assert review.sentence_statuses(conn, doc, "m@1")[1] == "machine"


def test_nothing_to_review(conn, make_doc) -> None:
    doc = make_doc(["Une phrase."])
    with pytest.raises(LookupError, match="no translation"):
        review.mark_reviewed(conn, doc, 0, "m@1")
    with pytest.raises(LookupError, match="no sentence 7"):
        review.mark_reviewed(conn, doc, 7, "m@1")


def test_next_sentence_and_weakest() -> None:
    statuses = {0: "reviewed", 1: "machine", 2: "post-edited", 3: "machine", 4: "pending"}
    assert review.next_sentence(statuses, 1) == 3
    assert review.next_sentence(statuses, 3) == 1  # wraps around
    assert review.next_sentence(statuses, 0, ("pending",)) == 4
    assert review.next_sentence({0: "reviewed"}, 0) is None
    assert review.weakest(["post-edited", "machine", "reviewed"]) == "machine"
    assert review.weakest([]) is None
