from __future__ import annotations

import csv
import io
import json
import sqlite3
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.library.db import open_library
from desktop.library.store import get_document
from desktop.translation.store import put_mt

TEXT = (
    "Le partenariat mondial sur les migrations réunit les États membres. Il vise une gouvernance partagée.\n\n"
    "Le forum de Lianyungang a examiné la gestion des frontières. Le forum reprendra en mai."
)


def run(capsys: pytest.CaptureFixture[str], data: Path, *argv: str) -> tuple[int, str, str]:
    code = main(["--data-dir", str(data), *argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def library(data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """A library with one document, translated by a fake MT."""
    path = tmp_path / "Migrations.txt"
    path.write_text(TEXT, "utf-8")
    code, _, _ = run(capsys, data_dir, "import", str(path))
    assert code == 0
    conn = open_library(data_dir)
    doc = get_document(conn, 1)
    put_mt(conn, "fake@1", [(s.source_hash, "EN " + doc.sentence_text(s)) for s in doc.sentences])
    conn.close()
    return data_dir


def test_annotate_list_edit_delete(library: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, library, "annotate", "Migr", "--quote", "Le forum", "--occurrence", "2",
                       "--color", "pink", "--note", "Date ?", "--tag", "agenda", "--tag", "forum")
    assert code == 0
    ann_id = out.strip()
    code, out, _ = run(capsys, library, "annotate", "1", "--side", "en", "--quote", "EN Le forum de Lianyungang")
    assert code == 0
    en_id = out.strip()

    code, out, _ = run(capsys, library, "notes", "list", "--json")
    listed = {a["id"]: a for a in json.loads(out)}
    assert set(listed) == {ann_id, en_id}
    first = listed[ann_id]
    assert set(first) == {"id", "doc_id", "side", "start", "end", "quote", "prefix", "suffix", "color", "note",
                          "tags", "status", "created", "modified"}
    assert (first["quote"], first["color"], first["note"], first["tags"]) == ("Le forum", "pink", "Date ?", ["agenda", "forum"])
    assert TEXT.replace("\n\n", "\n\n").index("Le forum reprendra") == first["start"]
    assert listed[en_id]["side"] == "en"

    code, out, _ = run(capsys, library, "notes", "list", "--doc", "1")
    assert code == 0 and ann_id[:8] in out and "note: Date ?" in out and "tags: agenda, forum" in out

    code, out, _ = run(capsys, library, "notes", "edit", ann_id[:8], "--note", "Mai 2026", "--color", "green", "--clear-tags")
    assert code == 0 and out.strip() == f"updated: {ann_id}"
    code, out, _ = run(capsys, library, "notes", "list", "--json")
    edited = next(a for a in json.loads(out) if a["id"] == ann_id)
    assert (edited["note"], edited["color"], edited["tags"]) == ("Mai 2026", "green", [])

    code, out, _ = run(capsys, library, "notes", "delete", ann_id)
    assert code == 0
    code, out, _ = run(capsys, library, "notes", "list", "--json")
    assert [a["id"] for a in json.loads(out)] == [en_id]


def test_user_errors_get_one_clear_line(library: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, library, "annotate", "1", "--quote", "absent du texte")
    assert code == 2 and "not in the text" in err and "Traceback" not in err
    code, _, err = run(capsys, library, "annotate", "1", "--quote", "Le forum", "--occurrence", "3")
    assert code == 2 and "only 2 time(s)" in err
    code, _, err = run(capsys, library, "notes", "edit", "ffffffff", "--note", "x")
    assert code == 2 and "no annotation" in err
    code, _, err = run(capsys, library, "notes", "edit", "ffffffff")
    assert code == 2
    code, _, err = run(capsys, library, "export", "--format", "md")
    assert code == 2 and "--all" in err


def test_orphans_are_listed_apart(library: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, library, "annotate", "1", "--quote", "gestion des frontières", "--note", "à suivre")
    ann_id = out.strip()
    edited = TEXT.replace("a examiné la gestion des frontières", "s'est tenu")
    (tmp_path / "Migrations.txt").write_text(edited, "utf-8")
    code, out, _ = run(capsys, library, "import", str(tmp_path / "Migrations.txt"))
    assert code == 0 and "updated" in out
    code, out, _ = run(capsys, library, "notes", "list", "--orphaned", "--json")
    assert [(a["id"], a["status"], a["note"]) for a in json.loads(out)] == [(ann_id, "orphaned", "à suivre")]
    code, out, _ = run(capsys, library, "notes", "list")
    assert "Orphaned (1)" in out and "ORPHANED" in out
    # Re-attached to a passage of the new text, note kept.
    code, out, _ = run(capsys, library, "notes", "edit", ann_id, "--quote", "s'est tenu")
    assert code == 0
    code, out, _ = run(capsys, library, "notes", "list", "--json")
    [ann] = json.loads(out)
    assert (ann["status"], ann["quote"], ann["note"]) == ("anchored", "s'est tenu", "à suivre")
    assert edited[ann["start"] : ann["end"]] == "s'est tenu"


def test_export_every_format(library: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, library, "annotate", "1", "--quote", "gouvernance partagée", "--note", "clé", "--tag", "gouv")
    outputs = {}
    for fmt in ("md", "csv", "jsonld", "tmx", "xliff"):
        target = tmp_path / f"out.{fmt}"
        code, _, err = run(capsys, library, "export", "1", "--format", fmt, "-o", str(target))
        assert code == 0 and "exported" in err
        outputs[fmt] = target.read_bytes()
    assert b"> gouvernance partag\xc3\xa9e" in outputs["md"]
    assert outputs["csv"].startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(outputs["csv"].decode("utf-8-sig"))))
    assert rows[0]["note"] == "clé" and rows[0]["aligned"] == "EN Il vise une gouvernance partagée."
    assert json.loads(outputs["jsonld"])["total"] == 1
    tmx = ET.fromstring(outputs["tmx"])
    assert len(tmx.findall("body/tu")) == 4
    xliff = ET.fromstring(outputs["xliff"])
    assert len(list(xliff.iter("{urn:oasis:names:tc:xliff:document:2.0}unit"))) == 4
    code, out, _ = run(capsys, library, "export", "--all", "--format", "tmx", "--highlighted-only")
    assert code == 0 and len(ET.fromstring(out).findall("body/tu")) == 1


def test_notes_import_from_another_library(library: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, library, "annotate", "1", "--quote", "gouvernance partagée", "--note", "clé")
    exported = tmp_path / "shared.jsonld"
    run(capsys, library, "export", "1", "--format", "jsonld", "-o", str(exported))
    other = tmp_path / "other-data"
    run(capsys, other, "import", str(tmp_path / "Migrations.txt"))
    code, out, err = run(capsys, other, "notes", "import", str(exported))
    assert code == 0 and "1 added" in out
    code, out, _ = run(capsys, other, "notes", "list", "--json")
    assert [a["note"] for a in json.loads(out)] == ["clé"]
    code, out, _ = run(capsys, other, "notes", "import", str(exported))
    assert "1 already up to date" in out
    bad = tmp_path / "bad.jsonld"
    bad.write_text("[1, 2", "utf-8")
    code, _, err = run(capsys, other, "notes", "import", str(bad))
    assert code == 2 and "bad.jsonld: not valid JSON" in err


def test_backup_and_restore(library: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, library, "annotate", "1", "--quote", "gouvernance partagée", "--note", "gardé")
    code, out, _ = run(capsys, library, "backup")
    assert code == 0
    saved = Path(out.strip())
    assert saved.exists()
    run(capsys, library, "annotate", "1", "--quote", "Le forum", "--note", "après la sauvegarde")
    code, out, _ = run(capsys, library, "restore", str(saved))
    assert code == 0 and "kept as" in out
    code, out, _ = run(capsys, library, "notes", "list", "--json")
    assert [a["note"] for a in json.loads(out)] == ["gardé"]
    code, out, _ = run(capsys, library, "backup", "--list")
    assert str(saved) in out
    junk = tmp_path / "junk.db"
    junk.write_text("nope", "utf-8")
    code, _, err = run(capsys, library, "restore", str(junk))
    assert code == 1 and "not an SQLite database" in err
    conn = sqlite3.connect(library / "glose.db")
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()


def test_notes_are_searchable_as_soon_as_written(library: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, library, "search", "notes:zébrure", "--json")
    assert code in (0, 1) and "Migrations" not in out
    _, out, _ = run(capsys, library, "annotate", "1", "--quote", "gestion des frontières", "--note", "zébrure du texte")
    ann_id = out.strip()
    code, out, _ = run(capsys, library, "search", "notes:zébrure", "--json")
    assert code == 0 and "Migrations" in out
    run(capsys, library, "notes", "edit", ann_id, "--note", "autre chose")
    code, out, _ = run(capsys, library, "search", "notes:zébrure", "--json")
    assert "Migrations" not in out
