from __future__ import annotations

import pickle

import pytest

from desktop.search.analysis import english_analyzer, fold, french_analyzer, french_stem, terms

FR = french_analyzer()
EN = english_analyzer()


def fr(text: str) -> list[str]:
    return terms(FR, text)


def same_terms(a: str, b: str, analyzer=FR) -> bool:
    return terms(analyzer, a, query=True) == terms(analyzer, b, query=True) != []


@pytest.mark.parametrize("text, word", [("l'immigration", "immigration"), ("d'Asie", "Asie"), ("d’Asie", "Asie"), ("l’OIM", "OIM"), ("qu'elle", "elle")])
def test_elisions_split_and_the_clitic_is_dropped(text: str, word: str) -> None:
    assert terms(FR, text, query=True) == terms(FR, word, query=True)


def test_case_and_accent_folding_before_stemming() -> None:
    assert fr("securite") == fr("sécurité") == fr("SÉCURITÉ") == fr("Sécurités")
    assert fr("maître") == fr("maitre") == fr("MAÎTRES")
    assert fold("Œuvre à l'ÉTÉ") == "oeuvre a l'ete"


@pytest.mark.parametrize(
    "a, b",
    [
        ("migrations", "migration"),
        ("régulière", "réguliers"),
        ("régulières", "regulier"),
        ("adoptées", "adopté"),
        ("créées", "créé"),
        ("étrangère", "étrangers"),
        ("régionaux", "régionale"),
    ],
)
def test_french_stemming_merges_inflections(a: str, b: str) -> None:
    assert same_terms(a, b)


def test_different_words_keep_different_stems() -> None:
    assert french_stem(fold("coopération")) != french_stem(fold("corporation"))
    assert fr("migration") != fr("mitigation")


def test_french_stop_words_are_dropped() -> None:
    assert fr("les migrations de la région et des pays") == fr("migrations région pays")
    assert fr("le la les du de des à et") == []


def test_english_analysis_stems_and_drops_stop_words() -> None:
    assert terms(EN, "The migrations of workers") == terms(EN, "migration worker")
    assert same_terms("countries", "country", EN)
    assert same_terms("IOM's", "IOM", EN)
    assert same_terms("Résumé", "resume", EN)


def test_compounds_index_their_parts_and_the_whole() -> None:
    tokens = [(t.text, t.pos) for t in FR("Asie du Sud-Est", positions=True)]
    assert tokens == [("asi", 0), ("sud", 1), ("est", 2), ("sudest", 1)]
    # At query time a compound is its parts (the field makes them a phrase);
    # a compound part is never a stop word (`est`).
    assert terms(FR, "Sud-Est", query=True) == ["sud", "est"]
    assert "sudest" in fr("parties Sud-Est") and fr("SudEst") == ["sudest"]


def test_stop_words_take_no_position() -> None:
    positions = [t.pos for t in FR("la gestion de la migration", positions=True)]
    assert positions == [0, 1]


def test_character_offsets_point_at_the_words() -> None:
    text = "Dans l'Asie du Sud-Est, la sécurité"
    found = {t.text: text[t.startchar : t.endchar] for t in FR(text, chars=True, mode="query")}
    assert found == {"asi": "Asie", "sud": "Sud", "est": "Est", "securit": "sécurité"}


def test_spans_match_the_analysis() -> None:
    text = "La sécurité en Asie du Sud-Est; l'immigration."
    spans = FR.spans(text, frozenset({"securit", "sud", "est", "immigr"}))
    assert [text[a:b] for a, b in spans] == ["sécurité", "Sud-Est", "immigration"]
    assert [text[a:b] for a, b in FR.spans(text, frozenset({"sud"}))] == ["Sud"]


def test_prefix_mode_folds_without_stemming() -> None:
    assert [t.text for t in FR("Sécu", tokenize=False, no_morph=True)] == ["secu"]
    assert [t.text for t in FR("migrations", tokenize=False)] == ["migrat"]


def test_analyzers_survive_pickling() -> None:
    # Whoosh stores the schema, analyzers included, pickled in the index.
    again = pickle.loads(pickle.dumps(FR))
    assert again == FR and again != EN
    assert terms(again, "migrations") == fr("migrations")


@pytest.mark.parametrize("analyzer", [FR, EN], ids=["fr", "en"])
def test_fast_positions_equal_the_token_stream(analyzer) -> None:
    from whoosh.formats import Positions

    from desktop.search.analysis import FastPositions

    text = "L'Asie du Sud-Est, la sécurité ; l’OIM et les MIGRATIONS régulières. Œuvre 2025-10-14 sud-sud."
    fast_format = FastPositions()
    slow = sorted((w, f, wt, Positions().decode_positions(v)) for w, f, wt, v in Positions().word_values(text, analyzer, mode="index"))
    fast = sorted((w, f, wt, fast_format.decode_positions(v)) for w, f, wt, v in fast_format.word_values(text, analyzer, mode="index"))
    assert fast == slow and len(fast) > 8


TRICKY = [
    "Asie du Sud-Est, l'OIM et le Sud‐Est ; -est est- x-est",
    "a-a a-a-a re-re sud-sud-est sudest Sud-Est 2025-10-14",
    "Migration/migration, MIGRATIONS (migrations) migrationsx _migration migration_ migration2",
    "L’IMMIGRATION d'Asie -- la la les",
    "",
]


@pytest.mark.parametrize("analyzer", [FR, EN], ids=["fr", "en"])
@pytest.mark.parametrize("text", TRICKY)
def test_index_tokens_give_the_same_postings_as_positions(analyzer, text: str) -> None:
    tokens, positions = analyzer.index_tokens(text)
    positions = list(range(len(tokens))) if positions is None else positions
    assert positions == sorted(positions)  # the bulk writer relies on it
    found: dict[str, list[int]] = {}
    for term, pos in zip(tokens, positions):
        found.setdefault(term, []).append(pos)
    assert found == {term: sorted(p) for term, p in analyzer.positions(text).items()}


@pytest.mark.parametrize("analyzer", [FR, EN], ids=["fr", "en"])
@pytest.mark.parametrize("text", TRICKY)
def test_fast_spans_match_the_word_by_word_analysis(analyzer, text: str) -> None:
    every = set(terms(analyzer, text))
    for wanted in [every, {"migrat"}, {"sud", "est"}, {"sudest"}, {"immigr", "asi"}, {"a"}, set()]:
        assert analyzer.spans(text, frozenset(wanted)) == analyzer._spans(text, frozenset(wanted)), wanted


def test_spans_never_mark_part_of_a_longer_word() -> None:
    text = "migrations migrationsx xmigration migration_ migration"
    assert [text[a:b] for a, b in FR.spans(text, frozenset({"migrat"}))] == ["migrations", "migration"]
    text = "une xmigration, une x-migration"  # a compound's matching part is marked
    assert [(a, text[a:b]) for a, b in FR.spans(text, frozenset({"migrat"}))] == [(22, "migration")]
