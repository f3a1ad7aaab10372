"""Exporting a whole document with its structure from the app: the Markdown texts in the
Export menu, and the bilingual PDF laid out as the document is (headings by level,
lists with their numbers, tables, boxes)."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pypdf
import pytest
from PySide6.QtWidgets import QFileDialog, QMenu

from desktop.ui.export_actions import ExportActions
from desktop.ui.pdf_export import briefing_html, collect, export_document_pdf
from desktop.ui.pdf_layout import HEADING_SIZES, INDENT
from tests.annotations.structured_doc import english, structured_library
from tests.ui.panel_support import app_context


@pytest.fixture
def ctx(data_dir: Path):
    structured_library(data_dir)
    with app_context(data_dir) as context:
        yield context


def test_export_menu_writes_the_document_in_english(qtbot, ctx, tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "titre"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    actions = ExportActions(ctx, lambda: 1)
    menu = QMenu()
    actions.populate(menu)
    names = [a.objectName() for a in menu.actions()]
    assert names.index("export_pdf") < names.index("export_text_english-md") < names.index("export_text_bilingual-md")
    actions.update_enabled()
    assert all(a.isEnabled() for a in actions.text_actions.values())
    with qtbot.waitSignal(actions.exported, timeout=20_000):
        actions.text_actions["english-md"].trigger()
    text = (tmp_path / "titre.md").read_text("utf-8")
    assert "# " + english("Demande de titre de séjour") in text
    assert "| EN Pièce | EN Original | EN Copie |" in text
    assert "\n# Demande" not in text  # no French heading left


def test_text_exports_need_an_open_document(ctx) -> None:
    actions = ExportActions(ctx, lambda: None)
    actions.update_enabled()
    assert not any(a.isEnabled() for a in actions.text_actions.values())


def test_pdf_lays_out_the_structure(ctx, data_dir: Path, tmp_path: Path) -> None:
    from desktop.cli import main

    assert main(["--data-dir", str(data_dir), "annotate", "1", "--quote", "Photo d'identité", "--note", "format ?"]) == 0
    content = briefing_html(collect(ctx.conn, 1))
    assert f'font-size:{HEADING_SIZES[1]}pt; font-weight:bold;' in content
    assert content.count(f'font-size:{HEADING_SIZES[2]}pt; font-weight:bold;') == 2 * 2  # two h2, both sides
    assert f'margin-left:{INDENT}px; text-indent:-{INDENT}px;">1.&nbsp;Prenez' in content
    assert f'margin-left:{2 * INDENT}px; text-indent:-{INDENT}px;">•&nbsp;le passeport' in content
    assert content.count('<table border="1"') == 2  # the table, on each side
    assert content.count("font-weight:bold; background-color:#eeeeee;") == 6  # 3 header cells a side
    assert "<b>Attention</b><br>Un dossier incomplet" in content
    table_end = content.index("EN Photo")
    assert content.index("format ?") > table_end  # the cell's note after its table, not inside it

    out = export_document_pdf(ctx.conn, 1, tmp_path / "titre.pdf")
    text = unicodedata.normalize("NFKC", " ".join(p.extract_text() for p in pypdf.PdfReader(str(out)).pages))
    text = " ".join(text.split())
    for expected in ("Pièce Original Copie", "1. Prenez rendez-vous en ligne.", "• le passeport", "Attention"):
        assert expected in text, expected
    assert re.search(r"EN Pièce\s+EN Original", text)


def test_a_document_with_pages_shows_them(ctx, tmp_path: Path) -> None:
    from desktop.library import store
    from desktop.library.models import PARAGRAPH, Block, Structure
    from tests.annotations.conftest import split

    conn = ctx.conn
    blocks = [Block(PARAGRAPH, "Page une.", Structure(page=1)), Block(PARAGRAPH, "Page deux.", Structure(page=2, page_label="ii"))]
    lay = store.layout(blocks, split)
    doc_id = store.save_document(conn, title="Paginé", fmt="pdf", language="fr", content_hash="pg", lay=lay)
    content = briefing_html(collect(conn, doc_id))
    assert content.index("p. 1<") < content.index("Page une.") < content.index("p. ii<") < content.index("Page deux.")
