"""A Whoosh segment writer for whole rebuilds: postings gathered in dicts, written a
posting list at a time.

Whoosh's SegmentWriter sends every posting through a sorting pool as a tuple, then
back through four method calls to the postings file: ~8 microseconds a posting, most
of a rebuild. Here each document's terms go straight into a per-field dict (term ->
document numbers, weights, values), and at commit each term's list is written in
blocks (GlosePostingsWriter.add_postings). The segment files, the per-document columns
(stored fields, lengths) and the TOC are Whoosh's own, so the result is an ordinary
index. Fields with spelling words or term vectors, and boosts given with a document,
are not supported (Glose has none).
"""

from __future__ import annotations

from typing import Any

from whoosh.writing import SegmentWriter

from desktop.search.analysis import FastPositions, TextAnalyzer
from desktop.search.codec import GloseCodec, GlosePostingsWriter


class BulkWriter(SegmentWriter):
    """Use like ix.writer(): add_document(**fields) for new documents, then commit().
    Nothing else (no deletions, no merging of other segments)."""

    def __init__(self, ix: Any, **kwargs: Any) -> None:
        kwargs.setdefault("codec", GloseCodec())
        super().__init__(ix, **kwargs)
        for name, field in self.schema.items():
            if field.separate_spelling() or field.vector:
                raise ValueError(f"field {name!r}: spelling words and term vectors need Whoosh's own writer")
        # field -> term (str for analysed text, bytes otherwise) -> [docnums, weights, values]
        self._postings: dict[str, dict[Any, list[list[Any]]]] = {}
        self._lengths: dict[str, list[int]] = {}  # scorable field -> length of each document
        self._last: dict[str, tuple[str, dict[str, list[int]]]] = {}  # field -> (text, terms): titles repeat

    def add_document(self, **fields: Any) -> None:
        self._check_state()
        schema = self.schema
        docnum = self.docnum
        local = docnum - self.docbase
        pdw = self.perdocwriter
        docboost = self._doc_boost(fields)
        names = sorted(name for name in fields if not name.startswith("_"))
        self._check_fields(schema, names)
        pdw.start_doc(docnum)
        try:
            for name in names:
                value = fields[name]
                if value is None:
                    continue
                field = schema[name]
                length = 0
                if field.indexed:
                    boost = self._field_boost(fields, name, docboost)
                    length = self._index(name, field, value, local, boost)
                pdw.add_field(name, field, value if field.stored else None, length)
                if field.column_type and value is not None:
                    pdw.add_column_value(name, field.column_type, field.to_column_value(value))
        except Exception:
            pdw.cancel_doc()
            raise
        pdw.finish_doc()
        self._added = True
        self.docnum += 1

    def _index(self, name: str, field: Any, value: Any, docnum: int, boost: float) -> int:
        """Adds the postings of one field value; returns the field length (0 if not scorable)."""
        postings = self._postings.setdefault(name, {})
        length = 0
        fmt = field.format
        if type(fmt) is FastPositions and isinstance(field.analyzer, TextAnalyzer) and isinstance(value, str):
            last = self._last.get(name)
            if last is not None and last[0] == value:
                terms = last[1]
            else:
                terms = field.analyzer.positions(value)
                self._last[name] = (value, terms)
            if boost != 1.0:
                raise ValueError("BulkWriter does not support document or field boosts")
            get = postings.get
            for term, poslist in terms.items():  # the per-posting loop: keep it minimal
                entry = get(term)
                if entry is None:
                    postings[term] = ([docnum], [poslist])
                else:
                    entry[0].append(docnum)
                    entry[1].append(poslist)
            length = sum(map(len, terms.values()))
        else:
            for tbytes, freq, weight, vbytes in field.index(value):
                entry = postings.get(tbytes)
                if entry is None:
                    entry = postings[tbytes] = ([], [], [])
                entry[0].append(docnum)
                entry[2].append(vbytes or b"")
                entry[1].append(weight * boost)
                length += freq
        if not field.scorable:
            return 0
        lengths = self._lengths.setdefault(name, [])
        if len(lengths) <= docnum:
            lengths.extend([0] * (docnum + 1 - len(lengths)))
        lengths[docnum] = length
        return length

    def _flush_segment(self) -> None:
        self.perdocwriter.close()
        fw = self.fieldwriter
        base = self.docbase
        for name in sorted(self._postings):
            field = self.schema[name]
            postings = self._postings[name]
            lengths = self._lengths.get(name)
            # Index terms sort as UTF-8 bytes, which is code point order for str.
            keyed = sorted((t.encode("utf-8") if isinstance(t, str) else t, t) for t in postings)
            positional = type(field.format) is FastPositions
            fw.start_field(name, field)
            writer = fw._postwriter
            if not isinstance(writer, GlosePostingsWriter):
                raise TypeError("BulkWriter needs GloseCodec")
            fb = field.format.field_boost
            for btext, term in keyed:
                entry = postings[term]
                docnums = entry[0]
                fw.start_term(btext)
                ids = [d + base for d in docnums] if base else docnums
                lens = [lengths[d] for d in docnums] if lengths else [0] * len(docnums)
                if positional and isinstance(term, str):  # TextAnalyzer.positions keeps them sorted
                    weights = [len(p) * fb for p in entry[1]]
                    writer.add_postings(ids, weights, lens, positions=entry[1])
                else:
                    writer.add_postings(ids, entry[1], lens, values=entry[2])
                fw.finish_term()
            fw.finish_field()
        fw.close()
        self._postings.clear()
