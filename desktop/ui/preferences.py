"""Preferences: UI language, theme, reading font and size, what each highlight colour means,
and where translations are made (this computer or a LibreTranslate server).

Theme, font and colour meanings apply at once; the UI language when saved (the window
opens again in it: desktop/ui/language_switch.py).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFontComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.annotations.colours import COLORS, DEFAULT_LABELS, color_labels, set_color_label
from desktop.ui.colour_names import colour_names, default_meanings
from desktop.ui.notes_panel import color_icon
from desktop.ui.panel_style import apply_panel_style
from desktop.ui.settings import MAX_FONT_SIZE, MIN_FONT_SIZE

SERIF_DEFAULTS = ("Noto Serif", "Source Serif 4", "DejaVu Serif", "Georgia", "Times New Roman")


def default_reading_family() -> str:
    families = set(QFontDatabase.families())
    return next((f for f in SERIF_DEFAULTS if f in families), QFont().defaultFamily())


class PreferencesDialog(QDialog):
    themeChanged = Signal(str)  # "system" | "light" | "dark"
    fontChanged = Signal(str, int)  # family ("" = default), point size
    labelsChanged = Signal(dict)  # colour -> meaning
    languageChanged = Signal(str)  # "" (system) | "en" | "fr"; applies after restart

    def __init__(self, ctx: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("preferences")
        self.setWindowTitle(self.tr("Preferences"))
        self.setMinimumWidth(480)
        settings = ctx.settings

        # -- appearance
        self.language_box = QComboBox()
        self.language_box.setAccessibleName(self.tr("Interface language"))
        self.language_box.addItem(self.tr("Same as the system"), "")
        self.language_box.addItem("English", "en")
        self.language_box.addItem("Français", "fr")
        self.language_box.setCurrentIndex(max(0, self.language_box.findData(settings.ui_language)))
        self.language_note = QLabel(self.tr("Applied when you save: the window opens again in the new language."))
        self.language_note.setObjectName("hintLabel")
        self.language_note.setVisible(False)
        self.language_box.currentIndexChanged.connect(
            lambda _i: self.language_note.setVisible(self.language_box.currentData() != settings.ui_language)
        )
        self.theme_box = QComboBox()
        self.theme_box.setAccessibleName(self.tr("Theme"))
        self.theme_box.addItem(self.tr("Follow the system"), "system")
        self.theme_box.addItem(self.tr("Light"), "light")
        self.theme_box.addItem(self.tr("Dark"), "dark")
        self.theme_box.setCurrentIndex(max(0, self.theme_box.findData(settings.theme)))
        appearance = QGroupBox(self.tr("Appearance"))
        form = QFormLayout(appearance)
        form.addRow(self.tr("&Language:"), self.language_box)
        form.addRow("", self.language_note)
        form.addRow(self.tr("&Theme:"), self.theme_box)

        # -- reading
        self.font_box = QFontComboBox()
        self.font_box.setAccessibleName(self.tr("Reading font"))
        self.font_box.setCurrentFont(QFont(settings.reader_font or default_reading_family()))
        self.size_box = QSpinBox()
        self.size_box.setAccessibleName(self.tr("Reading font size"))
        self.size_box.setRange(MIN_FONT_SIZE, MAX_FONT_SIZE)
        self.size_box.setSuffix(" pt")
        self.size_box.setValue(settings.font_size)
        self.sample = QLabel("« La migration est inhérente à la nature humaine. »")
        self.sample.setObjectName("fontSample")
        self.sample.setWordWrap(True)
        self.font_box.currentFontChanged.connect(lambda _f: self._update_sample())
        self.size_box.valueChanged.connect(lambda _v: self._update_sample())
        reading = QGroupBox(self.tr("Reading"))
        form = QFormLayout(reading)
        form.addRow(self.tr("&Font:"), self.font_box)
        form.addRow(self.tr("&Size:"), self.size_box)
        form.addRow("", self.sample)
        self._update_sample()

        # -- colour meanings
        labels = color_labels(ctx.conn)
        names = colour_names()
        self.label_edits: dict[str, QLineEdit] = {}
        colours = QGroupBox(self.tr("Highlight colours"))
        form = QFormLayout(colours)
        defaults = default_meanings()
        for color in COLORS:
            # A default meaning shows as the placeholder (in the UI language); typing names it.
            edit = QLineEdit("" if labels[color] == DEFAULT_LABELS[color] else labels[color])
            edit.setPlaceholderText(defaults[color])
            edit.setAccessibleName(self.tr("Meaning of %1").replace("%1", names[color]))
            edit.setMaxLength(40)
            self.label_edits[color] = edit
            swatch = QLabel()
            swatch.setPixmap(color_icon(color, 16).pixmap(16, 16))
            swatch.setToolTip(names[color])
            row = QWidget()
            box = QVBoxLayout(row)
            box.setContentsMargins(0, 0, 0, 0)
            box.addWidget(edit)
            form.addRow(swatch, row)

        # -- translation backend (desktop/ui/server_prefs.py)
        from desktop.ui.server_prefs import ServerPreferences

        self.server_box = ServerPreferences(ctx)
        self.backendChanged = self.server_box.changed

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Save"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 14)
        layout.setSpacing(12)
        layout.addWidget(appearance)
        layout.addWidget(reading)
        layout.addWidget(colours)
        layout.addWidget(self.server_box)
        layout.addWidget(buttons)
        apply_panel_style(self)

    def _update_sample(self) -> None:
        font = QFont(self.font_box.currentFont())
        font.setPointSize(self.size_box.value())
        self.sample.setFont(font)

    def set_language(self, code: str) -> None:
        self.language_box.setCurrentIndex(max(0, self.language_box.findData(code)))

    def set_theme(self, key: str) -> None:
        self.theme_box.setCurrentIndex(max(0, self.theme_box.findData(key)))

    def apply(self) -> None:
        """Save every choice and tell the window what changed."""
        settings = self.ctx.settings
        language = self.language_box.currentData()
        if language != settings.ui_language:
            settings.set("ui/language", language)
            self.languageChanged.emit(language)
        theme = self.theme_box.currentData()
        if theme != settings.theme:
            settings.set("ui/theme", theme)
            self.themeChanged.emit(theme)
        family = self.font_box.currentFont().family()
        if family == default_reading_family() and not settings.reader_font:
            family = ""
        size = self.size_box.value()
        if family != settings.reader_font or size != settings.font_size:
            settings.set("reader/font_family", family)
            settings.set("reader/font_size", size)
            self.fontChanged.emit(family, size)
        before = color_labels(self.ctx.conn)
        changed = False
        for color, edit in self.label_edits.items():
            label = " ".join(edit.text().split())
            if label != before[color] and not (not label and before[color] == DEFAULT_LABELS[color]):
                set_color_label(self.ctx.conn, color, label)
                changed = True
        if changed:
            self.labelsChanged.emit(color_labels(self.ctx.conn))
        settings.sync()
        self.server_box.apply()

    def accept(self) -> None:
        if not self.server_box.validate():  # an unusable server address: say why, stay open
            return
        self.apply()
        super().accept()

