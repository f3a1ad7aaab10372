from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from desktop import config
from desktop.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def library(data_dir: Path, seeds_dir: Path, capsys: pytest.CaptureFixture[str]) -> list[str]:
    d = ["--data-dir", str(data_dir)]
    assert run(capsys, *d, "import", str(seeds_dir))[0] == 0
    return d


def test_search_json(library: list[str], capsys) -> None:
    code, out, err = run(capsys, *library, "search", "Asie du Sud-Est", "--json")
    assert code == 0
    hits = json.loads(out)
    keys = {"doc_id", "title", "paragraph_id", "paragraph_index", "lang", "snippet", "score", "page"}
    assert hits and all(set(h) == keys for h in hits)
    assert "<b>Asie</b>" in hits[0]["snippet"] and hits[0]["lang"] == "fr"
    assert [h["score"] for h in hits] == sorted((h["score"] for h in hits), reverse=True)


def test_search_options(library: list[str], capsys) -> None:
    _, out, _ = run(capsys, *library, "search", "migration", "--json", "--limit", "3")
    hits = json.loads(out)
    assert len(hits) == 3
    doc = hits[-1]["doc_id"]
    _, out, _ = run(capsys, *library, "search", "migration", "--json", "--doc", str(doc), "--limit", "100")
    assert {h["doc_id"] for h in json.loads(out)} == {doc}
    _, out, _ = run(capsys, *library, "search", "migration", "--json", "--lang", "en")
    assert json.loads(out) == []  # nothing is translated yet


def test_search_text_output_and_paging(library: list[str], capsys) -> None:
    code, out, _ = run(capsys, *library, "search", "migration", "--limit", "2")
    assert code == 0
    assert "paragraph(s) found; 1-2 shown" in out and "[migration]" in out.lower()
    assert "More: --page 2" in out
    code, out, _ = run(capsys, *library, "search", "migration", "--limit", "2", "--page", "2")
    assert "3-4 shown" in out


def test_no_results_suggests_a_word(library: list[str], capsys) -> None:
    code, out, _ = run(capsys, *library, "search", "cooperasion")
    assert code == 0 and "No results. Did you mean: coopération" in out
    code, out, err = run(capsys, *library, "search", "cooperasion", "--json")
    assert json.loads(out) == [] and "did you mean: coopération" in err


@pytest.mark.parametrize("query", ["*", "(", '"'])
def test_a_query_without_words_is_a_clear_error(library: list[str], capsys, query: str) -> None:
    code, out, err = run(capsys, *library, "search", query)
    assert code == 2
    assert "Type a word" in err and "Traceback" not in err and out == ""


def test_a_missing_index_is_rebuilt_before_searching(library: list[str], data_dir: Path, capsys) -> None:
    shutil.rmtree(config.index_path(data_dir))
    code, out, err = run(capsys, *library, "search", "Lianyungang", "--json")
    assert code == 0 and json.loads(out)
    assert "rebuilt" in err


def test_reindex(library: list[str], data_dir: Path, capsys) -> None:
    code, out, err = run(capsys, *library, "reindex")
    assert code == 0
    (count,) = [int(w) for w in out.split() if w.isdigit()]
    assert count > 50
    assert f"{5}/{5}" in err  # the progress bar reached the end


def test_search_on_an_empty_library(data_dir: Path, capsys) -> None:
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "search", "migration")
    assert code == 0 and "No results" in out


def test_reindex_then_search(library: list[str], capsys) -> None:
    code, out, _ = run(capsys, *library, "reindex")
    assert code == 0 and out.startswith("indexed ")
    code, out, _ = run(capsys, *library, "search", "Lianyungang", "--json")
    assert len(json.loads(out)) >= 2


def test_a_damaged_index_is_rebuilt_by_the_search_command(library: list[str], data_dir: Path, capsys) -> None:
    folder = config.index_path(data_dir)
    biggest = max((p for p in folder.iterdir() if p.is_file()), key=lambda p: p.stat().st_size)
    biggest.write_bytes(b"\0" * biggest.stat().st_size)
    code, out, err = run(capsys, *library, "search", "Lianyungang", "--json")
    assert code == 0 and json.loads(out)
    assert "Traceback" not in err
