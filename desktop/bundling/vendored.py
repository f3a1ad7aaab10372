"""One copy of a library that several wheels vendor under their own names (build_app.spec).

auditwheel copies a wheel's external libraries into `<package>.libs/` and renames each with
a hash (`libgomp-e985bcbb.so.1.0.0`, its soname changed to match). CTranslate2 and
SentencePiece both vendor the same GNU OpenMP runtime that way: 2 MB each, and two OpenMP
runtimes, each with its own thread pool, in one process. A copy that maps the same bytes
at the same addresses as the first one, but for its build id and its own soname (its debug
sections may differ: they are not loaded), becomes a symbolic link to the first: the
dynamic loader then finds the file already loaded (same inode) and maps it once. Anything
else stays a copy.
"""

from __future__ import annotations

import os
import re
import struct
from pathlib import Path

from desktop.bundling.elf import loaded_image

# `libgomp-e985bcbb.so.1.0.0` -> "libgomp", ".so.1.0.0": what auditwheel keeps of the name.
VENDORED = re.compile(r"(lib[\w.+]*?)-[0-9a-f]{8}(\.so[.\d]*)")
SECTIONS_THAT_NAME_THE_COPY = {".note.gnu.build-id", ".dynstr"}


def same_library(first: Path, other: Path, first_soname: str, other_soname: str) -> bool:
    """Whether `other` is `first` renamed: the same program headers and allocated sections,
    byte for byte, but for the build id and the string table, which may differ only by the
    soname (of the same length)."""
    if len(first_soname) != len(other_soname):
        return False
    (headers_a, a), (headers_b, b) = loaded_image(first.read_bytes()), loaded_image(other.read_bytes())
    if headers_a != headers_b or a.keys() != b.keys() or ".dynstr" not in a:
        return False
    for name in a:
        if a[name] != b[name] and (name not in SECTIONS_THAT_NAME_THE_COPY or a[name][:4] != b[name][:4]):
            return False
    dynstr_a, dynstr_b = a[".dynstr"][4], b[".dynstr"][4]
    renamed = dynstr_a.replace(first_soname.encode() + b"\0", other_soname.encode() + b"\0")
    return renamed == dynstr_b and renamed != dynstr_a


def link_vendored_copies(binaries: list) -> list:
    """PyInstaller's binaries list with each renamed copy of an already listed vendored
    library turned into a SYMLINK entry to it (relative, as PyInstaller 6 writes them)."""
    first_of: dict[tuple[str, str], tuple[str, str]] = {}
    out = []
    for dest, src, kind in binaries:
        match = VENDORED.fullmatch(Path(dest).name)
        if kind != "BINARY" or match is None or not Path(dest).parent.name.endswith(".libs"):
            out.append((dest, src, kind))
            continue
        key = match.group(1), match.group(2)
        if key not in first_of:
            first_of[key] = dest, src
            out.append((dest, src, kind))
            continue
        kept_dest, kept_src = first_of[key]
        try:
            same = same_library(Path(kept_src), Path(src), Path(kept_dest).name, Path(dest).name)
        except (OSError, ValueError, struct.error) as exc:
            print(f"keeping {dest}: {exc}")
            same = False
        if same:
            target = os.path.relpath(kept_dest, Path(dest).parent)
            print(f"{dest} is {kept_dest} renamed: a link to it ({Path(src).stat().st_size / 2**20:.1f} MB less)")
            out.append((dest, target, "SYMLINK"))
        else:
            out.append((dest, src, kind))
    return out
