"""Undo/redo for annotation edits: QUndoCommands around the core's annotation operations.

Every write runs off the UI thread, one at a time and in order (a serial queue on the
shared TaskRunner), each on its own connection. The core operations return the
annotation as it was, so undo restores it whole (note, colour, tags, anchor).
One `AnnotationHistory` per window, shared by the reader and the notes panel
(`history_for(ctx)`), holds the QUndoStack behind Edit → Undo / Redo.
"""

from __future__ import annotations

import sqlite3
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtGui import QAction, QKeySequence, QUndoCommand, QUndoStack

from desktop.annotations import store as ann_store
from desktop.annotations.store import Annotation
from desktop.library.models import Document
from desktop.translation.store import EnglishSide

Job = Callable[[sqlite3.Connection], Any]


@dataclass
class _Write:
    job: Job
    on_done: Callable[[Any], None] | None


class AnnotationHistory(QObject):
    """The undo stack of annotation edits and the ordered writer behind it."""

    # doc_id, annotation_id: an annotation was written (created, edited, deleted, restored).
    changed = Signal(int, str)
    failed = Signal(str)
    idle = Signal()

    def __init__(self, ctx: Any, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.stack = QUndoStack(self)
        self._queue: deque[_Write] = deque()
        self._running = False
        self.after_write: list[Callable[[sqlite3.Connection, Annotation], None]] = []

    # -- the ordered writer -------------------------------------------------------------

    def submit(self, job: Job, on_done: Callable[[Any], None] | None = None) -> None:
        """Queue a write; jobs run one after another, each on a fresh worker connection."""
        self._queue.append(_Write(job, on_done))
        self._pump()

    def busy(self) -> bool:
        return self._running or bool(self._queue)

    def _pump(self) -> None:
        if self._running or not self._queue:
            return
        write = self._queue.popleft()
        self._running = True
        connect = self.ctx.connect
        hooks = list(self.after_write)

        def run() -> Any:
            conn = connect()
            try:
                result = write.job(conn)
                for hook in hooks:  # e.g. refresh the search index's note text
                    for ann in result if isinstance(result, list) else [result]:
                        if isinstance(ann, Annotation):
                            try:
                                hook(conn, ann)
                            except Exception:  # derived data: never fails the edit
                                pass
                return result
            finally:
                conn.close()

        def done(result: Any) -> None:
            self._running = False
            if write.on_done is not None:
                write.on_done(result)
            if isinstance(result, Annotation):
                self.changed.emit(result.doc_id, result.id)
            self._after()

        def failed(exc: BaseException) -> None:
            from desktop.ui.tasks import error_message

            self._running = False
            self.failed.emit(error_message(exc))
            self._after()

        self.ctx.tasks.run(run, on_result=done, on_error=failed, name="annotation edit")

    def _after(self) -> None:
        if self._queue:
            self._pump()
        else:
            self.idle.emit()

    # -- user edits, as undoable commands ---------------------------------------------

    def create(
        self,
        doc: Document,
        side: str,
        start: int,
        end: int,
        *,
        color: str,
        note: str = "",
        tags: Iterable[str] = (),
        english: EnglishSide | None = None,
    ) -> Annotation:
        """Highlight a passage; returns the new annotation (its write is queued)."""
        ann = ann_store.new_annotation(doc, side, start, end, color=color, note=note, tags=tags, english=english)
        self.stack.push(CreateCommand(self, ann))
        return ann

    def edit(
        self,
        ann_id: str,
        *,
        note: str | None = None,
        color: str | None = None,
        tags: Iterable[str] | None = None,
        text: str | None = None,
    ) -> None:
        self.stack.push(EditCommand(self, ann_id, note=note, color=color, tags=tags, text=text))

    def delete(self, ann_id: str) -> None:
        self.stack.push(DeleteCommand(self, ann_id))

    def reattach(
        self, ann_id: str, doc: Document, start: int, end: int, english: EnglishSide | None = None
    ) -> None:
        self.stack.push(ReattachCommand(self, ann_id, doc, start, end, english))

    # -- actions for the Edit menu ------------------------------------------------------

    def undo_action(self, parent: QObject) -> QAction:
        action = self.stack.createUndoAction(parent, self.tr("Undo"))
        action.setShortcut(QKeySequence.StandardKey.Undo)
        action.setObjectName("actionUndo")
        return action

    def redo_action(self, parent: QObject) -> QAction:
        action = self.stack.createRedoAction(parent, self.tr("Redo"))
        action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        action.setObjectName("actionRedo")
        return action


def history_for(ctx: Any) -> AnnotationHistory:
    """The window's shared history (kept in ctx.extras so reader and panels use one stack)."""
    history = ctx.extras.get("annotation_history")
    if history is None:
        history = AnnotationHistory(ctx, ctx.tasks)
        ctx.extras["annotation_history"] = history
    return history


class _Command(QUndoCommand):
    def __init__(self, history: AnnotationHistory, text: str) -> None:
        super().__init__(text)
        self.history = history


class CreateCommand(_Command):
    def __init__(self, history: AnnotationHistory, ann: Annotation) -> None:
        super().__init__(history, QCoreApplication.translate("AnnotationHistory", "Highlight"))
        self.ann = ann

    def redo(self) -> None:
        ann = self.ann
        self.history.submit(lambda conn: (ann_store.insert_annotation(conn, ann), ann)[1])

    def undo(self) -> None:
        ann_id = self.ann.id
        self.history.submit(lambda conn: ann_store.delete_annotation(conn, ann_id))


class EditCommand(_Command):
    """Change note, colour and/or tags; undo writes back the annotation as it was."""

    def __init__(
        self,
        history: AnnotationHistory,
        ann_id: str,
        *,
        note: str | None,
        color: str | None,
        tags: Iterable[str] | None,
        text: str | None = None,
    ) -> None:
        label = text or (
            QCoreApplication.translate("AnnotationHistory", "Edit note")
            if note is not None
            else QCoreApplication.translate("AnnotationHistory", "Change colour")
            if color is not None
            else QCoreApplication.translate("AnnotationHistory", "Edit tags")
        )
        super().__init__(history, label)
        self.ann_id = ann_id
        self.note = note
        self.color = color
        self.tags = list(tags) if tags is not None else None
        self.before: Annotation | None = None
        self.after: Annotation | None = None

    def redo(self) -> None:
        if self.after is not None:  # a redo after undo: write back exactly what was saved
            after = self.after
            self.history.submit(lambda conn: (ann_store.save_annotation(conn, after), after)[1])
            return

        def first(conn: sqlite3.Connection) -> Annotation:
            self.before = ann_store.get_annotation(conn, self.ann_id)
            self.after = ann_store.update_annotation(conn, self.ann_id, note=self.note, color=self.color, tags=self.tags)
            return self.after

        self.history.submit(first)

    def undo(self) -> None:
        def back(conn: sqlite3.Connection) -> Annotation:
            # `before` was captured by the first write, which ran earlier in the same queue.
            assert self.before is not None
            ann_store.save_annotation(conn, self.before)
            return self.before

        self.history.submit(back)


class DeleteCommand(_Command):
    def __init__(self, history: AnnotationHistory, ann_id: str) -> None:
        super().__init__(history, QCoreApplication.translate("AnnotationHistory", "Delete highlight"))
        self.ann_id = ann_id
        self.before: Annotation | None = None

    def redo(self) -> None:
        def run(conn: sqlite3.Connection) -> Annotation:
            self.before = ann_store.delete_annotation(conn, self.ann_id)
            return self.before

        self.history.submit(run)

    def undo(self) -> None:
        def run(conn: sqlite3.Connection) -> Annotation:
            assert self.before is not None
            ann_store.insert_annotation(conn, self.before)
            return self.before

        self.history.submit(run)


class ReattachCommand(_Command):
    def __init__(
        self,
        history: AnnotationHistory,
        ann_id: str,
        doc: Document,
        start: int,
        end: int,
        english: EnglishSide | None,
    ) -> None:
        super().__init__(history, QCoreApplication.translate("AnnotationHistory", "Re-attach note"))
        self.ann_id = ann_id
        self.doc = doc
        self.span = (start, end)
        self.english = english
        self.before: Annotation | None = None

    def redo(self) -> None:
        def run(conn: sqlite3.Connection) -> Annotation:
            self.before = ann_store.get_annotation(conn, self.ann_id)
            return ann_store.reattach_annotation(conn, self.ann_id, self.doc, *self.span, english=self.english)

        self.history.submit(run)

    def undo(self) -> None:
        def run(conn: sqlite3.Connection) -> Annotation:
            assert self.before is not None
            ann_store.save_annotation(conn, self.before)
            return self.before

        self.history.submit(run)
