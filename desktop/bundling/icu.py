"""Qt's ICU data trimmed for the standalone app (Linux; build_app.spec).

ICU data (Qt's libicudata, 31 MB). QtCore calls ICU for collation (QCollator: sorting in
file dialogs), the text codecs beyond UTF and Latin-1 (QStringDecoder by name), case
mapping and time zone names; never for break iteration, transliteration or formatting
(Qt has its own locale data). Kept: every converter, every language's collation, the
root data and the other locale data of the UI languages. Dropped (20 MB): the other
languages' locale data (names, units, currencies, time zones, number spellings: ICU falls
back to its root data), the transliteration rules and the word-break dictionaries.
"""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import sys
from pathlib import Path

from desktop.bundling.elf import elf_loadable, elf_segment_bytes

ICU_KEEP_LANGUAGES = {"en", "fr"}
# A locale's item name: language, then script, region or variant ("sr_Latn_BA", "es_419",
# "de__PHONEBOOK"); not "root" (kept) nor "res_index", "pool", "supplementalData"...
ICU_LOCALE = re.compile(r"[a-z]{2,3}(_([A-Z][a-z]{3}|[A-Z]{2}|[0-9]{3}|[A-Z0-9]{4,}|))*")


def icu_item_kept(item: str) -> bool:
    """Whether an item of the ICU data package stays: `item` is its name without the package
    prefix, e.g. "fr.res", "coll/de.res", "brkitr/thaidict.dict", "ibm-1252_P100-2000.cnv"."""
    tree, _, file = item.rpartition("/")
    stem, _, ext = file.rpartition(".")
    if tree == "translit" or ext == "dict":
        return False
    if ext == "res" and tree != "coll" and ICU_LOCALE.fullmatch(stem):
        return stem.split("_")[0] in ICU_KEEP_LANGUAGES
    return True


def icu_unpack(blob: bytes) -> tuple[bytes, list[tuple[str, bytes]]]:
    """An ICU common data package (the `icudtNN_dat` symbol of libicudata, or an icudtNNl.dat
    file) as its header and its (name, item) pairs, in table-of-contents order.

    Layout (ICU's ucmndata.h): a header (uint16 size, magic 0xda27, UDataInfo with format
    "CmnD" 1.x), then at `size` the table of contents: uint32 count, count pairs of uint32
    (name offset, item offset) counted from the table's start, the NUL-terminated names
    sorted, then the items, each 16-byte aligned. Little-endian only (x86-64, arm64).
    """
    if len(blob) < 32 or blob[2:4] != b"\xda\x27" or blob[8] != 0 or blob[12:16] != b"CmnD" or blob[16] != 1:
        raise ValueError("not a little-endian ICU common data package (CmnD 1.x)")
    toc = struct.unpack_from("<H", blob, 0)[0]
    count = struct.unpack_from("<I", blob, toc)[0]
    entries = [struct.unpack_from("<II", blob, toc + 4 + 8 * i) for i in range(count)]
    offsets = [toc + data for _name, data in entries] + [len(blob)]
    if any(b <= a for a, b in zip(offsets, offsets[1:])):
        raise ValueError("ICU data items are not in ascending order")
    items = []
    for i, (name_at, _data) in enumerate(entries):
        start = toc + name_at
        name = blob[start : blob.index(b"\0", start)].decode("ascii")
        items.append((name, blob[offsets[i] : offsets[i + 1]]))
    return blob[:toc], items


def icu_pack(header: bytes, items: list[tuple[str, bytes]]) -> bytes:
    """The inverse of `icu_unpack`: `items` must keep their sorted order (ICU looks names up
    by binary search)."""
    if any(b[0] <= a[0] for a, b in zip(items, items[1:])):
        raise ValueError("ICU data items must be sorted by name")
    pad = lambda n: -n % 16  # noqa: E731
    names = b"".join(name.encode("ascii") + b"\0" for name, _ in items)
    table = 4 + 8 * len(items)
    first = table + len(names) + pad(len(header) + table + len(names))
    entries, data, name_at, at = [], [], table, first
    for name, item in items:
        entries.append(struct.pack("<II", name_at, at))
        name_at += len(name) + 1
        item += b"\0" * pad(len(item))
        data.append(item)
        at += len(item)
    gap = b"\0" * (first - table - len(names))
    return header + struct.pack("<I", len(items)) + b"".join(entries) + names + gap + b"".join(data)


def icu_data_symbol(library: Path) -> tuple[str, bytes]:
    """The data package libicudata exports (`icudt73_dat`...): its symbol name and bytes."""
    listing = subprocess.run(["nm", "-D", "--defined-only", "-S", str(library)], check=True,
                             capture_output=True, text=True).stdout
    found = [ln.split() for ln in listing.splitlines() if re.search(r"\bicudt\d+_dat$", ln)]
    if len(found) != 1 or len(found[0]) != 4:
        raise ValueError(f"expected one icudtNN_dat symbol, nm lists: {listing.strip()!r}")
    value, size, _kind, symbol = found[0]
    return symbol, elf_segment_bytes(library.read_bytes(), int(value, 16), int(size, 16))


def trim_icu_data(binaries: list, workdir: Path) -> list:
    """Linux: replace libicudata by a library with the same soname and symbol whose data
    package holds only the items `icu_item_kept` keeps (31 MB -> 12 MB).

    Built with binutils (PyInstaller needs them already): the trimmed package goes into an
    assembler file's .rodata (`.incbin`) and `ld -shared` makes the library. Every step is
    checked (the new library's package must read back identical); on any surprise the
    original library stays and the build says why. `Glose --self-test` sorts French text
    with QCollator (ICU collation data) and opens an ICU codec.
    """
    if not sys.platform.startswith("linux"):
        return binaries
    out = []
    for dest, src, kind in binaries:
        if re.fullmatch(r"libicudata\.so\.\d+", Path(dest).name):
            try:
                missing = [tool for tool in ("nm", "as", "ld") if shutil.which(tool) is None]
                if missing:
                    raise ValueError(f"{', '.join(missing)} not found (binutils)")
                symbol, blob = icu_data_symbol(Path(src))
                header, items = icu_unpack(blob)
                prefix = items[0][0].split("/", 1)[0] + "/"  # "icudt73l/"
                if not all(name.startswith(prefix) for name, _ in items):
                    raise ValueError(f"item names without the package prefix {prefix}")
                kept = [(name, item) for name, item in items if icu_item_kept(name[len(prefix):])]
                trimmed = icu_pack(header, kept)
                folder = workdir / "icu"
                folder.mkdir(parents=True, exist_ok=True)
                (folder / f"{prefix[:-1]}.dat").write_bytes(trimmed)
                (folder / f"{symbol}.s").write_text(
                    f'\t.section .rodata\n\t.globl {symbol}\n\t.type {symbol}, "object"\n\t.balign 16\n'
                    f'{symbol}:\n\t.incbin "{folder / (prefix[:-1] + ".dat")}"\n\t.size {symbol}, . - {symbol}\n'
                    '\t.section .note.GNU-stack,"",%progbits\n',
                    encoding="ascii",
                )
                library = folder / Path(dest).name
                subprocess.run(["as", "-o", str(folder / f"{symbol}.o"), str(folder / f"{symbol}.s")], check=True)
                subprocess.run(["ld", "-shared", "-soname", Path(dest).name, "-o", str(library),
                                str(folder / f"{symbol}.o")], check=True)
                if icu_data_symbol(library) != (symbol, trimmed) or icu_unpack(trimmed)[1] != [
                    (name, item + b"\0" * (-len(item) % 16)) for name, item in kept
                ] or not elf_loadable(library.read_bytes()):
                    raise ValueError("the rebuilt library does not read back as written")
                print(f"ICU data {Path(dest).name}: {len(kept)} of {len(items)} items kept, "
                      f"{len(blob) // 1024**2} MB -> {len(trimmed) // 1024**2} MB")
                src = str(library)
            except (OSError, ValueError, subprocess.CalledProcessError) as exc:
                print(f"keeping the whole ICU data {dest}: {exc}")
        out.append((dest, src, kind))
    return out
