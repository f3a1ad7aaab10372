"""Operations that span several core areas, shared by the CLI and the app.

Importing a file, for instance, also moves the annotations of an updated document
(annotations) and refreshes the search index (search): both front ends call these
functions so that neither repeats the sequence.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterable
from pathlib import Path

from desktop.library import store
from desktop.library.importer import IMPORTED, UPDATED, ImportOutcome, Progress, import_paths


def _on_document_text_changed(conn: sqlite3.Connection, doc_id: int, old_text: str, new_text: str) -> None:
    """Inside the import transaction: re-anchor the document's annotations."""
    from desktop.annotations import anchoring  # late: keeps `import desktop.operations` light

    anchoring.reanchor_french(conn, doc_id, old_text, new_text)
    # Sentences were renumbered: English anchors are looked for in the whole English text
    # (the newest translations); any left orphaned are placed again once translated.
    anchoring.reanchor_english(conn, store.get_document(conn, doc_id), None, trust_sentences=False)


def _refresh_index(data_dir: Path, conn: sqlite3.Connection, doc_ids: Iterable[int]) -> None:
    """Bring the search index up to date for these documents (derived data: failures are not fatal)."""


def _drop_from_index(data_dir: Path, doc_id: int) -> None:
    """Remove a document from the search index."""


def import_files(
    conn: sqlite3.Connection,
    data_dir: Path,
    paths: Iterable[str | os.PathLike[str]],
    *,
    max_bytes: int,
    progress: Progress | None = None,
) -> list[ImportOutcome]:
    outcomes = import_paths(
        conn, paths, max_bytes=max_bytes, on_updated=_on_document_text_changed, progress=progress
    )
    changed = [o.doc_id for o in outcomes if o.status in (IMPORTED, UPDATED) and o.doc_id is not None]
    if changed:
        _refresh_index(data_dir, conn, changed)
    return outcomes


def remove_document(conn: sqlite3.Connection, data_dir: Path, doc_id: int) -> None:
    store.remove_document(conn, doc_id)
    _drop_from_index(data_dir, doc_id)
