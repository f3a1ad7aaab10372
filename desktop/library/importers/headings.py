"""Headings written in two pieces: a section number on its own, then the heading.

tex4ht puts a chapter's number in a block of its own before the <h1> (`3` then `Prise en
main`), and other generators do the same with a `<div class="chapternumber">`: the reader
sees one heading, `3 Prise en main`, so the number joins the heading that follows it.
Only a bare number does (`3`, `3.1`, `IV`): a line such as `TITRE II` stays a line.
"""

from __future__ import annotations

import re

from desktop.library.models import HEADING, PARAGRAPH, PLAIN, Block

_SECTION_NUMBER = re.compile(r"^(?:\d{1,3}(?:\.\d{1,3})*|[IVXLCDM]{1,7})\.?$")


def join_split_headings(blocks: list[Block]) -> list[Block]:
    out: list[Block] = []
    for block in blocks:
        previous = out[-1] if out else None
        if (
            block.kind == HEADING
            and previous is not None
            and previous.kind == PARAGRAPH
            and previous.structure == PLAIN
            and _SECTION_NUMBER.match(previous.text.strip())
        ):
            out.pop()
            block = block.with_text(f"{previous.text.strip()} {block.text}")
        out.append(block)
    return out
