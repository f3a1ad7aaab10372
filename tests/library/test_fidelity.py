"""The fidelity corpus: real French documents in every format and dialect, read as their
authors wrote them (tests/data/fidelity, sources and licences in LICENSES.md).

Each document must give its expected title, headings with levels, list markers, tables,
callouts, TOC entries and footnotes (expected.json), keep out the text listed under
"absent" (navigation, banners, licences), and carry no markup debris in any paragraph
(tests/fidelity.py), through `glose import` and `glose show --json` as a user would.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from desktop.library.importers import read_document
from tests.fidelity import debris, debris_paragraphs
from tests.library.fidelity_docs import corpus

DATA = Path(__file__).resolve().parent.parent / "data" / "fidelity"
EXPECTED = json.loads((DATA / "expected.json").read_text("utf-8"))


def structure_of(paragraphs: list[dict]) -> dict:
    """What expected.json records of a document, from `glose show --json` paragraphs."""
    kinds = Counter(p["kind"] for p in paragraphs)
    return {
        "headings": [[p["level"], p["text"]] for p in paragraphs if p["kind"] == "heading"],
        "markers": [p["marker"] for p in paragraphs if p["kind"] == "list_item" and p["marker"]],
        "tables": len({p["group"] for p in paragraphs if p["kind"] == "table_cell"}),
        "cells": kinds["table_cell"],
        "callouts": sorted({p["attrs"].get("label", "") for p in paragraphs if p["kind"] == "callout"}),
        "toc": kinds["toc"],
        "footnotes": kinds["footnote"],
        "quotes": kinds["quote"],
        "captions": kinds["caption"],
    }


@pytest.fixture(scope="module")
def shown(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict]:
    """Every corpus document imported into one library and shown as JSON, by the CLI."""
    from desktop.cli import main

    root = tmp_path_factory.mktemp("fidelity")
    built = root / "built"
    built.mkdir()
    data_dir = root / "data"
    docs = {}
    for path in corpus(DATA, built):
        assert main(["--data-dir", str(data_dir), "import", str(path)]) == 0, path
    import io
    from contextlib import redirect_stdout

    listing = io.StringIO()
    with redirect_stdout(listing):
        main(["--data-dir", str(data_dir), "list", "--json"])
    for entry in json.loads(listing.getvalue()):
        out = io.StringIO()
        with redirect_stdout(out):
            main(["--data-dir", str(data_dir), "show", str(entry["id"]), "--json"])
        docs[Path(entry["path"]).name] = json.loads(out.getvalue())
    return docs


def test_every_document_of_the_corpus_is_expected() -> None:
    kinds = (".md", ".html", ".txt", ".docx", ".odt", ".epub")
    names = {p.name for p in DATA.iterdir() if p.suffix in kinds and p.name != "LICENSES.md"}
    names |= {"participer-debian.docx", "participer-debian.odt", "participer-debian.epub"}
    names |= {p.name for p in (DATA.parent / "pdf").glob("*.pdf")}
    assert names == set(EXPECTED)
    assert len({Path(n).suffix for n in names}) >= 7  # md, html, txt, docx, odt, epub, pdf


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_structure_as_written(shown: dict[str, dict], name: str) -> None:
    doc, expected = shown[name], EXPECTED[name]
    assert doc["title"] == expected["title"]
    found = structure_of(doc["paragraphs"])
    assert found == {k: expected[k] for k in found}
    for key in expected.get("info", []):
        assert doc["info"].get(key), f"{key} missing from the document information"
    text = "\n".join(p["text"] for p in doc["paragraphs"])
    for absent in expected.get("absent", []):
        assert absent not in text, f"{absent!r} is in the reading text"
    for present in expected.get("present", []):
        assert present in text, f"{present!r} is missing from the reading text"


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_no_markup_debris(shown: dict[str, dict], name: str) -> None:
    paragraphs = [(p["kind"], p["text"]) for p in shown[name]["paragraphs"]]
    assert debris_paragraphs(paragraphs) == []
    assert debris(shown[name]["title"], "heading") == []


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Voir [le site](https://x.fr)", "paragraph"),
        ("[texte]{.classe}", "paragraph"),
        ("Un paragraphe {: .lead}", "paragraph"),
        ("::: tip", "paragraph"),
        ("Prix&#x202F;: 3 €", "paragraph"),
        ("39&nbsp;39", "paragraph"),
        ("L'ACTUALITÉ\\", "paragraph"),
        ("# À qui est-il destiné ?", "heading"),
        ("L e t t r e perdue", "paragraph"),
    ],
)
def test_the_checker_finds_each_kind_of_debris(text: str, kind: str) -> None:
    assert debris(text, kind)


def test_the_checker_passes_clean_french() -> None:
    for text in ("Il y a à faire.", "C'est-à-dire : 25 € à l'ordre de l'État.", "Article 1er (§ 2) — a) et b)."):
        assert debris(text) == []


def test_reading_the_corpus_directly_matches_the_library(shown: dict[str, dict], tmp_path: Path) -> None:
    for path in corpus(DATA, tmp_path):
        parsed = read_document(path)
        assert parsed.title == shown[path.name]["title"]
