"""What one page of a PDF (or a scanned image) holds once its characters are placed.

Coordinates are PDF points from the top-left corner of the page (y grows downwards),
whether they come from a text layer or from OCR (pixels scaled by 72 / dpi), so the
layout rules downstream are the same for both.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# A word recognised with a confidence below this (0-100, Tesseract's scale) is stored as
# a low-confidence span (measured on the generated scans: tests/bench/bench_pdf.py).
LOW_CONFIDENCE = 80.0


class Unreadable(Exception):
    """The file cannot be read; the message says why and what to do (shown as is)."""


@dataclass(slots=True)
class Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    baseline: float
    size: float  # font size in points (for OCR: estimated from the line's height)
    bold: bool = False
    conf: float = 100.0  # OCR confidence 0-100; 100 for a text layer
    spacing: float = 0.0  # letter spacing inside the word (letter-spaced headings)
    group: int = -1  # OCR: the line Tesseract put it on (never split), -1 for a text layer


@dataclass(slots=True)
class Line:
    """One line of text in reading order (compact: no per-word geometry is kept)."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float
    bold: bool
    region: int = 0  # which column segment of the page (reading-order region)
    marker: str = ""  # a bullet drawn as a shape (or image) left of the line
    low: tuple[tuple[int, int, float], ...] = ()  # (start, end, confidence) in `text`
    cell: tuple[int, int, int, bool] | None = None  # (table on the page, row, col, header)

    @property
    def height(self) -> float:
        return self.bottom - self.top


@dataclass(slots=True)
class PageLines:
    number: int  # physical page, 1-based
    label: str  # printed label from /PageLabels, "" if none
    width: float
    height: float
    lines: list[Line] = field(default_factory=list)
    ocr: bool = False  # the text came from OCR
    # Short horizontal rules in the lower half (a footnote separator), as their top y.
    rules: list[float] = field(default_factory=list)


def median(values: list[float], default: float = 0.0) -> float:
    if not values:
        return default
    s = sorted(values)
    n = len(s)
    return s[n // 2] if n % 2 else (s[n // 2 - 1] + s[n // 2]) / 2
