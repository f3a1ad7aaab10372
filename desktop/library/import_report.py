"""What an import found in a document, and where its extraction is doubtful.

Said per document by `glose import` and the app's import report: "4 headings, 12 list
items, 1 table (6 cells), 2 footnotes", with warnings such as a long document with no
structure at all, a paragraph far too long to be one, or text that looks extracted
letter by letter.
"""

from __future__ import annotations

import re
from collections import Counter

from desktop.library.models import CALLOUT, FOOTNOTE, HEADING, LIST_ITEM, QUOTE, TABLE_CELL, TOC, ParsedDocument

_NAMES = ((HEADING, "heading"), (LIST_ITEM, "list item"), (QUOTE, "quote"), (CALLOUT, "callout box"),
          (FOOTNOTE, "footnote"), (TOC, "contents entry"))
_SINGLE_LETTERS = re.compile(r"(?<!\S)[^\W\d_](?:\s+[^\W\d_](?!\S)){3}")
_MARKUP = re.compile(r"\]\(|\{[.:#]|:::|&#\d|&[a-z]+;")
_LONG_PARAGRAPH = 8_000  # characters: no real paragraph is this long (a table of contents or a page run together)
_LONG_DOCUMENT = 20_000


def _plural(n: int, word: str) -> str:
    if n == 1:
        return f"{n} {word}"
    if word.endswith("y"):
        return f"{n} {word[:-1]}ies"
    return f"{n} {word}{'es' if word.endswith('x') else 's'}"


def describe(parsed: ParsedDocument, lay) -> tuple[str, tuple[str, ...]]:  # noqa: ANN001 - a store.Layout
    """("3 headings, 1 table (6 cells)", warnings) for one imported document."""
    kinds = Counter(b.kind for b in parsed.blocks)
    parts = [_plural(kinds[kind], word) for kind, word in _NAMES if kinds[kind]]
    tables = {b.structure.group for b in parsed.blocks if b.kind == TABLE_CELL}
    if tables:
        parts.append(f"{_plural(len(tables), 'table')} ({_plural(kinds[TABLE_CELL], 'cell')})")
    if "gutenberg_header" in parsed.metadata:
        parts.append("Project Gutenberg header and licence set apart")
    found = ", ".join(parts) if parts else "plain paragraphs only"
    warnings = []
    if len(lay.text) > _LONG_DOCUMENT and not parts:
        warnings.append("no headings, lists or tables found in a long document: check its layout in the reader")
    longest = max((end - start for _, start, end in lay.paragraphs), default=0)
    if longest > _LONG_PARAGRAPH:
        warnings.append(f"a paragraph of {longest:,} characters: line or page breaks may have been lost")
    broken = sum(1 for b in parsed.blocks if _SINGLE_LETTERS.search(b.text))
    if broken:
        warnings.append(f"{_plural(broken, 'paragraph')} with text spread letter by letter (damaged text layer?)")
    markup = sum(1 for b in parsed.blocks if _MARKUP.search(b.text))
    if markup:
        warnings.append(f"{_plural(markup, 'paragraph')} still showing markup")
    if parsed.metadata.get("ocr") or parsed.metadata.get("scanned"):
        warnings.append("text recognised by OCR: check it against the original")
    if parsed.metadata.get("warning"):  # PDF pages left unread (a scan without OCR)
        warnings.append(parsed.metadata["warning"])
    return found, tuple(warnings)
