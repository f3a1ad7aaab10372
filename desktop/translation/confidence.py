"""Confidence of translations: scoring what has no scores yet, and the least confident first.

The translation job stores each sentence's score from the beam search (free). Per-word
scores need one more model pass (`backend.score`, CTranslate2 `score_batch`: the encoder
again and every target position, about +25-30 % of the translation's CPU, measured by
tests/bench/bench_translation.py), so they come after the text: `score_pending` scores
what has none, one committed batch at a time. The app's translation job runs it on the
open document once its text is in (translations from before scores existed included);
`glose translate --word-scores` runs it on the documents it translated. Post-edits are
scored the same way (a person's version gets word marks too).
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Sequence

from desktop.translation import word_scores
from desktop.translation.backend import SentenceResult, TranslationBackend
from desktop.translation.store import SentenceTranslation, chunks

# Below this mean token probability a sentence or a word counts as low confidence (the
# reader's default; users set their own in Preferences).
LOW_CONFIDENCE = 0.5
SCORE_BATCH = 128  # pairs per backend.score call: ~4,000 tokens, every replica busy
Progress = Callable[[int, int], None]
UNSCORABLE = "[]"  # word_scores of a pair the backend could not score: not tried again


def _texts(conn: sqlite3.Connection, hashes: set[str], doc_ids: Sequence[int] | None) -> dict[str, str]:
    """source_hash -> French sentence, for hashes found in the documents (all when None)."""
    where = ""
    params: list = []
    if doc_ids is not None:
        where = f" WHERE s.doc_id IN ({','.join('?' * len(doc_ids))})"
        params = list(doc_ids)
    spans: dict[int, list[tuple[str, int, int]]] = {}
    for doc_id, h, a, b in conn.execute(f'SELECT s.doc_id, s.source_hash, s.start, s."end" FROM sentences s{where}', params):
        if h in hashes:
            spans.setdefault(doc_id, []).append((h, a, b))
    out: dict[str, str] = {}
    for doc_id, items in spans.items():
        row = conn.execute("SELECT text FROM documents WHERE id = ?", (doc_id,)).fetchone()
        for h, a, b in items:
            out.setdefault(h, row[0][a:b])
    return out


def _unscored_mt(conn: sqlite3.Connection, model_id: str, doc_ids: Sequence[int] | None) -> list[tuple[str, str]]:
    """(source_hash, translation) of `model_id`'s cached MT without word scores (of the
    documents' sentences when given: an index lookup per sentence, not the whole cache)."""
    if doc_ids is None:
        return conn.execute(
            "SELECT source_hash, translation FROM mt_cache WHERE model = ? AND word_scores IS NULL", (model_id,)
        ).fetchall()
    rows: dict[str, str] = {}
    for chunk in chunks([str(d) for d in doc_ids]):
        marks = ",".join("?" * len(chunk))
        rows.update(
            conn.execute(
                f"SELECT m.source_hash, m.translation FROM sentences s JOIN mt_cache m "
                f"ON m.model = ? AND m.source_hash = s.source_hash "
                f"WHERE s.doc_id IN ({marks}) AND m.word_scores IS NULL",
                [model_id, *chunk],
            ).fetchall()
        )
    return list(rows.items())


def unscored_hashes(conn: sqlite3.Connection, model_id: str, doc_ids: Sequence[int]) -> set[str]:
    """The documents' sentences whose MT from `model_id` has no word scores yet."""
    return {h for h, _ in _unscored_mt(conn, model_id, doc_ids)}


def _unscored_edits(conn: sqlite3.Connection, model_id: str, doc_ids: Sequence[int] | None) -> list[tuple[int, str, str]]:
    rows = conn.execute(
        "SELECT doc_id, source_hash, translation FROM post_edits WHERE scored_by IS NULL OR scored_by != ?", (model_id,)
    ).fetchall()
    wanted = None if doc_ids is None else set(doc_ids)
    return [r for r in rows if wanted is None or r[0] in wanted]


def score_pending(
    conn: sqlite3.Connection,
    backend: TranslationBackend,
    *,
    doc_ids: Sequence[int] | None = None,
    cancel: threading.Event | None = None,
    progress: Progress | None = None,
) -> int:
    """Score `backend.model_id`'s cached translations and the post-edits that have no word
    scores yet (of `doc_ids`, or the whole library); each batch is committed. Returns how
    many were scored. A backend without scores (`limits.scores` False) does nothing.
    Safe to stop (`cancel`) and run again: it goes on where it stopped."""
    if not backend.limits.scores:
        return 0
    model_id = backend.model_id
    mt = _unscored_mt(conn, model_id, doc_ids)
    edits = _unscored_edits(conn, model_id, doc_ids)
    sources = _texts(conn, {h for h, _ in mt} | {h for _, h, _ in edits}, doc_ids)
    work = [("mt", None, h, t) for h, t in mt if h in sources] + [("edit", d, h, t) for d, h, t in edits if h in sources]
    done = 0
    for start in range(0, len(work), SCORE_BATCH):
        if cancel is not None and cancel.is_set():
            break
        batch = work[start : start + SCORE_BATCH]
        results = backend.score([(sources[h], t) for _, _, h, t in batch])
        _store(conn, model_id, batch, results)
        done += len(batch)
        if progress:
            progress(done, len(work))
    return done


def _store(conn: sqlite3.Connection, model_id: str, batch: list, results: list[SentenceResult | None]) -> None:
    with conn:
        for (kind, doc_id, h, text), r in zip(batch, results):
            words = word_scores.dump(r.words) if r is not None and r.words is not None else UNSCORABLE
            score = r.score if r is not None else None
            if kind == "mt":  # the translation guard: a newer MT of the same hash is not scored here
                conn.execute(
                    "UPDATE mt_cache SET score = COALESCE(?, score), word_scores = ? "
                    "WHERE model = ? AND source_hash = ? AND translation = ?",
                    (score, words, model_id, h, text),
                )
            else:
                conn.execute(
                    "UPDATE post_edits SET score = ?, word_scores = ?, scored_by = ? "
                    "WHERE doc_id = ? AND source_hash = ? AND translation = ?",
                    (score, words, model_id, doc_id, h, text),
                )


def unscored_count(conn: sqlite3.Connection, model_id: str) -> int:
    """Cached translations of `model_id` still without word scores (0: nothing to migrate)."""
    return conn.execute("SELECT COUNT(*) FROM mt_cache WHERE model = ? AND word_scores IS NULL", (model_id,)).fetchone()[0]


def least_confident(shown: dict[int, SentenceTranslation], threshold: float | None = None) -> list[tuple[int, float]]:
    """(sentence index, confidence) of the scored machine translations, least confident
    first (the review queue); only those below `threshold` when given. Post-edits and
    reviewed sentences are a person's: not in the queue."""
    out = [
        (i, t.confidence)
        for i, t in shown.items()
        if t.confidence is not None and t.source == "mt" and t.status == "machine"
    ]
    if threshold is not None:
        out = [(i, c) for i, c in out if c < threshold]
    return sorted(out, key=lambda item: (item[1], item[0]))

