"""ELF libraries in the standalone app (Linux): what they export, import and need (binutils'
nm and readelf), their headers (read with struct: 64-bit little-endian only, x86-64 and
arm64; anything else is left alone), and stripping them.
"""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import sys
from pathlib import Path

PT_LOAD, SHF_ALLOC, SHT_NOBITS = 1, 2, 8


def is_elf64(data: bytes) -> bool:
    return data[:4] == b"\x7fELF" and len(data) > 0x40 and data[4] == 2 and data[5] == 1


def _nm(library: Path, which: str) -> set[str]:
    listing = subprocess.run(["nm", "-D", which, str(library)], check=True, capture_output=True, text=True).stdout
    return {line.split()[-1].split("@")[0] for line in listing.splitlines() if line.strip()}


def exports(library: Path) -> set[str]:
    return _nm(library, "--defined-only")


def imports(library: Path) -> set[str]:
    return _nm(library, "--undefined-only")


def is_elf(path: Path) -> bool:
    with open(path, "rb") as f:
        return f.read(4) == b"\x7fELF"


def needed(library: Path) -> list[str]:
    """The sonames an ELF library or program names as NEEDED ([] for anything else)."""
    if not is_elf(library):
        return []
    dynamic = subprocess.run(["readelf", "-d", str(library)], capture_output=True, text=True).stdout
    return re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", dynamic)


def program_headers(data: bytes) -> list[tuple[int, int, int, int, int, int, int, int]]:
    """(type, flags, offset, vaddr, paddr, filesz, memsz, align) of each program header."""
    phoff = struct.unpack_from("<Q", data, 0x20)[0]
    phentsize, phnum = struct.unpack_from("<HH", data, 0x36)
    return [struct.unpack_from("<IIQQQQQQ", data, phoff + i * phentsize) for i in range(phnum)]


def elf_loadable(data: bytes) -> bool:
    """Whether every PT_LOAD segment keeps offset and address congruent modulo its alignment:
    the dynamic loader refuses a library that does not ("ELF load command address/offset not
    page-aligned"), which is what strip makes of some libraries patchelf rewrote."""
    if not is_elf64(data):
        return True  # only 64-bit little-endian ELF is checked (and stripped)
    return all((vaddr - offset) % max(align, 4096) == 0
               for kind, _flags, offset, vaddr, _paddr, _filesz, _memsz, align in program_headers(data)
               if kind == PT_LOAD)


def elf_segment_bytes(data: bytes, vaddr: int, size: int) -> bytes:
    """The `size` bytes a 64-bit ELF file maps at `vaddr` (a symbol's value)."""
    for kind, _flags, offset, start, _paddr, filesz, _memsz, _align in program_headers(data):
        if kind == PT_LOAD and start <= vaddr and vaddr + size <= start + filesz:
            return data[offset + vaddr - start : offset + vaddr - start + size]
    raise ValueError(f"no loadable segment holds {size} bytes at {vaddr:#x}")


def loaded_image(data: bytes) -> tuple[bytes, dict[str, tuple]]:
    """What the dynamic loader maps of a 64-bit little-endian ELF file: its program header
    table, and its allocated sections by name as (type, flags, address, size, contents).
    Debug sections (.gnu_debugdata, .gnu_debuglink...) are not part of it."""
    if not is_elf64(data):
        raise ValueError("not a 64-bit little-endian ELF file")
    phoff, shoff = struct.unpack_from("<QQ", data, 0x20)
    phentsize, phnum, shentsize, shnum, shstrndx = struct.unpack_from("<HHHHH", data, 0x36)
    headers = [struct.unpack_from("<IIQQQQIIQQ", data, shoff + i * shentsize) for i in range(shnum)]
    names_at = headers[shstrndx][4]
    sections = {}
    for name, kind, flags, addr, offset, size, *_ in headers[1:]:
        if not flags & SHF_ALLOC:
            continue
        label = data[names_at + name : data.index(b"\0", names_at + name)].decode("ascii", "replace")
        if label in sections:
            raise ValueError(f"two sections named {label}")
        sections[label] = (kind, flags, addr, size, b"" if kind == SHT_NOBITS else data[offset : offset + size])
    return data[phoff : phoff + phnum * phentsize], sections


def strip_binaries(binaries: list, workdir: Path) -> list:
    """Linux: drop the debug sections and static symbol tables that some wheels ship
    (ctranslate2's extension: 64 MB -> 1 MB, libpython 22 -> 5 MB, libctranslate2 -6 MB,
    Python's own extension modules -4 MB).

    `strip --strip-unneeded` (dynamic symbols stay) on a copy of each shared library that
    has a .symtab or .debug_info. On some libraries auditwheel patched with
    patchelf (numpy's OpenBLAS and libgfortran) strip breaks the program headers and the
    library no longer loads: each stripped copy is checked (`elf_loadable`) and the
    original kept if it fails. `Glose --self-test` loads every library (its "modules"
    check), and CI runs it on the build. Skipped when binutils' strip is missing.
    """
    strip = shutil.which("strip")
    if not sys.platform.startswith("linux") or strip is None:
        return binaries
    out, saved = [], 0
    for dest, src, kind in binaries:
        path = Path(src)
        try:
            size = path.stat().st_size
            data = path.read_bytes()
        except OSError:
            data = b""
        if data.startswith(b"\x7fELF") and (b".symtab" in data or b".debug_info" in data):
            target = workdir / "stripped" / dest
            target.parent.mkdir(parents=True, exist_ok=True)
            subprocess.run([strip, "--strip-unneeded", "-o", str(target), str(path)], check=True)
            gain = size - target.stat().st_size
            if not elf_loadable(target.read_bytes()):
                print(f"not stripping {dest}: strip would make it unloadable")
            elif gain >= 4096:  # at least one disk block
                saved += gain
                src = str(target)
                if gain > 1024**2:
                    print(f"stripped {dest}: {size // 1024**2} MB -> {target.stat().st_size // 1024**2} MB")
        out.append((dest, src, kind))
    print(f"stripping saved {saved // 1024**2} MB")
    return out
