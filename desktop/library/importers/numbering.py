"""List numbers as the reader saw them, from Word's numbering definitions (numbering.xml).

A paragraph's numPr (numId, ilvl) points to a numbering instance, which points to an
abstract definition whose levels say the format (decimal, lowerLetter, upperRoman,
bullet…), the text around the number ("%1.", "%1)", "%1.%2.") and the start value.
Counters are kept per abstract definition (as Word does) and a level restarts when a
shallower level moves on.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.library.importers.html_walk import format_number

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_FORMATS = {
    "decimal": "1", "lowerLetter": "a", "upperLetter": "A", "lowerRoman": "i", "upperRoman": "I",
    "decimalZero": "01", "ordinal": "1", "cardinalText": "1", "ordinalText": "1",
}
# Bullets drawn from symbol fonts (Symbol, Wingdings, Courier "o") as Unicode.
_BULLETS = {"\uf0b7": "•", "\uf0a7": "▪", "\uf0a8": "□", "\uf0d8": "➢", "\uf076": "❖", "\uf0fc": "✓",
            "o": "◦", "\uf06f": "◦", "-": "–", "\uf02d": "–", "": "•"}


@dataclass(frozen=True)
class Level:
    fmt: str = "decimal"
    text: str = "%1."
    start: int = 1


def _val(el, name: str) -> str | None:  # noqa: ANN001 - an lxml element
    child = el.find(f"{W}{name}") if el is not None else None
    return child.get(f"{W}val") if child is not None else None


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


class Numbering:
    def __init__(self, root) -> None:  # noqa: ANN001 - numbering.xml's root element, or None
        self.abstract: dict[str, dict[int, Level]] = {}
        self.nums: dict[str, tuple[str, dict[int, int]]] = {}  # numId -> (abstractNumId, start overrides)
        self.counters: dict[str, list[int]] = {}
        self.started: set[str] = set()
        if root is None:
            return
        for abstract in root.iter(f"{W}abstractNum"):
            levels = {}
            for lvl in abstract.iter(f"{W}lvl"):
                levels[_int(lvl.get(f"{W}ilvl"), 0)] = Level(
                    _val(lvl, "numFmt") or "decimal", _val(lvl, "lvlText") or "", _int(_val(lvl, "start"), 1)
                )
            self.abstract[abstract.get(f"{W}abstractNumId", "")] = levels
        for num in root.iter(f"{W}num"):
            overrides = {}
            for override in num.iter(f"{W}lvlOverride"):
                start = _val(override, "startOverride")
                if start is not None:
                    overrides[_int(override.get(f"{W}ilvl"), 0)] = _int(start, 1)
            self.nums[num.get(f"{W}numId", "")] = (_val(num, "abstractNumId") or "", overrides)

    def level(self, num_id: str, ilvl: int) -> Level | None:
        entry = self.nums.get(num_id)
        if entry is None:
            return None
        return self.abstract.get(entry[0], {}).get(ilvl)

    def marker(self, num_id: str, ilvl: int) -> str:
        """The marker of the next item of list `num_id` at level `ilvl` ("3.", "b)", "•")."""
        entry = self.nums.get(num_id)
        if entry is None or num_id == "0":
            return ""
        abstract_id, overrides = entry
        levels = self.abstract.get(abstract_id, {})
        level = levels.get(ilvl, Level(text=f"%{ilvl + 1}."))
        if level.fmt == "bullet":
            return _BULLETS.get(level.text, level.text if level.text.isprintable() else "•")
        if level.fmt == "none":
            return level.text.replace("%", "") if "%" not in level.text else ""
        counters = self.counters.setdefault(abstract_id, [0] * 9)
        if num_id not in self.started and overrides:
            self.started.add(num_id)
            for lvl, start in overrides.items():
                if 0 <= lvl < 9:
                    counters[lvl] = start - 1
        ilvl = min(max(ilvl, 0), 8)
        if counters[ilvl] == 0:
            counters[ilvl] = levels.get(ilvl, level).start - 1
        counters[ilvl] += 1
        for deeper in range(ilvl + 1, 9):
            counters[deeper] = 0
        text = level.text or f"%{ilvl + 1}."
        for n in range(9, 0, -1):
            token = f"%{n}"
            if token in text:
                lvl = levels.get(n - 1, Level())
                value = counters[n - 1] or lvl.start
                style = _FORMATS.get(lvl.fmt, "1")
                shown = f"{value:02d}" if style == "01" else format_number(value, style)
                text = text.replace(token, shown)
        return text.strip()
