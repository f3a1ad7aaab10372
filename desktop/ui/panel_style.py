"""Style of the panels and dialogs (notes, search, model manager, preferences): a small
style sheet filled with the active theme's colours (desktop/ui/theme.py), re-applied
when the palette changes so a theme switch repaints them."""

from __future__ import annotations

from string import Template

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QWidget

from desktop.ui import theme

_SHEET = Template(
    """
#modelBanner { background: ${banner}; border-bottom: 1px solid ${banner_border}; }
#modelBanner QLabel { background: transparent; color: ${text}; }
#modelBanner QLabel#bannerTitle { font-weight: 600; font-size: 11pt; }
#modelBanner QLabel#bannerBody { color: ${text}; }
#modelBanner QPushButton#bannerPrimary { background: ${accent}; color: ${accent_text}; border-color: ${accent}; }
QLabel#placeholder { color: ${muted}; padding: 24px; }
QLabel#dialogIntro, QLabel#hintLabel { color: ${muted}; }
QLabel#messageLabel { padding: 8px 10px; border-radius: 6px; background: ${ok_bg}; color: ${text}; }
QLabel#messageLabel[error="true"] { background: ${error_bg}; color: ${error_text}; }
QLabel#noteQuote { color: ${text}; font-style: italic; padding: 2px 0 4px 10px; border-left: 3px solid ${border}; }
QLabel#orphanInfo { color: ${error_text}; }
QLabel#savedLabel { color: ${muted}; }
QLabel#sectionLabel { color: ${muted}; font-weight: 600; font-size: 8pt; padding: 6px 10px 2px 10px; }
QLabel#searchStatus { color: ${muted}; padding: 2px 2px; }
QFrame#noteEditor { border-top: 1px solid ${border}; }
QToolButton#colorChip { padding: 3px; }
QToolButton#colorChip:checked { background: ${selection}; border-color: ${accent}; }
"""
)

LIGHT_EXTRA = {
    "banner": "#fbf3dc",
    "banner_border": "#eadcae",
    "ok_bg": "#e6f2ea",
    "error_bg": "#fbe9e6",
    "error_text": "#9b2c1f",
}
DARK_EXTRA = {
    "banner": "#2f2b1f",
    "banner_border": "#4a4330",
    "ok_bg": "#253a2c",
    "error_bg": "#45282a",
    "error_text": "#f0a49a",
}


def stylesheet() -> str:
    colors = dict(theme.colors())
    colors.update(DARK_EXTRA if theme.is_dark() else LIGHT_EXTRA)
    return _SHEET.safe_substitute(colors)


def search_mark_color() -> str:
    """Background of the matched words in search snippets."""
    return "#6b5a1e" if theme.is_dark() else "#fbe7a1"


class _Restyler(QObject):
    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.PaletteChange and isinstance(obj, QWidget):
            sheet = stylesheet()
            if obj.styleSheet() != sheet:
                obj.setStyleSheet(sheet)
        return False


def apply_panel_style(widget: QWidget) -> None:
    """Style `widget` now and again whenever the theme (the palette) changes."""
    widget.setStyleSheet(stylesheet())
    restyler = _Restyler(widget)
    widget.installEventFilter(restyler)
