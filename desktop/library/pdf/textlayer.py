"""A page's text layer read with pypdfium2: characters into words, and the page's drawn
shapes (bullets drawn as small shapes, ruling lines of tables and footnote separators).

Words are cut where the PDF has a space or where the gap between two characters is
wider than the line's own letter spacing allows: designed PDFs often place every word
(or every letter of a letter-spaced heading) without any space character, and some
put a space between every letter of a letter-spaced word.
"""

from __future__ import annotations

import ctypes
import re
from collections import Counter
from dataclasses import dataclass

from desktop.library.pdf.model import Word, median

_SUPERSCRIPT_DIGITS = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
_BOLD_NAMES = ("bold", "black", "heavy", "semibold", "demi", "extrabold", "ultrabold")
_FORCE_BOLD = 1 << 18  # FXFONT_FORCE_BOLD in the font descriptor flags
WIDE_GAP = 1.0  # ems: a wider gap on a line separates columns, table cells or tab stops


@dataclass(slots=True)
class Char(Word):
    """One character as a one-letter word, and whether a space character came before it."""

    spaced: bool = False


@dataclass(slots=True)
class Shapes:
    """Drawn objects of a page, in top-down coordinates."""

    hrules: list[tuple[float, float, float]]  # (y, x0, x1)
    vrules: list[tuple[float, float, float]]  # (x, y0, y1)
    dots: list[tuple[float, float, float, float]]  # small shapes: (x0, top, x1, bottom)
    image_area: float  # share of the page covered by images (0..1, may exceed 1)
    paths: int = 0  # drawn paths and images (text converted to outlines draws words or letters)


@dataclass(slots=True)
class TextLayer:
    chars: list[Char]
    unmapped: int  # characters whose font has no Unicode map for them
    total: int
    broken: int = 0  # of those, the ones inside a word (Conf?rence): the text is mojibake


def _font_of(raw, textpage, index: int, obj) -> tuple[float, bool, int, bool]:  # noqa: ANN001
    """(size, bold by name or flag, weight, upright) of the text object holding character `index`."""
    size = raw.FPDFText_GetFontSize(textpage, index)
    buf = ctypes.create_string_buffer(128)
    flags = ctypes.c_int(0)
    raw.FPDFText_GetFontInfo(textpage, index, buf, 128, ctypes.byref(flags))
    name = buf.value.decode("latin-1", "replace").lower()
    weight = raw.FPDFText_GetFontWeight(textpage, index)
    bold = bool(flags.value & _FORCE_BOLD) or any(b in name for b in _BOLD_NAMES) or bool(_TEX_BOLD.search(name))
    upright = True
    if obj:
        m = raw.FS_MATRIX()
        if raw.FPDFPageObj_GetMatrix(obj, ctypes.byref(m)):
            upright = abs(m.b) <= 0.1 * abs(m.a) and abs(m.c) <= 0.1 * abs(m.d) and m.a > 0
    return size, bold, weight, upright


# Computer Modern / EC bold faces say so in their short names: cmbx12, cmssbx10, sfbx1000, cmb10.
_TEX_BOLD = re.compile(r"(?:^|\+)(?:cm|sf|ec|eu)[a-z]*?bx|(?:^|\+)cmb\d")


def _heavy(weights: list[int]) -> set[int]:
    """The weights that mean bold on this page. pdfium derives a font's weight from its
    StemV, which TeX's Type 1 fonts set high (CMR10 comes out at 744): when the page's
    most used weight is already "bold", only a clearly heavier one is."""
    if not weights:
        return set()
    body = Counter(weights).most_common(1)[0][0]
    floor = 600 if body < 600 else body + 150
    return {w for w in set(weights) if w >= floor}


def _fast(fn, restype, *argtypes):  # noqa: ANN001, ANN202
    """The same pdfium function with plain ctypes types: per-character calls are the cost
    of reading a page, and pypdfium2's pointer wrappers triple it."""
    return ctypes.CFUNCTYPE(restype, *argtypes)(ctypes.cast(fn, ctypes.c_void_p).value)


_CALLS: dict[str, object] = {}


def _calls() -> dict[str, object]:
    if not _CALLS:
        import pypdfium2.raw as raw

        vp, i, d = ctypes.c_void_p, ctypes.c_int, ctypes.POINTER(ctypes.c_double)
        _CALLS.update(
            generated=_fast(raw.FPDFText_IsGenerated, i, vp, i),
            unicode=_fast(raw.FPDFText_GetUnicode, ctypes.c_uint, vp, i),
            unmapped=_fast(raw.FPDFText_HasUnicodeMapError, i, vp, i),
            obj=_fast(raw.FPDFText_GetTextObject, vp, vp, i),
            box=_fast(raw.FPDFText_GetLooseCharBox, i, vp, i, ctypes.POINTER(raw.FS_RECTF)),
            origin=_fast(raw.FPDFText_GetCharOrigin, i, vp, i, d, d),
        )
    return _CALLS


def read_chars(page, textpage, height: float) -> TextLayer:  # noqa: ANN001 - pypdfium2 objects
    """The page's visible characters in content-stream order (generated ones skipped)."""
    import pypdfium2.raw as raw

    calls = _calls()
    generated, unicode, has_error = calls["generated"], calls["unicode"], calls["unmapped"]
    text_object, loose_box, origin = calls["obj"], calls["box"], calls["origin"]
    tp = ctypes.cast(textpage.raw, ctypes.c_void_p).value
    n = textpage.count_chars()
    rect = raw.FS_RECTF()
    rect_p = ctypes.pointer(rect)
    ox, oy = ctypes.c_double(), ctypes.c_double()
    ox_p, oy_p = ctypes.pointer(ox), ctypes.pointer(oy)
    fonts: dict[int, tuple[float, bool, int, bool]] = {}
    chars: list[Char] = []
    weights: list[int] = []
    unmapped = total = broken = 0
    spaced = False
    width = page.get_width()
    for i in range(n):
        if generated(tp, i) == 1:
            spaced = True  # pdfium's own line break or space: at least a word boundary
            continue
        code = unicode(tp, i)
        if code in _SPACES:
            spaced = True
            continue
        total += 1
        if has_error(tp, i) == 1 or code < 0x20:
            unmapped += 1
            broken += not spaced and bool(chars) and chars[-1].text.isalpha()
        key = text_object(tp, i) or 0
        font = fonts.get(key)
        if font is None:
            font = fonts[key] = _font_of(raw, textpage, i, ctypes.cast(key, raw.FPDF_PAGEOBJECT) if key else None)
        size, bold, weight, upright = font
        if not upright or size <= 0.5:
            continue  # vertical text in a margin, invisible specks
        loose_box(tp, i, rect_p)
        origin(tp, i, ox_p, oy_p)
        if rect.right < 0 or rect.left > width or rect.top < 0 or rect.bottom > height:
            continue  # outside the page (bleed, hidden)
        text = "-" if code == 0x02 else chr(code) if 0 < code < 0x110000 else "\ufffd"
        chars.append(
            Char(text, rect.left, rect.right, height - rect.top, height - rect.bottom, height - oy.value, size, bold,
                 spaced=spaced)
        )
        weights.append(weight)
        spaced = False
    heavy = _heavy(weights)
    for c, w in zip(chars, weights):
        c.bold = c.bold or w in heavy
    return TextLayer(compose_accents(chars), unmapped, total, broken)


# TeX's \accent (OT1 fonts, texinfo) draws a spacing accent over or under a separate letter:
# "syst`eme", "connaˆıtre", "franc¸ais" come out as two overlapping characters.
_ACCENTS = {
    "`": "\u0300", "\u02cb": "\u0300", "\u00b4": "\u0301", "\u02ca": "\u0301", "^": "\u0302",
    "\u02c6": "\u0302", "~": "\u0303", "\u02dc": "\u0303", "\u00af": "\u0304", "\u02c9": "\u0304",
    "\u02d8": "\u0306", "\u02d9": "\u0307", "\u00a8": "\u0308", "\u02da": "\u030a", "\u02dd": "\u030b",
    "\u02c7": "\u030c", "\u00b8": "\u0327", "\u02db": "\u0328",
}
_DOTLESS = {"\u0131": "i", "\u0237": "j"}


def _over(a: Char, b: Char) -> bool:
    """Does `a` sit over (or under) `b`: most of the narrower one inside the other?"""
    overlap = min(a.x1, b.x1) - max(a.x0, b.x0)
    return overlap > 0.6 * min(a.x1 - a.x0, b.x1 - b.x0) > 0


def _close_gap(before: Char, after: Char) -> None:
    """An accent drawn between two letters of another word made pdfium put a space there:
    none if the letters touch."""
    if abs(after.baseline - before.baseline) < 0.1 * after.size and abs(after.x0 - before.x1) < 0.05 * after.size:
        after.spaced = False


def compose_accents(chars: list[Char]) -> list[Char]:
    """A spacing accent drawn over (or under) a letter becomes one accented letter (NFC):
    the letter after it, the one before it, or any on the page it sits on (dvips may draw a
    capital's accent after the rest of the line). A backtick or caret beside a letter, as in code,
    stays as it is."""
    import unicodedata

    if not any(c.text in _ACCENTS for c in chars):
        return chars
    dropped: set[int] = set()
    for i, c in enumerate(chars):
        mark = _ACCENTS.get(c.text)
        if mark is None:
            continue
        near = [i + 1, i - 1, *range(len(chars))]
        for j in near:
            if 0 <= j < len(chars) and j not in dropped:
                base = chars[j]
                if (
                    len(base.text) == 1
                    and base.text.isalpha()
                    and abs(base.baseline - c.baseline) < 0.8 * base.size
                    and _over(c, base)
                ):
                    base.text = unicodedata.normalize("NFC", _DOTLESS.get(base.text, base.text) + mark)
                    if j == i + 1:
                        base.spaced = base.spaced or c.spaced
                    elif 0 < i < len(chars) - 1 and j != i - 1:
                        _close_gap(chars[i - 1], chars[i + 1])
                    dropped.add(i)
                    break
    return [c for i, c in enumerate(chars) if i not in dropped] if dropped else chars


# Non-breaking spaces (U+00A0, U+202F) stay inside their word: French typography (« oui », 2026 !).
_SPACES = frozenset((0x20, 0x09, 0x0D, 0x0A, 0x3000, 0x2009))


# --- characters into words ------------------------------------------------------------


def _runs(chars: list[Char]) -> list[list[Char]]:
    """Chars in stream order cut where the text jumps: another line, backwards, a gap
    wider than a word space (allowing for the run's own letter spacing)."""
    runs: list[list[Char]] = []
    run: list[Char] = []
    base_y = base_size = spacing = 0.0
    for c in chars:
        if run:
            p = run[-1]
            if c.x0 == p.x0 and c.x1 == p.x1 and c.baseline == p.baseline:
                run.append(c)  # a ligature pdfium spelled out (ﬀ -> f, f): one box for both
                continue
            gap = c.x0 - p.x1
            raised = base_y - c.baseline
            superscript = c.size < 0.85 * base_size and 0.12 * base_size < raised < 0.7 * base_size
            if superscript and -0.5 * base_size < gap < 0.5 * base_size:  # kerned back under the letter: the LaTeX logo
                run.append(c)
                continue
            if (
                abs(c.baseline - base_y) <= 0.35 * base_size
                and -0.3 * base_size <= gap <= WIDE_GAP * base_size + 2 * spacing
                and 1 / 1.5 <= c.size / base_size <= 1.5
            ):
                if not c.spaced and len(run) == 1:
                    spacing = max(gap, 0.0)
                run.append(c)
                continue
            runs.append(run)
        run = [c]
        base_y, base_size, spacing = c.baseline, c.size, 0.0
    if run:
        runs.append(run)
    return runs


def _breaks(run: list[Char]) -> list[bool]:
    """For each character after the first: does a new word start there?"""
    size = run[0].size
    gaps = [c.x0 - p.x1 for p, c in zip(run, run[1:])]
    spaced = [c.spaced for c in run[1:]]
    if not gaps:
        return []
    # Letter-spaced with a space between letters ("P o s i t i f"): spaces say nothing,
    # the widths of the gaps do. Dot leaders (". . . . 12") are spaced single characters
    # too, but not letters: only tokens with a letter or digit count.
    tokens = singles = 0
    start = 0
    for end in [i + 1 for i, s in enumerate(spaced) if s] + [len(run)]:
        token = run[start:end]
        if any(c.text.isalnum() for c in token):
            tokens += 1
            singles += len(token) == 1
        start = end
    if tokens >= 4 and singles >= 0.6 * tokens:
        return _gap_clusters(gaps, size)
    intra = [g for g, s in zip(gaps, spaced) if not s]
    usual = median(intra) if intra else 0.0
    threshold = max(0.18 * size, usual + 0.16 * size)
    return [s or g > threshold for g, s in zip(gaps, spaced)]


def _gap_clusters(gaps: list[float], size: float) -> list[bool]:
    """Word breaks at the clearly wider gaps of a letter-spaced run (none if all alike)."""
    ordered = sorted(gaps)
    best, cut = 0.0, None
    for a, b in zip(ordered, ordered[1:]):
        jump = b - a
        if jump > best:
            best, cut = jump, (a + b) / 2
    if cut is None or best < 0.12 * size:
        return [False] * len(gaps)
    return [g > cut for g in gaps]


def _word(chars: list[Char], size: float, base: float) -> Word:
    gaps = [c.x0 - p.x1 for p, c in zip(chars, chars[1:])]
    text = "".join(
        c.text.translate(_SUPERSCRIPT_DIGITS) if c.size < 0.85 * size and base - c.baseline > 0.12 * size else c.text
        for c in chars
    )
    bold = sum(c.bold for c in chars) * 2 > len(chars)
    return Word(
        text,
        chars[0].x0,
        chars[-1].x1,
        min(c.top for c in chars),
        max(c.bottom for c in chars),
        base,
        size,
        bold,
        spacing=max(median(gaps), 0.0) if gaps else 0.0,
    )


def words_of(chars: list[Char]) -> list[Word]:
    words: list[Word] = []
    for run in _runs(chars):
        size, base = run[0].size, run[0].baseline
        current = [run[0]]
        for c, new in zip(run[1:], _breaks(run)):
            if new:
                words.append(_word(current, size, base))
                current = []
            current.append(c)
        words.append(_word(current, size, base))
    return words


# --- drawn shapes -----------------------------------------------------------------------


def read_shapes(page, height: float) -> Shapes:  # noqa: ANN001 - a pypdfium2 page
    import pypdfium2.raw as raw

    width = page.get_width()
    hrules: list[tuple[float, float, float]] = []
    vrules: list[tuple[float, float, float]] = []
    dots: list[tuple[float, float, float, float]] = []
    image_area = 0.0
    count = 0
    for obj in page.get_objects(filter=(raw.FPDF_PAGEOBJ_PATH, raw.FPDF_PAGEOBJ_IMAGE), max_depth=2):
        count += 1
        if count > 4000:
            break  # a drawing or a map: no tables or bullets to find in it
        try:
            left, bottom, right, top = obj.get_bounds()
        except Exception:  # noqa: BLE001 - pdfium could not compute the bounds
            continue
        x0, x1, y0, y1 = left, right, height - top, height - bottom
        w, h = x1 - x0, y1 - y0
        if obj.type == raw.FPDF_PAGEOBJ_IMAGE:
            if w > 0.1 * width and h > 0.05 * height:
                image_area += w * h / (width * height)
            elif 1.5 <= w <= 12 and 1.5 <= h <= 12:
                dots.append((x0, y0, x1, y1))
            continue
        if h <= 2.5 and w >= 8:
            hrules.append(((y0 + y1) / 2, x0, x1))
        elif w <= 2.5 and h >= 8:
            vrules.append(((x0 + x1) / 2, y0, y1))
        elif 1.5 <= w <= 12 and 1.5 <= h <= 12 and 0.5 <= w / h <= 2:
            dots.append((x0, y0, x1, y1))
        elif w > 8 and h > 8 and raw.FPDFPath_CountSegments(obj.raw) <= 6:
            # A rectangle (a stroked cell or a shaded row): its edges rule a table.
            hrules.extend([(y0, x0, x1), (y1, x0, x1)])
            vrules.extend([(x0, y0, y1), (x1, y0, y1)])
    return Shapes(hrules, vrules, dots, image_area, count)
