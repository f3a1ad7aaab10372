"""Markdown export: a readable briefing note of each document's highlights."""

from __future__ import annotations

import re

from desktop.annotations import store
from desktop.annotations.aligned import DocumentNotes
from desktop.annotations.markdown_text import escape as plain
from desktop.annotations.md_escape import note

_SIDE_NAMES = {"fr": ("French", "English"), "en": ("English", "French")}


def _quoted(text: str) -> str:
    return "\n".join("> " + plain(line) if line.strip() else ">" for line in text.splitlines() or [""])


def _code(text: str) -> str:
    """Inline code that no backtick in the text can close early."""
    fence = "`" * (max((len(r) for r in re.findall(r"`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _entry(notes: DocumentNotes, ann: store.Annotation, number: int) -> list[str]:
    side, other = _SIDE_NAMES[ann.side]
    page = notes.page(ann)
    where = f"{side} text, {page.cite()}" if page else f"{side} text"
    lines = [f"### {number}. {plain(notes.label(ann).capitalize())} ({ann.color}, {where})", "", _quoted(ann.quote), ""]
    aligned = notes.aligned(ann)
    if aligned:
        lines += [f"*{other}:* {plain(aligned)}", ""]
    if ann.note:
        lines += [note(ann.note), ""]
    if ann.tags:
        lines += ["Tags: " + ", ".join(_code(t) for t in ann.tags), ""]
    return lines


def document_markdown(notes: DocumentNotes) -> str:
    anchored = [a for a in notes.annotations if a.status == store.ANCHORED]
    orphaned = [a for a in notes.annotations if a.status == store.ORPHANED]
    # Reading order: French-side highlights by position, English ones by their sentence.
    anchored.sort(key=lambda a: (_reading_position(notes, a), a.side != "fr"))
    lines = [f"# {plain(notes.doc.title)}", ""]
    count = f"{len(anchored)} highlight(s)" + (f", {len(orphaned)} no longer found in the text" if orphaned else "")
    lines += [f"*{count}*", ""]
    for n, ann in enumerate(anchored, 1):
        lines += _entry(notes, ann, n)
    if orphaned:
        lines += ["## No longer found in the text", "", "The passage these notes were on has changed; re-attach or delete them in Glose.", ""]
        for n, ann in enumerate(orphaned, len(anchored) + 1):
            lines += _entry(notes, ann, n)
    return "\n".join(lines).rstrip() + "\n"


def _reading_position(notes: DocumentNotes, ann: store.Annotation) -> int:
    if ann.side == "fr":
        return ann.start
    sentences = notes.sentences_of(ann)
    return sentences[0].start if sentences else len(notes.doc.text)


def export_markdown(documents: list[DocumentNotes]) -> str:
    return "\n\n".join(document_markdown(d) for d in documents)
