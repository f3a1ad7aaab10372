"""Plain text made safe to stand as Markdown text (CommonMark, GitHub tables and alerts).

A French sentence may hold characters Markdown reads as syntax: `*` and `_` (emphasis),
`[` `]` (links), `<` (HTML), `&eacute;`-like entities, `|` in a table, and at the start
of a line `#`, `>`, `-`, `+`, `1.` or `1)`, which would turn a paragraph into a heading,
a quote or a list. Each is backslash-escaped, so the export reads back as the same text.
"""

from __future__ import annotations

import re

_LINE_BREAKS = re.compile(r"[\r\n\v\f\u2028\u2029]+")
_INLINE = re.compile(r"([\\`*_\[\]<>~])")
_ENTITY = re.compile(r"&(?=#?\w+;)")
_LINE_START = re.compile(r"^(\s*)([#>+=:-])")
_NUMBERED_START = re.compile(r"^(\s*\d{1,9})([.)])(?=\s|$)")


def escape(text: str, *, in_table: bool = False) -> str:
    """`text` (one line) escaped for Markdown, wherever it stands in a line."""
    text = _LINE_BREAKS.sub(" ", text)  # no-break spaces stay: French typography
    text = _INLINE.sub(r"\\\1", text)
    text = _ENTITY.sub(r"\\&", text)
    text = _LINE_START.sub(r"\1\\\2", text)
    text = _NUMBERED_START.sub(r"\1\\\2", text)
    if in_table:
        text = text.replace("|", r"\|")
    return text
