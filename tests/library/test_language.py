"""Language detection: French first, the other common European languages, scripts."""

from __future__ import annotations

import pytest

from desktop.library.language import UNDETERMINED, detect_language

SAMPLES = {
    "fr": [
        "Les participants ont réaffirmé l'importance des migrations pour la réalisation des objectifs de développement durable.",
        "Il est nécessaire de renforcer la protection des droits humains des migrants.",
        "Elle a suggéré la mise en place d'un mécanisme conjoint.",
    ],
    "en": [
        "The participants reaffirmed the importance of migration for the achievement of the sustainable development goals.",
        "It is necessary to strengthen the protection of the human rights of migrants.",
        "She suggested that a joint mechanism should be set up.",
    ],
    "es": [
        "Los participantes reafirmaron la importancia de la migración para el logro de los objetivos de desarrollo sostenible.",
        "Es necesario reforzar la protección de los derechos humanos de los migrantes.",
        "Ella sugirió que se creara un mecanismo conjunto.",
    ],
    "de": [
        "Die Teilnehmer bekräftigten die Bedeutung der Migration für die Erreichung der Ziele für nachhaltige Entwicklung.",
        "Es ist notwendig, den Schutz der Menschenrechte der Migranten zu stärken.",
        "Sie schlug vor, einen gemeinsamen Mechanismus einzurichten.",
    ],
    "it": [
        "I partecipanti hanno riaffermato l'importanza delle migrazioni per il raggiungimento degli obiettivi di sviluppo sostenibile.",
        "È necessario rafforzare la protezione dei diritti umani dei migranti.",
        "Lei ha suggerito di creare un meccanismo comune per la gestione delle frontiere.",
    ],
    "pt": [
        "Os participantes reafirmaram a importância das migrações para a realização dos objetivos de desenvolvimento sustentável.",
        "É necessário reforçar a proteção dos direitos humanos dos migrantes.",
        "Ela sugeriu a criação de um mecanismo conjunto para a gestão das fronteiras.",
    ],
    "nl": [
        "De deelnemers bevestigden het belang van migratie voor het bereiken van de doelen voor duurzame ontwikkeling.",
        "Het is noodzakelijk de bescherming van de mensenrechten van migranten te versterken.",
    ],
}


@pytest.mark.parametrize("lang, text", [(lang, t) for lang, texts in SAMPLES.items() for t in texts])
def test_sentences(lang: str, text: str) -> None:
    assert detect_language(text) == lang


def test_seeds_are_french(seeds_dir) -> None:  # noqa: ANN001
    for path in sorted(seeds_dir.glob("*.txt")):
        assert detect_language(path.read_text("utf-8")) == "fr", path.name


@pytest.mark.parametrize(
    "text, lang",
    [
        ("Это простой текст на русском языке.", "ru"),
        ("这是一个简单的中文句子。", "zh"),
        ("これは日本語の文章です。", "ja"),
        ("이것은 한국어 문장입니다.", "ko"),
        ("هذه جملة باللغة العربية.", "ar"),
        ("Αυτή είναι μια ελληνική πρόταση.", "el"),
    ],
)
def test_scripts(text: str, lang: str) -> None:
    assert detect_language(text) == lang


def test_french_with_english_names_stays_french() -> None:
    text = "Le Global Forum on Migration and Development a publié son rapport sur la migration et le développement."
    assert detect_language(text) == "fr"


@pytest.mark.parametrize("text", ["", "   ", "2025-10-14 12:00 — 42 %", "Xyzzy plugh"])
def test_undetermined(text: str) -> None:
    assert detect_language(text) == UNDETERMINED


def test_reads_a_bounded_sample_of_a_long_document() -> None:
    """The work stays the same for any length: only the opening is read (a document is
    one language), so a French opening decides even against a far longer English rest."""
    french = " ".join(SAMPLES["fr"]) * 200
    assert len(french) > 20_000
    assert detect_language(french + " ".join(SAMPLES["en"]) * 50_000) == "fr"
