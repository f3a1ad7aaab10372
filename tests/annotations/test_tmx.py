from __future__ import annotations

import xml.etree.ElementTree as ET

from desktop.annotations.aligned import DocumentNotes
from desktop.annotations.tmx import XML_LANG, export_tmx


def test_tmx_parses_back_with_the_pairs(notes: DocumentNotes) -> None:
    root = ET.fromstring(export_tmx([notes]))
    assert root.tag == "tmx" and root.get("version") == "1.4"
    header = root.find("header")
    assert header is not None
    for attr in ("creationtool", "creationtoolversion", "segtype", "o-tmf", "adminlang", "srclang", "datatype"):
        assert header.get(attr), attr
    assert header.get("creationtool") == "Glose" and header.get("srclang") == "fr"
    tus = root.findall("body/tu")
    # 7 sentences, two of them identical with the same translation: written once.
    assert len(tus) == 6
    pairs = {}
    for tu in tus:
        tuvs = tu.findall("tuv")
        assert [t.get(XML_LANG) for t in tuvs] == ["fr", "en"]
        pairs[tuvs[0].findtext("seg")] = tuvs[1].findtext("seg")
    for s in notes.doc.sentences:
        assert pairs[notes.doc.sentence_text(s)] == notes.translations[s.index].text
    edited = notes.doc.sentence_text(notes.doc.sentences[1])
    assert pairs[edited] == "It aims at shared governance & <regular> pathways."


def test_tmx_only_highlighted_sentences_and_untranslated_left_out(notes: DocumentNotes) -> None:
    root = ET.fromstring(export_tmx([notes], only_highlighted=True))
    tus = root.findall("body/tu")
    assert [tu.get("tuid") for tu in tus] == [f"{notes.doc.id}-1", f"{notes.doc.id}-5"]
    assert tus[0].findtext("note") == "Terme **clé** : « gouvernance »"
    assert tus[0].find("prop[@type='x-origin']").text == "post-edit"
    del notes.translations[5]
    root = ET.fromstring(export_tmx([notes], only_highlighted=True))
    assert [tu.get("tuid") for tu in root.findall("body/tu")] == [f"{notes.doc.id}-1"]


def test_tmx_carries_review_status_and_confidence(conn, doc, english) -> None:
    from desktop.annotations import aligned
    from desktop.translation import review
    from desktop.translation import store as tstore
    from desktop.translation.backend import SentenceResult
    from tests.annotations.conftest import MODEL

    first = doc.sentences[0]
    tstore.put_results(conn, MODEL, [(first.source_hash, SentenceResult(tstore.english_side(conn, doc, MODEL).text.split(". ")[0] + ".", -0.25))])
    review.mark_reviewed(conn, doc, 2, MODEL)
    tstore.set_post_edit(conn, doc.id, 3, "By hand.")
    root = ET.fromstring(export_tmx([aligned.document_notes(conn, doc.id, MODEL)]))
    by_id = {tu.get("tuid"): tu for tu in root.findall("body/tu")}
    status = {i: by_id[f"{doc.id}-{i}"].find("prop[@type='x-review-status']").text for i in (0, 2, 3)}
    assert status == {0: "machine", 2: "reviewed", 3: "post-edited"}
    assert by_id[f"{doc.id}-0"].find("prop[@type='x-mt-confidence']").text == "0.779"  # exp(-0.25)
    assert by_id[f"{doc.id}-3"].find("prop[@type='x-mt-confidence']") is None  # a person's text
