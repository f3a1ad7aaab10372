"""Undoable annotation edits: plain objects with do()/undo() that the UI's QUndoStack wraps.

Each holds the connection it writes to and what it needs to revert; `do()` may run again
after `undo()` (redo) and gives the same result, the same annotation id included.
`annotation` is the annotation as it stands after the last do()/undo() (None once deleted),
and `doc_id` tells the UI which document to refresh.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import replace

from desktop.annotations import store
from desktop.annotations.colours import check_color
from desktop.annotations.store import Annotation


class AnnotationEdit:
    label = "Edit annotation"

    def __init__(self, conn: sqlite3.Connection, before: Annotation | None, after: Annotation | None) -> None:
        self.conn = conn
        self.before = before
        self.after = after
        self.annotation: Annotation | None = before
        ref = before or after
        assert ref is not None
        self.doc_id = ref.doc_id
        self.annotation_id = ref.id

    def do(self) -> None:
        self._apply(self.before, self.after)

    def undo(self) -> None:
        self._apply(self.after, self.before)

    def _apply(self, current: Annotation | None, target: Annotation | None) -> None:
        if target is None:
            store.delete_annotation(self.conn, self.annotation_id)
        elif current is None:
            store.insert_annotation(self.conn, target)
        else:
            store.save_annotation(self.conn, target)
        self.annotation = target


class CreateAnnotation(AnnotationEdit):
    label = "Highlight"

    def __init__(self, conn: sqlite3.Connection, annotation: Annotation) -> None:
        """`annotation` from `store.new_annotation(...)`: not saved until do()."""
        super().__init__(conn, None, annotation)


class DeleteAnnotation(AnnotationEdit):
    label = "Delete annotation"

    def __init__(self, conn: sqlite3.Connection, ann_id: str) -> None:
        super().__init__(conn, store.get_annotation(conn, ann_id), None)


def _changed(conn: sqlite3.Connection, ann_id: str, **fields: object) -> tuple[Annotation, Annotation]:
    before = store.get_annotation(conn, ann_id)
    after = replace(before, **fields)  # type: ignore[arg-type]
    after.modified = store.later_than(before.modified)
    return before, after


class EditNote(AnnotationEdit):
    label = "Edit note"

    def __init__(self, conn: sqlite3.Connection, ann_id: str, note: str) -> None:
        super().__init__(conn, *_changed(conn, ann_id, note=note.strip()))


class Recolor(AnnotationEdit):
    label = "Change colour"

    def __init__(self, conn: sqlite3.Connection, ann_id: str, color: str) -> None:
        super().__init__(conn, *_changed(conn, ann_id, color=check_color(color)))


class Retag(AnnotationEdit):
    label = "Change tags"

    def __init__(self, conn: sqlite3.Connection, ann_id: str, tags: Iterable[str]) -> None:
        super().__init__(conn, *_changed(conn, ann_id, tags=store.normalize_tags(tags)))


class Reattach(AnnotationEdit):
    label = "Re-attach annotation"

    def __init__(self, conn: sqlite3.Connection, ann_id: str, placed: Annotation) -> None:
        """`placed`: a `store.new_annotation(...)` on the chosen passage; its anchor is taken."""
        before = store.get_annotation(conn, ann_id)
        after = store.reattached(before, placed)
        super().__init__(conn, before, after)
