from __future__ import annotations

import math

import pytest

from desktop.translation import word_scores as ws
from desktop.translation.backend import WordScore


def test_pieces_make_words_placed_on_the_text() -> None:
    text = "The « council » said: l’OIM"
    pieces = ["▁The", "▁", "«", "▁c", "oun", "cil", "▁»", "▁said", ":", "▁l", "’", "OIM"]
    lps = [-0.1, -1.0, -3.0, -0.2, -0.4, -0.6, -0.5, -0.3, -0.7, -2.0, -1.0, -3.0]
    words = ws.word_scores(text, pieces, lps)
    assert [text[w.start : w.end] for w in words] == ["The", "«", "council", "»", "said:", "l’OIM"]
    assert [round(w.score, 3) for w in words] == [-0.1, -2.0, -0.4, -0.5, -0.5, -2.0]


def test_normalised_spaces_keep_the_shown_offsets() -> None:
    text = "deux\u00a0mots  ici"  # a no-break space and a double space, as SentencePiece normalises them away
    words = ws.word_scores(text, ["▁deux", "▁mots", "▁ici"], [-1.0, -2.0, -3.0])
    assert [(text[w.start : w.end], w.score) for w in words] == [("deux", -1.0), ("mots", -2.0), ("ici", -3.0)]


def test_a_word_count_mismatch_places_what_it_finds() -> None:
    words = ws.word_scores("vingt-et-un ans", ["▁vingt", "▁-", "et", "-", "un", "▁ans"], [-1.0] * 6)
    assert [(w.start, w.end) for w in words][-1] == (12, 15)


def test_dump_and_load_round_trip() -> None:
    words = (WordScore(0, 3, -0.123456), WordScore(4, 9, -2.5))
    assert ws.load(ws.dump(words)) == (WordScore(0, 3, -0.1235), WordScore(4, 9, -2.5))
    assert ws.dump(None) is None and ws.load(None) is None and ws.load("[]") == ()
    assert ws.probability(None) is None
    assert ws.probability(math.log(0.25)) == pytest.approx(0.25)
