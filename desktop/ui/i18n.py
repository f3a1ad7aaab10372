"""The UI language: Glose's own translation (resources/i18n/glose_fr.qm) and Qt's.

Qt's dialogs (file dialogs, message boxes) use Qt's own catalogue, qtbase_fr.qm from
PySide6's translations folder (the standalone app carries it); a few strings Qt 6 changed
are missing from it and come from resources/i18n/qt_extra_fr.qm. The language can change
while the app runs: `install_translators` replaces the ones installed before.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from desktop import config

LANGUAGES = ("en", "fr")
_active: list[QTranslator] = []


def resolve_language(setting: str) -> str:
    """'en' or 'fr': the setting if it names one, else the system locale."""
    if setting in LANGUAGES:
        return setting
    return "fr" if QLocale.system().language() == QLocale.Language.French else "en"


def qt_translations_dir() -> str:
    """Where qtbase_*.qm are: Qt's own answer, else PySide6's folder (a bundle may lack qt.conf)."""
    path = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if path and any(Path(path).glob("qtbase_*.qm")):
        return path
    import PySide6

    return str(Path(PySide6.__file__).resolve().parent / "Qt" / "translations")


def install_translators(app: QCoreApplication, setting: str = "") -> list[QTranslator]:
    """Install the translators for the language instead of any installed before; returns
    them (keep them alive). Qt asks the last installed first, so Glose's supplement for Qt's
    strings comes after qtbase."""
    remove_translators(app, list(_active))
    language = resolve_language(setting)
    installed: list[QTranslator] = []
    if language == "en":
        return installed
    loads = (
        lambda t: t.load(QLocale(language), "qtbase", "_", qt_translations_dir()),
        lambda t: t.load(str(config.resource_path("i18n", f"qt_extra_{language}.qm"))),
        lambda t: t.load(str(config.resource_path("i18n", f"glose_{language}.qm"))),
    )
    for load in loads:
        translator = QTranslator(app)
        if load(translator):
            app.installTranslator(translator)
            installed.append(translator)
    _active.extend(installed)
    return installed


def remove_translators(app: QCoreApplication, translators: list[QTranslator]) -> None:
    for t in translators:
        app.removeTranslator(t)
        if t in _active:
            _active.remove(t)
