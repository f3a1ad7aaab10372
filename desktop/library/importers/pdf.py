"""PDF (.pdf): the text layer, read with pypdf; scanned pages are refused.

Running headers and footers are dropped (pages.py); the rest goes through the same
cleanup as plain text, which rejoins wrapped lines and undoes end-of-line hyphenation.

The text layer has no blank lines, so a title ran into the paragraph below it. The
position and size of each line (pypdf's visitor) tell them apart: a blank line goes
where the gap to the previous line is well above the usual line spacing, and around
lines set in a larger font than the body text.
"""

from __future__ import annotations

import io
import logging
import re

from desktop.library.cleanup import clean_text
from desktop.library.importers.errors import Refused
from desktop.library.importers.pages import join_pages, strip_running_lines
from desktop.library.models import ParsedDocument

NO_TEXT_LAYER = "no text layer: run OCR first"


Line = tuple[str, float | None, float | None]  # text, baseline height on the page, font size

_GAP_FACTOR = 1.5  # a gap this many times the usual line spacing separates blocks
_LARGER_FONT = 1.15  # a line this much larger than the body text is set apart


def _page_lines(page) -> list[Line]:  # noqa: ANN001 - a pypdf PageObject
    """The page's text lines, each with its height and font size when pypdf reports them.

    The text is exactly what extract_text returns; if the visitor's fragments do not add
    up to it, the lines come without positions (and no gap is inferred).
    """
    fragments: list[tuple[str, float, float]] = []

    def visit(text: str, cm: list[float], tm: list[float], _font: object, size: float) -> None:
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        scale = abs(tm[3] * cm[3]) or abs(tm[0] * cm[0]) or 1.0
        fragments.append((text, y, (size or 0.0) * scale))

    try:
        text = page.extract_text(visitor_text=visit) or ""
    except TypeError:  # a pypdf without the visitor arguments
        text = page.extract_text() or ""
        fragments = []
    if "".join(f[0] for f in fragments) != text:
        return [(line, None, None) for line in text.split("\n")]
    lines: list[Line] = []
    current, y, size = "", None, 0.0
    for fragment, frag_y, frag_size in fragments:
        parts = fragment.split("\n")
        for n, part in enumerate(parts):
            if n:
                lines.append((current, y, size or None))
                current, y, size = "", None, 0.0
            if part.strip():
                if y is None:
                    y = frag_y
                size = max(size, frag_size)
            current += part
    lines.append((current, y, size or None))
    return lines


def _usual(values: list[float]) -> float | None:
    """The most frequent value (rounded to half a point), the smaller one on a tie."""
    counts: dict[float, int] = {}
    for value in values:
        key = round(value * 2) / 2
        counts[key] = counts.get(key, 0) + 1
    if not counts:
        return None
    return min(counts, key=lambda k: (-counts[k], k))


def _with_paragraph_gaps(pages: list[list[Line]]) -> list[list[str]]:
    """Each page's lines, with a blank line at wide gaps and around larger type."""
    gaps: list[float] = []
    sizes: list[float] = []
    for lines in pages:
        placed = [(y, size, text) for text, y, size in lines if y is not None and text.strip()]
        for (y0, _s0, _t0), (y1, _s1, _t1) in zip(placed, placed[1:]):
            if y0 - y1 > 0:
                gaps.append(y0 - y1)
        sizes.extend(size for _y, size, text in placed if size for _ in range(max(1, len(text) // 20)))
    spacing, body = _usual(gaps), _usual(sizes)
    out: list[list[str]] = []
    for lines in pages:
        page: list[str] = []
        prev_y: float | None = None
        prev_large = False
        for text, y, size in lines:
            if not text.strip() or y is None:
                page.append(text)
                continue
            large = bool(body and size and size > _LARGER_FONT * body)
            wide = bool(spacing and prev_y is not None and prev_y - y > _GAP_FACTOR * spacing)
            if page and page[-1].strip() and (wide or large != prev_large):
                page.append("")
            page.append(text)
            prev_y, prev_large = y, large
        out.append(page)
    return out


def parse_pdf(data: bytes) -> ParsedDocument:
    if b"%PDF-" not in data[:1024]:
        raise Refused("this is not a PDF file (no PDF header)")
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # damaged-but-readable noise
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                opened = reader.decrypt("")  # many PDFs only restrict printing or copying
            except (DependencyError, NotImplementedError, FileNotDecryptedError, PdfReadError):
                opened = 0
            if not opened:
                raise Refused("this PDF is encrypted (password-protected): remove the password, then import it again")
        pages = [_page_lines(page) for page in reader.pages]
        texts = ["\n".join(text for text, _y, _size in lines) for lines in pages]
    except Refused:
        raise
    except (PdfReadError, FileNotDecryptedError, ValueError, KeyError, TypeError, IndexError, AttributeError) as exc:
        raise Refused(f"this PDF is damaged and cannot be read ({exc})") from exc
    if not texts:
        raise Refused("this PDF has no pages")
    if not any(re.search(r"[^\W\d_]", t) for t in texts):
        raise Refused(NO_TEXT_LAYER)
    joined = join_pages(strip_running_lines(_with_paragraph_gaps(pages)))
    metadata = {"pages": str(len(texts))}
    try:
        info = reader.metadata
        if info and info.title and str(info.title).strip():
            metadata["title"] = str(info.title).strip()
        if info and info.author and str(info.author).strip():
            metadata["author"] = str(info.author).strip()
    except (PdfReadError, ValueError, KeyError, TypeError):
        pass
    return ParsedDocument(title="", blocks=clean_text(joined), format="pdf", metadata=metadata)
