"""desktop/bundling/elf.py: the ELF checks the app build relies on."""

from __future__ import annotations

import struct
import sys
from pathlib import Path

import pytest

from desktop.bundling import elf


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ELF")
def test_elf_check_refuses_misaligned_load_segments() -> None:
    good = Path(sys.executable).resolve().read_bytes()
    assert elf.elf_loadable(good)
    phoff = struct.unpack_from("<Q", good, 0x20)[0]
    phentsize, phnum = struct.unpack_from("<HH", good, 0x36)
    bad = bytearray(good)
    for i in range(phnum):
        at = phoff + i * phentsize
        if struct.unpack_from("<I", good, at)[0] == 1:  # the first PT_LOAD: shift its file offset
            struct.pack_into("<Q", bad, at + 8, struct.unpack_from("<Q", good, at + 8)[0] + 16)
            break
    assert not elf.elf_loadable(bytes(bad))
    assert elf.elf_loadable(b"MZ not an ELF file")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ELF")
def test_a_symbols_bytes_are_read_where_the_loader_maps_them(tmp_path: Path) -> None:
    import shutil
    import subprocess

    if not all(shutil.which(t) for t in ("as", "ld")):
        pytest.skip("binutils missing")
    source = tmp_path / "data.s"
    source.write_text('\t.section .rodata\n\t.globl blob\nblob:\n\t.ascii "glose-elf-check"\n'
                      '\t.section .note.GNU-stack,"",%progbits\n', encoding="ascii")
    subprocess.run(["as", "-o", str(tmp_path / "data.o"), str(source)], check=True)
    subprocess.run(["ld", "-shared", "-o", str(tmp_path / "libdata.so"), str(tmp_path / "data.o")], check=True)
    listing = subprocess.run(["nm", "-D", "--defined-only", str(tmp_path / "libdata.so")],
                             capture_output=True, text=True, check=True).stdout
    address = int(next(ln.split()[0] for ln in listing.splitlines() if ln.endswith(" blob")), 16)
    data = (tmp_path / "libdata.so").read_bytes()

    assert elf.elf_segment_bytes(data, address, 15) == b"glose-elf-check"
    with pytest.raises(ValueError, match="no loadable segment"):
        elf.elf_segment_bytes(data, 0x7FFF0000, 4)
    _headers, sections = elf.loaded_image(data)
    assert sections[".rodata"][4] == b"glose-elf-check" and ".symtab" not in sections  # not loaded
