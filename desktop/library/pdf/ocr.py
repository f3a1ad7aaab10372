"""Offline OCR with Tesseract (its command-line program, French data) and Leptonica.

Pages are rendered by pypdfium2 at 300 dpi in grey (Tesseract's documentation: text
about 10 points high reads best around 300 dpi), deskewed with Leptonica (the image
library Tesseract itself is built on, loaded with ctypes; without it the page goes to
Tesseract as it is), then read in TSV form: every word with its box and confidence.
The program is found beside the standalone app (`tesseract/` in the bundle), then by
$GLOSE_TESSERACT, then on the PATH.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path

from desktop.library.pdf.model import LOW_CONFIDENCE, Word, median

DPI = 300
LANGUAGE = "fra"
PAGE_TIMEOUT_S = 300.0
SPECK_CONFIDENCE = 60.0  # a "word" without letters or digits read with less is dirt on the page
_SPECK_MARKS = frozenset("-‐|‘'`.,:;_~")
_ONE_LETTER_WORDS = frozenset("aàyAÀY")  # French words of one letter (others are initials, with a dot)
_MAX_PIXELS = 40_000_000  # a poster-sized page is rendered smaller rather than in 150 MB

INSTALL_HINT = (
    "Tesseract OCR with its French data is needed to read scanned pages: on Debian or Ubuntu run "
    "`sudo apt-get install tesseract-ocr tesseract-ocr-fra` (Fedora: `sudo dnf install tesseract "
    "tesseract-langpack-fra`; macOS: `brew install tesseract tesseract-lang`; Windows: install "
    "Tesseract from the UB Mannheim build with French ticked), then import the file again"
)


class OcrUnavailable(Exception):
    """Tesseract (or its French data) cannot be found; the message says how to install it."""


class OcrCancelled(Exception):
    pass


def _bundled() -> Path | None:
    base = getattr(sys, "_MEIPASS", None)
    if base:
        folder = Path(base) / "tesseract"
        exe = folder / ("tesseract.exe" if os.name == "nt" else "tesseract")
        if exe.exists():
            return exe
    return None


def find_tesseract() -> tuple[str, str | None] | None:
    """(program, tessdata folder or None for the program's own) or None when not installed."""
    bundled = _bundled()
    if bundled is not None:
        return str(bundled), str(bundled.parent / "tessdata")
    named = os.environ.get("GLOSE_TESSERACT")
    if named:
        return (named, None) if Path(named).exists() else None
    found = shutil.which("tesseract")
    return (found, None) if found else None


class Tesseract:
    """One Tesseract installation; `recognise` reads one page image into words."""

    def __init__(self, program: str, tessdata: str | None = None, language: str = LANGUAGE) -> None:
        self.program = program
        self.tessdata = tessdata
        self.language = language
        self.env = dict(os.environ)
        if tessdata:
            self.env["TESSDATA_PREFIX"] = tessdata
        bundled_libs = Path(program).parent / "lib"
        if bundled_libs.is_dir():  # the standalone app: libtesseract beside the program, Leptonica in the bundle
            base = getattr(sys, "_MEIPASS", "")
            self.env["LD_LIBRARY_PATH"] = os.pathsep.join(
                p for p in (str(bundled_libs), base, os.environ.get("LD_LIBRARY_PATH", "")) if p
            )
        self._checked = False

    def _command(self, *args: str) -> list[str]:
        cmd = [self.program]
        if self.tessdata:
            cmd += ["--tessdata-dir", self.tessdata]
        return cmd + list(args)

    def check(self) -> None:
        """Raise OcrUnavailable unless the program runs and has the French data."""
        if self._checked:
            return
        try:
            out = subprocess.run(
                self._command("--list-langs"), capture_output=True, text=True, timeout=30, env=self.env
            )
        except (OSError, subprocess.SubprocessError) as exc:
            raise OcrUnavailable(f"Tesseract could not be started ({exc}). {INSTALL_HINT}") from exc
        langs = {ln.strip() for ln in (out.stdout + out.stderr).splitlines()}
        if self.language not in langs:
            raise OcrUnavailable(f"Tesseract has no French data ({self.language}.traineddata). {INSTALL_HINT}")
        self._checked = True

    def recognise(self, image: bytes, dpi: int, cancel: threading.Event | None = None, threads: int = 0) -> list[Word]:
        """Words of one page image (PNM/PNG/TIFF/JPEG bytes), placed in points; `threads`
        limits Tesseract's own threads (0: its default).

        Files rather than pipes: Tesseract reads its image and writes its TSV in a private
        temporary folder, so a cancel or a time-out can stop it at any moment."""
        with tempfile.TemporaryDirectory(prefix="glose-ocr-") as tmp:
            source, target = Path(tmp) / "page.img", Path(tmp) / "page"
            source.write_bytes(image)
            with open(Path(tmp) / "log.txt", "wb") as log:
                proc = subprocess.Popen(
                    self._command(str(source), str(target), "-l", self.language, "--dpi", str(dpi), "--psm", "3", "tsv"),
                    stdin=subprocess.DEVNULL,
                    stdout=log,
                    stderr=log,
                    env={**self.env, "OMP_THREAD_LIMIT": str(threads)} if threads else self.env,
                )
                try:
                    _wait(proc, cancel)
                finally:
                    if proc.poll() is None:
                        proc.kill()
                        proc.wait()
            result = target.with_suffix(".tsv")
            if proc.returncode != 0 or not result.exists():
                message = (Path(tmp) / "log.txt").read_text(errors="replace").strip()[:300]
                raise RuntimeError(f"Tesseract failed on a page: {message or f'exit status {proc.returncode}'}")
            return parse_tsv(result.read_text(encoding="utf-8", errors="replace"), 72.0 / dpi)


def _wait(proc: subprocess.Popen, cancel: threading.Event | None) -> None:
    waited = 0.0
    while True:
        try:
            proc.wait(timeout=0.2)
            return
        except subprocess.TimeoutExpired:
            waited += 0.2
            if cancel is not None and cancel.is_set():
                raise OcrCancelled() from None
            if waited > PAGE_TIMEOUT_S:
                raise RuntimeError(f"Tesseract took more than {PAGE_TIMEOUT_S:.0f} s on one page") from None


def parse_tsv(tsv: str, scale: float) -> list[Word]:
    """Tesseract's TSV rows into Words. Every word of a line gets the line's top and bottom
    (so the words stay one line) and a font size from the median height of its words
    (a speck of noise can stretch a line's box, rarely most of its words)."""
    rows = [r for r in csv.reader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE)][1:]
    lines: dict[tuple[str, ...], tuple[float, float]] = {}
    heights: dict[tuple[str, ...], list[float]] = {}
    for row in rows:
        if len(row) < 12:
            continue
        key = tuple(row[1:5])
        if row[0] == "4":
            lines[key] = (float(row[7]) * scale, (float(row[7]) + float(row[9])) * scale)
        elif row[0] == "5" and len(row[11].strip()) >= 3:
            heights.setdefault(key, []).append(float(row[9]) * scale)
    words: list[Word] = []
    ids = {key: n for n, key in enumerate(lines)}
    for row in rows:
        if len(row) < 12 or row[0] != "5" or not row[11].strip():
            continue
        key = tuple(row[1:5])
        left, width, conf = float(row[6]), float(row[8]), float(row[10])
        text = row[11].strip()
        if not any(ch.isalnum() for ch in text) and conf < (LOW_CONFIDENCE if len(text) == 1 else SPECK_CONFIDENCE):
            continue  # a speck of dirt read as "." or "|" (or a dash that would start a list)
        if len(text) == 1 and text not in _ONE_LETTER_WORDS and conf < SPECK_CONFIDENCE / 2:
            continue  # a lone letter read with almost no confidence: a blot, not a word
        if conf < LOW_CONFIDENCE and len(text) > 2 and text[0] in _SPECK_MARKS and text[1].isalpha():
            text = text[1:]  # "-Madame", "‘examiné": a speck glued to the front of a word
        top, bottom = lines.get(key, (float(row[7]) * scale, (float(row[7]) + float(row[9])) * scale))
        size = max(median(heights.get(key, []), (bottom - top) * 0.8), 4.0)
        words.append(
            Word(
                text, left * scale, (left + width) * scale, top, bottom, bottom, size, False, max(conf, 0.0),
                group=ids.get(key, -1),
            )
        )
    return words


# --- images: rendering PDF pages, reading image files, deskewing -------------------------


def render_page(page, dpi: int = DPI) -> tuple[bytes, int]:  # noqa: ANN001 - a pypdfium2 page
    """The page as an 8-bit grey PNM image at `dpi` (lower for a huge page), and that dpi."""
    w, h = page.get_size()
    while dpi > 100 and (w * dpi / 72) * (h * dpi / 72) > _MAX_PIXELS:
        dpi -= 50
    bitmap = page.render(scale=dpi / 72, grayscale=True)
    array = bitmap.to_numpy()
    if array.ndim == 3:
        array = array[:, :, 0]
    height, width = array.shape[:2]
    return b"P5\n%d %d\n255\n" % (width, height) + array.tobytes(), dpi


def _leptonica():  # noqa: ANN202 - a ctypes library or None
    import ctypes
    import ctypes.util

    names = ["liblept.so.5", "libleptonica.so.6", "libleptonica.so", "liblept.5.dylib", "libleptonica.6.dylib"]
    for extra in (ctypes.util.find_library("lept"), ctypes.util.find_library("leptonica")):
        if extra:
            names.append(extra)
    for name in names:
        try:
            lib = ctypes.CDLL(name)
        except OSError:
            continue
        lib.pixReadMem.restype = ctypes.c_void_p
        lib.pixReadMem.argtypes = [ctypes.c_char_p, ctypes.c_size_t]
        lib.pixFindSkewAndDeskew.restype = ctypes.c_void_p
        lib.pixFindSkewAndDeskew.argtypes = [
            ctypes.c_void_p, ctypes.c_int, ctypes.POINTER(ctypes.c_float), ctypes.POINTER(ctypes.c_float)
        ]
        lib.pixWriteMem.argtypes = [
            ctypes.POINTER(ctypes.c_void_p), ctypes.POINTER(ctypes.c_size_t), ctypes.c_void_p, ctypes.c_int
        ]
        lib.pixDestroy.argtypes = [ctypes.POINTER(ctypes.c_void_p)]
        lib.lept_free.argtypes = [ctypes.c_void_p]
        lib.pixaReadMemMultipageTiff.restype = ctypes.c_void_p
        lib.pixaReadMemMultipageTiff.argtypes = [ctypes.c_char_p, ctypes.c_size_t]
        lib.pixaGetCount.argtypes = [ctypes.c_void_p]
        lib.pixaGetPix.restype = ctypes.c_void_p
        lib.pixaGetPix.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.c_int]
        lib.pixaDestroy.argtypes = [ctypes.POINTER(ctypes.c_void_p)]
        lib.pixGetXRes.argtypes = [ctypes.c_void_p]
        lib.pixScale.restype = ctypes.c_void_p
        lib.pixScale.argtypes = [ctypes.c_void_p, ctypes.c_float, ctypes.c_float]
        lib.setMsgSeverity.argtypes = [ctypes.c_int]
        lib.setMsgSeverity(6)  # L_SEVERITY_NONE: no chatter on stderr
        return lib
    return None


_LEPT: list = []
_IFF_PNM = 11


def leptonica():  # noqa: ANN201 - the ctypes library, or None
    if not _LEPT:
        _LEPT.append(_leptonica())
    return _LEPT[0]


def _to_pnm(lib, pix) -> bytes | None:  # noqa: ANN001
    import ctypes

    data, size = ctypes.c_void_p(), ctypes.c_size_t()
    if lib.pixWriteMem(ctypes.byref(data), ctypes.byref(size), pix, _IFF_PNM) != 0 or not data.value:
        return None
    try:
        return ctypes.string_at(data, size.value)
    finally:
        lib.lept_free(data)


def image_pages(data: bytes) -> list[tuple[bytes, int]]:
    """The pages of an image file (a TIFF may hold several) as (image bytes, dpi).

    With Leptonica each page comes as PNM at its own resolution (300 dpi assumed when the
    file does not say); without it the file goes to Tesseract whole.
    """
    import ctypes

    lib = leptonica()
    if lib is None:
        return [(data, DPI)]
    pixa = ctypes.c_void_p(lib.pixaReadMemMultipageTiff(data, len(data))) if data[:4] in (b"II*\0", b"MM\0*") else None
    pixes: list[ctypes.c_void_p] = []
    if pixa is not None and pixa.value:
        for i in range(lib.pixaGetCount(pixa)):
            pixes.append(ctypes.c_void_p(lib.pixaGetPix(pixa, i, 2)))  # L_CLONE
        lib.pixaDestroy(ctypes.byref(pixa))
    else:
        pix = ctypes.c_void_p(lib.pixReadMem(data, len(data)))
        if not pix.value:
            raise ValueError("the image cannot be decoded (damaged or an unsupported variant)")
        pixes.append(pix)
    pages = []
    for pix in pixes:
        try:
            dpi = lib.pixGetXRes(pix)
            if not 50 <= dpi <= 2400:
                dpi = DPI
            if dpi < 250:  # small text reads better enlarged to about 300 dpi
                factor = DPI / dpi
                big = ctypes.c_void_p(lib.pixScale(pix, factor, factor))
                if big.value:
                    lib.pixDestroy(ctypes.byref(pix))
                    pix, dpi = big, DPI
            pnm = _to_pnm(lib, pix)
            if pnm is not None:
                pages.append((pnm, dpi))
        finally:
            lib.pixDestroy(ctypes.byref(pix))
    return pages


def deskew(image: bytes) -> tuple[bytes, float]:
    """The image turned so that its lines are level (PNM), and the angle found (degrees).

    Without Leptonica, or when no skew is found with confidence, the image comes back as is.
    """
    import ctypes

    lib = leptonica()
    if lib is None:
        return image, 0.0
    pix = ctypes.c_void_p(lib.pixReadMem(image, len(image)))
    if not pix.value:
        return image, 0.0
    angle, conf = ctypes.c_float(0.0), ctypes.c_float(0.0)
    turned = ctypes.c_void_p(lib.pixFindSkewAndDeskew(pix, 2, ctypes.byref(angle), ctypes.byref(conf)))
    try:
        pnm = _to_pnm(lib, turned) if turned.value else None
        return (pnm, float(angle.value)) if pnm is not None else (image, 0.0)
    finally:
        if turned.value:
            lib.pixDestroy(ctypes.byref(turned))  # a clone of pix when nothing turned: its own reference
        lib.pixDestroy(ctypes.byref(pix))
