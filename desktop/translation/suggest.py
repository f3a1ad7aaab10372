"""Sending a person's corrected translation to the server's /suggest (off unless asked).

The post-edit itself is saved locally first and always wins; the suggestion is a courtesy
to the team's server (its operator can review them). It is sent only when the user turned
"send my corrections" on and the server says it accepts suggestions (`--suggestions`).
A failure is reported, never raised: the post-edit is already safe.
"""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

from desktop.translation.backend import BackendUnavailable
from desktop.translation.lt_client import Rejected
from desktop.translation.server_config import ConfigError, api_key_for, load_config

FROM, TO = "fr", "en"


def source_sentence(conn: sqlite3.Connection, doc_id: int, sentence_index: int) -> str | None:
    from desktop.library.store import get_document

    doc = get_document(conn, doc_id)
    return next((doc.sentence_text(s) for s in doc.sentences if s.index == sentence_index), None)


def wanted(data_dir: Path) -> bool:
    try:
        config = load_config(data_dir)
    except ConfigError:
        return False
    return config.enabled and config.suggest


def send_suggestion(data_dir: Path, source: str, translation: str) -> str:
    """"sent", or why not (a sentence for the user). Does nothing unless suggestions are on."""
    from desktop.translation.backends import server_backend

    try:
        config = load_config(data_dir)
    except ConfigError as exc:
        return str(exc)
    if not (config.enabled and config.suggest):
        return "suggestions are off"
    backend = server_backend(config, api_key_for(data_dir, config))
    try:
        if not backend.connect().suggestions:
            return f"{config.url} does not accept suggestions (its operator can start it with --suggestions)"
        backend.client.suggest(source, translation, FROM, TO)
    except (BackendUnavailable, Rejected) as exc:
        return str(exc)
    return "sent"


def suggest_in_background(data_dir: Path, conn: sqlite3.Connection, doc_id: int, sentence_index: int, translation: str) -> threading.Thread | None:
    """For the app: send without making the user wait (a daemon thread); None when off."""
    if not wanted(data_dir):
        return None
    source = source_sentence(conn, doc_id, sentence_index)
    if source is None:
        return None
    thread = threading.Thread(target=send_suggestion, args=(data_dir, source, translation.strip()), name="suggest", daemon=True)
    thread.start()
    return thread
