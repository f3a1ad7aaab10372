"""Undo/redo for annotation edits: QUndoCommands around the core's undoable edits
(`desktop.annotations.edits`: objects with do()/undo()).

Every write runs off the UI thread, one at a time and in order (a serial queue on the
shared TaskRunner) on one writer connection, so an undo never overtakes the edit it
reverts. After each write the search index is refreshed for the paragraphs the
annotation touches (its notes and tags are searchable). One `AnnotationHistory` per
window, shared by the reader and the notes panel (`history_for(ctx)`), holds the
QUndoStack behind Edit → Undo / Redo.
"""

from __future__ import annotations

import logging
import sqlite3
from collections import deque
from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtGui import QAction, QKeySequence, QUndoCommand, QUndoStack

from desktop.annotations import edits
from desktop.annotations import store as ann_store
from desktop.annotations.store import Annotation
from desktop.library.models import Document
from desktop.translation.store import EnglishSide

log = logging.getLogger(__name__)

EditFactory = Callable[[sqlite3.Connection], edits.AnnotationEdit]



def reindex_after(conn: sqlite3.Connection, data_dir: Any, edit: edits.AnnotationEdit, index: Any = None) -> None:
    """Refresh the search index for the paragraphs the edited annotation touched (before and after)."""
    from desktop import operations
    from desktop.library import store as library_store

    try:
        doc = library_store.get_document(conn, edit.doc_id)
    except LookupError:
        return
    paragraphs: set[int] = set()
    for ann in (edit.before, edit.after):
        if ann is not None:
            paragraphs.update(ann_store.annotation_paragraphs(doc, ann))
    if paragraphs:
        operations.reindex_paragraphs(conn, data_dir, edit.doc_id, sorted(paragraphs), index=index)


class AnnotationHistory(QObject):
    """The undo stack of annotation edits and the ordered writer behind it."""

    # doc_id, annotation_id: an annotation was written (created, edited, deleted, restored).
    changed = Signal(int, str)
    failed = Signal(str)
    idle = Signal()

    def __init__(
        self, ctx: Any, parent: QObject | None = None, *, stack: QUndoStack | None = None, reindex: bool = True
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.reindex = reindex
        self.stack = stack if stack is not None else QUndoStack(self)
        self._queue: deque[Callable[[sqlite3.Connection], edits.AnnotationEdit]] = deque()
        self._running = False
        self._conn: sqlite3.Connection | None = None

    def _writer(self) -> sqlite3.Connection:
        # One connection for all annotation writes; the queue guarantees one user at a time.
        if self._conn is None:
            self._conn = self.ctx.connect()
        return self._conn

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    # -- the ordered writer -------------------------------------------------------------

    def submit(self, job: Callable[[sqlite3.Connection], edits.AnnotationEdit]) -> None:
        """Queue a write (job gets the writer connection and returns the edit it applied)."""
        self._queue.append(job)
        self._pump()

    def busy(self) -> bool:
        return self._running or bool(self._queue)

    def _pump(self) -> None:
        if self._running or not self._queue:
            return
        job = self._queue.popleft()
        self._running = True
        conn = self._writer()
        data_dir = self.ctx.data_dir
        index = self.ctx.extras.get("search_index")
        reindex = self.reindex

        def run() -> edits.AnnotationEdit | None:
            edit = job(conn)
            if edit is not None and reindex:
                try:
                    reindex_after(conn, data_dir, edit, index)
                except Exception as exc:  # derived data: never fails the edit itself
                    log.warning("search index not refreshed after an annotation edit: %s", exc)
            return edit

        self.ctx.tasks.run(run, on_result=self._done, on_error=self._failed, name="annotation edit")

    def _done(self, edit: edits.AnnotationEdit | None) -> None:
        self._running = False
        if edit is not None:
            self.changed.emit(edit.doc_id, edit.annotation_id)
        self._after()

    def _failed(self, exc: BaseException) -> None:
        from desktop.ui.tasks import error_message

        self._running = False
        self.failed.emit(error_message(exc))
        self._after()

    def _after(self) -> None:
        if self._queue:
            self._pump()
        else:
            self.idle.emit()

    # -- user edits, as undoable commands ---------------------------------------------

    def push(self, factory: EditFactory, text: str) -> None:
        self.stack.push(EditCommand(self, factory, text))

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
        self.push(lambda conn: edits.CreateAnnotation(conn, ann), QCoreApplication.translate("AnnotationHistory", "Highlight"))
        return ann

    def edit(
        self,
        ann_id: str,
        *,
        note: str | None = None,
        color: str | None = None,
        tags: Iterable[str] | None = None,
    ) -> None:
        """Change the note, colour or tags (one undo step each)."""
        if note is not None:
            self.push(lambda conn: edits.EditNote(conn, ann_id, note), QCoreApplication.translate("AnnotationHistory", "Edit note"))
        if color is not None:
            self.push(lambda conn: edits.Recolor(conn, ann_id, color), QCoreApplication.translate("AnnotationHistory", "Change colour"))
        if tags is not None:
            tag_list = list(tags)
            self.push(lambda conn: edits.Retag(conn, ann_id, tag_list), QCoreApplication.translate("AnnotationHistory", "Change tags"))

    def delete(self, ann_id: str) -> None:
        self.push(lambda conn: edits.DeleteAnnotation(conn, ann_id), QCoreApplication.translate("AnnotationHistory", "Delete highlight"))

    def reattach(
        self, ann_id: str, doc: Document, start: int, end: int, english: EnglishSide | None = None
    ) -> None:
        def factory(conn: sqlite3.Connection) -> edits.AnnotationEdit:
            side = ann_store.get_annotation(conn, ann_id).side
            placed = ann_store.new_annotation(doc, side, start, end, color="yellow", english=english)
            return edits.Reattach(conn, ann_id, placed)

        self.push(factory, QCoreApplication.translate("AnnotationHistory", "Re-attach note"))

    # -- actions for the Edit menu ------------------------------------------------------

    def undo_action(self, parent: QObject) -> QAction:
        action = self.stack.createUndoAction(parent, QCoreApplication.translate("AnnotationHistory", "Undo"))
        action.setShortcut(QKeySequence("Ctrl+Z"))
        action.setObjectName("actionUndo")
        return action

    def redo_action(self, parent: QObject) -> QAction:
        action = self.stack.createRedoAction(parent, QCoreApplication.translate("AnnotationHistory", "Redo"))
        action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        action.setObjectName("actionRedo")
        return action


def history_for(ctx: Any) -> AnnotationHistory:
    """The window's shared history (kept in ctx.extras so reader and panels use one stack;
    it pushes onto the window's undo stack, ctx.extras["undo_stack"], when there is one)."""
    history = ctx.extras.get("annotation_history")
    if history is None:
        history = AnnotationHistory(ctx, ctx.tasks, stack=ctx.extras.get("undo_stack"))
        ctx.extras["annotation_history"] = history
    return history


class EditCommand(QUndoCommand):
    """One core edit: built (it reads the annotation) and applied by the first redo in the
    writer queue; later redo/undo replay do()/undo() on the same object."""

    def __init__(self, history: AnnotationHistory, factory: EditFactory, text: str) -> None:
        super().__init__(text)
        self.history = history
        self.factory = factory
        self.edit: edits.AnnotationEdit | None = None

    def redo(self) -> None:
        def run(conn: sqlite3.Connection) -> edits.AnnotationEdit:
            if self.edit is None:
                self.edit = self.factory(conn)
            self.edit.conn = conn
            self.edit.do()
            return self.edit

        self.history.submit(run)

    def undo(self) -> None:
        def run(conn: sqlite3.Connection) -> edits.AnnotationEdit | None:
            # The first redo ran earlier in the same queue; if it failed (its error was
            # shown then), there is nothing to undo.
            if self.edit is None:
                return None
            self.edit.conn = conn
            self.edit.undo()
            return self.edit

        self.history.submit(run)
