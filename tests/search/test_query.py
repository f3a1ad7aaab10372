from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from whoosh import query as wq

from desktop.search.query import QueryError, normalize, parse
from desktop.search.schema import build_schema

SCHEMA = build_schema()


def q(text: str, lang: str = "all") -> str:
    return str(parse(text, SCHEMA, lang).query)


def test_words_are_anded_over_the_language_fields() -> None:
    assert q("migration sécurité", "fr") == "((title:migrat OR fr:migrat) AND (title:securit OR fr:securit))"
    assert q("migration", "en") == "en:migrat"
    assert q("migration") == "(title:migrat OR fr:migrat OR en:migrat OR notes:migrat)"


def test_phrases_with_ascii_quotes_and_guillemets() -> None:
    assert q('"Asie du Sud-Est"', "fr") == q("« Asie du Sud-Est »", "fr") == '(title:"asi sud est" OR fr:"asi sud est")'
    assert q("“sécurité publique”", "fr") == '(title:"securit publiqu" OR fr:"securit publiqu")'


def test_a_compound_is_a_phrase_of_its_parts() -> None:
    assert q("Sud-Est", "fr") == '(title:"sud est" OR fr:"sud est")'


def test_or_not_minus_and_french_operators() -> None:
    assert q("migration OR asile", "fr") == q("migration OU asile", "fr")
    assert "ANDNOT" in q("migration -asile", "fr")
    assert "NOT" in q("migration NOT asile", "fr") and "NOT" in q("migration SAUF asile", "fr")


def test_prefix_is_folded_not_stemmed_and_fuzzy_is_stemmed() -> None:
    assert q("Sécu*", "fr") == "(title:secu* OR fr:secu*)"
    parsed = parse("migrasion~", SCHEMA, "fr").query
    fuzzy = [leaf for leaf in parsed.leaves() if isinstance(leaf, wq.FuzzyTerm)]
    assert fuzzy and all(f.text == "migras" and f.maxdist == 1 for f in fuzzy)
    assert "~2" in q("migrasion~2", "fr")


def test_field_restriction_and_aliases() -> None:
    assert q("fr:migration en:security") == "(fr:migrat AND en:secur)"
    assert q("notes:urgent") == q("note:urgent") == "notes:urgent"
    assert q("anglais:security") == "en:secur"
    assert q("tags:Urgent") == "tags:urgent"
    # An unknown "word:" is text, not an error.
    assert q("Remarque: migration", "fr") == "((title:remarqu OR fr:remarqu) AND (title:migrat OR fr:migrat))"


def test_elisions_and_hyphens_are_not_operators() -> None:
    assert q("l'OIM", "fr") == "(title:oim OR fr:oim)"
    assert "NOT" not in q("Sud-Est")


def test_a_stop_word_of_one_language_is_not_required_in_the_other() -> None:
    # `du` is French for "of the": with both languages it must not become a required English word.
    assert "du" not in q("Asie du Sud-Est")
    assert "the" not in q("the migration")


@pytest.mark.parametrize("text", ["(", ")", '"', "*", "~", "« »", "   ", "", "-", "?", "((", "*:*"])
def test_inputs_without_words_get_a_clear_message(text: str) -> None:
    with pytest.raises(QueryError, match="word"):
        parse(text, SCHEMA)


def test_only_common_words_or_only_exclusions_get_a_clear_message() -> None:
    with pytest.raises(QueryError, match="too common"):
        parse("le la les", SCHEMA, "fr")
    with pytest.raises(QueryError, match="exclude"):
        parse("-migration", SCHEMA)
    with pytest.raises(QueryError, match="before"):
        parse("migration *a", SCHEMA)


def test_unbalanced_quotes_and_brackets_are_repaired() -> None:
    assert q('"Asie du Sud', "fr") == '(title:"asi sud" OR fr:"asi sud")'
    assert q("(migration OR asile", "fr") == q("migration OR asile", "fr")
    assert q("migration)", "fr") == q("migration", "fr")


def test_unknown_language_is_refused() -> None:
    with pytest.raises(QueryError, match="fr, en or all"):
        parse("migration", SCHEMA, "de")


def test_normalize_keeps_the_words() -> None:
    assert normalize("«\u00a0sécurité\u00a0» OU titre:Asie") == '"sécurité" OR title:Asie'


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab é'’«»\"()*~-:+^[]{}?!OR AND NOT fr en notes")), max_size=30))
def test_any_input_gives_a_query_or_a_query_error(text: str) -> None:
    try:
        parsed = parse(text, SCHEMA)
    except QueryError as exc:
        assert str(exc)
    else:
        assert isinstance(parsed.query, wq.Query)
