from __future__ import annotations

import sqlite3

import pytest

from desktop.library import store
from desktop.library.models import HEADING, IMPORTER_VERSION, LIST_ITEM, PARAGRAPH, PLAIN, Block
from desktop.library.segmentation import split_sentences

BLOCKS = [
    Block(HEADING, "Le titre"),
    Block(PARAGRAPH, "Première phrase. Deuxième phrase !"),
    Block(LIST_ITEM, "Un élément de liste"),
]


def _save(conn: sqlite3.Connection, blocks: list[Block] = BLOCKS, **kw: object) -> int:
    lay = store.layout(blocks, split_sentences)
    args = dict(title="Doc", fmt="txt", language="fr", content_hash="h1", lay=lay, path="/tmp/doc.txt")
    args.update(kw)
    return store.save_document(conn, **args)  # type: ignore[arg-type]


def test_spans_are_exact(conn: sqlite3.Connection) -> None:
    doc = store.get_document(conn, _save(conn))
    assert [p.kind for p in doc.paragraphs] == [HEADING, PARAGRAPH, LIST_ITEM]
    assert [doc.paragraph_text(p) for p in doc.paragraphs] == [b.text for b in BLOCKS]
    assert [doc.sentence_text(s) for s in doc.sentences] == [
        "Le titre",
        "Première phrase.",
        "Deuxième phrase !",
        "Un élément de liste",
    ]
    assert [s.index for s in doc.sentences] == [0, 1, 2, 3]
    assert [s.paragraph_index for s in doc.sentences] == [0, 1, 1, 2]


def test_same_sentence_same_hash_across_documents(conn: sqlite3.Connection) -> None:
    a = store.get_document(conn, _save(conn))
    b = store.get_document(conn, _save(conn, [Block(PARAGRAPH, "Deuxième  phrase !")], path="/b.txt", content_hash="h2"))
    assert a.sentences[2].source_hash == b.sentences[0].source_hash


def test_update_in_place_keeps_id_and_calls_hook(conn: sqlite3.Connection) -> None:
    doc_id = _save(conn)
    seen = []
    new_blocks = [Block(PARAGRAPH, "Texte changé.")]
    same = _save(conn, new_blocks, doc_id=doc_id, content_hash="h2", on_updated=lambda c, d, o, n: seen.append((d, o, n)))
    assert same == doc_id
    doc = store.get_document(conn, doc_id)
    assert doc.text == "Texte changé."
    assert len(doc.paragraphs) == 1 and len(doc.sentences) == 1
    assert seen and seen[0][0] == doc_id and seen[0][2] == "Texte changé."


def test_failed_save_leaves_no_trace(conn: sqlite3.Connection) -> None:
    def boom(*_: object) -> None:
        raise RuntimeError("hook failed")

    doc_id = _save(conn)
    with pytest.raises(RuntimeError):
        _save(conn, [Block(PARAGRAPH, "Autre.")], doc_id=doc_id, content_hash="h2", on_updated=boom)
    assert store.get_document(conn, doc_id).text.startswith("Le titre")
    assert conn.execute("SELECT COUNT(*) FROM sentences").fetchone()[0] == 4


def test_resolve_by_id_and_title_prefix(conn: sqlite3.Connection) -> None:
    a = _save(conn, title="Sécurité régionale", path="/a.txt")
    b = _save(conn, title="Sécurité publique", path="/b.txt", content_hash="h2")
    assert store.resolve_document(conn, str(a)) == a
    assert store.resolve_document(conn, "securite PUB") == b
    with pytest.raises(LookupError, match="several"):
        store.resolve_document(conn, "Sécu")
    with pytest.raises(LookupError, match="no document"):
        store.resolve_document(conn, "absent")


def test_list_and_remove(conn: sqlite3.Connection) -> None:
    doc_id = _save(conn)
    [summary] = store.list_documents(conn)
    assert (summary.paragraphs, summary.sentences, summary.translated) == (3, 4, 0)
    store.remove_document(conn, doc_id)
    assert store.list_documents(conn) == []
    assert conn.execute("SELECT COUNT(*) FROM sentences").fetchone()[0] == 0
    with pytest.raises(LookupError):
        store.remove_document(conn, doc_id)


def test_structure_and_document_info_round_trip(conn: sqlite3.Connection) -> None:
    from desktop.library.models import CALLOUT, TABLE_CELL, Structure

    blocks = [
        Block(HEADING, "Dispositions finales", Structure(level=2, page=3, page_label="iii")),
        Block(LIST_ITEM, "premier point ;", Structure(marker="a)", depth=1, group=4)),
        Block(TABLE_CELL, "Paris", Structure(group=5, row=1, col=0, attrs=(("header", True),))),
        Block(CALLOUT, "Pensez-y.", Structure(group=6, attrs=(("label", "Astuce"),))),
        Block(HEADING, "Sans niveau"),  # an importer that knows no levels
    ]
    lay = store.layout(blocks, split_sentences)
    doc_id = store.save_document(
        conn, title="T", fmt="md", language="fr", content_hash="h", lay=lay, info={"author": "Anne", "licence": "CC BY"}
    )
    doc = store.get_document(conn, doc_id)
    assert [p.kind for p in doc.paragraphs] == [HEADING, LIST_ITEM, TABLE_CELL, CALLOUT, HEADING]
    st = [p.structure for p in doc.paragraphs]
    assert (st[0].level, st[0].page, st[0].page_label, st[0].shown_page) == (2, 3, "iii", "iii")
    assert (st[1].marker, st[1].depth, st[1].group) == ("a)", 1, 4)
    assert (st[2].row, st[2].col, st[2].attr("header")) == (1, 0, True)
    assert st[3].attr("label") == "Astuce"
    assert st[4].level == 1
    assert doc.info == {"author": "Anne", "licence": "CC BY"}
    assert doc.importer_version == IMPORTER_VERSION


def test_plain_documents_store_plain_structure(conn: sqlite3.Connection) -> None:
    doc = store.get_document(conn, _save(conn, [Block(PARAGRAPH, "Un. Deux.")]))
    assert doc.paragraphs[0].structure == PLAIN
    assert doc.paragraphs[0].structure.shown_page == ""
