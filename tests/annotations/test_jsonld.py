from __future__ import annotations

import copy
import json
import sqlite3
from pathlib import Path

import pytest

from desktop.annotations import jsonld, store
from desktop.annotations.aligned import DocumentNotes, document_notes
from desktop.library.db import connect
from desktop.translation import store as tstore

from .conftest import MODEL, PARAGRAPHS, save, translate


@pytest.fixture
def other(tmp_path: Path):
    """A second, separate library."""
    conn = connect(tmp_path / "other.db")
    yield conn
    conn.close()


def test_export_is_w3c_web_annotation(notes: DocumentNotes) -> None:
    data = jsonld.export_jsonld([notes])
    assert data["@context"] == "http://www.w3.org/ns/anno.jsonld" and data["type"] == "AnnotationCollection"
    items = data["first"]["items"]
    assert data["total"] == len(items) == 3
    item = next(i for i in items if len(i.get("body", [])) > 1)
    assert item["type"] == "Annotation" and item["id"].startswith("urn:uuid:")
    assert {b["purpose"] for b in item["body"]} == {"commenting", "tagging"}
    assert all(b["type"] == "TextualBody" for b in item["body"])
    target = item["target"]
    assert target["source"]["id"] == "urn:glose:sha256:" + notes.doc.content_hash
    kinds = {s["type"]: s for s in target["selector"]}
    assert kinds["TextQuoteSelector"]["exact"] == "gouvernance partagée"
    pos = kinds["TextPositionSelector"]
    assert notes.doc.text[pos["start"] : pos["end"]] == "gouvernance partagée"
    assert json.loads(jsonld.dumps(data)) == data
    assert jsonld.dumps(data).count("\n") < 40  # one annotation per line


def test_round_trip_into_another_library(conn: sqlite3.Connection, notes: DocumentNotes, other: sqlite3.Connection, tmp_path: Path) -> None:
    path = tmp_path / "notes.jsonld"
    path.write_text(jsonld.dumps(jsonld.export_jsonld([notes])), "utf-8")
    doc_b = save(other, PARAGRAPHS)
    translate(other, doc_b)
    tstore.set_post_edit(other, doc_b.id, 1, "It aims at shared governance & <regular> pathways.")
    report = jsonld.import_jsonld(other, jsonld.read_file(path), model_id=MODEL)
    assert (report.added, report.updated, report.unchanged, report.skipped) == (3, 0, 0, [])
    mine = {a.id: a.as_json() for a in store.list_annotations(conn)}
    theirs = {a.id: a.as_json() for a in store.list_annotations(other)}
    for data in (*mine.values(), *theirs.values()):
        data.pop("doc_id")
    # Everything comes across; the orphan is placed again here, where its passage exists.
    lost = next(k for k, v in mine.items() if v["status"] == "orphaned")
    assert theirs[lost]["status"] == "anchored"
    theirs[lost]["status"] = "orphaned"
    assert theirs == mine
    en = next(a for a in store.list_annotations(other) if a.side == "en")
    assert en.sentence_first == en.sentence_last == 5
    # Importing again changes nothing.
    again = jsonld.import_jsonld(other, jsonld.read_file(path), model_id=MODEL)
    assert (again.added, again.updated, again.unchanged) == (0, 0, 3)


def _bump(data: dict, ann_id: str, when: str = "2099-01-01T00:00:00.000Z") -> dict:
    data = copy.deepcopy(data)
    for item in data["first"]["items"]:
        if item["id"] == f"urn:uuid:{ann_id}":
            item["modified"] = when
    return data


def test_a_newer_version_updates_only_a_note_left_unchanged_here(
    conn: sqlite3.Connection, notes: DocumentNotes, other: sqlite3.Connection
) -> None:
    save(other, PARAGRAPHS)
    jsonld.import_jsonld(other, jsonld.export_jsonld([notes]))
    fr = next(a for a in store.list_annotations(conn) if a.note.startswith("Terme"))
    # Edited again where it was made, exported again: the other library follows.
    store.update_annotation(conn, fr.id, note="ma version plus récente", color="purple", tags=["x"])
    newer = jsonld.export_jsonld([document_notes(conn, notes.doc.id, MODEL)])
    report = jsonld.import_jsonld(other, newer)
    got = store.get_annotation(other, fr.id)
    assert report.updated == 1 and (got.note, got.color, got.tags) == ("ma version plus récente", "purple", ["x"])
    # An older export does not undo it.
    assert jsonld.import_jsonld(other, jsonld.export_jsonld([notes])).updated == 0
    assert store.get_annotation(other, fr.id).note == "ma version plus récente"


def test_a_note_changed_here_is_never_overwritten_the_import_becomes_a_copy(
    conn: sqlite3.Connection, notes: DocumentNotes, other: sqlite3.Connection
) -> None:
    save(other, PARAGRAPHS)
    data = jsonld.export_jsonld([notes])
    jsonld.import_jsonld(other, data)
    fr = next(a for a in store.list_annotations(conn) if a.note.startswith("Terme"))
    store.update_annotation(other, fr.id, note="leur version")
    store.update_annotation(conn, fr.id, note="ma version")
    report = jsonld.import_jsonld(other, _bump(jsonld.export_jsonld([document_notes(conn, notes.doc.id, MODEL)]), fr.id))
    assert store.get_annotation(other, fr.id).note == "leur version"
    assert (report.updated, report.copies, report.added) == (0, 1, 1) and "copies" in report.summary()
    copies = [a for a in store.list_annotations(other) if a.note == "ma version"]
    assert len(copies) == 1 and copies[0].id != fr.id and copies[0].quote == fr.quote
    # The same file again adds nothing more.
    again = jsonld.import_jsonld(other, _bump(jsonld.export_jsonld([document_notes(conn, notes.doc.id, MODEL)]), fr.id))
    assert (again.added, again.updated) == (0, 0)


def test_an_id_never_reaches_another_documents_note(conn: sqlite3.Connection, notes: DocumentNotes, other: sqlite3.Connection) -> None:
    """Regression (issue 18 item 2): an item with an existing id and a later `modified`
    replaced that note even when it targeted another document ("1 updated")."""
    mine = save(other, PARAGRAPHS, title="Mon document", content_hash="mine")
    base = store.create_annotation(other, mine, "fr", 0, 14, color="yellow", note="base")
    data = _bump(jsonld.export_jsonld([notes]), "x")
    item = data["first"]["items"][0]
    item["id"] = f"urn:uuid:{base.id}"
    item["modified"] = "2099-01-01T00:00:00.000Z"
    item["body"] = [{"type": "TextualBody", "purpose": "commenting", "value": "overwritten by import"}]
    theirs = save(other, PARAGRAPHS, title=notes.doc.title, content_hash=notes.doc.content_hash)
    report = jsonld.import_jsonld(other, {"type": "AnnotationCollection", "first": {"items": [item]}})
    assert store.get_annotation(other, base.id).note == "base"
    assert report.updated == 0 and report.copies == 1
    [copy_] = [a for a in store.list_annotations(other) if a.note == "overwritten by import"]
    assert copy_.doc_id == theirs.id


def test_times_from_a_file_are_clamped(notes: DocumentNotes, other: sqlite3.Connection) -> None:
    """Regression: a note dated 9999-12-31 could never be updated again."""
    save(other, PARAGRAPHS)
    data = copy.deepcopy(jsonld.export_jsonld([notes]))
    for item in data["first"]["items"]:
        item["created"], item["modified"] = "1066-10-14T09:00:00Z", "9999-12-31T23:59:59Z"
    before = store.now_iso()
    jsonld.import_jsonld(other, data)
    for ann in store.list_annotations(other):
        assert "1990-01-01" <= ann.created <= ann.modified <= store.now_iso() and ann.modified >= before


def test_document_matched_by_title_when_the_file_differs(notes: DocumentNotes, other: sqlite3.Connection) -> None:
    changed = ["Avant-propos."] + PARAGRAPHS
    save(other, changed, title="  MIGRATIONS ", content_hash="another-hash")
    report = jsonld.import_jsonld(other, jsonld.export_jsonld([notes]))
    assert report.added == 3
    fr = next(a for a in store.list_annotations(other) if a.quote == "gouvernance partagée")
    assert fr.status == "anchored" and fr.start == notes.doc.text.index("gouvernance partagée") + len("Avant-propos.\n\n")
    # English side: not translated in this library yet, so it waits (stored as orphaned,
    # reported as waiting for the translation), and the summary says so.
    assert (report.orphaned, report.waiting) == (0, 1)
    assert "wait for the translation" in report.summary() and "orphaned" not in report.summary()


def test_english_notes_imported_before_the_translation_are_placed_after_it(
    notes: DocumentNotes, other: sqlite3.Connection, tmp_path: Path
) -> None:
    from desktop import operations
    from desktop.annotations.anchoring import waiting_for_translation

    doc = save(other, PARAGRAPHS)
    report = jsonld.import_jsonld(other, jsonld.export_jsonld([notes]), model_id=MODEL)
    [en] = store.list_annotations(other, side="en")
    assert report.waiting == 1 and en.status == store.ORPHANED
    assert waiting_for_translation(en, tstore.english_side(other, doc, MODEL))
    # Half the document translated: the note's sentence still is not, so it still waits.
    translate(other, doc, only={0, 1})
    change = operations.translations_changed(other, tmp_path / "data", doc.id, [0], MODEL)
    assert change.placed == [] and waiting_for_translation(store.get_annotation(other, en.id), tstore.english_side(other, doc, MODEL))
    # The rest translated: the re-anchoring that follows every translation places it.
    english = translate(other, doc)
    change = operations.translations_changed(other, tmp_path / "data", doc.id, [1, 2], MODEL)
    placed = store.get_annotation(other, en.id)
    assert change.placed == [en.id] and placed.status == store.ANCHORED
    assert english.text[placed.start : placed.end] == "EN Le forum" and placed.sentence_first is not None
    assert not waiting_for_translation(placed, english)


def test_a_truly_lost_english_note_is_not_said_to_wait(notes: DocumentNotes, other: sqlite3.Connection) -> None:
    doc = save(other, PARAGRAPHS)
    translate(other, doc, mt=lambda s: "EN " + s.upper())  # an English where "EN Le forum" is not
    report = jsonld.import_jsonld(other, jsonld.export_jsonld([notes]), model_id=MODEL)
    assert (report.orphaned, report.waiting) == (1, 0)


def test_unreadable_or_foreign_files_get_a_clear_message(other: sqlite3.Connection, tmp_path: Path) -> None:
    missing = tmp_path / "nonexist.jsonld"
    with pytest.raises(ValueError, match=r"nonexist\.jsonld: no such file; check the name, or choose a file written by `glose export"):
        jsonld.read_file(missing)
    with pytest.raises(ValueError, match=r"is a folder"):
        jsonld.read_file(tmp_path)
    for content in ('{"name": "a settings file"}', '[1, 2, 3]', '{"items": [{"type": "Page"}]}'):
        with pytest.raises(ValueError, match="no Web Annotations in it.*glose export DOC --format jsonld"):
            jsonld.import_jsonld(other, json.loads(content))
    with pytest.raises(ValueError, match="not a JSON object or list of Web Annotations"):
        jsonld.import_jsonld(other, "a string")
    assert jsonld.import_jsonld(other, {"type": "AnnotationCollection", "total": 0}).added == 0


def test_unknown_documents_and_bad_items_are_reported_not_imported(notes: DocumentNotes, other: sqlite3.Connection, tmp_path: Path) -> None:
    data = jsonld.export_jsonld([notes])
    data["first"]["items"].append({"type": "Annotation", "id": "x"})
    data["first"]["items"].append("nonsense")
    report = jsonld.import_jsonld(other, data)
    assert report.added == 0 and len(report.skipped) == 5
    assert "not in this library" in report.skipped[0] and "no target" in report.skipped[3]
    assert store.list_annotations(other) == []
    bad = tmp_path / "bad.jsonld"
    bad.write_text("{not json", "utf-8")
    with pytest.raises(ValueError, match="bad.jsonld: not JSON"):
        jsonld.read_file(bad)


def test_a_single_annotation_from_another_tool(other: sqlite3.Connection) -> None:
    doc = save(other, PARAGRAPHS)
    item = {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": "https://example.org/anno/1",
        "type": "Annotation",
        "body": {"type": "TextualBody", "value": "Vu à la réunion"},
        "target": {"source": {"id": "https://example.org/x", "title": "Migrations"},
                   "selector": {"type": "TextQuoteSelector", "exact": "retour volontaire"}},
    }
    report = jsonld.import_jsonld(other, item)
    [ann] = store.list_annotations(other)
    assert report.added == 1 and ann.note == "Vu à la réunion" and ann.color == "yellow"
    assert doc.text[ann.start : ann.end] == "retour volontaire"
