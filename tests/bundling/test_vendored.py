"""desktop/bundling/vendored.py: a library two wheels vendor under their own names is kept once."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.bundling import vendored

SITE = Path(pytest.importorskip("ctranslate2").__file__).parent.parent
CT2_GOMP = next(iter(sorted((SITE / "ctranslate2.libs").glob("libgomp-*.so*"))), None)
SP_GOMP = next(iter(sorted((SITE / "sentencepiece.libs").glob("libgomp-*.so*"))), None)
pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux") or CT2_GOMP is None or SP_GOMP is None,
    reason="the Linux wheels of ctranslate2 and sentencepiece, each with its libgomp",
)


def entries() -> list[tuple[str, str, str]]:
    return [(f"ctranslate2.libs/{CT2_GOMP.name}", str(CT2_GOMP), "BINARY"),
            (f"sentencepiece.libs/{SP_GOMP.name}", str(SP_GOMP), "BINARY"),
            ("libstdc++.so.6", "/usr/lib/x86_64-linux-gnu/libstdc++.so.6", "BINARY")]


def test_the_two_wheels_vendor_the_same_openmp_runtime() -> None:
    assert vendored.same_library(CT2_GOMP, SP_GOMP, CT2_GOMP.name, SP_GOMP.name)
    assert not vendored.same_library(CT2_GOMP, CT2_GOMP, CT2_GOMP.name, CT2_GOMP.name)  # nothing renamed


def test_the_second_copy_becomes_a_relative_link(capsys) -> None:
    out = vendored.link_vendored_copies(entries())

    assert out[0] == entries()[0] and out[2] == entries()[2]
    assert out[1] == (f"sentencepiece.libs/{SP_GOMP.name}", f"../ctranslate2.libs/{CT2_GOMP.name}", "SYMLINK")
    assert "renamed: a link to it" in capsys.readouterr().out


def test_one_changed_byte_of_code_keeps_the_copy(tmp_path: Path) -> None:
    data = bytearray(SP_GOMP.read_bytes())
    _headers, sections = vendored.loaded_image(bytes(data))
    text = sections[".text"][4]  # (type, flags, address, size, contents)
    at = bytes(data).index(text[:64]) + 40  # a byte inside .text
    data[at] ^= 0xFF
    changed = tmp_path / SP_GOMP.name
    changed.write_bytes(bytes(data))
    listed = [entries()[0], (f"sentencepiece.libs/{SP_GOMP.name}", str(changed), "BINARY")]

    assert not vendored.same_library(CT2_GOMP, changed, CT2_GOMP.name, SP_GOMP.name)
    assert vendored.link_vendored_copies(listed) == listed


def test_what_is_not_an_elf_library_stays(tmp_path: Path, capsys) -> None:
    fake = tmp_path / "libgomp-0123abcd.so.1.0.0"
    fake.write_bytes(b"not a library")
    listed = [entries()[0], (f"other.libs/{fake.name}", str(fake), "BINARY")]

    assert vendored.link_vendored_copies(listed) == listed
    assert "not a 64-bit little-endian ELF file" in capsys.readouterr().out


def test_the_loader_maps_the_linked_library_once(tmp_path: Path) -> None:
    (tmp_path / "ctranslate2.libs").mkdir()
    (tmp_path / "sentencepiece.libs").mkdir()
    real = tmp_path / "ctranslate2.libs" / CT2_GOMP.name
    real.write_bytes(CT2_GOMP.read_bytes())
    link = tmp_path / "sentencepiece.libs" / SP_GOMP.name
    link.symlink_to(os.path.relpath(real, link.parent))
    code = (
        "import ctypes, sys\n"
        "ctypes.CDLL(sys.argv[1]); ctypes.CDLL(sys.argv[2])\n"
        "maps = open('/proc/self/maps').read()\n"
        "print(sorted({line.split()[-1] for line in maps.splitlines() if 'libgomp' in line}))\n"
    )
    done = subprocess.run([sys.executable, "-c", code, str(link), str(real)], capture_output=True, text=True, check=True)

    assert done.stdout.strip() == repr([str(real)])  # one runtime, whichever name loaded it first
