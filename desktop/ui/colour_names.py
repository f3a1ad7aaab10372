"""The highlight colours' meanings as the UI shows them: the user's own names as typed,
the default meanings in the interface language."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from desktop.annotations.colours import DEFAULT_LABELS


def colour_names() -> dict[str, str]:
    """The five highlight colours' own names in the UI language."""
    return {
        "yellow": QCoreApplication.translate("ColourNames", "Yellow"),
        "green": QCoreApplication.translate("ColourNames", "Green"),
        "blue": QCoreApplication.translate("ColourNames", "Blue"),
        "pink": QCoreApplication.translate("ColourNames", "Pink"),
        "purple": QCoreApplication.translate("ColourNames", "Purple"),
    }


def default_meanings() -> dict[str, str]:
    return {
        "yellow": QCoreApplication.translate("ColourLabels", "important"),
        "green": QCoreApplication.translate("ColourLabels", "terminology"),
        "blue": QCoreApplication.translate("ColourLabels", "reference"),
        "pink": QCoreApplication.translate("ColourLabels", "question"),
        "purple": QCoreApplication.translate("ColourLabels", "to translate"),
    }


def display_labels(labels: dict[str, str]) -> dict[str, str]:
    """colour -> meaning to show: a default meaning is translated, a user's own is kept."""
    translated = default_meanings()
    return {
        color: translated.get(color, label) if label == DEFAULT_LABELS.get(color) else label
        for color, label in labels.items()
    }
