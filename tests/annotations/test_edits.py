from __future__ import annotations

import sqlite3

from desktop.annotations import edits, store
from desktop.library.models import Document


def test_create_undo_redo_keeps_the_same_id(conn: sqlite3.Connection, doc: Document) -> None:
    cmd = edits.CreateAnnotation(conn, store.new_annotation(doc, "fr", 0, 14, color="yellow", note="n"))
    cmd.do()
    ann = store.get_annotation(conn, cmd.annotation_id)
    assert ann.quote == "Le partenariat" and cmd.annotation == ann
    cmd.undo()
    assert store.list_annotations(conn) == [] and cmd.annotation is None
    cmd.do()
    assert store.get_annotation(conn, cmd.annotation_id) == ann


def test_each_edit_undoes_to_exactly_what_was_there(conn: sqlite3.Connection, doc: Document) -> None:
    ann = store.create_annotation(conn, doc, "fr", 0, 14, color="yellow", note="avant", tags=["a"])
    stack = [
        edits.EditNote(conn, ann.id, "après"),
    ]
    stack[0].do()
    stack.append(edits.Recolor(conn, ann.id, "purple"))
    stack[1].do()
    stack.append(edits.Retag(conn, ann.id, ["b", "c"]))
    stack[2].do()
    now = store.get_annotation(conn, ann.id)
    assert (now.note, now.color, now.tags) == ("après", "purple", ["b", "c"])
    assert now.modified > ann.modified
    for cmd in reversed(stack):
        cmd.undo()
    assert store.get_annotation(conn, ann.id) == ann
    for cmd in stack:
        cmd.do()
    assert store.get_annotation(conn, ann.id) == now


def test_delete_and_undo_brings_back_tags_and_times(conn: sqlite3.Connection, doc: Document) -> None:
    ann = store.create_annotation(conn, doc, "fr", 0, 14, color="green", tags=["x", "y"])
    cmd = edits.DeleteAnnotation(conn, ann.id)
    cmd.do()
    assert store.list_annotations(conn) == []
    cmd.undo()
    assert store.get_annotation(conn, ann.id) == ann


def test_reattach_an_orphan_and_undo(conn: sqlite3.Connection, doc: Document) -> None:
    ann = store.create_annotation(conn, doc, "fr", 0, 14, color="green")
    orphan = store.Annotation(**{**ann.__dict__, "status": "orphaned"})
    store.write_anchors(conn, [orphan])
    start = doc.text.index("Lianyungang")
    cmd = edits.Reattach(conn, ann.id, store.new_annotation(doc, "fr", start, start + 11, color="green"))
    cmd.do()
    placed = store.get_annotation(conn, ann.id)
    assert (placed.status, placed.quote, placed.start) == ("anchored", "Lianyungang", start)
    cmd.undo()
    assert store.get_annotation(conn, ann.id) == orphan
