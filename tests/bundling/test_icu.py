"""desktop/bundling/icu.py: Qt's ICU data trimmed for the app, and read back."""

from __future__ import annotations

import shutil
import struct
import sys
from pathlib import Path

import pytest

from desktop.bundling import icu


@pytest.mark.parametrize(
    ("item", "kept"),
    [
        ("root.res", True), ("fr.res", True), ("fr_CA.res", True), ("en_US_POSIX.res", True), ("en_001.res", True),
        ("de.res", False), ("sr_Latn_BA.res", False), ("es_419.res", False), ("yue_Hant_HK.res", False),
        ("zone/de.res", False), ("zone/fr.res", True), ("zone/root.res", True), ("unit/ja.res", False),
        ("coll/de.res", True), ("coll/zh.res", True), ("coll/de__PHONEBOOK.res", True),  # Qt sorts with them
        ("pool.res", True), ("res_index.res", True), ("supplementalData.res", True), ("zoneinfo64.res", True),
        ("zone/tzdbNames.res", True), ("lang/pool.res", True), ("coll/ucadata.icu", True), ("uts46.nrm", True),
        ("ibm-943_P15A-2003.cnv", True), ("cnvalias.icu", True), ("brkitr/word.brk", True),
        ("brkitr/cjdict.dict", False), ("brkitr/thaidict.dict", False), ("translit/root.res", False),
        ("translit/Latin_ASCII.res", False),
    ],
)
def test_icu_data_filter(item: str, kept: bool) -> None:
    assert icu.icu_item_kept(item) is kept


def _icu_package(items: list[tuple[str, bytes]]) -> bytes:
    # headerSize, magic, then UDataInfo: size, little-endian, ASCII, 2-byte UChar, "CmnD" 1.0.0.0
    header = struct.pack("<HBB", 32, 0xDA, 0x27)
    header += struct.pack("<HHBBBB4s4s4s", 20, 0, 0, 0, 2, 0, b"CmnD", bytes([1, 0, 0, 0]), bytes(4))
    return icu.icu_pack(header + b"\0" * (32 - len(header)), items)


def test_icu_package_round_trip() -> None:
    items = [("icudt73l/a.res", b"A" * 16), ("icudt73l/coll/b.res", b"B" * 40), ("icudt73l/z.cnv", b"Z" * 3)]
    blob = _icu_package(items)
    header, read = icu.icu_unpack(blob)
    assert len(header) == 32 and len(blob) % 16 == 0
    assert [name for name, _ in read] == [name for name, _ in items]
    for (_, want), (_, got) in zip(items, read):
        assert got[: len(want)] == want and set(got[len(want):]) <= {0} and len(got) % 16 == 0
    toc = 32
    offsets = [struct.unpack_from("<II", blob, toc + 4 + 8 * i)[1] for i in range(len(items))]
    assert all((toc + at) % 16 == 0 for at in offsets)  # ICU reads items in place: aligned
    with pytest.raises(ValueError, match="CmnD"):
        icu.icu_unpack(b"\x20\x00\xda\x27" + b"\0" * 8 + b"ResB" + b"\0" * 16)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ELF")
@pytest.mark.skipif(not all(shutil.which(t) for t in ("nm", "as", "ld")), reason="binutils missing")
def test_trimmed_icu_library_loads_and_keeps_what_qt_needs(tmp_path: Path) -> None:
    import ctypes

    import PySide6

    icu_lib = next(iter((Path(PySide6.__file__).parent / "Qt" / "lib").glob("libicudata.so.*")), None)
    if icu_lib is None:
        pytest.skip("this PySide6 wheel has no libicudata")
    dest = f"PySide6/Qt/lib/{icu_lib.name}"
    [(got_dest, src, kind)] = icu.trim_icu_data([(dest, str(icu_lib), "BINARY")], tmp_path)
    assert (got_dest, kind) == (dest, "BINARY") and src != str(icu_lib)
    assert Path(src).stat().st_size < icu_lib.stat().st_size / 2
    symbol, blob = icu.icu_data_symbol(Path(src))
    assert symbol == icu.icu_data_symbol(icu_lib)[0]
    names = {name.split("/", 1)[1] for name, _ in icu.icu_unpack(blob)[1]}
    assert {"root.res", "fr.res", "en.res", "coll/root.res", "coll/ucadata.icu", "coll/sv.res", "cnvalias.icu",
            "zoneinfo64.res", "pool.res"} <= names
    assert not {"de.res", "zone/ja.res", "brkitr/cjdict.dict"} & names
    library = ctypes.CDLL(src)  # the dynamic loader takes it
    data = (ctypes.c_char * 16).in_dll(library, symbol)
    assert bytes(data) == blob[:16]


def test_icu_trim_keeps_the_original_when_it_cannot_read_it(tmp_path: Path) -> None:
    fake = tmp_path / "libicudata.so.99"
    fake.write_bytes(b"not an ELF library")
    entries = [("PySide6/Qt/lib/libicudata.so.99", str(fake), "BINARY"), ("libfoo.so", "/x/libfoo.so", "BINARY")]
    assert icu.trim_icu_data(entries, tmp_path) == entries
