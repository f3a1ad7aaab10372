"""Project Gutenberg books: the English header and the licence are not the book.

The header (title, author, release date, "This eBook is for the use of anyone…") comes
before the `*** START OF THE PROJECT GUTENBERG EBOOK … ***` line and the licence after
`*** END OF …`. Both are moved into the document's information (keys
`gutenberg_header`, `licence`, `credits`), and the header's `Title:` and `Author:` give
the title and author, so neither the reading text nor the title is the licence.
"""

from __future__ import annotations

import re

from desktop.library.models import Block

_START = re.compile(r"^.{0,20}\*{3}\s*START OF (?:THE|THIS) PROJECT GUTENBERG E-?BOOK.*$|^\*END\*THE SMALL PRINT!.*$", re.I | re.M)
_END = re.compile(r"^.{0,20}\*{3}\s*END OF (?:THE|THIS) PROJECT GUTENBERG E-?BOOK.*$|^End of (?:the )?Project Gutenberg'?s? .*$", re.I | re.M)
_FIELD = re.compile(r"^(Title|Author|Release Date|Language|Translator|Editor|Credits)\s*:\s*(.*(?:\n[ \t]+\S.*)*)", re.M)
_CREDITS = re.compile(r"^\s*(?:Produced by|E-?text prepared by|This e-?text was produced|Distributed Proofread|Transcribed).*", re.I)
_LANGUAGES = {"french": "fr", "english": "en", "german": "de", "italian": "it", "spanish": "es", "latin": "la"}
_HEAD_WINDOW = 20_000


def _fields(header: str) -> dict[str, str]:
    info: dict[str, str] = {"gutenberg_header": header.strip()}
    for m in _FIELD.finditer(header):
        key = m.group(1).lower().replace(" ", "_")
        first, *more = [" ".join(line.split()) for line in m.group(2).split("\n") if line.strip()] or [""]
        if first:
            info[key] = first
        if more and key == "title":
            info["subtitle"] = " ".join(more)  # the lines under Title: are its subtitle
    if "language" in info:
        info["language"] = _LANGUAGES.get(info["language"].lower(), info["language"])
    return info


def split_text(text: str) -> tuple[str, dict[str, str]]:
    """(the book's text, information) of a plain-text Gutenberg file; other texts unchanged."""
    head = text[:_HEAD_WINDOW]
    if "gutenberg" not in head.lower():
        return text, {}
    start = _START.search(head)
    if start is None:
        return text, {}
    info = _fields(text[: start.start()])
    body = text[start.end() :]
    end = _END.search(body)
    if end is not None:
        info["licence"] = body[end.start() :].strip()
        body = body[: end.start()]
    body = body.lstrip("\r\n")
    first, sep, rest = body.partition("\n\n")
    if _CREDITS.match(first):
        info["credits"] = " ".join(first.split())
        body = rest
    return body, info


def split_blocks(blocks: list[Block]) -> tuple[list[Block], dict[str, str]]:
    """The same for a book already in blocks (an HTML or EPUB edition without pg-header markup)."""
    if not any("gutenberg" in b.text.lower() for b in blocks[:60]):
        return blocks, {}
    start = next((i for i, b in enumerate(blocks[:200]) if _START.search(b.text)), None)
    if start is None:
        return blocks, {}
    info = _fields("\n".join(b.text for b in blocks[: start + 1]))
    rest = blocks[start + 1 :]
    end = next((i for i, b in enumerate(rest) if _END.search(b.text)), None)
    if end is not None:
        info["licence"] = "\n".join(b.text for b in rest[end:])
        rest = rest[:end]
    if rest and _CREDITS.match(rest[0].text):
        info["credits"] = rest[0].text
        rest = rest[1:]
    return rest, info


def take_html_boilerplate(body) -> dict[str, str]:  # noqa: ANN001 - an lxml element
    """Remove the marked-up header and footer of a Gutenberg HTML/EPUB edition; their text as information."""
    from desktop.library.importers.html_walk import drop_keeping_tail

    info: dict[str, str] = {}
    found = body.xpath(".//*[@id='pg-header' or @id='pg-footer' or contains(@class, 'pg-boilerplate')]")
    outer = [el for el in found if not any(a in found for a in el.iterancestors())]
    for el in outer:
        text = "\n".join(line.strip() for line in "".join(el.itertext()).splitlines() if line.strip())
        if (el.get("id") or "") == "pg-footer" or "licen" in text.lower()[:2000] and "START OF" not in text:
            info["licence"] = (info.get("licence", "") + "\n" + text).strip()
        else:
            info.update(_fields(text))
        drop_keeping_tail(el)
    return info
