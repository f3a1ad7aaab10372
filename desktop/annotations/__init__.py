"""Highlights, notes and tags on either side of a document, and their exports.

store       Annotation + CRUD (every write one fsynced transaction)
selectors   W3C TextPositionSelector / TextQuoteSelector
anchoring   re-placing annotations after the text changed (position, quote, fuzzy, orphaned)
edits       undoable edits (do/undo) for the UI's undo stack
colours     the five colours and their user-named meanings
backup      daily backups with SQLite's backup API; checked restore
aligned     what the exports share: the other language of a passage, sentence pairs
export_md, export_csv, jsonld, tmx, xliff   the export (and JSON-LD import) formats
"""
