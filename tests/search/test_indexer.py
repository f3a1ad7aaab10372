"""The index follows the library: import, re-import, removal, translations, post-edits, notes.

These go through desktop.operations, the functions the CLI and the app call.
"""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

import pytest

from desktop import config, operations
from desktop.library import store
from desktop.search import indexer
from desktop.search.index import OK, STALE, SearchIndex
from desktop.search.searcher import search
from desktop.translation import store as tstore


@pytest.fixture
def index(data_dir: Path) -> SearchIndex:
    ix = SearchIndex.for_data_dir(data_dir)
    yield ix
    ix.close()


def write(path: Path, *paragraphs: str) -> Path:
    path.write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
    return path


def doc_of(conn: sqlite3.Connection, name: str) -> int:
    """The document imported from the file whose name starts with `name`."""
    rows = conn.execute("SELECT id, path FROM documents").fetchall()
    (doc_id,) = [r[0] for r in rows if Path(r[1]).name.startswith(name)]
    return doc_id


def test_importing_the_seeds_builds_the_index(seeded: sqlite3.Connection, index: SearchIndex) -> None:
    assert index.state() == OK
    result = search(index, "Asie du Sud-Est")
    assert result.total >= 1
    assert {h.doc_id for h in result.hits} == {doc_of(seeded, "mieux")}


def test_reimport_and_removal_update_just_that_document(conn, data_dir: Path, tmp_path: Path, index: SearchIndex) -> None:
    a = write(tmp_path / "a.txt", "La migration régulière.", "Les frontières terrestres.", "Un troisième paragraphe.")
    write(tmp_path / "b.txt", "La coopération régionale.")
    operations.import_files(conn, data_dir, [tmp_path], max_bytes=config.max_import_bytes())
    doc_a = doc_of(conn, "a")
    assert search(index, "frontières").total == 1
    write(a, "La migration irrégulière.")  # fewer paragraphs, new words
    operations.import_files(conn, data_dir, [a], max_bytes=config.max_import_bytes())
    assert search(index, "frontières").total == 0
    assert search(index, "troisième").total == 0
    assert [h.doc_id for h in search(index, "irrégulière").hits] == [doc_a]
    operations.remove_document(conn, data_dir, doc_a)
    assert search(index, "migration").total == 0
    assert search(index, "coopération").total == 1


def test_translations_and_post_edits_are_searchable_in_english(seeded: sqlite3.Connection, data_dir: Path, index: SearchIndex) -> None:
    doc = store.get_document(seeded, doc_of(seeded, "vietnam"))
    first, second = doc.sentences[0], doc.sentences[1]
    tstore.put_mt(seeded, "test-model@1", [(first.source_hash, "Vietnam reviews the global compact on migration.")])
    operations.reindex_paragraphs(seeded, data_dir, doc.id, [first.paragraph_index], index=index)
    hits = search(index, "reviews", lang="en").hits
    assert [(h.doc_id, h.paragraph_index, h.lang) for h in hits] == [(doc.id, first.paragraph_index, "en")]
    assert "<b>reviews</b>" in hits[0].snippet

    changed = tstore.set_post_edit(seeded, doc.id, first.index, "Vietnam assesses the Global Compact.")
    operations.reindex_paragraphs(seeded, data_dir, doc.id, changed, index=index)
    assert search(index, "reviews", lang="en").total == 0  # the post-edit wins over MT
    assert search(index, "assesses", lang="en").total == 1
    assert search(index, "reviews", lang="fr").total == 0
    # Another paragraph's update does not disturb this one.
    operations.reindex_paragraphs(seeded, data_dir, doc.id, [second.paragraph_index], index=index)
    assert search(index, "assesses").total == 1


def test_notes_and_tags_are_searchable(seeded: sqlite3.Connection, data_dir: Path, index: SearchIndex) -> None:
    from desktop.annotations.store import create_annotation, update_annotation

    doc = store.get_document(seeded, doc_of(seeded, "vietnam"))
    p = doc.paragraphs[2]
    ann = create_annotation(seeded, doc, "fr", p.start, p.start + 10, color="yellow", note="Check the figures with the ministry", tags=["à vérifier"])
    operations.reindex_paragraphs(seeded, data_dir, doc.id, [p.index], index=index)
    hits = search(index, "notes:ministries").hits
    assert [(h.doc_id, h.paragraph_index, h.lang) for h in hits] == [(doc.id, p.index, "notes")]
    assert search(index, "ministry figures").total == 1  # notes are searched with `all`
    assert search(index, "ministry", lang="fr").total == 0
    assert search(index, 'tags:"à vérifier"').total == 1

    update_annotation(seeded, ann.id, note="Nothing left to say", tags=[])
    operations.reindex_paragraphs(seeded, data_dir, doc.id, [p.index], index=index)
    assert search(index, "ministry").total == 0
    assert search(index, "notes:nothing").total == 1


def test_an_english_side_note_belongs_to_its_first_sentence_paragraph(seeded, data_dir: Path, index: SearchIndex) -> None:
    from desktop.annotations.store import create_annotation

    doc = store.get_document(seeded, doc_of(seeded, "vietnam"))
    s = doc.sentences_of(3)[0]
    tstore.put_mt(seeded, "test-model@1", [(s.source_hash, "A sentence in English.")])
    english = tstore.english_side(seeded, doc, None)
    a, b = english.sentence_spans[s.index]
    create_annotation(seeded, doc, "en", a, b, color="green", note="transboundary remark", english=english)
    operations.reindex_paragraphs(seeded, data_dir, doc.id, None, index=index)
    assert [h.paragraph_index for h in search(index, "transboundary").hits] == [3]


def test_updating_one_paragraph_writes_only_it(seeded: sqlite3.Connection, data_dir: Path, index: SearchIndex) -> None:
    # Behaviour, not speed (tests/bench/bench_search.py measures the update): in place, one record.
    doc_id = doc_of(seeded, "gfmd")
    search(index, "migration")
    assert operations.reindex_paragraphs(seeded, data_dir, doc_id, [3], index=index) is True  # no rebuild
    assert indexer.update_document(index, seeded, doc_id, [3]) == 1


def test_a_missing_index_is_rebuilt_by_the_next_update(seeded, data_dir: Path, index: SearchIndex) -> None:
    import shutil

    shutil.rmtree(index.path)
    assert operations.reindex_paragraphs(seeded, data_dir, doc_of(seeded, "gfmd"), [0], index=index) is False
    assert index.state() == OK
    assert search(index, "Lianyungang").total >= 1  # every document, not only the updated one


def test_index_failures_never_fail_the_edit(seeded, data_dir: Path, index: SearchIndex, monkeypatch, caplog) -> None:
    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(indexer, "update_document", broken)
    with caplog.at_level(logging.WARNING):
        assert operations.reindex_paragraphs(seeded, data_dir, doc_of(seeded, "gfmd"), [0], index=index) is False
    assert "disk full" in caplog.text
    assert index.state() == STALE
    monkeypatch.undo()
    assert operations.ensure_index(seeded, data_dir, index=index) is True
    assert index.state() == OK


def test_a_failing_index_does_not_break_import(conn, data_dir: Path, tmp_path: Path, monkeypatch, caplog) -> None:
    def broken(*args, **kwargs):
        raise OSError("no space left on device")

    monkeypatch.setattr(indexer, "rebuild", broken)
    write(tmp_path / "a.txt", "La migration régulière.")
    with caplog.at_level(logging.WARNING):
        outcomes = operations.import_files(conn, data_dir, [tmp_path / "a.txt"], max_bytes=config.max_import_bytes())
    assert [o.status for o in outcomes] == ["imported"]
    assert "no space left" in caplog.text


def test_rebuild_index_counts_paragraphs(seeded: sqlite3.Connection, data_dir: Path) -> None:
    expected = seeded.execute("SELECT COUNT(*) FROM paragraphs").fetchone()[0]
    assert operations.rebuild_index(seeded, data_dir) == expected
    assert operations.ensure_index(seeded, data_dir) is False


def test_a_damaged_index_file_is_reported_and_rebuilt(seeded, data_dir: Path, index: SearchIndex) -> None:
    from desktop.search.index import IndexUnavailable

    index.close()
    biggest = max((p for p in index.path.iterdir() if p.is_file()), key=lambda p: p.stat().st_size)
    biggest.write_bytes(b"\0" * biggest.stat().st_size)
    with pytest.raises(IndexUnavailable):
        search(index, "migration")
    assert index.state() != OK
    assert operations.ensure_index(seeded, data_dir, index=index) is True
    assert search(index, "migration").total > 0
