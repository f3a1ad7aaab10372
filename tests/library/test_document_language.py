"""A document's language (issue 17 item 4): detected and shown; a document already in the
target language is not machine-translated; the user can correct the detected language."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop import config, operations
from desktop.cli import main
from desktop.library import store
from desktop.library.language import needs_translation
from desktop.translation import jobs

ENGLISH = (
    "Regional Cooperation on Migration\n\n"
    "The participants reaffirmed the importance of migration for the achievement of the sustainable "
    "development goals. It is necessary to strengthen the protection of the human rights of migrants.\n"
)


@pytest.fixture
def english_doc(conn, data_dir: Path, tmp_path: Path) -> int:
    path = tmp_path / "english-report.txt"
    path.write_text(ENGLISH, "utf-8")
    [outcome] = operations.import_files(conn, data_dir, [path], max_bytes=config.max_import_bytes())
    return outcome.doc_id


def test_english_is_detected_and_never_machine_translated(conn, english_doc: int, installed_tiny_model) -> None:
    """Regression: an English .txt was detected as en, then translated by the fr→en model anyway."""
    from desktop.translation.engine import load_engine

    doc = store.get_document(conn, english_doc)
    assert doc.language == "en" and not needs_translation(doc.language)
    assert jobs.pending_sentences(conn, doc, installed_tiny_model.model_id) == []
    result = jobs.translate_document(conn, english_doc, load_engine(installed_tiny_model))
    assert result.translated == 0
    hashes = [s.source_hash for s in doc.sentences]
    assert conn.execute(
        "SELECT COUNT(*) FROM mt_cache WHERE source_hash IN (%s)" % ",".join("?" * len(hashes)), hashes
    ).fetchone()[0] == 0


def test_the_language_can_be_corrected(conn, english_doc: int, installed_tiny_model) -> None:
    store.set_language(conn, english_doc, "fr")
    doc = store.get_document(conn, english_doc)
    assert doc.language == "fr" and jobs.pending_sentences(conn, doc, installed_tiny_model.model_id)
    for bad in ("", "english", "../x", "f", "fr\x1b"):
        with pytest.raises(ValueError, match="language code"):
            store.set_language(conn, english_doc, bad)
    with pytest.raises(LookupError):
        store.set_language(conn, 999, "fr")


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_language_list_and_translate(data_dir: Path, english_doc: int, installed_tiny_model, capsys) -> None:
    d = ["--data-dir", str(data_dir)]
    code, out, _ = run(capsys, *d, "language", str(english_doc))
    assert code == 0 and out.startswith("en") and "English" in out and "not translated" in out
    code, out, _ = run(capsys, *d, "list")
    assert "already English" in out
    code, out, _ = run(capsys, *d, "list", "--json")
    assert json.loads(out)[0]["language"] == "en" and json.loads(out)[0]["needs_translation"] is False
    code, out, err = run(capsys, *d, "translate", str(english_doc))
    assert code == 0 and "already in English" in out, err
    code, out, _ = run(capsys, *d, "language", str(english_doc), "fr")
    assert code == 0 and "fr" in out and "French" in out
    code, out, _ = run(capsys, *d, "translate", str(english_doc))
    assert code == 0 and "translated" in out and "already in English" not in out
    code, _out, err = run(capsys, *d, "language", str(english_doc), "klingon")
    assert code != 0 and "language code" in err
