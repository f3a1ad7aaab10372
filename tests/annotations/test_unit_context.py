"""TMX units say where their sentence stands: kind, heading level, list marker and depth,
table cell, page (unit_context.py)."""

from __future__ import annotations

import sqlite3
import xml.etree.ElementTree as ET
from pathlib import Path

from desktop.annotations.unit_context import sentence_props
from desktop.cli import main
from desktop.library import store
from desktop.library.models import HEADING, PARAGRAPH, Block, Structure
from tests.annotations.conftest import split
from tests.annotations.structured_doc import structured_library


def test_tmx_units_carry_their_structure(data_dir: Path, tmp_path: Path) -> None:
    structured_library(data_dir)
    out = tmp_path / "doc.tmx"
    assert main(["--data-dir", str(data_dir), "export", "1", "--format", "tmx", "-o", str(out)]) == 0
    units = {
        tu.find("tuv/seg").text: {p.get("type"): p.text for p in tu.findall("prop")}
        for tu in ET.parse(out).getroot().iter("tu")
    }
    assert units["Étapes"] | {"x-document": ""} == {"x-kind": "heading", "x-level": "2", "x-document": "",
                                                     "x-origin": "machine-translation", "x-review-status": "machine"}
    assert (units["le passeport ;"]["x-marker"], units["le passeport ;"]["x-depth"]) == ("•", "1")
    cell = units["Photo d'identité"]
    assert (cell["x-kind"], cell["x-row"], cell["x-col"]) == ("table_cell", "2", "0")
    assert units["Tarif au 1er janvier 2025."]["x-marker"] == "1"
    assert "x-page" not in cell  # a Markdown file has no pages


def test_pages_are_given_as_printed(conn: sqlite3.Connection) -> None:
    blocks = [
        Block(HEADING, "Avant-propos", Structure(level=1, page=3, page_label="iii")),
        Block(PARAGRAPH, "Le texte commence ici. Il continue.", Structure(page=4)),
    ]
    doc = store.get_document(conn, store.save_document(
        conn, title="P", fmt="pdf", language="fr", content_hash="p", lay=store.layout(blocks, split)))
    props = sentence_props(doc)
    assert props[0] == (("x-kind", "heading"), ("x-level", "1"), ("x-page", "iii"))
    assert props[1] == props[2] == (("x-kind", "paragraph"), ("x-page", "4"))
