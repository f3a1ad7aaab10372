"""Undoable post-edits (a person's translation of a sentence) for the shared undo stack."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand

from desktop.translation import store as tstore


def _human_text(conn: sqlite3.Connection, doc_id: int, sentence: int) -> str | None:
    row = conn.execute(
        "SELECT e.translation FROM post_edits e JOIN sentences s ON s.source_hash = e.source_hash "
        "AND s.doc_id = e.doc_id WHERE s.doc_id = ? AND s.idx = ?",
        (doc_id, sentence),
    ).fetchone()
    return row[0] if row else None


class PostEditCommand(QUndoCommand):
    """Set (text) or revert (None) the human translation of one sentence.

    Writes go through the UI connection: one small committed statement (< 5 ms).
    `changed(paragraph_indexes)` tells the reader what to redraw.
    """

    def __init__(
        self,
        conn: sqlite3.Connection,
        doc_id: int,
        sentence: int,
        text: str | None,
        changed: Callable[[list[int]], None],
    ) -> None:
        label = (
            QCoreApplication.translate("PostEdit", "Edit translation")
            if text is not None
            else QCoreApplication.translate("PostEdit", "Revert to machine translation")
        )
        super().__init__(label)
        self.conn = conn
        self.doc_id = doc_id
        self.sentence = sentence
        self.text = text
        self.before = _human_text(conn, doc_id, sentence)
        self.changed = changed
        self.error: str | None = None

    def _apply(self, text: str | None) -> None:
        if text is None:
            paragraphs = tstore.revert_post_edit(self.conn, self.doc_id, self.sentence)
        else:
            paragraphs = tstore.set_post_edit(self.conn, self.doc_id, self.sentence, text)
        self.changed(paragraphs)

    def redo(self) -> None:
        self._apply(self.text)

    def undo(self) -> None:
        self._apply(self.before)
