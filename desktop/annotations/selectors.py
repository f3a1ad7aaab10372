"""W3C Web Annotation selectors over a side's canonical text.

A TextPositionSelector (start/end) is exact but brittle; a TextQuoteSelector (the exact
text with some context either side) survives edits elsewhere. Glose stores both.
"""

from __future__ import annotations

from dataclasses import dataclass

CONTEXT_CHARS = 32


@dataclass(frozen=True)
class TextQuote:
    exact: str
    prefix: str
    suffix: str


def quote_selector(text: str, start: int, end: int, context: int = CONTEXT_CHARS) -> TextQuote:
    """The quote of text[start:end] with up to `context` characters either side."""
    if not 0 <= start < end <= len(text):
        raise ValueError(f"selection {start}-{end} is outside the text (0-{len(text)}) or empty")
    return TextQuote(text[start:end], text[max(0, start - context) : start], text[end : end + context])


def position_selector_json(start: int, end: int) -> dict[str, object]:
    return {"type": "TextPositionSelector", "start": start, "end": end}


def quote_selector_json(quote: TextQuote) -> dict[str, object]:
    return {"type": "TextQuoteSelector", "exact": quote.exact, "prefix": quote.prefix, "suffix": quote.suffix}


def find_occurrence(text: str, quote: str, occurrence: int = 1) -> tuple[int, int]:
    """Span of the `occurrence`-th (1-based) exact occurrence of `quote` in `text`."""
    if not quote:
        raise ValueError("the quote is empty")
    if occurrence < 1:
        raise ValueError("--occurrence counts from 1")
    pos = -1
    for n in range(occurrence):
        pos = text.find(quote, pos + 1)
        if pos < 0:
            raise QuoteNotFound(quote, n, occurrence)
    return pos, pos + len(quote)


class QuoteNotFound(LookupError):
    """A quote not in the text (`found` 0), or fewer times than the occurrence asked for."""

    def __init__(self, quote: str, found: int, occurrence: int) -> None:
        self.quote, self.found, self.occurrence = quote, found, occurrence
        super().__init__(self.describe("the text"))

    def describe(self, where: str, hint: str = "") -> str:
        quote = repr(self.quote[:60])
        if not self.found:
            return f"the quote {quote} is not in {where}" + (f"; {hint}" if hint else "")
        times = "once" if self.found == 1 else f"{self.found} times"
        choices = "--occurrence 1" if self.found == 1 else f"--occurrence 1 to {self.found}"
        return f"the quote {quote} occurs {times} in {where}, so there is no occurrence {self.occurrence}; use {choices}"
