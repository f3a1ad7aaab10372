"""Bilingual PDF of one document for a briefing pack: French and English side by side,
highlights in their colours, notes numbered under their paragraph.

Rendered with Qt's own QTextDocument onto a QPdfWriter (no extra dependency). Everything
here runs in a worker thread: QTextDocument and QPdfWriter are safe there as long as they
are created and used by that one thread.
"""

from __future__ import annotations

import html
import os
import sqlite3
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMarginsF
from PySide6.QtGui import QFont, QPageLayout, QPageSize, QPdfWriter, QTextDocument

from desktop.annotations.colours import HEX, color_labels
from desktop.annotations.store import ORPHANED, list_annotations
from desktop.library import store as library_store
from desktop.library.models import Document
from desktop.translation import store as translation_store
from desktop.ui.pdf_layout import RESOLUTION, BilingualLayout

READING_FONTS = ("Noto Serif", "DejaVu Serif", "Georgia", "Times New Roman", "serif")
DIM = "#8a8a8a"



@dataclass(frozen=True)
class Mark:
    """A highlight on one side, in that side's canonical text."""

    side: str  # "fr" | "en"
    start: int
    end: int
    color: str
    note: str
    tags: tuple[str, ...]
    quote: str
    tint: bool = False  # the other language's sentences of a highlight, lightly coloured


@dataclass
class Briefing:
    doc: Document
    english: translation_store.EnglishSide
    marks: list[Mark]
    labels: dict[str, str]
    model_id: str | None
    orphaned: list[Mark] = field(default_factory=list)
    unreviewed: list[tuple[int, int]] = field(default_factory=list)  # English spans drawn dimmed
    omitted: int = 0  # unreviewed machine sentences left out


# What the PDF does with machine translations nobody reviewed (review.py).
SHOW, MARK, OMIT = "show", "mark", "omit"


def collect(conn: sqlite3.Connection, doc_id: int, model_id: str | None = None, unreviewed: str = SHOW) -> Briefing:
    """Read what the PDF shows (the caller's connection: call from the worker).

    `unreviewed`: SHOW machine translations nobody reviewed as the others, MARK them
    (dimmed, with a legend) or OMIT them (a translator's pack of checked sentences only)."""
    doc = library_store.get_document(conn, doc_id)
    shown = translation_store.sentence_translations(conn, doc, model_id)
    machine = {i for i, t in shown.items() if t.status == translation_store.MACHINE}
    if unreviewed == OMIT:
        shown = {i: t for i, t in shown.items() if i not in machine}
    english = translation_store.english_from(doc, shown)
    dimmed = [english.sentence_spans[i] for i in sorted(machine)] if unreviewed == MARK else []
    marks: list[Mark] = []
    orphaned: list[Mark] = []
    for a in list_annotations(conn, doc_id):
        mark = Mark(a.side, a.start, a.end, a.color, a.note, tuple(a.tags), a.quote)
        (orphaned if a.status == ORPHANED else marks).append(mark)
    from desktop.ui.colour_names import display_labels

    omitted = len(machine) if unreviewed == OMIT else 0
    return Briefing(doc, english, marks, display_labels(color_labels(conn)), model_id, orphaned, dimmed, omitted)


def _pale(hex_color: str, amount: float = 0.55) -> str:
    """The colour mixed with white (counterpart tints stay readable and clearly secondary)."""
    r, g, b = (int(hex_color[i : i + 2], 16) for i in (1, 3, 5))
    return "#" + "".join(f"{round(c + (255 - c) * amount):02x}" for c in (r, g, b))


def counterpart_tints(b: Briefing) -> list[Mark]:
    """For each highlight, its sentences on the other side (as the reader tints them)."""
    by_index = {s.index: s for s in b.doc.sentences}
    tints: list[Mark] = []
    for m in b.marks:
        if m.side == "fr":
            for s in b.doc.sentences:
                if s.start < m.end and m.start < s.end:
                    a, e = b.english.sentence_spans.get(s.index, (0, 0))
                    if e > a:
                        tints.append(Mark("en", a, e, m.color, "", (), "", tint=True))
        else:
            for index, (a, e) in b.english.sentence_spans.items():
                if e > a and a < m.end and m.start < e and index in by_index:
                    s = by_index[index]
                    tints.append(Mark("fr", s.start, s.end, m.color, "", (), "", tint=True))
    return tints


def _paragraph_html(
    text: str, start: int, end: int, marks: list[tuple[Mark, int]], dim: list[tuple[int, int]] = ()
) -> str:
    """The paragraph text[start:end] with highlight spans and note numbers; `dim` spans
    (unreviewed machine translation) in grey."""
    inside = [(m, n) for m, n in marks if m.start < end and m.end > start]
    dim = [(a, b) for a, b in dim if a < end and b > start]
    if not inside and not dim:
        return html.escape(text[start:end])
    cuts = {start, end}
    for m, _ in inside:
        cuts.add(max(start, m.start))
        cuts.add(min(end, m.end))
    for a, b in dim:
        cuts.update((max(start, a), min(end, b)))
    points = sorted(cuts)
    out: list[str] = []
    for a, b in zip(points, points[1:]):
        covering = [m for m, _ in inside if m.start <= a and m.end >= b]
        piece = html.escape(text[a:b])
        if any(da <= a and b <= db for da, db in dim):
            piece = f'<span style="color:{DIM};">{piece}</span>'
        own = [m for m in covering if not m.tint]
        if covering:
            top = own[-1] if own else covering[-1]
            color = HEX.get(top.color, "#fff176")
            color = color if own else _pale(color)
            out.append(f'<span style="background-color:{color};">{piece}</span>')
        else:
            out.append(piece)
        for m, number in inside:
            if number and min(end, m.end) == b and m.end <= end:
                out.append(f'<sup style="color:#7a5c00;"><b>{number}</b></sup>')
    return "".join(out)


def briefing_html(b: Briefing) -> str:
    """The whole document as one HTML table QTextDocument can paginate."""
    # Number the notes in reading order (French position, then English).
    noted = sorted((m for m in b.marks if m.note or m.tags), key=lambda m: (m.side != "fr", m.start))
    numbers = {id(m): i + 1 for i, m in enumerate(noted)}
    # Tints first: a highlight drawn later wins where they overlap.
    shown = counterpart_tints(b) + b.marks
    fr_marks = [(m, numbers.get(id(m), 0)) for m in shown if m.side == "fr"]
    en_marks = [(m, numbers.get(id(m), 0)) for m in shown if m.side == "en"]

    today = date.today().isoformat()
    parts = [
        "<html><body>",
        f'<h1 style="font-size:17pt; margin:0;">{html.escape(b.doc.title)}</h1>',
        '<p style="color:#666; font-size:8pt; margin-top:2px;">'
        + html.escape(
            QCoreApplication.translate("PdfExport", "Bilingual briefing · French source and English translation · exported %1").replace("%1", today)
        )
        + (html.escape(" · " + b.model_id) if b.model_id else "")
        + "</p>",
    ]
    used = sorted({m.color for m in b.marks}, key=list(HEX).index) if b.marks else []
    if used:
        legend = " &nbsp; ".join(
            f'<span style="background-color:{HEX[c]};">&nbsp;&nbsp;&nbsp;</span>&nbsp;{html.escape(b.labels.get(c, c))}'
            for c in used
        )
        parts.append(f'<p style="font-size:8pt; color:#444;">{legend}</p>')
    if b.unreviewed:
        note = QCoreApplication.translate("PdfExport", "Grey English: machine translation nobody has reviewed yet.")
        parts.append(f'<p style="font-size:8pt; color:{DIM};">{html.escape(note)}</p>')
    if b.omitted:
        note = QCoreApplication.translate("PdfExport", "%1 machine-translated sentences nobody has reviewed are left out.")
        parts.append(f'<p style="font-size:8pt; color:#444;">{html.escape(note.replace("%1", str(b.omitted)))}</p>')
    parts.append(
        '<table width="100%" cellspacing="0" cellpadding="5" style="border-collapse:collapse;">'
        '<tr><th width="50%" align="left" style="color:#555; font-size:8pt; border-bottom:1px solid #999;">'
        + html.escape(QCoreApplication.translate("PdfExport", "French"))
        + '</th><th width="50%" align="left" style="color:#555; font-size:8pt; border-bottom:1px solid #999;">'
        + html.escape(QCoreApplication.translate("PdfExport", "English"))
        + "</th></tr>"
    )
    pending = html.escape(QCoreApplication.translate("PdfExport", "(translation pending)"))
    layout = BilingualLayout(b.doc.paragraphs)  # headings, lists, tables... as the document has them
    for p in b.doc.paragraphs:
        fr = _paragraph_html(b.doc.text, p.start, p.end, fr_marks)
        es, ee = b.english.paragraph_spans[p.index] if p.index < len(b.english.paragraph_spans) else (0, 0)
        en = _paragraph_html(b.english.text, es, ee, en_marks, b.unreviewed) if ee > es else f'<i style="color:#999;">{pending}</i>'
        notes = [
            m
            for m in noted
            if (m.side == "fr" and p.start <= m.start < p.end + 1) or (m.side == "en" and es <= m.start < ee + 1)
        ]
        items = []
        for m in notes:
            tags = " ".join(f"#{html.escape(t)}" for t in m.tags)
            label = html.escape(b.labels.get(m.color, m.color))
            body = html.escape(m.note).replace("\n", "<br>")
            items.append(
                f'<b>{numbers[id(m)]}</b>&nbsp;<span style="background-color:{HEX.get(m.color, "#eee")};">'
                f"&nbsp;{label}&nbsp;</span> {body}"
                + (f' <span style="color:#666;">{tags}</span>' if tags else "")
            )
        layout.add(p, fr, en, "<br>".join(items))
    parts.append(layout.rows())
    parts.append("</table>")
    if b.orphaned:
        parts.append(f'<h3 style="font-size:11pt;">{html.escape(QCoreApplication.translate("PdfExport", "Notes whose passage was not found"))}</h3>')
        for m in b.orphaned:
            parts.append(
                f'<p style="font-size:8.5pt;">« {html.escape(m.quote)} » — {html.escape(m.note)}</p>'
            )
    parts.append("</body></html>")
    return "".join(parts)


def render_pdf(content: str, path: Path, title: str) -> Path:
    """Paginate the HTML onto an A4 PDF at `path` (written beside, then moved in)."""
    path = Path(path)
    partial = path.with_name(path.name + ".part")
    writer = QPdfWriter(str(partial))
    writer.setTitle(title)
    writer.setCreator("Glose")
    writer.setResolution(RESOLUTION)
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(16, 16, 16, 16),
            QPageLayout.Unit.Millimeter,
        )
    )
    doc = QTextDocument()
    font = QFont()
    font.setFamilies(list(READING_FONTS))
    font.setPointSizeF(9.5)
    doc.setDefaultFont(font)
    doc.setDocumentMargin(0)
    doc.setHtml(content)
    try:
        doc.print_(writer)
    finally:
        del writer  # the file is finished when the writer goes
    if not partial.exists() or partial.stat().st_size == 0:
        partial.unlink(missing_ok=True)
        raise OSError(f"{path}: the PDF could not be written")
    os.replace(partial, path)
    return path


def export_document_pdf(
    conn: sqlite3.Connection, doc_id: int, path: str | os.PathLike[str], model_id: str | None = None, unreviewed: str = SHOW
) -> Path:
    """Write document `doc_id` as a bilingual PDF; returns the path. `unreviewed`: see collect."""
    briefing = collect(conn, doc_id, model_id, unreviewed)
    return render_pdf(briefing_html(briefing), Path(path), briefing.doc.title)

