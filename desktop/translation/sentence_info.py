"""What `glose show --json` (and other per-sentence views) say about each sentence's English."""

from __future__ import annotations

import sqlite3
from typing import Any

from desktop.library.models import Document
from desktop.translation.failures import sentence_failures
from desktop.translation.review import sentence_statuses
from desktop.translation.store import sentence_translations
from desktop.translation.word_scores import probability


def sentence_json_fields(
    conn: sqlite3.Connection, doc: Document, model_id: str | None = None
) -> dict[int, dict[str, Any]]:
    """`glose show --json` fields per sentence: translation, translation_source, model,
    translation_error, status (machine / reviewed / post-edited / pending / failed),
    confidence (mean token probability, 0-1, or null when not scored) and word_confidence
    ([{"start", "end", "confidence"}] over the translation, or null when not scored).

    Without `model_id`, the newest installed fr→en model's results are preferred.
    """
    if model_id is None:
        from desktop.translation.packages import find_model

        model = find_model(doc.language or "fr", "en") or find_model("fr", "en")
        model_id = model.model_id if model else None
    trans = sentence_translations(conn, doc, model_id)
    failed = sentence_failures(conn, doc, model_id, set(trans))
    statuses = sentence_statuses(conn, doc, model_id, trans)
    out: dict[int, dict[str, Any]] = {}
    for s in doc.sentences:
        t = trans.get(s.index)
        words = t.words if t else None
        out[s.index] = {
            "translation": t.text if t else None,
            "translation_source": t.source if t else None,
            "model": t.model if t else None,
            "translation_error": failed.get(s.index),  # why the model could not translate it
            "status": statuses[s.index],
            "confidence": _round(t.confidence) if t else None,
            "word_confidence": None
            if words is None
            else [{"start": w.start, "end": w.end, "confidence": _round(probability(w.score))} for w in words],
        }
    return out


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)
