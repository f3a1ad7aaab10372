"""OCR slips in already-OCR'd text: repaired where the lexicon makes it certain, never guessed."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from desktop.library.lexicon import french_words
from desktop.library.ocr_repair import repair_ocr_slips

ROOT = Path(__file__).resolve().parents[2]


def repair(text: str) -> str:
    return repair_ocr_slips(text, french_words())


@pytest.mark.parametrize(
    ("slip", "repaired"),
    [
        ("la geographie et l´histoire commune", "la geographie et l'histoire commune"),
        ("afin d´encourager qu´il vienne aujourd´hui", "afin d'encourager qu'il vienne aujourd'hui"),
        ("Le projet sest appuyé sur dexpériences passées.", "Le projet s'est appuyé sur d'expériences passées."),
        ("Il faut quil parte et quon nen parle plus.", "Il faut qu'il parte et qu'on n'en parle plus."),
        ("Les pays sinscrivent dans la démarche.", "Les pays s'inscrivent dans la démarche."),
        ("L'Action doit étre reproduite.", "L'Action doit être reproduite."),
        ("Le 3 aodt 2012, la réunion a eu lieu.", "Le 3 août 2012, la réunion a eu lieu."),
        ("Cest la première fois. Quil vienne !", "C'est la première fois. Qu'il vienne !"),
        ("les pays dAsie du Sud-Est et lUnion européenne", "les pays d'Asie du Sud-Est et l'Union européenne"),
        ("l’histoire et dexpériences", "l’histoire et d’expériences"),  # the text's own apostrophe
    ],
)
def test_certain_slips_are_repaired(slip: str, repaired: str) -> None:
    assert repair(slip) == repaired


@pytest.mark.parametrize(
    "correct",
    [
        "L'université de Zhongshan (Sun Yat-Sen) et la série Mad Men.",  # names, not s'un, m'en
        "Un pédalier issu du custom shop Dunlop.",  # English: not s'hop
        "Linde et Lorient ont signé.",  # names at a sentence start
        "Le sil est une argile ; le set est gagné ; dès demain ; le lent déclin.",  # real words
        "Il suggèrait qu'on avait annonçé un égoût.",  # the author's typos are not OCR slips
        "Les data et the gate of modern art.",  # English words left alone
        "Dun est une commune de la Meuse.",
        "Contributeurs : Melroy van den Berg, Marc Berlioux.",  # a name's particle, not d'en (KiCad's credits)
        "La délégation est arrivée à den Helder.",  # before a capital: never the pronoun en
    ],
)
def test_correct_words_are_never_changed(correct: str) -> None:
    assert repair(correct) == correct


def test_real_french_prose_is_left_as_it_is() -> None:
    # The segmentation gold set: real-world styles, written for the tests (only the
    # sentences taken from the OCR'd seed carry the ´ slip).
    changed = []
    for path in sorted((ROOT / "tests" / "data" / "segmentation").glob("*.txt")):
        for line in path.read_text("utf-8").splitlines():
            if line.strip() and repair(line) != line:
                changed.append((line, repair(line)))
    assert changed and all(re.sub(r"[´`]", "'", before) == after for before, after in changed)


def test_nothing_is_repaired_without_a_lexicon() -> None:
    assert repair_ocr_slips("sest dexpériences", frozenset()) == "sest dexpériences"
