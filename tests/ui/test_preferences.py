"""Preferences, Help → Keyboard shortcuts, and the French interface."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QAction, QFont

from desktop.annotations.colours import color_labels
from desktop.ui.preferences import PreferencesDialog
from desktop.ui.shortcuts_help import ShortcutsDialog, clean_text, collect_shortcuts
from tests.ui.panel_support import app_context


@pytest.fixture
def ctx(data_dir: Path):
    with app_context(data_dir) as context:
        yield context


def test_preferences_save_and_announce_each_change(qtbot, ctx) -> None:
    dialog = PreferencesDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.set_theme("dark")
    dialog.set_language("fr")
    assert dialog.language_note.isVisibleTo(dialog)  # "from the next start"
    dialog.font_box.setCurrentFont(QFont("DejaVu Sans"))
    dialog.size_box.setValue(17)
    dialog.label_edits["green"].setText("  terminologie   UE ")
    labels = []
    dialog.labelsChanged.connect(labels.append)
    with qtbot.waitSignals(
        [dialog.themeChanged, dialog.languageChanged, dialog.fontChanged, dialog.labelsChanged], timeout=60_000
    ):
        dialog.accept()
    assert ctx.settings.theme == "dark"
    assert ctx.settings.ui_language == "fr"
    assert ctx.settings.reader_font == "DejaVu Sans"
    assert ctx.settings.font_size == 17
    assert color_labels(ctx.conn)["green"] == "terminologie UE"
    assert labels[0]["green"] == "terminologie UE"


def test_unchanged_preferences_announce_nothing(qtbot, ctx) -> None:
    dialog = PreferencesDialog(ctx)
    qtbot.addWidget(dialog)
    seen = []
    for signal in (dialog.themeChanged, dialog.languageChanged, dialog.fontChanged, dialog.labelsChanged):
        signal.connect(lambda *a, s=signal: seen.append(a))
    dialog.accept()
    assert seen == []
    assert ctx.settings.reader_font == ""  # the default serif stays "default"


def test_emptied_colour_meaning_restores_the_default(qtbot, ctx) -> None:
    from desktop.annotations.colours import DEFAULT_LABELS, set_color_label

    set_color_label(ctx.conn, "pink", "à vérifier")
    dialog = PreferencesDialog(ctx)
    qtbot.addWidget(dialog)
    assert dialog.label_edits["pink"].text() == "à vérifier"
    dialog.label_edits["pink"].clear()
    dialog.accept()
    assert color_labels(ctx.conn)["pink"] == DEFAULT_LABELS["pink"]


def test_theme_from_preferences_applies_in_the_window(qtbot, window) -> None:
    from desktop.ui import theme

    window.panels.show_preferences()
    dialog = window.panels.preferences_dialog
    dialog.set_theme("dark")
    dialog.label_edits["green"].setText("terminologie")
    dialog.font_box.setCurrentFont(QFont("DejaVu Sans"))
    dialog.size_box.setValue(15)
    dialog.accept()
    assert theme.is_dark()
    assert window.ctx.settings.theme == "dark"
    assert window.reader.font_size == 15
    assert window.reader.reading_font().families()[0] == "DejaVu Sans"
    assert window.reader.view.document().defaultFont().pointSize() == 15
    green = next(a for a in window.reader.highlight_actions() if a.data() == "green")
    assert "(terminologie)" in green.text() and "terminologie" in green.toolTip()
    assert window.panels.notes.labels["green"] == "terminologie"
    window.set_theme("light")


def test_shortcuts_table_lists_every_action_with_a_key(qtbot, window) -> None:
    expected = {
        (clean_text(a.text()), ", ".join(s.toString() for s in a.shortcuts()))
        for a in window.findChildren(QAction)
        if a.shortcuts() and clean_text(a.text())
    }
    rows = collect_shortcuts(window)
    assert {(r.action.split(" › ")[-1], r.keys) for r in rows} == expected
    by_action = {r.action: r for r in rows}
    assert by_action["Find in Library"].keys == "Ctrl+Shift+F"
    assert by_action["Find in Library"].group == "Edit"
    assert by_action["Next Search Result"].keys == "F3"
    assert "Ctrl+Z" in by_action["Undo"].keys
    assert by_action["Bilingual PDF for Printing"].group == "Export"
    assert by_action["Notes of This Document › Markdown briefing"].keys == "Ctrl+E"
    assert by_action["Notes of the Whole Library › Markdown briefing"].keys == "Ctrl+Shift+E"
    dialog = ShortcutsDialog(window)
    qtbot.addWidget(dialog)
    assert len(dialog.visible_rows()) == len(rows)
    dialog.filter_edit.setText("f3")
    assert {a for a, _k in dialog.visible_rows()} == {"Next Search Result", "Previous Search Result"}


@pytest.fixture
def french(qapp):
    """The French interface, as `glose` installs it for a French locale or setting."""
    from desktop.ui.i18n import install_translators, remove_translators

    translators = install_translators(qapp, "fr")
    assert translators, "resources/i18n/glose_fr.qm is missing: run pyside6-lrelease"
    yield
    remove_translators(qapp, translators)


def test_french_ui_shows_french_strings(qtbot, french, window) -> None:
    from desktop.ui.model_manager import ModelManagerDialog

    titles = [m.title() for m in window.menuBar().findChildren(type(window.menu("file"))) if m.title()]
    assert "&Fichier" in titles and "&Édition" in titles and "E&xporter" in titles
    panels = window.panels
    assert panels.search.field.placeholderText() == "Rechercher dans la bibliothèque…"
    assert panels.notes.filter_edit.placeholderText() == "Filtrer les notes…"
    assert panels.act_find_library.text() == "Rechercher dans la &bibliothèque…"
    assert panels.banner.install_button.text() == "Installer depuis un fichier…"
    dialog = ModelManagerDialog(window.ctx)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Modèles de traduction"
    prefs = PreferencesDialog(window.ctx)
    qtbot.addWidget(prefs)
    assert prefs.windowTitle() == "Préférences"
    rows = {r.action for r in collect_shortcuts(window)}
    assert "Raccourcis clavier" in rows and "Résultat suivant" in rows
    # Default colour meanings are shown in French; the stored data keeps the defaults.
    assert panels.notes.labels["green"] == "terminologie"
    green = next(a for a in window.reader.highlight_actions() if a.data() == "green")
    assert "terminologie" in green.text()
    assert prefs.label_edits["purple"].placeholderText() == "à traduire"
