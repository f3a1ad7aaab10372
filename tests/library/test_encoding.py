"""Decoding text files: BOMs, UTF-16 without BOM, cp1252, Latin-1, mojibake, binary."""

from __future__ import annotations

import codecs

import pytest

from desktop.library.encoding import NotText, decode_text, detect_encoding

FRENCH = (
    "Les élèves ont étudié l’œuvre « française » ; où ça ? Voilà l’été à Noël, "
    "déjà très chère à la sœur du garçon."
)
# Latin-1 has neither œ nor the curly apostrophe.
LATIN1_FRENCH = "Les élèves ont étudié l'oeuvre « française » ; où ça ? Voilà l'été à Noël, déjà très chère."


@pytest.mark.parametrize(
    "data, expected_text",
    [
        (FRENCH.encode("utf-8"), FRENCH),
        (codecs.BOM_UTF8 + FRENCH.encode("utf-8"), FRENCH),
        (FRENCH.encode("utf-16"), FRENCH),  # with BOM
        (codecs.BOM_UTF16_BE + FRENCH.encode("utf-16-be"), FRENCH),
        (FRENCH.encode("utf-16-le"), FRENCH),  # no BOM
        (FRENCH.encode("utf-16-be"), FRENCH),  # no BOM
        (FRENCH.encode("cp1252"), FRENCH),
        (LATIN1_FRENCH.encode("latin-1"), LATIN1_FRENCH),
    ],
    ids=["utf8", "utf8-bom", "utf16-bom", "utf16be-bom", "utf16le", "utf16be", "cp1252", "latin1"],
)
def test_decodes_french_with_correct_accents(data: bytes, expected_text: str) -> None:
    text, _encoding = decode_text(data)
    assert text == expected_text


def test_short_cp1252_is_not_mistaken_for_central_european() -> None:
    # charset-normalizer alone calls this cp1250 and turns è into č.
    text, encoding = decode_text("Les élèves à l'école, déjà.".encode("cp1252"))
    assert text == "Les élèves à l'école, déjà."
    assert encoding == "cp1252"


def test_bytes_undefined_in_cp1252_fall_back_to_latin1() -> None:
    data = "café".encode("latin-1") + b" \x81"  # 0x81 is undefined in cp1252
    text, _ = decode_text(data)
    assert text.startswith("café")


def test_cyrillic_in_cp1251_is_not_read_as_western() -> None:
    russian = "Это простой текст на русском языке, и он должен быть прочитан правильно."
    text, _ = decode_text(russian.encode("cp1251"))
    assert text == russian


def test_mojibake_is_repaired() -> None:
    broken = "Les Ã©lÃ¨ves ont Ã©tudiÃ© lâ€™Å“uvre."
    text, _ = decode_text(broken.encode("utf-8"))
    assert text == "Les élèves ont étudié l’œuvre."


def test_correct_text_and_typography_are_untouched() -> None:
    sample = "« Bonjour\u00a0! » dit-il\u202f; l’œuvre, l'été, ﬁn."
    text, _ = decode_text(sample.encode("utf-8"))
    assert text == sample


def test_decomposed_accents_are_normalised_to_nfc() -> None:
    text, _ = decode_text("e\u0301te\u0301".encode("utf-8"))
    assert text == "été"


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01",
        bytes(range(256)) * 4,
        b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 64,
        b"text\x00with a nul",
    ],
    ids=["png", "all-bytes", "elf", "nul"],
)
def test_binary_is_refused(data: bytes) -> None:
    with pytest.raises(NotText):
        decode_text(data)


def test_control_character_soup_is_refused() -> None:
    with pytest.raises(NotText):
        decode_text(bytes([1, 2, 3, 4, 5, 6, 7, 8, 14, 15, 16]) * 50 + b"abc")


def test_detect_encoding_names() -> None:
    assert detect_encoding(b"plain ascii") == "utf-8"
    assert detect_encoding(codecs.BOM_UTF8 + b"x") == "utf-8-sig"
    assert detect_encoding(FRENCH.encode("utf-16-le")) == "utf-16-le"
