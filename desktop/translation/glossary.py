"""The user's glossary (French term -> expected English term) and the check run after MT.

A sentence is flagged when its French has a glossary term and its translation has none of
that term's English equivalents (several rows with the same French term are alternatives).
Acronyms (all capitals) match case-sensitively; other terms ignore case and accents.
A starter glossary for migration-policy documents is loaded once from resources/glossary/.
"""

from __future__ import annotations

import re
import sqlite3
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from desktop.config import resource_path
from desktop.library.models import Document

STARTER_KEY = "glossary.starter_loaded"


@dataclass(frozen=True)
class GlossaryTerm:
    id: int
    source_term: str
    target_term: str
    note: str


@dataclass(frozen=True)
class GlossaryFlag:
    source_term: str
    expected: tuple[str, ...]  # any one of these English terms would do
    note: str = ""


def starter_file() -> Path:
    return resource_path("glossary", "fr-en.tsv")


def read_tsv(path: Path) -> list[tuple[str, str, str]]:
    """(French, English, note) rows of a glossary file; '#' lines are comments."""
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8-sig").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = [c.strip() for c in line.split("\t")]
        if len(cols) < 2 or not cols[0] or not cols[1]:
            raise ValueError(f"{path}:{n}: expected 'French<TAB>English[<TAB>note]'")
        rows.append((cols[0], cols[1], cols[2] if len(cols) > 2 else ""))
    return rows


def ensure_starter_glossary(conn: sqlite3.Connection, path: Path | None = None) -> int:
    """Load the starter glossary once per library (so terms a user deletes stay deleted)."""
    if conn.execute("SELECT 1 FROM settings WHERE key = ?", (STARTER_KEY,)).fetchone():
        return 0
    rows = read_tsv(path or starter_file())
    with conn:
        cur = conn.executemany(
            "INSERT OR IGNORE INTO glossary (source_term, target_term, note) VALUES (?, ?, ?)", rows
        )
        conn.execute("INSERT OR REPLACE INTO settings (key, value) VALUES (?, '1')", (STARTER_KEY,))
    return cur.rowcount


def list_terms(conn: sqlite3.Connection) -> list[GlossaryTerm]:
    ensure_starter_glossary(conn)
    return [
        GlossaryTerm(r[0], r[1], r[2], r[3])
        for r in conn.execute("SELECT id, source_term, target_term, note FROM glossary ORDER BY source_term, id")
    ]


def add_term(conn: sqlite3.Connection, source_term: str, target_term: str, note: str = "") -> int:
    source_term, target_term = source_term.strip(), target_term.strip()
    if not source_term or not target_term:
        raise ValueError("a glossary entry needs both a French and an English term")
    ensure_starter_glossary(conn)
    with conn:
        conn.execute(
            "INSERT INTO glossary (source_term, target_term, note) VALUES (?, ?, ?) "
            "ON CONFLICT (source_term, target_term) DO UPDATE SET note = excluded.note",
            (source_term, target_term, note),
        )
    return conn.execute(
        "SELECT id FROM glossary WHERE source_term = ? AND target_term = ?", (source_term, target_term)
    ).fetchone()[0]


def remove_term(conn: sqlite3.Connection, term_id: int) -> None:
    with conn:
        cur = conn.execute("DELETE FROM glossary WHERE id = ?", (term_id,))
    if not cur.rowcount:
        raise LookupError(f"no glossary entry {term_id}")


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.replace("’", "'"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _is_acronym(term: str) -> bool:
    letters = [c for c in term if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


class _Matcher:
    """Whole-word matching of one term; acronyms exact, other terms case/accent-folded."""

    def __init__(self, term: str) -> None:
        self.exact = _is_acronym(term)
        needle = term if self.exact else _fold(term)
        body = r"\s+".join(re.escape(w) for w in needle.split())
        self.pattern = re.compile(rf"(?<!\w){body}(?!\w)")

    def found_in(self, text: str, folded: str) -> bool:
        return bool(self.pattern.search(text if self.exact else folded))


def flag_sentences(conn: sqlite3.Connection, doc: Document, translations: dict) -> dict[int, list[GlossaryFlag]]:
    """Sentence index -> glossary terms whose English is missing from its translation.

    `translations` maps sentence index to a SentenceTranslation (or a plain string), as
    `store.sentence_translations` returns; sentences without a translation are not checked.
    """
    entries: dict[str, list[tuple[str, str]]] = {}
    for t in list_terms(conn):
        entries.setdefault(t.source_term, []).append((t.target_term, t.note))
    if not entries:
        return {}
    sources = {term: _Matcher(term) for term in entries}
    targets = {tgt: _Matcher(tgt) for alts in entries.values() for tgt, _ in alts}
    flags: dict[int, list[GlossaryFlag]] = {}
    for s in doc.sentences:
        tr = translations.get(s.index)
        if tr is None:
            continue
        english = tr if isinstance(tr, str) else tr.text
        french = doc.sentence_text(s)
        fr_folded, en_folded = _fold(french), _fold(english)
        for term, alts in entries.items():
            if not sources[term].found_in(french, fr_folded):
                continue
            if any(targets[tgt].found_in(english, en_folded) for tgt, _ in alts):
                continue
            note = next((n for _, n in alts if n), "")
            flags.setdefault(s.index, []).append(GlossaryFlag(term, tuple(t for t, _ in alts), note))
    return flags
