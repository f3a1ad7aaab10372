"""What an Argos package's metadata.json and top folder must be for Glose to install it.

A package comes from a file or a download: its metadata names the folder the model goes
into, the pair it replaces and the text shown in the model manager and the terminal. So
each field is checked for what it is used as (issue 18): codes are language codes, the
version a version, names plain text; the top folder a plain name that `installed_models`
lists and `models remove` reaches (a hidden '.name' folder replaced the working model and
then stayed out of reach).
"""

from __future__ import annotations

import re
from typing import Any

import packaging.version

from desktop import safe_json

MAX_METADATA_BYTES = 1024 * 1024  # real ones are under 2 KB
MAX_DEPTH = 16
_CODE = re.compile(r"[a-z]{2,3}(?:[_-][A-Za-z0-9]{2,8})?")
_TOP = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,127}")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_TEXT_FIELDS = ("from_name", "to_name", "target_prefix", "source_prefix", "type", "description", "argos_version")


def shown(value: Any) -> str:
    """A value from a file, safe to print: control characters escaped, length bounded."""
    text = value if isinstance(value, str) else repr(value)
    text = _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100 else f"\\u{ord(m.group()):04x}", text)
    return text[:80] + ("…" if len(text) > 80 else "")


def parse(raw: bytes) -> dict:
    """metadata.json's object; ValueError saying what is wrong."""
    if len(raw) > MAX_METADATA_BYTES:
        raise ValueError(f"metadata.json is larger than {MAX_METADATA_BYTES // 1024} KB")
    try:
        data = safe_json.loads(raw.decode("utf-8"), MAX_DEPTH)
    except UnicodeDecodeError as exc:
        raise ValueError("metadata.json is not UTF-8 text") from exc
    except safe_json.JsonRefused as exc:
        raise ValueError(f"metadata.json is {exc}") from exc
    if not isinstance(data, dict):
        raise ValueError("metadata.json is not a JSON object")
    return data


def check(metadata: dict, top: str) -> str:
    """Raise ValueError unless the metadata and top folder are usable; returns the version."""
    if not _TOP.fullmatch(top):
        raise ValueError(
            f"its top folder {shown(top)!r} is not a plain folder name (letters, digits, '.', '_', '-'; "
            "not starting with '.'), so the model manager could not list or remove it"
        )
    for key in ("from_code", "to_code"):
        value = metadata.get(key)
        if not isinstance(value, str) or not _CODE.fullmatch(value):
            raise ValueError(f"metadata.json's {key} {shown(value)!r} is not a language code (such as fr or en)")
    for key in _TEXT_FIELDS:
        value = metadata.get(key)
        if value is not None and (not isinstance(value, str) or len(value) > 200 or _CONTROL.search(value)):
            raise ValueError(f"metadata.json's {key} {shown(value)!r} is not plain text")
    return version_of(metadata)


def version_of(metadata: dict) -> str:
    value = metadata.get("package_version", "0")
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise ValueError(f"metadata.json's package_version {shown(value)!r} is not a version")
    text = str(value)
    try:
        parsed = packaging.version.Version(text)
    except packaging.version.InvalidVersion:
        raise ValueError(f"metadata.json's package_version {shown(text)!r} is not a version (such as 1.9)") from None
    if len(text) > 32 or parsed.local:
        raise ValueError(f"metadata.json's package_version {shown(text)!r} is not a version (such as 1.9)")
    return text
