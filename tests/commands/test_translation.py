from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def packages_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "argos-packages"
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(path))
    return path


def test_without_a_model(data_dir: Path, seeds_dir: Path, packages_dir: Path, capsys) -> None:
    d = ["--data-dir", str(data_dir)]
    assert run(capsys, *d, "import", str(seeds_dir))[0] == 0
    code, out, err = run(capsys, *d, "translate", "--all")
    assert code == 1
    assert "fr→en" in err and "glose models download fr en" in err and "glose models install FILE" in err
    code, out, _ = run(capsys, *d, "models", "list", "--json")
    assert code == 0 and json.loads(out) == []
    # Everything else still works.
    code, out, _ = run(capsys, *d, "show", "1", "--json")
    assert code == 0 and json.loads(out)["paragraphs"][0]["sentences"][0]["translation"] is None


def test_models_translate_show_post_edit_alternatives(
    data_dir: Path, seeds_dir: Path, packages_dir: Path, tiny_model_file: Path, capsys
) -> None:
    d = ["--data-dir", str(data_dir)]
    code, out, _ = run(capsys, *d, "models", "install", str(tiny_model_file))
    assert code == 0 and out.startswith("installed translate-fr_en 1.0")
    code, out, _ = run(capsys, *d, "models", "install", str(tiny_model_file))
    assert code == 0 and "already installed" in out
    code, out, _ = run(capsys, *d, "models", "list", "--json")
    [model] = json.loads(out)
    assert (model["name"], model["from"], model["to"], model["version"]) == ("translate-fr_en", "fr", "en", "1.0")
    assert model["size_bytes"] > 0

    run(capsys, *d, "import", str(seeds_dir))
    code, out, err = run(capsys, *d, "translate", "1")
    assert code == 0 and "translated" in out
    code, out, _ = run(capsys, *d, "show", "1", "--json")
    sentences = [s for p in json.loads(out)["paragraphs"] for s in p["sentences"]]
    assert all(s["translation"] and s["translation_source"] == "mt" for s in sentences)
    assert {s["model"] for s in sentences} == {"translate-fr_en@1.0"}

    assert run(capsys, *d, "post-edit", "1", "2", "My own translation.")[0] == 0
    code, out, _ = run(capsys, *d, "show", "1", "--json")
    s2 = [s for p in json.loads(out)["paragraphs"] for s in p["sentences"]][2]
    assert (s2["translation"], s2["translation_source"], s2["model"]) == ("My own translation.", "human", None)
    assert run(capsys, *d, "post-edit", "1", "2", "--revert")[0] == 0
    code, out, _ = run(capsys, *d, "show", "1", "--json")
    reverted = [s for p in json.loads(out)["paragraphs"] for s in p["sentences"]][2]
    assert reverted["translation_source"] == "mt"

    code, out, _ = run(capsys, *d, "alternatives", "1", "2", "--json")
    alts = json.loads(out)
    assert code == 0 and 1 <= len(alts) <= 4 and alts[0] == reverted["translation"]
    code, _, err = run(capsys, *d, "alternatives", "1", "9999")
    assert code == 2 and "no sentence 9999" in err

    code, out, _ = run(capsys, *d, "models", "remove", "translate-fr_en")
    assert code == 0 and "removed" in out
    code, _, err = run(capsys, *d, "models", "remove", "translate-fr_en")
    assert code == 1 and "no installed model" in err


def test_install_refuses_a_bad_file(data_dir: Path, packages_dir: Path, tmp_path: Path, capsys) -> None:
    bad = tmp_path / "model.argosmodel"
    bad.write_text("nope", encoding="utf-8")
    code, _, err = run(capsys, "--data-dir", str(data_dir), "models", "install", str(bad))
    assert code == 1 and str(bad) in err and "not a zip" in err
    assert not packages_dir.exists() or list(packages_dir.iterdir()) == []


def test_glossary_commands(data_dir: Path, capsys) -> None:
    d = ["--data-dir", str(data_dir)]
    code, out, _ = run(capsys, *d, "glossary", "add", "OMS", "WHO", "--note", "World Health Organization")
    term_id = int(out.split("(id ")[1].split(";")[0])
    code, out, _ = run(capsys, *d, "glossary", "list", "--json")
    assert {"id": term_id, "source_term": "OMS", "target_term": "WHO", "note": "World Health Organization"} in json.loads(out)
    assert run(capsys, *d, "glossary", "remove", str(term_id))[0] == 0


def _sentences(out: str) -> list[dict]:
    return [s for p in json.loads(out)["paragraphs"] for s in p["sentences"]]


def test_translate_a_3000_character_sentence(data_dir: Path, packages_dir: Path, short_model_file: Path, tmp_path: Path, capsys) -> None:
    from tests.long_sentences import debris, long_sentence

    d = ["--data-dir", str(data_dir)]
    assert run(capsys, *d, "models", "install", str(short_model_file))[0] == 0  # 64 positions
    source = tmp_path / "longue-phrase.txt"
    source.write_text(f"Une phrase courte.\n\n{long_sentence()}\n\n{debris()}\n", encoding="utf-8")
    assert run(capsys, *d, "import", str(source))[0] == 0
    code, out, err = run(capsys, *d, "translate", "--all")
    assert code == 0 and "could not" not in out + err and "Traceback" not in err
    code, out, _ = run(capsys, *d, "show", "1", "--json")
    sentences = _sentences(out)
    assert max(len(s["text"]) for s in sentences) >= 3000
    assert all(s["translation"] and s["translation_error"] is None for s in sentences)


def test_a_refused_sentence_is_reported_and_retried(
    data_dir: Path, seeds_dir: Path, packages_dir: Path, tiny_model_file: Path, capsys, monkeypatch
) -> None:
    from desktop.commands import translation as commands
    from tests.long_sentences import Refusing

    d = ["--data-dir", str(data_dir)]
    run(capsys, *d, "models", "install", str(tiny_model_file))
    run(capsys, *d, "import", str(seeds_dir))
    code, out, _ = run(capsys, *d, "show", "2", "--json")
    bad = _sentences(out)[3]["text"]
    real = commands._engine
    monkeypatch.setattr(commands, "_engine", lambda ctx: Refusing(real(ctx), {bad}))
    code, out, err = run(capsys, *d, "translate", "--all")
    assert code == 0 and "2: " in out and "1 could not be translated" in out
    assert "--retry-failed 2" in err and "Traceback" not in err
    code, out, _ = run(capsys, *d, "show", "2")
    assert "! not translated: refused by the test backend" in out
    code, out, _ = run(capsys, *d, "show", "3", "--json")
    assert all(s["translation"] for s in _sentences(out))  # the rest of the library is translated

    monkeypatch.setattr(commands, "_engine", real)
    code, out, err = run(capsys, *d, "translate", "2")  # skipped: no retry unless asked
    assert "1 could not be translated" in out
    code, out, err = run(capsys, *d, "translate", "--retry-failed", "2")
    assert code == 0 and "1 translated" in out and "could not" not in out + err
    code, out, _ = run(capsys, *d, "show", "2", "--json")
    assert all(s["translation"] for s in _sentences(out))


def test_confidence_review_and_word_alternatives(data_dir: Path, seeds_dir: Path, packages_dir: Path, tiny_model_file: Path, capsys) -> None:
    d = ["--data-dir", str(data_dir)]
    run(capsys, *d, "models", "install", str(tiny_model_file))
    run(capsys, *d, "import", str(seeds_dir))
    code, out, err = run(capsys, *d, "translate", "1")
    assert code == 0 and "confidence scores" not in err
    code, out, _ = run(capsys, *d, "show", "1", "--json")
    sentences = _sentences(out)
    assert all(0 < s["confidence"] < 1 and s["word_confidence"] is None for s in sentences)  # free with the text
    code, out, err = run(capsys, *d, "translate", "1", "--word-scores")
    assert code == 0 and "confidence scores" in err and "0 translated" in out
    code, out, _ = run(capsys, *d, "show", "1", "--json")
    sentences = _sentences(out)
    for s in sentences:  # every sentence and word has its confidence, from the real model
        assert s["status"] == "machine" and 0 < s["confidence"] < 1
        assert [s["translation"][w["start"] : w["end"]] for w in s["word_confidence"]] == s["translation"].split()

    code, out, _ = run(capsys, *d, "review", "1")
    assert code == 0 and f"0/{len(sentences)} reviewed" in out
    code, out, _ = run(capsys, *d, "review", "1", "0", "1")
    assert code == 0 and out.splitlines()[:2] == ["sentence 0: reviewed", "sentence 1: reviewed"]
    run(capsys, *d, "post-edit", "1", "2", "My own.")
    code, out, _ = run(capsys, *d, "review", "1", "2")
    assert "sentence 2: already post-edited" in out
    code, out, _ = run(capsys, *d, "review", "1", "--json")
    progress = json.loads(out)
    assert (progress["reviewed"], progress["post_edited"], progress["done"], progress["total"]) == (2, 1, 3, len(sentences))
    code, out, _ = run(capsys, *d, "review", "1", "1", "--undo")
    assert out.startswith("sentence 1: back to machine translation")
    code, out, _ = run(capsys, *d, "show", "1", "--json")
    assert [s["status"] for s in _sentences(out)[:3]] == ["reviewed", "machine", "post-edited"]
    code, _, err = run(capsys, *d, "review", "1", "9999")
    assert code == 2 and "no sentence 9999" in err

    code, out, _ = run(capsys, *d, "alternatives", "1", "3", "--word", "2", "--json")
    alts = json.loads(out)
    first_word = _sentences(run(capsys, *d, "show", "1", "--json")[1])[3]["translation"].split()[0]
    assert code == 0 and alts and all(a.startswith(first_word + " ") for a in alts)
    code, _, err = run(capsys, *d, "alternatives", "1", "3", "--word", "999")
    assert code == 2 and "--word counts from 1" in err
    with pytest.raises(SystemExit) as refused:  # issue 17 item 10: said, not silently capped
        run(capsys, *d, "alternatives", "1", "3", "-n", "1000", "--json")
    assert refused.value.code == 2 and "from 1 to 8" in capsys.readouterr().err
    code, out, _ = run(capsys, *d, "alternatives", "1", "3", "-n", "8", "--json")
    assert 1 <= len(json.loads(out)) <= 8
