"""BM25F over Whoosh's postings, evaluated a posting list at a time with numpy.

Whoosh scores a query one posting at a time in Python (a few microseconds each); a word
found in most paragraphs of a 30,000-paragraph library then costs hundreds of
milliseconds. Here each term's posting list is read whole into arrays (codec.py's
format; Whoosh's pickled blocks a block at a time for older segments), scored with
Whoosh's BM25F formula and statistics, and combined with array operations: the same
ranking for words, AND, OR, NOT, with the exact number of matches for free. Prefix,
wildcard and fuzzy terms are scored as the sum of the words they reach (see multiterm).
Phrases are checked against the stored positions of the documents that hold all their
words (sorted (document, position) keys intersected by binary search), and scored as
the sum of their words. Anything else raises Unsupported and the
caller falls back to Whoosh's own searcher.
"""

from __future__ import annotations

from bisect import bisect_left
from typing import Any

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import DamerauLevenshtein
from whoosh import query as wq
from whoosh.scoring import BM25F
from whoosh.searching import Searcher

from desktop.search.analysis import FastPositions
from desktop.search.codec import Postings, matcher_postings, term_postings


class Unsupported(Exception):
    """A query (or index) this evaluator does not handle; use Whoosh's searcher."""


Scored = tuple[np.ndarray, np.ndarray]  # (scores float64, matched bool), one entry per docnum


class VectorSearch:
    def __init__(self, searcher: Searcher) -> None:
        weighting = searcher.weighting
        if type(weighting) is not BM25F or weighting._field_B:
            raise Unsupported("only the default BM25F weighting is reproduced")
        self.searcher = searcher
        self.B, self.K1 = weighting.B, weighting.K1
        self.leaves: list[tuple[Searcher, int]] = searcher.subsearchers or [(searcher, 0)]
        self.n = searcher.doc_count_all()
        self.expanded: dict[int, list[str]] = {}  # id(multi-term query) -> the terms it reached
        self.live = np.ones(self.n, dtype=bool)
        for sub, offset in self.leaves:
            reader = sub.reader()
            if not hasattr(reader, "_terms") or not hasattr(reader, "_perdoc"):
                raise Unsupported("not a Whoosh segment reader")
            deleted = reader.deleted_docs_set if reader.has_deletions() else ()
            if deleted:
                self.live[np.fromiter(deleted, dtype=np.int64) + offset] = False

    # -- postings ------------------------------------------------------------

    def _blocks(self, fieldname: str, btext: bytes, positions: bool = False) -> list[Postings]:
        """A term's postings (ids made global), one entry per segment that has it."""
        fmt = self.searcher.schema[fieldname].format
        out = []
        for sub, offset in self.leaves:
            reader = sub.reader()
            postings = term_postings(reader, fieldname, btext, positions)
            if postings is None:  # a segment in Whoosh's own format
                if (fieldname, btext) not in reader:
                    continue
                postings = matcher_postings(reader._terms.matcher(fieldname, btext, fmt), positions)
            if not postings.ids.size:
                continue
            if offset:
                postings.ids = postings.ids + offset
            out.append(postings)
        return out

    def _lengths(self, fieldname: str) -> np.ndarray:
        """Field length of every document (0 where the field is empty).

        Decoded once per segment: segments never change (deletions aside, which do not
        touch lengths), so the arrays are kept on the index object, which outlives the
        searchers reopened after each commit."""
        cache = self.searcher.__dict__.setdefault("_glose_lengths_np", {})
        if fieldname not in cache:
            ix = getattr(self.searcher, "_ix", None)
            per_segment = ix.__dict__.setdefault("_glose_segment_lengths", {}) if ix is not None else {}
            parts = []
            for sub, _ in self.leaves:
                reader = sub.reader()
                key = (reader._segment.segment_id(), fieldname)
                if key not in per_segment:
                    pd = reader._perdoc
                    count = reader.doc_count_all()
                    if count:
                        pd.doc_field_length(0, fieldname)  # fills the decoded list (index.py)
                    lengths = pd.__dict__.get("_glose_lengths", {}).get(fieldname)
                    if lengths is None:
                        lengths = [pd.doc_field_length(i, fieldname) for i in range(count)]
                    per_segment[key] = np.array([x or 0 for x in lengths], dtype=np.float64)
                parts.append(per_segment[key])
            current = {sub.reader()._segment.segment_id() for sub, _ in self.leaves}
            for gone in [k for k in per_segment if k[0] not in current]:  # merged away
                del per_segment[gone]
            cache[fieldname] = np.concatenate(parts) if parts else np.zeros(0)
        return cache[fieldname]

    def _vocabulary(self, reader: Any, fieldname: str) -> list[str]:
        """A segment's sorted terms in a field, kept on the index object (segments never change)."""
        ix = getattr(self.searcher, "_ix", None)
        cache = ix.__dict__.setdefault("_glose_vocabulary", {}) if ix is not None else {}
        key = (reader._segment.segment_id(), fieldname)
        if key not in cache:
            current = {sub.reader()._segment.segment_id() for sub, _ in self.leaves}
            for gone in [k for k in cache if k[0] not in current]:  # merged away
                del cache[gone]
            cache[key] = [b.decode("utf-8") for b in reader.lexicon(fieldname)]
        return cache[key]

    def _empty(self) -> Scored:
        return np.zeros(self.n), np.zeros(self.n, dtype=bool)

    def _bm25(self, fieldname: str, text: str, ids: np.ndarray, weights: np.ndarray) -> np.ndarray:
        top = self.searcher
        idf = top.idf(fieldname, text)
        avgfl = top.avg_field_length(fieldname) or 1
        fl = self._lengths(fieldname)[ids]
        K1, B = self.K1, self.B
        return idf * ((weights * (K1 + 1)) / (weights + K1 * ((1 - B) + B * fl / avgfl)))

    def term(self, fieldname: str, text: str, boost: float = 1.0) -> Scored:
        scores, mask = self._empty()
        field = self.searcher.schema[fieldname]
        btext = field.to_bytes(text)
        for p in self._blocks(fieldname, btext):
            ids, weights = p.ids, p.weights
            if field.scorable:
                scores[ids] += self._bm25(fieldname, text, ids, weights) * boost
            else:
                scores[ids] += boost
            mask[ids] = True
        return scores, mask

    def multiterm(self, q: wq.MultiTerm) -> Scored:
        """Prefix, wildcard, fuzzy: the union of the terms they reach, each scored by BM25F.

        (Whoosh gives every match a constant score when there are several terms; ranking
        by the words actually found reads better: `migra*` puts paragraphs that say
        migration often first.)"""
        scores, mask = self._empty()
        fieldname = q.field()
        field = self.searcher.schema[fieldname]
        # FuzzyTerm yields text, Prefix and Wildcard bytes.
        if isinstance(q, wq.FuzzyTerm):
            # Whoosh walks each segment's terms with a Python automaton; compare the typed
            # word with the segment's cached vocabulary in C (rapidfuzz) instead.
            found: set[str] = set()
            head = q.text[: q.prefixlength]
            for sub, _ in self.leaves:
                vocab = self._vocabulary(sub.reader(), fieldname)
                lo = bisect_left(vocab, head)
                hi = bisect_left(vocab, head + "\U0010ffff") if head else len(vocab)
                close = process.extract(
                    q.text, vocab[lo:hi], scorer=DamerauLevenshtein.distance, score_cutoff=q.maxdist, limit=None
                )
                found.update(c for c, _, _ in close)
            texts = sorted(found)
        else:
            texts = [field.from_bytes(t) if isinstance(t, bytes) else t for t in q._btexts(self.searcher.reader())]
        self.expanded[id(q)] = texts
        for text in texts:
            s, m = self.term(fieldname, text, q.boost)
            scores += s
            mask |= m
        return scores, mask

    def phrase(self, q: wq.Phrase) -> Scored:
        fieldname, words, slop = q.fieldname, list(q.words), q.slop
        field = self.searcher.schema[fieldname]
        if not isinstance(field.format, FastPositions):
            raise Unsupported("positions in another format")
        if not words:
            return self._empty()
        if len(words) == 1:
            return self.term(fieldname, words[0], q.boost)
        postings = []
        for word in words:
            parts = self._blocks(fieldname, field.to_bytes(word), positions=True)
            if not parts:
                return self._empty()
            postings.append((word, _merge(parts)))
        candidates = postings[0][1].ids
        for _, p in postings[1:]:
            candidates = np.intersect1d(candidates, p.ids, assume_unique=True)
        if candidates.size:
            candidates = candidates[self.live[candidates]]
        scores, mask = self._empty()
        if not candidates.size:
            return scores, mask
        where = [np.searchsorted(p.ids, candidates) for _, p in postings]
        if slop <= 1:
            docs = self._adjacent(candidates, [(p, w) for (_, p), w in zip(postings, where)])
        else:
            docs = self._in_order(candidates, [p for _, p in postings], where, slop)
        if not docs.size:
            return scores, mask
        keep = np.searchsorted(candidates, docs)
        for (word, p), w in zip(postings, where):
            scores[docs] += self._bm25(fieldname, word, docs, p.weights[w[keep]]) * q.boost
        mask[docs] = True
        return scores, mask

    @staticmethod
    def _keys(candidates: np.ndarray, postings: Postings, where: np.ndarray, shift: int) -> np.ndarray:
        """(doc << 24 | position - shift) of one word in the candidates, ascending (the
        rows, and the positions within a posting, are in order): the phrase starts where
        every word's keys meet."""
        owner, positions = postings.positions(where)
        ok = positions >= shift
        return (candidates[owner[ok]] << 24) | (positions[ok] - shift)

    def _adjacent(self, candidates: np.ndarray, words: list[tuple[Postings, np.ndarray]]) -> np.ndarray:
        """The candidates where word i sits at position p + i for some p (slop 1)."""
        keys = self._keys(candidates, words[0][0], words[0][1], 0)
        for i, (postings, where) in enumerate(words[1:], 1):
            if not keys.size:
                break
            keys = _sorted_intersection(keys, self._keys(candidates, postings, where, i))
        docs = keys >> 24
        return docs[np.r_[True, docs[1:] != docs[:-1]]] if docs.size else docs

    @staticmethod
    def _in_order(candidates: np.ndarray, postings: list[Postings], where: list[np.ndarray], slop: int) -> np.ndarray:
        per_word = []
        for p, w in zip(postings, where):
            owner, positions = p.positions(w)
            lists: list[list[int]] = [[] for _ in range(len(candidates))]
            for k, position in zip(owner.tolist(), positions.tolist()):
                lists[k].append(position)
            per_word.append(lists)
        found = [doc for k, doc in enumerate(candidates.tolist()) if _in_sequence([lists[k] for lists in per_word], slop)]
        return np.array(found, dtype=np.int64)

    # -- query tree ----------------------------------------------------------

    def evaluate(self, q: wq.Query) -> Scored:
        if q is wq.NullQuery or isinstance(q, type(wq.NullQuery)):
            return self._empty()
        if isinstance(q, wq.Term):
            return self.term(q.fieldname, q.text, q.boost)
        if isinstance(q, (wq.Prefix, wq.Wildcard, wq.FuzzyTerm)):
            return self.multiterm(q)
        if isinstance(q, wq.Phrase):
            return self.phrase(q)
        if isinstance(q, wq.AndNot):
            scores, mask = self.evaluate(q.a)
            _, excluded = self.evaluate(q.b)
            return scores, mask & ~excluded
        if isinstance(q, wq.Or) and type(q) is wq.Or and q.scale is None:
            scores, mask = self._empty()
            for sub in q.subqueries:
                s, m = self.evaluate(sub)
                scores += np.where(m, s, 0.0)
                mask |= m
            return scores, mask
        if isinstance(q, wq.And) and type(q) is wq.And:
            positive = [sub for sub in q.subqueries if not isinstance(sub, wq.Not)]
            if not positive:
                raise Unsupported("only exclusions")
            scores, mask = self.evaluate(positive[0])
            for sub in positive[1:]:
                s, m = self.evaluate(sub)
                scores = scores + s
                mask &= m
            for sub in q.subqueries:
                if isinstance(sub, wq.Not):
                    mask &= ~self.evaluate(sub.query)[1]
                    scores = scores + sub.boost  # as Whoosh: a NOT clause scores its boost
            return scores, mask
        raise Unsupported(type(q).__name__)

    def search(self, q: wq.Query, limit: int, doc_filter: wq.Query | None = None) -> tuple[list[tuple[int, float]], np.ndarray]:
        """The best `limit` (docnum, score), best first (ties: lower docnum first), and the
        mask of every match."""
        scores, mask = self.evaluate(q)
        mask &= self.live
        if doc_filter is not None:
            mask &= self.evaluate(doc_filter)[1]
        candidates = np.flatnonzero(mask)
        if candidates.size > limit:
            part = np.argpartition(-scores[candidates], limit - 1)[:limit]
            # argpartition breaks ties arbitrarily: keep every candidate scoring at least
            # the cut-off, then order them exactly.
            cutoff = scores[candidates[part]].min()
            candidates = candidates[scores[candidates] >= cutoff]
        order = np.lexsort((candidates, -scores[candidates]))[:limit]
        top = candidates[order]
        return [(int(d), float(scores[d])) for d in top], mask

    def doc_ids(self) -> np.ndarray:
        """The library document id of every docnum (from the `doc` field's postings)."""
        cache = self.searcher.__dict__
        if "_glose_doc_ids" not in cache:
            out = np.full(self.n, -1, dtype=np.int64)
            for btext in self.searcher.reader().lexicon("doc"):
                for p in self._blocks("doc", btext):
                    out[p.ids] = int(btext.decode("utf-8"))
            cache["_glose_doc_ids"] = out
        return cache["_glose_doc_ids"]


def _sorted_intersection(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """The values of ascending `a` that are in ascending `b` (binary search, no sort)."""
    if not a.size or not b.size:
        return a[:0]
    found = np.searchsorted(b, a)
    found[found == b.size] = 0
    return a[b[found] == a]


def _merge(parts: list[Postings]) -> Postings:
    """One posting list from a term's per-segment lists (ids already global)."""
    if len(parts) == 1:
        return parts[0]
    out = Postings(np.concatenate([p.ids for p in parts]), np.concatenate([p.weights for p in parts]))
    if all(p.counts is not None for p in parts):
        out.counts = np.concatenate([p.counts for p in parts])
        out.flat = np.concatenate([p.flat for p in parts])
    return out


def _in_sequence(positions: list[list[int]], slop: int) -> bool:
    """True if some position of the first word is followed by the others in order, each
    within `slop` positions of the one before."""
    if slop <= 1:
        later = [set(p) for p in positions[1:]]
        return any(all(start + i + 1 in s for i, s in enumerate(later)) for start in positions[0])
    for start in positions[0]:
        prev = start
        for ps in positions[1:]:
            nxt = next((p for p in ps if prev < p <= prev + slop), None)
            if nxt is None:
                break
            prev = nxt
        else:
            return True
    return False
