"""Plain text (.txt): decoded, Project Gutenberg's header and licence set apart, tables
of contents recognised, the rest cleaned by library.cleanup."""

from __future__ import annotations

from desktop.library.cleanup import clean_text
from desktop.library.encoding import NotText, decode_text
from desktop.library.importers import gutenberg, toc
from desktop.library.importers.budget import Budget
from desktop.library.importers.errors import Refused
from desktop.library.importers.pages import join_pages, strip_running_lines
from desktop.library.importers.sink import BlockSink
from desktop.library.models import ParsedDocument


def decode(data: bytes, kind: str) -> tuple[str, str]:
    try:
        return decode_text(data)
    except NotText as exc:
        raise Refused(f"this is not a {kind} file: {exc}") from exc


def parse_txt(data: bytes) -> ParsedDocument:
    text, encoding = decode(data, "text")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.count("\f") >= 2:
        # pdftotext and print-to-text output: form feeds between pages.
        pages = [page.split("\n") for page in text.split("\f")]
        text = join_pages(strip_running_lines(pages))
    text, info = gutenberg.split_text(text)
    sink = BlockSink(Budget(len(data), "text file"))
    for kind, lines in toc.split_toc(text):
        if kind == "toc":
            found = toc.entries(lines, group=1)
        elif kind == "heading":
            found = [toc.heading_block(lines[0])]
        else:
            found = clean_text("\n".join(lines))
        sink.absorb(found)  # each segment's groups renumbered: unique in the document
    blocks = sink.blocks
    metadata = {"encoding": encoding, **info}
    title = info.get("title", "") if "gutenberg_header" in info else ""
    return ParsedDocument(title=title, blocks=blocks, format="txt", metadata=metadata)
