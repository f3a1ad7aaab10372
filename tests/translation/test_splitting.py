"""Over-long sentences are cut at French clause boundaries, translated in parts and joined."""

from __future__ import annotations

import pytest

from desktop.translation import backend as be
from desktop.translation.engine import create_engine
from desktop.translation.splitting import join_results, split_to_fit, submit_split
from tests.long_sentences import debris, long_sentence


def chars(limit: int):
    return lambda text: len(text.strip()) <= limit


def test_pieces_rebuild_the_sentence_and_each_fits() -> None:
    text = long_sentence()
    pieces = split_to_fit(text, chars(300))
    assert "".join(pieces) == text
    assert len(pieces) >= 10 and all(len(p.strip()) <= 300 for p in pieces)


def test_semicolons_first_then_colons_then_commas_before_conjunctions() -> None:
    text = "Le conseil a siégé, puis il a voté, et la séance fut levée ; les délégués sont partis : ils reviendront demain."
    assert split_to_fit(text, chars(70)) == [
        "Le conseil a siégé, puis il a voté, et la séance fut levée ; ",
        "les délégués sont partis : ils reviendront demain.",
    ]
    # Too long at the semicolon: the comma before "et" goes before a bare comma.
    assert split_to_fit("Le conseil a siégé, puis il a voté, et la séance fut levée.", chars(40)) == [
        "Le conseil a siégé, puis il a voté, ",
        "et la séance fut levée.",
    ]


def test_neighbouring_parts_are_merged_while_they_fit() -> None:
    text = "un ; deux ; trois ; quatre ; cinq ; six"
    assert split_to_fit(text, chars(20)) == ["un ; deux ; trois ; ", "quatre ; cinq ; six"]


def test_fitting_text_is_left_whole() -> None:
    assert split_to_fit("Bonjour ; merci.", chars(100)) == ["Bonjour ; merci."]


def test_text_without_punctuation_is_cut_between_words() -> None:
    text = debris()
    pieces = split_to_fit(text, chars(200))
    assert "".join(pieces) == text and all(len(p.strip()) <= 200 for p in pieces)
    assert all(p.endswith(" ") for p in pieces[:-1])  # never inside a word


def test_a_word_longer_than_the_limit_is_cut_into_halves() -> None:
    word = "x" * 500
    pieces = split_to_fit(f"avant {word} après", chars(100))
    assert "".join(pieces) == f"avant {word} après" and all(len(p.strip()) <= 100 for p in pieces)


def test_join_results() -> None:
    a = be.SentenceResult("Hello world", -1.0, (be.WordScore(0, 5, -0.5), be.WordScore(6, 11, -1.5)))
    b = be.SentenceResult("again", -3.0, (be.WordScore(0, 5, -3.0),))
    joined = join_results([a, b])
    assert joined.text == "Hello world again"
    assert joined.score == pytest.approx((-1.0 * 11 - 3.0 * 5) / 16)
    assert [joined.text[w.start : w.end] for w in joined.words] == ["Hello", "world", "again"]
    assert join_results([a, be.SentenceResult("x")]).words is None  # unscored part: no word marks
    failed = join_results([a, be.SentenceResult.failure("rejected")])
    assert failed.failed and failed.error == "part 2 of 2: rejected"


def test_a_3000_character_sentence_is_translated_with_a_64_position_model(installed_short_model) -> None:
    engine = create_engine(installed_short_model)
    assert engine.limits.max_input_tokens == 64
    text = long_sentence()
    assert len(text) >= 3000 and not engine.fits(text)
    alone = engine.submit([text])()
    assert alone[0].failed and "too long" in alone[0].error  # the engine alone refuses it
    results = submit_split(engine, ["Bonjour.", text, debris(), ""])()
    assert [r.failed for r in results] == [False] * 4
    assert results[1].text and results[2].text and results[3] == be.SentenceResult()
    assert results[1].score is not None
    # Many parts, each translated: the joined English is much longer than one part's.
    assert len(results[1].text) > 10 * len(results[0].text)
