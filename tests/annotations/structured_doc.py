"""A structured French document in a library, with a known English, for the export tests.

`tests/data/exports/titre-de-sejour.md` (written for Glose) holds one of each construct the
exports keep: headings of two levels, a numbered list with a nested bulleted one, a table
with a header row, a titled warning box, a quote, a definition, a footnote and an image's
caption. It is imported as a user would (`glose import`), and every sentence is given a
"machine translation" ("EN " + the French) straight into the cache.
"""

from __future__ import annotations

from pathlib import Path

from desktop.cli import main
from desktop.library.db import open_library
from desktop.library.store import get_document
from desktop.translation.store import put_mt

SOURCE = Path(__file__).resolve().parent.parent / "data" / "exports" / "titre-de-sejour.md"


def english(french: str) -> str:
    return "EN " + french


def structured_library(data_dir: Path, *, translate_all: bool = True) -> int:
    """Import the document into `data_dir` and translate it; returns its id."""
    assert main(["--data-dir", str(data_dir), "import", str(SOURCE)]) == 0
    conn = open_library(data_dir)
    try:
        doc = get_document(conn, 1)
        sentences = doc.sentences if translate_all else doc.sentences[: len(doc.sentences) // 2]
        put_mt(conn, "fake@1", [(s.source_hash, english(doc.sentence_text(s))) for s in sentences])
    finally:
        conn.close()
    return 1
