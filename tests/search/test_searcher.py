from __future__ import annotations


import pytest

from desktop.search.index import SearchIndex
from desktop.search.query import QueryError
from desktop.search.schema import paragraph_key
from desktop.search.searcher import lead, search, snippet
from desktop.search.analysis import french_analyzer


def record(doc: int, idx: int, fr: str, en: str = "", notes: str = "", title: str = "") -> dict:
    return {
        "key": paragraph_key(doc, idx), "doc": str(doc), "paragraph_id": doc * 100 + idx, "paragraph_index": idx,
        "title": title or f"Document {doc}", "fr": fr, "en": en, "notes": notes, "tags": "",
    }  # fmt: skip


DOCS = [
    [
        record(1, 0, "Mieux coopérer sur les migrations en Asie du Sud-Est.", "Better cooperation on migration in South-East Asia.", title="Brochure OIM"),
        record(1, 1, "L'immigration irrégulière et la sécurité des frontières.", "Irregular immigration and border security."),
        record(1, 2, "Les travailleurs migrants réguliers <et> leurs droits & devoirs.", "Regular migrant workers and their rights."),
    ],
    [
        record(2, 0, "Le Vietnam présente le bilan du Pacte mondial sur les migrations.", "Vietnam presents its review of the Global Compact."),
        record(2, 1, "La SÉCURITÉ publique et la coopération régionale.", "", notes="Demander les chiffres au ministère"),
    ],
    [record(3, i, f"Paragraphe {i} sur la gouvernance de la migration régulière.") for i in range(25)],
]


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> SearchIndex:
    ix = SearchIndex(tmp_path_factory.mktemp("search") / "index")
    ix.rebuild(iter(DOCS), len(DOCS))
    yield ix
    ix.close()


def where(result) -> list[tuple[int, int]]:
    return [(h.doc_id, h.paragraph_index) for h in result.hits]


@pytest.mark.parametrize("q", ["Sud-Est", "Asie du Sud-Est", "sud est", '"Asie du Sud-Est"', "« Asie du Sud-Est »", "d'Asie", "SudEst"])
def test_compounds_are_found_whole_and_by_parts(index: SearchIndex, q: str) -> None:
    assert where(search(index, q, lang="fr")) == [(1, 0)]


@pytest.mark.parametrize("q", ["immigration", "l'immigration", "L’IMMIGRATION", "immigrations"])
def test_elisions_case_and_inflections(index: SearchIndex, q: str) -> None:
    assert where(search(index, q, lang="fr")) == [(1, 1)]


def test_accents_fold_both_ways(index: SearchIndex) -> None:
    expected = {(1, 1), (2, 1)}
    for q in ("securite", "sécurité", "SÉCURITÉ"):
        assert set(where(search(index, q, lang="fr"))) == expected


def test_stemming_finds_other_forms(index: SearchIndex) -> None:
    assert (1, 2) in where(search(index, "régulière", lang="fr"))
    assert (1, 0) in where(search(index, "migration", lang="fr", pagelen=50))


def test_language_option_chooses_the_fields(index: SearchIndex) -> None:
    assert where(search(index, "border", lang="en")) == [(1, 1)]
    assert search(index, "border", lang="fr").total == 0
    assert where(search(index, "border")) == [(1, 1)]
    assert where(search(index, "ministère")) == [(2, 1)]  # notes are searched with `all`
    assert search(index, "ministère", lang="fr").total == 0


def test_snippets_mark_matches_in_the_language_where_they_are(index: SearchIndex) -> None:
    (hit,) = search(index, "border security", lang="all").hits
    assert hit.lang == "en"
    assert hit.snippet == "Irregular immigration and <b>border</b> <b>security</b>."
    (hit,) = search(index, "frontières").hits
    assert hit.lang == "fr" and "<b>frontières</b>" in hit.snippet
    (hit,) = search(index, "ministère").hits
    assert hit.lang == "notes" and "<b>ministère</b>" in hit.snippet


def test_snippets_escape_html(index: SearchIndex) -> None:
    (hit,) = search(index, "devoirs").hits
    assert "&lt;et&gt;" in hit.snippet and "&amp; <b>devoirs</b>" in hit.snippet


def test_a_title_only_match_shows_the_start_of_the_paragraph(index: SearchIndex) -> None:
    result = search(index, "brochure", lang="fr")
    assert where(result) == [(1, 0)]
    assert result.hits[0].snippet.startswith("Mieux coopérer")


def test_operators_prefix_and_fuzzy(index: SearchIndex) -> None:
    assert set(where(search(index, "frontières OR Vietnam"))) == {(1, 1), (2, 0)}
    assert (1, 1) not in where(search(index, "sécurité -frontières"))
    assert (2, 1) in where(search(index, "sécurité NOT frontières"))
    assert (2, 1) in where(search(index, "coopé*", lang="fr"))
    assert where(search(index, "imigration~", lang="fr"))[0] == (1, 1)
    assert where(search(index, "fr:frontières en:border")) == [(1, 1)]


def test_results_are_ranked_and_paged(index: SearchIndex) -> None:
    first = search(index, "gouvernance", page=1, pagelen=10)
    assert first.total == 25 and first.pages == 3 and len(first.hits) == 10
    scores = [h.score for h in first.hits]
    assert scores == sorted(scores, reverse=True)
    last = search(index, "gouvernance", page=3, pagelen=10)
    assert len(last.hits) == 5
    seen = {h.paragraph_index for p in (1, 2, 3) for h in search(index, "gouvernance", page=p, pagelen=10).hits}
    assert seen == set(range(25))


def test_filter_and_group_by_document(index: SearchIndex) -> None:
    result = search(index, "migrations", doc_counts=True)
    assert result.doc_counts[3] == 25 and result.doc_counts[1] >= 1
    assert {h.doc_id for h in search(index, "migrations", doc_id=2).hits} == {2}
    groups = result.by_document()
    assert [doc for doc, _, _ in groups] == list(dict.fromkeys(h.doc_id for h in result.hits))


def test_did_you_mean_offers_a_close_word_that_finds_something(index: SearchIndex) -> None:
    result = search(index, "frontieres imigration", lang="fr")
    assert result.total == 0
    assert result.suggestion == "frontieres immigration"
    assert search(index, result.suggestion, lang="fr").total >= 1
    assert search(index, "gouvernanse", lang="fr").suggestion == "gouvernance"
    assert search(index, "xylophone").suggestion is None
    assert search(index, "migration").suggestion is None  # only when nothing is found


def test_json_fields(index: SearchIndex) -> None:
    data = search(index, "Vietnam").hits[0].as_json()
    assert set(data) == {"doc_id", "title", "paragraph_id", "paragraph_index", "lang", "snippet", "score"}
    assert data["paragraph_id"] == 200 and data["title"] == "Document 2"


def test_bad_queries_raise_query_error(index: SearchIndex) -> None:
    for q in ("*", "(", '"'):
        with pytest.raises(QueryError):
            search(index, q)
    with pytest.raises(QueryError):
        search(index, "migration", page=0)


def test_snippet_window_and_lead() -> None:
    text = ("mot " * 100) + "migration " + ("mot " * 100)
    s = snippet(text, french_analyzer(), {"migrat"}, maxchars=80)
    assert s.startswith("…") and s.endswith("…") and "<b>migration</b>" in s
    assert len(s.replace("<b>", "").replace("</b>", "")) <= 82
    assert snippet("rien ici", french_analyzer(), {"migrat"}) is None
    assert lead("a b", 10) == "a b" and lead("un deux trois quatre", 10).endswith("…")


def test_whoosh_fallback_counts_stop_at_the_cap(index: SearchIndex, monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop.search import searcher
    from desktop.search.scoring import Unsupported

    def unsupported(*args, **kwargs):
        raise Unsupported("test")

    monkeypatch.setattr(searcher, "_vector_search", unsupported)
    monkeypatch.setattr(searcher, "COUNT_CAP", 10)
    capped = search(index, "gouvernance", pagelen=5)
    assert (capped.total, capped.exact, len(capped.hits)) == (10, False, 5)
    small = search(index, "gouvernance", pagelen=30)
    assert (small.total, small.exact) == (25, True)
    assert search(index, "migrations", doc_id=1, pagelen=1).total == 1
    assert search(index, "migrations", doc_counts=True).doc_counts[3] == 25


@pytest.mark.parametrize(
    "q",
    ["migration", "migrations régulière", "sécurité OR frontières", "sécurité -frontières", "sécurité NOT publique",
     "coopé*", "imigration~", '"migration régulière"', "fr:gouvernance en:border", "Sud-Est", "Paragraphe 12"],
)  # fmt: skip
def test_vectorised_scoring_ranks_like_whoosh(index: SearchIndex, q: str) -> None:
    from desktop.search.query import parse
    from desktop.search.scoring import VectorSearch

    with index.searcher() as s:
        parsed = parse(q, s.schema).query
        ours, mask = VectorSearch(s).search(parsed, 50)
        theirs = s.search(parsed, limit=50)
        assert int(mask.sum()) == len(theirs)
        assert {d for d, _ in ours} == {h.docnum for h in theirs}
        if not any(c in q for c in '"*~'):  # phrases, prefix and fuzzy terms score differently
            assert [d for d, _ in ours] == [h.docnum for h in theirs]
            assert [round(x, 4) for _, x in ours] == [round(h.score, 4) for h in theirs]


@pytest.mark.parametrize("doc_counts", [False, True])
@pytest.mark.parametrize("pagelen", [1, 5, 50])
@pytest.mark.parametrize(
    "q", ["migration", "gouvern*", "migrasion~", '"migration régulière"', "migration ANDMAYBE paragraphe", "migration OR sécurité"]
)  # fmt: skip
def test_the_total_under_a_document_filter_counts_that_document_only(
    index: SearchIndex, q: str, pagelen: int, doc_counts: bool
) -> None:
    everywhere = search(index, q, pagelen=200)
    in_doc = [h for h in everywhere.hits if h.doc_id == 3]
    assert 0 < len(in_doc) <= everywhere.total
    result = search(index, q, doc_id=3, pagelen=pagelen, doc_counts=doc_counts)
    assert result.total == len(in_doc)  # not the whole library's (the first searcher's bug)
    assert result.exact
    assert result.pages == -(-len(in_doc) // pagelen)
    assert {h.doc_id for h in result.hits} == {3}
