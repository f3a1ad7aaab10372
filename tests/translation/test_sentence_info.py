from __future__ import annotations

import math

from desktop.translation import failures, review, store
from desktop.translation.backend import SentenceResult, WordScore
from desktop.translation.sentence_info import sentence_json_fields


def test_json_fields(conn, make_doc) -> None:
    doc = make_doc(["Une phrase. Deux phrases. Trois phrases."])
    h = [s.source_hash for s in doc.sentences]
    store.put_results(conn, "m@1", [(h[0], SentenceResult("One.", math.log(0.8), (WordScore(0, 4, math.log(0.5)),)))])
    store.put_mt(conn, "m@1", [(h[2], "Three.")])
    store.set_post_edit(conn, doc.id, 1, "Two.")
    review.mark_reviewed(conn, doc, 2, "m@1")
    fields = sentence_json_fields(conn, doc, "m@1")
    assert fields[0] == {
        "translation": "One.", "translation_source": "mt", "model": "m@1", "translation_error": None,
        "status": "machine", "confidence": 0.8, "word_confidence": [{"start": 0, "end": 4, "confidence": 0.5}],
    }  # fmt: skip
    assert fields[1] == {
        "translation": "Two.", "translation_source": "human", "model": None, "translation_error": None,
        "status": "post-edited", "confidence": None, "word_confidence": None,
    }  # fmt: skip
    assert (fields[2]["status"], fields[2]["confidence"]) == ("reviewed", None)


def test_json_fields_say_why_a_sentence_is_not_translated(conn, make_doc) -> None:
    doc = make_doc(["Une phrase. Deux phrases."])
    failures.put_failures(conn, "m@1", [(doc.sentences[1].source_hash, "too long for the model")])
    fields = sentence_json_fields(conn, doc, "m@1")
    assert fields[1]["translation"] is None and fields[1]["translation_error"] == "too long for the model"
    assert fields[0]["translation_error"] is None
