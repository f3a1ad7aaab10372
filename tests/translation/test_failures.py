from __future__ import annotations

from desktop.translation import failures, store


def test_failures_are_kept_per_model_and_cleared(conn, make_doc) -> None:
    doc = make_doc(["Une phrase. Deux phrases.", "Une phrase."])
    h0, h1 = doc.sentences[0].source_hash, doc.sentences[1].source_hash
    failures.put_failures(conn, "m@1", [(h0, "too long"), (h1, "refused")])
    failures.put_failures(conn, "m@1", [(h1, "refused again")])  # the newest reason wins
    assert failures.failed_hashes(conn, [h0, h1], "m@1") == {h0: "too long", h1: "refused again"}
    assert failures.failed_hashes(conn, [h0, h1], "other@2") == {}  # another model may succeed
    assert failures.failed_hashes(conn, [h0], None) == {}
    # Every occurrence of a failed sentence is reported; one with a translation is not.
    assert failures.sentence_failures(conn, doc, "m@1") == {0: "too long", 1: "refused again", 2: "too long"}
    assert failures.sentence_failures(conn, doc, "m@1", {1}) == {0: "too long", 2: "too long"}
    assert failures.failed_documents(conn, "m@1") == {doc.id: 3}
    store.set_post_edit(conn, doc.id, 1, "Two sentences.")  # a person's translation: not failed any more
    assert failures.failed_documents(conn, "m@1") == {doc.id: 2}
    assert failures.retry_failed(conn, doc, "m@1") == 3
    assert failures.failed_hashes(conn, [h0, h1], "m@1") == {}


def test_failures_of_a_removed_document_do_not_count(conn, make_doc) -> None:
    doc = make_doc(["Une phrase."])
    failures.put_failures(conn, "m@1", [(doc.sentences[0].source_hash, "refused")])
    with conn:
        conn.execute("DELETE FROM documents WHERE id = ?", (doc.id,))
    assert failures.failed_documents(conn, "m@1") == {}
