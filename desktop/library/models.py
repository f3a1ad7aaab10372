"""Plain data types shared by the library, its importers and everything above it."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

# Paragraph kinds, as stored in the database and shown by `glose show`. Each is a unit of
# reading text (segmented, translated, searched, annotated like any paragraph); what sets
# them apart is how the reader and the exports lay them out.
HEADING = "heading"  # `level` 1 (the largest) to 6
PARAGRAPH = "paragraph"
LIST_ITEM = "list_item"  # `marker` as written ("1.", "a)", "1°", "•"), `depth` 0 for the outer list
TABLE_CELL = "table_cell"  # one cell: `group` names the table, `row`/`col` its place
QUOTE = "quote"  # a block quotation (`depth` for nested quotes)
CALLOUT = "callout"  # a boxed note ("tip", "warning"): attrs["label"] is its label
CAPTION = "caption"  # a figure's or image's caption (an image's alt text), a table's title
FOOTNOTE = "footnote"  # `marker` is its label ("1", "*")
TOC = "toc"  # one line of a table of contents (kept apart from the prose)
KINDS = (HEADING, PARAGRAPH, LIST_ITEM, TABLE_CELL, QUOTE, CALLOUT, CAPTION, FOOTNOTE, TOC)

# Bumped whenever importers change what they make of a file: documents imported by an
# older version are re-imported (annotations re-anchored, post-edits kept).
IMPORTER_VERSION = 5  # 2: Markdown/HTML/DOCX/ODT/EPUB structure from real parsers (parsers branch); 3: footnotes, boxes, captions, contents and code from real generators (parsers2)
# 4: PDFs read with their layout and pages, scans by OCR (pdf branch)
# 5: PDFs from real generators (qa): TeX accents, justified columns, contents entries, chapter running heads


@dataclass(frozen=True)
class Structure:
    """Where a block sits in its document's structure: everything but its text.

    Blocks of one table, one callout box or one list share a `group` number (unique within
    a document, 0 for none), so the reader can draw them together; consecutive blocks with
    different groups are different tables or boxes. `page` is the physical page (1-based,
    0 when the source has no pages) the block starts on, `page_label` its printed label
    ("12", "iv") where the source has one. `attrs` holds what only some kinds need
    (a table cell's "header", "colspan", "rowspan"; a callout's "label").
    """

    level: int = 0
    marker: str = ""
    depth: int = 0
    group: int = 0
    row: int = -1
    col: int = -1
    page: int = 0
    page_label: str = ""
    attrs: tuple[tuple[str, object], ...] = ()

    def attr(self, key: str, default: object = None) -> object:
        return next((v for k, v in self.attrs if k == key), default)

    @property
    def shown_page(self) -> str:
        """The page to cite ("12"): the printed label, else the physical page, else ""."""
        return self.page_label or (str(self.page) if self.page else "")


PLAIN = Structure()


@dataclass(frozen=True)
class Block:
    """One structural unit produced by an importer, already cleaned.

    `text` is a single paragraph: no newlines inside (importers join wrapped lines).
    """

    kind: str
    text: str
    structure: Structure = PLAIN

    def with_text(self, text: str) -> Block:
        return Block(self.kind, text, self.structure)

    def with_kind(self, kind: str, **changes: object) -> Block:
        """The same block as another kind (structure fields in `changes` replaced)."""
        structure = replace(self.structure, **changes) if changes else self.structure
        return Block(kind, self.text, structure)


@dataclass
class ParsedDocument:
    """What an importer returns: a title and the document's blocks in reading order."""

    title: str
    blocks: list[Block]
    format: str  # "txt", "md", "html", "docx", "odt", "pdf", "epub"
    # Document information kept out of the reading text: author, language, front matter,
    # a licence or publisher's boilerplate (Project Gutenberg), the source encoding...
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
    structure: Structure = PLAIN


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
    info: dict[str, str] = field(default_factory=dict)  # ParsedDocument.metadata, as imported
    importer_version: int = IMPORTER_VERSION
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
