from __future__ import annotations

import sqlite3

import pytest

from desktop.annotations import colours


def test_five_colours_with_renamable_meanings(conn: sqlite3.Connection) -> None:
    assert colours.COLORS == ("yellow", "green", "blue", "pink", "purple")
    assert colours.color_labels(conn) == colours.DEFAULT_LABELS
    colours.set_color_label(conn, "Green", "  terminologie   juridique ")
    assert colours.color_labels(conn)["green"] == "terminologie juridique"
    colours.set_color_label(conn, "green", "")
    assert colours.color_labels(conn)["green"] == colours.DEFAULT_LABELS["green"]


def test_unknown_colour_is_refused_naming_the_valid_ones(conn: sqlite3.Connection) -> None:
    with pytest.raises(ValueError, match="yellow, green, blue, pink, purple"):
        colours.set_color_label(conn, "orange", "x")
    assert colours.check_color(" PINK ") == "pink"
