"""Ruled tables: a grid of drawn lines (or of cell rectangles) and the words inside it;
or horizontal rules only (a rule above the table, one under its header row, one at its
foot, as typesetters like them) over text set in aligned columns.

Each grid cell becomes one Line flagged with its table, row and column; words inside a
table leave the page's running text. A grid needs at least two rows and two columns, so
a frame around a paragraph or a boxed note is not a table, nor are rules around prose
(its words leave no white column all the way down). Rows set in bold, or above the rule
under the header, are header rows.
"""

from __future__ import annotations

from desktop.library.pdf.lines import rows_of
from desktop.library.pdf.model import Line, Word
from desktop.library.pdf.textlayer import Shapes

_SNAP = 2.0  # points: rule positions closer than this are one line of the grid


def _cluster(values: list[float]) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if out and v - out[-1] <= _SNAP:
            continue
        out.append(v)
    return out


def _grids(shapes: Shapes) -> list[tuple[list[float], list[float]]]:
    """(column xs, row ys) of each grid: rules that cross each other, grouped."""
    h = [r for r in shapes.hrules]
    v = [r for r in shapes.vrules]
    if len(h) < 3 or len(v) < 3:
        return []
    # Union-find over rules that touch (a vertical crossing a horizontal).
    parent = list(range(len(h) + len(v)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, (y, hx0, hx1) in enumerate(h):
        for j, (x, vy0, vy1) in enumerate(v):
            if hx0 - _SNAP <= x <= hx1 + _SNAP and vy0 - _SNAP <= y <= vy1 + _SNAP:
                parent[find(i)] = find(len(h) + j)
    groups: dict[int, tuple[list, list]] = {}
    for i, rule in enumerate(h):
        groups.setdefault(find(i), ([], []))[0].append(rule)
    for j, rule in enumerate(v):
        groups.setdefault(find(len(h) + j), ([], []))[1].append(rule)
    grids = []
    for hs, vs in groups.values():
        xs = _cluster([x for x, _a, _b in vs])
        ys = _cluster([y for y, _a, _b in hs])
        if len(xs) >= 3 and len(ys) >= 3:
            grids.append((xs, ys))
    return grids


def _columns(words: list[Word], x0: float, x1: float, top: float, bottom: float) -> tuple[list[float], list[list[Word]]]:
    """Column boundaries of the words between two rules (none: prose), and their rows."""
    inside = [w for w in words if x0 - _SNAP <= w.x0 and w.x1 <= x1 + _SNAP and top < w.bottom and w.top < bottom]
    if not inside:
        return [], []
    spans = sorted((w.x0, w.x1) for w in inside)
    gaps, end = [], spans[0][1]
    for a, b in spans[1:]:
        if a - end >= 8:
            gaps.append((end + a) / 2)
        end = max(end, b)
    return gaps, rows_of(inside)


def _rules_only(shapes: Shapes, words: list[Word]) -> list[tuple[list[float], list[float], float]]:
    """(column xs, row ys, y of the rule under the header) of tables ruled across only: three
    or more consecutive rules of the same width, no vertical rule, words in at least two
    white-separated columns from the first rule to the last."""
    if shapes.vrules:
        return []
    found = []
    widths: dict[tuple[int, int], list[float]] = {}
    for y, x0, x1 in shapes.hrules:
        if x1 - x0 >= 60:
            widths.setdefault((round(x0 / _SNAP), round(x1 / _SNAP)), []).append(y)
    for (a, b), ys in widths.items():
        ys = _cluster(ys)
        x0, x1 = a * _SNAP, b * _SNAP
        i = 0
        while i + 2 < len(ys):
            end = i + 2
            gaps, rows = _columns(words, x0, x1, ys[i], ys[end])
            if not gaps or len(rows) < 2:
                i += 1
                continue
            while end + 1 < len(ys) and _columns(words, x0, x1, ys[i], ys[end + 1])[0]:
                end += 1
            gaps, rows = _columns(words, x0, x1, ys[i], ys[end])
            bounds = [ys[i]] + [(r[0].bottom + n[0].top) / 2 for r, n in zip(rows, rows[1:])] + [ys[end]]
            found.append(([x0 - _SNAP, *gaps, x1 + _SNAP], bounds, ys[i + 1]))
            i = end + 1
    return found


def find_tables(words: list[Word], shapes: Shapes) -> tuple[list[Line], list[Word], list[tuple[float, float, float, float]]]:
    """(cell lines, the words outside every table, each table's box (x0, top, x1, bottom))."""
    cells: list[Line] = []
    boxes: list[tuple[float, float, float, float]] = []
    rest = words
    grids = [(xs, ys, None) for xs, ys in _grids(shapes)] or _rules_only(shapes, words)
    for table, (xs, ys, header_rule) in enumerate(grids):
        inside: dict[tuple[int, int], list[Word]] = {}
        outside: list[Word] = []
        for w in rest:
            cx, cy = (w.x0 + w.x1) / 2, (w.top + w.bottom) / 2
            if xs[0] <= cx <= xs[-1] and ys[0] <= cy <= ys[-1]:
                col = max(i for i, x in enumerate(xs[:-1]) if x <= cx)
                row = max(i for i, y in enumerate(ys[:-1]) if y <= cy)
                inside.setdefault((row, col), []).append(w)
            else:
                outside.append(w)
        if not inside:
            continue
        rest = outside
        boxes.append((xs[0], ys[0], xs[-1], ys[-1]))
        rows = sorted({r for r, _c in inside})
        bold_rows = {r for r in rows if all(w.bold for (rr, _c), ws in inside.items() if rr == r for w in ws)}
        header_rows = bold_rows if len(bold_rows) < len(rows) else set()
        if header_rule is not None:
            header_rows |= {r for r in rows if ys[r + 1] <= header_rule + _SNAP and r + 1 < len(ys) - 1}
        for (row, col), ws in sorted(inside.items()):
            text = " ".join(w.text for line in rows_of(ws) for w in line)
            cells.append(
                Line(
                    text,
                    min(w.x0 for w in ws),
                    min(w.top for w in ws),
                    max(w.x1 for w in ws),
                    max(w.bottom for w in ws),
                    max(w.size for w in ws),
                    all(w.bold for w in ws),
                    cell=(table, row, col, row in header_rows),
                )
            )
    return cells, rest, boxes
