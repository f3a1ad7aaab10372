"""The five highlight colours and the meaning the user gives each (stored in `color_labels`)."""

from __future__ import annotations

import sqlite3

COLORS: tuple[str, ...] = ("yellow", "green", "blue", "pink", "purple")
DEFAULT_COLOR = "yellow"

# Default meanings; the user renames them (e.g. "terminology") and the choice is kept per library.
DEFAULT_LABELS: dict[str, str] = {
    "yellow": "important",
    "green": "terminology",
    "blue": "reference",
    "pink": "question",
    "purple": "to translate",
}

# Display colours for the UI and the Markdown export (light enough to read black text on).
HEX: dict[str, str] = {
    "yellow": "#fff176",
    "green": "#a5d6a7",
    "blue": "#90caf9",
    "pink": "#f48fb1",
    "purple": "#ce93d8",
}


def check_color(color: str) -> str:
    """The colour name normalised, or ValueError naming the valid ones."""
    name = color.strip().lower()
    if name not in COLORS:
        raise ValueError(f"unknown colour {color!r}; use one of: {', '.join(COLORS)}")
    return name


def color_labels(conn: sqlite3.Connection) -> dict[str, str]:
    """colour -> its meaning, the user's own where set."""
    labels = dict(DEFAULT_LABELS)
    for color, label in conn.execute("SELECT color, label FROM color_labels"):
        if color in labels:
            labels[color] = label
    return labels


def set_color_label(conn: sqlite3.Connection, color: str, label: str) -> None:
    """Rename a colour's meaning; an empty label restores the default."""
    color = check_color(color)
    label = " ".join(label.split())
    with conn:
        if label:
            conn.execute(
                "INSERT INTO color_labels (color, label) VALUES (?, ?) "
                "ON CONFLICT(color) DO UPDATE SET label = excluded.label",
                (color, label),
            )
        else:
            conn.execute("DELETE FROM color_labels WHERE color = ?", (color,))
