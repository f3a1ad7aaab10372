"""Plain data types shared by the library, its importers and everything above it."""

from __future__ import annotations

from dataclasses import dataclass, field

# Paragraph kinds, as stored in the database and shown by `glose show`.
HEADING = "heading"
PARAGRAPH = "paragraph"
LIST_ITEM = "list_item"
KINDS = (HEADING, PARAGRAPH, LIST_ITEM)


@dataclass(frozen=True)
class Block:
    """One structural unit produced by an importer, already cleaned.

    `text` is a single paragraph: no newlines inside (importers join wrapped lines).
    """

    kind: str
    text: str


@dataclass
class ParsedDocument:
    """What an importer returns: a title and the document's blocks in reading order."""

    title: str
    blocks: list[Block]
    format: str  # "txt", "md", "html", "docx", "odt", "pdf", "epub"
    metadata: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Sentence:
    id: int
    index: int  # counts from 0 across the whole document
    paragraph_index: int
    start: int
    end: int
    source_hash: str


@dataclass(frozen=True)
class Paragraph:
    id: int
    index: int
    kind: str
    start: int
    end: int


@dataclass
class Document:
    id: int
    title: str
    path: str | None
    format: str
    language: str
    content_hash: str
    text: str
    imported_at: str
    updated_at: str
    paragraphs: list[Paragraph] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)

    def paragraph_text(self, p: Paragraph) -> str:
        return self.text[p.start : p.end]

    def sentence_text(self, s: Sentence) -> str:
        return self.text[s.start : s.end]

    def sentences_of(self, paragraph_index: int) -> list[Sentence]:
        return [s for s in self.sentences if s.paragraph_index == paragraph_index]


class ImportRefused(Exception):
    """A file the library will not import; `reason` is shown to the user as is."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason
