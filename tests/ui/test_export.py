"""The Export menu: every format for one document and the library, the bilingual PDF,
and importing shared notes back."""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
import xml.etree.ElementTree as ET
from pathlib import Path

import pypdf
import pytest
from PySide6.QtWidgets import QFileDialog, QMenu

from desktop.annotations import store as ann_store
from desktop.library import store as library_store
from desktop.translation import store as translation_store
from desktop.ui.export_actions import DOCUMENT, FORMATS, LIBRARY, ExportActions, slug
from tests.ui.panel_support import copy_library, app_context, seeded_template  # noqa: F401 (fixture)


@pytest.fixture
def ctx(seeded_template: Path, data_dir: Path):
    copy_library(seeded_template, data_dir)
    with app_context(data_dir) as context:
        yield context


@pytest.fixture
def doc(ctx):
    """The first seed, translated (cached MT in known English) and annotated on both sides."""
    conn = ctx.conn
    doc = library_store.get_document(conn, library_store.list_documents(conn)[0].id)
    translation_store.put_mt(
        conn, "test@1", [(s.source_hash, f"English sentence number {s.index}.") for s in doc.sentences]
    )
    s = doc.sentences[3]
    ann_store.create_annotation(conn, doc, "fr", s.start, s.end, color="green", note="Chiffre à vérifier", tags=["budget"])
    english = translation_store.english_side(conn, doc, "test@1")
    a, b = english.sentence_spans[5]
    ann_store.create_annotation(conn, doc, "en", a, b, color="pink", note="Wording?", english=english)
    other = library_store.get_document(conn, library_store.list_documents(conn)[1].id)
    translation_store.put_mt(conn, "test@1", [(s.source_hash, f"Other document, sentence {s.index}.") for s in other.sentences])
    ann_store.create_annotation(conn, other, "fr", other.sentences[0].start, other.sentences[0].end, color="blue")
    return doc


def _export(qtbot, ctx, actions: ExportActions, fmt: str, scope: str, path: Path) -> Path:
    with qtbot.waitSignal(actions.exported, timeout=20_000) as blocker:
        actions.export(fmt, scope, path)
    assert blocker.args == [str(path)]
    return path


@pytest.mark.parametrize("scope", [DOCUMENT, LIBRARY])
@pytest.mark.parametrize("fmt", FORMATS)
def test_each_format_writes_a_valid_file(qtbot, ctx, doc, tmp_path: Path, fmt: str, scope: str) -> None:
    actions = ExportActions(ctx, lambda: doc.id)
    out = _export(qtbot, ctx, actions, fmt, scope, tmp_path / f"out.{fmt}")
    text = out.read_text("utf-8")
    expected_notes = 2 if scope == DOCUMENT else 3
    assert not list(tmp_path.glob("*.part"))
    if fmt == "md":
        assert "Chiffre à vérifier" in text and "#budget" in text or "budget" in text
        assert doc.sentence_text(doc.sentences[3])[:30] in text
    elif fmt == "csv":
        assert text.startswith("\ufeff")
        rows = list(csv.reader(io.StringIO(text[1:])))
        assert len(rows) == 1 + expected_notes
        assert "Chiffre à vérifier" in {r[rows[0].index("note")] for r in rows[1:]}
    elif fmt == "jsonld":
        data = json.loads(text)
        assert "anno.jsonld" in json.dumps(data["@context"])
        assert text.count('"Annotation"') >= expected_notes
    else:
        root = ET.fromstring(out.read_bytes())
        assert root.tag.split("}")[-1] == {"tmx": "tmx", "xliff": "xliff"}[fmt]
        assert "English sentence number 3." in text
        if scope == LIBRARY:
            assert "Other document, sentence 0." in text


def test_bilingual_pdf_has_both_languages(qtbot, ctx, doc, tmp_path: Path) -> None:
    actions = ExportActions(ctx, lambda: doc.id)
    out = _export(qtbot, ctx, actions, "pdf", DOCUMENT, tmp_path / "briefing.pdf")
    reader = pypdf.PdfReader(str(out))
    assert reader.metadata.title == doc.title
    # NFKC: the PDF's font ligatures (ﬁ, ﬀ) come back as single characters.
    text = unicodedata.normalize("NFKC", " ".join(" ".join(page.extract_text().split()) for page in reader.pages))
    assert "English sentence number 3." in text
    french = " ".join(doc.sentence_text(doc.sentences[3]).split()[:4])
    assert french in text
    assert "Chiffre à vérifier" in text and "Wording?" in text


def test_menu_action_asks_for_a_file_then_exports(qtbot, ctx, doc, tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "chosen"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    actions = ExportActions(ctx, lambda: doc.id)
    menu = QMenu()
    actions.populate(menu)
    with qtbot.waitSignal(actions.exported, timeout=20_000):
        actions.document_actions["csv"].trigger()
    assert (tmp_path / "chosen.csv").exists()
    assert ctx.settings.get_str("export/last_dir") == str(tmp_path)
    assert actions.suggested_name("md", DOCUMENT) == slug(doc.title) + ".md"


def test_no_document_open_gives_a_message(qtbot, ctx, tmp_path: Path) -> None:
    actions = ExportActions(ctx, lambda: None)
    with qtbot.waitSignal(actions.failed) as blocker:
        actions.export("md", DOCUMENT, tmp_path / "x.md")
    assert "Open a document" in blocker.args[0]
    assert not (tmp_path / "x.md").exists()


def test_unwritable_target_fails_cleanly(qtbot, ctx, doc, tmp_path: Path) -> None:
    actions = ExportActions(ctx, lambda: doc.id)
    with qtbot.waitSignal(actions.failed, timeout=10_000) as blocker:
        actions.export("md", DOCUMENT, tmp_path / "missing-folder" / "x.md")
    assert "x.md" in blocker.args[0]


def test_jsonld_round_trip_through_import(qtbot, ctx, doc, tmp_path: Path) -> None:
    actions = ExportActions(ctx, lambda: doc.id)
    out = _export(qtbot, ctx, actions, "jsonld", LIBRARY, tmp_path / "shared.jsonld")
    before = {a.id: a.note for a in ann_store.list_annotations(ctx.conn)}
    for ann_id in before:
        ann_store.delete_annotation(ctx.conn, ann_id)
    with qtbot.waitSignal(actions.imported, timeout=20_000) as blocker:
        actions.import_notes(out)
    assert re.search(r"3 added", blocker.args[0])
    assert {a.id: a.note for a in ann_store.list_annotations(ctx.conn)} == before


def test_pdf_tints_each_highlight_on_the_other_side(ctx, doc) -> None:
    from desktop.annotations.colours import HEX
    from desktop.ui.pdf_export import _pale, briefing_html, collect

    content = briefing_html(collect(ctx.conn, doc.id, "test@1"))
    # French sentence 3 is highlighted green: its English is tinted pale green.
    assert f'<span style="background-color:{_pale(HEX["green"])};">English sentence number 3.</span>' in content
    # English sentence 5 is highlighted pink: its French is tinted pale pink.
    french = doc.sentence_text(doc.sentences[5])
    assert f'<span style="background-color:{_pale(HEX["pink"])};">{french[:20]}' in content.replace("&#x27;", "'")
    assert f'<span style="background-color:{HEX["pink"]};">English sentence number 5.</span>' in content


@pytest.mark.parametrize("fmt", ["tmx", "xliff"])
def test_translation_memory_of_highlighted_sentences_only(qtbot, ctx, doc, tmp_path: Path, fmt: str) -> None:
    actions = ExportActions(ctx, lambda: doc.id)
    full = _export(qtbot, ctx, actions, fmt, DOCUMENT, tmp_path / f"full.{fmt}").read_text("utf-8")
    actions.highlighted_only_action.setChecked(True)
    assert ctx.settings.get_bool("export/highlighted_only") is True
    short = _export(qtbot, ctx, actions, fmt, DOCUMENT, tmp_path / f"short.{fmt}").read_text("utf-8")
    ET.fromstring(short.encode("utf-8"))
    assert "English sentence number 3." in short and "English sentence number 5." in short
    assert "English sentence number 4." in full and "English sentence number 4." not in short


def test_pdf_marks_or_leaves_out_unreviewed_machine_translation(ctx, doc, tmp_path: Path) -> None:
    from desktop.translation import review
    from desktop.ui.pdf_export import DIM, MARK, OMIT, briefing_html, collect, export_document_pdf

    review.mark_reviewed(ctx.conn, doc, 1, "test@1")
    translation_store.set_post_edit(ctx.conn, doc.id, 2, "A sentence of my own.")
    marked = briefing_html(collect(ctx.conn, doc.id, "test@1", unreviewed=MARK))
    assert f'<span style="color:{DIM};">English sentence number 0.</span>' in marked
    assert "English sentence number 1." in marked and f'color:{DIM};">English sentence number 1.' not in marked
    assert "nobody has reviewed yet" in marked
    out = export_document_pdf(ctx.conn, doc.id, tmp_path / "checked.pdf", "test@1", unreviewed=OMIT)
    text = " ".join(" ".join(page.extract_text().split()) for page in pypdf.PdfReader(str(out)).pages)
    assert "English sentence number 1." in text and "A sentence of my own." in text
    assert "English sentence number 0." not in text and "English sentence number 4." not in text
    machine = len(doc.sentences) - 2
    assert f"{machine} machine-translated sentences nobody has reviewed are left out" in text
