"""JSON from files someone else wrote: parsed within a depth budget, never a RecursionError.

Used by notes import (annotations.jsonld_input) and model install (translation.packages).
"""

from __future__ import annotations

import json
from typing import Any


class JsonRefused(ValueError):
    """Not JSON, or not JSON this program will walk; the message says which, without a path."""


def loads(text: str | bytes, max_depth: int) -> Any:
    """json.loads, refusing nesting deeper than `max_depth` (checked without recursion)."""
    try:
        data = json.loads(text)
    except RecursionError as exc:
        raise JsonRefused(f"nested more than {max_depth} levels deep") from exc
    except json.JSONDecodeError as exc:
        raise JsonRefused(f"not JSON (line {exc.lineno}: {exc.msg})") from exc
    if depth_exceeds(data, max_depth):
        raise JsonRefused(f"nested more than {max_depth} levels deep")
    return data


def depth_exceeds(data: Any, limit: int) -> bool:
    """Whether lists and objects nest more than `limit` deep (iterative: no recursion)."""
    stack = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict):
            children = value.values()
        elif isinstance(value, list):
            children = value
        else:
            continue
        if depth > limit:
            return True
        stack.extend((child, depth + 1) for child in children if isinstance(child, (dict, list)))
    return False
