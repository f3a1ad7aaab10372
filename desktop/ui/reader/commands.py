"""Undoable post-edits (a person's translation of a sentence) for the shared undo stack."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand


def human_text(conn: sqlite3.Connection, doc_id: int, sentence: int) -> str | None:
    row = conn.execute(
        "SELECT e.translation FROM post_edits e JOIN sentences s ON s.source_hash = e.source_hash "
        "AND s.doc_id = e.doc_id WHERE s.doc_id = ? AND s.idx = ?",
        (doc_id, sentence),
    ).fetchone()
    return row[0] if row else None


def post_edit_job(
    connect: Callable[[], sqlite3.Connection],
    data_dir: Path,
    doc_id: int,
    sentence: int,
    text: str | None,
    model_id: str | None,
):
    """Worker: save (or revert) the sentence, re-anchor English notes, refresh the index."""
    from desktop import operations

    conn = connect()
    try:
        change = operations.post_edit(conn, data_dir, doc_id, sentence, text, model_id=model_id)
        if text is not None:  # to the team's server too, when the user asked (off by default)
            from desktop.translation.suggest import suggest_in_background

            suggest_in_background(data_dir, conn, doc_id, sentence, text)
        return change
    finally:
        conn.close()


class PostEditCommand(QUndoCommand):
    """Set (text) or revert (None) the human translation of one sentence.

    The write runs in a worker (it also re-anchors English notes and updates the search
    index); `run(text)` starts it and the reader redraws when it is done.
    """

    def __init__(self, before: str | None, text: str | None, run: Callable[[str | None], None]) -> None:
        label = (
            QCoreApplication.translate("PostEdit", "Edit translation")
            if text is not None
            else QCoreApplication.translate("PostEdit", "Revert to machine translation")
        )
        super().__init__(label)
        self.before = before
        self.text = text
        self.run = run

    def redo(self) -> None:
        self.run(self.text)

    def undo(self) -> None:
        self.run(self.before)
