"""Progress of a long import (a folder of documents) with Cancel, and the re-import of
documents read by an older importer, run in the background at start."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QProgressDialog, QWidget

from desktop import config
from desktop.library.importer import PAGES


class ImportProgress(QProgressDialog):
    """A non-modal progress bar for an import; Cancel stops it between two files."""

    def __init__(self, parent: QWidget, on_cancel: Callable[[], None]) -> None:
        super().__init__(parent)
        self.setObjectName("ImportProgress")
        self.setWindowTitle(self.tr("Importing documents"))
        self.setLabelText(self.tr("Preparing the import…"))
        self.setCancelButtonText(self.tr("Cancel"))
        self.setWindowModality(Qt.WindowModality.NonModal)
        self.setMinimumDuration(400)  # a single small file never flashes a dialog
        self.setAutoClose(False)
        self.setAutoReset(False)
        self.setRange(0, 0)
        self.canceled.connect(on_cancel)

    def report(self, done: int, total: int, label: str) -> None:
        if total:
            self.setRange(0, total)
            self.setValue(min(done, total))
        if label.endswith(PAGES):  # one PDF or scan: its pages are counted (OCR takes seconds a page)
            name = Path(label[: -len(PAGES)]).name
            self.setLabelText(self.tr("Reading {0}: page {1} of {2}").format(name, min(done + 1, total), total))
        elif label:
            self.setLabelText(self.tr("Importing {0} of {1}: {2}").format(min(done + 1, total), total, Path(label).name))


def reimport_job(connect: Callable[[], sqlite3.Connection], data_dir: Path, progress=None, cancel=None):  # noqa: ANN001, ANN201
    """Worker side: documents read by an older importer, read again from their sources."""
    from desktop import operations

    conn = connect()
    try:
        ids = operations.outdated_documents(conn)
        if not ids:
            return []
        return operations.reimport_documents(
            conn, data_dir, ids, max_bytes=config.max_import_bytes(), progress=progress, cancel=cancel
        )
    finally:
        conn.close()


def start_reimport(ctx, window) -> None:  # noqa: ANN001 - AppContext, MainWindow
    """After an upgrade, bring documents imported by an older Glose to the current importers
    (their notes re-anchored), in the background; the open document is shown again once done."""
    translate = QCoreApplication.translate

    def progress(done: int, total: int, label: str) -> None:
        if total and done < total:
            window.status_message(
                translate("ImportProgress", "Updating documents to the new importers: {0}/{1} {2}").format(done + 1, total, label), 0
            )

    def finished(outcomes: list) -> None:
        if not outcomes:
            return
        changed = [o.doc_id for o in outcomes if o.status == "reimported"]
        window.library.refresh()
        current = window.reader.current_document()
        if current in changed:
            window.open_document(current)
        window.status_message(translate("ImportProgress", "{0} document(s) updated to the new importers").format(len(changed)))

    ctx.tasks.run(reimport_job, ctx.connect, ctx.data_dir, on_result=finished, on_progress=progress,
                  on_error=lambda _exc: None, name="reimport", context=window)
