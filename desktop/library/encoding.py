"""Decoding the bytes of text files (txt, md, html) into str with correct accents.

Order of evidence: a byte-order mark, UTF-16 without BOM (NUL bytes on alternate
positions), strict UTF-8, then Windows-1252 (a superset of the printable Latin-1 range,
and what French files that are not UTF-8 nearly always are), then charset-normalizer for
everything else (Cyrillic, CJK, ...). ftfy repairs mojibake (UTF-8 read as cp1252 and
saved again) but only that: quotes, ligatures and widths are left to the cleanup.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

import ftfy
from charset_normalizer import from_bytes


class NotText(ValueError):
    """The bytes are not text in any encoding we trust (binary data, or undecodable)."""


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Control characters other than tab, newlines, form feed: real text has (almost) none.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
_LETTER = re.compile(r"[^\W\d_]")


def _utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' when NUL bytes sit on one parity only (ASCII-heavy UTF-16)."""
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    even_nul = even.count(0) / len(even)
    odd_nul = odd.count(0) / max(len(odd), 1)
    if odd_nul > 0.3 and even_nul < 0.05:
        return "utf-16-le"
    if even_nul > 0.3 and odd_nul < 0.05:
        return "utf-16-be"
    return None


def _looks_like_text(text: str) -> bool:
    if not text:
        return True
    controls = len(_CONTROL.findall(text[:100_000]))
    return controls <= max(2, len(text[:100_000]) // 1000)


def _mostly_non_ascii_letters(text: str) -> bool:
    """True when a Western decoding produced accented letters everywhere (wrong codec)."""
    letters = _LETTER.findall(text[:100_000])
    if len(letters) < 20:
        return False
    non_ascii = sum(1 for ch in letters if ord(ch) > 127)
    return non_ascii / len(letters) > 0.3


# UTF-8 read as cp1252 or Latin-1: Ã©, Ã¨, â€™, Å“, Â« ... (a lead byte, then a continuation).
_MOJIBAKE_HINT = re.compile("[ÂÃÄÅÆÇÐÑâ][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]")


def fix_mojibake(text: str) -> str:
    """Repair UTF-8-read-as-cp1252 lines with ftfy, touching only lines that show the pattern.

    ftfy.fix_encoding leaves correct text alone but costs about 1 s per MB, so clean
    lines are not even shown to it.
    """
    if not _MOJIBAKE_HINT.search(text):
        return text
    return "\n".join(ftfy.fix_encoding(line) if _MOJIBAKE_HINT.search(line) else line for line in text.split("\n"))


def detect_encoding(data: bytes) -> str:
    """The codec name `decode_text` would use for `data`; raises NotText for binary data."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name + ("-sig" if name == "utf-8" else "")
    utf16 = _utf16_without_bom(data)
    if utf16:
        return utf16
    if b"\x00" in data:
        raise NotText("binary data (NUL bytes), not text")
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        western = data.decode("cp1252")
    except UnicodeDecodeError:
        western = None
    if western is not None and not _mostly_non_ascii_letters(western):
        return "cp1252"
    if western is None:
        # Bytes cp1252 leaves undefined (0x81, 0x8D...): Latin-1 with a stray C1 control?
        latin = data.decode("latin-1")
        if not _mostly_non_ascii_letters(latin) and _looks_like_text(latin):
            return "latin-1"
    best = from_bytes(data).best()
    if best is not None:
        return best.encoding
    if western is not None:
        return "cp1252"
    # Latin-1 maps every byte; only reached for bytes cp1252 leaves undefined.
    return "latin-1"


def decode_text(data: bytes) -> tuple[str, str]:
    """Return (text, encoding) for the bytes of a text file.

    Raises NotText when the bytes are binary or decode to control-character soup.
    The text is NFC-normalised, without BOM; newlines are left as they were.
    """
    encoding = detect_encoding(data)
    bom_len = 0
    for bom, name in _BOMS:
        if data.startswith(bom):
            bom_len = len(bom)
            break
    try:
        text = data[bom_len:].decode(encoding.removesuffix("-sig"))
    except (UnicodeDecodeError, LookupError) as exc:
        raise NotText(f"cannot be decoded as {encoding}") from exc
    if not _looks_like_text(text):
        raise NotText("binary data, not text")
    text = fix_mojibake(text)
    return unicodedata.normalize("NFC", text), encoding
