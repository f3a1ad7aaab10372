from __future__ import annotations

from desktop.translation import failures, store
from desktop.translation.sentence_info import sentence_json_fields


def test_json_fields(conn, make_doc) -> None:
    doc = make_doc(["Une phrase. Deux phrases."])
    store.put_mt(conn, "m@1", [(doc.sentences[0].source_hash, "One.")])
    store.set_post_edit(conn, doc.id, 1, "Two.")
    fields = sentence_json_fields(conn, doc, "m@1")
    assert fields[0] == {"translation": "One.", "translation_source": "mt", "model": "m@1", "translation_error": None}
    assert fields[1] == {"translation": "Two.", "translation_source": "human", "model": None, "translation_error": None}


def test_json_fields_say_why_a_sentence_is_not_translated(conn, make_doc) -> None:
    doc = make_doc(["Une phrase. Deux phrases."])
    failures.put_failures(conn, "m@1", [(doc.sentences[1].source_hash, "too long for the model")])
    fields = sentence_json_fields(conn, doc, "m@1")
    assert fields[1]["translation"] is None and fields[1]["translation_error"] == "too long for the model"
    assert fields[0]["translation_error"] is None
