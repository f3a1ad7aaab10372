from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_import_list_show_remove(data_dir: Path, seeds_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "import", str(seeds_dir))
    assert code == 0
    assert out.count("imported: ") == 5

    code, out, _ = run(capsys, "--data-dir", str(data_dir), "import", str(seeds_dir))
    assert code == 0 and out.count("unchanged: ") == 5

    code, out, _ = run(capsys, "--data-dir", str(data_dir), "list", "--json")
    docs = json.loads(out)
    assert len(docs) == 5
    assert set(docs[0]) >= {"id", "title", "path", "language", "paragraphs", "sentences", "translated"}

    doc_id = docs[0]["id"]
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "show", str(doc_id), "--json")
    shown = json.loads(out)
    assert shown["id"] == doc_id
    indexes = [s["index"] for p in shown["paragraphs"] for s in p["sentences"]]
    assert indexes == list(range(len(indexes)))
    for p in shown["paragraphs"]:
        assert set(p) >= {"index", "kind", "start", "end", "text", "sentences", "level", "marker", "depth", "page"}
    assert {"info", "importer_version", "format"} <= set(shown)

    code, out, _ = run(capsys, "--data-dir", str(data_dir), "remove", str(doc_id))
    assert code == 0
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "list", "--json")
    assert len(json.loads(out)) == 4


def test_refused_file_sets_exit_status_and_others_import(data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = tmp_path / "bon.txt"
    good.write_text("Une phrase en français. Une autre phrase ici.", encoding="utf-8")
    bad = tmp_path / "image.xyz"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "import", str(good), str(bad))
    assert code == 1
    assert "imported: " in out and f"refused: {bad}" in out


def test_unknown_document_is_a_clear_error(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "--data-dir", str(data_dir), "show", "nothing-like-this")
    assert code == 2
    assert "no document matches" in err and "Traceback" not in err


def test_damaged_database_is_one_clear_line(data_dir: Path, seeds_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "--data-dir", str(data_dir), "import", str(seeds_dir))
    db_file = data_dir / "glose.db"
    # Overwrite pages in the middle of the file: the header stays valid, the tables do not.
    # Every page after the first two, so which table a page holds does not matter.
    with open(db_file, "r+b") as fh:
        fh.seek(8192)
        fh.write(b"\xde\xad\xbe\xef" * ((db_file.stat().st_size - 8192) // 4))
    for wal in data_dir.glob("glose.db-*"):
        wal.unlink()
    code, out, err = run(capsys, "--data-dir", str(data_dir), "show", "1")
    assert code == 2
    assert "Traceback" not in err and "glose restore" in err and str(db_file) in err


def test_folder_reports_unsupported_files_but_not_noise(data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "dossier"
    (folder / "sous").mkdir(parents=True)
    (folder / "sous" / "texte.txt").write_text("Une phrase en français. Une autre phrase ici.", encoding="utf-8")
    (folder / "photo.gif").write_bytes(b"GIF89a" + bytes(100))
    for noise in (".DS_Store", "Thumbs.db", "desktop.ini", "~$rapport.docx"):
        (folder / noise).write_bytes(b"\x00\x01")
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "import", str(folder))
    assert code == 1
    lines = out.strip().splitlines()
    assert len(lines) == 2
    assert f"refused: {folder / 'photo.gif'}: unsupported file type" in out
    assert "imported: " in out and "texte.txt" in out


def test_cheap_checks_run_before_the_unchanged_shortcut(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    text = tmp_path / "note.txt"
    text.write_text("Une phrase en français. " * 100, encoding="utf-8")
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "import", str(text))
    assert code == 0 and "imported: " in out
    # The same bytes under a lying extension are refused for what they are, not "unchanged".
    fake = tmp_path / "faux.pdf"
    fake.write_bytes(text.read_bytes())
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "import", str(fake))
    assert code == 1 and "not a PDF document" in out
    # A file already in the library, now over the size limit: "too large", not "unchanged".
    monkeypatch.setenv("GLOSE_MAX_IMPORT_MB", "0.001")
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "import", str(text))
    assert code == 1 and "too large" in out


def test_show_prints_structure_and_pages(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from desktop.library import db, store
    from desktop.library.models import HEADING, LIST_ITEM, Block, Structure
    from desktop.library.segmentation import split_sentences

    conn = db.connect(data_dir / "glose.db")
    blocks = [
        Block(HEADING, "Titre II", Structure(level=2, page=12, page_label="12")),
        Block(LIST_ITEM, "premier point.", Structure(marker="a)", page=12, page_label="12")),
    ]
    doc_id = store.save_document(
        conn, title="T", fmt="pdf", language="fr", content_hash="h", lay=store.layout(blocks, split_sentences)
    )
    conn.close()
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "show", str(doc_id))
    assert code == 0
    assert "[0] heading h2 (p. 12)" in out and "[1] list_item a) (p. 12)" in out
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "show", str(doc_id), "--json")
    first, second = json.loads(out)["paragraphs"]
    assert (first["level"], first["page"], second["marker"]) == (2, "12", "a)")
