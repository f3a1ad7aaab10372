"""The UI language: Glose's own translation (resources/i18n/glose_fr.qm) and Qt's."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from desktop import config

LANGUAGES = ("en", "fr")


def resolve_language(setting: str) -> str:
    """'en' or 'fr': the setting if it names one, else the system locale."""
    if setting in LANGUAGES:
        return setting
    return "fr" if QLocale.system().language() == QLocale.Language.French else "en"


def install_translators(app: QCoreApplication, setting: str = "") -> list[QTranslator]:
    """Install the translators for the language; returns them (keep them alive)."""
    language = resolve_language(setting)
    installed: list[QTranslator] = []
    if language == "en":
        return installed
    own = QTranslator(app)
    if own.load(str(config.resource_path("i18n", f"glose_{language}.qm"))):
        app.installTranslator(own)
        installed.append(own)
    qt = QTranslator(app)
    if qt.load(QLocale(language), "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        installed.append(qt)
    return installed


def remove_translators(app: QCoreApplication, translators: list[QTranslator]) -> None:
    for t in translators:
        app.removeTranslator(t)
