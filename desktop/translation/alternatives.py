"""The model's alternatives for a sentence, or from one word on, cached in the library.

An n-best or a continuation costs a model call (about a translation of the sentence), so a
result is kept per (model, sentence, prefix): a second right-click, or the same word asked
again after a restart, reads it back. `cached_alternatives` never calls the model (safe to
call before deciding to start a worker). Choosing an alternative is a post-edit: the UI
saves it with `desktop.operations.post_edit` (re-anchors English notes, re-indexes).
"""

from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import dataclass

from desktop.library.models import Document
from desktop.translation import store
from desktop.translation.backend import TranslationBackend


@dataclass(frozen=True)
class Alternative:
    """One continuation: `text` is the whole sentence; `word` the first word after the
    prefix (what the popup lists); `rest` everything after the prefix."""

    text: str
    word: str
    rest: str


def word_prefix(english: str, word_start: int) -> str:
    """The words of an English sentence before the word at character `word_start` (any
    character of the word will do): the target prefix for that word's alternatives."""
    word_start = max(0, min(word_start, len(english)))
    while word_start > 0 and not english[word_start - 1].isspace():
        word_start -= 1
    return english[:word_start].rstrip()


def cached_alternatives(
    conn: sqlite3.Connection, model_id: str, source_hash: str, prefix: str = "", n: int = 4
) -> list[str] | None:
    """Alternatives already computed for this sentence and prefix (at least `n` asked), else None."""
    row = conn.execute(
        "SELECT n, alternatives FROM mt_alternatives WHERE model = ? AND source_hash = ? AND prefix = ?",
        (model_id, source_hash, prefix),
    ).fetchone()
    if row is None or row[0] < n:
        return None
    return json.loads(row[1])[:n]


def _sentence(doc: Document, sentence_index: int):
    for s in doc.sentences:
        if s.index == sentence_index:
            return s
    raise LookupError(f"document {doc.id} has no sentence {sentence_index} (it has {len(doc.sentences)})")


def sentence_alternatives(
    conn: sqlite3.Connection, backend: TranslationBackend, doc: Document, sentence_index: int, *, prefix: str = "", n: int = 4
) -> list[str]:
    """Up to `n` full translations of a sentence, best first (from the cache when it has
    them); with `prefix`, the model's continuations of those English words. Slow on a
    cache miss: call it from a worker. [] when the backend cannot (sentence too long,
    no prefix support)."""
    s = _sentence(doc, sentence_index)
    n = max(1, min(n, backend.limits.max_alternatives))
    prefix = prefix.strip()
    hit = cached_alternatives(conn, backend.model_id, s.source_hash, prefix, n)
    if hit is not None:
        return hit
    if prefix and not backend.limits.prefix_alternatives:
        return []
    found = backend.alternatives(doc.sentence_text(s), n, prefix=prefix)
    with conn:
        conn.execute(
            "INSERT INTO mt_alternatives (model, source_hash, prefix, n, alternatives, created_at) VALUES (?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (model, source_hash, prefix) DO UPDATE SET n = excluded.n, "
            "alternatives = excluded.alternatives, created_at = excluded.created_at",
            (backend.model_id, s.source_hash, prefix, n, json.dumps(found, ensure_ascii=False), store.now_iso()),
        )
    return found


def word_alternatives(
    conn: sqlite3.Connection, backend: TranslationBackend, doc: Document, sentence_index: int, word_start: int, n: int = 4
) -> list[Alternative]:
    """Alternatives from the word at character `word_start` of the sentence's English as
    shown (post-edit, reviewed or machine): the words before it are kept, each alternative
    goes on differently from there to the end of the sentence. Cached like
    `sentence_alternatives`. [] when the sentence has no English yet."""
    shown = store.sentence_translations(conn, doc, backend.model_id).get(sentence_index)
    if shown is None:
        return []
    prefix = word_prefix(shown.text, word_start)
    out: list[Alternative] = []
    for text in sentence_alternatives(conn, backend, doc, sentence_index, prefix=prefix, n=n):
        rest = text[len(prefix) :].lstrip() if text.startswith(prefix) else text
        first = re.match(r"\S*", rest).group(0)
        out.append(Alternative(text, first, rest))
    return out
