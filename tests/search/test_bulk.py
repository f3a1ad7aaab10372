from __future__ import annotations

import random
from pathlib import Path

import pytest
from whoosh import index as whoosh_index
from whoosh.codec.whoosh3 import W3Codec

from desktop.search.bulk import BulkWriter
from desktop.search.schema import build_schema, paragraph_key

WORDS = "migration régulière sécurité Sud-Est Asie travailleurs gestion des la le du coopération pacte mondial".split()


def record(doc: int, idx: int, fr: str, en: str = "", title: str = "") -> dict:
    return {
        "key": paragraph_key(doc, idx), "doc": str(doc), "paragraph_id": doc * 1000 + idx, "paragraph_index": idx,
        "title": title or f"Rapport {doc} sur la migration", "fr": fr, "en": en, "notes": "", "tags": "urgent" if idx % 7 == 0 else "",
    }  # fmt: skip


def records(n: int) -> list[dict]:
    rng = random.Random(3)
    out = []
    for i in range(n):
        fr = " ".join(rng.choice(WORDS) for _ in range(rng.randint(0, 30)))
        en = " ".join(rng.choice(["migration", "security", "south-east", "the", "workers"]) for _ in range(rng.randint(0, 12)))
        out.append(record(i // 10, i % 10, fr, en, title=f"Rapport {i // 10} : l'Asie du Sud-Est"))
    return out


def build(folder: Path, recs: list[dict], bulk: bool):
    folder.mkdir()
    ix = whoosh_index.create_in(str(folder), build_schema(), indexname="p")
    w = BulkWriter(ix) if bulk else ix.writer(codec=W3Codec())
    for r in recs:
        w.add_document(**r)
    w.commit(merge=False)
    return ix


def everything(ix) -> dict:
    """Every posting (ids, weights, decoded positions), field length and stored field."""
    out = {}
    with ix.searcher() as s:
        reader = s.reader()
        schema = ix.schema
        for fieldname, btext in reader.all_terms():
            m = reader.postings(fieldname, btext)
            postings = []
            while m.is_active():
                value = m.value()
                fmt = schema[fieldname].format
                decoded = fmt.decode_positions(value) if fmt.supports("positions") else value
                postings.append((m.id(), round(m.weight(), 5), decoded))
                m.next()
            out[(fieldname, btext)] = (reader.doc_frequency(fieldname, btext), postings)
        for docnum in range(reader.doc_count_all()):
            out[("stored", docnum)] = reader.stored_fields(docnum)
            for name in ("title", "fr", "en", "notes"):
                out[(name, "length", docnum)] = reader.doc_field_length(docnum, name)
        for name in ("title", "fr", "en"):
            out[(name, "total")] = reader.field_length(name)
    return out


def test_a_bulk_segment_holds_exactly_what_whooshs_writer_writes(tmp_path: Path) -> None:
    recs = records(1300)  # common words span several 512-posting blocks
    ours = everything(build(tmp_path / "bulk", recs, bulk=True))
    theirs = everything(build(tmp_path / "whoosh", recs, bulk=False))
    assert ours.keys() == theirs.keys()
    different = [k for k in ours if ours[k] != theirs[k]]
    assert different == []
    assert ours[("title", b"asi")][0] == 1300  # in three blocks


def test_whooshs_own_queries_read_bulk_segments(tmp_path: Path) -> None:
    from whoosh import query as wq

    recs = records(300)
    ours = build(tmp_path / "bulk", recs, bulk=True)
    theirs = build(tmp_path / "whoosh", recs, bulk=False)
    queries = [
        wq.Term("fr", "migrat"),
        wq.Phrase("fr", ["sud", "est"]),
        wq.Phrase("title", ["asi", "sud", "est"]),
        wq.Phrase("fr", ["migrat", "securit"], slop=3),
        wq.And([wq.Term("fr", "gestion"), wq.Term("en", "secur")]),
        wq.Term("tags", "urgent"),
    ]
    with ours.searcher() as a, theirs.searcher() as b:
        for q in queries:
            ra, rb = a.search(q, limit=None), b.search(q, limit=None)
            assert len(ra) > 0, q
            assert [(h.docnum, round(h.score, 4)) for h in ra] == [(h.docnum, round(h.score, 4)) for h in rb], q


def test_the_bulk_writer_refuses_what_it_cannot_write(tmp_path: Path) -> None:
    (tmp_path / "ix").mkdir()
    ix = whoosh_index.create_in(str(tmp_path / "ix"), build_schema(), indexname="p")
    w = BulkWriter(ix)
    with pytest.raises(ValueError, match="boost"):
        w.add_document(**record(1, 0, "migration"), _boost=2.0)
    with pytest.raises(TypeError, match="text expected"):
        w.add_document(**{**record(1, 1, "x"), "fr": ["not", "text"]})
    w.cancel()


def test_an_empty_text_field_adds_no_postings(tmp_path: Path) -> None:
    ix = build(tmp_path / "ix", [record(1, 0, "", ""), record(1, 1, "le la les", "migration")], bulk=True)
    with ix.searcher() as s:
        assert s.doc_count() == 2
        assert list(s.reader().field_terms("fr")) == []
        assert list(s.reader().field_terms("en")) == ["migrat"]


@pytest.mark.parametrize("reanalyse", [True, False], ids=["reanalyse", "copy-postings"])
def test_merging_segments_keeps_every_live_posting(tmp_path: Path, monkeypatch, reanalyse: bool) -> None:
    """Small segments merged by BulkWriter.add_reader (deleted documents dropped) hold what
    Whoosh's own writer makes of the same segments (copying postings), or what it writes
    for the same documents at once (indexing the stored documents again)."""
    from whoosh.reading import SegmentReader

    monkeypatch.setattr(BulkWriter, "reanalyse_on_merge", reanalyse)
    recs = records(120)

    def run(folder: Path, bulk: bool) -> dict:
        ix = build(folder, recs[:40], bulk=bulk)

        def writer():
            return BulkWriter(ix) if bulk else ix.writer(codec=W3Codec())

        for chunk in (recs[40:80], recs[80:]):
            w = writer()
            for r in chunk:
                w.add_document(**r)
            w.commit(merge=False)
        w = writer()
        w.delete_by_term("key", recs[5]["key"])
        w.delete_by_term("key", recs[70]["key"])
        w.commit(merge=False)
        assert len(ix._segments()) == 3

        def merge_all(w, segments):
            for segment in segments:
                w.add_reader(SegmentReader(ix.storage, ix.schema, segment))
            return []

        w = writer()
        w.add_document(**recs[5])  # re-added: numbered before the merged documents
        w.commit(mergetype=merge_all)
        assert len(ix._segments()) == 1
        with ix.searcher() as s:
            assert s.doc_count() == 119
        return everything(ix)

    ours = run(tmp_path / "bulk", True)
    if reanalyse:  # exact field lengths (Whoosh's merge copies them rounded to a byte)
        expected = [recs[5]] + [r for i, r in enumerate(recs) if i not in (5, 70)]
        theirs = everything(build(tmp_path / "whoosh", expected, bulk=False))
    else:
        theirs = run(tmp_path / "whoosh", False)
    assert ours.keys() == theirs.keys()
    assert [k for k in ours if ours[k] != theirs[k]] == []
