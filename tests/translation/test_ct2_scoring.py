"""Scores and continuations from the local engine, on the real (random-weight) test models."""

from __future__ import annotations

import pytest

from desktop.translation import ct2_scoring, packages
from desktop.translation.engine import create_engine, mean_log_prob
from tests.tiny_model import build_package

SENTENCES = [
    "La commission a adopté le rapport du conseil.",
    "Le pacte mondial sur les migrations est important pour le Viet Nam.",
    "Les partenariats sont salutaires pour les pays d'origine, de transit et d'accueil.",
]


@pytest.fixture(scope="module")
def prefixed_model_file(tmp_path_factory):
    return build_package(tmp_path_factory.mktemp("prefixed") / "p.argosmodel", seed=99, extra_metadata={"target_prefix": "▁de"})


@pytest.mark.parametrize("kind", ["plain", "target-prefix"])
def test_translation_scores_are_what_score_batch_gives(kind, installed_tiny_model, prefixed_model_file, tmp_path) -> None:
    model = installed_tiny_model
    if kind == "target-prefix":
        model = packages.install_model_file(prefixed_model_file, tmp_path / "prefixed")
    engine = create_engine(model)
    results = engine.submit(SENTENCES)()
    scored = engine.score([(s, r.text) for s, r in zip(SENTENCES, results)])
    for r, s in zip(results, scored):
        assert [r.text[w.start : w.end] for w in s.words] == r.text.split()
        assert all(w.score < 0 for w in s.words)
    # The beam search's score, normalised, is the mean log-prob of the tokens it wrote (what
    # a forced pass over those same tokens gives).
    prefix = engine.prefix_tokens()
    for sentence, r in zip(SENTENCES, results):
        tokens = engine.tokenize(sentence)
        res = engine._run([tokens], 1, engine.beam_size)[0]
        hyp = res.hypotheses[0]
        forced = engine.translator.score_batch([tokens], [hyp], offset=len(prefix))[0].log_probs
        assert r.score == pytest.approx(sum(forced) / len(forced), abs=1e-3)


def test_mean_log_prob() -> None:
    # cumulative -12 over 5 tokens + </s>, length penalty 1: CTranslate2 reports -12 / 6
    assert mean_log_prob(-2.0, 5, 1.0) == pytest.approx(-2.0)
    assert mean_log_prob(-12 / 6**0.2, 5, 0.2) == pytest.approx(-2.0)
    assert mean_log_prob(-10 / 6**0.2, 5, 0.2, prefix_length=1) == pytest.approx(-2.0)  # prefix not generated


def test_any_text_can_be_scored(installed_tiny_model) -> None:
    engine = create_engine(installed_tiny_model)
    mine, machine = engine.score([(SENTENCES[0], "The commission adopted the council's report."), (SENTENCES[0], engine.translate(SENTENCES[:1])[0])])
    assert [mine.text[w.start : w.end] for w in mine.words] == ["The", "commission", "adopted", "the", "council's", "report."]
    assert machine.score > mine.score  # the model prefers its own output
    assert engine.score([("", "x"), ("x", " ")]) == [None, None]
    assert engine.score([(" ".join(["mot"] * 600), "word")]) == [None]  # longer than the model reads


def test_word_alternatives_keep_the_prefix_and_differ_after_it(installed_tiny_model, monkeypatch) -> None:
    engine = create_engine(installed_tiny_model)
    best = engine.translate(SENTENCES[:1])[0]
    prefix = " ".join(best.split()[:2])
    # The random model is unsure everywhere (~1 % per token): with the default floor only
    # the best continuation is worth showing; without it, several.
    assert len(engine.alternatives(SENTENCES[0], 4, prefix=prefix)) == 1
    monkeypatch.setattr(ct2_scoring, "MIN_ALTERNATIVE_PROB", 0.0)
    alts = engine.alternatives(SENTENCES[0], 4, prefix=prefix)
    assert 2 <= len(alts) <= 4 and len(set(alts)) == len(alts)
    assert all(a.startswith(prefix + " ") for a in alts)
    nexts = [a[len(prefix) :].split()[0] for a in alts]
    assert len(set(nexts)) == len(nexts)  # each goes on with another word
    assert engine.alternatives(SENTENCES[0], 100) and len(engine.alternatives(SENTENCES[0], 100)) <= 8
