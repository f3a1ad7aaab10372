"""Pages of a document: citing a passage's page, finding where a page starts, and the
low-confidence OCR spans (desktop.library.page_refs, store.layout's marks)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from desktop.library import page_refs, store
from desktop.library.db import connect
from desktop.library.models import HEADING, PARAGRAPH, Block, Structure
from desktop.library.segmentation import split_sentences


def _save(conn: sqlite3.Connection, blocks: list[Block], pages: int = 5) -> int:
    lay = store.layout(blocks, split_sentences)
    return store.save_document(
        conn, title="Rapport", fmt="pdf", language="fr", content_hash="h", lay=lay, path="/r.pdf",
        info={"pages": str(pages)},
    )


RUNNING = "Le calendrier des travaux court sur six années et sera revu chaque printemps."
BLOCKS = [
    Block(HEADING, "Avant-propos", Structure(level=1, page=1, page_label="i")),
    Block(PARAGRAPH, "Le rapport présente les travaux.", Structure(page=1, page_label="i")),
    Block(HEADING, "Calendrier", Structure(level=1, page=2, page_label="1")),
    # Runs from page 2 over the whole of page 3 onto page 4 ("sera revu" starts page 4).
    Block(PARAGRAPH, RUNNING, Structure(page=2, page_label="1", attrs=(("pages", ((30, 3, "2"), (52, 4, "3"))),))),
    Block(PARAGRAPH, "Fin du rapport.", Structure(page=5, page_label="4")),
]


def test_cite_gives_the_printed_page_of_any_position(conn: sqlite3.Connection) -> None:
    doc_id = _save(conn, BLOCKS)
    doc = store.get_document(conn, doc_id)
    running = doc.paragraphs[3]
    at = lambda text: running.start + RUNNING.index(text)  # noqa: E731
    assert page_refs.cite(conn, doc_id, doc.paragraphs[0].start) == "p. i"
    assert page_refs.cite(conn, doc_id, at("Le calendrier")) == "p. 1"
    assert page_refs.cite(conn, doc_id, running.start + 30) == "p. 2"
    assert page_refs.cite(conn, doc_id, running.start + 60) == "p. 3"
    assert page_refs.page_at(doc, running.start + 60) == page_refs.PageRef(4, "3")
    assert page_refs.page_at(doc, doc.paragraphs[4].start).cite() == "p. 4"
    ids = [p.id for p in doc.paragraphs]
    assert page_refs.cite_paragraphs(conn, ids) == dict(zip(ids, ["p. i", "p. i", "p. 1", "p. 1", "p. 4"]))


def test_documents_without_pages_cite_nothing(conn: sqlite3.Connection) -> None:
    doc_id = _save(conn, [Block(PARAGRAPH, "Un texte sans pages.")], pages=0)
    assert page_refs.cite(conn, doc_id, 3) == ""
    assert page_refs.paragraph_for_page(conn, doc_id, "1") is None
    assert page_refs.page_count(conn, doc_id) == 0


def test_go_to_page_by_label_or_number(conn: sqlite3.Connection) -> None:
    doc_id = _save(conn, BLOCKS)
    assert page_refs.paragraph_for_page(conn, doc_id, "i") == 0
    assert page_refs.paragraph_for_page(conn, doc_id, "1") == 2  # the printed "1" (physical page 2)
    assert page_refs.paragraph_for_page(conn, doc_id, "2") == 3  # printed 2 is inside the running paragraph
    assert page_refs.paragraph_for_page(conn, doc_id, "3") == 3
    assert page_refs.paragraph_for_page(conn, doc_id, "4") == 4
    assert page_refs.paragraph_for_page(conn, doc_id, "5") == 4  # no label 5: physical page 5
    assert page_refs.paragraph_for_page(conn, doc_id, "9") is None
    assert page_refs.paragraph_for_page(conn, doc_id, "xiv") is None


def test_low_confidence_spans_are_checked_against_the_final_text(conn: sqlite3.Connection) -> None:
    text = "Nous avons bien reçu votre lettre"
    spans = ((11, 15, 41.0, "bien"), (16, 20, 62.5, "reçu"), (0, 4, 30.0, "Vous"), (27, 33, 55.0, "lettre"))
    block = Block(PARAGRAPH, "  " + text, Structure(page=1, attrs=(("low_confidence", spans),)))
    lay = store.layout([Block(HEADING, "Objet", Structure(page=1)), block], split_sentences)
    start = lay.paragraphs[1][1]
    # Stripped leading spaces moved the words: they are found again; "Vous" is not in the text.
    assert [(lay.text[a:b], c) for a, b, c in lay.marks] == [("bien", 41.0), ("reçu", 62.5), ("lettre", 55.0)]
    assert all(a >= start for a, _b, _c in lay.marks)
    assert lay.structure(1).attr("low_confidence") is None
    doc_id = store.save_document(conn, title="L", fmt="pdf", language="fr", content_hash="x", lay=lay)
    assert [(a, b) for a, b, _c in page_refs.low_confidence_spans(conn, doc_id)] == [(a, b) for a, b, _c in lay.marks]
    # A re-import replaces them; removing the document removes them.
    again = store.layout([Block(PARAGRAPH, "Texte sûr.", Structure(page=1))], split_sentences)
    store.save_document(conn, title="L", fmt="pdf", language="fr", content_hash="y", lay=again, doc_id=doc_id)
    assert page_refs.low_confidence_spans(conn, doc_id) == []
    store.remove_document(conn, doc_id)
    assert conn.execute("SELECT COUNT(*) FROM low_confidence").fetchone()[0] == 0


def test_a_library_before_the_marks_migrates(tmp_path: Path) -> None:
    path = tmp_path / "glose.db"
    old = connect(path, target_version=4)
    lay = store.layout([Block(PARAGRAPH, "Ancien document.", Structure(page=2, page_label="ii"))], split_sentences)
    old.execute(
        "INSERT INTO documents (title, path, format, language, content_hash, text, imported_at, updated_at)"
        " VALUES ('Ancien', NULL, 'pdf', 'fr', 'h', ?, 'now', 'now')",
        (lay.text,),
    )
    old.execute(
        "INSERT INTO paragraphs (doc_id, idx, kind, start, end, page, page_label) VALUES (1, 0, 'paragraph', 0, ?, 2, 'ii')",
        (len(lay.text),),
    )
    old.commit()
    old.close()
    conn = connect(path)
    assert page_refs.low_confidence_spans(conn, 1) == []
    assert page_refs.cite(conn, 1, 0) == "p. ii"
    conn.close()
