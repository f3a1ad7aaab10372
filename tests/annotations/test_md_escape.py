"""Exports carry user text that is not markup (issue 18 item 13): Markdown rendered by a real
CommonMark parser shows the text as written; CSV cells never start a spreadsheet formula."""

from __future__ import annotations

import csv
import io
import sqlite3

import pytest
from markdown_it import MarkdownIt

from desktop.annotations import store
from desktop.annotations.aligned import document_notes
from desktop.annotations.export_csv import export_csv
from desktop.annotations.export_md import export_markdown
from desktop.annotations.markdown_text import escape as plain
from desktop.annotations.md_escape import note

from .conftest import MODEL, PARAGRAPHS, save, translate

HOSTILE = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[cliquez ici](javascript:alert(1))",
    "![pixel](http://tracker.example/p.png)",
    "texte\n# injected heading\n\n---\n\n> quoted",
    "[ref]: javascript:alert(2)",
    "<javascript:alert(3)>",
]


def _tokens(md: str) -> list:
    out, stack = [], MarkdownIt("commonmark").parse(md)
    while stack:
        t = stack.pop()
        out.append(t)
        stack.extend(t.children or [])
    return out


def _unsafe(md: str) -> list[str]:
    bad = []
    for t in _tokens(md):
        if t.type in ("html_block", "html_inline", "image"):
            bad.append(f"{t.type}: {t.content}")
        if t.type == "link_open" and not str(t.attrGet("href")).startswith(("http://", "https://", "mailto:")):
            bad.append(f"link: {t.attrGet('href')}")
    return bad


@pytest.mark.parametrize("text", HOSTILE)
def test_plain_text_renders_as_itself(text: str) -> None:
    html = MarkdownIt("commonmark").render(plain(text))
    assert not _unsafe(plain(text)) and "<h1>" not in html and "<blockquote>" not in html and "<hr" not in html
    assert [t.type for t in _tokens(plain(text)) if t.type.startswith(("heading", "bullet", "ordered"))] == []


@pytest.mark.parametrize("text", HOSTILE)
def test_notes_keep_their_markdown_but_nothing_that_runs_or_loads(text: str) -> None:
    assert not _unsafe(note(text)), note(text)
    assert "<h1>" not in MarkdownIt("commonmark").render(note(text))


def test_notes_keep_emphasis_lists_and_web_links() -> None:
    html = MarkdownIt("commonmark").render(note("Terme **clé**\n\n- un\n- deux\n\n[source](https://iom.int)"))
    assert "<strong>clé</strong>" in html and "<li>un</li>" in html and 'href="https://iom.int"' in html


def test_a_markdown_export_of_hostile_notes(conn: sqlite3.Connection) -> None:
    """Regression: notes, quotes and titles were copied verbatim into the briefing."""
    doc = save(conn, PARAGRAPHS, title="<b>Rapport</b> # =HYPERLINK(\"x\")")
    translate(conn, doc)
    for n, text in enumerate(HOSTILE):
        store.create_annotation(conn, doc, "fr", n * 10, n * 10 + 8, color="yellow", note=text, tags=["`x`", "<t>"])
    md = export_markdown([document_notes(conn, doc.id, MODEL)])
    assert not _unsafe(md), _unsafe(md)
    headings = [t for t in _tokens(md) if t.type == "heading_open"]
    assert len(headings) == 1 + len(HOSTILE)  # the title and one per highlight, nothing injected
    assert "# \\<b\\>Rapport\\</b\\>" in md


@pytest.mark.parametrize("text", ["=cmd|' /C calc'!A0", "@SUM(A1:A9)", '=HYPERLINK("http://x","clic")', "+33 1 23", "-2+3", "\t=1", " =1", "＝1"])
def test_csv_cells_never_start_a_formula(conn: sqlite3.Connection, text: str) -> None:
    """Regression (OWASP CSV injection): such cells reached the spreadsheet as formulas."""
    doc = save(conn, PARAGRAPHS, title=text)
    store.create_annotation(conn, doc, "fr", 0, 10, color="yellow", note=text, tags=[text])
    rows = list(csv.DictReader(io.StringIO(export_csv([document_notes(conn, doc.id, MODEL)]).lstrip("\ufeff"))))
    for column in ("document", "note", "tags"):
        assert rows[0][column].startswith("'") and rows[0][column][1:].strip() == text.strip(), column
    assert rows[0]["start"] == "0"  # numbers stay numbers
