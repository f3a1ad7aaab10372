"""Notes files read within budgets (issue 18 items 7, 9, 10): special files refused before
reading, size and depth bounded, numbers and text checked; a clear message, never a traceback."""

from __future__ import annotations

import json
import os
import sqlite3
import threading
from pathlib import Path

import pytest

from desktop.annotations import jsonld, jsonld_input, store

from .conftest import PARAGRAPHS, save


def _read_within(path: Path, seconds: float = 30.0):
    """read_file in a thread: a blocking read (a FIFO) fails the test instead of hanging it."""
    out: list = []

    def run() -> None:
        try:
            out.append(jsonld.read_file(path))
        except Exception as exc:  # noqa: BLE001 - handed to the test
            out.append(exc)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(seconds)
    assert out, f"reading {path} blocked"
    return out[0]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX FIFOs")
def test_a_fifo_is_refused_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "notes.jsonld"
    os.mkfifo(fifo)
    result = _read_within(fifo)
    assert isinstance(result, ValueError) and "not a regular file" in str(result) and str(fifo) in str(result)


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="/dev/zero")
def test_dev_zero_is_refused_before_reading() -> None:
    result = _read_within(Path("/dev/zero"))
    assert isinstance(result, ValueError) and "not a regular file" in str(result)


def test_an_oversized_file_is_refused(tmp_path: Path) -> None:
    big = tmp_path / "big.jsonld"
    big.write_text(json.dumps({"type": "AnnotationCollection", "pad": "x" * 5000}), "utf-8")
    with pytest.raises(ValueError, match=r"big\.jsonld: .*more than a notes file can be"):
        jsonld_input.read_file(big, max_bytes=1000)


@pytest.mark.parametrize("depth", [100, 50_000])
def test_deep_nesting_is_refused(tmp_path: Path, depth: int) -> None:
    deep = tmp_path / "deep.jsonld"
    deep.write_text("[" * depth + "]" * depth, "utf-8")
    with pytest.raises(ValueError, match=r"deep\.jsonld: nested more than 64 levels deep"):
        jsonld.read_file(deep)


def _item(**selector) -> dict:
    return {
        "type": "Annotation",
        "id": "urn:uuid:8f5e1c3a-0000-4000-8000-000000000001",
        "body": {"type": "TextualBody", "value": "vu"},
        "target": {"source": {"title": "Migrations"}, "selector": [{"type": "TextPositionSelector", **selector},
                                                                    {"type": "TextQuoteSelector", "exact": "retour volontaire"}]},
    }


@pytest.mark.parametrize("bad", [float("inf"), 10**30, -1, "12", [3], {"a": 1}, True])
def test_impossible_positions_skip_the_item_with_a_reason(conn: sqlite3.Connection, bad) -> None:
    """Regression: start 1e999 or 10**30 ended in OverflowError."""
    save(conn, PARAGRAPHS)
    report = jsonld.import_jsonld(conn, _item(start=bad, end=5))
    assert report.added == 0 and len(report.skipped) == 1 and "start" in report.skipped[0]


def test_json_infinity_from_a_file_is_refused_cleanly(conn: sqlite3.Connection, tmp_path: Path) -> None:
    save(conn, PARAGRAPHS)
    path = tmp_path / "inf.jsonld"
    path.write_text(json.dumps(_item(start=0, end=5)).replace('"start": 0', '"start": 1e999'), "utf-8")
    report = jsonld.import_jsonld(conn, jsonld.read_file(path))
    assert report.added == 0 and "start" in report.skipped[0]


def test_lone_surrogates_are_stored_as_replacement_characters(conn: sqlite3.Connection, tmp_path: Path) -> None:
    """Regression: a lone \\ud800 (valid JSON) ended in a raw codec error."""
    doc = save(conn, PARAGRAPHS)
    path = tmp_path / "surrogate.jsonld"
    item = _item(start=0, end=5)
    item["body"] = [{"type": "TextualBody", "value": "note \\ud800 ici"},
                    {"type": "TextualBody", "purpose": "tagging", "value": "t\\udfff"}]
    path.write_text(json.dumps(item).replace("\\\\ud800", "\\ud800").replace("\\\\udfff", "\\udfff"), "utf-8")
    report = jsonld.import_jsonld(conn, jsonld.read_file(path))
    [ann] = store.list_annotations(conn, doc.id)
    assert report.added == 1 and ann.note == "note \ufffd ici" and ann.tags == ["t\ufffd"]


def test_values_of_the_wrong_kind_skip_the_item(conn: sqlite3.Connection) -> None:
    save(conn, PARAGRAPHS)
    item = _item(start=0, end=5)
    item["body"] = {"type": "TextualBody", "value": {"nested": ["object"] * 3}}
    report = jsonld.import_jsonld(conn, item)
    assert report.added == 0 and "not text" in report.skipped[0]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX FIFOs")
def test_cli_notes_import_of_a_fifo(data_dir: Path, tmp_path: Path, capsys) -> None:
    from desktop.cli import main

    fifo = tmp_path / "pipe.jsonld"
    os.mkfifo(fifo)
    assert main(["--data-dir", str(data_dir), "notes", "import", str(fifo)]) != 0
    err = capsys.readouterr().err
    assert "not a regular file" in err and "Traceback" not in err
