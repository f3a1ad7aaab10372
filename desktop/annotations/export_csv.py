"""CSV export: one row per annotation, UTF-8 with a BOM so spreadsheets read the accents.

`page` is the printed page of the passage in a PDF or scan ("12", "iv"), empty otherwise.
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


def export_csv(documents: list[DocumentNotes]) -> str:
    """The CSV text, BOM first; write it out with encoding='utf-8' (not utf-8-sig: the BOM is here)."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for notes in documents:
        for ann in notes.annotations:
            writer.writerow(
                [
                    notes.doc.id, notes.doc.title, ann.id, ann.side, ann.status, ann.color, notes.label(ann),
                    ann.quote, notes.aligned(ann), ann.note, "; ".join(ann.tags), ann.start, ann.end,
                    ann.created, ann.modified, page.shown if (page := notes.page(ann)) else "", notes.review_status(ann),
                ]
            )  # fmt: skip
    return BOM + buf.getvalue()
