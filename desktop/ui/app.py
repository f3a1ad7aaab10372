"""Composition root: the QApplication, the shared AppContext and the main window.

Everything a widget needs is in the AppContext it receives; nothing is global.
"""

from __future__ import annotations

import gc
import sqlite3
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from desktop import __version__, config
from desktop.library.db import open_library
from desktop.ui.settings import Settings
from desktop.ui.tasks import TaskRunner


@dataclass
class AppContext:
    data_dir: Path
    conn: sqlite3.Connection  # the UI thread's connection: short reads and small writes only
    connect: Callable[[], sqlite3.Connection]  # a new connection, for a worker thread
    tasks: TaskRunner
    settings: Settings
    packages_dir: Path | None = None  # None: Argos's own package directory
    extras: dict = field(default_factory=dict)  # room for shared objects (e.g. an undo stack)

    def close(self) -> None:
        self.tasks.shutdown()
        self.settings.sync()
        try:
            self.conn.close()
        except sqlite3.Error:
            pass


def create_qapplication(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if app is None:
        app = QApplication(argv if argv is not None else sys.argv[:1])
    QCoreApplication.setApplicationName("Glose")
    QCoreApplication.setOrganizationName("Glose")
    QCoreApplication.setApplicationVersion(__version__)
    icon = config.resource_path("icons", "glose.svg")
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    return app  # type: ignore[return-value]


def build_context(data_dir: Path, packages_dir: Path | None = None, parent=None) -> AppContext:
    data_dir = Path(data_dir)
    conn = open_library(data_dir)

    def connect() -> sqlite3.Connection:
        return open_library(data_dir)

    return AppContext(
        data_dir=data_dir,
        conn=conn,
        connect=connect,
        tasks=TaskRunner(parent),
        settings=Settings.for_data_dir(data_dir),
        packages_dir=packages_dir,
    )


def library_is_empty(conn: sqlite3.Connection) -> bool:
    return conn.execute("SELECT 1 FROM documents LIMIT 1").fetchone() is None


def import_paths_job(connect: Callable[[], sqlite3.Connection], data_dir: Path, paths: list[str], progress=None, cancel=None):
    """Worker side of an import: own connection, the shared core operation."""
    from desktop import operations

    conn = connect()
    try:
        def report(done: int, total: int, label: str = "") -> None:
            if progress is not None:
                progress(done, total, label)

        return operations.import_files(
            conn, data_dir, paths, max_bytes=config.max_import_bytes(), progress=report, cancel=cancel
        )
    finally:
        conn.close()


def freeze_startup_objects() -> None:
    """Move everything alive after startup (modules, Qt wrappers) out of the cyclic GC's
    reach, so full collections scan only what the session creates (shorter pauses)."""
    gc.collect()
    gc.freeze()


def start_window(ctx: AppContext, *, show: bool = True):
    """Build the main window, restore the last session, import the seeds into an empty library."""
    from desktop.ui import theme
    from desktop.ui.main_window import MainWindow

    theme.apply_theme(QApplication.instance(), ctx.settings.theme)
    window = MainWindow(ctx, defer_panels=True)
    window.restore_state()
    if show:
        window.show()
    opening = False
    if library_is_empty(ctx.conn):
        seeds = config.seeds_dir()
        if seeds.is_dir():
            window.import_paths([str(seeds)])
    elif window.open_last_document():
        opening = True
    else:
        first = ctx.conn.execute("SELECT id FROM documents ORDER BY title COLLATE NOCASE, id LIMIT 1").fetchone()
        if first is not None:
            window.open_document(int(first[0]))
            opening = True
    # Panels import Whoosh and friends: build them once the window and the document are
    # painted (or after a short while if the document does not come).
    if opening:
        window.reader.documentChanged.connect(lambda _d: QTimer.singleShot(0, window, window.install_panels))
        QTimer.singleShot(1500, window, window.install_panels)
    else:
        QTimer.singleShot(0, window, window.install_panels)
    window.panelsInstalled.connect(freeze_startup_objects)
    window.panelsInstalled.connect(lambda: start_backup(ctx))
    window.panelsInstalled.connect(lambda: start_reimport(ctx, window))  # documents from an older importer
    window.panelsInstalled.connect(window.translation.resume_queue)  # documents left queued at the last exit
    return window


def start_reimport(ctx: AppContext, window) -> None:  # noqa: ANN001 - MainWindow
    from desktop.ui.import_progress import start_reimport as start

    start(ctx, window)


def start_backup(ctx: AppContext) -> None:
    """The daily start-up backup of the library (SQLite backup API), in a worker."""

    def job() -> object:
        from desktop.annotations.backup import auto_backup

        return auto_backup(ctx.data_dir)

    ctx.tasks.run(job, on_error=lambda _exc: None, name="backup")  # a failed backup must not bother the reader
