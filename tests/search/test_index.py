from __future__ import annotations

import json
import threading
import time
from pathlib import Path

import pytest

from desktop.search.index import CORRUPT, MISSING, OK, STALE, VERSION_FILE, IndexUnavailable, SearchIndex
from desktop.search.schema import SCHEMA_VERSION, paragraph_key
from desktop.search.searcher import search


def record(doc: int, idx: int, fr: str, en: str = "") -> dict:
    return {
        "key": paragraph_key(doc, idx), "doc": str(doc), "paragraph_id": doc * 100 + idx, "paragraph_index": idx,
        "title": f"Document {doc}", "fr": fr, "en": en, "notes": "", "tags": "",
    }  # fmt: skip


DOCS = [
    [record(1, 0, "La migration régulière en Asie du Sud-Est."), record(1, 1, "La sécurité des travailleurs.")],
    [record(2, 0, "Le développement et la coopération régionale.", "Development and regional cooperation.")],
]


@pytest.fixture
def index(tmp_path: Path) -> SearchIndex:
    ix = SearchIndex(tmp_path / "index")
    yield ix
    ix.close()


def built(index: SearchIndex) -> SearchIndex:
    assert index.rebuild(iter(DOCS), len(DOCS)) == 3
    return index


def test_a_missing_index_is_reported_and_cannot_be_searched(index: SearchIndex) -> None:
    assert index.state() == MISSING
    with pytest.raises(IndexUnavailable):
        search(index, "migration")


def test_rebuild_creates_a_versioned_index_and_reports_progress(index: SearchIndex) -> None:
    seen = []
    index.rebuild(iter(DOCS), len(DOCS), lambda done, total, label: seen.append((done, total)))
    assert index.state() == OK
    assert seen[0] == (0, 2) and seen[-1] == (2, 2)
    assert json.loads((index.path / VERSION_FILE).read_text())["schema"] == SCHEMA_VERSION
    assert search(index, "migration").total == 1


def test_another_schema_version_is_stale(index: SearchIndex) -> None:
    built(index)
    (index.path / VERSION_FILE).write_text(json.dumps({"schema": SCHEMA_VERSION - 1}))
    assert index.state() == STALE


def test_mark_stale_is_remembered_until_the_next_rebuild(index: SearchIndex) -> None:
    built(index)
    index.mark_stale("test")
    assert SearchIndex(index.path).state() == STALE
    built(index)
    assert index.state() == OK


def test_a_corrupt_index_is_detected(index: SearchIndex) -> None:
    built(index)
    index.close()
    for toc in index.path.glob("_*.toc"):
        toc.write_bytes(b"not a whoosh table of contents")
    fresh = SearchIndex(index.path)
    assert fresh.state() == CORRUPT
    with pytest.raises(IndexUnavailable):
        search(fresh, "migration")
    built(fresh)
    assert search(fresh, "migration").total == 1


def test_an_interrupted_rebuild_leaves_the_old_index(index: SearchIndex) -> None:
    built(index)

    def failing():
        yield DOCS[0]
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        index.rebuild(failing(), 2)
    assert index.state() == OK
    assert search(index, "coopération").total == 1
    assert not index.path.with_name("index.new").exists()


def test_searches_keep_answering_from_the_old_index_during_a_rebuild(index: SearchIndex) -> None:
    built(index)
    gate = threading.Event()
    release = threading.Event()

    def slow():
        yield DOCS[0]
        gate.set()
        release.wait(300)
        yield [record(3, 0, "Nouvelle coopération transfrontalière.")]

    worker = threading.Thread(target=lambda: index.rebuild(slow(), 2))
    worker.start()
    try:
        assert gate.wait(60)
        # The search answers while the rebuild is still held (not after it: no time limit).
        answered = []
        searcher = threading.Thread(target=lambda: answered.append(search(index, "coopération").total))
        searcher.start()
        searcher.join(120)
        assert not release.is_set() and answered == [1]  # the old index, not blocked
    finally:
        release.set()
        worker.join(20)
    result = search(index, "coopération")
    assert [h.doc_id for h in result.hits] == [3]


def test_writers_take_turns_and_do_not_block_searches(index: SearchIndex) -> None:
    built(index)
    inside = threading.Event()
    leave = threading.Event()
    order = []

    def first():
        with index.writer() as w:
            inside.set()
            leave.wait(10)
            w.update_document(**record(1, 1, "Texte du premier écrivain."))
            order.append("first")

    def second():
        with index.writer() as w:
            w.update_document(**record(2, 0, "Texte du second écrivain."))
            order.append("second")

    a = threading.Thread(target=first)
    a.start()
    assert inside.wait(10)
    b = threading.Thread(target=second)
    b.start()
    time.sleep(0.2)
    assert search(index, "sécurité").total == 1  # a writer is open: the search still answers
    assert order == []  # the second writer waits for the first
    leave.set()
    a.join(10)
    b.join(10)
    assert order == ["first", "second"]
    assert search(index, "écrivain").total == 2


def test_a_failed_write_changes_nothing(index: SearchIndex) -> None:
    built(index)
    with pytest.raises(RuntimeError):
        with index.writer() as w:
            w.delete_by_term("doc", "1")
            raise RuntimeError("boom")
    assert search(index, "migration").total == 1


def test_the_searcher_sees_commits_from_another_index_object(index: SearchIndex) -> None:
    built(index)
    assert search(index, "transfrontalière").total == 0
    other = SearchIndex(index.path)
    with other.writer() as w:
        w.add_document(**record(3, 0, "Coopération transfrontalière."))
    other.close()
    assert search(index, "transfrontalière").total == 1


def test_a_rebuild_by_another_index_object_is_picked_up(index: SearchIndex) -> None:
    built(index)
    assert search(index, "migration").total == 1
    other = SearchIndex(index.path)  # e.g. `glose reindex` while the app runs
    other.rebuild(iter([[record(9, 0, "Tout autre chose : la pêche.")]]), 1)
    other.close()
    assert search(index, "migration").total == 0
    assert [h.doc_id for h in search(index, "pêche").hits] == [9]


def test_many_small_commits_stay_correct_and_get_merged(index: SearchIndex) -> None:
    from whoosh import index as whoosh_index

    from desktop.search.index import INDEX_NAME, MERGE_AT_SEGMENTS

    built(index)
    for i in range(MERGE_AT_SEGMENTS * 2):
        with index.writer() as w:
            assert index.delete(w, "key", paragraph_key(1, 1)) == 1
            w.add_document(**record(1, 1, f"Révision numéro{i} de la sécurité."))
        assert search(index, f"numéro{i}").total == 1
        assert search(index, "sécurité").total == 1
    segments = whoosh_index.open_dir(str(index.path), indexname=INDEX_NAME).reader().leaf_readers()
    assert len(segments) <= MERGE_AT_SEGMENTS + 1
    assert search(index, "migration").total == 1 and search(index, "numéro0").total == 0


def test_a_rebuild_in_several_segments_finds_everything(index: SearchIndex, monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop.search import index as index_module

    monkeypatch.setattr(index_module, "SEGMENT_TEXT_CHARS", 10)  # a segment per document
    many = [[record(d, 0, f"Paragraphe {d} sur la migration régulière.")] for d in range(1, 8)]
    assert index.rebuild(iter(many), len(many)) == 7
    with index.searcher() as s:
        assert len(s.reader().leaf_readers()) >= 6
    result = search(index, "migration", pagelen=3)
    assert result.total == 7 and len(result.hits) == 3
    assert search(index, "migrasion~").total == 7
    assert search(index, '"migration régulière"').total == 7
