from __future__ import annotations

from pathlib import Path

import pytest
from whoosh import query as wq

from desktop.search.analysis import FastPositions
from desktop.search.index import SearchIndex
from desktop.search.schema import paragraph_key
from desktop.search.scoring import Unsupported, VectorSearch, _in_sequence


def record(doc: int, idx: int, fr: str) -> dict:
    return {
        "key": paragraph_key(doc, idx), "doc": str(doc), "paragraph_id": idx, "paragraph_index": idx,
        "title": "T", "fr": fr, "en": "", "notes": "", "tags": "",
    }  # fmt: skip


TEXTS = [
    "la gestion des migrations régulières",
    "des migrations et de la gestion régulière",
    "gestion migrations gestion migrations",
    "migrations sans rien d'autre",
    "Asie du Sud-Est et gestion",
]


@pytest.fixture
def index(tmp_path: Path) -> SearchIndex:
    ix = SearchIndex(tmp_path / "index")
    ix.rebuild(iter([[record(1, i, t) for i, t in enumerate(TEXTS)]]), 1)
    yield ix
    ix.close()


def matches(index: SearchIndex, q: wq.Query) -> list[int]:
    with index.searcher() as s:
        top, mask = VectorSearch(s).search(q, 10)
        return sorted(s.stored_fields(d)["paragraph_index"] for d, _ in top)


def test_phrases_need_adjacent_words_in_order(index: SearchIndex) -> None:
    assert matches(index, wq.Phrase("fr", ["gestion", "migrat"])) == [0, 2]
    # Stop words take no position: "migrations et de la gestion" has them adjacent.
    assert matches(index, wq.Phrase("fr", ["migrat", "gestion"])) == [1, 2]
    assert matches(index, wq.Phrase("fr", ["asi", "sud", "est"])) == [4]
    assert matches(index, wq.Phrase("fr", ["gestion", "absent"])) == []


def test_a_looser_slop_allows_words_between(index: SearchIndex) -> None:
    assert matches(index, wq.Phrase("fr", ["migrat", "reguli"], slop=1)) == [0]
    assert matches(index, wq.Phrase("fr", ["migrat", "reguli"], slop=3)) == [0, 1]


def test_deleted_and_added_paragraphs_across_segments(index: SearchIndex) -> None:
    with index.writer() as w:
        w.delete_by_term("key", paragraph_key(1, 0))
        w.add_document(**record(1, 9, "une autre gestion des migrations"))
    assert matches(index, wq.Phrase("fr", ["gestion", "migrat"])) == [2, 9]
    assert matches(index, wq.Term("fr", "reguli")) == [1]


def test_positions_round_trip() -> None:
    fmt = FastPositions()
    assert fmt.decode_positions(fmt.encode([0, 3, 70000])) == [0, 3, 70000]
    assert fmt.decode_frequency(fmt.encode([1, 2, 5])) == 3


def test_in_sequence() -> None:
    assert _in_sequence([[1, 5], [6], [7]], 1)
    assert not _in_sequence([[1], [3]], 1)
    assert _in_sequence([[1], [3]], 2)


def test_other_query_types_are_unsupported(index: SearchIndex) -> None:
    with index.searcher() as s:
        with pytest.raises(Unsupported):
            VectorSearch(s).evaluate(wq.NumericRange("paragraph_index", 0, 3))
