"""Work budgets: every input may cost work in proportion to its size, and no more.

A small file that asks for a huge amount of work (an EPUB listing one chapter thousands
of times, 16 MB of one-letter paragraphs, a zip member expanding a thousand times) is
refused with a message that says why, instead of filling memory for minutes.
"""

from __future__ import annotations

from desktop.library.importers.errors import Refused

# Blocks (paragraphs, list items, table cells) a document may hold: one per this many
# bytes of its source, plus a floor for small files. Real documents stay far below
# (a novel: one paragraph per ~250 bytes; a data table: one cell per ~20 bytes).
BYTES_PER_BLOCK = 8
BLOCK_FLOOR = 20_000
MAX_BLOCKS = 400_000
# Text (characters) all the chapters/parts of a container may expand to, per byte of
# the container file, with a floor: XHTML compresses about 3-8 times, never 100.
EXPANSION_PER_BYTE = 60
EXPANSION_FLOOR = 24 * 1024 * 1024


class Budget:
    """Counts what an importer produces from one file and refuses it past the budget."""

    def __init__(self, size: int, what: str = "file") -> None:
        self.what = what
        self.max_blocks = min(MAX_BLOCKS, BLOCK_FLOOR + size // BYTES_PER_BLOCK)
        self.max_expanded = max(EXPANSION_FLOOR, EXPANSION_PER_BYTE * size)
        self.blocks = 0
        self.expanded = 0

    def check_markup(self, count: int, what: str, per_block: float = 4) -> None:
        """Refuse before parsing a file whose markup (tags, brackets) is out of all proportion."""
        if count > per_block * self.max_blocks:
            raise Refused(
                f"this {self.what} holds {count:,} {what} for its size: "
                "refused as too fragmented to read (split it or convert it to plain text)"
            )

    def add_blocks(self, n: int = 1) -> None:
        self.blocks += n
        if self.blocks > self.max_blocks:
            raise Refused(
                f"this {self.what} breaks into more than {self.max_blocks:,} paragraphs for its size: "
                "refused as too fragmented to read (split it or convert it to plain text)"
            )

    def add_expanded(self, n: int, part: str = "") -> None:
        self.expanded += n
        if self.expanded > self.max_expanded:
            where = f" (at {part})" if part else ""
            raise Refused(
                f"this {self.what} expands to more than {self.max_expanded / 2**20:.0f} MB of text{where}: "
                "refused as a possible decompression bomb"
            )
