from __future__ import annotations

from pathlib import Path

import pytest

from desktop.library.segmentation import split_sentences
from desktop.translation import engine as eng
from desktop.translation import packages
from tests.tiny_model import SEEDS, build_package


def seed_sentences(limit: int = 60) -> list[str]:
    text = (SEEDS / "gfmd-table-ronde-1-partenariats-migration-developpement.txt").read_text(encoding="utf-8")
    out = []
    for para in text.split("\n\n"):
        para = " ".join(para.split())
        out += [para[a:b] for a, b in split_sentences(para)] if para else []
    return out[:limit]


class _OneSentence:
    """Argos's sentence splitter replaced: the input is already one sentence."""

    def split_sentences(self, text: str) -> list[str]:
        return [text]


def argos_translate(model: packages.ModelInfo, sentences: list[str], compute_type: str) -> list[str]:
    import ctranslate2
    from argostranslate.package import Package
    from argostranslate.translate import apply_packaged_translation

    pkg = Package(model.path)
    translator = ctranslate2.Translator(str(model.path / "model"), device="cpu", compute_type=compute_type)
    return [apply_packaged_translation(pkg, s, translator, _OneSentence(), 1)[0].value for s in sentences]


@pytest.fixture(scope="module")
def prefixed_model_file(tmp_path_factory) -> Path:
    return build_package(
        tmp_path_factory.mktemp("prefixed") / "p.argosmodel", seed=99, extra_metadata={"target_prefix": "▁de"}
    )


@pytest.mark.parametrize("kind", ["plain", "target-prefix"])
def test_same_output_as_argos(kind: str, installed_tiny_model, prefixed_model_file: Path, tmp_path: Path) -> None:
    model = installed_tiny_model
    if kind == "target-prefix":
        model = packages.install_model_file(prefixed_model_file, tmp_path / "prefixed")
        assert model.target_prefix == "▁de"
    sentences = seed_sentences()
    engine = eng.create_engine(model)
    ours = engine.translate(sentences)
    assert len(set(ours)) > len(sentences) // 2  # the tiny model does depend on its input
    assert ours == argos_translate(model, sentences, engine.compute_type)


def test_submitted_batches_run_queued_on_every_replica(installed_tiny_model) -> None:
    sentences = seed_sentences()
    one = eng.create_engine(installed_tiny_model, threads=2, replicas=1)
    two = eng.create_engine(installed_tiny_model, threads=2, replicas=2)
    assert (one.replicas, two.replicas, two.translator.num_translators) == (1, 2, 2)
    expected = one.translate(sentences)
    # Several batches handed over at once, read back in any order: each gets its own
    # sentences back, in order, whichever replica decoded which part.
    waits = [two.submit(sentences[i : i + 7]) for i in range(0, len(sentences), 7)]
    got = [r.text for wait in reversed(waits) for r in reversed(wait())][::-1]
    assert got == expected
    assert two.sentences_translated == len(sentences)


def test_replicas_default_to_one_per_thread(installed_tiny_model, monkeypatch) -> None:
    assert eng.create_engine(installed_tiny_model, threads=3).replicas == 3
    assert eng.create_engine(installed_tiny_model, threads=1, replicas=4).replicas == 1  # never more than threads
    monkeypatch.setenv("GLOSE_TRANSLATION_REPLICAS", "1")
    engine = eng.create_engine(installed_tiny_model, threads=2)
    assert (engine.replicas, engine.translator.num_translators) == (1, 1)


def test_detokenize_like_argos(installed_tiny_model) -> None:
    from argostranslate.package import Package

    tok = Package(installed_tiny_model.path).tokenizer
    pieces = tok.encode("Le pacte mondial")
    assert eng.argos_detokenize(tok, pieces, "") == "Le pacte mondial"
    # The target prefix is removed, then one leading space.
    assert eng.argos_detokenize(tok, pieces, "Le") == "pacte mondial"
    assert eng.argos_detokenize(tok, pieces, "Xy") == "Le pacte mondial"


def test_blank_sentences_skip_the_model(installed_tiny_model) -> None:
    engine = eng.create_engine(installed_tiny_model)
    out = engine.translate(["", "  ", "Bonjour."])
    assert out[:2] == ["", ""] and out[2]
    assert engine.sentences_translated == 1
    assert engine.translate([]) == []


def test_alternatives(installed_tiny_model) -> None:
    engine = eng.create_engine(installed_tiny_model)
    sentence = seed_sentences(5)[3]
    alts = engine.alternatives(sentence, 4)
    assert 1 < len(alts) <= 4 and len(set(alts)) == len(alts)
    assert alts[0] == engine.translate([sentence])[0]
    assert engine.alternatives("   ") == []


def test_load_engine_once_per_process(installed_tiny_model) -> None:
    a = eng.load_engine(installed_tiny_model)
    assert eng.load_engine(installed_tiny_model) is a
    assert a.threads == eng.cpu_threads()
    assert a.compute_type in ("int8", "default")
    eng.unload_engines()
    assert eng.load_engine(installed_tiny_model) is not a


def test_unloadable_model_gives_a_clear_error(installed_tiny_model) -> None:
    (installed_tiny_model.path / "model" / "model.bin").write_bytes(b"broken")
    with pytest.raises(packages.ModelError, match="reinstall"):
        eng.create_engine(installed_tiny_model)


def test_beam_size_setting(installed_tiny_model, monkeypatch) -> None:
    assert eng.create_engine(installed_tiny_model).beam_size == 4  # Argos's
    monkeypatch.setenv("GLOSE_BEAM_SIZE", "2")
    assert eng.create_engine(installed_tiny_model).beam_size == 2
    assert eng.create_engine(installed_tiny_model, beam_size=1).beam_size == 1
    monkeypatch.setenv("GLOSE_BEAM_SIZE", "lots")
    assert eng.create_engine(installed_tiny_model).beam_size == 4
