"""A note in a Markdown export: its own Markdown, but nothing that can run, load or restructure.

Quotes, titles, tags and colour meanings are plain text (markdown_text.escape). Notes are
Markdown by the JSON-LD format's own contract (emphasis, lists and web links stay), but raw HTML (`<script>`, `<img onerror>`), headings
and rules that would break the briefing's structure, images (remote content) and links
other than http, https and mailto (`javascript:`) are neutralised.
"""

from __future__ import annotations

import re

_HTML = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_LINK = re.compile(r"(!?)\[([^\]\n]*)\]\(\s*<?([^)\s>]*)>?([^)\n]*)\)")
_REFERENCE = re.compile(r"^(\s*)\[([^\]\n]*)\]:", re.M)
_SAFE_SCHEMES = ("http://", "https://", "mailto:")


def _html(text: str) -> str:
    return "".join(_HTML.get(c, c) for c in text)


def note(text: str) -> str:
    """A note's own Markdown, minus what could run, load or restructure the document."""
    out = _html(text)
    out = re.sub(r"^(\s*)(#{1,6})(?=\s|$)", lambda m: m.group(1) + "\\" + m.group(2), out, flags=re.M)
    out = re.sub(r"^(\s*)(=+|-{3,}|\*{3,}|_{3,})\s*$", lambda m: m.group(1) + "\\" + m.group(2), out, flags=re.M)
    out = _REFERENCE.sub(lambda m: m.group(1) + "\\[" + m.group(2) + "\\]:", out)

    def link(m: re.Match) -> str:
        bang, label, target = m.group(1), m.group(2), m.group(3)
        if not bang and target.lower().startswith(_SAFE_SCHEMES):
            return m.group(0)
        return ("\\!" if bang else "") + "\\[" + label + "\\](" + m.group(3) + m.group(4) + ")"

    return _LINK.sub(link, out)
