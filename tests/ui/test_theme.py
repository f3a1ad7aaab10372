"""The style sheet in both themes: what must stay visible (issue 17 items 8 and 9)."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QPushButton, QSpinBox

from desktop.ui import theme


@pytest.fixture(params=["light", "dark"])
def themed(request, qapp):
    theme.apply_theme(qapp, request.param)
    yield request.param
    theme.apply_theme(qapp, "light")


def _contrast(image, x0: int, x1: int, background: QColor) -> float:
    """The largest lightness difference from the background in columns x0..x1."""
    best = 0
    for x in range(x0, x1):
        for y in range(image.height()):
            best = max(best, abs(QColor(image.pixel(x, y)).lightness() - background.lightness()))
    return best


def test_spin_box_arrows_are_visible(qtbot, themed) -> None:
    """Regression: in the dark theme the arrows were dark on dark."""
    box = QSpinBox()
    qtbot.addWidget(box)
    box.setRange(8, 40)
    box.setValue(13)
    box.resize(160, 30)
    box.show()
    qtbot.waitExposed(box)
    image = box.grab().toImage()
    background = QColor(theme.colors()["base"])
    assert _contrast(image, image.width() - 18, image.width() - 4, background) > 100, themed


def test_a_disabled_button_looks_disabled(qtbot, themed) -> None:
    """Regression: Remove… looked enabled with no model to remove."""
    button = QPushButton("Remove…")
    qtbot.addWidget(button)
    button.resize(120, 32)
    button.show()
    qtbot.waitExposed(button)
    enabled = button.grab().toImage()
    button.setEnabled(False)
    disabled = button.grab().toImage()
    background = QColor(theme.colors()["base"])
    assert _contrast(disabled, 10, 110, background) < _contrast(enabled, 10, 110, background) - 40
