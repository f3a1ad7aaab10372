"""Operations that span several core areas, shared by the CLI and the app.

Importing a file, for instance, also moves the annotations of an updated document
(annotations) and refreshes the search index (search): both front ends call these
functions so that neither repeats the sequence.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.library import store
from desktop.library.importer import IMPORTED, REIMPORTED, UPDATED, ImportOutcome, Progress, import_paths, reimport_document
from desktop.library.reading import ReadOptions

if TYPE_CHECKING:
    from desktop.annotations.anchoring import ReanchorReport
    from desktop.search.index import SearchIndex

log = logging.getLogger(__name__)


def _on_document_text_changed(conn: sqlite3.Connection, doc_id: int, old_text: str, new_text: str) -> None:
    """Inside the import transaction: re-anchor the document's annotations."""
    from desktop.annotations import anchoring  # late: keeps `import desktop.operations` light

    anchoring.reanchor_french(conn, doc_id, old_text, new_text)
    # Sentences were renumbered: English anchors are looked for in the whole English text
    # (the newest translations); any left orphaned are placed again once translated.
    anchoring.reanchor_english(conn, store.get_document(conn, doc_id), None, trust_sentences=False)


def _refresh_index(data_dir: Path, conn: sqlite3.Connection, doc_ids: Iterable[int]) -> None:
    """Bring the search index up to date for these documents (derived data: failures are not fatal)."""
    index = _search_index(data_dir)
    try:
        for doc_id in doc_ids:
            if not reindex_paragraphs(conn, data_dir, doc_id, None, index=index):
                break  # the index was rebuilt from the whole library, or is marked stale
    finally:
        index.close()


def _drop_from_index(data_dir: Path, doc_id: int) -> None:
    """Remove a document from the search index."""
    from desktop.search import indexer

    index = _search_index(data_dir)
    try:
        if index.state() == "ok":
            indexer.remove_document(index, doc_id)
    except Exception as exc:  # derived data: a failure only means a rebuild later
        log.warning("search index: cannot remove document %s (%s); it will be rebuilt", doc_id, exc)
        index.mark_stale(f"removing document {doc_id} failed: {exc}")
    finally:
        index.close()


def _search_index(data_dir: Path) -> SearchIndex:
    from desktop.search.index import SearchIndex

    return SearchIndex.for_data_dir(data_dir)


def reindex_paragraphs(
    conn: sqlite3.Connection,
    data_dir: Path,
    doc_id: int,
    paragraph_indexes: Iterable[int] | None = None,
    *,
    index: SearchIndex | None = None,
) -> bool:
    """Update the search index for some paragraphs of a document (None: the whole document,
    or drop it if it is no longer in the library). Call after translating, post-editing, or
    changing a note or its tags.

    Never raises for index trouble: a missing, stale or corrupt index is rebuilt from the
    library instead (returns False then); a failed update marks the index stale (a warning
    is logged) so that the next call or `ensure_index` rebuilds it. Pass the app's
    long-lived `index` to reuse its opened searcher.
    """
    from desktop.search import indexer

    ix = index or _search_index(data_dir)
    try:
        if ix.state() != "ok":
            indexer.rebuild(ix, conn)
            return False
        indexer.update_document(ix, conn, doc_id, paragraph_indexes)
        return True
    except Exception as exc:  # derived data: never fail the edit that triggered this
        log.warning("search index: update of document %s failed (%s); it will be rebuilt", doc_id, exc)
        ix.mark_stale(f"update of document {doc_id} failed: {exc}")
        return False
    finally:
        if index is None:
            ix.close()


def rebuild_index(
    conn: sqlite3.Connection,
    data_dir: Path,
    progress: Progress | None = None,
    *,
    index: SearchIndex | None = None,
) -> int:
    """Rebuild the whole search index from the library; returns the paragraphs indexed.

    Searches keep using the old index until the new one is swapped in.
    """
    from desktop.search import indexer

    ix = index or _search_index(data_dir)
    try:
        return indexer.rebuild(ix, conn, progress)
    finally:
        if index is None:
            ix.close()


def ensure_index(
    conn: sqlite3.Connection,
    data_dir: Path,
    progress: Progress | None = None,
    *,
    index: SearchIndex | None = None,
) -> bool:
    """Rebuild the search index if it is missing, stale or corrupt (the app calls this in
    a worker at start). Returns True when it rebuilt."""
    ix = index or _search_index(data_dir)
    try:
        if ix.state() == "ok":
            return False
        rebuild_index(conn, data_dir, progress, index=ix)
        return True
    finally:
        if index is None:
            ix.close()


def import_files(
    conn: sqlite3.Connection,
    data_dir: Path,
    paths: Iterable[str | os.PathLike[str]],
    *,
    max_bytes: int,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
    options: ReadOptions | None = None,
) -> list[ImportOutcome]:
    outcomes = import_paths(
        conn, paths, max_bytes=max_bytes, on_updated=_on_document_text_changed, progress=progress, cancel=cancel,
        options=options,
    )
    changed = [o.doc_id for o in outcomes if o.status in (IMPORTED, UPDATED) and o.doc_id is not None]
    if changed:
        _refresh_index(data_dir, conn, changed)
    return outcomes


def outdated_documents(conn: sqlite3.Connection) -> list[int]:
    """Documents read by an older importer than this version's (IMPORTER_VERSION)."""
    from desktop.library.models import IMPORTER_VERSION

    rows = conn.execute("SELECT id FROM documents WHERE importer_version < ? ORDER BY id", (IMPORTER_VERSION,))
    return [int(r[0]) for r in rows]


def reimport_documents(
    conn: sqlite3.Connection,
    data_dir: Path,
    doc_ids: Iterable[int],
    *,
    max_bytes: int,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
) -> list[ImportOutcome]:
    """Read documents again from their source files with the current importers (after an
    upgrade: `outdated_documents`). Annotations are re-anchored (orphans kept), post-edits
    stay with their sentence, a document whose source is gone keeps its text; then the
    search index is refreshed. Each document is its own transaction; `cancel` stops between two."""
    ids = list(doc_ids)
    outcomes = []
    for n, doc_id in enumerate(ids):
        if cancel is not None and cancel.is_set():
            break
        if progress:
            progress(n, len(ids), store.get_document_title(conn, doc_id))
        outcomes.append(reimport_document(conn, doc_id, max_bytes=max_bytes, on_updated=_on_document_text_changed))
    if progress:
        progress(len(ids), len(ids), "")
    changed = [o.doc_id for o in outcomes if o.status == REIMPORTED and o.doc_id is not None]
    if changed:
        _refresh_index(data_dir, conn, changed)
    return outcomes


def remove_document(conn: sqlite3.Connection, data_dir: Path, doc_id: int) -> None:
    store.remove_document(conn, doc_id)
    _drop_from_index(data_dir, doc_id)


@dataclass
class EnglishChange:
    """What changed after a document's English changed."""

    paragraphs: list[int]  # paragraphs whose English (or notes) changed; the search index has them
    reanchor: ReanchorReport | None  # English-side annotations re-placed (None: nothing changed)
    orphaned: list[str] = field(default_factory=list)  # annotation ids that lost their passage now
    placed: list[str] = field(default_factory=list)  # ids orphaned (or waiting) before, anchored now


def translations_changed(
    conn: sqlite3.Connection,
    data_dir: Path,
    doc_id: int,
    paragraph_indexes: Iterable[int],
    model_id: str | None,
    *,
    index: SearchIndex | None = None,
) -> EnglishChange:
    """Call after a document's English changed (new machine translation, a post-edit, a
    revert): re-anchors its English-side annotations on the new English text (`model_id`:
    the model whose MT is shown; None: each sentence's newest MT), then refreshes the
    search index for those paragraphs and for any annotation that moved. Annotations
    waiting for their sentence's translation (e.g. imported before it) are placed now."""
    from desktop.annotations import anchoring
    from desktop.annotations import store as astore

    paragraphs = set(paragraph_indexes)
    if not paragraphs:
        return EnglishChange([], None)
    doc = store.get_document(conn, doc_id)
    before = {a.id: a for a in astore.list_annotations(conn, doc_id, side="en")}
    report = anchoring.reanchor_english(conn, doc, model_id)
    change = EnglishChange([], report)
    for new in report.changed:
        old = before.get(new.id)
        if old is None:
            continue
        if old.status != new.status:
            (change.orphaned if new.status == astore.ORPHANED else change.placed).append(new.id)
        was, now = astore.annotation_paragraphs(doc, old), astore.annotation_paragraphs(doc, new)
        if was != now:  # a note is indexed with its paragraph: both need refreshing
            paragraphs.update(was + now)
    change.paragraphs = sorted(paragraphs)
    reindex_paragraphs(conn, data_dir, doc_id, change.paragraphs, index=index)
    return change


def post_edit(
    conn: sqlite3.Connection,
    data_dir: Path,
    doc_id: int,
    sentence_index: int,
    text: str | None,
    *,
    model_id: str | None = None,
    index: SearchIndex | None = None,
) -> EnglishChange:
    """Save a person's translation of a sentence (None: revert to the machine's), then
    re-anchor English annotations and refresh the search index (`translations_changed`).
    `paragraphs` is empty when a revert found no post-edit."""
    from desktop.translation import store as tstore

    if text is None:
        changed = tstore.revert_post_edit(conn, doc_id, sentence_index)
    else:
        changed = tstore.set_post_edit(conn, doc_id, sentence_index, text)
    return translations_changed(conn, data_dir, doc_id, changed, model_id, index=index)


def restore_backup(data_dir: Path, path: Path) -> Path | None:
    """Replace the library with a checked backup (`annotations.backup.restore`; returns where
    the previous database was kept aside) and mark the search index stale: it described the
    replaced library, so `ensure_index` (the app at start, `glose search`) rebuilds it."""
    from desktop.annotations import backup

    aside = backup.restore(data_dir, path)
    index = _search_index(data_dir)
    try:
        index.mark_stale(f"the library was restored from {path}")
    finally:
        index.close()
    return aside
