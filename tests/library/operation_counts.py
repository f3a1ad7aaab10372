"""Counting work instead of timing it: linear behaviour asserted without a clock."""

from __future__ import annotations

import sys
from collections.abc import Callable


def calls(fn: Callable[[], object]) -> int:
    """Python and C function calls made while `fn` runs (sys.setprofile events)."""
    count = 0

    def profile(_frame: object, event: str, _arg: object) -> None:
        nonlocal count
        if event in ("call", "c_call"):
            count += 1

    sys.setprofile(profile)
    try:
        fn()
    finally:
        sys.setprofile(None)
    return count


def growth(make: Callable[[int], str], run: Callable[[str], object], small: int = 20_000, factor: int = 4) -> float:
    """How much more work `run` does on an input `factor` times larger: ~factor when linear."""
    return calls(lambda: run(make(small * factor))) / max(1, calls(lambda: run(make(small))))
