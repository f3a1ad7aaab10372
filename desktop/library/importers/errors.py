"""The one exception format readers raise; `read_document` adds the path."""

from __future__ import annotations


class Refused(Exception):
    """The content cannot be imported; the message is shown to the user as is."""
