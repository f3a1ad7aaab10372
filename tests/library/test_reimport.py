"""Re-import after an importer upgrade (`glose reimport`, operations.reimport_documents):
annotations re-anchored or kept as orphans, post-edits kept where their sentence still
exists, a document whose source is gone keeps its text."""

from __future__ import annotations

import io
import json
import sqlite3
from contextlib import redirect_stdout
from pathlib import Path

from desktop.cli import main
from desktop.library.models import IMPORTER_VERSION

OLD = """# Guide des démarches

Préparez vos justificatifs avant de commencer. Une phrase qui va disparaître.

::: tip Astuce
Ne communiquez jamais votre mot de passe.
:::
"""
NEW = """# Guide des démarches

Préparez vos justificatifs avant de commencer.

::: tip Astuce
Ne communiquez jamais votre mot de passe.
:::
"""


def run(data: Path, *args: str) -> tuple[int, str]:
    out = io.StringIO()
    with redirect_stdout(out):
        code = main(["--data-dir", str(data), *args])
    return code, out.getvalue()


def age(data: Path) -> None:
    """Make the library look as an older Glose left it: importer version 0."""
    conn = sqlite3.connect(data / "glose.db")
    with conn:
        conn.execute("UPDATE documents SET importer_version = 0")
    conn.close()


def test_outdated_documents_are_read_again_and_keep_notes_and_post_edits(tmp_path: Path) -> None:
    source = tmp_path / "guide.md"
    source.write_text(OLD, "utf-8")
    data = tmp_path / "data"
    assert run(data, "import", str(source))[0] == 0
    assert run(data, "annotate", "1", "--quote", "justificatifs", "--note", "à vérifier")[0] == 0
    assert run(data, "annotate", "1", "--quote", "va disparaître", "--note", "orpheline")[0] == 0
    shown = json.loads(run(data, "show", "1", "--json")[1])
    sentence = next(s for p in shown["paragraphs"] for s in p["sentences"] if s["text"].startswith("Ne communiquez"))
    assert run(data, "post-edit", "1", str(sentence["index"]), "Never share your password.")[0] == 0

    source.write_text(NEW, "utf-8")  # what the new importer reads differs from the stored text
    age(data)
    code, out = run(data, "reimport")
    assert code == 0 and out.startswith("reimported:") and "1 callout box" in out
    shown = json.loads(run(data, "show", "1", "--json")[1])
    assert shown["importer_version"] == IMPORTER_VERSION
    assert [p["kind"] for p in shown["paragraphs"]] == ["heading", "paragraph", "callout"]
    translations = {s["text"]: s.get("translation") for p in shown["paragraphs"] for s in p["sentences"]}
    assert translations["Ne communiquez jamais votre mot de passe."] == "Never share your password."
    notes = json.loads(run(data, "notes", "list", "--json")[1])
    by_note = {n["note"]: n for n in notes}
    assert by_note["à vérifier"]["status"] != "orphaned" and by_note["à vérifier"]["quote"] == "justificatifs"
    assert by_note["orpheline"]["status"] == "orphaned"  # kept, never dropped
    assert run(data, "reimport")[1].startswith("Every document")  # nothing outdated any more


def test_a_document_whose_source_is_gone_keeps_its_text(tmp_path: Path) -> None:
    source = tmp_path / "note.md"
    source.write_text(NEW, "utf-8")
    data = tmp_path / "data"
    run(data, "import", str(source))
    before = json.loads(run(data, "show", "1", "--json")[1])
    source.unlink()
    age(data)
    code, out = run(data, "reimport", "--outdated")
    assert code == 0 and out.startswith("kept:") and "source file is gone" in out
    after = json.loads(run(data, "show", "1", "--json")[1])
    assert [p["text"] for p in after["paragraphs"]] == [p["text"] for p in before["paragraphs"]]


def test_import_reports_what_it_found(tmp_path: Path) -> None:
    source = tmp_path / "guide.md"
    source.write_text(NEW + "\n| A | B |\n|---|---|\n| 1 | 2 |\n\n- un\n- deux\n", "utf-8")
    code, out = run(tmp_path / "data", "import", str(source))
    assert code == 0
    assert "1 heading, 2 list items, 1 callout box, 1 table (4 cells)" in out
