"""Reading a document file into a ParsedDocument, or refusing it with a clear reason.

One module per format; this one checks what is common to all of them first: the file
exists and can be read, is not empty or too large, and really is what its extension
says (a PNG renamed .docx, a program renamed .txt are refused by their first bytes).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import partial
from pathlib import Path

from desktop.library.importers.errors import Refused
from desktop.library.models import HEADING, LIST_ITEM, Block, ImportRefused, ParsedDocument, Structure
from desktop.library.reading import ImportCancelled, ReadOptions

DEFAULT_MAX_BYTES = 50 * 1024 * 1024

# extension -> (format name, what the user calls it)
FORMATS: dict[str, tuple[str, str]] = {
    ".txt": ("txt", "text file"),
    ".md": ("md", "Markdown file"),
    ".markdown": ("md", "Markdown file"),
    ".html": ("html", "HTML page"),
    ".htm": ("html", "HTML page"),
    ".xhtml": ("html", "HTML page"),
    ".docx": ("docx", "Word (.docx) document"),
    ".odt": ("odt", "OpenDocument text (.odt)"),
    ".pdf": ("pdf", "PDF document"),
    ".epub": ("epub", "EPUB book"),
    ".png": ("png", "PNG image"),
    ".jpg": ("jpg", "JPEG image"),
    ".jpeg": ("jpg", "JPEG image"),
    ".tif": ("tif", "TIFF image"),
    ".tiff": ("tif", "TIFF image"),
}
SUPPORTED_EXTENSIONS = frozenset(FORMATS)

# First bytes of common files, to say what a misnamed file really is.
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office file (.doc/.xls/.ppt)"),
    (b"{\\rtf", "an RTF document"),
    (b"\x7fELF", "a program"),
    (b"MZ", "a Windows program"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"Rar!", "a RAR archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"OggS", "an audio or video file"),
    (b"ID3", "an MP3 file"),
    (b"RIFF", "an audio or video file"),
)
_EXPECTED = {
    "docx": "a ZIP archive", "odt": "a ZIP archive", "epub": "a ZIP archive", "pdf": "a PDF document",
    "png": "a PNG image", "jpg": "a JPEG image", "tif": "a TIFF image",
}


def sniff(data: bytes) -> str | None:
    """What the first bytes say the file is ('a PNG image', ...), None if unknown."""
    for magic, what in _SIGNATURES:
        if data.startswith(magic):
            return what
    if data[4:8] == b"ftyp":
        return "an audio or video file"
    return None


# Signatures no text file starts with (unlike "MZ" or "ID3", which a text may).
_NEVER_TEXT = {
    "a PNG image", "a JPEG image", "a GIF image", "a TIFF image", "a PDF document", "a ZIP archive",
    "an old Microsoft Office file (.doc/.xls/.ppt)", "an RTF document", "a program",
    "a gzip archive", "a RAR archive", "a 7-Zip archive",
}


def _check_kind(data: bytes, fmt: str, label: str) -> None:
    found = sniff(data)
    expected = _EXPECTED.get(fmt)
    if expected is None:
        if found is not None and (found in _NEVER_TEXT or b"\x00" in data[:4096]):
            raise Refused(f"this file is {found}, not a {label}: rename it or convert it to a supported format")
        return
    if fmt == "pdf" and b"%PDF-" in data[:1024]:
        return  # some PDFs have a few bytes of junk before the header
    if found != expected:
        if found is None:
            raise Refused(
                f"this file is not a {label} (it does not start like one): "
                "rename it or convert it to a supported format"
            )
        raise Refused(f"this file is {found}, not a {label}: rename it or convert it to a supported format")


def _readers(max_bytes: int, options: ReadOptions | None = None) -> dict[str, Callable[[bytes], ParsedDocument]]:
    from desktop.library.importers import docx, epub, html, image, markdown, odt, pdf, text

    # Zip containers may expand; text never needs more than a few times the file size.
    unzipped = max(4 * max_bytes, 16 * 1024 * 1024)
    return {
        "txt": text.parse_txt,
        "md": markdown.parse_md,
        "html": html.parse_html,
        "docx": partial(docx.parse_docx, max_uncompressed=unzipped),
        "odt": partial(odt.parse_odt, max_uncompressed=unzipped),
        "pdf": partial(pdf.parse_pdf, options=options),
        "epub": partial(epub.parse_epub, max_uncompressed=unzipped),
        "png": partial(image.parse_image, options=options),
        "jpg": partial(image.parse_image, options=options),
        "tif": partial(image.parse_image, options=options),
    }


# Encoding names that file names carry ("visas_entree_france_iso_8859_1.txt"): not title words.
_ENCODING_WORDS = re.compile(
    r"(?:^|\s)(?:iso\s?8859(?:\s?\d{1,2})?|utf\s?(?:8|16)|latin\s?(?:1|9)|(?:cp|windows)\s?125\d|ascii|ansi)(?=\s|$)", re.I
)
# Titles that document properties hold by default, which name nothing.
PLACEHOLDER_TITLE = re.compile(
    r"^(?:document\s*\d*|doc\d*|titre|title|untitled|sans titre|présentation powerpoint|microsoft word\b.*|"
    r"diapositive \d+|slide \d+|page \d+|\s*|"
    r"(?-i:[a-z0-9]+(?:[-_][a-z0-9]+)+))$",  # a project's file name ("developers-reference", Sphinx's default EPUB title)
    re.I,
)
_MONTHS = "janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|décembre|decembre"
# A date line ("9 novembre 2020", "Paris, le 1er mars 2021", "Lundi 9 novembre 2020", "09/11/2020")
# opens letters and press releases: it is never the document's title.
_DATE_LINE = re.compile(
    rf"^(?:[A-ZÀ-Ýa-zà-ÿ' -]{{1,40}},\s*)?(?:le\s+)?(?:(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\s+)?"
    rf"(?:\d{{1,2}}(?:er)?\s+(?:{_MONTHS})\s+\d{{4}}|\d{{1,2}}[/.-]\d{{1,2}}[/.-]\d{{2,4}}|(?:{_MONTHS})\s+\d{{4}})\.?$",
    re.I,
)


def _decoded_name(stem: str) -> str:
    """A file name whose bytes were not UTF-8 (kept by Python as surrogate escapes) read as cp1252."""
    if not any("\udc80" <= ch <= "\udcff" for ch in stem):
        return stem
    raw = stem.encode("utf-8", "surrogateescape")
    try:
        return raw.decode("cp1252")
    except UnicodeDecodeError:
        return raw.decode("utf-8", "replace")


def readable_stem(path: Path) -> str:
    """'rapport_final-2024' -> 'Rapport final 2024'; accents kept, encoding names dropped."""
    stem = unicodedata.normalize("NFC", _decoded_name(path.stem))  # macOS names come decomposed
    stem = re.sub(r"[_\-.]+", " ", stem)
    stem = " ".join(_ENCODING_WORDS.sub(" ", stem).split())
    return stem[:1].upper() + stem[1:] if stem else path.name


def is_date_line(text: str) -> bool:
    return len(text) <= 80 and bool(_DATE_LINE.match(text.strip()))


_SUBJECT = re.compile(r"^(?:objet|sujet|subject|re)\s*:\s*(?P<subject>\S.*)$", re.I)
_TITLE_WINDOW = 5  # a title is at the start: among the first blocks, after short ones only


def _title(parsed: ParsedDocument, path: Path) -> str:
    """The format's own title (EPUB dc:title, front matter, a Title style, Gutenberg's Title:),
    a heading at the start, an "Objet :" line, the file's metadata title, else the file name.

    A heading further down (or a signature at the end of a letter), a date line and a
    placeholder such as "Document1" do not name the document.
    """
    if parsed.title.strip() and not PLACEHOLDER_TITLE.match(parsed.title.strip()):
        return " ".join(parsed.title.split())[:200]
    for block in parsed.blocks[:_TITLE_WINDOW]:
        if is_date_line(block.text):
            continue
        subject = _SUBJECT.match(block.text)
        if subject and len(block.text) <= 150:
            text = subject.group("subject").strip()
            return (text[:1].upper() + text[1:])[:200]
        if block.kind == HEADING and block is not parsed.blocks[-1]:
            return block.text[:200]
        if len(block.text) > 200:
            break
    meta = " ".join(parsed.metadata.get("title", "").split())
    return meta[:200] if meta and not PLACEHOLDER_TITLE.match(meta) else readable_stem(path)


def _size_mb(n: int) -> str:
    return f"{n / 2**20:.1f} MB" if n >= 2**20 else f"{n / 1024:.0f} KB"


def load_document_bytes(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The checked bytes of a document file: the cheap checks, before any parsing or hashing.

    Refuses (ImportRefused) an unsupported extension, a folder, a missing or unreadable
    file, a file over `max_bytes`, an empty file, and a file whose first bytes say it is
    something else than its extension (a .docx renamed .pdf). The file is read once.
    """
    path = Path(path)
    shown = str(path)
    fmt_label = FORMATS.get(path.suffix.lower())
    if fmt_label is None:
        supported = ", ".join(sorted({ext for ext in FORMATS if ext not in (".markdown", ".xhtml")}))
        kind = f"'{path.suffix}' files" if path.suffix else "files without an extension"
        raise ImportRefused(shown, f"unsupported file type: {kind} cannot be imported (supported: {supported})")
    fmt, label = fmt_label
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise ImportRefused(shown, "this is a folder, not a file")
        if size > max_bytes:
            raise ImportRefused(
                shown,
                f"the file is too large ({_size_mb(size)}; the limit is {_size_mb(max_bytes)})",
            )
        with path.open("rb") as fh:
            data = fh.read(max_bytes + 1)
    except FileNotFoundError:
        raise ImportRefused(shown, "file not found") from None
    except PermissionError:
        raise ImportRefused(shown, "the file cannot be read (permission denied)") from None
    except IsADirectoryError:
        raise ImportRefused(shown, "this is a folder, not a file") from None
    except OSError as exc:
        raise ImportRefused(shown, f"the file cannot be read ({exc.strerror or exc})") from None
    if len(data) > max_bytes:
        raise ImportRefused(shown, f"the file is too large (the limit is {_size_mb(max_bytes)})")
    if not data.strip():
        raise ImportRefused(shown, "the file is empty")
    try:
        _check_kind(data, fmt, label)
    except Refused as exc:
        raise ImportRefused(shown, str(exc)) from exc
    return data


def parse_document_bytes(
    path: Path, data: bytes, max_bytes: int = DEFAULT_MAX_BYTES, options: ReadOptions | None = None
) -> ParsedDocument:
    """Parse and clean bytes checked by load_document_bytes; the extension of `path` picks the format.

    `options` say how to read PDFs and images (OCR mode, page progress, cancel); a cancel
    raises ImportCancelled."""
    path = Path(path)
    shown = str(path)
    fmt, label = FORMATS[path.suffix.lower()]
    try:
        parsed = _readers(max_bytes, options)[fmt](data)
    except ImportCancelled:
        raise
    except Refused as exc:
        raise ImportRefused(shown, str(exc)) from exc
    except MemoryError:
        raise ImportRefused(shown, "the file is too large to process") from None
    except Exception as exc:  # noqa: BLE001 - a library choking on a damaged file
        raise ImportRefused(shown, f"this {label} is damaged and cannot be read ({type(exc).__name__}: {exc})") from exc
    if not parsed.blocks:
        raise ImportRefused(shown, "no text found in the file")
    _promote_leading_title(parsed)
    parsed.title = _title(parsed, path)
    return parsed


def _promote_leading_title(parsed: ParsedDocument) -> None:
    """A document that opens with one bulleted line standing alone ("• Communiqué de presse
    du …", common in press releases pasted from web pages) opens with its title, not a list."""
    blocks = parsed.blocks
    if len(blocks) < 2 or blocks[0].kind != LIST_ITEM or blocks[1].kind == LIST_ITEM:
        return
    text = blocks[0].text.strip()
    if len(text) <= 200 and not text.endswith((".", ";", ":", ",")):
        page = blocks[0].structure  # a PDF's first block keeps its page
        blocks[0] = Block(HEADING, text, Structure(level=1, page=page.page, page_label=page.page_label))


def read_document(path: Path, max_bytes: int = DEFAULT_MAX_BYTES, options: ReadOptions | None = None) -> ParsedDocument:
    """Read and clean one document. Raises ImportRefused with a user-facing reason."""
    return parse_document_bytes(path, load_document_bytes(path, max_bytes), max_bytes, options)
