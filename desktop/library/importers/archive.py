"""Reading ZIP containers (DOCX, ODT, EPUB) in memory, with limits against zip bombs.

Nothing is ever extracted to disk. Before any member is read, the declared sizes are
checked: the total uncompressed size is capped, and so is the compression ratio of any
large member (XML compresses about 10:1; a bomb, 1000:1 and more). zipfile stops at the
declared size of a member and checks its CRC, so a member that lies about its size
fails to read instead of filling memory.
"""

from __future__ import annotations

import io
import zipfile
import zlib

from desktop.library.importers.errors import Refused

MAX_RATIO = 200  # uncompressed / compressed, for members over RATIO_FLOOR bytes
RATIO_FLOOR = 1024 * 1024
MAX_MEMBERS = 10_000


def open_zip(data: bytes, kind: str, max_uncompressed: int) -> zipfile.ZipFile:
    """A ZipFile over `data` after the bomb checks; `kind` names the format in messages."""
    if not data.startswith(b"PK\x03\x04"):
        raise Refused(f"this is not a valid {kind} file (it is not a ZIP container)")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, EOFError, ValueError) as exc:
        raise Refused(f"this {kind} file is damaged or truncated ({exc})") from exc
    if len(infos) > MAX_MEMBERS:
        raise Refused(f"this {kind} file holds {len(infos)} parts: refused as a possible zip bomb")
    total = 0
    for info in infos:
        total += info.file_size
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise Refused(
                f"this {kind} file is refused as a possible zip bomb "
                f"({info.filename} expands {info.file_size // max(info.compress_size, 1)} times)"
            )
    if total > max_uncompressed:
        raise Refused(
            f"this {kind} file would expand to {total / 2**20:.0f} MB "
            f"(limit {max_uncompressed / 2**20:.0f} MB): refused as a possible zip bomb"
        )
    return archive


def read_member(archive: zipfile.ZipFile, name: str, kind: str) -> bytes:
    """The bytes of one member; a missing or corrupt member is a refusal."""
    try:
        return archive.read(name)
    except KeyError as exc:
        raise Refused(f"this is not a valid {kind} file ({name} is missing)") from exc
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError) as exc:
        raise Refused(f"this {kind} file is damaged ({name}: {exc})") from exc
