from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from desktop.annotations.exports import FORMATS, render_export, write_atomically


def test_every_format_renders_and_an_unknown_one_is_named(seeded: sqlite3.Connection) -> None:
    doc_id = seeded.execute("SELECT MIN(id) FROM documents").fetchone()[0]
    for fmt in FORMATS:
        assert render_export(seeded, [doc_id], fmt, model_id=None).strip()
    with pytest.raises(ValueError, match="unknown export format 'docx'"):
        render_export(seeded, [doc_id], "docx", model_id=None)


def test_write_is_whole_or_nothing(tmp_path: Path) -> None:
    target = tmp_path / "notes.md"
    target.write_text("the previous export", encoding="utf-8")
    write_atomically(target, "nouvelles notes")
    assert target.read_text(encoding="utf-8") == "nouvelles notes"
    with pytest.raises(OSError, match="does not exist"):
        write_atomically(tmp_path / "missing" / "x.md", "texte")
    with pytest.raises(TypeError):
        write_atomically(target, None)  # type: ignore[arg-type]  # fails mid-write
    assert target.read_text(encoding="utf-8") == "nouvelles notes"
    assert [p.name for p in tmp_path.iterdir()] == ["notes.md"]
