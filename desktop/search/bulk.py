"""Glose's Whoosh segment writer (rebuilds and updates): the postings inverted with numpy.

Whoosh's SegmentWriter sends every posting through a sorting pool as a tuple, then
back through four method calls to the postings file: ~8 microseconds a posting, most
of a rebuild. Here a text field's words go into flat arrays (term number and position
of every word, in text order: TextAnalyzer.index_tokens), and at commit one stable
sort by term turns them into posting lists, written a block at a time
(GlosePostingsWriter.add_position_arrays). Other fields (ids, tags: a few terms a
document) keep a dict of postings. The segment files, the per-document columns (stored
fields, lengths), deletions and the TOC are Whoosh's own, so the result is an ordinary
index. Not supported (Glose has none): spelling words, term vectors, boosts given with
a document.
"""

from __future__ import annotations

from array import array
from typing import Any

import numpy as np
from whoosh.analysis import IDTokenizer
from whoosh.formats import Existence
from whoosh.writing import SegmentWriter

from desktop.search.analysis import FastPositions, TextAnalyzer
from desktop.search.codec import GloseCodec, GlosePostingsWriter, matcher_postings, term_postings


class _Numbering(dict):
    """term -> a number given in order of first sight."""

    def __missing__(self, term: str) -> int:
        n = self[term] = len(self)
        return n


class _Words:
    """Every word of one text field in this segment, in document then text order."""

    def __init__(self) -> None:
        self.numbers = _Numbering()
        self.terms = array("i")  # term number of each word
        self.positions = array("I")  # its position in its document
        self.docs = array("i")  # documents with words, in order
        self.counts = array("I")  # words in each of those documents
        self.last: tuple[str, list[str], list[int] | None] | None = None  # titles repeat

    def add(self, analyzer: TextAnalyzer, value: str, docnum: int) -> int:
        if self.last is not None and self.last[0] == value:
            _, terms, positions = self.last
        else:
            terms, positions = analyzer.index_tokens(value)
            self.last = (value, terms, positions)
        if not terms:
            return 0
        self.terms.extend(map(self.numbers.__getitem__, terms))
        self.positions.extend(range(len(terms)) if positions is None else positions)
        self.docs.append(docnum)
        self.counts.append(len(terms))
        return len(terms)


class BulkWriter(SegmentWriter):
    """Use like ix.writer(): add_document(**fields) for new documents, then commit()."""

    reanalyse_on_merge = True  # False: merges copy postings (tests exercise both)

    def __init__(self, ix: Any, **kwargs: Any) -> None:
        kwargs.setdefault("codec", GloseCodec())
        super().__init__(ix, **kwargs)
        for name, field in self.schema.items():
            if field.separate_spelling() or field.vector:
                raise ValueError(f"field {name!r}: spelling words and term vectors need Whoosh's own writer")
        self._words: dict[str, _Words] = {}
        self._postings: dict[str, dict[bytes, tuple[list[int], list[float], list[bytes]]]] = {}
        self._lengths: dict[str, list[int]] = {}  # scorable field -> length of each document

    def add_reader(self, reader: Any) -> None:
        """Copy a segment's live documents into this one (Whoosh's merge policy calls this
        at commit for the small segments it merges). When every indexed field is stored
        (Glose's schema), by indexing the stored documents again: for the few paragraphs
        of small segments, much cheaper than reading their postings term by term."""
        schema = self.schema
        if self.reanalyse_on_merge and all(f.stored for _, f in schema.items() if f.indexed):
            for docnum in reader.all_doc_ids():  # the live ones
                self.add_document(**reader.stored_fields(docnum))
            return
        self._copy_postings(reader)

    def _copy_postings(self, reader: Any) -> None:
        """add_reader for any schema: stored fields and lengths through Whoosh, postings
        read whole (codec.term_postings) into the same arrays as add_document's."""
        self._check_state()
        base = self.docnum
        fieldnames = set(self.schema.names()) | {n for n in reader.indexed_field_names() if n in self.schema}
        docmap = self.write_per_doc(fieldnames, reader)  # advances self.docnum
        renumber = np.full(reader.doc_count_all(), -1, dtype=np.int64)  # old docnum -> new local one
        if docmap is None:
            renumber[:] = np.arange(len(renumber)) + (base - self.docbase)
        else:
            for old, new in docmap.items():
                renumber[old] = new - self.docbase
        live = np.flatnonzero(renumber >= 0).tolist()
        for name, field in self.schema.items():
            if field.indexed and field.scorable:
                lengths = self._lengths.setdefault(name, [])
                lengths.extend([0] * (self.docnum - self.docbase - len(lengths)))
                for old in live:
                    lengths[renumber[old]] = reader.doc_field_length(old, name) or 0
        for fieldname, btext in reader.all_terms():
            field = self.schema[fieldname] if fieldname in self.schema else None
            if field is None:
                continue
            if self._positional(field):
                self._copy_words(fieldname, reader, btext, renumber)
                continue
            postings = self._postings.setdefault(fieldname, {})
            m = reader.postings(fieldname, btext)  # skips deleted documents
            while m.is_active():
                new = int(renumber[m.id()])
                if new >= 0:
                    entry = postings.get(btext)
                    if entry is None:
                        entry = postings[btext] = ([], [], [])
                    entry[0].append(new)
                    entry[1].append(m.weight())
                    entry[2].append(m.value() or b"")
                m.next()
        self._added = True

    def _copy_words(self, name: str, reader: Any, btext: bytes, renumber: np.ndarray) -> None:
        postings = term_postings(reader, name, btext, positions=True)
        if postings is None:  # a segment in Whoosh's own format
            postings = matcher_postings(reader._terms.matcher(name, btext, self.schema[name].format), positions=True)
        new = renumber[postings.ids]
        keep = new >= 0
        if not keep.any():
            return
        words = self._words.get(name)
        if words is None:
            words = self._words[name] = _Words()
        counts = postings.counts[keep]
        words.docs.frombytes(new[keep].astype(np.intc).tobytes())
        words.counts.frombytes(counts.astype(np.uintc).tobytes())
        words.positions.frombytes(postings.flat[np.repeat(keep, postings.counts)].astype(np.uintc).tobytes())
        number = words.numbers[btext.decode("utf-8")]
        words.terms.frombytes(np.full(int(counts.sum()), number, dtype=np.intc).tobytes())

    def add_document(self, **fields: Any) -> None:
        self._check_state()
        schema = self.schema
        docnum = self.docnum
        local = docnum - self.docbase
        pdw = self.perdocwriter
        if self._doc_boost(fields) != 1.0:
            raise ValueError("BulkWriter does not support document boosts")
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
                    if self._field_boost(fields, name, 1.0) != 1.0:
                        raise ValueError("BulkWriter does not support field boosts")
                    length = self._index(name, field, value, local)
                pdw.add_field(name, field, value if field.stored else None, length)
                if field.column_type and value is not None:
                    pdw.add_column_value(name, field.column_type, field.to_column_value(value))
        except Exception:
            pdw.cancel_doc()
            raise
        pdw.finish_doc()
        self._added = True
        self.docnum += 1

    @staticmethod
    def _positional(field: Any) -> bool:
        return type(field.format) is FastPositions and isinstance(field.analyzer, TextAnalyzer)

    def _index(self, name: str, field: Any, value: Any, docnum: int) -> int:
        """Adds the postings of one field value; returns the field length (0 if not scorable)."""
        if self._positional(field):
            if not isinstance(value, str):
                raise TypeError(f"field {name!r}: text expected, got {type(value).__name__}")
            words = self._words.get(name)
            if words is None:
                words = self._words[name] = _Words()
            length = words.add(field.analyzer, value, docnum)
        else:
            postings = self._postings.setdefault(name, {})
            length = 0
            if type(field.analyzer) is IDTokenizer and type(field.format) is Existence and isinstance(value, str):
                # An id is its own single term: skip Whoosh's Token machinery.
                items: Any = ((value.encode("utf-8"), 1, field.format.field_boost, b""),)
            elif value == "":  # no tags, no notes: no terms
                items = ()
            else:
                items = field.index(value)
            for tbytes, freq, weight, vbytes in items:
                entry = postings.get(tbytes)
                if entry is None:
                    entry = postings[tbytes] = ([], [], [])
                entry[0].append(docnum)
                entry[1].append(weight)
                entry[2].append(vbytes or b"")
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
        for name in sorted(set(self._words) | set(self._postings)):
            field = self.schema[name]
            fw.start_field(name, field)
            writer = fw._postwriter
            if not isinstance(writer, GlosePostingsWriter):
                raise TypeError("BulkWriter needs GloseCodec")
            if name in self._words:
                self._write_words(fw, writer, field, self._words[name], self._field_lengths(name))
            else:
                self._write_postings(fw, writer, self._postings[name], self._lengths.get(name), self.docbase)
            fw.finish_field()
        fw.close()
        self._words.clear()
        self._postings.clear()

    def _field_lengths(self, name: str) -> np.ndarray:
        lengths = np.zeros(self.docnum - self.docbase, dtype=np.int64)
        known = self._lengths.get(name)
        if known:
            lengths[: len(known)] = known
        return lengths

    def _write_words(self, fw: Any, writer: GlosePostingsWriter, field: Any, words: _Words, lengths: np.ndarray) -> None:
        """Invert the field's words: a stable sort by term keeps each term's words in
        document then position order, so runs of one document are its postings."""
        terms = np.frombuffer(words.terms, dtype=np.intc)
        total = len(terms)
        if not total:
            return
        positions = np.frombuffer(words.positions, dtype=np.uintc)
        docs = np.repeat(np.frombuffer(words.docs, dtype=np.intc), np.frombuffer(words.counts, dtype=np.uintc))
        order = np.argsort(terms, kind="stable")
        terms, docs, positions = terms[order], docs[order], positions[order]
        new = np.ones(total, dtype=bool)
        new[1:] = (terms[1:] != terms[:-1]) | (docs[1:] != docs[:-1])
        starts = np.flatnonzero(new)  # where each posting's words start
        post_terms = terms[starts]
        post_docs = docs[starts].astype(np.int64) + self.docbase
        post_counts = np.diff(np.append(starts, total))
        first = np.flatnonzero(np.r_[True, post_terms[1:] != post_terms[:-1]])  # each term's first posting
        last = np.append(first[1:], len(starts))
        word_start = np.append(starts, total)
        names = list(words.numbers)  # term number -> term
        weights = post_counts * float(field.format.field_boost)
        doc_lengths = lengths[post_docs - self.docbase]
        # Index terms sort as UTF-8 bytes (code point order for str).
        for btext, g in sorted((names[t].encode("utf-8"), g) for g, t in enumerate(post_terms[first].tolist())):
            a, b = int(first[g]), int(last[g])
            fw.start_term(btext)
            writer.add_position_arrays(
                post_docs[a:b], weights[a:b], doc_lengths[a:b], post_counts[a:b], positions[word_start[a] : word_start[b]]
            )
            fw.finish_term()

    @staticmethod
    def _write_postings(fw: Any, writer: GlosePostingsWriter, postings: dict, lengths: list[int] | None, base: int) -> None:
        for btext in sorted(postings):
            docnums, weights, values = postings[btext]
            fw.start_term(btext)
            lens = [lengths[d] for d in docnums] if lengths else [0] * len(docnums)
            writer.add_postings([d + base for d in docnums], weights, lens, values=values)
            fw.finish_term()
