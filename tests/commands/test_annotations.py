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
    assert code == 2 and "is not in the French text" in err and "Traceback" not in err
    code, _, err = run(capsys, library, "annotate", "1", "--quote", "Le forum", "--occurrence", "3")
    assert code == 2 and "occurs 2 times" in err and "--occurrence 1 to 2" in err
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
    assert code == 2 and "bad.jsonld: not JSON" in err
    code, _, err = run(capsys, other, "notes", "import", str(tmp_path / "nonexist.jsonld"))
    assert code == 2 and "nonexist.jsonld: no such file" in err and "glose export DOC --format jsonld" in err
    assert "Errno" not in err
    foreign = tmp_path / "settings.json"
    foreign.write_text('{"theme": "dark", "fontSize": 12}', "utf-8")
    code, _, err = run(capsys, other, "notes", "import", str(foreign))
    assert code == 2 and "settings.json: no Web Annotations in it" in err and "glose export DOC --format jsonld" in err


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


def _english(data: Path, capsys: pytest.CaptureFixture[str]) -> list[tuple[str, str, int]]:
    _, out, _ = run(capsys, data, "notes", "list", "--json")
    return [(a["quote"], a["status"], a["start"]) for a in json.loads(out) if a["side"] == "en"]


def test_english_notes_follow_post_edits_and_reverts(library: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, library, "post-edit", "1", "1", "He said the timetable will not change.")
    assert code == 0
    _, out, _ = run(capsys, library, "annotate", "1", "--side", "en", "--quote", "timetable")
    timetable = out.strip()
    _, out, _ = run(capsys, library, "annotate", "1", "--side", "en", "--quote", "EN Le forum reprendra")
    start = dict((q, s) for q, _, s in _english(library, capsys))["EN Le forum reprendra"]
    # A longer post-edit of an EARLIER sentence moves the later note by as much.
    longer = "The global partnership on migration brings the member states together around one table."
    code, _, _ = run(capsys, library, "post-edit", "1", "0", longer)
    grown = len(longer) - len("EN Le partenariat mondial sur les migrations réunit les États membres.")
    assert code == 0 and dict((q, s) for q, _, s in _english(library, capsys))["EN Le forum reprendra"] == start + grown
    # Its own sentence rewritten: the note is orphaned (and said so), not left on "timetable".
    code, _, err = run(capsys, library, "post-edit", "1", "1", "He said the schedule stays.")
    assert code == 0 and "1 English-side note(s) no longer find their passage" in err
    assert ("timetable", "orphaned") in [(q, st) for q, st, _ in _english(library, capsys)]
    code, out, _ = run(capsys, library, "search", "timetable", "--json")
    assert json.loads(out) == []
    # The quote back in its sentence: placed again. A revert of the earlier sentence's
    # post-edit (machine translation again) moves the later note back where it was.
    run(capsys, library, "post-edit", "1", "1", "He said the timetable will not change.")
    code, out, _ = run(capsys, library, "notes", "list", "--json")
    assert next(a for a in json.loads(out) if a["id"] == timetable)["status"] == "anchored"
    code, out, _ = run(capsys, library, "post-edit", "1", "0", "--revert")
    assert code == 0 and "back to machine translation" in out
    assert dict((q, s) for q, _, s in _english(library, capsys))["EN Le forum reprendra"] == start


def test_backup_refuses_a_damaged_database_and_keeps_the_good_ones(library: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from desktop.annotations.backup import KEEP, list_backups

    for _ in range(KEEP):
        code, _, _ = run(capsys, library, "backup")
        assert code == 0
    good = list_backups(library)
    assert len(good) == KEEP
    db = library / "glose.db"
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA journal_mode = DELETE")  # everything in the main file, no -wal
    conn.close()
    data = bytearray(db.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    assert len(data) >= 4 * page and not (library / "glose.db-wal").exists()
    data[page:-page] = bytes([0xA5]) * (len(data) - 2 * page)  # every page but the first and last
    db.write_bytes(bytes(data))
    code, out, err = run(capsys, library, "backup")
    assert code == 1 and out == ""
    assert f"{db}: the library database is damaged" in err and "glose restore FILE" in err
    assert list_backups(library) == good  # nothing rotated out, nothing half-written left
    assert [p.name for p in (library / "backups").iterdir() if p.suffix != ".db"] == []
    # Restoring the newest good backup brings the library back.
    code, out, _ = run(capsys, library, "restore", str(good[-1]))
    assert code == 0 and "kept as" in out
    code, out, _ = run(capsys, library, "backup")
    assert code == 0 and len(list_backups(library)) == KEEP


def test_restored_documents_are_found_by_search_at_once(library: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, library, "backup")
    saved = Path(out.strip())
    other = tmp_path / "other-data"
    (tmp_path / "Autre.txt").write_text("Un texte sur la pêche côtière et les quotas.", "utf-8")
    run(capsys, other, "import", str(tmp_path / "Autre.txt"))
    code, out, _ = run(capsys, other, "search", "quotas", "--json")
    assert code == 0 and "Autre" in out
    code, out, _ = run(capsys, other, "restore", str(saved))
    assert code == 0 and "search index rebuilt" in out
    code, out, err = run(capsys, other, "search", "Lianyungang", "--json")
    assert code == 0 and "Migrations" in out and "rebuilt" not in err
    code, out, _ = run(capsys, other, "search", "quotas", "--json")
    assert "Autre" not in out


def test_english_notes_imported_before_translation_wait_for_it(library: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, library, "annotate", "1", "--side", "en", "--quote", "EN Le forum reprendra", "--note", "mai")
    exported = tmp_path / "shared.jsonld"
    run(capsys, library, "export", "1", "--format", "jsonld", "-o", str(exported))
    other = tmp_path / "other-data"
    run(capsys, other, "import", str(tmp_path / "Migrations.txt"))
    code, out, _ = run(capsys, other, "notes", "import", str(exported))
    assert code == 0 and "1 on the English side wait for the translation" in out and "orphaned" not in out
    code, out, _ = run(capsys, other, "notes", "list")
    assert "Waiting for the English translation (1)" in out and "WAITING FOR TRANSLATION" in out
    assert "no longer in the text" not in out
    # Once translated (here a post-edit of each sentence), the re-anchoring places it.
    conn = open_library(other)
    doc = get_document(conn, 1)
    texts = {s.index: "EN " + doc.sentence_text(s) for s in doc.sentences}
    conn.close()
    for index, text in texts.items():
        code, _, err = run(capsys, other, "post-edit", "1", str(index), text)
        assert code == 0
    assert "1 English-side note(s) placed on the new translation" in err
    code, out, _ = run(capsys, other, "notes", "list", "--json")
    [ann] = json.loads(out)
    assert (ann["status"], ann["quote"], ann["note"]) == ("anchored", "EN Le forum reprendra", "mai")


def test_notes_edit_tags_replace_add_remove(library: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from desktop.cli import build_parser

    helps = {a.dest: a.help for a in _subparser(build_parser(), "notes", "edit")._actions}
    assert "replaces ALL existing tags" in helps["tag"] and "--tag '' clears" in helps["tag"]
    assert "keeping the others" in helps["add_tag"] and "keeping the others" in helps["remove_tag"]
    _, out, _ = run(capsys, library, "annotate", "1", "--quote", "Le forum", "--tag", "a", "--tag", "b")
    ann_id = out.strip()

    def tags() -> list[str]:
        _, out, _ = run(capsys, library, "notes", "list", "--json")
        return json.loads(out)[0]["tags"]

    run(capsys, library, "notes", "edit", ann_id, "--add-tag", "c", "--remove-tag", "A")
    assert tags() == ["b", "c"]
    run(capsys, library, "notes", "edit", ann_id, "--tag", "x")
    assert tags() == ["x"]
    run(capsys, library, "notes", "edit", ann_id, "--tag", "")
    assert tags() == []


def _subparser(parser, *names: str):
    import argparse

    for name in names:
        action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
        parser = action.choices[name]
    return parser


def test_tmx_of_an_untranslated_document_warns_and_stays_valid(data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "Brut.txt"
    path.write_text(TEXT, "utf-8")
    run(capsys, data_dir, "import", str(path))
    target = tmp_path / "brut.tmx"
    code, _, err = run(capsys, data_dir, "export", "1", "--format", "tmx", "-o", str(target))
    assert code == 0 and "no translated sentences yet" in err and "glose translate 1" in err
    root = ET.fromstring(target.read_bytes())
    assert root.tag == "tmx" and root.find("header").get("srclang") == "fr" and root.findall("body/tu") == []
    # Partly translated: says how many are left out.
    run(capsys, data_dir, "post-edit", "1", "0", "The global partnership.")
    code, out, err = run(capsys, data_dir, "export", "1", "--format", "tmx")
    assert code == 0 and "3 of 4 sentences are not translated yet" in err
    assert len(ET.fromstring(out).findall("body/tu")) == 1
