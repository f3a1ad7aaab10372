"""Exports of a library's notes and aligned sentences, for the CLI and the app alike."""

from __future__ import annotations

import os
import sqlite3
import tempfile
from pathlib import Path

from desktop.annotations import jsonld
from desktop.annotations.aligned import DocumentNotes, document_notes
from desktop.annotations.document_texts import DocumentTexts
from desktop.annotations.export_csv import export_csv
from desktop.annotations.export_document_md import document_markdown
from desktop.annotations.export_md import export_markdown
from desktop.annotations.tmx import export_tmx
from desktop.annotations.xliff import export_xliff

# Notes and aligned sentences, of one document or many.
LIBRARY_FORMATS: tuple[str, ...] = ("md", "csv", "jsonld", "tmx", "xliff")
# The whole text of one document with its structure: in French and English, or English only.
DOCUMENT_FORMATS: dict[str, tuple[str, ...]] = {"english-md": ("en",), "bilingual-md": ("fr", "en")}
FORMATS: tuple[str, ...] = LIBRARY_FORMATS + tuple(DOCUMENT_FORMATS)


def render_export(
    conn: sqlite3.Connection,
    doc_ids: list[int],
    fmt: str,
    *,
    model_id: str | None,
    highlighted_only: bool = False,
) -> str:
    """The export of these documents in `fmt` (one of FORMATS), as text. TMX and XLIFF hold
    the aligned sentence pairs, optionally only those under highlights; the document
    formats hold one document's whole text with its structure."""
    if fmt in DOCUMENT_FORMATS and len(doc_ids) != 1:
        raise ValueError(f"the {fmt} export is made for one document at a time; name the document")
    documents: list[DocumentNotes] = [document_notes(conn, d, model_id) for d in doc_ids]
    if fmt in DOCUMENT_FORMATS:
        notes = documents[0]
        return document_markdown(DocumentTexts(notes.doc, notes.translations), DOCUMENT_FORMATS[fmt])
    if fmt == "md":
        return export_markdown(documents)
    if fmt == "csv":
        return export_csv(documents)
    if fmt == "jsonld":
        return jsonld.dumps(jsonld.export_jsonld(documents))
    if fmt == "tmx":
        return export_tmx(documents, only_highlighted=highlighted_only)
    if fmt == "xliff":
        return export_xliff(documents, only_highlighted=highlighted_only)
    raise ValueError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")


def write_atomically(path: Path, text: str) -> Path:
    """Write the whole file or nothing: a temporary file beside it, then renamed over it."""
    path = path.expanduser()
    folder = path.resolve().parent
    if not folder.is_dir():
        raise OSError(f"{path}: the folder {folder} does not exist; choose another folder")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=folder)
    except OSError as exc:
        raise OSError(f"{path}: cannot write the export ({exc.strerror or exc}); choose another folder") from exc
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise OSError(f"{path}: cannot write the export ({exc.strerror or exc}); choose another folder") from exc
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
