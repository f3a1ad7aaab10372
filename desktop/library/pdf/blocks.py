"""Pass 2: the document's lines (every page, in reading order) into Blocks.

The body text's size is the most common size of the document's text; larger lines, and
short lines set wholly in bold, are headings (levels by size, largest first). Lines that
start with a bullet or a number are list items (depth from how far in their marker
sits); small lines at the foot of a page that start with a number are footnotes. A
paragraph ends at a wider gap, an indented first line, a short last line of justified
text, or a change of size; it runs on across columns and pages when its sentence does.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from desktop.library.cleanup import Dehyphenator, french_words
from desktop.library.textlines import bullet_marker, title_like
from desktop.library.models import CAPTION, FOOTNOTE, HEADING, LIST_ITEM, PARAGRAPH, TABLE_CELL, TOC, Block, Structure
from desktop.library.pdf.contents import contents_chapters, entry_and_page, is_entry, wrapped_entries
from desktop.library.pdf.lines import BULLET_CLASS
from desktop.library.pdf.model import Line, PageLines, median
from desktop.library.store import LOW_CONFIDENCE

_ITEM = re.compile(
    rf"^(?P<marker>{BULLET_CLASS}(?=\s)|[•●▪■◦○◆►▶▸‣➢➤✓✔❖\ue000-\uf8ff]"
    r"|\(?(?:\d{1,2}|[a-z]|[ivx]{1,4})[.)]|\d{1,2}°)\s*(?P<rest>\S.*)$"
)
_FOOTNOTE = re.compile(r"^(?P<marker>[⁰¹²³⁴⁵⁶⁷⁸⁹]+|\d{1,3}|\*{1,3}|[†‡])[\s.)]*(?P<rest>\S.*)$")
_CAPTION = re.compile(r"^(?:figure|fig\.|tableau|graphique|schéma|carte|photo|illustration|source)\b\s*\S", re.I)
_SUPER = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
_SENTENCE_END = (".", "!", "?", "…", ":", ";", "»", "”", '"')
_CONTINUES = ("-", ",", "‐")


@dataclass
class _Draft:
    role: str  # "heading", "item", "foot", "body", "cell", "caption"
    page: PageLines
    lines: list[tuple[Line, PageLines]] = field(default_factory=list)
    marker: str = ""

    @property
    def first(self) -> Line:
        return self.lines[0][0]

    @property
    def last(self) -> Line:
        return self.lines[-1][0]


@dataclass
class _Stats:
    body: float  # the body text's font size
    gap: float  # usual white between two lines of a paragraph
    ocr_body: dict[int, float] = field(default_factory=dict)  # per OCR'd page: its own median size

    def body_of(self, page: PageLines) -> float:
        return self.ocr_body.get(page.number, self.body)


def _stats(pages: list[PageLines]) -> _Stats:
    sizes: Counter[float] = Counter()
    for page in pages:
        for ln in page.lines:
            if ln.cell is None:
                sizes[round(ln.size * 2) / 2] += len(ln.text)
    body = min(sizes, key=lambda s: (-sizes[s], s)) if sizes else 10.0
    gaps: Counter[float] = Counter()
    for page in pages:
        for a, b in zip(page.lines, page.lines[1:]):
            if a.region == b.region and a.cell is None and b.cell is None and abs(a.size - body) < 0.6 and abs(b.size - body) < 0.6:
                g = b.top - a.bottom
                if -0.5 * body < g < 1.5 * body:
                    gaps[round(g * 2) / 2] += 1
    gap = min(gaps, key=lambda g: (-gaps[g], g)) if gaps else 0.2 * body
    # Sizes measured on a scan vary with its noise and resolution: each page is its own measure.
    ocr_body = {p.number: median([ln.size for ln in p.lines if len(ln.text) > 20], body) for p in pages if p.ocr}
    return _Stats(body, gap, ocr_body)


def _ends_sentence(text: str) -> bool:
    # A note call after the full stop ("devoirs.¹", "devoirs. 2") still ends the sentence.
    return text.rstrip().rstrip("⁰¹²³⁴⁵⁶⁷⁸⁹*†‡ ").endswith(_SENTENCE_END)


def _role(line: Line, page: PageLines, stats: _Stats) -> str:
    text = line.text.strip()
    if line.cell is not None:
        return "cell"
    body = stats.body_of(page)
    small = line.size <= 0.92 * body
    if small and line.top > 0.55 * page.height and _FOOTNOTE.match(text) and (
        not page.rules or any(r < line.top for r in page.rules)
    ):
        return "foot"
    larger = (1.4 if page.ocr else 1.15) * body  # OCR sizes are rough: only clearly larger type
    if is_entry(text):
        return "toc"
    if line.marker or _ITEM.match(text):
        if line.size < larger or line.marker or page.ocr:
            return "item"
    if line.size >= larger and len(text) <= 200:
        return "heading"
    if line.bold and line.size >= 0.95 * body and len(text) <= 120 and not text.endswith((".", ",", ";")):
        return "heading"
    if _CAPTION.match(text) and line.size <= body + 0.1:
        return "caption"
    return "body"


def _region_shape(lines: list[Line], size: float) -> tuple[float, float, bool]:
    """(left edge, right edge, justified) of a region's lines in the body size `size`."""
    body = [ln for ln in lines if abs(ln.size - size) < 0.1 * size] or lines
    left = min(ln.x0 for ln in body)
    right = max(ln.x1 for ln in body)
    full = sum(1 for ln in body if ln.x1 >= right - 0.6 * size)
    return left, right, len(body) >= 4 and full >= 0.6 * len(body)


def _continues(draft: _Draft, role: str, line: Line, stats: _Stats, shape: tuple[float, float, bool]) -> bool:
    """Whether `line` (of role `role`, same region as the draft's last line) goes on `draft`."""
    prev = draft.last
    size = max(line.size, prev.size)
    gap = line.top - prev.bottom
    if abs(line.top - prev.top) < 0.3 * size and line.x0 >= prev.x1 - 1:
        return "cell" not in (role, draft.role)  # further along the same line (a wide gap split it)
    if line.top <= prev.top + 0.3 * size:
        return False  # not below: a line further up (another box of the band); OCR boxes may overlap
    if draft.role == "heading":
        # A title wrapped over lines goes on; a second heading set the same way does not: the
        # line before is short and the next starts with a capital ("Chapitre 2" / "Les enjeux").
        left, right, _justified = shape
        wrapped = line.text[:1].islower() or prev.x1 - prev.x0 >= 0.6 * max(right - left, 1.0)
        alike = abs(line.size - prev.size) < (0.3 * size if draft.page.ocr else 0.6)  # a scan's sizes vary
        return role == "heading" and alike and line.bold == prev.bold and gap <= 0.9 * size and wrapped
    if role != "body" or draft.role not in ("body", "item", "foot", "caption"):
        return False
    if draft.role == "foot":
        return abs(line.size - prev.size) < 0.6 and gap <= stats.gap + 0.5 * size
    if draft.page.ocr and line.text[:1].islower() and gap <= 2 * max(stats.gap, 0.3 * size):
        return True  # a scan: a line that starts in lower case goes on (a speck may have ended the last one)
    if abs(line.size - prev.size) > (0.3 if draft.page.ocr else 0.15) * size or gap > stats.gap + 0.45 * size:
        return False
    left, right, justified = shape
    if draft.role == "item":
        hanging = line.x0 >= draft.first.x0 + 0.5 * size
        return hanging or (not _ends_sentence(prev.text) and line.text[:1].islower())
    if len(draft.lines) == 1 and _stands_alone(prev, shape) and line.text[:1].isupper():
        return False  # a short line without punctuation, then a sentence: a title in the body's font
    indented = 0.7 * size < line.x0 - left < 8 * size and prev.x0 - left < 0.3 * size
    if indented and _ends_sentence(prev.text):
        return False
    if justified and prev.x1 < right - 2 * size and _ends_sentence(prev.text):
        return False
    return True


def _stands_alone(line: Line, shape: tuple[float, float, bool]) -> bool:
    left, right, _justified = shape
    return title_like(line.text) and line.x1 - line.x0 < 0.75 * max(right - left, 1.0)


def _titles_in_body_font(drafts: list[_Draft], stats: _Stats) -> None:
    """A one-line paragraph that looks like a title and comes before text is a heading."""
    for d, after in zip(drafts, drafts[1:]):
        if (
            d.role == "body"
            and len(d.lines) == 1
            and after.role in ("body", "item")
            and after.page is d.page
            and title_like(d.first.text)
            and d.first.size >= 0.95 * stats.body_of(d.page)
        ):
            d.role = "heading"


def _drafts(pages: list[PageLines], stats: _Stats) -> list[_Draft]:
    drafts: list[_Draft] = []
    for page in pages:
        regions: dict[int, list[Line]] = {}
        for ln in page.lines:
            regions.setdefault(ln.region, []).append(ln)
        shapes = {r: _region_shape(lines, stats.body_of(page)) for r, lines in regions.items()}
        feet: list[_Draft] = []
        current: _Draft | None = None
        for ln in page.lines:
            role = _role(ln, page, stats)
            target = feet if role == "foot" else drafts
            if (
                current is not None
                and current.last.region == ln.region
                and _continues(current, role, ln, stats, shapes[ln.region])
            ):
                current.lines.append((ln, page))
                continue
            current = _Draft(role, page, [(ln, page)])
            if role in ("item", "foot"):
                m = (_ITEM if role == "item" else _FOOTNOTE).match(ln.text.strip())
                current.marker = m.group("marker").translate(_SUPER) if m else ln.marker
            target.append(current)
        drafts.extend(feet)
    return drafts


def _join_across_breaks(drafts: list[_Draft]) -> list[_Draft]:
    """A paragraph cut by a column or page break runs on: the first paragraph of a column
    continues the last one before it when that one's sentence is not finished."""
    out: list[_Draft] = []
    last_body: _Draft | None = None
    for d in drafts:
        if d.role == "foot":
            out.append(d)
            continue
        if (
            last_body is not None
            and d.role == "body"
            and last_body.role in ("body", "item")
            and (d.page is not last_body.lines[-1][1] or d.first.region != last_body.last.region)
            and not _ends_sentence(last_body.last.text)
            and (d.first.text[:1].islower() or last_body.last.text.rstrip().endswith(_CONTINUES))
        ):
            last_body.lines.extend(d.lines)
            continue
        out.append(d)
        last_body = d
    # Footnotes of a page whose last paragraph ran on now come after that paragraph.
    ordered: list[_Draft] = []
    pending: list[_Draft] = []
    for d in out:
        if d.role == "foot":
            pending.append(d)
            continue
        if pending and (d.page is not pending[-1].page or d.role != "body"):
            ordered.extend(pending)
            pending = []
        ordered.append(d)
        if pending:
            ordered.extend(pending)
            pending = []
    return ordered + pending


def _levels(drafts: list[_Draft], stats: _Stats) -> dict[float, int]:
    sizes = sorted(
        {round(d.first.size * 2) / 2 for d in drafts if d.role == "heading" and not d.page.ocr and d.first.size >= 1.15 * stats.body},
        reverse=True,
    )
    levels = {s: min(i + 1, 6) for i, s in enumerate(sizes)}
    levels[0.0] = min(len(sizes) + 1, 6)  # bold headings in the body's size
    return levels


def _assemble(d: _Draft, dehyphen: Dehyphenator) -> tuple[str, list[tuple[int, int, float, str]], list[list]]:
    """The draft's text (lines joined, hyphenation undone where it was only a line break),
    its low-confidence spans (start, end, confidence, word) and page breaks inside it."""
    text = ""
    low: list[tuple[int, int, float, str]] = []
    breaks: list[list] = []
    page = d.lines[0][1]
    for n, (ln, ln_page) in enumerate(d.lines):
        part, spans = ln.text, ln.low
        if n == 0 and d.role in ("item", "foot"):
            m = (_ITEM if d.role == "item" else _FOOTNOTE).match(part)
            if m:
                cut = m.start("rest")
                part = part[cut:]
                spans = tuple((a - cut, b - cut, c) for a, b, c in spans if a >= cut)
        part = part.strip()
        if not part:
            continue
        if not text:
            joined, offset = part, 0
        else:
            joined = dehyphen.join_lines(text, part)
            offset = len(joined) - len(part) if joined.endswith(part) else joined.rfind(part)
        if low and len(joined) < len(text):  # a hyphen dropped from the previous line
            low = [(a, min(b, offset), c, joined[a : min(b, offset)]) for a, b, c, _w in low]
        text = joined
        if ln_page is not page and offset >= 0:
            breaks.append([offset, ln_page.number, ln_page.label])
            page = ln_page
        if offset >= 0:
            low.extend((a + offset, b + offset, c, text[a + offset : b + offset]) for a, b, c in spans)
    return text, [s for s in low if s[1] > s[0]], breaks


def build_blocks(pages: list[PageLines], words: frozenset[str] | None = None) -> list[Block]:
    stats = _stats(pages)
    drafts = _drafts(pages, stats)
    _titles_in_body_font(drafts, stats)
    contents_chapters(drafts)
    drafts = wrapped_entries(drafts, stats.gap)
    drafts = _join_across_breaks(drafts)
    dehyphen = Dehyphenator(
        "\n".join(ln.text for p in pages for ln in p.lines), french_words() if words is None else words
    )
    levels = _levels(drafts, stats)
    blocks: list[Block] = []
    group = 0
    tables: dict[tuple[int, int], int] = {}
    list_x: list[float] = []  # marker positions of the list running now
    previous_role = ""
    for d in drafts:
        text, low, breaks = _assemble(d, dehyphen)
        if not text:
            continue
        attrs: list[tuple[str, object]] = []
        fields: dict[str, object] = {"page": d.page.number, "page_label": d.page.label}
        kind = {"heading": HEADING, "item": LIST_ITEM, "foot": FOOTNOTE, "cell": TABLE_CELL, "caption": CAPTION, "toc": TOC}.get(
            d.role, PARAGRAPH
        )
        if d.role == "toc":
            text, page = entry_and_page(text)
            if page:
                attrs.append(("target", page))
        if d.role == "heading":
            size, body = round(d.first.size * 2) / 2, stats.body_of(d.page)
            if d.page.ocr:  # measured sizes are rough on a scan: large titles, and the rest
                fields["level"] = 1 if size >= 1.8 * body else 2 if size >= 1.4 * body else levels[0.0]
            else:
                fields["level"] = levels.get(size, levels[0.0]) if d.first.size >= 1.15 * body else levels[0.0]
        elif d.role == "item":
            if previous_role != "item":
                group += 1
                list_x = []
            x = d.first.x0
            if not any(abs(x - seen) <= 4 for seen in list_x):
                list_x.append(x)
            fields.update(marker=_shown_marker(d.marker), depth=sorted(list_x).index(min(list_x, key=lambda s: abs(s - x))), group=group)
        elif d.role == "foot":
            fields["marker"] = d.marker
        elif d.role == "cell":
            table, row, col, header = d.first.cell
            key = (d.page.number, table)
            if key not in tables:
                group += 1
                tables[key] = group
            fields.update(group=tables[key], row=row, col=col)
            if header:
                attrs.append(("header", True))
        if low:
            attrs.append((LOW_CONFIDENCE, tuple(tuple(s) for s in low)))
        if breaks:
            attrs.append(("pages", tuple(tuple(b) for b in breaks)))
        blocks.append(Block(kind, text, Structure(attrs=tuple(sorted(attrs)), **fields)))
        previous_role = d.role
    return blocks


def _shown_marker(marker: str) -> str:
    """A symbol font's private-use bullet as what it shows (cleanup's table), a dot as •."""
    if not marker or marker in ("·", "∙") or "\ue000" <= marker[0] < "\uf000":
        return "•"
    return bullet_marker(marker)
