"""The main window: menus, toolbar, docks and status bar around the reader. Wiring only.

Panels are added in the two marked places (`# --- panels: docks ---`,
`# --- panels: menus ---`); each panel takes the AppContext and talks to the reader
through its signals and public methods.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QProgressBar,
    QStatusBar,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.library.importers import SUPPORTED_EXTENSIONS
from desktop.ui import theme
from desktop.ui.app import AppContext, import_paths_job
from desktop.ui.import_report import ImportReport
from desktop.ui.library_panel import LibraryPanel
from desktop.ui.reader.view import BilingualReader
from desktop.ui.reader.translation import TranslationController
from desktop.ui.undo import history_for


class MainWindow(QMainWindow):
    documentOpened = Signal(int)
    importFinished = Signal(list)  # ImportOutcome list

    MENU_NAMES = ("file", "edit", "view", "tools", "export", "help")

    panelsInstalled = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *, defer_panels: bool = False) -> None:
        """`defer_panels`: build the panels (search, notes...) just after the first paint,
        so the last document is on screen before their imports (Whoosh) run."""
        super().__init__(parent)
        self.ctx = ctx
        self.panels = None
        self.setObjectName("MainWindow")
        self.setWindowTitle("Glose")
        self.setAcceptDrops(True)
        self.setDockNestingEnabled(True)
        # One undo stack for the window: the annotation history's (shared with the notes
        # panel); post-edits push their commands onto it too.
        self.history = history_for(ctx)
        self.undo_stack: QUndoStack = self.history.stack
        ctx.extras["undo_stack"] = self.undo_stack
        self._menus: dict[str, QMenu] = {}
        self._import_report: ImportReport | None = None
        self._import_task = None
        self._import_progress = None

        # Central area: room for banners above the reader (e.g. "no model installed").
        self.reader = BilingualReader(ctx, self.undo_stack, self)
        central = QWidget(self)
        central.setObjectName("ReaderArea")
        self._central_layout = QVBoxLayout(central)
        self._central_layout.setContentsMargins(0, 0, 0, 0)
        self._central_layout.setSpacing(0)
        self._central_layout.addWidget(self.reader, 1)
        self.setCentralWidget(central)

        self.library = LibraryPanel(ctx, self)
        self.library.documentActivated.connect(self.open_document)
        self.library.importRequested.connect(self.choose_import)
        self.library.removeRequested.connect(self.remove_document)
        self.library.languageChanged.connect(self._document_language_changed)
        self.add_dock(self.library, Qt.DockWidgetArea.LeftDockWidgetArea, self.tr("Library"), "LibraryDock")

        self.translation = TranslationController(ctx, self.reader, self)

        self._build_status_bar()
        self._build_actions()
        self._build_menus()
        self._build_toolbar()
        if not defer_panels:
            self.install_panels()

        ctx.tasks.failed.connect(lambda _name, message: self.show_error(message))
        self.history.failed.connect(self.show_error)
        self.reader.documentChanged.connect(self._on_document_changed)
        # Which backend made the open document's English (server, this computer, or both).
        self.reader.documentChanged.connect(lambda _doc: self._show_translation_makers())
        self.reader.translationsReloaded.connect(lambda _pars: self._show_translation_makers())
        self.reader.documentClosed.connect(self._show_translation_makers)
        self.translation.progressChanged.connect(self._on_translation_progress)
        self.translation.finished.connect(self._on_translation_finished)
        self.translation.statusMessage.connect(self.status_message)
        self.translation.paragraphsTranslated.connect(self.library.refresh_later)
        self.undo_stack.indexChanged.connect(self.library.refresh_later)
        hints = QApplication.styleHints()
        if hasattr(hints, "colorSchemeChanged"):  # Qt >= 6.5: follow the system's light/dark switch
            hints.colorSchemeChanged.connect(self._system_scheme_changed)

    # -- public API used by panels ------------------------------------------------

    def menu(self, name: str) -> QMenu:
        return self._menus[name]

    def add_dock(
        self,
        widget: QWidget,
        area: Qt.DockWidgetArea,
        title: str,
        object_name: str,
    ) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(object_name)  # saveState/restoreState key
        dock.setWidget(widget)
        dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetClosable
            | QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetFloatable
        )
        self.addDockWidget(area, dock)
        if "view" in self._menus:
            self._menus["view"].addAction(dock.toggleViewAction())
        else:
            self._pending_dock_toggles = getattr(self, "_pending_dock_toggles", []) + [dock]
        return dock

    def add_banner(self, widget: QWidget) -> None:
        """A strip above the reader (e.g. the first-start model banner)."""
        self._central_layout.insertWidget(0, widget)

    def open_document(self, doc_id: int, paragraph_index: int | None = None) -> None:
        view = self.reader.document_view()
        shown = view is not None and view.doc.id == doc_id and self.reader.current_document() == doc_id
        if not shown:
            if self.reader.current_document() != doc_id or paragraph_index is not None:
                self.reader.open_document(doc_id, paragraph_index=paragraph_index)
        elif paragraph_index is not None:
            self.reader.scroll_to_paragraph(paragraph_index, flash=True)

    def status_message(self, text: str, timeout_ms: int = 6000) -> None:
        self.statusBar().showMessage(text, timeout_ms)

    def show_error(self, message: str) -> None:
        self.status_message("⚠ " + message, 12000)

    # -- building -------------------------------------------------------------------

    def _action(self, text: str, slot, shortcut=None, *, name: str, icon: str | None = None, checkable=False) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        if shortcut is not None:
            if isinstance(shortcut, (list, tuple)):
                action.setShortcuts([QKeySequence(s) for s in shortcut])
            else:
                action.setShortcut(QKeySequence(shortcut))
        if icon:
            action.setIcon(theme.icon(icon))
            action.setData(icon)
        action.setCheckable(checkable)
        if slot is not None:
            action.triggered.connect(slot)
        self.addAction(action)  # shortcuts work even with the menu bar hidden
        return action

    def _build_actions(self) -> None:
        self.act_import = self._action(self.tr("&Import…"), self.choose_import, QKeySequence.StandardKey.Open, name="import", icon="import")
        self.act_import.setToolTip(self.tr("Import documents (Ctrl+O); you can also drop files or folders on the window"))
        self.act_import_folder = self._action(self.tr("Import &Folder…"), self.choose_import_folder, "Ctrl+Shift+O", name="import_folder")
        self.act_import_folder.setToolTip(self.tr("Import every document of a folder and its subfolders"))
        self.act_quit = self._action(self.tr("&Quit"), self.close, QKeySequence.StandardKey.Quit, name="quit")
        self.act_undo = self.undo_stack.createUndoAction(self, self.tr("&Undo"))
        self.act_undo.setShortcut(QKeySequence.StandardKey.Undo)
        self.act_undo.setObjectName("undo")
        self.act_undo.setIcon(theme.icon("undo"))
        self.act_redo = self.undo_stack.createRedoAction(self, self.tr("&Redo"))
        self.act_redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.act_redo.setObjectName("redo")
        self.act_redo.setIcon(theme.icon("redo"))
        self.addAction(self.act_undo)
        self.addAction(self.act_redo)
        self.act_zoom_in = self._action(self.tr("&Larger Text"), self.reader.zoom_in, ["Ctrl++", "Ctrl+="], name="zoom_in", icon="text-larger")
        self.act_zoom_out = self._action(self.tr("&Smaller Text"), self.reader.zoom_out, "Ctrl+-", name="zoom_out", icon="text-smaller")
        self.act_zoom_reset = self._action(self.tr("&Normal Text Size"), self.reader.zoom_reset, "Ctrl+0", name="zoom_reset")
        self.act_swap = self._action(self.tr("&Swap Columns"), self.reader.swap_columns, "Ctrl+Shift+S", name="swap_columns", icon="swap")
        self.act_swap.setToolTip(self.tr("Put French on the other side (Ctrl+Shift+S)"))
        self.act_cancel_translation = self._action(
            self.tr("&Stop Translating"), self.translation.cancel, None, name="cancel_translation", icon="stop"
        )
        self.act_cancel_translation.setEnabled(False)
        self.act_translate = self._action(self.tr("&Translate Document"), self.translation.restart, "Ctrl+T", name="translate", icon="translate")
        self.act_translate_all = self._action(
            self.tr("Translate &All Documents"), self.translation.translate_all, None, name="translate_all", icon="translate"
        )
        self.act_translate_all.setToolTip(self.tr("Translate the whole library in the background, one document after another"))
        self.act_edit_sentence = self._action(
            self.tr("&Edit Translation"), self.reader.edit_current_sentence, "F2", name="edit_sentence", icon="edit"
        )
        self.act_library = self._action(self.tr("Show &Library"), self._focus_library, "Ctrl+L", name="focus_library")
        self.act_reader = self._action(self.tr("Focus &Reader"), self.reader.setFocus, "Ctrl+R", name="focus_reader")
        self.theme_group = QActionGroup(self)
        self.theme_actions: dict[str, QAction] = {}
        for key, label in (("system", self.tr("Follow &System")), ("light", self.tr("&Light")), ("dark", self.tr("&Dark"))):
            act = self._action(label, None, None, name=f"theme_{key}", checkable=True)
            act.triggered.connect(lambda _checked=False, k=key: self.set_theme(k))
            self.theme_group.addAction(act)
            self.theme_actions[key] = act
        self.theme_actions.get(self.ctx.settings.theme, self.theme_actions["system"]).setChecked(True)
        self.act_toggle_theme = self._action(self.tr("Toggle &Dark Theme"), self._toggle_dark, "Ctrl+Shift+D", name="toggle_theme", icon="theme")

    def _build_menus(self) -> None:
        bar = self.menuBar()
        titles = {
            "file": self.tr("&File"),
            "edit": self.tr("&Edit"),
            "view": self.tr("&View"),
            "tools": self.tr("&Tools"),
            "export": self.tr("E&xport"),
            "help": self.tr("&Help"),
        }
        for name in self.MENU_NAMES:
            menu = bar.addMenu(titles[name])
            menu.setObjectName(f"menu_{name}")
            self._menus[name] = menu
        f = self._menus["file"]
        f.addAction(self.act_import)
        f.addAction(self.act_import_folder)
        self.library.set_import_actions([self.act_import, self.act_import_folder])
        f.addSeparator()
        f.addAction(self.act_quit)
        e = self._menus["edit"]
        e.addAction(self.act_undo)
        e.addAction(self.act_redo)
        e.addSeparator()
        e.addMenu(self.reader.highlight_menu())
        e.addAction(self.act_edit_sentence)
        e.addSeparator()
        for act in self.reader.navigation_actions():
            e.addAction(act)
        v = self._menus["view"]
        v.addAction(self.act_zoom_in)
        v.addAction(self.act_zoom_out)
        v.addAction(self.act_zoom_reset)
        v.addSeparator()
        v.addAction(self.act_swap)
        themes = v.addMenu(self.tr("&Theme"))
        for act in self.theme_actions.values():
            themes.addAction(act)
        themes.addSeparator()
        themes.addAction(self.act_toggle_theme)
        v.addSeparator()
        v.addAction(self.act_library)
        v.addAction(self.act_reader)
        for dock in getattr(self, "_pending_dock_toggles", []):
            v.addAction(dock.toggleViewAction())
        self._pending_dock_toggles = []
        t = self._menus["tools"]
        t.addAction(self.act_translate)
        t.addAction(self.act_translate_all)
        t.addAction(self.act_cancel_translation)

    def _build_toolbar(self) -> None:
        bar = QToolBar(self.tr("Main toolbar"), self)
        bar.setObjectName("MainToolBar")
        bar.setMovable(False)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        bar.addAction(self.act_import)
        bar.addSeparator()
        for act in self.reader.highlight_actions():
            bar.addAction(act)
        bar.addSeparator()
        bar.addAction(self.act_edit_sentence)
        bar.addAction(self.act_undo)
        bar.addAction(self.act_redo)
        bar.addSeparator()
        bar.addAction(self.act_zoom_out)
        bar.addAction(self.act_zoom_in)
        bar.addAction(self.act_swap)
        bar.addAction(self.act_toggle_theme)
        self.toolbar = bar
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)

    def _build_status_bar(self) -> None:
        status = QStatusBar(self)
        status.setObjectName("StatusBar")
        self.setStatusBar(status)
        box = QWidget(status)
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 4, 0)
        row.setSpacing(6)
        self.translation_label = QLabel(box)
        self.translation_label.setObjectName("TranslationLabel")
        self.translation_progress = QProgressBar(box)
        self.translation_progress.setObjectName("TranslationProgress")
        self.translation_progress.setAccessibleName(self.tr("Translation progress"))
        self.translation_progress.setFixedWidth(140)
        self.translation_progress.setTextVisible(False)
        self.translation_cancel = QToolButton(box)
        self.translation_cancel.setObjectName("TranslationCancel")
        self.translation_cancel.setAutoRaise(True)
        self.translation_cancel.setIcon(theme.icon("stop"))
        self.translation_cancel.setToolTip(self.tr("Stop translating this document"))
        self.translation_cancel.setAccessibleName(self.tr("Stop translating"))
        self.translation_cancel.clicked.connect(lambda: self.translation.cancel())
        for w in (self.translation_label, self.translation_progress, self.translation_cancel):
            row.addWidget(w)
            w.hide()
        self.makers_label = QLabel(box)
        self.makers_label.setObjectName("TranslationMakersLabel")
        row.addWidget(self.makers_label)
        status.addPermanentWidget(box)

    def _show_translation_makers(self) -> None:
        """The status bar names who translated the open document: a LibreTranslate server,
        this computer's model, or both with their shares."""
        from desktop.translation.backends import translation_makers

        view = self.reader.document_view() if self.reader.current_document() is not None else None
        parts = translation_makers(view.makers) if view is not None else []
        names = [self.tr("server {0}").format(name) if kind == "server" else self.tr("this computer") for kind, name, _ in parts]
        if len(parts) > 1:
            names = [f"{n} {pct} %" for n, (_, _, pct) in zip(names, parts)]
        self.makers_label.setText(self.tr("English by {0}").format(" · ".join(names)) if names else "")
        self.makers_label.setToolTip("\n".join(f"{pct} %  {name}" for _, name, pct in parts))
        self.makers_label.setVisible(bool(names))

    def install_panels(self) -> None:
        """The panels (once); with `defer_panels` the app calls this after the first paint."""
        if self.panels is not None:
            return
        self._install_panels()
        state = self.ctx.settings.get_bytes("window/state")
        if state is not None:
            self.restoreState(state)  # again: the panel docks did not exist the first time
        self.panelsInstalled.emit()

    def _install_panels(self) -> None:
        """Optional panels from the panels helper; each wired where marked."""
        ctx, reader = self.ctx, self.reader
        # --- panels: docks ---
        from desktop.ui.panel_wiring import Panels

        self.panels = Panels(self)
        self.panels.install_docks()
        # --- panels: menus ---
        self.panels.install_menus()
        self._menus["help"].addAction(self._action(self.tr("&About Glose"), self._about, None, name="about"))
        del ctx, reader

    # -- behaviour ------------------------------------------------------------------

    def _focus_library(self) -> None:
        dock = self.library.parentWidget()
        if isinstance(dock, QDockWidget):
            dock.show()
            dock.raise_()
        self.library.focus_filter()

    def _about(self) -> None:
        from desktop.ui.about import AboutDialog

        self.about_dialog = AboutDialog(self.ctx, self)
        self.about_dialog.open()

    def set_theme(self, key: str) -> None:
        self.ctx.settings.set("ui/theme", key)
        theme.apply_theme(QApplication.instance(), key)
        if key in self.theme_actions:
            self.theme_actions[key].setChecked(True)
        self.refresh_icons()
        self.reader.apply_theme()

    def _system_scheme_changed(self, _scheme) -> None:
        if self.ctx.settings.theme == "system":
            self.set_theme("system")

    def _toggle_dark(self) -> None:
        self.set_theme("light" if theme.is_dark(QApplication.instance()) else "dark")

    def refresh_icons(self) -> None:
        for act in self.findChildren(QAction):
            name = act.data()
            if isinstance(name, str) and name:
                act.setIcon(theme.icon(name))
        self.act_undo.setIcon(theme.icon("undo"))
        self.act_redo.setIcon(theme.icon("redo"))
        self.translation_cancel.setIcon(theme.icon("stop"))
        for act in self.reader.highlight_actions():
            act.setIcon(theme.swatch_icon(act.data()))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange and self.ctx.settings.theme == "system":
            QTimer.singleShot(0, self, self.refresh_icons)
        super().changeEvent(event)

    def _on_document_changed(self, doc_id: int) -> None:
        title = self.reader.document_title()
        self.setWindowTitle(f"{title} — Glose" if title else "Glose")
        self.library.select_document(doc_id)
        self.ctx.settings.set("session/last_document", doc_id)
        self.translation.start(doc_id)
        self.documentOpened.emit(doc_id)

    def _document_language_changed(self, doc_id: int) -> None:
        """Shown again (translated or not, as its corrected language says), where it was."""
        if self.reader.current_document() == doc_id:
            self.reader.open_document(doc_id, paragraph_index=self.reader.first_visible_paragraph())

    def _on_translation_progress(self, done: int, total: int) -> None:
        running = total > 0 and done < total
        self.translation_progress.setRange(0, max(1, total))
        self.translation_progress.setValue(done)
        pct = int(100 * done / total) if total else 100
        self.translation_label.setText(self.tr("Translating… {0} %").format(pct))
        for w in (self.translation_label, self.translation_progress, self.translation_cancel):
            w.setVisible(running)
        self.act_cancel_translation.setEnabled(running)

    def _on_translation_finished(self) -> None:
        for w in (self.translation_label, self.translation_progress, self.translation_cancel):
            w.hide()
        self.act_cancel_translation.setEnabled(False)
        self.library.refresh_later()

    # -- removing ---------------------------------------------------------------------

    def remove_document(self, doc_id: int, *, confirm: bool = True) -> None:
        """Remove a document (after saying what of the user's own work goes with it)."""
        from desktop.library.store import document_summary, user_work

        try:
            title = document_summary(self.ctx.conn, doc_id).title
        except LookupError:
            return
        notes, edits = user_work(self.ctx.conn, doc_id)
        if confirm:
            detail = self.tr("Its {0} highlight(s) and note(s) and {1} translation edit(s) will be deleted too.").format(
                notes, edits
            ) if notes or edits else self.tr("You have no highlights or edits in it.")
            answer = QMessageBox.question(
                self,
                self.tr("Remove document"),
                self.tr("Remove “{0}” from the library?").format(title) + "\n\n" + detail,
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        if self.reader.current_document() == doc_id:
            self.translation.stop()
            self.reader.close_document()
            self.setWindowTitle("Glose")
        self.ctx.tasks.run(
            _remove_job,
            self.ctx.connect,
            self.ctx.data_dir,
            doc_id,
            on_result=lambda _r: (self.library.refresh(), self.status_message(self.tr("Removed “{0}”").format(title))),
            name="remove document",
            context=self,
        )

    # -- import -----------------------------------------------------------------------

    def choose_import(self) -> None:
        patterns = " ".join(f"*{ext}" for ext in sorted(SUPPORTED_EXTENSIONS))
        files, _ = QFileDialog.getOpenFileNames(
            self,
            self.tr("Import documents"),
            self.ctx.settings.get_str("session/import_dir", str(Path.home())),
            self.tr("Documents ({0});;All files (*)").format(patterns),
        )
        if files:
            self.ctx.settings.set("session/import_dir", str(Path(files[0]).parent))
            self.import_paths(files)

    def choose_import_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Import a folder"), self.ctx.settings.get_str("session/import_dir", str(Path.home()))
        )
        if folder:
            self.ctx.settings.set("session/import_dir", folder)
            self.import_paths([folder])

    def import_paths(self, paths: list[str]) -> None:
        """Import files/folders in the background; a non-modal report lists what was refused."""
        if not paths:
            return
        from desktop.ui.import_progress import ImportProgress

        self.status_message(self.tr("Importing {0} item(s)…").format(len(paths)), 0)
        self._import_progress = ImportProgress(self, lambda: self._import_task and self._import_task.cancel())
        self._import_task = self.ctx.tasks.run(
            import_paths_job,
            self.ctx.connect,
            self.ctx.data_dir,
            [str(p) for p in paths],
            on_result=self._imported,
            on_error=self._import_failed,
            on_progress=self._import_progress.report,
            name="import",
            context=self,
        )

    def _close_import_progress(self) -> None:
        self._import_task = None
        if self._import_progress is not None:
            self._import_progress.close()
            self._import_progress.deleteLater()
            self._import_progress = None

    def _import_failed(self, exc: BaseException) -> None:
        self._close_import_progress()
        self.show_error(self.tr("Import failed: {0}").format(exc))

    def _imported(self, outcomes: list) -> None:
        self._close_import_progress()
        self.library.refresh()
        imported = [o for o in outcomes if o.status in ("imported", "updated")]
        refused = [o for o in outcomes if o.status == "refused"]
        cancelled = [o for o in outcomes if o.status == "cancelled"]
        self.status_message(
            self.tr("Imported {0} document(s), {1} unchanged, {2} refused").format(
                len(imported), len(outcomes) - len(imported) - len(refused) - len(cancelled), len(refused)
            )
            + (self.tr("; import cancelled, {0} file(s) not imported").format(len(cancelled)) if cancelled else "")
        )
        if refused or cancelled or len(imported) > 1 or any(o.warnings for o in imported):
            if self._import_report is None:
                self._import_report = ImportReport(self)
            self._import_report.show_outcomes(outcomes)
        if imported and self.reader.current_document() is None and imported[0].doc_id is not None:
            self.open_document(imported[0].doc_id)
        self.importFinished.emit(outcomes)

    @staticmethod
    def _local_paths(event) -> list[str]:
        mime = event.mimeData()
        if not mime.hasUrls():
            return []
        return [u.toLocalFile() for u in mime.urls() if u.isLocalFile() and u.toLocalFile()]

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._local_paths(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:
        if self._local_paths(event):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = self._local_paths(event)
        if paths:
            event.acceptProposedAction()
            self.import_paths(paths)

    # -- state ------------------------------------------------------------------------

    def restore_state(self) -> None:
        s = self.ctx.settings
        geometry = s.get_bytes("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1320, 840)
            dock = self.library.parentWidget()
            if isinstance(dock, QDockWidget):
                self.resizeDocks([dock], [360], Qt.Orientation.Horizontal)
        state = s.get_bytes("window/state")
        if state is not None:
            self.restoreState(state)

    def save_state(self) -> None:
        s = self.ctx.settings
        s.set("window/geometry", self.saveGeometry())
        s.set("window/state", self.saveState())
        self.reader.save_position()
        s.sync()

    def open_last_document(self) -> bool:
        """Reopen the last-read document at its position; False if there is none."""
        doc_id = self.ctx.settings.get_int("session/last_document", 0)
        if doc_id <= 0 or not self.ctx.conn.execute("SELECT 1 FROM documents WHERE id = ?", (doc_id,)).fetchone():
            return False
        self.reader.open_document(doc_id)
        return True

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_state()
        self.translation.stop()  # what is queued resumes at the next start
        super().closeEvent(event)


def _remove_job(connect, data_dir: Path, doc_id: int) -> None:
    from desktop import operations

    conn = connect()
    try:
        operations.remove_document(conn, data_dir, doc_id)
    finally:
        conn.close()
