"""The Export menu: annotations as Markdown, CSV, JSON-LD, TMX or XLIFF for the current
document or the whole library, the bilingual PDF briefing, and importing shared notes.

The core formats live in `desktop.annotations`; this module asks where to write, runs
the export on a worker and reports the outcome. Files are written beside the target
and moved in, so a failed export never leaves half a file.
"""

from __future__ import annotations

import os
import re
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMenu, QWidget

from desktop.annotations.exports import DOCUMENT_FORMATS, LIBRARY_FORMATS, render_export, write_atomically
from desktop.library import store as library_store

DOCUMENT, LIBRARY = "document", "library"
EXTENSIONS = {
    "md": ".md", "csv": ".csv", "jsonld": ".jsonld", "tmx": ".tmx", "xliff": ".xlf", "pdf": ".pdf",
    "english-md": ".md", "bilingual-md": ".md",
}  # fmt: skip
FORMATS = LIBRARY_FORMATS  # the formats of the two notes submenus



def format_names() -> dict[str, str]:
    return {
        "md": QCoreApplication.translate("ExportActions", "Markdown briefing"),
        "csv": QCoreApplication.translate("ExportActions", "CSV spreadsheet"),
        "jsonld": QCoreApplication.translate("ExportActions", "Web Annotation (JSON-LD)"),
        "tmx": QCoreApplication.translate("ExportActions", "TMX translation memory"),
        "xliff": QCoreApplication.translate("ExportActions", "XLIFF 2.0"),
        "pdf": QCoreApplication.translate("ExportActions", "Bilingual PDF"),
        "english-md": QCoreApplication.translate("ExportActions", "Document in English (Markdown)"),
        "bilingual-md": QCoreApplication.translate("ExportActions", "Document in French and English (Markdown)"),
    }


def slug(title: str) -> str:
    """A file name from a title: letters, digits and dashes (accents kept)."""
    name = re.sub(r"[^\w]+", "-", title, flags=re.UNICODE).strip("-_")
    return (name or "glose")[:80]


def export_job(
    connect: Callable[[], sqlite3.Connection],
    doc_id: int | None,
    fmt: str,
    path: str,
    model_id: str | None,
    highlighted_only: bool = False,
) -> Path:
    """Worker side: export one document (doc_id) or the whole library (None) to `path`."""
    conn = connect()
    try:
        if fmt == "pdf":
            from desktop.ui.pdf_export import export_document_pdf

            if doc_id is None:
                raise ValueError("the bilingual PDF is made for one document; open it first")
            return export_document_pdf(conn, doc_id, Path(path), model_id)
        if doc_id is not None:
            doc_ids = [doc_id]
        else:
            doc_ids = [d.id for d in library_store.list_documents(conn)]
            if fmt in ("md", "csv", "jsonld"):  # notes formats: only documents that have notes (as the CLI)
                noted = {r[0] for r in conn.execute("SELECT DISTINCT doc_id FROM annotations")}
                doc_ids = [d for d in doc_ids if d in noted]
        return write_atomically(Path(path), render_export(conn, doc_ids, fmt, model_id=model_id, highlighted_only=highlighted_only))
    finally:
        conn.close()


def import_notes_job(connect: Callable[[], sqlite3.Connection], path: str, model_id: str | None) -> Any:
    """Worker side: import a JSON-LD file of annotations (shared by another delegate)."""
    from desktop.annotations import jsonld

    conn = connect()
    try:
        return jsonld.import_jsonld(conn, jsonld.read_file(Path(path)), model_id=model_id)
    finally:
        conn.close()


class ExportActions(QObject):
    """The actions of the Export menu (and File → Import Notes…)."""

    exported = Signal(str)  # path written
    imported = Signal(str)  # summary of an import
    failed = Signal(str)

    def __init__(
        self,
        ctx: Any,
        current_document: Callable[[], int | None],
        parent_widget: QWidget | None = None,
    ) -> None:
        super().__init__(parent_widget)
        self.ctx = ctx
        self.current_document = current_document
        self.parent_widget = parent_widget
        names = format_names()
        self.document_actions: dict[str, QAction] = {}
        self.library_actions: dict[str, QAction] = {}
        for fmt in FORMATS:
            self.document_actions[fmt] = self._action(names[fmt], fmt, DOCUMENT, f"export_document_{fmt}")
            self.library_actions[fmt] = self._action(names[fmt], fmt, LIBRARY, f"export_library_{fmt}")
        self.document_actions["md"].setShortcut(QKeySequence("Ctrl+E"))
        self.library_actions["md"].setShortcut(QKeySequence("Ctrl+Shift+E"))
        self.pdf_action = QAction(self.tr("Bilingual &PDF for Printing…"), self)
        self.pdf_action.setObjectName("export_pdf")
        self.pdf_action.setShortcut(QKeySequence("Ctrl+P"))
        self.pdf_action.setToolTip(self.tr("French and English side by side, with highlights and notes"))
        self.pdf_action.triggered.connect(lambda: self.choose_and_export("pdf", DOCUMENT))
        # The whole document with its structure (headings, lists, tables), for one document.
        self.text_actions = {fmt: self._action(names[fmt], fmt, DOCUMENT, f"export_text_{fmt}") for fmt in DOCUMENT_FORMATS}
        self.highlighted_only_action = QAction(self.tr("TMX and XLIFF: Highlighted Sentences &Only"), self)
        self.highlighted_only_action.setObjectName("export_highlighted_only")
        self.highlighted_only_action.setCheckable(True)
        self.highlighted_only_action.setChecked(ctx.settings.get_bool("export/highlighted_only", False))
        self.highlighted_only_action.setToolTip(
            self.tr("Translation memories hold only the sentence pairs under your highlights")
        )
        self.highlighted_only_action.toggled.connect(lambda on: ctx.settings.set("export/highlighted_only", on))
        self.import_action = QAction(self.tr("Import &Notes (JSON-LD)…"), self)
        self.import_action.setObjectName("import_notes")
        self.import_action.setShortcut(QKeySequence("Ctrl+Shift+I"))
        self.import_action.triggered.connect(self.choose_and_import)

    def _action(self, name: str, fmt: str, scope: str, object_name: str) -> QAction:
        act = QAction(name + "…", self)
        act.setObjectName(object_name)
        act.triggered.connect(lambda _c=False: self.choose_and_export(fmt, scope))
        return act

    def all_actions(self) -> list[QAction]:
        return [
            *self.document_actions.values(), *self.library_actions.values(), self.pdf_action,
            *self.text_actions.values(), self.import_action,
        ]  # fmt: skip

    def populate(self, menu: QMenu) -> None:
        """Fill the Export menu."""
        doc_menu = menu.addMenu(self.tr("Notes of This &Document"))
        doc_menu.setObjectName("menu_export_document")
        for act in self.document_actions.values():
            doc_menu.addAction(act)
        lib_menu = menu.addMenu(self.tr("Notes of the Whole &Library"))
        lib_menu.setObjectName("menu_export_library")
        for act in self.library_actions.values():
            lib_menu.addAction(act)
        menu.addAction(self.highlighted_only_action)
        menu.addSeparator()
        menu.addAction(self.pdf_action)
        for act in self.text_actions.values():
            menu.addAction(act)
        menu.aboutToShow.connect(self.update_enabled)

    def update_enabled(self) -> None:
        has_doc = self.current_document() is not None
        for act in self.document_actions.values():
            act.setEnabled(has_doc)
        self.pdf_action.setEnabled(has_doc)
        for act in self.text_actions.values():
            act.setEnabled(has_doc)

    # -- helpers --------------------------------------------------------------------

    def _model_id(self) -> str | None:
        from desktop.translation.packages import find_model

        try:
            model = find_model("fr", "en", getattr(self.ctx, "packages_dir", None))
        except Exception:
            return None
        return model.model_id if model else None

    def _last_dir(self) -> Path:
        saved = self.ctx.settings.get_str("export/last_dir", "")
        if saved and Path(saved).is_dir():
            return Path(saved)
        documents = Path.home() / "Documents"
        return documents if documents.is_dir() else Path.home()

    def suggested_name(self, fmt: str, scope: str) -> str:
        doc_id = self.current_document()
        if scope == DOCUMENT and doc_id is not None:
            try:
                title = library_store.document_summary(self.ctx.conn, doc_id).title
            except LookupError:
                title = "glose"
        else:
            title = "glose-library-notes"
        return slug(title) + EXTENSIONS[fmt]

    # -- export ---------------------------------------------------------------------

    def choose_and_export(self, fmt: str, scope: str) -> None:
        names = format_names()
        pattern = f"{names[fmt]} (*{EXTENSIONS[fmt]})"
        path, _ = QFileDialog.getSaveFileName(
            self.parent_widget,
            self.tr("Export"),
            str(self._last_dir() / self.suggested_name(fmt, scope)),
            pattern,
        )
        if path:
            if not Path(path).suffix:
                path += EXTENSIONS[fmt]
            self.ctx.settings.set("export/last_dir", str(Path(path).parent))
            self.export(fmt, scope, path)

    def export(self, fmt: str, scope: str, path: str | os.PathLike[str]) -> Any:
        """Export in the background; `exported(path)` or `failed(message)` follows."""
        doc_id = self.current_document() if scope == DOCUMENT else None
        if scope == DOCUMENT and doc_id is None:
            self.failed.emit(self.tr("Open a document first, then export it."))
            return None
        return self.ctx.tasks.run(
            export_job,
            self.ctx.connect,
            doc_id,
            fmt,
            str(path),
            self._model_id(),
            self.highlighted_only_action.isChecked(),
            on_result=lambda written: self.exported.emit(str(written)),
            on_error=self._failed,
            name="export",
        )

    def _failed(self, exc: BaseException) -> None:
        from desktop.ui.tasks import error_message

        self.failed.emit(error_message(exc))

    # -- import shared notes --------------------------------------------------------

    def choose_and_import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self.parent_widget,
            self.tr("Import notes"),
            str(self._last_dir()),
            self.tr("Web Annotation (*.jsonld *.json);;All files (*)"),
        )
        if path:
            self.import_notes(path)

    def import_notes(self, path: str | os.PathLike[str]) -> Any:
        return self.ctx.tasks.run(
            import_notes_job,
            self.ctx.connect,
            str(path),
            self._model_id(),
            on_result=lambda report: self.imported.emit(
                self.tr("Notes imported from %1: %2").replace("%1", Path(path).name).replace("%2", report.summary())
            ),
            on_error=self._failed,
            name="import notes",
        )
