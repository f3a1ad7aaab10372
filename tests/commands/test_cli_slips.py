"""The command line's rough edges a new user hit (issue 17 item 10), each fixed at its cause."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.cli import main


def run(capsys, *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as exc:  # argparse's own usage errors
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def library(data_dir: Path, seeds_dir: Path, capsys) -> list[str]:
    d = ["--data-dir", str(data_dir)]
    assert run(capsys, *d, "import", str(seeds_dir))[0] == 0
    return d


def test_search_accepts_a_leading_minus_word(library: list[str], capsys) -> None:
    """Regression: `glose search "-migration"` failed with "the following arguments are
    required: QUERY" though the README advertises -word."""
    code, out, err = run(capsys, *library, "search", "coopération", "-migration", "--json")
    assert code == 0, err
    with_migration = json.loads(run(capsys, *library, "search", "coopération", "--json", "--limit", "100")[1])
    without = json.loads(out)
    assert len(without) < len(with_migration)
    code, out, err = run(capsys, *library, "search", "-migration", "coopération", "--lang", "fr")
    assert code == 0 and "required" not in err
    code, _out, err = run(capsys, *library, "search", "--json", "-migration")
    assert "required" not in err and "unrecognized" not in err and "words to exclude" in err


@pytest.mark.parametrize("n", ["0", "-3", "1000"])
def test_alternatives_count_is_checked(library: list[str], capsys, n: str) -> None:
    """Regression: -n 0 returned one result silently, -n 1000 printed a thousand."""
    code, _out, err = run(capsys, *library, "alternatives", "1", "0", "-n", n)
    assert code == 2 and "-n" in err and "1 to 8" in err


def test_glossary_add_says_what_it_added(library: list[str], capsys) -> None:
    """Regression: `glossary add OIM IOM` printed a bare `1`."""
    code, out, _ = run(capsys, *library, "glossary", "add", "ZZZ", "YYY")
    assert code == 0 and "ZZZ → YYY" in out and "added" in out and out.strip() != "1"


def test_occurrence_message_reads_well(library: list[str], capsys) -> None:
    """Regression: "occurs only 26 time(s), not 99 of document 3 (French text); copy it exactly"."""
    code, _out, err = run(capsys, *library, "annotate", "1", "--quote", "migration", "--occurrence", "99")
    assert code != 0
    assert "occurs" in err and "--occurrence 1 to" in err and "not 99 of document" not in err
    assert "copy it exactly" not in err
    code, _out, err = run(capsys, *library, "annotate", "1", "--quote", "introuvable zzz")
    assert "is not in the French text of document 1" in err and "glose show 1" in err


def test_restore_points_to_the_list_of_backups(library: list[str], capsys, tmp_path: Path) -> None:
    """Regression: the restore error pointed to `glose backup`, which makes a backup instead."""
    code, _out, err = run(capsys, *library, "restore", str(tmp_path / "nope.db"))
    assert code != 0 and "glose backup --list" in err
