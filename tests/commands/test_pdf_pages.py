"""A PDF from import to citation on the command line: `glose import` (--ocr), `show --json`
pages, `search` and the Markdown/CSV/JSON-LD exports citing "p. 1"."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from desktop.library.pdf import ocr
from tests import pdf_samples
from tests.commands.test_library import run


@pytest.fixture
def brochure_library(data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> list[str]:
    d = ["--data-dir", str(data_dir)]
    path = pdf_samples.brochure(tmp_path / "brochure.pdf")
    code, out, _err = run(capsys, *d, "import", "--ocr", "never", str(path))
    assert code == 0 and out.startswith("imported:"), out
    return d


def test_show_json_carries_pages_and_labels(brochure_library: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    _code, out, _ = run(capsys, *brochure_library, "show", "1", "--json")
    paragraphs = json.loads(out)["paragraphs"]
    priorities = next(p for p in paragraphs if p["text"] == "Priorités retenues")
    assert priorities["page"] == "1" and priorities["page_index"] == 2  # printed label, physical page
    assert all(p["page_index"] >= 1 for p in paragraphs)


def test_search_cites_the_page(brochure_library: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    _code, out, _ = run(capsys, *brochure_library, "search", "compteurs écoles")
    assert "p. 1," in out  # the list is on the page printed "1"
    _code, out, _ = run(capsys, *brochure_library, "search", "compteurs écoles", "--json")
    assert json.loads(out)[0]["page"] == "1"


def test_exports_cite_the_page(brochure_library: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = run(capsys, *brochure_library, "annotate", "1", "--quote", "Installer des compteurs", "--note", "À chiffrer")
    assert code == 0, err
    _code, md, _ = run(capsys, *brochure_library, "export", "1", "--format", "md")
    assert "French text, p. 1)" in md
    _code, text, _ = run(capsys, *brochure_library, "export", "1", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[0]["page"] == "1"
    _code, text, _ = run(capsys, *brochure_library, "export", "1", "--format", "jsonld")
    target = json.loads(text)["first"]["items"][0]["target"]
    assert target["glose:page"] == "1"
    assert {"type": "FragmentSelector", "conformsTo": "http://tools.ietf.org/rfc/rfc3778", "value": "page=2"} in target["selector"]


def test_import_ocr_option_and_scans(data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    d = ["--data-dir", str(data_dir)]
    scan = pdf_samples.image_pdf([pdf_samples.scan()], tmp_path / "scan.pdf")
    code, out, _ = run(capsys, *d, "import", "--ocr", "never", str(scan))
    assert code == 1 and "refused:" in out and "--ocr auto" in out
    if ocr.find_tesseract() is None:
        pytest.skip("Tesseract is not installed")
    mixed = pdf_samples.mixed(tmp_path / "mixte.pdf", pdf_samples.scan())
    code, out, _ = run(capsys, *d, "import", "--ocr", "never", str(mixed))
    assert code == 0 and "warning: page(s) 2 are scanned and were not read" in out
    code, out, _ = run(capsys, *d, "import", str(scan))
    assert code == 0 and out.startswith("imported:"), out
    _code, out, _ = run(capsys, *d, "show", "scan", "--json")
    assert "Madame la Présidente" in out


def test_import_help_lists_image_formats(data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "vide"
    empty.mkdir()
    code, _out, err = run(capsys, "--data-dir", str(data_dir), "import", str(empty))
    assert code == 1 and ".png" in err and ".tif" in err and ".pdf" in err


def test_notes_get_their_page_for_the_notes_panel(brochure_library: list[str], data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from desktop.annotations.citation import annotation_pages
    from desktop.annotations.store import list_annotations
    from desktop.library.db import open_library

    run(capsys, *brochure_library, "annotate", "1", "--quote", "Ouvrir les comptes")
    run(capsys, *brochure_library, "annotate", "1", "--quote", "dix années à venir")
    conn = open_library(data_dir)
    try:
        pages = annotation_pages(conn, list_annotations(conn, 1))
    finally:
        conn.close()
    assert sorted(pages.values()) == ["p. 1", "p. 2"]  # "dix années" is past the page break
