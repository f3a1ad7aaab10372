"""Light, dark and follow-the-system themes: palette, style sheet, themed SVG icons.

The style sheet is a template (resources/styles/glose.qss) filled with the active
theme's colours; icons are monochrome SVGs recoloured to the theme's icon colour.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from functools import lru_cache
from pathlib import Path
from string import Template

from PySide6.QtCore import QByteArray, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import QApplication

from desktop import config

THEMES = ("system", "light", "dark")

LIGHT = {
    "window": "#f6f4ef",
    "base": "#fffdf8",
    "alt_base": "#f1eee6",
    "text": "#2b2a27",
    "muted": "#8a857a",
    "border": "#dedad0",
    "accent": "#2f6f8f",
    "accent_text": "#ffffff",
    "selection": "#cfe3ee",
    "hover": "#ece8de",
    "icon": "#4a4740",
    "sync": "#dcebf3",
    "sync_border": "#7fb1c9",
    "placeholder": "#b3ada0",
    "human": "#2e7d4f",
    "flag": "#c0392b",
    "flash": "#ffd54f",
    "header": "#efebe2",
}

DARK = {
    "window": "#1f2124",
    "base": "#25282c",
    "alt_base": "#2b2e33",
    "text": "#e4e1da",
    "muted": "#8f8b83",
    "border": "#3a3e44",
    "accent": "#6bb3d6",
    "accent_text": "#111315",
    "selection": "#35566a",
    "hover": "#30343a",
    "icon": "#cfcbc2",
    "sync": "#2f4250",
    "sync_border": "#5b8aa3",
    "placeholder": "#6d6a64",
    "human": "#7fcf9b",
    "flag": "#ef7d6d",
    "flash": "#8a6d12",
    "header": "#2a2d31",
}

# Highlight fills per theme: full strength for the passage, a light tint for its counterpart.
HIGHLIGHT_LIGHT = {"yellow": "#fff176", "green": "#a5d6a7", "blue": "#90caf9", "pink": "#f48fb1", "purple": "#ce93d8"}
HIGHLIGHT_DARK = {"yellow": "#7a6a1c", "green": "#2f5e3a", "blue": "#24507a", "pink": "#7a2f4f", "purple": "#5a3a78"}

_current: dict[str, str] = dict(LIGHT)
_current_dark = False


def system_prefers_dark() -> bool:
    hints = QGuiApplication.styleHints()
    try:
        return hints.colorScheme() == Qt.ColorScheme.Dark
    except AttributeError:  # Qt < 6.5
        return False


def resolve(key: str) -> str:
    """'light' or 'dark' for a theme setting."""
    if key == "dark" or (key == "system" and system_prefers_dark()):
        return "dark"
    return "light"


def colors() -> dict[str, str]:
    return _current


def is_dark(_app: QApplication | None = None) -> bool:
    return _current_dark


def highlight_color(name: str, tint: bool = False) -> QColor:
    table = HIGHLIGHT_DARK if _current_dark else HIGHLIGHT_LIGHT
    color = QColor(table.get(name, table["yellow"]))
    if tint:
        color.setAlpha(90 if _current_dark else 110)
    return color


def _palette(c: dict[str, str]) -> QPalette:
    p = QPalette()
    role = QPalette.ColorRole
    p.setColor(role.Window, QColor(c["window"]))
    p.setColor(role.WindowText, QColor(c["text"]))
    p.setColor(role.Base, QColor(c["base"]))
    p.setColor(role.AlternateBase, QColor(c["alt_base"]))
    p.setColor(role.Text, QColor(c["text"]))
    p.setColor(role.Button, QColor(c["window"]))
    p.setColor(role.ButtonText, QColor(c["text"]))
    p.setColor(role.Highlight, QColor(c["selection"]))
    p.setColor(role.HighlightedText, QColor(c["text"]))
    p.setColor(role.ToolTipBase, QColor(c["base"]))
    p.setColor(role.ToolTipText, QColor(c["text"]))
    p.setColor(role.PlaceholderText, QColor(c["muted"]))
    p.setColor(role.Link, QColor(c["accent"]))
    p.setColor(role.Mid, QColor(c["border"]))
    p.setColor(QPalette.ColorGroup.Disabled, role.Text, QColor(c["muted"]))
    p.setColor(QPalette.ColorGroup.Disabled, role.WindowText, QColor(c["muted"]))
    p.setColor(QPalette.ColorGroup.Disabled, role.ButtonText, QColor(c["muted"]))
    return p


@lru_cache(maxsize=4)
def _stylesheet_template() -> Template:
    path = config.resource_path("styles", "glose.qss")
    try:
        return Template(path.read_text(encoding="utf-8"))
    except OSError:
        return Template("")


def apply_theme(app: QApplication | None, key: str) -> str:
    """Apply a theme setting ('system', 'light', 'dark'); returns the one in effect."""
    global _current, _current_dark
    effective = resolve(key if key in THEMES else "system")
    _current_dark = effective == "dark"
    _current = dict(DARK if _current_dark else LIGHT)
    _icon_cache.clear()
    if app is not None:
        if app.style().objectName().lower() != "fusion":
            app.setStyle("Fusion")
        app.setPalette(_palette(_current))
        app.setStyleSheet(_stylesheet_template().safe_substitute(_current, **_arrow_images(_current)))
    return effective


def _arrow_images(c: dict[str, str]) -> dict[str, str]:
    """Spin-box and combo-box arrows in the theme's colours: style sheets take images from
    files, so the recoloured SVGs are written once per colour to a private folder."""
    global _style_dir
    if _style_dir is None:
        _style_dir = tempfile.mkdtemp(prefix="glose-style-")
        atexit.register(shutil.rmtree, _style_dir, True)
    out = {}
    for key, name, color in (
        ("arrow_up", "arrow-up", c["text"]),
        ("arrow_down", "arrow-down", c["text"]),
        ("arrow_up_off", "arrow-up", c["placeholder"]),
        ("arrow_down_off", "arrow-down", c["placeholder"]),
    ):
        target = Path(_style_dir) / f"{name}-{color.lstrip('#')}.svg"
        if not target.exists():
            try:
                svg = config.resource_path("icons", f"{name}.svg").read_text(encoding="utf-8")
                target.write_text(svg.replace("currentColor", color), encoding="utf-8")
            except OSError:
                pass
        out[key] = target.as_posix()
    return out


_style_dir: str | None = None


# -- icons ----------------------------------------------------------------------------

_icon_cache: dict[tuple[str, str], QIcon] = {}


def _render_svg(data: bytes, size: int) -> QPixmap:
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(QByteArray(data))
    ratio = 2.0  # crisp on high-DPI screens; Qt scales down for 1x
    pix = QPixmap(int(size * ratio), int(size * ratio))
    pix.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pix)
    renderer.render(painter, QRectF(0, 0, size * ratio, size * ratio))
    painter.end()
    pix.setDevicePixelRatio(ratio)
    return pix


def icon(name: str, color: str | None = None) -> QIcon:
    """resources/icons/NAME.svg recoloured ('currentColor') to the theme's icon colour."""
    tint = color or _current["icon"]
    key = (name, tint)
    cached = _icon_cache.get(key)
    if cached is not None:
        return cached
    path = config.resource_path("icons", f"{name}.svg")
    result = QIcon()
    try:
        data = path.read_text(encoding="utf-8").replace("currentColor", tint).encode("utf-8")
    except OSError:
        data = b""
    if data:
        for size in (16, 20, 24, 32):
            result.addPixmap(_render_svg(data, size))
    _icon_cache[key] = result
    return result


def swatch_icon(color_name: str, size: int = 20) -> QIcon:
    """A round colour swatch for a highlight colour."""
    ratio = 2.0
    pix = QPixmap(int(size * ratio), int(size * ratio))
    pix.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pix)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    fill = QColor(HIGHLIGHT_LIGHT.get(color_name, "#fff176"))
    painter.setBrush(fill)
    painter.setPen(QColor(0, 0, 0, 60) if not _current_dark else QColor(255, 255, 255, 90))
    margin = 3 * ratio
    painter.drawEllipse(QRectF(margin, margin, size * ratio - 2 * margin, size * ratio - 2 * margin))
    painter.end()
    pix.setDevicePixelRatio(ratio)
    return QIcon(pix)


def icon_size() -> QSize:
    return QSize(20, 20)
