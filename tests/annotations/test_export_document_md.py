"""Whole-document Markdown exports keep the structure (headings, lists, tables, boxes,
quotes, definitions, footnotes, captions, pages), in English or in both languages.

The exports are read back through Glose's own Markdown importer (markdown-it-py), so a
structure that did not survive the trip fails here as it would in a user's Markdown tool.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from desktop.annotations.document_texts import DocumentTexts
from desktop.annotations.export_document_md import document_markdown
from desktop.cli import main
from desktop.library import store
from desktop.library.importers import read_document
from desktop.library.models import PARAGRAPH, Block, ParsedDocument, Structure
from tests.annotations.conftest import split
from tests.annotations.structured_doc import SOURCE, english, structured_library
from tests.library.fidelity_docs import corpus

FIDELITY = Path(__file__).resolve().parent.parent / "data" / "fidelity"


def shape(parsed: ParsedDocument) -> list[tuple]:
    """What the structure of each block is, without its text."""
    return [
        (b.kind, b.structure.level, b.structure.marker, b.structure.depth, b.structure.row, b.structure.col,
         b.structure.attr("label"), b.structure.attr("header"), b.structure.attr("definition"))
        for b in parsed.blocks
    ]  # fmt: skip


def export(data_dir: Path, tmp_path: Path, fmt: str, capsys: pytest.CaptureFixture[str]) -> tuple[Path, str]:
    out = tmp_path / f"export-{fmt}.md"
    assert main(["--data-dir", str(data_dir), "export", "1", "--format", fmt, "-o", str(out)]) == 0
    return out, capsys.readouterr().err


def test_english_export_is_the_document_in_english_with_its_structure(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    structured_library(data_dir)
    out, err = export(data_dir, tmp_path, "english-md", capsys)
    assert "not translated" not in err
    source, back = read_document(SOURCE), read_document(out)
    # footnotes and captions are written as text (Markdown has no unreferenced note, no image)
    kept = [b for b in source.blocks if b.kind not in ("footnote", "caption")]
    assert shape(ParsedDocument("", kept, "md")) == shape(back)[: len(kept)]
    for french, english_block in zip(kept, back.blocks):
        words = french.text.replace(". ", ". EN ")
        assert english_block.text == english(words)
    assert back.title == english("Demande de titre de séjour")
    text = out.read_text("utf-8")
    assert "| EN Pièce | EN Original | EN Copie |" in text
    assert "> [!WARNING] Attention" in text
    assert "\\[1\\] EN Tarif au 1er janvier 2025." in text
    assert "*EN Carte de séjour pluriannuelle*" in text


def test_bilingual_export_puts_each_english_beside_its_french(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    structured_library(data_dir)
    out, _ = export(data_dir, tmp_path, "bilingual-md", capsys)
    back = read_document(out)
    headings = [(b.structure.level, b.text) for b in back.blocks if b.kind == "heading"]
    assert headings[:2] == [(1, "Demande de titre de séjour"), (1, english("Demande de titre de séjour"))]
    items = [(b.structure.marker, b.structure.depth, b.text) for b in back.blocks if b.kind == "list_item"]
    assert items[:4] == [
        ("1.", 0, "Prenez rendez-vous en ligne."), ("", 0, english("Prenez rendez-vous en ligne.")),
        ("2.", 0, "Rassemblez les pièces :"), ("", 0, english("Rassemblez les pièces :")),
    ]  # fmt: skip
    assert ("•", 1, "le passeport ;") in items and ("", 1, english("le passeport ;")) in items
    cells = [b for b in back.blocks if b.kind == "table_cell"]
    assert len({b.structure.group for b in cells}) == 2 and len(cells) == 18
    assert [b.text for b in cells[9:12]] == [english("Pièce"), english("Original"), english("Copie")]
    box = [b.text for b in back.blocks if b.kind == "callout"]
    assert box == ["Un dossier incomplet est refusé.", english("Un dossier incomplet est refusé.")]
    assert {b.structure.attr("label") for b in back.blocks if b.kind == "callout"} == {"Attention"}
    assert [b.text for b in back.blocks if b.kind == "quote"] == [
        "Nul n'est censé ignorer la loi.", english("Nul n'est censé ignorer la loi.")
    ]
    terms = [b.text for b in back.blocks if b.structure.attr("definition") == "description"]
    assert terms == ["Document remis au dépôt du dossier.", english("Document remis au dépôt du dossier.")]


def test_untranslated_sentences_stay_in_french_and_are_counted(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    structured_library(data_dir, translate_all=False)
    out, err = export(data_dir, tmp_path, "english-md", capsys)
    assert "sentences are not translated yet and stay in French" in err
    text = out.read_text("utf-8")
    assert "not translated yet are left in French" in text.split("---")[1]
    assert "Tarif au 1er janvier 2025." in text  # the last sentences, in French
    assert english("Demande de titre de séjour") in text
    bilingual, _ = export(data_dir, tmp_path, "bilingual-md", capsys)
    assert "EN Tarif" not in bilingual.read_text("utf-8")  # no English made up


def test_a_document_export_names_one_document(data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    structured_library(data_dir)
    other = tmp_path / "autre.txt"
    other.write_text("Un autre document.", "utf-8")
    assert main(["--data-dir", str(data_dir), "import", str(other)]) == 0
    assert main(["--data-dir", str(data_dir), "export", "--all", "--format", "english-md"]) != 0
    assert "one document at a time" in capsys.readouterr().err


@pytest.mark.parametrize("path", corpus(FIDELITY, Path(__import__("tempfile").mkdtemp())), ids=lambda p: p.name)
def test_the_fidelity_corpus_keeps_its_structure_through_markdown(path: Path, tmp_path: Path) -> None:
    """Every real document of the corpus, written as French Markdown and read back: same
    headings, numbered and bulleted items, tables, boxes and quotes (markers CommonMark cannot
    number, `a)` or `1°`, stay at the start of their text)."""
    source = read_document(path)
    lay = store.layout(source.blocks, lambda text, a, b: [(a, b)])
    doc_id = _save(lay, source.title)
    md = tmp_path / "corpus.md"
    md.write_text(document_markdown(DocumentTexts(doc_id, {}), ("fr",)), "utf-8")
    back = read_document(md)

    def summary(parsed: ParsedDocument) -> dict:
        blocks = parsed.blocks
        return {
            "headings": [b.text for b in blocks if b.kind == "heading"],
            "numbered": [b.structure.marker for b in blocks if b.kind == "list_item" and b.structure.marker[:1].isdigit()],
            "cells": [(b.structure.row, b.structure.col, b.text) for b in blocks if b.kind == "table_cell"],
            "boxes": [(b.structure.attr("label"), b.text) for b in blocks if b.kind == "callout"],
            "quotes": [b.text for b in blocks if b.kind == "quote"],
            "text": " ".join(b.text for b in blocks),
        }

    expected, found = summary(source), summary(back)
    assert found["headings"] == expected["headings"]
    assert found["numbered"] == expected["numbered"]
    assert found["cells"] == expected["cells"]
    assert found["boxes"] == expected["boxes"]
    assert found["quotes"] == expected["quotes"]
    for block in source.blocks:
        assert block.text in found["text"]


def _save(lay: store.Layout, title: str):  # noqa: ANN202 - a Document
    import tempfile

    from desktop.library.db import open_library

    conn = open_library(Path(tempfile.mkdtemp()))
    doc_id = store.save_document(conn, title=title, fmt="md", language="fr", content_hash="h", lay=lay)
    return store.get_document(conn, doc_id)


def test_text_that_looks_like_markdown_stays_text(conn: sqlite3.Connection, tmp_path: Path) -> None:
    tricky = [
        "# pas un titre", "1. pas une liste", "2) non plus", "> pas une citation", "- pas un tiret", "+ ni un plus",
        "Prix : 3 * 4 = 12 € et _souligné_ [lien](x) <b>gras</b> &amp; 50 | 50", "Une barre oblique inverse \\",
        ": pas une définition", "Point d'exclamation ![image](y) fin", "Espace insécable\u00a0: gardée\u202f!",
    ]  # fmt: skip
    lay = store.layout([Block(PARAGRAPH, t) for t in tricky], split)
    doc = store.get_document(conn, store.save_document(conn, title="T", fmt="txt", language="fr", content_hash="x", lay=lay))
    md = tmp_path / "tricky.md"
    md.write_text(document_markdown(DocumentTexts(doc, {}), ("fr",)), "utf-8")
    back = read_document(md)
    assert [(b.kind, b.text) for b in back.blocks] == [("paragraph", t) for t in tricky]


def test_pages_are_given_where_the_source_has_them(conn: sqlite3.Connection) -> None:
    blocks = [
        Block(PARAGRAPH, "Première page.", Structure(page=1, page_label="i")),
        Block(PARAGRAPH, "Toujours la première.", Structure(page=1, page_label="i")),
        Block(PARAGRAPH, "Deuxième page.", Structure(page=2, page_label="12")),
    ]
    lay = store.layout(blocks, split)
    doc = store.get_document(conn, store.save_document(conn, title="P", fmt="pdf", language="fr", content_hash="p", lay=lay))
    text = document_markdown(DocumentTexts(doc, {}), ("fr",))
    assert text.count("*[p. i]*") == 1 and text.count("*[p. 12]*") == 1
    assert text.index("*[p. 12]*") < text.index("Deuxième page.") and text.index("*[p. i]*") < text.index("Première")
