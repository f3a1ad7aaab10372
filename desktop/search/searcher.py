"""Ranked search over the index: hits with snippets, paging, filter by document, "did you mean".

Scoring is Whoosh's BM25F over the searched fields. Snippets are cut from the stored
text of the field where the query matched (French, English or notes) and mark the
matched words with <b>...</b>; the rest is HTML-escaped.
"""

from __future__ import annotations

import html
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein
from whoosh import query as wq
from whoosh.searching import Searcher

from desktop.search.analysis import TextAnalyzer, fold
from desktop.search.index import IndexUnavailable, SearchIndex
from desktop.search.query import ParsedQuery, QueryError, parse
from desktop.search.schema import ENGLISH, FRENCH, NOTES, SNIPPET_FIELDS, TITLE
from desktop.search.scoring import Unsupported, VectorSearch

log = logging.getLogger(__name__)

SNIPPET_CHARS = 240
COUNT_CAP = 1000  # counting every match of a common word costs more than finding the best ones
ELLIPSIS = "…"


@dataclass(frozen=True)
class SearchHit:
    doc_id: int
    title: str
    paragraph_id: int
    paragraph_index: int
    lang: str  # where the match is: "fr", "en" or "notes"
    snippet: str  # HTML-escaped text, matches in <b>...</b>
    score: float
    snippets: dict[str, str] = field(default_factory=dict)  # every matched field -> snippet

    def as_json(self) -> dict[str, Any]:
        return {
            "doc_id": self.doc_id,
            "title": self.title,
            "paragraph_id": self.paragraph_id,
            "paragraph_index": self.paragraph_index,
            "lang": self.lang,
            "snippet": self.snippet,
            "score": round(self.score, 4),
        }


@dataclass(frozen=True)
class SearchResults:
    query: str
    hits: list[SearchHit]
    total: int  # matching paragraphs (all pages); at most COUNT_CAP when not `exact`
    page: int
    pagelen: int
    suggestion: str | None = None  # "did you mean" query, only when there are no hits
    doc_counts: dict[int, int] = field(default_factory=dict)  # doc id -> matching paragraphs
    exact: bool = True  # False: there are at least `total` (= COUNT_CAP) matches; show "1000+"

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.pagelen))

    def by_document(self) -> list[tuple[int, str, list[SearchHit]]]:
        """This page's hits grouped by document, documents in order of their best hit."""
        groups: dict[int, list[SearchHit]] = {}
        for h in self.hits:
            groups.setdefault(h.doc_id, []).append(h)
        return [(doc_id, hits[0].title, hits) for doc_id, hits in groups.items()]


def _cut(text: str, spans: list[tuple[int, int]], maxchars: int) -> str:
    """The window of `text` holding the most matches, matches in <b>."""
    best_i, best_n = 0, 0
    for i, (start, _) in enumerate(spans):
        n = sum(1 for s, e in spans[i:] if e <= start + maxchars)
        if n > best_n:
            best_i, best_n = i, n
    first = spans[best_i][0]
    lo = max(0, first - maxchars // 4)
    if lo:
        space = text.find(" ", lo, first)
        lo = space + 1 if space != -1 else lo
    hi = min(len(text), lo + maxchars)
    if hi < len(text):
        space = text.rfind(" ", spans[best_i][1], hi)
        hi = space if space != -1 else hi
    out = [ELLIPSIS] if lo > 0 else []
    pos = lo
    for s, e in spans:
        if s < pos or e > hi:
            continue
        out.append(html.escape(text[pos:s], quote=False))
        out.append("<b>" + html.escape(text[s:e], quote=False) + "</b>")
        pos = e
    out.append(html.escape(text[pos:hi], quote=False))
    if hi < len(text):
        out.append(ELLIPSIS)
    return "".join(out).strip()


def snippet(text: str, analyzer: TextAnalyzer, terms: Iterable[str], maxchars: int = SNIPPET_CHARS) -> str | None:
    """A snippet of `text` around the words whose index terms are in `terms`; None if none."""
    wanted = frozenset(terms)
    if not text or not wanted:
        return None
    spans = analyzer.spans(text, wanted)
    if not spans:
        return None
    return _cut(text, spans, maxchars)


def lead(text: str, maxchars: int = SNIPPET_CHARS) -> str:
    """The start of a text, for a hit that matched only its title."""
    if len(text) <= maxchars:
        return html.escape(text, quote=False)
    cut = text.rfind(" ", 0, maxchars)
    return html.escape(text[: cut if cut > 0 else maxchars], quote=False) + ELLIPSIS


def _query_terms(searcher: Searcher, q: wq.Query, expanded: dict[int, list[str]] | None = None) -> dict[str, frozenset[str]]:
    """field -> the index terms the query looks for there (prefix and fuzzy terms expanded;
    `expanded` holds expansions already made while scoring)."""
    reader = searcher.reader()
    out: dict[str, set[str]] = {}
    for leaf in q.leaves():
        if expanded is not None and id(leaf) in expanded:
            pairs = [(leaf.field(), t) for t in expanded[id(leaf)]]
        elif isinstance(leaf, wq.MultiTerm):  # prefix, wildcard, fuzzy: the index terms they reach
            pairs = leaf.expanded_terms(reader)
        else:
            pairs = leaf.iter_all_terms(phrases=True)
        for fieldname, term in pairs:
            if fieldname in SNIPPET_FIELDS:
                text = term.decode("utf-8") if isinstance(term, bytes) else str(term)
                out.setdefault(fieldname, set()).add(text)
    return {k: frozenset(v) for k, v in out.items()}


def _hit(searcher: Searcher, stored: dict[str, Any], score: float, lang: str, terms: dict[str, frozenset[str]]) -> SearchHit:
    schema = searcher.schema
    preferred = (ENGLISH, FRENCH, NOTES) if lang == "en" else (FRENCH, ENGLISH, NOTES)
    found: dict[str, list[tuple[int, int]]] = {}
    for name in preferred:
        if name in terms and stored.get(name):
            spans = schema[name].analyzer.spans(stored[name], terms[name])
            if spans:
                found[name] = spans
    snippets = {name: _cut(stored[name], spans, SNIPPET_CHARS) for name, spans in found.items()}
    if snippets:
        # Where most distinct query words show; ties go to the preferred language.
        def weight(name: str) -> tuple[int, int]:
            distinct = {stored[name][a:b].casefold() for a, b in found[name]}
            return (len(distinct), -preferred.index(name))

        where = max(snippets, key=weight)
        text = snippets[where]
    else:  # a title-only (or tags-only) match
        where = ENGLISH if lang == "en" and stored.get(ENGLISH) else FRENCH
        text = lead(stored.get(where, ""))
    return SearchHit(
        doc_id=int(stored["doc"]),
        title=stored.get(TITLE, ""),
        paragraph_id=int(stored.get("paragraph_id") or 0),
        paragraph_index=int(stored["paragraph_index"]),
        lang=where,
        snippet=text,
        score=float(score or 0.0),
        snippets=snippets,
    )


def _surface(searcher: Searcher, fieldname: str, stem: str) -> str | None:
    """A word of the index text whose stem is `stem`, as written (accents and all)."""
    analyzer = searcher.schema[fieldname].analyzer
    shouted = None
    for hit in searcher.search(wq.Term(fieldname, stem), limit=5):
        for token in analyzer(hit.get(fieldname) or "", mode="query", keeporiginal=True):
            if token.text == stem:
                word = token.original
                if not word.isupper():
                    return word.lower() if word[1:].islower() else word
                shouted = shouted or word
    # Only seen in capitals: an acronym stays so, a heading word does not.
    return shouted if shouted is None or len(shouted) <= 5 else shouted.lower()


def _suggest(searcher: Searcher, parsed: ParsedQuery, lang: str, doc_filter: wq.Query | None) -> str | None:
    """The query with unknown words replaced by close index words, if that finds something.

    Works on stems (the index keeps no unstemmed word list): the closest stems by edit
    distance, the most frequent first, shown as a word of the text that has that stem.
    """
    fields = [f for f in (FRENCH, ENGLISH) if f in parsed.fields]
    reader = searcher.reader()
    text = parsed.text
    changed = False
    for word in dict.fromkeys(parsed.words):
        best: tuple[tuple[int, int], str, str] | None = None
        known = False
        for name in fields:
            analyzer = searcher.schema[name].analyzer
            folded = fold(word)
            if len(folded) < 3 or folded.isdigit() or analyzer.is_stop_word(word):
                known = True
                break
            stem = analyzer.stem(folded)
            if (name, stem.encode("utf-8")) in reader:
                known = True
                break
            maxdist = 1 if len(stem) <= 4 else 2
            words = [b.decode("utf-8") for b in reader.expand_prefix(name, stem[:1])]
            close = {c: d for c, d, _ in process.extract(stem, words, scorer=Levenshtein.distance, score_cutoff=maxdist, limit=20)}
            # A misspelt ending defeats the stemmer (gouvernanse -> gouvernans, not
            # gouvern): also take stems that the typed word starts with, nearly.
            for candidate in words:
                if 5 <= len(candidate) < len(folded) <= len(candidate) + 4 and candidate not in close:
                    d = Levenshtein.distance(folded[: len(candidate)], candidate, score_cutoff=1)
                    if d <= 1:
                        close[candidate] = d + 1
            for candidate, distance in close.items():
                rank = (-distance, reader.doc_frequency(name, candidate))
                if best is None or rank > best[0]:
                    best = (rank, name, candidate)
        if known or best is None:
            continue
        surface = _surface(searcher, best[1], best[2])
        if surface and word[:1].isupper() and not surface.isupper():
            surface = surface[:1].upper() + surface[1:]
        if surface and surface != word:
            text = re.sub(rf"(?<!\w){re.escape(word)}(?!\w)", surface, text)
            changed = True
    if not changed:
        return None
    try:
        fixed = parse(text, searcher.schema, lang)
    except QueryError:
        return None
    hits = searcher.search(fixed.query, limit=1, filter=doc_filter)
    return text if len(hits) else None


def _vector_search(
    searcher: Searcher, q: wq.Query, limit: int, doc_filter: wq.Query | None, doc_counts: bool, expanded: dict
) -> tuple[list[tuple[int, float]], int, dict[int, int]]:
    vs = VectorSearch(searcher)
    vs.expanded = expanded
    top, mask = vs.search(q, limit, doc_filter)
    counts: dict[int, int] = {}
    if doc_counts and mask.any():
        ids, n = np.unique(vs.doc_ids()[mask], return_counts=True)
        counts = {int(i): int(c) for i, c in zip(ids, n) if i >= 0}
    return top, int(mask.sum()), counts


def _whoosh_search(
    searcher: Searcher, q: wq.Query, limit: int, doc_filter: wq.Query | None, doc_counts: bool
) -> tuple[list[tuple[int, float]], int, bool, dict[int, int]]:
    """Whoosh's own collector, for queries the vectorised path does not handle.

    Its block-max skipping finds the top hits without scoring every match, but then does
    not know how many matched: count those separately, up to COUNT_CAP."""
    kwargs: dict[str, Any] = {"filter": doc_filter}
    if doc_counts:
        kwargs["groupedby"] = "doc"
    results = searcher.search(q, limit=limit, **kwargs)
    scored = results.scored_length()
    if scored < limit or results.has_exact_length():
        total, exact = (scored if scored < limit else len(results)), True
    else:
        total, exact = _count(searcher, q, doc_filter, COUNT_CAP)
    counts: dict[int, int] = {}
    if doc_counts and total:
        counts = {int(k): len(v) for k, v in results.groups("doc").items()}
    top = [(hit.docnum, float(hit.score or 0.0)) for hit in results]
    return top, total, exact, counts


def _count(searcher: Searcher, q: wq.Query, doc_filter: wq.Query | None, cap: int) -> tuple[int, bool]:
    """(matches, exact): matches counted up to `cap`."""
    allowed = set(searcher.docs_for_query(doc_filter)) if doc_filter is not None else None
    n = 0
    for docnum in searcher.docs_for_query(q):
        if allowed is None or docnum in allowed:
            n += 1
            if n >= cap:
                return n, False
    return n, True


def search(
    index: SearchIndex,
    text: str,
    *,
    lang: str = "all",
    doc_id: int | None = None,
    page: int = 1,
    pagelen: int = 20,
    doc_counts: bool = False,
) -> SearchResults:
    """Search the index. `lang` chooses the default fields (fr: French text and titles,
    en: English text, all: both plus notes); `doc_id` keeps one document's paragraphs.

    Raises QueryError (message for the user) for a query that cannot run, and
    IndexUnavailable when there is no index yet or it turned out damaged (it is then
    marked stale): run operations.ensure_index, then search again.
    """
    if page < 1:
        raise QueryError("page numbers start at 1")
    if pagelen < 1:
        raise QueryError("the number of results per page must be at least 1")
    try:
        return _search(index, text, lang, doc_id, page, pagelen, doc_counts)
    except (QueryError, IndexUnavailable):
        raise
    except Exception as exc:  # a damaged index file: derived data, rebuild it
        log.warning("search index %s unreadable (%s); marking it for a rebuild", index.path, exc)
        index.mark_stale(f"search failed: {exc}")
        index.close()
        raise IndexUnavailable(f"the search index needs rebuilding ({exc})") from exc


def _search(
    index: SearchIndex, text: str, lang: str, doc_id: int | None, page: int, pagelen: int, doc_counts: bool
) -> SearchResults:
    with index.searcher() as searcher:
        parsed = parse(text, searcher.schema, lang)
        doc_filter = wq.Term("doc", str(doc_id)) if doc_id is not None else None
        limit = page * pagelen
        expanded: dict[int, list[str]] = {}
        try:
            top, total, counts = _vector_search(searcher, parsed.query, limit, doc_filter, doc_counts, expanded)
            exact = True
        except Unsupported:
            top, total, exact, counts = _whoosh_search(searcher, parsed.query, limit, doc_filter, doc_counts)
        terms = _query_terms(searcher, parsed.query, expanded)
        hits = [
            _hit(searcher, searcher.stored_fields(docnum), score, lang, terms)
            for docnum, score in top[(page - 1) * pagelen : page * pagelen]
        ]
        suggestion = _suggest(searcher, parsed, lang, doc_filter) if total == 0 else None
        return SearchResults(
            query=parsed.text,
            hits=hits,
            total=total,
            page=min(page, max(1, -(-total // pagelen))),
            exact=exact,
            pagelen=pagelen,
            suggestion=suggestion,
            doc_counts=counts,
        )
