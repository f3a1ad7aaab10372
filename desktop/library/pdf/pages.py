"""Pass 1: one page of a PDF (or one scanned image) into its lines in reading order.

A page is read from its text layer unless that layer is missing (a scan), unusable
(a font without a Unicode map: the characters come out as mojibake) or the user asked
for OCR on every page; such pages are rendered and read by Tesseract when it is there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from desktop.library.pdf import ocr as ocr_module
from desktop.library.pdf.lines import attach_dots, build_lines
from desktop.library.pdf.model import Line, PageLines, Word
from desktop.library.pdf.ocr_queue import OcrQueue
from desktop.library.pdf.order import reading_order
from desktop.library.pdf.tables import find_tables
from desktop.library.pdf.textlayer import Shapes, read_chars, read_shapes, words_of
from desktop.library.reading import ALWAYS, AUTO, NEVER


_LETTER = re.compile(r"[^\W\d_]")
_TOKEN = re.compile(r"[^\W\d_]{3,}")
_ENGLISH = frozenset(
    "the and for that with this from are was were have has not but which their they will "
    "would can been its also more other into than these such only our between".split()
)


@dataclass(frozen=True)
class PageText:
    """What a page's text layer is worth."""

    letters: int
    garbled: bool


def judge_text(text: str, unmapped: int, total: int, lexicon: frozenset[str], broken: int = 0) -> PageText:
    """Letters on the page, and whether they are mojibake (a font without a Unicode map).

    Mojibake: many characters the font cannot map, unmapped characters inside words (an
    accented letter lost: Conf?rence), or (with enough words to judge) almost no word that
    French or English knows.
    """
    letters = len(_LETTER.findall(text))
    if total and (unmapped > 0.2 * total or broken > max(2, 0.005 * letters)):
        return PageText(letters, True)
    tokens = [t.lower() for t in _TOKEN.findall(text)]
    if len(tokens) >= 15 and lexicon:
        known = sum(1 for t in tokens if t in lexicon or t in _ENGLISH)
        if known < 0.2 * len(tokens):
            return PageText(letters, True)
    if letters and sum(1 for c in text if c == "\ufffd" or "\x00" <= c < " ") > 0.2 * letters:
        return PageText(letters, True)
    return PageText(letters, False)


def order_page(lines: list[Line], boxes: list[tuple[float, float, float, float]], cells: list[Line]) -> list[Line]:
    """Lines (and tables, each as one box) in reading order, each line told its region."""

    @dataclass
    class _Table:
        x0: float
        top: float
        x1: float
        bottom: float
        index: int

    items: list = list(lines) + [_Table(*box, index=i) for i, box in enumerate(boxes)]
    ordered: list[Line] = []
    for region, members in enumerate(reading_order(items)):
        for item in members:
            if isinstance(item, _Table):
                for cell in sorted((c for c in cells if c.cell and c.cell[0] == item.index), key=lambda c: c.cell[1:3]):
                    cell.region = region
                    ordered.append(cell)
            else:
                item.region = region
                ordered.append(item)
    return ordered


def _dirt(line: Line) -> bool:
    letters = sum(ch.isalnum() for ch in line.text)
    return letters <= 3 and len(line.low) == len(line.text.split()) and all(c < 50 for _a, _b, c in line.low)


def lines_from_words(words: list[Word], shapes: Shapes | None, page: PageLines) -> None:
    if shapes is not None:
        cells, words, boxes = find_tables(words, shapes)
    else:
        cells, boxes = [], []
    lines = build_lines(words) if words else []
    # OCR: a line of two or three letters read with no confidence is dirt
    lines = [ln for ln in lines if not (ln.low and _dirt(ln))]
    if shapes is not None:
        attach_dots(lines, shapes.dots)
        # Short rules in the lower half, outside tables: footnote separators.
        page.rules = [
            y
            for y, x0, x1 in shapes.hrules
            if y > 0.5 * page.height
            and x1 - x0 < 0.45 * page.width
            and not any(b[1] - 3 <= y <= b[3] + 3 for b in boxes)
        ]
    page.lines = order_page(lines, boxes, cells)


def read_page(
    doc,  # noqa: ANN001 - a pypdfium2 PdfDocument
    index: int,
    *,
    mode: str,
    lexicon: frozenset[str],
    engine: ocr_module.Tesseract | None,
    queue: OcrQueue | None = None,
) -> tuple[PageLines, str]:
    """The page's lines, and what was done about OCR: "" (text layer), "ocr" (the page is
    in `queue`: its lines come when the queue is drained), or the reason it was needed but
    not done ("no-ocr": Tesseract missing or --ocr never)."""
    page = doc[index]
    try:
        width, height = page.get_size()
        try:
            label = doc.get_page_label(index) or ""
        except Exception:  # noqa: BLE001 - a damaged /PageLabels tree
            label = ""
        result = PageLines(index + 1, label, width, height)
        textpage = page.get_textpage()
        try:
            layer = read_chars(page, textpage, height)
        finally:
            textpage.close()
        shapes = read_shapes(page, height)
        text = "".join(" " + c.text if c.spaced else c.text for c in layer.chars)
        judged = judge_text(text, layer.unmapped, layer.total, lexicon, layer.broken)
        # No text, and a picture (a scan) or drawn paths (text turned into outlines, a chart
        # with labels): OCR reads what the page shows.
        scanned = judged.letters < 20 and (shapes.image_area > 0.05 or shapes.paths >= 10)
        wants_ocr = mode == ALWAYS or (mode == AUTO and (scanned or judged.garbled))
        if wants_ocr and engine is not None and queue is not None:
            image, dpi = ocr_module.render_page(page)
            image, _angle = ocr_module.deskew(image)
            result.ocr = True
            # The page's drawn rules and bullets still place tables and list items.
            queue.submit(image, dpi, shapes, result)
            return result, "ocr"
        if judged.garbled:
            return result, "no-ocr"  # mojibake is worse than nothing
        if scanned:
            return result, "no-ocr" if wants_ocr or mode == NEVER else ""
        lines_from_words(words_of(layer.chars), shapes, result)
        return result, ""
    finally:
        page.close()
