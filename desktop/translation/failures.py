"""Sentences a backend could not translate: stored with the reason, skipped, retried on demand.

Keyed like the MT cache, by (backend identity, source hash): another model or server may
well translate the sentence, and a sentence shared by documents fails once. A failure is
never shown as a translation; the reader and `glose show` show its reason instead.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Collection

from desktop.library.models import Document
from desktop.translation.store import chunks, now_iso


def put_failures(conn: sqlite3.Connection, model_id: str, failures: list[tuple[str, str]]) -> None:
    """Record (source_hash, reason) pairs for `model_id`, in one transaction."""
    stamp = now_iso()
    with conn:
        conn.executemany(
            "INSERT INTO mt_failures (model, source_hash, reason, failed_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (model, source_hash) DO UPDATE SET reason = excluded.reason, failed_at = excluded.failed_at",
            [(model_id, h, reason, stamp) for h, reason in failures],
        )


def clear_failures(conn: sqlite3.Connection, model_id: str, hashes: list[str]) -> None:
    """Forget failures (a success, or a retry is about to run)."""
    with conn:
        for chunk in chunks(hashes):
            marks = ",".join("?" * len(chunk))
            conn.execute(f"DELETE FROM mt_failures WHERE model = ? AND source_hash IN ({marks})", [model_id, *chunk])


def failed_hashes(conn: sqlite3.Connection, hashes: list[str], model_id: str | None) -> dict[str, str]:
    """source_hash -> reason, for the hashes `model_id` failed on."""
    out: dict[str, str] = {}
    if model_id is None:
        return out
    for chunk in chunks(hashes):
        marks = ",".join("?" * len(chunk))
        out.update(
            conn.execute(
                f"SELECT source_hash, reason FROM mt_failures WHERE model = ? AND source_hash IN ({marks})",
                [model_id, *chunk],
            ).fetchall()
        )
    return out


def sentence_failures(conn: sqlite3.Connection, doc: Document, model_id: str | None, shown: Collection[int] = ()) -> dict[int, str]:
    """Sentence index -> why `model_id` could not translate it, for the sentences of `doc`
    that have nothing else to show (indexes in `shown` have a translation)."""
    reasons = failed_hashes(conn, sorted({s.source_hash for s in doc.sentences}), model_id)
    return {s.index: reasons[s.source_hash] for s in doc.sentences if s.source_hash in reasons and s.index not in shown}


def failed_documents(conn: sqlite3.Connection, model_id: str) -> dict[int, int]:
    """doc_id -> number of its sentences `model_id` failed on (and nobody post-edited)."""
    rows = conn.execute(
        "SELECT s.doc_id, COUNT(*) FROM sentences s JOIN mt_failures f ON f.source_hash = s.source_hash "
        "WHERE f.model = ? AND NOT EXISTS (SELECT 1 FROM post_edits p WHERE p.doc_id = s.doc_id "
        "AND p.source_hash = s.source_hash) GROUP BY s.doc_id",
        (model_id,),
    )
    return dict(rows.fetchall())


def retry_failed(conn: sqlite3.Connection, doc: Document, model_id: str) -> int:
    """Forget `doc`'s failures for `model_id` so the next translation run tries them again;
    returns how many sentences will be retried. (The app then starts the document's job.)"""
    reasons = failed_hashes(conn, sorted({s.source_hash for s in doc.sentences}), model_id)
    clear_failures(conn, model_id, sorted(reasons))
    return sum(1 for s in doc.sentences if s.source_hash in reasons)
