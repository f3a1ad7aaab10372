"""Collecting an importer's blocks: cleaned text, shared group numbers, the work budget.

Every structured importer (Markdown, HTML, DOCX, ODT, EPUB) emits its blocks through a
BlockSink, so cleaning, numbering of tables/lists/boxes and the budget are the same for
all of them.
"""

from __future__ import annotations

import re
from dataclasses import replace

from desktop.library.cleanup import Dehyphenator, clean_paragraph
from desktop.library.importers.budget import Budget
from desktop.library.models import PLAIN, Block, Structure

_WORDLIKE = re.compile(r"\w")


class BlockSink:
    def __init__(self, budget: Budget | None = None, dehyphen: Dehyphenator | None = None) -> None:
        self.blocks: list[Block] = []
        self.budget = budget or Budget(0)
        self.dehyphen = dehyphen
        self._groups = 0

    def new_group(self) -> int:
        """A fresh group number (a table, a list, a box): unique within the document."""
        self._groups += 1
        return self._groups

    def clean(self, text: str) -> str:
        return clean_paragraph(text, self.dehyphen)

    def add(self, kind: str, text: str, structure: Structure = PLAIN, **fields: object) -> Block | None:
        """Add one block of cleaned `text`; text with no letter or digit is dropped."""
        text = self.clean(text)
        if not _WORDLIKE.search(text):
            return None
        if fields:
            structure = replace(structure, **fields)
        block = Block(kind, text, structure)
        self.blocks.append(block)
        self.budget.add_blocks()
        return block

    def absorb(self, blocks: list[Block]) -> None:
        """Blocks made by another sink (a raw HTML block in Markdown): their groups renumbered."""
        mapping: dict[int, int] = {}
        for block in blocks:
            st = block.structure
            if st.group:
                group = mapping.setdefault(st.group, self.new_group())
                block = Block(block.kind, block.text, replace(st, group=group))
            self.blocks.append(block)
            self.budget.add_blocks()


def attrs_tuple(**attrs: object) -> tuple[tuple[str, object], ...]:
    """Structure.attrs from keyword arguments, sorted, without empty values."""
    return tuple(sorted((k, v) for k, v in attrs.items() if v not in (None, "", False)))
