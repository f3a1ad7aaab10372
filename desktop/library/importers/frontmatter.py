"""YAML front matter (Markdown, pandoc, Jekyll/Hugo/VuePress): the title and the document's information.

Parsed with PyYAML's safe loader with aliases refused (a "billion laughs" of anchors
would expand without bound); front matter that is not valid YAML is read as
`key: value` lines. Values become strings: lists joined with ", ", mappings as JSON.
"""

from __future__ import annotations

import json
from typing import Any

MAX_FRONT_MATTER = 64 * 1024
_TITLE_KEYS = ("title", "titre", "pagetitle")


def _loader():  # noqa: ANN202 - a yaml.SafeLoader subclass
    import yaml

    class NoAliasLoader(yaml.SafeLoader):
        def compose_node(self, parent, index):  # noqa: ANN001, ANN201 - PyYAML's signature
            if self.check_event(yaml.AliasEvent):
                raise yaml.YAMLError("aliases are not accepted in front matter")
            return super().compose_node(parent, index)

    return NoAliasLoader


def _as_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return ", ".join(t for t in (_as_text(v) for v in value) if t)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, default=str)
    return str(value).strip()


def _lines(source: str) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for line in source.splitlines():
        key, sep, value = line.partition(":")
        if sep and key.strip() and not key.startswith((" ", "\t", "-")):
            found[key.strip()] = value.strip().strip("\"'")
    return found


def parse_front_matter(source: str) -> tuple[str, dict[str, str]]:
    """(title, information) from the YAML between the `---` lines."""
    if len(source) > MAX_FRONT_MATTER:
        return "", {}
    import yaml

    try:
        data = yaml.load(source, Loader=_loader())  # noqa: S506 - a SafeLoader without aliases
    except (yaml.YAMLError, ValueError, RecursionError):
        data = _lines(source)
    if not isinstance(data, dict):
        return "", {}
    info = {str(k): _as_text(v) for k, v in data.items() if _as_text(v)}
    title = next((info[k] for k in info if k.lower() in _TITLE_KEYS), "")
    return " ".join(title.split()), info
