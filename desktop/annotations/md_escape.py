"""User text in a Markdown export, so that it reads as written and cannot act as markup.

Quotes, titles, tags and colour meanings are plain text: every character that Markdown or
HTML would act on is escaped. Notes are Markdown by the JSON-LD format's own contract
(emphasis, lists and web links stay), but raw HTML (`<script>`, `<img onerror>`), headings
and rules that would break the briefing's structure, images (remote content) and links
other than http, https and mailto (`javascript:`) are neutralised.
"""

from __future__ import annotations

import re

_HTML = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_INLINE = re.compile(r"[\\`*_\[\]|~!]")
# What a line may start with to become a heading, a quote, a list, a rule or a table.
_LINE_START = re.compile(r"^(\s*)([#=+\-]|\d+[.)])", re.M)
_LINK = re.compile(r"(!?)\[([^\]\n]*)\]\(\s*<?([^)\s>]*)>?([^)\n]*)\)")
_REFERENCE = re.compile(r"^(\s*)\[([^\]\n]*)\]:", re.M)
_SAFE_SCHEMES = ("http://", "https://", "mailto:")


def _html(text: str) -> str:
    return "".join(_HTML.get(c, c) for c in text)


def plain(text: str) -> str:
    """Plain text that renders as itself in Markdown (one line or several)."""
    out = _INLINE.sub(lambda m: "\\" + m.group(), _html(text))
    return _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2) if m.group(2)[0] in "#=+-" else
                           m.group(1) + m.group(2)[:-1] + "\\" + m.group(2)[-1], out)


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
