"""Starting the desktop app (placeholder until the UI lands)."""

from __future__ import annotations

import sys


def run_app(data_dir: str | None = None, self_test: bool = False) -> int:
    print("The Glose desktop app is not built yet; use the CLI (`glose --help`).", file=sys.stderr)
    return 1


def main() -> int:
    return run_app()
