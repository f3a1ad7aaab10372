"""CSV export: one row per annotation, UTF-8 with a BOM so spreadsheets read the accents.
`page` is the printed page of the passage in a PDF or scan ("12", "iv"), empty otherwise;
`review_status` is the least-checked status of the sentences the note covers (machine,
reviewed, post-edited; pending or failed when not translated)."""

from __future__ import annotations

import csv
import io

from desktop.annotations.aligned import DocumentNotes

BOM = "\ufeff"
COLUMNS = (
    "document_id", "document", "annotation_id", "side", "status", "colour", "meaning", "quote",
    "aligned", "note", "tags", "start", "end", "created", "modified", "page", "review_status",
)  # fmt: skip


# A cell starting with one of these is a formula to a spreadsheet (OWASP "CSV injection"):
# `=cmd|' /C calc'!A0`, `@SUM(A1:A9)`, `=HYPERLINK(...)`. A leading apostrophe makes it text.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def cell(value: object) -> object:
    """A value as a spreadsheet should show it: text that would start a formula is neutralised."""
    if isinstance(value, str) and value.lstrip(" ").startswith(FORMULA_START):
        return "'" + value
    return value


def export_csv(documents: list[DocumentNotes]) -> str:
    """The CSV text, BOM first; write it out with encoding='utf-8' (not utf-8-sig: the BOM is here)."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for notes in documents:
        for ann in notes.annotations:
            page = notes.page(ann)
            row = [
                notes.doc.id, notes.doc.title, ann.id, ann.side, ann.status, ann.color, notes.label(ann),
                ann.quote, notes.aligned(ann), ann.note, "; ".join(ann.tags), ann.start, ann.end,
                ann.created, ann.modified, page.shown if page else "", notes.review_status(ann),
            ]  # fmt: skip
            writer.writerow(cell(v) for v in row)
    return BOM + buf.getvalue()
