from __future__ import annotations

import xml.etree.ElementTree as ET

from desktop.annotations.aligned import DocumentNotes
from desktop.annotations.xliff import XLIFF_NS, export_xliff

NS = {"x": XLIFF_NS}


def test_xliff_parses_back_with_states_and_notes(notes: DocumentNotes) -> None:
    del notes.translations[6]  # one sentence still untranslated
    root = ET.fromstring(export_xliff([notes]))
    assert root.tag == f"{{{XLIFF_NS}}}xliff"
    assert (root.get("version"), root.get("srcLang"), root.get("trgLang")) == ("2.0", "fr", "en")
    [file] = root.findall("x:file", NS)
    assert file.get("original") == "Migrations"
    units = list(file.iter(f"{{{XLIFF_NS}}}unit"))  # inside their paragraphs' <group>s
    assert len(units) == len(notes.doc.sentences)
    assert len({u.get("id") for u in units}) == len(units)
    by_id = {u.get("id"): u for u in units}
    seg = by_id["s1"].find("x:segment", NS)
    assert seg.get("state") == "final"
    assert seg.findtext("x:source", namespaces=NS) == notes.doc.sentence_text(notes.doc.sentences[1])
    assert seg.findtext("x:target", namespaces=NS) == "It aims at shared governance & <regular> pathways."
    assert by_id["s1"].findtext("x:notes/x:note", namespaces=NS) == "Terme **clé** : « gouvernance »"
    assert by_id["s0"].find("x:segment", NS).get("state") == "translated"
    last = by_id["s6"].find("x:segment", NS)
    assert last.get("state") == "initial" and last.find("x:target", NS) is None


def test_xliff_only_highlighted(notes: DocumentNotes) -> None:
    root = ET.fromstring(export_xliff([notes], only_highlighted=True))
    assert [u.get("id") for u in root.iter(f"{{{XLIFF_NS}}}unit")] == ["s1", "s5"]


def test_xliff_state_follows_the_review_status(conn, doc, english) -> None:
    from desktop.annotations import aligned
    from desktop.translation import review
    from desktop.translation import store as tstore
    from tests.annotations.conftest import MODEL

    review.mark_reviewed(conn, doc, 2, MODEL)
    tstore.set_post_edit(conn, doc.id, 3, "By hand.")
    root = ET.fromstring(export_xliff([aligned.document_notes(conn, doc.id, MODEL)]))
    states = {u.get("id"): u.find("x:segment", NS).get("state") for u in root.iter(f"{{{XLIFF_NS}}}unit")}
    assert (states["s0"], states["s2"], states["s3"]) == ("translated", "reviewed", "final")
