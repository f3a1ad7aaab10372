from __future__ import annotations

from desktop.annotations.aligned import DocumentNotes, sentence_pairs, xml_safe


def test_aligned_text_is_the_other_language_of_the_passage(notes: DocumentNotes) -> None:
    fr, en, lost = sorted(notes.annotations, key=lambda a: (a.status, a.side != "fr"))
    assert (fr.side, en.side, lost.status) == ("fr", "en", "orphaned")
    assert notes.aligned(fr) == "It aims at shared governance & <regular> pathways."  # the post-edit
    assert notes.aligned(en) == "Le forum de Lianyungang a examiné la gestion des frontières."
    assert notes.aligned(lost) == ""
    assert notes.label(fr) == "terminology"


def test_pairs_prefer_post_edits_and_can_keep_only_highlighted(notes: DocumentNotes) -> None:
    pairs = sentence_pairs(notes)
    assert len(pairs) == len(notes.doc.sentences)
    assert pairs[1].origin == "human" and pairs[0].origin == "mt"
    only = sentence_pairs(notes, only_highlighted=True)
    assert [p.index for p in only] == [1, 5]
    assert only[0].notes == ("Terme **clé** : « gouvernance »",)


def test_xml_safe_drops_control_characters() -> None:
    assert xml_safe("a\x00b\x0bc\td\n") == "abc\td\n"
