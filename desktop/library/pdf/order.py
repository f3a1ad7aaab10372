"""Reading order across columns: a recursive XY cut with column-aware bands.

The page's boxes (lines, tables) are cut into horizontal bands at full-width white
gaps; neighbouring bands that share a column gutter are merged back (two columns whose
paragraph breaks happen to line up are still read column by column); a band with a
gutter is cut into columns, read left to right, each ordered the same way in turn.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol


class Box(Protocol):
    x0: float
    top: float
    x1: float
    bottom: float


_MIN_GUTTER = 7.0  # points of white between two columns
_MIN_BAND_GAP = 1.0  # points of white between two bands


def _gaps(spans: list[tuple[float, float]], minimum: float) -> list[tuple[float, float]]:
    """White intervals between the union of `spans`, at least `minimum` wide."""
    out: list[tuple[float, float]] = []
    spans = sorted(spans)
    end = spans[0][1]
    for a, b in spans[1:]:
        if a - end >= minimum:
            out.append((end, a))
        end = max(end, b)
    return out


def _split(boxes: list, gaps: list[tuple[float, float]], key) -> list[list]:  # noqa: ANN001
    parts: list[list] = [[] for _ in range(len(gaps) + 1)]
    for b in boxes:
        lo = key(b)
        parts[sum(1 for g in gaps if lo >= g[1])].append(b)
    return [p for p in parts if p]


def _gutters(boxes: list) -> list[tuple[float, float]]:
    return _gaps([(b.x0, b.x1) for b in boxes], _MIN_GUTTER) if len(boxes) > 1 else []


def _overlap(a: list[tuple[float, float]], b: list[tuple[float, float]]) -> bool:
    return any(x0 < y1 and y0 < x1 for x0, x1 in a for y0, y1 in b)


def reading_order(boxes: Sequence, depth: int = 0) -> list[list]:
    """The boxes grouped in regions (columns or bands), regions in reading order, each
    region's boxes top to bottom."""
    boxes = list(boxes)
    if len(boxes) <= 1 or depth > 12:
        return [sorted(boxes, key=lambda b: (b.top, b.x0))] if boxes else []
    columns = _gutters(boxes)
    if columns:
        return [r for part in _split(boxes, columns, lambda b: b.x0) for r in reading_order(part, depth + 1)]
    bands = _split(boxes, _gaps([(b.top, b.bottom) for b in boxes], _MIN_BAND_GAP), lambda b: b.top)
    if len(bands) == 1:
        return [sorted(boxes, key=lambda b: (b.top, b.x0))]
    merged: list[list] = []
    last_gutters: list[tuple[float, float]] = []
    for band in bands:
        gutters = _gutters(band)
        if merged and _same_columns(merged[-1], last_gutters, band, gutters):
            merged[-1].extend(band)
            last_gutters = _gutters(merged[-1]) or last_gutters or gutters
            continue
        merged.append(list(band))
        last_gutters = gutters
    if len(merged) == 1 or not any(_gutters(part) for part in merged):
        return [sorted(boxes, key=lambda b: (b.top, b.x0))]  # one column: one region
    out: list[list] = []
    open_band = False  # the last region is a full-width band that the next one may extend
    for part in merged:
        if _gutters(part):
            out.extend(reading_order(part, depth + 1))
            open_band = False
        elif open_band:
            out[-1] = sorted(out[-1] + part, key=lambda b: (b.top, b.x0))
        else:
            out.append(sorted(part, key=lambda b: (b.top, b.x0)))
            open_band = True
    return out


def _crosses(boxes: list, gutters: list[tuple[float, float]]) -> bool:
    """A box reaches over the middle of a gutter (a ragged column's longer line that
    only dips into the gutter found so far does not)."""
    return any(b.x0 < (g0 + g1) / 2 < b.x1 for b in boxes for g0, g1 in gutters)


def _same_columns(a: list, a_gutters: list, b: list, b_gutters: list) -> bool:
    """Two bands belong to one set of columns: their gutters line up, or one band has no
    gutter and fits in the other's columns (a column running on below the other)."""
    if a_gutters and b_gutters:
        return _overlap(a_gutters, b_gutters)
    if a_gutters:
        return not _crosses(b, a_gutters)
    if b_gutters:
        return not _crosses(a, b_gutters)
    return False
