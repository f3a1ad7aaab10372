from __future__ import annotations

import sqlite3

import pytest

from desktop.annotations import store
from desktop.library.models import Document
from desktop.translation.store import EnglishSide


def test_create_stores_both_selectors_and_lists_it(conn: sqlite3.Connection, doc: Document) -> None:
    start = doc.text.index("gouvernance partagée")
    ann = store.create_annotation(conn, doc, "fr", start, start + 20, color="green", note=" À revoir ", tags=["gouv", " gouv", "UN"])
    assert ann.quote == "gouvernance partagée"
    assert ann.prefix == doc.text[start - 32 : start] and ann.suffix == doc.text[start + 20 : start + 52]
    assert ann.note == "À revoir" and ann.tags == ["gouv", "UN"] and ann.status == "anchored"
    assert store.get_annotation(conn, ann.id) == ann
    assert store.list_annotations(conn, doc.id) == [ann]
    assert store.list_annotations(conn, status="orphaned") == []
    assert set(ann.as_json()) == {"id", "doc_id", "side", "start", "end", "quote", "prefix", "suffix",
                                  "color", "note", "tags", "status", "created", "modified"}


def test_english_side_records_its_sentences(conn: sqlite3.Connection, doc: Document, english: EnglishSide) -> None:
    start = english.text.index("EN Les delegues")
    ann = store.create_annotation(conn, doc, "en", start, start + 15, color="blue", english=english)
    last = max(english.sentence_spans)
    assert (ann.sentence_first, ann.sentence_last) == (last, last)
    assert ann.sentence_offset == 0
    assert store.annotation_paragraphs(doc, ann, english) == [2]
    assert store.annotation_paragraphs(doc, ann, None) == [2]


def test_bad_input_is_refused_with_a_clear_message(conn: sqlite3.Connection, doc: Document) -> None:
    with pytest.raises(ValueError, match="colour"):
        store.create_annotation(conn, doc, "fr", 0, 5, color="orange")
    with pytest.raises(ValueError, match="outside"):
        store.create_annotation(conn, doc, "fr", 5, 5, color="yellow")
    with pytest.raises(ValueError, match="English side"):
        store.create_annotation(conn, doc, "en", 0, 5, color="yellow")
    with pytest.raises(LookupError, match="notes list"):
        store.get_annotation(conn, "nope")
    assert store.list_annotations(conn) == []


def test_update_changes_modified_only_when_something_changes(conn: sqlite3.Connection, doc: Document) -> None:
    ann = store.create_annotation(conn, doc, "fr", 0, 10, color="yellow")
    same = store.update_annotation(conn, ann.id, note="", color="yellow")
    assert same.modified == ann.modified
    new = store.update_annotation(conn, ann.id, note="**clé**", color="PINK", tags=["b", "a"])
    assert (new.note, new.color, new.tags) == ("**clé**", "pink", ["a", "b"])
    assert new.modified > ann.modified and new.created == ann.created
    assert store.get_annotation(conn, ann.id) == new
    assert store.all_tags(conn) == ["a", "b"]
    store.update_annotation(conn, ann.id, tags=[])
    assert store.all_tags(conn) == []


def test_delete_returns_the_annotation_and_reinserting_restores_it(conn: sqlite3.Connection, doc: Document) -> None:
    ann = store.create_annotation(conn, doc, "fr", 0, 10, color="yellow", tags=["t"])
    gone = store.delete_annotation(conn, ann.id)
    assert gone == ann and store.list_annotations(conn) == []
    assert conn.execute("SELECT COUNT(*) FROM annotation_tags").fetchone()[0] == 0
    store.insert_annotation(conn, gone)
    assert store.get_annotation(conn, ann.id) == ann


def test_find_by_short_id(conn: sqlite3.Connection, doc: Document) -> None:
    ann = store.create_annotation(conn, doc, "fr", 0, 10, color="yellow")
    assert store.find_annotation(conn, ann.id[:8]).id == ann.id
    assert store.find_annotation(conn, "urn:uuid:" + ann.id).id == ann.id
    with pytest.raises(LookupError):
        store.find_annotation(conn, "")


def test_writes_are_committed_and_synchronous_restored(conn: sqlite3.Connection, doc: Document, data_dir) -> None:
    before = conn.execute("PRAGMA synchronous").fetchone()[0]
    ann = store.create_annotation(conn, doc, "fr", 0, 10, color="yellow")
    assert not conn.in_transaction
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == before
    other = sqlite3.connect(str(data_dir / "glose.db"))
    assert other.execute("SELECT id FROM annotations").fetchone()[0] == ann.id
    other.close()


def test_quick_edits_keep_ordered_modified_times(conn: sqlite3.Connection, doc: Document) -> None:
    ann = store.create_annotation(conn, doc, "fr", 0, 10, color="yellow")
    stamps = [ann.modified]
    for n in range(5):
        stamps.append(store.update_annotation(conn, ann.id, note=str(n)).modified)
    assert stamps == sorted(set(stamps))


def test_reattach_places_an_orphan_on_a_new_passage(conn: sqlite3.Connection, doc: Document) -> None:
    ann = store.create_annotation(conn, doc, "fr", 0, 10, color="yellow", note="n")
    orphan = store.Annotation(**{**ann.__dict__, "status": "orphaned"})
    store.write_anchors(conn, [orphan])
    assert store.list_annotations(conn, status="orphaned")[0].id == ann.id
    start = doc.text.index("Lianyungang")
    back = store.reattach_annotation(conn, ann.id, doc, start, start + 11)
    assert (back.status, back.quote, back.note) == ("anchored", "Lianyungang", "n")
    assert store.annotation_paragraphs(doc, back) == [2]


def test_durable_blocks_nest_into_one_transaction(conn: sqlite3.Connection, doc: Document) -> None:
    first = store.new_annotation(doc, "fr", 0, 10, color="yellow")
    second = store.new_annotation(doc, "fr", 20, 30, color="yellow")
    with pytest.raises(RuntimeError):
        with store.durable(conn):
            store.insert_annotation(conn, first)
            store.insert_annotation(conn, second)
            raise RuntimeError("half way")
    assert store.list_annotations(conn) == []
    with store.durable(conn):
        store.insert_annotation(conn, first)
        store.insert_annotation(conn, second)
    assert len(store.list_annotations(conn)) == 2


def test_annotation_paragraphs_agree_with_a_plain_scan(doc: Document, english: EnglishSide) -> None:
    """The binary searches give what scanning every paragraph/sentence gives, for any span."""
    from dataclasses import replace

    def scan(ann: store.Annotation) -> list[int]:
        if ann.side == "fr":
            hit = [p.index for p in doc.paragraphs if p.start < ann.end and ann.start < p.end]
            return hit or [next((p.index for p in doc.paragraphs if ann.start <= p.end), doc.paragraphs[-1].index)]
        hit = [i for i, (a, b) in enumerate(english.paragraph_spans) if a < b and a < ann.end and ann.start < b]
        if hit:
            return hit
        return sorted({s.paragraph_index for s in doc.sentences if ann.sentence_first <= s.index <= ann.sentence_last})

    base = store.new_annotation(doc, "fr", 0, 1, color="yellow")
    checked = 0
    for side, length in (("fr", len(doc.text)), ("en", len(english.text))):
        for start in range(0, length + 3, 3):
            for width in (1, 7, 60, 200):
                first, last = store.sentences_under(english, start, start + width) if side == "en" else (None, None)
                ann = replace(base, side=side, start=start, end=start + width, sentence_first=first if first is not None else 0,
                              sentence_last=last if last is not None else 0)
                assert store.annotation_paragraphs(doc, ann, english if side == "en" else None) == scan(ann), (side, start, width)
                if side == "en":  # without the English side: by the sentences it recorded
                    assert store.annotation_paragraphs(doc, ann, None) == sorted(
                        {s.paragraph_index for s in doc.sentences if ann.sentence_first <= s.index <= ann.sentence_last})
                checked += 1
    assert checked > 500
