"""Shared helpers for the panel tests: an AppContext on the test data directory, a loopback
model index."""

from __future__ import annotations

import http.server
import json
import shutil
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from desktop.ui.app import AppContext, build_context

SEEDS = Path(__file__).resolve().parent.parent.parent / "seeds"


@contextmanager
def app_context(data_dir: Path, packages_dir: Path | None = None) -> Iterator[AppContext]:
    """The app's context on a test data directory; background work finished and closed after."""
    context = build_context(data_dir, packages_dir=packages_dir)
    try:
        yield context
    finally:
        context.tasks.wait_idle(10_000)
        context.close()


class _Handler(http.server.SimpleHTTPRequestHandler):
    delay = 0.0

    def log_message(self, *args) -> None:  # keep test output quiet
        pass

    def copyfile(self, source, outputfile) -> None:
        # Serve in small pieces, optionally slowly, so that progress and cancel can be seen.
        while chunk := source.read(8192):
            outputfile.write(chunk)
            if self.delay:
                time.sleep(self.delay)


@contextmanager
def model_index_server(model_file: Path, root: Path, delay: float = 0.0) -> Iterator[str]:
    """Serve an Argos-style index.json and the model on 127.0.0.1; yields the index URL."""
    root.mkdir(parents=True, exist_ok=True)
    shutil.copy(model_file, root / model_file.name)
    handler = type("Handler", (_Handler,), {"delay": delay})
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), lambda *a, **k: handler(*a, directory=str(root), **k)
    )
    base = f"http://127.0.0.1:{server.server_address[1]}"
    index = [
        {
            "package_version": "1.0",
            "argos_version": "1.9",
            "from_code": "fr",
            "from_name": "French",
            "to_code": "en",
            "to_name": "English",
            "type": "translate",
            "links": [f"{base}/{model_file.name}"],
        }
    ]
    (root / "index.json").write_text(json.dumps(index), encoding="utf-8")
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"{base}/index.json"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def seeded_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data directory holding the five seeds and their search index, built once."""
    from desktop import config, operations
    from desktop.library.db import open_library

    root = tmp_path_factory.mktemp("seeded-template")
    conn = open_library(root)
    try:
        operations.import_files(conn, root, [SEEDS], max_bytes=config.max_import_bytes())
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()
    return root


def copy_library(template: Path, data_dir: Path) -> None:
    """Fill an empty data directory with a copy of the template library (database + index)."""
    for item in template.iterdir():
        if item.is_dir():
            shutil.copytree(item, data_dir / item.name)
        else:
            shutil.copy2(item, data_dir / item.name)
