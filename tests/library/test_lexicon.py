"""The French lexicon: Dicollecte's forms, shipped in resources/, read lazily and fast."""

from __future__ import annotations

import subprocess
import sys

from desktop import config
from desktop.library.lexicon import Lexicon, french_words


def test_the_shipped_lexicon_holds_french_forms_with_ligatures_and_compounds() -> None:
    words = french_words()
    assert len(words) > 400_000
    for form in ("cœur", "œuvres", "ex æquo", "chef-d'œuvre", "chef-d’œuvre", "belle-sœur", "week-end", "août", "être", "mangeâmes"):
        if " " not in form:
            assert form in words, form
    for form in ("étre", "sest", "aodt", "bellesœur", "chefd'œuvre"):
        assert form not in words, form


def test_case_names_and_verbs() -> None:
    words = french_words()
    assert "Paris" in words and "PARIS" in words and "paris" in words
    assert words.common("histoire") and not words.common("Inde") is None
    assert words.verb("inscrivent") and words.verb("est") and not words.verb("hop")


def test_licence_and_build_script_ship_beside_it() -> None:
    folder = config.resource_path("lexicon")
    assert (folder / "fr-words.marisa").stat().st_size < 2_000_000
    assert "Mozilla Public License" in (folder / "LICENSE-MPL-2.0.txt").read_text("utf-8")
    assert "Dicollecte" in (folder / "README.md").read_text("utf-8")


def test_importing_the_cleanup_does_not_load_the_lexicon() -> None:
    code = (
        "import desktop.library.cleanup, desktop.library.segmentation, desktop.library.lexicon as l;"
        "print(l.french_words.cache_info().currsize)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "0"


def test_a_missing_lexicon_is_empty_not_an_error() -> None:
    empty = Lexicon(None)
    assert "maison" not in empty and not empty and len(empty) == 0
    assert not empty.verb("est") and not empty.common("maison")
