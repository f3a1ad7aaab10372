"""What `glose show --json` (and other per-sentence views) say about each sentence's English."""

from __future__ import annotations

import sqlite3

from desktop.library.models import Document
from desktop.translation.failures import sentence_failures
from desktop.translation.store import sentence_translations


def sentence_json_fields(
    conn: sqlite3.Connection, doc: Document, model_id: str | None = None
) -> dict[int, dict[str, str | None]]:
    """`glose show --json` fields per sentence: translation, translation_source, model,
    translation_error.

    Without `model_id`, the newest installed fr→en model's results are preferred.
    """
    if model_id is None:
        from desktop.translation.packages import find_model

        model = find_model(doc.language or "fr", "en") or find_model("fr", "en")
        model_id = model.model_id if model else None
    trans = sentence_translations(conn, doc, model_id)
    failed = sentence_failures(conn, doc, model_id, set(trans))
    out: dict[int, dict[str, str | None]] = {}
    for s in doc.sentences:
        t = trans.get(s.index)
        out[s.index] = {
            "translation": t.text if t else None,
            "translation_source": t.source if t else None,
            "model": t.model if t else None,
            "translation_error": failed.get(s.index),  # why the model could not translate it
        }
    return out
