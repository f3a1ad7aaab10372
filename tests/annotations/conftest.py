"""Documents and English sides for annotation tests, built directly in the store.

A tiny sentence splitter keeps these tests independent of the real segmenter, and a
fake "machine translation" (put straight into the MT cache) gives a known English side.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable

import pytest

from desktop.library import store
from desktop.library.models import PARAGRAPH, Block, Document
from desktop.translation import store as tstore

MODEL = "test-model@1"

PARAGRAPHS = [
    "Le partenariat mondial sur les migrations réunit les États membres. "
    "Il vise une gouvernance partagée et des voies régulières.",
    "La coopération régionale progresse en Asie du Sud-Est. "
    "Les pays d'origine et de destination échangent leurs données. "
    "La coopération régionale progresse en Asie du Sud-Est.",
    "Le forum de Lianyungang a examiné la gestion des frontières. "
    "Les délégués ont adopté une déclaration commune sur le retour volontaire.",
]


def split(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans = []
    pos = start
    for m in re.finditer(r"(?<=[.!?]) ", text[start:end]):
        spans.append((pos, start + m.start()))
        pos = start + m.end()
    spans.append((pos, end))
    return spans


def save(conn: sqlite3.Connection, paragraphs: list[str], *, doc_id: int | None = None,
         title: str = "Migrations", content_hash: str = "hash-1", on_updated=None) -> Document:
    lay = store.layout([Block(PARAGRAPH, p) for p in paragraphs], split)
    new_id = store.save_document(
        conn, title=title, fmt="txt", language="fr", content_hash=content_hash, lay=lay,
        doc_id=doc_id, on_updated=on_updated,
    )
    return store.get_document(conn, new_id)


def fake_mt(sentence: str) -> str:
    return "EN " + sentence.replace("é", "e").replace("è", "e")


def translate(conn: sqlite3.Connection, doc: Document, mt: Callable[[str], str] = fake_mt,
              model: str = MODEL, only: set[int] | None = None) -> tstore.EnglishSide:
    pairs = [(s.source_hash, mt(doc.sentence_text(s))) for s in doc.sentences if only is None or s.index in only]
    tstore.put_mt(conn, model, pairs)
    return tstore.english_side(conn, doc, model)


@pytest.fixture
def doc(conn: sqlite3.Connection) -> Document:
    return save(conn, PARAGRAPHS)


@pytest.fixture
def english(conn: sqlite3.Connection, doc: Document) -> tstore.EnglishSide:
    return translate(conn, doc)


@pytest.fixture
def notes(conn: sqlite3.Connection, doc: Document, english: tstore.EnglishSide):
    """`doc` translated, sentence 1 post-edited, and three annotations: French (with a note
    and tags), English, and an orphaned one."""
    from desktop.annotations import aligned
    from desktop.annotations import store as astore

    tstore.set_post_edit(conn, doc.id, 1, "It aims at shared governance & <regular> pathways.")
    english = tstore.english_side(conn, doc, MODEL)
    start = doc.text.index("gouvernance partagée")
    astore.create_annotation(conn, doc, "fr", start, start + 20, color="green", note="Terme **clé** : « gouvernance »", tags=["gouvernance", "GCM"])
    start = english.text.index("EN Le forum")
    astore.create_annotation(conn, doc, "en", start, start + 11, color="blue", english=english)
    lost = astore.create_annotation(conn, doc, "fr", 0, 14, color="pink", note="perdu")
    astore.write_anchors(conn, [astore.Annotation(**{**lost.__dict__, "status": "orphaned"})])
    return aligned.document_notes(conn, doc.id, MODEL)
