from __future__ import annotations

import pytest

from desktop.annotations.selectors import TextQuote, find_occurrence, position_selector_json, quote_selector, quote_selector_json


def test_quote_has_up_to_32_characters_of_context() -> None:
    text = "a" * 40 + "QUOTE" + "b" * 40
    q = quote_selector(text, 40, 45)
    assert q == TextQuote("QUOTE", "a" * 32, "b" * 32)
    assert quote_selector("QUOTE then", 0, 5) == TextQuote("QUOTE", "", " then")
    with pytest.raises(ValueError):
        quote_selector(text, 10, 10)
    with pytest.raises(ValueError):
        quote_selector(text, 80, 90)


def test_w3c_json_shapes() -> None:
    assert position_selector_json(3, 9) == {"type": "TextPositionSelector", "start": 3, "end": 9}
    assert quote_selector_json(TextQuote("x", "p", "s")) == {"type": "TextQuoteSelector", "exact": "x", "prefix": "p", "suffix": "s"}


def test_find_occurrence() -> None:
    text = "le forum, le forum, le forum"
    assert find_occurrence(text, "le forum", 3) == (20, 28)
    with pytest.raises(LookupError, match="occurs 3 times"):
        find_occurrence(text, "le forum", 4)
    with pytest.raises(LookupError, match="not in the text"):
        find_occurrence(text, "absent")
