"""UI test fixtures: a real AppContext on the test data directory, the main window, the reader."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.ui.app import AppContext, build_context


def _close(ctx: AppContext) -> None:
    ctx.tasks.wait_idle(20_000)
    ctx.close()


@pytest.fixture
def ui_ctx(data_dir: Path, qapp) -> Iterator[AppContext]:
    """An AppContext on the (empty) test data directory; Argos packages from ARGOS_PACKAGES_DIR."""
    from desktop.ui import theme

    theme.apply_theme(qapp, "light")
    ctx = build_context(data_dir)
    yield ctx
    _close(ctx)


@pytest.fixture
def seeded_ctx(seeded: sqlite3.Connection, ui_ctx: AppContext) -> AppContext:
    """The AppContext of a library holding the five seeds."""
    return ui_ctx


def seed_ids(ctx: AppContext) -> dict[str, int]:
    return {
        Path(r["path"]).stem: int(r["id"])
        for r in ctx.conn.execute("SELECT id, path FROM documents ORDER BY id")
    }


@pytest.fixture
def window(qtbot, seeded_ctx: AppContext):
    from desktop.ui.app import freeze_startup_objects
    from desktop.ui.main_window import MainWindow

    win = MainWindow(seeded_ctx)
    freeze_startup_objects()  # as start_window does once the window is up
    qtbot.addWidget(win)
    win.resize(1300, 800)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.translation.cancel()
    seeded_ctx.tasks.wait_idle(20_000)


def open_and_wait(qtbot, reader, doc_id: int, paragraph_index: int | None = None, timeout: int = 15_000) -> None:
    """Open a document in a reader and wait until every row is in place."""
    with qtbot.waitSignal(reader.documentLoaded, timeout=timeout):
        reader.open_document(doc_id, paragraph_index=paragraph_index)


def wait_translated(qtbot, window, timeout: int = 60_000) -> None:
    """Wait until the open document's translation job ended and the reader caught up."""
    from tests.ui.scenarios import translation_settled

    qtbot.waitUntil(lambda: translation_settled(window), timeout=timeout)
