"""The backend contract, checked on the local engine (a LibreTranslate backend passes the same)."""

from __future__ import annotations

import pytest

from desktop.translation import backend as be
from desktop.translation.engine import create_engine


def test_engine_is_a_backend(installed_tiny_model) -> None:
    engine = create_engine(installed_tiny_model)
    assert isinstance(engine, be.TranslationBackend)
    assert engine.model_id == installed_tiny_model.model_id
    assert "fr→en" in engine.description and installed_tiny_model.version in engine.description
    assert engine.limits.max_input_tokens == 512  # the tiny model's positions


def test_submit_gives_one_result_per_sentence_in_order(installed_tiny_model) -> None:
    engine = create_engine(installed_tiny_model)
    sentences = ["Le pacte mondial.", "  ", "La migration est un fait.", "Le pacte mondial."]
    results = be.translate(engine, sentences)
    assert [r.failed for r in results] == [False] * 4
    assert results[1] == be.SentenceResult()  # blank: no work, no score
    assert results[0].text and results[0].text == results[3].text
    assert results[2].text != results[0].text
    for r in (results[0], results[2]):
        assert r.score is not None and r.score < 0  # mean log-prob per token
    assert engine.translate(sentences) == [r.text for r in results]


def test_a_sentence_longer_than_the_model_fails_alone(installed_tiny_model) -> None:
    engine = create_engine(installed_tiny_model)
    long = " ".join(["la coopération internationale en matière de migration"] * 200)
    assert not engine.fits(long) and engine.fits("Bonjour.")
    results = be.translate(engine, ["Bonjour.", long, "Merci."])
    assert [r.failed for r in results] == [False, True, False]
    assert "too long" in results[1].error and results[1].text == ""
    assert results[0].text and results[2].text
    assert engine.alternatives(long) == []


def test_result_failure_helper() -> None:
    r = be.SentenceResult.failure("server said no")
    assert r.failed and r.error == "server said no" and r.text == "" and r.score is None
    assert not be.SentenceResult("hi").failed


@pytest.mark.parametrize("name", ["model_id", "description", "limits", "replicas", "sentences_translated"])
def test_protocol_names_what_jobs_use(name: str) -> None:
    assert name in dir(be.TranslationBackend)
