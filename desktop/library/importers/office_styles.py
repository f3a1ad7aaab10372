"""Paragraph styles that Word, LibreOffice and pandoc give to code, not prose.

A web page or a Markdown file turned into a word-processor document keeps its code
blocks in these styles (LibreOffice: "Preformatted Text"; Word: "HTML Preformatted";
pandoc: "Source Code"). Code is not translated prose: as the HTML and Markdown importers
leave <pre> and fenced code out, DOCX and ODT leave these paragraphs out.
"""

from __future__ import annotations

from collections.abc import Iterable

_CODE_STYLES = frozenset(
    ("preformatted text", "texte préformaté", "html preformatted", "html préformaté", "source code", "code source")
)


def is_code_style(names: Iterable[str]) -> bool:
    """True when a paragraph's style chain (names, any case; ODF's `_20_` for spaces) is code."""
    return any(n.lower().replace("_20_", " ").strip() in _CODE_STYLES for n in names)
