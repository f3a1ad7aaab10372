"""Screenshots of the main states, rendered offscreen from the real app.

By default every state is rendered and checked to be a real picture (not blank, many
colours). With `--screenshots` (`make screenshots`) the PNGs are also written to
docs/screenshots/ for the README.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QSize, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QWidget

from desktop.annotations import store as ann_store
from desktop.library import store as library_store
from desktop.translation import store as translation_store
from desktop.ui import theme
from desktop.ui.app import build_context
from tests.ui.panel_support import copy_library, seeded_template  # noqa: F401 (fixture)

OUT = Path(__file__).resolve().parent.parent.parent / "docs" / "screenshots"
WINDOW = QSize(1440, 900)
SEED = "gfmd-table-ronde-1-partenariats-migration-developpement"

# A person's English for the start of the seed shown in the screenshots (the test model's
# output is deterministic nonsense, fine for tests but not for a picture of the product).
ENGLISH = {
    "RT 1: Partenariats pour la Migration et le Développement": "RT 1: Partnerships for Migration and Development",
    "Rapport du Rapporteur général à la session plénière (M. Manuel Imson, Philippines)":
        "Report of the General Rapporteur to the plenary session (Mr Manuel Imson, Philippines)",
    "Session 1.1 - Partenariats pour une migration plus régulière et protégée":
        "Session 1.1 - Partnerships for more regular and protected migration",
    "Résultats principaux et suivi": "Main outcomes and follow-up",
    "La migration est inhérente à la nature humaine ; la geographie et l'histoire commune peuvent stimuler de partenariats forts entre de pays où la migration peut être un problème clé.":
        "Migration is inherent to human nature; geography and shared history can foster strong partnerships between countries where migration may be a key issue.",
    "La migration régulière, ordonnée et sûre est très importante pour le développement économique durable.":
        "Regular, orderly and safe migration is very important for sustainable economic development.",
    "La table ronde a convenu qu'il est essentiel d'encourager une migration régulière qui respecte les droits de l'homme et qui tire profit des impacts (tant économiques que sociaux) du développement des migrants par des partenariats efficaces entre les gouvernements, les groupes de diaspora, la société civile et le secteur privé.":
        "The round table agreed that it is essential to encourage regular migration that respects human rights and draws on the development impacts of migrants (both economic and social) through effective partnerships between governments, diaspora groups, civil society and the private sector.",
    "Les partenariats sont salutaires pour les pays d'origine, de transit et d’accueil, aussi bien que pour les migrants eux-mêmes.":
        "Partnerships benefit countries of origin, transit and destination, as well as migrants themselves.",
    "Ils peuvent aider à réduire les coûts liés à la sensibilisation des diasporas et à augmenter avec succès la possibilité de maximiser le potentiel des impacts positifs du développement coulant de la migration d'une manière compréhensive et durable.":
        "They can help reduce the costs of reaching out to diasporas and successfully increase the chance of maximising the positive development impacts of migration in a comprehensive and sustainable way.",
    "De partenariats pour une migration plus régulière et plus protégée peuvent être poursuivis de diverses manières au niveau mondial, régional, intra-régional et international.":
        "Partnerships for more regular and better protected migration can be pursued in various ways at the global, regional, intra-regional and international levels.",
    "En plus, les partenariats de multiples parties-prenantes qui apportent la gamme complète des parties-prenantes sont essentiels.":
        "In addition, multi-stakeholder partnerships that bring in the full range of stakeholders are essential.",
    "Certaines des caractéristiques décrites par la table ronde pour des partenariats réussis étaient comme suit:":
        "Some of the features of successful partnerships described by the round table were as follows:",
    "L'importance de la responsabilité partagée et de la cohérence": "The importance of shared responsibility and coherence",
    "La nécessité d'équilibrer les intérêts de migration des pays": "The need to balance the migration interests of countries",
    "L'importance de renforcer la confiance entre les parties": "The importance of building trust between the parties",
    "La nécessité de se rendre compte que le partenariat est un engagement à long terme des deux côtés y inclu l'investissement des ressources financières et personnelles, et":
        "The need to recognise that partnership is a long-term commitment on both sides, including the investment of financial and human resources, and",
    "L'importance de poursuivre de partenariats d'une manière compréhensive, engageant une gamme de problèmes liés à la migration.":
        "The importance of pursuing partnerships comprehensively, addressing a range of migration-related issues.",
    "La fuite des cerveaux est l'un des problèmes qui doivent être abordés par ces partenariats.":
        "Brain drain is one of the issues these partnerships must address.",
    "Néanmoins, l'existence du gain de cerveau et des transferts de connaissance est une réalité et son potentiel devrait être maximisé pour le développement.":
        "Nevertheless, brain gain and knowledge transfer are a reality, and their potential should be maximised for development.",
    "Les pays d'origine et les pays d'accueil devraient éviter la criminalisation des migrants.":
        "Countries of origin and destination should avoid criminalising migrants.",
    "Dans les pays d'accueil et d'origine; il est important de permettre la propagation des connaissances à chaque niveau afin de combattre des perceptions incorrectes ou préjugées en matière de la migration et des migrants.":
        "In countries of destination and origin, it is important to spread knowledge at every level in order to counter incorrect or prejudiced perceptions of migration and migrants.",
    "En même temps, les migrants eux-mêmes doivent être informés sur les défis de la migration.":
        "At the same time, migrants themselves must be informed about the challenges of migration.",
    "La régularisation des migrants ne devrait pas être vue comme facteur d'un impact négatif sur le développement des pays d'accueil.":
        "The regularisation of migrants should not be seen as having a negative impact on the development of destination countries.",
    "Comme recommandation finale, la table ronde a souligné l'importance la question de la migration de retour, soit-elle volontaire ou forcée .":
        "As a final recommendation, the round table stressed the importance of return migration, whether voluntary or forced.",
    "Les pays doivent avoir de politiques et de programmes complètes pour ces migrants de retour, dans les cas volontaires ainsi que dans les cas forcés.":
        "Countries need comprehensive policies and programmes for returning migrants, in voluntary as well as forced cases.",
    "Dans ces derniers cas, il est particulièrement important que les pays d'origine et les pays d'accueil travaillent ensemble.":
        "In the latter cases, it is particularly important that countries of origin and destination work together.",
    "Somme toute, basée sur la variété de partenariats bilatéraux et régionaux discutées durant la table ronde, cette table ronde nous recommande le développement de la Plate-forme de Partenariats, qui devrait être utilisée comme outil pour partager les meilleures pratiques et assister les pays à développer des stratégies pour les partenariats basées sur la connaissance.":
        "All in all, drawing on the variety of bilateral and regional partnerships discussed, this round table recommends developing the Platform for Partnerships, to be used as a tool for sharing good practice and helping countries build knowledge-based partnership strategies.",
    "Session 1.2 – Stratégies communes pour aborder la migration irrégulière":
        "Session 1.2 – Common strategies to address irregular migration",
    "Résultats et actions de suivi": "Outcomes and follow-up actions",
}  # fmt: skip


@pytest.fixture
def shots(request: pytest.FixtureRequest) -> Iterator[dict[str, QImage]]:
    images: dict[str, QImage] = {}
    yield images
    if request.config.getoption("--screenshots", default=False):
        OUT.mkdir(parents=True, exist_ok=True)
        for name, image in images.items():
            assert image.save(str(OUT / f"{name}.png")), name


def settle(seconds: float = 0.3, ctx=None) -> None:
    if ctx is not None:
        ctx.tasks.wait_idle(20_000)
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        QCoreApplication.processEvents()
        time.sleep(0.01)


def check_image(image: QImage, name: str) -> QImage:
    """A real picture: big enough, many colours, not one flat fill."""
    assert not image.isNull(), name
    assert image.width() >= 400 and image.height() >= 250, (name, image.size())
    colours: dict[int, int] = {}
    step = 7
    samples = 0
    for y in range(0, image.height(), step):
        for x in range(0, image.width(), step):
            rgb = image.pixel(x, y)
            colours[rgb] = colours.get(rgb, 0) + 1
            samples += 1
    assert len(colours) > 40, (name, len(colours))
    assert max(colours.values()) / samples < 0.9, (name, "mostly one colour")
    return image


def grab(widget: QWidget, name: str, shots: dict[str, QImage]) -> QImage:
    settle(0.2)
    image = check_image(widget.grab().toImage(), name)
    shots[name] = image
    return image


def seed_id(conn) -> int:
    for d in library_store.list_documents(conn):
        if d.path and Path(d.path).stem == SEED:
            return d.id
    raise AssertionError(f"seed {SEED} not in the library")


@pytest.fixture
def scene(qapp, seeded_template: Path, data_dir: Path, installed_tiny_model):
    """The seed library with a model installed, a translated document and a few notes."""
    copy_library(seeded_template, data_dir)
    theme.apply_theme(qapp, "light")
    ctx = build_context(data_dir, packages_dir=installed_tiny_model.path.parent)
    conn = ctx.conn
    doc = library_store.get_document(conn, seed_id(conn))
    # The test model's output is nonsense; the English shown is a translator's own version of
    # each sentence (post-edits, marked as human in the reader), on top of the model's MT.
    from desktop.translation.engine import load_engine
    from desktop.translation.jobs import translate_document

    translate_document(conn, doc.id, load_engine(installed_tiny_model))
    edited = [s for s in doc.sentences if doc.sentence_text(s) in ENGLISH]
    assert len(edited) >= 20, "the seed's segmentation changed: update ENGLISH"
    for s in edited:
        translation_store.set_post_edit(conn, doc.id, s.index, ENGLISH[doc.sentence_text(s)])
    english = translation_store.english_side(conn, doc, installed_tiny_model.model_id)
    by_text = {doc.sentence_text(s): s for s in doc.sentences}

    def fr(sentence: str, color: str, note: str = "", tags=()) -> None:
        s = by_text[sentence]
        ann_store.create_annotation(conn, doc, "fr", s.start, s.end, color=color, note=note, tags=tags)

    def en(french: str, words: str, color: str, note: str = "", tags=()) -> None:
        s = by_text[french]
        a, _b = english.sentence_spans[s.index]
        start = english.text.index(words, a)
        ann_store.create_annotation(
            conn, doc, "en", start, start + len(words), color=color, note=note, tags=tags, english=english
        )

    fr(
        "La migration régulière, ordonnée et sûre est très importante pour le développement économique durable.",
        "yellow",
        "Key message for the opening statement; echoes GCM objective 5.",
        ["speech", "GCM"],
    )
    en(
        "La table ronde a convenu qu'il est essentiel d'encourager une migration régulière qui respecte les droits de l'homme et qui tire profit des impacts (tant économiques que sociaux) du développement des migrants par des partenariats efficaces entre les gouvernements, les groupes de diaspora, la société civile et le secteur privé.",
        "effective partnerships between governments, diaspora groups, civil society and the private sector",
        "green",
        "Terminology: « parties prenantes » → stakeholders throughout.",
        ["terminology"],
    )
    fr(
        "La fuite des cerveaux est l'un des problèmes qui doivent être abordés par ces partenariats.",
        "pink",
        "Ask the delegation for figures on brain drain since 2019.",
        ["question"],
    )
    fr(
        "Les pays d'origine et les pays d'accueil devraient éviter la criminalisation des migrants.",
        "blue",
        "",
        ["rights"],
    )
    lost = ann_store.create_annotation(
        conn, doc, "fr", by_text["Résultats principaux et suivi"].start, by_text["Résultats principaux et suivi"].end,
        color="purple", note="Heading of the 2007 version; check the new outline.",
    )  # fmt: skip
    ann_store.write_anchors(conn, [_orphaned(lost)])
    yield ctx, doc
    ctx.tasks.wait_idle(20_000)
    ctx.close()


def _orphaned(ann):
    from dataclasses import replace

    return replace(ann, status=ann_store.ORPHANED)


def make_window(ctx, doc_id: int, qtbot):
    from desktop.ui.main_window import MainWindow
    from tests.ui.conftest import open_and_wait

    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.resize(WINDOW)
    window.show()
    qtbot.waitExposed(window)
    open_and_wait(qtbot, window.reader, doc_id, paragraph_index=0)
    window.library.select_document(doc_id)
    # Room for the titles in the library and for the note cards.
    window.resizeDocks(
        [window.library.parentWidget(), window.panels.notes_dock], [300, 380], Qt.Orientation.Horizontal
    )
    qtbot.waitUntil(lambda: not window.translation.is_running(), timeout=60_000)
    settle(0.3, ctx)
    return window


def test_screenshots_of_the_main_states(qtbot, qapp, scene, shots, tmp_path: Path) -> None:
    ctx, doc = scene
    window = make_window(ctx, doc.id, qtbot)
    panels = window.panels
    assert panels.banner.isHidden()  # a model is installed

    # 1. Reading: translations, highlights on both sides, the notes panel.
    panels.notes_dock.raise_()
    qtbot.waitUntil(lambda: len(panels.notes.visible_ids()) == 5, timeout=10_000)
    english_note = next(a for a in panels.notes.annotations if a.side == "en")
    panels.notes.select_annotation(english_note.id)
    window.reader.hover_sentence(4)  # sentence sync: the pointer is on a French sentence
    grab(window, "reader", shots)
    window.reader.hover_sentence(None)

    # 2. Notes of the whole library; a note clicked: the reader shows its passage.
    with qtbot.waitSignal(panels.notes.loaded, timeout=10_000):
        panels.notes.set_scope("library")
    pink = next(a for a in panels.notes.annotations if a.color == "pink")
    panels.notes.select_annotation(pink.id)
    panels.notes.activate(panels.notes.index_for(pink.id))
    qtbot.waitUntil(window.reader.flashing, timeout=60_000)
    grab(window, "notes", shots)

    # 3. Search across the library; Enter on the first hit opens it in the reader.
    panels.start_search("library")
    panels.search.field.setText("migration régulière")
    panels.search.search_now()
    settle(0.2, ctx)
    assert panels.search.hits
    panels.search.activate_row(0)
    hit = panels.search.hits[0]
    qtbot.waitUntil(
        lambda: window.reader.document_view() is not None and window.reader.document_view().doc.id == hit.doc_id,
        timeout=15_000,
    )
    qtbot.waitUntil(window.reader.flashing, timeout=10_000)
    settle(0.3)
    grab(window, "search", shots)

    # 4. The model manager.
    dialog = panels.show_model_manager()
    dialog.resize(680, 400)
    dialog.show_message(dialog.tr("French → English 1.0 installed. Documents will now be translated."))
    grab(dialog, "model-manager", shots)
    dialog.close()

    # 5. Dark theme, with the notes.
    panels.notes_dock.raise_()
    window.set_theme("dark")
    settle(0.4, ctx)
    grab(window, "dark", shots)
    window.set_theme("light")
    settle(0.2, ctx)
    window.close()


def test_screenshot_french_ui(qtbot, qapp, scene, shots) -> None:
    from desktop.ui.i18n import install_translators, remove_translators

    ctx, doc = scene
    translators = install_translators(qapp, "fr")
    try:
        window = make_window(ctx, doc.id, qtbot)
        window.panels.notes_dock.raise_()
        qtbot.waitUntil(lambda: len(window.panels.notes.visible_ids()) == 5, timeout=10_000)
        window.panels.notes.select_annotation(next(a.id for a in window.panels.notes.annotations if a.color == "yellow"))
        image = grab(window, "french", shots)
        assert window.menu("file").title() == "&Fichier"
        window.close()
    finally:
        remove_translators(qapp, translators)
    assert image.width() == WINDOW.width()


def test_screenshot_first_start_banner(qtbot, qapp, seeded_template: Path, data_dir: Path, tmp_path: Path, shots) -> None:
    copy_library(seeded_template, data_dir)
    theme.apply_theme(qapp, "light")
    ctx = build_context(data_dir, packages_dir=tmp_path / "no-models")
    try:
        window = make_window(ctx, seed_id(ctx.conn), qtbot)
        assert window.panels.banner.isVisible()
        window.panels.library_dock = window.library.parentWidget()
        grab(window, "first-start", shots)
        window.close()
    finally:
        ctx.tasks.wait_idle(20_000)
        ctx.close()
    assert isinstance(QApplication.instance(), QApplication)
