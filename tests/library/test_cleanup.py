"""Cleanup of raw text into blocks: on every seed, and on French text written for the tests."""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.library.cleanup import Dehyphenator, clean_paragraph, clean_text, french_words, repair_inline
from desktop.library.models import HEADING, LIST_ITEM, PARAGRAPH, Block, Structure
from tests.library.operation_counts import growth

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
SEED_FILES = sorted(SEEDS.glob("*.txt"))
BULLETS = "•●▪■□◦○◆◇►▶▸‣⁃➢➤➔→✓✔❖∙·"
I_ELISION = re.compile(r"(?<![\w'’])I['’][aeiouyhàâéèêëîôûAEIOUYHÀÂÉÈÊÎÔÛ]")
# A word, a hyphen, a space, a lower-case word: hyphenation debris (con- naissances).
HYPHEN_DEBRIS = re.compile(r"[^\W\d_]{2,}- [^\W\d_]")


def texts(blocks: list[Block]) -> list[str]:
    return [b.text for b in blocks]


def item(text: str, marker: str, depth: int = 0) -> Block:
    return Block(LIST_ITEM, text, Structure(marker=marker, depth=depth))


def heading(text: str, level: int = 0) -> Block:
    return Block(HEADING, text, Structure(level=level))


def test_there_are_five_seeds() -> None:
    assert len(SEED_FILES) == 5


@pytest.mark.parametrize("path", SEED_FILES, ids=lambda p: p.name[:30])
def test_seed_is_clean(path: Path) -> None:
    blocks = clean_text(path.read_text("utf-8"))
    assert blocks
    for block in blocks:
        assert block.kind in (HEADING, PARAGRAPH, LIST_ITEM)
        assert block.text and block.text == block.text.strip()
        assert "\n" not in block.text and "\r" not in block.text
        assert "  " not in block.text
        assert "\u00ad" not in block.text
        assert not HYPHEN_DEBRIS.search(block.text), block.text
        assert not I_ELISION.search(block.text), block.text
        assert block.text[0] not in BULLETS, block.text
        assert block.text not in {"-", "*", "'", "|", "o", "0"}
        assert re.search(r"\w", block.text)


def seed(name: str) -> str:
    (path,) = [p for p in SEED_FILES if p.name.startswith(name)]
    return "\n".join(b.text for b in clean_text(path.read_text("utf-8")))


def test_ocr_brochure_repairs() -> None:
    text = seed("mieux")
    for expected in (
        "de partage de connaissances, de pratiques",
        "la nécessité d'un dialogue renforcé",
        "représentant le secteur public",
        "la protection des droits des travailleurs",
        "plusieurs Etats d’Asie du Sud-Est désireux",
        "intergouvernementale et interrégionale",
        "une valeur ajoutée de l'UE",
        "via l'échange d'expériences",
        "a l'échelon régional",  # I'éch-/elon
        "Dialogue de haut niveau des Nations Unies",
        "ce genre de rassemblements dans",
        "l'Agenda pour l'aprés 2015",
        "dépassent les attentes initiales",
        "rendant possible le partage",  # a blank line in mid-sentence
    ):
        assert expected in text, expected
    assert "I'" not in text
    assert "d’'une" not in text


def test_ocr_brochure_structure() -> None:
    path = next(p for p in SEED_FILES if p.name.startswith("mieux"))
    blocks = clean_text(path.read_text("utf-8"))
    headings = {b.text for b in blocks if b.kind == HEADING}
    assert {"Contexte", "Concept d'Action", "Pratiques", "Impact", "Enseignements"} <= headings
    assert item("L'Action doit s'appuyer sur les niveaux d'expérience les plus élevés", "7.") in blocks
    # The brochure's graphic lost its numbers: ten parallel lines, ten list items.
    actions = [b for b in blocks if "L'Action doit" in b.text[:16]]
    assert len(actions) == 10 and all(b.kind == LIST_ITEM for b in actions)
    # The body never swallows the heading that follows it, nor the reverse.
    assert not any(b.text.startswith("Contexte ") for b in blocks)
    assert all(len(b.text) < 120 for b in blocks if b.kind == HEADING)


def test_hard_wrapped_report_with_bullets_on_their_own() -> None:
    path = next(p for p in SEED_FILES if p.name.startswith("gfmd"))
    blocks = clean_text(path.read_text("utf-8"))
    text = "\n".join(texts(blocks))
    assert text.count("parties-prenantes") == 2  # kept hyphen: the document writes it so
    assert "les coûts liés à la sensibilisation" in text
    # A bullet item cut by a blank line in mid-sentence is one item.
    assert (
        item(
            "La migration est inhérente à la nature humaine ; la geographie et l'histoire commune "
            "peuvent stimuler de partenariats forts entre de pays où la migration peut être un problème clé.",
            "•",
        )
        in blocks
    )
    numbered = [b for b in blocks if b.kind == LIST_ITEM and re.match(r"\d\.$", b.structure.marker)]
    assert [b.structure.marker for b in numbered] == ["1.", "2.", "3.", "4.", "5."]
    assert numbered[3].text.endswith("ressources financières et personnelles, et")
    assert blocks[0] == Block(HEADING, "RT 1: Partenariats pour la Migration et le Développement")
    assert sum(b.kind == LIST_ITEM for b in blocks) >= 25


def test_long_line_seeds_keep_their_paragraphs() -> None:
    path = next(p for p in SEED_FILES if p.name.startswith("vietnam"))
    raw_paragraphs = [p for p in path.read_text("utf-8").split("\n\n") if p.strip()]
    blocks = clean_text(path.read_text("utf-8"))
    assert len(blocks) == len(raw_paragraphs)
    assert "mise en œuvre" in blocks[0].text
    assert "« placer l’humain au centre de toutes les préoccupations »" in blocks[3].text


def test_decorative_bullet_lines_are_dropped() -> None:
    path = next(p for p in SEED_FILES if p.name.startswith("sous-forum"))
    blocks = clean_text(path.read_text("utf-8"))
    assert blocks[-1] == Block(PARAGRAPH, "2025-10-14")
    assert "d'avenir partagé\u00a0pour l'humanité" in blocks[2].text  # the NBSP stays


# --- synthetic French text (not from the seeds) -------------------------------------------

WRAPPED = """\
Rapport annuel

La commission a publié son rapport sur l'accès aux con-
naissances scientifiques. Le dia-
logue entre les chercheurs et le re-
présentant du ministère a porté sur la protec-
tion des données et sur le gouverne-
ment ouvert. Les pays d'Asie du Sud-
Est et du Moyen-
Orient y ont pris part, ainsi que les porte-
parole des parties-
prenantes, c'est-à-
dire les associations.
"""


def test_dehyphenation_in_synthetic_french() -> None:
    blocks = clean_text(WRAPPED)
    assert blocks[0] == Block(HEADING, "Rapport annuel")
    assert len(blocks) == 2
    body = blocks[1].text
    for expected in (
        "l'accès aux connaissances scientifiques",
        "Le dialogue entre",
        "le représentant du ministère",
        "la protection des données",
        "le gouvernement ouvert",
        "d'Asie du Sud-Est et du Moyen-Orient",
        "les porte-parole des parties-prenantes, c'est-à-dire les associations.",
    ):
        assert expected in body, (expected, body)


def test_document_evidence_beats_the_word_list() -> None:
    # "anti-corruption" appears with its hyphen elsewhere: the cut one keeps it too.
    text = "La loi anti-corruption a été votée.\n\nUne autre loi anti-\ncorruption suivra."
    assert "Une autre loi anti-corruption suivra." in texts(clean_text(text))
    # And a word written joined elsewhere is joined at the line end.
    text = "Le cofinancement est prévu.\n\nUn co-\nfinancement de l'Union européenne."
    assert "Un cofinancement de l'Union européenne." in texts(clean_text(text))


def test_words_unknown_everywhere_are_joined() -> None:
    # Neither the document nor the word list knows these: a cut word is the likelier.
    assert clean_text("Les zorgli-\nbuliens sont arrivés.") == [Block(PARAGRAPH, "Les zorglibuliens sont arrivés.")]


def test_all_caps_hyphenation() -> None:
    assert clean_text("LA PROTEC-\nTION DES MIGRANTS") == [Block(HEADING, "LA PROTECTION DES MIGRANTS")]


def test_dehyphenator_decisions() -> None:
    d = Dehyphenator("", french_words())
    assert not d.keeps_hyphen("con", "naissances")
    assert not d.keeps_hyphen("protec", "tion")
    assert d.keeps_hyphen("Sud", "Est")
    assert d.keeps_hyphen("parties", "prenantes")
    assert d.keeps_hyphen("vice", "ministre")
    assert d.join_lines("voir https://example.org/a-", "b/c") == "voir https://example.org/a-b/c"
    assert d.join_lines("l’", "Union") == "l’Union"
    assert d.join_lines("de 2012-", "2013") == "de 2012-2013"
    assert d.join_lines("la réunion -", "ouverte à tous") == "la réunion - ouverte à tous"


def test_inline_break_repair_needs_evidence() -> None:
    d = Dehyphenator("", french_words())
    assert d.repair_inline_breaks("le partage de con- naissances") == "le partage de connaissances"
    assert d.repair_inline_breaks("les soins pré- et post-natals") == "les soins pré- et post-natals"
    assert clean_paragraph("un dia- logue", d) == "un dialogue"


def test_soft_hyphens_ligatures_and_invisible_characters() -> None:
    raw = "Le ﬁnancement des ﬂux, l'eﬀort eﬃcace, le souﬄe, la pro\u00adtection et les con\u00ad\nnaissances\u200b."
    assert clean_text(raw) == [
        Block(PARAGRAPH, "Le financement des flux, l'effort efficace, le souffle, la protection et les connaissances.")
    ]


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("la valeur ajoutée de I'UE.", "la valeur ajoutée de l'UE."),
        ("via I'échange d'expériences.", "via l'échange d'expériences."),
        ("les droits de I’homme.", "les droits de l’homme."),
        ("I'Organisation et I'action.", "l'Organisation et l'action."),
        ("I'm sure I'd go.", "I'm sure I'd go."),  # English contractions: consonants
        ("Partie II. Article I.", "Partie II. Article I."),
    ],
)
def test_i_apostrophe_before_vowel_is_l(raw: str, expected: str) -> None:
    assert clean_text(raw) == [Block(PARAGRAPH, expected)]


def test_french_typography_survives() -> None:
    raw = "Il a dit\u00a0: «\u00a0Bonjour\u00a0!\u00a0» Vraiment\u202f? Oui\u202f; l’œuvre   et l'été\tsont là."
    (block,) = clean_text(raw)
    assert block.text == "Il a dit\u00a0: «\u00a0Bonjour\u00a0!\u00a0» Vraiment\u202f? Oui\u202f; l’œuvre et l'été sont là."


def test_bullets_and_debris() -> None:
    raw = "\n".join(
        [
            "Les objectifs sont les suivants :",
            "",
            "•",
            "renforcer la coopération régionale ;",
            "● protéger les migrants ;",
            "- améliorer les données ;",
            "* partager les pratiques.",
            "'",
            "|",
            "o",
            "▪",
            "",
            "7.L'Action doit être reproduite",
            "8. Elle doit produire des résultats",
            "",
            "Fin du document.",
        ]
    )
    assert clean_text(raw) == [
        Block(PARAGRAPH, "Les objectifs sont les suivants :"),
        item("renforcer la coopération régionale ;", "•"),
        item("protéger les migrants ;", "●"),
        item("améliorer les données ;", "-"),
        item("partager les pratiques.", "*"),
        item("L'Action doit être reproduite", "7."),
        item("Elle doit produire des résultats", "8."),
        Block(PARAGRAPH, "Fin du document."),
    ]


def test_headings_stay_apart_from_body() -> None:
    raw = (
        "Introduction\n\n"
        "Le présent document décrit les travaux menés pendant l'année écoulée par\n"
        "les équipes du projet, avec leurs résultats.\n\n"
        "Méthodologie\n"
        "Les données ont été recueillies auprès des administrations nationales et\n"
        "des organisations internationales partenaires du programme régional.\n"
    )
    assert clean_text(raw) == [
        Block(HEADING, "Introduction"),
        Block(
            PARAGRAPH,
            "Le présent document décrit les travaux menés pendant l'année écoulée par les équipes du projet, avec leurs résultats.",
        ),
        Block(HEADING, "Méthodologie"),
        Block(
            PARAGRAPH,
            "Les données ont été recueillies auprès des administrations nationales et des organisations "
            "internationales partenaires du programme régional.",
        ),
    ]


def test_short_last_line_ends_a_paragraph_without_blank_line() -> None:
    raw = (
        "La première réunion s'est tenue à Genève au mois de mars avec trente pays.\n"
        "Elle a duré deux jours.\n"
        "La seconde réunion a eu lieu à Dakar, où les délégations ont adopté un plan\n"
        "d'action commun pour les années suivantes.\n"
    )
    assert texts(clean_text(raw)) == [
        "La première réunion s'est tenue à Genève au mois de mars avec trente pays. Elle a duré deux jours.",
        "La seconde réunion a eu lieu à Dakar, où les délégations ont adopté un plan d'action commun pour les années suivantes.",
    ]


def test_blank_line_in_mid_sentence_is_mended() -> None:
    raw = "Les États peuvent coopérer dans le cadre de la\n\nplateforme régionale, et de\n\nPartenariats bilatéraux.\n\nUn autre paragraphe."
    assert texts(clean_text(raw)) == [
        "Les États peuvent coopérer dans le cadre de la plateforme régionale, et de Partenariats bilatéraux.",
        "Un autre paragraphe.",
    ]


def test_empty_and_blank_input() -> None:
    assert clean_text("") == []
    assert clean_text(" \n\n\t\n\u00a0\n•\n|\n") == []


def test_repair_inline_is_nfc() -> None:
    assert repair_inline("e\u0301le\u0300ve") == "élève"


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            list("abcé É-•*'|.:;!?\u00a0\n\t«»7I\u2028\x85\x1e\f")
            + ["con-\nnaissance", "\n\n", "Titre\n", "\u00ad"]
        ),
        max_size=120,
    ).map("".join)
)
def test_never_crashes_and_blocks_are_single_lines(raw: str) -> None:
    for block in clean_text(raw, words=frozenset({"connaissance"})):
        assert block.text and block.text.splitlines() == [block.text]
        assert block.kind in (HEADING, PARAGRAPH, LIST_ITEM)


def test_parallel_short_lines_are_a_list() -> None:
    raw = (
        "Critères\n\n"
        "Le projet doit être utile aux usagers\n\n"
        "Le projet doit être durable\n"
        "Le projet doit pouvoir être évalué chaque année par un comité indépendant\n\n"
        "Conclusion\n\n"
        "Les participants ont approuvé les critères.\n\n"
        "Les participants ont remercié les organisateurs.\n\n"
        "Les participants ont fixé la date de la prochaine réunion.\n"
    )
    assert clean_text(raw) == [
        Block(HEADING, "Critères"),
        Block(LIST_ITEM, "Le projet doit être utile aux usagers"),
        Block(LIST_ITEM, "Le projet doit être durable"),
        Block(LIST_ITEM, "Le projet doit pouvoir être évalué chaque année par un comité indépendant"),
        Block(HEADING, "Conclusion"),
        # Sentences of prose that open alike stay paragraphs.
        Block(PARAGRAPH, "Les participants ont approuvé les critères."),
        Block(PARAGRAPH, "Les participants ont remercié les organisateurs."),
        Block(PARAGRAPH, "Les participants ont fixé la date de la prochaine réunion."),
    ]


def test_dialogue_lines_and_urls() -> None:
    raw = (
        "Le soleil se levait sur la place du village quand les premiers passants arrivèrent.\n"
        "— Où vas-tu si tôt ? demanda la mère.\n"
        "— Au marché, répondit l'enfant, avant qu'il ne fasse trop chaud et que les étals soient vides.\n"
        "\n"
        "Voir aussi http://exemple.org/rapport-\nannuel-2024.pdf\n"
    )
    assert clean_text(raw) == [
        Block(PARAGRAPH, "Le soleil se levait sur la place du village quand les premiers passants arrivèrent."),
        Block(PARAGRAPH, "— Où vas-tu si tôt ? demanda la mère."),
        Block(PARAGRAPH, "— Au marché, répondit l'enfant, avant qu'il ne fasse trop chaud et que les étals soient vides."),
        Block(PARAGRAPH, "Voir aussi http://exemple.org/rapport-annuel-2024.pdf"),
    ]


def test_numbered_section_titles_split_from_the_text_around() -> None:
    raw = (
        "La première partie présente le contexte général de l'étude et ses limites.\n"
        "2.1. Méthode d'enquête\n"
        "Les entretiens ont été menés auprès de quarante responsables administratifs\n"
        "dans six pays de la région entre mars et juin.\n"
    )
    assert clean_text(raw) == [
        Block(PARAGRAPH, "La première partie présente le contexte général de l'étude et ses limites."),
        heading("2.1. Méthode d'enquête", level=3),
        Block(
            PARAGRAPH,
            "Les entretiens ont été menés auprès de quarante responsables administratifs dans six pays de la région entre mars et juin.",
        ),
    ]


def test_a_dash_inside_a_wrapped_sentence_is_no_bullet() -> None:
    raw = "La réunion\n- qui a duré deux jours -\ns'est achevée hier.\n\nÀ retenir :\n- le budget\n- le calendrier\n"
    assert clean_text(raw) == [
        Block(PARAGRAPH, "La réunion - qui a duré deux jours - s'est achevée hier."),
        Block(PARAGRAPH, "À retenir :"),
        item("le budget", "-"),
        item("le calendrier", "-"),
    ]


def test_symbol_font_bullets_and_control_characters_from_pdfs() -> None:
    raw = "Objectifs :\n\uf0b7 Former les agents\n\uf0a7 Évaluer\x01 les résultats\n"
    assert clean_text(raw) == [
        Block(PARAGRAPH, "Objectifs :"),
        item("Former les agents", "•"),
        item("Évaluer les résultats", "▪"),
    ]


# A French text written for these tests: varied vocabulary, compounds of every kind.
OWN_FRENCH = (
    "Chaque printemps, les habitants de la vallée organisent une fête qui attire des visiteurs venus "
    "de toute la région. Dès l'après-midi, les porte-parole des associations présentent leurs projets : "
    "la rénovation de l'ancienne gare, la création d'un jardin partagé et l'aménagement d'une piste "
    "cyclable le long de la rivière. Les enfants regardent l'arc-en-ciel qui se dessine au-dessus des "
    "collines, tandis que leurs grands-parents discutent des transformations économiques, sociales et "
    "environnementales qu'a connues le territoire depuis quatre-vingt-dix ans. Vis-à-vis de la mairie, "
    "un orchestre joue des airs traditionnels ; les musiciens, c'est-à-dire surtout des bénévoles, "
    "répètent pendant tout l'hiver. Le soir venu, on partage un repas préparé avec des produits locaux, "
    "et chacun repart convaincu que cette rencontre renforce la solidarité, l'entraide et le sentiment "
    "d'appartenance à une communauté vivante. Les responsables municipaux reconnaissent d'ailleurs que "
    "l'engagement des citoyens constitue une ressource indispensable pour l'administration, notamment "
    "lorsqu'il faut concilier développement touristique, préservation du patrimoine et protection de "
    "la biodiversité dans une perspective véritablement intergénérationnelle."
)


def _wrap_with_hyphens(paragraph: str, width: int, rng: random.Random) -> tuple[str, list[tuple[str, str]]]:
    """Hard-wrap like a typesetter: cut long words at a random point, compounds at their hyphen."""
    lines: list[str] = []
    cur = ""
    breaks: list[tuple[str, str]] = []
    for word in paragraph.split(" "):
        if not cur or len(cur) + 1 + len(word) <= width:
            cur = f"{cur} {word}" if cur else word
            continue
        room = width - len(cur) - 1
        core = re.match(r"^([^\W\d_]*['’])?([^\W\d_]+)", word)
        if "-" in word and 0 < word.index("-") < room:
            i = word.index("-") + 1
            lines.append(f"{cur} {word[:i]}")
            cur = word[i:]
            breaks.append(("compound", word))
        elif core and len(core.group(2)) >= 6 and room >= 4:
            cut = len(core.group(1) or "") + rng.randint(2, len(core.group(2)) - 3)
            lines.append(f"{cur} {word[:cut]}-")
            cur = word[cut:]
            breaks.append(("cut", word))
        else:
            lines.append(cur)
            cur = word
    lines.append(cur)
    return "\n".join(lines), breaks


def _dehyphenation_score(paragraphs: list[str]) -> tuple[int, int, list[str]]:
    rng = random.Random(20251123)
    right = total = 0
    wrong = []
    for width in range(40, 80, 5):
        for paragraph in paragraphs:
            wrapped, breaks = _wrap_with_hyphens(paragraph, width, rng)
            blocks = clean_text(wrapped)
            assert len(blocks) == 1, blocks
            words = set(blocks[0].text.split(" "))
            for _kind, word in breaks:
                total += 1
                if word in words:
                    right += 1
                else:
                    wrong.append(word)
    return right, total, wrong


def test_dehyphenation_accuracy_on_french_written_for_the_tests() -> None:
    right, total, wrong = _dehyphenation_score([OWN_FRENCH])
    assert total >= 60
    assert right == total, wrong


def test_dehyphenation_accuracy_on_the_long_line_seeds() -> None:
    paragraphs = []
    for path in SEED_FILES:
        if path.name.startswith(("vietnam", "sous-forum", "seminaire")):
            paragraphs += [
                " ".join(p.split())
                for p in path.read_text("utf-8").split("\n\n")
                if len(p.split()) > 20 and not p.lstrip().startswith("•")
            ]
    right, total, wrong = _dehyphenation_score(paragraphs)
    assert total >= 300
    assert right / total >= 0.99, wrong


def test_unicode_line_separators_are_line_breaks() -> None:
    assert clean_text("Première ligne\u2028suite de la phrase.\u2029Autre paragraphe.") == [
        Block(PARAGRAPH, "Première ligne suite de la phrase."),
        Block(PARAGRAPH, "Autre paragraphe."),
    ]
    assert clean_paragraph("un\u2028deux\x85trois") == "un deux trois"


def test_blank_line_after_a_comma_ends_the_paragraph_in_a_letter() -> None:
    raw = "Objet : inscription au stage\n\nMonsieur le Directeur,\n\nJe sollicite une place pour le stage de juin.\n\nBien à vous,\n\nHélène Garnier\n"
    blocks = clean_text(raw)
    assert texts(blocks) == [
        "Objet : inscription au stage",
        "Monsieur le Directeur,",
        "Je sollicite une place pour le stage de juin.",
        "Bien à vous,",
        "Hélène Garnier",
    ]
    # A signature at the end heads nothing: it is no heading.
    assert blocks[-1].kind == PARAGRAPH
    # Even when what follows the salutation starts in lower case.
    assert texts(clean_text("Chère Claire,\n\nmerci pour ton message.\n")) == ["Chère Claire,", "merci pour ton message."]


def test_blank_line_split_is_mended_only_on_strong_evidence() -> None:
    # Single-line paragraphs: a comma then a blank line is no evidence of a cut.
    assert len(clean_text("Pendant la réunion,\n\nles élus ont voté le budget.\n")) == 2
    # Hard-wrapped text (OCR, e-mail): a lower-case start after a blank line continues.
    wrapped = (
        "La commune a présenté son plan de rénovation des écoles\n"
        "primaires et des équipements sportifs du quartier,\n\n"
        "puis le conseil a discuté du calendrier des travaux\n"
        "prévus pour les deux prochaines années.\n"
    )
    assert len(clean_text(wrapped)) == 1
    # A word cut by a hyphen before the blank line, in any text.
    assert texts(clean_text("Le rapport souligne l'impor-\n\ntance de la formation.\n")) == [
        "Le rapport souligne l'importance de la formation."
    ]


def test_lone_bullet_before_prose_is_debris() -> None:
    raw = (
        "Le comité s'est réuni en mars.\n"
        "•\n"
        "Les mesures retenues sont les suivantes :\n"
        "• rénover la bibliothèque\n"
        "• ouvrir un atelier numérique\n"
        "-\n"
        "La préfecture a validé ce programme après une longue concertation. "
        "Les travaux commenceront à l'automne et dureront deux ans.\n"
    )
    blocks = clean_text(raw)
    kinds = {b.text[:12]: b.kind for b in blocks}
    assert kinds == {
        "Le comité s'": PARAGRAPH,
        "Les mesures ": PARAGRAPH,
        "rénover la b": LIST_ITEM,
        "ouvrir un at": LIST_ITEM,
        "La préfectur": PARAGRAPH,
    }
    # A lone bullet followed by item text is still a list item.
    items = clean_text("Objectifs du projet :\n\n•\nformer les bénévoles\n•\naccueillir les familles\n")
    assert [b.kind for b in items[1:]] == [LIST_ITEM, LIST_ITEM]
    assert texts(items[1:]) == ["former les bénévoles", "accueillir les familles"]


@pytest.mark.parametrize("footer", ["Page 7", "ii Page 7", "Page 7 sur 12", "- 7 -", "7/12", "iv\nPage 7", "7"])
def test_lone_page_number_lines_are_dropped(footer: str) -> None:
    raw = f"La séance s'est terminée à midi.\n\n{footer}\n\nLe compte rendu sera diffusé demain.\n"
    assert texts(clean_text(raw)) == ["La séance s'est terminée à midi.", "Le compte rendu sera diffusé demain."]


def test_page_number_between_halves_of_a_sentence_is_removed_and_the_sentence_mended() -> None:
    raw = (
        "Les habitants du quartier ont demandé la création d'un\n"
        "jardin partagé et d'une aire de jeux pour les enfants\n\nPage 4\n\n"
        "situés près de l'école élémentaire du centre-ville.\n"
    )
    assert len(clean_text(raw)) == 1
    # A number that is part of the text stays.
    assert "12" in " ".join(texts(clean_text("Nombre de participants :\n12\n")))


# --- structure of plain text: lists, headings, dialogue, unwrapped lines -------------------


def test_ordered_and_bulleted_items_keep_their_markers() -> None:
    raw = (
        "Le conseil municipal a décidé :\n"
        "1. de rénover l'école ;\n"
        "2. d'agrandir la cantine.\n\n"
        "Les pièces à fournir :\n"
        "a) une copie du passeport ;\n"
        "b) un justificatif de domicile.\n\n"
        "Le titulaire doit :\n"
        "1° résider en France ;\n"
        "2° être majeur.\n\n"
        "Étapes :\n"
        "1) Remplir le formulaire\n"
        "2) Le signer\n\n"
        "Objectifs :\n"
        "i. informer le public ;\n"
        "ii. former les agents.\n\n"
        "À retenir :\n"
        "– le calendrier\n"
        "– le budget\n"
        "• les partenaires\n"
        "▪ les indicateurs\n"
    )
    items = [(b.structure.marker, b.text) for b in clean_text(raw) if b.kind == LIST_ITEM]
    assert items == [
        ("1.", "de rénover l'école ;"),
        ("2.", "d'agrandir la cantine."),
        ("a)", "une copie du passeport ;"),
        ("b)", "un justificatif de domicile."),
        ("1°", "résider en France ;"),
        ("2°", "être majeur."),
        ("1)", "Remplir le formulaire"),
        ("2)", "Le signer"),
        ("i.", "informer le public ;"),
        ("ii.", "former les agents."),
        ("–", "le calendrier"),
        ("–", "le budget"),
        ("•", "les partenaires"),
        ("▪", "les indicateurs"),
    ]


def test_nested_items_get_their_depth() -> None:
    raw = "Le texte prévoit :\n1. des aides :\na) au logement ;\nb) à la formation ;\n2. des contrôles.\n"
    blocks = [b for b in clean_text(raw) if b.kind == LIST_ITEM]
    assert [(b.structure.marker, b.structure.depth) for b in blocks] == [("1.", 0), ("a)", 1), ("b)", 1), ("2.", 0)]
    indented = "Objectifs :\n• former\n    – les agents\n    – les élus\n• informer\n"
    assert [b.structure.depth for b in clean_text(indented) if b.kind == LIST_ITEM] == [0, 1, 1, 0]


def test_an_initial_at_a_line_start_is_no_list_marker() -> None:
    raw = "Le rapport a été rédigé par\nJ. Dupont et relu par les services.\n"
    assert texts(clean_text(raw)) == ["Le rapport a été rédigé par J. Dupont et relu par les services."]


def test_division_labels_are_headings_of_their_own() -> None:
    raw = (
        "TITRE II\n"
        "DISPOSITIONS FINALES\n\n"
        "Article 12\n"
        "La présente loi entre en vigueur le 1er janvier.\n\n"
        "LETTRE XII.\n\n"
        "Usbek à Rhédi, à Venise. Je t'écris de Paris, où je suis arrivé hier.\n"
    )
    blocks = clean_text(raw)
    assert [(b.kind, b.text, b.structure.level) for b in blocks] == [
        (HEADING, "TITRE II", 2),
        (HEADING, "DISPOSITIONS FINALES", 2),
        (HEADING, "Article 12", 4),
        (PARAGRAPH, "La présente loi entre en vigueur le 1er janvier.", 0),
        (HEADING, "LETTRE XII.", 2),
        (PARAGRAPH, "Usbek à Rhédi, à Venise. Je t'écris de Paris, où je suis arrivé hier.", 0),
    ]


def test_a_title_page_over_several_lines_is_one_title() -> None:
    raw = "JULIE\n\nOU\n\nLA NOUVELLE HÉLOÏSE\n\n\nPREMIÈRE PARTIE\n\n\nLETTRE I\n\nIl faut vous fuir, mademoiselle.\n"
    blocks = clean_text(raw)
    assert [(b.kind, b.text) for b in blocks[:3]] == [
        (HEADING, "JULIE OU LA NOUVELLE HÉLOÏSE"), (HEADING, "PREMIÈRE PARTIE"), (HEADING, "LETTRE I"),
    ]
    kept = clean_text("REMERCIEMENTS\n\nOu presque : merci à tous ceux qui ont relu ce texte.\n")
    assert texts(kept) == ["REMERCIEMENTS", "Ou presque : merci à tous ceux qui ont relu ce texte."]


def test_dialogue_dashes_are_prose_not_lists() -> None:
    raw = (
        "Il entra sans frapper.\n\n"
        "– Vous voilà enfin ! dit-elle.\n\n"
        "– Je n'ai pas pu venir plus tôt, répondit-il.\n\n"
        "– Asseyez-vous donc.\n"
    )
    blocks = clean_text(raw)
    assert all(b.kind == PARAGRAPH for b in blocks)
    assert texts(blocks)[1:] == [
        "– Vous voilà enfin ! dit-elle.",
        "– Je n'ai pas pu venir plus tôt, répondit-il.",
        "– Asseyez-vous donc.",
    ]


def test_text_with_one_paragraph_per_line_keeps_every_line_break() -> None:
    long = (
        "Le conseil a examiné les demandes de subvention des associations sportives et culturelles de la "
        "commune pour l'année prochaine, puis il a entendu les habitants, avant de voter le budget."
    )
    raw = f"{long}\nLe comité est inchangé :\nvice-président : André Martin ;\ntrésorière : Claire Roux.\n{long}\n"
    assert texts(clean_text(raw)) == [
        long,
        "Le comité est inchangé :",
        "vice-président : André Martin ;",
        "trésorière : Claire Roux.",
        long,
    ]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Ce fut son chef-\nd'œuvre, dit-on.", "Ce fut son chef-d'œuvre, dit-on."),
        ("Il a invité sa belle-\nsœur et son frère.", "Il a invité sa belle-sœur et son frère."),
        ("Ils partent chaque week-\nend à la campagne.", "Ils partent chaque week-end à la campagne."),
        ("Le partage des con-\nnaissances progresse.", "Le partage des connaissances progresse."),
        ("Un cœur d'artichaut et des œu-\nvres d'art.", "Un cœur d'artichaut et des œuvres d'art."),
    ],
)
def test_dehyphenation_keeps_real_compounds(raw: str, expected: str) -> None:
    assert texts(clean_text(raw)) == [expected]


def test_mend_broken_paragraphs_joins_lines_cut_by_a_converter() -> None:
    from desktop.library.cleanup import mend_broken_paragraphs

    blocks = [Block(PARAGRAPH, "Le partage des con-"), Block(PARAGRAPH, "naissances entre les pays"), Block(PARAGRAPH, "progresse vite.")]
    assert texts(mend_broken_paragraphs(blocks)) == ["Le partage des connaissances entre les pays progresse vite."]


# --- linear time, by operation counts ----------------------------------------------------


def _repeat(unit: str) -> Callable[[int], str]:
    return lambda n: (unit * (n // len(unit) + 1))[:n]


@pytest.mark.parametrize(
    "unit",
    [
        "une phrase assez longue qui parle de la con-\nnaissance des lan-\ngues et des au-\n",
        "Le texte continue sans fin, mot après mot. ",
        "Les objectifs :\n• renforcer la coopération ;\n1. Partir ;\na) rester\n\n12\n\n",
        "« Il vient. Il part. M. Dupont, J.-C. et l'U.E. (art. 3) etc. Oui ! ",
        "— Viens ! dit-il.\nL'Action doit être reproduite\n\nTITRE II\n",
    ],
    ids=["hyphenated-lines", "one-line", "items-and-page-numbers", "quotations", "dialogue-and-headings"],
)
def test_cleanup_does_linear_work(unit: str) -> None:
    assert growth(_repeat(unit), clean_text) < 4 * 1.3


def test_joining_hyphenated_lines_reads_each_line_once() -> None:
    # The quadratic join of old re-read the whole paragraph at every line end.
    seen = 0
    original = Dehyphenator.junction

    def counting(self: Dehyphenator, first: str, second: str) -> tuple[int, str]:
        nonlocal seen
        seen += len(first) + len(second)
        return original(self, first, second)

    raw = _repeat("la con-\nnaissance des lan-\ngues et des au-\ntres ")(400_000)
    Dehyphenator.junction = counting  # type: ignore[method-assign]
    try:
        clean_text(raw)
    finally:
        Dehyphenator.junction = original  # type: ignore[method-assign]
    assert seen <= 2 * len(raw)
