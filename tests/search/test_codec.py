from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from whoosh import index as whoosh_index
from whoosh import query as wq
from whoosh.codec.whoosh3 import W3Codec

from desktop.search.analysis import FastPositions
from desktop.search.codec import BLOCK_LIMIT, GloseCodec, positions_from_values, term_postings
from desktop.search.schema import build_schema, paragraph_key


def record(doc: int, idx: int, fr: str) -> dict:
    return {
        "key": paragraph_key(doc, idx), "doc": str(doc), "paragraph_id": idx, "paragraph_index": idx,
        "title": "Le titre", "fr": fr, "en": "", "notes": "", "tags": "",
    }  # fmt: skip


def text(i: int) -> str:
    # "migration" in every paragraph, 1 + i % 3 times; "OIM" in a few.
    return " ".join(["migration régulière"] * (1 + i % 3) + (["OIM"] if i % 250 == 0 else []))


N = BLOCK_LIMIT * 2 + 37


@pytest.fixture(scope="module", params=["glose", "w3"])
def ix(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp(request.param)
    ix = whoosh_index.create_in(str(folder), build_schema(), indexname="p")
    # Whoosh's own writer (posting by posting), with either codec.
    w = ix.writer(codec=GloseCodec() if request.param == "glose" else W3Codec())
    for i in range(N):
        w.add_document(**record(i // 10, i % 10, text(i)))
    w.commit()
    return ix


def test_whooshs_matcher_reads_back_every_posting(ix) -> None:
    with ix.searcher() as s:
        m = s.reader().postings("fr", b"migrat")
        ids, weights, positions = [], [], []
        while m.is_active():
            ids.append(m.id())
            weights.append(m.weight())
            positions.append(FastPositions().decode_positions(m.value()))
            m.next()
    assert ids == list(range(N))
    assert weights == [1 + i % 3 for i in range(N)]
    assert positions == [list(range(0, 2 * (1 + i % 3), 2)) for i in range(N)]


def test_term_postings_reads_a_whole_list_as_arrays(ix) -> None:
    with ix.searcher() as s:
        reader = s.reader()
        postings = term_postings(reader, "fr", b"migrat", positions=True)
        if not isinstance(reader._terms._codec, GloseCodec):
            assert postings is None  # Whoosh's own format: the caller decodes it
            return
        assert postings.ids.tolist() == list(range(N))
        assert postings.weights.tolist() == [1 + i % 3 for i in range(N)]
        assert postings.counts.tolist() == [1 + i % 3 for i in range(N)]
        rows = np.array([0, 5, N - 1])
        owner, pos = postings.positions(rows)
        assert owner.tolist() == [0, 1, 1, 1, 2, 2]
        assert pos.tolist() == [0, 0, 2, 4, 0, 2]
        assert term_postings(reader, "fr", b"oim").ids.tolist() == list(range(0, N, 250))
        assert term_postings(reader, "fr", b"absent").ids.size == 0


def test_blocks_bigger_than_the_compression_threshold_and_smaller_both_read(ix) -> None:
    with ix.searcher() as s:
        assert sorted(h.docnum for h in s.search(wq.Term("fr", "oim"), limit=None)) == list(range(0, N, 250))


def test_positions_from_whoosh_values() -> None:
    fmt = FastPositions()
    values = [fmt.encode([1, 5]), fmt.encode([]), fmt.encode([7])]
    counts, flat = positions_from_values(np.array([len(v) for v in values]), b"".join(values))
    assert counts.tolist() == [2, 0, 1]
    assert flat.tolist() == [1, 5, 7]


def test_segments_written_by_both_codecs_search_alike(tmp_path: Path) -> None:
    from desktop.search.index import SearchIndex
    from desktop.search.searcher import search

    index = SearchIndex(tmp_path / "index")
    index.rebuild(iter([[record(1, i, text(i)) for i in range(20)]]), 1)  # Glose segment
    ix = whoosh_index.open_dir(str(index.path), indexname="paragraphs")
    w = ix.writer(codec=W3Codec())  # an older segment format beside it
    for i in range(20, 40):
        w.add_document(**record(2, i, text(i)))
    w.commit(merge=False)
    index.close()
    result = search(index, '"migration régulière"', pagelen=100)
    assert result.total == 40
    assert {h.doc_id for h in result.hits} == {1, 2}
    index.close()


def test_incremental_commits_and_merges_keep_glose_segments_readable(tmp_path: Path) -> None:
    from desktop.search import index as index_module
    from desktop.search.index import SearchIndex
    from desktop.search.searcher import search

    index = SearchIndex(tmp_path / "index")
    index.rebuild(iter([[record(1, i, text(i)) for i in range(30)]]), 1)
    for i in range(index_module.MERGE_AT_SEGMENTS + 2):  # one commit each: merges on the way
        with index.writer() as w:
            index.delete(w, "key", paragraph_key(1, i))
            w.add_document(**record(1, i, f"paragraphe {i} migration régulière"))
    ix = whoosh_index.open_dir(str(index.path), indexname="paragraphs")
    assert len(ix._segments()) < index_module.MERGE_AT_SEGMENTS
    assert all(isinstance(seg.codec(), GloseCodec) for seg in ix._segments())
    assert search(index, '"migration régulière"', pagelen=100).total == 30
    assert [(h.paragraph_index, h.snippet) for h in search(index, '"paragraphe 3"').hits] == [
        (3, "<b>paragraphe</b> <b>3</b> migration régulière")
    ]
    index.close()
