"""Plain text (.txt) and Markdown (.md)."""

from __future__ import annotations

import re

from desktop.library.cleanup import Dehyphenator, clean_paragraph, clean_text, french_words
from desktop.library.encoding import NotText, decode_text
from desktop.library.importers.errors import Refused
from desktop.library.importers.pages import join_pages, strip_running_lines
from desktop.library.importers.tables import CELL_SEPARATOR
from desktop.library.models import HEADING, LIST_ITEM, PARAGRAPH, Block, ParsedDocument


def decode(data: bytes, kind: str) -> tuple[str, str]:
    try:
        return decode_text(data)
    except NotText as exc:
        raise Refused(f"this is not a {kind} file: {exc}") from exc


def parse_txt(data: bytes) -> ParsedDocument:
    text, encoding = decode(data, "text")
    if text.count("\f") >= 2:
        # pdftotext and print-to-text output: form feeds between pages.
        pages = [page.split("\n") for page in text.replace("\r\n", "\n").split("\f")]
        text = join_pages(strip_running_lines(pages))
    return ParsedDocument(title="", blocks=clean_text(text), format="txt", metadata={"encoding": encoding})


# --- Markdown ---------------------------------------------------------------------

_ATX = re.compile(r"^ {0,3}(#{1,6})(?:\s+(.*?))?\s*#*\s*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)\s*$")
_LIST = re.compile(r"^\s{0,8}(?:[-*+•]|\d{1,9}[.)])\s+(.*)$")
_FENCE = re.compile(r"^ {0,3}(```|~~~)")
_RULE = re.compile(r"^ {0,3}([-*_])(?:\s*\1){2,}\s*$")
_REF_DEF = re.compile(r"^ {0,3}\[[^\]]+\]:\s+\S+")
_TABLE_SEP = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")

_INLINE = [
    (re.compile(r"<!--.*?-->", re.S), ""),
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), ""),  # images: their alt text is not prose
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),  # links keep their text
    (re.compile(r"\[([^\]]+)\]\[[^\]]*\]"), r"\1"),  # reference links
    (re.compile(r"<(https?://[^>]+)>"), r"\1"),  # autolinks
    (re.compile(r"</?[A-Za-z][^>]*>"), ""),  # inline HTML tags
    (re.compile(r"`([^`]+)`"), r"\1"),
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),
    (re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])"), r"\1"),
    (re.compile(r"(?<![\w_])_(?=\S)(.+?)(?<=\S)_(?![\w_])"), r"\1"),
    (re.compile(r"~~(?=\S)(.+?)(?<=\S)~~"), r"\1"),
    (re.compile(r"\\([\\`*_{}\[\]()#+\-.!~|>])"), r"\1"),  # backslash escapes
]


def strip_inline_markdown(text: str) -> str:
    for pattern, repl in _INLINE:
        text = pattern.sub(repl, text)
    return text


def _front_matter(lines: list[str]) -> tuple[dict[str, str], list[str]]:
    if not lines or lines[0].strip() != "---":
        return {}, lines
    for end in range(1, min(len(lines), 200)):
        if lines[end].strip() in ("---", "..."):
            meta = {}
            for line in lines[1:end]:
                key, sep, value = line.partition(":")
                if sep and key.strip() in ("title", "author", "lang", "language"):
                    meta[key.strip()] = value.strip().strip("\"'")
            return meta, lines[end + 1 :]
    return {}, lines


def parse_md(data: bytes) -> ParsedDocument:
    text, encoding = decode(data, "Markdown")
    text = re.sub(r"<!--.*?-->", "", text.replace("\r\n", "\n").replace("\r", "\n"), flags=re.S)
    meta, lines = _front_matter(text.split("\n"))
    dehyphen = Dehyphenator(text, french_words())
    pieces: list[tuple[str, list[str]]] = []  # (kind, source lines)
    in_fence = False
    for line in lines:
        if _FENCE.match(line):
            in_fence = not in_fence
            pieces.append(("break", []))
            continue
        if in_fence:
            continue  # code is not prose to read or translate
        stripped = re.sub(r"^\s{0,3}(>\s?)+", "", line)  # blockquotes read as text
        setext = _SETEXT.match(stripped)
        if setext and pieces and pieces[-1][0] == PARAGRAPH:
            pieces[-1] = (HEADING, pieces[-1][1])
            pieces.append(("break", []))
            continue
        if not stripped.strip() or _RULE.match(stripped) or _REF_DEF.match(stripped) or _TABLE_SEP.match(stripped):
            pieces.append(("break", []))
            continue
        atx = _ATX.match(stripped)
        if atx:
            pieces.append((HEADING, [atx.group(2) or ""]))
            pieces.append(("break", []))
            continue
        item = _LIST.match(stripped)
        if item:
            pieces.append((LIST_ITEM, [item.group(1)]))
            continue
        if stripped.lstrip().startswith("|"):
            cells = [c.strip() for c in re.split(r"(?<!\\)\|", stripped.strip().strip("|"))]
            row = CELL_SEPARATOR.join(c for c in cells if c)  # as HTML, DOCX and ODT rows
            if row:
                pieces.append((PARAGRAPH, [row]))
            pieces.append(("break", []))
            continue
        if pieces and pieces[-1][0] in (PARAGRAPH, LIST_ITEM):
            pieces[-1][1].append(stripped.strip())  # a continuation line (lazy or indented)
        else:
            pieces.append((PARAGRAPH, [stripped.strip()]))
    blocks = []
    for kind, src in pieces:
        if kind == "break" or not src:
            continue
        joined = src[0]
        for nxt in src[1:]:
            joined = dehyphen.join_lines(joined, nxt)
        cleaned = clean_paragraph(strip_inline_markdown(joined), dehyphen)
        if re.search(r"\w", cleaned):
            blocks.append(Block(kind, cleaned))
    metadata = {"encoding": encoding}
    if meta.get("title"):
        metadata["title"] = meta["title"]
    if meta.get("lang") or meta.get("language"):
        metadata["language"] = meta.get("lang") or meta["language"]
    return ParsedDocument(title="", blocks=blocks, format="md", metadata=metadata)
